//! The morning acted out: the body and the room coming in after the cut, her lines caught in fragments
//! (more when the drummer watches her lips, a little more up close), the kitchen's sounds, and getting up
//! from the bed.

use bevy::prelude::*;

use super::layout::{LOOPS, SINGER_MOUTH, WAKING_FEET};
use super::story::{MorningBeat, MorningCue};
use crate::audio::{PlaySound, SoundEmitter, SoundKey};
use crate::journey::{AppSystems, PausableSystems, Place};
use crate::player::{Head, MovementIntent, Player};
use crate::scenes::kit::{Clock, Cued, ThePlace};
use crate::ui::captions::{Caption, Speaker};
use crate::ui::silence::IntentionalSilence;
use crate::words::Phrase;

/// How much of her words lip reading gives back, on the progression scale, when her face is in view.
const LIP_READING: f32 = 0.4;
/// How much standing close to her gives back.
const NEARNESS: f32 = 0.1;
/// Within this distance her face can be read (m).
const READS_LIPS_WITHIN_M: f32 = 4.0;
/// Within this distance she is near (m).
const NEAR_WITHIN_M: f32 = 2.2;
/// Her face is in view this close to the line of sight (rad).
const FACE_IN_VIEW_RAD: f32 = 0.5;
/// Never the whole line: the ears are severe, lip reading guesses.
const CATCH_AT_BEST: f32 = 0.25;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (follow_the_cues, get_up)
            .in_set(AppSystems::Update)
            .run_if(in_state(Place::Morning))
            .in_set(PausableSystems),
    );
}

/// What of a line the drummer catches (on the progression scale that `perceive` reads): the ears give
/// nothing at a severe loss, so what comes through is what the eyes read off her lips, a little more up
/// close.
pub fn caught(progression: f32, distance_m: f32, face_in_view: bool) -> f32 {
    let mut catch = progression;
    if face_in_view && distance_m <= READS_LIPS_WITHIN_M {
        catch -= LIP_READING;
    }
    if distance_m <= NEAR_WITHIN_M {
        catch -= NEARNESS;
    }
    catch.max(CATCH_AT_BEST)
}

fn follow_the_cues(
    mut cued: MessageReader<Cued<MorningBeat>>,
    mut commands: Commands,
    place: ThePlace,
    mut sounds: MessageWriter<PlaySound>,
    mut captions: MessageWriter<Caption>,
    eyes: Query<&GlobalTransform, With<Head>>,
    silences: Query<Entity, With<IntentionalSilence>>,
) {
    for &Cued { cue, progression } in cued.read() {
        // Any sound that comes in ends the silence.
        if matches!(
            cue,
            MorningCue::Says(_) | MorningCue::Sounds(..) | MorningCue::Comes(_)
        ) {
            for silence in &silences {
                commands.entity(silence).despawn();
            }
        }
        match cue {
            MorningCue::Says(stem) => {
                sounds.write(PlaySound {
                    sound: SoundKey(stem),
                    volume_db: 0.0,
                    position: Some(SINGER_MOUTH),
                });
                let (distance_m, in_view) = eyes.iter().next().map_or((f32::MAX, false), |eye| {
                    let to = SINGER_MOUTH - eye.translation();
                    let in_view = to.length() > 1e-3
                        && eye.forward().angle_between(to.normalize()) <= FACE_IN_VIEW_RAD;
                    (to.length(), in_view)
                });
                captions.write(
                    Caption::spoken(
                        stem,
                        Speaker::Named(Phrase::new("speaker-singer")),
                        caught(progression, distance_m, in_view),
                    )
                    .from_source(SINGER_MOUTH),
                );
            }
            MorningCue::Sounds(stem, at, key) => {
                sounds.write(PlaySound {
                    sound: SoundKey(stem),
                    volume_db: 0.0,
                    position: Some(at),
                });
                captions.write(Caption::sound(Phrase::new(key)).from_source(at));
            }
            MorningCue::Comes(stem) => {
                for (_, at, volume_db, in_head) in LOOPS.iter().filter(|l| l.0 == stem) {
                    commands.spawn((
                        place.own(),
                        Name::new(format!("Sound: {stem}")),
                        SoundEmitter {
                            sound: SoundKey(stem),
                            looping: true,
                            volume_db: *volume_db,
                            in_head: *in_head,
                        },
                        Transform::from_translation(*at),
                    ));
                }
            }
            MorningCue::Notice(key) => {
                captions.write(Caption::sound(Phrase::new(key)));
            }
            MorningCue::NoticeFrom(key, at) => {
                captions.write(Caption::sound(Phrase::new(key)).from_source(at));
            }
            MorningCue::Silent(room) => {
                commands.spawn((
                    place.own(),
                    Name::new("The silence that is meant"),
                    IntentionalSilence {
                        room: Phrase::new(room),
                    },
                ));
            }
        }
    }
}

/// Standing up from the bed's edge: when the visitor walks, or when breakfast calls; the eyes rise to
/// standing height and stay there.
fn get_up(
    time: Res<Time>,
    clock: Res<Clock<MorningBeat>>,
    mut bodies: Query<(&mut Transform, &MovementIntent), With<Player>>,
) {
    const RISE_M_PER_S: f32 = 0.8;
    for (mut body, intent) in &mut bodies {
        let sitting = body.translation.y <= WAKING_FEET.y + 1e-4;
        let called = clock.beat() != MorningBeat::Waking || intent.0 != Vec2::ZERO;
        if body.translation.y < 0.0 && (!sitting || called) {
            body.translation.y = (body.translation.y + RISE_M_PER_S * time.delta_secs()).min(0.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::captions::{Heard, perceive};

    #[test]
    fn her_words_come_through_only_as_fragments_even_face_to_face() {
        let said = "We have the drive to the next show at noon.";
        let behind = perceive(said, caught(0.82, 3.0, false));
        assert_eq!(behind, Heard::Shape);
        let face_to_face = perceive(said, caught(0.82, 1.5, true));
        let Heard::Fragments(fragments) = &face_to_face else {
            panic!("{face_to_face:?}");
        };
        assert!(fragments.contains('…'), "{fragments}");
        assert!(
            said.split_whitespace().any(|word| fragments.contains(word)),
            "{fragments}"
        );
    }
}
