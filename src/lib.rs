//! Stillness: the app plugin that adds one plugin per module and orders the app-wide system sets.
//!
//! The modules form layers, each importing only from those below it (checked by `tests/it/layers.rs`):
//! `journey` (what everything shares), `words` (every visible word, in the chosen language), `input`, `settings`, `audio`, `hearing`, `haptics` and `player`, `ui`,
//! `autopilot`, `scenes` (the story kit and the places), `exhibit`, this app plugin, `engine` (the
//! experience headless), then `testing` and `render` on top of it, and `cli`.

pub mod audio;
pub mod autopilot;
pub mod cli;
pub(crate) mod engine;
pub mod exhibit;
pub mod haptics;
pub mod hearing;
pub mod input;
pub mod journey;
pub mod player;
pub mod render;
pub mod scenes;
pub mod settings;
pub mod testing;
pub mod ui;
pub mod words;

use bevy::{
    app::ScheduleRunnerPlugin,
    asset::AssetPlugin,
    input::InputPlugin,
    log::LogPlugin,
    prelude::*,
    state::app::StatesPlugin,
    window::{
        CursorOptions, ExitCondition, MonitorSelection, PresentMode, WindowMode, WindowResolution,
    },
};

use crate::journey::{AppSystems, FIXED_HZ, PausableSystems, Pause, Place, Screen};

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
    /// Straight into a place, at its opening beat (its first, unless an `OpeningBeat` says otherwise).
    Place(Place),
}

impl Plugin for AppPlugin {
    fn build(&self, app: &mut App) {
        if self.headless {
            // Run by hand (tests) or on its own (a headless station) at a frame rate a screen would have.
            let runner =
                ScheduleRunnerPlugin::run_loop(std::time::Duration::from_secs_f64(1.0 / 60.0));
            app.add_plugins((
                MinimalPlugins.set(runner),
                StatesPlugin,
                InputPlugin,
                TransformPlugin,
                AssetPlugin::default(),
            ))
            .init_asset::<Mesh>()
            .init_asset::<StandardMaterial>()
            .init_resource::<audio::OfflineOnly>();
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
            app.add_plugins(DefaultPlugins.set(window_plugin).set(LogPlugin {
                fmt_layer: exhibit::journal_lines,
                ..default()
            }))
            .insert_resource(settings::SettingsFile(
                settings::SettingsStore::in_config_folder(),
            ));
        }

        app.insert_resource(Time::<Fixed>::from_hz(FIXED_HZ))
            .insert_resource(self.opening)
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
            .add_systems(Startup, open);

        app.add_plugins((
            journey::plugin,
            words::plugin,
            input::plugin,
            settings::plugin,
            audio::plugin,
            autopilot::plugin,
            haptics::plugin,
            hearing::plugin,
            player::plugin,
            scenes::plugin,
            ui::plugin,
        ));
        // A change of place is a hard cut: the old place's sounds stop and the ears jump on that frame.
        audio::hard_cuts_on::<Place>(app);
    }
}

fn open(
    opening: Res<Opening>,
    mut screen: ResMut<NextState<Screen>>,
    mut place: ResMut<NextState<Place>>,
) {
    if let Opening::Place(start) = *opening {
        screen.set(Screen::Playing);
        place.set(start);
    }
}
