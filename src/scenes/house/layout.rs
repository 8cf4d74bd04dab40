//! Where things are in the house: the floor plan the rooms are built on, the people stand on, the story
//! places its sounds on, and a visitor (or a test) walks by.

use bevy::prelude::*;

/// The house: 16 m wide (X), 3 m high, 12 m deep (Z). Dining to the west, the play floor to the east,
/// the study walled off in the north-east corner.
pub const ROOM: Vec3 = Vec3::new(16.0, 3.0, 12.0);
/// Where the visitor comes in, and what they face.
pub const ARRIVAL: (Vec3, Vec3) = (Vec3::new(0.0, 0.0, 4.8), Vec3::new(0.0, 0.0, 0.0));
/// Where the mentor meets the visitor.
pub const MENTOR_WELCOME: Vec3 = Vec3::new(0.0, 0.0, 3.3);
/// Beside the visitor's chair at the table, through the lesson.
pub const MENTOR_AT_TABLE: Vec3 = Vec3::new(-3.4, 0.0, 1.85);
/// By the desk in the study.
pub const MENTOR_IN_STUDY: Vec3 = Vec3::new(7.0, 0.0, -3.6);

/// The long table's centre on the floor plan, and its size.
pub const TABLE: Vec3 = Vec3::new(-4.5, 0.0, 0.0);
pub const TABLE_SIZE: Vec3 = Vec3::new(1.1, 0.75, 4.4);
/// The empty chair at the table's south end, kept for the visitor.
pub const YOUR_CHAIR: Vec3 = Vec3::new(-4.5, 0.55, 2.85);
/// Standing behind it.
pub const BEHIND_YOUR_CHAIR: Vec3 = Vec3::new(-4.5, 0.0, 3.8);
/// The people at the table: where they sit, how tall they sit, how they sign.
pub const DINERS: [(Vec3, f32); 6] = [
    (Vec3::new(-5.35, 0.0, 1.3), 1.32),
    (Vec3::new(-5.35, 0.0, 0.0), 1.38),
    (Vec3::new(-5.35, 0.0, -1.3), 1.3),
    (Vec3::new(-3.65, 0.0, 0.0), 1.35),
    (Vec3::new(-3.65, 0.0, -1.3), 1.28),
    (Vec3::new(-4.5, 0.0, -2.95), 1.36),
];
/// Where cutlery and dishes sound on the table.
pub const DISHES: [Vec3; 3] = [
    Vec3::new(-4.7, 0.8, 0.9),
    Vec3::new(-4.3, 0.8, -0.6),
    Vec3::new(-4.5, 0.8, -1.9),
];

/// The play floor: boards from x 2.2 to 7.6, z 0 to 5.6.
pub const PLAY_FLOOR: Vec3 = Vec3::new(4.9, 0.0, 2.8);
pub const PLAY_FLOOR_SIZE: Vec3 = Vec3::new(5.4, 0.02, 5.6);
/// The boards the visitor puts their hands on, and where they stand to kneel there.
pub const THE_BOARDS: Vec3 = Vec3::new(4.4, 0.03, 3.4);
pub const BY_THE_BOARDS: Vec3 = Vec3::new(3.5, 0.0, 3.4);
/// The children, and how tall.
pub const CHILDREN: [(Vec3, f32); 3] = [
    (Vec3::new(5.3, 0.0, 3.1), 1.15),
    (Vec3::new(6.1, 0.0, 4.4), 1.26),
    (Vec3::new(5.7, 0.0, 1.7), 1.05),
];
/// Where the stamping comes up through the boards.
pub const STAMPING_AT: Vec3 = Vec3::new(5.0, 0.1, 3.2);

/// The study's partition runs along this Z, with a door from x 3.3 to 4.5.
pub const STUDY_WALL_Z: f32 = -2.0;
pub const STUDY_WEST_X: f32 = 2.4;
pub const STUDY_DOOR: Vec3 = Vec3::new(3.9, 0.0, STUDY_WALL_Z);
/// The chair in the study, facing the desk and the window.
pub const STUDY_CHAIR: Vec3 = Vec3::new(5.6, 0.55, -4.5);
pub const BEFORE_THE_STUDY_CHAIR: Vec3 = Vec3::new(5.6, 0.0, -3.55);

/// Eyes above the floor when sitting on a chair, and when kneeling on the boards.
pub const SEATED_EYE_M: f32 = 1.15;
pub const KNEELING_EYE_M: f32 = 0.8;
