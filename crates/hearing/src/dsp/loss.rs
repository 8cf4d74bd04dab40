//! Audiogram-shaped, level-dependent attenuation: the heart of the simulated ear.
//!
//! Each ear has its own: twelve band detectors at the audiometric frequencies, listening to that
//! ear's channel, measure how loud each band is; the recruitment rule turns each level into the
//! attenuation that band must get; a cascade of twelve state-variable sections (a low shelf, ten
//! bells, a high shelf) realises those attenuations with no latency. Because neighbouring sections overlap and their shapes change with gain, the section gains
//! are found by a fixed-point iteration, warm-started from the previous solution and preconditioned
//! by the inverse of the cascade's interaction matrix: one iteration per control period, so the
//! response at every audiometric frequency converges on the rule within a few tens of milliseconds
//! and then tracks it. The two ears solve on alternate halves of the solver period, so the cost per
//! block stays even.
//!
//! Two things keep the rule exact on any audiogram. The detectors smooth the squared band signal
//! symmetrically before the fast-attack follower sees it: the follower would otherwise ride the
//! ripple at twice the band's frequency and read low bands up to 2 dB loud, which the expansion
//! multiplies (up to 6 dB too little attenuation in a severe loss). And the section gains have room
//! for the deep, steep differences that sloping losses ask for; a narrower range stopped the solver
//! short of them.

use crate::audiogram::AUDIOMETRIC_FREQUENCIES_HZ;
use crate::recruitment::{self, MAX_ATTENUATION_DB};

use super::DENORMAL_GUARD;
use super::fastmath::{self, MulAdd};
use super::svf::{self, AffineCoefficients, Coefficients, Shape};

pub(crate) const BANDS: usize = AUDIOMETRIC_FREQUENCIES_HZ.len();

/// Frames between control updates: detector read-out and section coefficients.
pub(crate) const CONTROL_FRAMES: usize = 32;
/// Control periods between solver iterations (128 frames, 2.7 ms at 48 kHz).
const SOLVE_EVERY: u32 = 4;

const BELL_Q: f32 = 1.4;
const SHELF_Q: f32 = std::f32::consts::FRAC_1_SQRT_2;
const LOW_SHELF_HZ: f32 = 180.0;
const HIGH_SHELF_HZ: f32 = 7000.0;
const DETECTOR_Q: f32 = 1.4;
/// Gain at which the interaction matrix is measured; cuts dominate, so a cut.
const PROTOTYPE_GAIN_DB: f32 = -20.0;
const SECTION_GAIN_RANGE_DB: (f32, f32) = (-240.0, 120.0);
/// The detector's symmetric smoothing: each of its two one-pole stages has a time constant of
/// this many radians at the band's centre, so the ripple at twice the centre is 40 dB down.
const SMOOTHING_RADIANS: f32 = 1.3;
/// Bands whose centre lies above this fraction of the sample rate are left out at low rates: there
/// is nothing there to shape, and their sections would coincide at Nyquist.
const HIGHEST_BAND_FRACTION: f32 = 0.45;

const ATTACK_S: f32 = 0.005;
const RELEASE_S: f32 = 0.060;

fn section_shape(index: usize) -> (Shape, f32, f32) {
    match index {
        0 => (Shape::LowShelf, LOW_SHELF_HZ, SHELF_Q),
        i if i == BANDS - 1 => (Shape::HighShelf, HIGH_SHELF_HZ, SHELF_Q),
        i => (Shape::Bell, AUDIOMETRIC_FREQUENCIES_HZ[i], BELL_Q),
    }
}

/// Twelve band-passes (constant 0 dB peak) per ear in direct form I, each ear on its own channel,
/// stored lane by lane so one frame updates all of them in a few vector instructions. They never
/// modulate, so the cheapest structure is fine. Their squared outputs pass two symmetric one-pole
/// smoothers before they are summed for the control update.
struct DetectorBank {
    b0: [f32; BANDS],
    a1: [f32; BANDS],
    a2: [f32; BANDS],
    smoothing: [f32; BANDS],
    x1: [f32; 2],
    x2: [f32; 2],
    y1: [[f32; BANDS]; 2],
    y2: [[f32; BANDS]; 2],
    power1: [[f32; BANDS]; 2],
    power2: [[f32; BANDS]; 2],
    energy: [[f32; BANDS]; 2],
}

