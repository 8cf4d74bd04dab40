//! The playthrough: tests arrive with the place.
