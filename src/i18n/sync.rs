//! Sync's sentences: bundle refusals, import reports, status and conflicts.

use super::Lang;
use crate::error::{BundleProblem, Error};

pub fn kind_name(kind: &str, lang: Lang) -> &str {
    match kind {
        "worker" => lang.pick("利用者", "worker"),
        "person" => lang.pick("関係者", "person"),
        "contact" => lang.pick("連絡記録", "contact"),
        "plan_version" => lang.pick("支援計画", "support plan"),
        "plan_goal" => lang.pick("支援計画の短期目標", "plan goal"),
        "plan_evaluation" => lang.pick("支援計画の評価", "plan evaluation"),
        "plan_review" => lang.pick("計画の見直し", "plan review"),
        "assessment" => lang.pick("チェックリスト", "checklist"),
        "answer" => lang.pick("チェックリストの回答", "checklist answer"),
        "report" => lang.pick("支援レポート", "support report"),
        "self_report" => lang.pick("本人の日報", "daily self-report"),
        "handover_decision" => lang.pick("引き継ぎの判断", "handover decision"),
        "handover_sharing" => lang.pick("引き継ぎの共有", "handover sharing"),
        "prior_record" => lang.pick("利用前の記録", "prior record"),
        "waiver" => lang.pick("免除の理由", "waiver"),
        other => other,
    }
}

/// Messages of sync errors (bundles, passphrase, import refusals).
pub(super) fn error_message(e: &Error, lang: Lang) -> String {
    use Lang::{En, Ja};
    match (e, lang) {
        (Error::MassDelete { kind, deleted, live }, Ja) => format!(
            "この取り込みは{}{live}件のうち{deleted}件を削除します。意図した削除か担当者に確かめてください。取り込む場合は --yes を付けてもう一度実行してください。何も変更していません。",
            kind_name(kind, Ja)
        ),
        (Error::MassDelete { kind, deleted, live }, En) => format!(
            "This import would delete {deleted} of {live} {} records. Check with whoever made the deletions; to import anyway, run again with --yes. Nothing was changed.",
            kind_name(kind, En)
        ),
        (Error::ReusedSequence { device, seq }, Ja) => format!(
            "端末 {} の変更番号 #{seq} が、すでに取り込んだ内容と違います。データベースをコピーした2台のパソコンが同じ端末IDで記録しているようです。何も変更していません。コピーした側で teichaku を一度起動し直す（新しい端末IDになります）か、担当者に相談してください。",
            short(device)
        ),
        (Error::ReusedSequence { device, seq }, En) => format!(
            "Change #{seq} of device {} differs from the one already imported: two laptops seem to share a device id (a copied database). Nothing was changed. Restart teichaku on the copy (it gets a new device id) or ask for help.",
            short(device)
        ),
        (Error::OwnEntryFromElsewhere { seq }, Ja) => format!(
            "同期ファイルに、このパソコンの端末IDで書かれた変更 #{seq} が入っていますが、このパソコンはそれを書いていません。このパソコンのデータベースをコピーした別のパソコンか、作り変えられたファイルです。何も取り込んでいません。ファイルを作ったパソコン（同期の状況の端末ID）を担当者と確かめてください。"
        ),
        (Error::OwnEntryFromElsewhere { seq }, En) => format!(
            "The sync file holds change #{seq} under this laptop's own device id, which this laptop never wrote: a copy of this laptop's database elsewhere, or a file made up. Nothing was imported. Find out with whoever runs sync which laptop wrote the file."
        ),
        (Error::SequenceOutOfRange { device, seq }, Ja) => format!(
            "同期ファイルの端末 {} の変更番号 #{seq} はありえない値です（作り変えられたファイル）。何も取り込んでいません。",
            short(device)
        ),
        (Error::SequenceOutOfRange { device, seq }, En) => format!(
            "Change #{seq} of device {} in the sync file is out of range (a made-up file). Nothing was imported.",
            short(device)
        ),
        (Error::IncomingTooLong { field, max }, Ja) => format!(
            "同期ファイルに長すぎる値（{}、{} まで）が入っています。作り変えられたファイルか、新しすぎる版のファイルです。何も取り込んでいません。",
            super::errors::field_name(field, Ja),
            super::errors::size_text(*max, Ja)
        ),
        (Error::IncomingTooLong { field, max }, En) => format!(
            "The sync file holds a value too long for its field ({}, at most {}): a made-up file, or one from a newer version. Nothing was imported.",
            super::errors::field_name(field, En),
            super::errors::size_text(*max, En)
        ),
        (Error::SequenceExhausted, Ja) => "このパソコンの変更番号が上限に達しました。保存していません。担当者に相談してください。".into(),
        (Error::SequenceExhausted, En) => "This laptop's change numbers ran out; nothing was saved. Ask for help.".into(),
        (Error::NoConflict, Ja) => "そこには未解決の競合がありません。`teichaku conflicts` で一覧を確かめてください。".into(),
        (Error::NoConflict, En) => "There is no open conflict there; see `teichaku conflicts`.".into(),
        (Error::UnknownConflict { query }, Ja) => format!(
            "「{query}」に当たる競合が見つからないか、複数あります。`teichaku conflicts` に出る番号か ID を指定してください。"
        ),
        (Error::UnknownConflict { query }, En) => format!(
            "No single conflict matches \"{query}\"; give a number or id from `teichaku conflicts`."
        ),
        (Error::Bundle { path, problem }, l) => bundle_message(path, *problem, l),
        (Error::PassphraseMissing, Ja) => "同期用のパスフレーズがありません。環境変数 TEICHAKU_SYNC_PASSPHRASE に設定するか、端末から実行して入力してください。".into(),
        (Error::PassphraseMissing, En) => "No sync passphrase: set TEICHAKU_SYNC_PASSPHRASE or run from a terminal to type it.".into(),
        (Error::PassphraseTooShort { min }, Ja) => {
            format!("パスフレーズが短すぎます（{min}文字以上にしてください）。")
        }
        (Error::PassphraseTooShort { min }, En) => {
            format!("The passphrase is too short (use at least {min} characters).")
        }
        (Error::PassphraseMismatch, Ja) => "2回入力したパスフレーズが一致しません。何も書き出していません。".into(),
        (Error::PassphraseMismatch, En) => "The two passphrases differ; nothing was written.".into(),
        (e, l) => super::crypt::error_message(e, l),
    }
}

