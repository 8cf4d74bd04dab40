//! The interface's look: one typeface, a few colours and text bundles, so every screen reads the same.

use bevy::asset::AssetId;
use bevy::prelude::*;

use crate::words::Phrase;

pub const INK: Color = Color::srgb(0.93, 0.91, 0.87);
pub const FADED: Color = Color::srgb(0.62, 0.6, 0.57);
pub const ACCENT: Color = Color::srgb(1.0, 0.72, 0.35);
pub const SCRIM: Color = Color::srgba(0.0, 0.0, 0.0, 0.62);
pub const NIGHT: Color = Color::srgb(0.02, 0.018, 0.02);

/// Noto Sans Mono (SIL Open Font License, `assets/fonts/OFL.txt`): Bevy's built-in face is cut down to
/// ASCII, which leaves gaps in every language but English (and in English's ellipsis). Compiled in, so
/// no screen can lose its words to a missing file.
pub const TYPEFACE: &[u8] = include_bytes!("../../assets/fonts/NotoSansMono-Regular.ttf");

/// Makes [`TYPEFACE`] the face of every text that names no other (the default font handle).
pub(super) fn plugin(app: &mut App) {
    // Headless runs have no text rendering, hence no fonts to replace.
    if let Some(mut fonts) = app.world_mut().get_resource_mut::<Assets<Font>>() {
        fonts
            .insert(AssetId::default(), Font::from_bytes(TYPEFACE.to_vec()))
            .expect("the default font handle is a plain id");
    }
}

/// A frame around the whole screen, `edge_px` wide, drawn in no colour until its owner sets the border's:
/// the glow of what is felt and the shimmer of the ringing both live at the screen's edges.
pub fn screen_edges(edge_px: f32) -> impl Bundle {
    (
        Node {
            width: percent(100),
            height: percent(100),
            position_type: PositionType::Absolute,
            border: UiRect::all(px(edge_px)),
            ..default()
        },
        BorderColor::all(Color::NONE),
    )
}

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
