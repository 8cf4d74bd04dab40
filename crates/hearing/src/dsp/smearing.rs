//! Spectral smearing after Baer & Moore (1993), as MSBG does it: the auditory filters of an impaired
//! cochlea are broader, so neighbouring components blur into each other and spectral detail (formants,
//! harmonics, ripples) loses contrast.
//!
//! Each short-time power spectrum is multiplied by a least-squares smearing matrix, `normal \ wide`,
//! whose rows are roex filters `(1 + g) e^-g`, `g = 4 |f - cf| / (ERB(cf) r)`, broadened by `r` = the
//! lower factor below the centre frequency and the upper one above it; the square root of the
//! smeared power (clamped at 0) replaces the magnitude and the phase is kept.
//!
//! Framing: 256-sample analysis frames (the frequency resolution MSBG smears at, whatever the sample
//! rate), FFT 512, and a constant latency of [`SMEARING_LATENCY_FRAMES`] = 128 samples, the same in
//! every setting including off (then a pure delay). A symmetric 256-sample frame at 50 % overlap can
//! only keep 128 samples of latency when blocks arrive aligned to its hop; kira's blocks are not, so
//! the frames use asymmetric windows (Mauler & Martin 2011) instead: the analysis window rises over
//! 192 samples and falls over 64 (square-root Hann halves), the synthesis window covers the last 128
//! samples, the hop is 64 (MSBG's own hop), and analysis times synthesis is a 128-sample Hann, which
//! overlap-adds to exactly one. Output sample `t` is final once the frame ending at most 128 samples
//! later is done, whatever the block lengths.
//!
//! Use: build a [`SmearingMatrix`] off the audio thread (it allocates and solves a linear system;
//! [`Broadening::for_loss`] picks MSBG's class from the mean loss at 2-8 kHz), hand it to
//! [`Smearer::set_matrix`] on the audio thread, which returns the matrix it let go so that the caller
//! can drop it elsewhere, and cross-fades the smeared power from old to new over
//! [`CROSSFADE_FRAMES`] frames. [`Smearer::process`] takes one ear's samples in blocks of any length
//! and never allocates or panics.

use std::fmt;
use std::sync::Arc;

use realfft::num_complex::Complex32;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};

/// Samples between an input sample and its smeared output, in every setting.
pub const SMEARING_LATENCY_FRAMES: usize = 128;
/// Frames over which the smeared power moves from one matrix to the next (4 hops: 256 samples).
pub const CROSSFADE_FRAMES: usize = 4;

const FRAME: usize = 256;
const HOP: usize = 64;
const FFT: usize = 512;
/// Bins smeared (0 to 255, as MSBG); the Nyquist bin of the 512-point FFT passes as it is.
const BINS: usize = FFT / 2;
const SYNTHESIS: usize = SMEARING_LATENCY_FRAMES;
/// Matrix entries below this fraction of their row's largest are left out of the band kept per row.
const NEGLIGIBLE: f64 = 1e-4;
/// Keeps the gain finite in silent bins (their phase is meaningless and their output zero anyway).
const POWER_FLOOR: f32 = 1e-30;

/// How much broader than normal the auditory filters are, below and above their centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Broadening {
    lower: f32,
    upper: f32,
}

impl Broadening {
    /// The largest factor accepted (MSBG's severe class is 4).
    pub const MAX_FACTOR: f32 = 8.0;
    pub const MILD: Self = Self {
        lower: 1.6,
        upper: 1.1,
    };
    pub const MODERATE: Self = Self {
        lower: 2.4,
        upper: 1.6,
    };
    pub const SEVERE: Self = Self {
        lower: 4.0,
        upper: 2.0,
    };

    /// Factors from 1 (normal) to [`Self::MAX_FACTOR`], below and above each filter's centre.
    pub fn new(lower: f32, upper: f32) -> Result<Self, BroadeningError> {
        for (field, value) in [("lower", lower), ("upper", upper)] {
            if !(1.0..=Self::MAX_FACTOR).contains(&value) {
                return Err(BroadeningError { field, value });
            }
        }
        Ok(Self { lower, upper })
    }

