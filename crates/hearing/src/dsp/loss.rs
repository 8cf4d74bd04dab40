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
//!
//! Above full recruitment the rule has a cliff: a band over 100 dB SPL loses nothing where the
//! threshold is just under 100 dB HL and everything where it is 100 or more, so a very loud sound
//! in a profound loss asks for no attenuation up to about 1.5 kHz and 100 dB from 2 kHz. Solved
//! exactly, that cliff took bells boosted by up to +107 dB beside a high shelf cut to -236 dB (a
//! low-pass with its corner below 26 Hz); their states held the sound 60-85 dB over full scale,
//! and when the sound stopped and the gains moved, it came out as a full-scale rumble for a few
//! hundred milliseconds. So as the loudest band nears full recruitment the solve also penalises
//! neighbouring sections that differ by more than [`TOLERATED_STEP_DB`]: there the cliff is
//! rounded instead of realised by sections fighting each other. Below it (every accuracy test, the
//! game's rooms) the penalty is off and the solution is the exact one.

use crate::audiogram::AUDIOMETRIC_FREQUENCIES_HZ;
use crate::recruitment::{self, MAX_ATTENUATION_DB};

use super::DENORMAL_GUARD;
use super::fastmath::{self, MulAdd};
use super::svf::{self, AffineCoefficients, Coefficients, Shape};

pub(crate) const BANDS: usize = AUDIOMETRIC_FREQUENCIES_HZ.len();

/// Frames between control updates: detector read-out and section coefficients (1.3 ms at 48 kHz).
/// Each update redesigns both ears' 24 sections (2.4 us of a 128-frame block when it came every 32
/// frames); every 64 the sections still take two steps to each solve.
pub(crate) const CONTROL_FRAMES: usize = 64;
/// Control periods between solver iterations (128 frames, 2.7 ms at 48 kHz).
const SOLVE_EVERY: u32 = 2;

const BELL_Q: f32 = 1.4;
const SHELF_Q: f32 = std::f32::consts::FRAC_1_SQRT_2;
const LOW_SHELF_HZ: f32 = 180.0;
const HIGH_SHELF_HZ: f32 = 7000.0;
/// The band detectors' Q: each band-pass overlaps its neighbours (see `bands::band_weights`).
pub(crate) const DETECTOR_Q: f32 = 1.4;
/// Gain at which the interaction matrix is measured; cuts dominate, so a cut.
const PROTOTYPE_GAIN_DB: f32 = -20.0;
const SECTION_GAIN_RANGE_DB: (f32, f32) = (-240.0, 120.0);
/// Neighbouring sections may differ this much before the loud-sound penalty weighs in (dB).
const TOLERATED_STEP_DB: f32 = 10.0;
/// Weight of that penalty against the squared response error at the audiometric frequencies.
const STEP_PENALTY: f64 = 1.0;
/// The penalty fades in as the loudest band rises over this range (dB under full recruitment).
const PENALTY_ONSET_DB: f32 = 10.0;
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

/// Both ears' bands side by side, lane `ear * BANDS + band`: one frame updates all of them in a
/// few vector instructions.
const LANES: usize = 2 * BANDS;

/// Twelve band-passes (constant 0 dB peak) per ear in direct form I, each ear on its own channel.
/// They never modulate, so the cheapest structure is fine. Their squared outputs pass two
/// symmetric one-pole smoothers before they are summed for the control update. Each recursion is
/// written so that a single multiply-add separates one frame's state from the next: a block runs
/// as fast as the vector units allow, not as slow as the chain of dependent operations.
pub(crate) struct DetectorBank {
    b0: [f32; LANES],
    minus_a1: [f32; LANES],
    a2: [f32; LANES],
    smoothing: [f32; LANES],
    retention: [f32; LANES],
    x1: [f32; 2],
    x2: [f32; 2],
    y1: [f32; LANES],
    y2: [f32; LANES],
    power1: [f32; LANES],
    power2: [f32; LANES],
    /// Each lane's summed smoothed power since the last read.
    pub(crate) energy: [f32; LANES],
}

