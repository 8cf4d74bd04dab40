//! The sound booth and the audiologist's side: a small, bright, padded room with a chair, a table with the
//! headphones, and a double window onto the control room where the audiologist sits at the audiometer.
//! When the test is over she comes back in: the heavy door's thud and her steps on the booth's sprung
//! floor are low enough to be felt, as the chart shows what the ears no longer hear.

use bevy::prelude::*;

use super::layout::{BOOTH_DOOR, SEAT};
use super::story::ClinicBeat;
use crate::audio::{PlaySound, SoundKey};
use crate::journey::{AppSystems, PausableSystems, Place};
use crate::player::{Player, Seated};
use crate::scenes::build::{
    Scenery, Shapes, build_on_arrival, figure, prop, solid_box, spawn_shell,
};
use crate::scenes::kit::{BeatBegins, PlaceSpawner, ThePlace};
use crate::ui::captions::Caption;
use crate::words::Phrase;

/// Both rooms together, centred on the origin: the booth is the south part (z > 0), the control room the
/// north part, with the window wall between them at z = 0.
const ROOMS: Vec3 = Vec3::new(2.6, 2.3, 5.0);
/// The window in the wall between them: its sill and head heights and half its width (m).
const WINDOW_SILL_M: f32 = 0.85;
const WINDOW_HEAD_M: f32 = 1.75;
const WINDOW_HALF_M: f32 = 0.6;
const WALL_THICK_M: f32 = 0.24;

pub(super) fn plugin(app: &mut App) {
    build_on_arrival::<ClinicBeat, _>(app, (spawn_the_booth, glaze_the_window));
    app.add_systems(
        Update,
        come_back_in
            .in_set(AppSystems::Update)
            .run_if(in_state(Place::Clinic))
            .in_set(PausableSystems),
    );
}

/// The test is over: the audiologist opens the booth's door behind the drummer and walks to his chair.
fn come_back_in(
    mut begun: MessageReader<BeatBegins<ClinicBeat>>,
    mut sounds: MessageWriter<PlaySound>,
    mut captions: MessageWriter<Caption>,
) {
    for BeatBegins(beat) in begun.read() {
        if *beat == ClinicBeat::Audiogram {
            sounds.write(PlaySound {
                sound: SoundKey("booth_door"),
                volume_db: 0.0,
                position: Some(BOOTH_DOOR),
            });
            captions.write(Caption::sound(Phrase::new("clinic-door-felt")).from_source(BOOTH_DOOR));
        }
    }
}

fn spawn_the_booth(
    mut commands: Commands,
    mut scenery: Scenery,
    drummer: Single<Entity, With<Player>>,
) {
    // The test is taken sitting in the chair.
    commands.entity(*drummer).insert(Seated);
    scenery.build(Color::srgb(0.95, 0.97, 1.0), 140.0, |booth, shapes| {
        // Grey-blue carpet, pale perforated acoustic panels.
        let floor = shapes.surface(Color::srgb(0.26, 0.29, 0.33), 0.95);
        let walls = shapes.surface(Color::srgb(0.8, 0.81, 0.78), 1.0);
        spawn_shell(booth, shapes, ROOMS, floor, walls.clone());
        spawn_window_wall(booth, shapes, walls);
        spawn_panels(booth, shapes);
        spawn_furniture(booth, shapes);
        spawn_control_room(booth, shapes);
        booth.spawn((
            Name::new("Booth light"),
            PointLight {
                color: Color::srgb(1.0, 0.97, 0.92),
                intensity: 90_000.0,
                range: 8.0,
                shadow_maps_enabled: true,
                ..default()
            },
            Transform::from_xyz(0.0, 2.15, 1.3),
        ));
    });
}

