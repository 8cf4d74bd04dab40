//! The player's settings: kept in a file between runs, a broken file named and kept, bindings that drive
//! their actions, comfort options seen on the camera and felt in the study, the ringing's modes measured on
//! renders, the whole screen walked by gamepad alone, and a station that ignores personal settings.

use std::path::Path;

use bevy::prelude::*;
use stillness::{
    hearing::{ONSET_RINGING, Perspective},
    input::{Action, Bindings},
    journey::Place,
    player::{Head, WOBBLE_S},
    scenes::{gig::GigBeat, house::HouseBeat},
    settings::{
        CameraSway, CaptionMode, CurrentSettings, HearTheRoom, Settings, SettingsFile,
        SettingsStore, TinnitusMode,
    },
    testing::TestGame,
    ui::{
        settings::{Item, Section, SettingsMenu},
        shimmer::TinnitusShimmer,
    },
};

use crate::exhibit::{TempFolder, station_with};

/// A fresh folder for one test's settings file.
fn scratch(name: &str) -> TempFolder {
    let folder = TempFolder::fresh(&format!("settings-{name}"));
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

fn store_in(folder: &Path) -> SettingsStore {
    SettingsStore {
        path: folder.join("settings.toml"),
    }
}

/// The game, reading and writing its settings at `store`.
fn game_with(store: &SettingsStore) -> TestGame {
    let file = SettingsFile(Some(store.clone()));
    TestGame::with_app(move |app| {
        app.insert_resource(file);
    })
}

/// The game with `change` made to the default settings, kept for this run only.
fn game_where(change: impl FnOnce(&mut Settings)) -> TestGame {
    let mut settings = Settings::default();
    change(&mut settings);
    TestGame::with_app(move |app| {
        app.insert_resource(CurrentSettings(settings));
    })
}

fn settings(game: &TestGame) -> &Settings {
    &game.world().resource::<CurrentSettings>().0
}

#[test]
fn settings_are_read_at_start_and_written_back_when_they_change() {
    let folder = scratch("round-trip");
    let store = store_in(&folder);
    let mut chosen = Settings::default();
    chosen.comfort.field_of_view_deg = 95.0;
    chosen.sound.tinnitus = TinnitusMode::Reduced;
    store.save(&chosen).unwrap();

    let game = game_with(&store);
    assert_eq!(*settings(&game), chosen);
    let mut game = game.at(Place::Morning);
    game.press(KeyCode::KeyC);
    game.update();
    let written = std::fs::read_to_string(&store.path).unwrap();
    assert!(written.contains("mode = \"transcript\""), "{written}");
    assert!(written.contains("field_of_view_deg = 95"), "{written}");
}

#[test]
fn a_broken_settings_file_is_kept_beside_and_the_rest_is_read() {
    let folder = scratch("broken");
    let store = store_in(&folder);
    let text =
        "[comfort]\nfield_of_view_deg = 400\nreduce_flashing = true\n[sound]\ntinnitus = 3\n";
    std::fs::write(&store.path, text).unwrap();
    let game = game_with(&store);
    let read = settings(&game);
    assert!(read.comfort.reduce_flashing);
    assert_eq!(read.comfort.field_of_view_deg, 70.0);
    assert_eq!(read.sound.tinnitus, TinnitusMode::Full);
    assert_eq!(
        std::fs::read_to_string(folder.join("settings.toml.bad")).unwrap(),
        text
    );
    assert_eq!(
        std::fs::read_to_string(&store.path).unwrap(),
        text,
        "the file is not silently replaced"
    );
}

#[test]
fn a_remapped_key_drives_its_action_and_the_old_key_no_longer_does() {
    let mut game = game_where(|settings| {
        settings.controls.bindings.insert(
            "switch-captions".into(),
            vec!["KeyV".into(), "PadNorth".into()],
        );
    });
    game.update();
    let mode = |game: &TestGame| settings(game).captions.mode;
    game.press(KeyCode::KeyC);
    assert_eq!(mode(&game), CaptionMode::Perceived, "C no longer switches");
    game.press(KeyCode::KeyV);
    assert_eq!(mode(&game), CaptionMode::Transcript, "V does");
    let label = game
        .world()
        .resource::<Bindings>()
        .label(Action::SwitchCaptions);
    assert_eq!(game.text(&label), "V / (Y)");
}

#[test]
fn a_key_tapped_down_and_up_within_one_frame_still_does_its_action() {
    let mut game = TestGame::new().at(Place::Morning);
    game.quick_tap(KeyCode::KeyC);
    assert_eq!(settings(&game).captions.mode, CaptionMode::Transcript);
    game.quick_tap(KeyCode::KeyC);
    assert_eq!(settings(&game).captions.mode, CaptionMode::Perceived);
}

#[test]
fn holding_and_toggling_the_room_both_cut_in_the_frame_of_the_press() {
    let perspective = |game: &TestGame| *game.world().resource::<Perspective>();
    let mut game = TestGame::new().at_beat(GigBeat::Onset);
    game.hold(KeyCode::Tab);
    game.update();
    assert_eq!(perspective(&game), Perspective::TheRoomAsItIs);
    game.release(KeyCode::Tab);
    game.update();
    assert_eq!(
        perspective(&game),
        Perspective::YourEars,
        "hold: letting go returns"
    );

    let mut game =
        game_where(|s| s.sound.hear_the_room = HearTheRoom::Toggle).at_beat(GigBeat::Onset);
    game.press(KeyCode::Tab);
    assert_eq!(
        perspective(&game),
        Perspective::TheRoomAsItIs,
        "on the press's frame"
    );
    game.advance_secs(1.0);
    assert_eq!(
        perspective(&game),
        Perspective::TheRoomAsItIs,
        "toggle: it stays"
    );
    game.press(KeyCode::Tab);
    assert_eq!(perspective(&game), Perspective::YourEars);
    // And what is heard follows within the frame: the ringing is gone from the room's render.
    game.press(KeyCode::Tab);
    let render = game.render(0.3);
    let (heard, room) = (render.heard(), render.room());
    let ringing = heard
        .from_secs(0.05)
        .third_octave_db(ONSET_RINGING.frequency_hz);
    let in_room = room
        .from_secs(0.05)
        .third_octave_db(ONSET_RINGING.frequency_hz);
    assert!(
        (ringing - in_room).abs() < 0.5,
        "{ringing:.1} vs {in_room:.1} dBFS"
    );
}

/// The head's roll, frame by frame, from the onset through the lost balance.
fn roll_through_the_onset(mut game: TestGame) -> f32 {
    let mut largest: f32 = 0.0;
    let frames = (WOBBLE_S * 60.0) as usize + 10;
    for _ in 0..frames {
        game.update();
        let (_, _, roll) = game
            .world_mut()
            .query_filtered::<&Transform, With<Head>>()
            .single(game.world())
            .unwrap()
            .rotation
            .to_euler(EulerRot::YXZ);
        largest = largest.max(roll.abs());
    }
    largest
}

#[test]
fn with_camera_sway_off_the_view_never_rolls_through_the_onset() {
    let full = roll_through_the_onset(TestGame::new().at_beat(GigBeat::Onset));
    assert!(full > 0.05, "the view rolls with sway on: {full} rad");
    let reduced = roll_through_the_onset(
        game_where(|s| s.comfort.camera_sway = CameraSway::Reduced).at_beat(GigBeat::Onset),
    );
    assert!(
        reduced > 0.0 && reduced < full * 0.5,
        "{reduced} of {full} rad"
    );
    let off = roll_through_the_onset(
        game_where(|s| s.comfort.camera_sway = CameraSway::Off).at_beat(GigBeat::Onset),
    );
    assert_eq!(off, 0.0);
}

#[test]
fn the_field_of_view_is_the_players() {
    let mut game = game_where(|s| s.comfort.field_of_view_deg = 100.0).at_beat(GigBeat::Onset);
    game.update();
    let fov = |game: &mut TestGame| {
        let projection = game
            .world_mut()
            .query_filtered::<&Projection, With<Head>>()
            .single(game.world())
            .unwrap()
            .clone();
        match projection {
            Projection::Perspective(perspective) => perspective.fov.to_degrees(),
            other => panic!("{other:?}"),
        }
    };
    assert!((fov(&mut game) - 100.0).abs() < 1e-3);
    game.world_mut()
        .resource_mut::<CurrentSettings>()
        .comfort
        .field_of_view_deg = 65.0;
    game.update();
    assert!(
        (fov(&mut game) - 65.0).abs() < 1e-3,
        "changes apply at once"
    );
}

/// Holds the study's stillness while the hand trembles on the mouse: `px` back and forth each frame.
fn held_with_tremor(game: &mut TestGame, px: f32, secs: f32) -> f32 {
    let frames = (secs * 60.0) as usize;
    for frame in 0..frames {
        let sign = if frame % 2 == 0 { 1.0 } else { -1.0 };
        game.move_mouse(Vec2::new(sign * px, -sign * px * 0.5));
        game.update();
    }
    game.stillness_s()
}

#[test]
fn a_tolerant_stillness_forgives_a_trembling_hand_but_not_walking() {
    let mut strict = TestGame::new().at_beat(HouseBeat::Study);
    assert!(
        held_with_tremor(&mut strict, 2.0, 3.0) < 0.1,
        "without tolerance a tremor starts the hold over"
    );
    let mut tolerant =
        game_where(|s| s.comfort.stillness_tolerance = 0.6).at_beat(HouseBeat::Study);
    let held = held_with_tremor(&mut tolerant, 2.0, 3.0);
    assert!(held > 2.9, "held {held} s through the tremor");
    tolerant.hold(KeyCode::KeyW);
    tolerant.update();
    tolerant.update();
    tolerant.release(KeyCode::KeyW);
    assert!(tolerant.stillness_s() < 0.1, "walking still starts it over");
    // A deliberate look is not a tremor.
    held_with_tremor(&mut tolerant, 2.0, 1.0);
    tolerant.move_mouse(Vec2::new(120.0, 0.0));
    tolerant.update();
    assert!(
        tolerant.stillness_s() < 0.1,
        "looking around starts it over"
    );
}

/// The ringing heard after the onset (once the rush has ebbed and the ringing holds), in a narrow band
/// around its pitch, with the ringing presented as `mode`; and the shimmer's strength then.
fn ringing_at_the_onset(mode: TinnitusMode) -> (f32, f32) {
    let mut game = game_where(|s| s.sound.tinnitus = mode).at_beat(GigBeat::Onset);
    game.advance_secs(14.0);
    let heard = game.render(2.0).heard();
    let ringing_hz = ONSET_RINGING.frequency_hz;
    let shimmer = game
        .world_mut()
        .query::<&TinnitusShimmer>()
        .single(game.world())
        .unwrap()
        .strength;
    (heard.band_db(ringing_hz - 50.0, ringing_hz + 50.0), shimmer)
}

#[test]
fn reduced_ringing_is_twelve_db_softer_and_visual_only_is_seen_not_heard() {
    let (full, full_shimmer) = ringing_at_the_onset(TinnitusMode::Full);
    let (reduced, _) = ringing_at_the_onset(TinnitusMode::Reduced);
    let (visual, visual_shimmer) = ringing_at_the_onset(TinnitusMode::VisualOnly);
    assert!(
        (full - reduced - 12.0).abs() <= 1.0,
        "full {full:.1}, reduced {reduced:.1} dBFS"
    );
    assert!(
        visual < full - 30.0,
        "visual only: {visual:.1} vs {full:.1} dBFS"
    );
    assert_eq!(full_shimmer, 0.0, "heard, not shown");
    assert!(visual_shimmer > 0.3, "shown: {visual_shimmer}");
}

#[test]
fn a_station_ignores_a_personal_settings_file() {
    let folder = scratch("station");
    let store = store_in(&folder);
    let mut personal = Settings::default();
    personal.captions.mode = CaptionMode::Transcript;
    personal.comfort.field_of_view_deg = 110.0;
    store.save(&personal).unwrap();
    let before = std::fs::read_to_string(&store.path).unwrap();
    let file = SettingsFile(Some(store.clone()));
    let (mut game, _) = station_with("personal-settings", "", move |app| {
        app.insert_resource(file);
    });
    assert_eq!(settings(&game).captions.mode, CaptionMode::Perceived);
    assert_eq!(settings(&game).comfort.field_of_view_deg, 70.0);
    game.press(KeyCode::Space);
    game.advance_secs(0.2);
    game.press(KeyCode::KeyC);
    game.update();
    assert_eq!(settings(&game).captions.mode, CaptionMode::Transcript);
    assert_eq!(
        std::fs::read_to_string(&store.path).unwrap(),
        before,
        "nothing written"
    );
    // And the settings screen is not offered.
    game.press(KeyCode::KeyO);
    assert!(!game.world().resource::<SettingsMenu>().open);
}

#[test]
fn the_whole_settings_screen_is_walked_by_gamepad_alone() {
    use GamepadButton as Pad;
    let mut game = TestGame::new();
    game.connect_gamepad();
    game.update();
    game.press_button(Pad::Select);
    let menu = |game: &TestGame| *game.world().resource::<SettingsMenu>();
    assert!(menu(&game).open, "Select opens the settings from the title");
    for section in Section::ALL {
        assert_eq!(menu(&game).section, section);
        assert_eq!(menu(&game).focus, 0);
        for (index, item) in section.items().into_iter().enumerate() {
            game.press_button(Pad::DPadDown);
            assert_eq!(menu(&game).focus, index + 1, "{item:?} is reached");
            let before = settings(&game).clone();
            match item {
                Item::Bind(action) => {
                    game.press_button(Pad::South);
                    assert_eq!(menu(&game).capturing, Some(action));
                    game.press_button(Pad::RightThumb);
                    assert_eq!(menu(&game).capturing, None);
                    assert_eq!(
                        settings(&game).controls.bindings[&action.name()][0],
                        "PadRightThumb",
                        "{action:?} is rebound"
                    );
                }
                Item::ResetControls => {
                    game.press_button(Pad::South);
                    assert!(settings(&game).controls.bindings.is_empty());
                }
                // The next language, then back.
                Item::Language => {
                    game.press_button(Pad::DPadRight);
                    assert_eq!(settings(&game).language, "es");
                    game.press_button(Pad::DPadLeft);
                    assert_eq!(settings(&game).language, "en");
                }
                _ => {
                    game.press_button(Pad::DPadRight);
                    if *settings(&game) == before {
                        game.press_button(Pad::DPadLeft);
                        game.press_button(Pad::DPadLeft);
                    }
                    assert_ne!(*settings(&game), before, "{item:?} is changed");
                }
            }
        }
        // Down from the last row comes round to the tabs; right is the next section.
        game.press_button(Pad::DPadDown);
        assert_eq!(menu(&game).focus, 0);
        game.press_button(Pad::DPadRight);
    }
    assert_eq!(
        menu(&game).section,
        Section::Sound,
        "round to the first again"
    );
    game.press_button(Pad::East);
    assert!(!menu(&game).open, "back always leads out");
    assert_eq!(
        *game
            .world()
            .resource::<State<stillness::journey::Screen>>()
            .get(),
        stillness::journey::Screen::Title,
        "and nothing began on the way"
    );
}
