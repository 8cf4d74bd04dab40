//! Signals and a harness shared by the measurements.

use hearing::analysis;
use hearing::{
    Calibration, Ear, HearingProcessor, HearingProfile, LATENCY_FRAMES, ProcessorSettings,
};
use kira::Frame;

pub const SAMPLE_RATE: u32 = 48_000;

pub fn seconds(s: f32) -> usize {
    (s * SAMPLE_RATE as f32) as usize
}

/// Processes `input` through an ear that has already settled on `profile`, aligned for latency.
pub fn hear(profile: HearingProfile, input: &[Frame]) -> Vec<Frame> {
    hear_with(profile, ProcessorSettings::default(), input)
}

pub fn hear_with(
    profile: HearingProfile,
    settings: ProcessorSettings,
    input: &[Frame],
) -> Vec<Frame> {
    let mut processor = HearingProcessor::new(SAMPLE_RATE, settings);
    processor.jump_to_profile(profile);
    processor.build_smearing();
    let mut frames = input.to_vec();
    frames.extend(std::iter::repeat_n(Frame::ZERO, LATENCY_FRAMES));
    processor.process(&mut frames);
    frames.split_off(LATENCY_FRAMES)
}

/// A sine heard at `db_spl` (both ears).
pub fn tone(frequency_hz: f32, db_spl: f32, frames: usize) -> Vec<Frame> {
    analysis::sine(
        frequency_hz,
        Calibration::default().sine_amplitude(db_spl),
        SAMPLE_RATE,
        frames,
    )
}

/// Level of a tone in the second half of a render, as heard (dB SPL).
pub fn tone_db_spl(frames: &[Frame], frequency_hz: f32) -> f32 {
    let settled = &frames[frames.len() / 2..];
    let spectrum = analysis::Spectrum::welch(&analysis::mono(settled), SAMPLE_RATE);
    Calibration::default().db_spl(spectrum.tone_dbfs(frequency_hz))
}

/// Level of a tone in one ear in the second half of a render, as heard (dB SPL).
pub fn tone_db_spl_in(frames: &[Frame], ear: Ear, frequency_hz: f32) -> f32 {
    let settled = &frames[frames.len() / 2..];
    let channel = match ear {
        Ear::Left => analysis::left(settled),
        Ear::Right => analysis::right(settled),
    };
    let spectrum = analysis::Spectrum::welch(&channel, SAMPLE_RATE);
    Calibration::default().db_spl(spectrum.tone_dbfs(frequency_hz))
}

/// A sine heard at `left_db_spl` in the left ear and `right_db_spl` in the right (`None`: silence).
pub fn tones(
    frequency_hz: f32,
    left_db_spl: Option<f32>,
    right_db_spl: Option<f32>,
    frames: usize,
) -> Vec<Frame> {
    let amplitude =
        |level: Option<f32>| level.map_or(0.0, |db| Calibration::default().sine_amplitude(db));
    let (left, right) = (amplitude(left_db_spl), amplitude(right_db_spl));
    analysis::sine(frequency_hz, 1.0, SAMPLE_RATE, frames)
        .into_iter()
        .map(|f| Frame::new(f.left * left, f.right * right))
        .collect()
}

/// A small deterministic generator so every run hears the same noise.
pub struct Noise(u64);

impl Noise {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    }
}

/// Pink noise (Paul Kellet's filter on white noise) with an RMS level of `dbfs`.
pub fn pink_noise(dbfs: f32, frames: usize, seed: u64) -> Vec<Frame> {
    let mut noise = Noise::new(seed);
    let mut b = [0.0f32; 7];
    let raw: Vec<f32> = (0..frames)
        .map(|_| {
            let white = noise.next();
            b[0] = 0.99886 * b[0] + white * 0.0555179;
            b[1] = 0.99332 * b[1] + white * 0.0750759;
            b[2] = 0.96900 * b[2] + white * 0.153_852;
            b[3] = 0.86650 * b[3] + white * 0.3104856;
            b[4] = 0.55000 * b[4] + white * 0.5329522;
            b[5] = -0.7616 * b[5] - white * 0.0168980;
            let pink = b[..6].iter().sum::<f32>() + b[6] + white * 0.5362;
            b[6] = white * 0.115926;
            pink
        })
        .collect();
    let gain = 10f32.powf((dbfs - analysis::rms_dbfs(&raw)) / 20.0);
    raw.iter().map(|x| Frame::new(x * gain, x * gain)).collect()
}

/// A logarithmic sine sweep from 20 Hz to 20 kHz at peak amplitude `amplitude`.
pub fn sweep(amplitude: f32, frames: usize) -> Vec<Frame> {
    let (low, high) = (20.0f64, 20_000.0f64);
    let duration = frames as f64 / SAMPLE_RATE as f64;
    let rate = (high / low).ln();
    (0..frames)
        .map(|n| {
            let t = n as f64 / SAMPLE_RATE as f64;
            let phase = 2.0 * std::f64::consts::PI * low * duration / rate
                * ((t / duration * rate).exp() - 1.0);
            let x = amplitude * phase.sin() as f32;
            Frame::new(x, x)
        })
        .collect()
}

/// A rock drum loop at 120 BPM: kick, snare and hats, peaking near full scale.
pub fn drum_loop(frames: usize) -> Vec<Frame> {
    let mut noise = Noise::new(7);
    let beat = SAMPLE_RATE as usize / 2;
    let eighth = beat / 2;
    (0..frames)
        .map(|n| {
            let in_beat = n % beat;
            let beat_index = n / beat;
            let t = in_beat as f32 / SAMPLE_RATE as f32;
            let mut x = 0.0;
            if beat_index.is_multiple_of(2) {
                let pitch = 50.0 + 100.0 * (-t * 30.0).exp();
                x += 0.9 * (-t * 8.0).exp() * (2.0 * std::f32::consts::PI * pitch * t).sin();
            } else {
                x += 0.6 * (-t * 20.0).exp() * noise.next()
                    + 0.3 * (-t * 15.0).exp() * (2.0 * std::f32::consts::PI * 190.0 * t).sin();
            }
            let th = (n % eighth) as f32 / SAMPLE_RATE as f32;
            x += 0.25 * (-th * 60.0).exp() * noise.next();
            Frame::new(x, 0.95 * x)
        })
        .collect()
}

pub fn peak(frames: &[Frame]) -> f32 {
    frames
        .iter()
        .fold(0.0f32, |p, f| p.max(f.left.abs()).max(f.right.abs()))
}

pub fn gain(frames: &[Frame], db: f32) -> Vec<Frame> {
    let g = 10f32.powf(db / 20.0);
    frames
        .iter()
        .map(|f| Frame::new(f.left * g, f.right * g))
        .collect()
}
