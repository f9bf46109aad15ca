//! Runs a sync screen job against the store and turns what happened into the
//! lines the screen shows. Nothing here draws.

use super::sync::{Job, PREF_EXPORT_DIR, PREF_FOLDER, PREF_IMPORT_DIR, Tone, env_passphrase};
use crate::error::{BundleProblem, Error, Result};
use crate::i18n::{self, Lang, sync as t};
use crate::store::{ImportReport, Store};
use crate::sync::{self, ExportSummary, FolderReport, Keyring, SyncOp, folder};

/// What a job did.
pub enum Done {
    Exported(ExportSummary),
    Imported(ImportReport),
    Folder(FolderReport),
    /// An import folder with no bundle in it.
    NoBundles,
}

/// How a run ended, for the app.
pub enum Ran {
    /// Finished (or refused); these lines tell what happened. `changed`: the
    /// database changed, so every screen reloads.
    Report {
        lines: Vec<(Tone, String)>,
        changed: bool,
    },
    /// The mass-delete guard stopped it: ask, then maybe run `job` again.
    AskMassDelete { question: String, job: Job },
}

/// The session keyring: the passphrase typed now, else the one typed before,
/// else the environment's.
fn keyring(keys: &mut Option<Keyring>, typed: Option<String>) -> Result<&mut Keyring> {
    if let Some(p) = typed {
        *keys = Some(Keyring::new(p));
    }
    if keys.is_none()
        && let Some(p) = env_passphrase()
    {
        *keys = Some(Keyring::new(crate::sync::passphrase::check(p)?));
    }
    keys.as_mut().ok_or(Error::PassphraseMissing)
}

fn execute(store: &mut Store, keys: &mut Option<Keyring>, job: &mut Job) -> Result<Done> {
    let keys = keyring(keys, job.passphrase.take())?;
    let path = job.path.clone();
    match job.op {
        SyncOp::Export => {
            let dest = if path.is_dir() {
                path.join(sync::bundle_file_name(
                    store.device_id(),
                    &crate::store::new_id(),
                ))
            } else {
                path.clone()
            };
            let s = sync::export_to(store, keys, &dest, false, false)?;
            if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
                store.set_local_pref(PREF_EXPORT_DIR, &dir.to_string_lossy())?;
            }
            Ok(Done::Exported(s))
        }
        SyncOp::Import => {
            let (files, dir) = if path.is_dir() {
                (folder::candidates(&path)?, Some(path.as_path()))
            } else {
                (vec![path.clone()], path.parent())
            };
            if files.is_empty() {
                return Ok(Done::NoBundles);
            }
            let r = sync::import_files(store, keys, &files, job.mass_delete)?;
            if let Some(dir) = dir.filter(|d| !d.as_os_str().is_empty()) {
                store.set_local_pref(PREF_IMPORT_DIR, &dir.to_string_lossy())?;
            }
            Ok(Done::Imported(r))
        }
        SyncOp::Folder => {
            let r = sync::sync_folder(store, keys, &path, job.mass_delete)?;
            store.set_local_pref(PREF_FOLDER, &path.to_string_lossy())?;
            Ok(Done::Folder(r))
        }
    }
}

/// Runs `job`. A wrong passphrase forgets the session's, so it is asked again.
pub fn run(store: &mut Store, keys: &mut Option<Keyring>, mut job: Job, lang: Lang) -> Ran {
    match execute(store, keys, &mut job) {
        Ok(done) => {
            let changed = !matches!(done, Done::Exported(_) | Done::NoBundles);
            Ran::Report {
                lines: report(&done, lang),
                changed,
            }
        }
        Err(Error::MassDelete {
            kind,
            deleted,
            live,
        }) => Ran::AskMassDelete {
            question: t::mass_delete_question(kind, deleted, live, lang),
            job,
        },
        Err(e) => {
            if matches!(
                e,
                Error::Bundle {
                    problem: BundleProblem::WrongPassphrase,
                    ..
                }
            ) {
                *keys = None;
            }
            Ran::Report {
                lines: vec![(Tone::Refused, i18n::error_message(&e, lang))],
                changed: false,
            }
        }
    }
}

fn import_lines(r: &ImportReport, out: &mut Vec<(Tone, String)>, lang: Lang) {
    for b in &r.bundles {
        out.push((Tone::Normal, t::bundle_imported(b, lang)));
    }
    out.push((Tone::Normal, t::import_summary(r, lang)));
    if let Some(ms) = r.sender_clock_ahead_ms {
        out.push((Tone::Warning, t::clock_warning(ms, lang)));
    }
}

fn exported_line(s: &ExportSummary, lang: Lang) -> (Tone, String) {
    (Tone::Normal, t::exported(&s.path, s.entries, s.bytes, lang))
}

/// The lines for what a job did.
pub fn report(done: &Done, lang: Lang) -> Vec<(Tone, String)> {
    let mut out = Vec::new();
    match done {
        Done::Exported(s) => out.push(exported_line(s, lang)),
        Done::NoBundles => out.push((Tone::Refused, t::no_bundles_in_folder(lang).into())),
        Done::Imported(r) => import_lines(r, &mut out, lang),
        Done::Folder(r) => {
            for (path, problem) in &r.skipped {
                let line = crate::i18n::own_files::skipped(path, *problem, lang);
                out.push((Tone::Warning, line));
            }
            if r.import.bundles.is_empty() {
                out.push((Tone::Normal, t::nothing_new_in_folder(lang).into()));
            } else {
                import_lines(&r.import, &mut out, lang);
            }
            for line in t::folder_written(r, lang) {
                out.push((Tone::Normal, line));
            }
            for line in crate::i18n::own_files::sync_lines(r, lang) {
                out.push((Tone::Normal, line));
            }
        }
    }
    out
}
