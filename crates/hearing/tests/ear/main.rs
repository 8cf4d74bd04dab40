//! Measurements of the simulated ear on rendered audio: one test binary, one module per property.

mod accuracy;
mod allocation;
mod colour;
mod ears;
mod fixtures;
mod implant;
mod limiter;
mod loss;
mod output;
mod smearing;
mod voices;