impl DetectorBank {
    pub(crate) fn new(sample_rate: f32) -> Self {
        let mut bank = Self {
            b0: [0.0; LANES],
            minus_a1: [0.0; LANES],
            a2: [0.0; LANES],
            smoothing: [1.0; LANES],
            retention: [0.0; LANES],
            x1: [0.0; 2],
            x2: [0.0; 2],
            y1: [0.0; LANES],
            y2: [0.0; LANES],
            power1: [0.0; LANES],
            power2: [0.0; LANES],
            energy: [0.0; LANES],
        };
        for lane in 0..LANES {
            let centre_hz = AUDIOMETRIC_FREQUENCIES_HZ[lane % BANDS];
            let w0 = 2.0 * std::f32::consts::PI * (centre_hz / sample_rate).min(0.49);
            let alpha = w0.sin() / (2.0 * DETECTOR_Q);
            let a0 = 1.0 + alpha;
            bank.b0[lane] = alpha / a0;
            bank.minus_a1[lane] = 2.0 * w0.cos() / a0;
            bank.a2[lane] = (1.0 - alpha) / a0;
            bank.smoothing[lane] = 1.0 - (-w0 / SMOOTHING_RADIANS).exp();
            bank.retention[lane] = 1.0 - bank.smoothing[lane];
        }
        bank
    }

    /// Feeds a run of frames, each ear its own channel.
    // Lanes index several arrays at once; an index loop is the clearest way to say so.
    #[allow(clippy::needless_range_loop)]
    #[inline(always)]
    pub(crate) fn run<M: MulAdd>(&mut self, left: &[f32], right: &[f32]) {
        let (mut x1, mut x2) = (self.x1, self.x2);
        let (mut y1, mut y2) = (self.y1, self.y2);
        let (mut power1, mut power2, mut energy) = (self.power1, self.power2, self.energy);
        for (l, r) in left.iter().zip(right) {
            let difference = [l - x2[0], r - x2[1]];
            x2 = x1;
            x1 = [*l, *r];
            for lane in 0..LANES {
                let excitation =
                    M::mul_add(self.b0[lane], difference[lane / BANDS], DENORMAL_GUARD)
                        - self.a2[lane] * y2[lane];
                let y = M::mul_add(self.minus_a1[lane], y1[lane], excitation);
                y2[lane] = y1[lane];
                y1[lane] = y;
                power1[lane] = M::mul_add(
                    self.retention[lane],
                    power1[lane],
                    self.smoothing[lane] * y * y,
                );
                power2[lane] = M::mul_add(
                    self.retention[lane],
                    power2[lane],
                    self.smoothing[lane] * power1[lane],
                );
                energy[lane] += power2[lane];
            }
        }
        (self.x1, self.x2) = (x1, x2);
        (self.y1, self.y2) = (y1, y2);
        (self.power1, self.power2, self.energy) = (power1, power2, energy);
    }

    pub(crate) fn reset_if_broken(&mut self) {
        let finite = |lanes: &[f32; LANES]| lanes.iter().all(|x| x.is_finite());
        if !(finite(&self.y1) && finite(&self.y2) && finite(&self.power1) && finite(&self.power2)) {
            *self = Self {
                x1: [0.0; 2],
                x2: [0.0; 2],
                y1: [0.0; LANES],
                y2: [0.0; LANES],
                power1: [0.0; LANES],
                power2: [0.0; LANES],
                energy: [0.0; LANES],
                ..*self
            };
        }
    }
}

/// What the section in each lane is, as weights of 1 and 0, so that all lanes are computed side by
/// side with the same vector instructions: a low shelf first, bells, a high shelf last.
struct SectionDesign<const N: usize> {
    prewarped: [f32; N],
    inverse_q: [f32; N],
    low: [f32; N],
    bell: [f32; N],
    high: [f32; N],
}

impl<const N: usize> SectionDesign<N> {
    /// `section_of(lane)`: which section each lane holds.
    fn new(sample_rate: f32, section_of: impl Fn(usize) -> usize) -> Self {
        let weight = |wanted: Shape| {
            std::array::from_fn(|lane| {
                if section_shape(section_of(lane)).0 == wanted {
                    1.0
                } else {
                    0.0
                }
            })
        };
        Self {
            prewarped: std::array::from_fn(|lane| {
                svf::prewarp(section_shape(section_of(lane)).1, sample_rate)
            }),
            inverse_q: std::array::from_fn(|lane| 1.0 / section_shape(section_of(lane)).2),
            low: weight(Shape::LowShelf),
            bell: weight(Shape::Bell),
            high: weight(Shape::HighShelf),
        }
    }

