//! One integration-test binary for the experience, one module per capability, all headless.

mod clinic;
mod ears;
mod exhibit;
mod foundation;
mod gig;
mod house;
mod morning;
mod playthrough;
mod soak;
mod stillness;
