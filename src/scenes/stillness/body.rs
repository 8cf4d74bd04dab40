//! The body acted out: each layer arrives with its caption, loops fade in, the recurring sounds come back
//! a little irregularly, and the story slows while the visitor moves.

use bevy::prelude::*;

use super::story::{
    BodySound, FADE_IN_S, MOVING_PACE, STILL_AFTER_S, Sounding, StillnessBeat, StillnessCue,
};
use crate::audio::{FadeIn, PlaySound, SoundEmitter, SoundKey};
use crate::journey::{AppSystems, PausableSystems, Place};
use crate::player::{Player, Stillness};
use crate::scenes::kit::{Clock, Cued, TellTheStory, ThePlace};
use crate::ui::captions::Caption;
use crate::ui::silence::IntentionalSilence;
use crate::words::Phrase;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            slow_while_moving
                .in_set(AppSystems::TickTimers)
                .before(TellTheStory),
            (follow_the_cues, sound_the_body).in_set(AppSystems::Update),
        )
            .run_if(in_state(Place::Stillness))
            .in_set(PausableSystems),
    );
}

/// A layer of the body that has arrived: a loop in the head (with its [`SoundEmitter`]), or a one-shot
/// that comes again. Taking these away takes the body away.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct BodyLayer {
    pub sound: BodySound,
    /// Seconds since the layer arrived.
    pub age_s: f32,
    /// How many times a recurring layer has sounded.
    times: u32,
    /// When (in `age_s`) a recurring layer sounds next.
    next_s: f32,
}

/// While the visitor moves, the body takes longer to come.
fn slow_while_moving(
    mut clock: ResMut<Clock<StillnessBeat>>,
    player: Single<&Stillness, With<Player>>,
) {
    clock.pace = if player.held_s >= STILL_AFTER_S {
        1.0
    } else {
        MOVING_PACE
    };
}

fn follow_the_cues(
    mut cued: MessageReader<Cued<StillnessBeat>>,
    mut commands: Commands,
    place: ThePlace,
    mut captions: MessageWriter<Caption>,
    silences: Query<Entity, With<IntentionalSilence>>,
) {
    for Cued { cue, .. } in cued.read() {
        match *cue {
            StillnessCue::Notice(key) => {
                captions.write(Caption::sound(Phrase::new(key)));
            }
            StillnessCue::Silent(room) => {
                commands.spawn((
                    place.own(),
                    Name::new("The silence that is meant"),
                    IntentionalSilence {
                        room: Phrase::new(room),
                    },
                ));
            }
            StillnessCue::Arrives(sound) => {
                // The body is heard: the silence is over.
                for silence in &silences {
                    commands.entity(silence).despawn();
                }
                captions.write(Caption::sound(Phrase::new(sound.caption())));
                let layer = BodyLayer {
                    sound,
                    age_s: 0.0,
                    times: 0,
                    next_s: 0.0,
                };
                let mut entity = commands.spawn((
                    place.own(),
                    Name::new(format!("Your body: {}", sound.stem())),
                    layer,
                ));
                if sound.sounding() == Sounding::Loop {
                    entity.insert((
                        SoundEmitter {
                            sound: SoundKey(sound.stem()),
                            looping: true,
                            volume_db: sound.volume_db(),
                            in_head: true,
                        },
                        FadeIn(FADE_IN_S),
                    ));
                }
            }
        }
    }
}

/// The recurring layers come again and again, a little irregularly; their first few times are softer,
/// so they too fade in rather than pop.
fn sound_the_body(
    time: Res<Time>,
    mut layers: Query<&mut BodyLayer>,
    mut sounds: MessageWriter<PlaySound>,
) {
    for mut layer in &mut layers {
        layer.age_s += time.delta_secs();
        let Sounding::Every(period_s) = layer.sound.sounding() else {
            continue;
        };
        if layer.age_s < layer.next_s {
            continue;
        }
        let rising_db = -12.0 * (1.0 - layer.age_s / (2.0 * FADE_IN_S)).max(0.0);
        sounds.write(PlaySound {
            sound: SoundKey(layer.sound.stem()),
            volume_db: layer.sound.volume_db() + rising_db,
            position: None,
        });
        layer.times += 1;
        // A body keeps no metronome: each gap is a little longer or shorter than the last.
        let wobble = [0.0, 0.25, -0.2, 0.1, -0.15][layer.times as usize % 5];
        layer.next_s += period_s * (1.0 + wobble);
    }
}
