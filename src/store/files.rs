//! Files we create hold personal data: owner-only from the first byte (see
//! `owner_only.rs` for Windows).

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
        super::owner_only::restrict(dir, true).map_err(io_error(Task::CreateFolder, dir))?;
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
    super::owner_only::restrict(path, false).map_err(io_error(Task::WriteFile, path))?;
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
    super::owner_only::restrict(tmp.path(), false).map_err(io_error(Task::WriteFile, path))?;
    tmp.write_all(contents)
        .map_err(io_error(Task::WriteFile, path))?;
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
    Ok(())
}
