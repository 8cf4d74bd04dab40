//! The harness for gameplay tests and integrations: the whole experience headless (no window, GPU or
//! sound card), on deterministic time, driven by scripted input from the keyboard, the mouse and a
//! gamepad, with what the player hears measurable in dB at any frequency.
//!
//! `examples/drive_a_place.rs` is a complete program that drives the gig by gamepad and measures what the
//! drummer hears; it runs with the tests. In short:
//!
//! ```text
//! let mut game = TestGame::new().at_beat(GigBeat::Set);
//! game.connect_gamepad();
//! let frame = game.press_button(GamepadButton::LeftTrigger2);    // the kick
//! let heard = game.render_heard(0.5);
//! assert!(heard.band_db(40.0, 120.0) > -40.0);
//! ```
//!
//! A harness keeps the last [`HISTORY`] sounds, captions and rumbles it saw; [`TestGame::clear_history`]
//! forgets them, so a long run does not grow.

use std::collections::{HashSet, VecDeque};

use bevy::{
    ecs::message::MessageCursor,
    input::{
        ButtonState,
        gamepad::{
            GamepadConnection, GamepadConnectionEvent, GamepadRumbleRequest,
            RawGamepadAxisChangedEvent, RawGamepadButtonChangedEvent, RawGamepadEvent,
        },
        keyboard::{Key, KeyboardInput, NativeKey},
        mouse::{MouseButtonInput, MouseMotion},
    },
    prelude::*,
};
use hearing::analysis;
use kira::Frame;

use crate::audio::{AudioOutput, OfflineMix, OfflineOnly, PlaySound, StandInSoundCard};
use crate::autopilot::{Guide, wrap_rad};
use crate::engine::Engine;
pub use crate::engine::{EngineError, FRAME_S, Render, frames_in};
use crate::hearing::HearingProgression;
use crate::input::Stick;
use crate::journey::{Place, Screen};
use crate::player::{Head, LookSensitivity, Player, Stillness, yaw_toward};
use crate::scenes::kit::{Clock, OpeningBeat, PlaceBeat};
use crate::settings::CaptionMode;
use crate::ui::captions::Caption;
use crate::words::{Phrase, Words};

/// `walk_to` gives up after this long.
pub const WALK_TIMEOUT_S: f32 = 30.0;
/// `walk_to` has arrived this close to its target, on the floor plan.
pub const ARRIVED_M: f32 = 0.25;
/// How many sounds, captions and rumbles the harness remembers; older ones give way.
pub const HISTORY: usize = 4096;

/// A sound the game asked for, and on which frame.
#[derive(Debug, Clone)]
pub struct PlayedSound {
    pub frame: u64,
    /// Where that frame's sound begins on the recording's timeline (48 kHz frames; 0 when nothing
    /// is being recorded).
    pub sample: usize,
    pub sound: PlaySound,
}

/// A caption the game showed, and on which frame, with its words in the language read then.
#[derive(Debug, Clone)]
pub struct ShownCaption {
    pub frame: u64,
    /// Where that frame's sound begins on the recording's timeline (48 kHz frames; 0 when nothing
    /// is being recorded): the moment the caption was asked for, as the rendered audio counts it.
    pub sample: usize,
    pub caption: Caption,
    /// Everything that was said, or the sound (what the transcript mode shows).
    pub said: String,
    /// What the drummer made of it (what the perceived mode shows).
    pub perceived: String,
}

/// A gamepad rumble the game asked for, and on which frame.
#[derive(Clone)]
pub struct FeltRumble {
    pub frame: u64,
    pub request: GamepadRumbleRequest,
}

impl FeltRumble {
    /// The strong (low) motor's strength, 0..1; 0 for a request to stop.
    pub fn strong_motor(&self) -> f32 {
        match &self.request {
            GamepadRumbleRequest::Add { intensity, .. } => intensity.strong_motor,
            GamepadRumbleRequest::Stop { .. } => 0.0,
        }
    }
}

