//! What a cochlear implant lets through, as a channel vocoder (Shannon 1995; `egaudrain/vocoder`):
//! the sound is split into N bands with edges evenly spaced along the cochlea (Greenwood's map
//! `f = 165.4 (10^(0.06 x) - 1)`, x in mm from the apex), each band keeps only its envelope
//! (half-wave rectification, 4th-order low-pass at 50-400 Hz; 6th-order Butterworth bands), and the envelopes modulate noise
//! or sine carriers that are filtered through the band again. The fine structure, and with it most
//! of pitch, is gone: the metallic, robotic voice implant users describe at first.
//!
//! Options: n-of-m channel selection (only the N strongest channels are on, chosen anew every
//! 1/900 s as in ACE strategies, with a linear ramp over that frame so that exactly N channels
//! are on at any time), and a basal shift: the carriers move the given distance towards the base
//! of the cochlea along Greenwood's map (an electrode array that does not reach the apex), which
//! raises every voice.
//!
//! Sample rates: the band edges come from the settings whatever the rate; a channel whose analysis
//! or carrier band reaches above 0.45 fs is dropped (silent), so at 8 kHz a ci24-like map keeps
//! only its channels below 3.6 kHz, each where it belongs. Filters are IIR: no block latency
//! ([`IMPLANT_LATENCY_FRAMES`] = 0; the band filters' group delay is part of the sound).
//! [`Implant::new`] and [`Implant::set_settings`] compute coefficients without allocating;
//! [`Implant::process`] never allocates or panics. The noise is a seeded xorshift: every run sounds
//! the same.

use std::f64::consts::PI;
use std::fmt;

use realfft::num_complex::Complex64;

use super::DENORMAL_GUARD;

/// Samples of delay the vocoder adds before its filters (none).
pub const IMPLANT_LATENCY_FRAMES: usize = 0;
/// The most channels an implant map may have (a Cochlear CI24 has 22 electrodes).
pub const MAX_CHANNELS: usize = 22;
/// Lanes for the per-channel filter banks: the channels rounded up to a multiple of 8.
const LANES: usize = 24;
/// How often n-of-m chooses its channels (Hz).
const SELECTION_RATE_HZ: f32 = 900.0;
/// Channels reaching above this fraction of the sample rate are dropped.
const HIGHEST_FRACTION: f32 = 0.45;
/// Biquads per band-pass filter.
const BAND_SECTIONS: usize = 3;

/// What each channel's envelope modulates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    /// Noise filtered through the channel's carrier band: breathy, whispered.
    Noise,
    /// A sine at the centre of the channel's carrier band: an inharmonic, metallic chord.
    Sine,
}

/// An implant map and how it is heard. Built through [`ImplantSettings::new`] and the `with_`
/// methods, which reject anything out of range, so every value that reaches the audio thread is
/// valid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImplantSettings {
    channels: u8,
    carrier: Carrier,
    envelope_hz: f32,
    shift_mm: f32,
    n_of_m: Option<u8>,
    low_hz: f32,
    high_hz: f32,
}

/// A setting out of range or not a number: which field, what it was, and what is allowed.
#[derive(Debug, Clone, PartialEq)]
pub struct ImplantSettingsError {
    pub field: &'static str,
    pub value: f32,
    pub allowed: String,
}

impl fmt::Display for ImplantSettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "implant {} {} is out of range: {}",
            self.field, self.value, self.allowed
        )
    }
}

impl std::error::Error for ImplantSettingsError {}

fn check(
    field: &'static str,
    value: f32,
    low: f32,
    high: f32,
    unit: &str,
) -> Result<f32, ImplantSettingsError> {
    if (low..=high).contains(&value) {
        Ok(value)
    } else {
        Err(ImplantSettingsError {
            field,
            value,
            allowed: format!("it must be a number from {low} to {high}{unit}"),
        })
    }
}

impl ImplantSettings {
    pub const CHANNELS: std::ops::RangeInclusive<u8> = 4..=MAX_CHANNELS as u8;
    pub const ENVELOPE_HZ: std::ops::RangeInclusive<f32> = 50.0..=400.0;
    pub const SHIFT_MM: std::ops::RangeInclusive<f32> = 0.0..=10.0;
    pub const LOW_HZ: std::ops::RangeInclusive<f32> = 50.0..=2_000.0;
    pub const HIGH_HZ: std::ops::RangeInclusive<f32> = 1_000.0..=20_000.0;

