//! A headless harness for gameplay tests and integrations: the whole experience without window, GPU or
//! sound card, on deterministic time, driven by scripted input.
//!
//! ```ignore
//! let mut game = TestGame::new().at(Place::Gig);
//! assert!(game.walk_to(Vec3::new(0.0, 0.0, -3.0)));
//! ```

use std::collections::HashSet;

use hearing::analysis;
use kira::Frame;

use bevy::{
    ecs::message::MessageCursor,
    input::{
        ButtonState,
        keyboard::{Key, KeyboardInput, NativeKey},
        mouse::{MouseButtonInput, MouseMotion},
    },
    prelude::*,
    time::TimeUpdateStrategy,
};

use crate::{
    AppPlugin, FIXED_HZ, Opening, Screen,
    audio::{OfflineMix, PlaySound, RampIn, SoundBank},
    autopilot::Autopilot,
    hearing::HearingProgression,
    player::{Head, LookSensitivity, Player, Stillness, yaw_toward},
    scenes::{
        Place,
        gig::{GigBeat, GigClock, GigOpening},
    },
    ui::captions::Caption,
};

/// One frame of the harness: one `App::update`, one fixed step.
pub const FRAME_S: f32 = 1.0 / FIXED_HZ as f32;
/// `walk_to` gives up after this long.
pub const WALK_TIMEOUT_S: f32 = 30.0;
/// `walk_to` has arrived this close to its target, on the floor plan.
pub const ARRIVED_M: f32 = 0.25;

/// A sound the game asked for, and on which frame.
#[derive(Debug, Clone)]
pub struct PlayedSound {
    pub frame: u64,
    pub sound: PlaySound,
}

/// A caption the game showed, and on which frame.
#[derive(Debug, Clone)]
pub struct ShownCaption {
    pub frame: u64,
    pub caption: Caption,
}

/// The experience, headless, one frame at a time.
pub struct TestGame {
    app: App,
    frame: u64,
    held: HashSet<KeyCode>,
    sounds: Vec<PlayedSound>,
    sound_cursor: MessageCursor<PlaySound>,
    captions: Vec<ShownCaption>,
    caption_cursor: MessageCursor<Caption>,
}

impl Default for TestGame {
    fn default() -> Self {
        Self::new()
    }
}

impl TestGame {
    /// The experience on its title screen, after its first frame.
    pub fn new() -> Self {
        Self::with_app(|_| {})
    }

    /// Like [`TestGame::new`], with the app adjusted before its first frame (a resource swapped in,
    /// a setting changed).
    pub fn with_app(configure: impl FnOnce(&mut App)) -> Self {
        let mut app = App::new();
        app.add_plugins(AppPlugin {
            headless: true,
            opening: Opening::Title,
            kiosk: false,
        })
        .insert_resource(TimeUpdateStrategy::FixedTimesteps(1))
        // Measurements start at full level; the safe-listening ramp has its own test.
        .insert_resource(RampIn(std::time::Duration::ZERO));
        configure(&mut app);
        let mut game = Self {
            app,
            frame: 0,
            held: HashSet::new(),
            sounds: Vec::new(),
            sound_cursor: MessageCursor::default(),
            captions: Vec::new(),
            caption_cursor: MessageCursor::default(),
        };
        game.update();
        game.wait_for_sounds();
        game
    }

    /// Hands the controls to the ghost visitor: from the next frame it does what each place's `Guide`
    /// asks, with keys and mouse.
    pub fn engage_autopilot(&mut self) {
        self.app.world_mut().resource_mut::<Autopilot>().engage();
    }

    /// Cuts straight into `place`, at its first beat; the place exists when this returns.
    pub fn at(mut self, place: Place) -> Self {
        let world = self.app.world_mut();
        world
            .resource_mut::<NextState<Screen>>()
            .set(Screen::Playing);
        world.resource_mut::<NextState<Place>>().set(place);
        self.update();
        self
    }

    /// Cuts straight into the gig at `beat`.
    pub fn at_beat(mut self, beat: GigBeat) -> Self {
        self.app.insert_resource(GigOpening(beat));
        self.at(Place::Gig)
    }

    /// Runs one frame and returns its number.
    pub fn update(&mut self) -> u64 {
        self.frame += 1;
        self.app.update();
        let world = self.app.world();
        let frame = self.frame;
        let sounds = world.resource::<Messages<PlaySound>>();
        self.sounds
            .extend(self.sound_cursor.read(sounds).map(|sound| PlayedSound {
                frame,
                sound: sound.clone(),
            }));
        let captions = world.resource::<Messages<Caption>>();
        self.captions.extend(
            self.caption_cursor
                .read(captions)
                .map(|caption| ShownCaption {
                    frame,
                    caption: caption.clone(),
                }),
        );
        frame
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
        self.send_key(key, ButtonState::Pressed);
        let frame = self.update();
        self.send_key(key, ButtonState::Released);
        frame
    }

    /// Puts `key` down until [`TestGame::release`].
    pub fn hold(&mut self, key: KeyCode) {
        self.held.insert(key);
        self.send_key(key, ButtonState::Pressed);
    }

    pub fn release(&mut self, key: KeyCode) {
        self.held.remove(&key);
        self.send_key(key, ButtonState::Released);
    }

    /// Clicks `button`: down for one frame, whose number is returned, then up.
    pub fn click(&mut self, button: MouseButton) -> u64 {
        self.send_mouse_button(button, ButtonState::Pressed);
        let frame = self.update();
        self.send_mouse_button(button, ButtonState::Released);
        frame
    }

    /// Moves the mouse by `delta_px` before the next frame.
    pub fn move_mouse(&mut self, delta_px: Vec2) {
        self.app
            .world_mut()
            .write_message(MouseMotion { delta: delta_px });
    }

