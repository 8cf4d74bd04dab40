//! The RV built from simple geometry and morning light: the bed at the back, the kitchenette where the
//! singer makes breakfast, the dinette, the cab and the side door, and where the morning's sounds come from.

use std::f32::consts::FRAC_PI_2;

use bevy::prelude::*;

use super::layout::{BLENDER_AT, COFFEE_AT, DOOR_HANDLE_AT, MUG_AT, RADIO_AT, ROOM, SINGER_FEET};
use super::story::MorningBeat;
use crate::journey::Place;
use crate::scenes::build::{
    Scenery, Shapes, build_on_arrival, figure, prop, solid_box, spawn_shell,
};
use crate::scenes::kit::{Clock, MovesTheStoryOn, PlaceSpawner};

const COUNTER_TOP_M: f32 = 0.92;
const TABLE_TOP_M: f32 = 0.74;

pub(super) fn plugin(app: &mut App) {
    build_on_arrival::<MorningBeat, _>(app, spawn_the_rv);
    app.add_systems(Update, move_the_singer.run_if(in_state(Place::Morning)));
}

/// Your coffee; taking it ends the walk to the table.
#[derive(Component, Debug, Default, Clone, Copy, Reflect)]
pub struct Mug;

/// The side door; using it, once she points at it, ends the morning.
#[derive(Component, Debug, Default, Clone, Copy, Reflect)]
pub struct Door;

/// The singer at the counter.
#[derive(Component, Debug, Default, Clone, Copy, Reflect)]
pub struct Singer;

/// Her right arm, from the shoulder: busy at the counter, then pointing at the door.
#[derive(Component, Debug, Default, Clone, Copy, Reflect)]
pub struct SingerArm;

fn spawn_the_rv(mut scenery: Scenery) {
    scenery.build(Color::srgb(1.0, 0.9, 0.78), 260.0, |rv, shapes| {
        let floor = shapes.surface(Color::srgb(0.42, 0.31, 0.2), 0.7);
        let walls = shapes.surface(Color::srgb(0.9, 0.86, 0.76), 0.9);
        spawn_shell(rv, shapes, ROOM, floor, walls);
        spawn_light(rv, shapes);
        spawn_bed(rv, shapes);
        spawn_kitchenette(rv, shapes);
        spawn_dinette(rv, shapes);
        spawn_cab_and_door(rv, shapes);
        spawn_singer(rv, shapes);
    });
}

fn spawn_light(rv: &mut PlaceSpawner, shapes: &mut Shapes) {
    rv.spawn((
        Name::new("Low morning sun"),
        DirectionalLight {
            color: Color::srgb(1.0, 0.82, 0.6),
            illuminance: 2_500.0,
            ..default()
        },
        Transform::from_xyz(3.0, 2.0, 1.0).looking_at(Vec3::new(0.0, 0.0, -0.5), Vec3::Y),
    ));
    rv.spawn((
        Name::new("Daylight through the roof vent"),
        PointLight {
            color: Color::srgb(1.0, 0.95, 0.88),
            intensity: 35_000.0,
            range: 9.0,
            ..default()
        },
        Transform::from_xyz(0.0, 1.9, -0.2),
    ));
    rv.spawn(prop(
        "Roof vent",
        shapes.cuboid(Vec3::new(0.4, 0.02, 0.4)),
        shapes.glowing(Color::srgb(1.0, 0.96, 0.88), 1.6),
        Transform::from_xyz(0.0, ROOM.y - 0.01, -0.2),
    ));
    let sky = shapes.glowing(Color::srgb(1.0, 0.93, 0.78), 2.2);
    let curtain = shapes.surface(Color::srgb(0.75, 0.45, 0.25), 0.95);
    let half = ROOM / 2.0;
    // (name, centre, size, where the sun falls in from)
    let windows = [
        (
            "Window over the table",
            Vec3::new(-half.x + 0.01, 1.3, -1.6),
            Vec3::new(0.02, 0.55, 1.1),
        ),
        (
            "Window over the sink",
            Vec3::new(half.x - 0.01, 1.35, -0.45),
            Vec3::new(0.02, 0.45, 0.7),
        ),
        (
            "Window over the bed",
            Vec3::new(0.0, 1.3, half.z - 0.01),
            Vec3::new(1.3, 0.45, 0.02),
        ),
        (
            "Street window",
            Vec3::new(-half.x + 0.01, 1.35, 1.0),
            Vec3::new(0.02, 0.45, 0.8),
        ),
    ];
    for (name, at, size) in windows {
        rv.spawn(prop(
            name,
            shapes.cuboid(size),
            sky.clone(),
            Transform::from_translation(at),
        ));
        let inward = -at.with_y(0.0).normalize_or_zero();
        // A curtain drawn to one side of each window.
        let along = if size.x > size.z { Vec3::X } else { Vec3::Z };
        let curtain_size = if size.x > size.z {
            Vec3::new(0.25, size.y + 0.25, 0.03)
        } else {
            Vec3::new(0.03, size.y + 0.25, 0.25)
        };
        let extent = size.x.max(size.z);
        rv.spawn(prop(
            "Curtain",
            shapes.cuboid(curtain_size),
            curtain.clone(),
            Transform::from_translation(at + along * (extent / 2.0 + 0.1) + inward * 0.03),
        ));
        rv.spawn((
            Name::new(format!("Morning light from the {}", name.to_lowercase())),
            SpotLight {
                color: Color::srgb(1.0, 0.86, 0.65),
                intensity: 160_000.0,
                range: 5.0,
                outer_angle: 0.7,
                inner_angle: 0.3,
                ..default()
            },
            Transform::from_translation(at + inward * 0.1)
                .looking_at(at + inward * 1.5 - Vec3::Y * 1.0, Vec3::Y),
        ));
    }
}

