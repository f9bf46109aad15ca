//! Documents for paper, checked the way they will be used: rendered by a real
//! browser (headless Chromium) to an A4 PDF, then read back with pdfinfo and
//! pdftotext. A PNG of every page is left in the test output folder
//! (`target/tmp/print/`) for a person to look at.
//!
//! Without chromium and poppler-utils these tests say so and pass (the README's
//! `cargo test` runs on a bare machine); under CI (`CI` set) a missing browser
//! fails them, so CI never skips them silently. `.ci/run` installs both.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use teichaku::checklists::Catalogue;
use teichaku::domain::checklist_score::{summarize, up_to};
use teichaku::domain::dates::YearMonth;
use teichaku::domain::report::ReportField;
use teichaku::domain::{Code, Disclosure};
use teichaku::i18n::Lang;
use teichaku::render::html::report::{Letterhead, report};
use teichaku::render::html::summary;
use teichaku::render::report::Audience;
use teichaku::store::Store;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn november() -> YearMonth {
    YearMonth::parse("2026-11").unwrap()
}

fn on_path(cmd: &str, version_flag: &str) -> bool {
    Command::new(cmd)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The browser, or `None` (skip) outside CI.
fn browser() -> Option<String> {
    let found = std::env::var("TEICHAKU_CHROMIUM")
        .ok()
        .into_iter()
        .chain(["chromium", "chromium-browser", "google-chrome"].map(String::from))
        .find(|c| on_path(c, "--version"));
    let tools = on_path("pdfinfo", "-v") && on_path("pdftotext", "-v");
    match (found, tools) {
        (Some(b), true) => Some(b),
        _ if std::env::var_os("CI").is_some() => {
            panic!("CI must run the browser tests: install chromium and poppler-utils")
        }
        _ => {
            eprintln!("skipped: chromium or poppler-utils is not installed");
            None
        }
    }
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("print");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Pdf {
    pages: usize,
    text: String,
    size: String,
}

/// HTML → PDF through the browser, then its page count, size and text; PNGs
/// of the pages beside it.
fn print(browser: &str, name: &str, html: &str) -> Pdf {
    let dir = out_dir();
    let html_path = dir.join(format!("{name}.html"));
    let pdf_path = dir.join(format!("{name}.pdf"));
    std::fs::write(&html_path, html).unwrap();
    let _ = std::fs::remove_file(&pdf_path);
    for old in std::fs::read_dir(&dir).unwrap().flatten() {
        let file = old.file_name().to_string_lossy().to_string();
        if file.starts_with(&format!("{name}-")) && file.ends_with(".png") {
            let _ = std::fs::remove_file(old.path());
        }
    }
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf_path.display()))
        .arg(format!("file://{}", html_path.display()))
        .output()
        .unwrap();
    assert!(pdf_path.exists(), "no PDF: {status:?}");
    let info = Command::new("pdfinfo").arg(&pdf_path).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let field = |key: &str| {
        info.lines()
            .find(|l| l.starts_with(key))
            .map(|l| l[key.len()..].trim().to_string())
            .unwrap_or_default()
    };
    let text = Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .unwrap();
    let _ = Command::new("pdftoppm")
        .args(["-png", "-r", "50"])
        .arg(&pdf_path)
        .arg(dir.join(name))
        .status();
    Pdf {
        pages: field("Pages:").parse().unwrap(),
        text: String::from_utf8_lossy(&text.stdout).to_string(),
        size: field("Page size:"),
    }
}

/// pdftotext may break a heading across lines; compare without whitespace.
fn has(pdf: &Pdf, s: &str) -> bool {
    let squash = |t: &str| t.split_whitespace().collect::<String>();
    squash(&pdf.text).contains(&squash(s))
}

fn demo() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, day()).unwrap();
    store
}

