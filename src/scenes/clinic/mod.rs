//! A clinic's sound booth, the morning after: a pure-tone hearing test through the drummer's own failing
//! ears, and the audiogram it ends with.

mod audiometer;
mod booth;
mod chart;
pub mod layout;
mod story;

use bevy::prelude::*;

pub use self::audiometer::{HearingTest, Stage, TEST_ORDER, tone, tone_sound, volume_db};
pub use self::chart::{AudiogramChart, MeasuredSymbol};
pub use self::story::{CHART_S, ClinicBeat, PROGRESSION, STORY};
use crate::scenes::kit::story_plugin;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        story_plugin::<ClinicBeat>,
        booth::plugin,
        audiometer::plugin,
    ));
}
