//! The cost of single stages of one ear at 48 kHz in 128-frame blocks: spectral smearing at each
//! broadening, the cochlear-implant vocoder and the true-peak limiter.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group};
use hearing::{
    Broadening, Carrier, HearingProcessor, HearingProfile, Implant, ImplantSettings,
    ProcessorSettings, Smearer, SmearingMatrix, TruePeakLimiter,
};
use kira::Frame;

const SAMPLE_RATE: u32 = 48_000;
const BLOCK: usize = 128;

/// Busy programme: white noise with a drum-like pulse, one ear.
fn programme(samples: usize) -> Vec<f32> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..samples)
        .map(|n| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let noise = (state >> 40) as f32 / (1u64 << 23) as f32 - 1.0;
            let t = (n % 24_000) as f32 / SAMPLE_RATE as f32;
            let kick = (-t * 8.0).exp() * (2.0 * std::f32::consts::PI * 60.0 * t).sin();
            0.5 * kick + 0.2 * noise
        })
        .collect()
}

fn smearing(c: &mut Criterion) {
    let input = programme(SAMPLE_RATE as usize * 2);
    for (name, broadening) in [
        ("off", None),
        ("mild", Some(Broadening::MILD)),
        ("moderate", Some(Broadening::MODERATE)),
        ("severe", Some(Broadening::SEVERE)),
    ] {
        let mut smearer = Smearer::new();
        smearer.set_matrix(broadening.map(|b| Box::new(SmearingMatrix::new(SAMPLE_RATE, b))));
        let mut block = [0.0f32; BLOCK];
        let mut offset = 0;
        c.bench_function(&format!("smearing {name}, one ear, 128 frames"), |b| {
            b.iter(|| {
                block.copy_from_slice(&input[offset..offset + BLOCK]);
                offset = (offset + BLOCK) % (input.len() - BLOCK);
                smearer.process(black_box(&mut block));
            })
        });
    }
}

fn implant(c: &mut Criterion) {
    let input = programme(SAMPLE_RATE as usize * 2);
    for (name, settings) in [
        (
            "22 channels, noise",
            ImplantSettings::new(22, Carrier::Noise),
        ),
        ("22 channels, sine", ImplantSettings::new(22, Carrier::Sine)),
        (
            "8 of 22 channels, noise",
            ImplantSettings::new(22, Carrier::Noise).and_then(|s| s.with_n_of_m(Some(8))),
        ),
    ] {
        let mut implant = Implant::new(SAMPLE_RATE, &settings.expect("a valid map"));
        let mut block = [0.0f32; BLOCK];
        let mut offset = 0;
        c.bench_function(&format!("implant {name}, one ear, 128 frames"), |b| {
            b.iter(|| {
                block.copy_from_slice(&input[offset..offset + BLOCK]);
                offset = (offset + BLOCK) % (input.len() - BLOCK);
                implant.process(black_box(&mut block));
            })
        });
    }
}

criterion_group!(benches, smearing, implant);

/// Median and 99th percentile (us) of single blocks: robust to the machine being busy, where
/// criterion's batches are not.
fn per_block(mut process: impl FnMut(usize)) -> (f64, f64) {
    let mut times: Vec<f64> = (0..20_000)
        .map(|i| {
            let start = Instant::now();
            process(i);
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[times.len() * 99 / 100])
}

/// The stages side by side with today's whole chain (stereo, profound loss), in one run.
fn side_by_side() {
    let input = programme(SAMPLE_RATE as usize * 2);
    let blocks = input.len() / BLOCK;
    let mut block = [0.0f32; BLOCK];
    let report = |name: &str, (median, p99): (f64, f64)| {
        println!("{name:<40} median {median:6.2} us, p99 {p99:6.2} us per 128-frame block");
    };
    for (name, broadening) in [
        ("smearing off, one ear", None),
        ("smearing mild, one ear", Some(Broadening::MILD)),
        ("smearing moderate, one ear", Some(Broadening::MODERATE)),
        ("smearing severe, one ear", Some(Broadening::SEVERE)),
    ] {
        let mut smearer = Smearer::new();
        smearer.set_matrix(broadening.map(|b| Box::new(SmearingMatrix::new(SAMPLE_RATE, b))));
        if let Some(matrix) = smearer.matrix() {
            println!(
                "{name:<40} {} multiply-adds per frame",
                matrix.kept_coefficients()
            );
        }
        report(
            name,
            per_block(|i| {
                let offset = (i % blocks) * BLOCK;
                block.copy_from_slice(&input[offset..offset + BLOCK]);
                smearer.process(black_box(&mut block));
            }),
        );
    }
    for (name, carrier) in [
        ("implant 22 channels noise, one ear", Carrier::Noise),
        ("implant 22 channels sine, one ear", Carrier::Sine),
    ] {
        let settings = ImplantSettings::new(22, carrier).expect("a valid map");
        let mut implant = Implant::new(SAMPLE_RATE, &settings);
        report(
            name,
            per_block(|i| {
                let offset = (i % blocks) * BLOCK;
                block.copy_from_slice(&input[offset..offset + BLOCK]);
                implant.process(black_box(&mut block));
            }),
        );
    }
    let mut frames = [Frame::ZERO; BLOCK];
    // Driven 12 dB over full scale, so the limiter works on every block.
    let mut limiter = TruePeakLimiter::new(SAMPLE_RATE as f32, -1.0);
    report(
        "limiter working, stereo",
        per_block(|i| {
            let offset = (i % blocks) * BLOCK;
            for (frame, x) in frames.iter_mut().zip(&input[offset..offset + BLOCK]) {
                *frame = Frame::new(4.0 * x, 3.6 * x);
            }
            limiter.process_block(black_box(&mut frames));
        }),
    );
    // 20 dB down, so no window comes near the ceiling.
    let mut limiter = TruePeakLimiter::new(SAMPLE_RATE as f32, -1.0);
    report(
        "limiter idle, stereo",
        per_block(|i| {
            let offset = (i % blocks) * BLOCK;
            for (frame, x) in frames.iter_mut().zip(&input[offset..offset + BLOCK]) {
                *frame = Frame::new(0.1 * x, 0.09 * x);
            }
            limiter.process_block(black_box(&mut frames));
        }),
    );
    let mut processor = HearingProcessor::new(SAMPLE_RATE, ProcessorSettings::default());
    processor.jump_to_profile(HearingProfile::at(1.0));
    report(
        "today's chain, profound, stereo",
        per_block(|i| {
            let offset = (i % blocks) * BLOCK;
            for (frame, x) in frames.iter_mut().zip(&input[offset..offset + BLOCK]) {
                *frame = Frame::new(*x, 0.9 * x);
            }
            processor.process(black_box(&mut frames));
        }),
    );
}

fn main() {
    benches();
    side_by_side();
    Criterion::default().configure_from_args().final_summary();
}
