//! The effect inside kira, offline rendering, latency, the bypass cut and the WAV command.

use std::sync::Arc;

use hearing::analysis::{self, Spectrum};
use hearing::wav::hear_file;
use hearing::{
    AudiogramPreset, Broadening, HearingEffectBuilder, HearingOutput, HearingProcessor,
    HearingProfile, LATENCY_FRAMES, OutputChoice, ProcessorSettings, Smearing,
};
use kira::Frame;
use kira::sound::static_sound::{StaticSoundData, StaticSoundSettings};

use crate::fixtures::*;

fn looping_tone(frequency_hz: f32, db_spl: f32) -> StaticSoundData {
    let frames: Arc<[Frame]> = tone(frequency_hz, db_spl, SAMPLE_RATE as usize).into();
    StaticSoundData {
        sample_rate: SAMPLE_RATE,
        frames,
        settings: StaticSoundSettings::default(),
        slice: None,
    }
    .loop_region(..)
}

#[test]
fn the_effect_on_kiras_main_track_shapes_what_is_rendered_and_cuts_to_the_room() {
    let profile = HearingProfile::from_audiogram(AudiogramPreset::N3.audiogram());
    let mut output = HearingOutput::open(
        OutputChoice::Offline,
        HearingEffectBuilder::new().profile(profile),
        |s| s,
    )
    .expect("offline output opens");
    assert!(output.fallback_reason.is_none());
    let mut renderer = output.offline_renderer().expect("offline");
    output
        .manager
        .play(looping_tone(4000.0, 65.0))
        .expect("plays");

    let heard = renderer.render(seconds(1.0));
    let heard_db =
        Spectrum::welch(&analysis::mono(&heard[seconds(0.5)..]), SAMPLE_RATE).tone_dbfs(4000.0);
    output.hearing.set_bypass(true);
    let room = renderer.render(seconds(1.0));
    let room_db =
        Spectrum::welch(&analysis::mono(&room[seconds(0.5)..]), SAMPLE_RATE).tone_dbfs(4000.0);
    assert!(
        (room_db - (65.0 - 100.0)).abs() < 0.5,
        "the room as it is: {room_db:.1} dBFS"
    );
    let expected = hearing::recruitment::attenuation_db(60.0, 65.0);
    assert!(
        ((room_db - heard_db) - expected).abs() < 3.0,
        "N3 at 4 kHz: {:.1} dB down, rule {expected:.1}",
        room_db - heard_db
    );

    // The cut lands on the first frame of the next block, whole: no ramp between the two. Both
    // paths are smeared-or-delayed alike, so only the limiter's lookahead lies between.
    output.hearing.set_bypass(false);
    let cut = renderer.render(256);
    let limiter_latency = LATENCY_FRAMES - hearing::SMEARING_LATENCY_FRAMES;
    let first_block = analysis::rms_dbfs(&analysis::left(&cut[limiter_latency + 8..128]));
    assert!(
        first_block < room_db - 20.0,
        "the cut back to your ears is immediate: {first_block:.1} dBFS"
    );
}

fn impulse_response(profile: HearingProfile, bypass: bool) -> Vec<f32> {
    let mut processor = HearingProcessor::new(SAMPLE_RATE, ProcessorSettings::default());
    processor.jump_to_profile(profile);
    processor.build_smearing();
    processor.set_bypass(bypass);
    let mut frames = vec![Frame::ZERO; 4096];
    frames[2048] = Frame::new(0.5, 0.5);
    processor.process(&mut frames);
    analysis::left(&frames[2048..])
}

#[test]
fn the_room_is_captured_alongside_what_is_heard() {
    let profile = HearingProfile::from_audiogram(AudiogramPreset::S2.audiogram());
    let effect = HearingEffectBuilder::new()
        .profile(profile)
        .capture_room(seconds(2.0));
    let mut output = HearingOutput::open(OutputChoice::Offline, effect, |s| s).unwrap();
    let mut renderer = output.offline_renderer().unwrap();
    output.manager.play(looping_tone(4000.0, 70.0)).unwrap();
    let heard = renderer.render(seconds(1.0));
    let mut room = Vec::new();
    output.hearing.take_room(&mut room);
    assert_eq!(room.len(), heard.len());
    let level = |frames: &[Frame]| {
        Spectrum::welch(&analysis::mono(&frames[seconds(0.5)..]), SAMPLE_RATE).tone_dbfs(4000.0)
    };
    assert!(
        (level(&room) + 30.0).abs() < 0.5,
        "the room hears the tone at 70 dB SPL: {:.1}",
        level(&room)
    );
    assert!(
        level(&heard) < level(&room) - 50.0,
        "S2 takes it away: {:.1}",
        level(&heard)
    );
    // Frame for frame: with the ear bypassed, the two captures are the same signal.
    output.hearing.set_bypass(true);
    let heard = renderer.render(seconds(0.5));
    room.clear();
    output.hearing.take_room(&mut room);
    for (h, r) in heard.iter().zip(&room).skip(256) {
        assert!((h.left - r.left).abs() < 1e-6);
    }
}

