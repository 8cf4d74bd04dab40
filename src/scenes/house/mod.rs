//! The house of the deaf community, weeks later: the mentor's welcome, dinner in sign, a first lesson
//! in signs, rhythm felt through the floor with the children, and the mentor's study, told as a story.
//! The loss has settled, profound in the highs: here only low rumble survives.

pub mod layout;
mod rhythm;
mod rooms;
mod signs;
mod stay;
mod story;
mod study;

use bevy::prelude::*;

pub use self::signs::{CardHand, Lesson, MENTOR_HEIGHT_M, SIGNS, Sign, SignCard, SignsLearnt};
pub use self::story::{
    BEAT_S, DINER_NAMES, Hands, HouseBeat, HouseCue, LOOP_S, PROGRESSION, STORY, Signed,
};
pub use self::study::{HOLD_S, SILENT_FROM, StudyHold};
use crate::scenes::kit::story_plugin;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        story_plugin::<HouseBeat>,
        rooms::plugin,
        stay::plugin,
        signs::plugin,
        rhythm::plugin,
        study::plugin,
    ));
}
