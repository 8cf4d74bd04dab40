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

/// The long runs take turns: the soak measures the process's resident memory, which another long run
/// beside it would blur.
pub static ONE_LONG_RUN_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Waits for the other long runs to finish (a failed one does not hold the rest up).
pub fn alone() -> std::sync::MutexGuard<'static, ()> {
    ONE_LONG_RUN_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
