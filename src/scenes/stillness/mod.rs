//! The stillness, an anechoic chamber: a room that swallows every echo, where after a while of near
//! silence the drummer's own body becomes audible, one layer after another. Then the end card.
//!
//! The body is heard from inside the head, through the same failing ears as everything else: bone
//! conduction and the occlusion of the ears lift its low rumble, and that low end is where the drummer's
//! hearing holds out longest, so the body is what is left to hear. Each layer is set at the ear loud
//! enough to come through the hearing at 0.9 to 1.0 (recruitment lets a loud low band through nearly
//! whole), and the room itself is almost nothing.

pub mod chamber;

use bevy::prelude::*;

use super::{
    Journey, Place,
    timeline::{Beat, Cue, Happening, Keyframe, Length, Story, StoryClock},
};
use crate::{
    AppSystems, PausableSystems,
    audio::{FadeIn, PlaySound, SoundEmitter, SoundKey},
    autopilot::Guide,
    hearing::HearingProgression,
    player::{Player, Stillness, player},
    ui::captions::Caption,
};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(Place::Stillness),
        (chamber::spawn_the_chamber, enter_the_stillness),
    )
    .add_systems(OnExit(Place::Stillness), leave_the_stillness)
    .add_systems(
        Update,
        (
            tell_the_story.in_set(AppSystems::TickTimers),
            sound_the_body.in_set(AppSystems::Update),
        )
            .run_if(in_state(Place::Stillness))
            .in_set(PausableSystems),
    );
}

/// The stretches of the stillness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum StillnessBeat {
    /// The room swallows everything: near silence, meant.
    Silence,
    /// The body becomes audible, one layer after another.
    Body,
    /// Everything the body makes, and nothing else; then the end card.
    Limit,
}

/// The sounds of the drummer's body, in the order they become audible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum BodySound {
    BloodRush,
    Heartbeat,
    Breath,
    Tendons,
    Swallow,
    Blink,
}

/// How a layer keeps sounding once it has arrived.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sounding {
    /// A loop that plays on.
    Loop,
    /// A one-shot that comes again about every so many seconds.
    Every(f32),
}

impl BodySound {
    /// The order they arrive in.
    pub const IN_ORDER: [BodySound; 6] = [
        BodySound::BloodRush,
        BodySound::Heartbeat,
        BodySound::Breath,
        BodySound::Tendons,
        BodySound::Swallow,
        BodySound::Blink,
    ];

    /// The sound file's stem.
    pub fn stem(self) -> &'static str {
        match self {
            BodySound::BloodRush => "blood_rush",
            BodySound::Heartbeat => "heartbeat",
            BodySound::Breath => "breath_slow",
            BodySound::Tendons => "tendon_creak",
            BodySound::Swallow => "swallow",
            BodySound::Blink => "blink",
        }
    }

    /// The caption shown when the layer arrives.
    pub fn caption(self) -> &'static str {
        match self {
            BodySound::BloodRush => "[the rush of your own blood]",
            BodySound::Heartbeat => "[your heartbeat]",
            BodySound::Breath => "[your breath, slow]",
            BodySound::Tendons => "[a tendon creaks in your neck]",
            BodySound::Swallow => "[you swallow]",
            BodySound::Blink => "[you blink, and hear it]",
        }
    }

    pub fn sounding(self) -> Sounding {
        match self {
            BodySound::BloodRush | BodySound::Heartbeat | BodySound::Breath => Sounding::Loop,
            BodySound::Tendons => Sounding::Every(7.5),
            BodySound::Swallow => Sounding::Every(12.0),
            BodySound::Blink => Sounding::Every(4.5),
        }
    }

    /// Gain on the file, at the ear (dB; 0 dBFS is 100 dB SPL): loud enough that the layer comes through
    /// ears at the limit of hearing.
    pub fn volume_db(self) -> f32 {
        match self {
            BodySound::BloodRush => -12.0,
            BodySound::Heartbeat => -14.0,
            BodySound::Breath => -17.0,
            BodySound::Tendons => 0.0,
            BodySound::Swallow => 0.0,
            BodySound::Blink => 2.0,
        }
    }
}

