//! A band meter for any kira track: the ears' own detectors (the same band-passes, smoothing, attack and
//! release), listening to one track and changing nothing, so a single sound's level in each band can
//! be read as the ears would read it. It measures only while armed; disarmed it costs nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use kira::Frame;
use kira::effect::{Effect, EffectBuilder};
use kira::info::Info;

use crate::bands::{BANDS, BandLevels, SILENT_DB_SPL};
use crate::calibration::Calibration;
use crate::dsp::fastmath::{self, Separate};
use crate::dsp::loss::{CONTROL_FRAMES, DetectorBank, detector_rates, follow};
use crate::profile::Ears;

/// What the audio thread shares with the handle, without locking.
#[derive(Debug)]
struct Shared {
    armed: AtomicBool,
    /// Smoothed mean squares, left ear's bands then right ear's (full-scale sine = 0.5), as `f32` bits.
    envelopes: [AtomicU32; 2 * BANDS],
}

/// Makes a band meter.
#[derive(Debug, Clone, Copy, Default)]
pub struct BandMeterBuilder {
    pub calibration: Calibration,
}

/// Reads a band meter from the game thread.
#[derive(Debug, Clone)]
pub struct BandMeterHandle {
    shared: Arc<Shared>,
    calibration: Calibration,
}

impl BandMeterHandle {
    /// Starts or stops measuring; a meter that starts again begins from silence.
    pub fn set_armed(&self, armed: bool) {
        self.shared.armed.store(armed, Ordering::Relaxed);
    }

    /// The track's band levels at each ear (dB SPL), as last measured.
    pub fn levels(&self) -> BandLevels {
        let read = |lane: usize| {
            let energy = f32::from_bits(self.shared.envelopes[lane].load(Ordering::Relaxed));
            self.calibration
                .db_spl(fastmath::power_db(2.0 * energy))
                .max(SILENT_DB_SPL)
        };
        BandLevels(Ears {
            left: std::array::from_fn(read),
            right: std::array::from_fn(|k| read(BANDS + k)),
        })
    }
}

impl EffectBuilder for BandMeterBuilder {
    type Handle = BandMeterHandle;

    fn build(self) -> (Box<dyn Effect>, BandMeterHandle) {
        let shared = Arc::new(Shared {
            armed: AtomicBool::new(false),
            envelopes: std::array::from_fn(|_| AtomicU32::new(0)),
        });
        let effect = BandMeter::new(48_000, shared.clone());
        let handle = BandMeterHandle {
            shared,
            calibration: self.calibration,
        };
        (Box::new(effect), handle)
    }
}

struct BandMeter {
    detectors: DetectorBank,
    attack: f32,
    release: f32,
    envelopes: [f32; 2 * BANDS],
    /// Frames fed since the last control update.
    frames: usize,
    left: [f32; CONTROL_FRAMES],
    right: [f32; CONTROL_FRAMES],
    was_armed: bool,
    shared: Arc<Shared>,
}

impl BandMeter {
    fn new(sample_rate: u32, shared: Arc<Shared>) -> Self {
        let (attack, release) = detector_rates(sample_rate as f32);
        Self {
            detectors: DetectorBank::new(sample_rate as f32),
            attack,
            release,
            envelopes: [1e-14; 2 * BANDS],
            frames: 0,
            left: [0.0; CONTROL_FRAMES],
            right: [0.0; CONTROL_FRAMES],
            was_armed: false,
            shared,
        }
    }

    /// Reads the detectors as the ears' control update does, and publishes the envelopes.
    fn control(&mut self) {
        let frames = self.frames.max(1) as f32;
        for (envelope, energy) in self.envelopes.iter_mut().zip(&mut self.detectors.energy) {
            follow(envelope, *energy / frames, self.attack, self.release);
            *energy = 0.0;
        }
        self.frames = 0;
        self.detectors.reset_if_broken();
        for (published, envelope) in self.shared.envelopes.iter().zip(&self.envelopes) {
            published.store(envelope.to_bits(), Ordering::Relaxed);
        }
    }
}