/// How a device is named on screen (sync decides it: it names files with it).
pub use crate::sync::short_device as short;

use crate::files::ReadProblem;

fn bundle_message(path: &std::path::Path, problem: BundleProblem, lang: Lang) -> String {
    let file = path.display();
    let untouched = lang.pick(
        "データベースは変更していません。",
        "The database was not changed.",
    );
    let reason = match (problem, lang) {
        (BundleProblem::NotABundle, Lang::Ja) => "teichaku の同期ファイルではありません。".to_string(),
        (BundleProblem::NotABundle, Lang::En) => "is not a teichaku sync file.".to_string(),
        (BundleProblem::Empty, Lang::Ja) => "空のファイルです（0 バイト。コピーや同期がまだ始まっていないようです）。コピーが終わってから、もう一度取り込んでください。".to_string(),
        (BundleProblem::Empty, Lang::En) => "is empty (0 bytes: the copy or sync has not started yet); import it again once the copy has finished.".to_string(),
        (BundleProblem::Unreadable(ReadProblem::Folder), Lang::Ja) => "フォルダです。同期ファイル（.tcsync）を指定してください。共有フォルダの中の同期ファイルをまとめて取り込むときは `teichaku sync フォルダ` を使います。".to_string(),
        (BundleProblem::Unreadable(ReadProblem::Folder), Lang::En) => "is a folder. Name a sync file (.tcsync); to import every sync file in a shared folder, use `teichaku sync FOLDER`.".to_string(),
        (BundleProblem::Unreadable(why), Lang::Ja) => format!("読めません。{}", super::errors::read_problem(why, Lang::Ja)),
        (BundleProblem::Unreadable(why), Lang::En) => format!("cannot be read: {}", super::errors::read_problem(why, Lang::En)),
        (BundleProblem::Truncated, Lang::Ja) => "ファイルが途中で切れています（コピーが終わっていないか失敗しています）。もう一度コピーしてください。".to_string(),
        (BundleProblem::Truncated, Lang::En) => "is cut short (the copy is incomplete or failed); copy it again.".to_string(),
        (BundleProblem::Damaged, Lang::Ja) => "ファイルが壊れています（チェックサムが合いません）。送った人にもう一度送ってもらってください。".to_string(),
        (BundleProblem::Damaged, Lang::En) => "is damaged (checksum mismatch); ask the sender for a fresh copy.".to_string(),
        (BundleProblem::NewerFormat { found, supported }, Lang::Ja) => format!(
            "新しい版の teichaku で作られた形式です（形式 {found}、この版は {supported} まで）。teichaku を更新してから取り込んでください。"
        ),
        (BundleProblem::NewerFormat { found, supported }, Lang::En) => format!(
            "was written by a newer teichaku (format {found}; this version reads up to {supported}). Update teichaku, then import it."
        ),
        (BundleProblem::WrongPassphrase, Lang::Ja) => "パスフレーズが違います（別の事業所のファイルか、入力の誤りです）。".to_string(),
        (BundleProblem::WrongPassphrase, Lang::En) => "needs another passphrase (a typo, or a file of another agency).".to_string(),
        (BundleProblem::Tampered, Lang::Ja) => "内容が書き換えられています（認証に失敗しました）。このファイルは使わず、送った人に確認してください。".to_string(),
        (BundleProblem::Tampered, Lang::En) => "has been altered (authentication failed); do not use it and check with the sender.".to_string(),
        (BundleProblem::TooLarge, Lang::Ja) => "大きすぎるため読みません。".to_string(),
        (BundleProblem::TooLarge, Lang::En) => "is too large to read.".to_string(),
        (BundleProblem::Malformed, Lang::Ja) => "認証は通りましたが中身が読めません（teichaku の不具合の可能性があります）。".to_string(),
        (BundleProblem::Malformed, Lang::En) => "is authentic but its content cannot be read (possibly a teichaku bug).".to_string(),
    };
    match lang {
        Lang::Ja => format!("{file}: {reason}{untouched}"),
        Lang::En => format!("{file} {reason} {untouched}"),
    }
}

