//! The drummer's body as components: who the player is, what they want to do this frame, how still they
//! have been, and how a body is measured.

use bevy::prelude::*;

use crate::hearing::HearingProgression;

/// Eyes above the feet, standing.
pub const EYE_HEIGHT_M: f32 = 1.65;
/// The body is a circle of this radius on the floor plan.
pub const BODY_RADIUS_M: f32 = 0.3;
/// Walking pace at full intent.
pub const WALK_SPEED_M_PER_S: f32 = 2.0;

/// The drummer's body: yaw and position. The head (a child) carries pitch, the camera and the ears.
#[derive(Component, Debug, Default, Clone, Copy, Reflect)]
#[require(
    MovementIntent,
    LookIntent,
    LookSensitivity,
    Stillness,
    HearingProgression,
    Transform,
    Visibility
)]
pub struct Player;

/// Where the visitor wants to walk this frame, relative to where the body faces: `x` right, `y` forward,
/// length at most 1. Written by input (or a test) in `Update`, applied in `FixedUpdate`.
#[derive(Component, Debug, Default, Clone, Copy, PartialEq, Reflect)]
pub struct MovementIntent(pub Vec2);

/// How far the visitor wants to turn this frame, in radians: `x` yaw (positive turns left), `y` pitch
/// (positive looks up).
#[derive(Component, Debug, Default, Clone, Copy, PartialEq, Reflect)]
pub struct LookIntent(pub Vec2);

/// Radians of turn per pixel of mouse motion, horizontally and vertically.
#[derive(Component, Debug, Clone, Copy, PartialEq, Reflect)]
pub struct LookSensitivity(pub Vec2);

impl Default for LookSensitivity {
    fn default() -> Self {
        Self(Vec2::new(0.0025, 0.002))
    }
}

/// The drummer sits (at the kit, at a table): looking still works, walking does not.
#[derive(Component, Debug, Default, Clone, Copy, Reflect)]
pub struct Seated;

/// Seconds the visitor has held still; any movement or look starts it over.
#[derive(Component, Debug, Default, Clone, Copy, PartialEq, Reflect)]
pub struct Stillness {
    pub held_s: f32,
}

/// The yaw (about +Y) that turns the body's forward (-Z) from `from` toward `to`.
pub fn yaw_toward(from: Vec3, to: Vec3) -> f32 {
    let d = to - from;
    if d.x == 0.0 && d.z == 0.0 {
        return 0.0;
    }
    (-d.x).atan2(-d.z)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaw_toward_turns_forward_onto_the_target() {
        let from = Vec3::new(1.0, 0.0, 2.0);
        for to in [
            Vec3::new(4.0, 0.0, 2.0),
            Vec3::new(1.0, 3.0, -5.0),
            Vec3::new(-2.0, 0.0, 6.0),
        ] {
            let forward = Quat::from_rotation_y(yaw_toward(from, to)) * Vec3::NEG_Z;
            let wanted = (to - from).with_y(0.0).normalize();
            assert!(
                forward.distance(wanted) < 1e-5,
                "{to}: {forward} vs {wanted}"
            );
        }
    }
}
