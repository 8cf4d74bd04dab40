//! The whole simulated ear as one allocation-free processor: loss, muffling, tinnitus, masking noise
//! and the safety limiter. The kira effect and the WAV command both drive this.

use kira::Frame;

use crate::audiogram::AUDIOMETRIC_FREQUENCIES_HZ;
use crate::calibration::{Calibration, db_to_amplitude};
use crate::dsp::DENORMAL_GUARD;
use crate::dsp::fastmath::{self, Fused, MulAdd, Separate};
use crate::dsp::limiter::{self, TruePeakLimiter};
use crate::dsp::loss::{BANDS, CONTROL_FRAMES, LossEqualizer, LossTargets};
use crate::dsp::svf::{self, Coefficients, Shape};
use crate::dsp::voices::{MaskingNoiseVoice, TinnitusVoice};
use crate::profile::{Ear, Ears, HearingProfile, MaskingNoise, Tinnitus};

/// The device rates the effect is made for (Hz).
pub const SAMPLE_RATES_HZ: std::ops::RangeInclusive<u32> = 8_000..=192_000;

/// Latency of the whole effect (frames): only the limiter's lookahead delays sound.
pub const LATENCY_FRAMES: usize = limiter::LATENCY_FRAMES;

/// The default ceiling of the safety limiter (dBFS, true peak).
pub const DEFAULT_CEILING_DBFS: f32 = -1.0;

/// Time constant with which a new profile's thresholds, occlusion and smearing are reached (s).
pub const PROFILE_GLIDE_S: f32 = 0.05;

/// How much of the low end occlusion lifts, per audiometric band (1 = the full boost).
const OCCLUSION_WEIGHTS: [f32; BANDS] =
    [1.0, 0.9, 0.6, 0.35, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];

/// Smearing's muffling runs from this cutoff (barely there) ...
const MUFFLE_OPEN_HZ: f32 = 12_000.0;
/// ... down to this one at full smearing.
const MUFFLE_CLOSED_HZ: f32 = 900.0;

/// Which build of the hot loop runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Arithmetic {
    /// Fused multiply-add and 256-bit vectors where the CPU has them (x86-64 with AVX2 and FMA),
    /// the portable build elsewhere.
    #[default]
    Fastest,
    /// Separate multiplies and adds on any CPU: for comparing the two builds.
    Portable,
}

/// Settings of the processor that are not part of a hearing profile.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProcessorSettings {
    pub calibration: Calibration,
    pub ceiling_dbfs: f32,
    pub arithmetic: Arithmetic,
    /// Both ears' detectors are averaged, as linked hearing aids do, so a loud sound on one side
    /// turns both down alike. Off: each ear listens only to its own channel.
    pub linked_ears: bool,
}

impl ProcessorSettings {
    /// Every field finite and in range: what the processor runs on whatever it is given.
    pub fn sanitized(self) -> Self {
        let (lowest, highest) = Calibration::RANGE_DB_SPL;
        let db_spl_at_full_scale = if self.calibration.db_spl_at_full_scale.is_nan() {
            Calibration::DEFAULT_DB_SPL_AT_FULL_SCALE
        } else {
            self.calibration.db_spl_at_full_scale.clamp(lowest, highest)
        };
        Self {
            calibration: Calibration {
                db_spl_at_full_scale,
            },
            ceiling_dbfs: sanitized_ceiling_dbfs(self.ceiling_dbfs),
            ..self
        }
    }
}

/// The ceiling as the limiter takes it: at most full scale, at least [`MIN_CEILING_DBFS`].
fn sanitized_ceiling_dbfs(ceiling_dbfs: f32) -> f32 {
    if ceiling_dbfs.is_nan() {
        DEFAULT_CEILING_DBFS
    } else {
        ceiling_dbfs.clamp(MIN_CEILING_DBFS, 0.0)
    }
}

/// The lowest ceiling the limiter accepts (dBFS).
pub const MIN_CEILING_DBFS: f32 = -60.0;

