//! Spectral smearing after Baer & Moore as MSBG does it: how much of a rippled spectrum survives
//! each broadening, its level, its latency, harmonic lines, clean switching and robustness.

use hearing::analysis::{self, Spectrum};
use hearing::{Broadening, SMEARING_LATENCY_FRAMES, Smearer, SmearingMatrix, smear_like_msbg};
use proptest::prelude::*;
use realfft::RealFftPlanner;
use realfft::num_complex::Complex32;

use crate::fixtures::*;

const RATE: u32 = SAMPLE_RATE;
const VOWEL_RATE: u32 = 44_100;
/// The rate the notes ran MSBG at.
const MSBG_RATE: u32 = 44_100;

fn smearer(sample_rate: u32, broadening: Option<Broadening>) -> Smearer {
    let mut smearer = Smearer::new();
    smearer.set_matrix(broadening.map(|b| Box::new(SmearingMatrix::new(sample_rate, b))));
    smearer
}

/// Runs one ear through the smearing in uneven blocks and takes the latency back out.
fn smear(broadening: Option<Broadening>, input: &[f32]) -> Vec<f32> {
    smear_at(RATE, broadening, input)
}

fn smear_at(sample_rate: u32, broadening: Option<Broadening>, input: &[f32]) -> Vec<f32> {
    let mut smearer = smearer(sample_rate, broadening);
    let mut samples = input.to_vec();
    samples.extend(std::iter::repeat_n(0.0, SMEARING_LATENCY_FRAMES));
    let mut start = 0;
    for length in [1usize, 128, 37, 500, 128, 64, 3].iter().cycle() {
        let end = (start + length).min(samples.len());
        smearer.process(&mut samples[start..end]);
        start = end;
        if start == samples.len() {
            break;
        }
    }
    samples.split_off(SMEARING_LATENCY_FRAMES)
}

/// Noise whose spectrum level (dB) is a sine on a log-frequency axis: `ripples_per_octave` cycles
/// per octave, `depth_db` from peak to trough, between 100 Hz and 16 kHz.
fn rippled_noise(
    sample_rate: u32,
    ripples_per_octave: f32,
    depth_db: f32,
    samples: usize,
    seed: u64,
) -> Vec<f32> {
    let mut planner = RealFftPlanner::<f32>::new();
    let inverse = planner.plan_fft_inverse(samples);
    let mut spectrum = inverse.make_input_vec();
    let mut noise = Noise::new(seed);
    let bin_hz = sample_rate as f32 / samples as f32;
    for (bin, value) in spectrum.iter_mut().enumerate() {
        let hz = bin as f32 * bin_hz;
        if (100.0..16_000.0).contains(&hz) {
            let level_db =
                0.5 * depth_db * (std::f32::consts::TAU * ripples_per_octave * hz.log2()).sin();
            let phase = std::f32::consts::PI * noise.next();
            *value = Complex32::from_polar(10f32.powf(level_db / 20.0), phase);
        }
    }
    let mut samples_out = inverse.make_output_vec();
    inverse
        .process(&mut spectrum, &mut samples_out)
        .expect("sizes from the plan");
    let gain = 10f32.powf((-20.0 - analysis::rms_dbfs(&samples_out)) / 20.0);
    samples_out.iter().map(|x| x * gain).collect()
}

