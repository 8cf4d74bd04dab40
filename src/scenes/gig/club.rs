//! The club built from simple geometry and light: the room, the bar, the merch table, the stage and its kit,
//! and where its sounds come from.

use bevy::prelude::*;

use super::layout::{
    BAR_CHATTER_AT, BAR_GLASSES, KICK_AT, KIT_AT, MERCH_TABLE, ROOM, SEAT_FEET, SINGER_MOUTH,
    SNARE_AT, SOUNDCHECK_AT, STAGE_FRONT_Z, STAGE_TOP_M,
};
use super::story::GigBeat;
use crate::audio::{SoundEmitter, SoundKey};
use crate::player::Collider;
use crate::scenes::build::{
    Scenery, Shapes, build_on_arrival, figure, prop, solid_box, spawn_shell,
};
use crate::scenes::kit::{MovesTheStoryOn, PlaceSpawner};
use crate::ui::flashing::{FlashingLight, GlowingSurface};

pub(super) fn plugin(app: &mut App) {
    build_on_arrival::<GigBeat, _>(app, spawn_the_club);
}

/// The kit on stage; using it starts the set.
#[derive(Component, Debug, Default, Clone, Copy, Reflect)]
pub struct DrumKit;

/// The support act's soundcheck, playing until the onset.
#[derive(Component, Debug, Default, Clone, Copy, Reflect)]
pub struct Soundcheck;

/// A coloured stage light, its beam or its lens, that pulses with the kick during the set.
#[derive(Component, Debug, Default, Clone, Copy, PartialEq, Reflect)]
pub struct StageLight;

/// How brightly a stage light's lens glows when its lamp is full on (emissive strength).
const LENS_GLOW: f32 = 30.0;

fn spawn_the_club(mut scenery: Scenery) {
    scenery.build(Color::srgb(1.0, 0.72, 0.5), 18.0, |club, shapes| {
        let floor = shapes.surface(Color::srgb(0.055, 0.05, 0.05), 0.35);
        let walls = shapes.surface(Color::srgb(0.1, 0.065, 0.06), 0.9);
        spawn_shell(club, shapes, ROOM, floor, walls);
        spawn_stage(club, shapes);
        spawn_kit(club, shapes);
        spawn_stage_lights(club, shapes);
        spawn_bar(club, shapes);
        spawn_merch_table(club, shapes);
        spawn_singer(club, shapes);
        spawn_room(club, shapes);
        spawn_patrons(club, shapes);
        club.spawn((
            Name::new("Bar chatter"),
            SoundEmitter {
                sound: SoundKey("bar_chatter"),
                looping: true,
                volume_db: 0.0,
                in_head: false,
            },
            Transform::from_translation(BAR_CHATTER_AT),
        ));
    });
}

/// The support act soundchecking on stage, from the merch table until the onset buries it.
pub fn soundcheck() -> impl Bundle {
    (
        Name::new("The support act's soundcheck"),
        Soundcheck,
        SoundEmitter {
            sound: SoundKey("soundcheck"),
            looping: true,
            volume_db: -3.0,
            in_head: false,
        },
        Transform::from_translation(SOUNDCHECK_AT),
    )
}

