//! Spectral smearing after Baer & Moore (1993), as MSBG does it: the auditory filters of an impaired
//! cochlea are broader, so neighbouring components blur into each other and spectral detail (formants,
//! harmonics, ripples) loses contrast.
//!
//! Each short-time power spectrum is multiplied by a least-squares smearing matrix, `normal \ wide`,
//! whose rows are roex filters `(1 + g) e^-g`, `g = 4 |f - cf| / (ERB(cf) r)`, broadened by `r` = the
//! lower factor below the centre frequency and the upper one above it; the square root of the
//! smeared power (clamped at 0) over the frame's power scales each bin, so the phase is kept.
//!
//! Framing: 256-sample analysis frames (the frequency resolution MSBG smears at, whatever the sample
//! rate) and a constant latency of [`SMEARING_LATENCY_FRAMES`] = 128 samples, the same in every
//! setting including off (then a pure delay). A symmetric 256-sample frame at 50 % overlap can only
//! keep 128 samples of latency when blocks arrive aligned to its hop; kira's blocks are not, so the
//! frames use asymmetric windows (Mauler & Martin 2011) instead: the analysis window rises over 192
//! samples and falls over 64 (square-root Hann halves), the synthesis window covers the last 128
//! samples, the hop is 64 (MSBG's own hop), and analysis times synthesis is a 128-sample Hann, which
//! overlap-adds to exactly one. Output sample `t` is final once the frame ending at most 128 samples
//! later is done, whatever the block lengths.
//!
//! MSBG pads each frame to an FFT of 512 and smears 256 bins; that only interpolates the spectrum of
//! a 256-sample frame, so here the FFT is 256 and the matrix smears 128 bins `fs / 256` apart: a
//! quarter of the multiply-adds and half the FFT, for ripple figures within 1 dB of MSBG's own
//! (see the crate's smearing tests). The aliasing the unpadded FFT allows falls on the start of the
//! frame, where the analysis window is nearly closed and which the synthesis window does not use.
//!
//! Use: build a [`SmearingMatrix`] off the audio thread (it allocates and solves a linear system;
//! [`Broadening::for_loss`] picks MSBG's class from the mean loss at 2-8 kHz), hand it to
//! [`Smearer::set_matrix`] on the audio thread, which returns the matrix it let go so that the caller
//! can drop it elsewhere, and cross-fades the smeared power from old to new over
//! [`CROSSFADE_FRAMES`] frames. [`Smearer::process`] takes one ear's samples in blocks of any length
//! and never allocates or panics. [`smear_like_msbg`] is MSBG's own offline framing, the reference.

use std::fmt;
use std::sync::Arc;

use half::f16;
use realfft::RealFftPlanner;
use realfft::num_complex::Complex32;
use rustfft::{Fft, FftPlanner};

/// Samples between an input sample and its smeared output, in every setting.
pub const SMEARING_LATENCY_FRAMES: usize = 128;
/// Frames over which the smeared power moves from one matrix to the next (4 hops: 256 samples).
pub const CROSSFADE_FRAMES: usize = 4;

const FRAME: usize = 256;
const HOP: usize = 64;
const FFT: usize = FRAME;
/// Bins smeared (all but the Nyquist bin, which passes as it is).
const BINS: usize = FFT / 2;
const SYNTHESIS: usize = SMEARING_LATENCY_FRAMES;
/// Matrix entries below this fraction of their row's largest are left out.
const NEGLIGIBLE: f64 = 1e-4;
/// Keeps the gain finite in silent bins (their phase is meaningless and their output zero anyway).
const POWER_FLOOR: f32 = 1e-30;
/// Smeared bins computed together: one 512-bit vector, or two 256-bit vectors that share each
/// power bin read (the loads, not the multiply-adds, bound the matrix's speed).
const LANES: usize = 16;
/// Independent running sums per block of smeared bins, so that each multiply-add need not wait for
/// the one before it.
const CHAINS: usize = 4;

/// MSBG's framing, for [`smear_like_msbg`]: FFT 512, 256 bins smeared.
const MSBG_FFT: usize = 512;
const MSBG_BINS: usize = MSBG_FFT / 2;

/// How much broader than normal the auditory filters are, below and above their centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Broadening {
    lower: f32,
    upper: f32,
}

