//! Two ears: each its own audiogram, detectors and gains; linked only when asked.

use hearing::analysis::{self, Spectrum};
use hearing::recruitment::{FULL_RECRUITMENT_DB_SPL, attenuation_db};
use hearing::{Audiogram, AudiogramPreset, Ear, HearingProfile, ProcessorSettings};
use kira::Frame;

use crate::fixtures::*;

fn flat(threshold_db_hl: f32) -> Audiogram {
    Audiogram::from_points(&[(1000.0, threshold_db_hl)]).unwrap()
}

#[test]
fn each_ear_expands_its_own_level() {
    let profile = HearingProfile::from_audiogram(flat(60.0));
    let heard = hear(
        profile,
        &tones(1000.0, Some(85.0), Some(75.0), seconds(1.0)),
    );
    let difference =
        tone_db_spl_in(&heard, Ear::Left, 1000.0) - tone_db_spl_in(&heard, Ear::Right, 1000.0);
    let expected = FULL_RECRUITMENT_DB_SPL / (FULL_RECRUITMENT_DB_SPL - 60.0) * 10.0;
    assert!(
        (difference - expected).abs() <= 3.0,
        "85 vs 75 dB SPL in 60 dB HL ears: {difference:.1} dB apart, the rule says {expected:.1}"
    );
}

#[test]
fn linked_ears_turn_down_together() {
    let profile = HearingProfile::from_audiogram(flat(60.0));
    let settings = ProcessorSettings {
        linked_ears: true,
        ..Default::default()
    };
    let heard = hear_with(
        profile,
        settings,
        &tones(1000.0, Some(85.0), Some(75.0), seconds(1.0)),
    );
    let difference =
        tone_db_spl_in(&heard, Ear::Left, 1000.0) - tone_db_spl_in(&heard, Ear::Right, 1000.0);
    assert!(
        (difference - 10.0).abs() <= 1.0,
        "linked ears keep the 10 dB between them: {difference:.1} dB"
    );
}

#[test]
fn a_loss_in_the_left_ear_leaves_the_right_as_it_was() {
    let profile =
        HearingProfile::from_audiograms(AudiogramPreset::N4.audiogram(), Audiogram::normal());
    let input = pink_noise(-20.0, seconds(3.0), 5);
    let heard = hear(profile, &input);
    let before = Spectrum::welch(&analysis::right(&input), SAMPLE_RATE);
    let after = Spectrum::welch(&analysis::right(&heard), SAMPLE_RATE);
    let left_after = Spectrum::welch(&analysis::left(&heard), SAMPLE_RATE);
    for frequency_hz in (0..30).map(|i| 25.0 * 2f32.powf(i as f32 / 3.0)) {
        let moved = after.third_octave_dbfs(frequency_hz) - before.third_octave_dbfs(frequency_hz);
        assert!(
            moved.abs() <= 0.5,
            "right ear at {frequency_hz:.0} Hz moved {moved:.2} dB"
        );
    }
    let lost = before.third_octave_dbfs(2000.0) - left_after.third_octave_dbfs(2000.0);
    assert!(lost > 20.0, "the left ear loses 2 kHz: {lost:.1} dB");
}

#[test]
fn a_hard_panned_tone_is_attenuated_by_its_own_ears_rule() {
    let audiogram = AudiogramPreset::N3.audiogram();
    let profile = HearingProfile::from_audiogram(audiogram);
    let mut failures = Vec::new();
    for ear in Ear::BOTH {
        for frequency_hz in [500.0, 1000.0, 2000.0, 4000.0] {
            for level in [65.0, 80.0] {
                let input = match ear {
                    Ear::Left => tones(frequency_hz, Some(level), None, seconds(1.0)),
                    Ear::Right => tones(frequency_hz, None, Some(level), seconds(1.0)),
                };
                let heard = hear(profile, &input);
                let measured = level - tone_db_spl_in(&heard, ear, frequency_hz);
                let rule = attenuation_db(audiogram.threshold_db_hl(frequency_hz), level);
                if (measured - rule).abs() > 3.0 {
                    failures.push(format!(
                        "{} ear {frequency_hz} Hz {level} dB SPL: rule {rule:.1}, measured {measured:.1}",
                        ear.name()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_tone_grid_holds_in_each_ear_of_an_asymmetric_pair() {
    let (n2, s3) = (
        AudiogramPreset::N2.audiogram(),
        AudiogramPreset::S3.audiogram(),
    );
    let mut failures = Vec::new();
    for (left, right) in [(n2, s3), (s3, n2)] {
        failures.extend(crate::accuracy::grid_failures(left, right));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn silence_in_one_ear_stays_silent() {
    let profile = HearingProfile::from_audiograms(
        AudiogramPreset::N2.audiogram(),
        AudiogramPreset::S3.audiogram(),
    );
    let heard = hear(profile, &tones(1000.0, Some(90.0), None, seconds(0.5)));
    assert!(heard.iter().all(|f: &Frame| f.right.abs() < 1e-6));
}
