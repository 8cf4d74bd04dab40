//! The morning: tests arrive with the place.