impl DetectorBank {
    fn new(sample_rate: f32) -> Self {
        let mut bank = Self {
            b0: [0.0; BANDS],
            a1: [0.0; BANDS],
            a2: [0.0; BANDS],
            smoothing: [1.0; BANDS],
            x1: [0.0; 2],
            x2: [0.0; 2],
            y1: [[0.0; BANDS]; 2],
            y2: [[0.0; BANDS]; 2],
            power1: [[0.0; BANDS]; 2],
            power2: [[0.0; BANDS]; 2],
            energy: [[0.0; BANDS]; 2],
        };
        for (k, centre_hz) in AUDIOMETRIC_FREQUENCIES_HZ.iter().enumerate() {
            let w0 = 2.0 * std::f32::consts::PI * (centre_hz / sample_rate).min(0.49);
            let alpha = w0.sin() / (2.0 * DETECTOR_Q);
            let a0 = 1.0 + alpha;
            bank.b0[k] = alpha / a0;
            bank.a1[k] = -2.0 * w0.cos() / a0;
            bank.a2[k] = (1.0 - alpha) / a0;
            bank.smoothing[k] = 1.0 - (-w0 / SMOOTHING_RADIANS).exp();
        }
        bank
    }

    // Lanes index several arrays at once; an index loop is the clearest way to say so.
    #[allow(clippy::needless_range_loop)]
    #[inline(always)]
    fn tick<M: MulAdd>(&mut self, input: [f32; 2]) {
        for ear in 0..2 {
            let x = input[ear];
            let difference = x - self.x2[ear];
            self.x2[ear] = self.x1[ear];
            self.x1[ear] = x;
            let (y1, y2) = (&mut self.y1[ear], &mut self.y2[ear]);
            let (power1, power2) = (&mut self.power1[ear], &mut self.power2[ear]);
            let energy = &mut self.energy[ear];
            for k in 0..BANDS {
                let feedback = M::mul_add(self.a1[k], y1[k], self.a2[k] * y2[k]);
                let y = M::mul_add(self.b0[k], difference, DENORMAL_GUARD - feedback);
                y2[k] = y1[k];
                y1[k] = y;
                power1[k] = M::mul_add(self.smoothing[k], M::mul_add(y, y, -power1[k]), power1[k]);
                power2[k] = M::mul_add(self.smoothing[k], power1[k] - power2[k], power2[k]);
                energy[k] += power2[k];
            }
        }
    }

    fn reset_if_broken(&mut self) {
        let finite = |lanes: &[[f32; BANDS]; 2]| lanes.iter().flatten().all(|x| x.is_finite());
        if !(finite(&self.y1) && finite(&self.y2) && finite(&self.power1) && finite(&self.power2)) {
            *self = Self {
                x1: [0.0; 2],
                x2: [0.0; 2],
                y1: [[0.0; BANDS]; 2],
                y2: [[0.0; BANDS]; 2],
                power1: [[0.0; BANDS]; 2],
                power2: [[0.0; BANDS]; 2],
                energy: [[0.0; BANDS]; 2],
                ..*self
            };
        }
    }
}

/// Both channels of every section, lane `2 * section + ear`, in the affine form.
const LANES: usize = 2 * BANDS;

struct Cascade {
    alpha: [f32; LANES],
    in1: [f32; LANES],
    in2: [f32; LANES],
    s11: [f32; LANES],
    s12: [f32; LANES],
    s21: [f32; LANES],
    s22: [f32; LANES],
    b1: [f32; LANES],
    b2: [f32; LANES],
    ic1: [f32; LANES],
    ic2: [f32; LANES],
    beta: [f32; LANES],
}

impl Cascade {
    fn new() -> Self {
        let mut cascade = Self {
            alpha: [1.0; LANES],
            in1: [0.0; LANES],
            in2: [0.0; LANES],
            s11: [0.0; LANES],
            s12: [0.0; LANES],
            s21: [0.0; LANES],
            s22: [0.0; LANES],
            b1: [0.0; LANES],
            b2: [0.0; LANES],
            ic1: [0.0; LANES],
            ic2: [0.0; LANES],
            beta: [0.0; LANES],
        };
        for section in 0..BANDS {
            for ear in 0..2 {
                cascade.set(section, ear, Coefficients::IDENTITY);
            }
        }
        cascade
    }

    fn set(&mut self, section: usize, ear: usize, coefficients: Coefficients) {
        let c = AffineCoefficients::from(coefficients);
        let lane = 2 * section + ear;
        self.alpha[lane] = c.alpha;
        self.in1[lane] = c.in1;
        self.in2[lane] = c.in2;
        self.s11[lane] = c.s11;
        self.s12[lane] = c.s12;
        self.s21[lane] = c.s21;
        self.s22[lane] = c.s22;
        self.b1[lane] = c.b1;
        self.b2[lane] = c.b2;
        self.beta[lane] = c.b1 * self.ic1[lane] + c.b2 * self.ic2[lane];
    }

