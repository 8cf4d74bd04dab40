//! What is felt, made visible: a warm glow at the screen's edges that rises with each thump and with the
//! strength of the vibration the ears read, in every place, whether or not a gamepad rumbles. The
//! settings screen previews a chosen vibration strength on it too. It is a flashing light like any other
//! and goes through the flash limit.

use bevy::prelude::*;

use super::flashing::FlashingLight;
use super::theme::screen_edges;
use crate::haptics::Felt;
use crate::journey::AppSystems;

/// The glow's opacity at full strength: strong enough to see at the edge of sight, never hiding the
/// scene.
pub const MOST_ALPHA: f32 = 0.6;
/// How wide the glowing edge is.
const EDGE_PX: f32 = 22.0;
const GLOW: Color = Color::srgb(1.0, 0.55, 0.2);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PulsePreview>()
        .add_systems(Startup, spawn_glow)
        .add_systems(Update, ask_for_the_pulse.in_set(AppSystems::Update))
        .add_systems(PostUpdate, show_the_pulse);
}

/// The screen's edges, glowing with what is felt.
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct FeltPulse;

/// A vibration strength shown on the glow for a moment, as the gamepad rumbles it: what the settings
/// screen plays when the strength changes, so it is seen with a gamepad or without.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct PulsePreview {
    /// The strength shown, 0..=1.
    pub strength: f32,
    /// How long it is still shown (s, as the eye counts, paused or not).
    pub left_s: f32,
}

impl PulsePreview {
    pub fn play(&mut self, strength: f32, length_s: f32) {
        self.strength = strength.clamp(0.0, 1.0);
        self.left_s = length_s;
    }
}

fn spawn_glow(mut commands: Commands) {
    commands.spawn((
        Name::new("What is felt, at the screen's edges"),
        FeltPulse,
        FlashingLight::new(0.0, MOST_ALPHA, 0.0),
        screen_edges(EDGE_PX),
        GlobalZIndex(4),
    ));
}

/// Asks for the felt pulse, or the preview while it lasts. It runs while paused as well: the settings
/// screen opens from the pause menu, and what is felt holds still meanwhile.
fn ask_for_the_pulse(
    time: Res<Time<Real>>,
    felt: Res<Felt>,
    mut preview: ResMut<PulsePreview>,
    mut glows: Query<&mut FlashingLight, With<FeltPulse>>,
) {
    let previewed = if preview.left_s > 0.0 {
        preview.left_s = (preview.left_s - time.delta_secs()).max(0.0);
        preview.strength
    } else {
        0.0
    };
    for mut glow in &mut glows {
        glow.requested = felt.pulse.max(previewed);
    }
}

fn show_the_pulse(mut glows: Query<(&FlashingLight, &mut BorderColor), With<FeltPulse>>) {
    for (glow, mut border) in &mut glows {
        *border = BorderColor::all(GLOW.with_alpha(glow.output()));
    }
}
