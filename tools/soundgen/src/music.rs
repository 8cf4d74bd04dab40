//! The band's song (backing loop and full reference), the support act's soundcheck and the kitchen radio's music.

use crate::drums;
use crate::dsp::{
    Biquad, Osc, Reverb, SR, Svf, db, decay, filtered, fuzz, noise, pan, peak, ramp, secs,
    unit_peak, white,
};
use crate::speech;
use crate::wav::{add_wrapped, cyclic, loop_xfade};
use rand::RngExt;
use rand::rngs::StdRng;
use std::f32::consts::TAU;

/// Song tempo. Beat 1 of bar 1 is sample 0 of every song file.
pub const BPM: f32 = 120.0;
/// Song length in 4/4 bars; at 120 BPM that is 32 s, one seamless loop.
pub const BARS: usize = 16;
/// Samples per beat at [`BPM`] (24 000).
pub const BEAT: usize = (SR * 60.0 / BPM) as usize;
const STEP: usize = BEAT / 4;
const BAR: usize = BEAT * 4;

fn midi_hz(note: f32) -> f32 {
    440.0 * 2f32.powf((note - 69.0) / 12.0)
}

/// How a riff note is played.
#[derive(Clone, Copy, PartialEq)]
enum Play {
    /// Palm-muted chug: dark and short.
    Mute,
    /// Open root with its octave.
    Open,
    /// Power chord: root, fifth, octave.
    Chord,
}

/// One riff note on the sixteenth-note grid of its bar.
struct Note {
    step: usize,
    len: usize,
    midi: f32,
    play: Play,
}

const fn n(step: usize, len: usize, midi: u8, play: Play) -> Note {
    Note {
        step,
        len,
        midi: midi as f32,
        play,
    }
}

use Play::{Chord, Mute, Open};

/// The riff, bar by bar: a baritone guitar tuned to B. Section A (bars 1–8) is a chugging single-note figure,
/// section B (bars 9–16) opens into half-time chords; bar 8 stops for a feedback swell and bar 16 runs back to
/// the top. Guitar accents sit on beats 1 and 3 where the player's kick falls.
fn riff_bar(bar: usize) -> Vec<Note> {
    match bar {
        7 => vec![n(0, 6, 43, Chord), n(6, 2, 42, Open), n(8, 8, 35, Chord)],
        15 => vec![
            n(0, 4, 40, Chord),
            n(4, 4, 38, Chord),
            n(8, 2, 36, Open),
            n(10, 2, 36, Mute),
            n(12, 1, 35, Mute),
            n(13, 1, 35, Mute),
            n(14, 1, 35, Mute),
            n(15, 1, 35, Mute),
        ],
        b if b < 8 && b % 2 == 0 => vec![
            n(0, 3, 35, Open),
            n(3, 1, 35, Mute),
            n(4, 1, 35, Mute),
            n(5, 1, 35, Mute),
            n(6, 2, 38, Open),
            n(8, 3, 35, Open),
            n(11, 1, 35, Mute),
            n(12, 2, 41, Open),
            n(14, 2, 40, Open),
        ],
        b if b < 8 => vec![
            n(0, 6, 43, Chord),
            n(6, 2, 42, Open),
            n(8, 2, 35, Mute),
            n(10, 2, 35, Mute),
            n(12, 4, 34, Open),
        ],
        b if b % 2 == 0 => vec![
            n(0, 4, 40, Chord),
            n(4, 2, 40, Mute),
            n(6, 2, 40, Mute),
            n(8, 4, 38, Chord),
            n(12, 2, 36, Open),
            n(14, 2, 35, Open),
        ],
        _ => vec![
            n(0, 8, 35, Chord),
            n(8, 2, 35, Mute),
            n(10, 2, 35, Mute),
            n(12, 2, 38, Open),
            n(14, 2, 41, Open),
        ],
    }
}

