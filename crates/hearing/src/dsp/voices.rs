//! The sounds the ear makes itself: the tinnitus tone and the masking-noise rush.

/// A one-pole glide in linear amplitude with separate rise and fall times.
#[derive(Debug, Clone, Copy)]
struct Glide {
    value: f32,
    target: f32,
    rise: f32,
    fall: f32,
}

impl Glide {
    fn new() -> Self {
        Self {
            value: 0.0,
            target: 0.0,
            rise: 1.0,
            fall: 1.0,
        }
    }

    /// `rise_s`/`fall_s` reach within 1 % of the target.
    fn set(&mut self, target: f32, rise_s: f32, fall_s: f32, sample_rate: f32) {
        let rate = |time_s: f32| 1.0 - (-4.6 / (time_s.max(1e-3) * sample_rate)).exp();
        self.target = target;
        self.rise = rate(rise_s);
        self.fall = rate(fall_s);
    }

    #[inline(always)]
    fn next(&mut self) -> f32 {
        // Arrived: the same value, without waiting on the previous frame's arithmetic.
        if self.value == self.target {
            return self.value;
        }
        let rate = if self.target > self.value {
            self.rise
        } else {
            self.fall
        };
        self.value += rate * (self.target - self.value);
        self.value
    }

    fn is_silent(&self) -> bool {
        self.value < 1e-7 && self.target < 1e-7
    }

    /// Arrives at the target at once: a hard cut.
    fn snap(&mut self) {
        self.value = self.target;
    }
}

/// A sine from a rotating phasor, renormalised at every control update so it never drifts.
pub(crate) struct TinnitusVoice {
    re: f32,
    im: f32,
    step_re: f32,
    step_im: f32,
    amplitude: Glide,
}

impl TinnitusVoice {
    pub(crate) fn new() -> Self {
        Self {
            re: 1.0,
            im: 0.0,
            step_re: 1.0,
            step_im: 0.0,
            amplitude: Glide::new(),
        }
    }

    pub(crate) fn set(
        &mut self,
        frequency_hz: f32,
        amplitude: f32,
        rise_s: f32,
        fall_s: f32,
        sample_rate: f32,
    ) {
        // A ringing that fades out keeps its pitch.
        if amplitude > 0.0 {
            let step = 2.0 * std::f32::consts::PI * (frequency_hz / sample_rate).clamp(0.0, 0.49);
            self.step_re = step.cos();
            self.step_im = step.sin();
        }
        self.amplitude.set(amplitude, rise_s, fall_s, sample_rate);
    }

    pub(crate) fn snap(&mut self) {
        self.amplitude.snap();
    }

    /// Pulls the phasor back onto the unit circle; rounding would otherwise drift its amplitude.
    pub(crate) fn renormalize(&mut self) {
        let norm = (self.re * self.re + self.im * self.im).sqrt();
        if norm > 0.0 && norm.is_finite() {
            self.re /= norm;
            self.im /= norm;
        } else {
            self.re = 1.0;
            self.im = 0.0;
        }
    }

    pub(crate) fn is_silent(&self) -> bool {
        self.amplitude.is_silent()
    }

    #[inline(always)]
    pub(crate) fn next(&mut self) -> f32 {
        let re = self.re * self.step_re - self.im * self.step_im;
        self.im = self.re * self.step_im + self.im * self.step_re;
        self.re = re;
        self.im * self.amplitude.next()
    }
}

/// Independent white noise in each ear (xorshift: cheap, allocation-free, deterministic).
pub(crate) struct MaskingNoiseVoice {
    state: [u32; 2],
    amplitude: Glide,
}

/// A uniform variable in [-1, 1) has an RMS of 1/sqrt(3); scaled by this it reads 0 dBFS (AES17).
const UNIFORM_TO_FULL_SCALE: f32 = 1.224_744_9;

impl MaskingNoiseVoice {
    pub(crate) fn new() -> Self {
        Self {
            state: [0x9E37_79B9, 0x85EB_CA6B],
            amplitude: Glide::new(),
        }
    }

    pub(crate) fn snap(&mut self) {
        self.amplitude.snap();
    }

    /// `level` is the linear RMS level relative to full scale (AES17).
    pub(crate) fn set(&mut self, level: f32, rise_s: f32, fall_s: f32, sample_rate: f32) {
        self.amplitude
            .set(level * UNIFORM_TO_FULL_SCALE, rise_s, fall_s, sample_rate);
    }

    pub(crate) fn is_silent(&self) -> bool {
        self.amplitude.is_silent()
    }

    #[inline(always)]
    pub(crate) fn next(&mut self) -> [f32; 2] {
        let amplitude = self.amplitude.next();
        let mut out = [0.0; 2];
        for (state, sample) in self.state.iter_mut().zip(&mut out) {
            let mut x = *state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            *state = x;
            // 24 bits fit a signed integer, whose conversion to a float is one instruction.
            *sample = ((x >> 8) as i32 as f32 / (1u32 << 23) as f32 - 1.0) * amplitude;
        }
        out
    }
}
