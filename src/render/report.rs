//! The monthly support report as Markdown or plain text, for the worker or for
//! the employer.
//!
//! The employer version is built only from fields marked as shared, and is
//! refused outright for a closed-employment worker whose consent to share is
//! not recorded on the report: [`render`] is the only way to make either text,
//! so the rule cannot be skipped by a caller.

use crate::domain::Code;
use crate::domain::Worker;
use crate::domain::report::{Report, ReportField};
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg, month_label};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Worker,
    Employer,
}

/// What other parts of teichaku may attach to the report.
///
/// The seam for the month's radar summary: the checklists module renders it
/// (as plain text) and the caller passes it here. It is printed only in the
/// worker's version: checklist results speak of health and disability, and the
/// report has no share flag for them yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Attachments<'a> {
    pub radar_summary: Option<&'a str>,
}

/// The report's text. `Err(Error::ClosedEmploymentReport)` for an employer
/// version of a closed-employment worker's report without recorded consent,
/// `Err(Error::UnconfirmedEmployerReport)` for one the worker has not confirmed.
pub fn render(
    report: &Report,
    worker: &Worker,
    audience: Audience,
    format: Format,
    lang: Lang,
    attachments: Attachments<'_>,
) -> Result<String> {
    check_audience(report, worker, audience)?;
    let for_employer = audience == Audience::Employer;
    let mut out = Doc {
        format,
        text: String::new(),
    };

    let mut title = format!(
        "{} {}",
        Msg::ReportTitle.text(lang),
        month_label(report.month, lang)
    );
    if for_employer {
        title.push_str(Msg::ReportForEmployer.text(lang));
    }
    out.title(&title);
    out.meta(&format!(
        "{}: {}",
        Msg::Name.text(lang),
        worker.display_name
    ));
    if !for_employer && !worker.employer.is_empty() {
        out.meta(&format!(
            "{}: {}",
            Msg::Employer.text(lang),
            worker.employer
        ));
    }
    if !report.finalised {
        out.meta(&format!("[{}]", Msg::ReportDraftMark.text(lang)));
    }

    let mut printed = 0;
    for (group, fields) in LAYOUT {
        let fields: Vec<(ReportField, String)> = fields
            .iter()
            .filter_map(|f| report.copy_text(*f, for_employer).map(|t| (*f, t)))
            .collect();
        if fields.is_empty() {
            continue;
        }
        let nested = group.is_some();
        if let Some(g) = group {
            out.heading(1, g.text(lang));
        }
        for (f, text) in fields {
            out.heading(if nested { 2 } else { 1 }, f.label(lang));
            let text = text.trim();
            out.body(if text.is_empty() {
                Msg::ReportEmpty.text(lang)
            } else {
                text
            });
            printed += 1;
        }
    }
    if printed == 0 {
        out.blank();
        out.line(Msg::ReportNothingShared.text(lang));
    }
    if !for_employer && let Some(radar) = attachments.radar_summary {
        out.heading(1, Msg::ReportRadar.text(lang));
        out.preformatted(radar);
    }

    out.rule();
    let confirmed = report.confirmed_on.map_or_else(
        || Msg::ReportNotConfirmed.text(lang).to_string(),
        |d| d.to_string(),
    );
    out.meta(&format!("{}: {confirmed}", Msg::ReportConfirmed.text(lang)));
    if !for_employer {
        let shared: Vec<&str> = ReportField::ALL
            .iter()
            .filter(|f| report.is_shared(**f))
            .map(|f| f.label(lang))
            .collect();
        let shared = if shared.is_empty() {
            Msg::ReportEmpty.text(lang).to_string()
        } else {
            shared.join(lang.pick("、", ", "))
        };
        out.meta(&format!("{}: {shared}", Msg::ReportShared.text(lang)));
        if worker.is_closed() {
            let yes = if report.employer_consent {
                Msg::Yes
            } else {
                Msg::No
            };
            out.meta(&format!(
                "{}: {}",
                Msg::ReportConsent.text(lang),
                yes.text(lang)
            ));
        }
    }
    Ok(out.text)
}

/// The rules every version of the report passes (text, Markdown, HTML): no
/// employer version for closed employment without the worker's recorded
/// consent on this report, and none before the worker has read and
/// confirmed it.
pub fn check_audience(report: &Report, worker: &Worker, audience: Audience) -> Result<()> {
    if audience == Audience::Employer && worker.is_closed() && !report.employer_consent {
        return Err(Error::ClosedEmploymentReport);
    }
    if audience == Audience::Employer && report.confirmed_on.is_none() {
        return Err(Error::UnconfirmedEmployerReport);
    }
    Ok(())
}

/// The field groups of 別添様式1, in order: (group heading, its fields).
pub const LAYOUT: [(Option<Msg>, &[ReportField]); 4] = [
    (None, &[ReportField::Goals]),
    (
        Some(Msg::ReportSupportGiven),
        &[
            ReportField::Done,
            ReportField::Result,
            ReportField::SelfReports,
        ],
    ),
    (
        Some(Msg::ReportDirection),
        &[
            ReportField::Next,
            ReportField::WorkerActions,
            ReportField::EmployerActions,
        ],
    ),
    (None, &[ReportField::Shared]),
];

/// Markdown or plain text, line by line.
struct Doc {
    format: Format,
    text: String,
}

impl Doc {
    fn line(&mut self, s: &str) {
        self.text.push_str(s);
        self.text.push('\n');
    }

    /// A line of facts ("name: …"): in Markdown with a hard line break, so
    /// that consecutive facts stay on lines of their own.
    fn meta(&mut self, s: &str) {
        match self.format {
            Format::Markdown => self.line(&format!("{s}  ")),
            Format::Text => self.line(s),
        }
    }

    fn blank(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    fn title(&mut self, s: &str) {
        match self.format {
            Format::Markdown => self.line(&format!("# {s}")),
            Format::Text => {
                self.line(s);
                let width = unicode_width::UnicodeWidthStr::width(s);
                self.line(&"=".repeat(width));
            }
        }
        self.blank();
    }

    fn heading(&mut self, level: u8, s: &str) {
        self.blank();
        match (self.format, level) {
            (Format::Markdown, 1) => self.line(&format!("## {s}")),
            (Format::Markdown, _) => self.line(&format!("### {s}")),
            (Format::Text, 1) => self.line(&format!("【{s}】")),
            (Format::Text, _) => self.line(&format!("■ {s}")),
        }
        if self.format == Format::Markdown {
            self.blank();
        }
    }

    /// User text: kept as written. In Markdown, a line that Markdown would
    /// take as a heading or rule is escaped so the document keeps its shape.
    fn body(&mut self, s: &str) {
        let lines: Vec<&str> = s.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            let last = i + 1 == lines.len();
            match self.format {
                // A hard line break (two spaces) keeps the user's lines apart.
                Format::Markdown => {
                    let escaped = if l.starts_with('#') || l.trim() == "---" {
                        format!("\\{l}")
                    } else {
                        (*l).to_string()
                    };
                    let brk = if last || l.is_empty() { "" } else { "  " };
                    self.line(&format!("{escaped}{brk}"));
                }
                Format::Text => self.line(format!("  {l}").trim_end()),
            }
        }
    }

    fn preformatted(&mut self, s: &str) {
        if self.format == Format::Markdown {
            self.line("```");
        }
        for l in s.lines() {
            self.line(l);
        }
        if self.format == Format::Markdown {
            self.line("```");
        }
    }

    fn rule(&mut self) {
        self.blank();
        if self.format == Format::Markdown {
            self.line("---");
            self.blank();
        }
    }
}
