//! The title screen: what this is, a content note, the way to the settings, and any other key or button
//! to begin.

use bevy::prelude::*;

use super::settings::{OpensSettings, SettingsScreenSystems, settings_open};
use super::theme::{ACCENT, FADED, INK, NIGHT, label};
use crate::input::{Action, Bindings, Controls};
use crate::journey::{Journey, Kiosk, Screen};
use crate::words::Phrase;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), spawn_title)
        .add_systems(
            Update,
            begin_on_any_input
                .run_if(in_state(Screen::Title).and_then(not(settings_open)))
                .before(SettingsScreenSystems),
        );
}

/// What the visitor is warned of before anything plays.
pub const CONTENT_NOTE: Phrase = Phrase::new("title-content-note");

fn spawn_title(mut commands: Commands, bindings: Res<Bindings>, kiosk: Option<Res<Kiosk>>) {
    commands.spawn((
        Name::new("Title screen"),
        DespawnOnExit(Screen::Title),
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            row_gap: px(22),
            padding: UiRect::horizontal(percent(18)),
            ..default()
        },
        BackgroundColor(NIGHT),
        children![
            (
                Name::new("Title"),
                label(Phrase::new("title-name"), 64.0, INK)
            ),
            (
                Name::new("Subtitle"),
                label(Phrase::new("title-subtitle"), 22.0, FADED),
            ),
            (
                Name::new("Content note"),
                label(CONTENT_NOTE, 19.0, INK),
                TextLayout::justify(Justify::Center),
            ),
            (
                Name::new("Headphones"),
                label(Phrase::new("title-headphones"), 18.0, FADED)
            ),
            (
                Name::new("Begin"),
                label(Phrase::new("title-begin"), 24.0, ACCENT)
            ),
        ],
    ));
    if kiosk.is_none() {
        commands.spawn((
            Name::new("Settings"),
            DespawnOnExit(Screen::Title),
            Button,
            OpensSettings,
            Node {
                position_type: PositionType::Absolute,
                bottom: px(28),
                right: px(36),
                ..default()
            },
            children![label(
                Phrase::new("title-settings").with("control", bindings.label(Action::OpenSettings)),
                20.0,
                FADED
            )],
        ));
    }
}

fn begin_on_any_input(
    controls: Controls,
    kiosk: Option<Res<Kiosk>>,
    settings_asked: Query<&Interaction, With<OpensSettings>>,
    mut journey: Journey,
) {
    let to_settings = kiosk.is_none()
        && (controls.just_pressed(Action::OpenSettings)
            || settings_asked.iter().any(|i| *i != Interaction::None));
    if controls.anything_pressed() && !to_settings {
        journey.begin();
    }
}
