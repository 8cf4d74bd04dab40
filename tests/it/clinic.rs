//! The clinic: tests arrive with the place.
