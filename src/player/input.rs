//! Devices to intents: the walking actions, the mouse, the turning actions and the sticks become
//! `MovementIntent` and `LookIntent`, as sensitive as the player chose; the perspective action chooses
//! whose ears are heard.

use bevy::{input::mouse::AccumulatedMouseMotion, prelude::*};

use super::body::{LookIntent, LookSensitivity, MovementIntent, Player};
use crate::hearing::Perspective;
use crate::input::{Action, Controls, LOOK_STICK, WALK_STICK};
use crate::journey::{AppSystems, PausableSystems};
use crate::settings::{CurrentSettings, HearTheRoom};

/// Radians per second of turn with the look stick pushed fully, or a turning action held.
const TURN_RAD_PER_S: f32 = 2.4;

/// The walking actions and the way each one pulls.
const WALKING: [(Action, Vec2); 4] = [
    (Action::WalkForward, Vec2::Y),
    (Action::WalkBack, Vec2::NEG_Y),
    (Action::WalkLeft, Vec2::NEG_X),
    (Action::WalkRight, Vec2::X),
];

/// The turning actions and the way each one turns (`x` yaw left, `y` pitch up).
const TURNING: [(Action, Vec2); 4] = [
    (Action::TurnLeft, Vec2::X),
    (Action::TurnRight, Vec2::NEG_X),
    (Action::LookUp, Vec2::Y),
    (Action::LookDown, Vec2::NEG_Y),
];

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (record_movement, record_look, record_perspective)
            .in_set(AppSystems::RecordInput)
            .in_set(PausableSystems),
    );
}

fn record_movement(
    controls: Controls,
    settings: Res<CurrentSettings>,
    mut intent: Single<&mut MovementIntent, With<Player>>,
) {
    let keys: Vec2 = WALKING
        .iter()
        .filter(|(action, _)| controls.pressed(*action))
        .map(|(_, direction)| *direction)
        .sum();
    let stick = dead_zone(
        controls.stick(WALK_STICK),
        settings.controls.stick_dead_zone,
    );
    intent.0 = (keys + stick).clamp_length_max(1.0);
}

fn record_look(
    time: Res<Time>,
    mouse: Res<AccumulatedMouseMotion>,
    controls: Controls,
    settings: Res<CurrentSettings>,
    player: Single<(&mut LookIntent, &LookSensitivity), With<Player>>,
) {
    let (mut intent, sensitivity) = player.into_inner();
    let chosen = &settings.controls;
    let vertical = if chosen.invert_y { -1.0 } else { 1.0 };
    // Mouse motion is already the whole movement since the last frame: not scaled by the frame's length.
    let mut turn = -mouse.delta * sensitivity.0 * chosen.mouse_sensitivity;
    let stick = dead_zone(controls.stick(LOOK_STICK), chosen.stick_dead_zone);
    turn -= stick
        * Vec2::new(1.0, -1.0)
        * chosen.stick_sensitivity
        * TURN_RAD_PER_S
        * time.delta_secs();
    turn.y *= vertical;
    // The turning actions say which way they turn: inverting the vertical axis is for mouse and stick.
    let held: Vec2 = TURNING
        .iter()
        .filter(|(action, _)| controls.pressed(*action))
        .map(|(_, direction)| *direction)
        .sum();
    turn += held * TURN_RAD_PER_S * time.delta_secs();
    intent.0 = turn;
}

/// The stick's position with its resting zone taken out, rescaled so that leaving the zone starts from
/// zero rather than jumping to the zone's edge.
fn dead_zone(stick: Vec2, zone: f32) -> Vec2 {
    let length = stick.length();
    if length <= zone || length == 0.0 {
        Vec2::ZERO
    } else {
        stick / length * ((length - zone) / (1.0 - zone)).min(1.0)
    }
}

/// The perspective action hears the room as it is, while held or until pressed again, as the player
/// chose; both ways are hard cuts.
fn record_perspective(
    controls: Controls,
    settings: Res<CurrentSettings>,
    mut perspective: ResMut<Perspective>,
) {
    let wanted = match settings.sound.hear_the_room {
        HearTheRoom::Hold => {
            if controls.pressed(Action::HearTheRoom) {
                Perspective::TheRoomAsItIs
            } else {
                Perspective::YourEars
            }
        }
        HearTheRoom::Toggle if controls.just_pressed(Action::HearTheRoom) => match *perspective {
            Perspective::YourEars => Perspective::TheRoomAsItIs,
            Perspective::TheRoomAsItIs => Perspective::YourEars,
        },
        HearTheRoom::Toggle => *perspective,
    };
    perspective.set_if_neq(wanted);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dead_zone_rests_and_then_rises_from_zero() {
        assert_eq!(dead_zone(Vec2::new(0.1, 0.0), 0.15), Vec2::ZERO);
        assert!(dead_zone(Vec2::new(0.16, 0.0), 0.15).x < 0.02);
        assert!((dead_zone(Vec2::new(1.0, 0.0), 0.15).x - 1.0).abs() < 1e-6);
        assert_eq!(dead_zone(Vec2::new(0.3, 0.0), 0.0), Vec2::new(0.3, 0.0));
    }
}