/// The worker's summary of every checklist they have.
fn summaries<'a>(
    store: &Store,
    cat: &'a Catalogue,
    worker_id: &str,
) -> Vec<(
    &'a teichaku::domain::checklist::Instrument,
    teichaku::domain::checklist_score::Summary,
)> {
    let all = store.assessments_for(worker_id).unwrap();
    cat.instruments
        .iter()
        .filter_map(|i| summarize(i, &up_to(&all, &i.id, None)).map(|s| (i, s)))
        .collect()
}

const HEAD: Letterhead<'static> = Letterhead {
    agency: "ひだまり就労定着支援センター",
    supporter: "佐藤 美咲",
};

#[test]
fn a_months_report_prints_on_one_a4_page_with_every_field() {
    let Some(browser) = browser() else { return };
    let store = demo();
    let w = store.resolve_worker("石川").unwrap();
    let mut r = store.report_for(&w.id, november()).unwrap().unwrap();
    r.set_text(
        ReportField::SelfReports,
        "日報：18日分（平日20日）。前月比 気分↓（3.0→2.4）。11/12「朝起きるのがつらかった」",
    );
    let html = report(&r, &w, HEAD, Audience::Worker, Lang::Ja).unwrap();
    let pdf = print(&browser, "report-worker-ja", &html);
    assert_eq!(pdf.pages, 1, "{}", pdf.text);
    assert!(pdf.size.contains("A4"), "{}", pdf.size);
    for f in ReportField::ALL {
        assert!(has(&pdf, f.label(Lang::Ja)), "{f:?}");
        let text = r.text(*f).lines().next().unwrap_or("");
        assert!(has(&pdf, text), "{f:?}: {text}");
    }
    for s in [
        "支援レポート（2026年11月）",
        "ひだまり就労定着支援センター",
        &w.display_name,
        "支援期間",
        "確認欄",
        "本人署名",
    ] {
        assert!(has(&pdf, s), "{s}");
    }
    assert!(!has(&pdf, "事業主と共有"));
}

#[test]
fn very_long_notes_take_a_second_page_and_lose_nothing() {
    let Some(browser) = browser() else { return };
    let store = demo();
    let w = store.resolve_worker("石川").unwrap();
    let mut r = store.report_for(&w.id, november()).unwrap().unwrap();
    let long: Vec<String> = (1..=45)
        .map(|i| {
            format!("・11/{i:02} 職場訪問。作業手順の確認と休憩の取り方について話した（{i}行目）。")
        })
        .collect();
    r.set_text(ReportField::Done, long.join("\n"));
    let pdf = print(
        &browser,
        "report-long-ja",
        &report(&r, &w, HEAD, Audience::Worker, Lang::Ja).unwrap(),
    );
    assert_eq!(pdf.pages, 2);
    assert!(has(&pdf, "（1行目）") && has(&pdf, "（45行目）"));
    assert!(has(&pdf, "本人署名"));
}

#[test]
fn the_employers_copy_prints_only_what_is_shared() {
    let Some(browser) = browser() else { return };
    let store = demo();
    let w = store.resolve_worker("石川").unwrap();
    let mut r = store.report_for(&w.id, november()).unwrap().unwrap();
    r.set_text(
        ReportField::SelfReports,
        "日報：18日分。11/12「朝起きるのがつらかった」",
    );
    for f in ReportField::ALL {
        r.set_shared(*f, *f == ReportField::EmployerActions);
    }
    let pdf = print(
        &browser,
        "report-employer-ja",
        &report(&r, &w, HEAD, Audience::Employer, Lang::Ja).unwrap(),
    );
    assert_eq!(pdf.pages, 1);
    assert!(has(&pdf, "事業主様向け"));
    assert!(has(&pdf, r.text(ReportField::EmployerActions)));
    for f in ReportField::ALL
        .iter()
        .filter(|f| **f != ReportField::EmployerActions)
    {
        let text = r.text(*f).lines().next().unwrap_or("");
        assert!(!text.is_empty(), "{f:?} has a text to look for");
        assert!(!has(&pdf, text), "{f:?} printed for the employer");
    }
    let mut closed = w.clone();
    closed.disclosure = Disclosure::Closed;
    r.employer_consent = false;
    assert!(report(&r, &closed, HEAD, Audience::Employer, Lang::Ja).is_err());
}

