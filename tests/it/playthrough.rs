//! The whole arc, title to end card, played by scripted input only (the autopilot presses the keys a
//! visitor would), with what is heard measured in every place.

use std::time::Instant;

use bevy::prelude::*;
use stillness::{
    journey::{Place, Screen},
    scenes::house::{HouseBeat, LOOP_S},
    testing::TestGame,
};

/// The arc at its standard pace takes 8 to 10 minutes; the slowest place is given plenty.
const PLACE_TIMEOUT_S: f32 = 300.0;

fn arrive(game: &mut TestGame, place: Place) {
    assert!(
        game.advance_until(PLACE_TIMEOUT_S, |g| g.place() == Some(place)),
        "reached {place:?} (stuck in {:?})",
        game.place()
    );
}

#[test]
fn the_whole_arc_from_title_to_end_card_by_scripted_input() {
    let wall = Instant::now();
    let mut game = TestGame::new();
    assert_eq!(game.screen(), Screen::Title);
    game.press(KeyCode::Space);
    game.engage_autopilot();
    game.update();
    assert_eq!(game.place(), Some(Place::Gig));
    let started_frame = game.update();

    arrive(&mut game, Place::Morning);
    game.advance_secs(12.0);
    let morning = game.render(8.0);
    let (heard_4k, room_4k) = (
        morning.heard().third_octave_db(4000.0),
        morning.room().third_octave_db(4000.0),
    );
    eprintln!("morning 4 kHz: room {room_4k:.1} dBFS, heard {heard_4k:.1} dBFS");
    assert!(
        room_4k > -70.0,
        "the RV has highs to lose: {room_4k:.1} dBFS"
    );
    assert!(
        heard_4k <= room_4k - 30.0,
        "morning: 4 kHz heard {heard_4k:.1} vs room {room_4k:.1} dBFS"
    );

    arrive(&mut game, Place::Clinic);
    arrive(&mut game, Place::House);
    game.advance_secs(10.0);
    let welcome = game.render(8.0);
    eprintln!(
        "house, the welcome: >500 Hz room {:.1} heard {:.1} dBFS",
        welcome.room().band_db(500.0, 16_000.0),
        welcome.heard().band_db(500.0, 16_000.0)
    );
    // Measured where the house is loudest: the children stamping on the boards.
    let rhythm = |g: &mut TestGame| g.beat::<HouseBeat>() == Some(HouseBeat::Rhythm);
    assert!(
        game.advance_until(PLACE_TIMEOUT_S, rhythm),
        "the visitor reached the children"
    );
    game.advance_secs(LOOP_S + 1.0);
    let house = game.render(6.0);
    let (heard_high, room_high) = (
        house.heard().band_db(500.0, 16_000.0),
        house.room().band_db(500.0, 16_000.0),
    );
    let (heard_low, room_low) = (
        house.heard().band_db(20.0, 120.0),
        house.room().band_db(20.0, 120.0),
    );
    eprintln!(
        "house: >500 Hz room {room_high:.1} heard {heard_high:.1}; <120 Hz room {room_low:.1} heard {heard_low:.1} dBFS"
    );
    assert!(heard_high <= room_high - 50.0, "house: the highs are gone");
    assert!(
        (heard_low - room_low).abs() <= 20.0,
        "house: the low rumble survives"
    );

    arrive(&mut game, Place::Stillness);
    game.advance_secs(45.0);
    let chamber = game.render(10.0).heard();
    let body = chamber.band_db(20.0, 500.0);
    let rest = chamber.band_db(500.0, 20_000.0);
    eprintln!(
        "stillness: body band {body:.1} dBFS, above it {rest:.1} dBFS, overall {:.1}",
        chamber.rms_db()
    );
    assert!(
        body >= rest + 20.0,
        "stillness: the body is the loudest thing heard"
    );

    assert!(
        game.advance_until(PLACE_TIMEOUT_S, |g| g.screen() == Screen::EndCard),
        "the end card follows the stillness"
    );
    let frames = game.update() - started_frame;
    let arc_s = frames as f32 / 60.0;
    eprintln!(
        "the arc took {arc_s:.0} s of game time ({:.0} s wall)",
        wall.elapsed().as_secs_f32()
    );
    assert!(
        (8.0 * 60.0..=10.5 * 60.0).contains(&arc_s),
        "the standard run takes 8-10 minutes: {arc_s:.0} s"
    );
    assert!(game.advance_until(40.0, |g| g.screen() == Screen::Title));
}
