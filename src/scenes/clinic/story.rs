//! The visit to the booth as a story: the instruction, the tones (as long as the test takes), and the
//! audiogram on screen. The tones themselves are timed by the test (`audiometer.rs`), not by cues.

use bevy::prelude::*;

use super::layout::{SEATED_FEET, THE_WINDOW};
use crate::journey::Place;
use crate::scenes::kit::PlaceBeat;
use crate::scenes::timeline::{Beat, Keyframe, Length, Story};

/// The loss the gig left behind: severe, as in the morning. The ears make no sounds of their own here
/// (no ringing, no rush), so the test is fair.
pub const PROGRESSION: f32 = 0.8;
/// Story seconds before the first tone: time to read the instruction.
pub const INTRO_S: f32 = 4.0;
/// How long the audiogram stays on screen before the visit moves on (story s).
pub const CHART_S: f32 = 10.0;
/// About how long the test of both ears takes with a severe loss (story s), instruction included.
pub const TEST_S: f32 = 215.0;
/// The instruction on screen for the whole test.
pub const INSTRUCTION: &str = "clinic-instruction";

/// The stretches of the visit to the booth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum ClinicBeat {
    /// The instruction, before the first tone.
    Instruction,
    /// Open: tone after tone until the test has found every threshold.
    Tones,
    /// The test is over; the audiogram is on screen.
    Audiogram,
}

/// The clinic cues nothing: the test times its own tones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClinicCue {}

const SEVERE: &[Keyframe] = &[Keyframe {
    at_s: 0.0,
    progression: PROGRESSION,
}];

/// The visit: the instruction, the test, the chart.
pub const STORY: Story<ClinicBeat, ClinicCue> = Story {
    beats: &[
        Beat {
            name: ClinicBeat::Instruction,
            length: Length::Seconds(INTRO_S),
            progression: SEVERE,
            cues: &[],
        },
        Beat {
            name: ClinicBeat::Tones,
            length: Length::UntilTheVisitorActs,
            progression: SEVERE,
            cues: &[],
        },
        Beat {
            name: ClinicBeat::Audiogram,
            length: Length::Seconds(CHART_S),
            progression: SEVERE,
            cues: &[],
        },
    ],
};

impl PlaceBeat for ClinicBeat {
    const PLACE: Place = Place::Clinic;
    type Cue = ClinicCue;
    const STORY: Story<ClinicBeat, ClinicCue> = STORY;

    /// In the chair, facing the audiologist through the window.
    fn arrival(self) -> (Vec3, Vec3) {
        (SEATED_FEET, THE_WINDOW)
    }

    /// The instruction stays on screen for the whole test.
    fn hint(self) -> Option<&'static str> {
        match self {
            ClinicBeat::Instruction | ClinicBeat::Tones => Some(INSTRUCTION),
            ClinicBeat::Audiogram => None,
        }
    }

    /// The test's length depends on the answers: about this long for a severe loss.
    fn told_s() -> f32 {
        TEST_S + CHART_S
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::input::Action;
    use crate::words::{Language, Phrasebook};

    #[test]
    fn the_instruction_names_the_inputs_that_answer_in_every_language() {
        let book = Phrasebook::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/locales"))
            .unwrap();
        for language in Language::ALL {
            assert!(
                book.messages(language)[INSTRUCTION].contains(&Action::AnswerTone.name()),
                "{language:?}"
            );
        }
    }
}