/// The ripple left in a signal, measured as the notes measured MSBG's: the long-term power
/// spectrum (Welch, Hann segments of 8192, half overlapping), then a least-squares fit of a sine on
/// log2 f at the ripple's rate to the level of every bin from 500 Hz to 4 kHz; peak to trough of the
/// fitted sine (dB). Every bin weighs the same, so the upper octave counts for more than half.
fn ripple_depth_db(signal: &[f32], sample_rate: u32, ripples_per_octave: f32) -> f32 {
    const SEGMENT: usize = 8192;
    let mut planner = RealFftPlanner::<f64>::new();
    let forward = planner.plan_fft_forward(SEGMENT);
    let mut time = forward.make_input_vec();
    let mut spectrum = forward.make_output_vec();
    let mut power = vec![0.0f64; spectrum.len()];
    for start in (0..=signal.len().saturating_sub(SEGMENT)).step_by(SEGMENT / 2) {
        for (n, (t, x)) in time.iter_mut().zip(&signal[start..]).enumerate() {
            let window = 0.5 - 0.5 * (std::f64::consts::TAU * n as f64 / SEGMENT as f64).cos();
            *t = f64::from(*x) * window;
        }
        forward
            .process(&mut time, &mut spectrum)
            .expect("sizes from the plan");
        for (p, bin) in power.iter_mut().zip(&spectrum) {
            *p += bin.norm_sqr();
        }
    }
    let bin_hz = f64::from(sample_rate) / SEGMENT as f64;
    // Normal equations for level = a sin + b cos + c.
    let mut normal = [[0.0f64; 4]; 3];
    for (bin, p) in power.iter().enumerate() {
        let hz = bin as f64 * bin_hz;
        if !(500.0..=4000.0).contains(&hz) {
            continue;
        }
        let phase = std::f64::consts::TAU * f64::from(ripples_per_octave) * hz.log2();
        let basis = [phase.sin(), phase.cos(), 1.0];
        let level = 10.0 * p.max(1e-300).log10();
        for r in 0..3 {
            for c in 0..3 {
                normal[r][c] += basis[r] * basis[c];
            }
            normal[r][3] += basis[r] * level;
        }
    }
    // Gauss-Jordan elimination.
    for pivot in 0..3 {
        let pivot_row = normal[pivot];
        for (r, row) in normal.iter_mut().enumerate() {
            if r != pivot {
                let factor = row[pivot] / pivot_row[pivot];
                for (value, p) in row.iter_mut().zip(pivot_row) {
                    *value -= factor * p;
                }
            }
        }
    }
    let a = normal[0][3] / normal[0][0];
    let b = normal[1][3] / normal[1][1];
    (2.0 * (a * a + b * b).sqrt()) as f32
}

fn settled(signal: &[f32]) -> &[f32] {
    &signal[seconds(0.1)..]
}

/// MSBG's ripple left over 500-4000 Hz at 1 and 2 ripples per octave (the notes' table, from a
/// numpy port of `smearing.py` at 44.1 kHz on 3 s of 30 dB rippled noise).
const MSBG_RIPPLE_LEFT_DB: [(Broadening, [f32; 2]); 4] = [
    (Broadening::NORMAL, [30.0, 30.0]),
    (Broadening::MILD, [22.8, 22.9]),
    (Broadening::MODERATE, [16.9, 19.4]),
    (Broadening::SEVERE, [12.4, 17.2]),
];

/// Three seconds of 30 dB rippled noise, as the notes measured on.
fn ripple_test_noise(sample_rate: u32, ripples_per_octave: f32) -> Vec<f32> {
    rippled_noise(
        sample_rate,
        ripples_per_octave,
        30.0,
        3 * sample_rate as usize,
        3,
    )
}

#[test]
fn the_ripple_measure_finds_the_notes_figures_in_msbgs_own_framing() {
    for (column, ripples) in [1.0, 2.0].into_iter().enumerate() {
        let input = ripple_test_noise(MSBG_RATE, ripples);
        for (broadening, targets) in MSBG_RIPPLE_LEFT_DB {
            let left = ripple_depth_db(
                settled(&smear_like_msbg(&input, MSBG_RATE, broadening)),
                MSBG_RATE,
                ripples,
            );
            let target = targets[column];
            eprintln!("MSBG's framing, {broadening:?}, {ripples} per octave: {left:.1} dB left");
            assert!(
                (left - target).abs() <= 0.5,
                "{broadening:?}, {ripples} per octave: MSBG leaves {left:.1} dB, the notes {target} dB"
            );
        }
    }
}

