//! The house: the welcome, dinner in sign, the lesson, rhythm felt through the floor and the study's
//! hold, measured, and the whole stay followed from the Guide alone.

use bevy::prelude::*;
use stillness::{
    audio::SoundEmitter,
    autopilot::Guide,
    haptics::THUMP_S,
    input::Action,
    journey::Place,
    scenes::house::{BEAT_S, HOLD_S, HouseBeat, LOOP_S, Lesson, SIGNS, SILENT_FROM, StudyHold},
    settings::CurrentSettings,
    testing::{FRAME_S, TestGame},
    words::Phrase,
};

use crate::captions::on_screen;

fn beat(game: &TestGame) -> Option<HouseBeat> {
    game.beat::<HouseBeat>()
}

/// Does one step of what the Guide asks, as a visitor would; `last_prompt` remembers answered prompts.
pub(crate) fn follow_the_guide(game: &mut TestGame, last_prompt: &mut u32) {
    let guide = game.world().resource::<Guide>().clone();
    match guide {
        Guide::Watch => game.advance_secs(0.25),
        Guide::Walk(route) => {
            for spot in route {
                assert!(
                    game.walk_to(spot),
                    "walked to {spot} from {}",
                    game.player_position()
                );
            }
        }
        Guide::Use { route, thing } => {
            for spot in route {
                assert!(
                    game.walk_to(spot),
                    "walked to {spot}, stopped at {}",
                    game.player_position()
                );
            }
            game.look_at(thing);
            game.press(KeyCode::KeyE);
            game.update();
        }
        Guide::HoldStill => game.hold_still(0.5),
        Guide::Answer { action, prompt } => {
            if prompt != *last_prompt {
                *last_prompt = prompt;
                game.advance_secs(0.5);
                game.press(action.key());
            }
            game.update();
        }
    }
}

/// Follows the Guide until the stay reaches `wanted`.
pub(crate) fn follow_until(game: &mut TestGame, wanted: HouseBeat) {
    let mut last_prompt = 0;
    for _ in 0..2000 {
        if beat(game) == Some(wanted) {
            return;
        }
        follow_the_guide(game, &mut last_prompt);
    }
    panic!(
        "the stay never reached {wanted:?}; it is at {:?}",
        beat(game)
    );
}

fn room_volume_db(game: &mut TestGame, stem: &str) -> f32 {
    let world = game.world_mut();
    world
        .query::<&SoundEmitter>()
        .iter(world)
        .find(|e| e.sound.0 == stem)
        .map(|e| e.volume_db)
        .expect("the sound plays in the house")
}

#[test]
fn only_low_rumble_survives_in_the_house() {
    let mut game = TestGame::new().at(Place::House);
    follow_until(&mut game, HouseBeat::Rhythm);
    game.advance_secs(LOOP_S + 0.5);
    let render = game.render(4.0);
    let (heard, room) = (render.heard(), render.room());
    let (heard_high, room_high) = (
        heard.band_db(500.0, 16_000.0),
        room.band_db(500.0, 16_000.0),
    );
    let (heard_low, room_low) = (heard.band_db(20.0, 120.0), room.band_db(20.0, 120.0));
    println!(
        "above 500 Hz: heard {heard_high:.1} dBFS, room {room_high:.1} dBFS; \
         below 120 Hz: heard {heard_low:.1} dBFS, room {room_low:.1} dBFS"
    );
    // The room is alive in both: children, room tone and voices up high, the stamping down low.
    assert!(
        room_high > -50.0,
        "the room above 500 Hz: {room_high:.1} dBFS"
    );
    assert!(
        room_low > -40.0,
        "the room below 120 Hz: {room_low:.1} dBFS"
    );
    assert!(
        heard_high <= room_high - 50.0,
        "above 500 Hz only {:.1} dB down",
        room_high - heard_high
    );
    assert!(
        heard_low >= room_low - 20.0,
        "below 120 Hz {:.1} dB down",
        room_low - heard_low
    );
}

