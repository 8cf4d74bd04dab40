//! The morning after, in the RV: the body louder than the room, the kitchen buried, her words in fragments,
//! and the way out found from the guide alone.

use bevy::prelude::*;
use stillness::{
    audio::SoundEmitter,
    autopilot::Guide,
    journey::Place,
    scenes::morning::{MorningBeat, layout as rv},
    testing::{FRAME_S, TestGame},
    ui::captions::Speaker,
};

/// Below this the band holds nothing but numerical dust (dBFS; 0 dBFS = 100 dB SPL).
const NOISE_FLOOR_DB: f32 = -100.0;

fn beat(game: &TestGame) -> Option<MorningBeat> {
    game.beat::<MorningBeat>()
}

fn guide(game: &TestGame) -> Guide {
    game.guide()
}

/// Stops every looping sound that is (`in_head`) or is not inside the drummer's head.
fn silence(game: &mut TestGame, in_head: bool) {
    let world = game.world_mut();
    let quiet: Vec<Entity> = world
        .query::<(Entity, &SoundEmitter)>()
        .iter(world)
        .filter(|(_, emitter)| emitter.in_head == in_head)
        .map(|(entity, _)| entity)
        .collect();
    for entity in quiet {
        world.despawn(entity);
    }
}

/// Does what the guide asks, the way the ghost visitor would, until the morning is over or `timeout_s`.
fn follow_the_guide(game: &mut TestGame, timeout_s: f32) {
    let mut spent_s = 0.0;
    while game.place() == Some(Place::Morning) && spent_s < timeout_s {
        match guide(game) {
            Guide::Watch | Guide::Answer { .. } => {
                game.advance_secs(0.5);
                spent_s += 0.5;
            }
            Guide::HoldStill => {
                game.hold_still(0.5);
                spent_s += 0.5;
            }
            Guide::Walk(route) => {
                for spot in route {
                    assert!(
                        game.walk_to(spot),
                        "walked to {spot}: at {}",
                        game.player_position()
                    );
                }
                game.advance_secs(0.5);
                spent_s += 5.0;
            }
            Guide::Use { route, thing } => {
                for spot in route {
                    assert!(
                        game.walk_to(spot),
                        "walked to {spot}: at {}",
                        game.player_position()
                    );
                }
                game.look_at(thing);
                game.press(KeyCode::KeyE);
                game.advance_secs(0.5);
                spent_s += 5.0;
            }
        }
    }
}

#[test]
fn the_morning_opens_sitting_on_the_bed_with_nothing_to_do_but_listen() {
    let mut game = TestGame::new().at(Place::Morning);
    game.update();
    assert_eq!(beat(&game), Some(MorningBeat::Waking));
    assert_eq!(guide(&game), Guide::Watch);
    let progression = game.progression();
    assert!((0.78..=0.86).contains(&progression), "{progression}");
    let (eye, _) = game.eye();
    assert!(eye.y < 1.3, "sitting: eyes {} m up", eye.y);
}

#[test]
fn the_kitchen_at_four_kilohertz_is_buried_thirty_decibels_under_the_room() {
    let mut game = TestGame::new().at(Place::Morning);
    // The blender starts 8 s in; the percolator hisses all along.
    game.advance_secs(8.5);
    let render = game.render(5.0);
    let room_db = render.room().third_octave_db(4_000.0);
    let heard_db = render.heard().third_octave_db(4_000.0);
    eprintln!("4 kHz: room {room_db:.1} dBFS, heard {heard_db:.1} dBFS");
    assert!(
        room_db > NOISE_FLOOR_DB + 40.0,
        "the room has real 4 kHz energy: {room_db:.1} dBFS"
    );
    assert!(
        heard_db <= room_db - 30.0,
        "heard {heard_db:.1} dBFS vs room {room_db:.1} dBFS"
    );
}

#[test]
fn your_breath_and_heartbeat_are_louder_than_the_room() {
    // The same moment twice: once with only the body, once with only the room.
    let measure = |keep_in_head: bool| {
        let mut game = TestGame::new().at(Place::Morning);
        // Everything has come in by 3.5 s.
        game.advance_secs(4.5);
        silence(&mut game, !keep_in_head);
        game.advance_secs(0.5);
        game.render(6.0)
    };
    let body = measure(true);
    let room = measure(false);
    let body_heard = body.heard().rms_db();
    let room_heard = room.heard().rms_db();
    let body_low = body.heard().band_db(20.0, 250.0);
    let room_low = room.heard().band_db(20.0, 250.0);
    eprintln!(
        "heard: body {body_heard:.1} dBFS (20-250 Hz {body_low:.1}), room {room_heard:.1} dBFS \
         (20-250 Hz {room_low:.1}); as they are: body {:.1}, room {:.1}",
        body.room().rms_db(),
        room.room().rms_db()
    );
    assert!(
        body_heard >= room_heard + 6.0,
        "body {body_heard:.1} dBFS vs room {room_heard:.1} dBFS"
    );
    assert!(
        body_low >= room_low + 6.0,
        "low band: body {body_low:.1} dBFS vs room {room_low:.1} dBFS"
    );
}

