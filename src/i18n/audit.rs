//! Sentences of the access log (`teichaku audit`, the TUI's log screen).

use super::Lang;
use crate::store::Access;

pub fn action(code: &str, lang: Lang) -> String {
    let Some(a) = Access::from_code(code) else {
        return code.to_string();
    };
    let (ja, en) = match a {
        Access::OpenWorker => ("利用者を開いた", "opened a worker"),
        Access::Print => ("書類を出力", "printed a document"),
        Access::Csv => ("CSV を出力", "wrote a CSV"),
        Access::Export => ("同期ファイルを書き出し", "exported a bundle"),
        Access::Import => ("同期ファイルを取り込み", "imported bundles"),
        Access::Disclosure => ("開示を変更", "changed disclosure"),
        Access::Delete => ("削除", "deleted"),
        Access::Backup => ("バックアップを作成", "made a backup"),
        Access::Restore => ("バックアップから復元", "restored from a backup"),
        Access::Read => ("記録を表示", "viewed records"),
    };
    lang.pick(ja, en).to_string()
}

pub fn headers(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Ja => ["日時", "職員", "端末", "操作", "利用者", "内容"],
        Lang::En => ["When", "Staff", "Device", "Action", "Worker", "Detail"],
    }
}

pub fn empty(lang: Lang) -> &'static str {
    lang.pick("アクセスの記録はありません。", "The access log is empty.")
}

/// The UTC time of the log in the laptop's time zone, to the minute.
pub fn local_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_string())
}

pub fn title(lang: Lang) -> &'static str {
    lang.pick(
        "アクセスの記録（新しい順。このパソコンでの閲覧・出力・変更）",
        "Access log (newest first: what was opened, written and changed on this laptop)",
    )
}
