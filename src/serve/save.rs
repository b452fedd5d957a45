//! Writing the page's saved copy next to the scenario: never over an existing file unless
//! the user said so after being asked; an overwrite goes through a temporary file in the
//! same folder and a rename, so a reader never sees half a file.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path`: a new file, or in place of an existing one when `overwrite`.
///
/// # Errors
/// [`std::io::ErrorKind::AlreadyExists`] when the file exists and `overwrite` is false;
/// any other I/O error.
pub fn write_copy(path: &Path, bytes: &[u8], overwrite: bool) -> std::io::Result<()> {
    if !overwrite {
        // `create_new` fails if the file exists, with no window between a check and the write.
        let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
        return file.write_all(bytes).and_then(|()| file.sync_all());
    }
    let name = path.file_name().map_or_else(|| "scenario".into(), |n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.{}.saving", std::process::id()));
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_overwritten_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copy.toml");
        write_copy(&path, b"one", false).unwrap();
        let refused = write_copy(&path, b"two", false).unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_copy(&path, b"three", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }
}