impl Broadening {
    /// The largest factor accepted (MSBG's severe class is 4).
    pub const MAX_FACTOR: f32 = 8.0;
    /// Normal filters: the matrix undoes the normal filters and applies them again, smearing nothing.
    pub const NORMAL: Self = Self {
        lower: 1.0,
        upper: 1.0,
    };
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

/// One block of [`LANES`] smeared bins as it is computed: `weights[offset..][..len]` are the
/// block's columns from `first_column` on, each the weights of one power bin in the block's bins;
/// `first_column` and `len` are whole numbers of [`CHAINS`].
#[derive(Debug, Clone, Copy)]
struct RowBlock {
    first_column: usize,
    len: usize,
    offset: usize,
}

impl RowBlock {
    /// The block's columns in `stored` (single or half precision) and the power bins they weigh
    /// (`None` only for a block outside them, which [`SmearingMatrix::new`] never builds).
    #[inline(always)]
    fn columns<'a, T>(
        &self,
        stored: &'a [T],
        power: &'a [f32; BINS],
    ) -> Option<(&'a [T], &'a [f32])> {
        let columns = self.first_column..self.first_column + self.len;
        let weights = self.offset..self.offset + self.len;
        Some((stored.get(weights)?, power.get(columns)?))
    }
}

/// MSBG's least-squares smearing matrix for one sample rate and broadening, over the 128 bins of a
/// 256-point FFT. Stored by blocks of 16 rows, each trimmed to the columns where one of its rows
/// weighs at least 1e-4 of the row's largest entry: at 48 kHz a severe matrix keeps 75 % of its
/// entries, a mild one 40 %.
#[derive(Debug, Clone)]
pub struct SmearingMatrix {
    broadening: Broadening,
    blocks: Box<[RowBlock]>,
    weights: Box<[[f32; LANES]]>,
    /// The same weights in half precision (`half::f16` bits), each within 0.05 % of itself, for the
    /// 512-bit build: there the multiply-adds wait on the weights' reads (a severe matrix in single
    /// precision, 49 KB, fills a core's first-level cache), and each half-precision weight widens
    /// in the same instruction that reads it.
    halves: Box<[[u16; LANES]]>,
}

impl SmearingMatrix {
    /// Builds the matrix for bins spaced `sample_rate / 256` apart. Allocates and solves a 128 x 128
    /// system (about a millisecond): keep it off the audio thread.
    pub fn new(sample_rate: u32, broadening: Broadening) -> Self {
        let dense = level_keeping_matrix(sample_rate, broadening);
        let floors: Vec<f64> = dense
            .chunks_exact(BINS)
            .map(|row| NEGLIGIBLE * row.iter().fold(0.0f64, |m, x| m.max(x.abs())))
            .collect();
        let mut blocks = Vec::with_capacity(BINS / LANES);
        let mut weights = Vec::new();
        for first_row in (0..BINS).step_by(LANES) {
            let rows = first_row..first_row + LANES;
            let kept = |column: &usize| {
                rows.clone()
                    .any(|row| dense[row * BINS + column].abs() > floors[row])
            };
            let columns = match ((0..BINS).find(kept), (0..BINS).rfind(kept)) {
                (Some(first), Some(last)) => first / CHAINS * CHAINS..(last / CHAINS + 1) * CHAINS,
                _ => 0..0,
            };
            blocks.push(RowBlock {
                first_column: columns.start,
                len: columns.len(),
                offset: weights.len(),
            });
            weights.extend(columns.map(|column| {
                std::array::from_fn(|lane| dense[(first_row + lane) * BINS + column] as f32)
            }));
        }
        let halves = weights
            .iter()
            .map(|column| column.map(|weight| f16::from_f32(weight).to_bits()))
            .collect();
        Self {
            broadening,
            blocks: blocks.into_boxed_slice(),
            weights: weights.into_boxed_slice(),
            halves,
        }
    }

    pub fn broadening(&self) -> Broadening {
        self.broadening
    }

    /// Multiply-adds per frame: the cost of the matrix.
    pub fn kept_coefficients(&self) -> usize {
        self.weights.len() * LANES
    }

    /// `smeared += weight * (self * power)`, a block of [`LANES`] smeared bins at a time: each
    /// column of the block is a vector of weights times one power bin, summed in two running sums
    /// in turn. The portable build; [`Self::smear_wide`] is the same for x86-64's vectors.
    #[inline(always)]
    fn smear_into(&self, power: &[f32; BINS], weight: f32, smeared: &mut [f32; BINS]) {
        for (block, out) in self.blocks.iter().zip(smeared.as_chunks_mut::<LANES>().0) {
            let Some((weights, power)) = block.columns(&self.weights, power) else {
                continue;
            };
            // Two running sums, not four: 16 lanes of four fill the 16 registers of a 128-bit
            // build and spill.
            let mut sums = [[0.0f32; LANES]; 2];
            for (weights, power) in weights
                .as_chunks::<2>()
                .0
                .iter()
                .zip(power.as_chunks::<2>().0)
            {
                for ((sum, weights), power) in sums.iter_mut().zip(weights).zip(power) {
                    for (sum, weight) in sum.iter_mut().zip(weights) {
                        *sum += weight * power;
                    }
                }
            }
            for ((out, first), second) in out.iter_mut().zip(sums[0]).zip(sums[1]) {
                *out += weight * (first + second);
            }
        }
    }

