//! Places: the bar's crowd and glasses, the RV's kitchen and street, the house's children, floor and room tone.

use crate::dsp::{
    Biquad, Osc, SR, Svf, add_partial, brown, db, decay, filtered, noise, pan, pink, ramp, secs,
    unit_peak, white,
};
use crate::music::club_reverb;
use crate::speech::speak;
use crate::wav::{add_wrapped, cyclic, loop_xfade};
use rand::RngExt;
use rand::rngs::StdRng;
use std::f32::consts::TAU;

/// Two glasses touching: each glass is a few inharmonic wine-glass partials between 2 and 6 kHz that die fast,
/// the second glass slightly detuned so the pair beats; a faint bounce follows the first contact.
pub fn glass_clink(rng: &mut StdRng, variant: usize) -> Vec<f32> {
    let n = secs(0.7);
    let mut out = vec![0.0; n];
    let base = [2150.0, 2480.0, 1980.0][variant % 3] * rng.random_range(0.98..1.02);
    let bounce = secs(rng.random_range(0.006..0.014));
    for (glass, (ratio, amp)) in [(1.0, 1.0), (rng.random_range(1.05..1.09), 0.6)]
        .into_iter()
        .enumerate()
    {
        for (k, (p, tau)) in [(1.0, 0.28), (1.58, 0.14), (2.31, 0.08), (2.74, 0.05)]
            .into_iter()
            .enumerate()
        {
            let f = base * ratio * p;
            let a = amp * [1.0, 0.55, 0.35, 0.25][k] * rng.random_range(0.8..1.2);
            add_partial(
                &mut out,
                f,
                f,
                1.0,
                a,
                tau * rng.random_range(0.8..1.2),
                rng.random::<f32>(),
            );
            if glass == 0 {
                add_partial(
                    &mut out[bounce..],
                    f,
                    f,
                    1.0,
                    a * 0.3,
                    tau * 0.5,
                    rng.random::<f32>(),
                );
            }
        }
    }
    let tick = filtered(noise(rng, secs(0.01)), &[Biquad::highpass(3000.0, 0.7)]);
    for (i, t) in tick.iter().enumerate() {
        out[i] += t * 0.6 * decay(i as f32 / SR, 0.0012);
    }
    for (i, s) in out.iter_mut().enumerate() {
        *s *= 1.0 - ramp(i as f32 / SR - 0.6, 0.1);
    }
    out
}

/// A burst of laughter: falling-pitch "ha" syllables, each a glottal saw through the formants of an open vowel
/// with an aspirated onset.
fn laugh(rng: &mut StdRng, f0: f32) -> Vec<f32> {
    let count = rng.random_range(4..8);
    let gap = rng.random_range(0.15..0.2);
    let n = secs(gap * count as f32 + 0.3);
    let mut src = vec![0.0; n];
    for k in 0..count {
        let start = secs(k as f32 * gap);
        let len = gap * 0.7;
        let f = f0 * (1.0 - 0.04 * k as f32) * rng.random_range(0.97..1.03);
        let amp = 1.0 - 0.1 * k as f32;
        let mut osc = Osc::new(0.0);
        for i in 0..secs(len) {
            let t = i as f32 / SR;
            let env = ramp(t, 0.02) * (1.0 - ramp(t - len * 0.6, len * 0.4)) * amp;
            let aspiration = white(rng) * (1.0 - ramp(t, 0.03)) * 0.6;
            src[start + i] += (osc.saw(f * (1.0 - 0.1 * t / len)) * 0.5 + aspiration) * env;
        }
    }
    let mut out = vec![0.0; n];
    // The formants of an open "ah".
    for (f, g) in [(750.0, 1.0), (1200.0, 0.6), (2600.0, 0.25)] {
        let band = filtered(src.clone(), &[Biquad::bandpass(f, 6.0)]);
        out.iter_mut().zip(band).for_each(|(o, b)| *o += b * g);
    }
    out
}

