//! Vibration: what the drummer feels instead of hears. Every frame, in every place, the ears' residual-
//! vibration read-out (the level below their vibration cutoff of what reaches them) becomes [`Felt`]: how
//! strongly it is felt, the beats in it, and a pulse for the screen. Each beat is a [`Thump`], turned
//! into rumble on every connected gamepad, as strong as the player chose (an exhibition's operator
//! decides for its visitors). The pulse is drawn by the interface whatever the gamepad does: rumble is
//! never the only way a beat is told.

use std::time::Duration;

use bevy::{
    input::gamepad::{GamepadRumbleIntensity, GamepadRumbleRequest},
    prelude::*,
};

use crate::audio::AudioOutput;
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
/// How long each thump rumbles; a new beat is felt no sooner, so thumps never pile up on the motors.
pub const THUMP_S: f32 = 0.2;
/// A rise of this much strength over the lowest since the last beat is a new beat.
const BEAT_RISE: f32 = 0.05;
/// A beat that keeps rising this long (a passing truck's swell) is felt without waiting for its top.
const SWELL_S: f32 = 0.1;
/// Vibration that holds this share of the last thump's strength is steady (bass, an engine) and felt on,
/// a thump after each.
const STEADY_SHARE: f32 = 0.7;
/// How quickly the visible pulse fades once the vibration falls away.
const PULSE_FADE_S: f32 = 0.16;
/// The visible pulse of anything felt never shows weaker than this share, so a soft beat is still seen.
const PULSE_FLOOR: f32 = 0.35;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Thump>()
        .init_resource::<Felt>()
        .add_systems(
            Update,
            feel_what_plays
                .after(AppSystems::RecordInput)
                .before(AppSystems::Update)
                .in_set(PausableSystems),
        )
        .add_systems(
            Update,
            rumble.after(AppSystems::Update).in_set(PausableSystems),
        );
}

/// What the body feels now, read from the ears every frame.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct Felt {
    /// The ears' residual-vibration read-out this frame (dB SPL).
    pub vibration_db_spl: f32,
    /// How strongly it is felt, 0..=1: the strong motor's share at that level (see [`rumble_for`]).
    pub strength: f32,
    /// The pulse to show, 0..=1: up at once with what is felt, fading after it.
    pub pulse: f32,
    beats: FeltBeats,
}

impl Felt {
    /// A frame `dt_s` long in which the ears read `vibration_db_spl`: the thump felt, if a beat peaked.
    pub fn feel(&mut self, dt_s: f32, vibration_db_spl: f32) -> Option<Thump> {
        self.vibration_db_spl = vibration_db_spl;
        self.strength = rumble_for(vibration_db_spl).strong_motor;
        let shown = if self.strength > 0.0 {
            PULSE_FLOOR + (1.0 - PULSE_FLOOR) * self.strength
        } else {
            0.0
        };
        self.pulse = shown.max(self.pulse * (-dt_s / PULSE_FADE_S).exp());
        self.beats.feel(dt_s, vibration_db_spl).map(|db_spl| Thump {
            vibration_db_spl: db_spl,
            duration_s: THUMP_S,
        })
    }
}

/// Finds the beats in the vibration: each rise is felt at its top (or, for a long swell, on the way up),
/// steady vibration goes on being felt, and nothing is felt twice within a thump's length.
#[derive(Debug, Clone, PartialEq)]
pub struct FeltBeats {
    since_thump_s: f32,
    /// The lowest strength since the last beat.
    trough: f32,
    /// A beat on its way up: its highest level so far (dB SPL) and strength, and how long it has risen.
    rising: Option<(f32, f32, f32)>,
    /// The strength the last thump was felt at.
    last: f32,
}

impl Default for FeltBeats {
    fn default() -> Self {
        Self {
            since_thump_s: f32::INFINITY,
            trough: 0.0,
            rising: None,
            last: 0.0,
        }
    }
}