    /// [`Self::smear_into`] with AVX-512 where the CPU has it, else with AVX2 and fused
    /// multiply-add.
    ///
    /// # Safety
    /// The CPU must have AVX2 and FMA, and AVX-512F where `avx512` is set.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    unsafe fn smear_wide(
        &self,
        avx512: bool,
        power: &[f32; BINS],
        weight: f32,
        smeared: &mut [f32; BINS],
    ) {
        // SAFETY: the caller's promise.
        unsafe {
            if avx512 {
                self.smear_avx512(power, weight, smeared);
            } else {
                self.smear_avx2(power, weight, smeared);
            }
        }
    }

    /// A column's 16 half-precision weights, widened as they are read, times its power bin
    /// broadcast.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f")]
    fn smear_avx512(&self, power: &[f32; BINS], weight: f32, smeared: &mut [f32; BINS]) {
        use std::arch::x86_64::{
            __m256i, _mm256_loadu_si256, _mm512_add_ps, _mm512_cvtph_ps, _mm512_fmadd_ps,
            _mm512_loadu_ps, _mm512_set1_ps, _mm512_setzero_ps, _mm512_storeu_ps,
        };
        for (block, out) in self.blocks.iter().zip(smeared.as_chunks_mut::<LANES>().0) {
            let Some((weights, power)) = block.columns(&self.halves, power) else {
                continue;
            };
            let mut sums = [_mm512_setzero_ps(); CHAINS];
            for (weights, power) in weights
                .as_chunks::<CHAINS>()
                .0
                .iter()
                .zip(power.as_chunks::<CHAINS>().0)
            {
                for ((sum, weights), power) in sums.iter_mut().zip(weights).zip(power) {
                    // SAFETY: a column is 16 halves, the 32 bytes read.
                    let halves = unsafe { _mm256_loadu_si256(weights.as_ptr().cast::<__m256i>()) };
                    let weights = _mm512_cvtph_ps(halves);
                    *sum = _mm512_fmadd_ps(weights, _mm512_set1_ps(*power), *sum);
                }
            }
            let [a, b, c, d] = sums;
            let total = _mm512_add_ps(_mm512_add_ps(a, b), _mm512_add_ps(c, d));
            // SAFETY: `out` is 16 floats, the 64 bytes read and written.
            unsafe {
                let smeared = _mm512_loadu_ps(out.as_ptr());
                _mm512_storeu_ps(
                    out.as_mut_ptr(),
                    _mm512_fmadd_ps(_mm512_set1_ps(weight), total, smeared),
                );
            }
        }
    }

    /// A column's 16 weights in two vectors, both times one broadcast of its power bin.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn smear_avx2(&self, power: &[f32; BINS], weight: f32, smeared: &mut [f32; BINS]) {
        use std::arch::x86_64::{
            _mm256_add_ps, _mm256_fmadd_ps, _mm256_loadu_ps, _mm256_set1_ps, _mm256_setzero_ps,
            _mm256_storeu_ps,
        };
        for (block, out) in self.blocks.iter().zip(smeared.as_chunks_mut::<LANES>().0) {
            let Some((weights, power)) = block.columns(&self.weights, power) else {
                continue;
            };
            let mut sums = [[_mm256_setzero_ps(); 2]; CHAINS];
            for (weights, power) in weights
                .as_chunks::<CHAINS>()
                .0
                .iter()
                .zip(power.as_chunks::<CHAINS>().0)
            {
                for ((sum, weights), power) in sums.iter_mut().zip(weights).zip(power) {
                    let power = _mm256_set1_ps(*power);
                    for (sum, half) in sum.iter_mut().zip(weights.as_chunks::<8>().0) {
                        // SAFETY: `half` is 8 floats, the 32 bytes read.
                        let weights = unsafe { _mm256_loadu_ps(half.as_ptr()) };
                        *sum = _mm256_fmadd_ps(weights, power, *sum);
                    }
                }
            }
            for (half, out) in out.as_chunks_mut::<8>().0.iter_mut().enumerate() {
                let [a, b, c, d] = sums.map(|sum| sum[half]);
                let total = _mm256_add_ps(_mm256_add_ps(a, b), _mm256_add_ps(c, d));
                // SAFETY: `out` is 8 floats, the 32 bytes read and written.
                unsafe {
                    let smeared = _mm256_loadu_ps(out.as_ptr());
                    _mm256_storeu_ps(
                        out.as_mut_ptr(),
                        _mm256_fmadd_ps(_mm256_set1_ps(weight), total, smeared),
                    );
                }
            }
        }
    }
}