impl Default for ProcessorSettings {
    fn default() -> Self {
        Self {
            calibration: Calibration::default(),
            ceiling_dbfs: DEFAULT_CEILING_DBFS,
            arithmetic: Arithmetic::default(),
            linked_ears: false,
        }
    }
}

/// Live read-outs from the ear, for the game and for tests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EarReadout {
    /// Level below the residual-vibration cutoff of what reaches the ear, before any loss (dB SPL):
    /// what the body still feels.
    pub vibration_db_spl: f32,
    /// How much the safety limiter is pulling down right now (dB).
    pub limiter_reduction_db: f32,
}

pub struct HearingProcessor {
    sample_rate: f32,
    settings: ProcessorSettings,
    target: HearingProfile,
    target_thresholds: [[f32; BANDS]; 2],
    thresholds: [[f32; BANDS]; 2],
    occlusion_db: f32,
    smearing: f32,
    glide: f32,
    loss: LossEqualizer,
    muffle: Coefficients,
    muffle_states: [svf::State; 2],
    muffle_mix: f32,
    /// The smearing the muffling filter was last tuned for.
    muffle_smearing: f32,
    muffle_mix_step: f32,
    tinnitus: [TinnitusVoice; 2],
    masking: MaskingNoiseVoice,
    limiter: TruePeakLimiter,
    vibration: Coefficients,
    vibration_state: svf::State,
    vibration_energy: f32,
    vibration_envelope: f32,
    bypass: bool,
    frames_to_control: usize,
    /// Whether this CPU runs the fused multiply-add build of the hot loop.
    fused: bool,
}

impl HearingProcessor {
    /// An ear for a device running at `sample_rate` (made for 8 to 192 kHz; anything else is
    /// brought into that range).
    pub fn new(sample_rate: u32, settings: ProcessorSettings) -> Self {
        let settings = settings.sanitized();
        let sample_rate =
            sample_rate.clamp(*SAMPLE_RATES_HZ.start(), *SAMPLE_RATES_HZ.end()) as f32;
        let mut processor = Self {
            sample_rate,
            settings,
            target: HearingProfile::normal(),
            target_thresholds: [[0.0; BANDS]; 2],
            thresholds: [[0.0; BANDS]; 2],
            occlusion_db: 0.0,
            smearing: 0.0,
            glide: 1.0 - (-(CONTROL_FRAMES as f32) / (PROFILE_GLIDE_S * sample_rate)).exp(),
            loss: LossEqualizer::new(sample_rate),
            muffle: Coefficients::IDENTITY,
            muffle_states: [svf::State::default(); 2],
            muffle_mix: 0.0,
            muffle_smearing: -1.0,
            muffle_mix_step: 0.0,
            tinnitus: [TinnitusVoice::new(), TinnitusVoice::new()],
            masking: MaskingNoiseVoice::new(),
            limiter: TruePeakLimiter::new(sample_rate, settings.ceiling_dbfs),
            vibration: Coefficients::IDENTITY,
            vibration_state: svf::State::default(),
            vibration_energy: 0.0,
            vibration_envelope: 1e-14,
            bypass: false,
            frames_to_control: 0,
            fused: settings.arithmetic == Arithmetic::Fastest && cpu_has_fused_multiply_add(),
        };
        processor.set_profile(HearingProfile::normal());
        processor
    }

    pub fn sample_rate(&self) -> u32 {
        self.sample_rate as u32
    }

    /// Glides towards a new profile (no clicks). Fields out of range are clamped (see
    /// [`HearingProfile::sanitized`]).
    pub fn set_profile(&mut self, profile: HearingProfile) {
        let profile = profile.sanitized();
        self.target = profile;
        self.target_thresholds = profile
            .audiograms
            .map(|audiogram| AUDIOMETRIC_FREQUENCIES_HZ.map(|f| audiogram.threshold_db_hl(f)))
            .to_array();
        let cutoff = profile.residual_vibration_hz;
        self.vibration_coefficients(cutoff);
        self.set_voices();
    }

