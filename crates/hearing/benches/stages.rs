//! The cost of single stages of one ear at 48 kHz in 128-frame blocks: spectral smearing at each
//! broadening and the cochlear-implant vocoder.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hearing::{Broadening, Carrier, Implant, ImplantSettings, Smearer, SmearingMatrix};

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
criterion_main!(benches);