fn spawn_stage(club: &mut PlaceSpawner, shapes: &mut Shapes) {
    let depth = ROOM.z / 2.0 + STAGE_FRONT_Z;
    let boards = shapes.surface(Color::srgb(0.07, 0.06, 0.06), 0.55);
    club.spawn(solid_box(
        "Stage",
        shapes,
        Vec3::new(10.0, STAGE_TOP_M, depth),
        boards,
        Vec3::new(0.0, STAGE_TOP_M / 2.0, STAGE_FRONT_Z - depth / 2.0),
    ));
    let curtain = shapes.surface(Color::srgb(0.16, 0.02, 0.05), 0.7);
    club.spawn(prop(
        "Backdrop curtain",
        shapes.cuboid(Vec3::new(10.0, 3.9, 0.05)),
        curtain,
        Transform::from_xyz(0.0, STAGE_TOP_M + 1.95, -ROOM.z / 2.0 + 0.05),
    ));
    let cab = shapes.surface(Color::srgb(0.03, 0.03, 0.03), 0.8);
    let grille = shapes.surface(Color::srgb(0.12, 0.12, 0.13), 1.0);
    let pilot = shapes.glowing(Color::srgb(1.0, 0.1, 0.05), 8.0);
    for (name, x) in [("Bass amp", -3.2), ("Guitar amp", 3.2)] {
        club.spawn(prop(
            name,
            shapes.cuboid(Vec3::new(1.0, 1.5, 0.6)),
            cab.clone(),
            Transform::from_xyz(x, STAGE_TOP_M + 0.75, -6.3),
        ));
        club.spawn(prop(
            "Speaker grille",
            shapes.cuboid(Vec3::new(0.88, 1.3, 0.02)),
            grille.clone(),
            Transform::from_xyz(x, STAGE_TOP_M + 0.75, -5.995),
        ));
        club.spawn(prop(
            "Amp head",
            shapes.cuboid(Vec3::new(1.0, 0.3, 0.5)),
            cab.clone(),
            Transform::from_xyz(x, STAGE_TOP_M + 1.65, -6.3),
        ));
        club.spawn(prop(
            "Pilot light",
            shapes.sphere(0.02),
            pilot.clone(),
            Transform::from_xyz(x + 0.38, STAGE_TOP_M + 1.65, -6.04),
        ));
    }
    for x in [-1.7, 1.7] {
        club.spawn(prop(
            "Monitor wedge",
            shapes.cuboid(Vec3::new(0.7, 0.35, 0.45)),
            cab.clone(),
            Transform::from_xyz(x, STAGE_TOP_M + 0.17, STAGE_FRONT_Z - 0.35)
                .with_rotation(Quat::from_rotation_x(-0.35)),
        ));
    }
    let chrome = shapes.surface(Color::srgb(0.7, 0.7, 0.72), 0.25);
    club.spawn(prop(
        "Microphone stand",
        shapes.cylinder(0.012, 1.5),
        chrome.clone(),
        Transform::from_xyz(1.6, STAGE_TOP_M + 0.75, -4.3),
    ));
    club.spawn(prop(
        "Microphone",
        shapes.sphere(0.035),
        chrome,
        Transform::from_xyz(1.6, STAGE_TOP_M + 1.52, -4.25),
    ));
}

fn spawn_kit(club: &mut PlaceSpawner, shapes: &mut Shapes) {
    let shell = shapes.surface(Color::srgb(0.45, 0.03, 0.04), 0.2);
    let head = shapes.surface(Color::srgb(0.9, 0.88, 0.82), 0.6);
    let bronze = shapes.metal(Color::srgb(0.78, 0.56, 0.22), 0.3);
    let chrome = shapes.surface(Color::srgb(0.7, 0.7, 0.72), 0.25);
    let seat = shapes.surface(Color::srgb(0.02, 0.02, 0.02), 0.6);
    let lying = Quat::from_rotation_x(std::f32::consts::FRAC_PI_2);

    club.spawn((
        Name::new("Your drum kit"),
        DrumKit,
        MovesTheStoryOn {
            beat: GigBeat::WalkToStage,
            prompt: "gig-prompt-play",
        },
        Transform::from_translation(KIT_AT),
    ));
    club.spawn(prop(
        "Kick drum",
        shapes.cylinder(0.28, 0.42),
        shell.clone(),
        Transform::from_translation(KICK_AT).with_rotation(lying),
    ));
    club.spawn(prop(
        "Kick drum head",
        shapes.cylinder(0.27, 0.01),
        head.clone(),
        Transform::from_translation(KICK_AT + Vec3::Z * 0.215).with_rotation(lying),
    ));
    let tilt = |toward_drummer: f32| Quat::from_rotation_x(-toward_drummer);
    for (name, radius, depth, at, angle) in [
        ("Snare drum", 0.18, 0.14, SNARE_AT, 0.12),
        (
            "Rack tom",
            0.14,
            0.16,
            Vec3::new(0.12, STAGE_TOP_M + 0.8, -5.35),
            0.35,
        ),
        (
            "Floor tom",
            0.2,
            0.4,
            Vec3::new(-0.48, STAGE_TOP_M + 0.38, -5.75),
            0.0,
        ),
    ] {
        club.spawn(prop(
            name,
            shapes.cylinder(radius, depth),
            shell.clone(),
            Transform::from_translation(at).with_rotation(tilt(angle)),
        ));
        club.spawn(prop(
            "Drum head",
            shapes.cylinder(radius * 0.97, 0.01),
            head.clone(),
            Transform::from_translation(at + tilt(angle) * Vec3::Y * (depth / 2.0))
                .with_rotation(tilt(angle)),
        ));
    }
    for (name, radius, at, angle) in [
        (
            "Hi-hat",
            0.18,
            Vec3::new(0.68, STAGE_TOP_M + 0.95, -5.75),
            0.0,
        ),
        (
            "Crash cymbal",
            0.24,
            Vec3::new(0.6, STAGE_TOP_M + 1.35, -5.1),
            0.3,
        ),
        (
            "Ride cymbal",
            0.27,
            Vec3::new(-0.65, STAGE_TOP_M + 1.15, -5.25),
            0.22,
        ),
    ] {
        club.spawn(prop(
            name,
            shapes.cylinder(radius, 0.008),
            bronze.clone(),
            Transform::from_translation(at).with_rotation(tilt(angle)),
        ));
        club.spawn(prop(
            "Cymbal stand",
            shapes.cylinder(0.01, at.y - STAGE_TOP_M),
            chrome.clone(),
            Transform::from_xyz(at.x, (at.y + STAGE_TOP_M) / 2.0, at.z - 0.02),
        ));
    }
    club.spawn(prop(
        "Drum stool",
        shapes.cylinder(0.17, 0.5),
        seat,
        Transform::from_xyz(SEAT_FEET.x, STAGE_TOP_M + 0.25, SEAT_FEET.z - 0.05),
    ));
}

