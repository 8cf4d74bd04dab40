//! What every place shares on screen: captions, the sound indicator, labelled silence, the title and its
//! content note, the pause overlay, prompts and hints, the end card, the felt pulse at the screen's edges,
//! and the flash limit every pulsing light goes through. A place's own interface (the drum score, the sign
//! card, the audiogram) lives with the place.

pub mod caption_layout;
pub mod captions;
pub mod end_card;
pub mod flash_governor;
pub mod flashing;
mod pause;
pub(crate) mod prompt;
pub mod pulse;
pub mod settings;
pub mod shimmer;
pub mod silence;
pub mod sound_indicator;
pub(crate) mod theme;
mod title;

use bevy::prelude::*;

pub use title::CONTENT_NOTE;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_ui_camera).add_plugins((
        captions::plugin,
        end_card::plugin,
        flashing::plugin,
        pause::plugin,
        prompt::plugin,
        pulse::plugin,
        settings::plugin,
        shimmer::plugin,
        silence::plugin,
        sound_indicator::plugin,
        theme::plugin,
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