/// The experience, headless, one frame at a time.
pub struct TestGame {
    engine: Engine,
    held: HashSet<KeyCode>,
    /// A key or button was let go since the last frame: a hand cannot press again within that frame.
    released: bool,
    gamepad: Option<Entity>,
    sounds: Log<PlaySound, PlayedSound>,
    captions: Log<Caption, ShownCaption>,
    rumbles: Log<GamepadRumbleRequest, FeltRumble>,
}

/// The messages of one kind the harness has seen, each with its frame, at most [`HISTORY`] of them.
struct Log<M: Message, T> {
    cursor: MessageCursor<M>,
    seen: VecDeque<T>,
    keep: fn(When, &M, &World) -> T,
}

/// The frame a message was written on, and where that frame's sound begins on the recording.
#[derive(Debug, Clone, Copy)]
struct When {
    frame: u64,
    sample: usize,
}

impl<M: Message, T> Log<M, T> {
    fn new(keep: fn(When, &M, &World) -> T) -> Self {
        Self {
            cursor: MessageCursor::default(),
            seen: VecDeque::new(),
            keep,
        }
    }

    fn read(&mut self, world: &World, when: When) {
        let messages = world.resource::<Messages<M>>();
        for message in self.cursor.read(messages) {
            if self.seen.len() == HISTORY {
                self.seen.pop_front();
            }
            self.seen.push_back((self.keep)(when, message, world));
        }
    }
}

impl Default for TestGame {
    fn default() -> Self {
        Self::new()
    }
}

/// For [`TestGame::with_app`]'s `configure`: the game plays on the stand-in sound card in `socket`, a
/// device that the test can pull out and plug back in, instead of rendering offline on purpose.
pub fn play_on_a_stand_in_card(app: &mut App, socket: hearing::DeviceSocket) {
    app.world_mut().remove_resource::<OfflineOnly>();
    app.insert_resource(StandInSoundCard(socket));
}

impl TestGame {
    /// The experience on its title screen, after its first frame. Panics, saying why, when the sounds
    /// cannot be found or played: a test would otherwise measure silence.
    pub fn new() -> Self {
        Self::with_app(|_| {})
    }

    /// Like [`TestGame::new`], with the app adjusted before its first frame (a resource swapped in,
    /// a plugin added).
    pub fn with_app(configure: impl FnOnce(&mut App)) -> Self {
        Self::try_with_app(configure).unwrap_or_else(|error| panic!("stillness: {error}"))
    }

    /// Like [`TestGame::with_app`], recording what is heard from the output's first sample (the first
    /// start's rise from silence included) until [`TestGame::stop_recording`].
    pub fn recording_from_the_start(configure: impl FnOnce(&mut App)) -> Self {
        Self::with_app(|app| {
            configure(app);
            app.world_mut()
                .resource_mut::<OfflineMix>()
                .start_recording();
        })
    }

    /// Like [`TestGame::with_app`], returning why the experience could not start instead of panicking.
    pub fn try_with_app(configure: impl FnOnce(&mut App)) -> Result<Self, EngineError> {
        Ok(Self {
            engine: Engine::start(configure)?,
            held: HashSet::new(),
            released: false,
            gamepad: None,
            sounds: Log::new(|When { frame, sample }, sound, _| PlayedSound {
                frame,
                sample,
                sound: sound.clone(),
            }),
            captions: Log::new(|When { frame, sample }, caption, world| {
                let words = world.resource::<Words>();
                let words_in = |mode| words.text(&caption.shown(mode, words));
                ShownCaption {
                    frame,
                    sample,
                    caption: caption.clone(),
                    said: words_in(CaptionMode::Transcript),
                    perceived: words_in(CaptionMode::Perceived),
                }
            }),
            rumbles: Log::new(|When { frame, .. }, request, _| FeltRumble {
                frame,
                request: request.clone(),
            }),
        })
    }

