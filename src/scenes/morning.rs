//! The morning after, in the parked RV: for now its shell, lit by the morning, with the drummer waking in it.

use bevy::prelude::*;

use super::{
    Place,
    build::{Shapes, spawn_shell},
};
use crate::player::player;

/// The loss the gig left behind: severe.
const PROGRESSION: f32 = 0.8;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Place::Morning), spawn_the_rv);
}

fn spawn_the_rv(mut commands: Commands, mut shapes: Shapes) {
    let scope = DespawnOnExit(Place::Morning);
    let floor = shapes.surface(Color::srgb(0.35, 0.27, 0.2), 0.8);
    let walls = shapes.surface(Color::srgb(0.86, 0.82, 0.72), 0.9);
    spawn_shell(
        &mut commands,
        &mut shapes,
        scope.clone(),
        Vec3::new(2.3, 2.1, 7.0),
        floor,
        walls,
    );
    commands.spawn((
        scope.clone(),
        Name::new("Morning light"),
        PointLight {
            color: Color::srgb(1.0, 0.93, 0.8),
            intensity: 120_000.0,
            range: 12.0,
            ..default()
        },
        Transform::from_xyz(0.0, 1.9, 0.0),
    ));
    commands.spawn((
        scope,
        player(
            Vec3::new(0.0, 0.0, 2.6),
            Vec3::new(0.0, 0.0, -3.0),
            PROGRESSION,
        ),
    ));
}