    /// The sections at these gains, as [`svf::Coefficients::new`] makes each of them.
    // Lanes index several arrays at once; an index loop is the clearest way to say so.
    #[allow(clippy::needless_range_loop)]
    #[inline(always)]
    fn sections(&self, gains_db: &[f32; N]) -> Sections<N> {
        let mut sections = Sections {
            g: [0.0; N],
            k: [0.0; N],
            m0: [0.0; N],
            m1: [0.0; N],
            m2: [0.0; N],
        };
        for j in 0..N {
            // The square root of the amplitude ratio at half the gain, as the shelves want it.
            let root = fastmath::db_to_amplitude(0.25 * gains_db[j]);
            let a = root * root;
            let (low, bell, high) = (self.low[j], self.bell[j], self.high[j]);
            let k = self.inverse_q[j] / (bell * a + low + high);
            sections.g[j] = self.prewarped[j] * (bell + low / root + high * root);
            sections.k[j] = k;
            sections.m0[j] = low + bell + high * a * a;
            sections.m1[j] = k * (bell * (a * a - 1.0) + low * (a - 1.0) + high * (1.0 - a) * a);
            sections.m2[j] = (low - high) * (a * a - 1.0);
        }
        sections
    }
}

/// Sections in the form of [`svf::Coefficients`], lane by lane.
struct Sections<const N: usize> {
    g: [f32; N],
    k: [f32; N],
    m0: [f32; N],
    m1: [f32; N],
    m2: [f32; N],
}

impl Sections<BANDS> {
    /// One ear's cascade response (dB) at each of the prewarped frequencies `probes`, over the
    /// sections `weights` counts (1 or 0): sums of fast logarithms in place of products of
    /// ratios, the frequencies side by side in the vector lanes.
    #[allow(clippy::needless_range_loop)]
    #[inline(always)]
    fn responses_db(&self, probes: &[f32; BANDS], weights: &[f32; BANDS]) -> [f32; BANDS] {
        let mut octaves = [0.0f32; BANDS];
        for j in 0..BANDS {
            let (g, k, m0, m1, m2) = (self.g[j], self.k[j], self.m0[j], self.m1[j], self.m2[j]);
            let g2 = g * g;
            for (octave, w) in octaves.iter_mut().zip(probes) {
                let d_re = g2 - w * w;
                let d_im = g * k * w;
                let n_re = m0 * d_re + m2 * g2;
                let n_im = m0 * d_im + m1 * g * w;
                let power = (n_re * n_re + n_im * n_im) / (d_re * d_re + d_im * d_im).max(1e-30);
                *octave += weights[j] * fastmath::log2(power);
            }
        }
        octaves.map(|octave| fastmath::DB_PER_OCTAVE * octave)
    }
}