impl FeltBeats {
    /// A frame `dt_s` long at `vibration_db_spl`: the level a thump is felt at, if one is.
    pub fn feel(&mut self, dt_s: f32, vibration_db_spl: f32) -> Option<f32> {
        self.since_thump_s += dt_s;
        let strength = rumble_for(vibration_db_spl).strong_motor;
        let ready = self.since_thump_s >= THUMP_S - 1e-4;
        match self.rising {
            Some((peak_db_spl, peak, risen_s)) => {
                if strength >= peak {
                    let risen_s = risen_s + dt_s;
                    self.rising = Some((vibration_db_spl, strength, risen_s));
                    if risen_s >= SWELL_S && ready {
                        return Some(self.thump(vibration_db_spl, strength));
                    }
                } else if ready {
                    return Some(self.thump(peak_db_spl, peak));
                } else {
                    // The top came too soon after the last thump: it is felt in that one.
                    self.rising = None;
                    self.trough = strength;
                }
            }
            None => {
                self.trough = self.trough.min(strength);
                if strength > 0.0 && strength >= self.trough + BEAT_RISE {
                    self.rising = Some((vibration_db_spl, strength, 0.0));
                } else if strength > 0.0 && strength >= STEADY_SHARE * self.last && ready {
                    return Some(self.thump(vibration_db_spl, strength));
                }
            }
        }
        None
    }

    fn thump(&mut self, db_spl: f32, strength: f32) -> f32 {
        self.since_thump_s = 0.0;
        self.rising = None;
        self.trough = strength;
        self.last = strength;
        db_spl
    }
}

fn feel_what_plays(
    time: Res<Time>,
    output: Option<ResMut<AudioOutput>>,
    mut felt: ResMut<Felt>,
    mut thumps: MessageWriter<Thump>,
) {
    let vibration_db_spl = output.map_or(f32::NEG_INFINITY, |mut output| {
        output.hearing().readout().vibration_db_spl
    });
    if let Some(thump) = felt.feel(time.delta_secs(), vibration_db_spl) {
        thumps.write(thump);
    }
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

    const FRAME_S: f32 = 1.0 / 60.0;

    /// The thumps felt from `levels` (dB SPL, one a frame), with their frames.
    fn thumps(levels: impl IntoIterator<Item = f32>) -> Vec<(usize, f32)> {
        let mut felt = Felt::default();
        levels
            .into_iter()
            .enumerate()
            .filter_map(|(frame, db)| felt.feel(FRAME_S, db).map(|t| (frame, t.vibration_db_spl)))
            .collect()
    }

    /// A kick every `every_s` at `top_db_spl`, its level falling 60 dB a second after the hit, over a
    /// quiet floor.
    fn kicks(top_db_spl: f32, every_s: f32, secs: f32) -> Vec<f32> {
        (0..(secs / FRAME_S) as usize)
            .map(|frame| {
                let since_s = (frame as f32 * FRAME_S) % every_s;
                let attack = (since_s / 0.03).min(1.0);
                (top_db_spl - 60.0 * since_s + 20.0 * attack.log10().max(-3.0)).max(40.0)
            })
            .collect()
    }

    #[test]
    fn each_kick_is_felt_once_at_its_top_and_silence_not_at_all() {
        let levels = kicks(80.0, 0.5, 4.0);
        let top_db_spl = levels.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let felt = thumps(levels);
        assert_eq!(felt.len(), 8, "{felt:?}");
        for pair in felt.windows(2) {
            assert_eq!(pair[1].0 - pair[0].0, 30, "{felt:?}");
        }
        for (_, db_spl) in &felt {
            assert!((db_spl - top_db_spl).abs() < 0.01, "{felt:?}");
        }
        assert!(thumps([40.0; 240]).is_empty());
        assert!(thumps([f32::NEG_INFINITY; 240]).is_empty());
    }

    #[test]
    fn steady_vibration_is_felt_on_without_gaps_and_never_piles_up() {
        let felt = thumps([70.0; 120]);
        let gaps: Vec<usize> = felt.windows(2).map(|p| p[1].0 - p[0].0).collect();
        assert!(felt.len() >= 9, "{felt:?}");
        assert!(
            gaps.iter()
                .all(|gap| *gap == (THUMP_S / FRAME_S).round() as usize),
            "{gaps:?}"
        );
        let fast = thumps(kicks(80.0, 0.1, 2.0));
        for pair in fast.windows(2) {
            assert!((pair[1].0 - pair[0].0) as f32 * FRAME_S >= THUMP_S - 1e-3);
        }
    }

    #[test]
    fn a_louder_low_end_shows_a_stronger_pulse() {
        let pulse_at = |db_spl: f32| {
            let mut felt = Felt::default();
            felt.feel(FRAME_S, db_spl);
            felt.pulse
        };
        assert_eq!(pulse_at(45.0), 0.0);
        assert!(pulse_at(60.0) >= PULSE_FLOOR);
        assert!(pulse_at(75.0) > pulse_at(60.0));
        assert_eq!(pulse_at(FULL_AT_DB_SPL), 1.0);
    }

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
