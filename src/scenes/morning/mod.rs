//! The morning after, in the parked RV: waking to your own body, breakfast heard through a wall of cotton,
//! and the door out to a doctor, as a story.

pub mod rv;

use bevy::prelude::*;

use super::{
    Journey, Place,
    timeline::{Beat, Cue, Happening, Keyframe, Length, Story, StoryClock},
};
use crate::{
    AppSystems, PausableSystems,
    audio::{PlaySound, SoundEmitter, SoundKey},
    autopilot::Guide,
    hearing::HearingProgression,
    player::{Head, Interactable, Interacted, MovementIntent, Player},
    ui::{
        captions::{Caption, Speaker, Transcript},
        prompt::hint,
    },
};

pub(super) fn plugin(app: &mut App) {
    app.add_plugins(rv::plugin)
        .add_systems(OnEnter(Place::Morning), wake_up)
        .add_systems(OnExit(Place::Morning), end_the_morning)
        .add_systems(
            Update,
            (
                tell_the_story.in_set(AppSystems::TickTimers),
                (use_things, get_up).in_set(AppSystems::Update),
            )
                .run_if(in_state(Place::Morning))
                .in_set(PausableSystems),
        );
}

/// The stretches of the morning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum MorningBeat {
    /// Sitting up on the bed: your breath and heartbeat louder than the room.
    Waking,
    /// Open: up, past the singer, to the coffee on the table.
    Breakfast,
    /// At the table with the coffee while she talks; her words arrive as fragments.
    Table,
    /// Open: she points at the door. A doctor, today.
    Leaving,
}