    /// MSBG's class for a mean hearing level over 2, 4 and 8 kHz (dB HL): mild above 15, moderate
    /// above 35, severe above 56; `None` (no smearing) at or below 15 or for a non-finite level.
    pub fn for_loss(mean_hl_2_to_8khz_db: f32) -> Option<Self> {
        match mean_hl_2_to_8khz_db {
            hl if hl > 56.0 => Some(Self::SEVERE),
            hl if hl > 35.0 => Some(Self::MODERATE),
            hl if hl > 15.0 => Some(Self::MILD),
            _ => None,
        }
    }

    pub fn lower(&self) -> f32 {
        self.lower
    }

    pub fn upper(&self) -> f32 {
        self.upper
    }
}

/// A broadening factor out of range, or not a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BroadeningError {
    /// `"lower"` or `"upper"`.
    pub field: &'static str,
    pub value: f32,
}

impl fmt::Display for BroadeningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "smearing {} broadening {} is out of range: it must be a number from 1 to {}",
            self.field,
            self.value,
            Broadening::MAX_FACTOR
        )
    }
}

impl std::error::Error for BroadeningError {}

/// One matrix row as it is applied: `exact[exact_offset..][..exact_len]` weigh the power bins from
/// `exact_first`, and `coarse[coarse_offset..][..coarse_len]` weigh the summed power of the groups of
/// [`GROUP`] bins from `coarse_first` (zero on the groups the exact run covers).
#[derive(Debug, Clone, Copy)]
struct Row {
    exact_first: usize,
    exact_len: usize,
    exact_offset: usize,
    coarse_first: usize,
    coarse_len: usize,
    coarse_offset: usize,
}

/// Bins summed into one group for the far part of each row.
const GROUP: usize = 8;
const GROUPS: usize = BINS / GROUP;
/// Bins on each side of the diagonal weighed one by one; beyond, the rows are smooth exponential
/// skirts and a group's power times the row's mean over the group is as good.
const NEAR: usize = 16;

/// MSBG's least-squares smearing matrix for one sample rate and broadening. Stored for speed: the
/// rows of a broadened matrix reach far below their centre (a severe row at 10 kHz is 8 kHz wide),
/// so each row keeps its entries near the diagonal one by one and its far skirts per group of 8
/// bins, both trimmed where the row falls below 1e-4 of its peak.
#[derive(Debug, Clone)]
pub struct SmearingMatrix {
    broadening: Broadening,
    rows: Box<[Row]>,
    exact: Box<[f32]>,
    coarse: Box<[f32]>,
}

impl SmearingMatrix {
    /// Builds the matrix for bins spaced `sample_rate / 512` apart. Allocates and solves a 256 x 256
    /// system (milliseconds): keep it off the audio thread.
    pub fn new(sample_rate: u32, broadening: Broadening) -> Self {
        let bin_hz = f64::from(sample_rate.max(1)) / FFT as f64;
        let normal = roex_filters(bin_hz, 1.0, 1.0);
        let wide = roex_filters(
            bin_hz,
            f64::from(broadening.lower),
            f64::from(broadening.upper),
        );
        let dense = least_squares_smearing(&normal, &wide);
        let mut rows = Vec::with_capacity(BINS);
        let mut exact = Vec::new();
        let mut coarse = Vec::new();
        for (i, row) in dense.chunks_exact(BINS).enumerate() {
            let floor = NEGLIGIBLE * row.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            let near_groups = i.saturating_sub(NEAR) / GROUP..=((i + NEAR) / GROUP).min(GROUPS - 1);
            let near = near_groups.start() * GROUP..(near_groups.end() + 1) * GROUP;
            let exact_first = (near.start..near.end)
                .find(|j| row[*j].abs() > floor)
                .unwrap_or(i);
            let exact_end = (near.start..near.end)
                .rfind(|j| row[*j].abs() > floor)
                .map_or(exact_first, |j| j + 1);
            let means: Vec<f64> = row
                .chunks_exact(GROUP)
                .enumerate()
                .map(|(q, group)| {
                    if near_groups.contains(&q) {
                        0.0
                    } else {
                        group.iter().sum::<f64>() / GROUP as f64
                    }
                })
                .collect();
            let coarse_first = means.iter().position(|m| m.abs() > floor).unwrap_or(0);
            let coarse_end = means
                .iter()
                .rposition(|m| m.abs() > floor)
                .map_or(coarse_first, |q| q + 1);
            rows.push(Row {
                exact_first,
                exact_len: exact_end - exact_first,
                exact_offset: exact.len(),
                coarse_first,
                coarse_len: coarse_end - coarse_first,
                coarse_offset: coarse.len(),
            });
            exact.extend(row[exact_first..exact_end].iter().map(|x| *x as f32));
            coarse.extend(means[coarse_first..coarse_end].iter().map(|x| *x as f32));
        }
        Self {
            broadening,
            rows: rows.into_boxed_slice(),
            exact: exact.into_boxed_slice(),
            coarse: coarse.into_boxed_slice(),
        }
    }

