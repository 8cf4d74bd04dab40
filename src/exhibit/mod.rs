//! Exhibition mode: one binary that runs a museum station for weeks. An attract loop the autopilot plays,
//! sessions that start on any button, two-tier idle reset, a session cap, operator defaults restored for
//! every visitor, an operator overlay behind a hidden sequence and a PIN, an anonymous session log and a
//! systemd watchdog heartbeat.

pub mod config;
pub mod log;
mod overlay;
mod session;
pub mod watchdog;

use bevy::prelude::*;

pub use config::{ConfigError, ExhibitConfig, PinHash, SoundLimits, TinnitusMode};
pub use overlay::{CALIBRATION_DBFS, OverlayOpen, OverlayStage};
pub use session::{
    IdleClock, Outcome, SessionClock, StillThere, Visit, VisitorVolume, itinerary_for,
};

/// Exit status of "quit to desktop": the systemd unit does not restart on it.
pub const QUIT_TO_DESKTOP_EXIT: u8 = 64;
/// Exit status of "restart": systemd starts a fresh process.
pub const RESTART_EXIT: u8 = 75;

/// Runs the experience as an installation with the operator's settings.
pub struct ExhibitPlugin {
    pub config: ExhibitConfig,
}

/// The operator's settings, as loaded: every session starts from them.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct OperatorDefaults(pub ExhibitConfig);

/// The station runs as a kiosk: the visitor cannot quit, pause menus offer no way out.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Kiosk;

impl Plugin for ExhibitPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(OperatorDefaults(self.config.clone()))
            .init_resource::<Kiosk>()
            .add_plugins((
                session::plugin,
                overlay::plugin,
                log::plugin,
                watchdog::plugin,
            ));
    }
}
