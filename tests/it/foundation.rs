//! The foundation: title, places, walking, looking, using things, holding still, pausing.

use bevy::prelude::*;
use stillness::{
    journey::{Pause, Place, Screen},
    player::{Focus, Head, PITCH_LIMIT_RAD, Player, REACH_M},
    scenes::gig::{GigBeat, layout as club},
    testing::TestGame,
};

/// Every text on screen (the words module's output).
pub(crate) fn texts(game: &mut TestGame) -> Vec<String> {
    let world = game.world_mut();
    world
        .query::<&Text>()
        .iter(world)
        .map(|text| text.0.clone())
        .collect()
}

#[test]
fn the_title_screen_warns_of_loud_sound_ringing_and_flashing_light() {
    let mut game = TestGame::new();
    assert_eq!(game.screen(), Screen::Title);
    let note = texts(&mut game)
        .into_iter()
        .find(|t| t.starts_with("Content note"))
        .expect("a content note");
    for warning in ["loud sound", "ringing", "flashing light", "safe level"] {
        assert!(
            note.contains(warning),
            "the note mentions {warning}: {note}"
        );
    }
    assert_eq!(
        game.count::<Player>(),
        0,
        "nothing plays on the title screen"
    );
}

#[test]
fn any_key_on_the_title_screen_opens_the_gig() {
    let mut game = TestGame::new();
    game.press(KeyCode::Space);
    game.update();
    assert_eq!(game.screen(), Screen::Playing);
    assert_eq!(game.place(), Some(Place::Gig));
    assert_eq!(game.count::<Player>(), 1);
    assert_eq!(
        game.progression(),
        0.0,
        "hearing is normal when the night begins"
    );
}

#[test]
fn every_place_can_be_started_directly() {
    for place in [Place::Gig, Place::Morning, Place::House, Place::Stillness] {
        let mut game = TestGame::new().at(place);
        assert_eq!(game.place(), Some(place));
        assert_eq!(game.count::<Player>(), 1, "{place:?}");
        assert_eq!(
            game.count::<Camera3d>(),
            1,
            "{place:?} is seen through the drummer's eyes"
        );
    }
}

#[test]
fn walls_stop_the_drummer_and_let_them_slide_along() {
    let mut game = TestGame::new().at(Place::Morning);
    let start = game.player_position();
    assert!(
        !game.walk_to(Vec3::new(0.0, 0.0, 9.0)),
        "the back wall of the RV is in the way"
    );
    let stopped = game.player_position();
    assert!(
        stopped.z <= 3.5 - 0.3 + 0.01,
        "stopped at the wall: {stopped}"
    );
    assert!(stopped.z > start.z, "walked up to it: {start} -> {stopped}");
}

#[test]
fn looking_up_stops_short_of_straight_up() {
    let mut game = TestGame::new().at(Place::Gig);
    for _ in 0..5 {
        game.move_mouse(Vec2::new(0.0, -4000.0));
        game.update();
    }
    let world = game.world_mut();
    let head = world.query::<&Head>().single(world).unwrap();
    assert!(
        (head.pitch_rad - PITCH_LIMIT_RAD).abs() < 1e-4,
        "{}",
        head.pitch_rad
    );
}

#[test]
fn look_at_turns_the_view_onto_a_point() {
    let mut game = TestGame::new().at(Place::Gig);
    let target = Vec3::new(club::KICK_AT.x, 1.0, club::KICK_AT.z);
    game.look_at(target);
    game.update();
    let (eye, forward) = game.eye();
    let wanted = (target - eye).normalize();
    assert!(
        forward.angle_between(wanted) < 0.01,
        "{forward:?} vs {wanted}"
    );
}

#[test]
fn holding_still_is_counted_and_any_movement_starts_it_over() {
    let mut game = TestGame::new().at(Place::Stillness);
    game.hold_still(3.0);
    assert!(
        (game.stillness_s() - 3.0).abs() < 0.05,
        "{} s",
        game.stillness_s()
    );
    game.move_mouse(Vec2::new(3.0, 0.0));
    game.update();
    assert_eq!(game.stillness_s(), 0.0);
    game.hold(KeyCode::KeyA);
    game.advance_secs(0.5);
    assert_eq!(game.stillness_s(), 0.0);
}

#[test]
fn pause_stops_the_world_until_resumed() {
    // On the club floor, facing the open way to the stage.
    let mut game = TestGame::new().at_beat(GigBeat::WalkToStage);
    game.advance_secs(1.0);
    game.press(KeyCode::Escape);
    game.update();
    assert_eq!(
        *game.world().resource::<State<Pause>>().get(),
        Pause::Paused
    );
    let before = game.player_position();
    game.hold(KeyCode::KeyW);
    game.advance_secs(1.0);
    assert_eq!(game.player_position(), before, "no walking while paused");

    game.press(KeyCode::Escape);
    game.advance_secs(1.0);
    assert_eq!(
        *game.world().resource::<State<Pause>>().get(),
        Pause::Running
    );
    assert!(
        game.player_position().distance(before) > 1.0,
        "walking again"
    );
}

#[test]
fn a_usable_thing_within_reach_and_in_view_shows_its_prompt() {
    let mut game = TestGame::new().at_beat(GigBeat::WalkToStage);
    assert!(game.walk_to(Vec3::new(0.0, 0.0, club::STAGE_FRONT_Z + 0.4)));
    game.look_at(Vec3::new(0.0, club::STAGE_TOP_M + 0.6, -5.5));
    game.update();
    let (eye, _) = game.eye();
    assert!(eye.distance(Vec3::new(0.0, club::STAGE_TOP_M + 0.6, -5.5)) <= REACH_M);
    assert!(
        game.world().resource::<Focus>().0.is_some(),
        "the kit has the focus"
    );
    assert!(texts(&mut game).contains(&"E / (A)  Play".to_string()));

    game.look_at(Vec3::new(0.0, 1.6, 6.0));
    game.update();
    assert_eq!(
        game.world().resource::<Focus>().0,
        None,
        "looking away drops the focus"
    );
}
