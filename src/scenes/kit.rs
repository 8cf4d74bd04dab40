//! The story kit: the plumbing every place shares, so that a place is only its story, its scenery and
//! what is its own.
//!
//! A place names the stretches of its story with an enum that implements [`PlaceBeat`] and adds
//! [`story_plugin`] for it. From then on the kit, for that place:
//! - on entering, spawns the place's [`PlaceRoot`], which everything of the place belongs to ([`InPlace`]:
//!   its scenery, people and sounds, the drummer, its hints and panels on screen) and which goes with the
//!   place, taking all of it along; winds its [`Clock`] to the opening beat; and puts the drummer where
//!   that beat begins;
//! - every frame, tells the story at the itinerary's pace, sets the drummer's hearing from it, and
//!   announces each beat ([`BeatBegins`]) and each cue ([`Cued`]) as messages for the place to act on;
//! - as each beat begins, sets the [`Guide`], shows the beat's waiting hint, and offers the things that
//!   move the story on ([`MovesTheStoryOn`]); when one is used in its beat, the story moves on;
//! - when the story ends, moves on along the itinerary; on leaving, stops the clock.

use std::fmt::Debug;
use std::marker::PhantomData;

use bevy::{
    ecs::{relationship::RelatedSpawnerCommands, system::SystemParam},
    prelude::*,
};

use super::timeline::{Happening, Story, StoryClock};
use crate::autopilot::Guide;
use crate::hearing::HearingProgression;
use crate::input::Bindings;
use crate::journey::{AppSystems, Journey, PausableSystems, Place, StoryLengths};
use crate::player::{Interactable, Interacted, Player, player};
use crate::ui::prompt::hint;
use crate::words::Phrase;

/// The stretches of one place's story: the beat enum of a place names the place, its story, where the
/// drummer arrives, and what each beat asks of the visitor.
pub trait PlaceBeat: Copy + Eq + Debug + Send + Sync + 'static {
    /// The place whose story these beats tell.
    const PLACE: Place;
    /// What happens at moments of a beat.
    type Cue: Copy + Debug + Send + Sync + 'static;
    /// The place's story, as data.
    const STORY: Story<Self, Self::Cue>;

    /// Where the drummer stands (feet) and what they face when the place opens at this beat.
    fn arrival(self) -> (Vec3, Vec3);

    /// What the beat asks of the visitor (the autopilot does it); a place may refine it as the beat goes.
    fn guide(self) -> Guide {
        Guide::Watch
    }

    /// The message key of a quiet hint at the top of the screen for as long as the beat lasts.
    fn hint(self) -> Option<&'static str> {
        None
    }

    /// Seconds the place runs as written, without the visitor's waits: what an exhibition shortens.
    fn told_s() -> f32 {
        Self::STORY.told_s()
    }
}

/// Where a place's story is. It exists while the visitor is in the place.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct Clock<B: PlaceBeat> {
    at: StoryClock,
    /// Story seconds per itinerary second: 1 as written (the chamber slows while the visitor moves).
    pub pace: f32,
    /// Progression added to the story's (the study's quiet deepens the loss as the visitor holds still).
    pub deeper: f32,
    beats: PhantomData<B>,
}

impl<B: PlaceBeat> Clock<B> {
    fn at(beat: B) -> Self {
        Self {
            at: B::STORY.clock_at(beat),
            pace: 1.0,
            deeper: 0.0,
            beats: PhantomData,
        }
    }

    pub fn beat(&self) -> B {
        B::STORY.beat(&self.at)
    }

    /// The drummer's hearing at this moment of the story.
    pub fn progression(&self) -> f32 {
        B::STORY.progression(&self.at) + self.deeper
    }

    /// Story seconds since the current beat began.
    pub fn in_beat_s(&self) -> f32 {
        self.at.in_beat_s()
    }

    /// Ends the open beat the story waits in, on the next frame.
    pub fn proceed(&mut self) {
        self.at.proceed();
    }
}

/// The beat a place opens at: its first, unless the command line or a test says otherwise.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct OpeningBeat<B: PlaceBeat>(pub B);

impl<B: PlaceBeat> Default for OpeningBeat<B> {
    fn default() -> Self {
        Self(B::STORY.beats[0].name)
    }
}

/// A beat of the place begins (the place's own systems read it to act).
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct BeatBegins<B: PlaceBeat>(pub B);

/// A cue of the place's story comes, with the drummer's hearing at that moment.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct Cued<B: PlaceBeat> {
    pub cue: B::Cue,
    pub progression: f32,
}

/// The root of a place: everything of the place belongs to it, and goes when it goes (on leaving the
/// place). It is not a transform parent: what belongs to it keeps its own transform (a moving drummer
/// then never makes the whole scenery's transforms be computed again) and a hint on screen stays a plain
/// interface node.
#[derive(Component, Debug, Default, Clone, Copy)]
pub struct PlaceRoot;

/// Belongs to the place whose [`PlaceRoot`] this is.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
#[relationship(relationship_target = PlaceThings)]
pub struct InPlace(pub Entity);

/// Everything that belongs to a place, on its root; despawned with it.
#[derive(Component, Debug, Default)]
#[relationship_target(relationship = InPlace, linked_spawn)]
pub struct PlaceThings(Vec<Entity>);

/// Spawns what belongs to a place (`commands.entity(place.root()).with_related_entities(..)`).
pub type PlaceSpawner<'w> = RelatedSpawnerCommands<'w, InPlace>;