#[test]
fn the_summary_prints_a_radar_per_checklist_with_the_previous_one() {
    let Some(browser) = browser() else { return };
    let store = demo();
    let cat = Catalogue::builtin();
    let w = store.resolve_worker("石川").unwrap();
    let parts = summaries(&store, &cat, &w.id);
    assert!(parts.len() >= 2, "the demo worker has two checklists");
    for lang in [Lang::Ja, Lang::En] {
        let html = summary::document(&w.display_name, HEAD.agency, &parts, "", lang);
        // One picture per checklist, each with this time and the previous time.
        assert_eq!(html.matches("<svg").count(), parts.len());
        assert_eq!(html.matches("class=\"series latest\"").count(), parts.len());
        assert_eq!(
            html.matches("class=\"series previous\"").count(),
            parts
                .iter()
                .filter(|(_, s)| s.previous_date.is_some())
                .count()
        );
        let name = format!("summary-{}", if lang == Lang::Ja { "ja" } else { "en" });
        let pdf = print(&browser, &name, &html);
        assert_eq!(pdf.pages, parts.len(), "one page per checklist");
        for (inst, _) in &parts {
            assert!(has(&pdf, inst.title(lang)), "{}", inst.id);
            for g in &inst.groups {
                assert!(has(&pdf, g.short(lang)), "axis label {}", g.short(lang));
            }
        }
    }
}

#[test]
fn a_plan_review_prints_every_field_its_goals_and_their_evaluation() {
    let Some(browser) = browser() else { return };
    let store = demo();
    // The demo worker whose plan has been reviewed (a version with evaluations).
    let (w, plans) = store
        .workers()
        .unwrap()
        .into_iter()
        .map(|r| {
            let plans = store.plans_for(&r.worker.id).unwrap();
            (r.worker, plans)
        })
        .find(|(_, plans)| plans.iter().any(|p| !p.evaluations.is_empty()))
        .expect("a reviewed plan in the demo");
    let plan = plans
        .iter()
        .rev()
        .find(|p| !p.evaluations.is_empty())
        .unwrap();
    let previous = plans
        .iter()
        .find(|p| p.version.id == plan.version.previous_id);
    let html = teichaku::render::html::plan::plan(plan, previous, &w, HEAD, Lang::Ja);
    let pdf = print(&browser, "plan-review-ja", &html);
    assert!((1..=3).contains(&pdf.pages), "{} pages", pdf.pages);
    assert!(has(&pdf, "就労定着支援計画"));
    for name in [
        "handover",
        "agencies",
        "health",
        "living",
        "long_term_goal",
        "goal",
        "policy",
        "content",
        "period",
        "frequency",
        "achievement",
        "effect",
        "countermeasure",
        "explained_on",
        "share_with",
    ] {
        assert!(
            has(&pdf, teichaku::i18n::plan_field(name, Lang::Ja)),
            "{name}"
        );
    }
    for g in &plan.goals {
        assert!(
            has(&pdf, g.goal.lines().next().unwrap_or("")),
            "goal {}",
            g.position
        );
    }
    for e in &plan.evaluations {
        assert!(has(&pdf, e.achievement.label(Lang::Ja)));
    }
    assert!(has(&pdf, "本人署名"));
}