#[test]
fn latency_is_the_same_in_every_setting() {
    // 128 frames of smearing and 8 of true-peak lookahead: 2.8 ms at 48 kHz, under 3 ms.
    const { assert!(LATENCY_FRAMES == 136) };
    // Untouched sound arrives whole after the latency, smearing off or in bypass.
    for bypass in [false, true] {
        let response = impulse_response(HearingProfile::normal(), bypass);
        let arrival = response.iter().position(|x| x.abs() > 1e-6).unwrap();
        assert_eq!(arrival, LATENCY_FRAMES);
        assert!(
            (response[arrival] - 0.5).abs() < 1e-5,
            "{}",
            response[arrival]
        );
    }
    // Smeared, the impulse is spread but centred where the untouched one arrives.
    let smeared = HearingProfile {
        smearing: Smearing::Broadened(Broadening::SEVERE),
        ..HearingProfile::normal()
    };
    let response = impulse_response(smeared, false);
    let peak = response
        .iter()
        .enumerate()
        .fold((0, 0.0f32), |best, (n, x)| {
            if x.abs() > best.1 { (n, x.abs()) } else { best }
        });
    assert_eq!(
        peak.0, LATENCY_FRAMES,
        "the smeared impulse peaks at {}",
        peak.0
    );
    // Through failing ears the impulse is filtered, not delayed: it starts within the latency.
    // (At profound loss an isolated click in silence is recruited away entirely, so there is
    // nothing left to time.)
    for progression in [0.3, 0.6] {
        let response = impulse_response(HearingProfile::at(progression), false);
        let peak = response.iter().fold(0.0f32, |p, x| p.max(x.abs()));
        let onset = response.iter().position(|x| x.abs() > 0.01 * peak).unwrap();
        assert!(
            onset <= LATENCY_FRAMES,
            "at progression {progression} the impulse starts {onset} frames late"
        );
    }
}

fn write_wav(path: &std::path::Path, spec: hound::WavSpec, samples: &[f32]) {
    let mut writer = hound::WavWriter::create(path, spec).unwrap();
    for s in samples {
        match spec.sample_format {
            hound::SampleFormat::Float => writer.write_sample(*s).unwrap(),
            hound::SampleFormat::Int => {
                let full = ((1i64 << (spec.bits_per_sample - 1)) - 1) as f32;
                writer.write_sample((s * full) as i32).unwrap()
            }
        }
    }
    writer.finalize().unwrap();
}

#[test]
fn the_wav_command_processes_every_common_format() {
    let dir = tempdir();
    for (channels, sample_rate, bits, format) in [
        (1, 44_100, 16, hound::SampleFormat::Int),
        (2, 48_000, 24, hound::SampleFormat::Int),
        (2, 44_100, 32, hound::SampleFormat::Float),
    ] {
        let spec = hound::WavSpec {
            channels,
            sample_rate,
            bits_per_sample: bits,
            sample_format: format,
        };
        let frames = sample_rate as usize;
        let samples: Vec<f32> = (0..frames * channels as usize)
            .map(|i| {
                let n = i / channels as usize;
                0.3 * (2.0 * std::f32::consts::PI * 4000.0 * n as f32 / sample_rate as f32).sin()
            })
            .collect();
        let input = dir.join(format!("in-{channels}-{sample_rate}-{bits}.wav"));
        let output = dir.join(format!("out-{channels}-{sample_rate}-{bits}.wav"));
        write_wav(&input, spec, &samples);
        let profile = HearingProfile::from_audiogram(AudiogramPreset::S2.audiogram());
        let report = hear_file(&input, &output, profile, ProcessorSettings::default()).unwrap();
        assert_eq!(report.frames, frames);
        let mut reader = hound::WavReader::open(&output).unwrap();
        assert_eq!(reader.spec(), spec);
        let out: Vec<f32> = match format {
            hound::SampleFormat::Float => reader.samples::<f32>().map(Result::unwrap).collect(),
            hound::SampleFormat::Int => {
                let full = (1i64 << (bits - 1)) as f32;
                reader
                    .samples::<i32>()
                    .map(|s| s.unwrap() as f32 / full)
                    .collect()
            }
        };
        assert_eq!(out.len(), samples.len());
        let before = analysis::rms_dbfs(&samples[samples.len() / 2..]);
        let after = analysis::rms_dbfs(&out[out.len() / 2..]);
        assert!(
            after < before - 40.0,
            "S2 takes 4 kHz away: {before:.1} -> {after:.1} dBFS"
        );
    }
}