    /// The words of `phrase` in the language the visitor reads now.
    pub fn text(&self, phrase: &Phrase) -> String {
        self.world().resource::<Words>().text(phrase)
    }

    /// Hands the controls to the ghost visitor: from the next frame it does what each place's `Guide`
    /// asks, with keys and mouse.
    pub fn engage_autopilot(&mut self) {
        self.engine.engage_autopilot();
    }

    /// Cuts straight into `place`, at its opening beat; the place exists when this returns.
    pub fn at(mut self, place: Place) -> Self {
        self.engine.enter(place);
        self.record_messages(0);
        self
    }

    /// Cuts straight into the place of `beat`, at that beat.
    pub fn at_beat<B: PlaceBeat>(mut self, beat: B) -> Self {
        self.engine.world_mut().insert_resource(OpeningBeat(beat));
        self.at(B::PLACE)
    }

    /// Runs one frame and returns its number.
    pub fn update(&mut self) -> u64 {
        self.released = false;
        let sample = self.engine.recorded_frames();
        let frame = self.engine.update();
        self.record_messages(sample);
        frame
    }

    /// Reads the messages of the frame just run, whose sound begins at `sample` on the recording.
    fn record_messages(&mut self, sample: usize) {
        let world = self.engine.world();
        let when = When {
            frame: self.engine.frame(),
            sample,
        };
        self.sounds.read(world, when);
        self.captions.read(world, when);
        self.rumbles.read(world, when);
    }

    /// Runs as many frames as fit in `secs`.
    pub fn advance_secs(&mut self, secs: f32) {
        for _ in 0..frames_in(secs) {
            self.update();
        }
    }

    /// Runs frames until `done` holds (true) or `timeout_s` passes (false).
    pub fn advance_until(
        &mut self,
        timeout_s: f32,
        mut done: impl FnMut(&mut Self) -> bool,
    ) -> bool {
        for _ in 0..frames_in(timeout_s) {
            if done(self) {
                return true;
            }
            self.update();
        }
        done(self)
    }

    // Scripted input: what a visitor's hands would send, as device messages.

    /// Taps `key`: down for one frame, whose number is returned, then up.
    pub fn press(&mut self, key: KeyCode) -> u64 {
        self.let_go_first();
        self.send_key(key, ButtonState::Pressed);
        let frame = self.update();
        self.send_key(key, ButtonState::Released);
        frame
    }

    /// Taps `key` down and up again within one frame (a quick finger at a low frame rate); returns the
    /// frame.
    pub fn quick_tap(&mut self, key: KeyCode) -> u64 {
        self.let_go_first();
        self.send_key(key, ButtonState::Pressed);
        self.send_key(key, ButtonState::Released);
        self.update()
    }

    /// Puts `key` down until [`TestGame::release`].
    pub fn hold(&mut self, key: KeyCode) {
        self.let_go_first();
        self.held.insert(key);
        self.send_key(key, ButtonState::Pressed);
    }

    pub fn release(&mut self, key: KeyCode) {
        self.held.remove(&key);
        self.send_key(key, ButtonState::Released);
    }

    /// Clicks `button`: down for one frame, whose number is returned, then up.
    pub fn click(&mut self, button: MouseButton) -> u64 {
        self.let_go_first();
        self.send_mouse_button(button, ButtonState::Pressed);
        let frame = self.update();
        self.send_mouse_button(button, ButtonState::Released);
        frame
    }

    /// Moves the mouse by `delta_px` before the next frame.
    pub fn move_mouse(&mut self, delta_px: Vec2) {
        self.engine
            .world_mut()
            .write_message(MouseMotion { delta: delta_px });
    }

