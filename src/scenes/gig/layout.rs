//! Where things are in the club: the floor plan the scenery is built on, the story places its sounds on,
//! and a visitor (or a test) walks by. The stage runs along the north wall (-Z).

use bevy::prelude::*;

use crate::player::EYE_HEIGHT_M;

/// The room: 20 m wide (X), 4.5 m high, 14 m deep (Z).
pub const ROOM: Vec3 = Vec3::new(20.0, 4.5, 14.0);
/// The stage's top, above the floor.
pub const STAGE_TOP_M: f32 = 0.5;
/// The stage's front edge (its Z); the stage runs from here to the north wall.
pub const STAGE_FRONT_Z: f32 = -3.6;
/// Where the glasses stand on the bar, where their clinks come from.
pub const BAR_GLASSES: [Vec3; 3] = [
    Vec3::new(7.7, 1.2, -1.5),
    Vec3::new(7.7, 1.2, 1.2),
    Vec3::new(7.7, 1.2, 3.3),
];
/// Where the bar's chatter comes from.
pub const BAR_CHATTER_AT: Vec3 = Vec3::new(6.8, 1.5, 0.8);
/// Where the support act's soundcheck comes from, on the stage.
pub const SOUNDCHECK_AT: Vec3 = Vec3::new(0.0, 1.6, -5.6);
/// The singer's voice comes from here, across the merch table.
pub const SINGER_MOUTH: Vec3 = Vec3::new(-6.3, 1.52, 3.35);
/// Where the kick and the snare sound from.
pub const KICK_AT: Vec3 = Vec3::new(0.0, 0.78, -5.25);
pub const SNARE_AT: Vec3 = Vec3::new(0.3, 1.12, -5.7);
/// Where the kit is used from: its middle, above the stool.
pub const KIT_AT: Vec3 = Vec3::new(0.0, STAGE_TOP_M + 0.6, -5.5);
/// The drummer's feet when seated on the stool: low enough that the eyes sit 1.2 m above the stage.
pub const SEAT_FEET: Vec3 = Vec3::new(0.0, STAGE_TOP_M + 1.2 - EYE_HEIGHT_M, -6.45);
/// The merch table's centre on the floor plan (X, Z).
pub const MERCH_TABLE: Vec2 = Vec2::new(-6.0, 4.6);
/// Behind the merch table, where the night begins, and what the drummer faces there.
pub const BEHIND_THE_MERCH_TABLE: (Vec3, Vec3) =
    (Vec3::new(-5.0, 0.0, 6.3), Vec3::new(-3.0, 0.0, -4.0));
/// In the room, facing the stage, on the way to the kit.
pub const FACING_THE_STAGE: (Vec3, Vec3) = (Vec3::new(0.6, 0.0, 0.6), Vec3::new(0.0, 0.0, -5.5));
/// Where the seated drummer looks: out at the audience.
pub const THE_AUDIENCE: Vec3 = Vec3::new(0.0, 0.0, 3.0);
/// From the merch table, round its end and across the floor to the front of the stage.
pub const ROUTE_TO_THE_STAGE: [Vec3; 3] = [
    Vec3::new(-4.0, 0.0, 5.9),
    Vec3::new(-4.9, 0.0, 3.3),
    Vec3::new(0.0, 0.0, STAGE_FRONT_Z + 0.4),
];