/// Both channels of every section, lane `2 * section + ear`, in the affine form (see
/// [`svf::AffineCoefficients`]): a section's output is `alpha * input + beta`, and `beta` for the
/// next frame is `gamma * input` plus what the state alone gives. So the next frame's pass through
/// a section waits for one multiply-add after this frame's, and successive frames overlap in the
/// pipeline; lanes of neighbouring sections side by side keep that wait short.
struct Cascade {
    alpha: [f32; LANES],
    gamma: [f32; LANES],
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
        let identity = AffineCoefficients::from(Coefficients::IDENTITY);
        Self {
            alpha: [identity.alpha; LANES],
            gamma: [identity.b1 * identity.in1 + identity.b2 * identity.in2; LANES],
            in1: [identity.in1; LANES],
            in2: [identity.in2; LANES],
            s11: [identity.s11; LANES],
            s12: [identity.s12; LANES],
            s21: [identity.s21; LANES],
            s22: [identity.s22; LANES],
            b1: [identity.b1; LANES],
            b2: [identity.b2; LANES],
            ic1: [0.0; LANES],
            ic2: [0.0; LANES],
            beta: [0.0; LANES],
        }
    }

    /// Sets every lane's section at once; the lanes of ears marked `transparent` pass the sound
    /// untouched instead.
    #[inline(always)]
    fn set(&mut self, sections: &Sections<LANES>, transparent: [bool; 2]) {
        let identity = AffineCoefficients::from(Coefficients::IDENTITY);
        for lane in 0..LANES {
            let (g, k, m0, m1, m2) = (
                sections.g[lane],
                sections.k[lane],
                sections.m0[lane],
                sections.m1[lane],
                sections.m2[lane],
            );
            let a1 = 1.0 / (1.0 + g * (g + k));
            let a2 = g * a1;
            let a3 = g * a2;
            let c = if transparent[lane % 2] {
                identity
            } else {
                AffineCoefficients {
                    alpha: m0 + m1 * a2 + m2 * a3,
                    in1: 2.0 * a2,
                    in2: 2.0 * a3,
                    s11: 2.0 * a1 - 1.0,
                    s12: -2.0 * a2,
                    s21: 2.0 * a2,
                    s22: 1.0 - 2.0 * a3,
                    b1: m1 * a1 + m2 * a2,
                    b2: m2 * (1.0 - a3) - m1 * a2,
                }
            };
            self.alpha[lane] = c.alpha;
            self.gamma[lane] = c.b1 * c.in1 + c.b2 * c.in2;
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

    /// Filters a run of frames in place, each ear on its own channel.
    #[allow(clippy::needless_range_loop)]
    #[inline(always)]
    fn run<M: MulAdd>(&mut self, left: &mut [f32], right: &mut [f32]) {
        let (mut ic1, mut ic2, mut beta) = (self.ic1, self.ic2, self.beta);
        for (l, r) in left.iter_mut().zip(right.iter_mut()) {
            let mut input = [0.0f32; LANES];
            let (mut x, mut y) = (*l, *r);
            for section in 0..BANDS {
                input[2 * section] = x;
                input[2 * section + 1] = y;
                x = M::mul_add(self.alpha[2 * section], x, beta[2 * section]);
                y = M::mul_add(self.alpha[2 * section + 1], y, beta[2 * section + 1]);
            }
            for lane in 0..LANES {
                let v0 = input[lane];
                let held1 = M::mul_add(
                    self.s11[lane],
                    ic1[lane],
                    M::mul_add(self.s12[lane], ic2[lane], DENORMAL_GUARD),
                );
                let held2 = M::mul_add(self.s21[lane], ic1[lane], self.s22[lane] * ic2[lane]);
                ic1[lane] = M::mul_add(self.in1[lane], v0, held1);
                ic2[lane] = M::mul_add(self.in2[lane], v0, held2);
                beta[lane] = M::mul_add(
                    self.gamma[lane],
                    v0,
                    M::mul_add(self.b1[lane], held1, self.b2[lane] * held2),
                );
            }
            *l = x;
            *r = y;
        }
        (self.ic1, self.ic2, self.beta) = (ic1, ic2, beta);
    }

    fn reset_if_broken(&mut self) {
        if !self.ic1.iter().chain(&self.ic2).all(|x| x.is_finite()) {
            self.ic1 = [0.0; LANES];
            self.ic2 = [0.0; LANES];
            self.beta = [0.0; LANES];
        }
    }
}

/// A detector's envelope follows a band's mean square with a fast attack and a slower release (both
/// as shares per control period): how the ears, and whatever meters a sound as they do, read a level.
#[inline(always)]
pub(crate) fn follow(envelope: &mut f32, mean_square: f32, attack: f32, release: f32) {
    let rate = if mean_square > *envelope {
        attack
    } else {
        release
    };
    *envelope = (*envelope + rate * (mean_square - *envelope)).max(1e-14);
}

/// The detectors' attack and release, as shares per control period at `sample_rate`.
pub(crate) fn detector_rates(sample_rate: f32) -> (f32, f32) {
    let per_control = |time_s: f32| 1.0 - (-(CONTROL_FRAMES as f32) / (time_s * sample_rate)).exp();
    (per_control(ATTACK_S), per_control(RELEASE_S))
}

/// One ear's solution and where its sections are on the way to it.
#[derive(Clone, Copy)]
struct EarGains {
    /// Smoothed mean-square band levels (full-scale sine = 0.5).
    envelopes: [f32; BANDS],
    /// The response the ear aims for in each band at its last solve (dB): what it does to a sound there.
    aimed_gain_db: [f32; BANDS],
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
        aimed_gain_db: [0.0; BANDS],
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
    /// 1 for the sections that are solved, 0 for those left out.
    solved_weights: [f32; BANDS],
    /// One ear's sections, for the solver.
    design: SectionDesign<BANDS>,
    /// Both ears' sections lane by lane as the cascade holds them.
    lane_design: SectionDesign<LANES>,
    /// Section gain change per dB of response error: the damped least-squares inverse of the
    /// interaction matrix, `(M'M + p D'D)^-1 M'`, `D` the differences between neighbouring sections.
    preconditioner: [[f32; BANDS]; BANDS],
    /// Section gain change per dB of excess step between neighbouring sections (step `k` between
    /// sections `k` and `k + 1`): `p (M'M + p D'D)^-1 D'`.
    step_relief: [[f32; BANDS]; BANDS],
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
        let (preconditioner, step_relief) = damped_inverse(&interaction, solved_bands);
        let (attack, release) = detector_rates(sample_rate);
        Self {
            detectors: DetectorBank::new(sample_rate),
            detector_frames: 0,
            attack,
            release,
            solved_bands,
            probe_w,
            solved_weights: std::array::from_fn(|j| if j < solved_bands { 1.0 } else { 0.0 }),
            design: SectionDesign::new(sample_rate, |j| j),
            lane_design: SectionDesign::new(sample_rate, |lane| lane / 2),
            preconditioner,
            step_relief,
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

    /// The response each ear aims for in each band (dB): what it does to any sound in that band now.
    pub(crate) fn band_gains_db(&self) -> [[f32; BANDS]; 2] {
        self.ears.map(|ear| ear.aimed_gain_db)
    }

    /// Feeds a run of frames to the detectors and filters it in place. Call [`Self::control`]
    /// every [`CONTROL_FRAMES`] frames: a run must not cross a control update.
    #[inline(always)]
    pub(crate) fn process<M: MulAdd>(&mut self, left: &mut [f32], right: &mut [f32]) {
        self.detectors.run::<M>(left, right);
        self.detector_frames += left.len();
        if self.ears[0].transparent && self.ears[1].transparent {
            return;
        }
        self.cascade.run::<M>(left, right);
        for (gains, samples) in self.ears.iter_mut().zip([left, right]) {
            let (mut gain, step) = (gains.broadband_gain, gains.broadband_step);
            for sample in samples {
                gain += step;
                *sample *= gain;
            }
            gains.broadband_gain = gain;
        }
    }

    /// The control update: reads the detectors, applies the recruitment rule to the current
    /// thresholds, iterates each ear's solver when due and moves the sections towards the solution.
    #[inline(always)]
    pub(crate) fn control(&mut self, targets: &LossTargets) {
        let frames = self.detector_frames.max(1) as f32;
        for (ear, energies) in self
            .ears
            .iter_mut()
            .zip(self.detectors.energy.chunks_exact_mut(BANDS))
        {
            for (envelope, energy) in ear.envelopes.iter_mut().zip(energies) {
                follow(envelope, *energy / frames, self.attack, self.release);
                *energy = 0.0;
            }
        }
        self.detector_frames = 0;
        self.detectors.reset_if_broken();

        let tick = self.ticks;
        self.ticks = self.ticks.wrapping_add(1);
        for ear in 0..2 {
            self.control_ear(ear, tick, targets);
        }
        let transparent = self.ears.map(|gains| gains.transparent);
        if transparent != [true; 2] {
            let gains: [f32; LANES] =
                std::array::from_fn(|lane| self.ears[lane % 2].applied_gain_db[lane / 2]);
            self.cascade
                .set(&self.lane_design.sections(&gains), transparent);
        }
        self.cascade.reset_if_broken();
    }

    /// The band levels (dB SPL) an ear acts on: its own, or with linked ears the mean of both.
    #[inline(always)]
    fn levels_db_spl(&self, ear: usize, targets: &LossTargets) -> [f32; BANDS] {
        let [left, right] = self.ears.map(|gains| gains.envelopes);
        std::array::from_fn(|k| {
            let power = if targets.linked {
                0.5 * (left[k] + right[k])
            } else {
                [left[k], right[k]][ear]
            };
            fastmath::power_db(2.0 * power) + targets.db_spl_at_full_scale
        })
    }

    #[inline(always)]
    fn control_ear(&mut self, ear: usize, tick: u32, targets: &LossTargets) {
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
                gains.aimed_gain_db = [0.0; BANDS];
            } else {
                let levels = self.levels_db_spl(ear, targets);
                let target: [f32; BANDS] = std::array::from_fn(|k| {
                    targets.boost_db[k] - recruitment::attenuation_db(thresholds[k], levels[k])
                });
                let loudest = levels.iter().copied().fold(f32::MIN, f32::max);
                let onset = recruitment::FULL_RECRUITMENT_DB_SPL - PENALTY_ONSET_DB;
                let penalty = ((loudest - onset) / PENALTY_ONSET_DB).clamp(0.0, 1.0);
                self.ears[ear].aimed_gain_db = target;
                self.solve(ear, &target, penalty);
            }
        }

        // Move a share of the remaining way each control period, arriving as the next solve lands.
        let gains = &mut self.ears[ear];
        let remaining = (SOLVE_EVERY - phase) as f32;
        for (applied, solved) in gains.applied_gain_db.iter_mut().zip(&gains.solved_gain_db) {
            *applied += (solved - *applied) / remaining;
        }
        let next_broadband_db = gains.applied_broadband_db
            + (gains.solved_broadband_db - gains.applied_broadband_db) / remaining;
        let next_gain = fastmath::db_to_amplitude(next_broadband_db);
        gains.broadband_step = (next_gain - gains.broadband_gain) / CONTROL_FRAMES as f32;
        gains.applied_broadband_db = next_broadband_db;
    }

    /// One preconditioned fixed-point step of one ear towards a cascade whose response at the
    /// audiometric frequencies equals `target` (dB). The least-attenuated band becomes a broadband
    /// gain so the sections only shape what differs. `penalty` (0..1) weighs the steps between
    /// neighbouring sections beyond [`TOLERATED_STEP_DB`]; at 0 the fixed point is exact.
    #[inline(always)]
    fn solve(&mut self, ear: usize, target: &[f32; BANDS], penalty: f32) {
        let solved = self.solved_bands;
        let gains = &mut self.ears[ear];
        let broadband = target[..solved].iter().copied().fold(f32::MIN, f32::max);
        let responses = self
            .design
            .sections(&gains.solved_gain_db)
            .responses_db(&self.probe_w, &self.solved_weights);
        let mut error = [0.0f32; BANDS];
        for k in 0..solved {
            error[k] = (target[k] - broadband) - responses[k];
        }
        let mut excess = [0.0f32; BANDS];
        let neighbours = gains.solved_gain_db[..solved].windows(2);
        for (excess, pair) in excess.iter_mut().zip(neighbours) {
            let step = pair[1] - pair[0];
            *excess = penalty * step.signum() * (step.abs() - TOLERATED_STEP_DB).max(0.0);
        }
        for (j, gain) in gains.solved_gain_db.iter_mut().enumerate().take(solved) {
            let correction: f32 = self.preconditioner[j]
                .iter()
                .zip(&error)
                .map(|(p, e)| p * e)
                .sum::<f32>()
                - self.step_relief[j]
                    .iter()
                    .zip(&excess)
                    .map(|(r, x)| r * x)
                    .sum::<f32>();
            *gain = (*gain + correction).clamp(SECTION_GAIN_RANGE_DB.0, SECTION_GAIN_RANGE_DB.1);
        }
        gains.solved_broadband_db = broadband.max(-MAX_ATTENUATION_DB);
    }
}

