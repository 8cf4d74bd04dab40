//! The safety limiter and robustness: nothing above the ceiling, nothing non-finite, no slowdown
//! on silence.

use std::time::Instant;

use hearing::analysis;
use hearing::{
    AudiogramPreset, Broadening, Ears, HearingProcessor, HearingProfile, MaskingNoise,
    ProcessorSettings, Smearing, Tinnitus,
};
use kira::Frame;
use proptest::prelude::*;

use crate::fixtures::*;

/// What the ear puts out for `input` and the silence after it, so the meter sees the whole sound
/// and not a render cut off mid-signal.
fn hear_through_the_end(
    profile: HearingProfile,
    settings: ProcessorSettings,
    input: &[Frame],
) -> Vec<Frame> {
    let mut padded = input.to_vec();
    padded.extend(std::iter::repeat_n(Frame::ZERO, seconds(0.1)));
    hear_with(profile, settings, &padded)
}

/// The ear's own sounds (tinnitus, masking noise) go on after the input ends, so the render is an
/// excerpt of a stream: its cut is no step to silence.
fn true_peak_dbfs(frames: &[Frame]) -> f32 {
    analysis::true_peak_dbfs_of_excerpt(&analysis::left(frames)).max(
        analysis::true_peak_dbfs_of_excerpt(&analysis::right(frames)),
    )
}

#[test]
fn an_overdriven_drum_loop_never_exceeds_the_ceiling() {
    let loud = gain(&drum_loop(seconds(4.0)), 12.0);
    assert!(peak(&loud) > 3.0, "the loop is really overdriven");
    for ceiling_dbfs in [-1.0, -6.0, -12.0] {
        for profile in [HearingProfile::normal(), HearingProfile::at(0.5)] {
            let settings = ProcessorSettings {
                ceiling_dbfs,
                ..Default::default()
            };
            let heard = hear_through_the_end(profile, settings, &loud);
            let measured = true_peak_dbfs(&heard);
            assert!(
                measured <= ceiling_dbfs,
                "true peak {measured:.2} dBTP over a {ceiling_dbfs} dBFS ceiling"
            );
            // The limiter gives the programme back its loudness: peaks reach up to the ceiling.
            let sample_peak = 20.0 * peak(&heard).log10();
            assert!(
                sample_peak >= ceiling_dbfs - 1.0,
                "sample peaks {sample_peak:.2} dBFS, more than 1 dB under a {ceiling_dbfs} dBFS ceiling"
            );
        }
    }
}

#[test]
fn the_limiter_leaves_quiet_sound_alone() {
    let quiet = drum_loop(seconds(2.0));
    let quiet = gain(&quiet, -12.0);
    let heard = hear(HearingProfile::normal(), &quiet);
    // Smearing off is a pure delay up to rounding.
    for (a, b) in quiet.iter().zip(&heard) {
        assert!((a.left - b.left).abs() <= 1e-6 && (a.right - b.right).abs() <= 1e-6);
    }
}

