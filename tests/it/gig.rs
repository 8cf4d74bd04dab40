//! The gig: the merch table, the onset, the walk to the stage, the set and the cut to the morning.

use std::collections::HashSet;

use bevy::{ecs::relationship::RelationshipTarget, prelude::*};
use stillness::{
    audio::{SoundEmitter, SoundKey},
    journey::Place,
    player::{Balance, Player, Seated},
    scenes::{
        gig::{GigBeat, SET_S, STORY, TheSet, layout as club},
        kit::PlaceThings,
        timeline::Length,
    },
    testing::{FRAME_S, TestGame},
    ui::captions::Speaker,
};

const MERCH_FRONT: Vec3 = Vec3::new(-4.9, 0.0, 3.3);
const BEHIND_THE_TABLE_END: Vec3 = Vec3::new(-4.0, 0.0, 5.9);
const STAGE_FRONT: Vec3 = Vec3::new(0.0, 0.0, club::STAGE_FRONT_Z + 0.4);
const THE_KIT: Vec3 = Vec3::new(0.0, club::STAGE_TOP_M + 0.6, -5.5);

fn beat_length_s(beat: GigBeat) -> f32 {
    match STORY.named(beat).length {
        Length::Seconds(s) => s,
        Length::UntilTheVisitorActs => f32::INFINITY,
    }
}

fn song_s(game: &TestGame) -> f32 {
    game.world().resource::<TheSet>().song_s
}

fn emitting(game: &mut TestGame, stem: &str) -> bool {
    let world = game.world_mut();
    world
        .query::<&SoundEmitter>()
        .iter(world)
        .any(|e| e.sound.0 == stem)
}

/// Sits down at the kit from the stage's edge.
fn take_the_stool(game: &mut TestGame) {
    assert!(
        game.walk_to(STAGE_FRONT),
        "reached the stage at {}",
        game.player_position()
    );
    game.look_at(THE_KIT);
    game.press(KeyCode::KeyE);
    game.update();
}

#[test]
fn the_drummer_walks_from_behind_the_merch_table_around_it_and_to_the_stage() {
    let mut game = TestGame::new().at(Place::Gig);
    assert!(game.walk_to(BEHIND_THE_TABLE_END));
    assert!(
        game.walk_to(MERCH_FRONT),
        "at the merch table: {}",
        game.player_position()
    );
    assert!(
        game.walk_to(STAGE_FRONT),
        "at the stage: {}",
        game.player_position()
    );
}

#[test]
fn the_merch_table_and_the_stage_block_the_way() {
    let mut game = TestGame::new().at(Place::Gig);
    assert!(
        !game.walk_to(Vec3::new(-5.6, 0.0, 3.0)),
        "the table is in the way"
    );
    let at = game.player_position();
    assert!(
        at.z >= club::MERCH_TABLE.y + 0.45 + 0.3 - 0.01,
        "stopped behind the table: {at}"
    );

    let mut game = TestGame::new().at_beat(GigBeat::WalkToStage);
    assert!(
        !game.walk_to(Vec3::new(0.0, 0.0, -5.5)),
        "the stage is a step too high to walk onto"
    );
    let at = game.player_position();
    assert!(
        at.z >= club::STAGE_FRONT_Z + 0.3 - 0.01,
        "stopped at the stage's edge: {at}"
    );
}

#[test]
fn at_the_merch_table_the_singer_is_heard_whole_and_the_bar_is_alive() {
    let mut game = TestGame::new().at(Place::Gig);
    assert!(emitting(&mut game, "bar_chatter"));
    assert!(emitting(&mut game, "soundcheck"));
    game.advance_secs(5.0);
    let line = game
        .sounds()
        .iter()
        .find(|s| s.sound.sound == SoundKey("singer_merch_1"))
        .expect("the singer speaks");
    assert_eq!(
        line.sound.position,
        Some(club::SINGER_MOUTH),
        "from where she stands"
    );
    let caption = game
        .captions()
        .iter()
        .find(|c| matches!(c.caption.speaker, Speaker::Named(_)))
        .expect("her words are captioned");
    assert_eq!(caption.perceived, caption.said, "hearing is still normal");
    assert_eq!(game.progression(), 0.0);
}

