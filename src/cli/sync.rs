//! `teichaku export | import | sync <folder> | sync status | conflicts`.
//!
//! Thin: every decision is in `sync` and `store`; this file turns flags into
//! calls and reports into sentences.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Ctx;
use crate::error::{Error, Result};
use crate::i18n::sync as t;
use crate::i18n::{Lang, Msg};
use crate::store::delete_conflicts::DELETE_EDIT;
use crate::store::sync_state::PLAN_FORK;
use crate::store::{ImportReport, MassDelete};
use crate::sync::{self, Keyring, passphrase};
use crate::text::terminal_safe as safe;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 書き出すファイル（省略時は今のフォルダに新しい名前で）/ file to write
    #[arg(long, value_name = "FILE")]
    to: Option<PathBuf>,
    /// 全履歴を書き出す（新しいパソコン用）/ the whole log, for a new laptop
    #[arg(long)]
    full: bool,
    /// --to のファイルが既にあれば上書きする / replace the --to file if it exists
    #[arg(long, requires = "to")]
    force: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// 同期ファイル（複数可、まとめて1回で取り込み）/ bundle files, imported all or nothing
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// 多数の削除を含んでいても確認せずに取り込む / import even if it deletes many records
    #[arg(long)]
    yes: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    #[command(subcommand)]
    cmd: Option<SyncCmd>,
    /// 共有フォルダ（Syncthing・Dropbox・ネットワークドライブなど）/ shared folder
    #[arg(value_name = "FOLDER")]
    folder: Option<PathBuf>,
    /// 多数の削除を含んでいても確認せずに取り込む / import even if it deletes many records
    #[arg(long)]
    yes: bool,
}

