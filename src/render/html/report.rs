//! 支援レポート for paper, laid out as the ministry's 別添様式1: the agency,
//! the supporter, the worker, the month and the service period; the seven
//! fields in their groups; a confirmation box with the date and the worker's
//! signature line.
//!
//! The worker's copy has every field and nothing internal (which fields go
//! to the employer is the supporter's business, not printed). The employer's
//! copy has only the fields marked shared, and passes the same closed-
//! employment rule as every other version ([`check_audience`]).

use super::{esc, field, meta_table, page};
use crate::domain::Worker;
use crate::domain::report::Report;
use crate::error::Result;
use crate::i18n::documents::{self, Doc};
use crate::i18n::{Lang, Msg, month_label};
use crate::render::report::{Audience, LAYOUT, check_audience};

/// Who makes the document: printed at its head.
#[derive(Debug, Clone, Copy, Default)]
pub struct Letterhead<'a> {
    pub agency: &'a str,
    pub supporter: &'a str,
}

pub fn report(
    report: &Report,
    worker: &Worker,
    head: Letterhead<'_>,
    audience: Audience,
    lang: Lang,
) -> Result<String> {
    check_audience(report, worker, audience)?;
    let for_employer = audience == Audience::Employer;
    let mut title = format!(
        "{}（{}）",
        Msg::ReportTitle.text(lang),
        month_label(report.month, lang)
    );
    if lang == Lang::En {
        title = format!(
            "{} — {}",
            Msg::ReportTitle.text(lang),
            month_label(report.month, lang)
        );
    }
    if for_employer {
        title.push_str(Msg::ReportForEmployer.text(lang));
    }
    let mut body = format!("<h1>{}</h1>\n", esc(&title));
    if !report.finalised {
        body.push_str(&format!(
            "<div class=\"draft\">{}</div>\n",
            esc(Msg::ReportDraftMark.text(lang))
        ));
    }
    let not_recorded = Doc::NotRecorded.text(lang);
    let or_blank = |s: &str| {
        if s.trim().is_empty() {
            not_recorded.to_string()
        } else {
            s.trim().to_string()
        }
    };
    let staff = if worker.staff.trim().is_empty() {
        head.supporter
    } else {
        worker.staff.as_str()
    };
    let period = worker.service_period().map_or_else(
        || not_recorded.to_string(),
        |p| documents::period(p.start, p.end, lang),
    );
    let mut rows = vec![
        (Doc::Agency.text(lang), or_blank(head.agency)),
        (Doc::Supporter.text(lang), or_blank(staff)),
        (Doc::Worker.text(lang), worker.display_name.clone()),
        (Doc::Month.text(lang), month_label(report.month, lang)),
        (Doc::ServicePeriod.text(lang), period),
    ];
    if !for_employer && !worker.employer.trim().is_empty() {
        rows.push((Doc::Workplace.text(lang), worker.employer.clone()));
    }
    body.push_str(&meta_table(&rows));

    let empty = Msg::ReportEmpty.text(lang);
    let mut printed = 0;
    for (group, fields) in LAYOUT {
        for (f, text) in fields
            .iter()
            .filter_map(|f| report.copy_text(*f, for_employer).map(|t| (*f, t)))
        {
            let field = if f == crate::domain::report::ReportField::SelfReports {
                super::compact_field
            } else {
                field
            };
            body.push_str(&field(
                crate::domain::Code::label(f, lang),
                group.map(|g| g.text(lang)),
                &text,
                empty,
            ));
            printed += 1;
        }
    }
    if printed == 0 {
        body.push_str(&format!(
            "<p>{}</p>\n",
            esc(Msg::ReportNothingShared.text(lang))
        ));
    }

    let confirmed = report
        .confirmed_on
        .map_or_else(|| Doc::BlankDate.text(lang).to_string(), |d| d.to_string());
    body.push_str(&format!(
        "<table class=\"confirm\"><caption></caption>\n\
         <tr><th colspan=\"2\">{}</th></tr>\n\
         <tr><th>{}</th><td>{}</td></tr>\n",
        esc(Doc::ConfirmBox.text(lang)),
        esc(Doc::ConfirmDate.text(lang)),
        esc(&confirmed)
    ));
    if !for_employer {
        let handed = report
            .handed_on
            .map_or_else(|| Doc::BlankDate.text(lang).to_string(), |d| d.to_string());
        body.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>\n<tr><th>{}</th><td>{}</td></tr>\n",
            esc(Doc::HandedOn.text(lang)),
            esc(&handed),
            esc(Doc::Signature.text(lang)),
            esc(Doc::ConfirmNote.text(lang))
        ));
    }
    body.push_str("</table>\n");
    Ok(page(&title, lang, &body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::YearMonth;
    use crate::domain::report::ReportField;
    use crate::domain::{Code, Disclosure};
    use crate::error::Error;

    fn sample() -> (Report, Worker) {
        let mut w = Worker::new("w1".into(), "山田 太郎".into());
        w.employer = "株式会社みらい".into();
        w.hire_date = chrono::NaiveDate::from_ymd_opt(2025, 8, 31);
        let month = YearMonth::parse("2026-11").unwrap();
        let mut r = Report::new("r1".into(), "w1".into(), month);
        r.set_text(ReportField::Goals, "遅刻せずに通勤する");
        r.set_text(ReportField::Done, "・11/05 職場訪問\n・11/20 面談");
        r.set_text(ReportField::Shared, "体調の波について <主治医> と相談");
        r.set_text(
            ReportField::SelfReports,
            "日報：20日分（平日21日）。11/16「眠れなかった」",
        );
        r.set_shared(ReportField::Goals, true);
        r.set_shared(ReportField::SelfReports, true);
        r.confirmed_on = chrono::NaiveDate::from_ymd_opt(2026, 11, 27);
        (r, w)
    }

    #[test]
    fn the_workers_copy_has_every_field_and_no_sharing_line() {
        let (r, w) = sample();
        let head = Letterhead {
            agency: "ひだまり就労支援センター",
            supporter: "佐藤 美咲",
        };
        let html = report(&r, &w, head, Audience::Worker, Lang::Ja).unwrap();
        for f in ReportField::ALL.iter() {
            assert!(html.contains(f.label(Lang::Ja)), "{f:?}");
        }
        for s in [
            "ひだまり就労支援センター",
            "佐藤 美咲",
            "山田 太郎",
            "2026年11月",
            "本人署名",
        ] {
            assert!(html.contains(s), "{s}");
        }
        assert!(html.contains("&lt;主治医&gt;"));
        assert!(
            !html.contains("事業主と共有"),
            "internal line on the worker's copy"
        );
    }

    #[test]
    fn the_employers_copy_has_only_shared_fields() {
        let (r, w) = sample();
        let html = report(&r, &w, Letterhead::default(), Audience::Employer, Lang::Ja).unwrap();
        assert!(html.contains("遅刻せずに通勤する"));
        assert!(!html.contains("職場訪問"));
        assert!(!html.contains("主治医"));
        assert!(!html.contains("株式会社みらい"));
        assert!(!html.contains("眠れなかった") && !html.contains("本人の日報から"));
    }

    #[test]
    fn closed_employment_without_consent_has_no_employer_copy() {
        let (r, mut w) = sample();
        w.disclosure = Disclosure::Closed;
        let refused = report(&r, &w, Letterhead::default(), Audience::Employer, Lang::Ja);
        assert!(matches!(refused, Err(Error::ClosedEmploymentReport)));
        let mut r = r;
        r.employer_consent = true;
        assert!(report(&r, &w, Letterhead::default(), Audience::Employer, Lang::Ja).is_ok());
        // Nothing goes to the employer before the worker has confirmed it.
        r.confirmed_on = None;
        let unconfirmed = report(&r, &w, Letterhead::default(), Audience::Employer, Lang::Ja);
        assert!(matches!(unconfirmed, Err(Error::UnconfirmedEmployerReport)));
    }
}
