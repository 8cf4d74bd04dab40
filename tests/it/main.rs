//! One integration-test binary for the experience, one module per capability, all headless. Every
//! allocation is counted (`heap`): the long soaks, whose heap must be their own, run alone in their own
//! processes (`scripts/soak`).

mod captions;
mod clinic;
mod ears;
mod exhibit;
mod felt;
mod foundation;
mod gig;
mod harness;
mod heap;
mod house;
mod indicator;
mod layers;
mod morning;
mod playthrough;
mod settings;
mod signs;
mod soak;
mod station_language;
mod stillness;
mod words;
