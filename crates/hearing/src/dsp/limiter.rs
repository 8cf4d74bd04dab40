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

/// Frames the limiter works on at a time; longer blocks are taken in pieces.
const CHUNK: usize = 128;
/// Frames whose estimates are computed side by side, one vector lane each.
const STRIDE: usize = 8;
/// Frames before a block that the interpolator and the roughness still look at.
const PAST: usize = TAPS - 1;
/// Released gains before a block that the hold still looks at.
const PAST_RELEASED: usize = HOLD - 1;
/// The ramp is the mean of this frame's held gain and the previous one.
const _: () = assert!(RAMP == 2 && TAPS % 2 == 1 && PAST >= LATENCY_FRAMES && PAST_RELEASED >= 8);

/// The safety limiter on its own (the processor runs it last, block by block).
pub struct TruePeakLimiter {
    /// The interpolator's taps for each point between frames.
    phases: [[f32; TAPS]; PHASES],
    /// No estimate can exceed the window's sample peak times this.
    estimate_bound: f32,
    /// Each ear's input: the last PAST frames, then the block (and room for a last whole stride).
    input: [[f32; PAST + CHUNK + STRIDE]; 2],
    /// The energy near half the sample rate of the frames in `input`, frame by frame.
    roughness: [f32; PAST + CHUNK],
    /// Frames until the last frame loud enough to need a closer look leaves the window.
    loud_frames_left: usize,
    /// The released gains: the last PAST_RELEASED, then the block's.
    released: [f32; PAST_RELEASED + CHUNK],
    /// The held gain of the previous frame, the start of the ramp.
    held: f32,
    /// What the release keeps of a depth under unity after 1..=STRIDE frames.
    kept: [f32; STRIDE],
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
        // What the release keeps per frame, rounded as the limiter has always rounded it.
        let kept = 1.0 - (1.0 - (-1.0 / (RELEASE_S * sample_rate)).exp());
        let mut limiter = Self {
            phases,
            // A second difference over four is at most the window's sample peak.
            estimate_bound: tap_abs_sum + UNSEEN_WEIGHT,
            input: [[0.0; PAST + CHUNK + STRIDE]; 2],
            roughness: [0.0; PAST + CHUNK],
            loud_frames_left: 0,
            released: [1.0; PAST_RELEASED + CHUNK],
            held: 1.0,
            kept: std::array::from_fn(|frames| (kept as f64).powi(frames as i32 + 1) as f32),
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

    /// Limits `frames` in place, delayed by [`LATENCY_FRAMES`], multiplying and adding as `M` does.
    #[inline(always)]
    pub(crate) fn process_frames<M: MulAdd>(&mut self, frames: &mut [Frame]) {
        for chunk in frames.chunks_mut(CHUNK) {
            self.process_chunk::<M>(chunk);
        }
    }

    /// One block of at most CHUNK frames: the estimate for every frame, stride by stride; the
    /// release stride by stride; the hold as a running minimum.
    #[inline(always)]
    fn process_chunk<M: MulAdd>(&mut self, frames: &mut [Frame]) {
        let n = frames.len();
        let [left, right] = &mut self.input;
        for (i, frame) in frames.iter().enumerate() {
            left[PAST + i] = frame.left;
            right[PAST + i] = frame.right;
        }
        for i in PAST..PAST + n {
            let second_difference = |x: &[f32]| (x[i] - 2.0 * x[i - 1] + x[i - 2]).abs();
            self.roughness[i] = 0.25 * larger(second_difference(left), second_difference(right));
        }
        let (target, bound) = (self.target, self.estimate_bound);
        let last_loud = (0..n)
            .rev()
            .find(|&i| larger(left[PAST + i].abs(), right[PAST + i].abs()) * bound > target);
        // No estimate can exceed the window's sample peak (and the two frames before it, in the
        // roughness) times the bound, so blocks whose windows are all quiet skip the interpolation.
        let estimating = self.loud_frames_left > 0 || last_loud.is_some();
        self.loud_frames_left = match last_loud {
            Some(i) => (TAPS + 2).saturating_sub(n - i),
            None => self.loud_frames_left.saturating_sub(n),
        };

        let mut required = [1.0f32; CHUNK + STRIDE];
        if estimating {
            // unseen[i]: the largest roughness of frame i's window, roughness[i..i + TAPS].
            let mut unseen = [0.0f32; CHUNK + STRIDE];
            let running_max = |from: &[f32], span: usize, to: &mut [f32]| {
                for (k, out) in to.iter_mut().enumerate() {
                    *out = larger(from[k], from[k + span]);
                }
            };
            let mut pairs = [0.0f32; PAST + CHUNK];
            let mut fours = [0.0f32; PAST + CHUNK];
            running_max(&self.roughness, 1, &mut pairs[..n + PAST - 1]);
            running_max(&pairs, 2, &mut fours[..n + PAST - 3]);
            for (i, out) in unseen[..n].iter_mut().enumerate() {
                *out = larger(
                    larger(fours[i], fours[i + 4]),
                    larger(fours[i + 8], self.roughness[i + PAST]),
                );
            }
            for start in (0..n).step_by(STRIDE) {
                let mut peak = [0.0f32; STRIDE];
                for ear in [&*left, &*right] {
                    let window = &ear[start..start + PAST + STRIDE];
                    for taps in &self.phases {
                        let points = interpolate::<M>(taps, window);
                        for lane in 0..STRIDE {
                            peak[lane] = larger(peak[lane], points[lane].abs());
                        }
                    }
                    let frame = &ear[start + PAST - AHEAD..start + PAST - AHEAD + STRIDE];
                    for lane in 0..STRIDE {
                        peak[lane] = larger(peak[lane], frame[lane].abs());
                    }
                }
                // Where the estimate is under the target the quotient is exactly one.
                for lane in 0..STRIDE {
                    let estimate = M::mul_add(UNSEEN_WEIGHT, unseen[start + lane], peak[lane]);
                    required[start + lane] = target / larger(estimate, target);
                }
            }
        }

        // The release in depths under unity, d[i] = max(1 - required[i], kept d[i - 1]): within a
        // stride by doubling spans, then from the stride before, so that the chain that runs
        // frame after frame is one multiply and one maximum per stride.
        let released = &mut self.released;
        let mut depth = 1.0 - released[PAST_RELEASED - 1];
        if estimating || depth > 0.0 {
            let kept = &self.kept;
            for start in (0..n).step_by(STRIDE) {
                let mut d: [f32; STRIDE] = std::array::from_fn(|lane| 1.0 - required[start + lane]);
                for span in [1, 2, 4] {
                    d = std::array::from_fn(|lane| match lane.checked_sub(span) {
                        Some(earlier) => larger(d[lane], kept[span - 1] * d[earlier]),
                        None => d[lane],
                    });
                }
                d = std::array::from_fn(|lane| larger(d[lane], kept[lane] * depth));
                let out = &mut released[PAST_RELEASED + start..PAST_RELEASED + start + STRIDE];
                for (out, d) in out.iter_mut().zip(d) {
                    *out = 1.0 - d;
                }
                depth = d[(n - start).min(STRIDE) - 1];
            }
        } else {
            released[PAST_RELEASED..PAST_RELEASED + n].fill(1.0);
        }
        // The held gain of frame i is the smallest of released[i..i + HOLD].
        let running_min = |from: &[f32], span: usize, to: &mut [f32]| {
            for (k, out) in to.iter_mut().enumerate() {
                *out = smaller(from[k], from[k + span]);
            }
        };
        let mut pairs = [0.0f32; PAST_RELEASED + CHUNK];
        let mut fours = [0.0f32; PAST_RELEASED + CHUNK];
        running_min(&released[..], 1, &mut pairs[..n + PAST_RELEASED - 1]);
        running_min(&pairs, 2, &mut fours[..n + PAST_RELEASED - 3]);

        let ceiling = self.ceiling;
        let mut previous = self.held;
        let mut lowest = self.lowest_gain;
        for (i, frame) in frames.iter_mut().enumerate() {
            let held = smaller(smaller(fours[i], fours[i + 4]), fours[i + 8]);
            let gain = (previous + held) / RAMP as f32;
            previous = held;
            lowest = smaller(lowest, gain);
            let delayed = PAST + i - LATENCY_FRAMES;
            *frame = Frame::new(
                (left[delayed] * gain).clamp(-ceiling, ceiling),
                (right[delayed] * gain).clamp(-ceiling, ceiling),
            );
        }
        self.held = previous;
        self.lowest_gain = lowest;

        left.copy_within(n..n + PAST, 0);
        right.copy_within(n..n + PAST, 0);
        self.roughness.copy_within(n..n + PAST, 0);
        released.copy_within(n..n + PAST_RELEASED, 0);
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

/// The points `taps` interpolate between the frames of STRIDE windows side by side: window `lane`
/// is `x[lane..lane + TAPS]`. Even and odd taps in two sums, so that the multiply-adds do not wait
/// on each other.
#[inline(always)]
fn interpolate<M: MulAdd>(taps: &[f32; TAPS], x: &[f32]) -> [f32; STRIDE] {
    let x: &[f32; PAST + STRIDE] = x.try_into().expect("a window per lane");
    let frames = |tap: usize| -> [f32; STRIDE] { std::array::from_fn(|lane| x[tap + lane]) };
    let add = |sum: [f32; STRIDE], tap: usize| {
        let frames = frames(tap);
        std::array::from_fn(|lane| M::mul_add(taps[tap], frames[lane], sum[lane]))
    };
    let (mut even, mut odd) = ([0.0f32; STRIDE], [0.0f32; STRIDE]);
    for pair in 0..TAPS / 2 {
        even = add(even, 2 * pair);
        odd = add(odd, 2 * pair + 1);
    }
    even = add(even, TAPS - 1);
    std::array::from_fn(|lane| even[lane] + odd[lane])
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

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE_RATE: f32 = 48_000.0;

    /// The limiter written out as its definition reads, frame by frame over the whole signal, with
    /// silence before it: the estimate for every frame, the release, the hold and the ramp.
    fn reference(ceiling_dbfs: f32, input: &[[f32; 2]]) -> Vec<[f32; 2]> {
        let limiter = TruePeakLimiter::new(SAMPLE_RATE, ceiling_dbfs);
        let x = |n: isize, ear: usize| {
            usize::try_from(n).map_or(0.0, |n| input.get(n).map_or(0.0, |frame| frame[ear]))
        };
        let roughness = |n: isize| {
            let second_difference = |ear| (x(n, ear) - 2.0 * x(n - 1, ear) + x(n - 2, ear)).abs();
            0.25 * second_difference(0).max(second_difference(1))
        };
        let release = 1.0 - (-1.0 / (RELEASE_S * SAMPLE_RATE)).exp();
        let mut level = 1.0f32;
        let mut released = Vec::new();
        for n in 0..input.len() as isize {
            let mut peak = 0.0f32;
            for ear in 0..2 {
                for taps in &limiter.phases {
                    let window = (0..TAPS).map(|tap| x(n - PAST as isize + tap as isize, ear));
                    let sum: f32 = taps.iter().zip(window).map(|(w, x)| w * x).sum();
                    peak = peak.max(sum.abs());
                }
                peak = peak.max(x(n - AHEAD as isize, ear).abs());
            }
            let unseen = (n - PAST as isize..=n).map(roughness).fold(0.0, f32::max);
            let estimate = peak + UNSEEN_WEIGHT * unseen;
            let required = if estimate > limiter.target {
                limiter.target / estimate
            } else {
                1.0
            };
            level = required.min(level + release * (1.0 - level));
            released.push(level);
        }
        let held = |n: isize| {
            (n - PAST_RELEASED as isize..=n)
                .map(|k| usize::try_from(k).map_or(1.0, |k| released[k]))
                .fold(1.0, f32::min)
        };
        (0..input.len() as isize)
            .map(|n| {
                let gain = (held(n) + held(n - 1)) / 2.0;
                let delayed = n - LATENCY_FRAMES as isize;
                [0, 1].map(|ear| (x(delayed, ear) * gain).clamp(-limiter.ceiling, limiter.ceiling))
            })
            .collect()
    }

    /// Loud noise, bursts, tones near half the sample rate and silence, stereo, from `seed`.
    fn programme(seed: u64, frames: usize) -> Vec<[f32; 2]> {
        let mut state = seed | 1;
        let mut random = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 40) as f32 / (1u64 << 23) as f32 - 1.0
        };
        let mut level = 1.0;
        (0..frames)
            .map(|n| {
                if n % 1_500 == 0 {
                    level = 4.0 * (random() + 1.0);
                }
                let nyquist = if n % 2 == 0 { 1.0 } else { -1.0 };
                match (n / 1_500) % 4 {
                    0 => [level * random(), 0.8 * level * random()],
                    1 => [0.9 * level * nyquist, -level * nyquist],
                    2 => [0.0, 0.0],
                    _ => [level * (n as f32 * 0.3).sin(), 0.05 * random()],
                }
            })
            .collect()
    }

    /// Runs the limiter over `input` in blocks of random lengths, multiplying and adding as `M`.
    fn limited<M: MulAdd>(ceiling_dbfs: f32, input: &[[f32; 2]], seed: u64) -> Vec<[f32; 2]> {
        let mut limiter = TruePeakLimiter::new(SAMPLE_RATE, ceiling_dbfs);
        let mut frames: Vec<Frame> = input.iter().map(|&[l, r]| Frame::new(l, r)).collect();
        let mut state = seed;
        let mut rest = &mut frames[..];
        while !rest.is_empty() {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let length = ((state >> 33) as usize % 300 + 1).min(rest.len());
            let (block, after) = rest.split_at_mut(length);
            limiter.process_frames::<M>(block);
            rest = after;
        }
        frames
            .iter()
            .map(|frame| [frame.left, frame.right])
            .collect()
    }

    fn assert_close(what: &str, got: &[[f32; 2]], expected: &[[f32; 2]]) {
        for (n, (got, expected)) in got.iter().zip(expected).enumerate() {
            for ear in 0..2 {
                assert!(
                    (got[ear] - expected[ear]).abs() <= 2e-6,
                    "{what}: frame {n} ear {ear} is {}, the reference {}",
                    got[ear],
                    expected[ear]
                );
            }
        }
    }

    #[test]
    fn blocks_of_any_length_limit_as_the_frame_by_frame_definition() {
        for (seed, ceiling_dbfs) in [(1, -1.0), (7, -6.0), (42, 0.0), (1234, -20.0)] {
            let input = programme(seed, 12_000);
            let expected = reference(ceiling_dbfs, &input);
            assert!(
                expected
                    .iter()
                    .flatten()
                    .any(|x| x.abs() > 0.5 * 10f32.powf(ceiling_dbfs / 20.0)),
                "the programme reaches the ceiling"
            );
            assert_close(
                "fused",
                &limited::<Fused>(ceiling_dbfs, &input, seed),
                &expected,
            );
            assert_close(
                "separate",
                &limited::<Separate>(ceiling_dbfs, &input, seed),
                &expected,
            );
        }
    }

    #[test]
    fn the_detected_path_limits_as_the_portable_one() {
        let input = programme(99, 6_000);
        let mut limiter = TruePeakLimiter::new(SAMPLE_RATE, -3.0);
        let mut frames: Vec<Frame> = input.iter().map(|&[l, r]| Frame::new(l, r)).collect();
        for block in frames.chunks_mut(128) {
            limiter.process_block(block);
        }
        let detected: Vec<[f32; 2]> = frames.iter().map(|f| [f.left, f.right]).collect();
        assert_close(
            "detected",
            &detected,
            &limited::<Separate>(-3.0, &input, 99),
        );
    }
}
