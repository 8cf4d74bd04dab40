//! The morning after, in the parked RV: waking to your own body, breakfast heard through a wall of cotton,
//! and the door out to a doctor, as a story.

mod breakfast;
pub mod layout;
mod rv;
mod story;

use bevy::prelude::*;

pub use self::story::{MorningBeat, MorningCue, STORY};
use crate::scenes::kit::story_plugin;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((story_plugin::<MorningBeat>, rv::plugin, breakfast::plugin));
}
