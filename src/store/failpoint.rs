//! Crashes simulated at named steps, for the kill tests (debug builds only):
//! `TEICHAKU_FAILPOINT=<job>:<step>` aborts the process there, as a kill -9
//! or a power cut would, with no destructor run.

/// Aborts when `TEICHAKU_FAILPOINT` names `job:step` (debug builds).
pub(crate) fn hit(job: &str, step: &str) {
    #[cfg(debug_assertions)]
    if let Ok(v) = std::env::var("TEICHAKU_FAILPOINT")
        && v.split_once(':') == Some((job, step))
    {
        std::process::abort();
    }
    #[cfg(not(debug_assertions))]
    let _ = (job, step);
}