/// The pre-amp signal of one guitar note: saw + narrow pulse per string (the pulse thickens the distortion's
/// intermodulation), an SVF "pick-position" low-pass that closes after the attack, and a pick scrape.
/// `strum_s` staggers the strings' onsets; `cents` detunes the whole note (double-tracking).
fn guitar_note(
    rng: &mut StdRng,
    root_hz: f32,
    play: Play,
    len_s: f32,
    strum_s: f32,
    cents: f32,
) -> Vec<f32> {
    let ratios: &[f32] = match play {
        Chord => &[1.0, 1.498, 2.0],
        _ => &[1.0, 2.0],
    };
    let (bright, dark, tau) = match play {
        Mute => (1600.0, 450.0, 0.06),
        _ => (4200.0, 1800.0, 0.9),
    };
    let total = len_s + 0.04;
    let n = secs(total);
    let mut out = vec![0.0; n];
    let tune = 2f32.powf(cents / 1200.0);
    for (k, r) in ratios.iter().enumerate() {
        let f = root_hz * r * tune;
        let onset = k as f32 * strum_s;
        let (mut saw, mut pulse) = (Osc::new(rng.random::<f32>()), Osc::new(rng.random::<f32>()));
        let mut lp = Svf::new();
        for (i, s) in out.iter_mut().enumerate() {
            let t = i as f32 / SR - onset;
            if t < 0.0 {
                continue;
            }
            let x = saw.saw(f) * 0.7 + pulse.pulse(f * 1.003, 0.3) * 0.5;
            let cutoff = dark + (bright - dark) * decay(t, 0.08);
            let env = ramp(t, 0.003)
                * (0.25 + 0.75 * decay(t, tau))
                * (1.0 - ramp(t + onset - len_s, 0.035));
            *s += lp.process(x, cutoff, 0.9).low * env;
        }
    }
    let scrape = filtered(noise(rng, secs(0.03)), &[Biquad::bandpass(2500.0, 1.0)]);
    for (i, s) in scrape.iter().enumerate() {
        out[i] += s * 0.3 * decay(i as f32 / SR, 0.006);
    }
    out
}

/// The amp: tighten the lows, two cascaded asymmetric fuzz stages, then a 4×12-cabinet-like EQ (low resonance,
/// mid scoop, presence bump, steep roll-off above 5 kHz that real speakers have).
fn amp(x: &[f32], drive: f32) -> Vec<f32> {
    let mut pre = Biquad::highpass(110.0, 0.7);
    let mut mid = Biquad::peaking(800.0, 0.7, 4.0);
    let y: Vec<f32> = x
        .iter()
        .map(|&s| fuzz(mid.process(pre.process(s)), drive, 0.25))
        .collect();
    let y: Vec<f32> = filtered(y, &[Biquad::lowpass(7000.0, 0.7)])
        .iter()
        .map(|&s| fuzz(s, 2.5, -0.1))
        .collect();
    filtered(
        y,
        &[
            Biquad::highpass(75.0, 0.8),
            Biquad::peaking(110.0, 1.2, 3.0),
            Biquad::peaking(420.0, 0.9, -5.0),
            Biquad::peaking(2300.0, 1.2, 3.5),
            Biquad::lowpass(4800.0, 0.9),
            Biquad::lowpass(5600.0, 0.7),
        ],
    )
}

