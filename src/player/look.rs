//! Looking around: yaw turns the body, pitch tilts the head (clamped), and a lost balance rolls the view.

use std::f32::consts::{FRAC_PI_2, PI, TAU};

use bevy::{
    prelude::*,
    window::{CursorGrabMode, CursorOptions, PrimaryWindow},
};

use super::body::{LookIntent, Player};
use crate::journey::{AppSystems, PausableSystems, Pause};
use crate::settings::CurrentSettings;

/// The head never looks quite straight up or down, so yaw stays well defined.
pub const PITCH_LIMIT_RAD: f32 = FRAC_PI_2 - 0.05;
/// How long the view stays off balance after the onset.
pub const WOBBLE_S: f32 = 2.6;
/// The largest roll of the view while off balance.
const WOBBLE_ROLL_RAD: f32 = 0.12;
/// How fast the view sways while off balance.
const WOBBLE_HZ: f32 = 0.7;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            recover_balance.in_set(AppSystems::TickTimers),
            turn.in_set(AppSystems::Update),
        )
            .in_set(PausableSystems),
    )
    .add_systems(PostUpdate, widen_the_view)
    .add_systems(OnEnter(Pause::Running), grab_cursor)
    .add_systems(OnExit(Pause::Running), release_cursor);
}

/// The head's tilt, kept apart from its rotation so the roll of a lost balance never leaks into it.
#[derive(Component, Debug, Default, Clone, Copy, PartialEq, Reflect)]
#[require(Transform)]
pub struct Head {
    pub pitch_rad: f32,
}

/// The inner ear: after [`Balance::lose`] the view rolls and sways for [`WOBBLE_S`], smoothly in and out.
#[derive(Component, Debug, Default, Clone, Copy, PartialEq, Reflect)]
pub struct Balance {
    lost_for_s: Option<f32>,
}

impl Balance {
    pub fn lose(&mut self) {
        self.lost_for_s = Some(0.0);
    }

    pub fn is_lost(&self) -> bool {
        self.lost_for_s.is_some()
    }

    /// The view's roll now, in radians.
    pub fn roll_rad(&self) -> f32 {
        self.lost_for_s.map_or(0.0, wobble_roll_rad)
    }
}

/// The roll of the view `since_s` after losing balance: a sway inside an envelope that starts and ends at
/// zero with zero slope, so the view never jumps.
pub fn wobble_roll_rad(since_s: f32) -> f32 {
    if !(0.0..=WOBBLE_S).contains(&since_s) {
        return 0.0;
    }
    let envelope = (PI * since_s / WOBBLE_S).sin().powi(2);
    let sway = (TAU * WOBBLE_HZ * since_s).sin() + 0.5;
    WOBBLE_ROLL_RAD * envelope * sway / 1.5
}

fn recover_balance(time: Res<Time>, mut balances: Query<&mut Balance>) {
    for mut balance in &mut balances {
        if let Some(lost_for_s) = balance.lost_for_s {
            let now_s = lost_for_s + time.delta_secs();
            balance.lost_for_s = (now_s <= WOBBLE_S).then_some(now_s);
        }
    }
}

fn turn(
    settings: Res<CurrentSettings>,
    mut bodies: Query<(&mut Transform, &LookIntent, &Children), With<Player>>,
    mut heads: Query<(&mut Transform, &mut Head, &Balance), Without<Player>>,
) {
    let sway = settings.comfort.camera_sway.share();
    for (mut body, intent, children) in &mut bodies {
        body.rotate_y(intent.0.x);
        for child in children {
            if let Ok((mut transform, mut head, balance)) = heads.get_mut(*child) {
                head.pitch_rad =
                    (head.pitch_rad + intent.0.y).clamp(-PITCH_LIMIT_RAD, PITCH_LIMIT_RAD);
                transform.rotation = Quat::from_euler(
                    EulerRot::YXZ,
                    0.0,
                    head.pitch_rad,
                    balance.roll_rad() * sway,
                );
            }
        }
    }
}

/// The eyes see as wide as the player chose, from the moment the head exists.
fn widen_the_view(settings: Res<CurrentSettings>, mut eyes: Query<(&mut Projection, Ref<Head>)>) {
    let fov = settings.comfort.field_of_view_deg.to_radians();
    for (mut projection, head) in &mut eyes {
        if !settings.is_changed() && !head.is_added() {
            continue;
        }
        if let Projection::Perspective(perspective) = &mut *projection
            && perspective.fov != fov
        {
            perspective.fov = fov;
        }
    }
}

fn grab_cursor(mut cursor: Query<&mut CursorOptions, With<PrimaryWindow>>) {
    for mut cursor in &mut cursor {
        cursor.grab_mode = CursorGrabMode::Locked;
        cursor.visible = false;
    }
}

fn release_cursor(mut cursor: Query<&mut CursorOptions, With<PrimaryWindow>>) {
    for mut cursor in &mut cursor {
        cursor.grab_mode = CursorGrabMode::None;
        cursor.visible = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wobble_starts_and_ends_level() {
        assert_eq!(wobble_roll_rad(0.0), 0.0);
        assert!(wobble_roll_rad(WOBBLE_S).abs() < 1e-6);
        assert_eq!(wobble_roll_rad(WOBBLE_S + 1.0), 0.0);
    }

    #[test]
    fn the_wobble_is_smooth_from_frame_to_frame() {
        let frame_s = 1.0 / 60.0;
        let mut largest_rad: f32 = 0.0;
        let mut largest_step_rad: f32 = 0.0;
        for i in 0..=((WOBBLE_S / frame_s) as usize + 2) {
            let now = wobble_roll_rad(i as f32 * frame_s);
            let next = wobble_roll_rad((i + 1) as f32 * frame_s);
            largest_rad = largest_rad.max(now.abs());
            largest_step_rad = largest_step_rad.max((next - now).abs());
        }
        assert!(
            largest_rad > 0.05,
            "the view visibly rolls: {largest_rad} rad"
        );
        assert!(
            largest_step_rad < 0.01,
            "no jumps: {largest_step_rad} rad per frame"
        );
    }
}
