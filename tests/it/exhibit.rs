//! Exhibition mode: attract loop, sessions, two-tier idle, session cap, operator overlay, defaults restored
//! for every visitor, the session log, and settings files refused with file, line and key.

use std::path::{Path, PathBuf};

use crate::ears::assert_rises_from_silence;

use bevy::prelude::*;
use stillness::{
    autopilot::{Autopilot, Guide},
    exhibit::{
        CALIBRATION_DBFS, EXAMPLE_PIN_HASH, ExhibitConfig, ExhibitPlugin, FrameTimes, IdleClock,
        Notifier, OverlayOpen, OverlayStage, StillThere, Visit, VisitorVolume,
    },
    journey::{Place, Screen},
    scenes::{
        gig::GigBeat,
        house::{HouseBeat, LOOP_S},
        kit::OpeningBeat,
    },
    settings::{CaptionMode, CurrentSettings},
    testing::{TestGame, play_on_a_stand_in_card},
    ui::CONTENT_NOTE,
};

/// The tests' PIN, 246813, as `stillness exhibit --hash-pin 246813` printed it.
pub(crate) const PIN_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$4R/ESud9x81pwqybCfRgKQ$VyCp7xzpUV0J+Fwfnjpew0F3ndvAOk/pBw9TYf6RjZc";
const PIN: [KeyCode; 6] = [
    KeyCode::Digit2,
    KeyCode::Digit4,
    KeyCode::Digit6,
    KeyCode::Digit8,
    KeyCode::Digit1,
    KeyCode::Digit3,
];
const KNOCK: [KeyCode; 3] = [KeyCode::F12, KeyCode::F12, KeyCode::F12];

/// A test's own folder in the temp dir (a station's logs, a settings file), deleted with all it holds when
/// the test is done with it.
pub struct TempFolder(PathBuf);