/// What happens at a moment of the morning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MorningCue {
    /// The singer says a recorded line, by its file stem, from the counter.
    Says(&'static str),
    /// A sound of the kitchen once, by file stem, from where it is, with its caption.
    Sounds(&'static str, Vec3, &'static str),
    /// One of the morning's running sounds ([`rv::LOOPS`]) comes in, by file stem.
    Comes(&'static str),
    /// A caption for something the drummer notices.
    Notice(&'static str),
}

/// The morning, about two minutes with its two short walks.
pub const STORY: Story<MorningBeat, MorningCue> = Story {
    beats: &[
        Beat {
            name: MorningBeat::Waking,
            length: Length::Seconds(40.0),
            progression: &[
                Keyframe {
                    at_s: 0.0,
                    progression: 0.85,
                },
                Keyframe {
                    at_s: 40.0,
                    progression: 0.83,
                },
            ],
            // The cut from the set lands in silence; then the body, then the room, muffled.
            cues: &[
                Cue {
                    at_s: 0.0,
                    what: MorningCue::Notice("[silence]"),
                },
                Cue {
                    at_s: 1.5,
                    what: MorningCue::Comes("heartbeat"),
                },
                Cue {
                    at_s: 1.6,
                    what: MorningCue::Notice("[your heartbeat, loud inside your head]"),
                },
                Cue {
                    at_s: 2.5,
                    what: MorningCue::Comes("breath_slow"),
                },
                Cue {
                    at_s: 2.5,
                    what: MorningCue::Comes("blood_rush"),
                },
                Cue {
                    at_s: 3.0,
                    what: MorningCue::Notice("[your own breath]"),
                },
                Cue {
                    at_s: 3.5,
                    what: MorningCue::Comes("traffic"),
                },
                Cue {
                    at_s: 3.5,
                    what: MorningCue::Comes("coffee_percolator"),
                },
                Cue {
                    at_s: 3.5,
                    what: MorningCue::Comes("radio"),
                },
                Cue {
                    at_s: 5.0,
                    what: MorningCue::Notice("[a low rumble: traffic outside]"),
                },
                Cue {
                    at_s: 8.0,
                    what: MorningCue::Sounds("blender", rv::BLENDER_AT, "[the blender, far away]"),
                },
                Cue {
                    at_s: 19.0,
                    what: MorningCue::Says("singer_morning_1"),
                },
                Cue {
                    at_s: 25.0,
                    what: MorningCue::Notice("[the coffee bubbling, muffled]"),
                },
                Cue {
                    at_s: 32.0,
                    what: MorningCue::Notice("[a radio, somewhere under water]"),
                },
            ],
        },
        Beat {
            name: MorningBeat::Breakfast,
            length: Length::UntilTheVisitorActs,
            progression: &[
                Keyframe {
                    at_s: 0.0,
                    progression: 0.83,
                },
                Keyframe {
                    at_s: 20.0,
                    progression: 0.82,
                },
            ],
            cues: &[Cue {
                at_s: 12.0,
                what: MorningCue::Sounds("blender", rv::BLENDER_AT, "[the blender again, muffled]"),
            }],
        },
        Beat {
            name: MorningBeat::Table,
            length: Length::Seconds(45.0),
            progression: &[
                Keyframe {
                    at_s: 0.0,
                    progression: 0.82,
                },
                Keyframe {
                    at_s: 45.0,
                    progression: 0.8,
                },
            ],
            cues: &[
                Cue {
                    at_s: 0.5,
                    what: MorningCue::Notice(
                        "[the mug is warm; you cannot hear it touch the table]",
                    ),
                },
                Cue {
                    at_s: 5.0,
                    what: MorningCue::Says("singer_morning_2"),
                },
                Cue {
                    at_s: 13.0,
                    what: MorningCue::Sounds(
                        "blender",
                        rv::BLENDER_AT,
                        "[the blender: a hum you feel more than hear]",
                    ),
                },
                Cue {
                    at_s: 24.0,
                    what: MorningCue::Says("singer_morning_3"),
                },
                Cue {
                    at_s: 32.0,
                    what: MorningCue::Notice("[a truck passes outside: the floor trembles]"),
                },
                Cue {
                    at_s: 40.0,
                    what: MorningCue::Notice("[she waits for an answer you did not hear]"),
                },
            ],
        },
        Beat {
            name: MorningBeat::Leaving,
            length: Length::UntilTheVisitorActs,
            progression: &[Keyframe {
                at_s: 0.0,
                progression: 0.8,
            }],
            cues: &[Cue {
                at_s: 0.5,
                what: MorningCue::Notice(
                    "[she taps her ear, then points at the door: a doctor, today]",
                ),
            }],
        },
    ],
};

/// How much of her words lip reading gives back, on the progression scale, when her face is in view.
const LIP_READING: f32 = 0.4;
/// How much standing close to her gives back.
const NEARNESS: f32 = 0.1;
/// Within this distance her face can be read (m).
const READS_LIPS_WITHIN_M: f32 = 4.0;
/// Within this distance she is near (m).
const NEAR_WITHIN_M: f32 = 2.2;
/// Her face is in view this close to the line of sight (rad).
const FACE_IN_VIEW_RAD: f32 = 0.5;
/// Never the whole line: the ears are severe, lip reading guesses.
const CATCH_AT_BEST: f32 = 0.25;

/// Where the morning's story is.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct MorningClock(pub StoryClock);

impl MorningClock {
    pub fn beat(&self) -> MorningBeat {
        STORY.beat(&self.0)
    }
}

/// What the visitor is asked to do in a beat: the route (floor-plan points that avoid the furniture) and
/// the thing to use at its end.
pub fn guide_for(beat: MorningBeat) -> Guide {
    match beat {
        MorningBeat::Waking | MorningBeat::Table => Guide::Watch,
        MorningBeat::Breakfast => Guide::Use {
            route: rv::TO_THE_TABLE.to_vec(),
            thing: rv::MUG_AT,
        },
        MorningBeat::Leaving => Guide::Use {
            route: rv::TO_THE_DOOR.to_vec(),
            thing: rv::DOOR_HANDLE_AT,
        },
    }
}

/// What of a line the drummer catches (on the progression scale that [`perceive`] reads): the ears give
/// nothing at a severe loss, so what comes through is what the eyes read off her lips, a little more up close.
pub fn caught(progression: f32, distance_m: f32, face_in_view: bool) -> f32 {
    let mut catch = progression;
    if face_in_view && distance_m <= READS_LIPS_WITHIN_M {
        catch -= LIP_READING;
    }
    if distance_m <= NEAR_WITHIN_M {
        catch -= NEARNESS;
    }
    catch.max(CATCH_AT_BEST)
}

fn wake_up(mut commands: Commands, mut guide: ResMut<Guide>) {
    let clock = STORY.clock_at(MorningBeat::Waking);
    commands.insert_resource(MorningClock(clock));
    *guide = guide_for(MorningBeat::Waking);
    commands.spawn((
        DespawnOnExit(Place::Morning),
        crate::player::player(rv::WAKING_FEET, rv::SINGER_MOUTH, STORY.progression(&clock)),
    ));
}

fn end_the_morning(mut commands: Commands, mut guide: ResMut<Guide>) {
    commands.remove_resource::<MorningClock>();
    *guide = Guide::Watch;
}

#[derive(bevy::ecs::system::SystemParam)]
struct Storyteller<'w, 's> {
    commands: Commands<'w, 's>,
    sounds: MessageWriter<'w, PlaySound>,
    captions: MessageWriter<'w, Caption>,
    transcript: Res<'w, Transcript>,
    journey: Journey<'w>,
    guide: ResMut<'w, Guide>,
    mug: Query<'w, 's, Entity, With<rv::Mug>>,
    door: Query<'w, 's, Entity, With<rv::Door>>,
    eyes: Query<'w, 's, &'static GlobalTransform, With<Head>>,
}

fn tell_the_story(
    time: Res<Time>,
    mut clock: ResMut<MorningClock>,
    mut teller: Storyteller,
    mut player: Single<&mut HearingProgression, With<Player>>,
) {
    let story_s = teller.journey.story_s(Place::Morning, time.delta_secs());
    let happened = STORY.advance(&mut clock.0, story_s);
    let progression = STORY.progression(&clock.0);
    player.0 = progression;
    for happening in happened {
        match happening {
            Happening::Began(beat) => teller.begin(beat),
            Happening::Cue(cue) => teller.cue(cue, progression),
            Happening::Finished => teller.journey.move_on(Place::Morning),
        }
    }
}

impl Storyteller<'_, '_> {
    fn begin(&mut self, beat: MorningBeat) {
        *self.guide = guide_for(beat);
        match beat {
            MorningBeat::Waking => {}
            MorningBeat::Breakfast => {
                for mug in &self.mug {
                    self.commands.entity(mug).insert(Interactable {
                        prompt: "Take the coffee".to_string(),
                    });
                }
                self.commands.spawn((
                    DespawnOnExit(Place::Morning),
                    BeatHint(MorningBeat::Breakfast),
                    hint("She has poured you a coffee. It is on the table."),
                ));
            }
            MorningBeat::Table => {
                for mug in &self.mug {
                    self.commands.entity(mug).remove::<Interactable>();
                }
            }
            MorningBeat::Leaving => {
                for door in &self.door {
                    self.commands.entity(door).insert(Interactable {
                        prompt: "Go to the doctor".to_string(),
                    });
                }
                self.commands.spawn((
                    DespawnOnExit(Place::Morning),
                    BeatHint(MorningBeat::Leaving),
                    hint("She is pointing at the door."),
                ));
            }
        }
    }

    fn cue(&mut self, cue: MorningCue, progression: f32) {
        match cue {
            MorningCue::Says(stem) => {
                self.sounds.write(PlaySound {
                    sound: SoundKey(stem),
                    volume_db: 0.0,
                    position: Some(rv::SINGER_MOUTH),
                });
                let (distance_m, in_view) =
                    self.eyes.iter().next().map_or((f32::MAX, false), |eye| {
                        let to = rv::SINGER_MOUTH - eye.translation();
                        let in_view = to.length() > 1e-3
                            && eye.forward().angle_between(to.normalize()) <= FACE_IN_VIEW_RAD;
                        (to.length(), in_view)
                    });
                self.captions.write(self.transcript.spoken(
                    stem,
                    Speaker::Named("Singer".to_string()),
                    caught(progression, distance_m, in_view),
                ));
            }
            MorningCue::Sounds(stem, at, caption) => {
                self.sounds.write(PlaySound {
                    sound: SoundKey(stem),
                    volume_db: 0.0,
                    position: Some(at),
                });
                self.captions.write(Caption::sound(caption, 4.0));
            }
            MorningCue::Comes(stem) => {
                for (_, at, volume_db, in_head) in rv::LOOPS.iter().filter(|l| l.0 == stem) {
                    self.commands.spawn((
                        DespawnOnExit(Place::Morning),
                        Name::new(format!("Sound: {stem}")),
                        SoundEmitter {
                            sound: SoundKey(stem),
                            looping: true,
                            volume_db: *volume_db,
                            in_head: *in_head,
                        },
                        Transform::from_translation(*at),
                    ));
                }
            }
            MorningCue::Notice(text) => {
                self.captions.write(Caption::sound(text, 4.5));
            }
        }
    }
}

/// A hint shown while a beat waits for the visitor; it goes when the beat does.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct BeatHint(pub MorningBeat);

/// Taking the coffee ends the walk to the table; the door, once she points at it, ends the morning.
fn use_things(
    mut commands: Commands,
    mut used: MessageReader<Interacted>,
    mugs: Query<(), With<rv::Mug>>,
    doors: Query<(), With<rv::Door>>,
    hints: Query<(Entity, &BeatHint)>,
    mut clock: ResMut<MorningClock>,
) {
    for Interacted(entity) in used.read() {
        let beat = clock.beat();
        let done = (beat == MorningBeat::Breakfast && mugs.contains(*entity))
            || (beat == MorningBeat::Leaving && doors.contains(*entity));
        if done {
            clock.0.proceed();
            for (hint, shown) in &hints {
                if shown.0 == beat {
                    commands.entity(hint).despawn();
                }
            }
        }
    }
}

/// Standing up from the bed's edge: when the visitor walks, or when breakfast calls; the eyes rise to
/// standing height and stay there.
fn get_up(
    time: Res<Time>,
    clock: Res<MorningClock>,
    mut bodies: Query<(&mut Transform, &MovementIntent), With<Player>>,
) {
    const RISE_M_PER_S: f32 = 0.8;
    for (mut body, intent) in &mut bodies {
        let sitting = body.translation.y <= rv::WAKING_FEET.y + 1e-4;
        let called = clock.beat() != MorningBeat::Waking || intent.0 != Vec2::ZERO;
        if body.translation.y < 0.0 && (!sitting || called) {
            body.translation.y = (body.translation.y + RISE_M_PER_S * time.delta_secs()).min(0.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::captions::perceive;

    /// What the open beats take a visitor who walks straight there.
    const WALK_S: f32 = 10.0;

    fn told_s() -> f32 {
        STORY
            .beats
            .iter()
            .map(|beat| match beat.length {
                Length::Seconds(s) => s,
                Length::UntilTheVisitorActs => WALK_S,
            })
            .sum()
    }

    #[test]
    fn the_morning_lasts_about_two_minutes_with_its_walks() {
        let told_s = told_s();
        assert!((100.0..=140.0).contains(&told_s), "{told_s} s");
    }

    #[test]
    fn progression_never_jumps_between_beats() {
        for pair in STORY.beats.windows(2) {
            let end = pair[0].progression.last().unwrap().progression;
            let start = pair[1].progression.first().unwrap().progression;
            assert_eq!(end, start, "{:?} -> {:?}", pair[0].name, pair[1].name);
        }
    }

    #[test]
    fn the_whole_morning_stays_around_the_severe_stage() {
        for beat in STORY.beats {
            for key in beat.progression {
                assert!(
                    (0.78..=0.86).contains(&key.progression),
                    "{:?} at {} s: {}",
                    beat.name,
                    key.at_s,
                    key.progression
                );
            }
        }
    }

    #[test]
    fn every_stem_the_morning_cues_is_a_sound_file() {
        let cued = STORY
            .beats
            .iter()
            .flat_map(|beat| beat.cues)
            .filter_map(|cue| match cue.what {
                MorningCue::Says(stem)
                | MorningCue::Sounds(stem, _, _)
                | MorningCue::Comes(stem) => Some(stem),
                MorningCue::Notice(_) => None,
            })
            .collect::<Vec<_>>();
        let folder = crate::audio::sound_folder();
        for (stem, ..) in rv::LOOPS {
            assert!(cued.contains(&stem), "{stem} comes in");
        }
        for stem in cued {
            assert!(
                folder.join(format!("{stem}.wav")).is_file(),
                "assets/audio/{stem}.wav"
            );
        }
        for stem in ["singer_morning_1", "singer_morning_2", "singer_morning_3"] {
            assert!(
                STORY
                    .beats
                    .iter()
                    .flat_map(|beat| beat.cues)
                    .any(|cue| cue.what == MorningCue::Says(stem)),
                "{stem} is cued"
            );
        }
    }

    #[test]
    fn her_words_come_through_only_as_fragments_even_face_to_face() {
        let said = "We have the drive to the next show at noon.";
        let behind = perceive(said, caught(0.82, 3.0, false));
        assert_eq!(behind, "[muffled voice]");
        let face_to_face = perceive(said, caught(0.82, 1.5, true));
        assert_ne!(face_to_face, said);
        assert!(face_to_face.contains('…'), "{face_to_face}");
        assert!(
            said.split_whitespace()
                .any(|word| face_to_face.contains(word)),
            "{face_to_face}"
        );
    }

    #[test]
    fn every_open_beat_tells_the_autopilot_what_to_use() {
        for beat in STORY.beats {
            let guide = guide_for(beat.name);
            match beat.length {
                Length::UntilTheVisitorActs => {
                    assert!(matches!(guide, Guide::Use { .. }), "{:?}", beat.name)
                }
                Length::Seconds(_) => assert_eq!(guide, Guide::Watch, "{:?}", beat.name),
            }
        }
    }
}