/// MSBG's `make_smear_mat3` for `bins` bins spaced `sample_rate / (2 bins)` apart, dense and
/// row-major: entry `(i, j)` weighs the power in bin `j` into smeared bin `i`.
fn msbg_matrix(bins: usize, sample_rate: u32, broadening: Broadening) -> Vec<f64> {
    let bin_hz = f64::from(sample_rate.max(1)) / (2 * bins) as f64;
    let normal = roex_filters(bins, bin_hz, 1.0, 1.0);
    let wide = roex_filters(
        bins,
        bin_hz,
        f64::from(broadening.lower),
        f64::from(broadening.upper),
    );
    least_squares_smearing(bins, &normal, &wide)
}

/// [`msbg_matrix`] for the real-time bins with every column that sums to less than one scaled up to
/// one: no bin's power is lost. MSBG's columns sum to 0.34-1.12 at the severe setting (0.52-1.02
/// at the mild one): where a filter is narrower than a bin (below about 1 kHz at `fs / 256`, and
/// the lone DC entry) only its peak is sampled and the broadened one loses the power its broadening
/// spreads, and near the Nyquist frequency the broadened filters reach beyond it. Kept, that would
/// take 4 dB out of a kick drum at the severe setting. The columns above one (2-8 kHz) stay: they
/// make up for the power the overlap-add loses where smearing decorrelates neighbouring frames.
fn level_keeping_matrix(sample_rate: u32, broadening: Broadening) -> Vec<f64> {
    let mut matrix = msbg_matrix(BINS, sample_rate, broadening);
    for column in 0..BINS {
        let sum: f64 = matrix.iter().skip(column).step_by(BINS).sum();
        if (0.0..1.0).contains(&sum) && sum > 0.0 {
            matrix
                .iter_mut()
                .skip(column)
                .step_by(BINS)
                .for_each(|m| *m /= sum);
        }
    }
    matrix
}

