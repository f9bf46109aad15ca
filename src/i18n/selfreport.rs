//! Sentences of the daily self-report (日報): screens, import, warnings.

use std::path::Path;

use super::Lang;
use crate::checklists::selfreport::Skipped;
use crate::domain::selfreport::{Items, ItemsError};
use crate::domain::selfreport_import::{
    Changed, Encoding, FileProblem, Preview, RowProblem, ScaleHint, Target,
};
use crate::domain::selfreport_warning::Reason;

macro_rules! selfreport_text {
    ($($name:ident => $ja:literal, $en:literal;)+) => {
        /// Fixed phrases of the self-report screens and `teichaku selfreport`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum SrText { $($name),+ }
        impl SrText {
            pub fn text(self, lang: Lang) -> &'static str {
                match self { $(SrText::$name => lang.pick($ja, $en)),+ }
            }
        }
    };
}

selfreport_text! {
    Title => "日報", "Self-report";
    MonthTitle => "日報（月）", "Self-reports (month)";
    Trend => "日報の推移（8週）", "Self-reports, last 8 weeks";
    WorkerComment => "本人のコメント", "Worker's comment";
    WorkplaceComment => "職場のコメント", "Workplace's comment";
    SupporterComment => "支援者のコメント", "Supporter's comment";
    NotAnswered => "未回答", "not answered";
    EntryHelp => "数字で評価して次へ（0・-・空白: 未回答）　Enter: 保存　Esc: 取り消し", "A digit rates and moves on (0, - or space: not answered)   Enter: save   Esc: cancel";
    CommentHelp => "文字を入力　↑↓: 項目を移動　Enter: 保存　Esc: 取り消し", "Type the comment   Up/Down: move   Enter: save   Esc: cancel";
    Saved => "日報を保存しました", "Self-report saved";
    Acknowledged => "日報の警告を確認済みにしました", "Self-report warning acknowledged";
    NothingToAcknowledge => "確認する日報がありません", "No self-report to acknowledge";
    NoEntries => "この月の日報はありません", "No self-reports this month";
    NoEntryThisDay => "この日の日報はありません", "No self-report on this day";
    Mean => "平均", "mean";
    Latest => "最新", "latest";
    Legend => "⣀低 ⣿高  .: 日報なし  -: 未回答", "⣀ low ⣿ high  .: no report  -: not answered";
    LegendDayOff => "_: 休み", "_: day off";
}

/// The dashboard's line for a warning.
pub fn warning_reason(reason: Reason, lang: Lang) -> String {
    match (reason, lang) {
        (Reason::Falling, Lang::Ja) => "日報: 評価が下がっています".into(),
        (Reason::Falling, Lang::En) => "Self-report: ratings falling".into(),
        (Reason::LowestTwice, Lang::Ja) => "日報: 最低の評価が2回続きました".into(),
        (Reason::LowestTwice, Lang::En) => "Self-report: lowest rating twice in a row".into(),
        (Reason::Low, Lang::Ja) => "日報: 低い評価が続いています".into(),
        (Reason::Low, Lang::En) => "Self-report: ratings low for a week".into(),
        (Reason::Stopped { days }, Lang::Ja) => format!("日報: {days}営業日 提出がありません"),
        (Reason::Stopped { days }, Lang::En) => {
            format!("Self-report: none for {days} working days")
        }
    }
}

/// The warning with its item, for the self-report screen.
pub fn warning_line(reason: Reason, item: Option<&str>, lang: Lang) -> String {
    let base = warning_reason(reason, lang);
    match item {
        Some(i) => match lang {
            Lang::Ja => format!("{base}（{i}）"),
            Lang::En => format!("{base} ({i})"),
        },
        None => base,
    }
}

pub fn items_skipped(path: &Path, why: &Skipped, lang: Lang) -> String {
    let detail = match why {
        Skipped::Unreadable(p) => format!("{p:?}"),
        Skipped::Invalid(ItemsError::Toml(e)) => e.clone(),
        Skipped::Invalid(ItemsError::NoItems) => {
            lang.pick("項目がありません", "it has no items").into()
        }
        Skipped::Invalid(ItemsError::Scale) => lang
            .pick(
                "scale は 1 以上 9 以下で min < max にしてください",
                "scale needs 1 ≤ min < max ≤ 9",
            )
            .into(),
        Skipped::Invalid(ItemsError::DuplicateId(id)) => match lang {
            Lang::Ja => format!("項目の id「{id}」が空か重複しています"),
            Lang::En => format!("item id \"{id}\" is empty or repeated"),
        },
    };
    match lang {
        Lang::Ja => format!(
            "日報の項目ファイル {} は使えません（{detail}）。既定の項目を使います。",
            path.display()
        ),
        Lang::En => format!(
            "The self-report items file {} cannot be used ({detail}); using the built-in items.",
            path.display()
        ),
    }
}

