//! The four places, one module each, and the story timeline that drives them.

pub mod build;
pub mod gig;
mod house;
mod morning;
mod stillness;
pub mod timeline;

use bevy::prelude::*;

use crate::Screen;

pub(super) fn plugin(app: &mut App) {
    app.add_sub_state::<Place>()
        .add_message::<TinnitusOnset>()
        .add_plugins((
            gig::plugin,
            morning::plugin,
            house::plugin,
            stillness::plugin,
        ));
}

/// Where the visitor is. Every entity of a place carries `DespawnOnExit(place)`, so moving on is a hard cut:
/// the old place is gone on the frame the new one appears.
#[derive(SubStates, Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
#[source(Screen = Screen::Playing)]
pub enum Place {
    /// The club, at night: the merch table, the onset, the set.
    #[default]
    Gig,
    /// The RV, parked, the morning after.
    Morning,
    /// The house of the deaf community.
    House,
    /// The anechoic chamber.
    Stillness,
}

/// A high ringing begins in the drummer's ears. The hearing bridge starts the tinnitus and the rush of
/// masking noise from here.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct TinnitusOnset;
