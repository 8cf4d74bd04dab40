//! Everything about one moment of the drummer's hearing, and the path from normal to profound loss.

use crate::audiogram::{Audiogram, AudiogramPreset};
use crate::dsp::implant::ImplantSettings;
use crate::dsp::smearing::Broadening;

/// How much broader than normal each ear's auditory filters are (spectral smearing).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Smearing {
    /// Chosen from each ear's own loss as MSBG does: mild, moderate or severe by the mean threshold
    /// at 2, 4 and 8 kHz (none up to 15 dB HL).
    #[default]
    Auto,
    Off,
    /// The same broadening in both ears.
    Broadened(Broadening),
}

impl std::str::FromStr for Smearing {
    type Err = String;

    /// `auto`, `off` or `LOWER,UPPER` (broadening factors 1-8 below and above each filter's centre).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Self::Auto),
            "off" => Ok(Self::Off),
            pair => {
                let (lower, upper) = pair
                    .split_once(',')
                    .ok_or_else(|| format!("\"{text}\" is neither auto, off nor LOWER,UPPER"))?;
                let factor = |value: &str| {
                    value
                        .trim()
                        .parse::<f32>()
                        .map_err(|_| format!("\"{value}\" is not a number"))
                };
                Broadening::new(factor(lower)?, factor(upper)?)
                    .map(Self::Broadened)
                    .map_err(|error| error.to_string())
            }
        }
    }
}

/// One of the two ears.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ear {
    Left,
    Right,
}

impl Ear {
    pub const BOTH: [Self; 2] = [Self::Left, Self::Right];

    pub fn name(self) -> &'static str {
        match self {
            Self::Left => "left",
            Self::Right => "right",
        }
    }
}

/// Something each ear has its own of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Ears<T> {
    pub left: T,
    pub right: T,
}

impl<T: Copy> Ears<T> {
    /// The same in both ears.
    pub const fn both(value: T) -> Self {
        Self {
            left: value,
            right: value,
        }
    }

    pub fn get(&self, ear: Ear) -> T {
        match ear {
            Ear::Left => self.left,
            Ear::Right => self.right,
        }
    }

    pub fn set(&mut self, ear: Ear, value: T) {
        match ear {
            Ear::Left => self.left = value,
            Ear::Right => self.right = value,
        }
    }

    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Ears<U> {
        Ears {
            left: f(self.left),
            right: f(self.right),
        }
    }

    /// Left then right, the order of a stereo frame.
    pub fn to_array(self) -> [T; 2] {
        [self.left, self.right]
    }
}

/// Which ears ring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TinnitusEars {
    Left,
    Right,
    #[default]
    Both,
}

impl TinnitusEars {
    pub fn rings_in(self, ear: Ear) -> bool {
        matches!(
            (self, ear),
            (Self::Both, _) | (Self::Left, Ear::Left) | (Self::Right, Ear::Right)
        )
    }
}

impl std::str::FromStr for TinnitusEars {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "left" => Ok(Self::Left),
            "right" => Ok(Self::Right),
            "both" => Ok(Self::Both),
            other => Err(format!(
                "\"{other}\" is not an ear: use left, right or both"
            )),
        }
    }
}

/// A ringing in the ears: a narrow tone the ear makes itself.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tinnitus {
    pub frequency_hz: f32,
    /// How far above the simulated threshold at `frequency_hz` it rings (dB SL); the tone is heard at
    /// `threshold + level` dB SPL. Anything at or below [`Tinnitus::SILENT_DB_SL`] is silence.
    pub level_db_sl: f32,
    /// Time for the ringing to rise to a louder level (s).
    pub rise_s: f32,
    /// Time for the ringing to fade to a softer level (s).
    pub fall_s: f32,
}

impl Tinnitus {
    pub const SILENT_DB_SL: f32 = -120.0;
    /// The frequencies a ringing may have (Hz).
    pub const FREQUENCY_RANGE_HZ: (f32, f32) = (20.0, 20_000.0);
    /// The loudest ringing above threshold (dB SL).
    pub const MAX_DB_SL: f32 = 100.0;
    /// The shortest and longest rise or fall (s).
    pub const TIME_RANGE_S: (f32, f32) = (0.001, 60.0);

