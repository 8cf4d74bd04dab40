//! Vibration: what the drummer feels instead of hears, as gamepad rumble.

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Haptics>();
}

/// Whether the gamepad may rumble (an exhibition's tactile setting; on by default).
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Haptics {
    pub enabled: bool,
}

impl Default for Haptics {
    fn default() -> Self {
        Self { enabled: true }
    }
}
