//! The operator overlay: F12 three times within two seconds (or Select + Start held for three seconds on a
//! gamepad), then the PIN. Inside: a calibration tone, a rumble test, caption previews, the station's
//! status, and the ways out: reset to the attract loop, restart, quit to the desktop.

use std::{path::PathBuf, sync::Arc, time::Duration};

use bevy::{
    input::{
        ButtonState,
        gamepad::{GamepadRumbleIntensity, GamepadRumbleRequest},
        keyboard::KeyboardInput,
    },
    prelude::*,
    window::{CursorGrabMode, CursorOptions, PrimaryWindow},
};
use kira::{
    Frame, Tween,
    sound::static_sound::{StaticSoundData, StaticSoundSettings},
};

use super::health::{AudioWatch, DeviceState};
use super::lockout::{FIRST_LOCK_S, PIN_TRIES, PinLockout, lockout_file};
use super::log::{ErrorKind, StationError, StationStatus, unix_now_s};
use super::station::{
    OperatorDefaults, Outcome, OverlayOpen, OverlayStage, QUIT_TO_DESKTOP_EXIT, RESTART_EXIT,
    SECRET_KEY, SessionClock, SessionEnded, Visit, end_session,
};
use crate::audio::AudioOutput;
use crate::hearing::Perspective;
use crate::journey::Screen;
use crate::ui::theme::{ACCENT, INK, NIGHT, label};
use crate::words::{Language, Phrase, Words};

/// Presses of the secret key that open the PIN prompt, and the time they must fit in.
const SECRET_PRESSES: usize = 3;
const SECRET_WITHIN_S: f32 = 2.0;
/// Gamepad: Select and Start held together this long.
const PAD_HOLD_S: f32 = 3.0;
/// The calibration tone: 1 kHz sine at this level re full scale, on one ear at a time.
pub const CALIBRATION_DBFS: f32 = -20.0;
const CALIBRATION_HZ: f32 = 1000.0;
/// The limiter leaves the tone alone with at least this much room under the ceiling.
const CALIBRATION_HEADROOM_DB: f32 = 1.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SecretKnock>()
        .add_systems(Startup, remember_the_lock)
        .add_systems(
            Update,
            (
                listen_for_the_knock.run_if(not(resource_exists::<OverlayOpen>)),
                (take_the_pin, operate)
                    .chain()
                    .run_if(resource_exists::<OverlayOpen>),
            )
                .chain(),
        )
        .add_systems(
            Last,
            refresh_the_panel.run_if(resource_exists::<OverlayOpen>),
        );
}

/// The secret sequence so far.
#[derive(Resource, Debug, Default)]
struct SecretKnock {
    presses_at_s: Vec<f32>,
    pad_held_s: f32,
}

/// The PIN prompt's lock, as kept in its file.
#[derive(Resource, Debug)]
struct PinLock {
    lockout: PinLockout,
    file: PathBuf,
}

impl PinLock {
    fn save(&self, errors: &mut MessageWriter<StationError>) {
        if let Err(error) = self.lockout.save(&self.file) {
            errors.write(StationError(
                ErrorKind::Storage,
                format!(
                    "cannot keep the PIN lock in {}: {error}",
                    self.file.display()
                ),
            ));
        }
    }
}

/// The lock as the last run left it; a damaged file locks the prompt for a while (better shut than open).
fn remember_the_lock(
    mut commands: Commands,
    defaults: Res<OperatorDefaults>,
    mut errors: MessageWriter<StationError>,
) {
    let file = lockout_file(&defaults.0.log_directory);
    let lockout = PinLockout::load(&file).unwrap_or_else(|error| {
        errors.write(StationError(
            ErrorKind::Storage,
            format!("the PIN lock was unreadable: {error}"),
        ));
        PinLockout {
            locks: 1,
            locked_until_unix_s: unix_now_s() + FIRST_LOCK_S,
            ..default()
        }
    });
    commands.insert_resource(PinLock { lockout, file });
}

#[derive(Component)]
struct OverlayRoot;

#[derive(Component)]
struct PanelText;

