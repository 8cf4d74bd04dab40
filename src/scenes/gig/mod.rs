//! The gig, a club at night: the merch table, the onset, the walk to the stage and the set, as a story.

mod club;
mod drums;
pub mod layout;
mod night;
mod score;
mod set;
mod story;

use bevy::prelude::*;

pub use self::night::CLINKS_HEARD_BELOW;
pub use self::set::TheSet;
pub use self::story::{GigBeat, GigCue, SET_S, STORY, Voice};
use crate::scenes::kit::story_plugin;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        story_plugin::<GigBeat>,
        club::plugin,
        night::plugin,
        set::plugin,
        score::plugin,
    ));
}
