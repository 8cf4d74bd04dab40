//! The stillness: tests arrive with the place.
