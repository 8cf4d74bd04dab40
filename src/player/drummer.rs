//! The drummer as spawned into a place: a body, and on it a head with the eyes (the camera), the ears (the
//! listener) and the sense of balance.

use bevy::prelude::*;

use super::body::{EYE_HEIGHT_M, Player, yaw_toward};
use super::look::{Balance, Head};
use crate::audio::Listener;
use crate::hearing::HearingProgression;

/// The drummer standing at `feet`, facing `toward` (only its direction on the floor matters), with hearing
/// at `progression`.
pub fn player(feet: Vec3, toward: Vec3, progression: f32) -> impl Bundle {
    (
        Name::new("You"),
        Player,
        Transform::from_translation(feet)
            .with_rotation(Quat::from_rotation_y(yaw_toward(feet, toward))),
        HearingProgression(progression),
        children![(
            Name::new("Your head"),
            Head::default(),
            Balance::default(),
            Listener,
            Camera3d::default(),
            // The field of view is the player's setting, applied as the head appears.
            Projection::from(PerspectiveProjection::default()),
            Transform::from_xyz(0.0, EYE_HEIGHT_M, 0.0),
        )],
    )
}
