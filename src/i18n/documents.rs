//! Words of the printed documents (render::html).

use super::Lang;

macro_rules! words {
    ($($name:ident => $ja:literal, $en:literal;)+) => {
        /// Headings and labels of the printed documents.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Doc { $($name),+ }
        impl Doc {
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Doc::$name, Lang::Ja) => $ja, (Doc::$name, Lang::En) => $en,)+
                }
            }
        }
    };
}

words! {
    Agency => "事業所", "Agency";
    Supporter => "担当者", "Supporter";
    Worker => "利用者氏名", "Worker";
    Month => "対象月", "Month";
    ServicePeriod => "支援期間", "Service period";
    Workplace => "就労先", "Workplace";
    ConfirmBox => "確認欄", "Confirmation";
    ConfirmDate => "確認日", "Date confirmed";
    HandedOn => "提供日", "Handed over on";
    Signature => "本人署名", "Worker's signature";
    BlankDate => "　　　　年　　月　　日", "____ / ___ / ___";
    ConfirmNote => "上記の内容を確認しました。", "I have read and confirmed the above.";
    PlanConsent => "計画の説明を受け、内容に同意しました。", "The plan was explained to me and I agree with it.";
    NotRecorded => "（未記入）", "(not recorded)";
    SummaryTitle => "チェックリストのまとめ", "Checklist summary";
    Assessment => "実施", "Assessment";
    RadarCaption => "レーダーチャート", "Radar chart";
    LegendLatest => "今回", "this time";
    LegendPrevious => "前回", "previous";
    GroupTable => "グループごとの平均", "Group averages";
    PrintedOn => "作成日", "Made on";
    HandoverTitle => "情報共有シート（引継ぎ）", "Handover sheet";
    Recipient => "共有先", "Shared with";
    SharedOn => "共有日", "Date shared";
    SharedItems => "共有する情報", "Information shared";
    Employment => "就労の状況", "Employment";
    Employer => "勤務先", "Employer";
    Job => "仕事の内容", "Job";
    HiredOn => "就職日", "Hired on";
    Categories => "障害の種別", "Disability";
    Decision => "要継続支援の判断", "Continued support after the service";
    DecisionMissing => "（判断は未記録）", "(no decision recorded)";
    NoPlanYet => "（支援計画は未作成）", "(no support plan yet)";
    NoChecklistYet => "（チェックリストの記録なし）", "(no checklist recorded)";
    RecentReports => "最近の支援レポート（本人確認済み）", "Recent support reports (confirmed by the worker)";
    NoReportsYet => "（本人確認済みのレポートなし）", "(no confirmed report)";
    ResourceMap => "関係者（リソースマップ）", "People around the worker";
    Name => "氏名", "Name";
    Organisation => "所属", "Organisation";
    Role => "役割", "Role";
    Phone => "電話", "Phone";
    Layer => "層", "Layer";
    WelfareLeftOut => "福祉・医療の関係者は、職場の方に向けたシートには載せていません。", "Welfare and medical contacts are left out of a sheet for the workplace.";
    OtherShared => "その他の共有事項", "Other information";
    SheetConsent => "上記の情報を共有先に提供することに同意しました。", "I agree to this information being given to the recipient.";
    ConsentDate => "同意日", "Consented on";
}

/// "2026-06-01 〜 2029-05-31".
pub fn period(start: chrono::NaiveDate, end: chrono::NaiveDate, lang: Lang) -> String {
    format!("{start}{}{end}", lang.pick(" 〜 ", " – "))
}

/// After a document was written: where it is.
pub fn written(path: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "書き出しました: {}\n{}",
            path.display(),
            super::crypt::plaintext_warning(lang)
        ),
        Lang::En => format!(
            "Written: {}\n{}",
            path.display(),
            super::crypt::plaintext_warning(lang)
        ),
    }
}

/// After the print key: whether the browser was started (only when its
/// opener said so), that the file is not encrypted — both before the path,
/// so a narrow screen shows them whatever the path's length — then where
/// the file is (the status line wraps it onto more rows).
pub fn printed(path: &std::path::Path, opened: bool, lang: Lang) -> String {
    match (opened, lang) {
        (true, Lang::Ja) => format!(
            "ブラウザで開きました（そこで印刷）。暗号化されないファイルです。使い終わったら消してください：{}",
            path.display()
        ),
        (true, Lang::En) => format!(
            "Opened in the browser to print. This file is not encrypted; delete it when done: {}",
            path.display()
        ),
        (false, Lang::Ja) => format!(
            "ブラウザを開けませんでした。暗号化されないファイルです。このファイルを開いて印刷し、使い終わったら消してください：{}",
            path.display()
        ),
        (false, Lang::En) => format!(
            "No browser could be started. This file is not encrypted: open it to print, and delete it when done: {}",
            path.display()
        ),
    }
}

/// A report for a month after today's (domain.md, "Dates of a month's report").
pub fn report_month_ahead(
    month: crate::domain::dates::YearMonth,
    today: chrono::NaiveDate,
    lang: Lang,
) -> String {
    let m = super::month_label(month, lang);
    match lang {
        Lang::Ja => {
            format!("{m}のレポートはまだ作れません（今日 {today}）。その月から作成できます。")
        }
        Lang::En => format!("The report for {m} cannot be made yet (today is {today})."),
    }
}

/// A report's date before its month's first day; `field` already in `lang`.
pub fn report_date_before_month(
    field: &str,
    month: crate::domain::dates::YearMonth,
    lang: Lang,
) -> String {
    let m = super::month_label(month, lang);
    let first = month.first_day();
    match lang {
        Lang::Ja => format!(
            "{field}が{m}より前になっています。{m}のレポートの{field}は{first}から今日までの日付です。"
        ),
        Lang::En => format!(
            "The {field} is before {m}: for the report of {m} it lies between {first} and today."
        ),
    }
}

/// A report's state in lists and titles: draft, finalised, or finalised and
/// handed over after its month (済（期限後）, counted but late).
pub fn report_state(r: &crate::domain::report::Report, lang: Lang) -> &'static str {
    use super::Msg;
    if r.is_late() {
        lang.pick("確定・済（期限後）", "finalised, done (late)")
    } else if r.finalised {
        Msg::ReportFinalised.text(lang)
    } else {
        Msg::ReportDraftMark.text(lang)
    }
}
