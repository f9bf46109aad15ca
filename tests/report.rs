//! The monthly support report: snapshots for both audiences, and the closed-
//! employment rule enforced by the renderer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use teichaku::domain::dates::YearMonth;
use teichaku::domain::report::{Report, ReportField};
use teichaku::domain::{Category, Code, Disclosure, Worker};
use teichaku::error::Error;
use teichaku::i18n::Lang;
use teichaku::render::report::{Attachments, Audience, Format, render};

fn worker(closed: bool) -> Worker {
    let mut w = Worker::new("w1".into(), "山田 太郎".into());
    w.employer = "株式会社みなと物流".into();
    w.categories = vec![Category::Mental];
    w.memo = "内部メモ：主治医は高橋先生".into();
    if closed {
        w.disclosure = Disclosure::Closed;
    }
    w
}

fn report() -> Report {
    let mut r = Report::new("r1".into(), "w1".into(), YearMonth::new(2026, 3).unwrap());
    r.set_text(ReportField::Goals, "出荷作業の手順を一人で行う。");
    r.set_text(
        ReportField::Done,
        "・03/05 職場訪問（本人・上司）：作業の様子を確認。\n・03/19 面談（本人）：服薬と睡眠の確認。",
    );
    r.set_text(
        ReportField::Result,
        "手順書を見ながら一人でできた。睡眠薬の調整あり。",
    );
    r.set_text(ReportField::Next, "手順書の改訂版を確認する。");
    r.set_text(ReportField::WorkerActions, "分からない時はメモして聞く。");
    r.set_text(ReportField::EmployerActions, "朝礼後に質問の時間を設ける。");
    r.set_text(ReportField::Shared, "来月のシフト希望は20日まで。");
    r.set_shared(ReportField::Goals, true);
    r.set_shared(ReportField::EmployerActions, true);
    r.set_shared(ReportField::Shared, true);
    r.confirmed_on = NaiveDate::from_ymd_opt(2026, 3, 27);
    r.finalised = true;
    r
}

fn text(r: &Report, w: &Worker, a: Audience, f: Format, lang: Lang) -> String {
    render(r, w, a, f, lang, Attachments::default()).unwrap()
}

#[test]
fn snapshots_for_the_worker_and_the_employer() {
    let (r, w) = (report(), worker(false));
    insta::assert_snapshot!(
        "worker_md",
        text(&r, &w, Audience::Worker, Format::Markdown, Lang::Ja)
    );
    insta::assert_snapshot!(
        "worker_txt",
        text(&r, &w, Audience::Worker, Format::Text, Lang::Ja)
    );
    insta::assert_snapshot!(
        "employer_md",
        text(&r, &w, Audience::Employer, Format::Markdown, Lang::Ja)
    );
    insta::assert_snapshot!(
        "employer_txt_en",
        text(&r, &w, Audience::Employer, Format::Text, Lang::En)
    );
    let mut draft = report();
    draft.finalised = false;
    draft.confirmed_on = None;
    insta::assert_snapshot!(
        "worker_draft_md",
        text(&draft, &w, Audience::Worker, Format::Markdown, Lang::Ja)
    );
}

/// Every piece of text about the worker that is not marked as shared.
fn private_texts(r: &Report, w: &Worker) -> Vec<String> {
    let mut v: Vec<String> = ReportField::ALL
        .iter()
        .filter(|f| !r.is_shared(**f))
        .flat_map(|f| r.text(*f).lines().map(str::to_string).collect::<Vec<_>>())
        .collect();
    v.extend([
        "精神".to_string(),
        w.memo.clone(),
        "服薬".into(),
        "睡眠".into(),
    ]);
    v
}

#[test]
fn closed_employment_data_never_reaches_an_employer_report() {
    let w = worker(true);
    let mut r = report();
    for format in [Format::Markdown, Format::Text] {
        for lang in [Lang::Ja, Lang::En] {
            // Without consent: refused, whatever is marked shared.
            r.employer_consent = false;
            let refused = render(
                &r,
                &w,
                Audience::Employer,
                format,
                lang,
                Attachments::default(),
            );
            assert!(matches!(refused, Err(Error::ClosedEmploymentReport)));
            // With consent: only the shared fields, nothing else.
            r.employer_consent = true;
            let radar = Attachments {
                radar_summary: Some("体調の安定 ■■■□ 3.0"),
            };
            let out = render(&r, &w, Audience::Employer, format, lang, radar).unwrap();
            for secret in private_texts(&r, &w) {
                assert!(!out.contains(&secret), "{secret:?} leaked into:\n{out}");
            }
            assert!(
                !out.contains("体調の安定"),
                "the radar is never for the employer"
            );
            assert!(out.contains("朝礼後に質問の時間を設ける。"));
        }
    }
    // The worker's own version has everything, radar included.
    let radar = Attachments {
        radar_summary: Some("体調の安定 ■■■□ 3.0"),
    };
    let own = render(&r, &w, Audience::Worker, Format::Markdown, Lang::Ja, radar).unwrap();
    assert!(own.contains("睡眠薬の調整あり") && own.contains("体調の安定 ■■■□ 3.0"));
}

#[test]
fn no_employer_version_before_the_worker_confirmed() {
    let w = worker(false);
    let mut r = report();
    r.confirmed_on = None;
    for format in [Format::Markdown, Format::Text] {
        let refused = render(
            &r,
            &w,
            Audience::Employer,
            format,
            Lang::Ja,
            Attachments::default(),
        );
        assert!(matches!(refused, Err(Error::UnconfirmedEmployerReport)));
    }
    assert!(
        render(
            &r,
            &w,
            Audience::Worker,
            Format::Text,
            Lang::Ja,
            Attachments::default()
        )
        .is_ok()
    );
}

#[test]
fn an_employer_report_with_nothing_shared_says_so() {
    let w = worker(false);
    let mut r = report();
    for f in ReportField::ALL {
        r.set_shared(*f, false);
    }
    let out = text(&r, &w, Audience::Employer, Format::Text, Lang::Ja);
    assert!(out.contains("事業主と共有する項目はありません。"));
    for secret in private_texts(&r, &w) {
        assert!(!out.contains(&secret), "{secret:?}");
    }
}

#[test]
fn markdown_keeps_user_text_from_breaking_the_document() {
    let w = worker(false);
    let mut r = report();
    r.set_text(ReportField::Goals, "# 見出しではない\n---");
    let out = text(&r, &w, Audience::Worker, Format::Markdown, Lang::Ja);
    assert!(out.contains("\\# 見出しではない"));
    assert!(out.contains("\\---"));
}
