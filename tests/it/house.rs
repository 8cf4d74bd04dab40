//! The house: tests arrive with the place.
