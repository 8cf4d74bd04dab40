//! The house built from simple geometry and daylight: the dining room with its long table, the play
//! floor with the slide, the mentor's study, the people in them and where the house's sounds come from.

use bevy::prelude::*;

use super::layout::*;
use super::signs::{Hand, MENTOR_HEIGHT_M, MENTOR_STYLE, Mentor, Signer};
use super::story::HouseBeat;
use crate::audio::{SoundEmitter, SoundKey};
use crate::player::Collider;
use crate::scenes::build::{
    Scenery, Shapes, build_on_arrival, figure, prop, solid_box, spawn_shell,
};
use crate::scenes::kit::{MovesTheStoryOn, PlaceSpawner};
use crate::ui::flashing::FlashingLight;

/// The house's own sounds, at the loudness the room has before the study quiets it.
#[derive(Component, Debug, Clone, Copy, PartialEq, Reflect)]
pub struct RoomSound {
    pub full_db: f32,
}

/// A child on the play floor, bobbing with the stamping.
#[derive(Component, Debug, Clone, Copy, Reflect)]
pub struct Child {
    pub feet: Vec3,
}

/// The light in the boards that pulses with the beat.
#[derive(Component, Debug, Clone, Copy, Reflect)]
pub struct FloorGlow;

/// The glow in the boards at the top of a full-strength pulse.
const FLOOR_GLOW_LM: f32 = 900_000.0;

pub(super) fn plugin(app: &mut App) {
    build_on_arrival::<HouseBeat, _>(app, spawn_the_house);
}

fn spawn_the_house(mut scenery: Scenery) {
    scenery.build(Color::srgb(1.0, 0.92, 0.8), 260.0, spawn_rooms);
}

fn spawn_rooms(house: &mut PlaceSpawner, shapes: &mut Shapes) {
    let floor = shapes.surface(Color::srgb(0.5, 0.36, 0.24), 0.75);
    let walls = shapes.surface(Color::srgb(0.9, 0.86, 0.78), 0.95);
    spawn_shell(house, shapes, ROOM, floor, walls);
    spawn_daylight(house, shapes);
    spawn_dining(house, shapes);
    spawn_play_floor(house, shapes);
    spawn_study(house, shapes);
    spawn_mentor(house, shapes);

    for (name, sound, at, full_db) in [
        (
            "Room tone",
            "room_tone_house",
            Vec3::new(-1.0, 1.5, 0.5),
            0.0,
        ),
        (
            "Children playing",
            "children_play",
            Vec3::new(5.6, 1.0, 3.0),
            0.0,
        ),
        ("Stamping on the boards", "floor_beat", STAMPING_AT, -20.0),
    ] {
        house.spawn((
            Name::new(name),
            RoomSound { full_db },
            SoundEmitter {
                sound: SoundKey(sound),
                looping: true,
                volume_db: full_db,
                in_head: false,
            },
            Transform::from_translation(at),
        ));
    }
}

