//! Where outputs go: a file, written atomically (a temporary file in the destination
//! folder, then a rename), or stdout (`-`).

use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// A file could not be written; always names the path.
#[derive(Debug, Error)]
#[error("cannot write {}: {source}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Where an output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    File(PathBuf),
}

impl Destination {
    /// `-` is stdout, anything else a path.
    pub fn parse(text: &str) -> Self {
        if text == "-" { Self::Stdout } else { Self::File(PathBuf::from(text)) }
    }
}

/// Writes `contents` to the destination; a file is replaced atomically.
///
/// # Errors
/// [`WriteError`] naming the path when the folder or the file cannot be written.
pub fn write(destination: &Destination, contents: &[u8]) -> Result<(), WriteError> {
    match destination {
        Destination::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(contents).and_then(|()| out.flush()).map_err(|source| WriteError { path: "-".into(), source })
        }
        Destination::File(path) => write_atomic(path, |w| w.write_all(contents)),
    }
}

/// Writes a file through `fill` into a temporary file beside it, then renames it into
/// place, so a reader never sees half a file and an interrupted run leaves the old one.
///
/// # Errors
/// [`WriteError`] naming the path.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let error = |source| WriteError { path: path.to_path_buf(), source };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new().prefix(".sidecast-").tempfile_in(folder).map_err(error)?;
    fill(file.as_file_mut()).and_then(|()| file.as_file_mut().sync_all()).map_err(error)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(error)?;
    }
    file.persist(path).map_err(|e| error(e.error))?;
    Ok(())
}

/// Creates an output folder (and its parents).
///
/// # Errors
/// [`WriteError`] naming the folder.
pub fn create_folder(path: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(path).map_err(|source| WriteError { path: path.to_path_buf(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write(&Destination::File(path.clone()), b"one").unwrap();
        write(&Destination::File(path.clone()), b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failed_write_names_the_path_and_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kept.csv");
        std::fs::write(&path, "old").unwrap();
        let result = write_atomic(&path, |_| Err(std::io::Error::other("disk full")));
        let message = result.unwrap_err().to_string();
        assert!(message.contains("kept.csv") && message.contains("disk full"), "{message}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let missing = write(&Destination::File(dir.path().join("no/such/dir/x.json")), b"x").unwrap_err();
        assert!(missing.to_string().contains("no/such/dir"), "{missing}");
    }
}
