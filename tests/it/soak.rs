//! The station soak: accelerated sessions at one station, some played to the end card by the autopilot,
//! some abandoned at random points (fixed seed). No panic, the world back to the same entities after
//! every session, exactly one log record per session, and, over a long run, resident memory flat.
//!
//! The default test run plays a short soak ([`SHORT_SOAK`] sessions); `scripts/soak` plays a thousand in
//! an optimised build, alone in its process so its resident memory is its own.

use bevy::{prelude::*, time::TimeUpdateStrategy};
use rand::{RngExt, SeedableRng, rngs::StdRng};
use stillness::{exhibit::Visit, journey::Screen, testing::TestGame};

use crate::exhibit::{log_lines, station, visit};

/// Fixed steps per frame: a tenth of a second of game time per frame, still fine enough to walk by.
const STEPS_PER_FRAME: u32 = 6;
/// Sessions in the default test run; `STILLNESS_SOAK_SESSIONS` sets another number.
const SHORT_SOAK: usize = 50;
/// Sessions before the entity baseline is taken.
const SETTLING_SESSIONS: usize = 20;
/// Resident memory is sampled this many sessions apart.
const SAMPLE_EVERY: usize = 20;
/// The memory slope is judged only over at least this many samples (a long soak): over a short one the
/// allocators are still settling.
const SLOPE_SAMPLES: usize = 10;
/// Fixed steps per frame while waiting for the idle reset.
const IDLE_STEPS_PER_FRAME: u32 = 30;
/// Seconds on the end card before pressing on.
const END_CARD_READ_S: f32 = 4.0;
const FRAME_S: f32 = STEPS_PER_FRAME as f32 / 60.0;

fn sessions() -> usize {
    std::env::var("STILLNESS_SOAK_SESSIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(SHORT_SOAK)
}

fn resident_kib() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4.0
}

/// Least-squares slope of `ys` over their index.
fn slope(ys: &[f64]) -> f64 {
    let n = ys.len() as f64;
    let mean_x = (n - 1.0) / 2.0;
    let mean_y = ys.iter().sum::<f64>() / n;
    let (mut num, mut den) = (0.0, 0.0);
    for (x, y) in ys.iter().enumerate() {
        num += (x as f64 - mean_x) * (y - mean_y);
        den += (x as f64 - mean_x).powi(2);
    }
    num / den
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

#[test]
fn sessions_at_one_station_leave_no_trace() {
    let (mut game, logs) = station(
        "soak",
        "[places]\nrun = [\"morning\", \"stillness\"]\n[places.seconds]\nmorning = 10\nstillness = 10\n",
    );
    game.app_mut()
        .insert_resource(TimeUpdateStrategy::FixedTimesteps(STEPS_PER_FRAME));
    let mut rng = StdRng::seed_from_u64(0x5717_1e55);
    let sessions = sessions();
    let mut baseline = None;
    let mut first_counts = Vec::new();
    let mut memory = Vec::new();
    let mut completed = 0;
    for session in 0..sessions {
        // The attract loop plays for a while; then someone presses a button.
        for _ in 0..rng.random_range(3..12) {
            game.update();
        }
        game.press(KeyCode::Space);
        assert!(
            run_until(&mut game, 2.0, |g| visit(g) == Visit::Session
                && g.screen() == Screen::Playing),
            "session {session} began"
        );
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
            completed += 1;
        } else {
            // Abandoned somewhere: nobody touches anything until the idle reset, which is waited out in
            // coarser steps (nobody is steering).
            let wander_frames = rng.random_range(0..100);
            for _ in 0..wander_frames {
                game.update();
            }
            game.app_mut()
                .insert_resource(TimeUpdateStrategy::FixedTimesteps(IDLE_STEPS_PER_FRAME));
        }
        assert!(
            run_until(&mut game, 60.0, |g| visit(g) == Visit::Attract),
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
        let entities = game.entity_count();
        // The first sessions register things once (cached systems, observers) as each path is first
        // taken; from then on every session must leave the world exactly as it found it.
        if session < SETTLING_SESSIONS {
            first_counts.push(entities);
        } else if let Some(expected) = baseline {
            assert_eq!(entities, expected, "entities after session {session}");
        } else {
            baseline = Some(entities);
            let most_early = first_counts.iter().copied().max().unwrap_or(0);
            assert!(
                most_early <= entities,
                "early sessions: {first_counts:?}, then {entities}"
            );
        }
        if session % SAMPLE_EVERY == SAMPLE_EVERY - 1 {
            memory.push(resident_kib());
        }
    }
    let lines = log_lines(&logs);
    assert_eq!(lines.len(), sessions, "one record per session");
    let logged_completed = lines.iter().filter(|l| l["outcome"] == "completed").count();
    assert_eq!(logged_completed, completed);
    eprintln!(
        "soak: {sessions} sessions ({completed} completed), {} entities between sessions, resident {:.0} -> {:.0} MiB",
        baseline.unwrap_or(0),
        memory.first().copied().unwrap_or(0.0) / 1024.0,
        memory.last().copied().unwrap_or(0.0) / 1024.0
    );
    if memory.len() >= SLOPE_SAMPLES {
        // Allocators settle over the first sessions: the slope is taken over the rest.
        let settled = &memory[memory.len() / 4..];
        let kib_per_session = slope(settled) / SAMPLE_EVERY as f64;
        eprintln!("soak: resident memory slope {kib_per_session:.2} KiB/session");
        assert!(
            kib_per_session.abs() < 16.0,
            "resident memory grows {kib_per_session:.2} KiB per session"
        );
    }
}
