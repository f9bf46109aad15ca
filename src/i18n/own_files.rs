//! What a folder sync says about this laptop's own files there (checked
//! against what it wrote, written again, removed again) and about another
//! laptop's damaged file read from a sync tool's copy.

use std::path::Path;

use crate::error::BundleProblem;
use crate::lang::Lang;
use crate::store::folder_state::OwnCheck;
use crate::sync::FolderReport;

fn name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The lines of one folder sync about them (none when there is nothing to say).
pub fn sync_lines(r: &FolderReport, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let n = r.repaired.rewritten.len();
    if n > 0 {
        out.push(match lang {
            Lang::Ja => format!(
                "自分のファイルを{n}件書き直しました（共有フォルダで、書いたときと中身が変わっていました。同期ツールが傷んだ版を残したようです）。"
            ),
            Lang::En => format!(
                "Rewrote {n} of this laptop's own file(s): in the shared folder they no longer matched what was written (the sync tool seems to have kept a damaged version)."
            ),
        });
    }
    let n = r.repaired.removed_again.len();
    if n > 0 {
        out.push(match lang {
            Lang::Ja => format!(
                "前にまとめて消した自分のファイルが共有フォルダに戻っていたので、{n}件消し直しました（中身はほかの端末がすべて受け取り済みです）。"
            ),
            Lang::En => format!(
                "{n} file(s) of this laptop that had been merged and removed were back in the shared folder; removed them again (every other laptop holds what they held)."
            ),
        });
    }
    for (copy, damaged) in &r.repaired.from_copies {
        out.push(match lang {
            Lang::Ja => format!(
                "{} は壊れていたので、同期ツールが残したコピー {} を読みました（認証できた正しいファイルです）。書いた端末が次の同期で元のファイルを書き直します。",
                name(damaged),
                name(copy)
            ),
            Lang::En => format!(
                "{} was damaged, so the sync tool's copy {} was read instead (it authenticated). The laptop that wrote it rewrites the file at its next sync.",
                name(damaged),
                name(copy)
            ),
        });
    }
    out
}

/// A file skipped in a shared folder: the reason, and for a damaged one
/// what happens next (its author rewrites it), not only "ask the sender".
pub fn skipped(path: &Path, problem: BundleProblem, lang: Lang) -> String {
    let what = match (problem, lang) {
        (BundleProblem::Damaged, Lang::Ja) => "壊れています（チェックサムが合いません）",
        (BundleProblem::Truncated, Lang::Ja) => "途中で切れています",
        (BundleProblem::Tampered, Lang::Ja) => "書き換えられています（認証に失敗しました）",
        (BundleProblem::Damaged, Lang::En) => "is damaged (checksum mismatch)",
        (BundleProblem::Truncated, Lang::En) => "is cut short",
        (BundleProblem::Tampered, Lang::En) => "has been altered (authentication failed)",
        _ => return super::sync::skipped(path, problem, lang),
    };
    let file = path.display();
    match lang {
        Lang::Ja => format!(
            "読み飛ばしました（次回また試します）: {file} は{what}。共有フォルダでは同期ツールが傷んだ版を残すことがあります。書いた端末が次に同期するとき自分のファイルを点検して書き直します。その後の同期で取り込めます（このパソコンの記録は変更していません）。"
        ),
        Lang::En => format!(
            "Skipped (will retry next time): {file} {what}. In a shared folder the sync tool may keep a damaged version; the laptop that wrote it checks its own files at its next sync and rewrites it, and a later sync here reads it (nothing here was changed)."
        ),
    }
}

/// The `sync status` line (and the sync screen's): what the last folder sync
/// found of this laptop's own files.
pub fn status_line(check: &OwnCheck, lang: Lang) -> String {
    let at = crate::clock::local_text_rfc3339(&check.at);
    let (n, back) = (check.rewritten, check.removed_again);
    match lang {
        Lang::Ja => {
            let mut s = format!(
                "自分のファイル（前回の同期 {at}）: {} 件を点検",
                check.checked
            );
            match (n, back) {
                (0, 0) => s.push_str("、すべて書いたとおりでした"),
                _ => {
                    if n > 0 {
                        s.push_str(&format!("、自分のファイルを{n}件書き直しました"));
                    }
                    if back > 0 {
                        s.push_str(&format!("、戻ってきた古いファイルを{back}件消し直しました"));
                    }
                }
            }
            s
        }
        Lang::En => {
            let mut s = format!("Own files (last sync {at}): {} checked", check.checked);
            match (n, back) {
                (0, 0) => s.push_str(", all as written"),
                _ => {
                    if n > 0 {
                        s.push_str(&format!(", rewrote {n} of them"));
                    }
                    if back > 0 {
                        s.push_str(&format!(", removed {back} old file(s) that had come back"));
                    }
                }
            }
            s
        }
    }
}
