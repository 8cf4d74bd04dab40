//! The experience headless: no window, GPU or sound card, one fixed step of game time per frame, its
//! sound rendered offline through the drummer's ears in step with the game. The `render` command and the
//! test harness (`testing`) both run on it.

use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::{ecs::schedule::SingleThreadedExecutor, prelude::*, time::TimeUpdateStrategy};
use kira::Frame;

use crate::audio::{OfflineMix, RampIn, SoundBank, sound_folder};
use crate::autopilot::Autopilot;
use crate::journey::{FIXED_HZ, Place, Screen};
use crate::words::Words;
use crate::{AppPlugin, Opening};

/// One frame of the engine: one `App::update`, one fixed step.
pub const FRAME_S: f32 = 1.0 / FIXED_HZ as f32;
/// How long the engine waits, in real time, for the sound files to load.
const LOADING_TIMEOUT: Duration = Duration::from_secs(60);

/// Why the experience could not start headless.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// No sound files at all: the assets are not where the engine looks.
    NoSounds { folder: PathBuf },
    /// Some sound files would not load; each with why.
    Unplayable(Vec<String>),
    /// The sound files were still loading when the engine gave up waiting.
    StillLoading { folder: PathBuf },
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::NoSounds { folder } => write!(
                f,
                "no sounds found in {} (set BEVY_ASSET_ROOT to the folder that holds assets/)",
                folder.display()
            ),
            EngineError::Unplayable(files) => write!(f, "cannot play {}", files.join(", ")),
            EngineError::StillLoading { folder } => write!(
                f,
                "the sounds in {} were still loading after {} s",
                folder.display(),
                LOADING_TIMEOUT.as_secs()
            ),
        }
    }
}

impl std::error::Error for EngineError {}

/// What the drummer heard over a span, and the room as it was, frame for frame (48 kHz stereo).
#[derive(Debug, Clone, Default)]
pub struct Render {
    pub heard: Vec<Frame>,
    pub room: Vec<Frame>,
}

/// The experience headless, one frame at a time.
pub struct Engine {
    app: App,
    frame: u64,
}

impl Engine {
    /// The experience on its title screen, its sounds loaded; `configure` adjusts the app before its
    /// first frame (a plugin added, a resource swapped in). Sound starts at full level: the safe-listening
    /// ramp is for people, and measurements want the level as it is.
    pub fn start(configure: impl FnOnce(&mut App)) -> Result<Self, EngineError> {
        let mut app = App::new();
        app.add_plugins(AppPlugin {
            headless: true,
            opening: Opening::Title,
            kiosk: false,
        })
        .insert_resource(TimeUpdateStrategy::FixedTimesteps(1))
        .insert_resource(RampIn(Duration::ZERO));
        configure(&mut app);
        let mut engine = Self { app, frame: 0 };
        engine.update();
        engine.run_on_one_thread();
        engine.wait_for_sounds()?;
        Ok(engine)
    }

    /// Runs one frame and returns its number.
    pub fn update(&mut self) -> u64 {
        self.frame += 1;
        self.app.update();
        self.frame
    }

    /// The number of the last frame run.
    pub fn frame(&self) -> u64 {
        self.frame
    }

    /// Cuts straight into `place`, at its opening beat; the place exists when this returns.
    pub fn enter(&mut self, place: Place) {
        let world = self.app.world_mut();
        world
            .resource_mut::<NextState<Screen>>()
            .set(Screen::Playing);
        world.resource_mut::<NextState<Place>>().set(place);
        self.update();
    }

    /// Hands the controls to the ghost visitor: from the next frame it does what each place's `Guide`
    /// asks, with the keys and mouse a visitor would use.
    pub fn engage_autopilot(&mut self) {
        self.app.world_mut().resource_mut::<Autopilot>().engage();
    }

    /// Starts keeping what is heard and what the room sounds like.
    pub fn start_recording(&mut self) {
        self.app
            .world_mut()
            .resource_mut::<OfflineMix>()
            .start_recording();
    }

    /// Frames of sound kept since recording started.
    pub fn recorded_frames(&self) -> usize {
        self.app.world().resource::<OfflineMix>().heard.len()
    }

    /// Stops recording and hands over both renders.
    pub fn stop_recording(&mut self) -> Render {
        let (heard, room) = self
            .app
            .world_mut()
            .resource_mut::<OfflineMix>()
            .stop_recording();
        Render { heard, room }
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

    /// Every schedule (all exist once the first frame has run) runs its systems one after another on the
    /// calling thread: frames are reproducible, and many engines can run side by side (parallel tests)
    /// without waking each other's worker threads for every small system.
    fn run_on_one_thread(&mut self) {
        let mut schedules = self.app.world_mut().resource_mut::<Schedules>();
        for (_, schedule) in schedules.iter_mut() {
            schedule.set_executor(SingleThreadedExecutor::new());
        }
    }

    /// Waits (in real time, not game time) until every sound and every localisation file has
    /// loaded, so renders are complete and every word is there; a missing or broken sound is an
    /// error, not silence. Time stands still meanwhile: however long loading takes, the experience
    /// (and the ears' state) starts from the same first frame.
    fn wait_for_sounds(&mut self) -> Result<(), EngineError> {
        // Real time stands still too: offline sound follows it (so it plays on through a pause).
        self.app
            .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::ZERO));
        let loaded = self.load_sounds();
        self.app
            .insert_resource(TimeUpdateStrategy::FixedTimesteps(1));
        loaded
    }

    fn load_sounds(&mut self) -> Result<(), EngineError> {
        let deadline = Instant::now() + LOADING_TIMEOUT;
        loop {
            let world = self.app.world();
            let bank = world.resource::<SoundBank>();
            let server = world.resource::<AssetServer>();
            if bank.is_empty() {
                return Err(EngineError::NoSounds {
                    folder: sound_folder(),
                });
            }
            let words_read = world.resource::<Words>().is_complete();
            if bank.is_settled(server) && words_read {
                let unplayable = bank.unplayable(server);
                return if unplayable.is_empty() {
                    Ok(())
                } else {
                    Err(EngineError::Unplayable(unplayable))
                };
            }
            if Instant::now() > deadline {
                return Err(EngineError::StillLoading {
                    folder: sound_folder(),
                });
            }
            std::thread::sleep(Duration::from_millis(5));
            // Loading frames are not counted: frame 1 is the first the experience plays.
            self.app.update();
        }
    }
}

/// How many frames fit in `secs` of game time.
pub fn frames_in(secs: f32) -> u64 {
    (secs / FRAME_S).round().max(0.0) as u64
}
