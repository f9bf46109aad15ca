//! Files we create hold personal data: owner-only from the first byte (see
//! `owner_only.rs` for Windows). A leaf every layer may use: it knows the
//! error type and the clock, nothing of the database.

#[cfg(windows)]
pub mod owner_only;

use std::fs::{self, File, OpenOptions};
use std::path::Path;

use crate::error::{Result, Task, io_error};

/// Creates `dir` and its parents; new folders are owner-only (0700 on Unix, a
/// user-and-SYSTEM ACL on Windows that what is created inside inherits). A
/// folder that already exists is left as it is.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    #[cfg(windows)]
    let existed = dir.is_dir();
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(io_error(Task::CreateFolder, dir))?;
    #[cfg(windows)]
    if !existed {
        owner_only::restrict(dir, true).map_err(io_error(Task::CreateFolder, dir))?;
    }
    Ok(())
}

/// Creates an empty file (and its folder) readable and writable by the owner only
/// (0600 on Unix). An existing empty file is made owner-only too.
pub fn create_private_file(path: &Path) -> Result<File> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dir(parent)?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options
        .open(path)
        .map_err(io_error(Task::WriteFile, path))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .map_err(io_error(Task::WriteFile, path))?;
    }
    #[cfg(windows)]
    owner_only::restrict(path, false).map_err(io_error(Task::WriteFile, path))?;
    Ok(file)
}

/// Writes `contents` to `path` atomically: a private temp file in the same folder,
/// fsync, rename. A crash leaves either the old file or the new one.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    write_via_temp(path, contents, true)
}

/// Like [`write_atomic`], but never replaces an existing file (for names that
/// must never be reused, such as bundles in a shared folder).
pub fn write_new_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    write_via_temp(path, contents, false)
}

fn write_via_temp(path: &Path, contents: &[u8], replace: bool) -> Result<()> {
    use std::io::Write;
    write_streamed(path, replace, |file| {
        file.write_all(contents)
            .map_err(io_error(Task::WriteFile, path))
    })
}

/// Like [`write_atomic`] (`replace`) or [`write_new_atomic`], for contents
/// too large to hold: `fill` writes (and may seek in) the private temp file,
/// which is then synced and renamed over `path`. An error leaves nothing.
pub fn write_streamed<T>(
    path: &Path,
    replace: bool,
    fill: impl FnOnce(&mut File) -> Result<T>,
) -> Result<T> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".teichaku-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_error(Task::WriteFile, path))?;
    // Owner-only before the first byte (tempfile already makes it 0600 on Unix).
    #[cfg(windows)]
    owner_only::restrict(tmp.path(), false).map_err(io_error(Task::WriteFile, path))?;
    // Held until the rename: a temp file nobody holds is one a killed
    // teichaku left, which [`sweep_temps`] removes. A file system without
    // locks (some network shares) leaves it unheld, and then only its age
    // protects it.
    let _ = tmp.as_file().try_lock();
    let out = fill(tmp.as_file_mut())?;
    tmp.as_file()
        .sync_all()
        .map_err(io_error(Task::WriteFile, path))?;
    if replace {
        tmp.persist(path)
            .map_err(|e| io_error(Task::WriteFile, path)(e.error))?;
    } else {
        tmp.persist_noclobber(path)
            .map_err(|e| io_error(Task::WriteFile, path)(e.error))?;
    }
    Ok(out)
}

/// Our temp files' names: `.teichaku-XXXX.tmp` ([`write_streamed`]).
fn is_our_temp(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with(".teichaku-") && n.ends_with(".tmp"))
}

