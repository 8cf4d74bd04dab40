//! What the visitor reads: captions, the title and its content note, the pause overlay, prompts and the
//! drum score.

pub mod captions;
pub mod end_card;
mod pause;
pub mod prompt;
mod score;
pub mod theme;
mod title;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_ui_camera).add_plugins((
        captions::plugin,
        end_card::plugin,
        pause::plugin,
        prompt::plugin,
        score::plugin,
        title::plugin,
    ));
}

/// Draws the interface over whatever the head sees; alone on the title screen.
fn spawn_ui_camera(mut commands: Commands) {
    commands.spawn((
        Name::new("Interface camera"),
        Camera2d,
        Camera {
            order: 1,
            clear_color: ClearColorConfig::None,
            ..default()
        },
        IsDefaultUiCamera,
    ));
}