/// The rumbles felt over the next `secs`, with the frames they came on.
fn rumbles_over(game: &mut TestGame, secs: f32) -> Vec<(u64, f32)> {
    game.clear_history();
    game.advance_secs(secs);
    game.rumbles()
        .iter()
        .map(|rumble| (rumble.frame, rumble.strong_motor()))
        .collect()
}

#[test]
fn gamepad_rumble_is_sent_on_the_beats_in_the_house_following_the_low_frequency_level() {
    let mut game = TestGame::new().at(Place::House);
    game.connect_gamepad();
    follow_until(&mut game, HouseBeat::Rhythm);
    let felt = rumbles_over(&mut game, 2.0 * LOOP_S);

    let beat_frames = (BEAT_S / FRAME_S).round() as u64;
    assert!(felt.len() >= 30, "{} thumps in two passes", felt.len());
    // Every beat is felt (steady stamping between beats may be felt too), and thumps never pile up.
    let (first, last) = (felt[0].0, felt[felt.len() - 1].0);
    for beat_starts in (first..last - beat_frames).step_by(beat_frames as usize) {
        assert!(
            felt.iter()
                .any(|(frame, _)| (beat_starts..beat_starts + beat_frames).contains(frame)),
            "no thump in the beat from frame {beat_starts}"
        );
    }
    for pair in felt.windows(2) {
        assert!(
            (pair[1].0 - pair[0].0) as f32 * FRAME_S >= THUMP_S - 1e-3,
            "thumps {} frames apart",
            pair[1].0 - pair[0].0
        );
    }
    let beat_of = |frame: u64| ((frame - first) as f32 * FRAME_S / BEAT_S).floor() as u32;
    // Each beat is felt at its strongest thump.
    let mean = |range: std::ops::RangeInclusive<u32>| {
        let beats: Vec<f32> = range
            .clone()
            .map(|beat| {
                felt.iter()
                    .filter(|(frame, _)| beat_of(*frame) == beat)
                    .map(|(_, strength)| *strength)
                    .fold(0.0, f32::max)
            })
            .collect();
        beats.iter().sum::<f32>() / beats.len() as f32
    };
    let (soft, hard) = (mean(1..=13), mean(17..=29));
    println!("rumble: soft stamping {soft:.2}, hard stamping {hard:.2} (strong motor)");
    assert!(soft > 0.05, "the soft stamping is felt: {soft:.2}");
    assert!(hard > soft + 0.05, "hard {hard:.2} vs soft {soft:.2}");

    game.world_mut()
        .resource_mut::<CurrentSettings>()
        .haptics
        .enabled = false;
    assert!(
        rumbles_over(&mut game, 3.0).is_empty(),
        "no rumble when haptics are off"
    );
}

#[test]
fn a_wrong_sign_is_shown_again_and_the_right_one_moves_the_lesson_on() {
    let mut game = TestGame::new().at(Place::House);
    follow_until(&mut game, HouseBeat::Signs);
    game.advance_secs(1.0);
    let lesson = *game.world().resource::<Lesson>();
    assert_eq!(lesson.sign, 0);
    assert_eq!(SIGNS[0].answer.key(), KeyCode::ArrowRight);

    game.press(KeyCode::ArrowLeft);
    game.update();
    let again = *game.world().resource::<Lesson>();
    assert_eq!(again.sign, 0, "a wrong answer does not advance");
    assert!(again.prompt > lesson.prompt, "the sign is shown again");
    assert_eq!(
        *game.world().resource::<Guide>(),
        Guide::Answer {
            action: Action::SignRight,
            prompt: again.prompt
        }
    );
    assert!(
        game.captions()
            .iter()
            .any(|c| c.said.contains("shakes his head") || c.said.contains("again"))
    );

    game.press(KeyCode::ArrowRight);
    game.update();
    assert_eq!(
        game.world().resource::<Lesson>().sign,
        1,
        "the right answer does"
    );
    game.press(SIGNS[1].answer.key());
    game.press(SIGNS[2].answer.key());
    game.update();
    assert_eq!(beat(&game), Some(HouseBeat::ToTheChildren));
}

