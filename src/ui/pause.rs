//! Pause: the pause action stops the world and shows how to go on or quit.

use bevy::prelude::*;

use super::theme::{ACCENT, INK, SCRIM, label};
use crate::input::{Action, Controls};
use crate::journey::{Kiosk, Pause, Screen};

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

fn toggle_pause(controls: Controls, pause: Res<State<Pause>>, mut next: ResMut<NextState<Pause>>) {
    if controls.just_pressed(Action::Pause) {
        next.set(match pause.get() {
            Pause::Running => Pause::Paused,
            Pause::Paused => Pause::Running,
        });
    }
}

fn quit(controls: Controls, mut exit: MessageWriter<AppExit>) {
    if controls.just_pressed(Action::Quit) {
        exit.write(AppExit::Success);
    }
}

fn spawn_overlay(mut commands: Commands, kiosk: Option<Res<Kiosk>>) {
    let quit = if kiosk.is_some() {
        String::new()
    } else {
        format!("{}  quit", Action::Quit.label())
    };
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
            label(format!("{}  resume", Action::Pause.label()), 22.0, ACCENT),
            label(quit, 22.0, INK),
        ],
    ));
}
