//! The stay as a story: its beats, what happens in them, and what each asks of the visitor. Pure data
//! and the place's answers to the story kit; `stay.rs` acts it out.

use bevy::prelude::*;

use super::layout::{
    ARRIVAL, BEFORE_THE_STUDY_CHAIR, BEHIND_YOUR_CHAIR, BY_THE_BOARDS, STAMPING_AT, STUDY_CHAIR,
    STUDY_DOOR, TABLE, THE_BOARDS, YOUR_CHAIR,
};
use crate::autopilot::Guide;
use crate::journey::Place;
use crate::scenes::kit::PlaceBeat;
use crate::scenes::timeline::{Beat, Cue, Keyframe, Length, Story};

/// The children's stamping's grid: `floor_beat` is 100 BPM, beat k at k × 0.6 s from its start.
pub const BEAT_S: f32 = 0.6;
/// One pass of `floor_beat` (16 beats).
pub const LOOP_S: f32 = 9.6;

/// The stretches of the stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum HouseBeat {
    /// The mentor meets the visitor at the door, speaking and signing.
    Welcome,
    /// Open: dinner waits until the visitor sits down at the table.
    ToTheTable,
    /// A conversation in sign all around the visitor.
    Dinner,
    /// Open: the mentor teaches a few signs until the visitor has answered them all.
    Signs,
    /// Open: the children play on the boards until the visitor puts their hands on the floor.
    ToTheChildren,
    /// The stamping felt through the floor.
    Rhythm,
    /// Open: the mentor waits in the study until the visitor sits down there.
    ToTheStudy,
    /// Open: "sit, and do nothing", until the visitor has held still long enough.
    Study,
}

