//! Every light that pulses goes through here: a place asks for a level, the [`FlashGovernor`] allows
//! what may be shown, and the light is set to it: a point or spot light's intensity, a glowing surface's
//! emissive strength, or an opacity on screen that its owner draws. At most three flashes in any second,
//! one with flashing reduced. The seconds are the eye's, so they run on while the game is paused.

use bevy::prelude::*;

use super::flash_governor::{FlashGovernor, MOST_FLASHES_PER_S, REDUCED_FLASHES_PER_S};
use crate::journey::AppSystems;
use crate::settings::CurrentSettings;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (govern, light_up).chain().after(AppSystems::Update));
}

/// A light that may flash: its output at the bottom and the top of its range (lumens for a point or spot
/// light, the emissive strength of a [`GlowingSurface`], an opacity for a glow on screen), the level asked
/// for and the level allowed (0..=1 of the range).
#[derive(Component, Debug, Clone)]
pub struct FlashingLight {
    pub dark: f32,
    pub bright: f32,
    /// What the place asks for this frame.
    pub requested: f32,
    allowed: f32,
    governor: FlashGovernor,
}

impl FlashingLight {
    /// A light ranging from `dark` to `bright`, at `level` of that range.
    pub fn new(dark: f32, bright: f32, level: f32) -> Self {
        Self {
            dark,
            bright,
            requested: level,
            allowed: level,
            governor: FlashGovernor::new(MOST_FLASHES_PER_S),
        }
    }

    /// The level the governor allows now (0..=1 of the range).
    pub fn allowed(&self) -> f32 {
        self.allowed
    }

    /// The light's output now.
    pub fn output(&self) -> f32 {
        self.dark + (self.bright - self.dark) * self.allowed
    }

    /// Where an output (as measured on the light) lies in the range, 0..=1.
    pub fn level_of(&self, output: f32) -> f32 {
        (output - self.dark) / (self.bright - self.dark)
    }
}

/// A surface that glows by itself (a lamp's lens) as a flashing light: its emissive colour at strength
/// 1, which the light's output scales. Its material is its own, shared with nothing that should not flash.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct GlowingSurface(pub LinearRgba);

/// How many flashes a second the settings allow.
pub fn flashes_per_s(settings: &CurrentSettings) -> u32 {
    if settings.comfort.reduce_flashing {
        REDUCED_FLASHES_PER_S
    } else {
        MOST_FLASHES_PER_S
    }
}

fn govern(
    time: Res<Time<Real>>,
    settings: Res<CurrentSettings>,
    mut lights: Query<&mut FlashingLight>,
) {
    let budget = flashes_per_s(&settings);
    for mut light in &mut lights {
        let light = &mut *light;
        if light.governor.flashes_per_s() != budget {
            light.governor.set_flashes_per_s(budget);
        }
        light.allowed = light.governor.allow(time.delta_secs(), light.requested);
    }
}

fn light_up(
    mut points: Query<(&FlashingLight, &mut PointLight), Without<SpotLight>>,
    mut spots: Query<(&FlashingLight, &mut SpotLight), Without<PointLight>>,
    surfaces: Query<(
        &FlashingLight,
        &GlowingSurface,
        &MeshMaterial3d<StandardMaterial>,
    )>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    for (light, mut point) in &mut points {
        point.intensity = light.output();
    }
    for (light, mut spot) in &mut spots {
        spot.intensity = light.output();
    }
    for (light, surface, material) in &surfaces {
        let emissive = surface.0 * light.output();
        // Only a change is written: a written material is uploaded again.
        if materials
            .get(&material.0)
            .is_some_and(|shown| shown.emissive != emissive)
            && let Some(mut shown) = materials.get_mut(&material.0)
        {
            shown.emissive = emissive;
        }
    }
}