/// Invented small talk for the crowd. Heard as murmur, never as lines.
const CHATTER: &[&str] = &[
    "Did you catch the opener last month?",
    "I'll get the next round.",
    "No, the other place, across the street.",
    "She said the van broke down outside of town.",
    "Is this the line for the bathroom?",
    "Two beers and a water, please.",
    "I love this room, the sound is always terrible.",
    "We drove four hours for this.",
    "Are they any good live?",
    "My ears are still ringing from Friday.",
    "Can you hold my jacket for a second?",
    "What time do they go on?",
    "He used to work at the record store.",
    "Tell me that story again, the one with the dog.",
    "Okay, okay, one more and then we go.",
    "It's so hot in here already.",
    "I lost my ticket but they let me in anyway.",
    "Wait, is that the drummer?",
    "I haven't seen you in forever!",
    "They're louder than last time, I swear.",
];

const CROWD_VOICES: &[&str] = &[
    "en-us+m1",
    "en-us+m2",
    "en-us+m4",
    "en-us+m5",
    "en-us+m6",
    "en-us+f1",
    "en-us+f2",
    "en-us+f4",
    "en-gb+m3",
    "en-gb+f2",
    "en-gb-scotland+m2",
    "en-029+f3",
];

/// The bar before the show: a dozen talkers murmuring our invented small talk at different distances and
/// positions, laughter, glasses, a low walla bed, all in the club's reverb. 30 s, stereo, seamless.
pub fn bar_chatter(rng: &mut StdRng) -> Result<(Vec<f32>, Vec<f32>), String> {
    let n = secs(30.0);
    let (mut l, mut r) = (vec![0.0; n], vec![0.0; n]);
    for voice in CROWD_VOICES {
        let position = rng.random_range(-0.9..0.9);
        let distance = rng.random_range(0.0..1.0f32);
        let (gl, gr) = pan(position);
        let gain = db(-4.0 - 10.0 * distance);
        // Farther talkers lose more top end, as they would across a crowded room.
        let lp = 3800.0 - 2000.0 * distance;
        let pitch = rng.random_range(30..70u8);
        let mut t = rng.random_range(0.0..3.0f32);
        while t < 30.0 {
            let text = CHATTER[rng.random_range(0..CHATTER.len())];
            let speed = rng.random_range(150..190u16);
            let v = unit_peak(filtered(
                speak(voice, pitch, speed, text)?,
                &[
                    Biquad::highpass(220.0, 0.7),
                    Biquad::lowpass(lp, 0.7),
                    Biquad::lowpass(lp * 1.3, 0.7),
                ],
            ));
            let g = gain * rng.random_range(0.7..1.0);
            add_wrapped(&mut l, secs(t), &v, g * gl);
            add_wrapped(&mut r, secs(t), &v, g * gr);
            t += v.len() as f32 / SR + rng.random_range(0.3..2.5);
        }
    }
    for k in 0..6 {
        let f0 = if k % 2 == 0 {
            rng.random_range(190.0..260.0)
        } else {
            rng.random_range(110.0..150.0)
        };
        let s = unit_peak(laugh(rng, f0));
        let (gl, gr) = pan(rng.random_range(-0.8..0.8));
        let at = secs(k as f32 * 5.0 + rng.random_range(0.5..4.0));
        let g = db(rng.random_range(-14.0..-8.0));
        add_wrapped(&mut l, at, &s, g * gl);
        add_wrapped(&mut r, at, &s, g * gr);
    }
    for k in 0..9 {
        let s = glass_clink(rng, k);
        let (gl, gr) = pan(rng.random_range(-0.9..0.9));
        let at = secs(k as f32 * 3.3 + rng.random_range(0.2..2.8));
        let g = db(rng.random_range(-16.0..-8.0));
        add_wrapped(&mut l, at, &s, g * gl);
        add_wrapped(&mut r, at, &s, g * gr);
    }
    // The walla bed: band-limited pink noise with a slow, uneven swell, so the gaps between talkers never read as
    // silence. Independent noise per side keeps it wide.
    for ch in [&mut l, &mut r] {
        let bed = loop_xfade(pink(rng, n + secs(1.0)), n);
        let bed = cyclic(&bed, |x| {
            vec![filtered(
                x.to_vec(),
                &[Biquad::bandpass(500.0, 0.6), Biquad::lowpass(1500.0, 0.7)],
            )]
        });
        for (i, (c, b)) in ch.iter_mut().zip(&bed[0]).enumerate() {
            let t = i as f32 / SR;
            *c += b * 0.12 * (1.0 + 0.3 * (TAU * t / 7.5).sin() * (TAU * t / 10.0).cos());
        }
    }
    let mid: Vec<f32> = l.iter().zip(&r).map(|(a, b)| (a + b) * 0.5).collect();
    let wet = cyclic(&mid, |x| club_reverb(x, 1.0, 1.2));
    Ok((
        l.iter().zip(&wet[0]).map(|(d, w)| d + w * 0.45).collect(),
        r.iter().zip(&wet[1]).map(|(d, w)| d + w * 0.45).collect(),
    ))
}

