//! Exhibition mode: attract loop, sessions, two-tier idle, session cap, operator overlay, defaults restored
//! for every visitor, the session log, and settings files refused with file, line and key.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use stillness::{
    autopilot::{Autopilot, Guide},
    exhibit::{
        CALIBRATION_DBFS, ExhibitConfig, ExhibitPlugin, IdleClock, OverlayOpen, OverlayStage,
        StillThere, Visit, VisitorVolume,
    },
    journey::{Place, Screen},
    scenes::{
        gig::GigBeat,
        house::{HouseBeat, LOOP_S},
        kit::OpeningBeat,
    },
    testing::{Recording, TestGame},
    ui::{CONTENT_NOTE, captions::CaptionMode},
};

/// The example PIN's hash (the PIN is 2468).
const PIN_HASH: &str =
    "sha256$pepper$a3e9e059cf5c465c80e3a7421515b1424ea8b468b62388cb563fe40fd9946757";
const PIN: [KeyCode; 4] = [
    KeyCode::Digit2,
    KeyCode::Digit4,
    KeyCode::Digit6,
    KeyCode::Digit8,
];
const KNOCK: [KeyCode; 3] = [KeyCode::F12, KeyCode::F12, KeyCode::F12];

/// A station with short idle times and cap, logging into its own folder.
pub fn station(name: &str, extra: &str) -> (TestGame, PathBuf) {
    let logs = std::env::temp_dir().join(format!("stillness-it-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&logs);
    let text = format!(
        "[idle]\nwarning_s = 5\nreset_s = 10\n[session]\ncap_s = 60\n[log]\ndirectory = \"{}\"\n{extra}\n\
         [operator]\npin_hash = \"{PIN_HASH}\"\n",
        logs.display()
    );
    let config = ExhibitConfig::parse(&text, Path::new("test.toml")).expect("a good config");
    let mut game = TestGame::with_app(|app| {
        app.add_plugins(ExhibitPlugin { config });
    });
    // Past the attract loop's first half second, when presses are not yet taken for a new visitor.
    game.advance_secs(0.6);
    (game, logs)
}

pub fn visit(game: &TestGame) -> Visit {
    *game.world().resource::<State<Visit>>().get()
}

/// Every line of every log file.
pub fn log_lines(logs: &Path) -> Vec<serde_json::Value> {
    let Ok(entries) = std::fs::read_dir(logs) else {
        return Vec::new();
    };
    entries
        .flat_map(|e| {
            std::fs::read_to_string(e.unwrap().path())
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).expect("every line is JSON"))
                .collect::<Vec<_>>()
        })
        .collect()
}

pub fn type_keys(game: &mut TestGame, keys: &[KeyCode]) {
    for key in keys {
        game.press(*key);
    }
}

fn overlay_stage(game: &TestGame) -> Option<OverlayStage> {
    game.world()
        .get_resource::<OverlayOpen>()
        .map(|o| o.stage.clone())
}

#[test]
fn attract_then_a_visitor_then_still_there_then_back_to_attract() {
    let (mut game, logs) = station("idle", "");
    assert_eq!(visit(&game), Visit::Attract);
    assert_eq!(
        game.screen(),
        Screen::Playing,
        "the experience plays itself"
    );
    assert!(game.world().resource::<Autopilot>().engaged);

    game.press(KeyCode::Space);
    game.advance_secs(0.2);
    assert_eq!(visit(&game), Visit::Session);
    assert!(!game.world().resource::<Autopilot>().engaged);
    assert_eq!(
        game.place(),
        Some(Place::Gig),
        "a session starts at the first place"
    );

    game.advance_secs(4.5);
    assert_eq!(game.count::<StillThere>(), 0, "no warning before T1");
    game.advance_secs(1.0);
    assert_eq!(game.count::<StillThere>(), 1, "the countdown shows at T1");
    game.move_mouse(Vec2::new(3.0, 0.0));
    game.update();
    game.update();
    assert_eq!(
        game.count::<StillThere>(),
        0,
        "any movement keeps the visitor"
    );
    assert_eq!(visit(&game), Visit::Session);

    game.advance_secs(9.8);
    assert_eq!(visit(&game), Visit::Session);
    game.advance_secs(0.5);
    assert_eq!(
        visit(&game),
        Visit::Attract,
        "T2 returns to the attract loop"
    );
    game.advance_secs(0.2);
    assert!(game.world().resource::<Autopilot>().engaged);
    assert_eq!(game.screen(), Screen::Playing);

    let lines = log_lines(&logs);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["kind"], "session");
    assert_eq!(lines[0]["outcome"], "idle-reset");
    assert_eq!(lines[0]["places"], serde_json::json!(["gig"]));
    assert!(lines[0]["frame_ms"]["p50"].as_f64().unwrap() > 0.0);
}

