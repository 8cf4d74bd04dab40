//! Any WAV file through the simulated ear: what the `stillness hear` command runs.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use std::io::{BufReader, Read, Seek, SeekFrom, Write};

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
/// The reader's buffer, for the headers; the data chunk is read past it in blocks.
const READ_BUFFER_BYTES: usize = 8192;

/// Integer samples read are divided by 2^(bits - 1); floats written are multiplied by 2^(bits - 1) - 1.
const INT16_SCALE: f32 = 1.0 / (1 << 15) as f32;
const INT24_SCALE: f32 = 1.0 / (1 << 23) as f32;
const INT32_SCALE: f32 = 1.0 / (1u32 << 31) as f32;
const INT16_FULL_SCALE: f32 = i16::MAX as f32;
const INT24_FULL_SCALE: f32 = ((1 << 23) - 1) as f32;
const INT32_FULL_SCALE: f32 = i32::MAX as f32;

/// Processes `input` through an ear with `profile` into `output` (same channels, rate and sample
/// format), streaming: it reads, processes and writes a block at a time. The output appears only
/// when complete: nothing partial is left behind on error.
pub fn hear_file(
    input: &Path,
    output: &Path,
    profile: HearingProfile,
    settings: ProcessorSettings,
) -> Result<HearReport, HearError> {
    let mut source = Source::open(input)?;
    let spec = source.spec();
    let mut processor = HearingProcessor::new(spec.sample_rate, settings);
    processor.jump_to_profile(profile);
    processor.build_smearing();
    let mut chunk = vec![Frame::ZERO; CHUNK_FRAMES];
    let mut frames = 0;
    // The first frames out are the processor's latency: dropped, and made up with silence at the end.
    let mut latency_left = LATENCY_FRAMES;
    let mut tail_left = LATENCY_FRAMES;
    write(output, spec, |sink| {
        loop {
            let read = source.read(&mut chunk)?;
            frames += read;
            let tail = tail_left.min(CHUNK_FRAMES - read);
            chunk[read..read + tail].fill(Frame::ZERO);
            tail_left -= tail;
            let filled = read + tail;
            if filled == 0 {
                return Ok(());
            }
            processor.process(&mut chunk[..filled]);
            let skip = latency_left.min(filled);
            latency_left -= skip;
            sink.write(&chunk[skip..filled])?;
        }
    })?;
    Ok(HearReport {
        frames,
        channels: spec.channels,
        sample_rate: spec.sample_rate,
    })
}

/// How samples are laid out in a file's data chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Int16,
    /// 24-bit integers in three bytes.
    Int24,
    /// 24-bit integers in the low three bytes of four (WAVE_FORMAT_EXTENSIBLE allows it).
    Int24In32,
    Int32,
    Float32,
}

impl Encoding {
    fn of(format: SampleFormat, bits: u16, bytes: u16) -> Option<Self> {
        match (format, bits, bytes) {
            (SampleFormat::Int, 16, 2) => Some(Self::Int16),
            (SampleFormat::Int, 24, 3) => Some(Self::Int24),
            (SampleFormat::Int, 24, 4) => Some(Self::Int24In32),
            (SampleFormat::Int, 32, 4) => Some(Self::Int32),
            (SampleFormat::Float, 32, 4) => Some(Self::Float32),
            _ => None,
        }
    }

    fn bytes(self) -> usize {
        match self {
            Self::Int16 => 2,
            Self::Int24 => 3,
            Self::Int24In32 | Self::Int32 | Self::Float32 => 4,
        }
    }
}

/// A WAV file's data chunk, read in large blocks and decoded to frames.
struct Source {
    path: PathBuf,
    file: BufReader<fs::File>,
    spec: WavSpec,
    encoding: Encoding,
    /// Bytes of the data chunk not read yet.
    bytes_left: u64,
    bytes: Vec<u8>,
}

impl Source {
    fn open(path: &Path) -> Result<Self, HearError> {
        let error = |why: String| HearError::Open {
            path: path.to_owned(),
            why,
        };
        let unsupported = |why: String| HearError::Unsupported {
            path: path.to_owned(),
            why,
        };
        let reader = fs::File::open(path)
            .map_err(hound::Error::IoError)
            .and_then(|file| WavReader::new(BufReader::with_capacity(READ_BUFFER_BYTES, file)))
            .map_err(|wav| error(wav.to_string()))?;
        let spec = reader.spec();
        let samples = u64::from(reader.len());
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
        let mut file = reader.into_inner();
        // hound has checked the headers and stands at the first byte of data, but keeps the size of
        // a sample's container to itself: the data chunk's length, the 4 bytes just read, over the
        // number of samples gives it.
        let mut length = [0; 4];
        file.seek_relative(-4)
            .and_then(|()| file.read_exact(&mut length))
            .map_err(|io| error(io.to_string()))?;
        let data_bytes = u64::from(u32::from_le_bytes(length));
        let container_bytes = match data_bytes.checked_div(samples) {
            Some(bytes) => u16::try_from(bytes).unwrap_or(0),
            None => spec.bits_per_sample.div_ceil(8),
        };
        let encoding = Encoding::of(spec.sample_format, spec.bits_per_sample, container_bytes)
            .ok_or_else(|| {
                unsupported(format!(
                    "{}-bit {:?} samples are not supported; use 16/24-bit integer or 32-bit float",
                    spec.bits_per_sample, spec.sample_format
                ))
            })?;
        let frame_bytes = encoding.bytes() * usize::from(spec.channels);
        Ok(Self {
            path: path.to_owned(),
            file,
            spec,
            encoding,
            bytes_left: data_bytes,
            bytes: vec![0; CHUNK_FRAMES * frame_bytes],
        })
    }