/// What happens at a moment of the stillness.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StillnessCue {
    /// A caption for what the drummer notices (or the silence that is meant).
    Notice(&'static str),
    /// A layer of the body becomes audible.
    Arrives(BodySound),
}

/// A layer rises from nothing over this long rather than popping in (s).
pub const FADE_IN_S: f32 = 4.0;
/// Seconds between layers.
const LAYER_EVERY_S: f32 = 7.0;
/// While the visitor moves, the body takes longer to come (story seconds per second).
pub const MOVING_PACE: f32 = 0.6;
/// Held this long, the visitor counts as still.
const STILL_AFTER_S: f32 = 0.5;

/// The stillness, about one minute and a quarter.
pub const STORY: Story<StillnessBeat, StillnessCue> = Story {
    beats: &[
        Beat {
            name: StillnessBeat::Silence,
            length: Length::Seconds(12.0),
            progression: &[Keyframe {
                at_s: 0.0,
                progression: 0.9,
            }],
            cues: &[
                Cue {
                    at_s: 0.5,
                    what: StillnessCue::Notice("[silence]"),
                },
                Cue {
                    at_s: 6.0,
                    what: StillnessCue::Notice("[no echo, no hum: the room swallows everything]"),
                },
            ],
        },
        Beat {
            name: StillnessBeat::Body,
            length: Length::Seconds(6.0 * LAYER_EVERY_S),
            progression: &[
                Keyframe {
                    at_s: 0.0,
                    progression: 0.9,
                },
                Keyframe {
                    at_s: 6.0 * LAYER_EVERY_S,
                    progression: 0.95,
                },
            ],
            cues: &[
                Cue {
                    at_s: 0.0,
                    what: StillnessCue::Arrives(BodySound::BloodRush),
                },
                Cue {
                    at_s: LAYER_EVERY_S,
                    what: StillnessCue::Arrives(BodySound::Heartbeat),
                },
                Cue {
                    at_s: 2.0 * LAYER_EVERY_S,
                    what: StillnessCue::Arrives(BodySound::Breath),
                },
                Cue {
                    at_s: 3.0 * LAYER_EVERY_S,
                    what: StillnessCue::Arrives(BodySound::Tendons),
                },
                Cue {
                    at_s: 4.0 * LAYER_EVERY_S,
                    what: StillnessCue::Arrives(BodySound::Swallow),
                },
                Cue {
                    at_s: 5.0 * LAYER_EVERY_S,
                    what: StillnessCue::Arrives(BodySound::Blink),
                },
            ],
        },
        Beat {
            name: StillnessBeat::Limit,
            length: Length::Seconds(22.0),
            progression: &[
                Keyframe {
                    at_s: 0.0,
                    progression: 0.95,
                },
                Keyframe {
                    at_s: 22.0,
                    progression: 1.0,
                },
            ],
            cues: &[Cue {
                at_s: 4.0,
                what: StillnessCue::Notice("[only your body, and nothing else]"),
            }],
        },
    ],
};

/// Where the drummer stands when the chamber opens, behind the chair, facing past it.
pub const START: Vec3 = Vec3::new(0.5, 0.0, 1.5);

/// Where the stillness's story is.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct StillnessClock(pub StoryClock);

impl StillnessClock {
    pub fn beat(&self) -> StillnessBeat {
        STORY.beat(&self.0)
    }
}

/// A layer of the body that has arrived: a loop in the head (with its [`SoundEmitter`]), or a one-shot
/// that comes again. Taking these away takes the body away.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct BodyLayer {
    pub sound: BodySound,
    /// Seconds since the layer arrived.
    pub age_s: f32,
    /// How many times a recurring layer has sounded.
    times: u32,
    /// When (in `age_s`) a recurring layer sounds next.
    next_s: f32,
}

fn enter_the_stillness(mut commands: Commands, mut guide: ResMut<Guide>) {
    let clock = STORY.clock_at(StillnessBeat::Silence);
    commands.insert_resource(StillnessClock(clock));
    commands.spawn((
        DespawnOnExit(Place::Stillness),
        player(
            START,
            START + Vec3::new(-0.35, 0.0, -1.0),
            STORY.progression(&clock),
        ),
    ));
    *guide = Guide::HoldStill;
}

fn leave_the_stillness(mut commands: Commands, mut guide: ResMut<Guide>) {
    commands.remove_resource::<StillnessClock>();
    *guide = Guide::Watch;
}

