//! The drum kit one-shots: analogue-style synthesis of kick, snare, hats, toms and cymbals.

use crate::dsp::{Biquad, Osc, SR, add_partial, decay, filtered, noise, ramp, secs, white};
use rand::RngExt;
use rand::rngs::StdRng;
use std::f32::consts::TAU;

/// The six square oscillators of the classic analogue hi-hat and cymbal circuit: their mutually inharmonic
/// frequencies intermodulate into the metallic clang that noise alone cannot give.
const METAL_HZ: [f32; 6] = [205.3, 304.4, 369.6, 522.7, 540.0, 800.0];

/// Fades the last `len_s` to silence so no one-shot ends on a step.
fn tail_fade(buf: &mut [f32], len_s: f32) {
    let n = buf.len();
    let f = secs(len_s).min(n);
    for (i, s) in buf[n - f..].iter_mut().enumerate() {
        *s *= 1.0 - ramp(i as f32 / SR, len_s);
    }
}

/// Kick: a sine whose pitch falls 150→50 Hz (the beater stretching the head), a click for the beater itself and a
/// touch of saturation for weight on small speakers.
pub fn kick(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(0.7);
    let mut body = vec![0.0; n];
    let mut ph = 0.0f32;
    for (i, s) in body.iter_mut().enumerate() {
        let t = i as f32 / SR;
        let f = 50.0 + 100.0 * decay(t, 0.045);
        *s = (TAU * ph).sin() * decay(t, 0.32) * (1.0 - 0.25 * ramp(t, 0.2));
        ph += f / SR;
    }
    let click = filtered(
        noise(rng, n),
        &[Biquad::highpass(1800.0, 0.7), Biquad::lowpass(9000.0, 0.7)],
    );
    let mut out: Vec<f32> = body
        .iter()
        .zip(&click)
        .enumerate()
        .map(|(i, (b, c))| {
            let t = i as f32 / SR;
            let tick = 0.35 * (TAU * 3200.0 * t).sin() * decay(t, 0.0015);
            let x = b + 0.45 * c * decay(t, 0.0025) + tick;
            (1.8 * x).tanh() / 1.8f32.tanh()
        })
        .collect();
    tail_fade(&mut out, 0.05);
    out
}

/// Snare: two tuned head modes (≈180 and 330 Hz) plus band-passed noise for the wires, which ring longer than the
/// head and carry the crack.
pub fn snare(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(0.6);
    let mut body = vec![0.0; n];
    add_partial(&mut body, 195.0, 180.0, 0.03, 0.8, 0.09, 0.0);
    add_partial(&mut body, 345.0, 330.0, 0.03, 0.45, 0.06, 0.25);
    add_partial(&mut body, 470.0, 455.0, 0.03, 0.15, 0.035, 0.5);
    let wires = filtered(
        noise(rng, n),
        &[
            Biquad::highpass(1500.0, 0.7),
            Biquad::peaking(5000.0, 0.8, 5.0),
            Biquad::lowpass(11000.0, 0.7),
        ],
    );
    let mut out: Vec<f32> = body
        .iter()
        .zip(&wires)
        .enumerate()
        .map(|(i, (b, w))| {
            let t = i as f32 / SR;
            let wire_env = ramp(t, 0.002) * (0.6 * decay(t, 0.15) + 0.6 * decay(t, 0.012));
            let x = b + w * wire_env;
            (1.4 * x).tanh()
        })
        .collect();
    tail_fade(&mut out, 0.08);
    out
}

/// Hi-hat: the six-oscillator metal cluster high-passed into the top octaves plus a little noise; `decay_s` sets how
/// long it rings (closed ≈ 40 ms, open ≈ 350 ms).
pub fn hihat(rng: &mut StdRng, decay_s: f32, len_s: f32) -> Vec<f32> {
    let n = secs(len_s);
    let detune = 1.0 + rng.random_range(-0.01..0.01);
    let mut oscs: Vec<Osc> = (0..6).map(|_| Osc::new(rng.random::<f32>())).collect();
    let metal: Vec<f32> = (0..n)
        .map(|_| {
            oscs.iter_mut()
                .zip(METAL_HZ)
                .map(|(o, f)| o.pulse(f * 2.0 * detune, 0.5))
                .sum::<f32>()
                / 6.0
        })
        .collect();
    let metal = filtered(
        metal,
        &[
            Biquad::bandpass(9500.0, 0.9),
            Biquad::highpass(6500.0, 0.7),
            Biquad::highpass(6500.0, 0.7),
        ],
    );
    let hiss = filtered(
        noise(rng, n),
        &[Biquad::highpass(7000.0, 0.7), Biquad::lowpass(15000.0, 0.7)],
    );
    let mut out: Vec<f32> = (0..n)
        .map(|i| {
            let t = i as f32 / SR;
            let env = ramp(t, 0.0008) * (0.8 * decay(t, decay_s) + 0.5 * decay(t, 0.006));
            (metal[i] * 2.5 + hiss[i] * 0.35) * env
        })
        .collect();
    tail_fade(&mut out, len_s * 0.3);
    out
}

