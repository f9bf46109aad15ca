//! Sentences of the access log (`teichaku audit`, the TUI's log screen).

use super::Lang;
use crate::store::Access;
use crate::store::audit_chain::Break;

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

/// The first break of the access log's chain (`audit`, `doctor`), naming
/// the line by its number and time; never its content.
pub fn chain_break(b: &Break, lang: Lang) -> String {
    match (b, lang) {
        (
            Break::Line {
                seq,
                at,
                missing_before: true,
            },
            Lang::Ja,
        ) => format!(
            "最初のおかしな行は #{seq}（{}）です。その前の行が削除されています。",
            local_time(at)
        ),
        (
            Break::Line {
                seq,
                at,
                missing_before: true,
            },
            Lang::En,
        ) => format!(
            "the first bad line is #{seq} ({}): lines before it were deleted.",
            local_time(at)
        ),
        (Break::Line { seq, at, .. }, Lang::Ja) => format!(
            "最初のおかしな行は #{seq}（{}）です。この行か、その前の行が書き換えられています。",
            local_time(at)
        ),
        (Break::Line { seq, at, .. }, Lang::En) => format!(
            "the first bad line is #{seq} ({}): it or the line before it was changed.",
            local_time(at)
        ),
        (Break::End { head_seq, last_seq }, Lang::Ja) if head_seq > last_seq => format!(
            "最後の行 #{} から #{head_seq} までが削除されています。",
            last_seq + 1
        ),
        (Break::End { head_seq, last_seq }, Lang::En) if head_seq > last_seq => format!(
            "the last lines, #{} to #{head_seq}, were deleted.",
            last_seq + 1
        ),
        (Break::End { last_seq, .. }, Lang::Ja) => format!(
            "行はつながっていますが、封印された末尾と合いません。#{last_seq} までのどこかが、ハッシュごと書き換えられたか書き足されています。"
        ),
        (Break::End { last_seq, .. }, Lang::En) => format!(
            "the lines link up but do not match the sealed end: lines up to #{last_seq} were rewritten or added, hashes and all."
        ),
        (Break::Seal, Lang::Ja) => {
            "末尾の封印が、このデータベースの鍵で作られたものではありません（鍵なしで書き換えられています）。".to_string()
        }
        (Break::Seal, Lang::En) => {
            "the seal of its end was not made with this database's key (it was rewritten without it).".to_string()
        }
    }
}

/// The warning `audit` prints over a broken log.
pub fn chain_warning(b: &Break, lang: Lang) -> String {
    format!(
        "{}{}",
        lang.pick(
            "警告: アクセスの記録に改変の跡があります。",
            "Warning: the access log shows signs of tampering: "
        ),
        chain_break(b, lang)
    )
}