    /// `channels` (4 to 22) over a ci24-like range of 188-7938 Hz, envelopes low-passed at 250 Hz,
    /// no shift, all channels on.
    pub fn new(channels: u8, carrier: Carrier) -> Result<Self, ImplantSettingsError> {
        check(
            "channels",
            f32::from(channels),
            f32::from(*Self::CHANNELS.start()),
            f32::from(*Self::CHANNELS.end()),
            "",
        )?;
        Ok(Self {
            channels,
            carrier,
            envelope_hz: 250.0,
            shift_mm: 0.0,
            n_of_m: None,
            low_hz: 188.0,
            high_hz: 7_938.0,
        })
    }

    /// Cut-off of the envelope low-pass, 50 to 400 Hz: voice pitch survives (as sidebands) only
    /// when it is above the voice's F0.
    pub fn with_envelope_hz(self, envelope_hz: f32) -> Result<Self, ImplantSettingsError> {
        let (low, high) = (*Self::ENVELOPE_HZ.start(), *Self::ENVELOPE_HZ.end());
        let envelope_hz = check("envelope_hz", envelope_hz, low, high, " Hz")?;
        Ok(Self {
            envelope_hz,
            ..self
        })
    }

    /// How far towards the base the carriers are moved along the cochlea, 0 to 10 mm.
    pub fn with_shift_mm(self, shift_mm: f32) -> Result<Self, ImplantSettingsError> {
        let (low, high) = (*Self::SHIFT_MM.start(), *Self::SHIFT_MM.end());
        let shift_mm = check("shift_mm", shift_mm, low, high, " mm")?;
        Ok(Self { shift_mm, ..self })
    }

    /// Keep only the `n` strongest channels (1 to the number of channels), or all with `None`.
    pub fn with_n_of_m(self, n_of_m: Option<u8>) -> Result<Self, ImplantSettingsError> {
        if let Some(n) = n_of_m {
            check(
                "n_of_m",
                f32::from(n),
                1.0,
                f32::from(self.channels),
                " channels",
            )?;
        }
        Ok(Self { n_of_m, ..self })
    }

    /// The analysis range: `low_hz` 50 to 2000 Hz, `high_hz` 1 to 20 kHz and at least an octave
    /// above `low_hz`.
    pub fn with_range_hz(self, low_hz: f32, high_hz: f32) -> Result<Self, ImplantSettingsError> {
        let low_hz = check(
            "low_hz",
            low_hz,
            *Self::LOW_HZ.start(),
            *Self::LOW_HZ.end(),
            " Hz",
        )?;
        let high_hz = check(
            "high_hz",
            high_hz,
            (2.0 * low_hz).max(*Self::HIGH_HZ.start()),
            *Self::HIGH_HZ.end(),
            " Hz (and at least an octave above low_hz)",
        )?;
        Ok(Self {
            low_hz,
            high_hz,
            ..self
        })
    }

    pub fn channels(&self) -> u8 {
        self.channels
    }

    pub fn carrier(&self) -> Carrier {
        self.carrier
    }

    pub fn envelope_hz(&self) -> f32 {
        self.envelope_hz
    }

    pub fn shift_mm(&self) -> f32 {
        self.shift_mm
    }

    pub fn n_of_m(&self) -> Option<u8> {
        self.n_of_m
    }

    pub fn range_hz(&self) -> (f32, f32) {
        (self.low_hz, self.high_hz)
    }

    /// Edges (Hz) of channel `channel`'s analysis band, counted from the apex (lowest).
    pub fn analysis_band_hz(&self, channel: usize) -> Option<(f32, f32)> {
        self.band_hz(channel, 0.0)
    }

    /// Edges (Hz) of channel `channel`'s carrier band: the analysis band moved by the shift.
    pub fn carrier_band_hz(&self, channel: usize) -> Option<(f32, f32)> {
        self.band_hz(channel, self.shift_mm)
    }

