//! The night as a story: its beats, what happens in them, and what each asks of the visitor. Pure data
//! and the place's answers to the story kit; `night.rs` acts it out.

use bevy::prelude::*;
use clap::ValueEnum;

use super::layout::{
    BAR_CHATTER_AT, BAR_GLASSES, BEHIND_THE_MERCH_TABLE, FACING_THE_STAGE, KIT_AT,
    ROUTE_TO_THE_STAGE, SEAT_FEET, SOUNDCHECK_AT, THE_AUDIENCE,
};
use crate::autopilot::Guide;
use crate::journey::Place;
use crate::scenes::kit::PlaceBeat;
use crate::scenes::timeline::{Beat, Cue, Keyframe, Length, Story};

/// The set's length: 36 bars of the song at 120 BPM.
pub const SET_S: f32 = 72.0;

/// The stretches of the night; the command line's `--beat` spells them.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
#[value(rename_all = "kebab-case")]
pub enum GigBeat {
    /// Behind the merch table with the singer; the bar around you. Hearing normal.
    MerchTable,
    /// The ringing, the rush, the view losing its balance.
    Onset,
    /// Open: the kit waits on the stage until the visitor sits down to play.
    #[value(name = "stage")]
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
    /// The same, for something that comes from a place in the club (an arrow points there while it
    /// is off screen).
    NoticeFrom(&'static str, Vec3),
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
                    what: GigCue::NoticeFrom("gig-bar-chatter-glasses", BAR_CHATTER_AT),
                },
                Cue {
                    at_s: 1.5,
                    what: GigCue::NoticeFrom("gig-support-act-soundchecking", SOUNDCHECK_AT),
                },
                Cue {
                    at_s: 3.0,
                    what: GigCue::Says(Voice::Singer, "singer_merch_1"),
                },
                Cue {
                    at_s: 9.0,
                    what: GigCue::Clink("glass_clink_1", BAR_GLASSES[0]),
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
                    what: GigCue::Clink("glass_clink_2", BAR_GLASSES[1]),
                },
                Cue {
                    at_s: 38.0,
                    what: GigCue::Clink("glass_clink_3", BAR_GLASSES[2]),
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
                    what: GigCue::Notice("gig-high-ringing-ears"),
                },
                Cue {
                    at_s: 1.5,
                    what: GigCue::Notice("gig-rush-noise-buries"),
                },
                Cue {
                    at_s: 5.0,
                    what: GigCue::Says(Voice::Singer, "singer_merch_3"),
                },
                Cue {
                    at_s: 8.0,
                    what: GigCue::Clink("glass_clink_1", BAR_GLASSES[1]),
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
                what: GigCue::Notice("gig-ringing-stays"),
            }],
        },
        Beat {
            name: GigBeat::Set,
            length: Length::Seconds(SET_S),
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
                    at_s: SET_S,
                    progression: 0.82,
                },
            ],
            cues: &[
                Cue {
                    at_s: 0.0,
                    what: GigCue::Notice("gig-band-drums-distorted"),
                },
                Cue {
                    at_s: 30.0,
                    what: GigCue::Notice("gig-music-thins-low"),
                },
                Cue {
                    at_s: 56.0,
                    what: GigCue::Notice("gig-kick-floor"),
                },
            ],
        },
    ],
};

impl PlaceBeat for GigBeat {
    const PLACE: Place = Place::Gig;
    type Cue = GigCue;
    const STORY: Story<GigBeat, GigCue> = STORY;

    fn arrival(self) -> (Vec3, Vec3) {
        match self {
            GigBeat::MerchTable | GigBeat::Onset => BEHIND_THE_MERCH_TABLE,
            GigBeat::WalkToStage => FACING_THE_STAGE,
            GigBeat::Set => (SEAT_FEET, THE_AUDIENCE),
        }
    }

    /// Nothing until the walk, then the kit; during the set the beat itself asks (see `night.rs`).
    fn guide(self) -> Guide {
        match self {
            GigBeat::WalkToStage => Guide::Use {
                route: ROUTE_TO_THE_STAGE.to_vec(),
                thing: KIT_AT,
            },
            GigBeat::MerchTable | GigBeat::Onset | GigBeat::Set => Guide::Watch,
        }
    }

    fn hint(self) -> Option<&'static str> {
        (self == GigBeat::WalkToStage).then_some("gig-hint-stage")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gig_lasts_about_three_minutes_with_a_short_walk() {
        let told_s = STORY.length_s(|_| 25.0);
        assert!((150.0..=200.0).contains(&told_s), "{told_s} s");
    }

    #[test]
    fn hearing_is_normal_at_the_merch_table_and_severe_at_the_end_of_the_set() {
        let clock = STORY.clock_at(GigBeat::MerchTable);
        assert_eq!(STORY.progression(&clock), 0.0);
        let mut clock = STORY.clock_at(GigBeat::Set);
        STORY.advance(&mut clock, SET_S - 0.01);
        assert!(STORY.progression(&clock) >= 0.75);
    }

    #[test]
    fn every_line_of_the_night_is_a_sound_the_generator_makes() {
        let stems: Vec<&str> = STORY
            .beats
            .iter()
            .flat_map(|beat| beat.cues)
            .filter_map(|cue| match cue.what {
                GigCue::Says(_, stem) | GigCue::Clink(stem, _) => Some(stem),
                GigCue::Notice(_) | GigCue::NoticeFrom(..) => None,
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

    #[test]
    fn the_walk_to_the_stage_is_the_only_open_beat_and_asks_for_the_kit() {
        for beat in STORY.beats {
            let open = beat.length == Length::UntilTheVisitorActs;
            assert_eq!(open, beat.name == GigBeat::WalkToStage, "{:?}", beat.name);
            assert_eq!(
                matches!(beat.name.guide(), Guide::Use { .. }),
                open,
                "{:?}",
                beat.name
            );
        }
    }
}