/// MSBG's smearing offline, in its own framing: Hann/sqrt(1.5) windows of 256 samples at a hop of
/// 64, FFT 512, 256 bins smeared by the dense matrix, the first 256 samples of each frame
/// overlap-added, no delay. The reference the real-time [`Smearer`] is measured against; allocates.
pub fn smear_like_msbg(samples: &[f32], sample_rate: u32, broadening: Broadening) -> Vec<f32> {
    let matrix: Vec<f32> = msbg_matrix(MSBG_BINS, sample_rate, broadening)
        .iter()
        .map(|x| *x as f32)
        .collect();
    let mut planner = RealFftPlanner::<f32>::new();
    let forward = planner.plan_fft_forward(MSBG_FFT);
    let inverse = planner.plan_fft_inverse(MSBG_FFT);
    let window: Vec<f32> = (0..FRAME)
        .map(|n| {
            let phase = std::f64::consts::TAU * (n as f64 + 0.5) / FRAME as f64;
            ((0.5 - 0.5 * phase.cos()) / 1.5f64.sqrt()) as f32
        })
        .collect();
    let mut output = vec![0.0f32; samples.len() + FRAME];
    let mut time = forward.make_input_vec();
    let mut spectrum = forward.make_output_vec();
    let mut power = vec![0.0f32; MSBG_BINS];
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
        for (bin, (row, p)) in spectrum
            .iter_mut()
            .zip(matrix.chunks_exact(MSBG_BINS).zip(&power))
        {
            let smeared: f32 = row.iter().zip(&power).map(|(m, p)| m * p).sum();
            *bin *= (smeared.max(0.0) / (p + POWER_FLOOR)).sqrt() / MSBG_FFT as f32;
        }
        spectrum[0].im = 0.0;
        spectrum[MSBG_BINS] = Complex32::new(0.0, 0.0);
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

/// MSBG's `audfilt`: row `i` is the roex filter centred on bin `i`, column `j` its weight at bin `j`,
/// normalised to a common area; row 0 (DC) is a lone diagonal entry.
fn roex_filters(bins: usize, bin_hz: f64, lower: f64, upper: f64) -> Vec<f64> {
    let mut filters = vec![0.0f64; bins * bins];
    filters[0] = 2.0 / (lower + upper);
    for i in 1..bins {
        let centre_hz = i as f64 * bin_hz;
        let erb_hz = 24.7 * (4.37e-3 * centre_hz + 1.0);
        let normalisation = erb_hz * (lower + upper) / (2.0 * 24.7);
        for j in 0..bins {
            let r = if j < i { lower } else { upper };
            let g = 4.0 * (i.abs_diff(j) as f64 * bin_hz) / (erb_hz * r);
            filters[i * bins + j] = (1.0 + g) * (-g).exp() / normalisation;
        }
    }
    filters
}

/// MSBG's `make_smear_mat3`: the minimum-norm least-squares solution of `extended * x = wide`, where
/// `extended` is the normal filters with half as many columns again appended (the parts of the
/// upper rows' filters that fold back below the Nyquist frequency, so that the division does not try
/// to undo them), pruned back to `bins` rows. Solved by Householder QR of `extended^T` (the normal
/// equations would square its condition). The columns of `extended^T` (the rows of `extended`) lie
/// whole in memory and every loop runs along one: this runs at set-up and at the start of every
/// `hear`, so it is kept fast.
fn least_squares_smearing(bins: usize, normal: &[f64], wide: &[f64]) -> Vec<f64> {
    let folded = bins / 2;
    // a = extended^T, m x n, stored by columns: column c at `columns[c * m..][..m]`.
    let (m, n) = (bins + folded, bins);
    let mut columns = vec![0.0f64; n * m];
    for (i, column) in columns.chunks_exact_mut(m).enumerate() {
        column[..bins].copy_from_slice(&normal[i * bins..(i + 1) * bins]);
        if i >= folded {
            // extended[i, bins + k] = normal[i, 2i - bins - k] for bins + k < min(2i - 1, m).
            let end = (2 * i).saturating_sub(1).min(m);
            for (row, value) in column.iter_mut().enumerate().take(end).skip(bins) {
                *value = normal[i * bins + 2 * i - row];
            }
        }
    }
    // Householder QR: a = Q R, reflectors kept in the lower part of `a` and in `betas`.
    let mut betas = vec![0.0f64; n];
    let mut diagonal = vec![0.0f64; n];
    for k in 0..n {
        let (done, rest) = columns.split_at_mut((k + 1) * m);
        let reflector = &mut done[k * m..];
        let norm = reflector[k..].iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm == 0.0 {
            continue;
        }
        let alpha = if reflector[k] > 0.0 { -norm } else { norm };
        reflector[k] -= alpha;
        let v_norm2: f64 = reflector[k..].iter().map(|x| x * x).sum();
        betas[k] = if v_norm2 > 0.0 { 2.0 / v_norm2 } else { 0.0 };
        diagonal[k] = alpha;
        let reflector = &reflector[k..];
        for column in rest.chunks_exact_mut(m) {
            let column = &mut column[k..];
            let dot: f64 = reflector
                .iter()
                .zip(column.iter())
                .map(|(v, a)| v * a)
                .sum();
            let factor = betas[k] * dot;
            for (a, v) in column.iter_mut().zip(reflector) {
                *a -= factor * v;
            }
        }
    }
    // R^T y = wide (forward substitution), then x = Q [y; 0]; x is m x bins, row-major.
    let r_at = |row: usize, column: usize| {
        if row == column {
            diagonal[row]
        } else {
            columns[column * m + row]
        }
    };
    let mut x = vec![0.0f64; m * bins];
    for i in 0..n {
        let (solved, rest) = x.split_at_mut(i * bins);
        let row = &mut rest[..bins];
        row.copy_from_slice(&wide[i * bins..(i + 1) * bins]);
        for (j, earlier) in solved.chunks_exact(bins).enumerate() {
            let r = r_at(j, i);
            for (value, earlier) in row.iter_mut().zip(earlier) {
                *value -= r * earlier;
            }
        }
        let d = r_at(i, i);
        for value in row.iter_mut() {
            *value = if d.abs() > 1e-300 { *value / d } else { 0.0 };
        }
    }
    let mut dots = vec![0.0f64; bins];
    for k in (0..n).rev() {
        let reflector = &columns[k * m + k..(k + 1) * m];
        let rows = &mut x[k * bins..];
        dots.fill(0.0);
        for (v, row) in reflector.iter().zip(rows.chunks_exact(bins)) {
            for (dot, x) in dots.iter_mut().zip(row) {
                *dot += v * x;
            }
        }
        for (v, row) in reflector.iter().zip(rows.chunks_exact_mut(bins)) {
            for (x, dot) in row.iter_mut().zip(&dots) {
                *x -= betas[k] * dot * v;
            }
        }
    }
    x.truncate(bins * bins);
    x
}

/// One ear's smearing: a 256-sample history, the FFTs with their scratch and the overlap-add, all
/// allocated in [`Smearer::new`].
pub struct Smearer {
    /// Complex FFTs of half the frame: the frame's even and odd samples go in as one complex
    /// signal, and [`HalfLength::split`] and [`HalfLength::join`] turn its spectrum into the real
    /// frame's and back, in this crate's own vectorised build.
    forward: Arc<dyn Fft<f32>>,
    inverse: Arc<dyn Fft<f32>>,
    half: HalfLength,
    fft_scratch: Box<[Complex32]>,
    time: Box<[f32; FRAME]>,
    packed: Box<[Complex32; FFT / 2]>,
    spectrum: Box<[Complex32; BINS + 1]>,
    power: Box<[f32; BINS]>,
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
    /// Whether this CPU runs the frames compiled for 256-bit vectors and fused multiply-add.
    #[cfg(target_arch = "x86_64")]
    wide_vectors: bool,
    /// Whether the wide frames' matrix runs on 512-bit vectors.
    #[cfg(target_arch = "x86_64")]
    avx512: bool,
}

impl Smearer {
    /// Off (a pure 128-sample delay) until [`Self::set_matrix`] gives it a matrix.
    pub fn new() -> Self {
        let mut planner = FftPlanner::<f32>::new();
        let forward = planner.plan_fft_forward(FFT / 2);
        let inverse = planner.plan_fft_inverse(FFT / 2);
        let scratch = forward
            .get_inplace_scratch_len()
            .max(inverse.get_inplace_scratch_len());
        let (analysis, synthesis) = windows();
        Self {
            forward,
            inverse,
            half: HalfLength::new(),
            fft_scratch: vec![Complex32::new(0.0, 0.0); scratch].into_boxed_slice(),
            time: Box::new([0.0; FRAME]),
            packed: Box::new([Complex32::new(0.0, 0.0); FFT / 2]),
            spectrum: Box::new([Complex32::new(0.0, 0.0); BINS + 1]),
            power: Box::new([0.0; BINS]),
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
            #[cfg(target_arch = "x86_64")]
            wide_vectors: std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma"),
            #[cfg(target_arch = "x86_64")]
            avx512: std::arch::is_x86_feature_detected!("avx512f"),
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
            // `write` moves with `position`, a hop at a time, so a hop's samples never wrap.
            self.history[self.write..self.write + take].copy_from_slice(chunk);
            self.write = (self.write + take) % FRAME;
            chunk.copy_from_slice(&self.ready[self.position..self.position + take]);
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
        #[cfg(target_arch = "x86_64")]
        if self.wide_vectors {
            // SAFETY: `wide_vectors` is set only when the CPU reported AVX2 and FMA (see `new`).
            unsafe { self.smear_frame_wide(segment) };
            return;
        }
        self.smear_frame_any::<false>(segment);
    }

    /// The frame compiled for 256-bit vectors, with the matrix's multiply-adds fused.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn smear_frame_wide(&mut self, segment: &mut [f32; SYNTHESIS]) {
        self.smear_frame_any::<true>(segment);
    }

    /// Window, FFT, smeared power, gains, inverse FFT, synthesis window; inlined into each build.
    #[inline(always)]
    fn smear_frame_any<const FUSED: bool>(&mut self, segment: &mut [f32; SYNTHESIS]) {
        let (newest, oldest) = self.history.split_at(self.write);
        let (older_part, newer_part) = self.time.split_at_mut(oldest.len());
        let (older_window, newer_window) = self.analysis.split_at(oldest.len());
        for ((time, sample), window) in older_part.iter_mut().zip(oldest).zip(older_window) {
            *time = sample * window;
        }
        for ((time, sample), window) in newer_part.iter_mut().zip(newest).zip(newer_window) {
            *time = sample * window;
        }
        for (packed, pair) in self.packed.iter_mut().zip(self.time.as_chunks::<2>().0) {
            *packed = Complex32::new(pair[0], pair[1]);
        }
        self.forward
            .process_with_scratch(&mut self.packed[..], &mut self.fft_scratch);
        self.half.split(&self.packed, &mut self.spectrum);
        for (power, bin) in self.power.iter_mut().zip(self.spectrum.iter()) {
            *power = bin.re * bin.re + bin.im * bin.im;
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
                    #[cfg(target_arch = "x86_64")]
                    if FUSED {
                        // SAFETY: the fused frame runs only where the CPU reported AVX2 and FMA,
                        // and `avx512` is set only where it reported AVX-512F (see `new`).
                        unsafe {
                            matrix.smear_wide(self.avx512, &self.power, weight, &mut self.smeared)
                        };
                        continue;
                    }
                    matrix.smear_into(&self.power, weight, &mut self.smeared);
                }
                None => self
                    .smeared
                    .iter_mut()
                    .zip(self.power.iter())
                    .for_each(|(s, p)| *s += weight * p),
            }
        }
        // Each bin scaled to its smeared magnitude: sqrt(smeared / power), with the inverse FFT's
        // 1 / 256 folded in; the gains first, in place of the smeared power, so that they vectorise.
        let scale = 1.0 / FFT as f32;
        for (smeared, power) in self.smeared.iter_mut().zip(self.power.iter()) {
            *smeared = scale * (smeared.max(0.0) / (power + POWER_FLOOR)).sqrt();
        }
        for (bin, gain) in self.spectrum.iter_mut().zip(self.smeared.iter()) {
            *bin = Complex32::new(bin.re * gain, bin.im * gain);
        }
        let nyquist = &mut self.spectrum[BINS];
        *nyquist = Complex32::new(nyquist.re * scale, 0.0);
        self.spectrum[0].im = 0.0;
        self.half.join(&self.spectrum, &mut self.packed);
        self.inverse
            .process_with_scratch(&mut self.packed[..], &mut self.fft_scratch);
        let last = &self.packed[(FRAME - SYNTHESIS) / 2..];
        for ((out, pair), window) in segment
            .as_chunks_mut::<2>()
            .0
            .iter_mut()
            .zip(last)
            .zip(self.synthesis.as_chunks::<2>().0)
        {
            *out = [pair.re * window[0], pair.im * window[1]];
        }
    }
}

