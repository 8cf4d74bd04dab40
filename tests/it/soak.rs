//! The station soaks, in accelerated time at one station running every place.
//!
//! Sessions: some played to the end card by the autopilot, some abandoned at random points (fixed seed),
//! each taken on to a place in turn so that every place is visited. No panic, the world back to the same
//! entities after every session of the run's second half, exactly one log record per session, and, over a long run, the heap flat.
//!
//! The attract loop: nobody comes for hours; the loop goes round and round, every round leaves the world
//! as the last one did, and, over a long run, the heap is flat.
//!
//! The heap is counted by the test binary's allocator (`heap`) at the same point of every session (a
//! second into the attract loop's first place) and of every round (the title between two rounds), with
//! the harness's memory of sounds and captions forgotten first. The default test run plays short soaks
//! among the other tests, where the process's heap is not theirs alone: only the world and the log are
//! judged there. `scripts/soak` plays a thousand sessions and eight hours of attract loop, each alone in
//! an optimised process, and judges the heap's least-squares slope too.

use bevy::{prelude::*, time::TimeUpdateStrategy};
use rand::{RngExt, SeedableRng, rngs::StdRng};
use stillness::{
    exhibit::{SessionClock, Visit},
    journey::{Place, Screen},
    testing::TestGame,
};

use crate::exhibit::{log_lines, station, visit};
use crate::heap::{live_bytes, slope};

/// Fixed steps per frame: a tenth of a second of game time per frame, still fine enough to walk by.
const STEPS_PER_FRAME: u32 = 6;
/// Sessions in the default test run; `STILLNESS_SOAK_SESSIONS` sets another number.
const SHORT_SOAK: usize = 10;
/// Sessions before the entity count is judged, in the shortest runs (half of a longer run).
const SETTLING_SESSIONS: usize = 5;
/// The heap is judged only from this many sessions on: caches, message buffers and the allocator's own
/// tables grow to their working size over the first visits to each place and path.
const HEAP_SETTLING_SESSIONS: usize = 100;
/// The heap is judged only over at least this many sessions after settling (a long soak, alone).
const HEAP_JUDGED_SESSIONS: usize = 200;
/// Growth allowed per session, in bytes: under a KiB over a thousand sessions is no leak.
const MOST_BYTES_PER_SESSION: f64 = 1024.0;
/// Fixed steps per frame while waiting for the idle reset.
const IDLE_STEPS_PER_FRAME: u32 = 30;
/// Seconds on the end card before pressing on.
const END_CARD_READ_S: f32 = 4.0;
const FRAME_S: f32 = STEPS_PER_FRAME as f32 / 60.0;
/// Fixed steps per frame in the attract loop: half a second of game time per frame, which the autopilot
/// still walks by.
const ATTRACT_STEPS_PER_FRAME: u32 = 30;
/// Simulated hours of attract loop in the default test run (a round takes about six minutes: two returns
/// to the title to compare);
/// `STILLNESS_SOAK_ATTRACT_HOURS` sets another.
const SHORT_ATTRACT_HOURS: f32 = 0.25;
/// The attract loop's heap is sampled from its second hour on, and judged over a run of this many hours
/// at least (alone).
const HEAP_JUDGED_HOURS: f64 = 4.0;
/// Growth allowed per hour of attract loop, in bytes: flat, give or take a buffer.
const MOST_BYTES_PER_HOUR: f64 = 16.0 * 1024.0;
/// Every place, each a little shortened.
const ALL_PLACES: &str =
    "[places.seconds]\ngig = 10\nmorning = 10\nclinic = 10\nhouse = 10\nstillness = 10\n";

