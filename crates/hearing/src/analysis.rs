//! Measuring what a listener hears: levels, spectra, true peak and clicks. Used by the tests of this
//! crate and of the game, and handy for anyone checking a render.

use std::f64::consts::PI;

use kira::Frame;

/// Level (dBFS, AES17: a full-scale sine reads 0) of a signal's RMS.
pub fn rms_dbfs(samples: &[f32]) -> f32 {
    if samples.is_empty() {
        return f32::NEG_INFINITY;
    }
    let mean_square =
        samples.iter().map(|x| f64::from(*x).powi(2)).sum::<f64>() / samples.len() as f64;
    (10.0 * (2.0 * mean_square).max(1e-30).log10()) as f32
}

pub fn left(frames: &[Frame]) -> Vec<f32> {
    frames.iter().map(|f| f.left).collect()
}

pub fn right(frames: &[Frame]) -> Vec<f32> {
    frames.iter().map(|f| f.right).collect()
}

/// The mono sum (average of both ears).
pub fn mono(frames: &[Frame]) -> Vec<f32> {
    frames.iter().map(|f| 0.5 * (f.left + f.right)).collect()
}

/// A power spectrum averaged over Hann-windowed, half-overlapping segments (Welch's method),
/// scaled so that a sine of peak amplitude `a` sums to `a^2 / 2` around its frequency.
#[derive(Debug, Clone)]
pub struct Spectrum {
    sample_rate: f32,
    bin_hz: f32,
    /// Mean-square power per bin.
    power: Vec<f64>,
}

impl Spectrum {
    pub const DEFAULT_SEGMENT: usize = 8192;

    pub fn welch(samples: &[f32], sample_rate: u32) -> Self {
        Self::welch_with(samples, sample_rate, Self::DEFAULT_SEGMENT)
    }

    pub fn welch_with(samples: &[f32], sample_rate: u32, segment: usize) -> Self {
        let segment = segment
            .next_power_of_two()
            .min(samples.len().next_power_of_two())
            .max(16);
        let window: Vec<f64> = (0..segment)
            .map(|i| 0.5 - 0.5 * (2.0 * PI * i as f64 / segment as f64).cos())
            .collect();
        let window_power: f64 = window.iter().map(|w| w * w).sum();
        let mut power = vec![0.0f64; segment / 2 + 1];
        let mut count = 0;
        let hop = segment / 2;
        let mut start = 0;
        let mut re = vec![0.0f64; segment];
        let mut im = vec![0.0f64; segment];
        loop {
            for i in 0..segment {
                re[i] = f64::from(samples.get(start + i).copied().unwrap_or(0.0)) * window[i];
                im[i] = 0.0;
            }
            fft(&mut re, &mut im);
            for (bin, p) in power.iter_mut().enumerate() {
                let scale = if bin == 0 || bin == segment / 2 {
                    1.0
                } else {
                    2.0
                };
                *p += scale * (re[bin] * re[bin] + im[bin] * im[bin])
                    / (window_power * segment as f64);
            }
            count += 1;
            start += hop;
            if start + segment > samples.len() {
                break;
            }
        }
        power.iter_mut().for_each(|p| *p /= count as f64);
        Self {
            sample_rate: sample_rate as f32,
            bin_hz: sample_rate as f32 / segment as f32,
            power,
        }
    }

    fn bins(&self, low_hz: f32, high_hz: f32) -> std::ops::RangeInclusive<usize> {
        let low = (low_hz / self.bin_hz).ceil().max(0.0) as usize;
        let high = ((high_hz / self.bin_hz).floor() as usize).min(self.power.len() - 1);
        low..=high.max(low)
    }

    /// Level (dBFS, AES17) of everything between two frequencies.
    pub fn band_dbfs(&self, low_hz: f32, high_hz: f32) -> f32 {
        let sum: f64 = self.power[self.bins(low_hz, high_hz)].iter().sum();
        (10.0 * (2.0 * sum).max(1e-30).log10()) as f32
    }

