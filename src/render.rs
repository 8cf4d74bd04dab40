//! The headless `render` command: a walk-through from a place on, played by the autopilot (the same ghost
//! visitor as the attract loop and the tests), rendered offline through the drummer's ears and written to a
//! WAV file, with its captions as WebVTT on the same timeline.

use std::fmt::Write as _;
use std::path::Path;

use bevy::ecs::message::{MessageCursor, Messages};
use hearing::backend::OFFLINE_SAMPLE_RATE;
use kira::Frame;

use crate::engine::{Engine, Render};
use crate::journey::Place;
use crate::settings::{CaptionMode, CurrentSettings};
use crate::ui::captions::Caption;
use crate::words::{Language, Words};

/// A walk-through: what was heard, and the captions shown, in the language and mode asked for.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    pub render: Render,
    /// In the order they came on.
    pub cues: Vec<Cue>,
}

/// One caption on the rendered sound's timeline (seconds from its first sample).
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub start_s: f32,
    pub end_s: f32,
    /// Who speaks, by name; none for a sound.
    pub voice: Option<String>,
    /// At most two lines.
    pub text: String,
}

/// Lives through `seconds` from the start of `place` as a visitor would, doing what each place asks (in
/// the gig: listening at the merch table, walking to the stage when the band waits, keeping the beat through
/// the set), on into the places after it, reading the captions in `language` and `mode`.
pub fn walk_through(
    place: Place,
    seconds: f32,
    language: Language,
    mode: CaptionMode,
) -> Result<Walk, String> {
    let mut engine = Engine::start(|_| {}).map_err(|error| error.to_string())?;
    {
        let mut settings = engine.world_mut().resource_mut::<CurrentSettings>();
        settings.language = language.code().to_string();
        settings.captions.mode = mode;
    }
    let mut captions = MessageCursor::<Caption>::default();
    let mut cues = Vec::new();
    engine.enter(place);
    engine.engage_autopilot();
    let wanted = (seconds.max(0.0) * OFFLINE_SAMPLE_RATE as f32) as usize;
    engine.start_recording();
    while engine.recorded_frames() < wanted {
        // A caption comes on with the sound of the frame it was asked for, whose render begins here.
        let start_s = engine.recorded_frames() as f32 / OFFLINE_SAMPLE_RATE as f32;
        engine.update();
        let world = engine.world();
        let words = world.resource::<Words>();
        for caption in captions.read(world.resource::<Messages<Caption>>()) {
            cues.extend(cues_of(caption, start_s, mode, words));
        }
    }
    let mut render = engine.stop_recording();
    render.heard.truncate(wanted);
    render.room.truncate(wanted);
    let span_s = seconds.max(0.0);
    cues.retain(|cue| cue.start_s < span_s);
    for cue in &mut cues {
        cue.end_s = cue.end_s.min(span_s);
    }
    Ok(Walk { render, cues })
}

/// The captions `caption` shows from `start_s` on, one after the other, as the screen shows them.
fn cues_of(caption: &Caption, start_s: f32, mode: CaptionMode, words: &Words) -> Vec<Cue> {
    let layout = caption.lay_out(mode, words);
    let mut at_s = start_s;
    let mut cues = Vec::new();
    for (index, page) in layout.pages.iter().enumerate() {
        let end_s = at_s + layout.shown_s(index);
        cues.push(Cue {
            start_s: at_s,
            end_s,
            voice: layout.speaker.clone(),
            text: page.text(),
        });
        at_s = end_s;
    }
    cues
}

/// `cues` as a WebVTT file (W3C WebVTT: the header, then each cue's timings and text, a speaker's words
/// in a voice span).
pub fn webvtt(cues: &[Cue]) -> String {
    let mut ordered: Vec<&Cue> = cues.iter().collect();
    ordered.sort_by(|a, b| a.start_s.total_cmp(&b.start_s));
    let mut file = String::from("WEBVTT\n");
    for (number, cue) in ordered.into_iter().enumerate() {
        let text = escape(&cue.text);
        let text = match &cue.voice {
            Some(voice) => format!("<v {}>{text}", escape(voice)),
            None => text,
        };
        let _ = write!(
            file,
            "\n{}\n{} --> {}\n{text}\n",
            number + 1,
            timestamp(cue.start_s),
            timestamp(cue.end_s),
        );
    }
    file
}

/// `HH:MM:SS.mmm`.
fn timestamp(seconds: f32) -> String {
    let ms = (f64::from(seconds.max(0.0)) * 1000.0).round() as u64;
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// The characters WebVTT reads as markup, as its character references.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Writes `text` to `path`; the file appears only when complete.
pub fn write_text(path: &Path, text: &str) -> Result<(), String> {
    let partial = path.with_extension("partial");
    std::fs::write(&partial, text)
        .and_then(|()| std::fs::rename(&partial, path))
        .map_err(|why| {
            let _ = std::fs::remove_file(&partial);
            format!("cannot write {}: {why}", path.display())
        })
}

/// Whether a file can be made at `path` (its folder exists), asked before a long render rather than after.
pub fn check_writable(path: &Path) -> Result<(), String> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(format!("cannot write {}: it is a folder", path.display()));
    }
    if !folder.is_dir() {
        return Err(format!(
            "cannot write {}: there is no folder {}",
            path.display(),
            folder.display()
        ));
    }
    Ok(())
}

/// Writes stereo 32-bit float frames; the file appears only when complete.
pub fn write_wav(path: &Path, frames: &[Frame]) -> Result<(), String> {
    let partial = path.with_extension("wav.partial");
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: OFFLINE_SAMPLE_RATE,
        bits_per_sample: 32,
        sample_format: hound::SampleFormat::Float,
    };
    let written = (|| -> Result<(), hound::Error> {
        let mut writer = hound::WavWriter::create(&partial, spec)?;
        for frame in frames {
            writer.write_sample(frame.left)?;
            writer.write_sample(frame.right)?;
        }
        writer.finalize()
    })();
    let renamed = written
        .map_err(|error| error.to_string())
        .and_then(|()| std::fs::rename(&partial, path).map_err(|error| error.to_string()));
    renamed.map_err(|why| {
        let _ = std::fs::remove_file(&partial);
        format!("cannot write {}: {why}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_are_written_in_order_with_voices_and_markup_escaped() {
        let cues = [
            Cue {
                start_s: 3723.5,
                end_s: 3725.0,
                voice: Some("Sängerin".into()),
                text: "Fisch & <Chips>\nzweite Zeile".into(),
            },
            Cue {
                start_s: 0.25,
                end_s: 1.75,
                voice: None,
                text: "[Gläser klirren]".into(),
            },
        ];
        assert_eq!(
            webvtt(&cues),
            "WEBVTT\n\n1\n00:00:00.250 --> 00:00:01.750\n[Gläser klirren]\n\n2\n01:02:03.500 --> 01:02:05.000\n<v Sängerin>Fisch &amp; &lt;Chips&gt;\nzweite Zeile\n"
        );
    }

    #[test]
    fn a_path_without_its_folder_is_refused_by_name_before_rendering() {
        let error = check_writable(Path::new("/no/such/folder/gig.vtt")).unwrap_err();
        assert!(error.contains("/no/such/folder/gig.vtt"), "{error}");
        assert!(error.contains("no folder /no/such/folder"), "{error}");
        assert!(check_writable(Path::new("gig.vtt")).is_ok());
    }
}