fn sessions() -> usize {
    std::env::var("STILLNESS_SOAK_SESSIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(SHORT_SOAK)
}

fn attract_hours() -> f32 {
    std::env::var("STILLNESS_SOAK_ATTRACT_HOURS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(SHORT_ATTRACT_HOURS)
}

/// The heap now, in bytes, with the harness's memory of what was played and shown forgotten (it is the
/// harness's, not the game's).
fn heap_now(game: &mut TestGame) -> f64 {
    game.clear_history();
    live_bytes() as f64
}

/// Runs frames until `done`, at most `limit_s` of game time.
fn run_until(game: &mut TestGame, limit_s: f32, done: impl FnMut(&TestGame) -> bool) -> bool {
    run_touching_until(game, limit_s, false, done)
}

/// Like [`run_until`]; with `touching`, a hand rests on the mouse (a motion of nothing every two
/// seconds), which is all the station needs to know someone is there.
fn run_touching_until(
    game: &mut TestGame,
    limit_s: f32,
    touching: bool,
    mut done: impl FnMut(&TestGame) -> bool,
) -> bool {
    let mut waited_s = 0.0;
    let mut frames = 0u32;
    while !done(game) {
        if waited_s > limit_s {
            return false;
        }
        if touching && frames.is_multiple_of(20) {
            game.move_mouse(Vec2::ZERO);
        }
        game.update();
        frames += 1;
        waited_s += FRAME_S;
    }
    true
}

/// Takes the visitor on to `place`, as if they had got that far.
fn take_on_to(game: &mut TestGame, place: Place) {
    if game.place() == Some(place) {
        return;
    }
    game.world_mut()
        .resource_mut::<NextState<Place>>()
        .set(place);
    assert!(
        run_until(game, 2.0, |g| g.place() == Some(place)),
        "the visitor got to {place:?}"
    );
}

/// Prints the slope of `heap` (bytes) over `at` (sessions or hours) after settling, and judges it when
/// the run was long enough and alone.
fn judge_heap(what: &str, unit: &str, at: &[f64], heap: &[f64], judged: bool, most_bytes: f64) {
    let (first, last) = (heap.first().copied(), heap.last().copied());
    eprintln!(
        "soak: {what}: heap {:.1} -> {:.1} MiB over {} samples",
        first.unwrap_or(0.0) / 1048576.0,
        last.unwrap_or(0.0) / 1048576.0,
        heap.len()
    );
    if heap.len() < 2 {
        return;
    }
    let bytes_per = slope(at, heap);
    eprintln!("soak: {what}: heap slope {bytes_per:.1} bytes/{unit}");
    if judged {
        assert!(
            bytes_per < most_bytes,
            "{what}: the heap grows {bytes_per:.1} bytes per {unit} (at most {most_bytes})"
        );
    }
}

#[test]
fn sessions_at_one_station_leave_no_trace() {
    let (mut game, logs) = station("soak", ALL_PLACES);
    game.app_mut()
        .insert_resource(TimeUpdateStrategy::FixedTimesteps(STEPS_PER_FRAME));
    let mut rng = StdRng::seed_from_u64(0x5717_1e55);
    let sessions = sessions();
    // Every figure kept is allocated up front: the soak's own records must not be what grows.
    let mut entity_counts = Vec::with_capacity(sessions);
    let mut heap_at = Vec::with_capacity(sessions);
    let mut heap = Vec::with_capacity(sessions);
    let mut taken_to = Vec::with_capacity(sessions);
    let (mut played, mut abandoned_where_idle_counts) = (0, 0);
    for session in 0..sessions {
        // The attract loop plays for a while; then someone presses a button.
        for _ in 0..rng.random_range(3..12) {
            game.update();
        }
        game.press(KeyCode::Space);
        assert!(
            run_until(&mut game, 2.0, |g| visit(g) == Visit::Session
                && g.world().resource::<SessionClock>().underway
                && g.screen() == Screen::Playing),
            "session {session} began"
        );
        // Every place in turn, the later ones as if the visitor had got that far.
        let place = Place::all()[session % Place::all().len()];
        take_on_to(&mut game, place);
        taken_to.push(place);
        if rng.random_bool(0.3) {
            // Played to the end: the ghost visitor plays the visitor's part, and a hand resting on the
            // mouse tells the station someone is there.
            game.engage_autopilot();
            let reached_the_card =
                run_touching_until(&mut game, 120.0, true, |g| g.screen() == Screen::EndCard);
            assert!(reached_the_card, "session {session} reached the end card");
            let mut played_s = 0.0;
            // Past the end card's minimum, a button goes back round.
            while played_s < END_CARD_READ_S {
                game.update();
                played_s += FRAME_S;
            }
            game.press(KeyCode::Space);
            played += 1;
        } else {
            abandoned_where_idle_counts += usize::from(place != Place::Stillness);
            // Abandoned somewhere: nobody touches anything until the idle reset (in the chamber, where
            // stillness is the task, until the end card), waited out in coarser steps (nobody steers).
            let wander_frames = rng.random_range(0..100);
            for _ in 0..wander_frames {
                game.update();
            }
            game.app_mut()
                .insert_resource(TimeUpdateStrategy::FixedTimesteps(IDLE_STEPS_PER_FRAME));
        }
        assert!(
            run_until(&mut game, 120.0, |g| visit(g) == Visit::Attract),
            "session {session} ended"
        );
        game.app_mut()
            .insert_resource(TimeUpdateStrategy::FixedTimesteps(STEPS_PER_FRAME));
        // Measured a second into the attract loop's first place, once the cut has settled.
        assert!(
            run_until(&mut game, 2.0, |g| g.screen() == Screen::Title),
            "session {session}: the loop went round"
        );
        assert!(
            run_until(&mut game, 2.0, |g| g.screen() == Screen::Playing),
            "session {session}: the loop plays again"
        );
        for _ in 0..10 {
            game.update();
        }
        entity_counts.push(game.entity_count());
        if session >= HEAP_SETTLING_SESSIONS {
            heap_at.push(session as f64);
            heap.push(heap_now(&mut game));
        }
    }
    // A path taken for the first time may register something once (a cached system, a resource: the
    // 1000-session run's first one at session 32); what a session leaves behind would show as a count
    // still changing in the second half of the run.
    let judged_from = SETTLING_SESSIONS.max(sessions / 2);
    let changes: Vec<(usize, usize)> = entity_counts
        .windows(2)
        .enumerate()
        .filter(|(_, pair)| pair[0] != pair[1])
        .map(|(session, pair)| (session + 1, pair[1]))
        .collect();
    eprintln!("soak: entity count changed after (session, entities): {changes:?}");
    let settled = entity_counts.get(judged_from).copied().unwrap_or(0);
    for (session, &entities) in entity_counts.iter().enumerate().skip(judged_from) {
        assert_eq!(
            entities, settled,
            "entities after session {session} (the same after every session from {judged_from})"
        );
    }
    let lines = log_lines(&logs);
    assert_eq!(lines.len(), sessions, "one record per session");
    let idle_resets = lines
        .iter()
        .filter(|l| l["outcome"] == "idle-reset")
        .count();
    assert_eq!(idle_resets, abandoned_where_idle_counts, "idle resets");
    let on_the_card = lines
        .iter()
        .filter(|l| l["outcome"] == "completed" || l["outcome"] == "session-cap")
        .count();
    assert_eq!(
        on_the_card,
        sessions - idle_resets,
        "the others ended on the end card"
    );
    for place in Place::all() {
        let named = serde_json::to_value(place).unwrap();
        let records = lines
            .iter()
            .filter(|l| l["places"].as_array().unwrap().contains(&named))
            .count();
        let sent = taken_to.iter().filter(|p| *p == place).count();
        assert!(
            records >= sent,
            "{place:?}: {records} records for {sent} visits"
        );
    }
    eprintln!(
        "soak: {sessions} sessions ({played} played to the end card) through every place, {settled} entities between sessions",
    );
    judge_heap(
        "sessions",
        "session",
        &heap_at,
        &heap,
        heap.len() >= HEAP_JUDGED_SESSIONS,
        MOST_BYTES_PER_SESSION,
    );
}

#[test]
fn the_attract_loop_plays_all_night_and_holds_no_more_at_dawn() {
    let (mut game, logs) = station("attract-soak", ALL_PLACES);
    game.app_mut()
        .insert_resource(TimeUpdateStrategy::FixedTimesteps(ATTRACT_STEPS_PER_FRAME));
    let hours = attract_hours();
    let frame_s = ATTRACT_STEPS_PER_FRAME as f32 / 60.0;
    let frames = (hours * 3600.0 / frame_s).ceil() as u64;
    // One sample per round, a round every minute or so.
    let rounds_at_most = (hours * 60.0) as usize + 8;
    let mut heap_at = Vec::with_capacity(rounds_at_most);
    let mut heap = Vec::with_capacity(rounds_at_most);
    let mut round_counts = Vec::with_capacity(rounds_at_most);
    let mut last_screen = game.screen();
    for frame in 0..frames {
        game.update();
        assert_eq!(visit(&game), Visit::Attract, "nobody came, frame {frame}");
        let screen = game.screen();
        // Each time the loop goes round through the title, the world is as it was the last time.
        if screen == Screen::Title && last_screen != Screen::Title {
            round_counts.push(game.entity_count());
            let hour = frame as f64 * f64::from(frame_s) / 3600.0;
            if hour >= 1.0 {
                heap_at.push(hour);
                heap.push(heap_now(&mut game));
            }
        }
        last_screen = screen;
    }
    assert!(
        round_counts.len() >= 2,
        "the loop went round: {round_counts:?}"
    );
    assert!(
        round_counts.iter().all(|&count| count == round_counts[0]),
        "entities at the title between rounds: {round_counts:?}"
    );
    assert!(log_lines(&logs).is_empty(), "no session was logged");
    eprintln!(
        "soak: attract loop: {hours} h in {} rounds, {} entities between rounds",
        round_counts.len(),
        round_counts[0]
    );
    judge_heap(
        "attract loop",
        "hour",
        &heap_at,
        &heap,
        f64::from(hours) >= HEAP_JUDGED_HOURS,
        MOST_BYTES_PER_HOUR,
    );
}
