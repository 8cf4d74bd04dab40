//! The colours of a failing ear beyond the audiogram: occlusion, muffling and the vibration that
//! survives.

use hearing::{HearingProcessor, HearingProfile, ProcessorSettings};

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

#[test]
fn smearing_muffles_the_edges_of_speech() {
    let smeared = HearingProfile {
        smearing: 1.0,
        ..HearingProfile::normal()
    };
    let body = heard_db_spl(smeared, 300.0, 65.0) - 65.0;
    let edge = heard_db_spl(smeared, 3000.0, 65.0) - 65.0;
    assert!(body > -2.0, "300 Hz kept: {body:.1} dB");
    assert!(edge < -12.0, "3 kHz muffled: {edge:.1} dB");
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