fn spawn_bed(rv: &mut PlaceSpawner, shapes: &mut Shapes) {
    let half = ROOM / 2.0;
    let base = shapes.surface(Color::srgb(0.45, 0.33, 0.22), 0.7);
    let sheet = shapes.surface(Color::srgb(0.86, 0.87, 0.9), 1.0);
    let blanket = shapes.surface(Color::srgb(0.3, 0.38, 0.5), 1.0);
    let depth = half.z - 2.3;
    rv.spawn(solid_box(
        "Bed",
        shapes,
        Vec3::new(ROOM.x, 0.42, depth),
        base,
        Vec3::new(0.0, 0.21, 2.3 + depth / 2.0),
    ));
    rv.spawn(prop(
        "Mattress",
        shapes.cuboid(Vec3::new(ROOM.x - 0.05, 0.14, depth - 0.05)),
        sheet.clone(),
        Transform::from_xyz(0.0, 0.49, 2.3 + depth / 2.0),
    ));
    rv.spawn(prop(
        "Thrown-back blanket",
        shapes.cuboid(Vec3::new(1.2, 0.1, 0.9)),
        blanket,
        Transform::from_xyz(-0.45, 0.6, 2.75).with_rotation(Quat::from_rotation_y(0.2)),
    ));
    rv.spawn(prop(
        "Pillow",
        shapes.cuboid(Vec3::new(0.6, 0.12, 0.35)),
        sheet,
        Transform::from_xyz(0.5, 0.62, half.z - 0.3),
    ));
}