fn spawn_stage_lights(club: &mut PlaceSpawner, shapes: &mut Shapes) {
    let truss = shapes.surface(Color::srgb(0.25, 0.25, 0.27), 0.4);
    club.spawn(prop(
        "Lighting truss",
        shapes.cylinder(0.05, 10.0),
        truss,
        Transform::from_xyz(0.0, 4.15, -3.9)
            .with_rotation(Quat::from_rotation_z(std::f32::consts::FRAC_PI_2)),
    ));
    let can = shapes.surface(Color::srgb(0.02, 0.02, 0.02), 0.5);
    for (x, color, aim) in [
        (
            -3.6,
            Color::srgb(1.0, 0.1, 0.55),
            Vec3::new(-1.5, STAGE_TOP_M, -5.6),
        ),
        (
            -1.2,
            Color::srgb(1.0, 0.55, 0.12),
            Vec3::new(0.0, STAGE_TOP_M, -5.6),
        ),
        (
            1.2,
            Color::srgb(0.15, 0.55, 1.0),
            Vec3::new(0.3, STAGE_TOP_M, -5.4),
        ),
        (
            3.6,
            Color::srgb(0.95, 0.08, 0.08),
            Vec3::new(1.8, STAGE_TOP_M, -5.0),
        ),
    ] {
        let at = Vec3::new(x, 3.95, -3.9);
        let full_lm = 5_000_000.0;
        club.spawn(prop(
            "Stage light",
            shapes.cylinder(0.13, 0.28),
            can.clone(),
            Transform::from_translation(at),
        ));
        // The lens glows with its lamp: it flashes as the beam does, through the same limit.
        club.spawn((
            prop(
                "Stage light lens",
                shapes.cylinder(0.11, 0.02),
                shapes.glowing(color, LENS_GLOW),
                Transform::from_translation(at - Vec3::Y * 0.15),
            ),
            StageLight,
            FlashingLight::new(0.0, LENS_GLOW, 1.0),
            GlowingSurface(LinearRgba::from(color)),
        ));
        club.spawn((
            Name::new("Stage light beam"),
            StageLight,
            FlashingLight::new(0.0, full_lm, 1.0),
            SpotLight {
                color,
                intensity: full_lm,
                range: 14.0,
                outer_angle: 0.42,
                inner_angle: 0.2,
                ..default()
            },
            Transform::from_translation(at - Vec3::Y * 0.2).looking_at(aim, Vec3::Y),
        ));
    }
    club.spawn((
        Name::new("Front wash on the kit"),
        SpotLight {
            color: Color::srgb(1.0, 0.85, 0.65),
            intensity: 2_500_000.0,
            range: 16.0,
            outer_angle: 0.3,
            inner_angle: 0.15,
            ..default()
        },
        Transform::from_xyz(0.0, 4.3, 1.5)
            .looking_at(Vec3::new(0.0, STAGE_TOP_M + 0.8, -5.6), Vec3::Y),
    ));
    club.spawn((
        Name::new("Back wash behind the kit"),
        StageLight,
        FlashingLight::new(0.0, 1_500_000.0, 1.0),
        PointLight {
            color: Color::srgb(0.5, 0.15, 1.0),
            intensity: 1_500_000.0,
            range: 8.0,
            ..default()
        },
        Transform::from_xyz(0.0, 0.9, -6.7),
    ));
}

