//! The cost of `stillness hear`: a minute of 16-bit stereo pink noise through two different ears
//! (N3 left, S2 right, smearing chosen by the loss), file to file. Reports the real-time factor.

use std::path::{Path, PathBuf};
use std::time::Instant;

use criterion::{Criterion, criterion_group};
use hearing::{AudiogramPreset, HearingProfile, ProcessorSettings, Smearing};

const SAMPLE_RATE: u32 = 48_000;
const SECONDS: usize = 60;

/// Paul Kellet's economical pink-noise filter over a xorshift source, at about -20 dBFS.
fn write_pink_noise(path: &Path) {
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: SAMPLE_RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(path, spec).expect("a writable temporary folder");
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut filters = [[0.0f32; 3]; 2];
    for _ in 0..SECONDS * SAMPLE_RATE as usize {
        for filter in &mut filters {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let white = (state >> 40) as f32 / (1u64 << 23) as f32 - 1.0;
            filter[0] = 0.99765 * filter[0] + white * 0.099_046;
            filter[1] = 0.96300 * filter[1] + white * 0.296_516_4;
            filter[2] = 0.57000 * filter[2] + white * 1.052_691_3;
            let pink = 0.05 * (filter[0] + filter[1] + filter[2] + white * 0.1848);
            writer
                .write_sample((pink.clamp(-1.0, 1.0) * 32_767.0) as i16)
                .expect("a writable temporary folder");
        }
    }
    writer.finalize().expect("a writable temporary folder");
}

fn profile() -> HearingProfile {
    HearingProfile {
        smearing: Smearing::Auto,
        ..HearingProfile::from_audiograms(
            AudiogramPreset::N3.audiogram(),
            AudiogramPreset::S2.audiogram(),
        )
    }
}

fn hear(input: &Path, output: &Path) {
    hearing::wav::hear_file(input, output, profile(), ProcessorSettings::default())
        .expect("the bench's own files");
}

fn folder() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hearing-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a writable temporary folder");
    dir
}

fn hear_a_minute(c: &mut Criterion) {
    let dir = folder();
    let (input, output) = (dir.join("pink.wav"), dir.join("heard.wav"));
    write_pink_noise(&input);
    let mut group = c.benchmark_group("hear");
    group.sample_size(10);
    group.bench_function("60 s stereo 16-bit, N3 left, S2 right, smearing", |b| {
        b.iter(|| hear(&input, &output))
    });
    group.finish();
    // `cargo test` runs each bench once to see that it works; the figures are for `cargo bench`.
    if std::env::args().any(|arg| arg == "--bench") {
        cpu_time_summary(&input, &output);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The machine the bench runs on may be shared: the time on the CPU is the steadier figure.
fn cpu_time_summary(input: &Path, output: &Path) {
    let mut runs: Vec<(f64, Option<f64>)> = (0..7)
        .map(|_| {
            let (start, cpu_start) = (Instant::now(), cpu_seconds());
            hear(input, output);
            let cpu = cpu_start.zip(cpu_seconds()).map(|(start, end)| end - start);
            (start.elapsed().as_secs_f64(), cpu)
        })
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let wall = runs[3].0;
    let mut cpu: Vec<f64> = runs.iter().filter_map(|run| run.1).collect();
    cpu.sort_by(f64::total_cmp);
    print!("hear, 60 s stereo 16-bit, median of 7: {wall:.3} s wall");
    if let Some(cpu) = cpu.get(cpu.len() / 2) {
        print!(
            ", {cpu:.3} s on the CPU ({:.0}x real time)",
            SECONDS as f64 / cpu
        );
    }
    println!();
}

/// Time this thread has spent on a CPU (s), where Linux tells.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanoseconds * 1e-9)
}

criterion_group!(benches, hear_a_minute);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
