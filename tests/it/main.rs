//! One integration-test binary for the experience, one module per capability, all headless.

mod foundation;
mod gig;