#[test]
fn the_idle_clock_stops_where_stillness_is_the_task_but_the_cap_does_not() {
    let (mut game, logs) = station("still", "");
    game.press(KeyCode::Space);
    game.advance_secs(0.2);
    game.world_mut()
        .resource_mut::<NextState<Place>>()
        .set(Place::Stillness);
    game.advance_secs(30.0);
    assert_eq!(
        visit(&game),
        Visit::Session,
        "holding still in the chamber is not leaving"
    );
    assert!(game.world().resource::<IdleClock>().idle_s < 1.0);
    assert_eq!(game.count::<StillThere>(), 0);

    game.world_mut()
        .resource_mut::<NextState<Place>>()
        .set(Place::Morning);
    game.update();
    *game.world_mut().resource_mut::<Guide>() = Guide::HoldStill;
    game.advance_secs(31.0);
    assert!(
        game.advance_until(2.0, |g| g.screen() == Screen::EndCard),
        "the cap ends the session with the end card"
    );
    assert!(game.advance_until(40.0, |g| visit(g) == Visit::Attract));
    let lines = log_lines(&logs);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["outcome"], "session-cap");
}

#[test]
fn the_overlay_opens_only_with_the_right_pin() {
    let (mut game, _logs) = station("overlay", "");
    type_keys(&mut game, &KNOCK[..2]);
    assert_eq!(
        overlay_stage(&game),
        None,
        "two knocks are not the sequence"
    );
    game.advance_secs(2.5);
    type_keys(&mut game, &KNOCK);
    assert!(matches!(
        overlay_stage(&game),
        Some(OverlayStage::Pin { .. })
    ));
    assert_eq!(visit(&game), Visit::Attract, "the knock starts no session");

    type_keys(
        &mut game,
        &[
            KeyCode::Digit1,
            KeyCode::Digit2,
            KeyCode::Digit3,
            KeyCode::Digit4,
            KeyCode::Enter,
        ],
    );
    assert!(
        matches!(overlay_stage(&game), Some(OverlayStage::Pin { .. })),
        "a wrong PIN stays out"
    );
    type_keys(&mut game, &PIN);
    game.press(KeyCode::Enter);
    assert_eq!(overlay_stage(&game), Some(OverlayStage::Panel));
    assert!(
        game.world().resource::<Time<Virtual>>().is_paused(),
        "the game holds behind the overlay"
    );
    assert_eq!(
        visit(&game),
        Visit::Attract,
        "typing the PIN starts no session"
    );

    game.press(KeyCode::Escape);
    assert_eq!(overlay_stage(&game), None);

    // Three wrong PINs lock the prompt.
    type_keys(&mut game, &KNOCK);
    for _ in 0..3 {
        type_keys(&mut game, &[KeyCode::Digit9, KeyCode::Enter]);
    }
    assert_eq!(overlay_stage(&game), None);
    type_keys(&mut game, &KNOCK);
    assert_eq!(overlay_stage(&game), None, "locked after three wrong PINs");
}

