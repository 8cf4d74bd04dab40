//! The bridge from the story to the ears: progression component -> hearing profile -> effect parameters.

use bevy::prelude::*;

/// How far the drummer's hearing has gone: 0 is normal hearing, 1 is profound loss.
#[derive(Component, Debug, Default, Clone, Copy, PartialEq, Reflect)]
pub struct HearingProgression(pub f32);

/// Whose ears the player hears through. Switching is a hard cut.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq, Reflect)]
pub enum Perspective {
    #[default]
    YourEars,
    TheRoomAsItIs,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Perspective>();
}
