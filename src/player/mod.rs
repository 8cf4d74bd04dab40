//! The drummer in first person: walking, looking, using things, and holding still.

mod body;
mod collision;
mod drummer;
mod input;
mod interaction;
mod look;
mod movement;
mod stillness;

use bevy::prelude::*;

pub use self::{
    body::{
        BODY_RADIUS_M, EYE_HEIGHT_M, LookIntent, LookSensitivity, MovementIntent, Player, Seated,
        Stillness, WALK_SPEED_M_PER_S, yaw_toward,
    },
    drummer::player,
    interaction::{AIM_RAD, Focus, Interactable, Interacted, REACH_M},
    look::{Balance, Head, PITCH_LIMIT_RAD, WOBBLE_S},
    stillness::StillnessCounted,
};

pub(crate) use self::collision::Collider;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        input::plugin,
        movement::plugin,
        look::plugin,
        interaction::plugin,
        stillness::plugin,
    ));
}