fn spawn_kitchenette(rv: &mut PlaceSpawner, shapes: &mut Shapes) {
    let half = ROOM / 2.0;
    let cabinet = shapes.surface(Color::srgb(0.55, 0.4, 0.26), 0.6);
    let worktop = shapes.surface(Color::srgb(0.82, 0.8, 0.74), 0.3);
    let steel = shapes.metal(Color::srgb(0.75, 0.75, 0.78), 0.3);
    let black = shapes.surface(Color::srgb(0.05, 0.05, 0.05), 0.5);
    let x = half.x - 0.3;
    rv.spawn(solid_box(
        "Kitchen counter",
        shapes,
        Vec3::new(0.6, COUNTER_TOP_M - 0.04, 2.0),
        cabinet.clone(),
        Vec3::new(x, (COUNTER_TOP_M - 0.04) / 2.0, 0.2),
    ));
    rv.spawn(prop(
        "Worktop",
        shapes.cuboid(Vec3::new(0.64, 0.04, 2.02)),
        worktop,
        Transform::from_xyz(x - 0.02, COUNTER_TOP_M - 0.02, 0.2),
    ));
    rv.spawn(prop(
        "Sink",
        shapes.cuboid(Vec3::new(0.38, 0.02, 0.42)),
        steel.clone(),
        Transform::from_xyz(x, COUNTER_TOP_M + 0.005, -0.45),
    ));
    rv.spawn(prop(
        "Tap",
        shapes.cylinder(0.015, 0.28),
        steel.clone(),
        Transform::from_xyz(half.x - 0.08, COUNTER_TOP_M + 0.14, -0.45),
    ));
    rv.spawn(prop(
        "Stove",
        shapes.cuboid(Vec3::new(0.5, 0.03, 0.5)),
        black.clone(),
        Transform::from_xyz(x, COUNTER_TOP_M + 0.015, -0.15 + 0.05),
    ));
    // The percolator: a steel pot with a glass knob.
    rv.spawn(prop(
        "Coffee percolator",
        shapes.cylinder(0.075, 0.24),
        steel.clone(),
        Transform::from_xyz(COFFEE_AT.x, COUNTER_TOP_M + 0.15, COFFEE_AT.z),
    ));
    rv.spawn(prop(
        "Percolator knob",
        shapes.sphere(0.03),
        shapes.glass(Color::srgb(0.45, 0.28, 0.15)),
        Transform::from_xyz(COFFEE_AT.x, COUNTER_TOP_M + 0.29, COFFEE_AT.z),
    ));
    // The blender: base, jar of something green.
    rv.spawn(prop(
        "Blender base",
        shapes.cuboid(Vec3::new(0.16, 0.12, 0.16)),
        black.clone(),
        Transform::from_xyz(BLENDER_AT.x, COUNTER_TOP_M + 0.06, BLENDER_AT.z),
    ));
    rv.spawn(prop(
        "Blender jar",
        shapes.cylinder(0.07, 0.26),
        shapes.glass(Color::srgb(0.55, 0.75, 0.35)),
        Transform::from_xyz(BLENDER_AT.x, COUNTER_TOP_M + 0.25, BLENDER_AT.z),
    ));
    for (i, color) in [
        Color::srgb(0.85, 0.2, 0.15),
        Color::srgb(0.95, 0.75, 0.2),
        Color::srgb(0.9, 0.9, 0.85),
    ]
    .into_iter()
    .enumerate()
    {
        rv.spawn(prop(
            "Fruit",
            shapes.sphere(0.045),
            shapes.surface(color, 0.6),
            Transform::from_xyz(
                x - 0.05 + 0.06 * i as f32,
                COUNTER_TOP_M + 0.045,
                0.5 + 0.07 * i as f32,
            ),
        ));
    }
    // Upper cabinets over the counter, away from the window.
    rv.spawn(prop(
        "Upper cabinets",
        shapes.cuboid(Vec3::new(0.35, 0.45, 0.9)),
        cabinet.clone(),
        Transform::from_xyz(half.x - 0.175, 1.75, 0.75),
    ));
    let enamel = shapes.surface(Color::srgb(0.93, 0.93, 0.9), 0.35);
    rv.spawn(solid_box(
        "Fridge",
        shapes,
        Vec3::new(0.6, 1.8, 0.6),
        enamel,
        Vec3::new(x, 0.9, -1.15),
    ));
    rv.spawn(prop(
        "Fridge handle",
        shapes.cuboid(Vec3::new(0.03, 0.5, 0.03)),
        steel,
        Transform::from_xyz(half.x - 0.62, 1.15, -0.95),
    ));
}

