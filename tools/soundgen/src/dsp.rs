//! Signal-processing building blocks shared by every generator: filters, oscillators, noise, dynamics, reverb.

use rand::RngExt;
use rand::rngs::StdRng;
use std::f32::consts::{PI, TAU};

/// Every asset is rendered at this rate so the game never resamples.
pub const SR: f32 = 48_000.0;

/// Seconds to whole samples at [`SR`].
pub fn secs(seconds: f32) -> usize {
    (seconds * SR).round() as usize
}

/// Decibels to linear amplitude.
pub fn db(gain_db: f32) -> f32 {
    10f32.powf(gain_db / 20.0)
}

/// Largest absolute sample (never zero, so it can divide).
pub fn peak(x: &[f32]) -> f32 {
    x.iter().fold(1e-9f32, |m, s| m.max(s.abs()))
}

/// The buffer scaled to a peak of 1, so layers are mixed by intent rather than by accident of synthesis.
pub fn unit_peak(mut x: Vec<f32>) -> Vec<f32> {
    let p = peak(&x);
    x.iter_mut().for_each(|s| *s /= p);
    x
}

/// Uniform white noise in -1..1.
pub fn white(rng: &mut StdRng) -> f32 {
    rng.random::<f32>() * 2.0 - 1.0
}

/// Buffer of white noise.
pub fn noise(rng: &mut StdRng, n: usize) -> Vec<f32> {
    (0..n).map(|_| white(rng)).collect()
}

/// Pink (-3 dB/octave) noise via Paul Kellett's economy filter: cheap and flat enough for room air and crowds.
pub struct Pink {
    b: [f32; 3],
}

impl Pink {
    pub fn new() -> Self {
        Self { b: [0.0; 3] }
    }

    pub fn next(&mut self, rng: &mut StdRng) -> f32 {
        let w = white(rng);
        self.b[0] = 0.99765 * self.b[0] + w * 0.099_046;
        self.b[1] = 0.96300 * self.b[1] + w * 0.296_516_4;
        self.b[2] = 0.57000 * self.b[2] + w * 1.052_691_3;
        (self.b[0] + self.b[1] + self.b[2] + w * 0.1848) * 0.18
    }
}

/// Buffer of pink noise.
pub fn pink(rng: &mut StdRng, n: usize) -> Vec<f32> {
    let mut p = Pink::new();
    (0..n).map(|_| p.next(rng)).collect()
}

/// Brown (-6 dB/octave) noise: leaky integration of white noise, the rumble under traffic and bodies.
pub fn brown(rng: &mut StdRng, n: usize) -> Vec<f32> {
    let mut y = 0.0;
    (0..n)
        .map(|_| {
            y = 0.998 * y + 0.06 * white(rng);
            y
        })
        .collect()
}

/// RBJ-cookbook biquad (transposed direct form II), the workhorse EQ and resonator.
#[derive(Clone, Copy)]
pub struct Biquad {
    b0: f32,
    b1: f32,
    b2: f32,
    a1: f32,
    a2: f32,
    z1: f32,
    z2: f32,
}

impl Biquad {
    fn from(b: [f32; 3], a: [f32; 3]) -> Self {
        Self {
            b0: b[0] / a[0],
            b1: b[1] / a[0],
            b2: b[2] / a[0],
            a1: a[1] / a[0],
            a2: a[2] / a[0],
            z1: 0.0,
            z2: 0.0,
        }
    }

    fn w(freq_hz: f32, q: f32) -> (f32, f32) {
        let w0 = TAU * freq_hz.clamp(5.0, SR * 0.49) / SR;
        (w0.cos(), w0.sin() / (2.0 * q))
    }

    pub fn lowpass(cutoff_hz: f32, q: f32) -> Self {
        let (c, al) = Self::w(cutoff_hz, q);
        Self::from(
            [(1.0 - c) / 2.0, 1.0 - c, (1.0 - c) / 2.0],
            [1.0 + al, -2.0 * c, 1.0 - al],
        )
    }