fn spawn_bar(club: &mut PlaceSpawner, shapes: &mut Shapes) {
    let wood = shapes.surface(Color::srgb(0.12, 0.05, 0.025), 0.6);
    let varnish = shapes.surface(Color::srgb(0.16, 0.07, 0.03), 0.15);
    let strip = shapes.glowing(Color::srgb(1.0, 0.55, 0.2), 6.0);
    club.spawn(solid_box(
        "Bar counter",
        shapes,
        Vec3::new(0.9, 1.1, 7.0),
        wood.clone(),
        Vec3::new(8.0, 0.55, 0.5),
    ));
    club.spawn(prop(
        "Bar top",
        shapes.cuboid(Vec3::new(1.05, 0.06, 7.1)),
        varnish,
        Transform::from_xyz(7.98, 1.13, 0.5),
    ));
    club.spawn(prop(
        "Bar light strip",
        shapes.cuboid(Vec3::new(0.02, 0.03, 7.0)),
        strip,
        Transform::from_xyz(7.44, 1.05, 0.5),
    ));
    club.spawn(solid_box(
        "Back bar",
        shapes,
        Vec3::new(0.5, 0.95, 6.0),
        wood,
        Vec3::new(9.75, 0.475, 0.5),
    ));
    let shelf = shapes.glass(Color::srgb(0.7, 0.8, 0.8));
    let backlight = shapes.glowing(Color::srgb(1.0, 0.62, 0.3), 1.2);
    club.spawn(prop(
        "Back bar light panel",
        shapes.cuboid(Vec3::new(0.02, 1.3, 5.6)),
        backlight,
        Transform::from_xyz(9.98, 1.75, 0.5),
    ));
    let bottle_glass = [
        shapes.glass(Color::srgb(0.7, 0.35, 0.05)),
        shapes.glass(Color::srgb(0.1, 0.45, 0.15)),
        shapes.glass(Color::srgb(0.85, 0.85, 0.8)),
        shapes.glass(Color::srgb(0.35, 0.12, 0.05)),
    ];
    let bottle = shapes.cylinder(0.04, 0.26);
    let neck = shapes.cylinder(0.014, 0.09);
    for (row, shelf_y) in [1.3_f32, 1.85].into_iter().enumerate() {
        club.spawn(prop(
            "Glass shelf",
            shapes.cuboid(Vec3::new(0.3, 0.02, 5.6)),
            shelf.clone(),
            Transform::from_xyz(9.82, shelf_y, 0.5),
        ));
        for i in 0..18 {
            let z = -2.1 + i as f32 * 0.3 + row as f32 * 0.12;
            let glass = bottle_glass[(i * 3 + row) % bottle_glass.len()].clone();
            club.spawn(prop(
                "Bottle",
                bottle.clone(),
                glass.clone(),
                Transform::from_xyz(9.82, shelf_y + 0.14, z),
            ));
            club.spawn(prop(
                "Bottle neck",
                neck.clone(),
                glass,
                Transform::from_xyz(9.82, shelf_y + 0.315, z),
            ));
        }
    }
    let clear = shapes.glass(Color::srgb(0.8, 0.85, 0.9));
    let beer = shapes.glass(Color::srgb(0.95, 0.6, 0.1));
    let tumbler = shapes.cylinder(0.035, 0.11);
    for (i, at) in BAR_GLASSES.into_iter().enumerate() {
        for (j, offset) in [Vec3::ZERO, Vec3::new(0.12, 0.0, 0.15)]
            .into_iter()
            .enumerate()
        {
            let liquid = if (i + j) % 2 == 0 {
                beer.clone()
            } else {
                clear.clone()
            };
            club.spawn(prop(
                "Glass",
                tumbler.clone(),
                liquid,
                Transform::from_translation(at - Vec3::Y * 0.015 + offset),
            ));
        }
    }
    let stool_seat = shapes.surface(Color::srgb(0.05, 0.02, 0.02), 0.5);
    let chrome = shapes.surface(Color::srgb(0.6, 0.6, 0.62), 0.25);
    for z in [-2.2, -0.8, 0.6, 2.0, 3.4] {
        club.spawn(solid_box(
            "Bar stool",
            shapes,
            Vec3::new(0.36, 0.06, 0.36),
            stool_seat.clone(),
            Vec3::new(7.05, 0.78, z),
        ));
        club.spawn(prop(
            "Bar stool leg",
            shapes.cylinder(0.025, 0.75),
            chrome.clone(),
            Transform::from_xyz(7.05, 0.375, z),
        ));
    }
    let bulb = shapes.glowing(Color::srgb(1.0, 0.7, 0.35), 12.0);
    for z in [-1.8, 0.6, 3.0] {
        club.spawn(prop(
            "Pendant bulb",
            shapes.sphere(0.06),
            bulb.clone(),
            Transform::from_xyz(8.0, 2.9, z),
        ));
        club.spawn((
            Name::new("Pendant light over the bar"),
            PointLight {
                color: Color::srgb(1.0, 0.68, 0.38),
                intensity: 140_000.0,
                range: 7.0,
                ..default()
            },
            Transform::from_xyz(8.0, 2.8, z),
        ));
    }
}

