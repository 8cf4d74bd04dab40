//! The anechoic chamber built from simple geometry: foam wedges on every surface, a wire grating over the
//! floor's wedges, one cold lamp, a chair, and the room's almost-nothing of a sound.

use bevy::prelude::*;

use super::story::StillnessBeat;
use crate::audio::{SoundEmitter, SoundKey};
use crate::player::Collider;
use crate::scenes::build::{Scenery, Shapes, build_on_arrival, prop, solid_box};
use crate::scenes::kit::PlaceSpawner;

/// Half the room's width and depth at the wedges' bases (m): the wedge field is `CELLS` cells a side.
pub const HALF_ROOM_M: f32 = CELL_M * CELLS as f32 / 2.0;
/// The wedges' bases below the grating you stand on (m).
pub const FLOOR_BASE_Y: f32 = -0.9;
/// The ceiling's wedges hang from here (m).
pub const CEILING_BASE_Y: f32 = FLOOR_BASE_Y + CELL_M * WALL_ROWS as f32;
/// How far a wedge reaches out of its surface (m).
pub const WEDGE_M: f32 = 0.45;
/// The grating ends where the walls' wedges begin: the body stays this far from the wall's tips (m).
pub const WALKABLE_HALF_M: f32 = HALF_ROOM_M - WEDGE_M - 0.05;
/// The chair in the middle, on the floor plan.
pub const CHAIR: Vec3 = Vec3::new(0.0, 0.0, 0.0);
/// Where the lamp hangs.
pub const LAMP: Vec3 = Vec3::new(0.0, CEILING_BASE_Y - WEDGE_M - 0.25, 0.0);

/// One square of a surface: two wedges side by side, their ridges turned a quarter from the neighbours'.
const CELL_M: f32 = 0.6;
/// Cells along the room's width and depth.
const CELLS: usize = 11;
/// Cells up a wall.
const WALL_ROWS: usize = 8;
/// The grating's wires, apart (m).
const WIRE_PITCH_M: f32 = 0.2;
/// The floor of the room's sound: barely there, well below the body.
const ROOM_TONE_DB: f32 = -14.0;

/// One foam wedge of the chamber's lining.
#[derive(Component, Debug, Default, Clone, Copy, Reflect)]
pub struct Wedge;

pub(super) fn plugin(app: &mut App) {
    build_on_arrival::<StillnessBeat, _>(app, spawn_the_chamber);
}