    pub fn broadening(&self) -> Broadening {
        self.broadening
    }

    /// Multiply-adds per frame: the cost of the matrix.
    pub fn kept_coefficients(&self) -> usize {
        self.exact.len() + self.coarse.len()
    }

    /// MSBG's own framing, offline: Hann/sqrt(1.5) windows of 256 at a hop of 64, FFT 512, the first
    /// 256 samples of each frame overlap-added, no delay. The reference the real-time [`Smearer`] is
    /// measured against; allocates.
    pub fn smear_offline(&self, samples: &[f32]) -> Vec<f32> {
        let mut planner = RealFftPlanner::<f32>::new();
        let forward = planner.plan_fft_forward(FFT);
        let inverse = planner.plan_fft_inverse(FFT);
        let window: Vec<f32> = (0..FRAME)
            .map(|n| {
                let phase = std::f64::consts::TAU * (n as f64 + 0.5) / FRAME as f64;
                ((0.5 - 0.5 * phase.cos()) / 1.5f64.sqrt()) as f32
            })
            .collect();
        let mut output = vec![0.0f32; samples.len() + FRAME];
        let mut time = forward.make_input_vec();
        let mut spectrum = forward.make_output_vec();
        let mut power = [0.0f32; BINS];
        let mut grouped = [0.0f32; GROUPS];
        let mut smeared = [0.0f32; BINS];
        for start in (0..samples.len()).step_by(HOP) {
            time.fill(0.0);
            for (n, w) in window.iter().enumerate() {
                time[n] = samples.get(start + n).copied().unwrap_or(0.0) * w;
            }
            if forward.process(&mut time, &mut spectrum).is_err() {
                break;
            }
            for (p, bin) in power.iter_mut().zip(&spectrum) {
                *p = bin.norm_sqr();
            }
            for (sum, group) in grouped.iter_mut().zip(power.chunks_exact(GROUP)) {
                *sum = group.iter().sum();
            }
            smeared.fill(0.0);
            self.smear_into(&power, &grouped, 1.0, &mut smeared);
            for ((bin, s), p) in spectrum.iter_mut().zip(&smeared).zip(&power) {
                *bin *= (s.max(0.0) / (p + POWER_FLOOR)).sqrt() / FFT as f32;
            }
            spectrum[0].im = 0.0;
            spectrum[BINS] = Complex32::new(0.0, 0.0);
            if inverse.process(&mut spectrum, &mut time).is_err() {
                break;
            }
            for (n, w) in window.iter().enumerate() {
                output[start + n] += time[n] * w;
            }
        }
        output.truncate(samples.len());
        output
    }

    /// `smeared += weight * (self * power)`, with `grouped` the power summed per group.
    #[inline]
    fn smear_into(
        &self,
        power: &[f32; BINS],
        grouped: &[f32; GROUPS],
        weight: f32,
        smeared: &mut [f32; BINS],
    ) {
        let run = |weights: &[f32], offset: usize, values: &[f32], first: usize, len: usize| {
            let weights = weights.get(offset..offset + len).unwrap_or(&[]);
            let values = values.get(first..first + len).unwrap_or(&[]);
            dot(weights, values)
        };
        for (out, row) in smeared.iter_mut().zip(self.rows.iter()) {
            let near = run(
                &self.exact,
                row.exact_offset,
                power,
                row.exact_first,
                row.exact_len,
            );
            let far = run(
                &self.coarse,
                row.coarse_offset,
                grouped,
                row.coarse_first,
                row.coarse_len,
            );
            *out += weight * (near + far);
        }
    }
}

