//! The harness itself, as an integrator meets it: a gamepad's buttons and sticks as scripted input, rumble
//! requests captured with their frames, a history that stays bounded, and a clear refusal when the sounds
//! cannot be found.

use bevy::prelude::*;
use stillness::{
    haptics::{Thump, rumble_for},
    input::Stick,
    player::Player,
    scenes::gig::GigBeat,
    testing::{HISTORY, TestGame},
    ui::captions::Caption,
    words::Phrase,
};

fn yaw_rad(game: &mut TestGame) -> f32 {
    let world = game.world_mut();
    let body = world
        .query_filtered::<&Transform, With<Player>>()
        .single(world)
        .unwrap();
    body.rotation.to_euler(EulerRot::YXZ).0
}

#[test]
fn a_gamepad_walks_on_one_stick_turns_on_the_other_and_uses_things_with_a() {
    let mut game = TestGame::new().at_beat(GigBeat::WalkToStage);
    game.connect_gamepad();
    let start = game.player_position();
    game.move_stick(Stick::Left, Vec2::Y);
    game.advance_secs(1.0);
    game.move_stick(Stick::Left, Vec2::ZERO);
    game.update();
    let walked = game.player_position() - start;
    assert!(walked.length() > 1.5, "walked {walked} in a second");
    // Facing the stage (-Z), forward on the stick walks toward it.
    assert!(walked.z < -1.5, "toward the stage: {walked}");

    let facing = yaw_rad(&mut game);
    game.move_stick(Stick::Right, Vec2::X);
    game.advance_secs(0.25);
    game.move_stick(Stick::Right, Vec2::ZERO);
    game.update();
    let turned = yaw_rad(&mut game) - facing;
    assert!(
        turned < -0.3,
        "the right stick turns the view right: {turned} rad"
    );
    game.move_stick(Stick::Right, -Vec2::X);
    game.advance_secs(0.25);
    game.move_stick(Stick::Right, Vec2::ZERO);
    game.update();

    // Up to the stage's edge, then (A) on the kit.
    game.move_stick(Stick::Left, Vec2::Y);
    game.advance_secs(2.0);
    game.move_stick(Stick::Left, Vec2::ZERO);
    game.press_button(GamepadButton::South);
    game.update();
    assert_eq!(game.beat::<GigBeat>(), Some(GigBeat::Set));
    let kick = game.press_button(GamepadButton::LeftTrigger2);
    assert!(
        game.sounds()
            .iter()
            .any(|played| played.frame == kick && played.sound.sound.0 == "kick"),
        "the left trigger kicks"
    );
}

#[test]
fn rumble_asked_for_is_captured_with_its_frame_and_strength() {
    let mut game = TestGame::new().at_beat(GigBeat::WalkToStage);
    let gamepad = game.connect_gamepad();
    game.update();
    game.world_mut().write_message(Thump {
        vibration_db_spl: 80.0,
        duration_s: 0.2,
    });
    let frame = game.update();
    // What the place's own low end is felt at rumbles too; this thump's rumble has its strength.
    let felt: Vec<_> = game
        .rumbles()
        .iter()
        .filter(|rumble| rumble.strong_motor() == rumble_for(80.0).strong_motor)
        .collect();
    assert_eq!(felt.len(), 1, "one rumble for one thump on one gamepad");
    assert_eq!(felt[0].frame, frame);
    assert_eq!(felt[0].strong_motor(), rumble_for(80.0).strong_motor);
    assert!(matches!(
        felt[0].request,
        bevy::input::gamepad::GamepadRumbleRequest::Add { gamepad: to, .. } if to == gamepad
    ));
}

#[test]
fn a_long_run_keeps_only_the_latest_history() {
    let mut game = TestGame::new();
    for frame in 0..3 {
        for i in 0..HISTORY {
            game.world_mut()
                .write_message(Caption::sound(Phrase::verbatim(format!("[{frame}: {i}]"))));
        }
        game.update();
    }
    assert_eq!(game.captions().len(), HISTORY);
    let last = game.captions().back().unwrap();
    assert_eq!(last.said, format!("[2: {}]", HISTORY - 1));
    game.clear_history();
    assert!(game.captions().is_empty());
}

#[test]
fn without_sound_files_the_engine_says_where_it_looked_instead_of_rendering_silence() {
    let empty = std::env::temp_dir().join(format!("stillness-it-no-assets-{}", std::process::id()));
    std::fs::create_dir_all(empty.join("assets/audio")).unwrap();
    let out = empty.join("heard.wav");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_stillness"))
        .args(["render", "--place", "gig", "--seconds", "1", "--out"])
        .arg(&out)
        .env("BEVY_ASSET_ROOT", &empty)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "no sounds found in {}",
            empty.join("assets").join("audio").display()
        )),
        "{stderr}"
    );
    assert!(!out.exists(), "no file is written");
    std::fs::remove_dir_all(&empty).unwrap();
}
