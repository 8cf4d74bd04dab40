//! One integration-test binary for the experience, one module per capability, all headless. (The long
//! soak, whose resident memory must be its own, runs alone in its own process: `scripts/soak`.)

mod clinic;
mod ears;
mod exhibit;
mod foundation;
mod gig;
mod harness;
mod house;
mod layers;
mod morning;
mod playthrough;
mod settings;
mod soak;
mod stillness;
mod words;