fn spawn_the_chamber(mut scenery: Scenery) {
    scenery.build(Color::srgb(0.75, 0.85, 1.0), 30.0, |chamber, shapes| {
        let foam = shapes.surface(Color::srgb(0.56, 0.6, 0.66), 1.0);
        let backing = shapes.surface(Color::srgb(0.2, 0.22, 0.25), 1.0);
        // A wedge: a triangle 0.3 m wide at its base and WEDGE_M tall, drawn out one cell long along local Z;
        // its base lies on local Y = 0 and it points along local +Y.
        let half_width_m = CELL_M / 4.0;
        let wedge = shapes.mesh(Extrusion::new(
            Triangle2d::new(
                Vec2::new(-half_width_m, 0.0),
                Vec2::new(half_width_m, 0.0),
                Vec2::new(0.0, WEDGE_M),
            ),
            CELL_M,
        ));

        let mut spawn_surface = |chamber: &mut PlaceSpawner, surface: Surface| {
            for (along, up) in surface.cells() {
                let centre = surface.origin + surface.along * along + surface.up * up;
                // Neighbouring cells turn their ridges a quarter, the chamber's chequer.
                let (ridge, across) = if (along + up).rem_euclid(2.0 * CELL_M) < CELL_M / 2.0 {
                    (surface.along, surface.up)
                } else {
                    (surface.up, surface.along)
                };
                let rotation = Quat::from_mat3(&Mat3::from_cols(
                    surface.normal.cross(ridge),
                    surface.normal,
                    ridge,
                ));
                for side in [-1.0, 1.0] {
                    chamber.spawn((
                        Wedge,
                        prop(
                            "Wedge",
                            wedge.clone(),
                            foam.clone(),
                            Transform::from_translation(centre + across * side * CELL_M / 4.0)
                                .with_rotation(rotation),
                        ),
                    ));
                }
            }
            let size = surface.along.abs() * surface.extent.x
                + surface.up.abs() * surface.extent.y
                + surface.normal.abs() * 0.1;
            let middle = surface.origin
                + surface.along * (surface.extent.x / 2.0)
                + surface.up * (surface.extent.y / 2.0)
                - surface.normal * 0.05;
            chamber.spawn(prop(
                "Foam backing",
                shapes.cuboid(size),
                backing.clone(),
                Transform::from_translation(middle),
            ));
        };

        let h = HALF_ROOM_M;
        let height = CELL_M * WALL_ROWS as f32;
        let width = CELL_M * CELLS as f32;
        let corner = |x: f32, y: f32, z: f32| Vec3::new(x, y, z);
        for surface in [
            // Floor, under the grating, and the ceiling.
            Surface::new(
                corner(-h, FLOOR_BASE_Y, -h),
                Vec3::X,
                Vec3::Z,
                Vec2::splat(width),
            ),
            Surface::new(
                corner(-h, CEILING_BASE_Y, -h),
                Vec3::X,
                Vec3::Z,
                Vec2::splat(width),
            )
            .facing(Vec3::NEG_Y),
            // North, south, west and east walls.
            Surface::new(
                corner(-h, FLOOR_BASE_Y, -h),
                Vec3::X,
                Vec3::Y,
                Vec2::new(width, height),
            )
            .facing(Vec3::Z),
            Surface::new(
                corner(-h, FLOOR_BASE_Y, h),
                Vec3::X,
                Vec3::Y,
                Vec2::new(width, height),
            )
            .facing(Vec3::NEG_Z),
            Surface::new(
                corner(-h, FLOOR_BASE_Y, -h),
                Vec3::Z,
                Vec3::Y,
                Vec2::new(width, height),
            )
            .facing(Vec3::X),
            Surface::new(
                corner(h, FLOOR_BASE_Y, -h),
                Vec3::Z,
                Vec3::Y,
                Vec2::new(width, height),
            )
            .facing(Vec3::NEG_X),
        ] {
            spawn_surface(chamber, surface);
        }

        spawn_grating(chamber, shapes);
        spawn_walls(chamber);
        spawn_chair(chamber, shapes);
        spawn_lamp(chamber, shapes);

        chamber.spawn((
            Name::new("The chamber's floor of sound"),
            SoundEmitter {
                sound: SoundKey("anechoic_tone"),
                looping: true,
                volume_db: ROOM_TONE_DB,
                in_head: false,
            },
            Transform::from_xyz(0.0, 1.0, 0.0),
        ));
    });
}

/// A lined surface: a rectangle from `origin` along two axes, its wedges pointing along `normal`.
struct Surface {
    origin: Vec3,
    along: Vec3,
    up: Vec3,
    extent: Vec2,
    normal: Vec3,
}

impl Surface {
    fn new(origin: Vec3, along: Vec3, up: Vec3, extent: Vec2) -> Self {
        Self {
            origin,
            along,
            up,
            extent,
            normal: along.cross(up).normalize(),
        }
    }

    fn facing(mut self, normal: Vec3) -> Self {
        self.normal = normal;
        self
    }

    /// The centres of the cells, in metres along and up from the origin.
    fn cells(&self) -> impl Iterator<Item = (f32, f32)> + use<> {
        let columns = (self.extent.x / CELL_M).round() as usize;
        let rows = (self.extent.y / CELL_M).round() as usize;
        (0..columns).flat_map(move |c| {
            (0..rows).map(move |r| ((c as f32 + 0.5) * CELL_M, (r as f32 + 0.5) * CELL_M))
        })
    }
}

/// A wire net stretched over the floor's wedges, in a steel frame: what you stand on.
fn spawn_grating(chamber: &mut PlaceSpawner, shapes: &mut Shapes) {
    let steel = shapes.surface(Color::srgb(0.68, 0.7, 0.72), 0.45);
    let span_m = 2.0 * WALKABLE_HALF_M;
    let wires = (span_m / WIRE_PITCH_M).round() as usize;
    let wire_x = shapes.cuboid(Vec3::new(span_m, 0.015, 0.012));
    let wire_z = shapes.cuboid(Vec3::new(0.012, 0.015, span_m));
    for i in 0..=wires {
        let at = -WALKABLE_HALF_M + i as f32 * span_m / wires as f32;
        chamber.spawn(prop(
            "Grating wire",
            wire_x.clone(),
            steel.clone(),
            Transform::from_xyz(0.0, -0.008, at),
        ));
        chamber.spawn(prop(
            "Grating wire",
            wire_z.clone(),
            steel.clone(),
            Transform::from_xyz(at, -0.02, 0.0),
        ));
    }
    let rail_x = shapes.cuboid(Vec3::new(span_m + 0.1, 0.06, 0.05));
    let rail_z = shapes.cuboid(Vec3::new(0.05, 0.06, span_m + 0.1));
    for side in [-1.0, 1.0] {
        let edge = side * (WALKABLE_HALF_M + 0.025);
        chamber.spawn(prop(
            "Grating frame",
            rail_x.clone(),
            steel.clone(),
            Transform::from_xyz(0.0, -0.03, edge),
        ));
        chamber.spawn(prop(
            "Grating frame",
            rail_z.clone(),
            steel.clone(),
            Transform::from_xyz(edge, -0.03, 0.0),
        ));
    }
}

