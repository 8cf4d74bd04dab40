//! The listener's own body: breath, heartbeat, blood, tendons, swallowing, blinking, and the anechoic floor.

use crate::dsp::{
    Biquad, SR, Svf, add_partial, brown, decay, filtered, noise, pink, ramp, secs, white,
};
use crate::wav::{add_wrapped, cyclic, loop_xfade};
use rand::RngExt;
use rand::rngs::StdRng;
use std::f32::consts::{PI, TAU};

/// A smooth hump from 0 up to 1 and back to 0 across `len_s`, peaking at fraction `peak_at`.
fn hump(t: f32, len_s: f32, peak_at: f32) -> f32 {
    if t <= 0.0 || t >= len_s {
        return 0.0;
    }
    let x = t / len_s;
    let y = if x < peak_at {
        x / peak_at * 0.5
    } else {
        0.5 + (x - peak_at) / (1.0 - peak_at) * 0.5
    };
    (PI * y).sin().powi(2)
}

/// Slow breathing heard from inside: a 2.3 s inhale through the nose (narrower, brighter, rising resonance) and a
/// 3 s exhale through the mouth (broader, darker, with chest rumble), in a 6 s loop that is silent at its seam.
pub fn breath_slow(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(6.0);
    let src = loop_xfade(noise(rng, n + secs(0.5)), n);
    let chest = loop_xfade(brown(rng, n + secs(0.5)), n);
    cyclic(&src, |x| {
        let (mut nose, mut mouth, mut low) = (Svf::new(), Svf::new(), Svf::new());
        let y = x
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                let t = (i % n) as f32 / SR;
                let inhale = hump(t - 0.2, 2.3, 0.65);
                let exhale = hump(t - 2.75, 3.0, 0.3);
                let f_in = 1100.0 + 700.0 * (t - 0.2) / 2.3;
                let f_out = 900.0 - 300.0 * (t - 2.75).max(0.0) / 3.0;
                let a = nose.process(s, f_in, 2.0).band * inhale;
                let b = mouth.process(s, f_out, 0.7).band * exhale;
                let c = low.process(chest[i % n], 180.0, 0.7).low * (inhale * 0.5 + exhale) * 1.5;
                a + b + c
            })
            .collect();
        vec![y]
    })
    .remove(0)
}

/// One heartbeat at 60 BPM as a 1 s loop: the "lub" (closing mitral/tricuspid valves, ≈45–55 Hz, longer) at
/// sample 0 and the softer, higher "dub" 0.3 s later, both as damped low thumps with a little tissue noise.
pub fn heartbeat(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(1.0);
    let mut out = vec![0.0; n];
    for (at, f, amp, tau) in [(0.0, 48.0, 1.0, 0.05), (0.30, 62.0, 0.6, 0.035)] {
        let mut thump = vec![0.0; secs(0.3)];
        add_partial(&mut thump, f * 1.3, f, 0.02, amp, tau, 0.0);
        add_partial(
            &mut thump,
            f * 0.75,
            f * 0.75,
            1.0,
            amp * 0.5,
            tau * 1.3,
            0.25,
        );
        let tissue = filtered(
            noise(rng, thump.len()),
            &[Biquad::lowpass(90.0, 0.7), Biquad::lowpass(90.0, 0.7)],
        );
        for (i, s) in thump.iter_mut().enumerate() {
            let t = i as f32 / SR;
            *s = (*s + tissue[i] * amp * 3.0 * decay(t, tau)) * ramp(t, 0.008);
        }
        add_wrapped(&mut out, secs(at), &thump, 1.0);
    }
    out
}

/// The rush of blood in the ears: low-passed pink noise breathing with one slow swell per loop and a faint
/// surge on each 60 BPM pulse (in step with `heartbeat.wav`). 10 s, seamless.
pub fn blood_rush(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(10.0);
    let src = loop_xfade(pink(rng, n + secs(1.0)), n);
    cyclic(&src, |x| {
        let mut svf = Svf::new();
        let y = x
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                let t = (i % n) as f32 / SR;
                let pulse = decay(t.fract(), 0.18) * ramp(t.fract(), 0.03);
                let swell = 0.7 + 0.3 * (TAU * t / 10.0 - PI / 2.0).sin();
                svf.process(s, 220.0 + 180.0 * pulse, 0.8).low * swell * (1.0 + 0.25 * pulse)
            })
            .collect();
        vec![filtered(y, &[Biquad::highpass(30.0, 0.7)])]
    })
    .remove(0)
}