/// One vehicle passing on the road beside the RV: engine harmonics and tyre roar whose pitch follows the Doppler
/// shift, level and brightness following distance, panned along its path. Returns a 10 s stereo render centred on
/// the moment of closest approach.
fn car_pass(
    rng: &mut StdRng,
    engine_hz: f32,
    speed: f32,
    lateral: f32,
    dir: f32,
    loudness: f32,
) -> (Vec<f32>, Vec<f32>) {
    const C: f32 = 343.0;
    let n = secs(10.0);
    let tyres = pink(rng, n);
    let (mut l, mut r) = (vec![0.0; n], vec![0.0; n]);
    let mut phase = 0.0f32;
    let mut air = Svf::new();
    let mut roar = Svf::new();
    for i in 0..n {
        let t = i as f32 / SR - 5.0;
        let x = dir * speed * t;
        let dist = (x * x + lateral * lateral).sqrt();
        let radial = speed * speed * t / dist;
        let doppler = C / (C + radial);
        phase = (phase + engine_hz * doppler / SR).fract();
        let engine: f32 = (1..9)
            .map(|k| (TAU * phase * k as f32).sin() / k as f32)
            .sum::<f32>()
            * 0.5;
        let tyre = roar.process(tyres[i], 700.0 * doppler, 0.6).band * 2.0;
        let src = engine * 0.6 + tyre;
        let y = air
            .process(src, (9000.0 / (1.0 + dist / 15.0)).max(300.0), 0.7)
            .low;
        let g = loudness * lateral / dist.max(lateral) * ramp(t + 5.0, 1.0) * ramp(5.0 - t, 1.0);
        let (gl, gr) = pan(x / dist);
        l[i] = y * g * gl;
        r[i] = y * g * gr;
    }
    (l, r)
}

/// The street outside the parked RV: a low city rumble and five vehicles (one truck) passing at different speeds
/// and distances. 20 s, stereo, seamless.
pub fn traffic(rng: &mut StdRng) -> (Vec<f32>, Vec<f32>) {
    let n = secs(20.0);
    let mut ch: Vec<Vec<f32>> = (0..2)
        .map(|_| {
            let low = loop_xfade(brown(rng, n + secs(1.0)), n);
            let mid = loop_xfade(pink(rng, n + secs(1.0)), n);
            let mixed: Vec<f32> = low
                .iter()
                .zip(&mid)
                .map(|(a, b)| a * 0.6 + b * 0.05)
                .collect();
            cyclic(&mixed, |x| {
                vec![filtered(
                    x.to_vec(),
                    &[Biquad::highpass(25.0, 0.7), Biquad::lowpass(400.0, 0.7)],
                )]
            })
            .remove(0)
        })
        .collect();
    for (at, engine, speed, lateral, dir, loud) in [
        (2.0, 42.0, 14.0, 9.0, 1.0, 0.5),
        (6.5, 55.0, 18.0, 14.0, -1.0, 0.35),
        (10.5, 26.0, 10.0, 11.0, 1.0, 0.8),
        (14.0, 48.0, 20.0, 8.0, -1.0, 0.45),
        (17.5, 38.0, 13.0, 18.0, 1.0, 0.3),
    ] {
        let (cl, cr) = car_pass(rng, engine, speed, lateral, dir, loud);
        let start = (secs(at) + n - secs(5.0)) % n;
        add_wrapped(&mut ch[0], start, &cl, 1.0);
        add_wrapped(&mut ch[1], start, &cr, 1.0);
    }
    let r = ch.remove(1);
    (ch.remove(0), r)
}