    /// The ear's own sounds depend only on the profile: set them when it changes.
    fn set_voices(&mut self) {
        let calibration = self.settings.calibration;
        for (voice, ear) in self.tinnitus.iter_mut().zip(Ear::BOTH) {
            let ringing @ Tinnitus {
                frequency_hz,
                level_db_sl,
                rise_s,
                fall_s,
            } = self.target.tinnitus.get(ear);
            let amplitude = if ringing.is_silent() {
                0.0
            } else {
                let threshold = self.target.audiogram(ear).threshold_db_hl(frequency_hz);
                calibration.sine_amplitude(threshold + level_db_sl)
            };
            voice.set(frequency_hz, amplitude, rise_s, fall_s, self.sample_rate);
        }

        let MaskingNoise {
            level_db_spl,
            rise_s,
            fall_s,
        } = self.target.masking_noise;
        let noise_level = if level_db_spl <= MaskingNoise::SILENT_DB_SPL {
            0.0
        } else {
            db_to_amplitude(calibration.dbfs(level_db_spl))
        };
        self.masking
            .set(noise_level, rise_s, fall_s, self.sample_rate);
    }

    /// Jumps to a profile at once: for a hard cut, or to start rendering in a known state.
    pub fn jump_to_profile(&mut self, profile: HearingProfile) {
        self.set_profile(profile);
        self.thresholds = self.target_thresholds;
        self.occlusion_db = self.target.occlusion_db;
        self.smearing = self.target.smearing;
        self.tinnitus.iter_mut().for_each(TinnitusVoice::snap);
        self.masking.snap();
    }

    /// "The room as it is": the sound passes untouched but for the safety limiter. Takes effect on the
    /// next frame, with no crossfade.
    pub fn set_bypass(&mut self, bypass: bool) {
        self.bypass = bypass;
    }

    pub fn bypass(&self) -> bool {
        self.bypass
    }

    /// Sets the limiter's ceiling (dBFS, true peak; clamped to [`MIN_CEILING_DBFS`]..0).
    pub fn set_ceiling_dbfs(&mut self, ceiling_dbfs: f32) {
        let ceiling_dbfs = sanitized_ceiling_dbfs(ceiling_dbfs);
        self.settings.ceiling_dbfs = ceiling_dbfs;
        self.limiter.set_ceiling_dbfs(ceiling_dbfs);
    }

    pub fn settings(&self) -> ProcessorSettings {
        self.settings
    }

    /// Live read-outs; the limiter's reduction is the deepest since the previous call.
    pub fn readout(&mut self) -> EarReadout {
        EarReadout {
            vibration_db_spl: self
                .settings
                .calibration
                .db_spl(fastmath::power_db(2.0 * self.vibration_envelope)),
            limiter_reduction_db: self.limiter.take_gain_reduction_db(),
        }
    }

    /// Band levels reaching each ear at the audiometric frequencies (dB SPL), before any loss.
    pub fn band_levels_db_spl(&self) -> Ears<[f32; BANDS]> {
        let [left, right] = self
            .loss
            .band_levels_db_spl(self.settings.calibration.db_spl_at_full_scale);
        Ears { left, right }
    }

    /// Processes frames in place.
    pub fn process(&mut self, frames: &mut [Frame]) {
        #[cfg(target_arch = "x86_64")]
        if self.fused {
            // SAFETY: `fused` is set only when the CPU reported AVX2 and FMA (see `new`).
            unsafe { self.process_fused(frames) };
            return;
        }
        self.process_frames::<Separate>(frames);
    }