pub fn file_problem(p: &FileProblem, lang: Lang) -> String {
    match (p, lang) {
        (FileProblem::UnknownEncoding(e), Lang::Ja) => {
            format!("文字コード「{e}」は使えません（utf-8 か shift_jis）。")
        }
        (FileProblem::UnknownEncoding(e), Lang::En) => {
            format!("Unknown encoding \"{e}\" (use utf-8 or shift_jis).")
        }
        (FileProblem::Undecodable(e), Lang::Ja) => format!(
            "ファイルを {e} の文字として読めません。--encoding で文字コードを指定してください。"
        ),
        (FileProblem::Undecodable(e), Lang::En) => {
            format!("The file is not {e} text; name its encoding with --encoding.")
        }
        (FileProblem::NotCsv(e), Lang::Ja) => {
            format!("CSV として読めません（見出し行が必要です）: {e}")
        }
        (FileProblem::NotCsv(e), Lang::En) => format!("Not a CSV file with a header row: {e}"),
        (FileProblem::Mapping(e), Lang::Ja) => format!("対応表（--mapping）が読めません: {e}"),
        (FileProblem::Mapping(e), Lang::En) => {
            format!("The mapping file (--mapping) cannot be read: {e}")
        }
        (FileProblem::UnknownLayout(cols), Lang::Ja) => format!(
            "知らない形式のファイルです（列: {}）。日付・氏名・評価の列を --mapping の対応表で指定してください。",
            cols.join("、")
        ),
        (FileProblem::UnknownLayout(cols), Lang::En) => format!(
            "Unknown layout (columns: {}); say which column is the date, the worker and each rating in a --mapping file.",
            cols.join(", ")
        ),
        (FileProblem::MissingColumn(c), Lang::Ja) => {
            format!("対応表の列「{c}」がファイルにありません。")
        }
        (FileProblem::MissingColumn(c), Lang::En) => {
            format!("The mapped column \"{c}\" is not in the file.")
        }
        (FileProblem::UnknownItem(i), Lang::Ja) => {
            format!("対応表の項目「{i}」は日報の項目にありません。")
        }
        (FileProblem::UnknownItem(i), Lang::En) => {
            format!("The mapped item \"{i}\" is not a self-report item.")
        }
        (FileProblem::SharedCommentColumn(c), Lang::Ja) => format!(
            "列「{c}」が本人・職場・支援者のコメントのうち二つに割り当てられています。対応表の [comments] でそれぞれ別の列を指定してください。"
        ),
        (FileProblem::SharedCommentColumn(c), Lang::En) => format!(
            "The column \"{c}\" is mapped to two of the worker's, the workplace's and the supporter's comments; name a different column for each under [comments] in the mapping."
        ),
    }
}

pub fn row_problem(p: &RowProblem, lang: Lang) -> String {
    match (p, lang) {
        (RowProblem::BadDate(v), Lang::Ja) => format!("日付「{v}」が読めません"),
        (RowProblem::BadDate(v), Lang::En) => format!("cannot read the date \"{v}\""),
        (
            RowProblem::BadRating {
                column,
                value,
                scale: (lo, hi),
            },
            Lang::Ja,
        ) => {
            format!("「{column}」の「{value}」は評価の範囲外です（{lo}〜{hi}）")
        }
        (
            RowProblem::BadRating {
                column,
                value,
                scale: (lo, hi),
            },
            Lang::En,
        ) => {
            format!("\"{value}\" in \"{column}\" is not on the scale ({lo}-{hi})")
        }
        (RowProblem::NoWorker(w), Lang::Ja) => format!("「{w}」に当たる利用者がいません"),
        (RowProblem::NoWorker(w), Lang::En) => format!("no worker matches \"{w}\""),
        (RowProblem::SeveralWorkers(w), Lang::Ja) => format!("「{w}」に当たる利用者が複数います"),
        (RowProblem::SeveralWorkers(w), Lang::En) => format!("several workers match \"{w}\""),
        (RowProblem::Repeated { first_row }, Lang::Ja) => {
            format!("{first_row}行目と同じ利用者・同じ日です")
        }
        (RowProblem::Repeated { first_row }, Lang::En) => {
            format!("the same worker and day as row {first_row}")
        }
        (RowProblem::ShortRow, Lang::Ja) => "列が足りません".into(),
        (RowProblem::ShortRow, Lang::En) => "fewer cells than the header".into(),
    }
}

