//! Audiogram-shaped, level-dependent attenuation: the heart of the simulated ear.
//!
//! Twelve band detectors at the audiometric frequencies measure how loud each band is; the
//! recruitment rule turns each level into the attenuation that band must get; a cascade of twelve
//! state-variable sections (a low shelf, ten bells, a high shelf) realises those attenuations with no
//! latency. Because neighbouring sections overlap and their shapes change with gain, the section gains
//! are found by a fixed-point iteration, warm-started from the previous solution and preconditioned
//! by the inverse of the cascade's interaction matrix: one iteration per control period, so the
//! response at every audiometric frequency converges on the rule within a few tens of milliseconds
//! and then tracks it.

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
const SECTION_GAIN_RANGE_DB: (f32, f32) = (-120.0, 30.0);

const ATTACK_S: f32 = 0.005;
const RELEASE_S: f32 = 0.060;

fn section_shape(index: usize) -> (Shape, f32, f32) {
    match index {
        0 => (Shape::LowShelf, LOW_SHELF_HZ, SHELF_Q),
        i if i == BANDS - 1 => (Shape::HighShelf, HIGH_SHELF_HZ, SHELF_Q),
        i => (Shape::Bell, AUDIOMETRIC_FREQUENCIES_HZ[i], BELL_Q),
    }
}

/// Twelve band-passes (constant 0 dB peak) in direct form I on the same input, stored lane by lane
/// so one frame updates all of them in a few vector instructions. They never modulate, so the
/// cheapest structure is fine.
struct DetectorBank {
    b0: [f32; BANDS],
    a1: [f32; BANDS],
    a2: [f32; BANDS],
    x1: f32,
    x2: f32,
    y1: [f32; BANDS],
    y2: [f32; BANDS],
    energy: [f32; BANDS],
}

impl DetectorBank {
    fn new(sample_rate: f32) -> Self {
        let mut bank = Self {
            b0: [0.0; BANDS],
            a1: [0.0; BANDS],
            a2: [0.0; BANDS],
            x1: 0.0,
            x2: 0.0,
            y1: [0.0; BANDS],
            y2: [0.0; BANDS],
            energy: [0.0; BANDS],
        };
        for (k, centre_hz) in AUDIOMETRIC_FREQUENCIES_HZ.iter().enumerate() {
            let w0 = 2.0 * std::f32::consts::PI * (centre_hz / sample_rate).min(0.49);
            let alpha = w0.sin() / (2.0 * DETECTOR_Q);
            let a0 = 1.0 + alpha;
            bank.b0[k] = alpha / a0;
            bank.a1[k] = -2.0 * w0.cos() / a0;
            bank.a2[k] = (1.0 - alpha) / a0;
        }
        bank
    }

    // Lanes index several arrays at once; an index loop is the clearest way to say so.
    #[allow(clippy::needless_range_loop)]
    #[inline(always)]
    fn tick<M: MulAdd>(&mut self, x: f32) {
        let difference = x - self.x2;
        self.x2 = self.x1;
        self.x1 = x;
        for k in 0..BANDS {
            let feedback = M::mul_add(self.a1[k], self.y1[k], self.a2[k] * self.y2[k]);
            let y = M::mul_add(self.b0[k], difference, DENORMAL_GUARD - feedback);
            self.y2[k] = self.y1[k];
            self.y1[k] = y;
            self.energy[k] = M::mul_add(y, y, self.energy[k]);
        }
    }
}

/// Both channels of every section, lane `2 * section + channel`, in the affine form.
const LANES: usize = 2 * BANDS;