// ---- reports of the sync commands ----

use crate::store::sync_state::{Conflict, DeviceStatus, ImportRecord, NoteVersion};
use crate::store::{BatchReport, ImportReport};

/// "#3", "#3–#9".
fn runs(r: &[(i64, i64)]) -> String {
    r.iter()
        .map(|(a, b)| {
            if a == b {
                format!("#{a}")
            } else {
                format!("#{a}–#{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

pub fn exported(path: &std::path::Path, entries: usize, bytes: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "書き出しました: {}（変更 {entries} 件、{}）",
            path.display(),
            kb(bytes)
        ),
        Lang::En => format!(
            "Wrote {} ({entries} changes, {})",
            path.display(),
            kb(bytes)
        ),
    }
}

pub fn nothing_to_send(lang: Lang) -> &'static str {
    lang.pick(
        "このパソコンから送る新しい変更はありません。",
        "Nothing new to send from this laptop.",
    )
}

/// A folder sync that wrote only what this laptop now holds (no entries).
pub fn acknowledged(lang: Lang) -> &'static str {
    lang.pick(
        "このパソコンから送る新しい変更はありません（受け取った分を共有フォルダに知らせました）。",
        "Nothing new to send from this laptop (the shared folder now says what it holds).",
    )
}

/// What the folder sync did with this laptop's own files: one sentence for
/// the written file, one for a compaction.
pub fn folder_written(r: &crate::sync::FolderReport, lang: Lang) -> Vec<String> {
    let mut out = vec![match &r.written {
        Some(s) if s.entries > 0 => exported(&s.path, s.entries, s.bytes, lang),
        Some(_) => acknowledged(lang).to_string(),
        None => nothing_to_send(lang).to_string(),
    }];
    if r.compacted.is_some() {
        let n = r.removed.len();
        out.push(match lang {
            Lang::Ja => format!(
                "このパソコンの古い同期ファイル {n} 個を1つにまとめて消しました（ほかの端末はすべて受け取り済みです）。"
            ),
            Lang::En => format!(
                "Merged {n} older sync files of this laptop into one and removed them (every other laptop had them)."
            ),
        });
    }
    out
}

pub fn bundle_imported(b: &BatchReport, lang: Lang) -> String {
    match (b.already_imported, lang) {
        (true, Lang::Ja) => format!("取り込み済みのため飛ばしました: {}", b.file_name),
        (true, Lang::En) => format!("Already imported, skipped: {}", b.file_name),
        (false, Lang::Ja) => format!(
            "取り込みました: {}（端末 {}、変更 {} 件のうち新しいもの {} 件）",
            b.file_name,
            short(&b.sender),
            b.entries,
            b.new_entries
        ),
        (false, Lang::En) => format!(
            "Imported {} (device {}, {} of {} changes new)",
            b.file_name,
            short(&b.sender),
            b.new_entries,
            b.entries
        ),
    }
}

pub fn import_summary(r: &ImportReport, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "新しい変更 {} 件、更新した記録 {} 件、削除された記録 {} 件、新しい競合 {} 件。",
            r.new_entries, r.records_changed, r.records_deleted, r.new_conflicts
        ),
        Lang::En => format!(
            "{} new changes, {} records updated, {} deleted, {} new conflicts.",
            r.new_entries, r.records_changed, r.records_deleted, r.new_conflicts
        ),
    }
}