    /// Turns the view onto `target` with one frame of mouse motion.
    pub fn look_at(&mut self, target: Vec3) {
        self.aim(target, true);
        self.update();
    }

    /// Walks to `target` on the floor plan with W, steering with the mouse; true when it got there within
    /// [`WALK_TIMEOUT_S`] (walls and props may stop it short).
    pub fn walk_to(&mut self, target: Vec3) -> bool {
        let arrived =
            |game: &mut Self| game.player_position().xz().distance(target.xz()) <= ARRIVED_M;
        self.hold(KeyCode::KeyW);
        for _ in 0..frames_in(WALK_TIMEOUT_S) {
            if arrived(self) {
                break;
            }
            self.aim(target, false);
            self.update();
        }
        self.release(KeyCode::KeyW);
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
        *self.app.world().resource::<State<Screen>>().get()
    }

    /// The place, while playing.
    pub fn place(&self) -> Option<Place> {
        self.app
            .world()
            .get_resource::<State<Place>>()
            .map(|state| *state.get())
    }

    /// The gig's beat, while at the gig.
    pub fn gig_beat(&self) -> Option<GigBeat> {
        self.app
            .world()
            .get_resource::<GigClock>()
            .map(GigClock::beat)
    }

    /// The drummer's feet.
    pub fn player_position(&mut self) -> Vec3 {
        self.player_component::<Transform>().translation
    }

    /// The drummer's eyes and where they look, as of the last frame.
    pub fn eye(&mut self) -> (Vec3, Dir3) {
        let world = self.app.world_mut();
        let eye = world
            .query_filtered::<&GlobalTransform, With<Head>>()
            .single(world)
            .expect("the drummer has one head");
        (eye.translation(), eye.forward())
    }

    pub fn progression(&mut self) -> f32 {
        self.player_component::<HearingProgression>().0
    }

    /// Seconds the drummer has held still.
    pub fn stillness_s(&mut self) -> f32 {
        self.player_component::<Stillness>().held_s
    }

    pub fn entity_count(&self) -> usize {
        self.app.world().entities().count_spawned() as usize
    }

    /// How many entities have a `C`.
    pub fn count<C: Component>(&mut self) -> usize {
        let world = self.app.world_mut();
        world.query_filtered::<(), With<C>>().iter(world).count()
    }

    /// Every sound asked for since the harness started, in order.
    pub fn sounds(&self) -> &[PlayedSound] {
        &self.sounds
    }

    /// Every caption shown since the harness started, in order.
    pub fn captions(&self) -> &[ShownCaption] {
        &self.captions
    }

    pub fn world(&self) -> &World {
        self.app.world()
    }

    pub fn world_mut(&mut self) -> &mut World {
        self.app.world_mut()
    }

    pub fn app_mut(&mut self) -> &mut App {
        &mut self.app
    }

    /// Plays on for `secs` and returns what the player heard and what the room sounded like over that
    /// span, frame for frame, as rendered offline by the real output (hearing effect included).
    pub fn render(&mut self, secs: f32) -> Render {
        self.app
            .world_mut()
            .resource_mut::<OfflineMix>()
            .start_recording();
        self.advance_secs(secs);
        let (heard, room) = self
            .app
            .world_mut()
            .resource_mut::<OfflineMix>()
            .stop_recording();
        Render { heard, room }
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

    /// Waits (in real time, not game time) until every sound has loaded, so renders are complete.
    fn wait_for_sounds(&mut self) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let world = self.app.world();
            let settled = world
                .resource::<SoundBank>()
                .is_settled(world.resource::<AssetServer>());
            if settled || std::time::Instant::now() > deadline {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
            self.app.update();
        }
    }

    fn player_component<C: Component + Clone>(&mut self) -> C {
        let world = self.app.world_mut();
        world
            .query_filtered::<&C, With<Player>>()
            .single(world)
            .expect("exactly one drummer while playing")
            .clone()
    }

    /// Sends the mouse motion that turns the view onto `target` on the next frame (and tilts it too when
    /// `tilt`).
    fn aim(&mut self, target: Vec3, tilt: bool) {
        let world = self.app.world_mut();
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

    fn send_key(&mut self, key_code: KeyCode, state: ButtonState) {
        self.app.world_mut().write_message(KeyboardInput {
            key_code,
            logical_key: Key::Unidentified(NativeKey::Unidentified),
            state,
            text: None,
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
    }

    fn send_mouse_button(&mut self, button: MouseButton, state: ButtonState) {
        self.app.world_mut().write_message(MouseButtonInput {
            button,
            state,
            window: Entity::PLACEHOLDER,
        });
    }
}

fn frames_in(secs: f32) -> u64 {
    (secs / FRAME_S).round().max(0.0) as u64
}

/// The same angle within (-π, π].
fn wrap_rad(rad: f32) -> f32 {
    use std::f32::consts::{PI, TAU};
    let wrapped = (rad + PI).rem_euclid(TAU) - PI;
    if wrapped <= -PI {
        wrapped + TAU
    } else {
        wrapped
    }
}

/// Both renders of one span: what the player heard and the room as it is.
#[derive(Debug, Clone)]
pub struct Render {
    pub heard: Vec<Frame>,
    pub room: Vec<Frame>,
}

impl Render {
    pub fn heard(&self) -> Recording {
        Recording(self.heard.clone())
    }

    pub fn room(&self) -> Recording {
        Recording(self.room.clone())
    }
}

/// A stereo render at the output's sample rate, with the measurements tests need.
#[derive(Debug, Clone)]
pub struct Recording(pub Vec<Frame>);

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