    fn band_hz(&self, channel: usize, shift_mm: f32) -> Option<(f32, f32)> {
        if channel >= usize::from(self.channels) {
            return None;
        }
        let (apex, base) = (place_mm(self.low_hz), place_mm(self.high_hz));
        let step = (base - apex) / f32::from(self.channels);
        let edge = |k: usize| greenwood_hz(apex + step * k as f32 + shift_mm);
        Some((edge(channel), edge(channel + 1)))
    }
}

impl Default for ImplantSettings {
    /// A ci24-like map: 22 channels, noise carriers.
    fn default() -> Self {
        Self {
            channels: MAX_CHANNELS as u8,
            carrier: Carrier::Noise,
            envelope_hz: 250.0,
            shift_mm: 0.0,
            n_of_m: None,
            low_hz: 188.0,
            high_hz: 7_938.0,
        }
    }
}

/// Greenwood's map for the human cochlea: the frequency heard `x_mm` from the apex.
pub fn greenwood_hz(x_mm: f32) -> f32 {
    165.4 * (10f32.powf(0.06 * x_mm) - 1.0)
}

/// Inverse of [`greenwood_hz`].
pub fn place_mm(frequency_hz: f32) -> f32 {
    (frequency_hz / 165.4 + 1.0).log10() / 0.06
}

/// A biquad's normalised coefficients (`a0` = 1).
#[derive(Debug, Clone, Copy, Default)]
struct Biquad {
    b0: f32,
    b1: f32,
    b2: f32,
    a1: f32,
    a2: f32,
}

impl Biquad {
    const SILENT: Self = Self {
        b0: 0.0,
        b1: 0.0,
        b2: 0.0,
        a1: 0.0,
        a2: 0.0,
    };

    /// Robert Bristow-Johnson's low- or high-pass, prewarped.
    fn pass(high: bool, cutoff_hz: f64, q: f64, sample_rate: f64) -> Self {
        let w = 2.0 * PI * (cutoff_hz / sample_rate).min(0.49);
        let (sin, cos) = w.sin_cos();
        let alpha = sin / (2.0 * q);
        let a0 = 1.0 + alpha;
        let (b0, b1) = if high {
            ((1.0 + cos) / 2.0, -(1.0 + cos))
        } else {
            ((1.0 - cos) / 2.0, 1.0 - cos)
        };
        Self {
            b0: (b0 / a0) as f32,
            b1: (b1 / a0) as f32,
            b2: (b0 / a0) as f32,
            a1: (-2.0 * cos / a0) as f32,
            a2: ((1.0 - alpha) / a0) as f32,
        }
    }

    /// The sections of a 6th-order Butterworth band-pass between two edges (18 dB per octave
    /// skirts): the 3rd-order Butterworth low-pass prototype moved to the band
    /// (`s -> (s^2 + w0^2) / (B s)`), each resulting pole pair one section `B s / (s^2 + c1 s + c0)`,
    /// through the bilinear transform with prewarped edges. Unity gain at the centre.
    fn band_pass(low_hz: f64, high_hz: f64, sample_rate: f64) -> [Self; BAND_SECTIONS] {
        let k = 2.0 * sample_rate;
        let warp = |hz: f64| k * (PI * (hz / sample_rate).min(0.49)).tan();
        let (low, high) = (warp(low_hz), warp(high_hz));
        let (centre2, bandwidth) = (low * high, high - low);
        // Prototype poles at 120 degrees (and its conjugate) and at 180 degrees.
        let upper = Complex64::from_polar(1.0, 2.0 * PI / 3.0) * bandwidth / 2.0;
        let real = Complex64::new(-bandwidth / 2.0, 0.0);
        let upper_root = (upper * upper - centre2).sqrt();
        let real_root = (real * real - centre2).sqrt();
        [upper + upper_root, upper - upper_root, real + real_root].map(|pole| {
            let (c1, c0) = (-2.0 * pole.re, pole.norm_sqr());
            let a0 = k * k + c1 * k + c0;
            Self {
                b0: (bandwidth * k / a0) as f32,
                b1: 0.0,
                b2: (-bandwidth * k / a0) as f32,
                a1: ((2.0 * c0 - 2.0 * k * k) / a0) as f32,
                a2: ((k * k - c1 * k + c0) / a0) as f32,
            }
        })
    }
}