fn spawn_daylight(house: &mut PlaceSpawner, shapes: &mut Shapes) {
    let sky = shapes.glowing(Color::srgb(0.78, 0.88, 1.0), 3.0);
    let frame = shapes.surface(Color::srgb(0.35, 0.25, 0.16), 0.6);
    // Windows on the south and west walls, and one over the study desk.
    let windows = [
        (
            Vec3::new(-4.5, 1.7, ROOM.z / 2.0 - 0.02),
            Vec3::new(2.2, 1.3, 0.02),
        ),
        (
            Vec3::new(3.5, 1.7, ROOM.z / 2.0 - 0.02),
            Vec3::new(2.2, 1.3, 0.02),
        ),
        (
            Vec3::new(-ROOM.x / 2.0 + 0.02, 1.7, -1.5),
            Vec3::new(0.02, 1.3, 2.0),
        ),
        (
            Vec3::new(-ROOM.x / 2.0 + 0.02, 1.7, 2.0),
            Vec3::new(0.02, 1.3, 2.0),
        ),
        (
            Vec3::new(5.6, 1.75, -ROOM.z / 2.0 + 0.02),
            Vec3::new(1.6, 1.1, 0.02),
        ),
        (
            Vec3::new(-2.0, 1.7, -ROOM.z / 2.0 + 0.02),
            Vec3::new(2.2, 1.3, 0.02),
        ),
    ];
    for (at, size) in windows {
        house.spawn(prop(
            "Window frame",
            shapes.cuboid(size + Vec3::new(0.12, 0.12, 0.12).min(size * 10.0)),
            frame.clone(),
            Transform::from_translation(at),
        ));
        let inward = -at.with_y(0.0).normalize_or_zero() * 0.012;
        let pane = if size.x < 0.1 {
            Vec3::new(0.03, size.y, size.z)
        } else {
            Vec3::new(size.x, size.y, 0.03)
        };
        house.spawn(prop(
            "Window",
            shapes.cuboid(pane),
            sky.clone(),
            Transform::from_translation(at + inward * 7.0),
        ));
    }
    for (name, at, lumens) in [
        ("Light over the table", Vec3::new(-4.5, 2.7, 0.0), 420_000.0),
        ("Light in the hall", Vec3::new(0.0, 2.7, 3.0), 260_000.0),
        (
            "Light over the play floor",
            Vec3::new(4.9, 2.7, 2.8),
            380_000.0,
        ),
        ("Light in the study", Vec3::new(5.4, 2.7, -4.0), 240_000.0),
        (
            "Light by the west windows",
            Vec3::new(-7.0, 2.2, 0.5),
            200_000.0,
        ),
    ] {
        house.spawn((
            Name::new(name),
            PointLight {
                color: Color::srgb(1.0, 0.9, 0.76),
                intensity: lumens,
                range: 14.0,
                ..default()
            },
            Transform::from_translation(at),
        ));
    }
}

/// A plain wooden chair whose sitter faces `facing` (a direction on the floor).
fn chair(
    house: &mut PlaceSpawner,
    shapes: &mut Shapes,
    at: Vec3,
    facing: Vec3,
    wood: &Handle<StandardMaterial>,
) {
    let turn = Quat::from_rotation_arc(Vec3::NEG_Z, facing.with_y(0.0).normalize());
    let base = at.with_y(0.0);
    house.spawn(prop(
        "Chair seat",
        shapes.cuboid(Vec3::new(0.46, 0.05, 0.46)),
        wood.clone(),
        Transform::from_translation(base + Vec3::Y * 0.45).with_rotation(turn),
    ));
    house.spawn(prop(
        "Chair back",
        shapes.cuboid(Vec3::new(0.46, 0.5, 0.05)),
        wood.clone(),
        Transform::from_translation(base + Vec3::Y * 0.72 + turn * Vec3::Z * 0.22)
            .with_rotation(turn),
    ));
    for (x, z) in [(-0.2, -0.2), (0.2, -0.2), (-0.2, 0.2), (0.2, 0.2)] {
        house.spawn(prop(
            "Chair leg",
            shapes.cuboid(Vec3::new(0.04, 0.45, 0.04)),
            wood.clone(),
            Transform::from_translation(base + Vec3::Y * 0.225 + turn * Vec3::new(x, 0.0, z)),
        ));
    }
}

/// A person who signs, as `spawn_signer` places them.
pub struct Person<'a> {
    pub name: &'a str,
    pub feet: Vec3,
    /// What they face (only its direction on the floor matters).
    pub toward: Vec3,
    pub height_m: f32,
    pub clothes: Handle<StandardMaterial>,
    pub skin: Handle<StandardMaterial>,
    /// Which way of signing is theirs (see [`Signer`]).
    pub style: u8,
}

/// A person who signs: a figure turned to face where they look, with two hands to sign with.
pub fn spawn_signer(house: &mut PlaceSpawner, shapes: &mut Shapes, person: Person) -> Entity {
    let hand_mesh = shapes.sphere(0.055);
    let turn = Transform::from_translation(person.feet)
        .looking_at(person.toward.with_y(person.feet.y), Vec3::Y);
    let signer = Signer::new(person.style, person.height_m);
    let skin = person.skin.clone();
    house
        .spawn((
            figure(
                person.name,
                shapes,
                person.feet,
                person.height_m,
                person.clothes,
                person.skin,
            ),
            signer,
        ))
        .insert(turn)
        .with_children(|body| {
            for right in [false, true] {
                body.spawn((
                    Name::new(if right { "Right hand" } else { "Left hand" }),
                    Hand { right },
                    Mesh3d(hand_mesh.clone()),
                    MeshMaterial3d(skin.clone()),
                    Transform::from_translation(signer.rest(right)),
                ));
            }
        })
        .id()
}