fn spawn_merch_table(club: &mut PlaceSpawner, shapes: &mut Shapes) {
    let cloth = shapes.surface(Color::srgb(0.02, 0.02, 0.025), 1.0);
    club.spawn(solid_box(
        "Merch table",
        shapes,
        Vec3::new(3.0, 0.8, 0.9),
        cloth,
        Vec3::new(MERCH_TABLE.x, 0.4, MERCH_TABLE.y),
    ));
    let shirt_colors = [
        Color::srgb(0.03, 0.03, 0.03),
        Color::srgb(0.85, 0.83, 0.78),
        Color::srgb(0.55, 0.05, 0.06),
        Color::srgb(0.2, 0.22, 0.25),
    ];
    let print = shapes.surface(Color::srgb(0.9, 0.9, 0.85), 0.9);
    let dark_print = shapes.surface(Color::srgb(0.05, 0.05, 0.05), 0.9);
    let folded = shapes.cuboid(Vec3::new(0.34, 0.035, 0.28));
    for (i, color) in shirt_colors.into_iter().enumerate() {
        let material = shapes.surface(color, 0.95);
        let x = MERCH_TABLE.x - 1.15 + i as f32 * 0.5;
        for layer in 0..(3 + i % 2) {
            club.spawn(prop(
                "Folded shirt",
                folded.clone(),
                material.clone(),
                Transform::from_xyz(x, 0.82 + layer as f32 * 0.036, MERCH_TABLE.y - 0.1)
                    .with_rotation(Quat::from_rotation_y(0.04 * layer as f32 - 0.05)),
            ));
        }
        let hanging_x = MERCH_TABLE.x - 1.5 + i as f32 * 1.0;
        club.spawn(prop(
            "Shirt on the wall",
            shapes.cuboid(Vec3::new(0.62, 0.74, 0.02)),
            material,
            Transform::from_xyz(hanging_x, 2.05, ROOM.z / 2.0 - 0.02),
        ));
        let ink = if i == 1 {
            dark_print.clone()
        } else {
            print.clone()
        };
        club.spawn(prop(
            "Shirt print",
            shapes.cuboid(Vec3::new(0.3, 0.22, 0.01)),
            ink,
            Transform::from_xyz(hanging_x, 2.15, ROOM.z / 2.0 - 0.04),
        ));
    }
    let record = shapes.surface(Color::srgb(0.08, 0.08, 0.1), 0.4);
    for i in 0..3 {
        club.spawn(prop(
            "Record",
            shapes.cuboid(Vec3::new(0.31, 0.01, 0.31)),
            record.clone(),
            Transform::from_xyz(
                MERCH_TABLE.x + 0.95,
                0.81 + i as f32 * 0.011,
                MERCH_TABLE.y + 0.15,
            )
            .with_rotation(Quat::from_rotation_y(0.1 * i as f32)),
        ));
    }
    let tin = shapes.surface(Color::srgb(0.3, 0.35, 0.32), 0.4);
    club.spawn(prop(
        "Cash tin",
        shapes.cuboid(Vec3::new(0.25, 0.08, 0.18)),
        tin,
        Transform::from_xyz(MERCH_TABLE.x + 1.2, 0.84, MERCH_TABLE.y + 0.25),
    ));
    let bulb = shapes.glowing(Color::srgb(1.0, 0.78, 0.5), 10.0);
    club.spawn(prop(
        "Clip lamp",
        shapes.sphere(0.05),
        bulb,
        Transform::from_xyz(MERCH_TABLE.x + 0.3, 2.6, ROOM.z / 2.0 - 0.3),
    ));
    club.spawn((
        Name::new("Clip lamp light"),
        PointLight {
            color: Color::srgb(1.0, 0.8, 0.55),
            intensity: 70_000.0,
            range: 6.0,
            ..default()
        },
        Transform::from_xyz(MERCH_TABLE.x + 0.3, 2.5, ROOM.z / 2.0 - 0.5),
    ));
    let banner = shapes.surface(Color::srgb(0.75, 0.72, 0.65), 0.9);
    club.spawn(prop(
        "Band banner",
        shapes.cuboid(Vec3::new(3.2, 0.45, 0.02)),
        banner,
        Transform::from_xyz(MERCH_TABLE.x, 3.0, ROOM.z / 2.0 - 0.02),
    ));
}

