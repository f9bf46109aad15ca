//! `teichaku backup [--to DIR]`, `teichaku restore FILE`, `teichaku doctor`
//! (store/backup.rs, store/doctor.rs).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{Ctx, passphrase};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::files;
use crate::i18n::{self, Lang, backup as text};
use crate::settings::Settings;
use crate::store::unlock::{self, State};
use crate::store::{Access, backup, doctor};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// 書き出すフォルダ（既にあるもの）。省略時は設定の backup.folder、なければデータフォルダの backups
    /// / folder to write into (must exist); default: settings' backup.folder, else "backups" in the data folder
    #[arg(long, value_name = "DIR")]
    to: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// バックアップのファイル（teichaku-backup-….tcbak）/ the backup file
    file: PathBuf,
}

/// The folder backups go to: the settings' `backup.folder` (which must be
/// there: a stick may be unplugged), else `backups` beside the database.
/// The bool says whether it was named (not the default).
pub fn folder(settings: &Settings, db: &Path) -> (PathBuf, bool) {
    match settings.backup.folder() {
        Some(f) => (f.to_path_buf(), true),
        None => (default_folder(db), false),
    }
}

fn default_folder(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

/// Refuses backup/restore/doctor on the demo, and a backup or check-up of
/// a database that is not there (opening would create one).
pub fn precheck(db: &Path, demo: bool, needs_db: bool) -> Result<()> {
    if demo {
        return Err(Error::NotInDemo);
    }
    if needs_db && unlock::state(db)? == State::New {
        return Err(Error::NoDatabase {
            path: db.to_path_buf(),
        });
    }
    Ok(())
}

/// `teichaku backup`.
pub fn backup(ctx: &mut Ctx, a: BackupArgs, clock: Clock) -> Result<()> {
    let db = ctx.store.path().map(Path::to_path_buf).unwrap_or_default();
    let dir = match a.to {
        Some(dir) => dir,
        None => {
            let (dir, named) = folder(&ctx.settings, &db);
            if !named {
                files::create_private_dir(&dir)?;
            }
            dir
        }
    };
    let written = ctx
        .store
        .backup_to(&dir, clock.now_local(), ctx.settings.backup.keep())?;
    let name = written
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    ctx.store.log_access(Access::Backup, None, &name)?;
    ctx.line(text::written(
        &written.path,
        written.bytes,
        written.removed,
        ctx.lang,
    ));
    Ok(())
}

/// `teichaku restore FILE`: into the data folder of `db`, which must hold
/// no database.
pub fn restore(db: &Path, a: RestoreArgs, settings: &Settings, lang: Lang) -> Result<String> {
    if backup::database_present(db) {
        return Err(Error::RestoreTargetNotEmpty {
            path: db.to_path_buf(),
        });
    }
    let pass = passphrase::current(lang)?;
    backup::restore(&a.file, db, &pass)?;
    // Opened once: brought up to this version's schema, given its own
    // device id (a restored copy must not write under the old one), and
    // the restore is written in its access log.
    let mut store = unlock::open(db, &pass)?;
    store.set_staff(&settings.staff_name);
    if store.device_was_renewed() {
        eprintln!("{}", i18n::sync::device_renewed(lang));
    }
    let stamp = a
        .file
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(backup::parse_name)
        .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default();
    store.log_access(Access::Restore, None, &stamp)?;
    Ok(format!("{}\n", text::restored(db, lang)))
}

/// `teichaku doctor`: the report on stdout; an error (exit 1) when it found
/// a problem.
pub fn doctor(db: &Path, settings: &Settings, clock: Clock, lang: Lang) -> Result<String> {
    let pass = match unlock::state(db)? {
        State::Encrypted => Some(passphrase::current(lang)?),
        _ => None,
    };
    let checkup = doctor::check(db, pass.as_deref())?;
    let last = last_backup(settings, db, clock);
    let report = text::report(&checkup, &last, lang);
    match checkup.problems() {
        0 => Ok(report),
        count => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout
                .write_all(crate::text::terminal_safe(&report).as_bytes())
                .and_then(|()| stdout.flush());
            Err(Error::DoctorFoundProblems { count })
        }
    }
}

fn last_backup(settings: &Settings, db: &Path, clock: Clock) -> text::LastBackup {
    let (dir, named) = folder(settings, db);
    if !dir.is_dir() {
        return if named {
            text::LastBackup::FolderMissing(dir)
        } else {
            text::LastBackup::None(dir)
        };
    }
    match backup::list(&dir).ok().and_then(|l| l.into_iter().next()) {
        Some((at, path)) => {
            let days = (clock.today() - at.date()).num_days().max(0);
            text::LastBackup::DaysAgo(days, path)
        }
        None => text::LastBackup::None(dir),
    }
}