    /// Plugs in a gamepad, as a visitor would (once: later calls return the same one). It is connected
    /// from the next frame on.
    pub fn connect_gamepad(&mut self) -> Entity {
        if let Some(gamepad) = self.gamepad {
            return gamepad;
        }
        let world = self.engine.world_mut();
        let gamepad = world.spawn(Name::new("Scripted gamepad")).id();
        world.write_message(GamepadConnectionEvent::new(
            gamepad,
            GamepadConnection::Connected {
                name: "Scripted gamepad".to_string(),
                vendor_id: None,
                product_id: None,
            },
        ));
        self.gamepad = Some(gamepad);
        gamepad
    }

    /// Taps `button` on the gamepad: down for one frame, whose number is returned, then up.
    pub fn press_button(&mut self, button: GamepadButton) -> u64 {
        self.hold_button(button);
        let frame = self.update();
        self.release_button(button);
        frame
    }

    /// Puts `button` down until [`TestGame::release_button`].
    pub fn hold_button(&mut self, button: GamepadButton) {
        self.let_go_first();
        self.send_button(button, 1.0);
    }

    pub fn release_button(&mut self, button: GamepadButton) {
        self.send_button(button, 0.0);
    }

    /// Pushes `stick` to `at` (each axis -1..1; zero is rest), where it stays until moved again.
    pub fn move_stick(&mut self, stick: Stick, at: Vec2) {
        let gamepad = self.connect_gamepad();
        let (x, y) = match stick {
            Stick::Left => (GamepadAxis::LeftStickX, GamepadAxis::LeftStickY),
            Stick::Right => (GamepadAxis::RightStickX, GamepadAxis::RightStickY),
        };
        let world = self.engine.world_mut();
        for (axis, value) in [(x, at.x), (y, at.y)] {
            world.write_message(RawGamepadEvent::Axis(RawGamepadAxisChangedEvent::new(
                gamepad, axis, value,
            )));
        }
    }

    /// Turns the view onto `target` with one frame of mouse motion.
    pub fn look_at(&mut self, target: Vec3) {
        self.aim(target, true);
        self.update();
    }

    /// Walks to `target` on the floor plan with the forward key, steering with the mouse; true when it got
    /// there within [`WALK_TIMEOUT_S`] (walls and props may stop it short).
    pub fn walk_to(&mut self, target: Vec3) -> bool {
        let forward = crate::input::Action::WalkForward.key();
        let arrived =
            |game: &mut Self| game.player_position().xz().distance(target.xz()) <= ARRIVED_M;
        self.hold(forward);
        for _ in 0..frames_in(WALK_TIMEOUT_S) {
            if arrived(self) {
                break;
            }
            self.aim(target, false);
            self.update();
        }
        self.release(forward);
        self.update();
        arrived(self)
    }

    /// Lets go of every key and touches nothing for `secs`.
    pub fn hold_still(&mut self, secs: f32) {
        for key in std::mem::take(&mut self.held) {
            self.send_key(key, ButtonState::Released);
        }
        self.advance_secs(secs);
    }

    // What the world is like now.

    pub fn screen(&self) -> Screen {
        *self.world().resource::<State<Screen>>().get()
    }

    /// The place, while playing.
    pub fn place(&self) -> Option<Place> {
        self.world()
            .get_resource::<State<Place>>()
            .map(|state| *state.get())
    }

    /// Where the story of the place of `B` is, while the visitor is there.
    pub fn beat<B: PlaceBeat>(&self) -> Option<B> {
        self.world().get_resource::<Clock<B>>().map(Clock::beat)
    }

    /// What the place asks of the visitor now.
    pub fn guide(&self) -> Guide {
        self.world().resource::<Guide>().clone()
    }

    /// The drummer's feet.
    pub fn player_position(&mut self) -> Vec3 {
        self.player_component::<Transform>().translation
    }

    /// The drummer's eyes and where they look, as of the last frame.
    pub fn eye(&mut self) -> (Vec3, Dir3) {
        let world = self.engine.world_mut();
        let eye = world
            .query_filtered::<&GlobalTransform, With<Head>>()
            .single(world)
            .expect("the drummer has one head");
        (eye.translation(), eye.forward())
    }