#[derive(Debug, Subcommand)]
enum SyncCmd {
    /// 端末ごとの受信状況・最近の取り込み・競合の数 / devices, missing changes, imports
    Status {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ConflictsArgs {
    #[command(subcommand)]
    cmd: Option<ConflictCmd>,
    #[arg(long)]
    json: bool,
    /// 新しい順に20件ずつ、何ページ目か / page of 20, newest first
    #[arg(long, default_value_t = 1)]
    page: usize,
}

/// Conflicts listed per page of `conflicts`.
const CONFLICTS_PAGE: usize = 20;

#[derive(Debug, Subcommand)]
enum ConflictCmd {
    /// 競合を解決（どちらかを選ぶか、まとめた文を書く）/ resolve a conflict
    Resolve {
        /// 一覧の番号か記録の ID / number in the list, or record id (prefix)
        which: String,
        /// 残す版の番号 / keep this version
        #[arg(long, conflicts_with = "text", required_unless_present = "text")]
        pick: Option<usize>,
        /// まとめた新しい文 / a merged text
        #[arg(long, allow_hyphen_values = true)]
        text: Option<String>,
    },
}

fn keyring(ctx: &Ctx, confirm: bool) -> Result<Keyring> {
    Ok(Keyring::new(obtain(ctx.lang, confirm)?))
}

/// Reads the passphrase; `confirm` asks twice at a prompt (for exports, so a
/// typo never produces a bundle nobody can open).
fn obtain(lang: Lang, confirm: bool) -> Result<String> {
    let pass = match std::env::var(passphrase::PASSPHRASE_ENV) {
        Ok(p) if !p.is_empty() => p,
        _ => {
            if !std::io::stdin().is_terminal() {
                return Err(Error::PassphraseMissing);
            }
            let first = prompt(Msg::PassphrasePrompt.text(lang))?;
            if confirm {
                let again = prompt(Msg::PassphraseAgain.text(lang))?;
                if again != first {
                    return Err(Error::PassphraseMismatch);
                }
            }
            first
        }
    };
    passphrase::check(pass)
}

fn prompt(text: &str) -> Result<String> {
    rpassword::prompt_password(text).map_err(|_| Error::PassphraseMissing)
}

pub fn export(ctx: &mut Ctx, args: ExportArgs) -> Result<()> {
    let mut keys = keyring(ctx, true)?;
    let (dest, replace) = match args.to {
        Some(p) => (p, args.force),
        None => (
            PathBuf::from(sync::bundle_file_name(
                ctx.store.device_id(),
                &crate::store::new_id(),
            )),
            false,
        ),
    };
    let s = sync::export_to(&mut ctx.store, &mut keys, &dest, args.full, replace)?;
    ctx.line(t::exported(&s.path, s.entries, s.bytes, ctx.lang));
    Ok(())
}

/// Asks before an import that deletes many records (only at a terminal;
/// otherwise the refusal stands and names `--yes`).
fn run_guarded(
    ctx: &mut Ctx,
    yes: bool,
    mut f: impl FnMut(&mut Ctx, MassDelete) -> Result<()>,
) -> Result<()> {
    let first = if yes {
        MassDelete::Allow
    } else {
        MassDelete::Refuse
    };
    match f(ctx, first) {
        Err(e @ Error::MassDelete { .. }) if std::io::stdin().is_terminal() => {
            eprintln!("{}", safe(&crate::i18n::error_message(&e, ctx.lang)));
            eprint!("{}", crate::i18n::Msg::ConfirmImport.text(ctx.lang));
            let mut answer = String::new();
            let _ = std::io::stdin().lock().read_line(&mut answer);
            if matches!(answer.trim(), "y" | "Y" | "yes" | "はい") {
                f(ctx, MassDelete::Allow)
            } else {
                Err(Error::Cancelled)
            }
        }
        other => other,
    }
}

fn report_import(ctx: &mut Ctx, r: &ImportReport) -> Result<()> {
    for b in &r.bundles {
        ctx.line(t::bundle_imported(b, ctx.lang));
    }
    ctx.line(t::import_summary(r, ctx.lang));
    if let Some(ms) = r.sender_clock_ahead_ms {
        eprintln!("{}", t::clock_warning(ms, ctx.lang));
    }
    let open = ctx.store.conflict_count()?;
    if open > 0 {
        ctx.line(t::conflicts_hint(open, ctx.lang));
    }
    if !ctx.store.kept_against_delete()?.is_empty() {
        ctx.line(crate::i18n::deleted::kept_notice(ctx.lang));
    }
    // Records that reach a closed-employment employer (entered elsewhere
    // before that laptop knew): said at once, not only on the dashboard.
    let workers: Vec<_> = ctx.store.workers()?.into_iter().map(|r| r.worker).collect();
    let counts = ctx.store.closed_flag_counts(&workers)?;
    for w in &workers {
        let flagged = counts.get(&w.id).copied().unwrap_or(0);
        if flagged > 0 {
            let line = crate::i18n::closed::imported_flags(&w.display_name, flagged, ctx.lang);
            ctx.line(crate::text::terminal_safe(&line));
        }
    }
    Ok(())
}

pub fn import(ctx: &mut Ctx, args: ImportArgs) -> Result<()> {
    let mut keys = keyring(ctx, false)?;
    run_guarded(ctx, args.yes, |ctx, guard| {
        let r = sync::import_files(&mut ctx.store, &mut keys, &args.files, guard)?;
        report_import(ctx, &r)
    })
}

pub fn run_sync(ctx: &mut Ctx, args: SyncArgs) -> Result<()> {
    match (args.cmd, args.folder) {
        (Some(SyncCmd::Status { json }), _) => status(ctx, json),
        (None, Some(folder)) => {
            let mut keys = keyring(ctx, true)?;
            run_guarded(ctx, args.yes, |ctx, guard| {
                let r = sync::sync_folder(&mut ctx.store, &mut keys, &folder, guard)?;
                for (path, problem) in &r.skipped {
                    let line = crate::i18n::own_files::skipped(path, *problem, ctx.lang);
                    eprintln!("{}", safe(&line));
                }
                if !r.import.bundles.is_empty() {
                    report_import(ctx, &r.import)?;
                }
                for line in t::folder_written(&r, ctx.lang) {
                    ctx.line(line);
                }
                for line in crate::i18n::own_files::sync_lines(&r, ctx.lang) {
                    ctx.line(line);
                }
                Ok(())
            })
        }
        (None, None) => status(ctx, false),
    }
}

fn status(ctx: &mut Ctx, json: bool) -> Result<()> {
    let s = ctx.store.sync_status(10)?;
    if json {
        ctx.json(&s);
        return Ok(());
    }
    let lang = ctx.lang;
    let (devices, imports, no_imports) = t::status_headings(lang);
    ctx.line(t::this_device(&s.device_id, s.own_seq, lang));
    ctx.line(devices);
    for d in s.devices.iter().filter(|d| !d.this_device) {
        ctx.line(t::device_line(d, lang));
    }
    if s.imports.is_empty() {
        ctx.line(no_imports);
    } else {
        ctx.line(imports);
        for i in &s.imports {
            ctx.line(t::import_line(i, lang));
        }
    }
    if let Some(check) = &s.own_files {
        ctx.line(crate::i18n::own_files::status_line(check, lang));
    }
    if s.open_conflicts > 0 {
        ctx.line(t::conflicts_hint(s.open_conflicts, lang));
    }
    Ok(())
}

pub fn conflicts(ctx: &mut Ctx, args: ConflictsArgs) -> Result<()> {
    let list = crate::render::plan_fork::conflicts(&ctx.store, ctx.lang)?;
    match args.cmd {
        None if args.json => ctx.json(&list),
        None if list.is_empty() => ctx.line(t::no_conflicts(ctx.lang)),
        None => {
            let skip = args.page.saturating_sub(1) * CONFLICTS_PAGE;
            let shown = list.iter().enumerate().skip(skip).take(CONFLICTS_PAGE);
            for (i, c) in shown {
                ctx.line(t::conflict_heading(i + 1, c, ctx.lang));
                if c.field == DELETE_EDIT {
                    for l in crate::i18n::deleted::version_lines(c, ctx.lang) {
                        ctx.line(l);
                    }
                    ctx.line(crate::i18n::deleted::resolve_hint(i + 1, ctx.lang));
                    continue;
                }
                for (k, v) in c.versions.iter().enumerate() {
                    ctx.line(t::version_heading(k + 1, v, ctx.lang));
                    for l in v.text.lines() {
                        ctx.line(format!("       {l}"));
                    }
                }
                if c.field == PLAN_FORK {
                    ctx.line(crate::i18n::plan_fork::resolve_hint(i + 1, ctx.lang));
                } else {
                    ctx.line(t::resolve_hint(i + 1, ctx.lang));
                }
            }
            let past = skip + CONFLICTS_PAGE;
            if list.len() > past {
                ctx.line(t::more_conflicts(
                    list.len() - past,
                    args.page + 1,
                    ctx.lang,
                ));
            } else if skip >= list.len() {
                ctx.line(t::no_such_page(list.len(), ctx.lang));
            }
        }
        Some(ConflictCmd::Resolve { which, pick, text }) => {
            let by_number = which
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| list.get(i));
            let by_id: Vec<_> = list
                .iter()
                .filter(|c| which.len() >= 4 && c.record_id.starts_with(&which))
                .collect();
            let c = match (by_number, by_id.as_slice()) {
                (Some(c), _) => c,
                (None, [c]) => *c,
                _ => return Err(Error::UnknownConflict { query: which }),
            };
            if c.field == DELETE_EDIT {
                let keep = match (pick, text) {
                    (Some(1), None) => false,
                    (Some(2), None) => true,
                    (_, Some(_)) => return Err(Error::DeleteConflictText),
                    (k, None) => {
                        return Err(Error::UnknownConflict {
                            query: format!("{which} --pick {}", k.unwrap_or(0)),
                        });
                    }
                };
                let record = c.record_id.clone();
                ctx.store.resolve_delete(&record, keep)?;
                ctx.line(t::resolved(ctx.lang));
                return Ok(());
            }
            if c.field == PLAN_FORK {
                let Some(k) = pick else {
                    return Err(Error::PlanForkText);
                };
                let v =
                    c.versions
                        .get(k.wrapping_sub(1))
                        .ok_or_else(|| Error::UnknownConflict {
                            query: format!("{which} --pick {k}"),
                        })?;
                let id = v.version_id.clone();
                ctx.store.choose_plan_version(&id)?;
                ctx.line(t::resolved(ctx.lang));
                return Ok(());
            }
            let chosen = match (pick, text) {
                (_, Some(text)) => text,
                (Some(k), None) => c
                    .versions
                    .get(k.wrapping_sub(1))
                    .map(|v| v.text.clone())
                    .ok_or_else(|| Error::UnknownConflict {
                        query: format!("{which} --pick {k}"),
                    })?,
                (None, None) => return Err(Error::NoConflict),
            };
            let (record, field) = (c.record_id.clone(), c.field.clone());
            ctx.store.resolve_conflict(&record, &field, &chosen)?;
            ctx.line(t::resolved(ctx.lang));
        }
    }
    Ok(())
}