fn spawn_dinette(rv: &mut PlaceSpawner, shapes: &mut Shapes) {
    let half = ROOM / 2.0;
    let wood = shapes.surface(Color::srgb(0.6, 0.44, 0.28), 0.5);
    let cushion = shapes.surface(Color::srgb(0.22, 0.45, 0.42), 0.95);
    let table_x = -half.x + 0.33;
    rv.spawn(solid_box(
        "Table",
        shapes,
        Vec3::new(0.65, 0.04, 0.8),
        wood.clone(),
        Vec3::new(table_x, TABLE_TOP_M - 0.02, -1.6),
    ));
    rv.spawn(prop(
        "Table leg",
        shapes.cylinder(0.035, TABLE_TOP_M - 0.04),
        shapes.metal(Color::srgb(0.6, 0.6, 0.62), 0.35),
        Transform::from_xyz(table_x + 0.1, (TABLE_TOP_M - 0.04) / 2.0, -1.6),
    ));
    for (name, z, back) in [("Bench", -2.32, -0.2), ("Bench", -0.88, 0.2)] {
        rv.spawn(solid_box(
            name,
            shapes,
            Vec3::new(0.6, 0.45, 0.44),
            cushion.clone(),
            Vec3::new(-half.x + 0.3, 0.225, z),
        ));
        rv.spawn(prop(
            "Bench back",
            shapes.cuboid(Vec3::new(0.6, 0.5, 0.08)),
            cushion.clone(),
            Transform::from_xyz(-half.x + 0.3, 0.7, z + back),
        ));
    }
    let ceramic = shapes.surface(Color::srgb(0.92, 0.9, 0.84), 0.4);
    rv.spawn((
        Name::new("Your coffee"),
        Mug,
        MovesTheStoryOn {
            beat: MorningBeat::Breakfast,
            prompt: "morning-prompt-coffee",
        },
        Mesh3d(shapes.cylinder(0.045, 0.1)),
        MeshMaterial3d(ceramic.clone()),
        Transform::from_xyz(MUG_AT.x, TABLE_TOP_M + 0.05, MUG_AT.z),
    ));
    rv.spawn(prop(
        "Coffee",
        shapes.cylinder(0.04, 0.005),
        shapes.surface(Color::srgb(0.18, 0.09, 0.04), 0.2),
        Transform::from_xyz(MUG_AT.x, TABLE_TOP_M + 0.098, MUG_AT.z),
    ));
    rv.spawn(prop(
        "Plate",
        shapes.cylinder(0.11, 0.015),
        ceramic,
        Transform::from_xyz(table_x + 0.05, TABLE_TOP_M + 0.01, -1.85),
    ));
    rv.spawn(prop(
        "Shelf over the table",
        shapes.cuboid(Vec3::new(0.25, 0.03, 1.0)),
        wood,
        Transform::from_xyz(-half.x + 0.125, RADIO_AT.y - 0.13, -2.0),
    ));
    rv.spawn(prop(
        "Radio",
        shapes.cuboid(Vec3::new(0.14, 0.2, 0.32)),
        shapes.surface(Color::srgb(0.7, 0.2, 0.12), 0.5),
        Transform::from_translation(RADIO_AT),
    ));
    rv.spawn(prop(
        "Radio dial",
        shapes.cuboid(Vec3::new(0.01, 0.07, 0.2)),
        shapes.glowing(Color::srgb(1.0, 0.75, 0.35), 3.0),
        Transform::from_translation(RADIO_AT + Vec3::new(0.075, 0.03, 0.0)),
    ));
    rv.spawn(prop(
        "Radio antenna",
        shapes.cylinder(0.005, 0.4),
        shapes.metal(Color::srgb(0.8, 0.8, 0.8), 0.2),
        Transform::from_translation(RADIO_AT + Vec3::new(0.0, 0.25, 0.1))
            .with_rotation(Quat::from_rotation_x(0.5)),
    ));
}

fn spawn_cab_and_door(rv: &mut PlaceSpawner, shapes: &mut Shapes) {
    let half = ROOM / 2.0;
    let dash = shapes.surface(Color::srgb(0.12, 0.12, 0.13), 0.6);
    let seat = shapes.surface(Color::srgb(0.2, 0.18, 0.17), 0.9);
    rv.spawn(solid_box(
        "Dashboard",
        shapes,
        Vec3::new(ROOM.x, 0.95, 0.3),
        dash,
        Vec3::new(0.0, 0.475, -half.z + 0.15),
    ));
    rv.spawn(prop(
        "Windscreen",
        shapes.cuboid(Vec3::new(ROOM.x - 0.1, 0.8, 0.02)),
        shapes.glowing(Color::srgb(0.85, 0.92, 1.0), 2.5),
        Transform::from_xyz(0.0, 1.4, -half.z + 0.02),
    ));
    rv.spawn(prop(
        "Steering wheel",
        shapes.cylinder(0.19, 0.03),
        shapes.surface(Color::srgb(0.05, 0.05, 0.05), 0.5),
        Transform::from_xyz(-0.6, 1.05, -half.z + 0.45)
            .with_rotation(Quat::from_rotation_x(FRAC_PI_2 - 0.4)),
    ));
    for x in [-0.65, 0.65] {
        rv.spawn(solid_box(
            "Cab seat",
            shapes,
            Vec3::new(0.55, 0.5, 0.45),
            seat.clone(),
            Vec3::new(x, 0.25, -3.08),
        ));
        rv.spawn(prop(
            "Cab seat back",
            shapes.cuboid(Vec3::new(0.55, 0.65, 0.1)),
            seat.clone(),
            Transform::from_xyz(x, 0.82, -2.88).with_rotation(Quat::from_rotation_x(-0.12)),
        ));
    }
    rv.spawn((
        Name::new("The side door"),
        Door,
        MovesTheStoryOn {
            beat: MorningBeat::Leaving,
            prompt: "morning-prompt-doctor",
        },
        Mesh3d(shapes.cuboid(Vec3::new(0.04, 1.95, 0.68))),
        MeshMaterial3d(shapes.surface(Color::srgb(0.78, 0.76, 0.7), 0.6)),
        Transform::from_xyz(half.x - 0.02, 0.98, DOOR_HANDLE_AT.z - 0.22),
    ));
    rv.spawn(prop(
        "Door window",
        shapes.cuboid(Vec3::new(0.02, 0.4, 0.4)),
        shapes.glowing(Color::srgb(1.0, 0.93, 0.78), 2.2),
        Transform::from_xyz(half.x - 0.045, 1.5, DOOR_HANDLE_AT.z - 0.22),
    ));
    rv.spawn(prop(
        "Door handle",
        shapes.cuboid(Vec3::new(0.04, 0.03, 0.14)),
        shapes.metal(Color::srgb(0.75, 0.75, 0.78), 0.3),
        Transform::from_translation(DOOR_HANDLE_AT - Vec3::X * 0.02),
    ));
}