    /// The ears' residual-vibration read-out now (dB SPL): the level, below their vibration cutoff, of
    /// what reaches them; what the body feels.
    pub fn vibration_db_spl(&mut self) -> f32 {
        self.world_mut()
            .resource_mut::<AudioOutput>()
            .hearing()
            .readout()
            .vibration_db_spl
    }

    pub fn progression(&mut self) -> f32 {
        self.player_component::<HearingProgression>().0
    }

    /// Seconds the drummer has held still.
    pub fn stillness_s(&mut self) -> f32 {
        self.player_component::<Stillness>().held_s
    }

    pub fn entity_count(&self) -> usize {
        self.world().entities().count_spawned() as usize
    }

    /// How many entities have a `C`.
    pub fn count<C: Component>(&mut self) -> usize {
        let world = self.engine.world_mut();
        world.query_filtered::<(), With<C>>().iter(world).count()
    }

    /// The sounds asked for, in order (the last [`HISTORY`]).
    pub fn sounds(&self) -> &VecDeque<PlayedSound> {
        &self.sounds.seen
    }

    /// The captions shown, in order (the last [`HISTORY`]).
    pub fn captions(&self) -> &VecDeque<ShownCaption> {
        &self.captions.seen
    }

    /// The gamepad rumbles asked for, in order (the last [`HISTORY`]).
    pub fn rumbles(&self) -> &VecDeque<FeltRumble> {
        &self.rumbles.seen
    }

    /// Forgets the sounds, captions and rumbles seen so far.
    pub fn clear_history(&mut self) {
        self.sounds.seen.clear();
        self.captions.seen.clear();
        self.rumbles.seen.clear();
    }

    pub fn world(&self) -> &World {
        self.engine.world()
    }

    pub fn world_mut(&mut self) -> &mut World {
        self.engine.world_mut()
    }

    pub fn app_mut(&mut self) -> &mut App {
        self.engine.app_mut()
    }

    /// Plays on for `secs` and returns what the player heard and what the room sounded like over that
    /// span, frame for frame, as rendered offline by the real output (hearing effect included).
    pub fn render(&mut self, secs: f32) -> Render {
        self.engine.start_recording();
        self.advance_secs(secs);
        self.engine.stop_recording()
    }

    /// Starts keeping what is heard and the room; [`TestGame::stop_recording`] hands both over.
    pub fn start_recording(&mut self) {
        self.engine.start_recording();
    }

    /// Frames of sound kept since recording started (48 kHz).
    pub fn recorded_frames(&self) -> usize {
        self.engine.recorded_frames()
    }

    pub fn stop_recording(&mut self) -> Render {
        self.engine.stop_recording()
    }

    /// What the player hears over the next `secs`.
    pub fn render_heard(&mut self, secs: f32) -> Recording {
        Recording(self.render(secs).heard)
    }

    /// What the room sounds like at the player's head over the next `secs`: the same sound, untouched
    /// by the drummer's ears.
    pub fn render_room(&mut self, secs: f32) -> Recording {
        Recording(self.render(secs).room)
    }

    fn player_component<C: Component + Clone>(&mut self) -> C {
        let world = self.engine.world_mut();
        world
            .query_filtered::<&C, With<Player>>()
            .single(world)
            .expect("exactly one drummer while playing")
            .clone()
    }