/// A 16-bar cyclic stereo loop of round-robin cymbal hits placed on the song's grid.
fn cymbals(rng: &mut StdRng) -> (Vec<f32>, Vec<f32>) {
    let len = BAR * BARS;
    let (mut l, mut r) = (vec![0.0; len], vec![0.0; len]);
    let closed: Vec<Vec<f32>> = (0..4)
        .map(|_| unit_peak(drums::hihat(rng, 0.045, 0.25)))
        .collect();
    let open: Vec<Vec<f32>> = (0..2)
        .map(|_| unit_peak(drums::hihat(rng, 0.35, 1.0)))
        .collect();
    let rides: Vec<Vec<f32>> = (0..3).map(|_| unit_peak(drums::ride(rng))).collect();
    let crash = unit_peak(drums::crash(rng));
    let mut hit = |pos: usize, s: &[f32], gain: f32, p: f32| {
        let (gl, gr) = pan(p);
        add_wrapped(&mut l, pos, s, gain * gl);
        add_wrapped(&mut r, pos, s, gain * gr);
    };
    for bar in 0..BARS {
        let b = bar * BAR;
        if bar == 0 || bar == 8 || bar == 12 {
            hit(b, &crash, 0.5, -0.35);
        }
        for eighth in 0..8 {
            let pos = b + eighth * 2 * STEP;
            let accent = if eighth % 2 == 0 { 1.0 } else { 0.7 };
            let vel = accent * rng.random_range(0.85..1.0);
            if bar < 8 {
                let is_open = eighth == 7 && bar % 2 == 1 && bar != 7;
                if is_open {
                    hit(pos, &open[bar % 2], 0.4 * vel, 0.35);
                } else if !(bar == 7 && eighth >= 4) {
                    hit(
                        pos,
                        &closed[rng.random_range(0..closed.len())],
                        0.5 * vel,
                        0.35,
                    );
                }
            } else if !(bar == 15 && eighth >= 6) {
                hit(
                    pos,
                    &rides[rng.random_range(0..rides.len())],
                    0.3 * vel,
                    -0.25,
                );
            }
        }
        if bar == 7 {
            hit(b + 2 * BEAT, &open[0], 0.45, 0.35);
        }
    }
    (l, r)
}

/// The band's song without the player's kick and snare, stereo, one exact 16-bar loop.
pub fn song_backing(rng: &mut StdRng) -> (Vec<f32>, Vec<f32>) {
    let len = BAR * BARS;
    // Two takes of the same riff, panned hard and detuned a few cents against each other: the width of a
    // double-tracked guitar. The sub-octave sine is the bass player this two-piece does not have.
    let mut takes = [vec![0.0; len], vec![0.0; len]];
    let mut sub = vec![0.0; len];
    for bar in 0..BARS {
        for note in riff_bar(bar) {
            let pos = bar * BAR + note.step * STEP;
            let dur = note.len as f32 * STEP as f32 / SR;
            let f = midi_hz(note.midi);
            for (take, cents) in takes.iter_mut().zip([-6.0, 5.0]) {
                let strum = if note.play == Chord {
                    rng.random_range(0.004..0.009)
                } else {
                    0.0
                };
                let offset = rng.random_range(0..secs(0.004));
                add_wrapped(
                    take,
                    pos + offset,
                    &guitar_note(rng, f, note.play, dur, strum, cents),
                    0.35,
                );
            }
            let tau = if note.play == Mute { 0.08 } else { 0.6 };
            let s: Vec<f32> = (0..secs(dur + 0.03))
                .map(|i| {
                    let t = i as f32 / SR;
                    (TAU * f * t).sin()
                        * ramp(t, 0.004)
                        * (0.4 + 0.6 * decay(t, tau))
                        * (1.0 - ramp(t - dur, 0.03))
                })
                .collect();
            add_wrapped(&mut sub, pos, &s, 0.5);
        }
    }
    // A feedback whine rising through bar 8's stop, cut dead on the downbeat of bar 9 as the chords come in.
    let fb_start = 7 * BAR + BEAT * 2;
    let fb: Vec<f32> = (0..(2 * BEAT))
        .map(|i| {
            let t = i as f32 / SR;
            let f = 1975.0 * (1.0 + 0.003 * (TAU * 5.5 * t).sin());
            let env = (t / 1.0).powi(2) * (1.0 - ramp(t - 0.97, 0.03));
            fuzz((TAU * f * t).sin() * env, 1.5, 0.0) * 0.25
        })
        .collect();
    let guitars: Vec<Vec<f32>> = takes
        .iter()
        .map(|t| cyclic(t, |x| vec![amp(x, 14.0)]).remove(0))
        .collect();
    let fb = {
        let mut b = vec![0.0; len];
        add_wrapped(&mut b, fb_start, &fb, 1.0);
        b
    };
    let sub = cyclic(&sub, |x| {
        vec![filtered(
            x.iter().map(|s| (1.5 * s).tanh()).collect(),
            &[Biquad::lowpass(160.0, 0.7)],
        )]
    })
    .remove(0);
    let (cl, cr) = cymbals(rng);
    let mut l: Vec<f32> = (0..len)
        .map(|i| guitars[0][i] * 0.95 + guitars[1][i] * 0.25 + sub[i] + fb[i] * 0.7 + cl[i])
        .collect();
    let mut r: Vec<f32> = (0..len)
        .map(|i| guitars[1][i] * 0.95 + guitars[0][i] * 0.25 + sub[i] + fb[i] * 0.5 + cr[i])
        .collect();
    // A little of the club's room glues the two players together.
    let room_in: Vec<f32> = l.iter().zip(&r).map(|(a, b)| (a + b) * 0.5).collect();
    let wet = cyclic(&room_in, |x| club_reverb(x, 0.9, 1.1));
    for i in 0..len {
        l[i] += wet[0][i] * 0.18;
        r[i] += wet[1][i] * 0.18;
    }
    (l, r)
}