    pub const fn silent() -> Self {
        Self {
            frequency_hz: 4000.0,
            level_db_sl: Self::SILENT_DB_SL,
            rise_s: 1.5,
            fall_s: 4.0,
        }
    }

    pub fn is_silent(&self) -> bool {
        self.level_db_sl.is_nan() || self.level_db_sl <= Self::SILENT_DB_SL
    }

    fn lerp(&self, other: &Self, amount: f32) -> Self {
        let mix = |a: f32, b: f32| a + (b - a) * amount;
        Self {
            frequency_hz: mix(self.frequency_hz, other.frequency_hz),
            level_db_sl: mix(self.level_db_sl, other.level_db_sl),
            rise_s: mix(self.rise_s, other.rise_s),
            fall_s: mix(self.fall_s, other.fall_s),
        }
    }

    /// Every field finite and in range: nonsense becomes silence or the nearest sensible value.
    pub fn sanitized(self) -> Self {
        let silent = Self::silent();
        Self {
            frequency_hz: clamp_or(
                self.frequency_hz,
                Self::FREQUENCY_RANGE_HZ,
                silent.frequency_hz,
            ),
            level_db_sl: clamp_or(
                self.level_db_sl,
                (Self::SILENT_DB_SL, Self::MAX_DB_SL),
                Self::SILENT_DB_SL,
            ),
            rise_s: clamp_or(self.rise_s, Self::TIME_RANGE_S, silent.rise_s),
            fall_s: clamp_or(self.fall_s, Self::TIME_RANGE_S, silent.fall_s),
        }
    }
}

/// `value` clamped into `range`, or `fallback` when it is not a number.
fn clamp_or(value: f32, range: (f32, f32), fallback: f32) -> f32 {
    if value.is_nan() {
        fallback
    } else {
        value.clamp(range.0, range.1)
    }
}

/// The in-ear rush of white noise that buries everything at the onset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MaskingNoise {
    pub level_db_spl: f32,
    pub rise_s: f32,
    pub fall_s: f32,
}

impl MaskingNoise {
    pub const SILENT_DB_SPL: f32 = -120.0;

    pub const fn silent() -> Self {
        Self {
            level_db_spl: Self::SILENT_DB_SPL,
            rise_s: 0.8,
            fall_s: 3.0,
        }
    }

    /// The loudest rush (dB SPL).
    pub const MAX_DB_SPL: f32 = 130.0;

    /// Every field finite and in range: nonsense becomes silence or the nearest sensible value.
    pub fn sanitized(self) -> Self {
        let silent = Self::silent();
        Self {
            level_db_spl: clamp_or(
                self.level_db_spl,
                (Self::SILENT_DB_SPL, Self::MAX_DB_SPL),
                Self::SILENT_DB_SPL,
            ),
            rise_s: clamp_or(self.rise_s, Tinnitus::TIME_RANGE_S, silent.rise_s),
            fall_s: clamp_or(self.fall_s, Tinnitus::TIME_RANGE_S, silent.fall_s),
        }
    }
}

/// One moment of the drummer's hearing. `Copy` so it can cross to the audio thread without allocating.
///
/// Fields out of range are clamped where the processor takes the profile (see [`Self::sanitized`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HearingProfile {
    /// Each ear's thresholds; each ear is simulated on its own channel.
    pub audiograms: Ears<Audiogram>,
    /// Each ear's own ringing, relative to that ear's threshold.
    pub tinnitus: Ears<Tinnitus>,
    pub masking_noise: MaskingNoise,
    /// The internal, cavernous colour of a blocked ear: low-frequency boost below ~500 Hz (dB).
    pub occlusion_db: f32,
    /// Broadened auditory filters: spectral detail (formants, harmonics) blurs.
    pub smearing: Smearing,
    /// A cochlear implant in both ears: what is heard is its vocoder, not the ear.
    pub implant: Option<ImplantSettings>,
    /// Below this frequency the world is still felt as vibration; the effect reports the level there
    /// for haptics and visuals (Hz).
    pub residual_vibration_hz: f32,
}

/// The named stops on the way from normal hearing to profound loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HearingStage {
    Normal,
    Notch,
    Mild,
    Moderate,
    Severe,
    Profound,
}

