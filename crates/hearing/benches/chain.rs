//! The cost of the whole simulated ear: 48 kHz stereo in 128-frame blocks, at the most expensive
//! stage (profound loss, smearing, tinnitus, masking noise, the limiter working), with one ear
//! shape in both ears and with two different ears; then the same two ears without smearing, normal
//! hearing and the implant, so the cost of each part can be read off side by side.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group};
use hearing::{
    Carrier, Ear, HearingProcessor, HearingProfile, ImplantSettings, MaskingNoise,
    ProcessorSettings, Smearing, Tinnitus, TinnitusEars,
};
use kira::Frame;

const SAMPLE_RATE: u32 = 48_000;
const BLOCK: usize = 128;

fn most_expensive_profile() -> HearingProfile {
    HearingProfile::at(1.0)
        .with_tinnitus(Tinnitus {
            level_db_sl: 30.0,
            ..Tinnitus::silent()
        })
        .with_masking_noise(MaskingNoise {
            level_db_spl: 80.0,
            ..MaskingNoise::silent()
        })
}

/// The same, with a severe right ear beside the profound left and each ear ringing its own tone.
fn two_different_ears() -> HearingProfile {
    let mut profile = HearingProfile::at_with_lead(0.8, Ear::Left, 0.2)
        .with_masking_noise(MaskingNoise {
            level_db_spl: 80.0,
            ..MaskingNoise::silent()
        })
        .with_tinnitus_in(
            TinnitusEars::Left,
            Tinnitus {
                level_db_sl: 30.0,
                ..Tinnitus::silent()
            },
        );
    profile.tinnitus.right = Tinnitus {
        frequency_hz: 6300.0,
        level_db_sl: 20.0,
        ..Tinnitus::silent()
    };
    profile
}

/// The two different ears with everything but the smearing.
fn two_different_ears_unsmeared() -> HearingProfile {
    HearingProfile {
        smearing: Smearing::Off,
        ..two_different_ears()
    }
}

/// A 22-channel noise vocoder in both ears, with the masking noise and the limiter working.
fn implant() -> HearingProfile {
    HearingProfile {
        implant: Some(ImplantSettings::new(22, Carrier::Noise).expect("a valid map")),
        ..two_different_ears()
    }
}

/// A stage of the bench: its name and its profile.
type Stage = (&'static str, fn() -> HearingProfile);

const STAGES: [Stage; 5] = [
    ("one ear shape in both ears", most_expensive_profile),
    ("two different ears", two_different_ears),
    (
        "two different ears, smearing off",
        two_different_ears_unsmeared,
    ),
    ("normal hearing", HearingProfile::normal),
    ("implant, 22 channels, noise", implant),
];

/// Loud, busy programme: a drum-like pulse over noise, driving the limiter.
fn programme(frames: usize) -> Vec<Frame> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    (0..frames)
        .map(|n| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let noise = (state >> 40) as f32 / (1u64 << 23) as f32 - 1.0;
            let t = (n % 24_000) as f32 / SAMPLE_RATE as f32;
            let kick = (-t * 8.0).exp() * (2.0 * std::f32::consts::PI * 60.0 * t).sin();
            let x = 1.5 * kick + 0.5 * noise;
            Frame::new(x, 0.9 * x)
        })
        .collect()
}

fn ready_processor(profile: HearingProfile) -> HearingProcessor {
    let mut processor = HearingProcessor::new(SAMPLE_RATE, ProcessorSettings::default());
    processor.jump_to_profile(profile);
    processor.build_smearing();
    let mut warm = programme(SAMPLE_RATE as usize);
    processor.process(&mut warm);
    processor
}

fn chain(c: &mut Criterion) {
    let input = programme(SAMPLE_RATE as usize * 4);
    let mut offset = 0;
    let mut block = [Frame::ZERO; BLOCK];
    for (name, profile) in STAGES {
        let mut processor = ready_processor(profile());
        c.bench_function(&format!("full chain, {name}, 128 frames stereo"), |b| {
            b.iter(|| {
                block.copy_from_slice(&input[offset..offset + BLOCK]);
                offset = (offset + BLOCK) % (input.len() - BLOCK);
                processor.process(black_box(&mut block));
            })
        });
    }
}

/// Criterion reports the centre of the distribution; the audio thread cares about its tail too.
fn tail_latency(name: &str, profile: HearingProfile) {
    let input = programme(SAMPLE_RATE as usize * 4);
    let mut processor = ready_processor(profile);
    let mut block = [Frame::ZERO; BLOCK];
    let mut times: Vec<f64> = (0..20_000)
        .map(|i| {
            let offset = (i * BLOCK) % (input.len() - BLOCK);
            block.copy_from_slice(&input[offset..offset + BLOCK]);
            let start = Instant::now();
            processor.process(black_box(&mut block));
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    let budget_us = BLOCK as f64 / SAMPLE_RATE as f64 * 1e6;
    println!(
        "{name:<34} per 128-frame block: mean {mean:6.2} us, median {:6.2} us, p99 {:6.2} us, max {:8.2} us ({:.2} % of a core at the mean)",
        at(0.5),
        at(0.99),
        at(1.0),
        100.0 * mean / budget_us
    );
}

criterion_group!(benches, chain);

fn main() {
    benches();
    for (name, profile) in STAGES {
        tail_latency(name, profile());
    }
    Criterion::default().configure_from_args().final_summary();
}