/// Bars in the listening reference: the first section only, to keep the asset folder small.
pub const REFERENCE_BARS: usize = 8;

/// The first [`REFERENCE_BARS`] bars of the backing with the kick on beats 1 and 3 and the snare on 2 and 4, for
/// listening checks. Not a loop: it stops where section B would begin.
pub fn song_full_reference(
    backing: &(Vec<f32>, Vec<f32>),
    kick: &[f32],
    snare: &[f32],
) -> (Vec<f32>, Vec<f32>) {
    let len = REFERENCE_BARS * BAR;
    let (mut l, mut r) = (backing.0[..len].to_vec(), backing.1[..len].to_vec());
    let g = peak(&l).max(peak(&r)) * 0.9;
    for beat in 0..REFERENCE_BARS * 4 {
        let (s, gain) = if beat % 2 == 0 {
            (kick, g)
        } else {
            (snare, g * 0.8)
        };
        // The last snare's tail is cut at the end rather than wrapped: this file is not a loop.
        let src = &s[..s.len().min(len - beat * BEAT)];
        for ch in [&mut l, &mut r] {
            add_wrapped(ch, beat * BEAT, src, gain);
        }
    }
    let fade = secs(0.05);
    for ch in [&mut l, &mut r] {
        for (i, s) in ch[len - fade..].iter_mut().enumerate() {
            *s *= 1.0 - ramp(i as f32 / SR, 0.05);
        }
    }
    (l, r)
}

/// The club's stereo reverb as a cyclic-friendly closure body.
pub fn club_reverb(x: &[f32], size: f32, rt60_s: f32) -> Vec<Vec<f32>> {
    let mut rv = Reverb::new(size, rt60_s, 0.45);
    let (mut l, mut r) = (Vec::with_capacity(x.len()), Vec::with_capacity(x.len()));
    for &s in x {
        let (a, b) = rv.process(s);
        l.push(a);
        r.push(b);
    }
    vec![l, r]
}

