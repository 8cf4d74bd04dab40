//! Pure-tone audiometry as an audiologist runs it: the modified Hughson-Westlake up-down procedure.
//!
//! The procedure (ASHA 2005, ISO 8253-1, after Carhart & Jerger 1959) at each test frequency:
//! - Familiarisation: the first tone is at [`START_LEVEL_DB_HL`]; without a response the level rises in
//!   20 dB steps until the listener responds (or the audiometer's maximum goes unheard).
//! - Then "down 10, up 5": after every response the next tone is 10 dB softer, after every miss 5 dB louder.
//! - A presentation reached by a 5 dB step up is an *ascending* one. The threshold is the lowest level at
//!   which the listener responded on at least two ascending presentations (2 of 2, or 2 of 3: at least
//!   half of them).
//! - The audiometer has limits: nothing softer than [`MIN_LEVEL_DB_HL`] and nothing louder than
//!   [`max_level_db_hl`]. A listener who misses the maximum on an ascending run gets "no response" there.
//!
//! Frequencies run in the clinical order 1, 2, 4, 8 kHz, then 500 and 250 Hz. The procedure is a state
//! machine with no clock: it yields a [`Presentation`], takes whether it was heard, and at the end gives a
//! [`MeasuredAudiogram`].

/// The frequencies tested, in the order an audiologist tests them (Hz).
pub const TEST_ORDER_HZ: [f32; 6] = [1000.0, 2000.0, 4000.0, 8000.0, 500.0, 250.0];

/// The first tone at each frequency (dB HL).
pub const START_LEVEL_DB_HL: f32 = 40.0;
/// The softest tone the audiometer plays (dB HL).
pub const MIN_LEVEL_DB_HL: f32 = -10.0;
/// Step up during familiarisation, until the first response (dB).
pub const FAMILIARISATION_STEP_DB: f32 = 20.0;
/// Step down after a response (dB).
pub const STEP_DOWN_DB: f32 = 10.0;
/// Step up after a miss (dB).
pub const STEP_UP_DB: f32 = 5.0;
/// Responses needed on ascending presentations at one level for a threshold.
pub const RESPONSES_FOR_THRESHOLD: u32 = 2;
/// A frequency is given up after this many presentations (a listener who responds at random never
/// settles); its threshold is then the lowest level heard on at least half of its ascending runs.
pub const MAX_PRESENTATIONS_PER_FREQUENCY: u32 = 24;

/// The loudest tone the audiometer plays at a frequency (dB HL).
///
/// In the game the audiometer's tones are played at the ear at their level in dB HL read as dB SPL, and
/// the last stage of the simulated ear is a safety limiter at 99 dB SPL (-1 dBFS): every maximum stays
/// under it with room for the occlusion boost of a blocked ear at 250 Hz.
pub fn max_level_db_hl(frequency_hz: f32) -> f32 {
    if frequency_hz < 400.0 { 90.0 } else { 95.0 }
}

/// One tone to play: the `number`th of the whole test (from 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Presentation {
    pub number: u32,
    pub frequency_hz: f32,
    pub level_db_hl: f32,
}

/// The result at one frequency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Threshold {
    /// The lowest level heard reliably (dB HL).
    Measured(f32),
    /// Not heard even at the audiometer's maximum, which is given (dB HL): drawn as the symbol at the
    /// maximum with an arrow pointing down.
    NoResponse(f32),
}

impl Threshold {
    /// The level to draw the symbol at (dB HL).
    pub fn level_db_hl(self) -> f32 {
        match self {
            Self::Measured(level) | Self::NoResponse(level) => level,
        }
    }

    pub fn is_response(self) -> bool {
        matches!(self, Self::Measured(_))
    }
}

/// The measured thresholds, sorted by frequency.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeasuredAudiogram {
    pub thresholds: Vec<(f32, Threshold)>,
}

impl MeasuredAudiogram {
    pub fn at(&self, frequency_hz: f32) -> Option<Threshold> {
        self.thresholds
            .iter()
            .find(|(f, _)| (*f - frequency_hz).abs() < 0.5)
            .map(|(_, threshold)| *threshold)
    }
}

