//! The places, one module each, the story timeline that drives them, and the journey through them.

pub mod build;
pub mod clinic;
pub mod gig;
pub mod house;
pub mod morning;
pub mod stillness;
pub mod timeline;

use bevy::{ecs::system::SystemParam, prelude::*};

use crate::Screen;

pub(super) fn plugin(app: &mut App) {
    app.add_sub_state::<Place>()
        .init_resource::<Itinerary>()
        .add_message::<TinnitusOnset>()
        .add_plugins((
            gig::plugin,
            morning::plugin,
            clinic::plugin,
            house::plugin,
            stillness::plugin,
        ));
}

/// Where the visitor is. Every entity of a place carries `DespawnOnExit(place)`, so moving on is a hard cut:
/// the old place is gone on the frame the new one appears.
#[derive(SubStates, Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Reflect)]
#[source(Screen = Screen::Playing)]
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
    pub const ALL: [Place; 5] = [
        Place::Gig,
        Place::Morning,
        Place::Clinic,
        Place::House,
        Place::Stillness,
    ];

    /// The place's name as configuration files and the command line spell it.
    pub fn key(self) -> &'static str {
        match self {
            Place::Gig => "gig",
            Place::Morning => "morning",
            Place::Clinic => "clinic",
            Place::House => "house",
            Place::Stillness => "stillness",
        }
    }
}

/// Which places a visit goes through, in story order, and how fast each one's story runs. The desktop
/// game runs them all at their own pace; an exhibition may leave places out and shorten them.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Itinerary {
    pub places: Vec<Place>,
    /// Story seconds per real second, per place (1 is the story as written).
    pub pace: [f32; Place::ALL.len()],
}

impl Default for Itinerary {
    fn default() -> Self {
        Self {
            places: Place::ALL.to_vec(),
            pace: [1.0; Place::ALL.len()],
        }
    }
}

impl Itinerary {
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
        self.pace[place as usize]
    }

    pub fn set_pace(&mut self, place: Place, pace: f32) {
        self.pace[place as usize] = pace;
    }
}

/// Seconds of `place`'s story as written, without the waits for the visitor: what an exhibition's
/// `places.seconds` shortens.
pub fn told_s(place: Place) -> f32 {
    match place {
        Place::Gig => gig::STORY.told_s(),
        Place::Morning => morning::STORY.told_s(),
        // The hearing test's length depends on the answers: about this long for a severe loss.
        Place::Clinic => 100.0 + clinic::CHART_S,
        Place::House => house::STORY.told_s(),
        Place::Stillness => stillness::STORY.told_s(),
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
        assert_eq!(walked, Place::ALL);
    }

    #[test]
    fn a_shortened_itinerary_skips_what_it_leaves_out() {
        let itinerary = Itinerary {
            places: vec![Place::Morning, Place::Stillness],
            ..default()
        };
        assert_eq!(itinerary.first(), Place::Morning);
        assert_eq!(itinerary.after(Place::Morning), Some(Place::Stillness));
        assert_eq!(itinerary.after(Place::Stillness), None);
        assert_eq!(itinerary.after(Place::Gig), None);
    }
}
