//! What the station's parts share: the operator's settings, whether someone is playing, how a session
//! ends and what it leaves for the log, the operator's key, the overlay being up, and the station's health.

use bevy::prelude::*;
use kira::sound::static_sound::StaticSoundHandle;

use super::config::ExhibitConfig;
use crate::journey::Place;
use crate::words::Phrase;

/// Exit status of "quit to desktop": the systemd unit does not restart on it.
pub const QUIT_TO_DESKTOP_EXIT: u8 = 64;
/// Exit status of "restart": systemd starts a fresh process.
pub const RESTART_EXIT: u8 = 75;

/// The operator's settings, as loaded: every session starts from them.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct OperatorDefaults(pub ExhibitConfig);

/// The operator's key: pressed three times quickly it opens the PIN prompt; it never starts a session.
pub const SECRET_KEY: KeyCode = KeyCode::F12;

/// Whether someone is playing.
#[derive(States, Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum Visit {
    /// Nobody: the experience plays itself, low, and waits for a button.
    #[default]
    Attract,
    /// A visitor is playing.
    Session,
}

/// How a session ended, as the log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The visitor reached the end card after the last place.
    Completed,
    /// Nobody touched anything for the idle reset time.
    IdleReset,
    /// The session cap ended it with the end card.
    SessionCap,
    /// The operator reset the station to the attract loop.
    OperatorReset,
    /// The station was restarted or shut down mid-session.
    Shutdown,
}

/// A session is over; the log writes its one record from this.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct SessionEnded {
    pub outcome: Outcome,
    pub duration_s: f32,
    pub places: Vec<Place>,
    pub settings_changed: Vec<SettingChange>,
}

/// Something a visitor changed, by name and the value they chose.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SettingChange {
    pub setting: &'static str,
    pub value: String,
}

/// The session under way.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct SessionClock {
    /// Real seconds since it began.
    pub elapsed_s: f32,
    pub places: Vec<Place>,
    pub settings_changed: Vec<SettingChange>,
    /// Set once the session's first place has begun.
    pub underway: bool,
    /// Set when the cap sent the visitor to the end card.
    pub capped: bool,
    /// Set once its record is written.
    pub ended: bool,
}

/// Writes the session's one record, once.
pub fn end_session(
    clock: &mut SessionClock,
    outcome: Outcome,
    ended: &mut MessageWriter<SessionEnded>,
) {
    if clock.ended {
        return;
    }
    clock.ended = true;
    ended.write(SessionEnded {
        outcome,
        duration_s: clock.elapsed_s,
        places: std::mem::take(&mut clock.places),
        settings_changed: std::mem::take(&mut clock.settings_changed),
    });
}

/// The overlay is up: the game holds still behind it and visitors' input is not theirs.
#[derive(Resource, Debug)]
pub struct OverlayOpen {
    pub stage: OverlayStage,
    /// Whether the game's clock was already paused when the overlay opened.
    pub(super) was_paused: bool,
    pub(super) tone: Option<StaticSoundHandle>,
    pub(super) language: usize,
    pub(super) notice: Phrase,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverlayStage {
    Pin { typed: String },
    Panel,
}
