//! Everything about one moment of the drummer's hearing, and the path from normal to profound loss.

use crate::audiogram::{Audiogram, AudiogramPreset};

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

    pub const fn silent() -> Self {
        Self {
            frequency_hz: 4000.0,
            level_db_sl: Self::SILENT_DB_SL,
            rise_s: 1.5,
            fall_s: 4.0,
        }
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
}

/// One moment of the drummer's hearing. `Copy` so it can cross to the audio thread without allocating.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HearingProfile {
    pub audiogram: Audiogram,
    pub tinnitus: Tinnitus,
    pub masking_noise: MaskingNoise,
    /// The internal, cavernous colour of a blocked ear: low-frequency boost below ~500 Hz (dB).
    pub occlusion_db: f32,
    /// Broadened auditory filters at severe stages, heard as muffling that takes the edges off
    /// speech (0 = none, 1 = the most).
    pub smearing: f32,
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
        let (audiogram, occlusion_db, smearing) = match self {
            Self::Normal => (audiogram(AudiogramPreset::Normal), 0.0, 0.0),
            Self::Notch => (audiogram(AudiogramPreset::NoiseNotch), 0.0, 0.0),
            Self::Mild => (audiogram(AudiogramPreset::N2), 2.0, 0.0),
            Self::Moderate => (audiogram(AudiogramPreset::N3), 8.0, 0.3),
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
                0.7,
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
                1.0,
            ),
        };
        HearingProfile {
            audiogram,
            occlusion_db,
            smearing,
            ..HearingProfile::normal()
        }
    }
}

impl HearingProfile {
    pub fn normal() -> Self {
        Self {
            audiogram: Audiogram::normal(),
            tinnitus: Tinnitus::silent(),
            masking_noise: MaskingNoise::silent(),
            occlusion_db: 0.0,
            smearing: 0.0,
            residual_vibration_hz: 120.0,
        }
    }

    /// Only the audiogram, nothing else: what an audiometer would measure.
    pub fn from_audiogram(audiogram: Audiogram) -> Self {
        Self {
            audiogram,
            ..Self::normal()
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

    /// Blends every continuous parameter (`amount` 0 = self, 1 = other).
    pub fn lerp(&self, other: &Self, amount: f32) -> Self {
        let mix = |a: f32, b: f32| a + (b - a) * amount;
        Self {
            audiogram: self.audiogram.lerp(&other.audiogram, amount),
            tinnitus: Tinnitus {
                frequency_hz: mix(self.tinnitus.frequency_hz, other.tinnitus.frequency_hz),
                level_db_sl: mix(self.tinnitus.level_db_sl, other.tinnitus.level_db_sl),
                rise_s: mix(self.tinnitus.rise_s, other.tinnitus.rise_s),
                fall_s: mix(self.tinnitus.fall_s, other.tinnitus.fall_s),
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
            smearing: mix(self.smearing, other.smearing),
            residual_vibration_hz: mix(self.residual_vibration_hz, other.residual_vibration_hz),
        }
    }

    pub fn with_tinnitus(mut self, tinnitus: Tinnitus) -> Self {
        self.tinnitus = tinnitus;
        self
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
        assert!(profound.audiogram.threshold_db_hl(4000.0) >= 100.0);
        assert!(profound.audiogram.threshold_db_hl(125.0) <= 45.0);
    }

    #[test]
    fn passes_through_every_stage() {
        for stage in HearingStage::ALL {
            let profile = HearingProfile::at(stage.progression());
            assert_eq!(
                profile.audiogram.threshold_db_hl(1000.0),
                stage.keyframe().audiogram.threshold_db_hl(1000.0)
            );
            assert_eq!(HearingStage::at(stage.progression()), stage);
        }
        assert_eq!(
            HearingProfile::at(HearingStage::Mild.progression())
                .audiogram
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
                    profile.audiogram.threshold_db_hl(frequency_hz)
                        >= previous.audiogram.threshold_db_hl(frequency_hz) - 1e-3
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
                profile.audiogram.threshold_db_hl(frequency_hz)
                    <= profile.audiogram.threshold_db_hl(4000.0)
            );
        }
    }

    #[test]
    fn nonsense_progression_is_normal_hearing() {
        assert_eq!(HearingProfile::at(f32::NAN), HearingProfile::normal());
        assert_eq!(HearingProfile::at(-3.0), HearingProfile::normal());
    }
}
