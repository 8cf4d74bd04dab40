//! What the player hears, measured on the real output rendered offline: the gig through the
//! drummer's ears and the room as it is.

use bevy::prelude::KeyCode;
use stillness::{
    audio::{OneShot, RampIn},
    hearing::{ONSET_RINGING, Perspective},
    journey::Place,
    scenes::gig::{GigBeat, SET_S},
    testing::{Recording, Render, TestGame},
};

/// The width of the windows a level envelope is measured in.
const ENVELOPE_WINDOW_S: f32 = 0.01;
/// A window of room quieter than this is too quiet to measure the output's gain on.
const MEASURABLE_ROOM_DBFS: f32 = -70.0;

/// The output's gain in each 10 ms window of `render`: what was heard over the room as it is (dB), where
/// the room is loud enough to measure. With normal ears the output's level is all that tells them apart.
pub fn gain_envelope_db(render: &Render) -> Vec<Option<f32>> {
    let window = (render.heard().sample_rate() as f32 * ENVELOPE_WINDOW_S) as usize;
    let level = |frames: &[kira::Frame]| Recording(frames.to_vec()).rms_db();
    render
        .heard
        .chunks(window)
        .zip(render.room.chunks(window))
        .map(|(heard, room)| {
            let room_db = level(room);
            (room_db > MEASURABLE_ROOM_DBFS).then(|| level(heard) - room_db)
        })
        .collect()
}

/// Safe listening, on a render that begins as a rise from silence over `ramp_s` begins: the first 50 ms
/// at least 30 dB under the level after the rise, at half the rise still at least 10 dB under it, within
/// 1 dB of it at `ramp_s`, and no 10 ms window more than 1 dB louder than the one before.
pub fn assert_rises_from_silence(render: &Render, ramp_s: f32, what: &str) {
    let heard = render.heard();
    let first_50_ms = Recording(heard.0[..heard.sample_rate() as usize / 20].to_vec());
    let after = heard.from_secs(ramp_s + 0.2);
    assert!(
        first_50_ms.rms_db() <= after.rms_db() - 30.0,
        "{what}: the first 50 ms at {:.1} dBFS, after the rise {:.1} dBFS",
        first_50_ms.rms_db(),
        after.rms_db()
    );
    let gains = gain_envelope_db(render);
    let window_at = |secs: f32| (secs / ENVELOPE_WINDOW_S).round() as usize;
    let mut settled: Vec<f32> = gains[window_at(ramp_s + 0.2)..]
        .iter()
        .flatten()
        .copied()
        .collect();
    assert!(
        settled.len() > 20,
        "{what}: the room is measurable after the rise"
    );
    settled.sort_by(f32::total_cmp);
    let target_db = settled[settled.len() / 2];
    let measured = |from_s: f32, to_s: f32| -> Vec<f32> {
        gains[window_at(from_s)..window_at(to_s)]
            .iter()
            .flatten()
            .copied()
            .collect()
    };
    let halfway = measured(ramp_s / 2.0 - 0.05, ramp_s / 2.0 + 0.05);
    assert!(
        !halfway.is_empty() && halfway.iter().all(|&g| g <= target_db - 10.0),
        "{what}: halfway through the rise, gains {halfway:?} dB against {target_db:.1} dB"
    );
    let at_the_end = measured(ramp_s, ramp_s + 0.05);
    assert!(
        !at_the_end.is_empty() && at_the_end.iter().all(|&g| (g - target_db).abs() <= 1.0),
        "{what}: at {ramp_s} s, gains {at_the_end:?} dB against {target_db:.1} dB"
    );
    for (window, pair) in gains.windows(2).enumerate() {
        if let [Some(before), Some(now)] = pair {
            assert!(
                now - before <= 1.0,
                "{what}: {:.2} dB up in the 10 ms at {:.2} s ({before:.1} -> {now:.1} dB)",
                now - before,
                (window + 1) as f32 * ENVELOPE_WINDOW_S
            );
        }
    }
}

#[test]
fn the_club_is_alive_and_normal_ears_hear_it_as_it_is() {
    let mut game = TestGame::new().at_beat(GigBeat::MerchTable);
    game.advance_secs(1.0);
    let render = game.render(3.0);
    let (heard, room) = (render.heard(), render.room());
    assert!(
        room.duration_secs() > 2.9,
        "{} s rendered",
        room.duration_secs()
    );
    assert!(
        room.rms_db() > -45.0,
        "the bar is audible: {:.1} dBFS",
        room.rms_db()
    );
    for centre_hz in [250.0, 1000.0, 3000.0] {
        let difference = heard.third_octave_db(centre_hz) - room.third_octave_db(centre_hz);
        assert!(
            difference.abs() < 0.5,
            "{centre_hz} Hz differs by {difference:.2} dB"
        );
    }
}

#[test]
fn the_ringing_rises_at_the_onset() {
    let mut game = TestGame::new().at_beat(GigBeat::Onset);
    game.advance_secs(2.0);
    let render = game.render(2.0);
    let (heard, room) = (render.heard(), render.room());
    let ringing = heard.third_octave_db(ONSET_RINGING.frequency_hz);
    let in_the_room = room.third_octave_db(ONSET_RINGING.frequency_hz);
    assert!(
        ringing > in_the_room + 15.0,
        "ringing {ringing:.1} dBFS, room {in_the_room:.1} dBFS"
    );
    let pitch = heard.peak_frequency_hz(5000.0, 8000.0);
    assert!(
        (pitch - ONSET_RINGING.frequency_hz).abs() < 0.01 * ONSET_RINGING.frequency_hz,
        "{pitch:.0} Hz"
    );
}