/// What a column became, in words.
fn target(t: &Target, items: &Items, lang: Lang) -> String {
    match t {
        Target::Date => lang.pick("日付", "date").into(),
        Target::Worker => lang.pick("利用者", "worker").into(),
        Target::Rating(id) => items
            .get(id)
            .map_or_else(|| id.clone(), |i| i.label(lang).to_string()),
        Target::WorkerComment => SrText::WorkerComment.text(lang).into(),
        Target::WorkplaceComment => SrText::WorkplaceComment.text(lang).into(),
        Target::SupporterComment => SrText::SupporterComment.text(lang).into(),
        Target::DayOff => lang.pick("休み", "day off").into(),
    }
}

/// Which column went where: one line, then the columns left unread.
pub fn columns(p: &Preview, items: &Items, lang: Lang) -> Vec<String> {
    let (lo, hi) = (items.scale.min, items.scale.max);
    let mapped: Vec<String> = p
        .columns
        .iter()
        .map(|(col, t)| {
            let mut s = format!("「{col}」→{}", target(t, items, lang));
            if let Some((_, a, b)) = p.scales.iter().find(|(c, _, _)| c == col) {
                s.push_str(&match lang {
                    Lang::Ja => format!("（{a}〜{b}を{lo}〜{hi}に）"),
                    Lang::En => format!(" ({a}-{b} onto {lo}-{hi})"),
                });
            }
            s
        })
        .collect();
    let mut lines = vec![match lang {
        Lang::Ja => format!("列の対応: {}", mapped.join("、")),
        Lang::En => format!("Columns: {}", mapped.join(", ")),
    }];
    if !p.unused.is_empty() {
        lines.push(match lang {
            Lang::Ja => format!("使わない列: {}", p.unused.join("、")),
            Lang::En => format!("Columns not read: {}", p.unused.join(", ")),
        });
    }
    lines
}

/// A changed row: each field that differs, held → file.
pub fn changed(c: &Changed, items: &Items, lang: Lang) -> String {
    let mut diffs = Vec::new();
    for item in &items.items {
        let (a, b) = (c.old.ratings.get(&item.id), c.new.ratings.get(&item.id));
        if a != b {
            let v = |x: Option<u8>| x.map_or_else(|| "—".to_string(), |v| v.to_string());
            diffs.push(format!("{} {}→{}", item.label(lang), v(a), v(b)));
        }
    }
    let q = |s: &str| {
        let line = s.lines().next().unwrap_or("").trim();
        format!("「{}」", crate::text::truncate(line, 16))
    };
    for (label, a, b) in [
        (
            SrText::WorkerComment,
            &c.old.worker_comment,
            &c.new.worker_comment,
        ),
        (
            SrText::WorkplaceComment,
            &c.old.workplace_comment,
            &c.new.workplace_comment,
        ),
        (
            SrText::SupporterComment,
            &c.old.supporter_comment,
            &c.new.supporter_comment,
        ),
    ] {
        if a != b {
            diffs.push(format!("{}{}→{}", label.text(lang), q(a), q(b)));
        }
    }
    if c.old.day_off != c.new.day_off {
        diffs.push(lang.pick("休み: なし→あり", "day off: no→yes").into());
    }
    let day = c.new.date.format("%Y-%m-%d");
    match lang {
        Lang::Ja => format!(
            "  {}行目: {} {day} 変更あり: {}",
            c.row,
            c.worker,
            diffs.join("、")
        ),
        Lang::En => format!(
            "  row {}: {} {day} changed: {}",
            c.row,
            c.worker,
            diffs.join(", ")
        ),
    }
}

