//! The stillness, an anechoic chamber: a room that swallows every echo, where after a while of near
//! silence the drummer's own body becomes audible, one layer after another. Then the end card.

mod body;
mod chamber;
pub mod layout;
mod story;

use bevy::prelude::*;

pub use self::body::BodyLayer;
pub use self::story::{BodySound, FADE_IN_S, STORY, Sounding, StillnessBeat, StillnessCue};
use crate::scenes::kit::story_plugin;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((story_plugin::<StillnessBeat>, chamber::plugin, body::plugin));
}