fn spawn_singer(club: &mut PlaceSpawner, shapes: &mut Shapes) {
    let jacket = shapes.surface(Color::srgb(0.09, 0.085, 0.09), 0.3);
    let skin = shapes.surface(Color::srgb(0.78, 0.58, 0.46), 0.7);
    let hair = shapes.surface(Color::srgb(0.92, 0.86, 0.66), 0.8);
    let feet = Vec3::new(SINGER_MOUTH.x, 0.0, SINGER_MOUTH.z);
    club.spawn((
        prop(
            "The singer",
            shapes.capsule(0.2, 1.0),
            jacket,
            Transform::from_translation(feet + Vec3::Y * 0.72),
        ),
        Collider {
            half_size: Vec2::splat(0.25),
        },
    ));
    club.spawn(prop(
        "The singer's head",
        shapes.sphere(0.12),
        skin,
        Transform::from_translation(feet + Vec3::Y * 1.55),
    ));
    club.spawn(prop(
        "The singer's hair",
        shapes.sphere(0.125),
        hair,
        Transform::from_translation(feet + Vec3::new(0.0, 1.58, -0.03)),
    ));
}

/// Where the people at the bar stand, and how tall they are.
const PATRONS: [(Vec3, f32); 4] = [
    (Vec3::new(6.6, 0.0, -1.5), 1.82),
    (Vec3::new(6.5, 0.0, 1.3), 1.68),
    (Vec3::new(-1.1, 0.0, 2.7), 1.75),
    (Vec3::new(3.7, 0.0, 3.1), 1.64),
];

fn spawn_patrons(club: &mut PlaceSpawner, shapes: &mut Shapes) {
    let skin = shapes.surface(Color::srgb(0.62, 0.45, 0.36), 0.7);
    let clothes = [
        shapes.surface(Color::srgb(0.12, 0.12, 0.16), 0.8),
        shapes.surface(Color::srgb(0.3, 0.1, 0.08), 0.8),
    ];
    for (i, (feet, height_m)) in PATRONS.into_iter().enumerate() {
        club.spawn(figure(
            "Someone at the bar",
            shapes,
            feet,
            height_m,
            clothes[i % clothes.len()].clone(),
            skin.clone(),
        ));
    }
}

/// The crowd that gathers in front of the stage when the set begins: rows of people, a little uneven.
pub fn spawn_crowd(club: &mut PlaceSpawner, shapes: &mut Shapes) {
    let skin = shapes.surface(Color::srgb(0.55, 0.4, 0.33), 0.7);
    let clothes = [
        shapes.surface(Color::srgb(0.06, 0.06, 0.07), 0.8),
        shapes.surface(Color::srgb(0.16, 0.13, 0.12), 0.8),
        shapes.surface(Color::srgb(0.1, 0.12, 0.2), 0.8),
    ];
    for row in 0..3 {
        for seat in 0..7 {
            let i = row * 7 + seat;
            // A fixed scatter, the same every night.
            let jitter = ((i as f32 * 0.618_034).fract() - 0.5) * 0.5;
            let feet = Vec3::new(
                -3.6 + seat as f32 * 1.2 + jitter + 0.4 * (row % 2) as f32,
                0.0,
                STAGE_FRONT_Z + 1.0 + row as f32 * 1.3 - jitter * 0.6,
            );
            let height_m = 1.6 + (i as f32 * 0.377).fract() * 0.3;
            club.spawn(figure(
                "Someone in the crowd",
                shapes,
                feet,
                height_m,
                clothes[i % clothes.len()].clone(),
                skin.clone(),
            ));
        }
    }
}

