//! The player's settings: what can be chosen (`model`, pure), where it is kept between runs (`store`),
//! and the resource every module reads (`current`). At an exhibition station no personal file is read
//! or written: the operator's defaults rule.

mod current;
pub mod model;
pub mod store;

pub(crate) use current::plugin;
pub use current::{CurrentSettings, SettingsFile, SettingsSystems};
pub use model::{
    CameraSway, CaptionMode, CaptionSize, HearTheRoom, Settings, SettingsProblem, TinnitusMode,
    limits,
};
pub use store::SettingsStore;
