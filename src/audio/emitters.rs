//! Sound emitters become voices on kira tracks: spatial ones from a bounded pool, the rest inside
//! the head. A voice stops the frame its entity goes, so a hard cut leaves no sound behind.

use bevy::prelude::*;
use bevy::state::state::{StateTransition, StateTransitionEvent, StateTransitionSystems};
use bevy_kira_audio::AudioSource;
use hearing::Ear;
use kira::sound::PlaybackState;
use kira::sound::static_sound::{StaticSoundData, StaticSoundHandle};
use kira::{Panning, Tween};

use super::bank::SoundBank;
use super::output::{AudioOutput, mint_quat, mint_vector};
use super::sounds::{AudioSystems, FadeIn, InOneEar, Listener, PlaySound, SoundEmitter};
use crate::journey::Pause;

/// Where a voice plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Track {
    Spatial(usize),
    Head,
}

/// A sound that is playing for an emitter.
#[derive(Component)]
pub struct Voice {
    track: Track,
    sound: StaticSoundHandle,
    /// How far the voice's samples are scaled down (dB, at most 0): its volume is set that much higher.
    scaling_db: f32,
}

impl Voice {
    /// The spatial track the voice plays on, if it plays from a point in the world.
    pub(crate) fn spatial_track(&self) -> Option<usize> {
        match self.track {
            Track::Spatial(index) => Some(index),
            Track::Head => None,
        }
    }
}

/// An emitter whose sound cannot play (unknown file, or no free track); it stays silent.
#[derive(Component, Debug)]
pub struct Silent;

/// Spawned for each [`PlaySound`]; despawned when the sound ends.
#[derive(Component, Debug)]
pub struct OneShot;

/// Set from the moment a hard cut happens until the next frame begins: voices stopped now are cut, not
/// faded, and the ears jump to their new profile.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct HardCut(pub bool);

/// Voices that end within a place fade this quickly, which is too short to hear as a fade but long
/// enough not to click.
const END_FADE: std::time::Duration = std::time::Duration::from_millis(30);

/// kira pans at constant power: all of a sound in one ear is 3 dB over what that ear gets of it centred.
const ONE_EAR_GAIN_DB: f32 = -3.0103;

/// The volume to play an emitter's sound at, and where between the ears.
fn volume_and_panning(emitter: &SoundEmitter, one_ear: Option<&InOneEar>) -> (f32, Panning) {
    match one_ear {
        Some(InOneEar(ear)) if emitter.in_head => (
            emitter.volume_db + ONE_EAR_GAIN_DB,
            match ear {
                Ear::Left => Panning::LEFT,
                Ear::Right => Panning::RIGHT,
            },
        ),
        _ => (emitter.volume_db, Panning::CENTER),
    }
}

/// kira plays any volume at or below -60 dB as silence. A sound played once and meant to be softer still
/// (the audiometer's faintest tones, -107 dB) plays at this volume with its samples scaled down by the
/// rest; that copies them, which is cheap for a short sound. Loops keep kira's floor.
const SOFTEST_VOLUME_DB: f32 = -50.0;

/// The sound with its samples scaled down by whatever of `volume_db` lies under [`SOFTEST_VOLUME_DB`],
/// and that scaling (dB, at most 0).
fn scaled_for(sound: StaticSoundData, volume_db: f32, looping: bool) -> (StaticSoundData, f32) {
    let scaling_db = (volume_db - SOFTEST_VOLUME_DB).min(0.0);
    if looping || scaling_db >= 0.0 || !scaling_db.is_finite() {
        return (sound, 0.0);
    }
    let gain = 10f32.powf(scaling_db / 20.0);
    let frames = sound.frames.iter().map(|frame| *frame * gain).collect();
    (StaticSoundData { frames, ..sound }, scaling_db)
}

/// How long a change of an emitter's volume takes to arrive.
const VOLUME_GLIDE: std::time::Duration = std::time::Duration::from_millis(250);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HardCut>()
        .add_systems(First, |mut cut: ResMut<HardCut>| cut.0 = false)
        .add_observer(stop_voice)
        .add_systems(OnEnter(Pause::Paused), pause_voices)
        .add_systems(OnExit(Pause::Paused), resume_voices)
        .add_systems(
            PostUpdate,
            (
                spawn_one_shots,
                voice_new_emitters,
                follow_emitters,
                follow_volumes,
                follow_listener,
                end_finished_one_shots,
            )
                .chain()
                .in_set(AudioSystems)
                .run_if(resource_exists::<AudioOutput>),
        );
}

/// Pausing holds every sound where it is (on a device kira would otherwise play on).
fn pause_voices(mut voices: Query<&mut Voice>) {
    for mut voice in &mut voices {
        voice.sound.pause(immediate());
    }
}

fn resume_voices(mut voices: Query<&mut Voice>) {
    for mut voice in &mut voices {
        voice.sound.resume(immediate());
    }
}

fn spawn_one_shots(mut commands: Commands, mut messages: MessageReader<PlaySound>) {
    for message in messages.read() {
        commands.spawn((
            Name::new(format!("One-shot {}", message.sound.0)),
            OneShot,
            SoundEmitter {
                sound: message.sound,
                looping: false,
                volume_db: message.volume_db,
                in_head: message.position.is_none(),
            },
            Transform::from_translation(message.position.unwrap_or_default()),
        ));
    }
}

type UnvoicedEmitter<'a> = (
    Entity,
    &'a SoundEmitter,
    &'a Transform,
    Option<&'a GlobalTransform>,
    Option<&'a FadeIn>,
    Option<&'a InOneEar>,
);