impl TempFolder {
    /// `stillness-it-NAME-PID` in the temp dir, empty.
    pub fn fresh(name: &str) -> Self {
        let logs = std::env::temp_dir().join(format!("stillness-it-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&logs);
        Self(logs)
    }
}

impl std::ops::Deref for TempFolder {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempFolder {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A station with short idle times and cap, logging into its own folder.
pub fn station(name: &str, extra: &str) -> (TestGame, TempFolder) {
    station_with(name, extra, |_| {})
}

/// Like [`station`], with the app adjusted before its first frame.
pub fn station_with(
    name: &str,
    extra: &str,
    configure: impl FnOnce(&mut App),
) -> (TestGame, TempFolder) {
    let logs = TempFolder::fresh(name);
    (station_set_up(&logs, extra, configure), logs)
}

/// A station logging into `logs`, as the last run there left it.
pub fn station_logging_in(logs: &Path, extra: &str) -> TestGame {
    station_set_up(logs, extra, |_| {})
}

fn station_set_up(logs: &Path, extra: &str, configure: impl FnOnce(&mut App)) -> TestGame {
    let text = format!(
        "[idle]\nwarning_s = 5\nreset_s = 10\n[session]\ncap_s = 60\n[log]\ndirectory = \"{}\"\n{extra}\n\
         [operator]\npin_hash = \"{PIN_HASH}\"\n",
        logs.display()
    );
    let config = ExhibitConfig::parse(&text, Path::new("test.toml")).expect("a good config");
    let mut game = TestGame::with_app(|app| {
        app.add_plugins(ExhibitPlugin { config });
        configure(app);
    });
    // Past the attract loop's first half second, when presses are not yet taken for a new visitor.
    game.advance_secs(0.6);
    game
}

pub fn visit(game: &TestGame) -> Visit {
    *game.world().resource::<State<Visit>>().get()
}

/// Every line of every log file (the day files, not the PIN lock beside them).
pub fn log_lines(logs: &Path) -> Vec<serde_json::Value> {
    let Ok(entries) = std::fs::read_dir(logs) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "jsonl"))
        .flat_map(|path| {
            std::fs::read_to_string(path)
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
fn only_a_session_times_its_frames() {
    let (mut game, _logs) = station("frames", "");
    game.advance_secs(2.0);
    let timed = |game: &TestGame| game.world().resource::<FrameTimes>().timed();
    assert_eq!(timed(&game), 0, "the attract loop keeps no frame times");
    game.press(KeyCode::Space);
    game.advance_secs(1.0);
    assert_eq!(visit(&game), Visit::Session);
    let in_a_second = timed(&game);
    assert!(in_a_second > 0, "a session times its frames");
    game.advance_secs(1.0);
    assert!(timed(&game) > in_a_second, "every frame of it");
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
    let (mut game, logs) = station("overlay", "");
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

    // Three wrong PINs lock the prompt, and a restart does not open it.
    type_keys(&mut game, &KNOCK);
    for _ in 0..3 {
        type_keys(&mut game, &[KeyCode::Digit9, KeyCode::Enter]);
    }
    assert_eq!(overlay_stage(&game), None);
    type_keys(&mut game, &KNOCK);
    assert_eq!(overlay_stage(&game), None, "locked after three wrong PINs");
    drop(game);
    let mut restarted = station_logging_in(&logs, "");
    type_keys(&mut restarted, &KNOCK);
    assert_eq!(
        overlay_stage(&restarted),
        None,
        "still locked after a restart"
    );
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
        game.world().resource::<CurrentSettings>().captions.mode,
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
        game.world().resource::<CurrentSettings>().captions.mode,
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
        (
            "example-pin",
            format!("[operator]\npin_hash = \"{EXAMPLE_PIN_HASH}\"\n"),
            ":2: `operator.pin_hash`: this is the example's PIN",
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
    let logs = TempFolder::fresh("ceiling");
    let text = format!(
        "[idle]\nwarning_s = 300\nreset_s = 600\n[session]\ncap_s = 3600\n\
         [sound]\nceiling_dbfs = {CEILING_DBFS}\nvolume_db = 0\nvisitor_max_db = 0\nramp_in_s = 0.5\n\
         [log]\ndirectory = \"{}\"\n[operator]\npin_hash = \"{PIN_HASH}\"\n",
        logs.display()
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
    let render = game.render(RAMP_S + 1.5);
    assert_eq!(visit(&game), Visit::Session);
    assert_rises_from_silence(&render, RAMP_S, "a session");
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
    let note = game.text(&CONTENT_NOTE);
    let noted = |game: &mut TestGame| shown_texts(game).contains(&note);
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

/// systemd stops a station with SIGTERM (a stop, a reboot): the station records it and exits cleanly.
#[cfg(unix)]
#[test]
fn a_stop_from_the_system_leaves_a_shutdown_record() {
    let dir = std::env::temp_dir().join(format!("stillness-it-sigterm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let logs = dir.join("logs");
    let file = dir.join("exhibit.toml");
    std::fs::write(&file, format!("[operator]\npin_hash = \"{PIN_HASH}\"\n")).unwrap();
    let mut station = std::process::Command::new(env!("CARGO_BIN_EXE_stillness"))
        .args(["exhibit", "--headless", "--config"])
        .arg(&file)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while !logs.is_dir() && started.elapsed().as_secs() < 120 {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(logs.is_dir(), "the station opened its log");
    // A few frames of the attract loop.
    std::thread::sleep(std::time::Duration::from_secs(1));
    let signalled = std::process::Command::new("kill")
        .args(["-TERM", &station.id().to_string()])
        .status()
        .unwrap();
    assert!(signalled.success());
    let status = loop {
        if let Some(status) = station.try_wait().unwrap() {
            break status;
        }
        if started.elapsed().as_secs() > 180 {
            station.kill().unwrap();
            panic!("the station did not stop");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success(), "a clean exit: {status}");
    let lines = log_lines(&logs);
    let last = lines.last().expect("a record");
    assert_eq!(last["kind"], "shutdown", "{lines:?}");
    assert_eq!(last["reason"], "stop-requested");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The unit's keys each in the section where systemd reads them, the hardening a technician expects, and
/// `systemd-analyze verify` content with it where systemd is installed.
#[cfg(unix)]
#[test]
fn the_systemd_unit_is_hardened_and_verifies() {
    let unit_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/stillness.service");
    let unit = std::fs::read_to_string(&unit_path).unwrap();
    let mut section = "";
    let mut keys: Vec<(String, String, String)> = Vec::new();
    for line in unit.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line.trim_matches(|c| c == '[' || c == ']');
        } else if let Some((key, value)) = line.split_once('=')
            && !line.starts_with('#')
        {
            keys.push((section.to_string(), key.to_string(), value.to_string()));
        }
    }
    let value_in = |section: &str, key: &str| {
        keys.iter()
            .find(|(s, k, _)| s == section && k == key)
            .map(|(_, _, v)| v.as_str())
    };
    for key in ["StartLimitIntervalSec", "StartLimitBurst"] {
        assert!(value_in("Unit", key).is_some(), "{key} in [Unit]");
        assert!(value_in("Service", key).is_none(), "{key} not in [Service]");
    }
    assert_eq!(value_in("Service", "NoNewPrivileges"), Some("yes"));
    assert_eq!(value_in("Service", "ProtectSystem"), Some("strict"));
    assert_eq!(value_in("Service", "PrivateTmp"), Some("yes"));
    assert!(value_in("Service", "MemoryMax").is_some());
    assert!(
        value_in("Service", "ReadWritePaths").is_some_and(|p| p.contains("%h/stillness/logs")),
        "the log folder stays writable"
    );

    let Ok(analyze) = which("systemd-analyze") else {
        eprintln!(
            "systemd-analyze is not installed: the unit's structure was checked, not systemd's view"
        );
        return;
    };
    // `%h` is the home of whoever verifies: give it the station's layout.
    let home = std::env::temp_dir().join(format!("stillness-it-unit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(home.join("stillness/logs")).unwrap();
    std::os::unix::fs::symlink(
        env!("CARGO_BIN_EXE_stillness"),
        home.join("stillness/stillness"),
    )
    .unwrap();
    let verify = std::process::Command::new(analyze)
        .arg("verify")
        .arg(&unit_path)
        .env("HOME", &home)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&verify.stderr).to_string()
        + &String::from_utf8_lossy(&verify.stdout);
    assert!(verify.status.success() && said.trim().is_empty(), "{said}");
    std::fs::remove_dir_all(&home).unwrap();
}

#[cfg(unix)]
fn which(program: &str) -> Result<PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(program))
                .find(|path| path.is_file())
        })
        .ok_or(())
}

/// The value of the sample `name` (with `label`, where given) in the metrics file `prom`, which must
/// parse as Prometheus text with a TYPE line for every metric.
fn metric(prom: &Path, name: &str, label: Option<(&str, &str)>) -> f64 {
    let text = std::fs::read_to_string(prom).expect("the metrics file is written");
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let name = line.split(['{', ' ']).next().unwrap();
        assert!(
            text.contains(&format!("# TYPE {name} ")),
            "{name} has its TYPE line"
        );
    }
    let scrape = prometheus_parse::Scrape::parse(text.lines().map(|l| Ok(l.to_string())))
        .expect("Prometheus text format");
    let sample = scrape
        .samples
        .iter()
        .find(|s| s.metric == name && label.is_none_or(|(k, v)| s.labels.get(k) == Some(v)))
        .unwrap_or_else(|| panic!("{name} {label:?} in\n{text}"));
    match sample.value {
        prometheus_parse::Value::Counter(v)
        | prometheus_parse::Value::Gauge(v)
        | prometheus_parse::Value::Untyped(v) => v,
        _ => panic!("{name} is a plain number"),
    }
}

/// The fleet's figures: a Prometheus text file that parses and follows the sessions.
#[test]
fn the_metrics_file_parses_as_prometheus_text_and_follows_the_sessions() {
    let prom =
        std::env::temp_dir().join(format!("stillness-it-metrics-{}.prom", std::process::id()));
    let _ = std::fs::remove_file(&prom);
    let (mut game, _logs) = station(
        "metrics",
        &format!(
            "[metrics]\ntextfile = \"{}\"\nevery_s = 1\n",
            prom.display()
        ),
    );
    let read = |prom: &Path| {
        let value = |name: &str, label: Option<(&str, &str)>| metric(prom, name, label);
        (
            value("stillness_sessions_started_total", None),
            value(
                "stillness_sessions_ended_total",
                Some(("outcome", "idle-reset")),
            ),
            value("stillness_visiting", None),
            value("stillness_uptime_seconds", None),
            value(
                "stillness_frame_time_milliseconds",
                Some(("quantile", "0.5")),
            ),
            value(
                "stillness_audio_device",
                Some(("state", "offline-on-purpose")),
            ),
        )
    };
    game.advance_secs(1.2);
    let (started, idle_resets, visiting, uptime_s, frame_ms, offline) = read(&prom);
    assert_eq!((started, idle_resets, visiting), (0.0, 0.0, 0.0));
    assert!(uptime_s > 1.0 && frame_ms > 0.0 && offline == 1.0);

    game.press(KeyCode::Space);
    game.advance_secs(1.2);
    assert_eq!(read(&prom).0, 1.0, "a session started");
    assert_eq!(read(&prom).2, 1.0, "a visitor plays");
    game.advance_secs(11.0);
    assert_eq!(visit(&game), Visit::Attract);
    game.advance_secs(1.2);
    let (started, idle_resets, visiting, ..) = read(&prom);
    assert_eq!((started, idle_resets, visiting), (1.0, 1.0, 0.0));
    assert!(
        !prom.with_extension("prom.tmp").exists(),
        "the temporary file was renamed"
    );
    std::fs::remove_file(&prom).unwrap();
}

/// A session record the disk refuses is an error the fleet sees, counted with the storage errors.
#[test]
fn a_session_log_that_cannot_be_written_counts_as_a_storage_error() {
    let prom = std::env::temp_dir().join(format!(
        "stillness-it-log-error-{}.prom",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&prom);
    let (mut game, logs) = station(
        "log-error",
        &format!(
            "[metrics]\ntextfile = \"{}\"\nevery_s = 1\n",
            prom.display()
        ),
    );
    let storage_errors =
        |prom: &Path| metric(prom, "stillness_errors_total", Some(("kind", "storage")));
    game.advance_secs(1.2);
    assert_eq!(storage_errors(&prom), 0.0);
    // The log folder is taken away and a file put in its place: the record cannot be written.
    std::fs::remove_dir_all(&logs).unwrap();
    std::fs::write(&logs, "not a folder").unwrap();
    game.press(KeyCode::Space);
    game.advance_secs(12.0);
    assert_eq!(visit(&game), Visit::Attract, "the session ended");
    game.advance_secs(1.2);
    assert_eq!(storage_errors(&prom), 1.0, "the lost record is counted");
    std::fs::remove_file(&logs).unwrap();
    std::fs::remove_file(&prom).unwrap();
}

/// Heartbeats systemd would have had since the last look, from the socket standing in for its own.
#[cfg(unix)]
fn heartbeats(systemd: &std::os::unix::net::UnixDatagram) -> usize {
    let mut buffer = [0u8; 64];
    let mut beats = 0;
    while let Ok(read) = systemd.recv(&mut buffer) {
        beats += usize::from(&buffer[..read] == b"WATCHDOG=1");
    }
    beats
}

/// A station playing on a stand-in sound card that the test pulls out and plugs back in, with its
/// heartbeat going to a socket the test reads in systemd's place and its metrics to `prom`.
#[cfg(unix)]
fn station_on_a_card(
    logs: &Path,
    prom: &Path,
    heart: &Path,
    silent_restart_s: u32,
    card: &hearing::DeviceSocket,
) -> TestGame {
    let extra = format!(
        "[metrics]\ntextfile = \"{}\"\nevery_s = 1\n[watchdog]\nsilent_restart_s = {silent_restart_s}\n",
        prom.display()
    );
    let notifier = Notifier::to_socket(heart.to_path_buf()).unwrap();
    station_set_up(logs, &extra, |app| {
        play_on_a_stand_in_card(app, card.clone());
        app.insert_resource(notifier);
    })
}

/// The sound card goes in the middle of a session: the station logs the loss, shows it in its metrics,
/// keeps its heartbeat while it looks for the card again (less often each time), and once the card is
/// back restarts to play on it; the next start plays on it. A card that stays gone starves the
/// watchdog after the operator's time, so that systemd restarts the station.
#[cfg(unix)]
#[test]
fn a_lost_sound_card_is_logged_looked_for_and_played_on_again() {
    let dir = std::env::temp_dir().join(format!("stillness-it-card-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (logs, prom, heart) = (dir.join("logs"), dir.join("m.prom"), dir.join("notify"));
    let systemd = std::os::unix::net::UnixDatagram::bind(&heart).unwrap();
    systemd.set_nonblocking(true).unwrap();
    let device =
        |prom: &Path, state| metric(prom, "stillness_audio_device", Some(("state", state)));
    let card = hearing::DeviceSocket::new();

    let mut game = station_on_a_card(&logs, &prom, &heart, 60, &card);
    game.press(KeyCode::Space);
    game.advance_secs(1.5);
    assert_eq!(visit(&game), Visit::Session);
    assert_eq!(device(&prom, "playing"), 1.0, "sound reaches the card");
    assert_eq!(card.opens_tried(), 1);

    card.pull_out();
    game.advance_secs(1.5);
    assert_eq!(device(&prom, "silent"), 1.0, "the loss shows at once");
    // Looked for 2 and 6 s after the loss: each wait twice the one before.
    game.advance_secs(5.5);
    assert_eq!(
        card.opens_tried(),
        1 + 2,
        "looked for again, less often each time"
    );
    assert!(heartbeats(&systemd) >= 3, "still beating while it looks");

    card.plug_in();
    game.advance_secs(1.0);
    assert_eq!(
        device(&prom, "silent"),
        1.0,
        "the broken stream stays broken"
    );
    // The next look, 8 s after the last, finds it.
    game.advance_secs(7.0);
    assert_eq!(card.opens_tried(), 1 + 3);
    let records = log_lines(&logs);
    let session = records
        .iter()
        .find(|r| r["kind"] == "session")
        .expect("the session ended (idle) and was recorded");
    let errors = session["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e.as_str().unwrap().contains("the stream was lost")),
        "the device's own error is in the session's record: {errors:?}"
    );
    let last = records.last().unwrap();
    assert_eq!(
        last["kind"], "shutdown",
        "the station restarts to play on the card"
    );
    assert_eq!(last["reason"], "restart");
    drop(game);

    // systemd starts it again: it plays on the card.
    let mut game = station_on_a_card(&logs, &prom, &heart, 60, &card);
    game.advance_secs(1.5);
    assert_eq!(device(&prom, "playing"), 1.0, "recovered");
    drop(game);

    // Gone for good: the heartbeat stops after the operator's 5 s, and systemd takes over.
    let mut game = station_on_a_card(&logs, &prom, &heart, 5, &card);
    game.advance_secs(1.0);
    card.pull_out();
    game.advance_secs(4.5);
    heartbeats(&systemd);
    game.advance_secs(1.0);
    let starved_from = heartbeats(&systemd);
    assert!(
        starved_from <= 1,
        "{starved_from} heartbeats after the limit"
    );
    game.advance_secs(4.0);
    assert_eq!(
        heartbeats(&systemd),
        0,
        "no heartbeat once the station gave up"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