/// The house at rest: soft air and a refrigerator's compressor hum (60 Hz mains harmonics with a slow beat).
/// Every tone completes a whole number of cycles in 20 s, so the loop is seamless by construction.
pub fn room_tone_house(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(20.0);
    let air = loop_xfade(pink(rng, n + secs(1.0)), n);
    let air = cyclic(&air, |x| {
        vec![filtered(
            x.to_vec(),
            &[Biquad::highpass(40.0, 0.7), Biquad::lowpass(1500.0, 0.7)],
        )]
    })
    .remove(0);
    (0..n)
        .map(|i| {
            let t = i as f32 / SR;
            let wobble = 1.0 + 0.2 * (TAU * 0.25 * t).sin();
            let hum: f32 = [
                (60.0, 0.5),
                (120.0, 1.0),
                (180.0, 0.35),
                (240.0, 0.25),
                (360.0, 0.1),
                (480.0, 0.06),
            ]
            .iter()
            .map(|&(f, a)| a * (TAU * f * t).sin())
            .sum();
            air[i] + hum * 0.02 * wobble
        })
        .collect()
}

/// Children's tempo: 26 beats fill the 16 s loop exactly.
const KIDS_BPM: f32 = 97.5;

/// A child's footfall on a wooden floor: a soft low thud and the boards' short resonances.
fn footfall(rng: &mut StdRng, weight: f32) -> Vec<f32> {
    let n = secs(0.35);
    let mut out = vec![0.0; n];
    add_partial(&mut out, 120.0, 75.0, 0.02, weight, 0.07, 0.0);
    for f in [190.0, 270.0, 420.0] {
        add_partial(
            &mut out,
            f * rng.random_range(0.95..1.05),
            f,
            1.0,
            0.25,
            0.035,
            rng.random::<f32>(),
        );
    }
    let scuff = filtered(noise(rng, n), &[Biquad::bandpass(1200.0, 0.7)]);
    for (i, s) in out.iter_mut().enumerate() {
        let t = i as f32 / SR;
        *s = (*s + scuff[i] * 0.08 * decay(t, 0.01)) * ramp(t, 0.002);
    }
    out
}

