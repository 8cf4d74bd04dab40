//! The sounds the ear makes: tinnitus and the masking-noise rush, measured on silence.

use hearing::analysis::{self, Spectrum};
use hearing::{
    AudiogramPreset, Calibration, HearingProcessor, HearingProfile, LATENCY_FRAMES, MaskingNoise,
    ProcessorSettings, Tinnitus, TinnitusEars,
};
use kira::Frame;

use crate::fixtures::*;

#[test]
fn tinnitus_rings_at_its_frequency_and_level() {
    let audiogram = AudiogramPreset::N3.audiogram();
    for (frequency_hz, level_db_sl) in [(4000.0, 20.0), (6000.0, 10.0), (3150.0, 35.0)] {
        let profile = HearingProfile::from_audiogram(audiogram).with_tinnitus(Tinnitus {
            frequency_hz,
            level_db_sl,
            rise_s: 0.5,
            fall_s: 1.0,
        });
        let heard = hear(profile, &vec![Frame::ZERO; seconds(3.0)]);
        let settled = analysis::left(&heard[seconds(1.0)..]);
        let target_dbfs =
            Calibration::default().dbfs(audiogram.threshold_db_hl(frequency_hz) + level_db_sl);
        let measured = analysis::rms_dbfs(&settled);
        assert!(
            (measured - target_dbfs).abs() <= 1.0,
            "{frequency_hz} Hz: {measured:.2} dBFS, target {target_dbfs:.2}"
        );
        let pitch = Spectrum::welch(&settled, SAMPLE_RATE).peak_frequency_hz(1000.0, 12_000.0);
        assert!(
            (pitch - frequency_hz).abs() <= 0.01 * frequency_hz,
            "rings at {pitch:.1} Hz, not {frequency_hz}"
        );
    }
}

#[test]
fn masking_noise_rushes_in_at_its_level_in_both_ears() {
    let profile = HearingProfile::normal().with_masking_noise(MaskingNoise {
        level_db_spl: 75.0,
        rise_s: 0.3,
        fall_s: 1.0,
    });
    let heard = hear(profile, &vec![Frame::ZERO; seconds(2.0)]);
    let left = analysis::left(&heard[seconds(0.5)..]);
    let right = analysis::right(&heard[seconds(0.5)..]);
    for ear in [&left, &right] {
        assert!(
            (analysis::rms_dbfs(ear) + 25.0).abs() < 0.5,
            "{:.2} dBFS",
            analysis::rms_dbfs(ear)
        );
    }
    let correlation: f32 = left.iter().zip(&right).map(|(l, r)| l * r).sum::<f32>()
        / (left.iter().map(|l| l * l).sum::<f32>() * right.iter().map(|r| r * r).sum::<f32>())
            .sqrt();
    assert!(
        correlation.abs() < 0.05,
        "each ear rushes on its own: correlation {correlation:.3}"
    );
}

#[test]
fn the_rush_rises_without_a_jump_and_a_hard_cut_is_immediate() {
    let rush = HearingProfile::normal().with_masking_noise(MaskingNoise {
        level_db_spl: 80.0,
        rise_s: 1.0,
        fall_s: 1.0,
    });
    let mut processor = HearingProcessor::new(SAMPLE_RATE, ProcessorSettings::default());
    processor.set_profile(rush);
    let mut frames = vec![Frame::ZERO; seconds(1.0)];
    processor.process(&mut frames);
    let heard = analysis::left(&frames);
    let early = analysis::rms_dbfs(&heard[..seconds(0.05)]);
    let late = analysis::rms_dbfs(&heard[seconds(0.9)..]);
    assert!(
        late - early > 10.0,
        "the rush rises: {early:.1} then {late:.1} dBFS"
    );

    // A cut to a place without the rush silences it on the spot.
    processor.jump_to_profile(HearingProfile::normal());
    let mut frames = vec![Frame::ZERO; seconds(0.1)];
    processor.process(&mut frames);
    let after = analysis::rms_dbfs(&analysis::left(&frames[LATENCY_FRAMES + 1..]));
    assert!(after < -100.0, "{after:.1} dBFS after the cut");
}

#[test]
fn each_ear_rings_its_own_tone_over_its_own_threshold() {
    let (left, right) = (
        AudiogramPreset::N2.audiogram(),
        AudiogramPreset::S3.audiogram(),
    );
    let mut profile = HearingProfile::from_audiograms(left, right).with_tinnitus_in(
        TinnitusEars::Left,
        Tinnitus {
            frequency_hz: 4000.0,
            level_db_sl: 20.0,
            rise_s: 0.2,
            fall_s: 1.0,
        },
    );
    let heard = hear(profile, &vec![Frame::ZERO; seconds(2.0)]);
    let settled = &heard[seconds(1.0)..];
    let left_level = analysis::rms_dbfs(&analysis::left(settled));
    let target = Calibration::default().dbfs(left.threshold_db_hl(4000.0) + 20.0);
    assert!(
        (left_level - target).abs() <= 1.0,
        "left rings at {left_level:.1} dBFS, target {target:.1}"
    );
    assert!(
        analysis::rms_dbfs(&analysis::right(settled)) < -100.0,
        "the right ear is quiet"
    );

    profile.tinnitus.right = Tinnitus {
        frequency_hz: 6000.0,
        level_db_sl: 10.0,
        rise_s: 0.2,
        fall_s: 1.0,
    };
    let heard = hear(profile, &vec![Frame::ZERO; seconds(2.0)]);
    let right_ear = analysis::right(&heard[seconds(1.0)..]);
    let pitch = Spectrum::welch(&right_ear, SAMPLE_RATE).peak_frequency_hz(1000.0, 12_000.0);
    assert!(
        (pitch - 6000.0).abs() < 60.0,
        "the right ear rings at {pitch:.0} Hz"
    );
    let target = Calibration::default().dbfs(right.threshold_db_hl(6000.0) + 10.0);
    let right_level = analysis::rms_dbfs(&right_ear);
    assert!(
        (right_level - target).abs() <= 1.0,
        "right rings at {right_level:.1} dBFS, target {target:.1}"
    );
}
