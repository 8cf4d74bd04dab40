//! The morning as a story: its beats, what happens in them, and what each asks of the visitor. Pure data
//! and the place's answers to the story kit; `breakfast.rs` acts it out.

use bevy::prelude::*;

use super::layout::{
    BLENDER_AT, COFFEE_AT, DOOR_HANDLE_AT, MUG_AT, RADIO_AT, SINGER_MOUTH, TO_THE_DOOR,
    TO_THE_TABLE, TRAFFIC_AT, WAKING_FEET,
};
use crate::autopilot::Guide;
use crate::journey::Place;
use crate::scenes::kit::PlaceBeat;
use crate::scenes::timeline::{Beat, Cue, Keyframe, Length, Story};

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
    /// One of the morning's running sounds ([`super::layout::LOOPS`]) comes in, by file stem.
    Comes(&'static str),
    /// A caption for something the drummer notices.
    Notice(&'static str),
    /// The same, for something that comes from a place (an arrow points there while it is off
    /// screen).
    NoticeFrom(&'static str, Vec3),
    /// The silence that is meant begins, labelled until the first sound comes in; the message names
    /// what the room still makes meanwhile.
    Silent(&'static str),
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
                    what: MorningCue::Silent("morning-silence-room"),
                },
                Cue {
                    at_s: 1.5,
                    what: MorningCue::Comes("heartbeat"),
                },
                Cue {
                    at_s: 1.6,
                    what: MorningCue::Notice("morning-heartbeat-loud-inside"),
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
                    what: MorningCue::Notice("morning-own-breath"),
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
                    what: MorningCue::NoticeFrom("morning-low-rumble-traffic", TRAFFIC_AT),
                },
                Cue {
                    at_s: 8.0,
                    what: MorningCue::Sounds("blender", BLENDER_AT, "morning-blender-far-away"),
                },
                Cue {
                    at_s: 19.0,
                    what: MorningCue::Says("singer_morning_1"),
                },
                Cue {
                    at_s: 25.0,
                    what: MorningCue::NoticeFrom("morning-coffee-bubbling-muffled", COFFEE_AT),
                },
                Cue {
                    at_s: 32.0,
                    what: MorningCue::NoticeFrom("morning-radio-somewhere-under", RADIO_AT),
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
                what: MorningCue::Sounds("blender", BLENDER_AT, "morning-blender-again-muffled"),
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
                    what: MorningCue::Notice("morning-mug-warm-cannot"),
                },
                Cue {
                    at_s: 5.0,
                    what: MorningCue::Says("singer_morning_2"),
                },
                Cue {
                    at_s: 13.0,
                    what: MorningCue::Sounds("blender", BLENDER_AT, "morning-blender-hum-feel"),
                },
                Cue {
                    at_s: 24.0,
                    what: MorningCue::Says("singer_morning_3"),
                },
                Cue {
                    at_s: 32.0,
                    what: MorningCue::NoticeFrom("morning-truck-passes-outside", TRAFFIC_AT),
                },
                Cue {
                    at_s: 40.0,
                    what: MorningCue::Notice("morning-waits-answer-did"),
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
                what: MorningCue::Notice("morning-taps-ear-then"),
            }],
        },
    ],
};

impl PlaceBeat for MorningBeat {
    const PLACE: Place = Place::Morning;
    type Cue = MorningCue;
    const STORY: Story<MorningBeat, MorningCue> = STORY;

    /// Sitting on the edge of the bed, facing her at the counter.
    fn arrival(self) -> (Vec3, Vec3) {
        (WAKING_FEET, SINGER_MOUTH)
    }

    /// The route (floor-plan points that avoid the furniture) and the thing to use at its end.
    fn guide(self) -> Guide {
        match self {
            MorningBeat::Waking | MorningBeat::Table => Guide::Watch,
            MorningBeat::Breakfast => Guide::Use {
                route: TO_THE_TABLE.to_vec(),
                thing: MUG_AT,
            },
            MorningBeat::Leaving => Guide::Use {
                route: TO_THE_DOOR.to_vec(),
                thing: DOOR_HANDLE_AT,
            },
        }
    }

    fn hint(self) -> Option<&'static str> {
        match self {
            MorningBeat::Breakfast => Some("morning-hint-coffee"),
            MorningBeat::Leaving => Some("morning-hint-door"),
            MorningBeat::Waking | MorningBeat::Table => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenes::morning::layout::LOOPS;

    /// What the open beats take a visitor who walks straight there.
    const WALK_S: f32 = 10.0;

    #[test]
    fn the_morning_lasts_about_two_minutes_with_its_walks() {
        let told_s = STORY.length_s(|_| WALK_S);
        assert!((100.0..=140.0).contains(&told_s), "{told_s} s");
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
                MorningCue::Notice(_) | MorningCue::NoticeFrom(..) | MorningCue::Silent(_) => None,
            })
            .collect::<Vec<_>>();
        let folder = crate::audio::sound_folder();
        for (stem, ..) in LOOPS {
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
    fn every_open_beat_tells_the_autopilot_what_to_use() {
        for beat in STORY.beats {
            let guide = beat.name.guide();
            match beat.length {
                Length::UntilTheVisitorActs => {
                    assert!(matches!(guide, Guide::Use { .. }), "{:?}", beat.name)
                }
                Length::Seconds(_) => assert_eq!(guide, Guide::Watch, "{:?}", beat.name),
            }
        }
    }
}