    #[allow(clippy::needless_range_loop)]
    #[inline(always)]
    fn tick<M: MulAdd>(&mut self, left: f32, right: f32) -> (f32, f32) {
        let mut input = [0.0f32; LANES];
        let (mut l, mut r) = (left, right);
        for section in 0..BANDS {
            input[2 * section] = l;
            input[2 * section + 1] = r;
            l = M::mul_add(self.alpha[2 * section], l, self.beta[2 * section]);
            r = M::mul_add(self.alpha[2 * section + 1], r, self.beta[2 * section + 1]);
        }
        for lane in 0..LANES {
            let (s1, s2, v0) = (self.ic1[lane], self.ic2[lane], input[lane]);
            let next1 =
                self.in1[lane] * v0 + self.s11[lane] * s1 + self.s12[lane] * s2 + DENORMAL_GUARD;
            let next2 = self.in2[lane] * v0 + self.s21[lane] * s1 + self.s22[lane] * s2;
            self.ic1[lane] = next1;
            self.ic2[lane] = next2;
            self.beta[lane] = self.b1[lane] * next1 + self.b2[lane] * next2;
        }
        (l, r)
    }

    fn reset_if_broken(&mut self) {
        if !self.ic1.iter().chain(&self.ic2).all(|x| x.is_finite()) {
            self.ic1 = [0.0; LANES];
            self.ic2 = [0.0; LANES];
            self.beta = [0.0; LANES];
        }
    }
}

/// One ear's solution and where its sections are on the way to it.
#[derive(Clone, Copy)]
struct EarGains {
    /// Smoothed mean-square band levels (full-scale sine = 0.5).
    envelopes: [f32; BANDS],
    solved_gain_db: [f32; BANDS],
    solved_broadband_db: f32,
    applied_gain_db: [f32; BANDS],
    applied_broadband_db: f32,
    broadband_gain: f32,
    broadband_step: f32,
    /// Nothing to do: exactly transparent.
    transparent: bool,
}

impl EarGains {
    const TRANSPARENT: Self = Self {
        envelopes: [1e-12; BANDS],
        solved_gain_db: [0.0; BANDS],
        solved_broadband_db: 0.0,
        applied_gain_db: [0.0; BANDS],
        applied_broadband_db: 0.0,
        broadband_gain: 1.0,
        broadband_step: 0.0,
        transparent: true,
    };
}

/// What the loss asks of each ear at one control update.
pub(crate) struct LossTargets<'a> {
    pub(crate) thresholds_db_hl: &'a [[f32; BANDS]; 2],
    pub(crate) boost_db: &'a [f32; BANDS],
    pub(crate) db_spl_at_full_scale: f32,
    /// Both ears act on the mean of their band levels, as linked hearing aids do.
    pub(crate) linked: bool,
}

pub(crate) struct LossEqualizer {
    detectors: DetectorBank,
    detector_frames: usize,
    attack: f32,
    release: f32,
    /// Bands below [`HIGHEST_BAND_FRACTION`] of the sample rate: the ones solved.
    solved_bands: usize,
    /// Prewarped audiometric frequencies, where the response is solved.
    probe_w: [f32; BANDS],
    section_w: [f32; BANDS],
    /// Inverse of the interaction matrix: section gain change per dB of response change.
    preconditioner: [[f32; BANDS]; BANDS],
    ears: [EarGains; 2],
    cascade: Cascade,
    ticks: u32,
}