fn random_profile(progression: f32, tinnitus_db_sl: f32, noise_db_spl: f32) -> HearingProfile {
    HearingProfile::at(progression)
        .with_tinnitus(Tinnitus {
            level_db_sl: tinnitus_db_sl,
            ..Tinnitus::silent()
        })
        .with_masking_noise(MaskingNoise {
            level_db_spl: noise_db_spl,
            rise_s: 0.01,
            fall_s: 0.01,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn random_signals_under_random_profiles_stay_under_the_ceiling_and_finite(
        seed in any::<u64>(),
        drive_db in -20.0f32..30.0,
        progression in 0.0f32..1.0,
        tinnitus_db_sl in -20.0f32..80.0,
        noise_db_spl in 0.0f32..120.0,
        ceiling_dbfs in -20.0f32..0.0,
        tone_hz in 30.0f32..20_000.0,
    ) {
        let profile = random_profile(progression, tinnitus_db_sl, noise_db_spl);
        limits_random_signal(SAMPLE_RATE, profile, seed, drive_db, ceiling_dbfs, tone_hz)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn random_signals_stay_under_the_ceiling_at_every_rate(
        sample_rate in prop_oneof![
            Just(8_000u32), Just(11_025), Just(44_100), Just(96_000), Just(192_000),
            8_000u32..=192_000,
        ],
        seed in any::<u64>(),
        drive_db in 0.0f32..30.0,
        progression in 0.0f32..1.0,
        ceiling_dbfs in -20.0f32..0.0,
        tone_hz in 30.0f32..20_000.0,
    ) {
        let profile = random_profile(progression, 0.0, 0.0);
        limits_random_signal(sample_rate, profile, seed, drive_db, ceiling_dbfs, tone_hz)?;
    }
}

/// Half a second of noise and a tone driven `drive_db` into the ear at `sample_rate`, then silence:
/// nothing non-finite and nothing over the ceiling in true peak comes out. The whole output is
/// measured, latency included: the ear's own sounds start with the ear, not after the latency.
fn limits_random_signal(
    sample_rate: u32,
    profile: HearingProfile,
    seed: u64,
    drive_db: f32,
    ceiling_dbfs: f32,
    tone_hz: f32,
) -> Result<(), TestCaseError> {
    let mut noise = Noise::new(seed);
    let amplitude = 10f32.powf(drive_db / 20.0);
    let tone_hz = tone_hz.min(0.45 * sample_rate as f32);
    let frames = |s: f32| (s * sample_rate as f32) as usize;
    let mut input: Vec<Frame> = (0..frames(0.5))
        .map(|n| {
            let sine = (2.0 * std::f32::consts::PI * tone_hz * n as f32 / sample_rate as f32).sin();
            let l = amplitude * (0.5 * noise.next() + 0.5 * sine);
            let r = amplitude * noise.next();
            Frame::new(l, r)
        })
        .collect();
    input.extend(std::iter::repeat_n(Frame::ZERO, frames(0.1)));
    let settings = ProcessorSettings {
        ceiling_dbfs,
        ..Default::default()
    };
    let mut processor = HearingProcessor::new(sample_rate, settings);
    processor.jump_to_profile(profile);
    processor.build_smearing();
    processor.process(&mut input);
    let heard = input;
    prop_assert!(
        heard
            .iter()
            .all(|f| f.left.is_finite() && f.right.is_finite())
    );
    let measured = true_peak_dbfs(&heard);
    prop_assert!(
        measured <= ceiling_dbfs,
        "true peak {} dBTP over {} dBFS at {} Hz",
        measured,
        ceiling_dbfs,
        sample_rate
    );
    Ok(())
}

#[test]
fn nan_and_infinity_in_are_silence_out() {
    let mut input = tone(1000.0, 70.0, seconds(0.5));
    input[100] = Frame::new(f32::NAN, f32::INFINITY);
    input[2000] = Frame::new(f32::NEG_INFINITY, f32::NAN);
    let heard = hear(HearingProfile::at(0.7), &input);
    assert!(
        heard
            .iter()
            .all(|f| f.left.is_finite() && f.right.is_finite())
    );
    assert!(
        analysis::rms_dbfs(&analysis::left(&heard[seconds(0.25)..])) > -80.0,
        "the tone goes on"
    );
}

/// The least time each input took to process over rounds that take turns, so that a busy machine slows
/// both alike and the least is the work itself.
fn least_seconds_to_process(inputs: [&[Frame]; 2]) -> [f64; 2] {
    let profile = HearingProfile::from_audiogram(AudiogramPreset::N4.audiogram());
    let mut least = [f64::INFINITY; 2];
    for _ in 0..7 {
        for (input, least) in inputs.iter().zip(&mut least) {
            let mut processor = HearingProcessor::new(SAMPLE_RATE, ProcessorSettings::default());
            processor.jump_to_profile(profile);
            let mut frames = input.to_vec();
            let start = Instant::now();
            for block in frames.chunks_mut(128) {
                processor.process(block);
            }
            *least = least.min(start.elapsed().as_secs_f64());
        }
    }
    least
}

#[test]
fn ten_seconds_of_digital_silence_cost_no_more_than_noise() {
    let silence = vec![Frame::ZERO; seconds(10.0)];
    let noise = pink_noise(-30.0, seconds(10.0), 3);
    // Silence that follows sound is the denormal trap: filter states decay towards zero.
    let mut decay = noise[..seconds(1.0)].to_vec();
    decay.extend_from_slice(&silence[seconds(1.0)..]);
    // Denormal arithmetic costs tens of times a normal one: a trap shows as a multiple, not a margin.
    let [quiet, busy] = least_seconds_to_process([&decay, &noise]);
    println!(
        "10 s of silence after sound: {:.1} ms; 10 s of noise: {:.1} ms",
        quiet * 1e3,
        busy * 1e3
    );
    assert!(
        quiet <= busy * 2.0,
        "silence took {quiet:.4} s, noise {busy:.4} s"
    );
}

fn any_tinnitus() -> impl Strategy<Value = Tinnitus> {
    (
        prop_oneof![
            Just(f32::NAN),
            Just(f32::INFINITY),
            -1e6f32..1e6,
            20.0f32..20_000.0
        ],
        prop_oneof![Just(f32::NAN), Just(f32::NEG_INFINITY), -200.0f32..200.0],
        prop_oneof![Just(f32::NAN), Just(0.0f32), -1.0f32..10.0],
    )
        .prop_map(|(frequency_hz, level_db_sl, time_s)| Tinnitus {
            frequency_hz,
            level_db_sl,
            rise_s: time_s,
            fall_s: time_s,
        })
}

fn any_number() -> impl Strategy<Value = f32> {
    prop_oneof![
        Just(f32::NAN),
        Just(f32::INFINITY),
        Just(f32::NEG_INFINITY),
        -1e4f32..1e4,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_rate_and_any_profile_give_finite_sound(
        sample_rate in prop_oneof![
            Just(8_000u32), Just(11_025), Just(16_000), Just(22_050), Just(192_000),
            8_000u32..=192_000,
        ],
        left in 0.0f32..1.0,
        right in 0.0f32..1.0,
        tinnitus_left in any_tinnitus(),
        tinnitus_right in any_tinnitus(),
        noise_db_spl in any_number(),
        occlusion_db in any_number(),
        smearing in prop_oneof![
            Just(Smearing::Auto),
            Just(Smearing::Off),
            Just(Smearing::Broadened(Broadening::SEVERE)),
        ],
        vibration_hz in any_number(),
        seed in any::<u64>(),
    ) {
        let mut profile = HearingProfile::from_audiograms(
            HearingProfile::at(left).audiograms.left,
            HearingProfile::at(right).audiograms.right,
        );
        profile.tinnitus = Ears { left: tinnitus_left, right: tinnitus_right };
        profile.masking_noise.level_db_spl = noise_db_spl;
        profile.occlusion_db = occlusion_db;
        profile.smearing = smearing;
        profile.residual_vibration_hz = vibration_hz;
        let mut processor = HearingProcessor::new(sample_rate, ProcessorSettings::default());
        processor.jump_to_profile(profile);
        processor.build_smearing();
        let mut noise = Noise::new(seed);
        let mut frames: Vec<Frame> = (0..sample_rate as usize / 4)
            .map(|_| Frame::new(noise.next(), 0.5 * noise.next()))
            .collect();
        for block in frames.chunks_mut(128) {
            processor.process(block);
        }
        prop_assert!(frames.iter().all(|f| f.left.is_finite() && f.right.is_finite()));
    }
}

#[test]
fn nonsense_in_a_profile_is_clamped_or_silenced() {
    let mut profile = HearingProfile::at(0.5).with_tinnitus(Tinnitus {
        frequency_hz: f32::NAN,
        level_db_sl: 20.0,
        ..Tinnitus::silent()
    });
    profile.tinnitus.right.level_db_sl = f32::NAN;
    profile.occlusion_db = f32::INFINITY;
    let clean = profile.sanitized();
    assert_eq!(
        clean.tinnitus.left.frequency_hz,
        Tinnitus::silent().frequency_hz
    );
    assert!(clean.tinnitus.right.is_silent());
    assert_eq!(clean.occlusion_db, HearingProfile::MAX_OCCLUSION_DB);
    let heard = hear(profile, &vec![Frame::ZERO; seconds(1.0)]);
    assert!(
        heard
            .iter()
            .all(|f| f.left.is_finite() && f.right.is_finite())
    );
    assert!(
        analysis::rms_dbfs(&analysis::right(&heard)) < -100.0,
        "the NaN ringing is silent"
    );
    assert!(
        analysis::rms_dbfs(&analysis::left(&heard)) > -80.0,
        "the other ear still rings"
    );

    let settings = ProcessorSettings {
        calibration: hearing::Calibration {
            db_spl_at_full_scale: f32::NAN,
        },
        ceiling_dbfs: f32::NAN,
        ..Default::default()
    }
    .sanitized();
    assert_eq!(settings.calibration, hearing::Calibration::default());
    assert_eq!(settings.ceiling_dbfs, hearing::DEFAULT_CEILING_DBFS);
}
