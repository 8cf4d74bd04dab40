//! Pause: Esc or Start stops the world and shows how to go on or quit.

use bevy::prelude::*;

use super::theme::{ACCENT, INK, SCRIM, label};
use crate::{Pause, Screen, exhibit::Kiosk};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Pause::Paused), spawn_overlay)
        .add_systems(
            Update,
            (
                toggle_pause.run_if(in_state(Screen::Playing)),
                quit.run_if(in_state(Pause::Paused).and_then(not(resource_exists::<Kiosk>))),
            ),
        );
}

fn toggle_pause(
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    pause: Res<State<Pause>>,
    mut next: ResMut<NextState<Pause>>,
) {
    let pressed = keys.just_pressed(KeyCode::Escape)
        || gamepads
            .iter()
            .any(|gamepad| gamepad.just_pressed(GamepadButton::Start));
    if pressed {
        next.set(match pause.get() {
            Pause::Running => Pause::Paused,
            Pause::Paused => Pause::Running,
        });
    }
}

fn quit(keys: Res<ButtonInput<KeyCode>>, mut exit: MessageWriter<AppExit>) {
    if keys.just_pressed(KeyCode::KeyQ) {
        exit.write(AppExit::Success);
    }
}

fn spawn_overlay(mut commands: Commands, kiosk: Option<Res<Kiosk>>) {
    let quit = if kiosk.is_some() { "" } else { "Q  quit" };
    commands.spawn((
        Name::new("Pause overlay"),
        DespawnOnExit(Pause::Paused),
        Node {
            width: percent(100),
            height: percent(100),
            position_type: PositionType::Absolute,
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            row_gap: px(16),
            ..default()
        },
        BackgroundColor(SCRIM),
        GlobalZIndex(10),
        children![
            label("Paused", 48.0, INK),
            label("Esc / Start  resume", 22.0, ACCENT),
            label(quit, 22.0, INK),
        ],
    ));
}
