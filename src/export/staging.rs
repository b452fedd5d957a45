//! An output folder written as a whole or not at all ([`Staging`]): the folder is checked
//! before any work starts ([`Staging::check`]) but created only when the first file is
//! staged; every file is written to a temporary file inside it, and only [`Staging::commit`]
//! renames them all into place. Dropped without a commit (an error, Ctrl-C), it removes its
//! temporary files and the folders it created, so an interrupted run leaves nothing behind
//! and the previous run's files untouched.
//!
//! A committed folder holds exactly what the run wrote: the names sidecast wrote are kept
//! in [`MANIFEST`], and files an earlier run wrote that this one did not are removed (only
//! those: a file sidecast never wrote is never touched).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tempfile::TempPath;

use super::destination::{Special, WriteError, check_writable_folder, link_target, publish};
use super::temporaries::{CommitGuard, live};

/// The file, inside an output folder, listing what the last run wrote there.
pub const MANIFEST: &str = ".sidecast-outputs";

/// An output folder being written.
#[derive(Debug)]
pub struct Staging {
    folder: PathBuf,
    /// Ancestors (and the folder) that did not exist, outermost first.
    missing: Vec<PathBuf>,
    created: Vec<PathBuf>,
    staged: Vec<(String, TempPath)>,
}

impl Staging {
    /// Checks that `folder` is (or can become) a folder sidecast may write into, creating
    /// nothing.
    ///
    /// # Errors
    /// [`WriteError`] naming the path: a file where a folder should be, a folder that
    /// cannot be written to, a parent that cannot be created.
    pub fn check(folder: &Path) -> Result<Self, WriteError> {
        let bad = |message: String| WriteError::new(folder, std::io::Error::other(message));
        let mut missing = Vec::new();
        let mut current = folder.to_path_buf();
        loop {
            match std::fs::metadata(&current) {
                Ok(meta) if meta.is_dir() => break,
                Ok(meta) => {
                    let what = Special::of(&meta.file_type()).map_or("a file", Special::words);
                    return Err(bad(format!("{} is {what}, not a folder", current.display())));
                }
                Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => {
                    // A dangling symbolic link: the folder is made at its target, the link kept.
                    let target = link_target(&current).map_err(|e| WriteError::new(folder, e))?;
                    if target != current {
                        missing.push(current.clone());
                        current = target;
                        continue;
                    }
                    missing.push(current.clone());
                    match current.parent() {
                        Some(p) if !p.as_os_str().is_empty() => current = p.to_path_buf(),
                        _ => {
                            current = PathBuf::from(".");
                            break;
                        }
                    }
                }
                Err(e) => return Err(WriteError::new(&current, e)),
            }
        }
        check_writable_folder(&current).map_err(|e| WriteError::new(folder, e))?;
        missing.reverse();
        Ok(Self { folder: folder.to_path_buf(), missing, created: Vec::new(), staged: Vec::new() })
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Stages `name` with these bytes.
    ///
    /// # Errors
    /// [`WriteError`] naming the file.
    pub fn file(&mut self, name: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let path = self.reserve(name)?;
        std::fs::write(&path, bytes).map_err(|e| WriteError::new(&self.folder.join(name), e))
    }

    /// A temporary path inside the folder that will become `name` on commit; the caller
    /// writes it (by replacing it, or into it).
    ///
    /// # Errors
    /// [`WriteError`] when the folder cannot be made or written.
    pub fn reserve(&mut self, name: &str) -> Result<PathBuf, WriteError> {
        self.create_folders()?;
        let prefix = format!(".sidecast-{}-{name}.", std::process::id());
        let file = tempfile::Builder::new()
            .prefix(&prefix)
            .tempfile_in(&self.folder)
            .map_err(|e| WriteError::new(&self.folder.join(name), e))?;
        let path = file.into_temp_path();
        let owned = path.to_path_buf();
        live(|l| l.push(owned.clone()));
        self.staged.retain(|(n, _)| n != name);
        self.staged.push((name.to_string(), path));
        Ok(owned)
    }

    fn create_folders(&mut self) -> Result<(), WriteError> {
        for folder in std::mem::take(&mut self.missing) {
            match std::fs::create_dir(&folder) {
                Ok(()) => {
                    live(|l| l.push(folder.clone()));
                    self.created.push(folder);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && folder.is_dir() => {}
                Err(e) => return Err(WriteError::new(&folder, e)),
            }
        }
        Ok(())
    }

    /// Renames every staged file into place, records them in [`MANIFEST`] and removes the
    /// files an earlier run wrote that this one did not. Returns the names, in staging order.
    ///
    /// # Errors
    /// [`WriteError`] naming the file that could not be put in place.
    pub fn commit(mut self) -> Result<Vec<String>, WriteError> {
        let _guard = CommitGuard::new();
        self.create_folders()?;
        let names: Vec<String> = self.staged.iter().map(|(n, _)| n.clone()).collect();
        let previous = read_manifest(&self.folder);
        let manifest: String = names.iter().map(|n| format!("{n}\n")).collect();
        self.file(MANIFEST, manifest.as_bytes())?;
        for (name, path) in std::mem::take(&mut self.staged) {
            let target = self.folder.join(&name);
            publish(&path).map_err(|e| WriteError::new(&target, e))?;
            let owned = path.to_path_buf();
            path.persist(&target).map_err(|e| WriteError::new(&target, e.error))?;
            live(|l| l.retain(|p| p != &owned));
        }
        let kept: BTreeSet<&str> = names.iter().map(String::as_str).collect();
        for stale in previous.iter().filter(|n| !kept.contains(n.as_str())) {
            let path = self.folder.join(stale);
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                std::fs::remove_file(&path).map_err(|e| WriteError::new(&path, e))?;
            }
        }
        let created = std::mem::take(&mut self.created);
        live(|l| l.retain(|p| !created.contains(p)));
        Ok(names)
    }
}

impl Drop for Staging {
    /// Without a commit: the temporary files go (their `TempPath`s delete them), then the
    /// folders this staging created, innermost first, if they are empty.
    fn drop(&mut self) {
        let staged: Vec<PathBuf> = self.staged.drain(..).map(|(_, p)| p.to_path_buf()).collect();
        live(|l| l.retain(|p| !staged.contains(p) && !self.created.contains(p)));
        for folder in self.created.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// The names an earlier run listed; only plain file names count.
fn read_manifest(folder: &Path) -> Vec<String> {
    let path = folder.join(MANIFEST);
    let Ok(meta) = std::fs::symlink_metadata(&path) else { return Vec::new() };
    if !meta.is_file() || meta.len() > 1 << 20 {
        return Vec::new();
    }
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|n| !n.is_empty() && !n.starts_with('.') && !n.contains(['/', '\\']) && *n != MANIFEST)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> BTreeSet<String> {
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn nothing_exists_until_commit_and_nothing_stays_without_one() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("a/b");
        let mut staging = Staging::check(&folder).unwrap();
        assert!(!dir.path().join("a").exists(), "checking creates nothing");
        staging.file("x.json", b"{}").unwrap();
        drop(staging);
        assert!(!dir.path().join("a").exists(), "an abandoned staging leaves no folder");
        let mut staging = Staging::check(&folder).unwrap();
        staging.file("x.json", b"{}").unwrap();
        assert_eq!(staging.commit().unwrap(), ["x.json"]);
        assert_eq!(names(&folder), BTreeSet::from(["x.json".to_string(), MANIFEST.to_string()]));
    }

    #[test]
    fn a_later_run_removes_only_what_an_earlier_run_wrote() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.txt"), "the user's").unwrap();
        let mut first = Staging::check(dir.path()).unwrap();
        first.file("sweep.png", b"1").unwrap();
        first.file("sweep.json", b"1").unwrap();
        first.commit().unwrap();
        let mut second = Staging::check(dir.path()).unwrap();
        second.file("heatmap.png", b"2").unwrap();
        second.file("sweep.json", b"2").unwrap();
        second.commit().unwrap();
        let expected = ["heatmap.png", "mine.txt", "sweep.json", MANIFEST].map(str::to_string);
        assert_eq!(names(dir.path()), BTreeSet::from(expected));
    }

    #[test]
    fn a_file_in_the_way_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("taken");
        std::fs::write(&file, "x").unwrap();
        let e = Staging::check(&file).unwrap_err().to_string();
        assert!(e.contains("is a file, not a folder"), "{e}");
        let e = Staging::check(&file.join("below")).unwrap_err().to_string();
        assert!(e.contains("is a file, not a folder"), "{e}");
    }
}