impl Effect for BandMeter {
    fn init(&mut self, sample_rate: u32, _internal_buffer_size: usize) {
        *self = Self::new(sample_rate, self.shared.clone());
    }

    fn on_change_sample_rate(&mut self, sample_rate: u32) {
        *self = Self::new(sample_rate, self.shared.clone());
    }

    fn process(&mut self, input: &mut [Frame], _dt: f64, _info: &Info) {
        self.measure(input);
    }
}

impl BandMeter {
    fn measure(&mut self, input: &[Frame]) {
        let armed = self.shared.armed.load(Ordering::Relaxed);
        if armed && !self.was_armed {
            self.envelopes = [1e-14; 2 * BANDS];
        }
        self.was_armed = armed;
        if !armed {
            return;
        }
        let mut frames = input;
        while !frames.is_empty() {
            let take = (CONTROL_FRAMES - self.frames).min(frames.len());
            let (run, rest) = frames.split_at(take);
            for (n, frame) in run.iter().enumerate() {
                self.left[n] = frame.left;
                self.right[n] = frame.right;
            }
            self.detectors
                .run::<Separate>(&self.left[..take], &self.right[..take]);
            self.frames += take;
            if self.frames == CONTROL_FRAMES {
                self.control();
            }
            frames = rest;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sine;
    use crate::audiogram::AUDIOMETRIC_FREQUENCIES_HZ;

    fn meter() -> (BandMeter, BandMeterHandle) {
        let (effect, handle) = BandMeterBuilder::default().build();
        drop(effect);
        let meter = BandMeter::new(48_000, handle.shared.clone());
        (meter, handle)
    }

    #[test]
    fn a_tone_reads_at_its_level_in_its_band() {
        let (mut meter, handle) = meter();
        handle.set_armed(true);
        let calibration = Calibration::default();
        let tone = sine(1000.0, calibration.sine_amplitude(70.0), 48_000, 48_000);
        for block in tone.chunks(512) {
            meter.measure(block);
        }
        let levels = handle.levels();
        let band = AUDIOMETRIC_FREQUENCIES_HZ
            .iter()
            .position(|f| *f == 1000.0)
            .unwrap();
        assert!((levels.0.left[band] - 70.0).abs() < 1.0, "{levels:?}");
        assert!(levels.0.left[0] < 50.0, "{levels:?}");
    }

    /// The overlap of the bands is the cause of a sound reading high: a plain sum of their powers reads
    /// a tone 3 to 4.5 dB over its level. Weighted, every tone from 125 Hz to 8 kHz reads within a
    /// decibel of it.
    #[test]
    fn a_tone_anywhere_in_the_bands_reads_at_its_level_all_bands_together() {
        let calibration = Calibration::default();
        for frequency_hz in [
            125.0, 180.0, 250.0, 315.0, 440.0, 630.0, 1000.0, 1250.0, 1800.0, 2500.0, 3500.0,
            5000.0, 7000.0, 8000.0,
        ] {
            let (mut meter, handle) = meter();
            handle.set_armed(true);
            let tone = sine(
                frequency_hz,
                calibration.sine_amplitude(70.0),
                48_000,
                48_000,
            );
            for block in tone.chunks(512) {
                meter.measure(block);
            }
            let levels = handle.levels();
            let total_db_spl = levels.total_db_spl();
            assert!(
                (total_db_spl - 70.0).abs() < 1.0,
                "{frequency_hz} Hz at 70 dB SPL reads {total_db_spl:.2}"
            );
            if (375.0..=6000.0).contains(&frequency_hz) {
                let plain = 10.0
                    * levels
                        .0
                        .left
                        .iter()
                        .map(|db| 10f32.powf(db / 10.0))
                        .sum::<f32>()
                        .log10();
                assert!(plain > 72.5, "{frequency_hz} Hz: plain sum {plain:.2}");
            }
        }
    }

    #[test]
    fn a_disarmed_meter_measures_nothing() {
        let (mut meter, handle) = meter();
        meter.measure(&sine(1000.0, 0.5, 48_000, 4_800));
        assert_eq!(handle.levels(), BandLevels::SILENT);
    }
}
