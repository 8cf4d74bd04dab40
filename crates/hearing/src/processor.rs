//! The whole simulated ear as one allocation-free processor: per ear, spectral smearing, then the
//! loss (or, with an implant, its vocoder), tinnitus and masking noise; the safety limiter last. The
//! kira effect and the WAV command both drive this.
//!
//! The chain's latency is the same in every setting (smearing on or off, an implant, bypass), so a
//! hard cut or a glide between any two never shifts the sound in time.

use kira::Frame;

use crate::audiogram::AUDIOMETRIC_FREQUENCIES_HZ;
use crate::calibration::{Calibration, db_to_amplitude};
use crate::dsp::DENORMAL_GUARD;
use crate::dsp::fastmath::{self, Fused, MulAdd, Separate};
use crate::dsp::implant::{IMPLANT_LATENCY_FRAMES, Implant, ImplantSettings};
use crate::dsp::limiter::{self, TruePeakLimiter};
use crate::dsp::loss::{BANDS, CONTROL_FRAMES, LossEqualizer, LossTargets};
use crate::dsp::smearing::{Broadening, SMEARING_LATENCY_FRAMES, Smearer, SmearingMatrix};
use crate::dsp::svf::{self, AffineCoefficients, Coefficients, Shape};
use crate::dsp::voices::{MaskingNoiseVoice, TinnitusVoice};
use crate::profile::{Ear, Ears, HearingProfile, MaskingNoise, Tinnitus};

/// The device rates the effect is made for (Hz).
pub const SAMPLE_RATES_HZ: std::ops::RangeInclusive<u32> = 8_000..=192_000;

/// Latency of the whole effect (frames): the smearing's frames and the limiter's lookahead, the same
/// in every setting.
pub const LATENCY_FRAMES: usize = SMEARING_LATENCY_FRAMES + limiter::LATENCY_FRAMES;

/// Frames taken through the per-ear stages at a time.
const CHUNK: usize = 128;

/// The share of the way the vibration envelope moves each control period: 5 % every 32 frames, as
/// it was tuned, whatever the control period.
const VIBRATION_SMOOTHING: f32 = {
    let mut kept = 1.0f32;
    let mut frames = 0;
    while frames < CONTROL_FRAMES {
        kept *= 0.95;
        frames += 32;
    }
    1.0 - kept
};

// The implant runs on the dry signal delayed like the smeared one; it must add nothing itself.
const _: () = assert!(IMPLANT_LATENCY_FRAMES == 0);

/// The default ceiling of the safety limiter (dBFS, true peak).
pub const DEFAULT_CEILING_DBFS: f32 = -1.0;

/// Time constant with which a new profile's thresholds and occlusion are reached (s).
pub const PROFILE_GLIDE_S: f32 = 0.05;

/// How much of the low end occlusion lifts, per audiometric band (1 = the full boost).
const OCCLUSION_WEIGHTS: [f32; BANDS] =
    [1.0, 0.9, 0.6, 0.35, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];

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

/// One block on its way through the chain.
struct Block {
    /// Each ear's signal: smeared (or vocoded), then heard.
    ears: [[f32; CHUNK]; 2],
    /// The input's mid signal, for what the body feels.
    mid: [f32; CHUNK],
    /// The input delayed as the smearing delays it.
    dry: [[f32; 2]; CHUNK],
}

