//! The last stage: a true-peak lookahead limiter. Nothing leaves it above the ceiling.
//!
//! Inter-sample peaks are estimated by 4x oversampling with a short polyphase interpolator (13 taps
//! per phase, six frames ahead), fitted by least squares to the long interpolator of the BS.1770
//! meter ([`crate::analysis`]) over 90 % of the band, so the lookahead and the latency stay short.
//! What such a short estimate cannot see (the meter's far taps) matters only for sound with energy
//! near half the sample rate, so the estimate adds the recent level of that energy (a second
//! difference) and the margin stays small for programme. The gain needed for each interval is held
//! past the peak and ramped in just before it, so it is fully applied while the interpolator still
//! sees the peak; it recovers with an exponential release. A final clamp at the ceiling guards
//! sample peaks against anything the estimate misses.

use kira::Frame;

use super::fastmath::{Fused, MulAdd, Separate};
use crate::analysis::true_peak_tap;

/// Taps per phase of the interpolator: frames -6..=6 around the first frame of an interval.
const TAPS: usize = 13;
/// Frames of the interpolator that lie ahead of the interval it examines.
const AHEAD: usize = 6;
const PHASES: usize = 3;
/// The estimate runs in eight lanes: left and right of the three points between frames and of the
/// frame itself, so one vector multiply-add per tap serves them all.
const LANES: usize = 8;
/// The share of the band (of half the sample rate) where the short interpolator follows the meter's.
const FITTED_BAND: f64 = 0.9;
/// How much of the energy near half the sample rate is added to the estimate: the meter's taps
/// beyond the short interpolator's reach it.
const UNSEEN_WEIGHT: f32 = 0.5;
/// Length of the attack ramp (frames).
const RAMP: usize = 2;
/// Frames before and after a peak's interval that get its full gain reduction too: a gain that
/// moves under the interpolation kernel near a peak makes inter-sample peaks of its own.
const STEADY_BEFORE: usize = 1;
const STEADY_AFTER: usize = 8;
/// Frames the gain is held: the ramp covers both intervals around every sample and the steady
/// frames around it.
const HOLD: usize = RAMP + 1 + STEADY_BEFORE + STEADY_AFTER;
/// Latency of the limiter (frames).
pub(crate) const LATENCY_FRAMES: usize = RAMP + AHEAD - 1 + STEADY_BEFORE;
const _: () = assert!(LATENCY_FRAMES == 8 && LATENCY_FRAMES < TAPS);
const _: () = assert!(TAPS <= 16 && HOLD <= 16 && 2 * (PHASES + 1) == LANES);
const RELEASE_S: f32 = 0.080;
/// What the gain's own movement and the short estimate may still add to a peak (a model of this
/// limiter driven up to 30 dB with noise, tones, bursts and patterns at half the sample rate went at
/// most 0.12 dB over the aim; the property tests hold it under the ceiling): peaks are aimed this far
/// under the ceiling.
const MARGIN_DB: f32 = 0.5;

/// The safety limiter on its own (the processor runs it last, frame by frame).
pub struct TruePeakLimiter {
    /// Per tap, the weights of its frame in each lane of the estimate.
    interpolator: [[f32; LANES]; TAPS],
    /// No estimate can exceed the window's sample peak times this.
    estimate_bound: f32,
    /// The last TAPS frames, each spread over the lanes (left, right, left, ...) and written twice so
    /// that they always lie contiguous at `head..head + TAPS`.
    history: [[f32; LANES]; 2 * TAPS],
    /// The energy near half the sample rate of the frames in `history` (by slot; the slots past
    /// TAPS stay silent so that the largest is found lane-wise).
    roughness: [f32; 16],
    head: usize,
    /// Frames until the last frame loud enough to need a closer look leaves the window.
    loud_frames_left: usize,
    /// The gains of the last HOLD intervals (the slots past HOLD stay at unity).
    hold: [f32; 16],
    hold_head: usize,
    ramp: [f32; RAMP],
    ramp_head: usize,
    released: f32,
    release: f32,
    ceiling: f32,
    target: f32,
    /// The lowest gain since the last read-out.
    lowest_gain: f32,
}