/// The file's samples as the ear takes them (integers over 2^(bits - 1)), frame by frame.
fn read_frames(path: &std::path::Path) -> (hound::WavSpec, Vec<Frame>) {
    let mut reader = hound::WavReader::open(path).unwrap();
    let spec = reader.spec();
    let samples: Vec<f32> = match spec.sample_format {
        hound::SampleFormat::Float => reader.samples::<f32>().map(Result::unwrap).collect(),
        hound::SampleFormat::Int => {
            let full = (1i64 << (spec.bits_per_sample - 1)) as f32;
            reader
                .samples::<i32>()
                .map(|s| s.unwrap() as f32 / full)
                .collect()
        }
    };
    let frames = samples
        .chunks_exact(spec.channels as usize)
        .map(|frame| Frame::new(frame[0], frame[frame.len() - 1]))
        .collect();
    (spec, frames)
}

#[test]
fn the_wav_command_writes_sample_for_sample_what_the_ear_makes() {
    let dir = tempdir();
    let profile = HearingProfile {
        smearing: Smearing::Auto,
        ..HearingProfile::from_audiograms(
            AudiogramPreset::N3.audiogram(),
            AudiogramPreset::S2.audiogram(),
        )
    };
    let noise = pink_noise(-12.0, seconds(0.5), 5);
    for (channels, bits, container_bytes, format) in [
        (2, 16, 2, hound::SampleFormat::Int),
        (1, 16, 2, hound::SampleFormat::Int),
        (1, 24, 3, hound::SampleFormat::Int),
        (2, 24, 4, hound::SampleFormat::Int),
        (2, 32, 4, hound::SampleFormat::Int),
        (1, 32, 4, hound::SampleFormat::Float),
    ] {
        let spec = hound::WavSpec {
            channels,
            sample_rate: SAMPLE_RATE,
            bits_per_sample: bits,
            sample_format: format,
        };
        let input = dir.join(format!("in-{channels}-{bits}-{container_bytes}.wav"));
        let output = dir.join(format!("out-{channels}-{bits}-{container_bytes}.wav"));
        let file = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
        let spec_ex = hound::WavSpecEx {
            spec,
            bytes_per_sample: container_bytes,
        };
        let mut writer = hound::WavWriter::new_with_spec_ex(file, spec_ex).unwrap();
        let full = ((1i64 << (bits - 1)) - 1) as f32;
        for frame in &noise {
            for x in [frame.left, frame.right].iter().take(channels as usize) {
                match format {
                    hound::SampleFormat::Float => writer.write_sample(*x).unwrap(),
                    hound::SampleFormat::Int => writer.write_sample((x * full) as i32).unwrap(),
                }
            }
        }
        writer.finalize().unwrap();
        hear_file(&input, &output, profile, ProcessorSettings::default()).unwrap();

        let (_, read) = read_frames(&input);
        let expected = hear(profile, &read);
        let mut reader = hound::WavReader::open(&output).unwrap();
        assert_eq!(reader.spec(), spec);
        // Integers as written: the ear's output times 2^(bits - 1) - 1, rounded; floats as they are.
        let heard: Vec<f32> = match format {
            hound::SampleFormat::Float => reader.samples::<f32>().map(Result::unwrap).collect(),
            hound::SampleFormat::Int => {
                reader.samples::<i32>().map(|s| s.unwrap() as f32).collect()
            }
        };
        let expected: Vec<f32> = expected
            .iter()
            .flat_map(|frame| {
                let mono = 0.5 * (frame.left + frame.right);
                if channels == 1 {
                    vec![mono]
                } else {
                    vec![frame.left, frame.right]
                }
            })
            .map(|x| match format {
                hound::SampleFormat::Float => x,
                hound::SampleFormat::Int => (x.clamp(-1.0, 1.0) * full).round(),
            })
            .collect();
        assert_eq!(heard.len(), expected.len());
        for (n, (heard, expected)) in heard.iter().zip(&expected).enumerate() {
            assert_eq!(
                heard, expected,
                "{channels} channel(s), {bits}-bit in {container_bytes} bytes, sample {n}"
            );
        }
        let unit = match format {
            hound::SampleFormat::Float => 1.0,
            hound::SampleFormat::Int => full,
        };
        assert!(
            heard.iter().any(|x| x.abs() > 0.05 * unit),
            "the ear lets sound through"
        );
    }
}