pub struct HearingProcessor {
    sample_rate: f32,
    settings: ProcessorSettings,
    target: HearingProfile,
    target_thresholds: [[f32; BANDS]; 2],
    thresholds: [[f32; BANDS]; 2],
    occlusion_db: f32,
    glide: f32,
    smearers: [Smearer; 2],
    /// Each ear's broadening in use (its matrix is in its smearer).
    broadening: Ears<Option<Broadening>>,
    /// The input delayed as the smearing delays it: for bypass and the implant.
    dry: [[f32; 2]; SMEARING_LATENCY_FRAMES],
    dry_head: usize,
    implant: Option<ImplantSettings>,
    implants: [Implant; 2],
    loss: LossEqualizer,
    tinnitus: [TinnitusVoice; 2],
    masking: MaskingNoiseVoice,
    limiter: TruePeakLimiter,
    /// The low-pass through which the body feels the sound.
    vibration: AffineCoefficients,
    vibration_state: (f32, f32),
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
            glide: 1.0 - (-(CONTROL_FRAMES as f32) / (PROFILE_GLIDE_S * sample_rate)).exp(),
            smearers: [Smearer::new(), Smearer::new()],
            broadening: Ears::both(None),
            dry: [[0.0; 2]; SMEARING_LATENCY_FRAMES],
            dry_head: 0,
            implant: None,
            implants: [
                Implant::new(sample_rate as u32, &ImplantSettings::default()),
                Implant::new(sample_rate as u32, &ImplantSettings::default()),
            ],
            loss: LossEqualizer::new(sample_rate),
            tinnitus: [TinnitusVoice::new(), TinnitusVoice::new()],
            masking: MaskingNoiseVoice::new(),
            limiter: TruePeakLimiter::new(sample_rate, settings.ceiling_dbfs),
            vibration: AffineCoefficients::from(Coefficients::IDENTITY),
            vibration_state: (0.0, 0.0),
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
        if let Some(settings) = profile.implant
            && self.implant != Some(settings)
        {
            for implant in &mut self.implants {
                implant.set_settings(&settings);
            }
        }
        self.implant = profile.implant;
    }

    /// Each ear's broadening in use now.
    pub fn broadening(&self) -> Ears<Option<Broadening>> {
        self.broadening
    }

    /// Smears `ear` with `matrix` from now on (`None`: off), cross-fading; the matrix must be built
    /// for this processor's sample rate. Returns the matrix let go, to be dropped by the caller off
    /// the audio thread: this neither allocates nor frees.
    pub fn set_smearing_matrix(
        &mut self,
        ear: Ear,
        matrix: Option<Box<SmearingMatrix>>,
    ) -> Option<Box<SmearingMatrix>> {
        self.broadening
            .set(ear, matrix.as_ref().map(|matrix| matrix.broadening()));
        let index = match ear {
            Ear::Left => 0,
            Ear::Right => 1,
        };
        self.smearers[index].set_matrix(matrix)
    }

    /// Builds and sets the smearing the current profile asks for, where it differs from what is in
    /// use. Allocates: for offline use and set-up, never on the audio thread (the effect builds its
    /// matrices on the game thread, see [`crate::HearingHandle`]).
    pub fn build_smearing(&mut self) {
        let wanted = self.target.broadening();
        for ear in Ear::BOTH {
            if wanted.get(ear) != self.broadening.get(ear) {
                let matrix = wanted.get(ear).map(|broadening| {
                    Box::new(SmearingMatrix::new(self.sample_rate(), broadening))
                });
                drop(self.set_smearing_matrix(ear, matrix));
            }
        }
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

    /// The gain each ear is giving each audiometric band now (dB): none in bypass.
    pub fn band_gains_db(&self) -> Ears<[f32; BANDS]> {
        if self.bypass {
            return Ears::both([0.0; BANDS]);
        }
        let [left, right] = self.loss.band_gains_db();
        Ears { left, right }
    }

    /// Processes frames in place.
    pub fn process(&mut self, frames: &mut [Frame]) {
        for chunk in frames.chunks_mut(CHUNK) {
            let mut block = Block {
                ears: [[0.0; CHUNK]; 2],
                mid: [0.0; CHUNK],
                dry: [[0.0; 2]; CHUNK],
            };
            self.prepare(chunk, &mut block);
            #[cfg(target_arch = "x86_64")]
            if self.fused {
                // SAFETY: `fused` is set only when the CPU reported AVX2 and FMA (see `new`).
                unsafe { self.finish_fused(chunk, &mut block) };
                continue;
            }
            self.finish::<Separate>(chunk, &mut block);
        }
    }

    /// The per-ear block stages: the input made safe, smeared (or, with an implant, vocoded) and
    /// delayed; the dry signal delayed alike.
    fn prepare(&mut self, chunk: &[Frame], block: &mut Block) {
        let n = chunk.len();
        for (i, frame) in chunk.iter().enumerate() {
            let input = [frame.left, frame.right].map(|x| if x.is_finite() { x } else { 0.0 });
            block.mid[i] = 0.5 * (input[0] + input[1]) + DENORMAL_GUARD;
            block.ears[0][i] = input[0];
            block.ears[1][i] = input[1];
            block.dry[i] = self.dry[self.dry_head];
            self.dry[self.dry_head] = input;
            self.dry_head = (self.dry_head + 1) % SMEARING_LATENCY_FRAMES;
        }
        for (smearer, samples) in self.smearers.iter_mut().zip(block.ears.iter_mut()) {
            smearer.process(&mut samples[..n]);
        }
        if self.implant.is_some() {
            for (ear, (implant, samples)) in self
                .implants
                .iter_mut()
                .zip(block.ears.iter_mut())
                .enumerate()
            {
                for (sample, delayed) in samples[..n].iter_mut().zip(block.dry.iter()) {
                    *sample = delayed[ear];
                }
                implant.process(&mut samples[..n]);
            }
        }
    }

    /// The same code compiled for CPUs with fused multiply-add and 256-bit vectors.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn finish_fused(&mut self, chunk: &mut [Frame], block: &mut Block) {
        self.finish::<Fused>(chunk, block);
    }

    /// The stages that run between control updates: the loss (unless an implant replaces the
    /// ear), the ear's own sounds and what the body feels, run by run; then bypass and the limiter
    /// over the block.
    #[inline(always)]
    fn finish<M: MulAdd>(&mut self, chunk: &mut [Frame], block: &mut Block) {
        let n = chunk.len();
        let [left, right] = &mut block.ears;
        let mut start = 0;
        while start < n {
            if self.frames_to_control == 0 {
                self.control();
                self.frames_to_control = CONTROL_FRAMES;
            }
            let end = n.min(start + self.frames_to_control);
            self.frames_to_control -= end - start;
            let (left, right) = (&mut left[start..end], &mut right[start..end]);
            if self.implant.is_none() {
                self.loss.process::<M>(left, right);
            }
            self.own_sounds::<M>(&block.mid[start..end], left, right);
            start = end;
        }
        for (i, frame) in chunk.iter_mut().enumerate() {
            let [left, right] = if self.bypass {
                block.dry[i]
            } else {
                [left[i], right[i]]
            };
            *frame = Frame::new(left, right);
        }
        self.limiter.process_frames::<M>(chunk);
    }

    /// Adds the tinnitus and the masking noise to a run, and measures what the body feels of the
    /// input. One loop for all three: each is a short chain of dependent operations, and side by
    /// side they overlap.
    #[inline(always)]
    fn own_sounds<M: MulAdd>(&mut self, mid: &[f32], left: &mut [f32], right: &mut [f32]) {
        let [left_ring, right_ring] = &mut self.tinnitus;
        let (left_ringing, right_ringing) = (!left_ring.is_silent(), !right_ring.is_silent());
        let masking = !self.masking.is_silent();
        let vibration = self.vibration;
        let (mut ic1, mut ic2) = self.vibration_state;
        let mut energy = self.vibration_energy;
        for ((l, r), v0) in left.iter_mut().zip(right.iter_mut()).zip(mid) {
            let felt = M::mul_add(
                vibration.alpha,
                *v0,
                vibration.b1 * ic1 + vibration.b2 * ic2,
            );
            energy = M::mul_add(felt, felt, energy);
            (ic1, ic2) = (
                M::mul_add(
                    vibration.in1,
                    *v0,
                    M::mul_add(
                        vibration.s11,
                        ic1,
                        M::mul_add(vibration.s12, ic2, DENORMAL_GUARD),
                    ),
                ),
                M::mul_add(
                    vibration.in2,
                    *v0,
                    M::mul_add(vibration.s21, ic1, vibration.s22 * ic2),
                ),
            );
            if left_ringing {
                *l += left_ring.next();
            }
            if right_ringing {
                *r += right_ring.next();
            }
            if masking {
                let [noise_l, noise_r] = self.masking.next();
                *l += noise_l;
                *r += noise_r;
            }
        }
        self.vibration_state = (ic1, ic2);
        self.vibration_energy = energy;
    }

    fn vibration_coefficients(&mut self, cutoff_hz: f32) {
        self.vibration = AffineCoefficients::from(Coefficients::new(
            Shape::LowPass,
            svf::prewarp(cutoff_hz, self.sample_rate),
            std::f32::consts::FRAC_1_SQRT_2,
            0.0,
        ));
    }

    #[inline(always)]
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
        let boost = OCCLUSION_WEIGHTS.map(|w| w * self.occlusion_db);
        self.loss.control(&LossTargets {
            thresholds_db_hl: &self.thresholds,
            boost_db: &boost,
            db_spl_at_full_scale: calibration.db_spl_at_full_scale,
            linked: self.settings.linked_ears,
        });

        self.tinnitus
            .iter_mut()
            .for_each(TinnitusVoice::renormalize);

        let mean_square = self.vibration_energy / CONTROL_FRAMES as f32;
        self.vibration_envelope = (self.vibration_envelope
            + VIBRATION_SMOOTHING * (mean_square - self.vibration_envelope))
            .max(1e-14);
        self.vibration_energy = 0.0;
        if !(self.vibration_state.0.is_finite() && self.vibration_state.1.is_finite()) {
            self.vibration_state = (0.0, 0.0);
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