/// Where the procedure is at the frequency under test.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    /// Rising in 20 dB steps until the first response.
    Familiarisation,
    /// Down 10 after a response, up 5 after a miss.
    Bracketing,
}

/// Presentations and responses at one level on ascending runs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Tally {
    presented: u32,
    heard: u32,
}

/// Ascending levels from the minimum to past the largest maximum, in 5 dB steps.
const LEVELS: usize = ((130.0 - MIN_LEVEL_DB_HL) / STEP_UP_DB) as usize + 1;

fn level_index(level_db_hl: f32) -> usize {
    (((level_db_hl - MIN_LEVEL_DB_HL) / STEP_UP_DB).round() as usize).min(LEVELS - 1)
}

fn index_level(index: usize) -> f32 {
    MIN_LEVEL_DB_HL + index as f32 * STEP_UP_DB
}

/// The modified Hughson-Westlake procedure over a list of frequencies.
#[derive(Debug, Clone, PartialEq)]
pub struct HughsonWestlake {
    frequencies: Vec<f32>,
    /// The frequency under test, as an index into `frequencies`; `frequencies.len()` when done.
    at: usize,
    phase: Phase,
    level_db_hl: f32,
    /// Whether the tone now is an ascending presentation.
    ascending: bool,
    tallies: [Tally; LEVELS],
    presented_here: u32,
    number: u32,
    result: MeasuredAudiogram,
}

impl Default for HughsonWestlake {
    fn default() -> Self {
        Self::new(&TEST_ORDER_HZ)
    }
}

impl HughsonWestlake {
    /// A test over `frequencies` in the order given.
    pub fn new(frequencies: &[f32]) -> Self {
        let mut test = Self {
            frequencies: frequencies.to_vec(),
            at: 0,
            phase: Phase::Familiarisation,
            level_db_hl: START_LEVEL_DB_HL,
            ascending: false,
            tallies: [Tally::default(); LEVELS],
            presented_here: 0,
            number: 1,
            result: MeasuredAudiogram::default(),
        };
        test.start_frequency();
        test
    }

    /// The frequencies tested, in order.
    pub fn frequencies(&self) -> &[f32] {
        &self.frequencies
    }

    /// The tone to play now, or none when the test is over.
    pub fn presentation(&self) -> Option<Presentation> {
        let frequency_hz = *self.frequencies.get(self.at)?;
        Some(Presentation {
            number: self.number,
            frequency_hz,
            level_db_hl: self.level_db_hl,
        })
    }

    pub fn is_done(&self) -> bool {
        self.at >= self.frequencies.len()
    }

    /// The thresholds found so far (all of them once the test is done), sorted by frequency.
    pub fn result(&self) -> &MeasuredAudiogram {
        &self.result
    }

    /// Whether the listener responded to the tone now; moves on to the next tone.
    pub fn respond(&mut self, heard: bool) {
        let Some(&frequency_hz) = self.frequencies.get(self.at) else {
            return;
        };
        self.number += 1;
        self.presented_here += 1;
        let max = max_level_db_hl(frequency_hz);
        match self.phase {
            Phase::Familiarisation => {
                if heard {
                    self.phase = Phase::Bracketing;
                    self.step_down();
                } else if self.level_db_hl >= max {
                    self.finish(Threshold::NoResponse(max));
                } else {
                    self.level_db_hl = (self.level_db_hl + FAMILIARISATION_STEP_DB).min(max);
                    self.ascending = false;
                }
            }
            Phase::Bracketing => {
                // A response at the audiometer's floor counts as if ascending: there is nowhere lower to go.
                let at_floor = self.level_db_hl <= MIN_LEVEL_DB_HL;
                if self.ascending || at_floor {
                    let tally = &mut self.tallies[level_index(self.level_db_hl)];
                    tally.presented += 1;
                    tally.heard += u32::from(heard);
                    if tally.heard >= RESPONSES_FOR_THRESHOLD {
                        self.finish(Threshold::Measured(self.level_db_hl));
                        return;
                    }
                }
                if !heard && self.level_db_hl >= max {
                    self.finish(Threshold::NoResponse(max));
                    return;
                }
                if self.presented_here >= MAX_PRESENTATIONS_PER_FREQUENCY {
                    let threshold = self.best_estimate(max);
                    self.finish(threshold);
                    return;
                }
                if heard {
                    self.step_down();
                } else {
                    self.level_db_hl = (self.level_db_hl + STEP_UP_DB).min(max);
                    self.ascending = true;
                }
            }
        }
    }

