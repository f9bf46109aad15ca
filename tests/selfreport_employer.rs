//! What the worker writes in the daily self-reports never reaches anything
//! made for the employer, whatever the report's share flags say: the draft
//! puts it in 「本人の日報から」, a field that cannot be shared, and a draft
//! from before that field (the sentence at the head of 支援結果) is cut from
//! the employer copy. Checked on every employer-facing format of the CLI
//! (md, txt, HTML); the TUI's `P` is in tests/tui_print.rs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::Env;
use teichaku::domain::Code;
use teichaku::domain::dates::YearMonth;
use teichaku::domain::report::ReportField;

/// The demo agency on the suite's pinned day (2026-11-21): 前川 しおり has
/// 60 days of self-reports to yesterday and no report for November yet.
fn demo() -> Env {
    Env::demo()
}

const MONTH: &str = "2026-11";

fn stored_report(env: &Env) -> teichaku::domain::report::Report {
    let store = common::open_db(&env.db());
    let w = store.resolve_worker("前川").unwrap();
    store
        .report_for(&w.id, YearMonth::parse(MONTH).unwrap())
        .unwrap()
        .unwrap()
}

/// The quoted comments of the self-report sentence: 「…」 pieces.
fn quotes(sentence: &str) -> Vec<String> {
    sentence
        .split('「')
        .skip(1)
        .filter_map(|s| s.split('」').next())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every field shared, with the worker's consent: the most an employer copy
/// can ever show.
fn share_everything(env: &Env) {
    let mut args = vec![
        "report",
        "set",
        "前川",
        "--month",
        MONTH,
        "--consent",
        "yes",
        "--confirmed",
        "2026-11-20",
    ];
    for f in ReportField::ALL.iter().filter(|f| f.shareable()) {
        args.extend(["--share", f.code()]);
    }
    env.ok(&args);
}

fn employer_copies(env: &Env) -> Vec<(&'static str, String)> {
    ["md", "txt", "html"]
        .into_iter()
        .map(|format| {
            let out = env.ok(&[
                "report", "前川", "--month", MONTH, "--for", "employer", "--format", format,
            ]);
            (format, out)
        })
        .collect()
}

#[test]
fn the_draft_keeps_the_self_reports_out_of_every_employer_copy() {
    let env = demo();
    env.ok(&["report", "draft", "前川", "--month", MONTH]);
    let r = stored_report(&env);
    let sentence = r.text(ReportField::SelfReports).to_string();
    assert!(sentence.starts_with("日報："), "{sentence}");
    let words = quotes(&sentence);
    assert!(!words.is_empty(), "the demo month has comments: {sentence}");
    assert!(
        !r.text(ReportField::Result).contains("日報"),
        "支援結果 stays the supporter's: {}",
        r.text(ReportField::Result)
    );

    // Sharing the self-report field itself is refused with the reason.
    let err = env.fails(&[
        "report",
        "set",
        "前川",
        "--month",
        MONTH,
        "--share",
        "selfreports",
    ]);
    assert!(err.contains("事業主とは共有できません"), "{err}");
    let en = env.fails(&[
        "--lang",
        "en",
        "report",
        "set",
        "前川",
        "--month",
        MONTH,
        "--share",
        "selfreports",
    ]);
    assert!(en.contains("never shared with the employer"), "{en}");

    share_everything(&env);
    for (format, copy) in employer_copies(&env) {
        assert!(!copy.contains("日報"), "{format}: {copy}");
        assert!(!copy.contains("本人の日報から"), "{format}");
        for w in &words {
            assert!(!copy.contains(w.as_str()), "{format} shows 「{w}」");
        }
    }
    // The worker's own copy has them, under their heading.
    let own = env.ok(&["report", "前川", "--month", MONTH, "--format", "txt"]);
    assert!(own.contains("本人の日報から"), "{own}");
    assert!(own.contains(words[0].as_str()), "{own}");
}

#[test]
fn a_draft_from_before_the_field_loses_its_self_report_line_on_the_employer_copy() {
    let env = demo();
    // What drafts wrote before: the sentence at the head of 支援結果.
    let old = "日報：20日分（平日21日）。11/16「眠れなかった、朝がつらい」\n安定して通勤できた。";
    env.ok(&[
        "report", "set", "前川", "--month", MONTH, "--field", "result", "--text", old,
    ]);
    share_everything(&env);
    for (format, copy) in employer_copies(&env) {
        assert!(copy.contains("安定して通勤できた。"), "{format}: {copy}");
        assert!(!copy.contains("眠れなかった"), "{format}: {copy}");
        assert!(!copy.contains("日報"), "{format}: {copy}");
    }
    let own = env.ok(&["report", "前川", "--month", MONTH, "--format", "md"]);
    assert!(
        own.contains("眠れなかった"),
        "the worker's copy is whole: {own}"
    );
}
