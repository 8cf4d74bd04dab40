//! Where the drummer is in the chamber: behind the chair in the middle of the grating.

use bevy::prelude::*;

/// Where the drummer stands when the chamber opens, behind the chair.
pub const START: Vec3 = Vec3::new(0.5, 0.0, 1.5);
/// What they face: past the chair.
pub const FACING: Vec3 = Vec3::new(0.15, 0.0, 0.5);
