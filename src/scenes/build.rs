//! Building blocks for places: a place's scenery built as the visitor arrives, meshes and materials from
//! simple shapes, solid props, and a room's shell.

use bevy::{
    ecs::{schedule::ScheduleConfigs, system::ScheduleSystem, system::SystemParam},
    prelude::*,
};

use crate::player::Collider;
use crate::scenes::kit::{InPlace, PlaceBeat, PlaceSpawner, ThePlace, arrive};

/// Builds the scenery of `B`'s place with `systems` as the visitor arrives, once the place's root exists.
pub fn build_on_arrival<B: PlaceBeat, M>(
    app: &mut App,
    systems: impl IntoScheduleConfigs<ScheduleSystem, M>,
) {
    let systems: ScheduleConfigs<ScheduleSystem> = systems.into_configs();
    app.add_systems(OnEnter(B::PLACE), systems.after(arrive::<B>));
}

/// What building a place needs: its light, its root, and shapes to build with.
#[derive(SystemParam)]
pub struct Scenery<'w, 's> {
    commands: Commands<'w, 's>,
    place: ThePlace<'w, 's>,
    shapes: Shapes<'w>,
}

impl Scenery<'_, '_> {
    /// Lights the place evenly (`color` at `brightness`) and spawns what `build` makes, all of it the
    /// place's own.
    pub fn build(
        &mut self,
        color: Color,
        brightness: f32,
        build: impl FnOnce(&mut PlaceSpawner, &mut Shapes),
    ) {
        self.commands.insert_resource(GlobalAmbientLight {
            color,
            brightness,
            ..default()
        });
        let shapes = &mut self.shapes;
        self.commands
            .entity(self.place.root())
            .with_related_entities::<InPlace>(|place| build(place, shapes));
    }
}

/// Makes meshes and materials for a place as it is spawned.
#[derive(SystemParam)]
pub struct Shapes<'w> {
    meshes: ResMut<'w, Assets<Mesh>>,
    materials: ResMut<'w, Assets<StandardMaterial>>,
}

impl Shapes<'_> {
    /// Any mesh, for shapes the helpers below do not make (a wedge, an extrusion).
    pub fn mesh(&mut self, mesh: impl Into<Mesh>) -> Handle<Mesh> {
        self.meshes.add(mesh)
    }

    pub fn cuboid(&mut self, size: Vec3) -> Handle<Mesh> {
        self.meshes.add(Cuboid::from_size(size))
    }

    pub fn cylinder(&mut self, radius_m: f32, height_m: f32) -> Handle<Mesh> {
        self.meshes.add(Cylinder::new(radius_m, height_m))
    }

    pub fn sphere(&mut self, radius_m: f32) -> Handle<Mesh> {
        self.meshes.add(Sphere::new(radius_m))
    }

    pub fn capsule(&mut self, radius_m: f32, length_m: f32) -> Handle<Mesh> {
        self.meshes.add(Capsule3d::new(radius_m, length_m))
    }

    /// A surface that only reflects light; `roughness` 0 is a mirror, 1 is chalk.
    pub fn surface(&mut self, color: Color, roughness: f32) -> Handle<StandardMaterial> {
        self.materials.add(StandardMaterial {
            base_color: color,
            perceptual_roughness: roughness,
            ..default()
        })
    }

    /// Polished or brushed metal.
    pub fn metal(&mut self, color: Color, roughness: f32) -> Handle<StandardMaterial> {
        self.materials.add(StandardMaterial {
            base_color: color,
            perceptual_roughness: roughness,
            metallic: 0.9,
            ..default()
        })
    }

    /// A surface that glows by itself (a lamp's lens, a lit sign, an LED strip).
    pub fn glowing(&mut self, color: Color, strength: f32) -> Handle<StandardMaterial> {
        self.materials.add(StandardMaterial {
            base_color: color,
            emissive: LinearRgba::from(color) * strength,
            ..default()
        })
    }

    /// Tinted glass, lit from inside a little so it reads in a dim room.
    pub fn glass(&mut self, color: Color) -> Handle<StandardMaterial> {
        self.materials.add(StandardMaterial {
            base_color: color.with_alpha(0.75),
            emissive: LinearRgba::from(color) * 0.6,
            perceptual_roughness: 0.08,
            reflectance: 0.8,
            alpha_mode: AlphaMode::Blend,
            ..default()
        })
    }
}

