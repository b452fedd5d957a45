//! Temporary files and folders sidecast has made and not yet put in place, kept in one list
//! so that a process stopped by a signal can remove them ([`remove_temporaries`]) before it
//! exits, and whether an output folder is being put in place right now ([`committing`]),
//! which a stopping process lets finish.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Temporary files and created folders alive right now, for [`remove_temporaries`].
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Output folders being put in place right now (see [`committing`]).
static COMMITTING: AtomicUsize = AtomicUsize::new(0);

/// Whether an output folder is being put in place (its files renamed one after the other):
/// a process stopping on a signal waits for that, so a folder is never left half old, half
/// new.
pub fn committing() -> bool {
    COMMITTING.load(Ordering::SeqCst) > 0
}

/// Counts a commit in progress for as long as it lives.
pub(super) struct CommitGuard;

impl CommitGuard {
    pub(super) fn new() -> Self {
        COMMITTING.fetch_add(1, Ordering::SeqCst);
        Self
    }
}

impl Drop for CommitGuard {
    fn drop(&mut self) {
        COMMITTING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Records a temporary file (or a created folder) that [`remove_temporaries`] must remove
/// if the process is stopped before it is put in place; [`forget`] when it has been.
pub fn track(path: &Path) {
    live(|l| l.push(path.to_path_buf()));
}

/// The temporary file is gone or in place: no longer one to remove.
pub fn forget(path: &Path) {
    live(|l| l.retain(|p| p != path));
}

pub(super) fn live(f: impl FnOnce(&mut Vec<PathBuf>)) {
    if let Ok(mut list) = LIVE.lock() {
        f(&mut list);
    }
}

/// Removes every temporary file and created folder still alive (for a process stopped by a
/// signal, just before it exits), including the chart writer's own temporary files beside
/// ours.
pub fn remove_temporaries() {
    let Ok(list) = LIVE.lock() else { return };
    let pid = std::process::id();
    for path in list.iter().rev() {
        if path.is_dir() {
            if let Ok(entries) = std::fs::read_dir(path) {
                let ours = [format!(".sidecast-{pid}-"), format!("..sidecast-{pid}-")];
                for entry in entries.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if ours.iter().any(|p| name.starts_with(p)) {
                        let _ = std::fs::remove_file(entry.path());
                    }
                }
            }
            let _ = std::fs::remove_dir(path);
        } else {
            let _ = std::fs::remove_file(path);
        }
    }
}
