//! Where things are in the clinic: the booth (south, z > 0) and the control room behind the window (north).

use bevy::prelude::*;

use crate::player::EYE_HEIGHT_M;

/// Where the drummer sits: on the chair, facing the window.
pub const SEAT: Vec3 = Vec3::new(0.0, 0.0, 1.45);
/// Eyes above the floor, seated.
pub const SEATED_EYE_M: f32 = 1.18;
/// The drummer's feet in the chair (below the floor, so the eyes sit at a seated height).
pub const SEATED_FEET: Vec3 = Vec3::new(SEAT.x, SEATED_EYE_M - EYE_HEIGHT_M, SEAT.z);
/// Through the window, at the audiologist.
pub const THE_WINDOW: Vec3 = Vec3::new(0.0, 0.0, -2.0);
/// The booth's heavy door, in the east wall behind the chair: the audiologist comes back in through it.
pub const BOOTH_DOOR: Vec3 = Vec3::new(1.2, 1.0, 2.1);