#[allow(clippy::too_many_arguments)]
fn listen_for_the_knock(
    mut commands: Commands,
    time: Res<Time<Real>>,
    // Counted from the key's own messages: on a slow frame several knocks arrive together.
    mut key_messages: MessageReader<KeyboardInput>,
    gamepads: Query<&Gamepad>,
    mut knock: ResMut<SecretKnock>,
    lock: Option<Res<PinLock>>,
    mut virtual_time: ResMut<Time<Virtual>>,
    mut cursor: Query<&mut CursorOptions, With<PrimaryWindow>>,
) {
    let now_s = time.elapsed_secs();
    for key in key_messages.read() {
        if key.key_code == SECRET_KEY && key.state == ButtonState::Pressed && !key.repeat {
            knock.presses_at_s.push(now_s);
        }
    }
    knock
        .presses_at_s
        .retain(|at_s| now_s - at_s <= SECRET_WITHIN_S);
    let pad_chord = gamepads
        .iter()
        .any(|g| g.pressed(GamepadButton::Select) && g.pressed(GamepadButton::Start));
    knock.pad_held_s = if pad_chord {
        knock.pad_held_s + time.delta_secs()
    } else {
        0.0
    };
    let knocked = knock.presses_at_s.len() >= SECRET_PRESSES || knock.pad_held_s >= PAD_HOLD_S;
    let locked = lock.is_none_or(|lock| lock.lockout.is_locked(unix_now_s()));
    if !knocked || locked {
        return;
    }
    knock.presses_at_s.clear();
    knock.pad_held_s = 0.0;
    let was_paused = virtual_time.is_paused();
    virtual_time.pause();
    for mut cursor in &mut cursor {
        cursor.visible = true;
        cursor.grab_mode = CursorGrabMode::None;
    }
    commands.insert_resource(OverlayOpen {
        stage: OverlayStage::Pin {
            typed: String::new(),
        },
        was_paused,
        tone: None,
        language: 0,
        notice: Phrase::blank(),
    });
    commands.spawn((
        Name::new("Operator overlay"),
        OverlayRoot,
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::Center,
            padding: UiRect::horizontal(percent(12)),
            row_gap: px(10),
            ..default()
        },
        BackgroundColor(NIGHT.with_alpha(0.96)),
        GlobalZIndex(100),
        children![
            label(Phrase::new("overlay-title"), 40.0, ACCENT),
            (PanelText, label(Phrase::blank(), 22.0, INK)),
        ],
    ));
}

const DIGITS: [(KeyCode, KeyCode, char); 10] = [
    (KeyCode::Digit0, KeyCode::Numpad0, '0'),
    (KeyCode::Digit1, KeyCode::Numpad1, '1'),
    (KeyCode::Digit2, KeyCode::Numpad2, '2'),
    (KeyCode::Digit3, KeyCode::Numpad3, '3'),
    (KeyCode::Digit4, KeyCode::Numpad4, '4'),
    (KeyCode::Digit5, KeyCode::Numpad5, '5'),
    (KeyCode::Digit6, KeyCode::Numpad6, '6'),
    (KeyCode::Digit7, KeyCode::Numpad7, '7'),
    (KeyCode::Digit8, KeyCode::Numpad8, '8'),
    (KeyCode::Digit9, KeyCode::Numpad9, '9'),
];

fn take_the_pin(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    defaults: Res<OperatorDefaults>,
    mut overlay: ResMut<OverlayOpen>,
    mut lock: ResMut<PinLock>,
    mut errors: MessageWriter<StationError>,
    mut closing: Closing,
) {
    let OverlayStage::Pin { typed } = &mut overlay.stage else {
        return;
    };
    for (key, pad_key, digit) in DIGITS {
        if (keys.just_pressed(key) || keys.just_pressed(pad_key)) && typed.len() < 12 {
            typed.push(digit);
        }
    }
    if keys.just_pressed(KeyCode::Backspace) {
        typed.pop();
    }
    if keys.just_pressed(KeyCode::Escape) {
        closing.close(&mut commands, &mut overlay);
        return;
    }
    if !(keys.just_pressed(KeyCode::Enter) || keys.just_pressed(KeyCode::NumpadEnter)) {
        return;
    }
    if defaults.0.operator_pin.matches(typed) {
        if lock.lockout != PinLockout::default() {
            lock.lockout.right();
            lock.save(&mut errors);
        }
        overlay.stage = OverlayStage::Panel;
        overlay.notice = Phrase::blank();
        return;
    }
    typed.clear();
    overlay.notice = Phrase::new("overlay-wrong-pin");
    let locked_s = lock.lockout.wrong(unix_now_s());
    lock.save(&mut errors);
    if let Some(locked_s) = locked_s {
        warn!("Operator overlay: {PIN_TRIES} wrong PINs, locked for {locked_s} s");
        closing.close(&mut commands, &mut overlay);
    }
}

/// Takes the overlay down and gives the game its clock back.
#[derive(bevy::ecs::system::SystemParam)]
struct Closing<'w, 's> {
    roots: Query<'w, 's, Entity, With<OverlayRoot>>,
    virtual_time: ResMut<'w, Time<Virtual>>,
    output: Option<ResMut<'w, AudioOutput>>,
    perspective: Res<'w, Perspective>,
}