/// A thing the story waits for the visitor to use during `beat`: offered (with `prompt`, a message key)
/// only then, and using it then ends the beat.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct MovesTheStoryOn<B: PlaceBeat> {
    pub beat: B,
    pub prompt: &'static str,
}

/// The hint shown for the current beat.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitingHint(pub &'static str);

/// Where every place's story is told, in `AppSystems::TickTimers`; a place orders its own clock-work
/// around it.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TellTheStory;

/// Adds the kit for the place whose beats are `B`.
pub fn story_plugin<B: PlaceBeat>(app: &mut App) {
    app.init_resource::<OpeningBeat<B>>()
        .init_resource::<StoryLengths>()
        .add_message::<BeatBegins<B>>()
        .add_message::<Cued<B>>()
        .add_systems(OnEnter(B::PLACE), arrive::<B>)
        .add_systems(OnExit(B::PLACE), leave::<B>)
        .add_systems(
            Update,
            (
                tell::<B>
                    .in_set(TellTheStory)
                    .in_set(AppSystems::TickTimers),
                move_on_when_used::<B>.in_set(AppSystems::Update),
            )
                .run_if(in_state(B::PLACE))
                .in_set(PausableSystems),
        );
    app.world_mut()
        .resource_mut::<StoryLengths>()
        .0
        .insert(B::PLACE, B::told_s());
}

/// The place the visitor is in: what is spawned with [`ThePlace::own`] belongs to it and goes with it.
#[derive(SystemParam)]
pub struct ThePlace<'w, 's> {
    roots: Query<'w, 's, Entity, With<PlaceRoot>>,
}

impl ThePlace<'_, '_> {
    /// The place's root (its scenery is spawned with `commands.entity(root).with_related_entities(..)`).
    pub fn root(&self) -> Entity {
        self.roots.single().expect("the place has its root")
    }

    /// Makes an entity the place's: put it in the bundle spawned.
    pub fn own(&self) -> InPlace {
        InPlace(self.root())
    }
}

/// Arriving: the place's root, its clock, and the drummer where the opening beat begins. A place builds
/// its scenery after it.
pub fn arrive<B: PlaceBeat>(
    mut commands: Commands,
    opening: Res<OpeningBeat<B>>,
    mut guide: ResMut<Guide>,
) {
    let clock = Clock::at(opening.0);
    let (feet, toward) = opening.0.arrival();
    commands.spawn((
        Name::new(format!("Place: {}", B::PLACE)),
        PlaceRoot,
        DespawnOnExit(B::PLACE),
        related!(PlaceThings[player(feet, toward, clock.progression())]),
    ));
    commands.insert_resource(clock);
    *guide = opening.0.guide();
}

fn leave<B: PlaceBeat>(mut commands: Commands, mut guide: ResMut<Guide>) {
    commands.remove_resource::<Clock<B>>();
    *guide = Guide::Watch;
}

fn tell<B: PlaceBeat>(
    time: Res<Time>,
    mut clock: ResMut<Clock<B>>,
    mut journey: Journey,
    mut ears: Query<&mut HearingProgression, With<Player>>,
    mut beats: BeatKeeper<B>,
    mut cued: MessageWriter<Cued<B>>,
) {
    let story_s = journey.story_s(B::PLACE, time.delta_secs()) * clock.pace;
    let happened = B::STORY.advance(&mut clock.at, story_s);
    let progression = clock.progression();
    for mut ear in &mut ears {
        ear.0 = progression;
    }
    for happening in happened {
        match happening {
            Happening::Began(beat) => beats.begin(beat),
            Happening::Cue(cue) => {
                cued.write(Cued { cue, progression });
            }
            Happening::Finished => journey.move_on(B::PLACE),
        }
    }
}

/// What every beat's beginning does: the guide, the hint, the things offered.
#[derive(SystemParam)]
struct BeatKeeper<'w, 's, B: PlaceBeat> {
    commands: Commands<'w, 's>,
    guide: ResMut<'w, Guide>,
    begun: MessageWriter<'w, BeatBegins<B>>,
    place: ThePlace<'w, 's>,
    hints: Query<'w, 's, (Entity, &'static WaitingHint)>,
    bindings: Res<'w, Bindings>,
    things: Query<'w, 's, (Entity, &'static MovesTheStoryOn<B>)>,
}

impl<B: PlaceBeat> BeatKeeper<'_, '_, B> {
    fn begin(&mut self, beat: B) {
        *self.guide = beat.guide();
        let wanted = beat.hint();
        let mut kept = false;
        for (entity, shown) in &self.hints {
            if Some(shown.0) == wanted {
                kept = true;
            } else {
                self.commands.entity(entity).despawn();
            }
        }
        if let (Some(text), false) = (wanted, kept) {
            self.commands.spawn((
                self.place.own(),
                WaitingHint(text),
                hint(Phrase::new(text), &self.bindings),
            ));
        }
        for (entity, thing) in &self.things {
            let mut thing_entity = self.commands.entity(entity);
            if thing.beat == beat {
                thing_entity.insert(Interactable {
                    prompt: Phrase::new(thing.prompt),
                });
            } else {
                thing_entity.remove::<Interactable>();
            }
        }
        self.begun.write(BeatBegins(beat));
    }
}

fn move_on_when_used<B: PlaceBeat>(
    mut used: MessageReader<Interacted>,
    things: Query<&MovesTheStoryOn<B>>,
    mut clock: ResMut<Clock<B>>,
) {
    for Interacted(entity) in used.read() {
        if things
            .get(*entity)
            .is_ok_and(|thing| thing.beat == clock.beat())
        {
            clock.proceed();
        }
    }
}
