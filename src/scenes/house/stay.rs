//! The stay acted out: the mentor's welcome and his walks, the seats the visitor takes and leaves, the
//! lesson, the children's stamping and the study's hold beginning, and what is said and seen at the table.

use bevy::prelude::*;

use super::layout::{
    BEHIND_YOUR_CHAIR, BY_THE_BOARDS, DISHES, KNEELING_EYE_M, MENTOR_AT_TABLE, MENTOR_IN_STUDY,
    MENTOR_WELCOME, SEATED_EYE_M, STAMPING_AT, STUDY_CHAIR, THE_BOARDS, YOUR_CHAIR,
};
use super::rhythm::{self, AmbientSound, Stamping};
use super::rooms::RoomSound;
use super::signs::{LessonBegins, Mentor, Signer, Signing, SignsLearnt};
use super::story::{DINER_NAMES, Hands, HouseBeat, HouseCue};
use super::study;
use crate::audio::{PlaySound, SoundEmitter, SoundKey};
use crate::journey::{AppSystems, Itinerary, PausableSystems, Place};
use crate::player::Interacted;
use crate::player::{EYE_HEIGHT_M, Player, Seated, yaw_toward};
use crate::scenes::kit::{BeatBegins, Clock, Cued, MovesTheStoryOn, ThePlace};
use crate::ui::captions::{Caption, Speaker};
use crate::words::Phrase;

/// A person walking across the house, at an easy pace, to stop facing `then_face`.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Stroll {
    pub to: Vec3,
    pub then_face: Vec3,
}

const STROLL_M_PER_S: f32 = 1.1;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            take_a_seat,
            begin_a_beat,
            follow_the_cues,
            caption_what_starts_sounding,
            stroll,
        )
            .chain()
            .in_set(AppSystems::Update)
            .run_if(in_state(Place::House))
            .in_set(PausableSystems),
    );
}

/// Where the visitor sits, or kneels, on using the thing an open beat waits for: feet, what they face,
/// and the eyes' height.
fn seat_for(beat: HouseBeat) -> Option<(Vec3, Vec3, f32)> {
    match beat {
        HouseBeat::ToTheTable => Some((YOUR_CHAIR, YOUR_CHAIR - Vec3::Z, SEATED_EYE_M)),
        HouseBeat::ToTheChildren => Some((BY_THE_BOARDS, THE_BOARDS, KNEELING_EYE_M)),
        HouseBeat::ToTheStudy => Some((STUDY_CHAIR, STUDY_CHAIR - Vec3::Z, SEATED_EYE_M)),
        _ => None,
    }
}

/// Where the visitor stands up while a beat lasts, if they are sitting: leaving the table, and the
/// boards.
fn standing_for(beat: HouseBeat) -> Option<Vec3> {
    match beat {
        HouseBeat::ToTheChildren => Some(BEHIND_YOUR_CHAIR),
        HouseBeat::ToTheStudy => Some(BY_THE_BOARDS),
        _ => None,
    }
}

/// The visitor uses a chair or the boards: they sit, or kneel (the story kit moves the story on); while
/// a walk to the next spot lasts, a seated visitor stands up where they were.
fn take_a_seat(
    mut commands: Commands,
    mut used: MessageReader<Interacted>,
    things: Query<&MovesTheStoryOn<HouseBeat>>,
    clock: Res<Clock<HouseBeat>>,
    drummer: Single<(Entity, &mut Transform), With<Player>>,
) {
    let (body, mut transform) = drummer.into_inner();
    for Interacted(entity) in used.read() {
        let Ok(thing) = things.get(*entity) else {
            continue;
        };
        let Some((feet, facing, eye_m)) =
            seat_for(thing.beat).filter(|_| thing.beat == clock.beat())
        else {
            continue;
        };
        let feet = feet.with_y(eye_m - EYE_HEIGHT_M);
        *transform = Transform::from_translation(feet).with_rotation(Quat::from_rotation_y(
            yaw_toward(feet, facing.with_y(feet.y)),
        ));
        commands.entity(body).insert(Seated);
    }
    if let Some(at) = standing_for(clock.beat())
        && transform.translation.y < 0.0
    {
        transform.translation = at;
        commands.entity(body).remove::<Seated>();
    }
}