fn voice_new_emitters(
    mut commands: Commands,
    mut output: ResMut<AudioOutput>,
    bank: Res<SoundBank>,
    sources: Res<Assets<AudioSource>>,
    emitters: Query<UnvoicedEmitter, (Without<Voice>, Without<Silent>)>,
) {
    let output = output.mixer();
    for (entity, emitter, transform, global, fade_in, one_ear) in &emitters {
        if !bank.knows(emitter.sound) {
            warn!(
                "No sound file for \"{}\": add assets/audio/{}.wav (or .ogg/.flac)",
                emitter.sound.0, emitter.sound.0
            );
            commands.entity(entity).insert(Silent);
            continue;
        }
        let Some(sound) = bank.sound(emitter.sound, &sources) else {
            // Still loading: try again next frame.
            continue;
        };
        let fade_in = fade_in.filter(|fade| fade.0 > 0.0);
        let (volume_db, panning) = volume_and_panning(emitter, one_ear);
        let (sound, scaling_db) = scaled_for(sound, volume_db, emitter.looping);
        let volume_db = volume_db - scaling_db;
        let mut sound = sound.panning(panning).volume(if fade_in.is_some() {
            kira::Decibels::SILENCE.0
        } else {
            volume_db
        });
        if emitter.looping {
            sound = sound.loop_region(..);
        }
        let position = global.map_or(transform.translation, GlobalTransform::translation);
        let track = if emitter.in_head {
            Track::Head
        } else if let Some(index) = output.take_spatial_track() {
            output.spatial[index].set_position(mint_vector(position), immediate());
            Track::Spatial(index)
        } else {
            warn!(
                "Too many sounds at once: \"{}\" stays silent",
                emitter.sound.0
            );
            commands.entity(entity).insert(Silent);
            continue;
        };
        let played = match track {
            Track::Head => output.head.play(sound),
            Track::Spatial(index) => output.spatial[index].play(sound),
        };
        match played {
            Ok(mut sound) => {
                if let Some(FadeIn(fade_s)) = fade_in {
                    sound.set_volume(
                        volume_db,
                        Tween {
                            duration: std::time::Duration::from_secs_f32(*fade_s),
                            ..Tween::default()
                        },
                    );
                }
                commands.entity(entity).insert(Voice {
                    track,
                    sound,
                    scaling_db,
                });
            }
            Err(error) => {
                warn!("Cannot play \"{}\": {error}", emitter.sound.0);
                if let Track::Spatial(index) = track {
                    output.return_spatial_track(index);
                }
                commands.entity(entity).insert(Silent);
            }
        }
    }
}

fn follow_emitters(
    mut output: ResMut<AudioOutput>,
    voices: Query<(&Voice, &GlobalTransform), Changed<GlobalTransform>>,
) {
    let output = output.mixer();
    for (voice, transform) in &voices {
        if let Track::Spatial(index) = voice.track {
            output.spatial[index]
                .set_position(mint_vector(transform.translation()), Tween::default());
        }
    }
}

/// A playing emitter whose `volume_db` changes glides there (a room quieting), without a click.
fn follow_volumes(
    mut voices: Query<(&SoundEmitter, Option<&InOneEar>, &mut Voice), Changed<SoundEmitter>>,
) {
    for (emitter, one_ear, mut voice) in &mut voices {
        let volume_db = volume_and_panning(emitter, one_ear).0 - voice.scaling_db;
        voice.sound.set_volume(
            volume_db,
            Tween {
                duration: VOLUME_GLIDE,
                ..Tween::default()
            },
        );
    }
}

fn follow_listener(
    mut output: ResMut<AudioOutput>,
    listener: Query<&GlobalTransform, With<Listener>>,
) {
    let Ok(head) = listener.single() else {
        return;
    };
    let (_, rotation, translation) = head.to_scale_rotation_translation();
    let output = output.mixer();
    output
        .listener
        .set_position(mint_vector(translation), Tween::default());
    output
        .listener
        .set_orientation(mint_quat(rotation), Tween::default());
}

fn end_finished_one_shots(mut commands: Commands, voices: Query<(Entity, &Voice), With<OneShot>>) {
    for (entity, voice) in &voices {
        if voice.sound.state() == PlaybackState::Stopped {
            commands.entity(entity).despawn();
        }
    }
}

/// Every change of the state `S` is a hard cut: it cuts every sound that ends with it, one-shots
/// included, on the frame it happens (the app makes the change of place one).
pub fn hard_cuts_on<S: States>(app: &mut App) {
    app.add_systems(
        StateTransition,
        note_hard_cut::<S>
            .after(StateTransitionSystems::DependentTransitions)
            .before(StateTransitionSystems::ExitSchedules),
    );
}

fn note_hard_cut<S: States>(
    mut transitions: MessageReader<StateTransitionEvent<S>>,
    mut cut: ResMut<HardCut>,
    mut commands: Commands,
    one_shots: Query<Entity, With<OneShot>>,
) {
    if transitions.read().count() > 0 {
        cut.0 = true;
        for entity in &one_shots {
            commands.entity(entity).despawn();
        }
    }
}

fn stop_voice(
    remove: On<Remove, Voice>,
    mut voices: Query<&mut Voice>,
    cut: Res<HardCut>,
    output: Option<ResMut<AudioOutput>>,
) {
    let Ok(mut voice) = voices.get_mut(remove.entity) else {
        return;
    };
    let tween = if cut.0 {
        immediate()
    } else {
        Tween {
            duration: END_FADE,
            ..Tween::default()
        }
    };
    voice.sound.stop(tween);
    if let (Track::Spatial(index), Some(mut output)) = (voice.track, output) {
        output.mixer().return_spatial_track(index);
    }
}

/// No glide: a hard cut, or a first placement.
fn immediate() -> Tween {
    Tween {
        duration: std::time::Duration::ZERO,
        ..Tween::default()
    }
}