/// A dot product in eight lanes, so that it vectorises (one running sum would be a serial chain).
#[inline(always)]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let (a_chunks, b_chunks) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in a_chunks.zip(b_chunks) {
        for lane in 0..8 {
            lanes[lane] += x[lane] * y[lane];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// MSBG's `audfilt`: row `i` is the roex filter centred on bin `i`, column `j` its weight at bin `j`,
/// normalised to a common area; row 0 (DC) is a lone diagonal entry.
fn roex_filters(bin_hz: f64, lower: f64, upper: f64) -> Vec<f64> {
    let mut filters = vec![0.0f64; BINS * BINS];
    filters[0] = 2.0 / (lower + upper);
    for i in 1..BINS {
        let centre_hz = i as f64 * bin_hz;
        let erb_hz = 24.7 * (4.37e-3 * centre_hz + 1.0);
        let normalisation = erb_hz * (lower + upper) / (2.0 * 24.7);
        for j in 0..BINS {
            let r = if j < i { lower } else { upper };
            let g = 4.0 * (i.abs_diff(j) as f64 * bin_hz) / (erb_hz * r);
            filters[i * BINS + j] = (1.0 + g) * (-g).exp() / normalisation;
        }
    }
    filters
}

/// Columns MSBG appends to the normal filters: the parts of the upper rows' filters that fold back
/// below the Nyquist frequency, so that the division does not try to undo them.
const FOLDED: usize = BINS / 2;
const EXTENDED: usize = BINS + BINS / 4;

/// MSBG's `make_smear_mat3`: the minimum-norm least-squares solution of `extended * x = wide`, where
/// `extended` is the normal filters with the folded columns appended, pruned back to 256 rows.
/// Solved by Householder QR of `extended^T` (the normal equations would square its condition).
fn least_squares_smearing(normal: &[f64], wide: &[f64]) -> Vec<f64> {
    // a = extended^T, EXTENDED x BINS, row-major.
    let (m, n) = (EXTENDED, BINS);
    let mut a = vec![0.0f64; m * n];
    for i in 0..BINS {
        for j in 0..BINS {
            a[j * n + i] = normal[i * BINS + j];
        }
        if i >= FOLDED {
            // extended[i, 256 + k] = normal[i, 2i - 256 - k] for 256 + k < min(2i - 1, 384).
            let end = (2 * i).saturating_sub(1).min(EXTENDED);
            for column in BINS..end {
                a[column * n + i] = normal[i * BINS + 2 * i - column];
            }
        }
    }
    // Householder QR: a = Q R, reflectors kept in the lower part of `a` and in `betas`.
    let mut betas = vec![0.0f64; n];
    let mut diagonal = vec![0.0f64; n];
    for k in 0..n {
        let norm = (k..m).map(|r| a[r * n + k].powi(2)).sum::<f64>().sqrt();
        if norm == 0.0 {
            continue;
        }
        let alpha = if a[k * n + k] > 0.0 { -norm } else { norm };
        a[k * n + k] -= alpha;
        let v_norm2: f64 = (k..m).map(|r| a[r * n + k].powi(2)).sum();
        betas[k] = if v_norm2 > 0.0 { 2.0 / v_norm2 } else { 0.0 };
        diagonal[k] = alpha;
        for c in k + 1..n {
            let dot: f64 = (k..m).map(|r| a[r * n + k] * a[r * n + c]).sum();
            let factor = betas[k] * dot;
            for r in k..m {
                a[r * n + c] -= factor * a[r * n + k];
            }
        }
    }
    // R^T y = wide (forward substitution), then x = Q [y; 0].
    let r_at = |row: usize, column: usize| {
        if row == column {
            diagonal[row]
        } else {
            a[row * n + column]
        }
    };
    let mut x = vec![0.0f64; m * BINS];
    for i in 0..n {
        for k in 0..BINS {
            let mut value = wide[i * BINS + k];
            for j in 0..i {
                value -= r_at(j, i) * x[j * BINS + k];
            }
            let d = r_at(i, i);
            x[i * BINS + k] = if d.abs() > 1e-300 { value / d } else { 0.0 };
        }
    }
    for k in (0..n).rev() {
        for c in 0..BINS {
            let dot: f64 = (k..m).map(|r| a[r * n + k] * x[r * BINS + c]).sum();
            let factor = betas[k] * dot;
            for r in k..m {
                x[r * BINS + c] -= factor * a[r * n + k];
            }
        }
    }
    x.truncate(BINS * BINS);
    x
}

/// One ear's smearing: a 256-sample history, the FFTs with their scratch and the overlap-add, all
/// allocated in [`Smearer::new`].
pub struct Smearer {
    forward: Arc<dyn RealToComplex<f32>>,
    inverse: Arc<dyn ComplexToReal<f32>>,
    forward_scratch: Box<[Complex32]>,
    inverse_scratch: Box<[Complex32]>,
    time: Box<[f32]>,
    spectrum: Box<[Complex32]>,
    power: Box<[f32; BINS]>,
    grouped: [f32; GROUPS],
    smeared: Box<[f32; BINS]>,
    analysis: Box<[f32; FRAME]>,
    synthesis: Box<[f32; SYNTHESIS]>,
    /// The last 256 input samples, oldest at `write`.
    history: Box<[f32; FRAME]>,
    write: usize,
    /// Final output for the current hop, and the overlap waiting for the next frame.
    ready: [f32; HOP],
    overlap: [f32; HOP],
    /// Samples of the current hop taken in (and of `ready` given out).
    position: usize,
    matrix: Option<Box<SmearingMatrix>>,
    /// The matrix faded from, while `fade_frames_left > 0`.
    outgoing: Option<Box<SmearingMatrix>>,
    fade_frames_left: usize,
}

impl Smearer {
    /// Off (a pure 128-sample delay) until [`Self::set_matrix`] gives it a matrix.
    pub fn new() -> Self {
        let mut planner = RealFftPlanner::<f32>::new();
        let forward = planner.plan_fft_forward(FFT);
        let inverse = planner.plan_fft_inverse(FFT);
        let forward_scratch = forward.make_scratch_vec().into_boxed_slice();
        let inverse_scratch = inverse.make_scratch_vec().into_boxed_slice();
        let time = forward.make_input_vec().into_boxed_slice();
        let spectrum = forward.make_output_vec().into_boxed_slice();
        let (analysis, synthesis) = windows();
        Self {
            forward,
            inverse,
            forward_scratch,
            inverse_scratch,
            time,
            spectrum,
            power: Box::new([0.0; BINS]),
            grouped: [0.0; GROUPS],
            smeared: Box::new([0.0; BINS]),
            analysis,
            synthesis,
            history: Box::new([0.0; FRAME]),
            write: 0,
            ready: [0.0; HOP],
            overlap: [0.0; HOP],
            position: 0,
            matrix: None,
            outgoing: None,
            fade_frames_left: 0,
        }
    }

    /// Smears with `matrix` from now on (`None`: off), cross-fading from what was heard. Returns the
    /// matrix this let go, if any, for the caller to drop off the audio thread. Neither allocates
    /// nor frees.
    pub fn set_matrix(
        &mut self,
        matrix: Option<Box<SmearingMatrix>>,
    ) -> Option<Box<SmearingMatrix>> {
        // A change during a fade fades on from the newer of the two; the older one goes.
        let current = std::mem::replace(&mut self.matrix, matrix);
        let released = std::mem::replace(&mut self.outgoing, current);
        self.fade_frames_left = CROSSFADE_FRAMES;
        released
    }

    /// The matrix in use (`None`: off).
    pub fn matrix(&self) -> Option<&SmearingMatrix> {
        self.matrix.as_deref()
    }

    /// Smears one ear's samples in place, [`SMEARING_LATENCY_FRAMES`] late.
    pub fn process(&mut self, samples: &mut [f32]) {
        let mut rest = samples;
        while !rest.is_empty() {
            let take = (HOP - self.position).min(rest.len());
            let (chunk, next) = rest.split_at_mut(take);
            for (sample, ready) in chunk.iter_mut().zip(&self.ready[self.position..]) {
                self.history[self.write] = *sample;
                self.write = (self.write + 1) % FRAME;
                *sample = *ready;
            }
            self.position += take;
            if self.position == HOP {
                self.position = 0;
                self.frame();
            }
            rest = next;
        }
    }

    /// Analyses the last 256 samples and overlap-adds their synthesis, which completes the next hop.
    fn frame(&mut self) {
        let mut segment = [0.0f32; SYNTHESIS];
        if self.matrix.is_none() && self.fade_frames_left == 0 {
            // Unsmeared, the FFTs would give back the windowed frame: skip them.
            for (n, out) in segment.iter_mut().enumerate() {
                let index = FRAME - SYNTHESIS + n;
                *out = self.history[(self.write + index) % FRAME]
                    * self.analysis[index]
                    * self.synthesis[n];
            }
        } else {
            self.smear_frame(&mut segment);
        }
        for n in 0..HOP {
            self.ready[n] = self.overlap[n] + segment[n];
            self.overlap[n] = segment[HOP + n];
        }
    }

    fn smear_frame(&mut self, segment: &mut [f32; SYNTHESIS]) {
        let (newest, oldest) = self.history.split_at(self.write);
        for ((time, sample), window) in self
            .time
            .iter_mut()
            .zip(oldest.iter().chain(newest))
            .zip(self.analysis.iter())
        {
            *time = sample * window;
        }
        self.time[FRAME..].fill(0.0);
        if self
            .forward
            .process_with_scratch(
                &mut self.time,
                &mut self.spectrum,
                &mut self.forward_scratch,
            )
            .is_err()
        {
            return;
        }
        for (power, bin) in self.power.iter_mut().zip(self.spectrum.iter()) {
            *power = bin.norm_sqr();
        }
        for (sum, group) in self.grouped.iter_mut().zip(self.power.chunks_exact(GROUP)) {
            *sum = group.iter().sum();
        }
        self.smeared.fill(0.0);
        let progress = if self.fade_frames_left > 0 {
            self.fade_frames_left -= 1;
            1.0 - self.fade_frames_left as f32 / (CROSSFADE_FRAMES as f32 + 1.0)
        } else {
            1.0
        };
        for (matrix, weight) in [
            (self.matrix.as_deref(), progress),
            (self.outgoing.as_deref(), 1.0 - progress),
        ] {
            if weight <= 0.0 {
                continue;
            }
            match matrix {
                Some(matrix) => {
                    matrix.smear_into(&self.power, &self.grouped, weight, &mut self.smeared)
                }
                None => self
                    .smeared
                    .iter_mut()
                    .zip(self.power.iter())
                    .for_each(|(s, p)| *s += weight * p),
            }
        }
        let scale = 1.0 / FFT as f32;
        for ((bin, smeared), power) in self
            .spectrum
            .iter_mut()
            .zip(self.smeared.iter())
            .zip(self.power.iter())
        {
            *bin *= scale * (smeared.max(0.0) / (power + POWER_FLOOR)).sqrt();
        }
        if let Some(nyquist) = self.spectrum.last_mut() {
            *nyquist = Complex32::new(nyquist.re * scale, 0.0);
        }
        self.spectrum[0].im = 0.0;
        if self
            .inverse
            .process_with_scratch(
                &mut self.spectrum,
                &mut self.time,
                &mut self.inverse_scratch,
            )
            .is_err()
        {
            return;
        }
        for ((out, time), window) in segment
            .iter_mut()
            .zip(&self.time[FRAME - SYNTHESIS..FRAME])
            .zip(self.synthesis.iter())
        {
            *out = time * window;
        }
    }
}

impl Default for Smearer {
    fn default() -> Self {
        Self::new()
    }
}

/// The asymmetric analysis and synthesis windows: analysis rises as a square-root Hann over 192
/// samples and falls as one over 64; synthesis covers the last 128 samples so that analysis times
/// synthesis there is a periodic 128-sample Hann (which sums to one at a hop of 64).
fn windows() -> (Box<[f32; FRAME]>, Box<[f32; SYNTHESIS]>) {
    use std::f64::consts::PI;
    let hann = |n: f64, length: f64| 0.5 - 0.5 * (2.0 * PI * n / length).cos();
    let rise = FRAME - HOP;
    let mut analysis = Box::new([0.0f32; FRAME]);
    for (n, w) in analysis.iter_mut().enumerate() {
        let value = if n < rise {
            hann(n as f64, 2.0 * rise as f64)
        } else {
            hann((n - rise + HOP) as f64, 2.0 * HOP as f64)
        };
        *w = value.sqrt() as f32;
    }
    let mut synthesis = Box::new([0.0f32; SYNTHESIS]);
    for (n, w) in synthesis.iter_mut().enumerate() {
        let a = f64::from(analysis[FRAME - SYNTHESIS + n]);
        *w = if a > 0.0 {
            (hann(n as f64, SYNTHESIS as f64) / a) as f32
        } else {
            0.0
        };
    }
    (analysis, synthesis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_windows_overlap_add_to_one() {
        let (analysis, synthesis) = windows();
        for n in 0..HOP {
            let sum: f32 = (0..SYNTHESIS / HOP)
                .map(|k| {
                    let m = n + k * HOP;
                    analysis[FRAME - SYNTHESIS + m] * synthesis[m]
                })
                .sum();
            assert!((sum - 1.0).abs() < 1e-6, "{n}: {sum}");
        }
    }

    #[test]
    fn normal_filters_smear_nothing() {
        let matrix = SmearingMatrix::new(48_000, Broadening::new(1.0, 1.0).unwrap());
        let mut power = [0.0f32; BINS];
        power[40] = 1.0;
        let mut smeared = [0.0f32; BINS];
        matrix.smear_into(&power, &[0.0; GROUPS], 1.0, &mut smeared);
        for (bin, value) in smeared.iter().enumerate() {
            let expected = if bin == 40 { 1.0 } else { 0.0 };
            assert!((value - expected).abs() < 1e-3, "bin {bin}: {value}");
        }
    }

    #[test]
    fn the_stored_matrix_is_a_quarter_of_the_dense_one_and_does_the_same() {
        for rate in [8_000, 44_100, 192_000] {
            let matrix = SmearingMatrix::new(rate, Broadening::SEVERE);
            let kept = matrix.kept_coefficients();
            assert!(kept < BINS * BINS / 4, "{rate} Hz: {kept} coefficients");
            let bin_hz = f64::from(rate) / FFT as f64;
            let dense = least_squares_smearing(
                &roex_filters(bin_hz, 1.0, 1.0),
                &roex_filters(bin_hz, 4.0, 2.0),
            );
            // A rippled power spectrum, 30 dB deep.
            let mut power = [0.0f32; BINS];
            for (bin, p) in power.iter_mut().enumerate() {
                *p = 10f32.powf(1.5 * (bin as f32 * 0.3).sin());
            }
            let mut grouped = [0.0f32; GROUPS];
            for (sum, group) in grouped.iter_mut().zip(power.chunks_exact(GROUP)) {
                *sum = group.iter().sum();
            }
            let mut smeared = [0.0f32; BINS];
            matrix.smear_into(&power, &grouped, 1.0, &mut smeared);
            for (row, value) in dense.chunks_exact(BINS).zip(smeared) {
                let exact: f64 = row.iter().zip(power).map(|(m, p)| m * f64::from(p)).sum();
                let scale: f64 = row
                    .iter()
                    .zip(power)
                    .map(|(m, p)| (m * f64::from(p)).abs())
                    .sum();
                // Within 0.13 dB, even on this fast ripple.
                assert!(
                    (f64::from(value) - exact).abs() <= 0.03 * scale,
                    "{rate} Hz: {value} for {exact}"
                );
            }
        }
    }
}