/// Children playing in the house's playroom: running feet and jumps on the wooden floor and a slide on a ~100 BPM
/// pulse (97.5 BPM so the loop holds whole beats), with distant, muffled voices. 16 s, seamless.
pub fn children_play(rng: &mut StdRng) -> Result<Vec<f32>, String> {
    let n = secs(16.0);
    let beat = 60.0 / KIDS_BPM;
    let mut out = vec![0.0; n];
    let at = |b: f32| secs(b * beat);
    let runs: [(f32, f32); 3] = [(0.0, 8.0), (10.0, 14.0), (18.0, 24.0)];
    for (from, to) in runs {
        let mut b = from;
        while b < to {
            let accent = if b.fract() == 0.0 { 1.0 } else { 0.6 };
            let jitter = rng.random_range(-0.015..0.015);
            add_wrapped(&mut out, at(b + jitter), &footfall(rng, accent), 0.5);
            b += 0.5;
        }
    }
    for b in [8.0, 24.0, 25.0] {
        add_wrapped(&mut out, at(b), &footfall(rng, 2.0), 0.8);
    }
    // The slide: friction noise whose brightness rises with speed, ending in a landing on beat 16.
    let slide_len = 1.5 * beat;
    let mut svf = Svf::new();
    let slide: Vec<f32> = (0..secs(slide_len))
        .map(|i| {
            let t = i as f32 / SR;
            let speed = t / slide_len;
            let env = ramp(t, 0.2) * (1.0 - ramp(t - slide_len + 0.05, 0.05));
            svf.process(white(rng), 300.0 + 900.0 * speed, 1.5).band * env * 0.3
        })
        .collect();
    let slide = filtered(slide, &[Biquad::lowpass(2000.0, 0.7)]);
    add_wrapped(&mut out, at(14.5), &slide, 1.0);
    add_wrapped(&mut out, at(16.0), &footfall(rng, 2.5), 0.9);
    for (b, voice, text) in [
        (1.0, "en-us+f5", "Watch me!"),
        (9.0, "en-us+f2", "My turn, my turn!"),
        (15.0, "en-us+m3", "Whee!"),
        (19.0, "en-us+f4", "Again! Again!"),
    ] {
        let v = unit_peak(filtered(
            speak(voice, 99, 175, text)?,
            &[Biquad::highpass(250.0, 0.7), Biquad::lowpass(1100.0, 0.7)],
        ));
        add_wrapped(&mut out, at(b), &v, 0.12);
    }
    // Heard from across the playroom: the far side of the room keeps the thuds and loses the top.
    let wet = cyclic(&out, |x| {
        let mut v = club_reverb(x, 0.6, 0.7);
        v[0] = filtered(
            x.iter().zip(&v[0]).map(|(d, w)| d + w * 0.3).collect(),
            &[Biquad::lowpass(4000.0, 0.7)],
        );
        v
    });
    Ok(wet.into_iter().next().unwrap_or_default())
}

/// Floor beat tempo; 16 beats are exactly 9.6 s.
pub const FLOOR_BPM: f32 = 100.0;

/// The beat the children feel through the floor: strong 50–80 Hz thumps on a 100 BPM grid, bar accents on every
/// fourth beat, first beat at sample 0. It drives rumble and visuals, so it is kept clean below 150 Hz.
pub fn floor_beat(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(9.6);
    let beat = secs(60.0 / FLOOR_BPM);
    let mut out = vec![0.0; n];
    for k in 0..16 {
        let mut thump = vec![0.0; secs(0.5)];
        add_partial(&mut thump, 80.0, 50.0, 0.05, 1.0, 0.16, 0.0);
        let body = filtered(
            noise(rng, thump.len()),
            &[Biquad::lowpass(120.0, 0.7), Biquad::lowpass(120.0, 0.7)],
        );
        for (i, s) in thump.iter_mut().enumerate() {
            let t = i as f32 / SR;
            *s =
                (*s + body[i] * 2.0 * decay(t, 0.05)) * ramp(t, 0.003) * (1.0 - ramp(t - 0.4, 0.1));
        }
        let accent = if k % 4 == 0 { 1.0 } else { 0.7 };
        add_wrapped(&mut out, k * beat, &thump, accent);
    }
    out
}