/// Tom: a membrane whose partials follow the ideal circular-membrane ratios, with a short pitch drop and a stick
/// transient.
pub fn tom(rng: &mut StdRng, pitch_hz: f32, len_s: f32) -> Vec<f32> {
    let n = secs(len_s);
    let mut out = vec![0.0; n];
    for (ratio, amp, tau) in [
        (1.0, 1.0, 0.32),
        (1.59, 0.35, 0.16),
        (2.14, 0.18, 0.09),
        (2.30, 0.12, 0.07),
    ] {
        add_partial(
            &mut out,
            pitch_hz * ratio * 1.25,
            pitch_hz * ratio,
            0.06,
            amp,
            tau * len_s / 0.9,
            rng.random::<f32>(),
        );
    }
    let stick = filtered(noise(rng, n), &[Biquad::bandpass(3000.0, 0.6)]);
    for (i, s) in out.iter_mut().enumerate() {
        let t = i as f32 / SR;
        *s = (1.3 * (*s + 0.5 * stick[i] * decay(t, 0.004))).tanh();
    }
    tail_fade(&mut out, 0.1);
    out
}

/// A bank of exponentially decaying sine partials spread log-uniformly over a band; higher partials die sooner,
/// as they do in real plates, but are weighted up (`tilt`) because a cymbal's energy sits in its top octaves.
fn partial_bank(
    rng: &mut StdRng,
    out: &mut [f32],
    count: usize,
    band_hz: (f32, f32),
    decay_s: f32,
    tilt: f32,
) {
    let (lo, hi) = band_hz;
    for _ in 0..count {
        let f = lo * (hi / lo).powf(rng.random::<f32>());
        let t = decay_s * (lo / f).powf(0.35) * rng.random_range(0.6..1.4);
        // Energy peaks around 6 kHz and falls off above, so the plate has no hard upper edge.
        let shape = (f.min(6000.0) / lo).powf(tilt) * (6000.0 / f.max(6000.0)).powf(0.7);
        let a = shape * rng.random_range(0.3..1.0) / (count as f32).sqrt();
        add_partial(out, f, f, 1.0, a, t, rng.random::<f32>());
    }
}

/// Crash: a dense inharmonic plate (≈70 partials) plus ring-modulated metal cluster and noise wash, ~3 s.
pub fn crash(rng: &mut StdRng) -> Vec<f32> {
    let len = 3.0;
    let n = secs(len);
    let mut plate = vec![0.0; n];
    partial_bank(rng, &mut plate, 180, (500.0, 18000.0), 1.3, 0.35);
    let mut oscs: Vec<Osc> = (0..6).map(|_| Osc::new(rng.random::<f32>())).collect();
    let metal: Vec<f32> = (0..n)
        .map(|_| {
            let s: Vec<f32> = oscs
                .iter_mut()
                .zip(METAL_HZ)
                .map(|(o, f)| o.pulse(f * 3.1, 0.5))
                .collect();
            (s[0] + s[1] + s[2]) * (s[3] + s[4] + s[5]) / 9.0
        })
        .collect();
    let metal = filtered(
        metal,
        &[
            Biquad::highpass(3000.0, 0.7),
            Biquad::peaking(7000.0, 1.0, 4.0),
        ],
    );
    let wash = filtered(
        noise(rng, n),
        &[Biquad::highpass(2500.0, 0.7), Biquad::lowpass(14000.0, 0.7)],
    );
    let mut out: Vec<f32> = (0..n)
        .map(|i| {
            let t = i as f32 / SR;
            let swell = 1.0 + 0.15 * (TAU * 3.3 * t).sin() * decay(t, 1.0);
            let env = ramp(t, 0.001);
            env * swell
                * (plate[i]
                    + metal[i] * 0.6 * decay(t, 0.8)
                    + wash[i] * (0.25 * decay(t, 0.9) + 0.6 * decay(t, 0.02)))
        })
        .collect();
    out = filtered(out, &[Biquad::highpass(280.0, 0.7)]);
    tail_fade(&mut out, 0.6);
    out
}

/// Ride: a stick "ping" on a clear bell partial set over a quieter, long shimmer.
pub fn ride(rng: &mut StdRng) -> Vec<f32> {
    let len = 2.5;
    let n = secs(len);
    let mut out = vec![0.0; n];
    for (f, a, tau) in [
        (612.0, 0.35, 1.2),
        (1433.0, 0.3, 0.9),
        (2290.0, 0.25, 0.7),
        (3521.0, 0.18, 0.5),
    ] {
        add_partial(&mut out, f, f, 1.0, a, tau, rng.random::<f32>());
    }
    partial_bank(rng, &mut out, 140, (1800.0, 18000.0), 1.0, 0.2);
    let ping = filtered(noise(rng, n), &[Biquad::bandpass(6500.0, 1.2)]);
    for (i, s) in out.iter_mut().enumerate() {
        let t = i as f32 / SR;
        *s = ramp(t, 0.0008)
            * (*s + ping[i] * 1.6 * decay(t, 0.004) + white(rng) * 0.03 * decay(t, 0.5));
    }
    out = filtered(out, &[Biquad::highpass(350.0, 0.7)]);
    tail_fade(&mut out, 0.5);
    out
}