/// Records, for a demo worker, a consented sharing of `items` (and of the
/// resource map's contacts when `people`) with the person named `with`, who
/// takes over when an agency; returns the worker, or why it was refused.
fn try_share(
    store: &mut Store,
    worker: &str,
    with: &str,
    items: Vec<teichaku::domain::handover::SharedItem>,
    people: bool,
) -> Result<teichaku::domain::Worker, teichaku::Error> {
    use teichaku::domain::handover::{ShareMethod, Sharing};
    let w = store.resolve_worker(worker).unwrap();
    let person = store
        .people_for(&w.id)
        .unwrap()
        .into_iter()
        .find(|p| p.name == with)
        .unwrap();
    store.add_sharing(&Sharing {
        id: teichaku::store::new_id(),
        worker_id: w.id.clone(),
        takes_over: teichaku::domain::handover::is_agency(&person, &w),
        person_id: person.id,
        items,
        plan_version: String::new(),
        method: ShareMethod::Document,
        date: day(),
        consent: true,
        people,
        note: "通院は月1回、土曜午前。".into(),
        recorded_by: "佐藤 美咲".into(),
    })?;
    Ok(w)
}

fn share(
    store: &mut Store,
    worker: &str,
    with: &str,
    items: Vec<teichaku::domain::handover::SharedItem>,
    people: bool,
) -> teichaku::domain::Worker {
    try_share(store, worker, with, items, people).unwrap()
}

#[test]
fn the_handover_sheet_prints_what_the_worker_consented_to_share() {
    use teichaku::domain::handover::SharedItem;
    let Some(browser) = browser() else { return };
    let mut store = demo();
    let cat = Catalogue::builtin();
    let all = vec![
        SharedItem::Plan,
        SharedItem::ChecklistSummary,
        SharedItem::Reports,
        SharedItem::Other,
    ];
    let w = share(&mut store, "原田", "森 恵子", all, true);
    let (doc, html) =
        teichaku::print::handover::document(&store, &cat, &w, None, HEAD, Lang::Ja).unwrap();
    assert_eq!(doc, teichaku::print::Document::Handover(day()));
    let summaries = cat
        .instruments
        .iter()
        .filter(|i| summarize(i, &store.assessments_for(&w.id).unwrap()).is_some())
        .count();
    assert!(summaries >= 1);
    assert_eq!(
        html.matches("<svg").count(),
        summaries,
        "a radar per checklist"
    );
    let pdf = print(&browser, "handover-sheet-ja", &html);
    assert!(pdf.size.contains("A4"), "{}", pdf.size);
    assert!((1..=3).contains(&pdf.pages), "{} pages", pdf.pages);
    let plan = store.latest_plan(&w.id).unwrap().unwrap();
    for text in [
        "情報共有シート",
        "森 恵子",
        HEAD.agency,
        "要継続支援",
        "株式会社こもれびダイニング",
        "知的",
        plan.version.long_term_goal.lines().next().unwrap(),
        plan.goals[0].goal.lines().next().unwrap(),
        "安定した就労と生活のためのチェックリスト",
        "最近の支援レポート",
        "なかぽつの担当者と顔合わせをした。",
        "通院は月1回、土曜午前。",
        "原田 光子",
        "本人署名",
    ] {
        assert!(has(&pdf, text), "{text}");
    }

    // Reports only: no plan, no checklist on the sheet.
    let mut store = demo();
    let w = share(
        &mut store,
        "原田",
        "森 恵子",
        vec![SharedItem::Reports],
        false,
    );
    let (_, html) =
        teichaku::print::handover::document(&store, &cat, &w, None, HEAD, Lang::Ja).unwrap();
    let pdf = print(&browser, "handover-sheet-reports-only", &html);
    assert!(!html.contains("<svg"));
    assert!(!has(
        &pdf,
        plan.version.long_term_goal.lines().next().unwrap()
    ));
    assert!(
        !has(&pdf, "通院は月1回"),
        "the note is shared only as その他"
    );
    assert!(has(&pdf, "なかぽつの担当者と顔合わせをした。"));
    assert!(
        !has(&pdf, "原田 光子") && !html.contains("関係者の連絡先"),
        "the resource map only when its contacts were consented"
    );
}

