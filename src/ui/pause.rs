//! Pause: the pause action stops the world and shows how to go on, change the settings or quit.

use bevy::prelude::*;

use super::settings::{OpensSettings, SettingsScreenSystems, settings_open};
use super::theme::{ACCENT, INK, SCRIM, label};
use crate::input::{Action, Bindings, Controls};
use crate::journey::{Kiosk, Pause, Screen};
use crate::words::Phrase;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Pause::Paused), spawn_overlay)
        .add_systems(
            Update,
            (
                toggle_pause.run_if(in_state(Screen::Playing)),
                quit.run_if(in_state(Pause::Paused).and_then(not(resource_exists::<Kiosk>))),
            )
                // Back on the settings screen leads to this menu, not out of the pause.
                .run_if(not(settings_open))
                .before(SettingsScreenSystems),
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

fn spawn_overlay(mut commands: Commands, kiosk: Option<Res<Kiosk>>, bindings: Res<Bindings>) {
    let overlay = commands
        .spawn((
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
                label(Phrase::new("pause-title"), 48.0, INK),
                label(
                    Phrase::new("pause-resume").with("control", bindings.label(Action::Pause)),
                    22.0,
                    ACCENT
                ),
            ],
        ))
        .id();
    // An exhibition's visitor neither quits nor changes the operator's settings.
    if kiosk.is_none() {
        commands.spawn((
            Button,
            OpensSettings,
            label(
                Phrase::new("title-settings").with("control", bindings.label(Action::OpenSettings)),
                22.0,
                INK,
            ),
            ChildOf(overlay),
        ));
        commands.spawn((
            label(
                Phrase::new("pause-quit").with("control", bindings.label(Action::Quit)),
                22.0,
                INK,
            ),
            ChildOf(overlay),
        ));
    }
}