#[test]
fn every_visitor_setting_is_back_to_default_after_a_reset() {
    let (mut game, logs) = station("defaults", "");
    game.press(KeyCode::Space);
    game.advance_secs(0.2);
    let default_db = game.world().resource::<VisitorVolume>().db;
    type_keys(&mut game, &[KeyCode::Minus, KeyCode::Minus, KeyCode::KeyC]);
    assert_eq!(
        game.world().resource::<VisitorVolume>().db,
        default_db - 6.0
    );
    assert_eq!(
        *game.world().resource::<CaptionMode>(),
        CaptionMode::Transcript
    );
    for _ in 0..10 {
        game.press(KeyCode::Equal);
    }
    assert_eq!(
        game.world().resource::<VisitorVolume>().db,
        0.0,
        "never above the operator's cap"
    );

    // The operator resets the station.
    type_keys(&mut game, &KNOCK);
    type_keys(&mut game, &PIN);
    type_keys(&mut game, &[KeyCode::Enter, KeyCode::KeyR]);
    game.advance_secs(0.6);
    assert_eq!(visit(&game), Visit::Attract);
    game.press(KeyCode::Space);
    game.advance_secs(0.2);
    assert_eq!(visit(&game), Visit::Session);
    assert_eq!(game.world().resource::<VisitorVolume>().db, default_db);
    assert_eq!(
        *game.world().resource::<CaptionMode>(),
        CaptionMode::Perceived
    );

    let lines = log_lines(&logs);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["outcome"], "operator-reset");
    let changed = lines[0]["settings_changed"].as_array().unwrap();
    assert!(
        changed.iter().any(|c| c["setting"] == "volume_db"),
        "{changed:?}"
    );
    assert!(
        changed
            .iter()
            .any(|c| c["setting"] == "captions" && c["value"] == "transcript"),
        "{changed:?}"
    );
}

