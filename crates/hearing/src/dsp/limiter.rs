//! The last stage: a true-peak lookahead limiter. Nothing leaves it above the ceiling.
//!
//! Inter-sample peaks are estimated by 4x oversampling (a 32-tap Blackman-windowed sinc at three
//! fractional positions, reaching sixteen frames ahead: as exact as the BS.1770 meter, so the margin
//! under the ceiling can be small and the programme keeps its loudness). The gain needed for each
//! interval is held a little past the peak and box-averaged, so it ramps down smoothly yet is fully
//! applied when the peak leaves the delay line, and stays steady while the interpolation kernel
//! still sees the peak; it recovers with an exponential release. A final clamp at the ceiling
//! guards sample peaks against anything the estimate misses.

use std::f32::consts::PI;

use super::fastmath::MulAdd;

const TAPS: usize = 32;
/// Frames of the interpolator that lie ahead of the interval it examines.
const AHEAD: usize = 16;
const PHASES: usize = 3;
/// Length of the attack ramp (frames).
const RAMP: usize = 3;
/// Frames before and after a peak's interval that get its full gain reduction too: a gain that
/// moves under the interpolation kernel near a peak makes inter-sample peaks of its own.
const STEADY_BEFORE: usize = 2;
const STEADY_AFTER: usize = 8;
/// Frames the gain is held: the ramp covers both intervals around every sample and the steady
/// frames around it.
const HOLD: usize = RAMP + 1 + STEADY_BEFORE + STEADY_AFTER;
/// Latency of the limiter (frames).
pub(crate) const LATENCY_FRAMES: usize = RAMP + AHEAD - 1 + STEADY_BEFORE;
const RELEASE_S: f32 = 0.080;
/// What the gain's own movement and 4x oversampling may still add to a peak (full-band noise driven
/// 30 dB into the limiter is the worst case): peaks are held this far under the ceiling.
const MARGIN_DB: f32 = 0.9;

pub(crate) struct TruePeakLimiter {
    interpolator: [[f32; TAPS]; PHASES],
    tap_abs_sum: f32,
    /// The last TAPS frames, written twice so that they always lie contiguous at `head..head + TAPS`.
    history: [[f32; 2]; 2 * TAPS],
    head: usize,
    /// Frames until the last frame loud enough to need a closer look leaves the window.
    loud_frames_left: usize,
    hold: [f32; HOLD],
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
    pub(crate) fn new(sample_rate: f32, ceiling_dbfs: f32) -> Self {
        let interpolator: [[f32; TAPS]; PHASES] = std::array::from_fn(|phase| {
            let fraction = (phase + 1) as f32 / (PHASES + 1) as f32;
            let mut taps: [f32; TAPS] = std::array::from_fn(|i| {
                let t = i as f32 - (TAPS - 1 - AHEAD) as f32 - fraction;
                let sinc = if t.abs() < 1e-6 {
                    1.0
                } else {
                    (PI * t).sin() / (PI * t)
                };
                let x = PI * t / (TAPS / 2) as f32;
                let blackman = 0.42 + 0.5 * x.cos() + 0.08 * (2.0 * x).cos();
                sinc * blackman
            });
            let sum: f32 = taps.iter().sum();
            taps.iter_mut().for_each(|tap| *tap /= sum);
            taps
        });
        let tap_abs_sum = interpolator
            .iter()
            .map(|taps| taps.iter().map(|t| t.abs()).sum::<f32>())
            .fold(1.0, f32::max);
        let mut limiter = Self {
            interpolator,
            tap_abs_sum,
            history: [[0.0; 2]; 2 * TAPS],
            head: 0,
            loud_frames_left: 0,
            hold: [1.0; HOLD],
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

    /// Takes one frame in, gives the frame from [`LATENCY_FRAMES`] ago out, limited.
    #[inline(always)]
    pub(crate) fn process<M: MulAdd>(&mut self, frame: [f32; 2]) -> [f32; 2] {
        self.history[self.head] = frame;
        self.history[self.head + TAPS] = frame;
        self.head = (self.head + 1) % TAPS;
        // window[i] is x[n - TAPS + 1 + i]: the oldest first, the frame just written last.
        let window = &self.history[self.head..self.head + TAPS];

        // No interpolated value can exceed the window's sample peak times the taps' absolute sum,
        // so quiet windows skip the interpolation.
        if larger(frame[0].abs(), frame[1].abs()) * self.tap_abs_sum > self.target {
            self.loud_frames_left = TAPS;
        }
        let mut required = 1.0f32;
        if self.loud_frames_left > 0 {
            self.loud_frames_left -= 1;
            let centre = window[TAPS - 1 - AHEAD];
            let mut peak = larger(centre[0].abs(), centre[1].abs());
            for taps in &self.interpolator {
                let mut value = [0.0f32; 2];
                for (tap, x) in taps.iter().zip(window) {
                    value[0] = M::mul_add(*tap, x[0], value[0]);
                    value[1] = M::mul_add(*tap, x[1], value[1]);
                }
                peak = larger(peak, larger(value[0].abs(), value[1].abs()));
            }
            if peak > self.target {
                required = self.target / peak;
            }
        }

        self.released = smaller(
            required,
            self.released + self.release * (1.0 - self.released),
        );
        self.hold[self.hold_head] = self.released;
        self.hold_head = (self.hold_head + 1) % HOLD;
        let held = self.hold.iter().copied().fold(1.0, smaller);
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
