//! The building blocks of the hearing effect. All of them are allocation-free after construction.

pub(crate) mod fastmath;
pub(crate) mod implant;
pub(crate) mod limiter;
pub(crate) mod loss;
pub(crate) mod smearing;
pub(crate) mod svf;
pub(crate) mod voices;

/// Added to filter inputs so that decaying states never reach subnormal floats, which are
/// hundreds of times slower on x86. Squared by the level detectors it must stay a normal float too
/// (-300 dB: far below anything audible or measurable).
pub(crate) const DENORMAL_GUARD: f32 = 1e-15;
