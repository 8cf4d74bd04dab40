//! One integration-test binary for the experience, one module per capability, all headless.

mod ears;
mod foundation;
mod gig;