    /// Level (dBFS, AES17) in the third-octave around a frequency: "the level at 4 kHz".
    pub fn third_octave_dbfs(&self, centre_hz: f32) -> f32 {
        let half = 2f32.powf(1.0 / 6.0);
        self.band_dbfs(centre_hz / half, centre_hz * half)
    }

    /// Level (dBFS, AES17) of a tone: the power within a few bins of `frequency_hz`.
    pub fn tone_dbfs(&self, frequency_hz: f32) -> f32 {
        let spread = 3.0 * self.bin_hz;
        self.band_dbfs(frequency_hz - spread, frequency_hz + spread)
    }

    /// The frequency of the strongest bin between two frequencies, refined by parabolic interpolation.
    pub fn peak_frequency_hz(&self, low_hz: f32, high_hz: f32) -> f32 {
        let range = self.bins(low_hz, high_hz);
        let peak = range
            .clone()
            .max_by(|a, b| self.power[*a].total_cmp(&self.power[*b]))
            .unwrap_or(0);
        if peak == 0 || peak + 1 >= self.power.len() {
            return peak as f32 * self.bin_hz;
        }
        let db = |bin: usize| 10.0 * self.power[bin].max(1e-30).log10();
        let (a, b, c) = (db(peak - 1), db(peak), db(peak + 1));
        let offset = 0.5 * (a - c) / (a - 2.0 * b + c);
        (peak as f64 + offset) as f32 * self.bin_hz
    }

    pub fn sample_rate(&self) -> f32 {
        self.sample_rate
    }
}