impl LossEqualizer {
    pub(crate) fn new(sample_rate: f32) -> Self {
        let solved_bands = AUDIOMETRIC_FREQUENCIES_HZ
            .iter()
            .enumerate()
            .take_while(|(j, f)| {
                let centre = f.max(section_shape(*j).1);
                centre < HIGHEST_BAND_FRACTION * sample_rate
            })
            .count();
        let probe_w = AUDIOMETRIC_FREQUENCIES_HZ.map(|f| svf::prewarp(f, sample_rate));
        let section_w: [f32; BANDS] =
            std::array::from_fn(|j| svf::prewarp(section_shape(j).1, sample_rate));
        let mut interaction = [[0.0f64; BANDS]; BANDS];
        for (j, w_section) in section_w.iter().enumerate().take(solved_bands) {
            let (shape, _, q) = section_shape(j);
            let c = Coefficients::new(shape, *w_section, q, PROTOTYPE_GAIN_DB);
            for (k, w_probe) in probe_w.iter().enumerate().take(solved_bands) {
                interaction[k][j] = f64::from(c.magnitude_db(*w_probe) / PROTOTYPE_GAIN_DB);
            }
        }
        // Bands left out keep a unit diagonal: their sections stay at 0 dB.
        for (k, row) in interaction.iter_mut().enumerate().skip(solved_bands) {
            row[k] = 1.0;
        }
        let mut preconditioner = invert(interaction);
        for row in preconditioner.iter_mut().skip(solved_bands) {
            *row = [0.0; BANDS];
        }
        let per_control =
            |time_s: f32| 1.0 - (-(CONTROL_FRAMES as f32) / (time_s * sample_rate)).exp();
        Self {
            detectors: DetectorBank::new(sample_rate),
            detector_frames: 0,
            attack: per_control(ATTACK_S),
            release: per_control(RELEASE_S),
            solved_bands,
            probe_w,
            section_w,
            preconditioner,
            ears: [EarGains::TRANSPARENT; 2],
            cascade: Cascade::new(),
            ticks: 0,
        }
    }

    /// Band levels as measured in each ear (dB SPL), for the game and for tests.
    pub(crate) fn band_levels_db_spl(&self, db_spl_at_full_scale: f32) -> [[f32; BANDS]; 2] {
        self.ears.map(|ear| {
            ear.envelopes
                .map(|energy| fastmath::power_db(2.0 * energy) + db_spl_at_full_scale)
        })
    }

    /// Feeds one frame to the detectors and filters it. Call [`Self::control`] every
    /// [`CONTROL_FRAMES`] frames.
    #[inline(always)]
    pub(crate) fn process<M: MulAdd>(&mut self, left: f32, right: f32) -> (f32, f32) {
        self.detectors.tick::<M>([left, right]);
        self.detector_frames += 1;
        if self.ears[0].transparent && self.ears[1].transparent {
            return (left, right);
        }
        let (l, r) = self.cascade.tick::<M>(left, right);
        let [left_ear, right_ear] = &mut self.ears;
        left_ear.broadband_gain += left_ear.broadband_step;
        right_ear.broadband_gain += right_ear.broadband_step;
        (l * left_ear.broadband_gain, r * right_ear.broadband_gain)
    }

    /// The control update: reads the detectors, applies the recruitment rule to the current
    /// thresholds, iterates each ear's solver when due and moves the sections towards the solution.
    pub(crate) fn control(&mut self, targets: &LossTargets) {
        let frames = self.detector_frames.max(1) as f32;
        for (ear, energies) in self.ears.iter_mut().zip(&mut self.detectors.energy) {
            for (envelope, energy) in ear.envelopes.iter_mut().zip(energies) {
                let mean_square = *energy / frames;
                let rate = if mean_square > *envelope {
                    self.attack
                } else {
                    self.release
                };
                *envelope = (*envelope + rate * (mean_square - *envelope)).max(1e-14);
                *energy = 0.0;
            }
        }
        self.detector_frames = 0;
        self.detectors.reset_if_broken();

        let levels = self.band_levels_db_spl(targets.db_spl_at_full_scale);
        let levels = if targets.linked {
            let mean: [f32; BANDS] = std::array::from_fn(|k| {
                let power = 0.5 * (self.ears[0].envelopes[k] + self.ears[1].envelopes[k]);
                fastmath::power_db(2.0 * power) + targets.db_spl_at_full_scale
            });
            [mean; 2]
        } else {
            levels
        };
        let tick = self.ticks;
        self.ticks = self.ticks.wrapping_add(1);
        for (ear, levels) in levels.iter().enumerate() {
            self.control_ear(ear, tick, levels, targets);
        }
        self.cascade.reset_if_broken();
    }