pub fn clock_warning(ahead_ms: i64, lang: Lang) -> String {
    let hours = ahead_ms / 3_600_000;
    let (days, hours) = (hours / 24, hours % 24);
    match lang {
        Lang::Ja => format!(
            "注意: 送ってきたパソコンの時計が約 {days} 日 {hours} 時間進んでいます。取り込みはしましたが、そのパソコンの日付と時刻を直してください（このパソコンの時計は1日以上先には進めません）。"
        ),
        Lang::En => format!(
            "Warning: the sending laptop's clock is about {days} d {hours} h fast. The bundle was imported; please correct that laptop's date and time (this laptop's clock is never moved more than a day ahead)."
        ),
    }
}

pub fn conflicts_hint(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "未解決の競合が {n} 件あります（同じ記録が2台で別々に書き換えられたか、一方で削除され他方で書き足されました。どちらも残っています）。`teichaku conflicts` で確かめてください。"
        ),
        Lang::En => format!(
            "{n} open conflicts (a record was changed on two laptops, or deleted on one and written to on another; both are kept). See `teichaku conflicts`."
        ),
    }
}

pub fn skipped(path: &std::path::Path, problem: BundleProblem, lang: Lang) -> String {
    let why = bundle_message(path, problem, lang);
    match lang {
        Lang::Ja => format!("読み飛ばしました（次回また試します）: {why}"),
        Lang::En => format!("Skipped (will retry next time): {why}"),
    }
}

pub fn device_renewed(lang: Lang) -> &'static str {
    lang.pick(
        "このデータベースは別のパソコンからコピーされたようです。同期で混ざらないよう、このパソコン用の新しい端末IDを作りました（記録はそのままです）。",
        "This database seems to have been copied from another laptop; it now has a device id of its own so sync keeps them apart (no record was changed).",
    )
}

pub fn this_device(id: &str, own_seq: i64, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("この端末: {}（自分の変更 #{own_seq} まで）", short(id)),
        Lang::En => format!("This device: {} (own changes up to #{own_seq})", short(id)),
    }
}

