//! The places, one folder each, on the story kit they share (`kit.rs`): a place's story as data
//! (`timeline.rs`), and building blocks for its scenery (`build.rs`).
//!
//! Adding a place: a new folder here with its beats (a [`kit::PlaceBeat`]), its scenery and what is its
//! own, its variant in [`Place`](crate::journey::Place) (the list of places, in story order), and its
//! plugin in the list below.

pub(crate) mod build;
pub mod clinic;
pub mod gig;
pub mod house;
pub mod kit;
pub mod morning;
pub mod stillness;
pub mod timeline;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        gig::plugin,
        morning::plugin,
        clinic::plugin,
        house::plugin,
        stillness::plugin,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_a_place_the_hearing_never_jumps_between_beats() {
        assert_eq!(gig::STORY.jump(), None);
        assert_eq!(morning::STORY.jump(), None);
        assert_eq!(clinic::STORY.jump(), None);
        assert_eq!(house::STORY.jump(), None);
        assert_eq!(stillness::STORY.jump(), None);
    }
}