/// The wall between booth and control room, built around the window, and the double glazing in it.
fn spawn_window_wall(
    booth: &mut PlaceSpawner,
    shapes: &mut Shapes,
    walls: Handle<StandardMaterial>,
) {
    let side_w = ROOMS.x / 2.0 - WINDOW_HALF_M;
    let pieces = [
        (
            "Wall below the window",
            Vec3::new(2.0 * WINDOW_HALF_M, WINDOW_SILL_M, WALL_THICK_M),
            Vec3::new(0.0, WINDOW_SILL_M / 2.0, 0.0),
        ),
        (
            "Wall above the window",
            Vec3::new(2.0 * WINDOW_HALF_M, ROOMS.y - WINDOW_HEAD_M, WALL_THICK_M),
            Vec3::new(0.0, (ROOMS.y + WINDOW_HEAD_M) / 2.0, 0.0),
        ),
        (
            "Wall left of the window",
            Vec3::new(side_w, ROOMS.y, WALL_THICK_M),
            Vec3::new(-WINDOW_HALF_M - side_w / 2.0, ROOMS.y / 2.0, 0.0),
        ),
        (
            "Wall right of the window",
            Vec3::new(side_w, ROOMS.y, WALL_THICK_M),
            Vec3::new(WINDOW_HALF_M + side_w / 2.0, ROOMS.y / 2.0, 0.0),
        ),
    ];
    for (name, size, center) in pieces {
        booth.spawn(solid_box(name, shapes, size, walls.clone(), center));
    }
    let frame = shapes.surface(Color::srgb(0.55, 0.56, 0.58), 0.5);
    for (name, size, center) in [
        (
            "Window sill",
            Vec3::new(2.0 * WINDOW_HALF_M + 0.1, 0.05, WALL_THICK_M + 0.08),
            Vec3::new(0.0, WINDOW_SILL_M, 0.0),
        ),
        (
            "Window head",
            Vec3::new(2.0 * WINDOW_HALF_M + 0.1, 0.05, WALL_THICK_M + 0.04),
            Vec3::new(0.0, WINDOW_HEAD_M, 0.0),
        ),
    ] {
        booth.spawn(prop(
            name,
            shapes.cuboid(size),
            frame.clone(),
            Transform::from_translation(center),
        ));
    }
}

/// The double glazing: clear, faintly tinted glass, so the audiologist is plainly seen behind it.
fn glaze_the_window(
    mut commands: Commands,
    place: ThePlace,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let glass = materials.add(StandardMaterial {
        base_color: Color::srgba(0.8, 0.9, 0.95, 0.12),
        perceptual_roughness: 0.05,
        reflectance: 0.6,
        alpha_mode: AlphaMode::Blend,
        ..default()
    });
    let pane = meshes.add(Cuboid::new(
        2.0 * WINDOW_HALF_M,
        WINDOW_HEAD_M - WINDOW_SILL_M,
        0.01,
    ));
    for (index, z) in [-0.07, 0.07].into_iter().enumerate() {
        commands.spawn((
            place.own(),
            prop(
                format!("Window pane {}", index + 1),
                pane.clone(),
                glass.clone(),
                Transform::from_xyz(0.0, (WINDOW_HEAD_M + WINDOW_SILL_M) / 2.0, z),
            ),
        ));
    }
}

/// Square acoustic panels on the booth's walls: the padded look of a sound booth.
fn spawn_panels(booth: &mut PlaceSpawner, shapes: &mut Shapes) {
    let panel = shapes.surface(Color::srgb(0.7, 0.72, 0.7), 1.0);
    let mesh = shapes.cuboid(Vec3::new(0.04, 0.55, 0.55));
    let half = ROOMS / 2.0;
    for row in 0..3 {
        for column in 0..3 {
            let y = 0.45 + row as f32 * 0.62;
            let z = 0.55 + column as f32 * 0.62;
            for (side, x) in [("west", -half.x + 0.02), ("east", half.x - 0.02)] {
                booth.spawn(prop(
                    format!("Acoustic panel, {side} {row}-{column}"),
                    mesh.clone(),
                    panel.clone(),
                    Transform::from_xyz(x, y, z),
                ));
            }
        }
    }
}

