//! The colours of a failing ear beyond the audiogram: occlusion, smearing and the vibration that
//! survives.

use hearing::analysis::{self, Spectrum};
use hearing::{
    Audiogram, AudiogramPreset, Broadening, Ear, Ears, HearingProcessor, HearingProfile,
    ProcessorSettings, Smearing,
};
use kira::Frame;

use crate::fixtures::*;

fn heard_db_spl(profile: HearingProfile, frequency_hz: f32, level_db_spl: f32) -> f32 {
    tone_db_spl(
        &hear(profile, &tone(frequency_hz, level_db_spl, seconds(1.0))),
        frequency_hz,
    )
}

#[test]
fn occlusion_lifts_the_low_end_and_leaves_the_top_alone() {
    let occluded = HearingProfile {
        occlusion_db: 10.0,
        ..HearingProfile::normal()
    };
    let low = heard_db_spl(occluded, 125.0, 60.0) - 60.0;
    let high = heard_db_spl(occluded, 4000.0, 60.0) - 60.0;
    assert!((low - 10.0).abs() < 1.5, "125 Hz lifted {low:.1} dB");
    assert!(high.abs() < 1.0, "4 kHz moved {high:.1} dB");
}

/// How far a 2 kHz tone spreads in one ear: the level 300-800 Hz above it, relative to it (dB).
fn spread_db(frames: &[Frame], ear: Ear) -> f32 {
    let settled = &frames[frames.len() / 4..];
    let channel = match ear {
        Ear::Left => analysis::left(settled),
        Ear::Right => analysis::right(settled),
    };
    let spectrum = Spectrum::welch(&channel, SAMPLE_RATE);
    spectrum.band_dbfs(2300.0, 2800.0) - spectrum.tone_dbfs(2000.0)
}

#[test]
fn each_ear_is_smeared_by_its_own_loss() {
    let tone = tone(2000.0, 70.0, seconds(1.0));
    // A severe loss on the left, normal hearing on the right.
    let profile = HearingProfile {
        smearing: Smearing::Auto,
        ..HearingProfile::from_audiograms(AudiogramPreset::N5.audiogram(), Audiogram::normal())
    };
    assert_eq!(
        profile.broadening(),
        Ears {
            left: Some(Broadening::SEVERE),
            right: None
        }
    );
    let heard = hear(profile, &tone);
    let clear = spread_db(&tone, Ear::Right);
    let right = spread_db(&heard, Ear::Right);
    assert!(
        (right - clear).abs() < 1.0,
        "the normal right ear keeps the tone pure: {right:.1} vs {clear:.1} dB"
    );
    let left = spread_db(&heard, Ear::Left);
    assert!(
        left > clear + 20.0,
        "the severe left ear smears it: {left:.1} vs {clear:.1} dB"
    );
}

#[test]
fn the_body_still_feels_the_low_end() {
    let profile = HearingProfile::at(1.0);
    let mut felt = Vec::new();
    for frequency_hz in [60.0, 2000.0] {
        let mut processor = HearingProcessor::new(SAMPLE_RATE, ProcessorSettings::default());
        processor.jump_to_profile(profile);
        let mut frames = tone(frequency_hz, 85.0, seconds(1.0));
        processor.process(&mut frames);
        felt.push(processor.readout().vibration_db_spl);
    }
    assert!(
        (felt[0] - 85.0).abs() < 2.0,
        "a 60 Hz thud at 85 dB SPL is felt at {:.1}",
        felt[0]
    );
    assert!(felt[1] < 50.0, "a 2 kHz tone is not felt: {:.1}", felt[1]);
}

/// How long the body's reading of a thud takes to come within 3 dB of where it settles (ms): the
/// felt glow and the rumble follow it, so it must not lag as the control period changes.
fn felt_rise_ms() -> f32 {
    let mut processor = HearingProcessor::new(SAMPLE_RATE, ProcessorSettings::default());
    processor.jump_to_profile(HearingProfile::at(1.0));
    let mut frames = tone(60.0, 85.0, seconds(1.0));
    let mut readings = Vec::new();
    for chunk in frames.chunks_mut(16) {
        processor.process(chunk);
        readings.push(processor.readout().vibration_db_spl);
    }
    let settled = readings.last().copied().expect("a second of readings");
    let rise = readings
        .iter()
        .position(|reading| *reading > settled - 3.0)
        .expect("the reading settles");
    (rise + 1) as f32 * 16.0 * 1000.0 / SAMPLE_RATE as f32
}

#[test]
fn the_body_feels_a_thud_as_soon_whatever_the_control_period() {
    let rise_ms = felt_rise_ms();
    // 5 % of the way every 32 frames (halfway in power after 9 ms at 48 kHz) behind the body's
    // low-pass: 14.3 ms with an update every 32 frames, 15.0 with one every 64; the same share per
    // 64 frames took 23 ms.
    assert!(
        (12.0..=18.0).contains(&rise_ms),
        "a 60 Hz thud is felt within 3 dB after {rise_ms:.1} ms"
    );
}