#[test]
fn her_words_arrive_as_fragments_when_you_watch_her_lips() {
    let mut game = TestGame::new().at(Place::Morning);
    game.advance_secs(0.5);
    game.look_at(rv::SINGER_MOUTH);
    assert!(game.advance_until(25.0, |g| {
        g.captions()
            .iter()
            .any(|c| matches!(c.caption.speaker, Speaker::Named(_)))
    }));
    let line = game
        .captions()
        .iter()
        .find(|c| matches!(c.caption.speaker, Speaker::Named(_)))
        .unwrap()
        .clone();
    eprintln!("said {:?}, perceived {:?}", line.said, line.perceived);
    assert_eq!(line.said, "Coffee's almost ready.");
    assert_ne!(line.perceived, line.said);
    assert!(line.perceived.contains('…'), "{}", line.perceived);
    assert!(
        line.said
            .split_whitespace()
            .any(|w| line.perceived.contains(w)),
        "some words come through: {}",
        line.perceived
    );
    assert!(
        game.sounds()
            .iter()
            .any(|s| s.sound.sound.0 == "singer_morning_1"
                && s.sound.position == Some(rv::SINGER_MOUTH)),
        "her line comes from her mouth"
    );
}

#[test]
fn every_line_she_says_is_captioned_as_less_than_she_said() {
    let mut game = TestGame::new().at(Place::Morning);
    follow_the_guide(&mut game, 200.0);
    let lines: Vec<_> = game
        .captions()
        .iter()
        .filter(|c| matches!(c.caption.speaker, Speaker::Named(_)))
        .cloned()
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    for line in lines {
        assert!(!line.perceived.is_empty());
        assert_ne!(line.perceived, line.said);
    }
    let sound_captions = game
        .captions()
        .iter()
        .filter(|c| c.caption.speaker == Speaker::Sound)
        .count();
    assert!(sound_captions >= 8, "{sound_captions} sound captions");
}

#[test]
fn a_visitor_following_the_guide_leaves_the_rv_for_the_clinic() {
    let mut game = TestGame::new().at(Place::Morning);
    follow_the_guide(&mut game, 200.0);
    assert_eq!(game.place(), Some(Place::Clinic));
}

#[test]
fn the_door_does_nothing_before_she_points_at_it() {
    let mut game = TestGame::new().at(Place::Morning);
    game.advance_until(60.0, |g| beat(g) == Some(MorningBeat::Breakfast));
    for spot in rv::TO_THE_TABLE.into_iter().chain(rv::TO_THE_DOOR) {
        assert!(game.walk_to(spot), "at {}", game.player_position());
    }
    game.look_at(rv::DOOR_HANDLE_AT);
    game.press(KeyCode::KeyE);
    game.advance_secs(0.5);
    assert_eq!(game.place(), Some(Place::Morning));
    assert_eq!(beat(&game), Some(MorningBeat::Breakfast));
}

#[test]
fn the_bed_the_counter_and_the_table_block_the_way() {
    let mut game = TestGame::new().at(Place::Morning);
    game.advance_until(60.0, |g| beat(g) == Some(MorningBeat::Breakfast));
    game.advance_secs(1.0);
    let feet = game.player_position();
    assert!(feet.y.abs() < 1e-3, "stood up: {feet}");
    // Into the counter from the aisle.
    assert!(game.walk_to(Vec3::new(-0.4, 0.0, 0.0)));
    assert!(!game.walk_to(Vec3::new(0.9, 0.0, -0.2)));
    assert!(game.player_position().x < 0.55 - 0.25);
    // Onto the table.
    assert!(game.walk_to(Vec3::new(0.0, 0.0, -1.6)));
    assert!(!game.walk_to(Vec3::new(-0.8, 0.0, -1.6)));
    assert!(game.player_position().x > -0.5 + 0.25);
}

#[test]
fn the_cut_lands_in_silence_and_then_your_heartbeat_comes_in() {
    let mut game = TestGame::new().at(Place::Morning);
    let first = game.render(1.2);
    game.advance_secs(0.5);
    let then = game.render(1.0);
    let silent_db = first.room().rms_db();
    let pulse_db = then.heard().band_db(20.0, 150.0);
    eprintln!("first 1.2 s: {silent_db:.1} dBFS; then, heard below 150 Hz: {pulse_db:.1} dBFS");
    assert!(silent_db < -80.0, "{silent_db:.1} dBFS");
    assert!(pulse_db > -40.0, "{pulse_db:.1} dBFS");
    let silence = game
        .captions()
        .iter()
        .find(|c| c.perceived == "[silence: the ears hear nothing here]")
        .expect("the silence is labelled as meant");
    assert_eq!(
        silence.said,
        "[silence: nothing in the room makes a sound yet]"
    );
}

fn labelled_silent(game: &mut TestGame) -> bool {
    let world = game.world_mut();
    world
        .query::<&Text>()
        .iter(world)
        .any(|text| text.0 == "[silence: the ears hear nothing here]")
}

#[test]
fn the_silence_after_the_cut_is_labelled_until_the_heartbeat_comes_in() {
    let mut game = TestGame::new().at(Place::Morning);
    let mut labelled_frames = 0;
    loop {
        let frame = game.update();
        let heartbeat = game.sounds().iter().any(|s| s.sound.sound.0 == "heartbeat") || {
            let world = game.world_mut();
            world
                .query::<&SoundEmitter>()
                .iter(world)
                .any(|e| e.sound.0 == "heartbeat")
        };
        if heartbeat {
            break;
        }
        assert!(frame < 600, "the heartbeat never came");
        if frame >= 2 {
            assert!(labelled_silent(&mut game), "unlabelled at frame {frame}");
            labelled_frames += 1;
        }
    }
    let labelled_s = labelled_frames as f32 * FRAME_S;
    println!("the morning's silence labelled for {labelled_s:.2} s");
    assert!(labelled_s > 1.2, "{labelled_s:.2} s");
    game.advance_secs(2.0 * FRAME_S);
    assert!(
        !labelled_silent(&mut game),
        "the label goes when sound returns"
    );
}