pub fn device_line(d: &DeviceStatus, lang: Lang) -> String {
    let held = if d.held.is_empty() {
        lang.pick("なし", "none").to_string()
    } else {
        runs(&d.held)
    };
    let staff = crate::text::terminal_safe(d.staff.trim());
    let who = match (staff.is_empty(), lang) {
        (true, _) => String::new(),
        (false, Lang::Ja) => format!("（{staff}）"),
        (false, Lang::En) => format!(" ({staff})"),
    };
    let mut line = match lang {
        Lang::Ja => format!("  端末 {}{who}: 受信済み {held}", short(&d.device_id)),
        Lang::En => format!("  Device {}{who}: received {held}", short(&d.device_id)),
    };
    if !d.missing.is_empty() {
        line.push_str(&match lang {
            Lang::Ja => format!("、未受信 {}", runs(&d.missing)),
            Lang::En => format!("; not yet received {}", runs(&d.missing)),
        });
    }
    if let Some(at) = &d.last_seen_at {
        let at = crate::clock::local_text_rfc3339(at);
        line.push_str(&match lang {
            Lang::Ja => format!("、最後に見えたのは {at}"),
            Lang::En => format!("; last seen {at}"),
        });
    }
    match (d.lacks, lang) {
        (None, _) => {}
        (Some(0), Lang::Ja) => line.push_str("、先方に未着の変更なし"),
        (Some(0), Lang::En) => line.push_str("; has every change held here"),
        (Some(n), Lang::Ja) => line.push_str(&format!("、先方に未着の変更 {n} 件")),
        (Some(n), Lang::En) => line.push_str(&format!("; still lacks {n} changes held here")),
    }
    if d.away {
        let days = crate::store::folder_state::AWAY_DAYS;
        line.push_str(&match lang {
            Lang::Ja => format!("（{days}日以上見えないため、共有フォルダのまとめでは待ちません）"),
            Lang::En => format!(" (not seen for {days}+ days: the shared folder is compacted without waiting for it)"),
        });
    }
    line
}

pub fn import_line(i: &ImportRecord, lang: Lang) -> String {
    let at = crate::clock::local_text_rfc3339(&i.imported_at);
    match lang {
        Lang::Ja => format!(
            "  {at} 端末 {} から {}（新しい変更 {} 件）",
            short(&i.sender),
            i.file_name,
            i.new_entries
        ),
        Lang::En => format!(
            "  {at} from device {}: {} ({} new changes)",
            short(&i.sender),
            i.file_name,
            i.new_entries
        ),
    }
}

pub fn status_headings(lang: Lang) -> (&'static str, &'static str, &'static str) {
    (
        lang.pick("見えている端末:", "Devices seen:"),
        lang.pick("最近の取り込み:", "Recent imports:"),
        lang.pick("最近の取り込みはありません。", "No imports yet."),
    )
}

pub fn no_conflicts(lang: Lang) -> &'static str {
    lang.pick("未解決の競合はありません。", "No open conflicts.")
}

fn field_label(field: &str, lang: Lang) -> String {
    match field {
        "notes" => lang.pick("記録", "notes").into(),
        "memo" => lang.pick("メモ", "memo").into(),
        "note" => lang.pick("備考", "note").into(),
        crate::store::delete_conflicts::DELETE_EDIT => lang
            .pick(
                "削除と編集がぶつかりました",
                "deleted on one laptop, edited on another",
            )
            .into(),
        crate::store::sync_state::PLAN_FORK => lang
            .pick(
                "同じ版から作られた2つの版",
                "versions made from the same version",
            )
            .into(),
        other => crate::i18n::plan_field(other, lang).into(),
    }
}

pub fn conflict_heading(n: usize, c: &Conflict, lang: Lang) -> String {
    format!(
        "{n}. {} {} — {}",
        kind_name(&c.entity, lang),
        c.label,
        field_label(&c.field, lang)
    )
}

/// "端末 3f2a1b0c（佐藤 美咲）": the device, and whose it is when known.
pub fn device_of(v: &NoteVersion, lang: Lang) -> String {
    let id = short(&v.device_id);
    let staff = crate::text::terminal_safe(v.staff.trim());
    match (staff.is_empty(), lang) {
        (true, Lang::Ja) => format!("端末 {id}"),
        (true, Lang::En) => format!("device {id}"),
        (false, Lang::Ja) => format!("{staff}（端末 {id}）"),
        (false, Lang::En) => format!("{staff} (device {id})"),
    }
}

pub fn version_heading(k: usize, v: &NoteVersion, lang: Lang) -> String {
    let when = crate::clock::local_text_ms(v.written_ms);
    format!("   [{k}] {} / {when}", device_of(v, lang))
}

pub fn resolve_hint(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "   解決するには: teichaku conflicts resolve {n} --pick 番号  または  --text \"まとめた文\""
        ),
        Lang::En => format!(
            "   To resolve: teichaku conflicts resolve {n} --pick NUMBER  or  --text \"merged text\""
        ),
    }
}