fn spawn_dining(house: &mut PlaceSpawner, shapes: &mut Shapes) {
    let oak = shapes.surface(Color::srgb(0.42, 0.26, 0.14), 0.55);
    let cloth = shapes.surface(Color::srgb(0.93, 0.9, 0.82), 0.9);
    let plate = shapes.surface(Color::srgb(0.97, 0.97, 0.95), 0.3);
    let bowl = shapes.surface(Color::srgb(0.75, 0.35, 0.15), 0.5);
    let bread = shapes.surface(Color::srgb(0.8, 0.58, 0.3), 0.9);
    let greens = shapes.surface(Color::srgb(0.3, 0.55, 0.2), 0.8);
    house.spawn(solid_box(
        "The long table",
        shapes,
        TABLE_SIZE,
        oak.clone(),
        TABLE + Vec3::Y * (TABLE_SIZE.y / 2.0),
    ));
    house.spawn(prop(
        "Table runner",
        shapes.cuboid(Vec3::new(0.5, 0.01, TABLE_SIZE.z - 0.3)),
        cloth,
        Transform::from_translation(TABLE + Vec3::Y * (TABLE_SIZE.y + 0.005)),
    ));
    for (feet, _) in DINERS {
        let toward_table = Vec3::new(TABLE.x, 0.0, feet.z) - feet;
        let toward = if toward_table.length() < 0.1 {
            Vec3::new(0.0, 0.0, 1.0)
        } else {
            toward_table
        };
        let plate_at = feet + toward.normalize() * 0.55;
        chair(house, shapes, feet, toward, &oak);
        house.spawn(prop(
            "Plate",
            shapes.cylinder(0.14, 0.015),
            plate.clone(),
            Transform::from_translation(plate_at.with_y(TABLE_SIZE.y + 0.012)),
        ));
    }
    let your_plate = Vec3::new(
        YOUR_CHAIR.x,
        TABLE_SIZE.y + 0.012,
        TABLE.z + TABLE_SIZE.z / 2.0 - 0.3,
    );
    house.spawn(prop(
        "Your plate",
        shapes.cylinder(0.14, 0.015),
        plate,
        Transform::from_translation(your_plate),
    ));
    for (name, mesh, material, at) in [
        (
            "Stew pot",
            shapes.cylinder(0.16, 0.16),
            bowl.clone(),
            Vec3::new(-4.5, 0.83, 0.4),
        ),
        (
            "Bread",
            shapes.capsule(0.07, 0.2),
            bread,
            Vec3::new(-4.45, 0.8, -0.7),
        ),
        (
            "Salad bowl",
            shapes.sphere(0.13),
            greens,
            Vec3::new(-4.55, 0.76, -1.6),
        ),
        (
            "Jug",
            shapes.cylinder(0.06, 0.22),
            bowl,
            Vec3::new(-4.35, 0.86, 1.3),
        ),
    ] {
        house.spawn(prop(name, mesh, material, Transform::from_translation(at)));
    }
    chair(house, shapes, YOUR_CHAIR, Vec3::NEG_Z, &oak);
    house.spawn((
        Name::new("Your chair at the table"),
        MovesTheStoryOn {
            beat: HouseBeat::ToTheTable,
            prompt: "house-prompt-table",
        },
        Transform::from_translation(YOUR_CHAIR),
    ));

    let skins = [
        shapes.surface(Color::srgb(0.78, 0.58, 0.46), 0.7),
        shapes.surface(Color::srgb(0.45, 0.3, 0.22), 0.7),
        shapes.surface(Color::srgb(0.62, 0.45, 0.34), 0.7),
    ];
    let clothes = [
        shapes.surface(Color::srgb(0.25, 0.4, 0.55), 0.85),
        shapes.surface(Color::srgb(0.6, 0.3, 0.2), 0.85),
        shapes.surface(Color::srgb(0.35, 0.45, 0.3), 0.85),
        shapes.surface(Color::srgb(0.7, 0.62, 0.4), 0.85),
    ];
    for (i, (feet, height_m)) in DINERS.into_iter().enumerate() {
        let toward = if feet.z < TABLE.z - TABLE_SIZE.z / 2.0 {
            Vec3::new(feet.x, 0.0, 0.0)
        } else {
            Vec3::new(TABLE.x, 0.0, feet.z)
        };
        spawn_signer(
            house,
            shapes,
            Person {
                name: "Someone at the table",
                feet,
                toward,
                height_m,
                clothes: clothes[i % clothes.len()].clone(),
                skin: skins[i % skins.len()].clone(),
                style: i as u8,
            },
        );
    }
}