#[test]
fn a_broken_settings_file_stops_the_start_with_file_line_and_key() {
    let dir = std::env::temp_dir().join(format!("stillness-it-configs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pin = format!("[operator]\npin_hash = \"{PIN_HASH}\"\n");
    for (name, text, expected) in [
        (
            "unknown",
            format!("[idle]\nwarning_s = 30\nnap_s = 9\n{pin}"),
            ":3: `idle.nap_s`",
        ),
        (
            "range",
            format!("[session]\ncap_s = 1\n{pin}"),
            ":2: `session.cap_s`",
        ),
        (
            "ceiling",
            format!("[sound]\nceiling_dbfs = 2.0\n{pin}"),
            ":2: `sound.ceiling_dbfs`",
        ),
        ("syntax", format!("[sound\n{pin}"), ":1"),
        (
            "type",
            format!("[haptics]\nenabled = 3\n{pin}"),
            ":2: `haptics.enabled`",
        ),
        (
            "place",
            format!("[places]\nrun = [\"moon\"]\n{pin}"),
            ":2: `places.run`",
        ),
        (
            "pin",
            "[idle]\nwarning_s = 30\n".to_string(),
            ":1: `operator.pin_hash`",
        ),
    ] {
        let file = dir.join(format!("{name}.toml"));
        std::fs::write(&file, text).unwrap();
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_stillness"))
            .args(["exhibit", "--check", "--config"])
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(!run.status.success(), "{name}: the station does not start");
        assert!(
            stderr.contains(&format!("{}{expected}", file.display())),
            "{name}: {stderr}"
        );
    }
    let good = dir.join("good.toml");
    std::fs::write(&good, &pin).unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_stillness"))
        .args(["exhibit", "--check", "--config"])
        .arg(&good)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The loudest moments of every place, at a station whose ceiling is 12 dB under full scale, with the
/// visitor's volume all the way up and the room heard as it is (Tab) for part of each: the limiter holds.
#[test]
fn the_limiter_holds_the_configured_ceiling_in_every_place() {
    const CEILING_DBFS: f32 = -12.0;
    let text = format!(
        "[idle]\nwarning_s = 300\nreset_s = 600\n[session]\ncap_s = 3600\n\
         [sound]\nceiling_dbfs = {CEILING_DBFS}\nvolume_db = 0\nvisitor_max_db = 0\nramp_in_s = 0.5\n\
         [log]\ndirectory = \"{}\"\n[operator]\npin_hash = \"{PIN_HASH}\"\n",
        std::env::temp_dir()
            .join(format!("stillness-it-ceiling-{}", std::process::id()))
            .display()
    );
    let config = ExhibitConfig::parse(&text, Path::new("ceiling.toml")).unwrap();
    let mut game = TestGame::with_app(|app| {
        app.add_plugins(ExhibitPlugin { config })
            .insert_resource(OpeningBeat(GigBeat::Set));
    });
    game.advance_secs(0.6);
    game.press(KeyCode::Space);
    game.advance_secs(1.0);
    assert_eq!(visit(&game), Visit::Session);
    game.engage_autopilot();

    let mut loudest = Vec::new();
    let mut measure = |game: &mut TestGame, place: &str, secs: f32| {
        let ears = game.render(secs * 0.6).heard().true_peak_db();
        game.hold(KeyCode::Tab);
        let room = game.render(secs * 0.4).heard().true_peak_db();
        game.release(KeyCode::Tab);
        game.update();
        loudest.push((place.to_string(), ears, room));
        assert!(
            ears <= CEILING_DBFS + 0.05 && room <= CEILING_DBFS + 0.05,
            "{place}: true peak {ears:.2} dBTP through the ears, {room:.2} as the room is"
        );
    };
    let go = |game: &mut TestGame, place: Place| {
        game.world_mut()
            .resource_mut::<NextState<Place>>()
            .set(place);
        game.update();
    };

    // The set, the drums struck on every beat.
    game.advance_secs(2.0);
    measure(&mut game, "gig: the set", 12.0);
    // The blender and the radio.
    go(&mut game, Place::Morning);
    game.advance_secs(8.0);
    measure(&mut game, "morning: the blender", 8.0);
    // A visitor who never answers: the tones climb to the audiometer's maximum.
    game.world_mut().resource_mut::<Autopilot>().disengage();
    go(&mut game, Place::Clinic);
    measure(&mut game, "clinic: the tones at their loudest", 30.0);
    // The children stamping hard on the boards.
    game.engage_autopilot();
    go(&mut game, Place::House);
    let stamping = |g: &mut TestGame| g.beat::<HouseBeat>() == Some(HouseBeat::Rhythm);
    assert!(game.advance_until(300.0, stamping));
    game.advance_secs(LOOP_S);
    measure(&mut game, "house: the stamping", 10.0);
    // The body at its fullest.
    go(&mut game, Place::Stillness);
    game.advance_secs(45.0);
    measure(&mut game, "stillness: the body", 10.0);
    eprintln!("true peaks (ears, room as it is): {loudest:?}");
}

/// A 1 kHz sine fitted to `samples` (a whole number of cycles long): its AES17 level (peak amplitude, dBFS)
/// and the level of everything else, relative to it (dB).
fn tone_and_rest_db(samples: &[f32]) -> (f32, f32) {
    let rate = 48_000.0;
    let phase = |n: usize| std::f32::consts::TAU * 1000.0 * n as f32 / rate;
    let half = samples.len() as f32 / 2.0;
    let (mut sin, mut cos) = (0.0f64, 0.0f64);
    for (n, x) in samples.iter().enumerate() {
        sin += f64::from(x * phase(n).sin());
        cos += f64::from(x * phase(n).cos());
    }
    let (a, b) = (
        (sin / f64::from(half)) as f32,
        (cos / f64::from(half)) as f32,
    );
    let rest: f32 = samples
        .iter()
        .enumerate()
        .map(|(n, x)| (x - a * phase(n).sin() - b * phase(n).cos()).powi(2))
        .sum::<f32>()
        / samples.len() as f32;
    let tone_power = (a * a + b * b) / 2.0;
    let tone_db = 10.0 * (2.0 * tone_power).log10();
    (tone_db, 10.0 * (rest.max(1e-30) / tone_power).log10())
}

fn open_the_panel(game: &mut TestGame) {
    type_keys(game, &KNOCK);
    type_keys(game, &PIN);
    game.press(KeyCode::Enter);
    assert_eq!(overlay_stage(game), Some(OverlayStage::Panel));
}

/// The calibration tone, alone, at its stated level in the chosen ear, whatever the volume of the moment.
fn assert_the_tone_is_exact(game: &mut TestGame, when: &str) {
    open_the_panel(game);
    for (key, ear) in [(KeyCode::Digit1, 0), (KeyCode::Digit2, 1)] {
        game.press(key);
        game.advance_secs(0.3);
        let heard = game.render(1.0).heard;
        // A whole number of the tone's cycles.
        let heard = &heard[..48_000 * 9 / 10];
        let (tone, other) = if ear == 0 {
            (hearing_left(heard), hearing_right(heard))
        } else {
            (hearing_right(heard), hearing_left(heard))
        };
        let (tone_db, rest_db) = tone_and_rest_db(&tone);
        assert!(
            (tone_db - CALIBRATION_DBFS).abs() <= 0.2,
            "{when}, ear {ear}: the tone at {tone_db:.2} dBFS, stated {CALIBRATION_DBFS}"
        );
        assert!(
            rest_db <= -60.0,
            "{when}, ear {ear}: everything else only {rest_db:.1} dB under the tone"
        );
        let other_peak = other.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        assert!(
            other_peak < 1e-6,
            "{when}, ear {ear}: the other ear hears {other_peak}"
        );
    }
    game.press(KeyCode::Digit3);
    game.press(KeyCode::Escape);
    assert_eq!(overlay_stage(game), None);
}

fn hearing_left(frames: &[kira::Frame]) -> Vec<f32> {
    frames.iter().map(|f| f.left).collect()
}

fn hearing_right(frames: &[kira::Frame]) -> Vec<f32> {
    frames.iter().map(|f| f.right).collect()
}

#[test]
fn the_calibration_tone_is_alone_at_its_stated_level_in_the_attract_loop_and_at_any_volume() {
    let (mut game, _logs) = station("calibration", "[sound]\nramp_in_s = 0.5\n");
    game.advance_secs(1.0);
    assert_the_tone_is_exact(&mut game, "attract loop");

    game.press(KeyCode::Space);
    game.advance_secs(1.0);
    assert_eq!(visit(&game), Visit::Session);
    for _ in 0..10 {
        game.press(KeyCode::Minus);
    }
    assert_eq!(game.world().resource::<VisitorVolume>().db, -24.0);
    assert_the_tone_is_exact(&mut game, "lowest volume");
    for _ in 0..10 {
        game.press(KeyCode::Equal);
    }
    assert_eq!(game.world().resource::<VisitorVolume>().db, 0.0);
    assert_the_tone_is_exact(&mut game, "highest volume");
    // The scene comes back once the tone is off.
    assert!(game.render(0.5).heard().rms_db() > -70.0);
}

/// Safe listening: a session rises from silence, though the attract loop was already playing.
#[test]
fn a_session_rises_from_silence_after_the_attract_loop() {
    const RAMP_S: f32 = 2.0;
    let (mut game, _logs) = station(
        "ramp",
        &format!("[sound]\nramp_in_s = {RAMP_S}\nattract_volume_db = -12\n"),
    );
    game.advance_secs(RAMP_S + 1.0);
    assert!(game.render(0.5).heard().rms_db() > -60.0, "the loop plays");
    game.press(KeyCode::Space);
    let heard = game.render(RAMP_S + 1.5).heard();
    assert_eq!(visit(&game), Visit::Session);
    let first = Recording(heard.0[..48_000 / 20].to_vec());
    let after = heard.from_secs(RAMP_S + 0.2);
    assert!(
        first.rms_db() <= after.rms_db() - 30.0,
        "the first 50 ms at {:.1} dBFS, after the ramp {:.1} dBFS",
        first.rms_db(),
        after.rms_db()
    );
}

fn shown_texts(game: &mut TestGame) -> Vec<String> {
    let world = game.world_mut();
    world
        .query::<&Text>()
        .iter(world)
        .map(|t| t.0.clone())
        .collect()
}

#[test]
fn the_content_note_is_on_the_attract_banner_and_the_first_screen_of_every_session() {
    let (mut game, _logs) = station("note", "");
    let noted = |game: &mut TestGame| shown_texts(game).iter().any(|t| t == CONTENT_NOTE);
    assert!(noted(&mut game), "the attract banner warns");
    for _ in 0..2 {
        game.press(KeyCode::Space);
        game.advance_secs(0.2);
        assert_eq!(visit(&game), Visit::Session);
        assert!(noted(&mut game), "the session's first screen warns");
        game.advance_secs(4.0);
        game.move_mouse(Vec2::new(3.0, 0.0));
        game.advance_secs(8.0);
        assert!(!noted(&mut game), "the note gives way to the place");
        type_keys(&mut game, &KNOCK);
        type_keys(&mut game, &PIN);
        type_keys(&mut game, &[KeyCode::Enter, KeyCode::KeyR]);
        game.advance_secs(0.6);
        assert_eq!(visit(&game), Visit::Attract);
        assert!(noted(&mut game), "back on the attract banner");
    }
}