    /// The same code compiled for CPUs with fused multiply-add and 256-bit vectors.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn process_fused(&mut self, frames: &mut [Frame]) {
        self.process_frames::<Fused>(frames);
    }

    #[inline(always)]
    fn process_frames<M: MulAdd>(&mut self, frames: &mut [Frame]) {
        for frame in frames {
            if self.frames_to_control == 0 {
                self.control();
                self.frames_to_control = CONTROL_FRAMES;
            }
            self.frames_to_control -= 1;
            let out = self.process_frame::<M>([frame.left, frame.right]);
            frame.left = out[0];
            frame.right = out[1];
        }
    }

    #[inline(always)]
    fn process_frame<M: MulAdd>(&mut self, input: [f32; 2]) -> [f32; 2] {
        let [left, right] = input.map(|x| if x.is_finite() { x } else { 0.0 });

        let mid = 0.5 * (left + right) + DENORMAL_GUARD;
        let low = self.vibration_state.tick(&self.vibration, mid);
        self.vibration_energy += low * low;

        let (mut l, mut r) = self.loss.process::<M>(left, right);
        if self.muffle_mix > 0.0 || self.muffle_mix_step > 0.0 {
            let muffled_l = self.muffle_states[0].tick(&self.muffle, l);
            let muffled_r = self.muffle_states[1].tick(&self.muffle, r);
            self.muffle_mix = (self.muffle_mix + self.muffle_mix_step).clamp(0.0, 1.0);
            l += self.muffle_mix * (muffled_l - l);
            r += self.muffle_mix * (muffled_r - r);
        }
        let [left_ring, right_ring] = &mut self.tinnitus;
        if !left_ring.is_silent() {
            l += left_ring.next();
        }
        if !right_ring.is_silent() {
            r += right_ring.next();
        }
        if !self.masking.is_silent() {
            let [noise_l, noise_r] = self.masking.next();
            l += noise_l;
            r += noise_r;
        }
        let heard = if self.bypass { [left, right] } else { [l, r] };
        self.limiter.process::<M>(heard)
    }

    fn vibration_coefficients(&mut self, cutoff_hz: f32) {
        self.vibration = Coefficients::new(
            Shape::LowPass,
            svf::prewarp(cutoff_hz, self.sample_rate),
            std::f32::consts::FRAC_1_SQRT_2,
            0.0,
        );
    }

    fn control(&mut self) {
        let calibration = self.settings.calibration;
        for (current, target) in self
            .thresholds
            .iter_mut()
            .flatten()
            .zip(self.target_thresholds.iter().flatten())
        {
            *current += self.glide * (target - *current);
        }
        self.occlusion_db += self.glide * (self.target.occlusion_db - self.occlusion_db);
        self.smearing += self.glide * (self.target.smearing - self.smearing);
        let boost = OCCLUSION_WEIGHTS.map(|w| w * self.occlusion_db);
        self.loss.control(&LossTargets {
            thresholds_db_hl: &self.thresholds,
            boost_db: &boost,
            db_spl_at_full_scale: calibration.db_spl_at_full_scale,
            linked: self.settings.linked_ears,
        });

        let smearing = self.smearing.clamp(0.0, 1.0);
        let target_mix = if smearing < 1e-4 {
            0.0
        } else {
            smearing.sqrt()
        };
        if target_mix > 0.0 && (smearing - self.muffle_smearing).abs() > 1e-4 {
            self.muffle_smearing = smearing;
            let cutoff = MUFFLE_OPEN_HZ * (MUFFLE_CLOSED_HZ / MUFFLE_OPEN_HZ).powf(smearing);
            self.muffle = Coefficients::new(
                Shape::LowPass,
                svf::prewarp(cutoff, self.sample_rate),
                0.6,
                0.0,
            );
        }
        self.muffle_mix_step = (target_mix - self.muffle_mix) / CONTROL_FRAMES as f32;
        if target_mix == 0.0 && self.muffle_mix == 0.0 {
            self.muffle_states = [svf::State::default(); 2];
        }

        self.tinnitus
            .iter_mut()
            .for_each(TinnitusVoice::renormalize);

        let mean_square = self.vibration_energy / CONTROL_FRAMES as f32;
        self.vibration_envelope =
            (self.vibration_envelope + 0.05 * (mean_square - self.vibration_envelope)).max(1e-14);
        self.vibration_energy = 0.0;
        if !self.vibration_state.is_finite() {
            self.vibration_state = svf::State::default();
        }
        for state in &mut self.muffle_states {
            if !state.is_finite() {
                *state = svf::State::default();
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn cpu_has_fused_multiply_add() -> bool {
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
}

#[cfg(not(target_arch = "x86_64"))]
fn cpu_has_fused_multiply_add() -> bool {
    false
}
