//! Our kira output inside Bevy: one `AudioManager` whose main track carries the hearing effect.
//!
//! Gameplay code only spawns [`SoundEmitter`]s and writes [`PlaySound`] messages; this module owns the
//! device (or the offline renderer), the listener that follows the player's head, the bounded pool of
//! spatial tracks and the preloaded sound bank. It knows nothing of the places: the app tells it which
//! state changes are hard cuts ([`hard_cuts_on`]).

mod bank;
mod emitters;
mod level;
mod output;
mod sounds;

use bevy::prelude::*;

pub(crate) use bank::{SoundBank, sound_folder};
pub use emitters::OneShot;
pub(crate) use emitters::{HardCut, Voice, hard_cuts_on};
pub(crate) use output::{AudioOutput, OfflineMix, OfflineOnly};
pub use output::{Ceiling, RampIn, StandInSoundCard};
pub(crate) use sounds::AudioSystems;
pub use sounds::{FadeIn, InOneEar, Listener, PlaySound, SoundEmitter, SoundKey};

pub(super) fn plugin(app: &mut App) {
    app.add_message::<PlaySound>()
        .configure_sets(
            PostUpdate,
            AudioSystems.after(bevy::transform::TransformSystems::Propagate),
        )
        .add_plugins((output::plugin, bank::plugin, emitters::plugin));
}