    fn spec(&self) -> WavSpec {
        self.spec
    }

    /// Fills `frames` from the start with the next frames of the file; returns how many there were
    /// (fewer than asked only at the end).
    fn read(&mut self, frames: &mut [Frame]) -> Result<usize, HearError> {
        let frame_bytes = self.encoding.bytes() * usize::from(self.spec.channels);
        let wanted = (frames.len() * frame_bytes).min(self.bytes_left as usize);
        let bytes = &mut self.bytes[..wanted];
        self.file.read_exact(bytes).map_err(|io| HearError::Read {
            path: self.path.clone(),
            why: if io.kind() == std::io::ErrorKind::UnexpectedEof {
                "it ends before its data chunk does (is it cut short?)".into()
            } else {
                io.to_string()
            },
        })?;
        self.bytes_left -= wanted as u64;
        let read = wanted / frame_bytes;
        let mono = self.spec.channels == 1;
        let frames = &mut frames[..read];
        match self.encoding {
            Encoding::Int16 => decode(bytes, mono, frames, |b: [u8; 2]| {
                f32::from(i16::from_le_bytes(b)) * INT16_SCALE
            }),
            Encoding::Int24 => decode(bytes, mono, frames, |[b0, b1, b2]: [u8; 3]| {
                (i32::from_le_bytes([0, b0, b1, b2]) >> 8) as f32 * INT24_SCALE
            }),
            Encoding::Int24In32 => decode(bytes, mono, frames, |[b0, b1, b2, _]: [u8; 4]| {
                (i32::from_le_bytes([0, b0, b1, b2]) >> 8) as f32 * INT24_SCALE
            }),
            Encoding::Int32 => decode(bytes, mono, frames, |b: [u8; 4]| {
                i32::from_le_bytes(b) as f32 * INT32_SCALE
            }),
            Encoding::Float32 => decode(bytes, mono, frames, f32::from_le_bytes),
        }
        Ok(read)
    }
}

/// Decodes whole frames of `BYTES`-byte samples into `frames` (as many as `bytes` holds).
#[inline(always)]
fn decode<const BYTES: usize>(
    bytes: &[u8],
    mono: bool,
    frames: &mut [Frame],
    value: impl Fn([u8; BYTES]) -> f32,
) {
    let samples = bytes.as_chunks::<BYTES>().0;
    if mono {
        for (frame, sample) in frames.iter_mut().zip(samples) {
            let x = value(*sample);
            *frame = Frame::new(x, x);
        }
    } else {
        for (frame, [left, right]) in frames.iter_mut().zip(samples.as_chunks::<2>().0) {
            *frame = Frame::new(value(*left), value(*right));
        }
    }
}

/// Encodes `frames` into `bytes` (exactly their size), mono as the mean of the two channels.
#[inline(always)]
fn encode<const BYTES: usize>(
    frames: &[Frame],
    mono: bool,
    bytes: &mut [u8],
    value: impl Fn(f32) -> [u8; BYTES],
) {
    let samples = bytes.as_chunks_mut::<BYTES>().0;
    if mono {
        for (sample, frame) in samples.iter_mut().zip(frames) {
            *sample = value(0.5 * (frame.left + frame.right));
        }
    } else {
        for ([left, right], frame) in samples.as_chunks_mut::<2>().0.iter_mut().zip(frames) {
            *left = value(frame.left);
            *right = value(frame.right);
        }
    }
}

/// The integer nearest `value` (clamped to -1..1) times `full_scale`, halves away from zero, as
/// `f32::round` gives it but without a library call per sample: adding the float just under one
/// half and truncating rounds the same, ties included (the sum rounds up to the next whole number
/// exactly when `value` is a half).
#[inline(always)]
fn quantize(value: f32, full_scale: f32) -> i32 {
    const JUST_UNDER_HALF: f32 = 0.499_999_97;
    let scaled = value.clamp(-1.0, 1.0) * full_scale;
    (scaled + JUST_UNDER_HALF.copysign(scaled)) as i32
}

/// Where the processed frames go: encoded a block at a time into the partial output file.
struct Sink {
    file: fs::File,
    encoding: Encoding,
    mono: bool,
    bytes: Vec<u8>,
    data_bytes: u64,
    path: PathBuf,
}