impl TruePeakLimiter {
    /// A limiter at `sample_rate` (Hz) holding the true peak under `ceiling_dbfs` (at most 0 dBFS).
    pub fn new(sample_rate: f32, ceiling_dbfs: f32) -> Self {
        let phases: [[f32; TAPS]; PHASES] =
            std::array::from_fn(|phase| fitted_phase((phase + 1) as f64 / (PHASES + 1) as f64));
        let tap_abs_sum = phases
            .iter()
            .map(|taps| taps.iter().map(|t| t.abs()).sum::<f32>())
            .fold(1.0, f32::max);
        let interpolator = std::array::from_fn(|tap| {
            std::array::from_fn(|lane| match phases.get(lane / 2) {
                Some(taps) => taps[tap],
                None if tap == TAPS - 1 - AHEAD => 1.0,
                None => 0.0,
            })
        });
        let mut limiter = Self {
            interpolator,
            // A second difference over four is at most the window's sample peak.
            estimate_bound: tap_abs_sum + UNSEEN_WEIGHT,
            history: [[0.0; LANES]; 2 * TAPS],
            roughness: [0.0; 16],
            head: 0,
            loud_frames_left: 0,
            hold: [1.0; 16],
            hold_head: 0,
            ramp: [1.0; RAMP],
            ramp_head: 0,
            released: 1.0,
            release: 1.0 - (-1.0 / (RELEASE_S * sample_rate)).exp(),
            ceiling: 1.0,
            target: 1.0,
            lowest_gain: 1.0,
        };
        limiter.set_ceiling_dbfs(ceiling_dbfs);
        limiter
    }

    pub(crate) fn set_ceiling_dbfs(&mut self, ceiling_dbfs: f32) {
        let ceiling_dbfs = if ceiling_dbfs.is_finite() {
            ceiling_dbfs.min(0.0)
        } else {
            0.0
        };
        self.ceiling = 10f32.powf(ceiling_dbfs / 20.0);
        self.target = 10f32.powf((ceiling_dbfs - MARGIN_DB) / 20.0);
    }

    /// The deepest gain reduction since the last call (dB).
    pub(crate) fn take_gain_reduction_db(&mut self) -> f32 {
        let reduction = -20.0 * self.lowest_gain.log10();
        self.lowest_gain = 1.0;
        reduction
    }

    /// Limits `frames` in place, delayed by [`LATENCY_FRAMES`]; with fused multiply-add and 256-bit
    /// vectors where the CPU has them, as in the processor.
    pub fn process_block(&mut self, frames: &mut [Frame]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: the CPU has just reported AVX2 and FMA.
            unsafe { self.process_block_fused(frames) };
            return;
        }
        self.process_frames::<Separate>(frames);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn process_block_fused(&mut self, frames: &mut [Frame]) {
        self.process_frames::<Fused>(frames);
    }

    #[inline(always)]
    fn process_frames<M: MulAdd>(&mut self, frames: &mut [Frame]) {
        for frame in frames {
            let [left, right] = self.process::<M>([frame.left, frame.right]);
            *frame = Frame::new(left, right);
        }
    }

    /// Takes one frame in, gives the frame from [`LATENCY_FRAMES`] ago out, limited.
    #[inline(always)]
    pub(crate) fn process<M: MulAdd>(&mut self, frame: [f32; 2]) -> [f32; 2] {
        let [before, last] = [
            self.history[self.head + TAPS - 2],
            self.history[self.head + TAPS - 1],
        ];
        let second_difference = |ear: usize| (frame[ear] - 2.0 * last[ear] + before[ear]).abs();
        self.roughness[self.head] = 0.25 * larger(second_difference(0), second_difference(1));
        let spread = std::array::from_fn(|lane| frame[lane % 2]);
        self.history[self.head] = spread;
        self.history[self.head + TAPS] = spread;
        self.head = (self.head + 1) % TAPS;
        // window[i] is x[n - TAPS + 1 + i]: the oldest first, the frame just written last.
        let window = &self.history[self.head..self.head + TAPS];

        // No estimate can exceed the window's sample peak (and the two frames before it, in the
        // roughness) times the bound, so quiet windows skip the interpolation.
        if larger(frame[0].abs(), frame[1].abs()) * self.estimate_bound > self.target {
            self.loud_frames_left = TAPS + 2;
        }
        let mut required = 1.0f32;
        if self.loud_frames_left > 0 {
            self.loud_frames_left -= 1;
            // Even and odd taps in two sums, so that the multiply-adds do not wait on each other.
            let mut sums = [[0.0f32; LANES]; 2];
            for (tap, (weights, x)) in self.interpolator.iter().zip(window).enumerate() {
                let sum = &mut sums[tap % 2];
                for lane in 0..LANES {
                    sum[lane] = M::mul_add(weights[lane], x[lane], sum[lane]);
                }
            }
            let peak = largest(std::array::from_fn(|lane| {
                (sums[0][lane] + sums[1][lane]).abs()
            }));
            let unseen = pairwise_16(self.roughness, larger);
            let estimate = M::mul_add(UNSEEN_WEIGHT, unseen, peak);
            if estimate > self.target {
                required = self.target / estimate;
            }
        }

        self.released = smaller(
            required,
            self.released + self.release * (1.0 - self.released),
        );
        self.hold[self.hold_head] = self.released;
        self.hold_head = (self.hold_head + 1) % HOLD;
        let held = pairwise_16(self.hold, smaller);
        self.ramp[self.ramp_head] = held;
        self.ramp_head = (self.ramp_head + 1) % RAMP;
        let gain = self.ramp.iter().sum::<f32>() / RAMP as f32;
        self.lowest_gain = smaller(self.lowest_gain, gain);

        let delayed = window[TAPS - 1 - LATENCY_FRAMES];
        [
            (delayed[0] * gain).clamp(-self.ceiling, self.ceiling),
            (delayed[1] * gain).clamp(-self.ceiling, self.ceiling),
        ]
    }
}

