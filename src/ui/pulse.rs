//! What is felt, made visible: a warm glow at the screen's edges that rises with each thump and with the
//! strength of the vibration the ears read, in every place, whether or not a gamepad rumbles. It is a
//! flashing light like any other and goes through the flash limit.

use bevy::prelude::*;

use super::flashing::FlashingLight;
use crate::haptics::Felt;
use crate::journey::{AppSystems, PausableSystems};

/// The glow's opacity at full strength: strong enough to see at the edge of sight, never hiding the
/// scene.
pub const MOST_ALPHA: f32 = 0.6;
/// How wide the glowing edge is.
const EDGE_PX: f32 = 22.0;
const GLOW: Color = Color::srgb(1.0, 0.55, 0.2);

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_glow)
        .add_systems(
            Update,
            ask_for_the_pulse
                .in_set(AppSystems::Update)
                .in_set(PausableSystems),
        )
        .add_systems(PostUpdate, show_the_pulse);
}

/// The screen's edges, glowing with what is felt.
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct FeltPulse;

fn spawn_glow(mut commands: Commands) {
    commands.spawn((
        Name::new("What is felt, at the screen's edges"),
        FeltPulse,
        FlashingLight::new(0.0, MOST_ALPHA, 0.0),
        Node {
            width: percent(100),
            height: percent(100),
            position_type: PositionType::Absolute,
            border: UiRect::all(px(EDGE_PX)),
            ..default()
        },
        BorderColor::all(Color::NONE),
        GlobalZIndex(4),
    ));
}

fn ask_for_the_pulse(felt: Res<Felt>, mut glows: Query<&mut FlashingLight, With<FeltPulse>>) {
    for mut glow in &mut glows {
        glow.requested = felt.pulse;
    }
}

fn show_the_pulse(mut glows: Query<(&FlashingLight, &mut BorderColor), With<FeltPulse>>) {
    for (glow, mut border) in &mut glows {
        *border = BorderColor::all(GLOW.with_alpha(glow.output()));
    }
}
