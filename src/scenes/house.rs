//! The house of the deaf community: for now its study, in daylight, with the drummer arriving in it.

use bevy::prelude::*;

use super::{
    Place,
    build::{Shapes, spawn_shell},
};
use crate::player::player;

/// Weeks later: the loss has settled, profound in the highs.
const PROGRESSION: f32 = 0.85;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Place::House), spawn_the_study);
}

fn spawn_the_study(mut commands: Commands, mut shapes: Shapes) {
    let scope = DespawnOnExit(Place::House);
    let floor = shapes.surface(Color::srgb(0.55, 0.4, 0.26), 0.7);
    let walls = shapes.surface(Color::srgb(0.93, 0.91, 0.86), 0.95);
    spawn_shell(
        &mut commands,
        &mut shapes,
        scope.clone(),
        Vec3::new(5.0, 2.8, 4.0),
        floor,
        walls,
    );
    commands.spawn((
        scope.clone(),
        Name::new("Daylight"),
        PointLight {
            color: Color::srgb(0.95, 0.97, 1.0),
            intensity: 250_000.0,
            range: 15.0,
            ..default()
        },
        Transform::from_xyz(0.0, 2.5, 0.0),
    ));
    commands.spawn((
        scope,
        player(
            Vec3::new(0.0, 0.0, 1.4),
            Vec3::new(0.0, 0.0, -2.0),
            PROGRESSION,
        ),
    ));
}
