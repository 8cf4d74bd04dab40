//! A clinic's sound booth, the morning after: for now its shell, with the drummer seated in it.

use bevy::prelude::*;

use super::{
    Place,
    build::{Shapes, spawn_shell},
};
use crate::player::player;

/// The loss the gig left behind: severe.
const PROGRESSION: f32 = 0.8;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Place::Clinic), spawn_the_booth);
}

fn spawn_the_booth(mut commands: Commands, mut shapes: Shapes) {
    let scope = DespawnOnExit(Place::Clinic);
    let floor = shapes.surface(Color::srgb(0.3, 0.32, 0.34), 0.9);
    let walls = shapes.surface(Color::srgb(0.78, 0.8, 0.8), 1.0);
    spawn_shell(
        &mut commands,
        &mut shapes,
        scope.clone(),
        Vec3::new(2.4, 2.3, 2.4),
        floor,
        walls,
    );
    commands.spawn((
        scope.clone(),
        Name::new("Booth light"),
        PointLight {
            color: Color::srgb(0.95, 0.97, 1.0),
            intensity: 60_000.0,
            range: 8.0,
            ..default()
        },
        Transform::from_xyz(0.0, 2.1, 0.0),
    ));
    commands.spawn((
        scope,
        player(
            Vec3::new(0.0, 0.0, 0.6),
            Vec3::new(0.0, 0.0, -3.0),
            PROGRESSION,
        ),
    ));
}