/// The wedges' tips are as far as the body goes.
fn spawn_walls(chamber: &mut PlaceSpawner) {
    let reach = WALKABLE_HALF_M + 0.5;
    let long = 2.0 * reach + 1.0;
    for (name, size, centre) in [
        (
            "North tips",
            Vec3::new(long, 1.0, 1.0),
            Vec3::new(0.0, 0.0, -reach),
        ),
        (
            "South tips",
            Vec3::new(long, 1.0, 1.0),
            Vec3::new(0.0, 0.0, reach),
        ),
        (
            "West tips",
            Vec3::new(1.0, 1.0, long),
            Vec3::new(-reach, 0.0, 0.0),
        ),
        (
            "East tips",
            Vec3::new(1.0, 1.0, long),
            Vec3::new(reach, 0.0, 0.0),
        ),
    ] {
        chamber.spawn((
            Name::new(name),
            Collider::footprint(size),
            Transform::from_translation(centre),
        ));
    }
}

/// A plain folding chair in the middle of the grating, facing you.
fn spawn_chair(chamber: &mut PlaceSpawner, shapes: &mut Shapes) {
    let frame = shapes.surface(Color::srgb(0.3, 0.31, 0.33), 0.5);
    let seat = shapes.surface(Color::srgb(0.42, 0.4, 0.37), 0.8);
    let leg = shapes.cuboid(Vec3::new(0.03, 0.45, 0.03));
    chamber
        .spawn(solid_box(
            "Chair",
            shapes,
            Vec3::new(0.44, 0.04, 0.42),
            seat.clone(),
            CHAIR + Vec3::Y * 0.46,
        ))
        .with_children(|chair| {
            for (x, z) in [(-0.2, -0.19), (0.2, -0.19), (-0.2, 0.19), (0.2, 0.19)] {
                chair.spawn(prop(
                    "Chair leg",
                    leg.clone(),
                    frame.clone(),
                    Transform::from_xyz(x, -0.24, z),
                ));
            }
        });
    chamber.spawn(prop(
        "Chair back",
        shapes.cuboid(Vec3::new(0.44, 0.34, 0.03)),
        seat,
        Transform::from_translation(CHAIR + Vec3::new(0.0, 0.78, -0.2))
            .with_rotation(Quat::from_rotation_x(-0.12)),
    ));
    let post = shapes.cuboid(Vec3::new(0.03, 0.4, 0.03));
    for x in [-0.2, 0.2] {
        chamber.spawn(prop(
            "Chair back post",
            post.clone(),
            frame.clone(),
            Transform::from_translation(CHAIR + Vec3::new(x, 0.68, -0.2)),
        ));
    }
}

/// One cold lamp, hung on its cable from the ceiling's wedges.
fn spawn_lamp(chamber: &mut PlaceSpawner, shapes: &mut Shapes) {
    let housing = shapes.surface(Color::srgb(0.1, 0.1, 0.11), 0.6);
    let lens = shapes.glowing(Color::srgb(0.82, 0.9, 1.0), 6.0);
    let cable_m = CEILING_BASE_Y - LAMP.y;
    chamber.spawn(prop(
        "Lamp cable",
        shapes.cylinder(0.006, cable_m),
        housing.clone(),
        Transform::from_translation(LAMP + Vec3::Y * cable_m / 2.0),
    ));
    chamber.spawn(prop(
        "Lamp shade",
        shapes.cylinder(0.16, 0.12),
        housing,
        Transform::from_translation(LAMP + Vec3::Y * 0.06),
    ));
    chamber.spawn(prop(
        "Lamp lens",
        shapes.cylinder(0.14, 0.01),
        lens,
        Transform::from_translation(LAMP - Vec3::Y * 0.005),
    ));
    chamber.spawn((
        Name::new("Cold lamp"),
        PointLight {
            color: Color::srgb(0.8, 0.88, 1.0),
            intensity: 320_000.0,
            range: 14.0,
            shadow_maps_enabled: false,
            ..default()
        },
        Transform::from_translation(LAMP - Vec3::Y * 0.05),
    ));
}