#[test]
fn rippled_noise_keeps_the_ripple_msbg_keeps() {
    for (column, ripples) in [1.0, 2.0].into_iter().enumerate() {
        let input = ripple_test_noise(RATE, ripples);
        for (broadening, targets) in MSBG_RIPPLE_LEFT_DB {
            let left = ripple_depth_db(settled(&smear(Some(broadening), &input)), RATE, ripples);
            let target = targets[column];
            let tolerance = if broadening == Broadening::NORMAL {
                0.5
            } else {
                3.0
            };
            eprintln!("{broadening:?}, {ripples} per octave: {left:.1} dB left, MSBG {target} dB");
            assert!(
                (left - target).abs() <= tolerance,
                "{broadening:?}, {ripples} per octave: {left:.1} dB left, MSBG {target} +-{tolerance} dB"
            );
        }
    }
}

#[test]
fn smearing_keeps_the_level() {
    let rippled = rippled_noise(RATE, 1.0, 30.0, 1 << 16, 5);
    let pink = analysis::mono(&pink_noise(-20.0, 1 << 16, 9));
    for broadening in [Broadening::MILD, Broadening::MODERATE, Broadening::SEVERE] {
        for (name, signal) in [("rippled noise", &rippled), ("pink noise", &pink)] {
            let heard = smear(Some(broadening), signal);
            let change = analysis::rms_dbfs(settled(&heard)) - analysis::rms_dbfs(settled(signal));
            eprintln!("{broadening:?}: {name} changed by {change:.2} dB");
            assert!(
                change.abs() <= 0.5,
                "{broadening:?}: {name} changed by {change:.2} dB"
            );
        }
    }
}

#[test]
fn the_latency_is_128_samples_in_every_setting() {
    for broadening in [
        None,
        Some(Broadening::MILD),
        Some(Broadening::MODERATE),
        Some(Broadening::SEVERE),
    ] {
        for at in [1000, 1037, 1100] {
            let mut samples = vec![0.0f32; 4096];
            samples[at] = 1.0;
            smearer(RATE, broadening).process(&mut samples);
            let loudest = samples
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
                .map(|(n, _)| n);
            assert_eq!(
                loudest,
                Some(at + SMEARING_LATENCY_FRAMES),
                "{broadening:?}, impulse at {at}"
            );
        }
    }
    let mut samples: Vec<f32> = (0..2000).map(|n| (n as f32 * 0.01).sin()).collect();
    let input = samples.clone();
    smearer(RATE, None).process(&mut samples);
    for (heard, played) in samples[SMEARING_LATENCY_FRAMES..].iter().zip(&input) {
        assert!(
            (heard - played).abs() < 1e-6,
            "off is a pure delay: {heard} for {played}"
        );
    }
}

/// A vowel-like harmonic complex on 125 Hz: harmonics shaped by formants at 500, 1500 and 2500 Hz.
/// At 44.1 kHz, where its period (352.8 samples) is no whole number of hops: at 48 kHz it is six
/// hops, and any frame-wise processing would give back a periodic signal.
fn vowel(samples: usize) -> Vec<f32> {
    let formant = |hz: f32, centre: f32, width: f32| 1.0 / (1.0 + ((hz - centre) / width).powi(2));
    (0..samples)
        .map(|n| {
            let t = n as f64 / f64::from(VOWEL_RATE);
            (1..=120)
                .map(|k| {
                    let hz = 125.0 * k as f32;
                    let amplitude = formant(hz, 500.0, 120.0)
                        + 0.5 * formant(hz, 1500.0, 150.0)
                        + 0.3 * formant(hz, 2500.0, 200.0)
                        + 0.01;
                    amplitude * (std::f64::consts::TAU * f64::from(hz) * t + k as f64).sin() as f32
                })
                .sum::<f32>()
                * 0.05
        })
        .collect()
}