#[test]
fn the_onset_rings_unbalances_the_view_and_muffles_voices() {
    let mut game = TestGame::new().at(Place::Gig);
    game.advance_secs(beat_length_s(GigBeat::MerchTable) + 1.0);
    assert_eq!(game.beat::<GigBeat>(), Some(GigBeat::Onset));
    assert!(
        !emitting(&mut game, "soundcheck"),
        "the soundcheck is buried"
    );
    let balance_lost = {
        let world = game.world_mut();
        world.query::<&Balance>().iter(world).any(Balance::is_lost)
    };
    assert!(balance_lost, "the view loses its balance");
    let ringing = game
        .captions()
        .iter()
        .any(|c| c.perceived.contains("ringing"));
    assert!(ringing, "the ringing is captioned");

    game.advance_secs(6.0);
    assert!(game.progression() > 0.25, "{}", game.progression());
    let her_question = game
        .captions()
        .iter()
        .rev()
        .find(|c| matches!(c.caption.speaker, Speaker::Named(_)))
        .expect("the singer asks after you");
    let heard = &her_question.perceived;
    assert!(
        heard.starts_with("[muffled]") && heard.contains('…'),
        "fragments: {heard}"
    );

    game.advance_secs(10.0);
    let own_voice = game
        .captions()
        .iter()
        .rev()
        .find(|c| c.caption.speaker == Speaker::You)
        .expect("your own voice, after the onset");
    assert!(
        own_voice.perceived.starts_with("[muffled"),
        "{}",
        own_voice.perceived
    );
}

#[test]
fn sitting_at_the_kit_starts_the_set() {
    let mut game = TestGame::new().at_beat(GigBeat::WalkToStage);
    take_the_stool(&mut game);
    assert_eq!(game.beat::<GigBeat>(), Some(GigBeat::Set));
    assert_eq!(game.count::<Seated>(), 1);
    assert!(emitting(&mut game, "song_backing"), "the band plays");
    let before = game.player_position();
    game.hold(KeyCode::KeyW);
    game.advance_secs(1.0);
    assert_eq!(
        game.player_position(),
        before,
        "seated drummers do not walk"
    );
}

#[test]
fn each_drum_input_sounds_on_the_frame_it_is_struck() {
    let mut game = TestGame::new().at_beat(GigBeat::Set);
    game.advance_secs(1.3);
    for (frame, stem) in [
        (game.press(KeyCode::KeyJ), "kick"),
        (game.press(KeyCode::KeyK), "snare"),
        (game.click(MouseButton::Left), "kick"),
        (game.click(MouseButton::Right), "snare"),
    ] {
        let heard: Vec<_> = game.sounds().iter().filter(|s| s.frame == frame).collect();
        assert_eq!(heard.len(), 1, "one sound on frame {frame}");
        assert_eq!(heard[0].sound.sound, SoundKey(stem));
        assert!(heard[0].sound.position.is_some(), "from the kit");
    }
}

#[test]
fn hits_on_the_grid_are_in_time_and_hits_between_are_off() {
    let mut game = TestGame::new().at_beat(GigBeat::Set);
    // The kick belongs on beat 1 of bar 2 (2.0 s); the press lands on the next frame.
    assert!(game.advance_until(5.0, |g| song_s(g) >= 2.0 - FRAME_S * 1.5));
    game.press(KeyCode::KeyJ);
    // The snare does not belong on 3.0 s.
    assert!(game.advance_until(5.0, |g| song_s(g) >= 3.0 - FRAME_S * 1.5));
    game.press(KeyCode::KeyK);
    let set = *game.world().resource::<TheSet>();
    assert_eq!((set.score.tight, set.score.off), (1, 1), "{set:?}");
    assert!(set.score.mean_abs_error_ms().unwrap() > 200.0);
}

#[test]
fn by_the_end_of_the_set_the_loss_is_severe() {
    let mut game = TestGame::new().at_beat(GigBeat::Set);
    game.advance_secs(SET_S - 0.5);
    assert_eq!(game.place(), Some(Place::Gig));
    assert!(game.progression() >= 0.75, "{}", game.progression());
}

