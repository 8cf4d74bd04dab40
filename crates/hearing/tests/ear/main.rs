//! Measurements of the simulated ear on rendered audio: one test binary, one module per property.

mod accuracy;
mod allocation;
mod colour;
mod ears;
mod fixtures;
mod limiter;
mod loss;
mod output;
mod voices;
