//! The end card: a short, plain safe-listening message and the credits, then back to the title.

use bevy::prelude::*;

use super::theme::{INK, NIGHT, label};
use crate::Screen;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::EndCard), spawn_end_card);
}

fn spawn_end_card(mut commands: Commands) {
    commands.spawn((
        Name::new("End card"),
        DespawnOnExit(Screen::EndCard),
        Node {
            width: percent(100),
            height: percent(100),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        BackgroundColor(NIGHT),
        children![label("STILLNESS", 48.0, INK)],
    ));
}