#[test]
fn a_sheet_for_the_workplace_keeps_to_the_employer_rules() {
    use teichaku::domain::handover::SharedItem;
    let mut store = demo();
    let cat = Catalogue::builtin();
    // Disclosed worker, sheet for the store manager: no disability category,
    // no welfare or medical contact, no reasons of the decision.
    let w = share(
        &mut store,
        "原田",
        "小池 正樹",
        vec![SharedItem::Plan, SharedItem::Reports],
        true,
    );
    let person = store.people_for(&w.id).unwrap();
    let manager = person.iter().find(|p| p.name == "小池 正樹").unwrap();
    let (_, html) =
        teichaku::print::handover::document(&store, &cat, &w, Some(&manager.id), HEAD, Lang::Ja)
            .unwrap();
    assert!(!html.contains("障害の種別"));
    assert!(!html.contains("原田 光子") && !html.contains("安田 陽介"));
    assert!(html.contains("福祉・医療の関係者は、職場の方に向けたシートには載せていません"));
    assert!(!html.contains("ケース会議で本人"), "the decision's reasons");

    // Closed employment: refused for the workplace, whatever the consent.
    let closed = store
        .workers()
        .unwrap()
        .into_iter()
        .map(|r| r.worker)
        .find(|w| w.disclosure == Disclosure::Closed)
        .unwrap();
    store
        .add_person(&teichaku::domain::Person {
            id: teichaku::store::new_id(),
            worker_id: closed.id.clone(),
            name: "上田 課長".into(),
            role: "上司".into(),
            organisation: closed.employer.clone(),
            layer: teichaku::domain::Layer::Company,
            phone: String::new(),
            email: String::new(),
            note: String::new(),
        })
        .unwrap();
    // Closed employment: no sharing with the workplace is even recorded.
    let refused = try_share(
        &mut store,
        &closed.id,
        "上田 課長",
        vec![SharedItem::Plan],
        false,
    );
    assert!(matches!(
        refused,
        Err(teichaku::Error::Invalid(
            teichaku::domain::validate::Invalid::ClosedEmploymentSharing
        ))
    ));
    // No consented sharing at all: refused with the way to record one.
    let none = store.resolve_worker("石川").unwrap();
    let refused = teichaku::print::handover::document(&store, &cat, &none, None, HEAD, Lang::Ja);
    assert!(matches!(
        refused,
        Err(teichaku::Error::HandoverNotConsented)
    ));
}

#[test]
fn the_printed_summary_charts_eight_weeks_of_self_reports() {
    use teichaku::render::html::selfreport::{DAYS, section};
    let Some(browser) = browser() else { return };
    let store = demo();
    let cat = Catalogue::builtin();
    let w = store.resolve_worker("石川").unwrap();
    let mut parts = summaries(&store, &cat, &w.id);
    parts.truncate(1);
    let from = day() - chrono::Days::new(DAYS);
    let entries = store.selfreports_for(&w.id, from, day()).unwrap();
    assert!(!entries.is_empty(), "the demo worker reports daily");
    let items = store.selfreport_items();
    let trend = section(&entries, items, day(), Lang::Ja);
    let html = summary::document(&w.display_name, HEAD.agency, &parts, &trend, Lang::Ja);
    assert_eq!(html.matches("<svg").count(), 1 + items.items.len());
    assert!(html.matches("<polyline").count() >= items.items.len());
    let pdf = print(&browser, "summary-selfreports-ja", &html);
    assert!((1..=3).contains(&pdf.pages), "{} pages", pdf.pages);
    assert!(has(&pdf, "日報の推移（8週）"));
    for item in &items.items {
        assert!(has(&pdf, item.label(Lang::Ja)), "{}", item.id);
    }
    for e in &entries {
        if e.worker_comment.chars().count() > 4 {
            assert!(!has(&pdf, &e.worker_comment), "no comment on paper");
        }
    }
}
