//! What gameplay asks of the audio: sounds by key, emitters placed in the world, one-shots, the listener.

use bevy::prelude::*;
use hearing::Ear;

/// Every sound the experience knows, by its file stem under `assets/audio/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub struct SoundKey(pub &'static str);

/// A sound source placed in a place: it plays from its entity's `GlobalTransform` for as long as the
/// entity lives, and stops the frame the entity goes.
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

/// Beside a [`SoundEmitter`]: its sound rises from silence to its volume over this many seconds when it
/// starts, instead of starting at full level.
#[derive(Component, Debug, Clone, Copy, PartialEq, Reflect)]
pub struct FadeIn(pub f32);

/// Beside an in-head [`SoundEmitter`]: it plays in one ear only, as through one side of headphones, at the
/// level either ear would get it at from the middle.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct InOneEar(pub Ear);

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

/// Where the audio systems run: after transforms are propagated, so every position is this frame's.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AudioSystems;