/// A countertop blender: a universal motor (≈310 Hz at speed, rich harmonics, brush whine) spinning up, labouring
/// as ice is chopped (clattering impacts, each one dragging the motor down), easing as it turns to slush, then
/// switching off. 8 s.
pub fn blender(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(8.0);
    let ice_hits: Vec<(f32, f32)> = (0..160)
        .map(|_| {
            let t = 0.6 + 6.4 * rng.random::<f32>().powf(1.8);
            (t, rng.random_range(0.3..1.0) * (1.0 - (t - 0.6) / 7.0))
        })
        .collect();
    let mut load = vec![0.0f32; n];
    let mut ice = vec![0.0; n];
    for &(t, a) in &ice_hits {
        let pos = secs(t);
        let len = secs(0.03);
        let f = rng.random_range(1500.0..5000.0);
        let click = filtered(noise(rng, len), &[Biquad::bandpass(f, 2.0)]);
        for i in 0..len {
            if pos + i < n {
                let tt = i as f32 / SR;
                ice[pos + i] += click[i] * a * decay(tt, 0.004);
                load[pos + i] += a * 0.000_03;
            }
        }
    }
    // The motor slows under load and recovers with its own inertia.
    let mut drag = 0.0f32;
    let mut phase = 0.0f32;
    // Slow random wander of the motor speed (±1 %): brushes and bearings never run perfectly steady.
    let wander = filtered(
        noise(rng, n),
        &[Biquad::lowpass(6.0, 0.7), Biquad::lowpass(6.0, 0.7)],
    );
    let wander_scale = 0.01 / crate::dsp::peak(&wander);
    let brush = noise(rng, n);
    let mut brush_f = Svf::new();
    let mut slush = Svf::new();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let t = i as f32 / SR;
        drag = drag * 0.9998 + load[i];
        let speed = ramp(t - 0.25, 0.5) * (1.0 - ramp(t - 7.2, 0.7)) * (1.0 - drag.min(0.3));
        let f = 310.0 * speed * (1.0 + wander[i] * wander_scale);
        phase = (phase + f / SR).fract();
        let motor: f32 = (1..14)
            .map(|k| {
                (TAU * phase * k as f32).sin() * if k % 2 == 1 { 1.0 } else { 0.5 }
                    / (k as f32).powf(0.8)
            })
            .sum();
        let whine = (TAU * phase * 7.0).sin() * 0.3;
        let rotation_am = 0.6 + 0.4 * (TAU * phase).sin();
        let hiss = brush_f.process(brush[i], 3200.0, 1.2).band * rotation_am;
        let slush_level = ramp(t - 2.0, 3.0) * (1.0 - ramp(t - 7.2, 0.5));
        let liquid = slush
            .process(white(rng), 600.0 + 300.0 * (TAU * 3.0 * t).sin(), 0.8)
            .band
            * slush_level;
        out.push((motor * 0.25 + whine + hiss * 0.6) * speed + ice[i] * 2.5 + liquid * 0.6);
    }
    filtered(
        out,
        &[
            Biquad::peaking(700.0, 1.0, 5.0),
            Biquad::highpass(80.0, 0.7),
        ],
    )
}

/// A stovetop percolator: bursts of small resonant bubbles (each a decaying sine gliding upward, the way a bubble's
/// resonance rises as it shrinks), occasional low glugs, and a boiling hiss. 8 s, seamless.
pub fn coffee_percolator(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(8.0);
    let mut out = vec![0.0; n];
    let mut t = 0.0f32;
    while t < 8.0 {
        // Between spurts a few stray bubbles; during a spurt dozens.
        let burst_len = rng.random_range(0.2..0.6);
        let burst_start = t + rng.random_range(0.3..0.9);
        let mut bt = t;
        while bt < burst_start + burst_len {
            let in_burst = bt >= burst_start;
            let rate = if in_burst { 70.0 } else { 9.0 };
            let f = if in_burst {
                rng.random_range(500.0..1800.0)
            } else {
                rng.random_range(300.0..900.0)
            };
            let tau = rng.random_range(0.004..0.02);
            let mut b = vec![0.0; secs(tau * 6.0)];
            let mut ph = 0.0f32;
            for (i, s) in b.iter_mut().enumerate() {
                let tt = i as f32 / SR;
                ph = (ph + f * (1.0 + tt / (tau * 3.0)) / SR).fract();
                *s = (TAU * ph).sin() * decay(tt, tau) * ramp(tt, 0.0005);
            }
            add_wrapped(&mut out, secs(bt), &b, rng.random_range(0.2..1.0));
            bt += -(1.0 - rng.random::<f32>()).ln() / rate;
        }
        if rng.random::<f32>() < 0.5 {
            let mut glug = vec![0.0; secs(0.12)];
            add_partial(&mut glug, 160.0, 260.0, 0.05, 0.8, 0.03, 0.0);
            add_wrapped(&mut out, secs(burst_start), &glug, 1.0);
        }
        t = burst_start + burst_len;
    }
    let hiss = loop_xfade(
        filtered(noise(rng, n + secs(0.5)), &[Biquad::bandpass(3500.0, 0.7)]),
        n,
    );
    let mix: Vec<f32> = out.iter().zip(&hiss).map(|(b, h)| b + h * 0.05).collect();
    let wet = cyclic(&mix, |x| club_reverb(x, 0.35, 0.4));
    mix.iter().zip(&wet[0]).map(|(d, w)| d + w * 0.25).collect()
}

