//! Interrupted runs clean up: on SIGINT or SIGTERM the folders a run was staging into are
//! removed before the process exits, unless a switch is under way, which is let finish first
//! (it is one rename; see [`super::switch`]). A run killed outright (SIGKILL, power loss)
//! leaves them for the next run to remove.

use std::path::PathBuf;
use std::sync::{Mutex, Once};

/// The folders to remove on a signal. Its lock is also held during a switch.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Exit status after an interrupt (128 + SIGINT), as shells report it.
const INTERRUPTED: i32 = 130;

fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Fails only when another handler was set (a host program's): then that one decides.
        let _ = ctrlc::set_handler(|| {
            let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
            for dir in pending.iter() {
                let _ = std::fs::remove_dir_all(dir);
            }
            eprintln!("\ninterrupted: nothing was written");
            std::process::exit(INTERRUPTED);
        });
    });
}

/// Removes `dir` if the process is interrupted, until [`forget`].
pub(crate) fn remove_on_interrupt(dir: PathBuf) {
    install();
    PENDING.lock().unwrap_or_else(|e| e.into_inner()).push(dir);
}

pub(crate) fn forget(dir: &std::path::Path) {
    PENDING
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|d| d != dir);
}

/// Runs `f` with interrupts held off (a signal arriving meanwhile is acted on after it).
pub(crate) fn uninterrupted<T>(f: impl FnOnce() -> T) -> T {
    let _held = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    f()
}