#[test]
fn the_cut_to_the_morning_is_one_frame_and_leaves_nothing_of_the_gig() {
    let mut game = TestGame::new().at_beat(GigBeat::Set);
    game.advance_secs(SET_S - 1.0);
    let gig: HashSet<Entity> = {
        let world = game.world_mut();
        let roots: Vec<Entity> = world
            .query::<(Entity, &DespawnOnExit<Place>)>()
            .iter(world)
            .filter(|(_, scope)| scope.0 == Place::Gig)
            .map(|(entity, _)| entity)
            .collect();
        // Everything that belongs to the place, and their children, down to the last hand.
        let mut all: HashSet<Entity> = roots.iter().copied().collect();
        let mut children = world.query::<&Children>();
        let mut things = world.query::<&PlaceThings>();
        let mut stack = roots;
        while let Some(entity) = stack.pop() {
            let below: Vec<Entity> = children
                .get(world, entity)
                .map(|kids| kids.to_vec())
                .into_iter()
                .chain(
                    things
                        .get(world, entity)
                        .map(|owned| owned.iter().collect()),
                )
                .flatten()
                .collect();
            all.extend(&below);
            stack.extend(below);
        }
        all
    };
    assert!(gig.len() > 100, "the club is built: {} entities", gig.len());

    let mut frames = 0;
    while game.place() == Some(Place::Gig) {
        game.update();
        frames += 1;
        assert!(frames < 200, "the set ends");
    }
    assert_eq!(game.place(), Some(Place::Morning));
    let world = game.world();
    let survivors: Vec<Entity> = gig
        .iter()
        .copied()
        .filter(|e| world.get_entity(*e).is_ok())
        .collect();
    assert!(
        survivors.is_empty(),
        "{} gig entities survived the cut",
        survivors.len()
    );
    assert!(world.get_resource::<TheSet>().is_none());
    assert_eq!(
        game.count::<Player>(),
        1,
        "the drummer wakes in the morning on the same frame"
    );
    let morning = {
        let world = game.world_mut();
        world
            .query::<&DespawnOnExit<Place>>()
            .iter(world)
            .filter(|s| s.0 == Place::Morning)
            .count()
    };
    assert!(morning > 0, "the morning exists on the frame of the cut");
}

#[test]
fn a_visitor_lives_through_the_whole_gig() {
    let mut game = TestGame::new();
    game.press(KeyCode::Enter);
    game.update();
    assert_eq!(game.place(), Some(Place::Gig));

    assert!(game.advance_until(80.0, |g| g.beat::<GigBeat>() == Some(GigBeat::WalkToStage)));
    assert!(game.walk_to(BEHIND_THE_TABLE_END));
    take_the_stool(&mut game);
    assert_eq!(game.beat::<GigBeat>(), Some(GigBeat::Set));

    // Keep the beat for eight bars: kick on 1 and 3, snare on 2 and 4.
    for beat in 1..=32 {
        let at_s = beat as f32 * 0.5;
        assert!(game.advance_until(2.0, |g| song_s(g) >= at_s - FRAME_S * 1.5));
        game.press(if beat % 2 == 0 {
            KeyCode::KeyJ
        } else {
            KeyCode::KeyK
        });
    }
    let set = *game.world().resource::<TheSet>();
    assert_eq!(set.score.tight, 32, "{set:?}");

    assert!(game.advance_until(SET_S, |g| g.place() == Some(Place::Morning)));
    assert!(game.progression() >= 0.75);
}

#[test]
fn pausing_holds_the_story_and_the_song() {
    let mut game = TestGame::new().at_beat(GigBeat::Set);
    game.advance_secs(2.0);
    game.press(KeyCode::Escape);
    let (song_before, progression_before) = (song_s(&game), game.progression());
    game.advance_secs(10.0);
    assert_eq!(song_s(&game), song_before);
    assert_eq!(game.progression(), progression_before);
    game.press(KeyCode::Escape);
    game.advance_secs(1.0);
    assert!(song_s(&game) > song_before + 0.9);
}