/// The real FFT of a 256-sample frame from a complex FFT of 128 points, whose input is the even
/// samples as real parts and the odd ones as imaginary parts: half the work of a complex FFT of
/// the whole frame, and the steps around it are plain loops the caller's vector build compiles.
struct HalfLength {
    /// `e^(-2 pi i k / 256)` for `k` in `0..128`.
    twiddles: Box<[Complex32; FFT / 2]>,
}

impl HalfLength {
    fn new() -> Self {
        let mut twiddles = Box::new([Complex32::new(0.0, 0.0); FFT / 2]);
        for (k, twiddle) in twiddles.iter_mut().enumerate() {
            let phase = -std::f64::consts::TAU * k as f64 / FFT as f64;
            *twiddle = Complex32::new(phase.cos() as f32, phase.sin() as f32);
        }
        Self { twiddles }
    }

    /// The frame's spectrum, bins `0..=128`, from the packed spectrum `z`: the even samples'
    /// spectrum is `(z[k] + conj z[128 - k]) / 2`, the odd ones' `(z[k] - conj z[128 - k]) / 2i`,
    /// and bin `k` is the first plus the twiddle times the second.
    #[inline(always)]
    fn split(&self, z: &[Complex32; FFT / 2], spectrum: &mut [Complex32; BINS + 1]) {
        let first = z[0];
        spectrum[0] = Complex32::new(first.re + first.im, 0.0);
        spectrum[BINS] = Complex32::new(first.re - first.im, 0.0);
        for k in 1..BINS {
            let (a, b) = (z[k], z[BINS - k].conj());
            let even = (a + b) * 0.5;
            let odd = (a - b) * Complex32::new(0.0, -0.5);
            spectrum[k] = even + self.twiddles[k] * odd;
        }
    }