/// What the beginnings of beats move in the house.
#[derive(bevy::ecs::system::SystemParam)]
struct House<'w, 's> {
    commands: Commands<'w, 's>,
    place: ThePlace<'w, 's>,
    itinerary: Res<'w, Itinerary>,
    mentors: Query<'w, 's, (Entity, &'static mut Signer), With<Mentor>>,
    room_sounds: Query<'w, 's, (Entity, &'static SoundEmitter), AmbientSound>,
    stamping: Query<'w, 's, (&'static mut SoundEmitter, &'static mut RoomSound), With<Stamping>>,
}

fn begin_a_beat(mut begun: MessageReader<BeatBegins<HouseBeat>>, mut house: House) {
    for BeatBegins(beat) in begun.read() {
        match beat {
            HouseBeat::Welcome => house.mentor_signs(Signing::Chatting),
            HouseBeat::ToTheTable => house.mentor_walks(MENTOR_AT_TABLE, YOUR_CHAIR),
            HouseBeat::Signs => {
                house.mentor_walks(MENTOR_AT_TABLE, YOUR_CHAIR);
                house.commands.trigger(LessonBegins);
            }
            HouseBeat::Rhythm => {
                rhythm::begin(&mut house.commands, &house.place, &house.room_sounds);
                // Meanwhile the mentor goes ahead to his study.
                house.mentor_walks(MENTOR_IN_STUDY, STUDY_CHAIR);
            }
            HouseBeat::ToTheStudy => {
                rhythm::set_stamping(&mut house.stamping, rhythm::AFTER_DB);
            }
            HouseBeat::Study => study::begin(&mut house.commands, &house.place, &house.itinerary),
            HouseBeat::Dinner | HouseBeat::ToTheChildren => {}
        }
    }
}

impl House<'_, '_> {
    fn mentor_signs(&mut self, signing: Signing) {
        for (_, mut signer) in &mut self.mentors {
            signer.signing = signing;
            signer.clock_s = 0.0;
        }
    }

    fn mentor_walks(&mut self, to: Vec3, then_face: Vec3) {
        for (mentor, _) in &self.mentors {
            self.commands
                .entity(mentor)
                .insert(Stroll { to, then_face });
        }
    }
}

fn follow_the_cues(
    mut cued: MessageReader<Cued<HouseBeat>>,
    mut sounds: MessageWriter<PlaySound>,
    mut captions: MessageWriter<Caption>,
    mut signers: Query<(&mut Signer, &Transform, Has<Mentor>)>,
    mut stamping: Query<(&mut SoundEmitter, &mut RoomSound), With<Stamping>>,
    learnt: Res<SignsLearnt>,
) {
    for &Cued { cue, progression } in cued.read() {
        match cue {
            HouseCue::Says(stem) => {
                let mouth = signers
                    .iter()
                    .find(|(_, _, mentor)| *mentor)
                    .map_or(MENTOR_WELCOME, |(signer, at, _)| {
                        at.translation + Vec3::Y * (signer.height_m - 0.15)
                    });
                sounds.write(PlaySound {
                    sound: SoundKey(stem),
                    volume_db: 0.0,
                    position: Some(mouth),
                });
                captions.write(
                    Caption::spoken(
                        stem,
                        Speaker::Named(Phrase::new("speaker-mentor")),
                        progression,
                    )
                    .from_source(mouth),
                );
                mentor_signs(&mut signers, Signing::Chatting);
            }
            HouseCue::Notice(key) => {
                captions.write(Caption::sound(Phrase::new(key)));
            }
            HouseCue::NoticeFrom(key, at) => {
                captions.write(Caption::sound(Phrase::new(key)).from_source(at));
            }
            HouseCue::MentorRests => mentor_signs(&mut signers, Signing::Resting),
            HouseCue::Signs(signed) => {
                let speaker = match signed.by {
                    Hands::Diner(who) => {
                        take_the_turn(&mut signers, Some(who));
                        Phrase::new(DINER_NAMES[who % DINER_NAMES.len()])
                    }
                    Hands::Mentor => {
                        mentor_signs(&mut signers, Signing::Chatting);
                        Phrase::new("speaker-mentor")
                    }
                };
                captions.write(Caption::signed(
                    Speaker::Named(speaker),
                    Phrase::new(signed.said),
                    learnt.follows(signed.holds),
                ));
            }
            HouseCue::TableRests => take_the_turn(&mut signers, None),
            HouseCue::Dishes(stem, at) => {
                let at = DISHES[at % DISHES.len()];
                sounds.write(PlaySound {
                    sound: SoundKey(stem),
                    volume_db: -4.0,
                    position: Some(at),
                });
                // Dishes are too high and soft for the drummer's ears: the transcript still has them.
                captions.write(Caption::unheard(Phrase::sound(stem)).from_source(at));
            }
            HouseCue::StampHarder => {
                rhythm::set_stamping(&mut stamping, rhythm::HARD_DB);
                captions.write(
                    Caption::sound(Phrase::new("house-stamp-harder")).from_source(STAMPING_AT),
                );
            }
        }
    }
}

/// Someone at the table (their place in the `DINERS`) takes the turn, the others' hands rest.
fn take_the_turn(signers: &mut Query<(&mut Signer, &Transform, Has<Mentor>)>, who: Option<usize>) {
    for (mut signer, _, mentor) in signers.iter_mut() {
        if mentor {
            continue;
        }
        signer.signing = if Some(signer.style as usize) == who {
            Signing::Chatting
        } else {
            Signing::Resting
        };
        signer.clock_s = 0.0;
    }
}

/// Sounds that start together this close to one another share one caption and its arrow (m).
const ONE_PLACE_WITHIN_M: f32 = 2.0;

/// The house's running sounds that began this frame.
type JustStarted = (Added<SoundEmitter>, With<RoomSound>);

/// The house's running sounds are beyond the drummer's ears, but the transcript names each as it
/// starts, from where it sounds (together, when several start at once in one place).
fn caption_what_starts_sounding(
    started: Query<(&SoundEmitter, &Transform), JustStarted>,
    mut captions: MessageWriter<Caption>,
) {
    let mut places: Vec<(Vec3, Vec<Phrase>)> = Vec::new();
    for (emitter, at) in &started {
        let sound = Phrase::sound(emitter.sound.0);
        match places
            .iter_mut()
            .find(|(place, _)| place.distance(at.translation) <= ONE_PLACE_WITHIN_M)
        {
            Some((_, sounds)) => sounds.push(sound),
            None => places.push((at.translation, vec![sound])),
        }
    }
    for (place, sounds) in places {
        let Some((last, before)) = sounds.split_last() else {
            continue;
        };
        let together = before.iter().rev().fold(last.clone(), |rest, sound| {
            Phrase::new("caption-sounds-together")
                .with("first", sound.clone())
                .with("rest", rest)
        });
        captions.write(Caption::unheard(together).from_source(place));
    }
}

fn mentor_signs(signers: &mut Query<(&mut Signer, &Transform, Has<Mentor>)>, signing: Signing) {
    for (mut signer, _, mentor) in signers.iter_mut() {
        if mentor {
            signer.signing = signing;
            signer.clock_s = 0.0;
        }
    }
}

fn stroll(
    time: Res<Time>,
    mut commands: Commands,
    mut walkers: Query<(Entity, &Stroll, &mut Transform)>,
) {
    for (entity, stroll, mut transform) in &mut walkers {
        let to = stroll.to.with_y(transform.translation.y);
        let left = to - transform.translation;
        let step = STROLL_M_PER_S * time.delta_secs();
        if left.length() <= step {
            transform.translation = to;
            transform.look_at(stroll.then_face.with_y(to.y), Vec3::Y);
            commands.entity(entity).remove::<Stroll>();
        } else {
            transform.translation += left.normalize() * step;
            transform.look_at(to, Vec3::Y);
        }
    }
}