/// The support act's soundcheck, heard from the merch table: a voice through the PA, two strummed chords and a
/// feedback whine that swells until someone mutes it.
pub fn soundcheck(rng: &mut StdRng) -> Result<Vec<f32>, String> {
    let n = secs(12.0);
    let mut dry = vec![0.0; n];
    // The PA voice: band-limited, a little driven, with a slapback off the back wall.
    for (at, text) in [
        (0.3, "Check. Check."),
        (2.2, "One, two. One, two."),
        (10.9, "Check."),
    ] {
        let v = speech::speak("en-us+m7", 45, 150, text)?;
        let mut v = filtered(
            v,
            &[
                Biquad::highpass(180.0, 0.7),
                Biquad::peaking(2500.0, 1.0, 6.0),
                Biquad::lowpass(6500.0, 0.7),
            ],
        );
        let p = peak(&v);
        v.iter_mut().for_each(|s| *s = fuzz(*s / p, 2.0, 0.0) * 0.5);
        let pos = secs(at);
        for (i, s) in v.iter().enumerate() {
            for (delay, g) in [(0, 1.0), (secs(0.11), 0.3), (secs(0.23), 0.1)] {
                if let Some(d) = dry.get_mut(pos + i + delay) {
                    *d += s * g;
                }
            }
        }
    }
    // Two strummed chords through the same amp as the band, in open E and A shapes.
    let mut gtr = vec![0.0; n];
    for (at, root, len) in [(4.6, 40.0, 1.6), (6.5, 45.0, 2.2)] {
        let note = guitar_note(rng, midi_hz(root), Chord, len, 0.018, 0.0);
        add_wrapped(&mut gtr, secs(at), &note, 0.35);
    }
    let gtr = amp(&gtr, 10.0);
    for (d, g) in dry.iter_mut().zip(&gtr) {
        *d += g * 0.6;
    }
    // Feedback: a pure tone locking onto the room's resonance, swelling exponentially, then muted.
    let (start, stop) = (secs(8.2), secs(10.6));
    let mut osc = Osc::new(0.0);
    for (i, d) in dry[start..stop + secs(0.05)].iter_mut().enumerate() {
        let t = i as f32 / SR;
        let f = 2460.0 * (1.0 + 0.002 * (TAU * 4.8 * t).sin());
        let env =
            db(-40.0 + 40.0 * (t / 2.4).min(1.0)) * (1.0 - ramp(t - 2.4, 0.05)) * ramp(t, 0.2);
        *d += fuzz(osc.sine(f) * env, 1.2, 0.0) * 0.35;
    }
    let wet = club_reverb(&dry, 1.1, 1.4);
    Ok(dry.iter().zip(&wet[0]).map(|(d, w)| d + w * 0.35).collect())
}

