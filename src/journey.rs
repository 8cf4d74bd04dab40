//! The bottom layer: what every module shares and nothing of the game below it. The screens and the
//! places, the itinerary through them and the journey along it, the app-wide system sets, and the few
//! messages that cross from the story to the senses.

use std::collections::HashMap;
use std::fmt;

use bevy::{ecs::system::SystemParam, prelude::*};
use clap::ValueEnum;
use serde::{Deserialize, Serialize};

/// Game logic runs at this fixed rate, in frames and in tests alike.
pub const FIXED_HZ: f64 = 60.0;

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .add_sub_state::<Pause>()
        .add_sub_state::<Place>()
        .init_resource::<Itinerary>()
        .init_resource::<StoryLengths>()
        .add_message::<TinnitusOnset>()
        .add_systems(OnEnter(Pause::Paused), stop_the_clock)
        .add_systems(OnExit(Pause::Paused), start_the_clock);
}

/// Pausing stops virtual time, so fixed-step movement, the story and the song all hold still.
fn stop_the_clock(mut time: ResMut<Time<Virtual>>) {
    time.pause();
}

fn start_the_clock(mut time: ResMut<Time<Virtual>>) {
    time.unpause();
}

/// App-wide sets in `Update`, chained once in the app plugin; every gameplay system says which one it
/// belongs to.
#[derive(SystemSet, Debug, Clone, Copy, Eq, PartialEq, Hash, PartialOrd, Ord)]
pub enum AppSystems {
    /// Advance clocks: the story, the song, the wobble of the view.
    TickTimers,
    /// Turn devices (keyboard, mouse, gamepad) into intents and messages.
    RecordInput,
    /// Everything else.
    Update,
}

/// Systems in this set stop while the game is paused.
#[derive(SystemSet, Debug, Clone, Copy, Eq, PartialEq, Hash)]
pub struct PausableSystems;

/// The screen the visitor is on.
#[derive(States, Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
pub enum Screen {
    /// Title and content note, waiting for any key or button.
    #[default]
    Title,
    /// Inside one of the places.
    Playing,
    /// After the last place: a safe-listening message and the credits.
    EndCard,
}

/// Whether play is paused; it exists only while playing.
#[derive(SubStates, Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
#[source(Screen = Screen::Playing)]
pub enum Pause {
    #[default]
    Running,
    Paused,
}

/// Where the visitor is, in story order: this enum is the list of places. Its names are the ones the
/// command line and an exhibition's settings spell (`gig`, `morning`, ...). Every entity of a place hangs
/// under the place's root, which goes when the place does, so moving on is a hard cut: the old place is
/// gone on the frame the new one appears.
#[derive(
    SubStates,
    ValueEnum,
    Serialize,
    Deserialize,
    Debug,
    Default,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Reflect,
)]
#[source(Screen = Screen::Playing)]
#[serde(rename_all = "kebab-case")]
#[value(rename_all = "kebab-case")]
pub enum Place {
    /// The club, at night: the merch table, the onset, the set.
    #[default]
    Gig,
    /// The RV, parked, the morning after.
    Morning,
    /// A clinic's sound booth: the hearing test and the audiogram it draws.
    Clinic,
    /// The house of the deaf community.
    House,
    /// The anechoic chamber.
    Stillness,
}

impl Place {
    /// Every place, in story order.
    pub fn all() -> &'static [Place] {
        Place::value_variants()
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.to_possible_value().expect("every place has a name");
        f.write_str(name.get_name())
    }
}

/// Which places a visit goes through, in story order, and how fast each one's story runs. The desktop
/// game runs them all at their own pace; an exhibition may leave places out and shorten them.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Itinerary {
    pub places: Vec<Place>,
    /// Story seconds per real second, where a place does not run at 1 (the story as written).
    pace: HashMap<Place, f32>,
}

impl Default for Itinerary {
    fn default() -> Self {
        Self::through(Place::all().to_vec())
    }
}