/// A tendon creaking as a joint moves: stick-slip friction, i.e. an irregular train of micro-impulses whose rate
/// rises and falls, each exciting a few tissue resonances; heard through bone, so the top is soft.
pub fn tendon_creak(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(0.7);
    let mut impulses = vec![0.0; n];
    let mut t = 0.05f32;
    while t < 0.6 {
        let phase = (t - 0.05) / 0.55;
        let rate = 35.0 + 90.0 * (PI * phase).sin();
        impulses[secs(t)] = (PI * phase).sin().powf(0.5) * rng.random_range(0.5..1.0);
        t += rng.random_range(0.7..1.3) / rate;
    }
    let mut out = vec![0.0; n];
    for (f, q, g) in [
        (340.0, 8.0, 1.0),
        (870.0, 7.0, 0.7),
        (1650.0, 5.0, 0.4),
        (2600.0, 4.0, 0.2),
    ] {
        let band = filtered(impulses.clone(), &[Biquad::bandpass(f, q)]);
        out.iter_mut().zip(band).for_each(|(o, b)| *o += b * g);
    }
    filtered(
        out,
        &[Biquad::lowpass(3000.0, 0.7), Biquad::highpass(120.0, 0.7)],
    )
}

/// A swallow from inside the head: a wet tongue click, the gulp (a low resonance gliding down as the throat
/// closes), the slide of the bolus, and a small release click.
pub fn swallow(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(1.1);
    let mut out = vec![0.0; n];
    let click = |rng: &mut StdRng, f: f32, amp: f32| -> Vec<f32> {
        let mut c = filtered(noise(rng, secs(0.03)), &[Biquad::bandpass(f, 3.0)]);
        add_partial(&mut c, f * 0.6, f, 0.004, 0.6, 0.006, 0.0);
        c.iter_mut()
            .enumerate()
            .for_each(|(i, s)| *s *= amp * decay(i as f32 / SR, 0.005));
        c
    };
    add_wrapped(&mut out, secs(0.05), &click(rng, 2200.0, 0.5), 1.0);
    let mut gulp = vec![0.0; secs(0.35)];
    add_partial(&mut gulp, 240.0, 95.0, 0.08, 1.0, 0.09, 0.0);
    add_partial(&mut gulp, 480.0, 200.0, 0.06, 0.3, 0.05, 0.3);
    gulp.iter_mut()
        .enumerate()
        .for_each(|(i, s)| *s *= ramp(i as f32 / SR, 0.015));
    add_wrapped(&mut out, secs(0.32), &gulp, 1.0);
    let mut svf = Svf::new();
    for (i, s) in out.iter_mut().enumerate() {
        let t = i as f32 / SR;
        let slide = ramp(t - 0.25, 0.15) * (1.0 - ramp(t - 0.55, 0.25));
        *s += svf.process(white(rng), 350.0 + 250.0 * slide, 1.0).band * slide * 0.35;
    }
    add_wrapped(&mut out, secs(0.82), &click(rng, 1500.0, 0.25), 1.0);
    filtered(out, &[Biquad::lowpass(4000.0, 0.7)])
}

/// A blink, as only an anechoic room lets you hear it: the lids meeting in a tiny wet click and parting, a
/// tenth of a second later, with a softer sticky crackle.
pub fn blink(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(0.25);
    let mut out = vec![0.0; n];
    let mut close = vec![0.0; secs(0.03)];
    add_partial(&mut close, 3400.0, 2200.0, 0.003, 0.7, 0.003, 0.0);
    let burst = filtered(noise(rng, close.len()), &[Biquad::highpass(1200.0, 0.7)]);
    for (i, s) in close.iter_mut().enumerate() {
        *s += burst[i] * 0.5 * decay(i as f32 / SR, 0.0012);
    }
    add_wrapped(&mut out, secs(0.01), &close, 1.0);
    for k in 0..4 {
        let mut tick = vec![0.0; secs(0.01)];
        let f = rng.random_range(2000.0..3500.0);
        add_partial(&mut tick, f, f * 0.8, 0.002, 0.2, 0.0015, 0.0);
        add_wrapped(
            &mut out,
            secs(0.115 + 0.006 * k as f32 + rng.random_range(0.0..0.003)),
            &tick,
            1.0,
        );
    }
    filtered(
        out,
        &[Biquad::highpass(400.0, 0.7), Biquad::lowpass(7000.0, 0.7)],
    )
}

/// Almost nothing: the anechoic room's floor, a barely-there rumble of building and body with a trace of air
/// above it. 10 s, seamless.
pub fn anechoic_tone(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(10.0);
    let low = loop_xfade(brown(rng, n + secs(1.0)), n);
    let air = loop_xfade(pink(rng, n + secs(1.0)), n);
    let low = cyclic(&low, |x| {
        vec![filtered(
            x.to_vec(),
            &[Biquad::highpass(20.0, 0.7), Biquad::lowpass(150.0, 0.7)],
        )]
    });
    let air = cyclic(&air, |x| {
        vec![filtered(x.to_vec(), &[Biquad::lowpass(1200.0, 0.7)])]
    });
    low[0]
        .iter()
        .zip(&air[0])
        .map(|(a, b)| a + b * 0.05)
        .collect()
}
