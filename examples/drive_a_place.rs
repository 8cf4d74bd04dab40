//! Driving a place headless with a gamepad, as a visitor would, and measuring what the drummer hears: the
//! harness (`stillness::testing`) in one program an integrator can copy.
//!
//!     cargo run --example drive_a_place
//!
//! It also runs with the tests (`cargo test`), so it cannot go stale. It starts in the club facing the
//! stage, walks up to it on the left stick, sits down at the kit with (A), plays the kick on the left
//! trigger on beats 1 and 3, and checks, on the sound rendered offline through the drummer's ears, that the
//! kick still comes through while the band's highs are gone.

use bevy::prelude::*;
use stillness::input::Stick;
use stillness::scenes::gig::GigBeat;
use stillness::testing::TestGame;

/// The band's song runs at 120 BPM: a kick every other beat, one a second.
const KICK_EVERY_S: f32 = 1.0;

fn main() {
    let mut game = TestGame::new().at_beat(GigBeat::WalkToStage);
    game.connect_gamepad();

    // Up to the stage's edge on the left stick, then (A) on the kit in front.
    game.move_stick(Stick::Left, Vec2::Y);
    game.advance_secs(3.0);
    game.move_stick(Stick::Left, Vec2::ZERO);
    game.update();
    game.press_button(GamepadButton::South);
    game.update();
    assert_eq!(
        game.beat::<GigBeat>(),
        Some(GigBeat::Set),
        "sitting down at the kit starts the set (the drummer stands at {})",
        game.player_position()
    );

    // Four seconds of the set, the kick on the left trigger on beats 1 and 3.
    game.start_recording();
    for _ in 0..4 {
        let hit = game.press_button(GamepadButton::LeftTrigger2);
        let kicked = game
            .sounds()
            .iter()
            .any(|played| played.frame == hit && played.sound.sound.0 == "kick");
        assert!(kicked, "the kick sounds on the frame of the press");
        game.advance_secs(KICK_EVERY_S - 1.0 / 60.0);
    }
    let render = game.stop_recording();
    let (heard, room) = (render.heard(), render.room());

    let kick_heard_db = heard.band_db(40.0, 120.0);
    let kick_room_db = room.band_db(40.0, 120.0);
    let highs_heard_db = heard.band_db(2_000.0, 8_000.0);
    let highs_room_db = room.band_db(2_000.0, 8_000.0);
    println!(
        "40-120 Hz: room {kick_room_db:.1} dBFS, heard {kick_heard_db:.1} dBFS; \
         2-8 kHz: room {highs_room_db:.1} dBFS, heard {highs_heard_db:.1} dBFS"
    );
    assert!(
        kick_heard_db > kick_room_db - 12.0,
        "the kick comes through the failing ears"
    );
    assert!(
        highs_heard_db < highs_room_db - 20.0,
        "the band's highs are gone from what the drummer hears"
    );
}