    pub fn highpass(cutoff_hz: f32, q: f32) -> Self {
        let (c, al) = Self::w(cutoff_hz, q);
        Self::from(
            [(1.0 + c) / 2.0, -(1.0 + c), (1.0 + c) / 2.0],
            [1.0 + al, -2.0 * c, 1.0 - al],
        )
    }

    /// Band-pass with 0 dB gain at the centre, so a resonance's level does not depend on its Q.
    pub fn bandpass(centre_hz: f32, q: f32) -> Self {
        let (c, al) = Self::w(centre_hz, q);
        Self::from([al, 0.0, -al], [1.0 + al, -2.0 * c, 1.0 - al])
    }

    pub fn peaking(centre_hz: f32, q: f32, gain_db: f32) -> Self {
        let (c, al) = Self::w(centre_hz, q);
        let a = 10f32.powf(gain_db / 40.0);
        Self::from(
            [1.0 + al * a, -2.0 * c, 1.0 - al * a],
            [1.0 + al / a, -2.0 * c, 1.0 - al / a],
        )
    }

    pub fn process(&mut self, x: f32) -> f32 {
        let y = self.b0 * x + self.z1;
        self.z1 = self.b1 * x - self.a1 * y + self.z2;
        self.z2 = self.b2 * x - self.a2 * y;
        y
    }

    /// Filters a whole buffer in place.
    pub fn run(mut self, buf: &mut [f32]) {
        for s in buf {
            *s = self.process(*s);
        }
    }
}

/// Applies a chain of biquads to a buffer, returning the result.
pub fn filtered(mut buf: Vec<f32>, chain: &[Biquad]) -> Vec<f32> {
    for f in chain {
        f.run(&mut buf);
    }
    buf
}

/// Topology-preserving state-variable filter: unlike a biquad it stays stable and click-free while its cutoff is
/// modulated every sample, which breath, sliding and bubbles need.
pub struct Svf {
    ic1: f32,
    ic2: f32,
}

/// The outputs of one [`Svf`] step.
pub struct SvfOut {
    pub low: f32,
    pub band: f32,
}

impl Svf {
    pub fn new() -> Self {
        Self { ic1: 0.0, ic2: 0.0 }
    }

    pub fn process(&mut self, x: f32, cutoff_hz: f32, q: f32) -> SvfOut {
        let g = (PI * cutoff_hz.clamp(5.0, SR * 0.45) / SR).tan();
        let k = 1.0 / q;
        let a1 = 1.0 / (1.0 + g * (g + k));
        let v3 = x - self.ic2;
        let v1 = a1 * self.ic1 + g * a1 * v3;
        let v2 = self.ic2 + g * v1;
        self.ic1 = 2.0 * v1 - self.ic1;
        self.ic2 = 2.0 * v2 - self.ic2;
        SvfOut { low: v2, band: v1 }
    }
}

/// PolyBLEP correction: removes most aliasing from the discontinuities of saw and square oscillators.
fn poly_blep(t: f32, dt: f32) -> f32 {
    if t < dt {
        let t = t / dt;
        t + t - t * t - 1.0
    } else if t > 1.0 - dt {
        let t = (t - 1.0) / dt;
        t * t + t + t + 1.0
    } else {
        0.0
    }
}

/// Band-limited sawtooth/pulse oscillator driven by a phase in cycles.
pub struct Osc {
    phase: f32,
}

impl Osc {
    pub fn new(phase: f32) -> Self {
        Self { phase }
    }

    fn advance(&mut self, freq_hz: f32) -> (f32, f32) {
        let dt = (freq_hz / SR).min(0.5);
        let t = self.phase;
        self.phase = (self.phase + dt).fract();
        (t, dt)
    }

    pub fn saw(&mut self, freq_hz: f32) -> f32 {
        let (t, dt) = self.advance(freq_hz);
        2.0 * t - 1.0 - poly_blep(t, dt)
    }