/// The chair, the little table beside it, the headphones and the response button on it.
fn spawn_furniture(booth: &mut PlaceSpawner, shapes: &mut Shapes) {
    let upholstery = shapes.surface(Color::srgb(0.18, 0.3, 0.42), 0.8);
    let steel = shapes.metal(Color::srgb(0.7, 0.7, 0.72), 0.35);
    let wood = shapes.surface(Color::srgb(0.62, 0.5, 0.36), 0.6);
    let black = shapes.surface(Color::srgb(0.05, 0.05, 0.055), 0.4);
    let cushion = shapes.surface(Color::srgb(0.12, 0.12, 0.13), 0.9);
    booth.spawn(prop(
        "Chair seat",
        shapes.cuboid(Vec3::new(0.5, 0.08, 0.48)),
        upholstery.clone(),
        Transform::from_xyz(SEAT.x, 0.46, SEAT.z + 0.05),
    ));
    booth.spawn(prop(
        "Chair back",
        shapes.cuboid(Vec3::new(0.5, 0.55, 0.07)),
        upholstery,
        Transform::from_xyz(SEAT.x, 0.78, SEAT.z + 0.3),
    ));
    let leg = shapes.cylinder(0.02, 0.42);
    for (dx, dz) in [(-0.22, -0.18), (0.22, -0.18), (-0.22, 0.27), (0.22, 0.27)] {
        booth.spawn(prop(
            "Chair leg",
            leg.clone(),
            steel.clone(),
            Transform::from_xyz(SEAT.x + dx, 0.21, SEAT.z + dz),
        ));
    }
    // The table to the right, within reach, in view from the chair.
    let table = Vec3::new(0.8, 0.0, 0.5);
    booth.spawn(solid_box(
        "Side table",
        shapes,
        Vec3::new(0.6, 0.04, 0.45),
        wood,
        table + Vec3::new(0.0, 0.68, 0.0),
    ));
    let table_leg = shapes.cylinder(0.02, 0.66);
    for (dx, dz) in [(-0.26, -0.19), (0.26, -0.19), (-0.26, 0.19), (0.26, 0.19)] {
        booth.spawn(prop(
            "Table leg",
            table_leg.clone(),
            steel.clone(),
            Transform::from_translation(table + Vec3::new(dx, 0.33, dz)),
        ));
    }
    // Headphones lying on the table: two ear cups and the band between them.
    let top = table.y + 0.7;
    let cup = shapes.cylinder(0.055, 0.04);
    for dx in [-0.09, 0.09] {
        booth.spawn(prop(
            "Headphone cup",
            cup.clone(),
            black.clone(),
            Transform::from_translation(table + Vec3::new(dx, 0.72, -0.02)),
        ));
        booth.spawn(prop(
            "Headphone cushion",
            shapes.cylinder(0.05, 0.015),
            cushion.clone(),
            Transform::from_translation(table + Vec3::new(dx, 0.747, -0.02)),
        ));
    }
    booth.spawn(prop(
        "Headphone band",
        shapes.cuboid(Vec3::new(0.26, 0.02, 0.035)),
        black.clone(),
        Transform::from_translation(table + Vec3::new(0.0, 0.705, -0.11)),
    ));
    // The cable to the wall socket.
    booth.spawn(prop(
        "Headphone cable",
        shapes.cuboid(Vec3::new(0.008, 0.008, 0.3)),
        black.clone(),
        Transform::from_translation(table + Vec3::new(0.09, top, 0.13)),
    ));
    // The response button: what the visitor's press stands for.
    booth.spawn(prop(
        "Response button body",
        shapes.cylinder(0.035, 0.12),
        shapes.surface(Color::srgb(0.85, 0.85, 0.82), 0.6),
        Transform::from_translation(table + Vec3::new(-0.2, 0.76, 0.16))
            .with_rotation(Quat::from_rotation_x(1.2)),
    ));
    booth.spawn(prop(
        "Response button",
        shapes.cylinder(0.02, 0.02),
        shapes.surface(Color::srgb(0.75, 0.12, 0.1), 0.5),
        Transform::from_translation(table + Vec3::new(-0.2, 0.785, 0.105))
            .with_rotation(Quat::from_rotation_x(1.2)),
    ));
}

/// Behind the glass: the audiologist at a desk with the audiometer, under a warmer lamp.
fn spawn_control_room(booth: &mut PlaceSpawner, shapes: &mut Shapes) {
    let desk = shapes.surface(Color::srgb(0.85, 0.85, 0.83), 0.5);
    booth.spawn(solid_box(
        "Audiologist's desk",
        shapes,
        Vec3::new(1.7, 0.05, 0.6),
        desk,
        Vec3::new(0.0, 0.78, -0.55),
    ));
    let casing = shapes.surface(Color::srgb(0.25, 0.27, 0.3), 0.5);
    booth.spawn(prop(
        "Audiometer",
        shapes.cuboid(Vec3::new(0.5, 0.1, 0.3)),
        casing,
        Transform::from_xyz(-0.3, 0.855, -0.5),
    ));
    booth.spawn(prop(
        "Audiometer display",
        shapes.cuboid(Vec3::new(0.2, 0.07, 0.01)),
        shapes.glowing(Color::srgb(0.3, 0.8, 0.6), 1.2),
        Transform::from_xyz(-0.35, 0.88, -0.34),
    ));
    booth.spawn(prop(
        "Monitor",
        shapes.cuboid(Vec3::new(0.5, 0.32, 0.03)),
        shapes.glowing(Color::srgb(0.55, 0.65, 0.8), 0.7),
        Transform::from_xyz(0.45, 1.05, -0.8).with_rotation(Quat::from_rotation_y(0.35)),
    ));
    let coat = shapes.surface(Color::srgb(0.92, 0.93, 0.95), 0.8);
    let skin = shapes.surface(Color::srgb(0.55, 0.4, 0.32), 0.7);
    booth.spawn(figure(
        "The audiologist",
        shapes,
        Vec3::new(0.05, 0.0, -1.05),
        1.45,
        coat,
        skin,
    ));
    booth.spawn((
        Name::new("Control room light"),
        PointLight {
            color: Color::srgb(1.0, 0.88, 0.72),
            intensity: 60_000.0,
            range: 6.0,
            ..default()
        },
        Transform::from_xyz(0.3, 2.1, -1.5),
    ));
}
