//! The house of the deaf community, weeks later: the mentor's welcome, dinner in sign, a first lesson
//! in signs, rhythm felt through the floor with the children, and the mentor's study, told as a story.
//! The loss has settled, profound in the highs: here only low rumble survives.

pub mod rhythm;
pub mod rooms;
pub mod signs;
pub mod study;

use bevy::prelude::*;

use self::{
    rhythm::{EdgeGlow, Stamping},
    rooms::{Mentor, RoomSound, Spot},
    signs::{LessonBegins, Signer, Signing},
    study::StudyHold,
};
use super::{
    Itinerary, Journey, Place,
    timeline::{Beat, Cue, Happening, Keyframe, Length, Story, StoryClock},
};
use crate::{
    AppSystems, PausableSystems,
    audio::{PlaySound, SoundEmitter, SoundKey},
    autopilot::Guide,
    hearing::HearingProgression,
    player::{EYE_HEIGHT_M, Interacted, Player, Seated, yaw_toward},
    ui::{
        captions::{Caption, Speaker, Transcript},
        prompt::hint,
    },
};

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((signs::plugin, rhythm::plugin, study::plugin))
        .add_systems(
            OnEnter(Place::House),
            (rooms::spawn_the_house, begin_the_stay).chain(),
        )
        .add_systems(OnExit(Place::House), end_the_stay)
        .add_systems(
            Update,
            (
                tell_the_story.in_set(AppSystems::TickTimers),
                (use_the_spots, stroll).in_set(AppSystems::Update),
            )
                .run_if(in_state(Place::House).and_then(resource_exists::<HouseClock>))
                .in_set(PausableSystems),
        );
}

/// The stretches of the stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum HouseBeat {
    /// The mentor meets the visitor at the door, speaking and signing.
    Welcome,
    /// Open: dinner waits until the visitor sits down at the table.
    ToTheTable,
    /// A conversation in sign all around the visitor.
    Dinner,
    /// Open: the mentor teaches a few signs until the visitor has answered them all.
    Signs,
    /// Open: the children play on the boards until the visitor puts their hands on the floor.
    ToTheChildren,
    /// The stamping felt through the floor.
    Rhythm,
    /// Open: the mentor waits in the study until the visitor sits down there.
    ToTheStudy,
    /// Open: "sit, and do nothing", until the visitor has held still long enough.
    Study,
}

