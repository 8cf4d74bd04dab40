//! Where things are in the RV: the floor plan the scenery is built on, the story places its sounds on,
//! and a visitor (or a test) walks by.

use bevy::prelude::*;

use crate::player::EYE_HEIGHT_M;

/// Inside the RV: 2.3 m wide (X), 2.1 m high, 7 m long (Z); the cab at the north end (-Z), the bed across
/// the back (+Z), the kitchenette along the east side (+X), the dinette and the street along the west.
pub const ROOM: Vec3 = Vec3::new(2.3, 2.1, 7.0);
/// The drummer wakes sitting on the edge of the bed: feet below the floor so the eyes sit 1.15 m up.
pub const WAKING_FEET: Vec3 = Vec3::new(0.0, 1.15 - EYE_HEIGHT_M, 1.9);
/// Where the singer stands, at the counter, facing it.
pub const SINGER_FEET: Vec3 = Vec3::new(0.3, 0.0, 0.3);
/// Her voice comes from here.
pub const SINGER_MOUTH: Vec3 = Vec3::new(0.38, 1.5, 0.3);
/// The blender on the counter.
pub const BLENDER_AT: Vec3 = Vec3::new(0.85, 1.08, 0.85);
/// The percolator on the stove.
pub const COFFEE_AT: Vec3 = Vec3::new(0.85, 1.02, -0.15);
/// The radio on the shelf over the table.
pub const RADIO_AT: Vec3 = Vec3::new(-1.0, 1.5, -2.25);
/// The street, beyond the west wall.
pub const TRAFFIC_AT: Vec3 = Vec3::new(-5.0, 1.0, 0.5);
/// Your coffee, poured, on the table.
pub const MUG_AT: Vec3 = Vec3::new(-0.72, 0.79, -1.5);
/// The side door's handle.
pub const DOOR_HANDLE_AT: Vec3 = Vec3::new(1.12, 1.0, -2.3);
/// Bed to table, around the singer and the bench: floor-plan points.
pub const TO_THE_TABLE: [Vec3; 4] = [
    Vec3::new(-0.4, 0.0, 1.2),
    Vec3::new(-0.4, 0.0, 0.0),
    Vec3::new(0.0, 0.0, -0.9),
    Vec3::new(0.0, 0.0, -1.6),
];
/// Table to the side door.
pub const TO_THE_DOOR: [Vec3; 2] = [Vec3::new(0.2, 0.0, -2.1), Vec3::new(0.45, 0.0, -2.45)];
/// The sounds that run all morning once they come in: stem, where (ignored in the head), level (dB), in the
/// head.
pub const LOOPS: [(&str, Vec3, f32, bool); 6] = [
    ("heartbeat", Vec3::ZERO, -5.0, true),
    ("breath_slow", Vec3::ZERO, -7.0, true),
    ("blood_rush", Vec3::ZERO, -16.0, true),
    ("coffee_percolator", COFFEE_AT, -3.0, false),
    ("radio", RADIO_AT, -4.0, false),
    ("traffic", TRAFFIC_AT, 0.0, false),
];
