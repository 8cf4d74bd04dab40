//! Holding still: how long the visitor has neither walked nor moved the view. How much a trembling hand
//! may move the view and still count as still is the player's setting.

use bevy::prelude::*;

use super::body::{LookIntent, MovementIntent, Stillness};
use crate::journey::{AppSystems, PausableSystems};
use crate::settings::CurrentSettings;

/// Walking intents smaller than this count as stillness (a resting stick).
const AT_REST: f32 = 1e-3;
/// A view turning slower than this is still, with no tolerance (rad/s): a resting stick's drift.
const STILL_LOOK_RAD_PER_S: f32 = 0.06;
/// What the most tolerant setting adds (rad/s): a hand's tremor on the mouse, not a deliberate look.
const TREMOR_RAD_PER_S: f32 = 1.2;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        hold_still
            .in_set(StillnessCounted)
            .in_set(AppSystems::Update)
            .in_set(PausableSystems),
    );
}

/// The body's [`Stillness`] is counted for this frame: a system that reads it in the same set runs after.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StillnessCounted;

/// The fastest turn of the view that still counts as holding still, at `tolerance` (0-1).
pub fn still_look_rad_per_s(tolerance: f32) -> f32 {
    STILL_LOOK_RAD_PER_S + tolerance.clamp(0.0, 1.0) * TREMOR_RAD_PER_S
}

fn hold_still(
    time: Res<Time>,
    settings: Res<CurrentSettings>,
    mut bodies: Query<(&mut Stillness, &MovementIntent, &LookIntent)>,
) {
    let dt = time.delta_secs();
    if dt <= 0.0 {
        return;
    }
    let still_look = still_look_rad_per_s(settings.comfort.stillness_tolerance);
    for (mut stillness, walk, look) in &mut bodies {
        if walk.0.length() > AT_REST || look.0.length() / dt > still_look {
            stillness.held_s = 0.0;
        } else {
            stillness.held_s += dt;
        }
    }
}
