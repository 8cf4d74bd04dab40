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

/// Noise `drive_db` over full scale in both ears for half a second, then a second of silence.
fn a_loud_burst_then_silence(drive_db: f32, sample_rate: u32) -> Vec<Frame> {
    let amplitude = 10f32.powf(drive_db / 20.0) * 3f32.sqrt();
    let mut noise = Noise::new(791_382);
    let burst = sample_rate as usize / 2;
    let mut frames: Vec<Frame> = (0..burst)
        .map(|_| Frame::new(amplitude * noise.next(), amplitude * noise.next()))
        .collect();
    frames.extend(std::iter::repeat_n(
        Frame::ZERO,
        sample_rate as usize + LATENCY_FRAMES,
    ));
    frames
}

/// The loudest 5 ms (dBFS) in each ear from 10 ms after a loud burst stops (the burst's own tail is
/// over by then), for bursts 12 and 20 dB over full scale at progression 0.97-1.0 and three device
/// rates: one line per case.
fn after_a_loud_burst() -> Vec<(String, f32)> {
    let mut heard = Vec::new();
    for sample_rate in [44_100, 48_000, 96_000] {
        let ms = |t: f32| (t * sample_rate as f32 / 1000.0) as usize;
        for progression in [0.97, 0.985, 1.0] {
            for drive_db in [12.0, 20.0] {
                let mut processor =
                    HearingProcessor::new(sample_rate, ProcessorSettings::default());
                processor.jump_to_profile(HearingProfile::at(progression));
                processor.build_smearing();
                let mut frames = a_loud_burst_then_silence(drive_db, sample_rate);
                for block in frames.chunks_mut(128) {
                    processor.process(block);
                }
                let stop = sample_rate as usize / 2 + LATENCY_FRAMES;
                for (ear, channel) in [
                    ("left", analysis::left(&frames)),
                    ("right", analysis::right(&frames)),
                ] {
                    let loudest = channel[stop + ms(10.0)..]
                        .chunks(ms(5.0))
                        .map(analysis::rms_dbfs)
                        .fold(f32::MIN, f32::max);
                    let case = format!(
                        "{sample_rate} Hz, progression {progression}, +{drive_db} dB, {ear} ear"
                    );
                    println!("{case}: loudest {loudest:.1} dBFS from 10 ms after the stop");
                    heard.push((case, loudest));
                }
            }
        }
    }
    heard
}

/// The cliff of a very loud sound in a profound loss used to be realised by sections fighting each
/// other (+107 dB beside -236 dB) and came out as a rumble at full scale for 100-300 ms after the
/// sound stopped; with the loud-sound penalty it stays at least 30 dB under full scale.
#[test]
fn a_loud_sound_that_stops_leaves_no_rumble_near_full_scale() {
    let failures: Vec<String> = after_a_loud_burst()
        .into_iter()
        .filter(|(_, loudest)| *loudest > -30.0)
        .map(|(case, loudest)| format!("{case}: {loudest:.1} dBFS 10 ms or more after the stop"))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What issue #10 asks: silence (under -60 dBFS) within 10 ms of the stop. Still open: in about half
/// of the cases the rounded cliff leaves -39 to -60 dBFS for some tens of milliseconds. Run with `--ignored` to measure it.
#[test]
#[ignore = "issue #10 is open: the loss cascade still rings at -39 to -60 dBFS after a loud sound stops"]
fn a_loud_sound_that_stops_leaves_silence_within_ten_milliseconds() {
    let failures: Vec<String> = after_a_loud_burst()
        .into_iter()
        .filter(|(_, loudest)| *loudest > -60.0)
        .map(|(case, loudest)| format!("{case}: {loudest:.1} dBFS 10 ms or more after the stop"))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// How long the ears take, after a 1 kHz tone steps from 50 to 80 dB SPL in an N4 loss, to bring
/// it within 1 dB of where it settles (ms, read in 2 ms windows of the left ear).
fn settling_after_a_step_ms() -> f32 {
    let step = seconds(0.5);
    let mut input = tone(1000.0, 50.0, 2 * step);
    // The same sine 30 dB up from the step on: a step in level, not a click.
    for frame in &mut input[step..] {
        *frame *= 10f32.powf(30.0 / 20.0);
    }
    let heard = hear(
        HearingProfile::from_audiogram(AudiogramPreset::N4.audiogram()),
        &input,
    );
    let levels: Vec<f32> = heard[step..]
        .chunks_exact(seconds(0.002))
        .map(|window| {
            let power = window.iter().map(|f| f.left * f.left).sum::<f32>() / window.len() as f32;
            10.0 * power.log10()
        })
        .collect();
    let settled = levels[levels.len() - 50..].iter().sum::<f32>() / 50.0;
    let settled_from = levels
        .iter()
        .rposition(|level| (level - settled).abs() > 1.0)
        .map_or(0, |last_off| last_off + 1);
    settled_from as f32 * 2.0
}

#[test]
fn the_ears_follow_a_step_in_level_within_twenty_milliseconds() {
    let settling_ms = settling_after_a_step_ms();
    // 10 ms with each ear solved every 128 frames (updated every 32 frames or every 64); solved
    // every 256 frames it took 36 ms.
    assert!(settling_ms <= 20.0, "settled after {settling_ms} ms");
}