fn spawn_play_floor(house: &mut PlaceSpawner, shapes: &mut Shapes) {
    let boards = shapes.surface(Color::srgb(0.78, 0.6, 0.38), 0.6);
    let seam = shapes.surface(Color::srgb(0.5, 0.36, 0.22), 0.7);
    house.spawn(prop(
        "Play floor",
        shapes.cuboid(PLAY_FLOOR_SIZE),
        boards,
        Transform::from_translation(PLAY_FLOOR + Vec3::Y * 0.01),
    ));
    let seams = 12;
    for i in 1..seams {
        let x =
            PLAY_FLOOR.x - PLAY_FLOOR_SIZE.x / 2.0 + i as f32 * PLAY_FLOOR_SIZE.x / seams as f32;
        house.spawn(prop(
            "Board seam",
            shapes.cuboid(Vec3::new(0.015, 0.005, PLAY_FLOOR_SIZE.z)),
            seam.clone(),
            Transform::from_xyz(x, 0.022, PLAY_FLOOR.z),
        ));
    }
    house.spawn((
        Name::new("The boards"),
        MovesTheStoryOn {
            beat: HouseBeat::ToTheChildren,
            prompt: "house-prompt-floor",
        },
        Transform::from_translation(THE_BOARDS),
    ));
    house.spawn((
        Name::new("Glow in the boards"),
        FloorGlow,
        FlashingLight::new(0.0, FLOOR_GLOW_LM, 0.0),
        PointLight {
            color: Color::srgb(1.0, 0.62, 0.3),
            intensity: 0.0,
            range: 5.0,
            ..default()
        },
        Transform::from_translation(STAMPING_AT + Vec3::Y * 0.35),
    ));

    // The slide: a ladder tower, a red chute down toward the boards.
    let tower = shapes.surface(Color::srgb(0.25, 0.45, 0.75), 0.6);
    let chute = shapes.surface(Color::srgb(0.85, 0.2, 0.15), 0.35);
    house.spawn(solid_box(
        "Slide tower",
        shapes,
        Vec3::new(0.7, 1.4, 0.7),
        tower,
        Vec3::new(7.0, 0.7, 0.7),
    ));
    let top = Vec3::new(7.0, 1.4, 1.05);
    let bottom = Vec3::new(7.0, 0.1, 3.3);
    let length = top.distance(bottom);
    house.spawn((
        prop(
            "Slide",
            shapes.cuboid(Vec3::new(0.55, 0.06, length)),
            chute,
            Transform::from_translation((top + bottom) / 2.0).looking_at(bottom, Vec3::Y),
        ),
        Collider {
            half_size: Vec2::new(0.3, length / 2.0 * 0.9),
        },
    ));

    let skin = shapes.surface(Color::srgb(0.72, 0.52, 0.4), 0.7);
    let clothes = [
        shapes.surface(Color::srgb(0.95, 0.75, 0.2), 0.85),
        shapes.surface(Color::srgb(0.3, 0.65, 0.45), 0.85),
        shapes.surface(Color::srgb(0.85, 0.35, 0.5), 0.85),
    ];
    for (i, (feet, height_m)) in CHILDREN.into_iter().enumerate() {
        house.spawn((
            figure(
                "A child",
                shapes,
                feet,
                height_m,
                clothes[i].clone(),
                skin.clone(),
            ),
            Child { feet },
        ));
    }
}