    fn step_down(&mut self) {
        self.level_db_hl = (self.level_db_hl - STEP_DOWN_DB).max(MIN_LEVEL_DB_HL);
        self.ascending = false;
    }

    /// The lowest level heard on at least half of its ascending presentations.
    fn best_estimate(&self, max: f32) -> Threshold {
        self.tallies
            .iter()
            .enumerate()
            .find(|(_, tally)| tally.heard > 0 && 2 * tally.heard >= tally.presented)
            .map_or(Threshold::NoResponse(max), |(index, _)| {
                Threshold::Measured(index_level(index))
            })
    }

    fn finish(&mut self, threshold: Threshold) {
        let frequency_hz = self.frequencies[self.at];
        self.result.thresholds.push((frequency_hz, threshold));
        self.result.thresholds.sort_by(|a, b| a.0.total_cmp(&b.0));
        self.at += 1;
        self.start_frequency();
    }

    fn start_frequency(&mut self) {
        self.phase = Phase::Familiarisation;
        self.level_db_hl = START_LEVEL_DB_HL;
        self.ascending = false;
        self.tallies = [Tally::default(); LEVELS];
        self.presented_here = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audiogram::Audiogram;

    /// Runs the whole test with a listener who hears every tone at or above their threshold.
    fn measure(thresholds: impl Fn(f32) -> f32) -> (MeasuredAudiogram, Vec<Presentation>) {
        let mut test = HughsonWestlake::default();
        let mut presented = Vec::new();
        while let Some(presentation) = test.presentation() {
            presented.push(presentation);
            assert!(presented.len() < 400, "the test never ends");
            test.respond(presentation.level_db_hl >= thresholds(presentation.frequency_hz));
        }
        (test.result().clone(), presented)
    }

    fn assert_within_5_db(measured: &MeasuredAudiogram, thresholds: impl Fn(f32) -> f32) {
        assert_eq!(measured.thresholds.len(), TEST_ORDER_HZ.len());
        for (frequency_hz, threshold) in &measured.thresholds {
            let truth = thresholds(*frequency_hz);
            let Threshold::Measured(level) = threshold else {
                panic!("no response at {frequency_hz} Hz, true threshold {truth}");
            };
            assert!(
                *level >= truth && *level - truth <= 5.0,
                "{frequency_hz} Hz: measured {level}, true {truth}"
            );
        }
    }

    #[test]
    fn the_first_tone_is_40_db_hl_at_1_khz() {
        let test = HughsonWestlake::default();
        let first = test.presentation().unwrap();
        assert_eq!(first.number, 1);
        assert_eq!(first.frequency_hz, 1000.0);
        assert_eq!(first.level_db_hl, START_LEVEL_DB_HL);
    }

    #[test]
    fn frequencies_run_in_the_clinical_order_and_the_result_is_sorted() {
        let (measured, presented) = measure(|_| 30.0);
        let mut order: Vec<f32> = presented.iter().map(|p| p.frequency_hz).collect();
        order.dedup();
        assert_eq!(order, TEST_ORDER_HZ);
        let frequencies: Vec<f32> = measured.thresholds.iter().map(|(f, _)| *f).collect();
        assert_eq!(frequencies, [250.0, 500.0, 1000.0, 2000.0, 4000.0, 8000.0]);
        for (number, presentation) in presented.iter().enumerate() {
            assert_eq!(presentation.number, number as u32 + 1);
        }
    }

    #[test]
    fn down_10_after_a_response_and_up_5_after_a_miss() {
        let (_, presented) = measure(|_| 32.0);
        let at_1k: Vec<f32> = presented
            .iter()
            .filter(|p| p.frequency_hz == 1000.0)
            .map(|p| p.level_db_hl)
            .collect();
        assert_eq!(at_1k, [40.0, 30.0, 35.0, 25.0, 30.0, 35.0]);
    }

    #[test]
    fn a_listener_on_the_5_db_grid_is_measured_exactly() {
        for truth in [-10.0, 0.0, 15.0, 40.0, 55.0, 70.0, 85.0, 90.0] {
            let (measured, _) = measure(|_| truth);
            for (frequency_hz, threshold) in &measured.thresholds {
                let expected = if truth > max_level_db_hl(*frequency_hz) {
                    Threshold::NoResponse(max_level_db_hl(*frequency_hz))
                } else {
                    Threshold::Measured(truth)
                };
                assert_eq!(*threshold, expected, "{frequency_hz} Hz, true {truth}");
            }
        }
    }

    #[test]
    fn thresholds_between_steps_are_measured_within_5_db() {
        let thresholds = |f: f32| 12.0 + 7.3 * (f / 250.0).log2();
        let (measured, _) = measure(thresholds);
        assert_within_5_db(&measured, thresholds);
    }

    #[test]
    fn a_steep_high_frequency_loss_is_measured_within_5_db() {
        let steep = Audiogram::from_points(&[
            (250.0, 5.0),
            (500.0, 10.0),
            (1000.0, 20.0),
            (2000.0, 65.0),
            (4000.0, 85.0),
            (8000.0, 90.0),
        ])
        .unwrap();
        let (measured, _) = measure(|f| steep.threshold_db_hl(f));
        assert_within_5_db(&measured, |f| steep.threshold_db_hl(f));
    }

    #[test]
    fn the_severe_stage_of_the_drummer_is_measured_within_5_db() {
        let severe = crate::HearingProfile::at(0.8).audiograms.left;
        let (measured, presented) = measure(|f| severe.threshold_db_hl(f));
        assert_within_5_db(&measured, |f| severe.threshold_db_hl(f));
        // Short enough to play: well under a hundred tones.
        assert!(presented.len() < 70, "{} tones", presented.len());
    }

    #[test]
    fn beyond_the_audiometer_is_no_response_at_its_maximum() {
        let thresholds = |f: f32| if f >= 4000.0 { 110.0 } else { 50.0 };
        let (measured, presented) = measure(thresholds);
        assert_eq!(measured.at(4000.0), Some(Threshold::NoResponse(95.0)));
        assert_eq!(measured.at(8000.0), Some(Threshold::NoResponse(95.0)));
        assert_eq!(measured.at(1000.0), Some(Threshold::Measured(50.0)));
        assert!(
            presented
                .iter()
                .all(|p| p.level_db_hl <= max_level_db_hl(p.frequency_hz)
                    && p.level_db_hl >= MIN_LEVEL_DB_HL)
        );
    }

    #[test]
    fn a_listener_who_never_responds_gets_no_response_everywhere_quickly() {
        let mut test = HughsonWestlake::default();
        let mut count = 0;
        while test.presentation().is_some() {
            test.respond(false);
            count += 1;
        }
        assert!(count <= 4 * TEST_ORDER_HZ.len(), "{count} tones");
        for (frequency_hz, threshold) in &test.result().thresholds {
            assert_eq!(
                *threshold,
                Threshold::NoResponse(max_level_db_hl(*frequency_hz))
            );
        }
    }

    #[test]
    fn a_listener_who_always_responds_ends_at_the_floor() {
        let mut test = HughsonWestlake::default();
        while test.presentation().is_some() {
            test.respond(true);
        }
        for (_, threshold) in &test.result().thresholds {
            assert_eq!(*threshold, Threshold::Measured(MIN_LEVEL_DB_HL));
        }
    }

    #[test]
    fn an_unreliable_listener_still_gets_an_end() {
        let mut test = HughsonWestlake::new(&[1000.0]);
        let mut toggle = false;
        let mut count = 0;
        while test.presentation().is_some() {
            toggle = !toggle;
            test.respond(toggle);
            count += 1;
        }
        assert!(count <= MAX_PRESENTATIONS_PER_FREQUENCY);
        assert_eq!(test.result().thresholds.len(), 1);
    }
}