fn spawn_room(club: &mut PlaceSpawner, shapes: &mut Shapes) {
    let steel = shapes.surface(Color::srgb(0.2, 0.2, 0.21), 0.35);
    let top = shapes.surface(Color::srgb(0.1, 0.07, 0.05), 0.3);
    for (x, z) in [(-1.6, 2.2), (3.2, 3.6), (-3.8, -0.4)] {
        club.spawn(solid_box(
            "High table",
            shapes,
            Vec3::new(0.6, 0.04, 0.6),
            top.clone(),
            Vec3::new(x, 1.08, z),
        ));
        club.spawn(prop(
            "High table leg",
            shapes.cylinder(0.04, 1.06),
            steel.clone(),
            Transform::from_xyz(x, 0.53, z),
        ));
    }
    let sconce = shapes.glowing(Color::srgb(1.0, 0.55, 0.25), 6.0);
    for z in [-2.0, 2.5] {
        club.spawn(prop(
            "Wall sconce",
            shapes.cuboid(Vec3::new(0.08, 0.25, 0.18)),
            sconce.clone(),
            Transform::from_xyz(-ROOM.x / 2.0 + 0.04, 2.3, z),
        ));
        club.spawn((
            Name::new("Wall sconce light"),
            PointLight {
                color: Color::srgb(1.0, 0.55, 0.28),
                intensity: 40_000.0,
                range: 6.0,
                ..default()
            },
            Transform::from_xyz(-ROOM.x / 2.0 + 0.3, 2.3, z),
        ));
    }
    let posters = [
        Color::srgb(0.8, 0.15, 0.1),
        Color::srgb(0.9, 0.85, 0.7),
        Color::srgb(0.1, 0.3, 0.6),
        Color::srgb(0.95, 0.7, 0.1),
        Color::srgb(0.15, 0.15, 0.15),
    ];
    for (i, color) in posters.into_iter().enumerate() {
        let paper = shapes.surface(color, 0.9);
        let z = -4.5 + i as f32 * 1.9;
        club.spawn(prop(
            "Gig poster",
            shapes.cuboid(Vec3::new(0.01, 0.84, 0.6)),
            paper,
            Transform::from_xyz(-ROOM.x / 2.0 + 0.01, 1.75 + 0.12 * (i % 2) as f32, z)
                .with_rotation(Quat::from_rotation_x(0.03 * (i as f32 - 2.0))),
        ));
    }
    let door = shapes.surface(Color::srgb(0.05, 0.05, 0.06), 0.5);
    club.spawn(prop(
        "Door",
        shapes.cuboid(Vec3::new(1.2, 2.2, 0.05)),
        door,
        Transform::from_xyz(6.5, 1.1, ROOM.z / 2.0 - 0.03),
    ));
    let exit_sign = shapes.glowing(Color::srgb(0.1, 1.0, 0.3), 8.0);
    club.spawn(prop(
        "Exit sign",
        shapes.cuboid(Vec3::new(0.45, 0.16, 0.05)),
        exit_sign,
        Transform::from_xyz(6.5, 2.45, ROOM.z / 2.0 - 0.04),
    ));
    let bulb = shapes.glowing(Color::srgb(1.0, 0.62, 0.3), 10.0);
    let cord = shapes.surface(Color::srgb(0.02, 0.02, 0.02), 0.8);
    for (x, z) in [(-3.0, 1.8), (2.5, 2.2), (-1.0, -1.5)] {
        club.spawn(prop(
            "Pendant cord",
            shapes.cylinder(0.008, 1.3),
            cord.clone(),
            Transform::from_xyz(x, 3.85, z),
        ));
        club.spawn(prop(
            "House light bulb",
            shapes.sphere(0.07),
            bulb.clone(),
            Transform::from_xyz(x, 3.15, z),
        ));
        club.spawn((
            Name::new("House light"),
            PointLight {
                color: Color::srgb(1.0, 0.6, 0.35),
                intensity: 45_000.0,
                range: 8.0,
                ..default()
            },
            Transform::from_xyz(x, 3.05, z),
        ));
    }
}