fn spawn_study(house: &mut PlaceSpawner, shapes: &mut Shapes) {
    let plaster = shapes.surface(Color::srgb(0.84, 0.8, 0.72), 0.95);
    let height = ROOM.y;
    let north = -ROOM.z / 2.0;
    for (name, size, center) in [
        (
            "Study wall",
            Vec3::new(STUDY_DOOR.x - 0.6 - STUDY_WEST_X, height, 0.15),
            Vec3::new(
                (STUDY_WEST_X + STUDY_DOOR.x - 0.6) / 2.0,
                height / 2.0,
                STUDY_WALL_Z,
            ),
        ),
        (
            "Study wall",
            Vec3::new(ROOM.x / 2.0 - (STUDY_DOOR.x + 0.6), height, 0.15),
            Vec3::new(
                (STUDY_DOOR.x + 0.6 + ROOM.x / 2.0) / 2.0,
                height / 2.0,
                STUDY_WALL_Z,
            ),
        ),
        (
            "Study wall",
            Vec3::new(0.15, height, STUDY_WALL_Z - north),
            Vec3::new(STUDY_WEST_X, height / 2.0, (STUDY_WALL_Z + north) / 2.0),
        ),
    ] {
        house.spawn(solid_box(name, shapes, size, plaster.clone(), center));
    }
    let rug = shapes.surface(Color::srgb(0.45, 0.2, 0.18), 1.0);
    house.spawn(prop(
        "Rug",
        shapes.cuboid(Vec3::new(2.6, 0.01, 2.4)),
        rug,
        Transform::from_xyz(5.4, 0.006, -4.2),
    ));
    let walnut = shapes.surface(Color::srgb(0.3, 0.18, 0.1), 0.5);
    house.spawn(solid_box(
        "Desk",
        shapes,
        Vec3::new(1.4, 0.75, 0.7),
        walnut.clone(),
        Vec3::new(STUDY_CHAIR.x, 0.375, -5.45),
    ));
    let paper = shapes.surface(Color::srgb(0.95, 0.94, 0.9), 0.9);
    house.spawn(prop(
        "Notebook",
        shapes.cuboid(Vec3::new(0.3, 0.02, 0.22)),
        paper,
        Transform::from_xyz(STUDY_CHAIR.x - 0.2, 0.76, -5.35),
    ));
    let shelf = shapes.surface(Color::srgb(0.36, 0.24, 0.14), 0.6);
    house.spawn(solid_box(
        "Bookshelf",
        shapes,
        Vec3::new(0.35, 2.0, 1.6),
        shelf,
        Vec3::new(ROOM.x / 2.0 - 0.2, 1.0, -4.2),
    ));
    let spines = [
        Color::srgb(0.6, 0.15, 0.12),
        Color::srgb(0.15, 0.3, 0.5),
        Color::srgb(0.8, 0.7, 0.35),
        Color::srgb(0.2, 0.4, 0.25),
    ];
    for row in 0..3 {
        let books = shapes.surface(spines[row % spines.len()], 0.8);
        house.spawn(prop(
            "Books",
            shapes.cuboid(Vec3::new(0.05, 0.28, 1.4)),
            books,
            Transform::from_xyz(ROOM.x / 2.0 - 0.4, 0.6 + row as f32 * 0.55, -4.2),
        ));
    }
    let plant = shapes.surface(Color::srgb(0.25, 0.5, 0.22), 0.8);
    house.spawn(prop(
        "Plant",
        shapes.sphere(0.3),
        plant,
        Transform::from_xyz(STUDY_WEST_X + 0.5, 0.4, -5.5),
    ));
    chair(house, shapes, STUDY_CHAIR, Vec3::NEG_Z, &walnut);
    house.spawn((
        Name::new("The chair in the study"),
        MovesTheStoryOn {
            beat: HouseBeat::ToTheStudy,
            prompt: "house-prompt-study",
        },
        Transform::from_translation(STUDY_CHAIR),
    ));
}

fn spawn_mentor(house: &mut PlaceSpawner, shapes: &mut Shapes) {
    let clothes = shapes.surface(Color::srgb(0.2, 0.22, 0.3), 0.85);
    let skin = shapes.surface(Color::srgb(0.55, 0.38, 0.28), 0.7);
    let mentor = spawn_signer(
        house,
        shapes,
        Person {
            name: "The mentor",
            feet: MENTOR_WELCOME,
            toward: ARRIVAL.0,
            height_m: MENTOR_HEIGHT_M,
            clothes,
            skin,
            style: MENTOR_STYLE,
        },
    );
    let hair = shapes.surface(Color::srgb(0.75, 0.74, 0.72), 0.9);
    let hair_mesh = shapes.sphere(0.125);
    house
        .commands()
        .entity(mentor)
        .insert(Mentor)
        .with_children(|mentor| {
            mentor.spawn((
                Name::new("The mentor's grey hair"),
                Mesh3d(hair_mesh),
                MeshMaterial3d(hair),
                Transform::from_xyz(0.0, 1.64, 0.03),
            ));
        });
}
