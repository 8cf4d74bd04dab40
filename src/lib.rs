//! Stillness: the app plugin that adds one plugin per module and orders the app-wide system sets.

pub mod audio;
pub mod autopilot;
pub mod cli;
pub mod exhibit;
pub mod haptics;
pub mod hearing;
pub mod player;
pub mod render;
pub mod scenes;
pub mod testing;
pub mod ui;

use bevy::{
    asset::AssetPlugin,
    input::InputPlugin,
    prelude::*,
    state::app::StatesPlugin,
    window::{
        CursorOptions, ExitCondition, MonitorSelection, PresentMode, WindowMode, WindowResolution,
    },
};

use crate::scenes::{Place, gig::GigBeat};

/// Game logic runs at this fixed rate, in frames and in tests alike.
pub const FIXED_HZ: f64 = 60.0;

/// The whole experience. `headless` builds it without window, GPU or sound card (tests, benchmarks,
/// offline rendering); otherwise it opens a window with Bevy's default plugins.
#[derive(Debug, Default, Clone, Copy)]
pub struct AppPlugin {
    pub headless: bool,
    pub opening: Opening,
    /// An exhibition station: borderless fullscreen, no cursor, the window cannot be closed.
    pub kiosk: bool,
}

/// Where the visitor starts.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// The title screen with the content note.
    #[default]
    Title,
    /// Straight into a place, at its first beat.
    Place(Place),
    /// Straight into the gig at one of its beats.
    Gig(GigBeat),
}

impl Plugin for AppPlugin {
    fn build(&self, app: &mut App) {
        if self.headless {
            app.add_plugins((
                MinimalPlugins,
                StatesPlugin,
                InputPlugin,
                TransformPlugin,
                AssetPlugin::default(),
            ))
            .init_asset::<Mesh>()
            .init_asset::<StandardMaterial>()
            .insert_resource(audio::OutputRequest::Offline);
        } else {
            let window = Window {
                title: "Stillness".to_string(),
                resolution: WindowResolution::new(1280, 720),
                present_mode: PresentMode::AutoVsync,
                ..default()
            };
            let window_plugin = if self.kiosk {
                WindowPlugin {
                    primary_window: Some(Window {
                        mode: WindowMode::BorderlessFullscreen(MonitorSelection::Primary),
                        ..window
                    }),
                    primary_cursor_options: Some(CursorOptions {
                        visible: false,
                        ..default()
                    }),
                    // The operating system's close request is ignored: the operator overlay is the way out.
                    close_when_requested: false,
                    exit_condition: ExitCondition::DontExit,
                }
            } else {
                WindowPlugin {
                    primary_window: Some(window),
                    ..default()
                }
            };
            app.add_plugins(DefaultPlugins.set(window_plugin));
        }

        app.insert_resource(Time::<Fixed>::from_hz(FIXED_HZ))
            .insert_resource(self.opening)
            .init_state::<Screen>()
            .add_sub_state::<Pause>()
            .configure_sets(
                Update,
                (
                    AppSystems::TickTimers,
                    AppSystems::RecordInput,
                    AppSystems::Update,
                )
                    .chain(),
            )
            .configure_sets(Update, PausableSystems.run_if(in_state(Pause::Running)))
            .configure_sets(
                FixedUpdate,
                PausableSystems.run_if(in_state(Pause::Running)),
            )
            .add_systems(Startup, open)
            .add_systems(OnEnter(Pause::Paused), stop_the_clock)
            .add_systems(OnExit(Pause::Paused), start_the_clock);

        app.add_plugins((
            audio::plugin,
            autopilot::plugin,
            haptics::plugin,
            hearing::plugin,
            player::plugin,
            scenes::plugin,
            ui::plugin,
        ));
    }
}

/// App-wide sets in `Update`, chained once here; every gameplay system says which one it belongs to.
#[derive(SystemSet, Debug, Clone, Copy, Eq, PartialEq, Hash, PartialOrd, Ord)]
pub enum AppSystems {
    /// Advance clocks: the story, the song, the wobble of the view.
    TickTimers,
    /// Turn devices (keyboard, mouse, gamepad) into intents and messages.
    RecordInput,
    /// Everything else.
    Update,
}

/// Systems in this set stop while the game is paused.
#[derive(SystemSet, Debug, Clone, Copy, Eq, PartialEq, Hash)]
pub struct PausableSystems;

/// The screen the visitor is on.
#[derive(States, Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum Screen {
    /// Title and content note, waiting for any key or button.
    #[default]
    Title,
    /// Inside one of the places.
    Playing,
    /// After the last place: a safe-listening message and the credits.
    EndCard,
}

/// Whether play is paused; it exists only while playing.
#[derive(SubStates, Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
#[source(Screen = Screen::Playing)]
pub enum Pause {
    #[default]
    Running,
    Paused,
}

fn open(
    opening: Res<Opening>,
    mut screen: ResMut<NextState<Screen>>,
    mut place: ResMut<NextState<Place>>,
    mut gig_opening: ResMut<scenes::gig::GigOpening>,
) {
    let start = match *opening {
        Opening::Title => return,
        Opening::Place(start) => start,
        Opening::Gig(beat) => {
            gig_opening.0 = beat;
            Place::Gig
        }
    };
    screen.set(Screen::Playing);
    place.set(start);
}

/// Pausing stops virtual time, so fixed-step movement, the story and the song all hold still.
fn stop_the_clock(mut time: ResMut<Time<Virtual>>) {
    time.pause();
}

fn start_the_clock(mut time: ResMut<Time<Virtual>>) {
    time.unpause();
}