    /// Pulse with the given duty cycle (0.5 = square).
    pub fn pulse(&mut self, freq_hz: f32, duty: f32) -> f32 {
        let (t, dt) = self.advance(freq_hz);
        let naive = if t < duty { 1.0 } else { -1.0 };
        naive + poly_blep(t, dt) - poly_blep((t + 1.0 - duty).fract(), dt)
    }

    pub fn sine(&mut self, freq_hz: f32) -> f32 {
        let (t, _) = self.advance(freq_hz);
        (TAU * t).sin()
    }
}

/// Exponential decay with time constant `tau_s`.
pub fn decay(t_s: f32, tau_s: f32) -> f32 {
    (-t_s / tau_s).exp()
}

/// Raised-cosine ramp 0→1 over `len_s`: the smooth onset/offset that keeps envelopes click-free.
pub fn ramp(t_s: f32, len_s: f32) -> f32 {
    if t_s <= 0.0 {
        0.0
    } else if t_s >= len_s {
        1.0
    } else {
        0.5 - 0.5 * (PI * t_s / len_s).cos()
    }
}

/// A single exponentially decaying sine partial with optional exponential pitch glide, summed into `out`.
pub fn add_partial(
    out: &mut [f32],
    start_hz: f32,
    end_hz: f32,
    glide_s: f32,
    amp: f32,
    decay_s: f32,
    phase: f32,
) {
    let mut ph = phase;
    for (i, s) in out.iter_mut().enumerate() {
        let t = i as f32 / SR;
        let f = end_hz + (start_hz - end_hz) * decay(t, glide_s);
        *s += amp * decay(t, decay_s) * (TAU * ph).sin();
        ph = (ph + f / SR).fract();
    }
}

/// Feed-forward RMS compressor with soft knee: gently evens out speech and mixes like a mastering bus would.
pub fn compress(
    buf: &mut [f32],
    threshold_db: f32,
    ratio: f32,
    attack_s: f32,
    release_s: f32,
    makeup_db: f32,
) {
    let ga = (-1.0 / (attack_s * SR)).exp();
    let gr = (-1.0 / (release_s * SR)).exp();
    let mut env = 0.0f32;
    let knee = 6.0;
    for s in buf {
        let p = *s * *s;
        let c = if p > env { ga } else { gr };
        env = c * env + (1.0 - c) * p;
        let level = 10.0 * env.max(1e-12).log10();
        let over = level - threshold_db;
        let reduction = if over <= -knee / 2.0 {
            0.0
        } else if over >= knee / 2.0 {
            over * (1.0 - 1.0 / ratio)
        } else {
            (1.0 - 1.0 / ratio) * (over + knee / 2.0).powi(2) / (2.0 * knee)
        };
        *s *= db(makeup_db - reduction);
    }
}

/// Asymmetric tanh waveshaper: the even harmonics of the asymmetry are what makes a fuzz sound like an amp.
pub fn fuzz(x: f32, drive: f32, bias: f32) -> f32 {
    (drive * x + bias).tanh() - bias.tanh()
}

/// Windowed-sinc resampler (Blackman, 32 taps), used to bring espeak-ng's 22.05 kHz speech up to 48 kHz.
pub fn resample(input: &[f32], from_hz: f32) -> Vec<f32> {
    const HALF: isize = 16;
    let ratio = from_hz / SR;
    let cutoff = ratio.min(1.0) * 0.97;
    let n_out = (input.len() as f32 / ratio).floor() as usize;
    (0..n_out)
        .map(|j| {
            let t = j as f32 * ratio;
            let centre = t.floor() as isize;
            let mut acc = 0.0;
            for k in centre - HALF + 1..=centre + HALF {
                if k < 0 || k as usize >= input.len() {
                    continue;
                }
                let x = t - k as f32;
                let sinc = if x.abs() < 1e-6 {
                    1.0
                } else {
                    (PI * x * cutoff).sin() / (PI * x * cutoff)
                };
                let w = 0.42
                    + 0.5 * (PI * x / HALF as f32).cos()
                    + 0.08 * (2.0 * PI * x / HALF as f32).cos();
                acc += input[k as usize] * cutoff * sinc * w;
            }
            acc
        })
        .collect()
}