impl Itinerary {
    /// A visit through `places`, each at its own pace.
    pub fn through(places: Vec<Place>) -> Self {
        Self {
            places,
            pace: HashMap::new(),
        }
    }

    pub fn first(&self) -> Place {
        self.places.first().copied().unwrap_or_default()
    }

    /// The place after `place`, or none when the visit is over.
    pub fn after(&self, place: Place) -> Option<Place> {
        let at = self.places.iter().position(|&p| p == place)?;
        self.places.get(at + 1).copied()
    }

    /// Story seconds per real second in `place`: scales the story's clock, and any hold the place asks for.
    pub fn pace(&self, place: Place) -> f32 {
        self.pace.get(&place).copied().unwrap_or(1.0)
    }

    pub fn set_pace(&mut self, place: Place, pace: f32) {
        self.pace.insert(place, pace);
    }
}

/// How long each place's story runs as written, without the waits for the visitor: what an exhibition's
/// `places.seconds` shortens. Each place enters its own when its plugin is added.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct StoryLengths(pub HashMap<Place, f32>);

impl StoryLengths {
    /// Seconds of `place`'s story, or none for a place that has not told it.
    pub fn told_s(&self, place: Place) -> Option<f32> {
        self.0.get(&place).copied()
    }
}

/// Moves the visitor along the itinerary: into its first place, on to the next, and to the end card after
/// the last.
#[derive(SystemParam)]
pub struct Journey<'w> {
    itinerary: Res<'w, Itinerary>,
    screen: ResMut<'w, NextState<Screen>>,
    place: ResMut<'w, NextState<Place>>,
}

impl Journey<'_> {
    /// Starts a visit at the first place of the itinerary.
    pub fn begin(&mut self) {
        self.screen.set(Screen::Playing);
        self.place.set(self.itinerary.first());
    }

    /// Back to the title (a state does not re-enter itself, so a visit starts over through it).
    pub fn back_to_title(&mut self) {
        self.screen.set(Screen::Title);
    }

    /// Hard cut from `place` to the next place, or to the end card.
    pub fn move_on(&mut self, from: Place) {
        match self.itinerary.after(from) {
            Some(next) => self.place.set(next),
            None => self.screen.set(Screen::EndCard),
        }
    }

    /// Story seconds that pass in `place` during a frame of `real_s`.
    pub fn story_s(&self, place: Place, real_s: f32) -> f32 {
        real_s * self.itinerary.pace(place)
    }
}

/// A high ringing begins in the drummer's ears. The hearing bridge starts the tinnitus and the rush of
/// masking noise from here.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct TinnitusOnset;

/// The experience runs as an exhibition's kiosk: the visitor cannot quit, menus offer no way out.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Kiosk;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visit_goes_through_the_places_in_story_order_and_ends() {
        let itinerary = Itinerary::default();
        assert_eq!(itinerary.first(), Place::Gig);
        let mut walked = vec![itinerary.first()];
        while let Some(next) = itinerary.after(*walked.last().unwrap()) {
            walked.push(next);
        }
        assert_eq!(walked, Place::all());
    }

    #[test]
    fn a_shortened_itinerary_skips_what_it_leaves_out() {
        let itinerary = Itinerary::through(vec![Place::Morning, Place::Stillness]);
        assert_eq!(itinerary.first(), Place::Morning);
        assert_eq!(itinerary.after(Place::Morning), Some(Place::Stillness));
        assert_eq!(itinerary.after(Place::Stillness), None);
        assert_eq!(itinerary.after(Place::Gig), None);
    }

    #[test]
    fn a_place_is_spelled_the_same_on_the_command_line_in_settings_and_in_logs() {
        for &place in Place::all() {
            let name = place.to_string();
            assert_eq!(Place::from_str(&name, false), Ok(place));
            let quoted = serde_json::to_string(&place).unwrap();
            assert_eq!(quoted, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<Place>(&quoted).unwrap(), place);
        }
        assert_eq!(Place::Stillness.to_string(), "stillness");
    }
}
