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

/// Frames read, processed and written at a time: memory stays the same whatever the file's length.
const CHUNK_FRAMES: usize = 4096;

/// Processes `input` through an ear with `profile` into `output` (same channels, rate and sample
/// format), streaming: it reads, processes and writes a block at a time. The output appears only
/// when complete: nothing partial is left behind on error.
pub fn hear_file(
    input: &Path,
    output: &Path,
    profile: HearingProfile,
    settings: ProcessorSettings,
) -> Result<HearReport, HearError> {
    let mut reader = open(input)?;
    let spec = reader.spec();
    let mut processor = HearingProcessor::new(spec.sample_rate, settings);
    processor.jump_to_profile(profile);
    processor.build_smearing();
    let read_error = |error: hound::Error| HearError::Read {
        path: input.to_owned(),
        why: error.to_string(),
    };
    let mut samples = Samples::new(&mut reader);
    let mut chunk = Vec::with_capacity(CHUNK_FRAMES);
    let mut frames = 0;
    // The first frames out are the processor's latency: dropped, and made up with silence at the end.
    let mut latency_left = LATENCY_FRAMES;
    let mut tail_left = LATENCY_FRAMES;
    write(output, spec, |writer| {
        loop {
            chunk.clear();
            while chunk.len() < CHUNK_FRAMES {
                match samples.next_frame(spec.channels).map_err(read_error)? {
                    Some(frame) => {
                        chunk.push(frame);
                        frames += 1;
                    }
                    None if tail_left > 0 => {
                        chunk.push(Frame::ZERO);
                        tail_left -= 1;
                    }
                    None => break,
                }
            }
            if chunk.is_empty() {
                return Ok(());
            }
            processor.process(&mut chunk);
            let skip = latency_left.min(chunk.len());
            latency_left -= skip;
            writer(&chunk[skip..])?;
        }
    })?;
    Ok(HearReport {
        frames,
        channels: spec.channels,
        sample_rate: spec.sample_rate,
    })
}

type Reader = WavReader<std::io::BufReader<fs::File>>;

fn open(path: &Path) -> Result<Reader, HearError> {
    let unsupported = |why: String| HearError::Unsupported {
        path: path.to_owned(),
        why,
    };
    let reader = WavReader::open(path).map_err(|error| HearError::Open {
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
    match (spec.sample_format, spec.bits_per_sample) {
        (SampleFormat::Float, 32) | (SampleFormat::Int, 16 | 24 | 32) => Ok(reader),
        (format, bits) => Err(unsupported(format!(
            "{bits}-bit {format:?} samples are not supported; use 16/24-bit integer or 32-bit float"
        ))),
    }
}

/// The file's samples as floats, frame by frame.
enum Samples<'a> {
    Float(hound::WavSamples<'a, std::io::BufReader<fs::File>, f32>),
    Int {
        samples: hound::WavSamples<'a, std::io::BufReader<fs::File>, i32>,
        scale: f32,
    },
}

impl<'a> Samples<'a> {
    fn new(reader: &'a mut Reader) -> Self {
        let spec = reader.spec();
        match spec.sample_format {
            SampleFormat::Float => Self::Float(reader.samples()),
            SampleFormat::Int => Self::Int {
                scale: 1.0 / (1u64 << (spec.bits_per_sample - 1)) as f32,
                samples: reader.samples(),
            },
        }
    }

    fn next_sample(&mut self) -> Result<Option<f32>, hound::Error> {
        match self {
            Self::Float(samples) => samples.next().transpose(),
            Self::Int { samples, scale } => Ok(samples
                .next()
                .transpose()?
                .map(|sample| sample as f32 * *scale)),
        }
    }

    fn next_frame(&mut self, channels: u16) -> Result<Option<Frame>, hound::Error> {
        let Some(left) = self.next_sample()? else {
            return Ok(None);
        };
        if channels == 1 {
            return Ok(Some(Frame::new(left, left)));
        }
        Ok(self.next_sample()?.map(|right| Frame::new(left, right)))
    }
}

type Writer = WavWriter<std::io::BufWriter<fs::File>>;

/// Writes the output through `fill`, which hands over frames as they are ready, to a partial file
/// that takes the output's name only once complete.
fn write(
    path: &Path,
    spec: WavSpec,
    fill: impl FnOnce(&mut dyn FnMut(&[Frame]) -> Result<(), HearError>) -> Result<(), HearError>,
) -> Result<(), HearError> {
    let write_error = |why: String| HearError::Write {
        path: path.to_owned(),
        why,
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| write_error("the output path names no file".into()))?;
    let partial = path.with_file_name(format!(".{}.partial", file_name.to_string_lossy()));
    let mut writer: Writer =
        WavWriter::create(&partial, spec).map_err(|error| write_error(error.to_string()))?;
    let full_scale = ((1u64 << (spec.bits_per_sample - 1)) - 1) as f32;
    let mut put = |frames: &[Frame]| -> Result<(), HearError> {
        for frame in frames {
            let channels = [frame.left, frame.right];
            let values: &[f32] = if spec.channels == 1 {
                &[0.5 * (frame.left + frame.right)]
            } else {
                &channels
            };
            for value in values {
                match spec.sample_format {
                    SampleFormat::Float => writer.write_sample(*value),
                    SampleFormat::Int => {
                        writer.write_sample((value.clamp(-1.0, 1.0) * full_scale).round() as i32)
                    }
                }
                .map_err(|error| write_error(error.to_string()))?;
            }
        }
        Ok(())
    };
    let result = fill(&mut put).and_then(|()| {
        writer
            .finalize()
            .map_err(|error| write_error(error.to_string()))
    });
    if let Err(error) = result {
        let _ = fs::remove_file(&partial);
        return Err(error);
    }
    fs::rename(&partial, path).map_err(|error| {
        let _ = fs::remove_file(&partial);
        write_error(error.to_string())
    })
}
