//! Sentences about concurrent plan versions (domain::plan_fork): the notice
//! on `plan show`, the worker page and the plan screen, and each head's
//! heading saying who made it and when.

use super::Lang;
use crate::store::Authorship;

/// "第2版が2つあります…": the conflict, and how to resolve it on the CLI.
pub fn notice(version: u32, heads: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "計画の競合: 第{version}版が {heads} つあります（別々のパソコンで同じ版から作られました）。予定はあとの日付の版から数えます。`teichaku conflicts` で一方を選ぶか、`teichaku plan review 利用者 --merge` でまとめてください。"
        ),
        Lang::En => format!(
            "Plan conflict: there are {heads} versions {version} (made from the same version on different laptops). The schedule counts from the later one. Choose one in `teichaku conflicts` or merge them with `teichaku plan review WORKER --merge`."
        ),
    }
}

/// The same for a screen: the key that opens the conflict list.
pub fn screen_notice(version: u32, heads: usize, key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "計画の競合: 第{version}版が {heads} つあります。[{key}] で開き、選ぶかまとめてください。"
        ),
        Lang::En => format!(
            "Plan conflict: {heads} versions {version} from different laptops; [{key}] to choose or merge."
        ),
    }
}

/// "── 第2版（2つのうち1）: 佐藤 美咲（端末 3f2a1b0c）/ 2026-11-20 10:31 記録 ──".
pub fn head_heading(
    version: u32,
    k: usize,
    n: usize,
    who: &Authorship,
    superseded: bool,
    lang: Lang,
) -> String {
    let device = crate::sync::short_device(&who.device_id);
    let staff = crate::text::terminal_safe(who.staff.trim());
    let when = crate::clock::local_text_ms(who.written_ms);
    match lang {
        Lang::Ja => {
            let who = if staff.is_empty() {
                format!("端末 {device}")
            } else {
                format!("{staff}（端末 {device}）")
            };
            let mark = if superseded {
                "　※選ばれなかった版（履歴）"
            } else {
                ""
            };
            format!("── 第{version}版（{n}つのうち{k}）: 作成 {who} / {when} 記録{mark} ──")
        }
        Lang::En => {
            let who = if staff.is_empty() {
                format!("device {device}")
            } else {
                format!("{staff} (device {device})")
            };
            let mark = if superseded {
                "  * not chosen (history)"
            } else {
                ""
            };
            format!("── Version {version} ({k} of {n}): made by {who}, recorded {when}{mark} ──")
        }
    }
}

/// The mark in `plan list` beside a head of an open fork or a superseded version.
pub fn list_mark(open: bool, superseded: bool, lang: Lang) -> &'static str {
    match (open, superseded) {
        (true, _) => lang.pick("  ［競合］", "  [conflict]"),
        (false, true) => lang.pick("  ［選ばれなかった版］", "  [not chosen]"),
        _ => "",
    }
}

/// What a merged version was saved as.
pub fn merged(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{n} つの版をまとめた版として保存しました（元の版は履歴に残ります）"),
        Lang::En => format!("Saved as the merge of {n} versions (they stay in the history)"),
    }
}

/// The question before keeping one head.
pub fn pick_question(version: u32, k: usize, who: &Authorship, lang: Lang) -> String {
    let staff = crate::text::terminal_safe(who.staff.trim());
    match lang {
        Lang::Ja => format!(
            "第{version}版のうち {k}（{staff}）を残します。ほかの版は「選ばれなかった版」として履歴に残ります。よろしいですか？"
        ),
        Lang::En => format!(
            "Keep version {version} no. {k} ({staff})? The others stay in the history, marked as not chosen."
        ),
    }
}

/// The hint on the conflict screen of a plan fork.
pub fn compare_hint(pick: &str, merge: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "左右で版を選び {pick} でその版を残す、{merge} で両方をまとめた版を書く（あとの版から始まります）。選ばなかった版も履歴に残ります。"
        ),
        Lang::En => format!(
            "Choose a version with left/right and press {pick} to keep it, or {merge} to write a merged version (starting from the later one). The others stay in the history."
        ),
    }
}

/// Under a plan fork in `teichaku conflicts`.
pub fn resolve_hint(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "   解決するには: teichaku conflicts resolve {n} --pick 番号  または  teichaku plan review 利用者 --merge --file まとめた内容.toml"
        ),
        Lang::En => format!(
            "   To resolve: teichaku conflicts resolve {n} --pick NUMBER  or  teichaku plan review WORKER --merge --file merged.toml"
        ),
    }
}

/// Over a superseded version on the plan screen.
pub fn superseded_line(lang: Lang) -> &'static str {
    lang.pick(
        "※選ばれなかった版です（履歴として残しています）。",
        "* This version was not chosen (kept in the history).",
    )
}

/// The title of the form writing a merged version.
pub fn merge_title(lang: Lang) -> &'static str {
    lang.pick(
        "計画の競合をまとめた版を作る",
        "Merge the concurrent plan versions",
    )
}