fn tell_the_story(
    time: Res<Time>,
    mut clock: ResMut<StillnessClock>,
    mut journey: Journey,
    mut commands: Commands,
    mut captions: MessageWriter<Caption>,
    mut player: Single<(&mut HearingProgression, &Stillness), With<Player>>,
) {
    let (progression, stillness) = &mut *player;
    let pace = if stillness.held_s >= STILL_AFTER_S {
        1.0
    } else {
        MOVING_PACE
    };
    let story_s = journey.story_s(Place::Stillness, time.delta_secs()) * pace;
    let happened = STORY.advance(&mut clock.0, story_s);
    progression.0 = STORY.progression(&clock.0);
    for happening in happened {
        match happening {
            Happening::Began(_) => {}
            Happening::Cue(StillnessCue::Notice(text)) => {
                captions.write(Caption::sound(text, 6.0));
            }
            Happening::Cue(StillnessCue::Arrives(sound)) => {
                captions.write(Caption::sound(sound.caption(), 5.0));
                let layer = BodyLayer {
                    sound,
                    age_s: 0.0,
                    times: 0,
                    next_s: 0.0,
                };
                let mut entity = commands.spawn((
                    DespawnOnExit(Place::Stillness),
                    Name::new(format!("Your body: {}", sound.stem())),
                    layer,
                ));
                if sound.sounding() == Sounding::Loop {
                    entity.insert((
                        SoundEmitter {
                            sound: SoundKey(sound.stem()),
                            looping: true,
                            volume_db: sound.volume_db(),
                            in_head: true,
                        },
                        FadeIn(FADE_IN_S),
                    ));
                }
            }
            Happening::Finished => journey.move_on(Place::Stillness),
        }
    }
}

/// The recurring layers come again and again, a little irregularly; their first few times are softer,
/// so they too fade in rather than pop.
fn sound_the_body(
    time: Res<Time>,
    mut layers: Query<&mut BodyLayer>,
    mut sounds: MessageWriter<PlaySound>,
) {
    for mut layer in &mut layers {
        layer.age_s += time.delta_secs();
        let Sounding::Every(period_s) = layer.sound.sounding() else {
            continue;
        };
        if layer.age_s < layer.next_s {
            continue;
        }
        let rising_db = -12.0 * (1.0 - layer.age_s / (2.0 * FADE_IN_S)).max(0.0);
        sounds.write(PlaySound {
            sound: SoundKey(layer.sound.stem()),
            volume_db: layer.sound.volume_db() + rising_db,
            position: None,
        });
        layer.times += 1;
        // A body keeps no metronome: each gap is a little longer or shorter than the last.
        let wobble = [0.0, 0.25, -0.2, 0.1, -0.15][layer.times as usize % 5];
        layer.next_s += period_s * (1.0 + wobble);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn told_s() -> f32 {
        STORY
            .beats
            .iter()
            .map(|beat| match beat.length {
                Length::Seconds(s) => s,
                Length::UntilTheVisitorActs => 0.0,
            })
            .sum()
    }

    #[test]
    fn the_stillness_lasts_about_a_minute_and_a_quarter() {
        assert!((60.0..=90.0).contains(&told_s()), "{} s", told_s());
    }

    #[test]
    fn the_body_arrives_layer_by_layer_in_order() {
        let arrivals: Vec<BodySound> = STORY
            .beats
            .iter()
            .flat_map(|beat| beat.cues)
            .filter_map(|cue| match cue.what {
                StillnessCue::Arrives(sound) => Some(sound),
                StillnessCue::Notice(_) => None,
            })
            .collect();
        assert_eq!(arrivals, BodySound::IN_ORDER);
    }

    #[test]
    fn hearing_stays_at_the_limit_and_never_jumps() {
        for beat in STORY.beats {
            for keyframe in beat.progression {
                assert!((0.9..=1.0).contains(&keyframe.progression));
            }
        }
        for pair in STORY.beats.windows(2) {
            let end = pair[0].progression.last().unwrap().progression;
            let start = pair[1].progression.first().unwrap().progression;
            assert_eq!(end, start, "{:?} -> {:?}", pair[0].name, pair[1].name);
        }
    }
}