/// In-place radix-2 FFT; `re.len()` must be a power of two.
fn fft(re: &mut [f64], im: &mut [f64]) {
    let n = re.len();
    let mut j = 0;
    for i in 1..n {
        let mut bit = n >> 1;
        while j & bit != 0 {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if i < j {
            re.swap(i, j);
            im.swap(i, j);
        }
    }
    let mut length = 2;
    while length <= n {
        let angle = -2.0 * PI / length as f64;
        let (w_re, w_im) = (angle.cos(), angle.sin());
        for start in (0..n).step_by(length) {
            let (mut u_re, mut u_im) = (1.0f64, 0.0f64);
            for k in 0..length / 2 {
                let (a, b) = (start + k, start + k + length / 2);
                let t_re = re[b] * u_re - im[b] * u_im;
                let t_im = re[b] * u_im + im[b] * u_re;
                re[b] = re[a] - t_re;
                im[b] = im[a] - t_im;
                re[a] += t_re;
                im[a] += t_im;
                let next = u_re * w_re - u_im * w_im;
                u_im = u_re * w_im + u_im * w_re;
                u_re = next;
            }
        }
        length <<= 1;
    }
}

/// True peak (dBTP) by 4x oversampling with a long windowed-sinc interpolator, in the manner of
/// ITU-R BS.1770-4 Annex 2 (finer than the limiter's own estimate, so it checks the limiter). The
/// signal is taken as complete: silence before and after it.
pub fn true_peak_dbfs(samples: &[f32]) -> f32 {
    true_peak(samples, samples.len())
}

/// True peak (dBTP) of an excerpt cut from a stream that goes on: as [`true_peak_dbfs`], but
/// without the points between samples whose interpolator reaches past the cut, where the meter
/// would hear a step to silence that the stream never makes.
pub fn true_peak_dbfs_of_excerpt(samples: &[f32]) -> f32 {
    true_peak(
        samples,
        samples.len().saturating_sub(TRUE_PEAK_HALF_TAPS as usize),
    )
}

/// Half the length of the true-peak interpolator (taps).
pub(crate) const TRUE_PEAK_HALF_TAPS: i64 = 16;

/// The true-peak interpolator's tap at `t` samples from the point it estimates: a sinc under a
/// Blackman window of [`TRUE_PEAK_HALF_TAPS`] either side.
pub(crate) fn true_peak_tap(t: f64) -> f64 {
    let half = TRUE_PEAK_HALF_TAPS as f64;
    let sinc = if t.abs() < 1e-9 {
        1.0
    } else {
        (PI * t).sin() / (PI * t)
    };
    let window = 0.42 + 0.5 * (PI * t / half).cos() + 0.08 * (2.0 * PI * t / half).cos();
    sinc * window
}

/// The sample peak of all of `samples` and the interpolated peak between the first `measured`.
fn true_peak(samples: &[f32], measured: usize) -> f32 {
    const HALF: i64 = TRUE_PEAK_HALF_TAPS;
    const OVERSAMPLING: usize = 4;
    let mut peak = samples
        .iter()
        .fold(0.0f64, |p, x| p.max(f64::from(x.abs())));
    let phases: Vec<Vec<f64>> = (1..OVERSAMPLING)
        .map(|phase| {
            let fraction = phase as f64 / OVERSAMPLING as f64;
            (-HALF + 1..=HALF)
                .map(|i| true_peak_tap(i as f64 - fraction))
                .collect()
        })
        .collect();
    for n in 0..measured {
        for taps in &phases {
            let mut value = 0.0;
            for (offset, tap) in (-HALF + 1..=HALF).zip(taps) {
                let index = n as i64 + offset;
                if index >= 0 && (index as usize) < samples.len() {
                    value += tap * f64::from(samples[index as usize]);
                }
            }
            peak = peak.max(value.abs());
        }
    }
    (20.0 * peak.max(1e-15).log10()) as f32
}

/// The worst click in a signal that should hold one steady tone: over windows of `window` samples,
/// the highest level of everything at least an octave above `tone_hz`, relative to the tone in that
/// window (dB). A smooth gain change keeps this at the noise floor; a click or zipper noise spreads
/// energy across the spectrum and raises it.
pub fn worst_click_db(samples: &[f32], sample_rate: u32, tone_hz: f32, window: usize) -> f32 {
    let mut worst = f32::NEG_INFINITY;
    for chunk in samples.chunks_exact(window) {
        let spectrum = Spectrum::welch_with(chunk, sample_rate, window);
        let tone = spectrum.band_dbfs(tone_hz / 1.25, tone_hz * 1.25);
        let spurious = spectrum.band_dbfs(tone_hz * 2.0, sample_rate as f32 / 2.0);
        worst = worst.max(spurious - tone);
    }
    worst
}

/// A sine at `frequency_hz` with peak amplitude `amplitude`, as stereo frames.
pub fn sine(frequency_hz: f32, amplitude: f32, sample_rate: u32, frames: usize) -> Vec<Frame> {
    (0..frames)
        .map(|n| {
            // The phase in f64: in f32 it would jitter audibly within a second.
            let phase = 2.0 * PI * f64::from(frequency_hz) * n as f64 / f64::from(sample_rate);
            let x = amplitude * phase.sin() as f32;
            Frame::new(x, x)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_scale_sine_reads_zero_dbfs_everywhere() {
        let tone = mono(&sine(1000.0, 1.0, 48_000, 48_000));
        assert!(rms_dbfs(&tone).abs() < 0.01);
        let spectrum = Spectrum::welch(&tone, 48_000);
        assert!(
            spectrum.tone_dbfs(1000.0).abs() < 0.05,
            "{}",
            spectrum.tone_dbfs(1000.0)
        );
        assert!(spectrum.band_dbfs(2000.0, 20_000.0) < -100.0);
        assert!((spectrum.peak_frequency_hz(500.0, 2000.0) - 1000.0).abs() < 1.0);
    }

    #[test]
    fn true_peak_sees_between_the_samples() {
        // A quarter-sample-rate sine sampled at 45 degrees: samples at 0.707, true peak 1.0.
        let samples: Vec<f32> = (0..4800)
            .map(|n| (std::f32::consts::FRAC_PI_2 * n as f32 + std::f32::consts::FRAC_PI_4).sin())
            .collect();
        let sample_peak = 20.0 * samples.iter().fold(0.0f32, |p, x| p.max(x.abs())).log10();
        assert!((sample_peak + 3.01).abs() < 0.05);
        assert!(
            true_peak_dbfs(&samples).abs() < 0.2,
            "{}",
            true_peak_dbfs(&samples)
        );
    }
}
