//! Any WAV file through the simulated ear: what the `stillness hear` command runs.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use hound::{SampleFormat, WavReader, WavSpec, WavWriter};
use kira::Frame;

use crate::processor::{HearingProcessor, LATENCY_FRAMES, ProcessorSettings, SAMPLE_RATES_HZ};
use crate::profile::HearingProfile;

#[derive(Debug)]
pub enum HearError {
    Open { path: PathBuf, why: String },
    Unsupported { path: PathBuf, why: String },
    Read { path: PathBuf, why: String },
    Write { path: PathBuf, why: String },
}

impl fmt::Display for HearError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Open { path, why } => write!(f, "cannot open {}: {why}", path.display()),
            Self::Unsupported { path, why } => {
                write!(f, "cannot process {}: {why}", path.display())
            }
            Self::Read { path, why } => write!(f, "cannot read {}: {why}", path.display()),
            Self::Write { path, why } => write!(f, "cannot write {}: {why}", path.display()),
        }
    }
}

impl std::error::Error for HearError {}

/// What a run did, for the command to report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HearReport {
    pub frames: usize,
    pub channels: u16,
    pub sample_rate: u32,
}

/// Processes `input` through an ear with `profile` into `output` (same channels, rate and sample
/// format). The output appears only when complete: nothing partial is left behind on error.
pub fn hear_file(
    input: &Path,
    output: &Path,
    profile: HearingProfile,
    settings: ProcessorSettings,
) -> Result<HearReport, HearError> {
    let (spec, mut frames) = read(input)?;
    let mut processor = HearingProcessor::new(spec.sample_rate, settings);
    processor.jump_to_profile(profile);
    let length = frames.len();
    frames.extend(std::iter::repeat_n(Frame::ZERO, LATENCY_FRAMES));
    processor.process(&mut frames);
    frames.drain(..LATENCY_FRAMES);
    frames.truncate(length);
    write(output, spec, &frames)?;
    Ok(HearReport {
        frames: length,
        channels: spec.channels,
        sample_rate: spec.sample_rate,
    })
}

fn read(path: &Path) -> Result<(WavSpec, Vec<Frame>), HearError> {
    let unsupported = |why: String| HearError::Unsupported {
        path: path.to_owned(),
        why,
    };
    let mut reader = WavReader::open(path).map_err(|error| HearError::Open {
        path: path.to_owned(),
        why: error.to_string(),
    })?;
    let spec = reader.spec();
    if !(1..=2).contains(&spec.channels) {
        return Err(unsupported(format!(
            "it has {} channels; only mono and stereo are supported",
            spec.channels
        )));
    }
    if !SAMPLE_RATES_HZ.contains(&spec.sample_rate) {
        return Err(unsupported(format!(
            "its sample rate is {} Hz; 8-192 kHz are accepted",
            spec.sample_rate
        )));
    }
    let read_error = |error: hound::Error| HearError::Read {
        path: path.to_owned(),
        why: error.to_string(),
    };
    let samples: Vec<f32> = match (spec.sample_format, spec.bits_per_sample) {
        (SampleFormat::Float, 32) => reader
            .samples::<f32>()
            .collect::<Result<_, _>>()
            .map_err(read_error)?,
        (SampleFormat::Int, bits @ (16 | 24 | 32)) => {
            let scale = 1.0 / (1u64 << (bits - 1)) as f32;
            reader
                .samples::<i32>()
                .map(|sample| sample.map(|s| s as f32 * scale))
                .collect::<Result<_, _>>()
                .map_err(read_error)?
        }
        (format, bits) => {
            return Err(unsupported(format!(
                "{bits}-bit {format:?} samples are not supported; use 16/24-bit integer or 32-bit float"
            )));
        }
    };
    let frames = match spec.channels {
        1 => samples.iter().map(|s| Frame::new(*s, *s)).collect(),
        _ => samples
            .chunks_exact(2)
            .map(|pair| Frame::new(pair[0], pair[1]))
            .collect(),
    };
    Ok((spec, frames))
}

fn write(path: &Path, spec: WavSpec, frames: &[Frame]) -> Result<(), HearError> {
    let write_error = |why: String| HearError::Write {
        path: path.to_owned(),
        why,
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| write_error("the output path names no file".into()))?;
    let partial = path.with_file_name(format!(".{}.partial", file_name.to_string_lossy()));
    let result = (|| -> Result<(), hound::Error> {
        let mut writer = WavWriter::create(&partial, spec)?;
        for frame in frames {
            let channels = [frame.left, frame.right];
            let values: &[f32] = if spec.channels == 1 {
                &[0.5 * (frame.left + frame.right)]
            } else {
                &channels
            };
            for value in values {
                match spec.sample_format {
                    SampleFormat::Float => writer.write_sample(*value)?,
                    SampleFormat::Int => {
                        let full_scale = ((1u64 << (spec.bits_per_sample - 1)) - 1) as f32;
                        writer.write_sample((value.clamp(-1.0, 1.0) * full_scale).round() as i32)?
                    }
                }
            }
        }
        writer.finalize()
    })();
    if let Err(error) = result {
        let _ = fs::remove_file(&partial);
        return Err(write_error(error.to_string()));
    }
    fs::rename(&partial, path).map_err(|error| {
        let _ = fs::remove_file(&partial);
        write_error(error.to_string())
    })
}