impl Sink {
    fn write(&mut self, frames: &[Frame]) -> Result<(), HearError> {
        let frame_bytes = self.encoding.bytes() * if self.mono { 1 } else { 2 };
        self.bytes.resize(frames.len() * frame_bytes, 0);
        let (mono, bytes) = (self.mono, &mut self.bytes[..]);
        match self.encoding {
            Encoding::Int16 => encode(frames, mono, bytes, |x| {
                (quantize(x, INT16_FULL_SCALE) as i16).to_le_bytes()
            }),
            Encoding::Int24 | Encoding::Int24In32 => encode(frames, mono, bytes, |x| {
                let [b0, b1, b2, _] = quantize(x, INT24_FULL_SCALE).to_le_bytes();
                [b0, b1, b2]
            }),
            Encoding::Int32 => encode(frames, mono, bytes, |x| {
                quantize(x, INT32_FULL_SCALE).to_le_bytes()
            }),
            Encoding::Float32 => encode(frames, mono, bytes, f32::to_le_bytes),
        }
        self.data_bytes += self.bytes.len() as u64;
        self.file
            .write_all(&self.bytes)
            .map_err(|io| HearError::Write {
                path: self.path.clone(),
                why: io.to_string(),
            })
    }
}

/// Writes the output through `fill`, which hands frames to the [`Sink`] as they are ready, to a
/// partial file that takes the output's name only once complete.
fn write(
    path: &Path,
    spec: WavSpec,
    fill: impl FnOnce(&mut Sink) -> Result<(), HearError>,
) -> Result<(), HearError> {
    let write_error = |why: String| HearError::Write {
        path: path.to_owned(),
        why,
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| write_error("the output path names no file".into()))?;
    let partial = path.with_file_name(format!(".{}.partial", file_name.to_string_lossy()));
    // hound writes the header (with no data yet); the data follows it and its length is last.
    let mut header = std::io::Cursor::new(Vec::new());
    WavWriter::new(&mut header, spec)
        .and_then(WavWriter::finalize)
        .map_err(|error| write_error(error.to_string()))?;
    let header = header.into_inner();
    let file = fs::File::create(&partial).map_err(|io| write_error(io.to_string()))?;
    let mut sink = Sink {
        file,
        encoding: Encoding::of(
            spec.sample_format,
            spec.bits_per_sample,
            spec.bits_per_sample / 8,
        )
        .ok_or_else(|| write_error("the input's sample format cannot be written".into()))?,
        mono: spec.channels == 1,
        bytes: Vec::new(),
        data_bytes: 0,
        path: path.to_owned(),
    };
    let result = sink
        .file
        .write_all(&header)
        .map_err(|io| write_error(io.to_string()))
        .and_then(|()| fill(&mut sink))
        .and_then(|()| sink.finish(header.len() as u64));
    drop(sink);
    if let Err(error) = result {
        let _ = fs::remove_file(&partial);
        return Err(error);
    }
    fs::rename(&partial, path).map_err(|error| {
        let _ = fs::remove_file(&partial);
        write_error(error.to_string())
    })
}

impl Sink {
    /// Puts the lengths into the RIFF header and into the data chunk's header (the header's last 4
    /// bytes).
    fn finish(&mut self, header_bytes: u64) -> Result<(), HearError> {
        let error = |why: String| HearError::Write {
            path: self.path.clone(),
            why,
        };
        let lengths = u32::try_from(header_bytes - 8 + self.data_bytes)
            .and_then(|riff| Ok((riff, u32::try_from(self.data_bytes)?)));
        let Ok((riff_bytes, data_bytes)) = lengths else {
            return Err(error(
                "the output would be longer than a WAV file can hold (4 GiB)".into(),
            ));
        };
        let file = &mut self.file;
        file.seek(SeekFrom::Start(4))
            .and_then(|_| file.write_all(&riff_bytes.to_le_bytes()))
            .and_then(|()| file.seek(SeekFrom::Start(header_bytes - 4)))
            .and_then(|_| file.write_all(&data_bytes.to_le_bytes()))
            .map_err(|io| error(io.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantizing_rounds_as_round_does() {
        let full_scale = INT16_FULL_SCALE;
        let halves = (-65_536..=65_536).map(|half| half as f32 * 0.5 / full_scale);
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let random = std::iter::repeat_with(move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Uniform over -1.1..1.1: every fraction, and some beyond full scale.
            ((state >> 40) as f32 / (1u64 << 23) as f32 - 1.0) * 1.1
        })
        .take(1_000_000);
        for value in halves.chain(random) {
            for full_scale in [INT16_FULL_SCALE, INT24_FULL_SCALE, INT32_FULL_SCALE] {
                let expected = (value.clamp(-1.0, 1.0) * full_scale).round() as i32;
                assert_eq!(
                    quantize(value, full_scale),
                    expected,
                    "{value} at {full_scale}"
                );
            }
        }
    }
}
