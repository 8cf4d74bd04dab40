//! Our kira output inside Bevy: one `AudioManager` whose main track carries the hearing effect.
//!
//! Gameplay code only spawns [`SoundEmitter`]s and writes [`PlaySound`] messages; this module owns the
//! device, the listener that follows the player's head and the pool of spatial tracks.

use bevy::prelude::*;

/// Every sound the experience knows, by the file stem under `assets/audio/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub struct SoundKey(pub &'static str);

/// A sound source placed in a place: it plays from its entity's `GlobalTransform`.
#[derive(Component, Debug, Clone, Reflect)]
#[require(Transform)]
pub struct SoundEmitter {
    pub sound: SoundKey,
    /// Loops forever while the entity lives (ambiences, the band's backing track).
    pub looping: bool,
    pub volume_db: f32,
    /// Sounds inside the head (breath, heartbeat, own voice) bypass distance and panning.
    pub in_head: bool,
}

/// A one-shot sound, from a point in the world or inside the player's head.
#[derive(Message, Debug, Clone)]
pub struct PlaySound {
    pub sound: SoundKey,
    pub volume_db: f32,
    /// `None`: inside the head.
    pub position: Option<Vec3>,
}

/// Marks the entity whose transform is the listener (the player's head camera).
#[derive(Component, Debug, Default, Clone, Copy, Reflect)]
pub struct Listener;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<PlaySound>();
}