pub fn resolved(lang: Lang) -> &'static str {
    lang.pick(
        "競合を解決しました。次の同期でほかのパソコンにも伝わります。",
        "Conflict resolved; the next sync carries it to the other laptops.",
    )
}

// ---- the TUI sync screen ----

use crate::store::sync_state::ExportRecord;
use crate::sync::SyncOp;

pub fn export_line(e: &ExportRecord, lang: Lang) -> String {
    let at = crate::clock::local_text_rfc3339(&e.created_at);
    let full = if e.full {
        lang.pick("（全履歴）", " (full)")
    } else {
        ""
    };
    match lang {
        Lang::Ja => format!("  {at} {}（変更 {} 件）{full}", e.file_name, e.entries),
        Lang::En => format!("  {at} {} ({} changes){full}", e.file_name, e.entries),
    }
}

/// Headings of the sync screen: devices, imports, exports, none yet.
pub struct ScreenText {
    pub others: &'static str,
    pub no_others: &'static str,
    pub imports: &'static str,
    pub no_imports: &'static str,
    pub exports: &'static str,
    pub no_exports: &'static str,
    pub result: &'static str,
}

pub fn screen_text(lang: Lang) -> ScreenText {
    ScreenText {
        others: lang.pick("ほかの端末:", "Other devices:"),
        no_others: lang.pick(
            "  まだほかの端末から何も受け取っていません。",
            "  Nothing received from another device yet.",
        ),
        imports: lang.pick("最近の取り込み:", "Recent imports:"),
        no_imports: lang.pick("  まだ取り込んでいません。", "  No imports yet."),
        exports: lang.pick("最近の書き出し:", "Recent exports:"),
        no_exports: lang.pick("  まだ書き出していません。", "  No exports yet."),
        result: lang.pick("結果:", "Result:"),
    }
}

pub fn folder_line(folder: Option<&str>, key: &str, lang: Lang) -> String {
    match (folder, lang) {
        (Some(f), Lang::Ja) => format!("共有フォルダ: {f}"),
        (Some(f), Lang::En) => format!("Shared folder: {f}"),
        (None, Lang::Ja) => format!("共有フォルダ: 未設定（{key} で設定して同期）"),
        (None, Lang::En) => format!("Shared folder: not set ({key} to set it and sync)"),
    }
}

pub fn open_conflicts_line(n: usize, key: &str, lang: Lang) -> String {
    match (n, lang) {
        (0, _) => no_conflicts(lang).to_string(),
        (n, Lang::Ja) => format!(
            "未解決の競合が {n} 件あります（2台で別々に書き換えられた記録。両方残っています）。{key} で見比べて解決してください。"
        ),
        (n, Lang::En) => format!(
            "{n} open conflicts (a note edited on two laptops; both texts are kept). Press {key} to compare and resolve."
        ),
    }
}

/// What the user is about to do, as the title of the little form.
pub fn ask_title(op: SyncOp, lang: Lang) -> &'static str {
    match op {
        SyncOp::Export => lang.pick(
            "ファイルに書き出す（ほかのパソコンに渡す変更）",
            "Export to a file (changes for the other laptops)",
        ),
        SyncOp::Import => lang.pick(
            "ファイルを取り込む（ファイルかフォルダ）",
            "Import a file (a file, or a folder of them)",
        ),
        SyncOp::Folder => lang.pick(
            "共有フォルダと同期（取り込んでから書き出す）",
            "Sync with a shared folder (import, then export)",
        ),
    }
}

pub fn path_label(op: SyncOp, lang: Lang) -> &'static str {
    match op {
        SyncOp::Export => lang.pick("書き出し先", "Write to"),
        SyncOp::Import => lang.pick("ファイル", "File"),
        SyncOp::Folder => lang.pick("共有フォルダ", "Folder"),
    }
}

pub fn passphrase_labels(lang: Lang) -> (&'static str, &'static str) {
    (
        lang.pick("パスフレーズ", "Passphrase"),
        lang.pick("もう一度", "Again"),
    )
}