fn spawn_singer(rv: &mut PlaceSpawner, shapes: &mut Shapes) {
    let shirt = shapes.surface(Color::srgb(0.24, 0.3, 0.44), 0.9);
    let skin = shapes.surface(Color::srgb(0.78, 0.58, 0.46), 0.7);
    let hair = shapes.surface(Color::srgb(0.92, 0.86, 0.66), 0.8);
    let arm = shapes.capsule(0.045, 0.42);
    rv.spawn((
        figure("The singer", shapes, SINGER_FEET, 1.68, shirt.clone(), skin),
        Singer,
    ))
    .with_children(|her| {
        her.spawn((
            Name::new("The singer's hair"),
            Mesh3d(shapes.sphere(0.13)),
            MeshMaterial3d(hair),
            Transform::from_xyz(-0.04, 1.58, 0.0),
        ));
        her.spawn((
            Name::new("The singer's right arm"),
            SingerArm,
            Transform::from_xyz(0.0, 1.32, 0.22),
            Visibility::default(),
            children![(
                Mesh3d(arm),
                MeshMaterial3d(shirt),
                Transform::from_xyz(0.25, 0.0, 0.0)
                    .with_rotation(Quat::from_rotation_z(-FRAC_PI_2)),
            )],
        ));
    });
}

/// The yaw that turns the singer's face (her local +X) toward `to` on the floor plan.
fn face_toward(from: Vec3, to: Vec3) -> Quat {
    let d = to - from;
    Quat::from_rotation_y((-d.z).atan2(d.x))
}

/// A little idle life at the counter (a sway, the arm busy); when it is time to go she turns and points.
fn move_the_singer(
    time: Res<Time>,
    clock: Option<Res<Clock<MorningBeat>>>,
    mut singer: Query<&mut Transform, (With<Singer>, Without<SingerArm>)>,
    mut arms: Query<&mut Transform, (With<SingerArm>, Without<Singer>)>,
) {
    let t = time.elapsed_secs();
    let leaving = clock.is_some_and(|clock| clock.beat() == MorningBeat::Leaving);
    let (body, arm) = if leaving {
        let toward = face_toward(SINGER_FEET, DOOR_HANDLE_AT);
        (toward, Quat::from_rotation_z(0.15))
    } else {
        let sway = Quat::from_rotation_y(0.12 * (t * 0.6).sin());
        let busy = Quat::from_rotation_z(-0.65 + 0.12 * (t * 2.4).sin())
            * Quat::from_rotation_y(0.25 * (t * 1.2).sin());
        (sway, busy)
    };
    for mut her in &mut singer {
        // Turn smoothly, never snap.
        her.rotation = her.rotation.slerp(body, (time.delta_secs() * 3.0).min(1.0));
        her.translation.y = SINGER_FEET.y + 0.006 * (t * 1.1).sin().abs();
    }
    for mut limb in &mut arms {
        limb.rotation = limb.rotation.slerp(arm, (time.delta_secs() * 4.0).min(1.0));
    }
}