/// A visible thing that does not block the body.
pub fn prop(
    name: impl Into<Name>,
    mesh: Handle<Mesh>,
    material: Handle<StandardMaterial>,
    transform: Transform,
) -> impl Bundle {
    (
        name.into(),
        Mesh3d(mesh),
        MeshMaterial3d(material),
        transform,
    )
}

/// A box the body cannot walk through, `size` metres, standing on the floor at `(x, z)` when `y` is half
/// its height.
pub fn solid_box(
    name: impl Into<Name>,
    shapes: &mut Shapes,
    size: Vec3,
    material: Handle<StandardMaterial>,
    center: Vec3,
) -> impl Bundle {
    (
        prop(
            name,
            shapes.cuboid(size),
            material,
            Transform::from_translation(center),
        ),
        Collider::footprint(size),
    )
}

/// A person as a silhouette, standing at `feet`, `height_m` tall: a body and a head. People block the body.
pub fn figure(
    name: impl Into<Name>,
    shapes: &mut Shapes,
    feet: Vec3,
    height_m: f32,
    clothes: Handle<StandardMaterial>,
    skin: Handle<StandardMaterial>,
) -> impl Bundle {
    let head_m = 0.12;
    let radius_m = 0.19;
    let body_m = height_m - 2.0 * head_m - 0.05;
    (
        name.into(),
        Transform::from_translation(feet),
        Visibility::default(),
        Collider {
            half_size: Vec2::splat(0.25),
        },
        children![
            (
                Mesh3d(shapes.capsule(radius_m, body_m - 2.0 * radius_m)),
                MeshMaterial3d(clothes),
                Transform::from_xyz(0.0, body_m / 2.0, 0.0),
            ),
            (
                Mesh3d(shapes.sphere(head_m)),
                MeshMaterial3d(skin),
                Transform::from_xyz(0.0, height_m - head_m, 0.0),
            ),
        ],
    )
}

/// The floor, ceiling and four walls of a room `size` metres, centred on the origin, floor at y = 0. Walls
/// block the body.
pub fn spawn_shell(
    place: &mut PlaceSpawner,
    shapes: &mut Shapes,
    size: Vec3,
    floor: Handle<StandardMaterial>,
    walls: Handle<StandardMaterial>,
) {
    const THICK_M: f32 = 0.2;
    let half = size / 2.0;
    let ceiling = walls.clone();
    place.spawn(prop(
        "Floor",
        shapes.cuboid(Vec3::new(size.x, THICK_M, size.z)),
        floor,
        Transform::from_xyz(0.0, -THICK_M / 2.0, 0.0),
    ));
    place.spawn(prop(
        "Ceiling",
        shapes.cuboid(Vec3::new(size.x, THICK_M, size.z)),
        ceiling,
        Transform::from_xyz(0.0, size.y + THICK_M / 2.0, 0.0),
    ));
    for (name, wall_size, center) in [
        (
            "North wall",
            Vec3::new(size.x + 2.0 * THICK_M, size.y, THICK_M),
            Vec3::new(0.0, half.y, -half.z - THICK_M / 2.0),
        ),
        (
            "South wall",
            Vec3::new(size.x + 2.0 * THICK_M, size.y, THICK_M),
            Vec3::new(0.0, half.y, half.z + THICK_M / 2.0),
        ),
        (
            "West wall",
            Vec3::new(THICK_M, size.y, size.z),
            Vec3::new(-half.x - THICK_M / 2.0, half.y, 0.0),
        ),
        (
            "East wall",
            Vec3::new(THICK_M, size.y, size.z),
            Vec3::new(half.x + THICK_M / 2.0, half.y, 0.0),
        ),
    ] {
        place.spawn(solid_box(name, shapes, wall_size, walls.clone(), center));
    }
}