    /// Sends the mouse motion that turns the view onto `target` on the next frame (and tilts it too when
    /// `tilt`).
    fn aim(&mut self, target: Vec3, tilt: bool) {
        let world = self.engine.world_mut();
        let (body, sensitivity, children) = world
            .query_filtered::<(&Transform, &LookSensitivity, &Children), With<Player>>()
            .single(world)
            .expect("exactly one drummer while playing");
        let (yaw_now, _, _) = body.rotation.to_euler(EulerRot::YXZ);
        let feet = body.translation;
        let sensitivity = sensitivity.0;
        let head = children.iter().find_map(|child| {
            let head = world.get::<Head>(child)?;
            Some((head.pitch_rad, world.get::<Transform>(child)?.translation))
        });
        let (pitch_now, eye_offset) = head.expect("the drummer has a head");
        let eye = feet + body.rotation * eye_offset;
        let turn_rad = wrap_rad(yaw_toward(eye, target) - yaw_now);
        let tilt_rad = if tilt {
            let to = target - eye;
            to.y.atan2(to.xz().length()) - pitch_now
        } else {
            0.0
        };
        self.move_mouse(-Vec2::new(turn_rad, tilt_rad) / sensitivity);
    }

    /// Runs the frame a release needs before the next press: pressing again within the same frame would
    /// read, as the devices do, as the key never having come up.
    fn let_go_first(&mut self) {
        if self.released {
            self.update();
        }
    }

    fn send_key(&mut self, key_code: KeyCode, state: ButtonState) {
        self.released |= state == ButtonState::Released;
        self.engine.world_mut().write_message(KeyboardInput {
            key_code,
            logical_key: Key::Unidentified(NativeKey::Unidentified),
            state,
            text: None,
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
    }

    fn send_mouse_button(&mut self, button: MouseButton, state: ButtonState) {
        self.released |= state == ButtonState::Released;
        self.engine.world_mut().write_message(MouseButtonInput {
            button,
            state,
            window: Entity::PLACEHOLDER,
        });
    }

    fn send_button(&mut self, button: GamepadButton, value: f32) {
        self.released |= value == 0.0;
        let gamepad = self.connect_gamepad();
        self.engine
            .world_mut()
            .write_message(RawGamepadEvent::Button(RawGamepadButtonChangedEvent::new(
                gamepad, button, value,
            )));
    }
}

/// A stereo render at the output's sample rate, with the measurements tests need.
#[derive(Debug, Clone)]
pub struct Recording(pub Vec<Frame>);

impl Render {
    pub fn heard(&self) -> Recording {
        Recording(self.heard.clone())
    }

    pub fn room(&self) -> Recording {
        Recording(self.room.clone())
    }
}

impl Recording {
    pub fn sample_rate(&self) -> u32 {
        hearing::backend::OFFLINE_SAMPLE_RATE
    }

    pub fn duration_secs(&self) -> f32 {
        self.0.len() as f32 / self.sample_rate() as f32
    }

    fn spectrum(&self) -> analysis::Spectrum {
        analysis::Spectrum::welch(&analysis::mono(&self.0), self.sample_rate())
    }

    /// Level of everything between two frequencies (dBFS).
    pub fn band_db(&self, low_hz: f32, high_hz: f32) -> f32 {
        self.spectrum().band_dbfs(low_hz, high_hz)
    }

    /// Level in the third-octave band around a frequency (dBFS).
    pub fn third_octave_db(&self, centre_hz: f32) -> f32 {
        self.spectrum().third_octave_dbfs(centre_hz)
    }

    /// Overall level (dBFS).
    pub fn rms_db(&self) -> f32 {
        analysis::rms_dbfs(&analysis::mono(&self.0))
    }

    /// True peak over both channels (dBTP).
    pub fn true_peak_db(&self) -> f32 {
        analysis::true_peak_dbfs(&analysis::left(&self.0))
            .max(analysis::true_peak_dbfs(&analysis::right(&self.0)))
    }

    /// The strongest frequency between two frequencies (Hz).
    pub fn peak_frequency_hz(&self, low_hz: f32, high_hz: f32) -> f32 {
        self.spectrum().peak_frequency_hz(low_hz, high_hz)
    }

    /// The recording from `start_secs` on.
    pub fn from_secs(&self, start_secs: f32) -> Recording {
        let start = ((start_secs * self.sample_rate() as f32) as usize).min(self.0.len());
        Recording(self.0[start..].to_vec())
    }
}