    fn control_ear(&mut self, ear: usize, tick: u32, levels: &[f32; BANDS], targets: &LossTargets) {
        let thresholds = &targets.thresholds_db_hl[ear];
        let lossless =
            thresholds.iter().all(|t| *t <= 0.0) && targets.boost_db.iter().all(|b| *b == 0.0);
        let gains = &mut self.ears[ear];
        if lossless
            && gains.solved_gain_db.iter().all(|g| *g == 0.0)
            && gains.solved_broadband_db == 0.0
        {
            // Normal hearing: exactly transparent, and nothing to compute.
            if !gains.transparent {
                *gains = EarGains {
                    envelopes: gains.envelopes,
                    ..EarGains::TRANSPARENT
                };
                for section in 0..BANDS {
                    self.cascade.set(section, ear, Coefficients::IDENTITY);
                }
            }
            return;
        }
        gains.transparent = false;

        // The ears take turns, half a solver period apart.
        let phase = (tick + SOLVE_EVERY - (ear as u32) * (SOLVE_EVERY / 2)) % SOLVE_EVERY;
        if phase == 0 {
            if lossless {
                gains.solved_gain_db = [0.0; BANDS];
                gains.solved_broadband_db = 0.0;
            } else {
                let target: [f32; BANDS] = std::array::from_fn(|k| {
                    targets.boost_db[k] - recruitment::attenuation_db(thresholds[k], levels[k])
                });
                self.solve(ear, &target);
            }
        }

        // Move a share of the remaining way each control period, arriving as the next solve lands.
        let gains = &mut self.ears[ear];
        let remaining = (SOLVE_EVERY - phase) as f32;
        for j in 0..BANDS {
            let step = (gains.solved_gain_db[j] - gains.applied_gain_db[j]) / remaining;
            gains.applied_gain_db[j] += step;
            let (shape, _, q) = section_shape(j);
            self.cascade.set(
                j,
                ear,
                Coefficients::new(shape, self.section_w[j], q, gains.applied_gain_db[j]),
            );
        }
        let next_broadband_db = gains.applied_broadband_db
            + (gains.solved_broadband_db - gains.applied_broadband_db) / remaining;
        let next_gain = fastmath::db_to_amplitude(next_broadband_db);
        gains.broadband_step = (next_gain - gains.broadband_gain) / CONTROL_FRAMES as f32;
        gains.applied_broadband_db = next_broadband_db;
    }

    /// One preconditioned fixed-point step of one ear towards a cascade whose response at the
    /// audiometric frequencies equals `target` (dB). The least-attenuated band becomes a broadband
    /// gain so the sections only shape what differs.
    fn solve(&mut self, ear: usize, target: &[f32; BANDS]) {
        let solved = self.solved_bands;
        let gains = &mut self.ears[ear];
        let broadband = target[..solved].iter().copied().fold(f32::MIN, f32::max);
        let sections: [Coefficients; BANDS] = std::array::from_fn(|j| {
            let (shape, _, q) = section_shape(j);
            Coefficients::new(shape, self.section_w[j], q, gains.solved_gain_db[j])
        });
        let mut error = [0.0f32; BANDS];
        for (k, w) in self.probe_w.iter().enumerate().take(solved) {
            // One logarithm per frequency: multiply the sections' power ratios (in f64, whose range
            // holds twelve sections at their gain limits) instead of adding their decibels.
            let power: f64 = sections[..solved]
                .iter()
                .map(|c| f64::from(c.power_ratio(*w)))
                .product();
            let response = (10.0 * power.max(1e-300).log10()) as f32;
            error[k] = (target[k] - broadband) - response;
        }
        for (j, gain) in gains.solved_gain_db.iter_mut().enumerate().take(solved) {
            let correction: f32 = self.preconditioner[j]
                .iter()
                .zip(&error)
                .map(|(p, e)| p * e)
                .sum();
            *gain = (*gain + correction).clamp(SECTION_GAIN_RANGE_DB.0, SECTION_GAIN_RANGE_DB.1);
        }
        gains.solved_broadband_db = broadband.max(-MAX_ATTENUATION_DB);
    }
}

/// Gauss-Jordan inversion with partial pivoting, at start-up only.
fn invert(mut matrix: [[f64; BANDS]; BANDS]) -> [[f32; BANDS]; BANDS] {
    let mut inverse = [[0.0f64; BANDS]; BANDS];
    for (i, row) in inverse.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    for column in 0..BANDS {
        let pivot = (column..BANDS)
            .max_by(|a, b| {
                matrix[*a][column]
                    .abs()
                    .total_cmp(&matrix[*b][column].abs())
            })
            .expect("non-empty range");
        matrix.swap(column, pivot);
        inverse.swap(column, pivot);
        let scale = matrix[column][column];
        for j in 0..BANDS {
            matrix[column][j] /= scale;
            inverse[column][j] /= scale;
        }
        for row in 0..BANDS {
            if row != column {
                let factor = matrix[row][column];
                for j in 0..BANDS {
                    matrix[row][j] -= factor * matrix[column][j];
                    inverse[row][j] -= factor * inverse[column][j];
                }
            }
        }
    }
    inverse.map(|row| row.map(|value| value as f32))
}