/// What happens at a moment of the stay.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HouseCue {
    /// The mentor speaks a recorded line, by its file stem, and signs as he speaks.
    Says(&'static str),
    /// A caption for what the drummer sees, feels, or misses.
    Notice(&'static str),
    /// The same, for something that comes from a place in the house (an arrow points there while it
    /// is off screen).
    NoticeFrom(&'static str, Vec3),
    /// Someone signs a line; at the table, they take the turn.
    Signs(Signed),
    /// Nobody at the table signs.
    TableRests,
    /// The mentor's hands rest.
    MentorRests,
    /// Cutlery and dishes on the table, by file stem and which place at the table.
    Dishes(&'static str, usize),
    /// The children stamp harder.
    StampHarder,
}

/// Whose hands sign a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hands {
    /// Someone at the table, an index into [`super::layout::DINERS`] (and [`DINER_NAMES`]).
    Diner(usize),
    Mentor,
}

/// A line signed: whose hands, its words (a message), and which of the lesson's signs it holds
/// (indices into [`super::signs::SIGNS`], in the order they come), which a newcomer catches once learnt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signed {
    pub by: Hands,
    pub said: &'static str,
    pub holds: &'static [usize],
}

/// The names of the people at the table, by their place in [`super::layout::DINERS`].
pub const DINER_NAMES: [&str; 6] = [
    "speaker-lou",
    "speaker-marisol",
    "speaker-teo",
    "speaker-annie",
    "speaker-jonah",
    "speaker-greta",
];

const fn diner(who: usize, said: &'static str, holds: &'static [usize]) -> HouseCue {
    HouseCue::Signs(Signed {
        by: Hands::Diner(who),
        said,
        holds,
    })
}

/// Weeks later: the loss has settled, profound in the highs.
pub const PROGRESSION: f32 = 0.95;
const SETTLED: &[Keyframe] = &[Keyframe {
    at_s: 0.0,
    progression: PROGRESSION,
}];

/// The stay, about three minutes with the visitor's walks, the lesson and the hold.
pub const STORY: Story<HouseBeat, HouseCue> = Story {
    beats: &[
        Beat {
            name: HouseBeat::Welcome,
            length: Length::Seconds(16.0),
            progression: SETTLED,
            cues: &[
                Cue {
                    at_s: 0.5,
                    what: HouseCue::Notice("house-quiet-house-daylight"),
                },
                Cue {
                    at_s: 2.0,
                    what: HouseCue::Says("mentor_1"),
                },
                Cue {
                    at_s: 7.0,
                    what: HouseCue::Notice("house-signs-speaks-know"),
                },
                Cue {
                    at_s: 10.0,
                    what: HouseCue::MentorRests,
                },
                Cue {
                    at_s: 11.5,
                    what: HouseCue::Notice("house-points-long-table"),
                },
            ],
        },
        Beat {
            name: HouseBeat::ToTheTable,
            length: Length::UntilTheVisitorActs,
            progression: SETTLED,
            cues: &[],
        },
        Beat {
            name: HouseBeat::Dinner,
            length: Length::Seconds(40.0),
            progression: SETTLED,
            cues: &[
                Cue {
                    at_s: 0.0,
                    what: diner(1, "house-signed-harvest", &[1]),
                },
                Cue {
                    at_s: 0.5,
                    what: HouseCue::Notice("house-dinner-sign-hands"),
                },
                Cue {
                    at_s: 2.5,
                    what: HouseCue::Dishes("glass_clink_1", 0),
                },
                Cue {
                    at_s: 5.0,
                    what: HouseCue::Notice("house-they-sign-about"),
                },
                Cue {
                    at_s: 9.0,
                    what: diner(3, "house-signed-one-row", &[]),
                },
                Cue {
                    at_s: 12.5,
                    what: HouseCue::NoticeFrom("house-laughter-hear", TABLE),
                },
                Cue {
                    at_s: 15.0,
                    what: diner(0, "house-signed-tell-goat", &[]),
                },
                Cue {
                    at_s: 16.0,
                    what: HouseCue::Dishes("glass_clink_2", 1),
                },
                Cue {
                    at_s: 18.5,
                    what: HouseCue::NoticeFrom("house-someone-taps-table", TABLE),
                },
                Cue {
                    at_s: 21.0,
                    what: diner(5, "house-signed-goat", &[]),
                },
                Cue {
                    at_s: 23.0,
                    what: HouseCue::Notice("house-long-story-told"),
                },
                Cue {
                    at_s: 28.0,
                    what: diner(2, "house-signed-porch", &[]),
                },
                Cue {
                    at_s: 29.0,
                    what: HouseCue::Dishes("glass_clink_3", 2),
                },
                Cue {
                    at_s: 30.5,
                    what: HouseCue::Notice("house-argument-about-roof"),
                },
                Cue {
                    at_s: 35.0,
                    what: diner(4, "house-signed-ladder", &[2]),
                },
                Cue {
                    at_s: 37.0,
                    what: HouseCue::Notice("house-mentor-turns-time"),
                },
                Cue {
                    at_s: 39.5,
                    what: HouseCue::TableRests,
                },
            ],
        },
        Beat {
            name: HouseBeat::Signs,
            length: Length::UntilTheVisitorActs,
            progression: SETTLED,
            cues: &[],
        },
        Beat {
            name: HouseBeat::ToTheChildren,
            length: Length::UntilTheVisitorActs,
            progression: SETTLED,
            cues: &[
                Cue {
                    at_s: 0.0,
                    what: HouseCue::Signs(Signed {
                        by: Hands::Mentor,
                        said: "house-signed-go-play",
                        holds: &[2, 0],
                    }),
                },
                Cue {
                    at_s: 0.5,
                    what: HouseCue::NoticeFrom("house-children-play-boards", THE_BOARDS),
                },
            ],
        },
        Beat {
            name: HouseBeat::Rhythm,
            length: Length::Seconds(3.0 * LOOP_S),
            progression: SETTLED,
            cues: &[
                Cue {
                    at_s: 0.3,
                    what: HouseCue::NoticeFrom("house-children-stamp-boards", STAMPING_AT),
                },
                Cue {
                    at_s: LOOP_S,
                    what: HouseCue::StampHarder,
                },
                Cue {
                    at_s: 20.0,
                    what: HouseCue::Notice("house-beat-can-longer"),
                },
            ],
        },
        Beat {
            name: HouseBeat::ToTheStudy,
            length: Length::UntilTheVisitorActs,
            progression: SETTLED,
            cues: &[],
        },
        Beat {
            name: HouseBeat::Study,
            length: Length::UntilTheVisitorActs,
            progression: SETTLED,
            cues: &[
                Cue {
                    at_s: 0.5,
                    what: HouseCue::Says("mentor_2"),
                },
                Cue {
                    at_s: 5.0,
                    what: HouseCue::MentorRests,
                },
                Cue {
                    at_s: 5.5,
                    what: HouseCue::Notice("house-sit-nothing-house"),
                },
            ],
        },
    ],
};

impl PlaceBeat for HouseBeat {
    const PLACE: Place = Place::House;
    type Cue = HouseCue;
    const STORY: Story<HouseBeat, HouseCue> = STORY;

    /// In at the door, looking into the house.
    fn arrival(self) -> (Vec3, Vec3) {
        ARRIVAL
    }

    /// The route the visitor takes, and what they use at its end, for each open beat.
    fn guide(self) -> Guide {
        match self {
            HouseBeat::ToTheTable => Guide::Use {
                route: vec![BEHIND_YOUR_CHAIR],
                thing: YOUR_CHAIR,
            },
            HouseBeat::ToTheChildren => Guide::Use {
                route: vec![BY_THE_BOARDS],
                thing: THE_BOARDS,
            },
            HouseBeat::ToTheStudy => Guide::Use {
                route: vec![
                    STUDY_DOOR + Vec3::Z * 1.0,
                    STUDY_DOOR - Vec3::Z * 1.0,
                    BEFORE_THE_STUDY_CHAIR,
                ],
                thing: STUDY_CHAIR,
            },
            HouseBeat::Study => Guide::HoldStill,
            // The lesson sets its own answers as it goes.
            HouseBeat::Welcome | HouseBeat::Dinner | HouseBeat::Signs | HouseBeat::Rhythm => {
                Guide::Watch
            }
        }
    }

    fn hint(self) -> Option<&'static str> {
        match self {
            HouseBeat::ToTheTable => Some("house-hint-dinner"),
            HouseBeat::ToTheChildren => Some("house-hint-floor"),
            HouseBeat::ToTheStudy => Some("house-hint-study"),
            HouseBeat::Study => Some("house-hint-still"),
            HouseBeat::Welcome | HouseBeat::Dinner | HouseBeat::Signs | HouseBeat::Rhythm => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenes::house::study;

    #[test]
    fn the_stay_lasts_about_three_minutes_with_the_visitors_actions() {
        let acting_s = |beat: HouseBeat| match beat {
            HouseBeat::ToTheTable => 10.0,
            HouseBeat::Signs => 3.0 * 6.0,
            HouseBeat::ToTheChildren => 12.0,
            HouseBeat::ToTheStudy => 14.0,
            HouseBeat::Study => study::HOLD_S + 3.0,
            _ => 0.0,
        };
        let told_s = STORY.length_s(acting_s);
        assert!((150.0..=210.0).contains(&told_s), "{told_s} s");
    }

    #[test]
    fn the_loss_is_profound_in_the_highs_throughout() {
        for beat in STORY.beats {
            for key in beat.progression {
                assert!((0.9..=0.95).contains(&key.progression), "{:?}", beat.name);
            }
        }
    }

    #[test]
    fn every_open_beat_tells_the_guide_what_to_do() {
        for beat in STORY.beats {
            if beat.length == Length::UntilTheVisitorActs && beat.name != HouseBeat::Signs {
                assert_ne!(beat.name.guide(), Guide::Watch, "{:?}", beat.name);
            }
        }
    }

    #[test]
    fn both_lines_of_the_mentor_are_spoken() {
        let stems: Vec<&str> = STORY
            .beats
            .iter()
            .flat_map(|beat| beat.cues)
            .filter_map(|cue| match cue.what {
                HouseCue::Says(stem) => Some(stem),
                _ => None,
            })
            .collect();
        assert_eq!(stems, ["mentor_1", "mentor_2"]);
    }
}