impl HearingStage {
    pub const ALL: [Self; 6] = [
        Self::Normal,
        Self::Notch,
        Self::Mild,
        Self::Moderate,
        Self::Severe,
        Self::Profound,
    ];

    /// Where this stage sits on the progression scale.
    pub fn progression(self) -> f32 {
        match self {
            Self::Normal => 0.0,
            Self::Notch => 0.2,
            Self::Mild => 0.4,
            Self::Moderate => 0.6,
            Self::Severe => 0.8,
            Self::Profound => 1.0,
        }
    }

    /// The stage reached at `progression` (the last one at or below it).
    pub fn at(progression: f32) -> Self {
        Self::ALL
            .into_iter()
            .rev()
            .find(|stage| progression >= stage.progression() - 1e-6)
            .unwrap_or(Self::Normal)
    }

    fn keyframe(self) -> HearingProfile {
        let audiogram = |preset: AudiogramPreset| preset.audiogram();
        let custom = |points: &[(f32, f32)]| {
            Audiogram::from_points(points).expect("stage audiograms are valid")
        };
        let (audiogram, occlusion_db) = match self {
            Self::Normal => (audiogram(AudiogramPreset::Normal), 0.0),
            Self::Notch => (audiogram(AudiogramPreset::NoiseNotch), 0.0),
            Self::Mild => (audiogram(AudiogramPreset::N2), 2.0),
            Self::Moderate => (audiogram(AudiogramPreset::N3), 8.0),
            // Severe and profound keep the lowest octave longest: rumble and vibration survive.
            Self::Severe => (
                custom(&[
                    (125.0, 38.0),
                    (250.0, 45.0),
                    (500.0, 60.0),
                    (1000.0, 70.0),
                    (2000.0, 80.0),
                    (4000.0, 85.0),
                    (8000.0, 90.0),
                ]),
                10.0,
            ),
            Self::Profound => (
                custom(&[
                    (125.0, 40.0),
                    (250.0, 62.0),
                    (500.0, 85.0),
                    (750.0, 95.0),
                    (1000.0, 100.0),
                    (2000.0, 105.0),
                    (4000.0, 110.0),
                    (8000.0, 110.0),
                ]),
                10.0,
            ),
        };
        HearingProfile {
            audiograms: Ears::both(audiogram),
            occlusion_db,
            ..HearingProfile::normal()
        }
    }
}

impl HearingProfile {
    pub fn normal() -> Self {
        Self {
            audiograms: Ears::both(Audiogram::normal()),
            tinnitus: Ears::both(Tinnitus::silent()),
            masking_noise: MaskingNoise::silent(),
            occlusion_db: 0.0,
            smearing: Smearing::Auto,
            implant: None,
            residual_vibration_hz: Self::RESIDUAL_VIBRATION_HZ,
        }
    }

    /// Only the audiogram, the same in both ears, nothing else: what an audiometer would measure.
    pub fn from_audiogram(audiogram: Audiogram) -> Self {
        Self::from_audiograms(audiogram, audiogram)
    }

    /// Only the two ears' audiograms, nothing else (no smearing either).
    pub fn from_audiograms(left: Audiogram, right: Audiogram) -> Self {
        Self {
            audiograms: Ears { left, right },
            smearing: Smearing::Off,
            ..Self::normal()
        }
    }

    /// Each ear's broadening (`None`: its filters are normal). An implant replaces the ear, and what
    /// the smearing would make of the sound is never heard: none.
    pub fn broadening(&self) -> Ears<Option<Broadening>> {
        if self.implant.is_some() {
            return Ears::both(None);
        }
        match self.smearing {
            Smearing::Off => Ears::both(None),
            Smearing::Broadened(broadening) => Ears::both(Some(broadening)),
            Smearing::Auto => self.audiograms.map(|audiogram| {
                let mean = [2000.0, 4000.0, 8000.0]
                    .map(|f| audiogram.threshold_db_hl(f))
                    .iter()
                    .sum::<f32>()
                    / 3.0;
                Broadening::for_loss(mean)
            }),
        }
    }

    pub fn audiogram(&self, ear: Ear) -> &Audiogram {
        match ear {
            Ear::Left => &self.audiograms.left,
            Ear::Right => &self.audiograms.right,
        }
    }

