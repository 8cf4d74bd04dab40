//! Spoken lines: espeak-ng synthesis, resampling to 48 kHz, trimming and a gentle voice chain; also the line table.

use crate::dsp::{Biquad, SR, compress, filtered, peak, ramp, resample, unit_peak};
use crate::wav::read_mono;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A captioned line of dialogue, rendered to `<stem>.wav` and listed in `lines.txt`.
pub struct Line {
    pub stem: &'static str,
    pub speaker: &'static str,
    pub voice: &'static str,
    pub pitch: u8,
    pub speed: u16,
    pub text: &'static str,
}

const fn line(
    stem: &'static str,
    speaker: &'static str,
    voice: &'static str,
    pitch: u8,
    speed: u16,
    text: &'static str,
) -> Line {
    Line {
        stem,
        speaker,
        voice,
        pitch,
        speed,
        text,
    }
}

const SINGER: &str = "en-us+f3";
const DRUMMER: &str = "en-us+m3";
const MENTOR: &str = "en-us+m1";

/// Every captioned line in the project. The texts are our own; they become the captions.
pub const LINES: &[Line] = &[
    line(
        "singer_merch_1",
        "Singer",
        SINGER,
        60,
        155,
        "Can you stack the shirts by size? Mediums always go first.",
    ),
    line(
        "singer_merch_2",
        "Singer",
        SINGER,
        60,
        155,
        "We go on in twenty minutes. You good?",
    ),
    line(
        "singer_merch_3",
        "Singer",
        SINGER,
        64,
        145,
        "Hey. Look at me. Are you okay?",
    ),
    line(
        "singer_merch_4",
        "Singer",
        SINGER,
        58,
        135,
        "Breathe. We can cancel if we have to.",
    ),
    line(
        "drummer_1",
        "Drummer",
        DRUMMER,
        42,
        160,
        "Yeah. I'm fine. It's just loud in here.",
    ),
    line("drummer_2", "Drummer", DRUMMER, 40, 150, "Let's play."),
    line(
        "singer_morning_1",
        "Singer",
        SINGER,
        56,
        140,
        "Coffee's almost ready.",
    ),
    line(
        "singer_morning_2",
        "Singer",
        SINGER,
        56,
        140,
        "Did you sleep at all?",
    ),
    line(
        "singer_morning_3",
        "Singer",
        SINGER,
        56,
        145,
        "We have the drive to the next show at noon.",
    ),
    line(
        "mentor_1",
        "Mentor",
        MENTOR,
        32,
        130,
        "Welcome. Nobody here is trying to fix you.",
    ),
    line(
        "mentor_2",
        "Mentor",
        MENTOR,
        32,
        120,
        "Sit. Do nothing. Just be here.",
    ),
];

/// The soundcheck's PA voice, captioned but mixed into `soundcheck.wav` rather than written on its own.
pub const SOUNDCHECK_CAPTION: &str = "Check. Check. One, two. One, two. Check.";

static TEMP_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Speaks `text` with espeak-ng and returns it at 48 kHz, trimmed to the speech with short silent margins.
pub fn speak(voice: &str, pitch: u8, speed: u16, text: &str) -> Result<Vec<f32>, String> {
    let tmp = std::env::temp_dir().join(format!(
        "soundgen-{}-{}.wav",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let status = Command::new("espeak-ng")
        .args(["-v", voice, "-p", &pitch.to_string(), "-s", &speed.to_string(), "-w"])
        .arg(&tmp)
        .arg(text)
        .status()
        .map_err(|e| {
            format!("could not run espeak-ng ({e}); soundgen needs it for speech: install it with `apt-get install espeak-ng`")
        })?;
    if !status.success() {
        return Err(format!(
            "espeak-ng failed ({status}) for voice {voice}: {text:?}"
        ));
    }
    let read = read_mono(&tmp);
    // The temp file is ours alone; failing to remove it only leaves litter in the temp dir.
    let _ = std::fs::remove_file(&tmp);
    let (raw, rate) = read?;
    Ok(trim(resample(&raw, rate)))
}

/// Cuts espeak-ng's leading and trailing silence, keeping 40 ms before and 120 ms after, with tiny fades.
fn trim(x: Vec<f32>) -> Vec<f32> {
    let thr = peak(&x) * 0.01;
    let first = x.iter().position(|s| s.abs() > thr).unwrap_or(0);
    let last = x
        .iter()
        .rposition(|s| s.abs() > thr)
        .unwrap_or(x.len().saturating_sub(1));
    let start = first.saturating_sub((0.04 * SR) as usize);
    let end = (last + (0.12 * SR) as usize).min(x.len());
    let mut y = x[start..end].to_vec();
    let n = y.len();
    for (i, s) in y.iter_mut().enumerate() {
        let t = i as f32 / SR;
        let tail = (n - i) as f32 / SR;
        *s *= ramp(t, 0.01) * ramp(tail, 0.03);
    }
    y
}

/// The dialogue chain: remove rumble, take a little boxiness out, lift presence for intelligibility, then even the
/// level with a soft compressor so quiet syllables survive the hearing-loss model's recruitment.
pub fn voice_chain(x: Vec<f32>) -> Vec<f32> {
    let y = filtered(
        x,
        &[
            Biquad::highpass(90.0, 0.7),
            Biquad::peaking(280.0, 1.0, -2.5),
            Biquad::peaking(3000.0, 0.9, 3.0),
        ],
    );
    let mut y = unit_peak(y);
    compress(&mut y, -20.0, 3.0, 0.005, 0.08, 0.0);
    y
}

/// Fails with a message naming espeak-ng when it is not installed.
pub fn check_espeak() -> Result<(), String> {
    match Command::new("espeak-ng").arg("--version").output() {
        Ok(o) if o.status.success() => Ok(()),
        _ => Err("espeak-ng is required for the spoken lines but was not found on PATH; install it with `apt-get install espeak-ng`".into()),
    }
}
