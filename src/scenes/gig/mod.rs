//! The gig, a club at night: the merch table, the onset, the walk to the stage and the set, as a story.

pub mod club;
pub mod drums;
pub mod set;

use bevy::prelude::*;

use super::{
    Journey, Place, TinnitusOnset,
    timeline::{Beat, Cue, Happening, Keyframe, Length, Story, StoryClock},
};
use crate::{
    AppSystems, PausableSystems,
    audio::{PlaySound, SoundKey},
    autopilot::Guide,
    hearing::HearingProgression,
    player::{Balance, Interacted, Player, Seated},
    ui::{
        captions::{Caption, Speaker, Transcript},
        prompt::{StageHint, hint},
    },
};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<GigOpening>()
        .add_plugins((club::plugin, set::plugin))
        .add_systems(OnEnter(Place::Gig), begin_the_night)
        .add_systems(OnExit(Place::Gig), end_the_night)
        .add_systems(
            Update,
            (
                tell_the_story.in_set(AppSystems::TickTimers),
                guide_the_visitor
                    .in_set(AppSystems::TickTimers)
                    .after(tell_the_story),
                take_the_stool.in_set(AppSystems::Update),
            )
                .run_if(in_state(Place::Gig))
                .in_set(PausableSystems),
        );
}

/// The stretches of the night.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum GigBeat {
    /// Behind the merch table with the singer; the bar around you. Hearing normal.
    MerchTable,
    /// The ringing, the rush, the view losing its balance.
    Onset,
    /// Open: the kit waits on the stage until the visitor sits down to play.
    WalkToStage,
    /// The set: the visitor keeps the beat while the loss deepens.
    Set,
}

/// Who speaks a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum Voice {
    /// The singer, the drummer's bandmate, at the merch table.
    Singer,
    /// The drummer's own voice, heard from inside the head.
    You,
}