struct Cascade {
    alpha: [f32; BANDS],
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
            alpha: [1.0; BANDS],
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
            cascade.set(section, Coefficients::IDENTITY);
        }
        cascade
    }

    fn set(&mut self, section: usize, coefficients: Coefficients) {
        let c = AffineCoefficients::from(coefficients);
        self.alpha[section] = c.alpha;
        for lane in [2 * section, 2 * section + 1] {
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
    }

    #[allow(clippy::needless_range_loop)]
    #[inline(always)]
    fn tick<M: MulAdd>(&mut self, left: f32, right: f32) -> (f32, f32) {
        let mut input = [0.0f32; LANES];
        let (mut l, mut r) = (left, right);
        for section in 0..BANDS {
            input[2 * section] = l;
            input[2 * section + 1] = r;
            l = M::mul_add(self.alpha[section], l, self.beta[2 * section]);
            r = M::mul_add(self.alpha[section], r, self.beta[2 * section + 1]);
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

pub(crate) struct LossEqualizer {
    detectors: DetectorBank,
    detector_frames: usize,
    /// Smoothed mean-square band levels (full-scale sine = 0.5).
    envelopes: [f32; BANDS],
    attack: f32,
    release: f32,
    /// Prewarped audiometric frequencies, where the response is solved.
    probe_w: [f32; BANDS],
    section_w: [f32; BANDS],
    /// Inverse of the interaction matrix: section gain change per dB of response change.
    preconditioner: [[f32; BANDS]; BANDS],
    solved_gain_db: [f32; BANDS],
    solved_broadband_db: f32,
    applied_gain_db: [f32; BANDS],
    applied_broadband_db: f32,
    broadband_gain: f32,
    broadband_step: f32,
    cascade: Cascade,
    ticks: u32,
    active: bool,
}

impl LossEqualizer {
    pub(crate) fn new(sample_rate: f32) -> Self {
        let probe_w = AUDIOMETRIC_FREQUENCIES_HZ.map(|f| svf::prewarp(f, sample_rate));
        let section_w: [f32; BANDS] =
            std::array::from_fn(|j| svf::prewarp(section_shape(j).1, sample_rate));
        let mut interaction = [[0.0f64; BANDS]; BANDS];
        for (j, w_section) in section_w.iter().enumerate() {
            let (shape, _, q) = section_shape(j);
            let c = Coefficients::new(shape, *w_section, q, PROTOTYPE_GAIN_DB);
            for (k, w_probe) in probe_w.iter().enumerate() {
                interaction[k][j] = f64::from(c.magnitude_db(*w_probe) / PROTOTYPE_GAIN_DB);
            }
        }
        let per_control =
            |time_s: f32| 1.0 - (-(CONTROL_FRAMES as f32) / (time_s * sample_rate)).exp();
        Self {
            detectors: DetectorBank::new(sample_rate),
            detector_frames: 0,
            envelopes: [1e-12; BANDS],
            attack: per_control(ATTACK_S),
            release: per_control(RELEASE_S),
            probe_w,
            section_w,
            preconditioner: invert(interaction),
            solved_gain_db: [0.0; BANDS],
            solved_broadband_db: 0.0,
            applied_gain_db: [0.0; BANDS],
            applied_broadband_db: 0.0,
            broadband_gain: 1.0,
            broadband_step: 0.0,
            cascade: Cascade::new(),
            ticks: 0,
            active: false,
        }
    }

    /// Band levels as measured (dB SPL), for the game and for tests.
    pub(crate) fn band_levels_db_spl(&self, db_spl_at_full_scale: f32) -> [f32; BANDS] {
        self.envelopes
            .map(|energy| fastmath::power_db(2.0 * energy) + db_spl_at_full_scale)
    }

    /// Feeds one frame to the detectors and filters it. Call [`Self::control`] every
    /// [`CONTROL_FRAMES`] frames.
    #[inline(always)]
    pub(crate) fn process<M: MulAdd>(&mut self, left: f32, right: f32) -> (f32, f32) {
        self.detectors.tick::<M>(0.5 * (left + right));
        self.detector_frames += 1;
        if !self.active {
            return (left, right);
        }
        let (l, r) = self.cascade.tick::<M>(left, right);
        self.broadband_gain += self.broadband_step;
        (l * self.broadband_gain, r * self.broadband_gain)
    }

    /// The control update: reads the detectors, applies the recruitment rule to the current
    /// thresholds, iterates the solver when due and moves the sections towards the solution.
    pub(crate) fn control(
        &mut self,
        thresholds_db_hl: &[f32; BANDS],
        boost_db: &[f32; BANDS],
        db_spl_at_full_scale: f32,
    ) {
        let frames = self.detector_frames.max(1) as f32;
        for (envelope, energy) in self.envelopes.iter_mut().zip(&mut self.detectors.energy) {
            let mean_square = *energy / frames;
            let rate = if mean_square > *envelope {
                self.attack
            } else {
                self.release
            };
            *envelope = (*envelope + rate * (mean_square - *envelope)).max(1e-14);
            *energy = 0.0;
        }
        self.detector_frames = 0;

        let lossless =
            thresholds_db_hl.iter().all(|t| *t <= 0.0) && boost_db.iter().all(|b| *b == 0.0);
        if lossless
            && self.solved_gain_db.iter().all(|g| *g == 0.0)
            && self.solved_broadband_db == 0.0
        {
            // Normal hearing: exactly transparent, and nothing to compute.
            self.applied_gain_db = [0.0; BANDS];
            self.applied_broadband_db = 0.0;
            self.broadband_gain = 1.0;
            self.broadband_step = 0.0;
            self.active = false;
            return;
        }
        self.active = true;

        if self.ticks.is_multiple_of(SOLVE_EVERY) {
            if lossless {
                self.solved_gain_db = [0.0; BANDS];
                self.solved_broadband_db = 0.0;
            } else {
                let levels = self.band_levels_db_spl(db_spl_at_full_scale);
                let target: [f32; BANDS] = std::array::from_fn(|k| {
                    boost_db[k] - recruitment::attenuation_db(thresholds_db_hl[k], levels[k])
                });
                self.solve(&target);
            }
        }
        self.ticks = self.ticks.wrapping_add(1);

        // Move a share of the remaining way each control period, arriving as the next solve lands.
        let remaining = (SOLVE_EVERY - (self.ticks - 1) % SOLVE_EVERY) as f32;
        for j in 0..BANDS {
            let step = (self.solved_gain_db[j] - self.applied_gain_db[j]) / remaining;
            self.applied_gain_db[j] += step;
            let (shape, _, q) = section_shape(j);
            self.cascade.set(
                j,
                Coefficients::new(shape, self.section_w[j], q, self.applied_gain_db[j]),
            );
        }
        let next_broadband_db = self.applied_broadband_db
            + (self.solved_broadband_db - self.applied_broadband_db) / remaining;
        let next_gain = fastmath::db_to_amplitude(next_broadband_db);
        self.broadband_step = (next_gain - self.broadband_gain) / CONTROL_FRAMES as f32;
        self.applied_broadband_db = next_broadband_db;

        self.cascade.reset_if_broken();
    }

    /// One preconditioned fixed-point step towards a cascade whose response at the audiometric
    /// frequencies equals `target` (dB). The least-attenuated band becomes a broadband gain so the
    /// sections only shape what differs.
    fn solve(&mut self, target: &[f32; BANDS]) {
        let broadband = target.iter().copied().fold(f32::MIN, f32::max);
        let sections: [Coefficients; BANDS] = std::array::from_fn(|j| {
            let (shape, _, q) = section_shape(j);
            Coefficients::new(shape, self.section_w[j], q, self.solved_gain_db[j])
        });
        let mut error = [0.0f32; BANDS];
        for (k, w) in self.probe_w.iter().enumerate() {
            // One logarithm per frequency: multiply the sections' power ratios (in f64, whose range
            // holds twelve sections at their gain limits) instead of adding their decibels.
            let power: f64 = sections
                .iter()
                .map(|c| f64::from(c.power_ratio(*w)))
                .product();
            let response = (10.0 * power.max(1e-300).log10()) as f32;
            error[k] = (target[k] - broadband) - response;
        }
        for (j, gain) in self.solved_gain_db.iter_mut().enumerate() {
            let correction: f32 = self.preconditioner[j]
                .iter()
                .zip(&error)
                .map(|(p, e)| p * e)
                .sum();
            *gain = (*gain + correction).clamp(SECTION_GAIN_RANGE_DB.0, SECTION_GAIN_RANGE_DB.1);
        }
        self.solved_broadband_db = broadband.max(-MAX_ATTENUATION_DB);
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