/// The solver's two matrices (see [`LossEqualizer`]'s fields), at start-up only. Rows of the
/// sections left out stay zero: they never move.
fn damped_inverse(
    interaction: &[[f64; BANDS]; BANDS],
    solved_bands: usize,
) -> ([[f32; BANDS]; BANDS], [[f32; BANDS]; BANDS]) {
    // D'D, with D the first differences between the solved sections.
    let mut steps = [[0.0f64; BANDS]; BANDS];
    for k in 0..solved_bands.saturating_sub(1) {
        steps[k][k] += 1.0;
        steps[k + 1][k + 1] += 1.0;
        steps[k][k + 1] -= 1.0;
        steps[k + 1][k] -= 1.0;
    }
    let mut normal = [[0.0f64; BANDS]; BANDS];
    for (i, row) in normal.iter_mut().enumerate() {
        for (j, value) in row.iter_mut().enumerate() {
            let product: f64 = interaction.iter().map(|m| m[i] * m[j]).sum();
            *value = product + STEP_PENALTY * steps[i][j];
        }
    }
    let normal_inverse = invert(normal);
    // D' maps step k to sections k (-1) and k + 1 (+1).
    let transposed_step = |section: usize, step: usize| -> f64 {
        if step + 1 >= solved_bands {
            0.0
        } else if section == step {
            -1.0
        } else if section == step + 1 {
            1.0
        } else {
            0.0
        }
    };
    let mut preconditioner = [[0.0f32; BANDS]; BANDS];
    let mut step_relief = [[0.0f32; BANDS]; BANDS];
    for j in 0..solved_bands {
        for k in 0..BANDS {
            let inverse = |i: usize| f64::from(normal_inverse[j][i]);
            preconditioner[j][k] = (0..BANDS)
                .map(|i| inverse(i) * interaction[k][i])
                .sum::<f64>() as f32;
            step_relief[j][k] = (STEP_PENALTY
                * (0..BANDS)
                    .map(|i| inverse(i) * transposed_step(i, k))
                    .sum::<f64>()) as f32;
        }
    }
    (preconditioner, step_relief)
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
