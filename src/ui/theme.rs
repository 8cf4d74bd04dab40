//! The interface's look: a few colours and text bundles, so every screen reads the same.

use bevy::prelude::*;

use crate::words::Phrase;

pub const INK: Color = Color::srgb(0.93, 0.91, 0.87);
pub const FADED: Color = Color::srgb(0.62, 0.6, 0.57);
pub const ACCENT: Color = Color::srgb(1.0, 0.72, 0.35);
pub const SCRIM: Color = Color::srgba(0.0, 0.0, 0.0, 0.62);
pub const NIGHT: Color = Color::srgb(0.02, 0.018, 0.02);

/// The words of `phrase`, `size_px` tall.
pub fn label(phrase: Phrase, size_px: f32, color: Color) -> impl Bundle {
    (
        phrase,
        TextFont {
            font_size: FontSize::Px(size_px),
            ..default()
        },
        TextColor(color),
    )
}
