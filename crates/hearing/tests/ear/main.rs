//! Measurements of the simulated ear on rendered audio: one test binary, one module per property.

mod allocation;
mod colour;
mod fixtures;
mod implant;
mod limiter;
mod loss;
mod output;
mod smearing;
mod voices;