/// What happens at a moment of the gig.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GigCue {
    /// A recorded line, by its file stem; its words come from the transcript.
    Says(Voice, &'static str),
    /// Glasses at the bar, by file stem.
    Clink(&'static str, Vec3),
    /// A caption for something the drummer notices.
    Notice(&'static str),
}

/// The gig, about three minutes with the walk to the stage.
pub const STORY: Story<GigBeat, GigCue> = Story {
    beats: &[
        Beat {
            name: GigBeat::MerchTable,
            length: Length::Seconds(44.0),
            progression: &[Keyframe {
                at_s: 0.0,
                progression: 0.0,
            }],
            cues: &[
                Cue {
                    at_s: 0.5,
                    what: GigCue::Notice("[bar chatter, glasses]"),
                },
                Cue {
                    at_s: 1.5,
                    what: GigCue::Notice("[the support act soundchecking on stage]"),
                },
                Cue {
                    at_s: 3.0,
                    what: GigCue::Says(Voice::Singer, "singer_merch_1"),
                },
                Cue {
                    at_s: 9.0,
                    what: GigCue::Clink("glass_clink_1", club::BAR_GLASSES[0]),
                },
                Cue {
                    at_s: 16.0,
                    what: GigCue::Says(Voice::Singer, "singer_merch_2"),
                },
                Cue {
                    at_s: 21.0,
                    what: GigCue::Says(Voice::You, "drummer_1"),
                },
                Cue {
                    at_s: 28.0,
                    what: GigCue::Clink("glass_clink_2", club::BAR_GLASSES[1]),
                },
                Cue {
                    at_s: 38.0,
                    what: GigCue::Clink("glass_clink_3", club::BAR_GLASSES[2]),
                },
            ],
        },
        Beat {
            name: GigBeat::Onset,
            length: Length::Seconds(16.0),
            progression: &[
                Keyframe {
                    at_s: 0.0,
                    progression: 0.0,
                },
                Keyframe {
                    at_s: 1.5,
                    progression: 0.3,
                },
                Keyframe {
                    at_s: 6.0,
                    progression: 0.55,
                },
                Keyframe {
                    at_s: 16.0,
                    progression: 0.6,
                },
            ],
            cues: &[
                Cue {
                    at_s: 0.0,
                    what: GigCue::Notice("[a high ringing in your ears]"),
                },
                Cue {
                    at_s: 1.5,
                    what: GigCue::Notice("[a rush of noise buries everything]"),
                },
                Cue {
                    at_s: 5.0,
                    what: GigCue::Says(Voice::Singer, "singer_merch_3"),
                },
                Cue {
                    at_s: 8.0,
                    what: GigCue::Clink("glass_clink_1", club::BAR_GLASSES[1]),
                },
                Cue {
                    at_s: 10.5,
                    what: GigCue::Says(Voice::Singer, "singer_merch_4"),
                },
                Cue {
                    at_s: 14.5,
                    what: GigCue::Says(Voice::You, "drummer_2"),
                },
            ],
        },
        Beat {
            name: GigBeat::WalkToStage,
            length: Length::UntilTheVisitorActs,
            progression: &[
                Keyframe {
                    at_s: 0.0,
                    progression: 0.6,
                },
                Keyframe {
                    at_s: 20.0,
                    progression: 0.62,
                },
            ],
            cues: &[Cue {
                at_s: 0.5,
                what: GigCue::Notice("[the ringing stays]"),
            }],
        },
        Beat {
            name: GigBeat::Set,
            length: Length::Seconds(set::SET_S),
            progression: &[
                Keyframe {
                    at_s: 0.0,
                    progression: 0.62,
                },
                Keyframe {
                    at_s: 24.0,
                    progression: 0.7,
                },
                Keyframe {
                    at_s: 54.0,
                    progression: 0.76,
                },
                Keyframe {
                    at_s: set::SET_S,
                    progression: 0.82,
                },
            ],
            cues: &[
                Cue {
                    at_s: 0.0,
                    what: GigCue::Notice("[the band: drums, distorted bass, a wall of guitar]"),
                },
                Cue {
                    at_s: 30.0,
                    what: GigCue::Notice("[the music thins into low, distant thuds]"),
                },
                Cue {
                    at_s: 56.0,
                    what: GigCue::Notice("[only the kick, through the floor]"),
                },
            ],
        },
    ],
};

/// Glasses are noticed only while the highs are still there.
const CLINKS_HEARD_BELOW: f32 = 0.2;

/// The beat the gig opens at (the merch table, unless a command line or a test says otherwise).
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct GigOpening(pub GigBeat);

impl Default for GigOpening {
    fn default() -> Self {
        Self(GigBeat::MerchTable)
    }
}

/// Where the gig's story is.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct GigClock(pub StoryClock);

impl GigClock {
    pub fn beat(&self) -> GigBeat {
        STORY.beat(&self.0)
    }
}

fn begin_the_night(mut commands: Commands, opening: Res<GigOpening>) {
    let clock = STORY.clock_at(opening.0);
    commands.insert_resource(GigClock(clock));
    let (feet, toward) = club::standing_spot(opening.0);
    commands.spawn((
        DespawnOnExit(Place::Gig),
        crate::player::player(feet, toward, STORY.progression(&clock)),
    ));
}

fn end_the_night(mut commands: Commands) {
    commands.remove_resource::<GigClock>();
}

#[derive(bevy::ecs::system::SystemParam)]
struct Storyteller<'w, 's> {
    commands: Commands<'w, 's>,
    sounds: MessageWriter<'w, PlaySound>,
    captions: MessageWriter<'w, Caption>,
    onset: MessageWriter<'w, TinnitusOnset>,
    transcript: Res<'w, Transcript>,
    journey: Journey<'w>,
}

fn tell_the_story(
    time: Res<Time>,
    mut clock: ResMut<GigClock>,
    mut teller: Storyteller,
    mut player: Single<&mut HearingProgression, With<Player>>,
    mut balance: Query<&mut Balance>,
) {
    let story_s = teller.journey.story_s(Place::Gig, time.delta_secs());
    let happened = STORY.advance(&mut clock.0, story_s);
    let progression = STORY.progression(&clock.0);
    player.0 = progression;
    for happening in happened {
        match happening {
            Happening::Began(GigBeat::Onset) => {
                teller.onset.write(TinnitusOnset);
                for mut balance in &mut balance {
                    balance.lose();
                }
                teller.commands.trigger(club::SoundcheckEnds);
            }
            Happening::Began(GigBeat::Set) => teller.commands.trigger(set::SetBegins),
            Happening::Began(GigBeat::WalkToStage) => {
                teller.commands.spawn((
                    DespawnOnExit(Place::Gig),
                    StageHint,
                    hint("The band is waiting. Your kit is on the stage."),
                ));
            }
            Happening::Began(GigBeat::MerchTable) => {}
            Happening::Cue(cue) => teller.cue(cue, progression),
            Happening::Finished => teller.journey.move_on(Place::Gig),
        }
    }
}

impl Storyteller<'_, '_> {
    fn cue(&mut self, cue: GigCue, progression: f32) {
        match cue {
            GigCue::Says(voice, stem) => {
                let position = match voice {
                    Voice::Singer => Some(club::SINGER_MOUTH),
                    Voice::You => None,
                };
                self.sounds.write(PlaySound {
                    sound: SoundKey(stem),
                    volume_db: 0.0,
                    position,
                });
                let speaker = match voice {
                    Voice::Singer => Speaker::Named("Singer".to_string()),
                    Voice::You => Speaker::You,
                };
                self.captions
                    .write(self.transcript.spoken(stem, speaker, progression));
            }
            GigCue::Clink(stem, at) => {
                self.sounds.write(PlaySound {
                    sound: SoundKey(stem),
                    volume_db: -6.0,
                    position: Some(at),
                });
                if progression < CLINKS_HEARD_BELOW {
                    self.captions
                        .write(Caption::sound("[a glass clinks at the bar]", 2.5));
                }
            }
            GigCue::Notice(text) => {
                self.captions.write(Caption::sound(text, 4.0));
            }
        }
    }
}

/// From the merch table, round its end and across the floor to the front of the stage.
pub const ROUTE_TO_THE_STAGE: [Vec3; 3] = [
    Vec3::new(-4.0, 0.0, 5.9),
    Vec3::new(-4.9, 0.0, 3.3),
    Vec3::new(0.0, 0.0, club::STAGE_FRONT_Z + 0.4),
];

/// What the night asks of the visitor: nothing until the walk, then the kit, then the beat (kick on the
/// beat, snare off it).
fn guide_the_visitor(
    clock: Res<GigClock>,
    the_set: Option<Res<set::TheSet>>,
    mut guide: ResMut<Guide>,
) {
    let wanted = match (clock.beat(), the_set) {
        (GigBeat::WalkToStage, _) => Guide::Use {
            route: ROUTE_TO_THE_STAGE.to_vec(),
            thing: club::KIT_AT,
        },
        (GigBeat::Set, Some(the_set)) if the_set.song_s >= 0.0 => {
            let beat = (the_set.song_s / drums::SONG.beat_s()) as u32;
            Guide::Answer {
                key: if beat.is_multiple_of(2) {
                    KeyCode::KeyJ
                } else {
                    KeyCode::KeyK
                },
                prompt: beat,
            }
        }
        _ => Guide::Watch,
    };
    guide.set_if_neq(wanted);
}

/// Sitting down at the kit ends the walk and starts the set.
fn take_the_stool(
    mut used: MessageReader<Interacted>,
    kits: Query<(), With<club::DrumKit>>,
    mut clock: ResMut<GigClock>,
    seated: Query<(), (With<Player>, With<Seated>)>,
) {
    for Interacted(entity) in used.read() {
        if kits.contains(*entity) && clock.beat() == GigBeat::WalkToStage && seated.is_empty() {
            clock.0.proceed();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gig_lasts_about_three_minutes_with_a_short_walk() {
        let walk_s = 25.0;
        let told_s: f32 = STORY
            .beats
            .iter()
            .map(|beat| match beat.length {
                Length::Seconds(s) => s,
                Length::UntilTheVisitorActs => walk_s,
            })
            .sum();
        assert!((150.0..=200.0).contains(&told_s), "{told_s} s");
    }

    #[test]
    fn hearing_is_normal_at_the_merch_table_and_severe_at_the_end_of_the_set() {
        let clock = STORY.clock_at(GigBeat::MerchTable);
        assert_eq!(STORY.progression(&clock), 0.0);
        let mut clock = STORY.clock_at(GigBeat::Set);
        STORY.advance(&mut clock, set::SET_S - 0.01);
        assert!(STORY.progression(&clock) >= 0.75);
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
    fn every_line_of_the_night_is_a_sound_the_generator_makes() {
        let stems: Vec<&str> = STORY
            .beats
            .iter()
            .flat_map(|beat| beat.cues)
            .filter_map(|cue| match cue.what {
                GigCue::Says(_, stem) | GigCue::Clink(stem, _) => Some(stem),
                GigCue::Notice(_) => None,
            })
            .collect();
        for stem in [
            "singer_merch_1",
            "singer_merch_2",
            "singer_merch_3",
            "singer_merch_4",
            "drummer_1",
            "drummer_2",
            "glass_clink_1",
            "glass_clink_2",
            "glass_clink_3",
        ] {
            assert!(stems.contains(&stem), "{stem} is cued");
        }
    }
}
