//! Vibration: what the drummer feels instead of hears, as gamepad rumble. Places send a [`Thump`] with
//! the low-frequency level of what plays; this module turns it into rumble on every connected gamepad,
//! as strong as the player chose (an exhibition's operator decides for its visitors).

use std::time::Duration;

use bevy::{
    input::gamepad::{GamepadRumbleIntensity, GamepadRumbleRequest},
    prelude::*,
};

use crate::journey::{AppSystems, PausableSystems};
use crate::settings::CurrentSettings;

/// Low-frequency level (below the ear's residual-vibration cutoff, dB SPL) at which the motors start.
/// Below it nothing is felt: a quiet room's hum.
pub const FELT_FROM_DB_SPL: f32 = 52.0;
/// Low-frequency level at which the strong motor is at full strength: a stamping floor, a kick drum.
pub const FULL_AT_DB_SPL: f32 = 86.0;
/// The weak (high) motor adds an edge to the strongest thumps only: this share of the strong motor,
/// squared in.
const WEAK_SHARE: f32 = 0.5;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Thump>().add_systems(
        Update,
        rumble.after(AppSystems::Update).in_set(PausableSystems),
    );
}

/// Something the drummer feels in the body now: a beat through the floor, a kick through the stage.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct Thump {
    /// The low-frequency level of what plays (the ear's vibration read-out, dB SPL).
    pub vibration_db_spl: f32,
    pub duration_s: f32,
}

/// The motors' strengths for a thump at `vibration_db_spl`: silent up to [`FELT_FROM_DB_SPL`], rising
/// linearly in dB to full strength at [`FULL_AT_DB_SPL`]; the weak motor joins in on the strongest.
pub fn rumble_for(vibration_db_spl: f32) -> GamepadRumbleIntensity {
    let strength = if vibration_db_spl.is_finite() {
        ((vibration_db_spl - FELT_FROM_DB_SPL) / (FULL_AT_DB_SPL - FELT_FROM_DB_SPL))
            .clamp(0.0, 1.0)
    } else {
        0.0
    };
    GamepadRumbleIntensity {
        strong_motor: strength,
        weak_motor: strength * strength * WEAK_SHARE,
    }
}

fn rumble(
    mut thumps: MessageReader<Thump>,
    settings: Res<CurrentSettings>,
    gamepads: Query<Entity, With<Gamepad>>,
    mut requests: MessageWriter<GamepadRumbleRequest>,
) {
    for thump in thumps.read() {
        if !settings.haptics.enabled {
            continue;
        }
        let felt = rumble_for(thump.vibration_db_spl);
        let intensity = GamepadRumbleIntensity {
            strong_motor: felt.strong_motor * settings.haptics.intensity,
            weak_motor: felt.weak_motor * settings.haptics.intensity,
        };
        if intensity.strong_motor <= 0.0 {
            continue;
        }
        for gamepad in &gamepads {
            requests.write(GamepadRumbleRequest::Add {
                duration: Duration::from_secs_f32(thump.duration_s.max(0.0)),
                intensity,
                gamepad,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quiet_room_is_not_felt() {
        assert_eq!(rumble_for(40.0).strong_motor, 0.0);
        assert_eq!(rumble_for(FELT_FROM_DB_SPL).strong_motor, 0.0);
        assert_eq!(rumble_for(f32::NEG_INFINITY).strong_motor, 0.0);
        assert_eq!(rumble_for(f32::NAN).strong_motor, 0.0);
    }

    #[test]
    fn louder_low_end_rumbles_harder_up_to_full_strength() {
        let mut previous = rumble_for(FELT_FROM_DB_SPL);
        for db_spl in (61..=100).map(|db| db as f32) {
            let now = rumble_for(db_spl);
            assert!(now.strong_motor >= previous.strong_motor);
            assert!(now.weak_motor >= previous.weak_motor);
            assert!(now.weak_motor <= now.strong_motor);
            previous = now;
        }
        assert_eq!(rumble_for(FULL_AT_DB_SPL).strong_motor, 1.0);
        assert_eq!(rumble_for(120.0).strong_motor, 1.0);
        let halfway = rumble_for((FELT_FROM_DB_SPL + FULL_AT_DB_SPL) / 2.0);
        assert!((halfway.strong_motor - 0.5).abs() < 1e-6);
    }
}
