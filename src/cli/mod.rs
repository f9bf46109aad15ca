//! The command line: definitions (clap), then dispatch to one file per noun.

pub mod access;
mod args;
mod audit;
mod backup;
mod checklist;
mod contact;
mod csv;
mod deleted;
mod due;
mod handover;
mod passphrase;
mod person;
mod plan;
mod report;
mod search;
mod selfreport;
mod sync;
mod table;
mod worker;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::i18n::{self, Lang, Msg};
use crate::settings::{self, Settings};
use crate::store::Store;
use crate::tui::drafts::Drafts;
use crate::tui::keymap::Keymap;
use crate::{demo, paths, text, tui};

/// teichaku（定着）— 就労定着支援の記録ツール / records for employment-retention support
#[derive(Debug, Parser)]
#[command(name = "teichaku", version, about, long_about = None)]
pub struct Cli {
    /// データベースのパス / database file (default: the data folder)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// デモデータの一時コピーで動かす / run on a throw-away copy of the demo data
    #[arg(long, global = true)]
    pub demo: bool,
    /// 表示言語 ja|en / interface language
    #[arg(long, global = true, value_name = "ja|en")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The command's name for the access log (`contact list --json`), set
    /// from what clap parsed (access.rs).
    #[arg(skip)]
    pub command_name: String,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 利用者 / workers
    #[command(subcommand)]
    Worker(worker::WorkerCmd),
    /// 関係者（リソースマップ）/ people in a worker's network
    #[command(subcommand)]
    Person(person::PersonCmd),
    /// 連絡記録（訪問・電話・面談）/ contacts
    #[command(subcommand)]
    Contact(contact::ContactCmd),
    /// 他のパソコンへ渡す同期ファイルを書き出す / write a sync bundle for other laptops
    Export(sync::ExportArgs),
    /// 同期ファイルを取り込む / import sync bundles
    Import(sync::ImportArgs),
    /// 共有フォルダで同期、または `sync status` で状況 / sync through a shared folder, or show status
    Sync(sync::SyncArgs),
    /// 2台で別々に書き換えられた記録（競合）/ notes edited on two laptops
    Conflicts(sync::ConflictsArgs),
    /// チェックリストを記録 / record a checklist assessment
    Check(checklist::CheckArgs),
    /// チェックリストのまとめ（レーダー・推移）/ checklist summary: radar, changes, trend
    Summary(checklist::SummaryArgs),
    /// 期限切れ・期限間近の対応（ダッシュボード）/ what is overdue or due soon
    Due {
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        cmd: Option<due::DueCmd>,
    },
    /// 就労定着支援計画（表示・作成・見直し）/ the support plan: show, new, review
    #[command(subcommand)]
    Plan(plan::PlanCmd),
    /// 引継ぎ（要継続支援の判断・共有の記録）/ handover: decision, sharing log
    #[command(subcommand)]
    Handover(handover::HandoverCmd),
    /// 日報（毎日の自己評価）の取り込み / daily self-reports: import from forms
    #[command(subcommand)]
    Selfreport(selfreport::SelfReportCmd),
    /// 支援レポート（月次）/ the monthly support report
    Report(Box<report::ReportArgs>),
    /// 全文検索（記録・氏名・関係者・レポート）/ search notes, names, people, reports
    Search {
        /// 検索語（空白区切りはすべてを含むもの）/ words; all must match
        #[arg(required = true)]
        query: Vec<String>,
        /// 最大件数 / at most this many results
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// アクセスの記録（誰がいつ何を見た・出力したか）/ the access log
    Audit(audit::AuditArgs),
    /// データベースのパスフレーズ / the database passphrase
    #[command(subcommand)]
    Passphrase(passphrase::PassphraseCmd),
    /// 暗号化したバックアップを作る / write an encrypted backup
    Backup(backup::BackupArgs),
    /// バックアップを空のデータフォルダに戻す / restore a backup into an empty data folder
    Restore(backup::RestoreArgs),
    /// データベースを点検する（何も変更しない）/ check the database (changes nothing)
    Doctor,
    /// Excel 用 CSV（workers | contacts）/ CSV for Excel
    Csv {
        /// workers（利用者）| contacts（連絡記録）
        what: String,
        /// 書き出すファイル（省略時は標準出力）/ file to write, stdout if omitted
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// What every command needs.
pub struct Ctx {
    pub store: Store,
    pub lang: Lang,
    pub settings: Settings,
    pub today: NaiveDate,
    /// Text for stdout, printed once the command has succeeded.
    pub out: String,
    /// What this command wrote in the access log (access.rs).
    reading: access::Reading,
}

impl Ctx {
    /// A command's document: to stdout, or with `--out` to that file (owner-
    /// only, atomic; an existing file only with `--force`).
    pub fn emit(&mut self, text: &str, out: Option<&std::path::Path>, force: bool) -> Result<()> {
        match out {
            None => self.out.push_str(text),
            Some(path) => {
                crate::print::write(path, text, force)?;
                self.line(crate::i18n::documents::written(path, self.lang));
            }
        }
        Ok(())
    }

    /// A document about `worker_id` goes out (printed to stdout or a file):
    /// into the access log first, with what it is (never its text).
    pub fn log_document(
        &mut self,
        worker_id: &str,
        what: &str,
        out: Option<&std::path::Path>,
    ) -> Result<()> {
        let to = if out.is_some() { "file" } else { "stdout" };
        self.store.log_access(
            crate::store::Access::Print,
            Some(worker_id),
            &format!("{what} → {to}"),
        )
    }

    pub fn line(&mut self, s: impl AsRef<str>) {
        self.out.push_str(s.as_ref());
        self.out.push('\n');
    }

    pub fn json<T: serde::Serialize>(&mut self, value: &T) {
        match serde_json::to_string_pretty(value) {
            Ok(s) => self.line(s),
            Err(_) => self.line("null"),
        }
    }
}

/// The command line as the program parses it: [`Cli`]'s definition, with
/// every option that takes a value accepting one that starts with `-`
/// (`--name -田中`, `--employer "-株式会社"`, `--notes "-5 kg"`), on every
/// command, a new one included. Positional arguments are left as clap has
/// them (`worker show -- -田中`).
pub fn command() -> clap::Command {
    fn hyphens(cmd: clap::Command) -> clap::Command {
        let cmd = cmd.mut_args(|a| {
            if a.get_long().is_some() && a.get_action().takes_values() {
                a.allow_hyphen_values(true)
            } else {
                a
            }
        });
        cmd.mut_subcommands(hyphens)
    }
    hyphens(<Cli as clap::CommandFactory>::command())
}

/// Runs the program with the process's arguments; returns the exit code.
pub fn main() -> ExitCode {
    let matches = command().get_matches();
    let mut cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    cli.command_name = access::command_name(&matches);
    // Settings first: they may choose the language of every later message.
    let (settings, settings_error) = match Settings::load_or_create(&paths::settings_file()) {
        Ok(s) => (s, None),
        Err(e) => (Settings::default(), Some(e)),
    };
    let lang = match cli.lang.as_deref().map(|l| (l, Lang::parse(l))) {
        Some((_, Some(l))) => l,
        Some((input, None)) => {
            let err = Error::UnknownChoice {
                field: "language",
                input: input.to_string(),
                choices: |l| {
                    l.pick("ja（日本語）, en（English）", "ja (Japanese), en (English)")
                        .to_string()
                },
            };
            report(&err, settings.resolved_lang());
            return ExitCode::FAILURE;
        }
        None => settings.resolved_lang(),
    };
    if let Some(e) = settings_error {
        // A broken settings file is reported, and the defaults are used.
        report(&e, lang);
    }
    match run(cli, settings, lang) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = stdout
                .write_all(text::terminal_safe(&out).as_bytes())
                .and_then(|()| stdout.flush());
            ExitCode::SUCCESS
        }
        Err(e) => {
            report(&e, lang);
            ExitCode::FAILURE
        }
    }
}

fn report(e: &Error, lang: Lang) {
    eprintln!(
        "{}: {}",
        Msg::ErrorPrefix.text(lang),
        text::terminal_safe(&i18n::error_message(e, lang))
    );
}

/// Opens the right database and runs one command; returns what to print.
pub fn run(cli: Cli, settings: Settings, lang: Lang) -> Result<String> {
    let clock = Clock::from_env()?;
    let today = clock.today();
    // Kept alive until the command is done; removed (with the demo copy) on drop.
    let mut _demo_dir = None;
    if let Some(Command::Passphrase(cmd)) = cli.command {
        if cli.demo {
            return Ok(String::new());
        }
        return passphrase::run(&cli.db.unwrap_or_else(paths::default_db), lang, cmd);
    }
    let db = cli.db.clone().unwrap_or_else(paths::default_db);
    // Before any store is opened: opening would create, convert or migrate.
    match cli.command {
        Some(Command::Restore(a)) => {
            backup::precheck(&db, cli.demo, false)?;
            return backup::restore(&db, a, &settings, lang);
        }
        Some(Command::Doctor) => {
            backup::precheck(&db, cli.demo, true)?;
            return backup::doctor(&db, &settings, clock, lang);
        }
        Some(Command::Backup(_)) => backup::precheck(&db, cli.demo, true)?,
        _ => {}
    }
    if cli.command.is_none() && !cli.demo && passphrase::wants_unlock_screen(&db)? {
        // The TUI on an encrypted database: the passphrase on its lock screen.
        let cfg = tui_config(&settings, lang, today, clock, Drafts::new(None));
        return tui::run_unlocking(&db, cfg).map(|()| String::new());
    }
    let store = if cli.demo {
        eprintln!("{}", Msg::DemoNotice.text(lang));
        let (dir, store) = demo::open_throwaway(today, Some(&paths::cache_dir()))?;
        _demo_dir = Some(dir);
        store
    } else {
        passphrase::open_store(&db, lang)?
    };
    let mut store = store;
    store.set_staff(&settings.staff_name);
    if store.device_was_renewed() {
        eprintln!("{}", i18n::sync::device_renewed(lang));
    }
    let mut store = store;
    // The agency's self-report items, if it has its own file.
    let (items, skipped) = crate::checklists::selfreport::load(&paths::config_dir());
    store.set_selfreport_items(items);
    let items_warning =
        skipped.map(|(path, why)| i18n::selfreport::items_skipped(&path, &why, lang));
    if let (Some(w), Some(_)) = (&items_warning, &cli.command) {
        eprintln!("{}", text::terminal_safe(w));
    }
    let reading = access::Reading {
        start_seq: store.access_log_last_seq()?,
        start_unlogged: store.unlogged_reads(),
        command: cli.command_name.clone(),
        workers: Vec::new(),
    };
    let mut ctx = Ctx {
        store,
        lang,
        settings,
        today,
        out: String::new(),
        reading,
    };
    match cli.command {
        Some(Command::Worker(cmd)) => worker::run(&mut ctx, cmd)?,
        Some(Command::Person(cmd)) => person::run(&mut ctx, cmd)?,
        Some(Command::Contact(cmd)) => contact::run(&mut ctx, cmd)?,
        Some(Command::Export(args)) => sync::export(&mut ctx, args)?,
        Some(Command::Import(args)) => sync::import(&mut ctx, args)?,
        Some(Command::Sync(args)) => sync::run_sync(&mut ctx, args)?,
        Some(Command::Conflicts(args)) => sync::conflicts(&mut ctx, args)?,
        Some(Command::Check(args)) => checklist::check(&mut ctx, args)?,
        Some(Command::Summary(args)) => checklist::summary(&mut ctx, args)?,
        Some(Command::Due { json, cmd: None }) => due::run(&mut ctx, json)?,
        Some(Command::Due { cmd: Some(cmd), .. }) => due::act(&mut ctx, cmd)?,
        Some(Command::Plan(cmd)) => plan::run(&mut ctx, cmd)?,
        Some(Command::Handover(cmd)) => handover::run(&mut ctx, cmd)?,
        Some(Command::Report(a)) => report::run(&mut ctx, *a)?,
        Some(Command::Selfreport(cmd)) => selfreport::run(&mut ctx, cmd)?,
        Some(Command::Search { query, limit, json }) => search::run(&mut ctx, &query, limit, json)?,
        Some(Command::Csv { what, out }) => csv::run(&mut ctx, &what, out)?,
        Some(Command::Audit(a)) => audit::run(&mut ctx, a)?,
        Some(Command::Backup(a)) => backup::backup(&mut ctx, a, clock)?,
        Some(Command::Passphrase(_) | Command::Restore(_) | Command::Doctor) => {}
        None => {
            let drafts = Drafts::for_store(&ctx.store);
            let cfg = tui_config(&ctx.settings, lang, today, clock, drafts);
            tui::run(ctx.store, cfg)?;
            return Ok(String::new());
        }
    }
    // The output goes out only together with its access-log line.
    ctx.finish_reading()?;
    if let Some(why) = ctx.store.read_only_why() {
        eprintln!("{}", i18n::media::read_only(why, lang));
    }
    if ctx.store.unlogged_reads() > 0 {
        eprintln!(
            "{}",
            i18n::media::unlogged(ctx.store.unlogged_reads(), lang)
        );
    }
    Ok(ctx.out)
}

/// The TUI's configuration from the settings and the user's files.
fn tui_config(
    settings: &Settings,
    lang: Lang,
    today: NaiveDate,
    clock: Clock,
    drafts: Drafts,
) -> tui::Config {
    let (user_keymap, unreadable) = match settings::read_keymap_file(&paths::keymap_file()) {
        Ok(text) => (text, None),
        Err(e) => (None, Some(i18n::error_message(&e, lang))),
    };
    let (keymap, warnings) = Keymap::load(Some(&settings.keymap), user_keymap.as_deref());
    let mut warnings: Vec<String> = unreadable
        .into_iter()
        .chain(warnings.iter().map(|w| i18n::keymap_warning(w, lang)))
        .collect();
    let checklists = crate::checklists::Catalogue::load(&paths::config_dir());
    warnings.extend(
        checklists
            .skipped
            .iter()
            .map(|(path, why)| i18n::skipped_message(path, why, lang)),
    );
    let documents = crate::print::documents_dir(settings);
    if let Err(e) = crate::print::usable_folder(&documents) {
        warnings.push(i18n::error_message(&e, lang));
    }
    // The agency's self-report items, also for a store opened on the lock screen.
    let (items, skipped) = crate::checklists::selfreport::load(&paths::config_dir());
    warnings.extend(skipped.map(|(path, why)| i18n::selfreport::items_skipped(&path, &why, lang)));
    tui::Config {
        lang,
        today,
        clock,
        staff_name: settings.staff_name.clone(),
        keymap,
        warnings,
        drafts,
        checklists,
        print: tui::app::PrintSettings {
            agency: settings.agency_name.clone(),
            folder: documents,
            open: true,
        },
        lock_after: settings.lock_after(),
        settings_file: Some(paths::settings_file()),
        partner_weeks: settings
            .partner_hint_weeks
            .unwrap_or(crate::domain::partner::DEFAULT_HINT_WEEKS),
        selfreport_items: Some(items),
        backup: tui::backup_at_quit::BackupAtQuit::of(settings),
    }
}