#[test]
fn a_file_cut_short_gets_a_clear_error_and_leaves_no_output() {
    let dir = tempdir();
    let input = dir.join("cut.wav");
    let output = dir.join("out.wav");
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: SAMPLE_RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    write_wav(&input, spec, &[0.1; 20_000]);
    let bytes = std::fs::read(&input).unwrap();
    std::fs::write(&input, &bytes[..bytes.len() - 1000]).unwrap();
    let error = hear_file(
        &input,
        &output,
        HearingProfile::normal(),
        ProcessorSettings::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("cut.wav") && error.contains("cut short"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "only the input"
    );
}

#[test]
fn bad_input_gets_a_clear_error_and_leaves_no_output() {
    let dir = tempdir();
    let output = dir.join("out.wav");
    let profile = HearingProfile::normal();
    let settings = ProcessorSettings::default();

    let missing = dir.join("missing.wav");
    let error = hear_file(&missing, &output, profile, settings)
        .unwrap_err()
        .to_string();
    assert!(error.contains("missing.wav"), "{error}");

    let not_wav = dir.join("notes.wav");
    std::fs::write(&not_wav, "these are not samples").unwrap();
    let error = hear_file(&not_wav, &output, profile, settings)
        .unwrap_err()
        .to_string();
    assert!(error.contains("notes.wav"), "{error}");

    let surround = dir.join("surround.wav");
    let spec = hound::WavSpec {
        channels: 6,
        sample_rate: 48_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    write_wav(&surround, spec, &[0.0; 600]);
    let error = hear_file(&surround, &output, profile, settings)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("surround.wav") && error.contains("6 channels"),
        "{error}"
    );

    let telephone = dir.join("telephone.wav");
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 6_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    write_wav(&telephone, spec, &[0.0; 800]);
    let error = hear_file(&telephone, &output, profile, settings)
        .unwrap_err()
        .to_string();
    assert!(error.contains("6000 Hz"), "{error}");

    assert!(!output.exists());
    let good = dir.join("good.wav");
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: 48_000,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    write_wav(&good, spec, &[0.1; 4800]);
    let nowhere = dir.join("no-such-folder").join("out.wav");
    let error = hear_file(&good, &nowhere, profile, settings)
        .unwrap_err()
        .to_string();
    assert!(error.contains("out.wav"), "{error}");
    assert!(std::fs::read_dir(&dir).unwrap().all(|entry| {
        !entry
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("partial")
    }));
}

fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "hearing-test-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// With no sound card (CI, a headless kiosk) the output still opens, renders offline and says why.
#[cfg(feature = "device")]
#[test]
fn preferring_the_device_always_gives_a_working_output() {
    let mut output = HearingOutput::open(
        OutputChoice::PreferDevice,
        HearingEffectBuilder::new(),
        |s| s,
    )
    .expect("an output opens, on the device or offline");
    let renderer = output.offline_renderer();
    match (output.fallback_reason.clone(), renderer) {
        (None, None) => {}
        (Some(reason), Some(mut renderer)) => {
            assert!(reason.contains("no audio device"), "{reason}");
            output
                .manager
                .play(looping_tone(1000.0, 70.0))
                .expect("plays");
            let heard = renderer.render(seconds(0.5));
            assert!(analysis::rms_dbfs(&analysis::left(&heard[seconds(0.25)..])) > -40.0);
        }
        (reason, renderer) => panic!(
            "inconsistent output: reason {reason:?}, offline {}",
            renderer.is_some()
        ),
    }
}