/// Mean over the harmonics between 1 and 4 kHz of line level minus the level midway between lines.
fn line_contrast_db(signal: &[f32]) -> f32 {
    let spectrum = Spectrum::welch(signal, VOWEL_RATE);
    let contrasts: Vec<f32> = (8..32)
        .map(|k| {
            let line = spectrum.band_dbfs(125.0 * k as f32 - 6.0, 125.0 * k as f32 + 6.0);
            let trough = spectrum.band_dbfs(125.0 * k as f32 + 56.0, 125.0 * k as f32 + 69.0);
            line - trough
        })
        .collect();
    contrasts.iter().sum::<f32>() / contrasts.len() as f32
}

#[test]
fn a_vowels_harmonics_stay_lines_under_mild_smearing() {
    let input = vowel(VOWEL_RATE as usize * 3 / 2);
    let heard = smear_at(VOWEL_RATE, Some(Broadening::MILD), &input);
    let contrast = line_contrast_db(settled(&heard));
    eprintln!("mild smearing leaves {contrast:.1} dB of line contrast at 1-4 kHz");
    assert!(contrast >= 30.0, "line contrast {contrast:.1} dB");
}

/// The largest step between neighbouring samples.
fn largest_step(samples: &[f32]) -> f32 {
    samples
        .windows(2)
        .fold(0.0f32, |m, pair| m.max((pair[1] - pair[0]).abs()))
}

#[test]
fn switching_the_smearing_does_not_click() {
    // Low tones: their own steps from sample to sample are small, so a click would stand out.
    let input: Vec<f32> = analysis::mono(&analysis::sine(150.0, 0.3, RATE, seconds(0.6)))
        .iter()
        .zip(analysis::mono(&analysis::sine(
            410.0,
            0.2,
            RATE,
            seconds(0.6),
        )))
        .map(|(a, b)| a + b)
        .collect();
    let switch_at = seconds(0.3) + 17;
    for (from, to) in [
        (None, Some(Broadening::SEVERE)),
        (Some(Broadening::SEVERE), None),
        (Some(Broadening::MILD), Some(Broadening::SEVERE)),
    ] {
        let steady = |broadening| smear(broadening, &input);
        let (before, after) = (steady(from), steady(to));
        let mut smearer = smearer(RATE, from);
        let mut switched = input.clone();
        let (first, second) = switched.split_at_mut(switch_at);
        smearer.process(first);
        smearer.set_matrix(to.map(|b| Box::new(SmearingMatrix::new(RATE, b))));
        smearer.process(second);
        // Around the switch, compared with both steady versions over the same samples.
        let around = switch_at..switch_at + 1024;
        let switched_step = largest_step(&switched[around.clone()]);
        let aligned = around.start - SMEARING_LATENCY_FRAMES..around.end - SMEARING_LATENCY_FRAMES;
        let steady_step = largest_step(&before[aligned.clone()]).max(largest_step(&after[aligned]));
        assert!(
            switched_step <= 1.1 * steady_step,
            "{from:?} -> {to:?}: step {switched_step:.4} where steady smearing steps at most {steady_step:.4}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_signal_at_any_rate_comes_out_finite_and_bounded(
        seed in any::<u64>(),
        sample_rate in 8_000u32..=192_000,
        kind in 0usize..4,
        broadening in prop::option::of((1.0f32..8.0, 1.0f32..8.0)),
        blocks in prop::collection::vec(1usize..700, 1..40),
    ) {
        let broadening = broadening.map(|(lower, upper)| Broadening::new(lower, upper).unwrap());
        let mut smearer = smearer(sample_rate, broadening);
        let mut noise = Noise::new(seed);
        for length in blocks {
            let mut block: Vec<f32> = (0..length)
                .map(|n| match kind {
                    0 => 0.0,
                    1 => if (n / 7) % 2 == 0 { 1.0 } else { -1.0 },
                    2 => noise.next(),
                    _ => 1e-20 * noise.next(),
                })
                .collect();
            smearer.process(&mut block);
            for sample in block {
                prop_assert!(sample.is_finite() && sample.abs() <= 8.0, "{sample}");
            }
        }
    }
}
