//! The anechoic chamber: for now its shell, under one cold lamp, with the drummer standing in it.

use bevy::prelude::*;

use super::{
    Place,
    build::{Shapes, spawn_shell},
};
use crate::player::player;

/// At the limit of hearing.
const PROGRESSION: f32 = 0.9;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Place::Stillness), spawn_the_chamber);
}

fn spawn_the_chamber(mut commands: Commands, mut shapes: Shapes) {
    let scope = DespawnOnExit(Place::Stillness);
    let wedges = shapes.surface(Color::srgb(0.42, 0.44, 0.48), 1.0);
    spawn_shell(
        &mut commands,
        &mut shapes,
        scope.clone(),
        Vec3::new(6.0, 5.0, 6.0),
        wedges.clone(),
        wedges,
    );
    commands.spawn((
        scope.clone(),
        Name::new("Cold lamp"),
        PointLight {
            color: Color::srgb(0.85, 0.9, 1.0),
            intensity: 90_000.0,
            range: 12.0,
            ..default()
        },
        Transform::from_xyz(0.0, 4.6, 0.0),
    ));
    commands.spawn((
        scope,
        player(
            Vec3::new(0.0, 0.0, 1.5),
            Vec3::new(0.0, 0.0, -3.0),
            PROGRESSION,
        ),
    ));
}