/// The audiologist comes back into the booth: the heavy, sealed door's cam latch and the seal letting go
/// (0.0 s), the door's thud against its stop (0.35 s), then her five steps across the booth's floating floor,
/// nearing the chair (from 0.9 s, 0.55 s apart). What carries is low: the door panel's 55 Hz thump and each
/// heel's 70-90 Hz thud through the sprung floor, with only a little of the click and scuff above.
pub fn booth_door(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(3.7);
    let mut out = vec![0.0; n];
    // Latch and seal: a click, then a short suck of air through the gasket.
    let latch_len = secs(0.25);
    let mut latch = vec![0.0; latch_len];
    add_partial(&mut latch, 2400.0, 2100.0, 0.01, 0.12, 0.006, 0.0);
    let seal = filtered(
        noise(rng, latch_len),
        &[Biquad::bandpass(700.0, 0.8), Biquad::lowpass(2500.0, 0.7)],
    );
    for (i, s) in latch.iter_mut().enumerate() {
        let t = i as f32 / SR;
        *s += seal[i] * 0.25 * ramp(t - 0.03, 0.04) * decay((t - 0.03).max(0.0), 0.06);
    }
    add_wrapped(&mut out, 0, &latch, 1.0);
    // The door swinging to its stop: the panel's low thump with a knock on top.
    let thud_len = secs(0.8);
    let mut thud = vec![0.0; thud_len];
    add_partial(&mut thud, 75.0, 55.0, 0.03, 1.0, 0.11, 0.0);
    add_partial(&mut thud, 130.0, 110.0, 0.02, 0.3, 0.05, 0.3);
    add_partial(&mut thud, 420.0, 380.0, 0.01, 0.1, 0.02, 0.1);
    let body = filtered(noise(rng, thud_len), &[Biquad::lowpass(160.0, 0.7)]);
    for (i, s) in thud.iter_mut().enumerate() {
        let t = i as f32 / SR;
        *s = (*s + body[i] * 1.5 * decay(t, 0.06)) * ramp(t, 0.004);
    }
    add_wrapped(&mut out, secs(0.35), &thud, 1.0);
    // Her steps, nearing: each a heel's thud through the sprung floor and a soft scuff, louder as she comes.
    for (step, gain_db) in [-16.0f32, -13.0, -10.0, -7.0, -4.0].into_iter().enumerate() {
        let step_len = secs(0.4);
        let mut heel = vec![0.0; step_len];
        let pitch = rng.random_range(0.95..1.05);
        add_partial(&mut heel, 95.0 * pitch, 72.0 * pitch, 0.02, 1.0, 0.06, 0.0);
        let scuff = filtered(
            noise(rng, step_len),
            &[Biquad::bandpass(1200.0, 0.7), Biquad::lowpass(3000.0, 0.7)],
        );
        for (i, s) in heel.iter_mut().enumerate() {
            let t = i as f32 / SR;
            *s = (*s + scuff[i] * 0.05 * decay(t, 0.03)) * ramp(t, 0.003);
        }
        let at = secs(0.9 + 0.55 * step as f32);
        add_wrapped(&mut out, at, &heel, db(gain_db));
    }
    out
}