/// What happens at a moment of the stay.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HouseCue {
    /// The mentor speaks a recorded line, by its file stem, and signs as she speaks.
    Says(&'static str),
    /// A caption for what the drummer sees, feels, or misses.
    Notice(&'static str),
    /// Someone at the table takes the turn (an index into [`rooms::DINERS`]); `None`: nobody signs.
    Turn(Option<usize>),
    /// The mentor's hands rest.
    MentorRests,
    /// Cutlery and dishes on the table, by file stem and which place at the table.
    Dishes(&'static str, usize),
    /// The children stamp harder.
    StampHarder,
}

/// Weeks later: the loss has settled, profound in the highs.
pub const PROGRESSION: f32 = 0.95;
const SETTLED: &[Keyframe] = &[Keyframe {
    at_s: 0.0,
    progression: PROGRESSION,
}];

/// The stay, about three minutes with the visitor's walks, the lesson and the hold.
pub const STORY: Story<HouseBeat, HouseCue> = Story {
    beats: &[
        Beat {
            name: HouseBeat::Welcome,
            length: Length::Seconds(16.0),
            progression: SETTLED,
            cues: &[
                Cue {
                    at_s: 0.5,
                    what: HouseCue::Notice(
                        "[a quiet house in daylight; children somewhere, felt more than heard]",
                    ),
                },
                Cue {
                    at_s: 2.0,
                    what: HouseCue::Says("mentor_1"),
                },
                Cue {
                    at_s: 7.0,
                    what: HouseCue::Notice(
                        "[he signs as he speaks; you do not know the signs yet]",
                    ),
                },
                Cue {
                    at_s: 10.0,
                    what: HouseCue::MentorRests,
                },
                Cue {
                    at_s: 11.5,
                    what: HouseCue::Notice("[he points you to the long table: dinner]"),
                },
            ],
        },
        Beat {
            name: HouseBeat::ToTheTable,
            length: Length::UntilTheVisitorActs,
            progression: SETTLED,
            cues: &[],
        },
        Beat {
            name: HouseBeat::Dinner,
            length: Length::Seconds(40.0),
            progression: SETTLED,
            cues: &[
                Cue {
                    at_s: 0.0,
                    what: HouseCue::Turn(Some(1)),
                },
                Cue {
                    at_s: 0.5,
                    what: HouseCue::Notice("[dinner, in sign: hands all around you]"),
                },
                Cue {
                    at_s: 2.5,
                    what: HouseCue::Dishes("glass_clink_1", 0),
                },
                Cue {
                    at_s: 5.0,
                    what: HouseCue::Notice("[they sign about the harvest; you catch none of it]"),
                },
                Cue {
                    at_s: 9.0,
                    what: HouseCue::Turn(Some(3)),
                },
                Cue {
                    at_s: 12.5,
                    what: HouseCue::Notice("[laughter you do not hear]"),
                },
                Cue {
                    at_s: 15.0,
                    what: HouseCue::Turn(Some(0)),
                },
                Cue {
                    at_s: 16.0,
                    what: HouseCue::Dishes("glass_clink_2", 1),
                },
                Cue {
                    at_s: 18.5,
                    what: HouseCue::Notice("[someone taps the table; every face turns but yours]"),
                },
                Cue {
                    at_s: 21.0,
                    what: HouseCue::Turn(Some(5)),
                },
                Cue {
                    at_s: 23.0,
                    what: HouseCue::Notice(
                        "[a long story told with the whole body; the table is in tears of laughter]",
                    ),
                },
                Cue {
                    at_s: 28.0,
                    what: HouseCue::Turn(Some(2)),
                },
                Cue {
                    at_s: 29.0,
                    what: HouseCue::Dishes("glass_clink_3", 2),
                },
                Cue {
                    at_s: 30.5,
                    what: HouseCue::Notice(
                        "[an argument about the roof, fond and fast; you only see hands]",
                    ),
                },
                Cue {
                    at_s: 35.0,
                    what: HouseCue::Turn(Some(4)),
                },
                Cue {
                    at_s: 37.0,
                    what: HouseCue::Notice("[the mentor turns to you: time to learn a few signs]"),
                },
                Cue {
                    at_s: 39.5,
                    what: HouseCue::Turn(None),
                },
            ],
        },
        Beat {
            name: HouseBeat::Signs,
            length: Length::UntilTheVisitorActs,
            progression: SETTLED,
            cues: &[],
        },
        Beat {
            name: HouseBeat::ToTheChildren,
            length: Length::UntilTheVisitorActs,
            progression: SETTLED,
            cues: &[Cue {
                at_s: 0.5,
                what: HouseCue::Notice("[the children play on the boards by the slide]"),
            }],
        },
        Beat {
            name: HouseBeat::Rhythm,
            length: Length::Seconds(3.0 * rhythm::LOOP_S),
            progression: SETTLED,
            cues: &[
                Cue {
                    at_s: 0.3,
                    what: HouseCue::Notice(
                        "[the children stamp on the boards; you feel it in your palms]",
                    ),
                },
                Cue {
                    at_s: rhythm::LOOP_S,
                    what: HouseCue::StampHarder,
                },
                Cue {
                    at_s: 20.0,
                    what: HouseCue::Notice("[a beat you can no longer hear, and still have]"),
                },
            ],
        },
        Beat {
            name: HouseBeat::ToTheStudy,
            length: Length::UntilTheVisitorActs,
            progression: SETTLED,
            cues: &[],
        },
        Beat {
            name: HouseBeat::Study,
            length: Length::UntilTheVisitorActs,
            progression: SETTLED,
            cues: &[
                Cue {
                    at_s: 0.5,
                    what: HouseCue::Says("mentor_2"),
                },
                Cue {
                    at_s: 5.0,
                    what: HouseCue::MentorRests,
                },
                Cue {
                    at_s: 5.5,
                    what: HouseCue::Notice(
                        "[sit, and do nothing: the house goes quiet as you hold still]",
                    ),
                },
            ],
        },
    ],
};

/// Where the stay's story is.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct HouseClock(pub StoryClock);

impl HouseClock {
    pub fn beat(&self) -> HouseBeat {
        STORY.beat(&self.0)
    }
}

/// A person walking across the house, at an easy pace, to stop facing `then_face`.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Stroll {
    pub to: Vec3,
    pub then_face: Vec3,
}

const STROLL_M_PER_S: f32 = 1.1;

/// The route the visitor takes, and what they use at its end, for each open beat.
pub fn guide_for(beat: HouseBeat) -> Guide {
    match beat {
        HouseBeat::ToTheTable => Guide::Use {
            route: vec![rooms::BEHIND_YOUR_CHAIR],
            thing: rooms::YOUR_CHAIR,
        },
        HouseBeat::ToTheChildren => Guide::Use {
            route: vec![rooms::BY_THE_BOARDS],
            thing: rooms::THE_BOARDS,
        },
        HouseBeat::ToTheStudy => Guide::Use {
            route: vec![
                rooms::STUDY_DOOR + Vec3::Z * 1.0,
                rooms::STUDY_DOOR - Vec3::Z * 1.0,
                rooms::BEFORE_THE_STUDY_CHAIR,
            ],
            thing: rooms::STUDY_CHAIR,
        },
        HouseBeat::Study => Guide::HoldStill,
        // The lesson sets its own answers as it goes.
        HouseBeat::Welcome | HouseBeat::Dinner | HouseBeat::Signs | HouseBeat::Rhythm => {
            Guide::Watch
        }
    }
}

/// A hint at the top of the screen while the story waits for the visitor.
#[derive(Component, Debug, Default, Clone, Copy)]
struct HouseHint;

fn begin_the_stay(mut commands: Commands, mut guide: ResMut<Guide>) {
    let clock = STORY.clock_at(HouseBeat::Welcome);
    commands.insert_resource(HouseClock(clock));
    *guide = Guide::Watch;
    let (feet, toward) = rooms::ARRIVAL;
    commands.spawn((
        DespawnOnExit(Place::House),
        crate::player::player(feet, toward, STORY.progression(&clock)),
    ));
}

fn end_the_stay(mut commands: Commands, mut guide: ResMut<Guide>) {
    commands.remove_resource::<HouseClock>();
    commands.remove_resource::<StudyHold>();
    commands.remove_resource::<signs::Lesson>();
    *guide = Guide::Watch;
}

#[derive(bevy::ecs::system::SystemParam)]
struct Storyteller<'w, 's> {
    commands: Commands<'w, 's>,
    sounds: MessageWriter<'w, PlaySound>,
    captions: MessageWriter<'w, Caption>,
    transcript: Res<'w, Transcript>,
    journey: Journey<'w>,
    itinerary: Res<'w, Itinerary>,
    guide: ResMut<'w, Guide>,
    signers: Query<'w, 's, (&'static mut Signer, &'static Transform, Has<Mentor>)>,
    hints: Query<'w, 's, Entity, With<HouseHint>>,
    room_sounds: Query<'w, 's, (Entity, &'static SoundEmitter), rhythm::AmbientSound>,
    stamping: Query<'w, 's, (&'static mut SoundEmitter, &'static mut RoomSound), With<Stamping>>,
    edge_glow: Query<'w, 's, Entity, With<EdgeGlow>>,
}

fn tell_the_story(
    time: Res<Time>,
    mut clock: ResMut<HouseClock>,
    mut teller: Storyteller,
    hold: Option<Res<StudyHold>>,
    mut player: Single<&mut HearingProgression, With<Player>>,
) {
    let story_s = teller.journey.story_s(Place::House, time.delta_secs());
    let happened = STORY.advance(&mut clock.0, story_s);
    let quiet = hold.map_or(0.0, |hold| hold.quiet());
    let progression = STORY.progression(&clock.0) + study::DEEPEST_EXTRA * quiet;
    player.0 = progression;
    for happening in happened {
        match happening {
            Happening::Began(beat) => teller.begin(beat),
            Happening::Cue(cue) => teller.cue(cue, progression),
            Happening::Finished => teller.journey.move_on(Place::House),
        }
    }
}

impl Storyteller<'_, '_> {
    fn begin(&mut self, beat: HouseBeat) {
        for hint in &self.hints {
            self.commands.entity(hint).despawn();
        }
        *self.guide = guide_for(beat);
        let waiting = match beat {
            HouseBeat::ToTheTable => {
                Some("Dinner is on the table. Take the empty chair at its end.")
            }
            HouseBeat::ToTheChildren => {
                Some("The children are playing on the boards. Put your hands on the floor.")
            }
            HouseBeat::ToTheStudy => Some("The mentor waits for you in his study."),
            HouseBeat::Study => Some("Stay still. Do not move, do not look around."),
            _ => None,
        };
        if let Some(text) = waiting {
            self.commands
                .spawn((DespawnOnExit(Place::House), HouseHint, hint(text)));
        }
        match beat {
            HouseBeat::Welcome => self.mentor_signs(Signing::Chatting),
            HouseBeat::ToTheTable => self.mentor_walks(rooms::MENTOR_AT_TABLE, rooms::YOUR_CHAIR),
            HouseBeat::Signs => {
                self.mentor_walks(rooms::MENTOR_AT_TABLE, rooms::YOUR_CHAIR);
                self.commands.trigger(LessonBegins);
            }
            HouseBeat::Rhythm => {
                rhythm::begin(&mut self.commands, &self.room_sounds);
                // Meanwhile the mentor goes ahead to his study.
                self.mentor_walks(rooms::MENTOR_IN_STUDY, rooms::STUDY_CHAIR);
            }
            HouseBeat::ToTheStudy => {
                rhythm::end(&mut self.commands, &self.edge_glow);
                rhythm::set_stamping(&mut self.stamping, rhythm::AFTER_DB);
            }
            HouseBeat::Study => study::begin(&mut self.commands, &self.itinerary),
            HouseBeat::Dinner | HouseBeat::ToTheChildren => {}
        }
    }

    fn mentor_signs(&mut self, signing: Signing) {
        for (mut signer, _, mentor) in &mut self.signers {
            if mentor {
                signer.signing = signing;
                signer.clock_s = 0.0;
            }
        }
    }

    fn mentor_walks(&mut self, to: Vec3, then_face: Vec3) {
        self.commands.queue(move |world: &mut World| {
            let mut mentors = world.query_filtered::<Entity, With<Mentor>>();
            let found: Vec<Entity> = mentors.iter(world).collect();
            for mentor in found {
                world.entity_mut(mentor).insert(Stroll { to, then_face });
            }
        });
    }

    fn mentor_mouth(&self) -> Vec3 {
        self.signers
            .iter()
            .find(|(_, _, mentor)| *mentor)
            .map_or(rooms::MENTOR_WELCOME, |(signer, at, _)| {
                at.translation + Vec3::Y * (signer.height_m - 0.15)
            })
    }

    fn cue(&mut self, cue: HouseCue, progression: f32) {
        match cue {
            HouseCue::Says(stem) => {
                self.sounds.write(PlaySound {
                    sound: SoundKey(stem),
                    volume_db: 0.0,
                    position: Some(self.mentor_mouth()),
                });
                self.captions.write(self.transcript.spoken(
                    stem,
                    Speaker::Named("Mentor".to_string()),
                    progression,
                ));
                self.mentor_signs(Signing::Chatting);
            }
            HouseCue::Notice(text) => {
                self.captions.write(Caption::sound(text, 4.5));
            }
            HouseCue::MentorRests => self.mentor_signs(Signing::Resting),
            HouseCue::Turn(who) => {
                for (mut signer, _, mentor) in &mut self.signers {
                    if mentor {
                        continue;
                    }
                    let style = signer.style as usize;
                    signer.signing = if Some(style) == who {
                        Signing::Chatting
                    } else {
                        Signing::Resting
                    };
                    signer.clock_s = 0.0;
                }
            }
            HouseCue::Dishes(stem, at) => {
                self.sounds.write(PlaySound {
                    sound: SoundKey(stem),
                    volume_db: -4.0,
                    position: Some(rooms::DISHES[at % rooms::DISHES.len()]),
                });
            }
            HouseCue::StampHarder => {
                rhythm::set_stamping(&mut self.stamping, rhythm::HARD_DB);
                self.captions.write(Caption::sound(
                    "[they stamp harder: the boards throb under your hands]",
                    4.5,
                ));
            }
        }
    }
}

/// The visitor uses a chair or the boards: they sit, or kneel, and the story moves on.
fn use_the_spots(
    mut commands: Commands,
    mut used: MessageReader<Interacted>,
    spots: Query<&Spot>,
    mut clock: ResMut<HouseClock>,
    player: Single<(Entity, &mut Transform), With<Player>>,
) {
    let (body, mut transform) = player.into_inner();
    for Interacted(entity) in used.read() {
        let Ok(spot) = spots.get(*entity) else {
            continue;
        };
        let (wanted, feet, facing, eye_m) = match spot {
            Spot::YourChair => (
                HouseBeat::ToTheTable,
                rooms::YOUR_CHAIR,
                rooms::YOUR_CHAIR - Vec3::Z,
                rooms::SEATED_EYE_M,
            ),
            Spot::TheBoards => (
                HouseBeat::ToTheChildren,
                rooms::BY_THE_BOARDS,
                rooms::THE_BOARDS,
                rooms::KNEELING_EYE_M,
            ),
            Spot::StudyChair => (
                HouseBeat::ToTheStudy,
                rooms::STUDY_CHAIR,
                rooms::STUDY_CHAIR - Vec3::Z,
                rooms::SEATED_EYE_M,
            ),
        };
        if clock.beat() != wanted {
            continue;
        }
        let feet = feet.with_y(eye_m - EYE_HEIGHT_M);
        *transform = Transform::from_translation(feet).with_rotation(Quat::from_rotation_y(
            yaw_toward(feet, facing.with_y(feet.y)),
        ));
        commands.entity(body).insert(Seated);
        clock.0.proceed();
    }
    // Leaving the table and the boards: the visitor stands up where they were.
    let standing_at = match clock.beat() {
        HouseBeat::ToTheChildren => Some(rooms::BEHIND_YOUR_CHAIR),
        HouseBeat::ToTheStudy => Some(rooms::BY_THE_BOARDS),
        _ => None,
    };
    if let Some(at) = standing_at
        && transform.translation.y < 0.0
    {
        transform.translation = at;
        commands.entity(body).remove::<Seated>();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stay_lasts_about_three_minutes_with_the_visitors_actions() {
        let acting_s = |beat: HouseBeat| match beat {
            HouseBeat::ToTheTable => 10.0,
            HouseBeat::Signs => 3.0 * 6.0,
            HouseBeat::ToTheChildren => 12.0,
            HouseBeat::ToTheStudy => 14.0,
            HouseBeat::Study => study::HOLD_S + 3.0,
            _ => 0.0,
        };
        let told_s: f32 = STORY
            .beats
            .iter()
            .map(|beat| match beat.length {
                Length::Seconds(s) => s,
                Length::UntilTheVisitorActs => acting_s(beat.name),
            })
            .sum();
        assert!((150.0..=210.0).contains(&told_s), "{told_s} s");
    }

    #[test]
    fn the_loss_is_profound_in_the_highs_throughout() {
        for beat in STORY.beats {
            for key in beat.progression {
                assert!((0.9..=0.95).contains(&key.progression), "{:?}", beat.name);
            }
        }
    }

    #[test]
    fn every_open_beat_tells_the_guide_what_to_do() {
        for beat in STORY.beats {
            if beat.length == Length::UntilTheVisitorActs && beat.name != HouseBeat::Signs {
                assert_ne!(guide_for(beat.name), Guide::Watch, "{:?}", beat.name);
            }
        }
    }

    #[test]
    fn both_lines_of_the_mentor_are_spoken() {
        let stems: Vec<&str> = STORY
            .beats
            .iter()
            .flat_map(|beat| beat.cues)
            .filter_map(|cue| match cue.what {
                HouseCue::Says(stem) => Some(stem),
                _ => None,
            })
            .collect();
        assert_eq!(stems, ["mentor_1", "mentor_2"]);
    }
}
