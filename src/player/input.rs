//! Devices to intents: the walking actions, the mouse and the sticks become `MovementIntent` and
//! `LookIntent`; the perspective action chooses whose ears are heard.

use bevy::{input::mouse::AccumulatedMouseMotion, prelude::*};

use super::body::{LookIntent, LookSensitivity, MovementIntent, Player};
use crate::hearing::Perspective;
use crate::input::{Action, Controls, LOOK_STICK, WALK_STICK};
use crate::journey::{AppSystems, PausableSystems};

/// Radians per second of turn with the look stick pushed fully.
const STICK_TURN_RAD_PER_S: f32 = 2.4;
/// Stick positions closer to the centre than this count as rest.
const STICK_DEAD_ZONE: f32 = 0.15;

/// The walking actions and the way each one pulls.
const WALKING: [(Action, Vec2); 4] = [
    (Action::WalkForward, Vec2::Y),
    (Action::WalkBack, Vec2::NEG_Y),
    (Action::WalkLeft, Vec2::NEG_X),
    (Action::WalkRight, Vec2::X),
];

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (record_movement, record_look, record_perspective)
            .in_set(AppSystems::RecordInput)
            .in_set(PausableSystems),
    );
}

fn record_movement(controls: Controls, mut intent: Single<&mut MovementIntent, With<Player>>) {
    let keys: Vec2 = WALKING
        .iter()
        .filter(|(action, _)| controls.pressed(*action))
        .map(|(_, direction)| *direction)
        .sum();
    let wanted = keys + dead_zone(controls.stick(WALK_STICK));
    intent.0 = wanted.clamp_length_max(1.0);
}

fn record_look(
    time: Res<Time>,
    mouse: Res<AccumulatedMouseMotion>,
    controls: Controls,
    player: Single<(&mut LookIntent, &LookSensitivity), With<Player>>,
) {
    let (mut intent, sensitivity) = player.into_inner();
    // Mouse motion is already the whole movement since the last frame: not scaled by the frame's length.
    let mut turn = -mouse.delta * sensitivity.0;
    turn -= dead_zone(controls.stick(LOOK_STICK))
        * Vec2::new(1.0, -1.0)
        * STICK_TURN_RAD_PER_S
        * time.delta_secs();
    intent.0 = turn;
}

fn dead_zone(stick: Vec2) -> Vec2 {
    if stick.length() < STICK_DEAD_ZONE {
        Vec2::ZERO
    } else {
        stick
    }
}

/// Holding the perspective action hears the room as it is; letting go returns to the drummer's ears. Both
/// are hard cuts.
fn record_perspective(controls: Controls, mut perspective: ResMut<Perspective>) {
    perspective.set_if_neq(if controls.pressed(Action::HearTheRoom) {
        Perspective::TheRoomAsItIs
    } else {
        Perspective::YourEars
    });
}
