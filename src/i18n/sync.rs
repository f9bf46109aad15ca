//! Sync's sentences: bundle refusals, import reports, status and conflicts.

use super::Lang;
use crate::error::{BundleProblem, Error};

pub fn kind_name(kind: &str, lang: Lang) -> &str {
    match kind {
        "worker" => lang.pick("利用者", "worker"),
        "person" => lang.pick("関係者", "person"),
        "contact" => lang.pick("連絡記録", "contact"),
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
        (other, En) => format!("{other}"),
        (other, Ja) => format!("エラー: {other}"),
    }
}

/// The last 8 characters of a device id: the random part of a UUIDv7 (its
/// first characters are a timestamp, shared by laptops set up the same day).
pub fn short(device: &str) -> &str {
    device
        .get(device.len().saturating_sub(8)..)
        .unwrap_or(device)
}

fn bundle_message(path: &std::path::Path, problem: BundleProblem, lang: Lang) -> String {
    let file = path.display();
    let untouched = lang.pick(
        "データベースは変更していません。",
        "The database was not changed.",
    );
    let reason = match (problem, lang) {
        (BundleProblem::NotABundle, Lang::Ja) => "teichaku の同期ファイルではありません。".to_string(),
        (BundleProblem::NotABundle, Lang::En) => "is not a teichaku sync file.".to_string(),
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
            "未解決の競合が {n} 件あります（同じ記録が2台で別々に書き換えられました。両方残っています）。`teichaku conflicts` で確かめてください。"
        ),
        Lang::En => format!(
            "{n} open conflicts (a note was edited on two laptops; both texts are kept). See `teichaku conflicts`."
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
    let mut line = match lang {
        Lang::Ja => format!("  端末 {}: 受信済み {held}", short(&d.device_id)),
        Lang::En => format!("  Device {}: received {held}", short(&d.device_id)),
    };
    if !d.missing.is_empty() {
        line.push_str(&match lang {
            Lang::Ja => format!("、未受信 {}", runs(&d.missing)),
            Lang::En => format!("; not yet received {}", runs(&d.missing)),
        });
    }
    if let Some(at) = &d.last_import_at {
        line.push_str(&match lang {
            Lang::Ja => format!("、最後の取り込み {}", at.get(..16).unwrap_or(at)),
            Lang::En => format!("; last import {}", at.get(..16).unwrap_or(at)),
        });
    }
    if let Some(n) = d.holds_of_ours {
        line.push_str(&match lang {
            Lang::Ja => format!("、この端末の変更は #{n} まで届いています"),
            Lang::En => format!("; has this device's changes up to #{n}"),
        });
    }
    line
}

pub fn import_line(i: &ImportRecord, lang: Lang) -> String {
    let at = i.imported_at.get(..16).unwrap_or(&i.imported_at);
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
        other => other.into(),
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

pub fn version_heading(k: usize, v: &NoteVersion, lang: Lang) -> String {
    let when = chrono::DateTime::from_timestamp_millis(v.written_ms)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default();
    match lang {
        Lang::Ja => format!("   [{k}] 端末 {} / {when}", short(&v.device_id)),
        Lang::En => format!("   [{k}] device {} / {when}", short(&v.device_id)),
    }
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