/// Equal-power pan: -1 = left, 1 = right.
pub fn pan(p: f32) -> (f32, f32) {
    let a = (p.clamp(-1.0, 1.0) + 1.0) * PI / 4.0;
    (a.cos(), a.sin())
}

/// Eight-line feedback delay network reverb with input diffusion and damping, stereo out. Small rooms (a club, a
/// kitchen) need dense early reflections more than long tails, and an FDN gives both from a few lines of code.
pub struct Reverb {
    lines: Vec<Vec<f32>>,
    pos: Vec<usize>,
    gain: Vec<f32>,
    damp: Vec<f32>,
    lp: Vec<f32>,
    diffusers: Vec<(Vec<f32>, usize)>,
}

impl Reverb {
    /// `size` scales the delay lengths (1.0 ≈ a mid-sized club), `rt60_s` is the decay time and `damping`
    /// (0..1) how much faster the highs die than the lows.
    pub fn new(size: f32, rt60_s: f32, damping: f32) -> Self {
        const BASE: [usize; 8] = [1433, 1601, 1867, 2053, 2251, 2399, 2617, 2797];
        let lens: Vec<usize> = BASE
            .iter()
            .map(|&l| ((l as f32 * size) as usize).max(64))
            .collect();
        let gain = lens
            .iter()
            .map(|&l| db(-60.0 * l as f32 / (rt60_s * SR)))
            .collect();
        let diffusers = [142usize, 107, 379, 277]
            .iter()
            .map(|&l| (vec![0.0; ((l as f32 * size) as usize).max(8)], 0))
            .collect();
        Self {
            lines: lens.iter().map(|&l| vec![0.0; l]).collect(),
            pos: vec![0; 8],
            gain,
            damp: vec![damping.clamp(0.0, 0.95); 8],
            lp: vec![0.0; 8],
            diffusers,
        }
    }

    /// One sample in, wet (left, right) out.
    pub fn process(&mut self, x: f32) -> (f32, f32) {
        // Schroeder all-passes smear the input so the first reflections are not a flutter of discrete echoes.
        let mut d = x;
        for (buf, p) in &mut self.diffusers {
            let delayed = buf[*p];
            let v = d + 0.6 * delayed;
            buf[*p] = v;
            d = delayed - 0.6 * v;
            *p = (*p + 1) % buf.len();
        }
        let mut outs = [0.0f32; 8];
        for (i, o) in outs.iter_mut().enumerate() {
            let raw = self.lines[i][self.pos[i]];
            self.lp[i] = raw * (1.0 - self.damp[i]) + self.lp[i] * self.damp[i];
            *o = self.lp[i] * self.gain[i];
        }
        // A normalised Hadamard matrix mixes every line into every other without changing the energy.
        let mixed = hadamard8(outs);
        for (i, m) in mixed.iter().enumerate() {
            let len = self.lines[i].len();
            self.lines[i][self.pos[i]] = m + d;
            self.pos[i] = (self.pos[i] + 1) % len;
        }
        let l = outs[0] - outs[2] + outs[4] - outs[6];
        let r = outs[1] - outs[3] + outs[5] - outs[7];
        (l * 0.5, r * 0.5)
    }
}

fn hadamard8(v: [f32; 8]) -> [f32; 8] {
    let mut a = v;
    let mut h = 1;
    while h < 8 {
        for i in (0..8).step_by(h * 2) {
            for j in i..i + h {
                let (x, y) = (a[j], a[j + h]);
                a[j] = x + y;
                a[j + h] = x - y;
            }
        }
        h *= 2;
    }
    a.map(|s| s * 0.353_553_4)
}
