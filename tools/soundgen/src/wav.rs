//! Audio buffers, loop construction, level normalisation and 16-bit WAV input/output.

use crate::dsp::{SR, db, peak, white};
use rand::rngs::StdRng;
use std::path::Path;

/// A rendered sound: one (mono) or two (stereo) channels of equal length at [`SR`].
pub struct Audio {
    pub channels: Vec<Vec<f32>>,
}

impl Audio {
    pub fn mono(s: Vec<f32>) -> Self {
        Self { channels: vec![s] }
    }

    pub fn stereo(l: Vec<f32>, r: Vec<f32>) -> Self {
        debug_assert_eq!(l.len(), r.len());
        Self {
            channels: vec![l, r],
        }
    }

    pub fn len(&self) -> usize {
        self.channels[0].len()
    }

    pub fn seconds(&self) -> f32 {
        self.len() as f32 / SR
    }

    pub fn peak(&self) -> f32 {
        self.channels.iter().map(|c| peak(c)).fold(0.0, f32::max)
    }

    pub fn rms(&self) -> f32 {
        let n = (self.len() * self.channels.len()).max(1) as f64;
        (self
            .channels
            .iter()
            .flatten()
            .map(|&s| f64::from(s) * f64::from(s))
            .sum::<f64>()
            / n)
            .sqrt() as f32
    }

    fn scale(&mut self, g: f32) {
        self.channels.iter_mut().flatten().for_each(|s| *s *= g);
    }
}

/// How an asset's level is set before it is written.
#[derive(Clone, Copy)]
pub enum Level {
    /// One-shots: scale so the sample peak sits at this many dBFS.
    Peak(f32),
    /// Loops and beds: scale to this RMS in dBFS, but never let the peak pass `ceiling` dBFS.
    Rms { rms: f32, ceiling: f32 },
}

/// Applies a [`Level`] policy. Beds whose RMS target would push rare transients (a glass, a jump) over the ceiling
/// are limited by at most 6 dB rather than turned down as a whole.
pub fn normalise(a: &mut Audio, level: Level) {
    let peak = a.peak();
    match level {
        Level::Peak(p) => a.scale(db(p) / peak),
        Level::Rms { rms, ceiling } => {
            a.scale((db(rms) / a.rms().max(1e-9)).min(db(ceiling + 6.0) / peak));
            if a.peak() > db(ceiling) {
                limit(a, db(ceiling));
            }
        }
    }
}

/// A transparent look-ahead peak limiter, channel-linked and cyclic (so loops stay seamless): the gain each sample
/// needs is spread as a minimum over ±5 ms, then smoothed by a ±5 ms box average, which can only lower it further,
/// so no sample ends above `ceiling` and every gain change takes at least 5 ms.
fn limit(a: &mut Audio, ceiling: f32) {
    let n = a.len();
    let w = (0.005 * SR) as usize;
    let mut need = vec![1.0f32; n];
    for i in 0..n {
        let p = a.channels.iter().fold(0.0f32, |m, c| m.max(c[i].abs()));
        if p > ceiling {
            let g = ceiling / p;
            for j in 0..=2 * w {
                let k = (i + n + j - w) % n;
                need[k] = need[k].min(g);
            }
        }
    }
    let mut sum: f64 = (0..=2 * w).map(|j| f64::from(need[(n + j - w) % n])).sum();
    for i in 0..n {
        let g = (sum / (2 * w + 1) as f64) as f32;
        a.channels.iter_mut().for_each(|c| c[i] *= g);
        sum += f64::from(need[(i + w + 1) % n]) - f64::from(need[(i + n - w) % n]);
    }
}

/// Turns a render of `n + fade` samples into a seamless loop of `n` samples: the overrun is faded into the head with
/// an equal-power curve, which keeps the level of uncorrelated material (noise, crowds) constant across the seam.
pub fn loop_xfade(mut x: Vec<f32>, n: usize) -> Vec<f32> {
    let fade = x.len() - n;
    for i in 0..fade {
        let t = (i as f32 + 0.5) / fade as f32;
        let (fi, fo) = (
            (t * std::f32::consts::FRAC_PI_2).sin(),
            (t * std::f32::consts::FRAC_PI_2).cos(),
        );
        x[i] = x[i] * fi + x[n + i] * fo;
    }
    x.truncate(n);
    x
}

/// Adds `src * gain` into the cyclic buffer `out` starting at `pos`, wrapping past the end: events that ring over
/// the loop point continue at its start, exactly as they would when the loop repeats.
pub fn add_wrapped(out: &mut [f32], pos: usize, src: &[f32], gain: f32) {
    let n = out.len();
    for (i, s) in src.iter().enumerate() {
        out[(pos + i) % n] += s * gain;
    }
}

/// Runs a stateful process over two copies of a cyclic signal and keeps the second: filters and reverbs then start
/// the loop with the state they have at its end, so the processed loop is seamless too.
pub fn cyclic<F: FnMut(&[f32]) -> Vec<Vec<f32>>>(x: &[f32], mut f: F) -> Vec<Vec<f32>> {
    let n = x.len();
    let doubled: Vec<f32> = x.iter().chain(x.iter()).copied().collect();
    f(&doubled).into_iter().map(|c| c[n..].to_vec()).collect()
}

/// Reads a 16-bit or float WAV as mono f32, returning the samples and their rate.
pub fn read_mono(path: &Path) -> Result<(Vec<f32>, f32), String> {
    let mut r =
        hound::WavReader::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let spec = r.spec();
    let ch = usize::from(spec.channels);
    let samples: Vec<f32> = match spec.sample_format {
        hound::SampleFormat::Int => {
            let full = (1i64 << (spec.bits_per_sample - 1)) as f32;
            r.samples::<i32>()
                .map(|s| s.map(|v| v as f32 / full))
                .collect::<Result<_, _>>()
        }
        hound::SampleFormat::Float => r.samples::<f32>().collect::<Result<_, _>>(),
    }
    .map_err(|e| format!("cannot decode {}: {e}", path.display()))?;
    let mono = samples
        .chunks(ch)
        .map(|f| f.iter().sum::<f32>() / ch as f32)
        .collect();
    Ok((mono, spec.sample_rate as f32))
}

/// Writes 16-bit PCM with TPDF dither, so quiet beds (room tone, the anechoic floor) fade into noise rather than
/// into quantisation distortion.
pub fn write(path: &Path, a: &Audio, rng: &mut StdRng) -> Result<(), String> {
    let spec = hound::WavSpec {
        channels: a.channels.len() as u16,
        sample_rate: SR as u32,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let err = |e: hound::Error| format!("cannot write {}: {e}", path.display());
    let mut w = hound::WavWriter::create(path, spec).map_err(err)?;
    for i in 0..a.len() {
        for c in &a.channels {
            let dither = (white(rng) + white(rng)) * 0.5;
            let v = (c[i] * 32767.0 + dither).round().clamp(-32768.0, 32767.0);
            w.write_sample(v as i16).map_err(err)?;
        }
    }
    w.finalize().map_err(err)
}
