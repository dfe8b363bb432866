//! Interrupted runs clean up: on SIGINT or SIGTERM the folders a run was staging into are
//! removed before the process exits, unless a switch is under way, which is let finish first
//! (it is one rename; see [`super::switch`]). A run killed outright (SIGKILL, power loss)
//! leaves them for the next run to remove.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once, RwLock, RwLockReadGuard};

/// The folders to remove on a signal.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Held (shared) by every write into a staging folder and by a whole commit; the handler takes
/// it exclusively, so it removes the folders only when no write is half-way (a worker creating
/// a folder just after the removal would leave it behind) and no switch is under way.
static ACTIVE: RwLock<()> = RwLock::new(());
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Exit status after an interrupt (128 + SIGINT), as shells report it.
const EXIT_INTERRUPTED: i32 = 130;

fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Fails only when another handler was set (a host program's): then that one decides.
        let _ = ctrlc::set_handler(|| {
            INTERRUPTED.store(true, Ordering::SeqCst);
            let _quiet = ACTIVE.write().unwrap_or_else(|e| e.into_inner());
            let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
            for dir in pending.iter() {
                let _ = std::fs::remove_dir_all(dir);
            }
            eprintln!(
                "\ninterrupted: the output folder holds a complete state, nothing half-written"
            );
            std::process::exit(EXIT_INTERRUPTED);
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

/// Leave to write into the output's folders until the guard is dropped (a signal arriving
/// meanwhile is acted on after it); `None` once the process is interrupted.
pub(crate) fn active() -> Option<RwLockReadGuard<'static, ()>> {
    let guard = ACTIVE.read().unwrap_or_else(|e| e.into_inner());
    (!INTERRUPTED.load(Ordering::SeqCst)).then_some(guard)
}
