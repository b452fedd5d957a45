//! Where outputs go, checked before any work starts ([`Destination::check`]): stdout (`-`),
//! a regular file (replaced atomically: a temporary file beside it, then a rename; through a
//! symlink, the link's target is replaced and the link kept), or a stream (a FIFO, a
//! character device such as `/dev/stdout`, a process substitution `>(jq .)`), which is
//! opened and written, never replaced.
//!
//! Writes to a stream or stdout can block on a slow or absent reader; they run on a helper
//! thread while the caller's cancel flag is watched, so Ctrl-C still stops the command.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use thiserror::Error;

use super::temporaries::{forget, track};

/// A file could not be written; always names the path (`-` is standard output).
#[derive(Debug, Error)]
#[error("cannot write {}: {source}", if path.as_os_str() == "-" { "to standard output".to_string() } else { path.display().to_string() })]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

impl WriteError {
    pub fn new(path: &Path, source: std::io::Error) -> Self {
        Self { path: path.to_path_buf(), source }
    }

    /// The write was stopped by the cancel flag (Ctrl-C).
    pub fn is_interrupted(&self) -> bool {
        self.source.kind() == std::io::ErrorKind::Interrupted
    }
}

/// Where an output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    /// A regular file (existing or not), replaced atomically.
    File(PathBuf),
    /// Something to open and write into: a FIFO or a device.
    Stream(PathBuf),
}

impl Destination {
    /// `-` is stdout, anything else a path (see [`Destination::check`]).
    pub fn parse(text: &str) -> Self {
        if text == "-" { Self::Stdout } else { Self::File(PathBuf::from(text)) }
    }

    /// Checks that the destination can be written, without writing anything, and says how:
    /// through a symlink (even a dangling one) the link's final target is the file written,
    /// and the link is kept; a FIFO or a device is a stream, written into, never replaced.
    ///
    /// # Errors
    /// [`WriteError`] (input the user can fix) saying what the path is: a folder, a socket, a
    /// symlink loop, a missing parent folder, a parent that is not a folder or cannot be
    /// written to.
    pub fn check(&self) -> Result<Destination, WriteError> {
        let (Destination::File(path) | Destination::Stream(path)) = self else {
            return Ok(Destination::Stdout);
        };
        let bad = |message: String| WriteError::new(path, std::io::Error::other(message));
        match std::fs::metadata(path) {
            Ok(meta) => match Special::of(&meta.file_type()) {
                Some(Special::Folder) => Err(bad("it is a folder; give a file name".into())),
                Some(Special::Socket) => {
                    Err(bad("it is a socket; write to a file, a FIFO, a device or - (standard output)".into()))
                }
                Some(Special::Fifo | Special::Device) => Ok(Destination::Stream(path.clone())),
                None => {
                    let real = std::fs::canonicalize(path).map_err(|e| WriteError::new(path, e))?;
                    check_writable_folder(parent(&real)).map_err(|e| WriteError::new(path, e))?;
                    Ok(Destination::File(real))
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let target = link_target(path).map_err(|e| WriteError::new(path, e))?;
                let folder = parent(&target);
                if !folder.is_dir() {
                    let what = if &target == path {
                        String::new()
                    } else {
                        format!("it is a symbolic link to {}, and ", target.display())
                    };
                    return Err(bad(format!("{what}the folder {} does not exist", folder.display())));
                }
                check_writable_folder(folder).map_err(|e| WriteError::new(path, e))?;
                Ok(Destination::File(target))
            }
            Err(e) => Err(WriteError::new(path, e)),
        }
    }
}

/// What a path is when it is not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Folder,
    /// A FIFO: opened and written, never replaced.
    Fifo,
    /// A character or block device: opened and written, never replaced.
    Device,
    Socket,
}

impl Special {
    /// `None` for a regular file.
    pub fn of(kind: &std::fs::FileType) -> Option<Self> {
        if kind.is_dir() {
            return Some(Self::Folder);
        }
        if kind.is_file() {
            return None;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_socket() {
                return Some(Self::Socket);
            }
            if kind.is_fifo() {
                return Some(Self::Fifo);
            }
        }
        Some(Self::Device)
    }

    /// What it is, in words: "a FIFO", "a device".
    pub fn words(self) -> &'static str {
        match self {
            Self::Folder => "a folder",
            Self::Fifo => "a FIFO",
            Self::Device => "a device",
            Self::Socket => "a socket",
        }
    }
}

/// Most symbolic links followed in a chain (as the kernel's own limit).
const MAX_LINKS: usize = 40;

