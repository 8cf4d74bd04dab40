//! The ghost visitor: what each place asks of the visitor now (`Guide`), and the autopilot that does it
//! with the same keys a visitor would press. The attract loop, `render` and the tests all ride it.

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Guide>();
}

/// What the place in view asks of the visitor right now. Each place keeps it up to date as its story
/// moves; the autopilot reads it, and so can a prompt.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub enum Guide {
    /// Nothing to do: let the story play.
    #[default]
    Watch,
    /// Walk through these spots on the floor plan, in order, and stay at the last one.
    Walk(Vec<Vec3>),
    /// Walk the route, look at `thing` and use it (E or (A)).
    Use { route: Vec<Vec3>, thing: Vec3 },
    /// Neither walk nor move the view.
    HoldStill,
    /// Tap `key` once for each new `prompt` number: a sign's answer, a response to a tone.
    Answer { key: KeyCode, prompt: u32 },
}