/// One biquad per lane, transposed direct form II, in structure-of-arrays so that a sample of
/// every channel is one vectorised pass.
#[derive(Debug, Clone, Copy)]
struct Bank {
    b0: [f32; LANES],
    b1: [f32; LANES],
    b2: [f32; LANES],
    a1: [f32; LANES],
    a2: [f32; LANES],
    z1: [f32; LANES],
    z2: [f32; LANES],
}

impl Bank {
    const SILENT: Self = Self {
        b0: [0.0; LANES],
        b1: [0.0; LANES],
        b2: [0.0; LANES],
        a1: [0.0; LANES],
        a2: [0.0; LANES],
        z1: [0.0; LANES],
        z2: [0.0; LANES],
    };

    fn set(&mut self, lane: usize, c: Biquad) {
        self.b0[lane] = c.b0;
        self.b1[lane] = c.b1;
        self.b2[lane] = c.b2;
        self.a1[lane] = c.a1;
        self.a2[lane] = c.a2;
    }

    /// Lanes side by side, indexed alike: the loop the compiler vectorises.
    #[allow(clippy::needless_range_loop)]
    #[inline(always)]
    fn tick(&mut self, signal: &mut [f32; LANES]) {
        for lane in 0..LANES {
            let x = signal[lane];
            let y = self.b0[lane] * x + self.z1[lane];
            self.z1[lane] = self.b1[lane] * x - self.a1[lane] * y + self.z2[lane] + DENORMAL_GUARD;
            self.z2[lane] = self.b2[lane] * x - self.a2[lane] * y;
            signal[lane] = y;
        }
    }

    fn is_finite(&self) -> bool {
        self.z1.iter().chain(&self.z2).all(|z| z.is_finite())
    }

    fn clear(&mut self) {
        self.z1 = [0.0; LANES];
        self.z2 = [0.0; LANES];
    }
}

/// A single biquad's running state.
#[derive(Debug, Clone, Copy, Default)]
struct Section {
    c: Biquad,
    z1: f32,
    z2: f32,
}

impl Section {
    #[inline(always)]
    fn tick(&mut self, x: f32) -> f32 {
        let y = self.c.b0 * x + self.z1;
        self.z1 = self.c.b1 * x - self.c.a1 * y + self.z2 + DENORMAL_GUARD;
        self.z2 = self.c.b2 * x - self.c.a2 * y;
        y
    }
}

/// Butterworth sections of the 8th-order filters that keep the output inside the carrier range.
const EDGE_Q: [f64; 4] = [0.509_795_6, 0.601_344_9, 0.899_976_2, 2.562_915_4];
/// Butterworth sections of the 4th-order envelope low-pass.
const ENVELOPE_Q: [f64; 2] = [0.541_196_1, 1.306_563];

/// The vocoder for one ear.
pub struct Implant {
    sample_rate: f32,
    settings: ImplantSettings,
    analysis: [Bank; BAND_SECTIONS],
    envelope: [Bank; 2],
    synthesis: [Bank; BAND_SECTIONS],
    /// Per lane: envelope to carrier level (pi for the half-wave mean, times the noise's own gain).
    scale: [f32; LANES],
    /// Per lane: 1 for a channel that sounds at this rate, 0 for a dropped one or padding.
    present: [f32; LANES],
    /// The sine carriers as rotating phasors.
    phasor_re: [f32; LANES],
    phasor_im: [f32; LANES],
    step_re: [f32; LANES],
    step_im: [f32; LANES],
    /// n-of-m: current gain of each channel, its target, and the frame clock.
    gain: [f32; LANES],
    selected: u32,
    frame_samples: u32,
    frame_position: u32,
    ramp_step: f32,
    /// The latest envelope of each channel.
    level: [f32; LANES],
    edges: [Section; 8],
    noise: u32,
}