/// Our temp files in `dir` (a folder that cannot be listed: none).
pub fn temps_in(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<_> = entries
        .flatten()
        .filter(|e| is_our_temp(&e.file_name()))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// How long a temp file must have gone unwritten before it may be taken for
/// abandoned, beyond being unheld: covers the instant between its creation
/// and its lock, and file systems without locks.
pub const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// The same in a shared sync folder, where a sync tool may bring another
/// laptop's temp file (held there, not here) before it is renamed.
pub const SHARED_ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the temp files in `dir` that a killed teichaku left: no process
/// here holds their lock and they were last written over `older_than` ago.
/// Best effort (one that cannot be removed is left for `doctor` to list);
/// returns how many went.
pub fn sweep_temps(dir: &Path, older_than: std::time::Duration) -> usize {
    let mut removed = 0;
    for path in temps_in(dir) {
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_file() || crate::clock::file_age(&meta).is_none_or(|age| age < older_than) {
            continue;
        }
        let unheld = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .is_ok_and(|f| f.try_lock().is_ok());
        if unheld && fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

pub use crate::error::ReadProblem;

/// Reads a regular file of at most `max` bytes. Anything else is refused
/// before a byte is read: a folder, a named pipe, a device or a link to one.
/// The cap counts the bytes actually read, not the size the file claims (0
/// for pipes and devices), and a pipe swapped in after the check cannot make
/// the open wait (non-blocking open on Unix).
pub fn read_capped(path: &Path, max: u64) -> std::result::Result<Vec<u8>, ReadProblem> {
    use std::io::Read;
    let file = open_capped(path, max)?;
    let mut out = Vec::new();
    file.take(max.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| ReadProblem::from_io(&e))?;
    if out.len() as u64 > max {
        return Err(ReadProblem::TooLarge { max });
    }
    Ok(out)
}

/// Opens a regular file of at most `max` bytes for reading in pieces, with
/// the checks of [`read_capped`]. A reader must
/// still stop at `max` bytes (the file may grow while read).
pub fn open_capped(path: &Path, max: u64) -> std::result::Result<File, ReadProblem> {
    let kind = |m: &fs::Metadata| {
        if m.is_dir() {
            Err(ReadProblem::Folder)
        } else if !m.is_file() {
            Err(ReadProblem::NotAFile)
        } else {
            Ok(())
        }
    };
    kind(&fs::metadata(path).map_err(|e| ReadProblem::from_io(&e))?)?;
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(|e| ReadProblem::from_io(&e))?;
    let meta = file.metadata().map_err(|e| ReadProblem::from_io(&e))?;
    kind(&meta)?;
    // A regular file's own size refuses it without reading; the cap below
    // still holds if it grows while being read.
    if meta.len() > max {
        return Err(ReadProblem::TooLarge { max });
    }
    Ok(file)
}

/// [`read_capped`] for UTF-8 text.
pub fn read_text_capped(path: &Path, max: u64) -> std::result::Result<String, ReadProblem> {
    String::from_utf8(read_capped(path, max)?).map_err(|_| ReadProblem::NotText)
}

/// The most a settings file, keymap or checklist definition may hold.
pub const MAX_CONFIG_LEN: u64 = 1 << 20;

/// Hostile files for tests: a named pipe, and a guard against hangs.
#[cfg(all(test, unix))]
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub(crate) mod hostile {
    use std::path::Path;
    use std::time::Duration;

    /// Makes a named pipe at `path` (nothing ever writes to it).
    pub fn mkfifo(path: &Path) {
        use std::os::unix::ffi::OsStrExt;
        let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo touches nothing else.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }

    /// Runs `f` on a thread and returns its result, or fails the test if it
    /// has not returned after 10 s (a hang; nothing is timed).
    pub fn within<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(Duration::from_secs(10))
            .expect("hung: no result after 10 s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn pipes_and_devices_are_refused_without_reading() {
        use super::hostile::within;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.toml");
        super::hostile::mkfifo(&fifo);
        let zero = dir.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        for path in [fifo, zero] {
            let got = within(move || read_capped(&path, MAX_CONFIG_LEN));
            assert_eq!(got, Err(ReadProblem::NotAFile));
        }
    }

    #[test]
    fn folders_missing_files_too_large_and_not_text() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_capped(dir.path(), 10), Err(ReadProblem::Folder));
        let missing = dir.path().join("none.toml");
        assert_eq!(read_capped(&missing, 10), Err(ReadProblem::Missing));
        let file = dir.path().join("f.toml");
        fs::write(&file, b"0123456789").unwrap();
        assert_eq!(read_capped(&file, 10).map(|b| b.len()), Ok(10));
        assert_eq!(read_capped(&file, 9), Err(ReadProblem::TooLarge { max: 9 }));
        fs::write(&file, b"ok \xff\xfe").unwrap();
        assert_eq!(read_text_capped(&file, 10), Err(ReadProblem::NotText));
    }

    /// A file that says it is larger than allowed is refused by its size,
    /// before a byte is read (a sparse 1 TiB file here).
    #[cfg(unix)]
    #[test]
    fn a_regular_file_over_the_cap_is_refused_by_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.tcsync");
        File::create(&big).unwrap().set_len(1 << 40).unwrap();
        let max = 64 << 20;
        assert_eq!(read_capped(&big, max), Err(ReadProblem::TooLarge { max }));
    }
}