    /// The profile at `progression` (0 = normal hearing, 1 = profound loss), interpolated between the
    /// stage keyframes. Tinnitus and masking noise are events, not stages: they stay silent here.
    pub fn at(progression: f32) -> Self {
        let progression = if progression.is_finite() {
            progression.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let lower = HearingStage::at(progression);
        let upper = HearingStage::ALL
            .into_iter()
            .find(|stage| stage.progression() > progression)
            .unwrap_or(HearingStage::Profound);
        if lower == upper {
            return lower.keyframe();
        }
        let amount =
            (progression - lower.progression()) / (upper.progression() - lower.progression());
        lower.keyframe().lerp(&upper.keyframe(), amount)
    }

    /// The profile at `progression` with one ear further along by `lead` (as a drummer's ear
    /// nearest the cymbals goes first). Everything but the audiograms follows the symmetric profile.
    pub fn at_with_lead(progression: f32, ear: Ear, lead: f32) -> Self {
        let lead = if lead.is_finite() { lead } else { 0.0 };
        let progression = if progression.is_finite() {
            progression
        } else {
            0.0
        };
        let mut profile = Self::at(progression);
        let leading = Self::at(progression + lead).audiograms.get(ear);
        profile.audiograms.set(ear, leading);
        profile
    }

    /// Blends every continuous parameter (`amount` 0 = self, 1 = other, clamped to that range).
    pub fn lerp(&self, other: &Self, amount: f32) -> Self {
        let amount = if amount.is_finite() {
            amount.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let mix = |a: f32, b: f32| a + (b - a) * amount;
        Self {
            audiograms: Ears {
                left: self.audiograms.left.lerp(&other.audiograms.left, amount),
                right: self.audiograms.right.lerp(&other.audiograms.right, amount),
            },
            tinnitus: Ears {
                left: self.tinnitus.left.lerp(&other.tinnitus.left, amount),
                right: self.tinnitus.right.lerp(&other.tinnitus.right, amount),
            },
            masking_noise: MaskingNoise {
                level_db_spl: mix(
                    self.masking_noise.level_db_spl,
                    other.masking_noise.level_db_spl,
                ),
                rise_s: mix(self.masking_noise.rise_s, other.masking_noise.rise_s),
                fall_s: mix(self.masking_noise.fall_s, other.masking_noise.fall_s),
            },
            occlusion_db: mix(self.occlusion_db, other.occlusion_db),
            // Settings that do not blend switch halfway.
            smearing: if amount < 0.5 {
                self.smearing
            } else {
                other.smearing
            },
            implant: if amount < 0.5 {
                self.implant
            } else {
                other.implant
            },
            residual_vibration_hz: mix(self.residual_vibration_hz, other.residual_vibration_hz),
        }
    }

    /// The same ringing in both ears.
    pub fn with_tinnitus(mut self, tinnitus: Tinnitus) -> Self {
        self.tinnitus = Ears::both(tinnitus);
        self
    }

    /// A ringing in `ears` only; the others are silent.
    pub fn with_tinnitus_in(mut self, ears: TinnitusEars, tinnitus: Tinnitus) -> Self {
        for ear in Ear::BOTH {
            let ringing = if ears.rings_in(ear) {
                tinnitus
            } else {
                Tinnitus::silent()
            };
            self.tinnitus.set(ear, ringing);
        }
        self
    }

    /// The deepest occlusion boost (dB).
    pub const MAX_OCCLUSION_DB: f32 = 30.0;
    /// Where the residual vibration is read unless a profile says otherwise (Hz).
    pub const RESIDUAL_VIBRATION_HZ: f32 = 120.0;
    /// Where the residual vibration may be read (Hz).
    pub const RESIDUAL_VIBRATION_RANGE_HZ: (f32, f32) = (20.0, 500.0);

    /// Every field finite and in range: what the processor runs on whatever it is given.
    pub fn sanitized(self) -> Self {
        Self {
            audiograms: self.audiograms,
            tinnitus: self.tinnitus.map(Tinnitus::sanitized),
            masking_noise: self.masking_noise.sanitized(),
            occlusion_db: clamp_or(self.occlusion_db, (0.0, Self::MAX_OCCLUSION_DB), 0.0),
            smearing: self.smearing,
            implant: self.implant,
            residual_vibration_hz: clamp_or(
                self.residual_vibration_hz,
                Self::RESIDUAL_VIBRATION_RANGE_HZ,
                Self::RESIDUAL_VIBRATION_HZ,
            ),
        }
    }

    pub fn with_masking_noise(mut self, masking_noise: MaskingNoise) -> Self {
        self.masking_noise = masking_noise;
        self
    }
}

impl Default for HearingProfile {
    fn default() -> Self {
        Self::normal()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audiogram::AUDIOMETRIC_FREQUENCIES_HZ;

    #[test]
    fn zero_is_normal_hearing_and_one_is_profound_loss() {
        assert_eq!(HearingProfile::at(0.0), HearingProfile::normal());
        let profound = HearingProfile::at(1.0);
        assert!(profound.audiograms.left.threshold_db_hl(4000.0) >= 100.0);
        assert!(profound.audiograms.left.threshold_db_hl(125.0) <= 45.0);
    }

    #[test]
    fn passes_through_every_stage() {
        for stage in HearingStage::ALL {
            let profile = HearingProfile::at(stage.progression());
            assert_eq!(
                profile.audiograms.left.threshold_db_hl(1000.0),
                stage.keyframe().audiograms.left.threshold_db_hl(1000.0)
            );
            assert_eq!(HearingStage::at(stage.progression()), stage);
        }
        assert_eq!(
            HearingProfile::at(HearingStage::Mild.progression())
                .audiograms
                .left
                .threshold_db_hl(4000.0),
            45.0
        );
    }

    #[test]
    fn loss_only_grows_with_progression_and_high_frequencies_go_first() {
        let mut previous = HearingProfile::at(0.0);
        for step in 1..=100 {
            let profile = HearingProfile::at(step as f32 / 100.0);
            for frequency_hz in [125.0, 500.0, 1000.0, 2000.0] {
                assert!(
                    profile.audiograms.left.threshold_db_hl(frequency_hz)
                        >= previous.audiograms.left.threshold_db_hl(frequency_hz) - 1e-3
                );
            }
            previous = profile;
        }
        for frequency_hz in AUDIOMETRIC_FREQUENCIES_HZ
            .into_iter()
            .filter(|f| *f <= 4000.0)
        {
            let profile = HearingProfile::at(0.5);
            assert!(
                profile.audiograms.left.threshold_db_hl(frequency_hz)
                    <= profile.audiograms.left.threshold_db_hl(4000.0)
            );
        }
    }

    #[test]
    fn one_ear_can_lead_the_other() {
        let profile = HearingProfile::at_with_lead(0.4, Ear::Left, 0.2);
        assert_eq!(
            profile.audiograms.left,
            HearingProfile::at(0.6).audiograms.left
        );
        assert_eq!(
            profile.audiograms.right,
            HearingProfile::at(0.4).audiograms.right
        );
        assert_eq!(profile.occlusion_db, HearingProfile::at(0.4).occlusion_db);
        assert_eq!(
            HearingProfile::at_with_lead(0.4, Ear::Right, f32::NAN),
            HearingProfile::at(0.4)
        );
    }

    #[test]
    fn tinnitus_ears_read_by_name() {
        assert_eq!("Left".parse(), Ok(TinnitusEars::Left));
        assert_eq!("both".parse(), Ok(TinnitusEars::Both));
        assert!(
            "middle"
                .parse::<TinnitusEars>()
                .unwrap_err()
                .contains("left, right or both")
        );
        assert!(
            TinnitusEars::Right.rings_in(Ear::Right) && !TinnitusEars::Right.rings_in(Ear::Left)
        );
    }

    #[test]
    fn blending_outside_zero_to_one_stays_between_the_ends() {
        let (a, b) = (HearingProfile::at(0.2), HearingProfile::at(0.8));
        assert_eq!(a.lerp(&b, 7.0), a.lerp(&b, 1.0));
        assert_eq!(a.lerp(&b, f32::NAN), a);
    }

    #[test]
    fn nonsense_progression_is_normal_hearing() {
        assert_eq!(HearingProfile::at(f32::NAN), HearingProfile::normal());
        assert_eq!(HearingProfile::at(-3.0), HearingProfile::normal());
    }
}