/// A pop song as a kitchen radio plays it: 8 bars at 96 BPM (exactly 20 s) of FM electric piano, bass, a pulse
/// lead and a light kit, squeezed through a 300–3400 Hz speaker, with hiss and static.
pub fn radio(rng: &mut StdRng) -> Vec<f32> {
    let n = secs(20.0);
    let beat = n / 32;
    let mut mix = vec![0.0; n];
    // D – A – Bm – G, two bars each.
    let chords: [[f32; 4]; 4] = [
        [50.0, 62.0, 66.0, 69.0],
        [45.0, 61.0, 64.0, 69.0],
        [47.0, 62.0, 66.0, 71.0],
        [43.0, 62.0, 67.0, 71.0],
    ];
    for bar in 0..8 {
        let ch = chords[bar / 2];
        for (b, len) in [(0.0, 1.4), (1.5, 0.4), (2.0, 1.4), (3.5, 0.4)] {
            let pos = bar * 4 * beat + (b * beat as f32) as usize;
            for &m in &ch[1..] {
                add_wrapped(
                    &mut mix,
                    pos,
                    &epiano(midi_hz(m), len * beat as f32 / SR),
                    0.12,
                );
            }
        }
        for eighth in 0..8 {
            let m = ch[0] + if eighth % 4 == 3 { 12.0 } else { 0.0 };
            let pos = bar * 4 * beat + eighth * beat / 2;
            let f = midi_hz(m);
            let s: Vec<f32> = (0..beat / 2)
                .map(|i| {
                    let t = i as f32 / SR;
                    let x = (TAU * f * t).sin() + 0.3 * (TAU * 2.0 * f * t).sin();
                    x * ramp(t, 0.003) * decay(t, 0.2) * (1.0 - ramp(t - 0.2, 0.05))
                })
                .collect();
            add_wrapped(&mut mix, pos, &s, 0.3);
        }
        // Light kit: the speaker will remove most of the kick, but its knock still reads.
        let kick = drums::kick(rng);
        let snare = drums::snare(rng);
        for q in 0..4 {
            let pos = bar * 4 * beat + q * beat;
            let s = if q % 2 == 0 { &kick } else { &snare };
            add_wrapped(&mut mix, pos, s, 0.35);
            add_wrapped(
                &mut mix,
                pos + beat / 2,
                &drums::hihat(rng, 0.03, 0.15),
                0.12,
            );
        }
    }
    // A pentatonic lead, two phrases, the second answering the first.
    let scale = [74.0, 76.0, 78.0, 81.0, 83.0, 86.0];
    let mut idx = 2i32;
    for phrase in 0..2 {
        for eighth in 0..24 {
            if rng.random::<f32>() < 0.3 {
                continue;
            }
            idx = (idx + rng.random_range(-2..3)).clamp(0, 5);
            let f = midi_hz(scale[idx as usize]);
            let pos = (phrase * 16 + 2) * beat + eighth * beat / 2;
            let mut osc = Osc::new(0.0);
            let s: Vec<f32> = (0..beat / 2)
                .map(|i| {
                    let t = i as f32 / SR;
                    let vib = 1.0 + 0.004 * (TAU * 5.0 * t).sin() * ramp(t, 0.1);
                    osc.pulse(f * vib, 0.25) * ramp(t, 0.01) * (1.0 - ramp(t - 0.25, 0.05))
                })
                .collect();
            add_wrapped(&mut mix, pos, &s, 0.08);
        }
    }
    // Hiss and static arrive with the broadcast, so they go through the speaker too.
    let hiss = loop_xfade(noise(rng, n + secs(0.5)), n);
    for (m, h) in mix.iter_mut().zip(&hiss) {
        let crackle = if rng.random::<f32>() < 0.0004 {
            white(rng) * 0.5
        } else {
            0.0
        };
        *m += h * 0.03 + crackle;
    }
    let speaker = cyclic(&mix, |x| {
        vec![
            filtered(
                x.to_vec(),
                &[
                    Biquad::highpass(300.0, 0.7),
                    Biquad::highpass(300.0, 0.7),
                    Biquad::peaking(1100.0, 1.0, 4.0),
                    Biquad::lowpass(3400.0, 0.7),
                    Biquad::lowpass(3400.0, 0.7),
                ],
            )
            .iter()
            .map(|s| (2.0 * s).tanh() * 0.5)
            .collect(),
        ]
    })
    .remove(0);
    speaker
        .iter()
        .enumerate()
        .map(|(i, s)| {
            // Reception drifts gently (one whole cycle per 5 s keeps the drift seamless).
            let t = i as f32 / SR;
            s * (1.0 - 0.08 * (0.5 - 0.5 * (TAU * t / 5.0).cos()))
        })
        .collect()
}

/// FM electric piano tone: 1:1 modulator whose index decays, the tine's bright attack mellowing into a sine.
fn epiano(freq_hz: f32, len_s: f32) -> Vec<f32> {
    (0..secs(len_s + 0.1))
        .map(|i| {
            let t = i as f32 / SR;
            let index = 1.5 * decay(t, 0.15) + 0.2;
            let m = (TAU * freq_hz * t).sin() * index;
            (TAU * freq_hz * t + m).sin()
                * ramp(t, 0.002)
                * decay(t, 0.8)
                * (1.0 - ramp(t - len_s, 0.08))
        })
        .collect()
}