impl Closing<'_, '_> {
    fn close(&mut self, commands: &mut Commands, overlay: &mut OverlayOpen) {
        self.stop_tone(overlay);
        if !overlay.was_paused {
            self.virtual_time.unpause();
        }
        for root in &self.roots {
            commands.entity(root).despawn();
        }
        commands.remove_resource::<OverlayOpen>();
    }

    fn stop_tone(&mut self, overlay: &mut OverlayOpen) {
        if let Some(mut tone) = overlay.tone.take() {
            tone.stop(Tween::default());
        }
        if let Some(output) = self.output.as_mut() {
            let bypass = *self.perspective == Perspective::TheRoomAsItIs;
            output.hearing().set_bypass(bypass);
            output.level().set_calibrating(false);
            output.mixer().hush_the_scene(false);
        }
    }
}

/// One ear's calibration tone, looping: the other ear silent. AES17: a sine of peak amplitude A reads
/// 20 log10(A) dBFS, as `hearing::Calibration` counts.
fn calibration_tone(left: bool) -> StaticSoundData {
    let sample_rate = hearing::backend::OFFLINE_SAMPLE_RATE;
    // A whole number of cycles, so the loop is seamless.
    let frames = sample_rate as usize;
    let amplitude = hearing::calibration::db_to_amplitude(CALIBRATION_DBFS);
    let samples: Arc<[Frame]> = (0..frames)
        .map(|n| {
            let s = amplitude
                * (std::f32::consts::TAU * CALIBRATION_HZ * n as f32 / sample_rate as f32).sin();
            if left {
                Frame {
                    left: s,
                    right: 0.0,
                }
            } else {
                Frame {
                    left: 0.0,
                    right: s,
                }
            }
        })
        .collect();
    StaticSoundData {
        sample_rate,
        frames: samples,
        settings: StaticSoundSettings::new().loop_region(..),
        slice: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn operate(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    // Gone when the PIN prompt closed itself earlier this frame.
    overlay: Option<ResMut<OverlayOpen>>,
    mut closing: Closing,
    gamepads: Query<Entity, With<Gamepad>>,
    mut rumble: MessageWriter<GamepadRumbleRequest>,
    defaults: Res<OperatorDefaults>,
    visit: Res<State<Visit>>,
    mut next_visit: ResMut<NextState<Visit>>,
    mut screen: ResMut<NextState<Screen>>,
    mut clock: ResMut<SessionClock>,
    mut ended: MessageWriter<SessionEnded>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(mut overlay) = overlay.filter(|o| o.stage == OverlayStage::Panel) else {
        return;
    };
    let pressed = |key| keys.just_pressed(key);
    if pressed(KeyCode::Escape) {
        closing.close(&mut commands, &mut overlay);
        return;
    }
    for (key, left) in [(KeyCode::Digit1, true), (KeyCode::Digit2, false)] {
        if pressed(key) {
            closing.stop_tone(&mut overlay);
            if let Some(output) = closing.output.as_mut() {
                // The tone is for the headphones, not the drummer: the loss is bypassed, the limiter is
                // not; the scene falls silent and no volume applies, so the tone is all there is, at its level.
                output.hearing().set_bypass(true);
                output.mixer().hush_the_scene(true);
                output.level().set_calibrating(true);
                match output.mixer().output.manager.play(calibration_tone(left)) {
                    Ok(handle) => overlay.tone = Some(handle),
                    Err(error) => {
                        overlay.notice = Phrase::new("overlay-tone-failed")
                            .with_verbatim("error", error.to_string());
                        continue;
                    }
                }
            }
            let ceiling = defaults.0.sound.ceiling_dbfs;
            let held_down = ceiling < CALIBRATION_DBFS + CALIBRATION_HEADROOM_DB;
            overlay.notice = Phrase::new(if held_down {
                "overlay-tone-held-down"
            } else {
                "overlay-tone"
            })
            .with_decimal("dbfs", f64::from(CALIBRATION_DBFS), 0)
            .with_decimal(
                "spl",
                f64::from(hearing::Calibration::default().db_spl(CALIBRATION_DBFS)),
                0,
            )
            .with(
                "ear",
                Phrase::new(if left {
                    "overlay-left-ear"
                } else {
                    "overlay-right-ear"
                }),
            )
            .with_decimal("ceiling", f64::from(ceiling), 1)
            .with_decimal(
                "wanted",
                f64::from(CALIBRATION_DBFS + CALIBRATION_HEADROOM_DB),
                1,
            );
        }
    }
    if pressed(KeyCode::Digit3) {
        closing.stop_tone(&mut overlay);
        overlay.notice = Phrase::new("overlay-tone-off");
    }
    if pressed(KeyCode::Digit4) {
        let mut count = 0;
        for gamepad in &gamepads {
            rumble.write(GamepadRumbleRequest::Add {
                duration: Duration::from_secs(1),
                intensity: GamepadRumbleIntensity::MAX,
                gamepad,
            });
            count += 1;
        }
        overlay.notice = Phrase::new("overlay-rumble-sent").with_count("gamepads", count);
    }
    if pressed(KeyCode::Digit5) {
        overlay.language = (overlay.language + 1) % defaults.0.languages.len();
        overlay.notice = Phrase::blank();
    }
    let session_over = |clock: &mut SessionClock, ended: &mut MessageWriter<SessionEnded>| {
        if *visit.get() == Visit::Session {
            end_session(clock, Outcome::OperatorReset, ended);
        }
    };
    if pressed(KeyCode::KeyR) {
        session_over(&mut clock, &mut ended);
        if *visit.get() == Visit::Attract {
            screen.set(Screen::Title);
        } else {
            next_visit.set(Visit::Attract);
        }
        closing.close(&mut commands, &mut overlay);
        return;
    }
    for (key, code) in [
        (KeyCode::KeyX, RESTART_EXIT),
        (KeyCode::KeyQ, QUIT_TO_DESKTOP_EXIT),
    ] {
        if pressed(key) {
            if *visit.get() == Visit::Session {
                end_session(&mut clock, Outcome::Shutdown, &mut ended);
            }
            closing.stop_tone(&mut overlay);
            exit.write(AppExit::from_code(code));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn refresh_the_panel(
    overlay: Res<OverlayOpen>,
    time: Res<Time<Real>>,
    status: Res<StationStatus>,
    defaults: Res<OperatorDefaults>,
    words: Res<Words>,
    visit: Res<State<Visit>>,
    lock: Res<PinLock>,
    output: Option<ResMut<AudioOutput>>,
    watch: Option<Res<AudioWatch>>,
    mut panel: Query<&mut Phrase, With<PanelText>>,
) {
    let sound_s = output.map_or(0.0, |mut output| output.level().seconds_rendered());
    let device = watch.map_or_else(
        || Phrase::new("overlay-device-unknown"),
        |watch| match watch.device_state() {
            DeviceState::Silent => Phrase::new("overlay-device-silent").with_decimal(
                "seconds",
                f64::from(watch.silent_s()),
                0,
            ),
            DeviceState::Playing => Phrase::new("overlay-device-playing"),
            DeviceState::OfflineOnPurpose => Phrase::new("overlay-device-offline"),
        },
    );
    let body = match &overlay.stage {
        OverlayStage::Pin { typed } => Phrase::new("overlay-pin")
            .with_verbatim("typed", "*".repeat(typed.len()))
            .with("notice", overlay.notice.clone())
            .with_count("wrong", i64::from(lock.lockout.wrong_pins)),
        OverlayStage::Panel => {
            let uptime_s = time.elapsed_secs() as u64;
            let code = defaults.0.languages[overlay.language];
            let language = Language::from_code(code).unwrap_or_default();
            let preview = words.text_in(
                language,
                &Phrase::new("caption-speaker").with("name", Phrase::new("speaker-mentor")),
            ) + " "
                + &words.text_in(language, &Phrase::line("mentor_1"));
            Phrase::new("overlay-panel")
                .with_verbatim(
                    "uptime",
                    format!(
                        "{}h {:02}m {:02}s",
                        uptime_s / 3600,
                        uptime_s % 3600 / 60,
                        uptime_s % 60
                    ),
                )
                .with(
                    "visit",
                    Phrase::new(match visit.get() {
                        Visit::Attract => "overlay-attract-loop",
                        Visit::Session => "overlay-visitor-playing",
                    }),
                )
                .with_count("sessions", i64::from(status.sessions_today))
                .with_count("completed", i64::from(status.completions_today))
                .with("device", device)
                .with_decimal("rendered", sound_s, 0)
                .with(
                    "error",
                    status
                        .last_error
                        .as_ref()
                        .map_or_else(|| Phrase::new("overlay-no-error"), Phrase::verbatim),
                )
                .with_verbatim("language", language.own_name())
                .with_verbatim("preview", preview)
                .with("notice", overlay.notice.clone())
        }
    };
    for mut phrase in &mut panel {
        phrase.set_if_neq(body.clone());
    }
}
