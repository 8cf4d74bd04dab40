//! Audiogram-shaped attenuation with recruitment, measured with pure tones, noise and sweeps.

use hearing::analysis::{self, Spectrum};
use hearing::recruitment::attenuation_db;
use hearing::{
    Audiogram, AudiogramPreset, HearingProcessor, HearingProfile, LATENCY_FRAMES, ProcessorSettings,
};
use kira::Frame;

use crate::accuracy::TEST_FREQUENCIES_HZ;
use crate::fixtures::*;

fn measured_attenuation_db(audiogram: Audiogram, frequency_hz: f32, level_db_spl: f32) -> f32 {
    let heard = hear(
        HearingProfile::from_audiogram(audiogram),
        &tone(frequency_hz, level_db_spl, seconds(1.0)),
    );
    level_db_spl - tone_db_spl(&heard, frequency_hz)
}

#[test]
fn loudness_grows_as_fast_as_the_rule_says_from_50_to_80_db_spl() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for preset in [
        AudiogramPreset::N2,
        AudiogramPreset::N3,
        AudiogramPreset::N4,
        AudiogramPreset::NoiseNotch,
    ] {
        let audiogram = preset.audiogram();
        for frequency_hz in TEST_FREQUENCIES_HZ {
            let threshold = audiogram.threshold_db_hl(frequency_hz);
            let slope = audiogram.steepest_slope_db_per_octave(
                frequency_hz / 2f32.sqrt(),
                frequency_hz * 2f32.sqrt(),
            );
            // Growth is defined where both levels are in the rule's measurable range.
            if slope > 15.0 || attenuation_db(threshold, 50.0) > 60.0 {
                continue;
            }
            checked += 1;
            let rule_growth =
                30.0 - (attenuation_db(threshold, 80.0) - attenuation_db(threshold, 50.0));
            let soft = 50.0 - measured_attenuation_db(audiogram, frequency_hz, 50.0);
            let loud = 80.0 - measured_attenuation_db(audiogram, frequency_hz, 80.0);
            let growth = loud - soft;
            if (growth - rule_growth).abs() > 0.1 * rule_growth {
                failures.push(format!(
                    "{} {frequency_hz} Hz: grew {growth:.1} dB, rule {rule_growth:.1} dB",
                    preset.name()
                ));
            }
        }
    }
    assert!(checked >= 20, "only {checked} bands measured");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn third_octave_levels(frames: &[Frame]) -> Vec<(f32, f32)> {
    let spectrum = Spectrum::welch(&analysis::mono(frames), SAMPLE_RATE);
    (0..31)
        .map(|i| 20.0 * 2f32.powf(i as f32 / 3.0))
        .filter(|f| *f < 20_000.0)
        .map(|f| (f, spectrum.third_octave_dbfs(f)))
        .collect()
}

#[test]
fn normal_hearing_is_transparent_to_pink_noise_and_a_sweep() {
    for input in [pink_noise(-20.0, seconds(4.0), 1), sweep(0.5, seconds(4.0))] {
        let heard = hear(HearingProfile::normal(), &input);
        for ((frequency_hz, before), (_, after)) in third_octave_levels(&input)
            .into_iter()
            .zip(third_octave_levels(&heard))
        {
            assert!(
                (after - before).abs() <= 0.5,
                "{frequency_hz} Hz: {before:.2} dBFS in, {after:.2} dBFS out"
            );
        }
    }
}

#[test]
fn gliding_from_normal_hearing_to_n4_over_five_seconds_makes_no_click() {
    let tone_hz = 1000.0;
    let mut frames = tone(tone_hz, 70.0, seconds(5.5));
    let mut processor = HearingProcessor::new(SAMPLE_RATE, ProcessorSettings::default());
    let n4 = AudiogramPreset::N4.audiogram();
    let normal = Audiogram::normal();
    let blocks = frames.len() / 128;
    for (index, block) in frames.chunks_mut(128).enumerate() {
        let amount = (index as f32 / (blocks as f32 * 5.0 / 5.5)).min(1.0);
        processor.set_profile(HearingProfile::from_audiogram(normal.lerp(&n4, amount)));
        processor.process(block);
    }
    let heard = analysis::mono(&frames[LATENCY_FRAMES..]);
    let worst = analysis::worst_click_db(&heard, SAMPLE_RATE, tone_hz, 512);
    // The same measure on a tone with one gain step of 1 dB: a click we must not make.
    let mut stepped = analysis::mono(&tone(tone_hz, 70.0, seconds(0.5)));
    let step_at = stepped.len() / 2 + 3;
    stepped[step_at..].iter_mut().for_each(|x| *x *= 0.891);
    let click = analysis::worst_click_db(&stepped, SAMPLE_RATE, tone_hz, 512);
    println!("glide: worst spurious energy {worst:.1} dB re tone; a 1 dB step reads {click:.1} dB");
    assert!(
        click > -60.0,
        "the metric must see a 1 dB step ({click:.1} dB)"
    );
    assert!(
        worst < -60.0,
        "spurious energy {worst:.1} dB re tone during the glide"
    );
    let level_after = tone_db_spl(&frames[seconds(5.1)..], tone_hz);
    let rule = 70.0 - attenuation_db(n4.threshold_db_hl(tone_hz), 70.0);
    assert!(
        (level_after - rule).abs() < 3.0,
        "the glide ends at N4: {level_after:.1} vs {rule:.1} dB SPL"
    );
}

#[test]
fn a_notched_ear_loses_four_kilohertz_but_keeps_one() {
    let notch = AudiogramPreset::NoiseNotch.audiogram();
    let at_4k = measured_attenuation_db(notch, 4000.0, 50.0);
    let at_1k = measured_attenuation_db(notch, 1000.0, 50.0);
    assert!(
        at_4k > at_1k + 30.0,
        "4 kHz down {at_4k:.1} dB, 1 kHz down {at_1k:.1} dB"
    );
}
