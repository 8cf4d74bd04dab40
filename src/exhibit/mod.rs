//! Exhibition mode: one binary that runs a museum station for weeks. An attract loop the autopilot plays,
//! sessions that start on any button, two-tier idle reset, a session cap, operator defaults restored for
//! every visitor, an operator overlay behind a hidden sequence and a PIN, an anonymous session log and a
//! systemd watchdog heartbeat.

mod config;
mod health;
mod journal;
mod lockout;
mod log;
mod metrics;
mod overlay;
mod session;
mod station;
#[cfg(unix)]
mod watchdog;

use bevy::prelude::*;

use crate::audio::Ceiling;
use crate::journey::Kiosk;
pub use config::{
    CAPTION_LANGUAGES, ConfigError, EXAMPLE_PIN_HASH, ExhibitConfig, MetricsFile, PIN_DIGITS,
    PinHash, SoundLimits,
};
pub use journal::journal_lines;
pub use log::{FrameTimes, StopRequest};
pub use overlay::CALIBRATION_DBFS;
pub use session::{IdleClock, StillThere, VisitorVolume, itinerary_for};
pub use station::{
    OperatorDefaults, Outcome, OverlayOpen, OverlayStage, QUIT_TO_DESKTOP_EXIT, RESTART_EXIT,
    SessionClock, Visit,
};
#[cfg(unix)]
pub use watchdog::Notifier;

/// Runs the experience as an installation with the operator's settings.
pub struct ExhibitPlugin {
    pub config: ExhibitConfig,
}

impl Plugin for ExhibitPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(OperatorDefaults(self.config.clone()))
            .insert_resource(Ceiling(self.config.sound.ceiling_dbfs))
            .init_resource::<Kiosk>()
            .add_plugins((
                session::plugin,
                overlay::plugin,
                log::plugin,
                metrics::plugin,
            ));
        #[cfg(unix)]
        app.add_plugins(watchdog::plugin);
    }
}
