//! Devices to intents: keyboard, mouse and gamepad become `MovementIntent` and `LookIntent`.

use bevy::{input::mouse::AccumulatedMouseMotion, prelude::*};

use super::{LookIntent, LookSensitivity, MovementIntent, Player};
use crate::{AppSystems, PausableSystems, hearing::Perspective};

/// Radians per second of turn with the right stick pushed fully.
const STICK_TURN_RAD_PER_S: f32 = 2.4;
/// Stick positions closer to the centre than this count as rest.
const STICK_DEAD_ZONE: f32 = 0.15;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (record_movement, record_look, record_perspective)
            .in_set(AppSystems::RecordInput)
            .in_set(PausableSystems),
    );
}

fn record_movement(
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    mut intent: Single<&mut MovementIntent, With<Player>>,
) {
    let mut wanted = Vec2::ZERO;
    for (key, direction) in [
        (KeyCode::KeyW, Vec2::Y),
        (KeyCode::ArrowUp, Vec2::Y),
        (KeyCode::KeyS, Vec2::NEG_Y),
        (KeyCode::ArrowDown, Vec2::NEG_Y),
        (KeyCode::KeyA, Vec2::NEG_X),
        (KeyCode::ArrowLeft, Vec2::NEG_X),
        (KeyCode::KeyD, Vec2::X),
        (KeyCode::ArrowRight, Vec2::X),
    ] {
        if keys.pressed(key) {
            wanted += direction;
        }
    }
    for gamepad in &gamepads {
        wanted += dead_zone(gamepad.left_stick());
    }
    intent.0 = wanted.clamp_length_max(1.0);
}

fn record_look(
    time: Res<Time>,
    mouse: Res<AccumulatedMouseMotion>,
    gamepads: Query<&Gamepad>,
    player: Single<(&mut LookIntent, &LookSensitivity), With<Player>>,
) {
    let (mut intent, sensitivity) = player.into_inner();
    // Mouse motion is already the whole movement since the last frame: not scaled by the frame's length.
    let mut turn = -mouse.delta * sensitivity.0;
    for gamepad in &gamepads {
        turn -= dead_zone(gamepad.right_stick())
            * Vec2::new(1.0, -1.0)
            * STICK_TURN_RAD_PER_S
            * time.delta_secs();
    }
    intent.0 = turn;
}

fn dead_zone(stick: Vec2) -> Vec2 {
    if stick.length() < STICK_DEAD_ZONE {
        Vec2::ZERO
    } else {
        stick
    }
}

/// Holding Tab or (X) hears the room as it is; letting go returns to the drummer's ears. Both are hard cuts.
fn record_perspective(
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    mut perspective: ResMut<Perspective>,
) {
    let held = keys.pressed(KeyCode::Tab)
        || gamepads
            .iter()
            .any(|gamepad| gamepad.pressed(GamepadButton::West));
    perspective.set_if_neq(if held {
        Perspective::TheRoomAsItIs
    } else {
        Perspective::YourEars
    });
}