/// The fix for a column whose numbers look like a 1–5 or 1–10 form.
pub fn scale_hint(h: &ScaleHint, items: &Items, lang: Lang) -> String {
    let (lo, hi) = (items.scale.min, items.scale.max);
    let (col, item, top, max) = (&h.column, &h.item, h.highest, h.form_max);
    let rule: Vec<String> = (1..=max)
        .filter_map(|v| {
            items
                .map_rating(f64::from(v), 1.0, f64::from(max))
                .map(|m| format!("{v}→{m}"))
        })
        .collect();
    match lang {
        Lang::Ja => format!(
            "  「{col}」の値は {lo}〜{hi} の評価にない {top} まであります。1〜{max} のフォームなら、見出しを「{col} (1-{max})」にするか、対応表（--mapping）に [[rating]] column = \"{col}\"、item = \"{item}\"、scale = [1, {max}] と書いてください（{} と読みます）。",
            rule.join(" ")
        ),
        Lang::En => format!(
            "  \"{col}\" has values up to {top}, above the {lo}-{hi} scale. If the form runs 1-{max}, head the column \"{col} (1-{max})\" or add to a mapping file (--mapping) [[rating]] column = \"{col}\", item = \"{item}\", scale = [1, {max}] (read as {}).",
            rule.join(" ")
        ),
    }
}

/// The preview: counts, the columns, then each changed row (held → file),
/// each problem row with its reason, and the fix for a scale.
pub fn preview(p: &Preview, items: &Items, lang: Lang) -> Vec<String> {
    let enc = match p.encoding {
        Some(Encoding::ShiftJis) => "Shift_JIS",
        _ => "UTF-8",
    };
    let mut lines = vec![match lang {
        Lang::Ja => format!(
            "{enc}: 新規 {} 件、取込済み {} 件、変更あり {} 件、取り込めない行 {} 件",
            p.new.len(),
            p.present.len(),
            p.changed.len(),
            p.problems.len()
        ),
        Lang::En => format!(
            "{enc}: {} new, {} already present, {} changed, {} rows that cannot be imported",
            p.new.len(),
            p.present.len(),
            p.changed.len(),
            p.problems.len()
        ),
    }];
    lines.extend(columns(p, items, lang));
    for c in &p.changed {
        lines.push(changed(c, items, lang));
    }
    for (row, why) in &p.problems {
        lines.push(match lang {
            Lang::Ja => format!("  {row}行目: {}", row_problem(why, lang)),
            Lang::En => format!("  row {row}: {}", row_problem(why, lang)),
        });
    }
    for h in &p.scale_hints {
        lines.push(scale_hint(h, items, lang));
    }
    if p.dropped_workplace > 0 {
        lines.push(match lang {
            Lang::Ja => format!(
                "  職場のコメント {} 件はクローズ就労のため取り込みません",
                p.dropped_workplace
            ),
            Lang::En => format!(
                "  {} workplace comments left out (closed employment)",
                p.dropped_workplace
            ),
        });
    }
    lines
}

/// What became of the changed rows after an import.
pub fn changed_result(n: usize, replaced: bool, lang: Lang) -> Option<String> {
    (n > 0).then(|| match (replaced, lang) {
        (true, Lang::Ja) => format!("変更のある {n} 件をファイルの値にしました。"),
        (true, Lang::En) => format!(" Took the file's values for {n} changed days."),
        (false, Lang::Ja) => format!("変更のある {n} 件は今の記録のままです。"),
        (false, Lang::En) => format!(" Kept what is held for {n} changed days."),
    })
}

/// The CLI's way to take the file's values for changed days.
pub fn replace_hint(lang: Lang) -> &'static str {
    lang.pick(
        "ファイルの値にするには --replace-changed を付けてください。",
        "To take the file's values, add --replace-changed.",
    )
}

/// What the import screen will do with the changed days, before asking.
pub fn changed_choice(n: usize, replace: bool, lang: Lang) -> Option<String> {
    (n > 0).then(|| match (replace, lang) {
        (true, Lang::Ja) => format!("変更のある {n} 件をファイルの値にします。"),
        (true, Lang::En) => {
            format!("The file's values replace what is held for {n} changed days. ")
        }
        (false, Lang::Ja) => format!("変更のある {n} 件は今の記録を残します。"),
        (false, Lang::En) => format!("What is held stays for {n} changed days. "),
    })
}

pub fn imported(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("日報を {n} 件取り込みました。"),
        Lang::En => format!("Imported {n} self-reports."),
    }
}

pub fn dry_run(lang: Lang) -> &'static str {
    lang.pick(
        "（確認のみ: 何も取り込んでいません）",
        "(dry run: nothing was imported)",
    )
}

pub fn refused(lang: Lang) -> &'static str {
    lang.pick(
        "取り込めない行があるため、何も取り込んでいません。問題の行を直すか、--skip-bad-rows で問題のない行だけを取り込んでください。",
        "Some rows cannot be imported, so nothing was imported. Fix them, or import the rows that are fine with --skip-bad-rows.",
    )
}