/// The short interpolator's taps for the point `fraction` of a frame after the first frame of an
/// interval: the least-squares fit of its frequency response to the meter's over [`FITTED_BAND`].
/// Over a band of width W (radians) the squared error's terms are sin(W d) / d for taps d apart,
/// so the fit is one small symmetric (Toeplitz) system.
fn fitted_phase(fraction: f64) -> [f32; TAPS] {
    let band = FITTED_BAND * std::f64::consts::PI;
    let overlap = |d: f64| {
        if d.abs() < 1e-9 {
            band
        } else {
            (band * d).sin() / d
        }
    };
    let half = crate::analysis::TRUE_PEAK_HALF_TAPS;
    let offset = |i: usize| i as f64 - (TAPS - 1 - AHEAD) as f64;
    let mut system = [[0.0f64; TAPS + 1]; TAPS];
    for (i, row) in system.iter_mut().enumerate() {
        for (j, cell) in row[..TAPS].iter_mut().enumerate() {
            *cell = overlap(offset(i) - offset(j));
        }
        row[TAPS] = (-half + 1..=half)
            .map(|m| true_peak_tap(m as f64 - fraction) * overlap(m as f64 - offset(i)))
            .sum();
    }
    // Gaussian elimination; the system is symmetric positive definite, so no pivoting is needed.
    for k in 0..TAPS {
        let pivot = system[k];
        for row in system.iter_mut().skip(k + 1) {
            let factor = row[k] / pivot[k];
            for (cell, p) in row[k..].iter_mut().zip(&pivot[k..]) {
                *cell -= factor * p;
            }
        }
    }
    let mut taps = [0.0f64; TAPS];
    for k in (0..TAPS).rev() {
        let known: f64 = (k + 1..TAPS).map(|j| system[k][j] * taps[j]).sum();
        taps[k] = (system[k][TAPS] - known) / system[k][k];
    }
    taps.map(|t| t as f32)
}

/// The largest of eight lanes, pairwise so that it runs as vector instructions.
#[inline(always)]
fn largest(v: [f32; LANES]) -> f32 {
    let quarter: [f32; 4] = std::array::from_fn(|k| larger(v[k], v[k + 4]));
    larger(
        larger(quarter[0], quarter[2]),
        larger(quarter[1], quarter[3]),
    )
}

/// Sixteen values folded pairwise by `pick` (the larger or the smaller of two).
#[inline(always)]
fn pairwise_16(v: [f32; 16], pick: fn(f32, f32) -> f32) -> f32 {
    let half: [f32; 8] = std::array::from_fn(|k| pick(v[k], v[k + 8]));
    let quarter: [f32; 4] = std::array::from_fn(|k| pick(half[k], half[k + 4]));
    pick(pick(quarter[0], quarter[2]), pick(quarter[1], quarter[3]))
}

/// The larger of two finite values, without `f32::max`'s NaN handling (inputs are finite here),
/// so it compiles to one instruction.
#[inline(always)]
fn larger(a: f32, b: f32) -> f32 {
    if a > b { a } else { b }
}

#[inline(always)]
fn smaller(a: f32, b: f32) -> f32 {
    if a < b { a } else { b }
}
