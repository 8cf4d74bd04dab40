//! Rhythm as vibration: with hands on the boards the visitor feels the children's stamping, harder
//! under the hands than anywhere else in the house. What the ears feel of it (see `haptics`) rumbles,
//! glows at the screen's edges, lights the boards and bobs the children.

use bevy::prelude::*;

use super::layout::STAMPING_AT;
use super::rooms::{Child, FloorGlow, RoomSound};
use crate::audio::{SoundEmitter, SoundKey};
use crate::haptics::Felt;
use crate::journey::{AppSystems, PausableSystems, Place};
use crate::scenes::kit::ThePlace;
use crate::settings::CurrentSettings;
use crate::ui::flashing::FlashingLight;

/// The stamping while the visitor listens with their hands: soft for a pass, then harder.
pub const SOFT_DB: f32 = -18.0;
pub const HARD_DB: f32 = -8.0;
/// Afterwards the children play on, further off.
pub const AFTER_DB: f32 = -18.0;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        show_the_pulse
            .in_set(AppSystems::Update)
            .run_if(in_state(Place::House))
            .in_set(PausableSystems),
    );
}

/// The house's sounds other than the stamping under the visitor's hands.
pub type AmbientSound = (With<RoomSound>, Without<Stamping>);

/// The stamping that the visitor's hands are on.
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct Stamping;

/// The visitor's hands go on the boards: the children's stamping starts anew under them.
pub fn begin(
    commands: &mut Commands,
    place: &ThePlace,
    sounds: &Query<(Entity, &SoundEmitter), AmbientSound>,
) {
    for (entity, sound) in sounds {
        if sound.sound.0 == "floor_beat" {
            commands.entity(entity).despawn();
        }
    }
    commands.spawn((
        place.own(),
        Name::new("Stamping under your hands"),
        Stamping,
        RoomSound { full_db: SOFT_DB },
        SoundEmitter {
            sound: SoundKey("floor_beat"),
            looping: true,
            volume_db: SOFT_DB,
            in_head: false,
        },
        Transform::from_translation(STAMPING_AT),
    ));
}

/// The stamping turns harder, or settles back to play in the distance.
pub fn set_stamping(
    stamping: &mut Query<(&mut SoundEmitter, &mut RoomSound), With<Stamping>>,
    db: f32,
) {
    for (mut emitter, mut room) in stamping.iter_mut() {
        emitter.volume_db = db;
        room.full_db = db;
    }
}

/// The boards' light flashes with what is felt (as deep as the visitor's comfort allows, and through the
/// flash limit); the children's bob is the pulse without the flash.
fn show_the_pulse(
    felt: Res<Felt>,
    settings: Res<CurrentSettings>,
    mut glows: Query<&mut FlashingLight, With<FloorGlow>>,
    mut children: Query<(&Child, &mut Transform)>,
) {
    let depth = settings.comfort.flash_depth();
    for mut light in &mut glows {
        light.requested = depth * felt.pulse;
    }
    for (child, mut transform) in &mut children {
        transform.translation = child.feet + Vec3::Y * 0.07 * felt.pulse;
    }
}