impl Implant {
    pub fn new(sample_rate: u32, settings: &ImplantSettings) -> Self {
        let mut implant = Self {
            sample_rate: sample_rate.max(1) as f32,
            settings: *settings,
            analysis: [Bank::SILENT; BAND_SECTIONS],
            envelope: [Bank::SILENT; 2],
            synthesis: [Bank::SILENT; BAND_SECTIONS],
            scale: [0.0; LANES],
            present: [0.0; LANES],
            phasor_re: [1.0; LANES],
            phasor_im: [0.0; LANES],
            step_re: [1.0; LANES],
            step_im: [0.0; LANES],
            gain: [0.0; LANES],
            selected: 0,
            frame_samples: 1,
            frame_position: 0,
            ramp_step: 1.0,
            level: [0.0; LANES],
            edges: [Section::default(); 8],
            noise: 0x9E37_79B9,
        };
        implant.set_settings(settings);
        implant.gain = implant.present;
        implant
    }

    /// Moves to another map without allocating; filter states carry on.
    pub fn set_settings(&mut self, settings: &ImplantSettings) {
        self.settings = *settings;
        let rate = f64::from(self.sample_rate);
        let highest = HIGHEST_FRACTION * self.sample_rate;
        let mut carrier_low = f32::INFINITY;
        let mut carrier_high = 0.0f32;
        for lane in 0..LANES {
            let bands = settings
                .analysis_band_hz(lane)
                .zip(settings.carrier_band_hz(lane));
            let Some(((low, high), (carrier_lo, carrier_hi))) =
                bands.filter(|(analysis, carrier)| analysis.1.max(carrier.1) <= highest)
            else {
                self.present[lane] = 0.0;
                self.scale[lane] = 0.0;
                for bank in self.analysis.iter_mut().chain(&mut self.synthesis) {
                    bank.set(lane, Biquad::SILENT);
                }
                continue;
            };
            self.present[lane] = 1.0;
            carrier_low = carrier_low.min(carrier_lo);
            carrier_high = carrier_high.max(carrier_hi);
            let analysis = Biquad::band_pass(f64::from(low), f64::from(high), rate);
            let synthesis = Biquad::band_pass(f64::from(carrier_lo), f64::from(carrier_hi), rate);
            for (section, (a, s)) in analysis.into_iter().zip(synthesis).enumerate() {
                self.analysis[section].set(lane, a);
                self.synthesis[section].set(lane, s);
            }
            for (section, q) in ENVELOPE_Q.iter().enumerate() {
                let lowpass = Biquad::pass(false, f64::from(settings.envelope_hz), *q, rate);
                self.envelope[section].set(lane, lowpass);
            }
            let centre = (carrier_lo * carrier_hi).sqrt();
            let (sin, cos) = (std::f32::consts::TAU * centre / self.sample_rate).sin_cos();
            self.step_re[lane] = cos;
            self.step_im[lane] = sin;
            // A half-wave rectified sine averages 1/pi of its peak. Uniform noise on [-1, 1) has a
            // power of 1/3; through a 6th-order Butterworth band of width B (noise bandwidth
            // 1.047 B) its power is (1/3) (2 B 1.047 / fs); scaled to a unit sine's 1/2.
            let noise_gain = match settings.carrier {
                Carrier::Sine => 1.0,
                Carrier::Noise => {
                    let width = (carrier_hi - carrier_lo).max(1.0);
                    (0.5 / ((2.0 * 1.047 * width / self.sample_rate) / 3.0)).sqrt()
                }
            };
            self.scale[lane] = std::f32::consts::PI * noise_gain;
        }
        let (low, high) = if carrier_high > 0.0 {
            (f64::from(carrier_low), f64::from(carrier_high))
        } else {
            (1.0, f64::from(highest))
        };
        for (k, q) in EDGE_Q.iter().enumerate() {
            self.edges[k].c = Biquad::pass(true, low, *q, rate);
            self.edges[4 + k].c = Biquad::pass(false, high, *q, rate);
        }
        self.frame_samples = (self.sample_rate / SELECTION_RATE_HZ).round().max(1.0) as u32;
        self.ramp_step = 1.0 / self.frame_samples as f32;
        self.frame_position = 0;
        self.select();
    }

    pub fn settings(&self) -> &ImplantSettings {
        &self.settings
    }

    /// The channels n-of-m has on in this frame, as bits (channel 0, the lowest, is bit 0); every
    /// channel that sounds at this rate when n-of-m is off.
    pub fn selected_channels(&self) -> u32 {
        self.selected
    }