    /// The packed spectrum whose inverse FFT gives the frame (times 256, as a real inverse FFT
    /// would), from the frame's bins `0..=128`: [`Self::split`] undone, each half doubled.
    #[inline(always)]
    fn join(&self, spectrum: &[Complex32; BINS + 1], z: &mut [Complex32; FFT / 2]) {
        for k in 0..BINS {
            let (a, b) = (spectrum[k], spectrum[BINS - k].conj());
            let odd = (a - b) * self.twiddles[k].conj();
            z[k] = (a + b) + Complex32::new(-odd.im, odd.re);
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

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_portable_and_the_wide_builds_smear_alike() {
        let run = |wide_vectors: bool, avx512: bool| {
            let mut smearer = Smearer::new();
            if (wide_vectors && !smearer.wide_vectors) || (avx512 && !smearer.avx512) {
                return None;
            }
            smearer.wide_vectors = wide_vectors;
            smearer.avx512 = avx512;
            smearer.set_matrix(Some(Box::new(SmearingMatrix::new(
                48_000,
                Broadening::SEVERE,
            ))));
            let mut samples: Vec<f32> = (0..4096u32)
                .map(|n| ((n.wrapping_mul(2_654_435_761) >> 8) as f32 / 8_388_608.0 - 1.0) * 0.3)
                .collect();
            smearer.process(&mut samples);
            Some(samples)
        };
        let Some(portable) = run(false, false) else {
            return;
        };
        assert!(
            portable.iter().any(|x| x.abs() > 0.05),
            "the test smears sound"
        );
        // The 256-bit build reads the same weights; the 512-bit one their half-precision copies,
        // each within 0.05 % of itself: within 0.01 dB of the signal's peak.
        for (avx512, tolerance) in [(false, 1e-5), (true, 0.3 * 1.2e-3)] {
            let Some(wide) = run(true, avx512) else {
                continue;
            };
            for (n, (a, b)) in portable.iter().zip(&wide).enumerate() {
                assert!(
                    (a - b).abs() <= tolerance,
                    "sample {n}: {a} portable, {b} wide (AVX-512: {avx512})"
                );
            }
        }
    }

    #[test]
    fn the_half_length_fft_gives_the_real_fft_and_back() {
        let mut planner = FftPlanner::<f32>::new();
        let (forward, inverse) = (
            planner.plan_fft_forward(FFT / 2),
            planner.plan_fft_inverse(FFT / 2),
        );
        let real = RealFftPlanner::<f32>::new().plan_fft_forward(FFT);
        let half = HalfLength::new();
        let frame: Vec<f32> = (0..FRAME)
            .map(|n| ((n as u32).wrapping_mul(2_654_435_761) >> 8) as f32 / 8_388_608.0 - 1.0)
            .collect();
        let mut expected = real.make_output_vec();
        real.process(&mut frame.clone(), &mut expected).unwrap();
        let mut packed = [Complex32::new(0.0, 0.0); FFT / 2];
        for (packed, pair) in packed.iter_mut().zip(frame.as_chunks::<2>().0) {
            *packed = Complex32::new(pair[0], pair[1]);
        }
        forward.process(&mut packed);
        let mut spectrum = [Complex32::new(0.0, 0.0); BINS + 1];
        half.split(&packed, &mut spectrum);
        for (bin, (got, expected)) in spectrum.iter().zip(&expected).enumerate() {
            assert!(
                (got - expected).norm() < 1e-4,
                "bin {bin}: {got} for {expected}"
            );
        }
        half.join(&spectrum, &mut packed);
        inverse.process(&mut packed);
        for (n, (got, x)) in packed
            .iter()
            .flat_map(|z| [z.re, z.im])
            .zip(&frame)
            .enumerate()
        {
            assert!(
                (got / FFT as f32 - x).abs() < 1e-5,
                "sample {n}: {got} for {x}"
            );
        }
    }

    #[test]
    fn normal_filters_smear_nothing() {
        let matrix = SmearingMatrix::new(48_000, Broadening::new(1.0, 1.0).unwrap());
        let mut power = [0.0f32; BINS];
        power[40] = 1.0;
        let mut smeared = [0.0f32; BINS];
        matrix.smear_into(&power, 1.0, &mut smeared);
        for (bin, value) in smeared.iter().enumerate() {
            let expected = if bin == 40 { 1.0 } else { 0.0 };
            assert!((value - expected).abs() < 1e-3, "bin {bin}: {value}");
        }
    }

    #[test]
    fn half_precision_keeps_every_weight_at_every_rate_and_broadening() {
        let widest = Broadening::new(Broadening::MAX_FACTOR, Broadening::MAX_FACTOR)
            .expect("the largest factors are accepted");
        for rate in [8_000, 11_025, 44_100, 192_000] {
            for broadening in [
                Broadening::NORMAL,
                Broadening::MILD,
                Broadening::MODERATE,
                Broadening::SEVERE,
                widest,
            ] {
                let matrix = SmearingMatrix::new(rate, broadening);
                for (halves, weights) in matrix.halves.iter().zip(&matrix.weights) {
                    for (half, weight) in halves.iter().zip(weights) {
                        let half = f16::from_bits(*half).to_f32();
                        // Within 0.05 %, or a ten-millionth of the matrix's unit diagonal where
                        // half precision runs out of digits (the entries left out are 1000 times that).
                        assert!(
                            (half - weight).abs() <= 5e-4 * weight.abs() + 1e-7,
                            "{rate} Hz, {broadening:?}: {weight} kept as {half}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_stored_matrix_does_what_the_dense_one_does() {
        for rate in [8_000, 44_100, 192_000] {
            for broadening in [Broadening::MILD, Broadening::SEVERE] {
                let matrix = SmearingMatrix::new(rate, broadening);
                let kept = matrix.kept_coefficients();
                assert!(kept < BINS * BINS * 4 / 5, "{rate} Hz: {kept} coefficients");
                let dense = level_keeping_matrix(rate, broadening);
                // A rippled power spectrum, 30 dB deep.
                let mut power = [0.0f32; BINS];
                for (bin, p) in power.iter_mut().enumerate() {
                    *p = 10f32.powf(1.5 * (bin as f32 * 0.3).sin());
                }
                let mut smeared = [0.0f32; BINS];
                matrix.smear_into(&power, 1.0, &mut smeared);
                for (row, value) in dense.chunks_exact(BINS).zip(smeared) {
                    let exact: f64 = row.iter().zip(power).map(|(m, p)| m * f64::from(p)).sum();
                    let scale: f64 = row
                        .iter()
                        .zip(power)
                        .map(|(m, p)| (m * f64::from(p)).abs())
                        .sum();
                    // Within 0.13 dB, even on this fast 30 dB ripple.
                    assert!(
                        (f64::from(value) - exact).abs() <= 0.03 * scale,
                        "{rate} Hz: {value} for {exact}"
                    );
                }
            }
        }
    }
}