#[test]
fn holding_the_perspective_key_cuts_to_the_room_as_it_is() {
    let mut game = TestGame::new().at_beat(GigBeat::Onset);
    game.advance_secs(2.0);
    game.hold(KeyCode::Tab);
    game.update();
    assert_eq!(
        *game.world().resource::<Perspective>(),
        Perspective::TheRoomAsItIs
    );
    let render = game.render(1.0);
    let (heard, room) = (render.heard(), render.room());
    // From the first full block after the cut, what is heard is the room.
    let settled = heard
        .from_secs(0.05)
        .third_octave_db(ONSET_RINGING.frequency_hz);
    let room_level = room
        .from_secs(0.05)
        .third_octave_db(ONSET_RINGING.frequency_hz);
    assert!(
        (settled - room_level).abs() < 0.5,
        "{settled:.1} vs {room_level:.1} dBFS"
    );
    // Letting go cuts straight back into the drummer's ears.
    game.release(KeyCode::Tab);
    game.update();
    let back = game.render(0.5).heard();
    assert!(back.third_octave_db(ONSET_RINGING.frequency_hz) > room_level + 15.0);
}

/// The singer's lines: before the onset her voice is whole; after it, its edges are gone.
#[test]
fn the_singers_voice_loses_its_edges_after_the_onset() {
    let mut game = TestGame::new().at_beat(GigBeat::MerchTable);
    // "Can you stack the shirts by size?" starts 3 s in and lasts 4 s.
    game.advance_secs(3.1);
    let before = game.render(3.8);
    let (heard, room) = (
        before.heard().band_db(2000.0, 4000.0),
        before.room().band_db(2000.0, 4000.0),
    );
    assert!(
        (heard - room).abs() <= 3.0,
        "before the onset: heard {heard:.1}, room {room:.1} dBFS"
    );

    let mut game = TestGame::new().at_beat(GigBeat::Onset);
    // "Breathe. We can cancel if we have to." starts 10.5 s into the onset, after the rush has ebbed.
    game.advance_secs(10.6);
    let after = game.render(3.0);
    let (heard, room) = (
        after.heard().band_db(2000.0, 4000.0),
        after.room().band_db(2000.0, 4000.0),
    );
    assert!(
        heard <= room - 20.0,
        "after the onset: heard {heard:.1}, room {room:.1} dBFS"
    );
}

/// A press of the kick key, heard: two identical runs, one with the press, differ from the press on.
#[test]
fn a_drum_hit_sounds_within_ten_milliseconds_of_the_input() {
    let run = |press: bool| {
        let mut game = TestGame::new().at_beat(GigBeat::Set);
        game.advance_secs(1.2);
        game.start_recording();
        game.advance_secs(0.1);
        let input_at = game.recorded_frames();
        if press {
            game.press(KeyCode::KeyJ);
        } else {
            game.update();
        }
        game.advance_secs(0.2);
        (input_at, game.stop_recording().heard)
    };
    let (input_at, with_hit) = run(true);
    let (_, without) = run(false);
    let onset = with_hit
        .iter()
        .zip(&without)
        .position(|(a, b)| (a.left - b.left).abs() > 1e-3)
        .expect("the hit is heard");
    let delay_ms = (onset as f32 - input_at as f32) / 48.0;
    println!("the kick is heard {delay_ms:.2} ms after the frame that read the key");
    assert!(
        (0.0..=10.0).contains(&delay_ms),
        "the kick sounds {delay_ms:.2} ms after the input"
    );
}

/// The last note of the set and the morning: nothing of the club is heard after the cut.
#[test]
fn the_cut_to_the_morning_leaves_the_club_behind() {
    let mut game = TestGame::new().at_beat(GigBeat::Set);
    game.advance_secs(SET_S - 1.0);
    let before = game.render(0.5).room();
    assert!(game.advance_until(2.0, |g| g.place() == Some(Place::Morning)));
    let after = game.render(0.5).room();
    assert!(
        before.rms_db() > -40.0,
        "the band plays: {:.1} dBFS",
        before.rms_db()
    );
    assert!(
        after.band_db(20.0, 20_000.0) < before.band_db(20.0, 20_000.0) - 30.0,
        "the club is gone: {:.1} dBFS after, {:.1} before",
        after.rms_db(),
        before.rms_db()
    );
}

/// Safe listening: the experience's first sound rises from silence instead of starting at full level.
#[test]
fn sound_ramps_in_when_the_experience_starts() {
    let ramp_s = RampIn::default().0.as_secs_f32();
    // From the output's first sample: loading the sounds and cutting to the gig take part of the rise.
    let mut game = TestGame::recording_from_the_start(|app| {
        app.insert_resource(RampIn::default());
    })
    .at_beat(GigBeat::MerchTable);
    game.advance_secs(ramp_s + 1.5);
    let render = game.stop_recording();
    assert_rises_from_silence(&render, ramp_s, "the first start");
}

/// A drum hit still ringing when the set ends is cut with everything else.
#[test]
fn one_shots_do_not_ring_across_a_cut() {
    let mut game = TestGame::new().at_beat(GigBeat::Set);
    game.advance_secs(SET_S - 0.05);
    game.press(KeyCode::KeyJ);
    assert!(game.advance_until(1.0, |g| g.place() == Some(Place::Morning)));
    assert_eq!(game.count::<OneShot>(), 0);
    let after = game.render(0.3).room();
    assert!(
        after.band_db(30.0, 200.0) < -70.0,
        "the kick rings on: {:.1} dBFS",
        after.band_db(30.0, 200.0)
    );
}