/// Where a path that does not exist would be created: the path itself, or, for a dangling
/// symbolic link (or a chain of them), the last link's target (relative targets taken from
/// each link's folder).
///
/// # Errors
/// A chain of more than `MAX_LINKS` links (a loop).
pub fn link_target(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(folder) if !folder.as_os_str().is_empty() => folder.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other(format!("it is a loop of symbolic links (more than {MAX_LINKS})")))
}

/// The folder a file is in (`.` for a bare name).
pub fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Whether files can be created in `folder`: a probe file is created and removed at once.
///
/// # Errors
/// The I/O error of the probe, or "not a folder".
pub fn check_writable_folder(folder: &Path) -> std::io::Result<()> {
    if !folder.is_dir() {
        return Err(std::io::Error::other(format!("{} is not a folder", folder.display())));
    }
    tempfile::Builder::new()
        .prefix(".sidecast-probe-")
        .tempfile_in(folder)
        .map(drop)
        .map_err(|e| std::io::Error::new(e.kind(), format!("cannot create files in {}: {e}", folder.display())))
}

/// Writes `contents` to the destination: a file is replaced atomically, a stream or stdout
/// written while `cancel` is watched.
///
/// # Errors
/// [`WriteError`] naming the path; one whose [`WriteError::is_interrupted`] when `cancel`
/// was raised while waiting for a reader.
pub fn write(destination: &Destination, contents: &[u8], cancel: Option<&AtomicBool>) -> Result<(), WriteError> {
    match destination {
        Destination::Stdout => watched(Path::new("-"), contents, cancel, |bytes| {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes).and_then(|()| out.flush())
        }),
        Destination::Stream(path) => {
            let target = path.clone();
            watched(path, contents, cancel, move |bytes| {
                let mut file = std::fs::OpenOptions::new().write(true).open(&target)?;
                file.write_all(bytes).and_then(|()| file.flush())
            })
        }
        Destination::File(path) => write_atomic(path, |w| w.write_all(contents)),
    }
}

/// Runs a blocking write on a helper thread, returning early when `cancel` is raised (the
/// thread is left to the end of the process).
fn watched(
    path: &Path,
    contents: &[u8],
    cancel: Option<&AtomicBool>,
    write: impl FnOnce(&[u8]) -> std::io::Result<()> + Send + 'static,
) -> Result<(), WriteError> {
    let Some(cancel) = cancel else {
        return write(contents).map_err(|e| WriteError::new(path, e));
    };
    let bytes = contents.to_vec();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(write(&bytes));
    });
    loop {
        match receiver.recv_timeout(Duration::from_millis(50)) {
            Ok(result) => return result.map_err(|e| WriteError::new(path, e)),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) if cancel.load(Ordering::Relaxed) => {
                return Err(WriteError::new(path, std::io::ErrorKind::Interrupted.into()));
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err(WriteError::new(path, std::io::Error::other("the writer stopped")));
            }
        }
    }
}

/// Writes a file through `fill` into a temporary file beside it, then renames it into
/// place, so a reader never sees half a file and a failed write leaves the old one.
///
/// # Errors
/// [`WriteError`] naming the path.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let error = |source| WriteError::new(path, source);
    let mut file = tempfile::Builder::new().prefix(".sidecast-").tempfile_in(parent(path)).map_err(error)?;
    let temporary = file.path().to_path_buf();
    track(&temporary);
    let result = fill(file.as_file_mut())
        .and_then(|()| file.as_file_mut().sync_all())
        .and_then(|()| publish(file.path()))
        .map_err(error)
        .and_then(|()| file.persist(path).map(drop).map_err(|e| error(e.error)));
    forget(&temporary);
    result
}

/// Published files are world-readable (tempfile creates them with mode 0600).
pub fn publish(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write(&Destination::File(path.clone()), b"one", None).unwrap();
        write(&Destination::File(path.clone()), b"two", None).unwrap();
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
        let missing = Destination::parse(dir.path().join("no/such/dir/x.json").to_str().unwrap()).check();
        assert!(missing.unwrap_err().to_string().contains("does not exist"));
        let folder = Destination::parse(dir.path().to_str().unwrap()).check();
        assert!(folder.unwrap_err().to_string().contains("it is a folder"));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_followed_and_kept_and_a_device_is_a_stream() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let checked = Destination::File(link.clone()).check().unwrap();
        write(&checked, b"new", None).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is kept");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        let null = Destination::File("/dev/null".into()).check().unwrap();
        assert_eq!(null, Destination::Stream("/dev/null".into()));
        write(&null, b"x", Some(&AtomicBool::new(false))).unwrap();
        assert!(Path::new("/dev/null").exists(), "a device is written, not replaced");
    }
}
