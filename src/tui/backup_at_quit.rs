//! One backup a day when the screen closes, into the folder the settings name
//! (`backup.folder`: a USB stick, a NAS). Said on the way out, after the
//! terminal is restored; a failure (the stick is not plugged in) is said
//! just as clearly and never keeps the user from quitting: the records are
//! already safe in the database, and the next quit tries again.

use std::path::PathBuf;

use crate::clock::Clock;
use crate::i18n::{self, Lang, backup as text};
use crate::store::{Access, Store, backup};

/// The settings' backup folder and rotation.
#[derive(Debug, Clone)]
pub struct BackupAtQuit {
    pub folder: PathBuf,
    pub keep: (u32, u32),
}

impl BackupAtQuit {
    /// From the settings: None when they name no backup folder.
    pub fn of(settings: &crate::settings::Settings) -> Option<BackupAtQuit> {
        settings.backup.folder().map(|folder| BackupAtQuit {
            folder: folder.to_path_buf(),
            keep: settings.backup.keep(),
        })
    }
}

/// True unless the folder already holds a backup from today (a folder that
/// is not there is due: trying says why it failed).
pub fn due(plan: &BackupAtQuit, clock: Clock) -> bool {
    let today = clock.now_local().date();
    !backup::list(&plan.folder).is_ok_and(|found| found.iter().any(|(at, _)| at.date() == today))
}

/// Makes the day's backup if the folder has none from today yet; what to
/// print (None: nothing to say, today's backup is already there).
pub fn run(store: &Store, plan: &BackupAtQuit, clock: Clock, lang: Lang) -> Option<String> {
    if !due(plan, clock) {
        return None;
    }
    let now = clock.now_local();
    match store.backup_to(&plan.folder, now, plan.keep) {
        Ok(written) => {
            let name = written
                .path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            // The backup is made; a line the log could not take is not worth
            // a failure message on the way out.
            let _ = store.log_access(Access::Backup, None, name);
            Some(text::at_quit_done(&written.path, lang))
        }
        Err(e) => Some(text::at_quit_failed(&i18n::error_message(&e, lang), lang)),
    }
}
