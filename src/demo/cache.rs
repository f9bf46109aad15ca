//! The demo database, built once per day and per build into the cache folder
//! and then copied: `--demo` starts by copying a file instead of loading the
//! whole demo agency from TOML again (about 300 ms on every launch).
//!
//! The cached file is named by a hash of everything the demo is built from:
//! the day (the fixtures' dates are relative to it), the program's version and
//! schema, the fixture texts, and the executable's size and time (so a new
//! build never reads an old demo). It is encrypted under the demo's fixed key
//! ([`DbKey::demo`]); the demo agency is fiction. The cache is only a speed-up:
//! when it cannot be written or read the demo is built in place as before.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::Result;
use crate::files;
use crate::store::{DbKey, Store, device, migrate};

/// `demo-<hash>.db` in `cache`, for `today`.
pub fn cached_file(cache: &Path, today: NaiveDate) -> PathBuf {
    cache.join(format!("demo-{:016x}.db", fingerprint(today)))
}

/// Copies the day's demo database into `dest` (a new, private file) and opens
/// it; builds it into the cache first when it is not there. `None` when the
/// cache cannot be used: the caller builds the demo in place.
pub fn open_copy(cache: &Path, dest: &Path, today: NaiveDate) -> Option<Store> {
    let cached = cached_file(cache, today);
    if !cached.is_file() {
        build(cache, &cached, today).ok()?;
    }
    match copy_and_open(&cached, dest) {
        Some(store) => Some(store),
        None => {
            // A damaged or half-removed cache file: made again once.
            let _ = std::fs::remove_file(&cached);
            let _ = std::fs::remove_file(device::device_file(&cached));
            remove_copy(dest);
            build(cache, &cached, today).ok()?;
            copy_and_open(&cached, dest).or_else(|| {
                remove_copy(dest);
                None
            })
        }
    }
}

fn copy_and_open(cached: &Path, dest: &Path) -> Option<Store> {
    copy_private(cached, dest)?;
    copy_private(&device::device_file(cached), &device::device_file(dest))?;
    Store::open(dest, Some(&DbKey::demo())).ok()
}

fn remove_copy(dest: &Path) {
    let _ = std::fs::remove_file(dest);
    let _ = std::fs::remove_file(device::device_file(dest));
}

fn copy_private(from: &Path, to: &Path) -> Option<()> {
    use std::io::Write;
    let bytes = std::fs::read(from).ok()?;
    let mut file = files::create_private_file(to).ok()?;
    file.write_all(&bytes).ok()?;
    Some(())
}

/// Builds the demo in a private folder inside `cache`, closes it (its WAL
/// folded back into the file), and renames it and its device file into place;
/// older demos in the cache are removed.
fn build(cache: &Path, cached: &Path, today: NaiveDate) -> Result<()> {
    files::create_private_dir(cache)?;
    let work = tempfile::Builder::new()
        .prefix(".demo-build-")
        .tempdir_in(cache)
        .map_err(crate::error::io_error(
            crate::error::Task::CreateFolder,
            cache,
        ))?;
    let db = work.path().join("demo.db");
    {
        let mut store = Store::open(&db, Some(&DbKey::demo()))?;
        crate::demo::load_all(&mut store, today)?;
    }
    let rename = |from: &Path, to: &Path| {
        std::fs::rename(from, to).map_err(crate::error::io_error(crate::error::Task::WriteFile, to))
    };
    // The device file first: a database in place always has its file.
    rename(&device::device_file(&db), &device::device_file(cached))?;
    rename(&db, cached)?;
    remove_others(cache, cached);
    Ok(())
}

/// Removes the cache's other demo databases (earlier days and builds).
fn remove_others(cache: &Path, keep: &Path) {
    let Ok(read) = std::fs::read_dir(cache) else {
        return;
    };
    let keep_device = device::device_file(keep);
    for entry in read.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours =
            name.starts_with("demo-") && (name.ends_with(".db") || name.ends_with(".db.device"));
        if ours && path != keep && path != keep_device {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// FNV-1a over what the demo database is made from.
fn fingerprint(today: NaiveDate) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so two parts never run into each other.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    eat(today.to_string().as_bytes());
    eat(env!("CARGO_PKG_VERSION").as_bytes());
    eat(&migrate::LATEST.to_le_bytes());
    for text in [
        crate::demo::DEMO_TOML,
        crate::demo::DEMO_ASSESSMENTS_TOML,
        crate::demo::plans::DEMO_PLANS_TOML,
        crate::demo::reports::DEMO_REPORTS_TOML,
    ] {
        eat(text.as_bytes());
    }
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::metadata(exe).ok())
    {
        eat(&meta.len().to_le_bytes());
        if let Ok(since) = meta
            .modified()
            .map(|m| m.duration_since(std::time::UNIX_EPOCH).unwrap_or_default())
        {
            eat(&since.as_nanos().to_le_bytes());
        }
    }
    h
}
