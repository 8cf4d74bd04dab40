//! The recruitment rule on any audiogram, in each ear, with float input and output: every preset
//! on the tone grid and random audiograms in a property test.
//!
//! Tolerances: +-3 dB where the audiogram's slope around the tone is at most 15 dB/octave and the
//! rule asks at most 60 dB; +-6 dB elsewhere; at least 60 dB down where the rule asks more than 90.

use hearing::recruitment::attenuation_db;
use hearing::{AUDIOMETRIC_FREQUENCIES_HZ, Audiogram, AudiogramPreset, Ear, HearingProfile};
use proptest::prelude::*;

use crate::fixtures::*;

pub const TEST_FREQUENCIES_HZ: [f32; 10] = [
    250.0, 375.0, 500.0, 750.0, 1000.0, 1500.0, 2000.0, 3000.0, 4000.0, 6000.0,
];
pub const LEVELS_DB_SPL: [f32; 3] = [50.0, 65.0, 80.0];

/// What is wrong with the measured attenuation of one tone in one ear, if anything.
pub fn verdict(
    audiogram: &Audiogram,
    frequency_hz: f32,
    level_db_spl: f32,
    measured_db: f32,
) -> Option<String> {
    let threshold = audiogram.threshold_db_hl(frequency_hz);
    let slope = audiogram
        .steepest_slope_db_per_octave(frequency_hz / 2f32.sqrt(), frequency_hz * 2f32.sqrt());
    let rule = attenuation_db(threshold, level_db_spl);
    let good = if rule > 90.0 {
        measured_db >= 60.0
    } else if slope <= 15.0 && rule <= 60.0 {
        (measured_db - rule).abs() <= 3.0
    } else {
        (measured_db - rule).abs() <= 6.0
    };
    (!good).then(|| {
        format!(
            "{audiogram} at {frequency_hz} Hz {level_db_spl} dB SPL: rule {rule:.1} dB, measured {measured_db:.1} dB (slope {slope:.0} dB/oct)"
        )
    })
}

/// The tone grid through a pair of ears, the same tone in both: every failure, per ear.
pub fn grid_failures(left: Audiogram, right: Audiogram) -> Vec<String> {
    tones_failures(left, right, &TEST_FREQUENCIES_HZ, &LEVELS_DB_SPL)
}

fn tones_failures(
    left: Audiogram,
    right: Audiogram,
    frequencies_hz: &[f32],
    levels_db_spl: &[f32],
) -> Vec<String> {
    let profile = HearingProfile::from_audiograms(left, right);
    let mut failures = Vec::new();
    for &frequency_hz in frequencies_hz {
        for &level in levels_db_spl {
            let heard = hear(profile, &tone(frequency_hz, level, seconds(1.0)));
            for ear in Ear::BOTH {
                let measured = level - tone_db_spl_in(&heard, ear, frequency_hz);
                if let Some(failure) =
                    verdict(profile.audiogram(ear), frequency_hz, level, measured)
                {
                    failures.push(format!("{} ear: {failure}", ear.name()));
                }
            }
        }
    }
    failures
}

#[test]
fn every_preset_follows_the_rule_on_the_tone_grid() {
    use AudiogramPreset::*;
    // Two presets per render, one in each ear; every preset is heard by both ears once.
    let pairs = [
        (N1, N2),
        (N3, N4),
        (N5, N6),
        (N7, S1),
        (S2, S3),
        (NoiseNotch, N1),
        (N2, N3),
        (N4, N5),
        (N6, N7),
        (S1, S2),
        (S3, NoiseNotch),
    ];
    let failures: Vec<String> = pairs
        .into_iter()
        .flat_map(|(left, right)| grid_failures(left.audiogram(), right.audiogram()))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An audiogram at the audiometric frequencies, built by steps of at most `max_slope` dB per
/// octave from a start level, kept within 0-90 dB HL.
fn random_audiogram() -> impl Strategy<Value = Audiogram> {
    (
        0.0f32..90.0,
        0.0f32..=30.0,
        prop::collection::vec(-1.0f32..=1.0, AUDIOMETRIC_FREQUENCIES_HZ.len() - 1),
    )
        .prop_map(|(start, max_slope, steps)| {
            let mut points = vec![(AUDIOMETRIC_FREQUENCIES_HZ[0], start)];
            for (pair, step) in AUDIOMETRIC_FREQUENCIES_HZ.windows(2).zip(steps) {
                let octaves = (pair[1] / pair[0]).log2();
                let previous = points.last().unwrap().1;
                let next = (previous + step * max_slope * octaves).clamp(0.0, 90.0);
                points.push((pair[1], next));
            }
            Audiogram::from_points(&points).unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn random_audiograms_follow_the_rule_in_each_ear(
        left in random_audiogram(),
        right in random_audiogram(),
        frequency_index in 0..TEST_FREQUENCIES_HZ.len(),
        level_index in 0..LEVELS_DB_SPL.len(),
    ) {
        let failures = tones_failures(
            left,
            right,
            &[TEST_FREQUENCIES_HZ[frequency_index]],
            &[LEVELS_DB_SPL[level_index]],
        );
        prop_assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
