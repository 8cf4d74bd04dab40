//! The exhibit: tests arrive with the place.
