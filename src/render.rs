//! The headless `render` command: a walk-through from a place on, played by the autopilot (the same ghost
//! visitor as the attract loop and the tests), rendered offline through the drummer's ears and written to a
//! WAV file.

use std::path::Path;

use hearing::backend::OFFLINE_SAMPLE_RATE;
use kira::Frame;

use crate::engine::{Engine, Render};
use crate::journey::Place;

/// Lives through `seconds` from the start of `place` as a visitor would, doing what each place asks (in
/// the gig: listening at the merch table, walking to the stage when the band waits, keeping the beat through
/// the set), on into the places after it.
pub fn walk_through(place: Place, seconds: f32) -> Result<Render, String> {
    let mut engine = Engine::start(|_| {}).map_err(|error| error.to_string())?;
    engine.enter(place);
    engine.engage_autopilot();
    let wanted = (seconds.max(0.0) * OFFLINE_SAMPLE_RATE as f32) as usize;
    engine.start_recording();
    while engine.recorded_frames() < wanted {
        engine.update();
    }
    let mut render = engine.stop_recording();
    render.heard.truncate(wanted);
    render.room.truncate(wanted);
    Ok(render)
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
