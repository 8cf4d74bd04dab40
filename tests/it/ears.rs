//! What the player hears, measured on the real output rendered offline: the gig through the
//! drummer's ears and the room as it is.

use bevy::prelude::KeyCode;
use stillness::{
    audio::{OneShot, RampIn},
    hearing::{ONSET_RINGING, Perspective},
    journey::Place,
    scenes::gig::{GigBeat, SET_S},
    testing::{Recording, TestGame},
};

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

/// Safe listening: a session's sound rises from silence instead of starting at full level.
#[test]
fn sound_ramps_in_when_the_experience_starts() {
    let mut game = TestGame::with_app(|app| {
        app.insert_resource(RampIn::default());
    })
    .at_beat(GigBeat::MerchTable);
    let start = game.render(0.5).heard();
    game.advance_secs(RampIn::default().0.as_secs_f32());
    let later = game.render(0.5).heard();
    let first_50_ms = Recording(start.0[..48_000 / 20].to_vec());
    assert!(
        first_50_ms.rms_db() <= later.rms_db() - 30.0,
        "{:.1} dBFS in the first 50 ms, {:.1} dBFS once ramped in",
        first_50_ms.rms_db(),
        later.rms_db()
    );
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
