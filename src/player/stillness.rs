//! Holding still: how long the visitor has neither walked nor moved the view.

use bevy::prelude::*;

use super::body::{LookIntent, MovementIntent, Stillness};
use crate::journey::{AppSystems, PausableSystems};

/// Intents smaller than this count as stillness (a resting stick, a trembling hand on the mouse).
const AT_REST: f32 = 1e-3;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        hold_still
            .in_set(AppSystems::Update)
            .in_set(PausableSystems),
    );
}

fn hold_still(time: Res<Time>, mut bodies: Query<(&mut Stillness, &MovementIntent, &LookIntent)>) {
    for (mut stillness, walk, look) in &mut bodies {
        if walk.0.length() > AT_REST || look.0.length() > AT_REST {
            stillness.held_s = 0.0;
        } else {
            stillness.held_s += time.delta_secs();
        }
    }
}
