//! Tinnitus shown instead of heard: with the ringing set to be seen, a faint, fast shimmer plays along the
//! screen's edges, as strong as the ringing is loud, rising and fading as the ringing does. Its flicker
//! is a flashing light like any other and goes through the flash limit.

use bevy::prelude::*;

use super::flashing::FlashingLight;
use super::theme::screen_edges;
use crate::hearing::{EarSounds, ONSET_RINGING, TinnitusPreview};
use crate::journey::AppSystems;
use crate::settings::{CurrentSettings, TinnitusMode};

/// A ringing this loud at the ear (dB SPL) or softer is not shown; the shimmer is strongest at
/// `LOUDEST_DB_SPL`.
const FAINTEST_DB_SPL: f32 = 40.0;
const LOUDEST_DB_SPL: f32 = 80.0;
/// The edge's opacity at full strength: faint, so it never hides the scene.
const MOST_ALPHA: f32 = 0.45;
/// How wide the shimmering edge is.
const EDGE_PX: f32 = 14.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_shimmer)
        .add_systems(Update, shimmer.in_set(AppSystems::Update))
        .add_systems(PostUpdate, show_the_shimmer);
}

/// The shimmering edge, and how strong it is now (0-1).
#[derive(Component, Debug, Default, Clone, Copy, PartialEq)]
pub struct TinnitusShimmer {
    pub strength: f32,
    /// The ringing's level the shimmer follows, smoothed as the ringing rises and fades (dB SPL).
    level_db_spl: f32,
    frame: u32,
}

fn spawn_shimmer(mut commands: Commands) {
    commands.spawn((
        Name::new("Tinnitus shimmer"),
        TinnitusShimmer {
            level_db_spl: FAINTEST_DB_SPL,
            ..default()
        },
        FlashingLight::new(0.0, MOST_ALPHA, 0.0),
        screen_edges(EDGE_PX),
        GlobalZIndex(5),
    ));
}

/// The strength for a ringing at `level_db_spl`.
pub fn shimmer_strength(level_db_spl: f32) -> f32 {
    ((level_db_spl - FAINTEST_DB_SPL) / (LOUDEST_DB_SPL - FAINTEST_DB_SPL)).clamp(0.0, 1.0)
}

fn shimmer(
    time: Res<Time<Real>>,
    settings: Res<CurrentSettings>,
    preview: Res<TinnitusPreview>,
    ears: Query<&EarSounds>,
    mut edges: Query<(&mut TinnitusShimmer, &mut FlashingLight)>,
) {
    let shown = settings.sound.tinnitus == TinnitusMode::VisualOnly;
    let ringing = if preview.left_s > 0.0 {
        Some(ONSET_RINGING)
    } else {
        ears.iter().find_map(|sounds| sounds.ringing)
    };
    let (target_db_spl, rise_s, fall_s) = ringing.map_or(
        (FAINTEST_DB_SPL, ONSET_RINGING.rise_s, ONSET_RINGING.fall_s),
        |ringing| (ringing.level_db_spl, ringing.rise_s, ringing.fall_s),
    );
    for (mut edge, mut light) in &mut edges {
        let towards_s = if target_db_spl > edge.level_db_spl {
            rise_s
        } else {
            fall_s
        };
        let share = 1.0 - (-time.delta_secs() / towards_s.max(1e-3)).exp();
        edge.level_db_spl += (target_db_spl - edge.level_db_spl) * share;
        edge.strength = if shown {
            shimmer_strength(edge.level_db_spl)
        } else {
            0.0
        };
        // A flicker from frame to frame, the eye's version of a high, thin tone.
        edge.frame = edge.frame.wrapping_add(1);
        let flicker =
            0.7 + 0.3 * ((edge.frame.wrapping_mul(2_654_435_761) >> 16) & 0xff) as f32 / 255.0;
        light.requested = edge.strength * flicker;
    }
}

fn show_the_shimmer(mut edges: Query<(&FlashingLight, &mut BorderColor), With<TinnitusShimmer>>) {
    for (light, mut border) in &mut edges {
        *border = BorderColor::all(Color::srgba(0.85, 0.92, 1.0, light.output()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn louder_ringing_shimmers_more() {
        assert_eq!(shimmer_strength(30.0), 0.0);
        assert!(shimmer_strength(62.0) > 0.0);
        assert!(shimmer_strength(74.0) > shimmer_strength(62.0));
        assert_eq!(shimmer_strength(90.0), 1.0);
    }
}