pub fn ask_hint(lang: Lang) -> &'static str {
    lang.pick(
        "Enter で実行、Esc でやめる。パスフレーズは表示せず、保存もしません（終了するまで覚えています）。",
        "Enter to run, Esc to cancel. The passphrase is never shown or saved (it is kept until you quit).",
    )
}

pub fn passphrase_from_env(lang: Lang) -> &'static str {
    lang.pick(
        "パスフレーズは環境変数 TEICHAKU_SYNC_PASSPHRASE のものを使います。",
        "The passphrase comes from TEICHAKU_SYNC_PASSPHRASE.",
    )
}

pub fn passphrase_known(lang: Lang) -> &'static str {
    lang.pick(
        "パスフレーズは入力済みです（終了するまで覚えています）。",
        "The passphrase was given earlier (kept until you quit).",
    )
}

pub fn path_missing(lang: Lang) -> &'static str {
    lang.pick("入れてください", "required")
}

pub fn working(lang: Lang) -> &'static str {
    lang.pick(
        "作業中…（鍵を作って暗号を確かめています。少しお待ちください）",
        "Working… (deriving the key and checking the files; a moment please)",
    )
}

pub fn no_bundles_in_folder(lang: Lang) -> &'static str {
    lang.pick(
        "そのフォルダには同期ファイル（.tcsync）がありません。何も変更していません。",
        "No sync files (.tcsync) in that folder; nothing was changed.",
    )
}

pub fn nothing_new_in_folder(lang: Lang) -> &'static str {
    lang.pick(
        "共有フォルダに新しい同期ファイルはありませんでした。",
        "No new sync files in the shared folder.",
    )
}

/// The mass-delete guard, asked in a dialog instead of refused.
pub fn mass_delete_question(kind: &str, deleted: usize, live: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "この取り込みは{}{live}件のうち{deleted}件を削除します。意図した削除か担当者に確かめてください。取り込みますか？（いいえなら何も変更しません）",
            kind_name(kind, Lang::Ja)
        ),
        Lang::En => format!(
            "This import would delete {deleted} of {live} {} records. Check with whoever made the deletions. Import anyway? (No changes nothing.)",
            kind_name(kind, Lang::En)
        ),
    }
}

pub fn conflicts_title(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("未解決の競合 {n} 件"),
        Lang::En => format!("{n} open conflicts"),
    }
}

pub fn conflict_versions(c: &Conflict, lang: Lang) -> String {
    let devices: Vec<String> = c.versions.iter().map(|v| device_of(v, lang)).collect();
    match lang {
        Lang::Ja => format!("    {} 版: {}", c.versions.len(), devices.join("、")),
        Lang::En => format!("    {} versions: {}", c.versions.len(), devices.join(", ")),
    }
}

pub fn compare_hint(pick: &str, merge: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "左右で版を選び {pick} でその版を残す、{merge} で両方をまとめて書く。ほかの版も履歴には残ります。"
        ),
        Lang::En => format!(
            "Choose a version with left/right and press {pick} to keep it, or {merge} to write a merge. Other versions stay in the history."
        ),
    }
}

pub fn pick_question(k: usize, v: &NoteVersion, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "版 {k}（{}）を残して競合を解決します。ほかの版は画面から消えます（履歴には残ります）。よろしいですか？",
            device_of(v, lang)
        ),
        Lang::En => format!(
            "Keep version {k} ({}) and resolve the conflict? The other versions leave the screen (they stay in the history).",
            device_of(v, lang)
        ),
    }
}

pub fn merge_title(label: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("まとめて書く: {label}"),
        Lang::En => format!("Write a merge: {label}"),
    }
}

pub fn merge_label(lang: Lang) -> &'static str {
    lang.pick("まとめた文", "Merged text")
}

/// Under a page of `conflicts`: how many more, and the next page.
pub fn more_conflicts(more: usize, next: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => {
            format!("ほかに {more} 件あります（古いもの）: teichaku conflicts --page {next}")
        }
        Lang::En => format!("{more} more (older): teichaku conflicts --page {next}"),
    }
}

/// A `--page` past the end of the list.
pub fn no_such_page(total: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("このページに競合はありません（全部で {total} 件）。"),
        Lang::En => format!("No conflicts on this page ({total} in all)."),
    }
}
