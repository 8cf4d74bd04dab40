//! The headless `render` command: a scripted walk-through of a place, rendered offline through the
//! drummer's ears and written to a WAV file. The same harness drives the tests.

use std::path::Path;

use bevy::prelude::*;
use hearing::backend::OFFLINE_SAMPLE_RATE;
use kira::Frame;

use crate::audio::{OfflineMix, SoundBank, sound_folder};
use crate::scenes::Place;
use crate::scenes::gig::set::TheSet;
use crate::scenes::gig::{GigBeat, club};
use crate::testing::{FRAME_S, Render, TestGame};

/// Where the walk-through stops to take the stool: just in front of the stage.
const STAGE_FRONT: Vec3 = Vec3::new(0.0, 0.0, club::STAGE_FRONT_Z + 0.4);
/// The kit, as seen from the stage front.
const THE_KIT: Vec3 = Vec3::new(0.0, club::STAGE_TOP_M + 0.6, -5.5);

/// Lives through `seconds` of `place` as a visitor would: in the gig, listening at the merch table,
/// walking to the stage when the band waits, and keeping the beat through the set.
pub fn walk_through(place: Place, seconds: f32) -> Result<Render, String> {
    let mut game = TestGame::new().at(place);
    let bank = game.world().resource::<SoundBank>();
    if bank.is_empty() {
        return Err(format!("no sounds found in {}", sound_folder().display()));
    }
    let unplayable = bank.unplayable(game.world().resource::<AssetServer>());
    if !unplayable.is_empty() {
        return Err(format!("cannot play {}", unplayable.join(", ")));
    }
    let wanted = (seconds.max(0.0) * OFFLINE_SAMPLE_RATE as f32) as usize;
    game.world_mut()
        .resource_mut::<OfflineMix>()
        .start_recording();
    let recorded = |game: &TestGame| game.world().resource::<OfflineMix>().heard.len();
    let mut next_beat = 1u32;
    while recorded(&game) < wanted {
        if game.place() == Some(Place::Gig) {
            match game.gig_beat() {
                Some(GigBeat::WalkToStage) => {
                    game.walk_to(STAGE_FRONT);
                    game.look_at(THE_KIT);
                    game.press(KeyCode::KeyE);
                }
                Some(GigBeat::Set) => {
                    let song_s = game.world().resource::<TheSet>().song_s;
                    if song_s >= next_beat as f32 * 0.5 - FRAME_S {
                        // Kick on 1 and 3, snare on 2 and 4.
                        let key = if next_beat.is_multiple_of(2) {
                            KeyCode::KeyJ
                        } else {
                            KeyCode::KeyK
                        };
                        game.press(key);
                        next_beat += 1;
                    }
                }
                _ => {}
            }
        }
        game.update();
    }
    let (mut heard, mut room) = game
        .world_mut()
        .resource_mut::<OfflineMix>()
        .stop_recording();
    heard.truncate(wanted);
    room.truncate(wanted);
    Ok(Render { heard, room })
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