    /// Chooses the channels for the next frame: the `n` strongest envelopes among those present.
    fn select(&mut self) {
        let present = (0..LANES).filter(|lane| self.present[*lane] > 0.0);
        let Some(n) = self.settings.n_of_m else {
            self.selected = present.fold(0, |bits, lane| bits | (1 << lane));
            return;
        };
        let mut chosen = 0u32;
        for _ in 0..n {
            let strongest = (0..LANES)
                .filter(|lane| self.present[*lane] > 0.0 && chosen & (1 << lane) == 0)
                .max_by(|a, b| self.level[*a].total_cmp(&self.level[*b]));
            match strongest {
                Some(lane) => chosen |= 1 << lane,
                None => break,
            }
        }
        self.selected = chosen;
    }

    /// Vocodes one ear's samples in place.
    pub fn process(&mut self, samples: &mut [f32]) {
        for sample in samples.iter_mut() {
            if self.frame_position == 0 {
                self.select();
            }
            self.frame_position = (self.frame_position + 1) % self.frame_samples;
            // Nothing audio can mean is louder than this; a non-finite sample is a glitch, heard as silence.
            let input = if sample.is_finite() {
                sample.clamp(-1e6, 1e6)
            } else {
                0.0
            };
            let mut band = [input; LANES];
            for bank in &mut self.analysis {
                bank.tick(&mut band);
            }
            for value in band.iter_mut() {
                *value = value.max(0.0);
            }
            for bank in &mut self.envelope {
                bank.tick(&mut band);
            }
            self.level = band;
            self.noise ^= self.noise << 13;
            self.noise ^= self.noise >> 17;
            self.noise ^= self.noise << 5;
            let white = (self.noise >> 8) as f32 * (2.0 / (1u32 << 24) as f32) - 1.0;
            let selected = self.selected;
            let step = self.ramp_step;
            for lane in 0..LANES {
                let target = ((selected >> lane) & 1) as f32;
                self.gain[lane] += (target - self.gain[lane]).clamp(-step, step);
                let re = self.phasor_re[lane] * self.step_re[lane]
                    - self.phasor_im[lane] * self.step_im[lane];
                let im = self.phasor_re[lane] * self.step_im[lane]
                    + self.phasor_im[lane] * self.step_re[lane];
                self.phasor_re[lane] = re;
                self.phasor_im[lane] = im;
            }
            let sine = self.settings.carrier == Carrier::Sine;
            for (lane, value) in band.iter_mut().enumerate() {
                let carrier = if sine { self.phasor_re[lane] } else { white };
                *value = value.max(0.0) * self.scale[lane] * self.gain[lane] * carrier;
            }
            for bank in &mut self.synthesis {
                bank.tick(&mut band);
            }
            let mut out: f32 = band.iter().sum();
            for edge in &mut self.edges {
                out = edge.tick(out);
            }
            *sample = out;
        }
        self.renormalise();
        if !self.is_finite() {
            self.reset();
        }
    }

    /// Keeps the phasors on the unit circle (rounding would slowly change their amplitude).
    fn renormalise(&mut self) {
        for lane in 0..LANES {
            let norm = (self.phasor_re[lane].powi(2) + self.phasor_im[lane].powi(2)).sqrt();
            if norm > 0.0 && norm.is_finite() {
                self.phasor_re[lane] /= norm;
                self.phasor_im[lane] /= norm;
            } else {
                self.phasor_re[lane] = 1.0;
                self.phasor_im[lane] = 0.0;
            }
        }
    }

    fn is_finite(&self) -> bool {
        self.analysis
            .iter()
            .chain(&self.envelope)
            .chain(&self.synthesis)
            .all(Bank::is_finite)
            && self
                .edges
                .iter()
                .all(|e| e.z1.is_finite() && e.z2.is_finite())
    }

    /// Starts from silence after a numerical accident (an infinite input, say).
    fn reset(&mut self) {
        for bank in self
            .analysis
            .iter_mut()
            .chain(&mut self.envelope)
            .chain(&mut self.synthesis)
        {
            bank.clear();
        }
        for edge in &mut self.edges {
            edge.z1 = 0.0;
            edge.z2 = 0.0;
        }
    }
}