#[test]
fn moving_in_the_study_starts_the_hold_over_and_holding_long_enough_opens_the_way_on() {
    let mut game = TestGame::new().at(Place::House);
    follow_until(&mut game, HouseBeat::Study);
    let tone_full_db = room_volume_db(&mut game, "room_tone_house");

    let silence_meant = game.text(&Phrase::new("caption-silence-meant"));
    let silent = |game: &mut TestGame| {
        on_screen(game)
            .iter()
            .any(|seen| seen.words.replace('\n', " ") == silence_meant)
    };
    game.hold_still(HOLD_S * SILENT_FROM * 0.8);
    assert!(!silent(&mut game), "not yet quiet enough to call silent");
    game.hold_still(HOLD_S * 0.6 - HOLD_S * SILENT_FROM * 0.8);
    assert!(silent(&mut game), "the quiet is labelled as meant");
    let held = *game.world().resource::<StudyHold>();
    assert!(held.held_s > HOLD_S * 0.55, "held {:.1} s", held.held_s);
    let quieter_db = room_volume_db(&mut game, "room_tone_house");
    assert!(
        quieter_db < tone_full_db - 10.0,
        "the house quiets: {quieter_db:.1} dB"
    );
    let quiet_room = game.render(1.5).room().band_db(20.0, 16_000.0);

    game.move_mouse(Vec2::new(30.0, 0.0));
    game.update();
    assert!(
        game.stillness_s() < 0.1,
        "looking around starts the hold over"
    );
    assert!(game.world().resource::<StudyHold>().held_s < 0.1);
    game.update();
    assert!(!silent(&mut game), "the house is back: no silence to label");
    game.advance_secs(0.5);
    let back_db = room_volume_db(&mut game, "room_tone_house");
    assert!(
        back_db > tone_full_db - 1.5,
        "the house is back: {back_db:.1} dB"
    );
    let loud_room = game.render(1.5).room().band_db(20.0, 16_000.0);
    println!("the room after a long hold {quiet_room:.1} dBFS, after moving {loud_room:.1} dBFS");
    assert!(loud_room > quiet_room + 8.0, "moving brings the house back");

    game.hold_still(HOLD_S * 0.8);
    assert!(
        silent(&mut game),
        "held again, the silence is labelled again"
    );
    let study_room = game.text(&Phrase::new("house-study-silence-room"));
    let labels: Vec<_> = game
        .captions()
        .iter()
        .filter(|shown| shown.perceived == silence_meant)
        .collect();
    assert_eq!(labels.len(), 2, "once for each hold");
    assert!(labels.iter().all(|label| label.said == study_room));
    game.press(KeyCode::KeyW);
    game.update();
    assert!(game.stillness_s() < 0.1, "walking starts the hold over");
    assert_eq!(game.place(), Some(Place::House), "the way is not open yet");

    game.hold_still(HOLD_S + 1.0);
    game.update();
    assert_eq!(
        game.place(),
        Some(Place::Stillness),
        "holding opens the way on"
    );
}

#[test]
fn the_stay_is_completed_from_the_guide_alone() {
    let mut game = TestGame::new().at(Place::House);
    let mut last_prompt = 0;
    for _ in 0..3000 {
        if game.place() != Some(Place::House) {
            break;
        }
        follow_the_guide(&mut game, &mut last_prompt);
    }
    assert_eq!(game.place(), Some(Place::Stillness));
    let said: Vec<&str> = game.captions().iter().map(|c| c.said.as_str()).collect();
    for line in [
        "Welcome. Nobody here is trying to fix you.",
        "[they sign about the harvest; you catch none of it]",
        "[laughter you do not hear]",
        "Sit. Do nothing. Just be here.",
    ] {
        assert!(said.contains(&line), "{line}");
    }
}
