//! Every user-facing sentence, in Japanese and English.

pub mod audit;
pub mod backup;
mod checklist;
pub mod closed;
pub mod crypt;
pub mod deleted;
pub mod documents;
pub mod due;
mod errors;
mod handover;
pub mod jobs;
pub mod media;
pub mod own_files;
mod plan;
pub mod plan_fork;
pub mod selfreport;
pub mod sync;
mod tui;
pub mod waiver;

pub use checklist::*;
pub use due::{action_label, due_state_label, duty_label, month_label, names_saved};
pub use errors::{error_message, invalid_message};
pub use handover::*;
pub use plan::{PlanText, plan_field, plan_form_label, plan_incomplete, plan_missing};
pub use tui::*;

pub use crate::lang::Lang;

macro_rules! messages {
    ($($name:ident => $ja:literal, $en:literal;)+) => {
        /// Fixed phrases of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($name),+ }
        impl Msg {
            pub fn text(self, lang: Lang) -> &'static str {
                match self { $(Msg::$name => lang.pick($ja, $en)),+ }
            }
        }
    };
}

messages! {
    Id => "ID", "ID";
    Name => "氏名", "Name";
    Kana => "ふりがな", "Kana";
    Employer => "勤務先", "Employer";
    Workplace => "職場・部署", "Workplace";
    Job => "職務", "Job";
    Categories => "障害種別", "Disability";
    Disclosure => "開示", "Disclosure";
    HireDate => "入社日", "Hired";
    ServiceType => "支援類型", "Service type";
    AnchorDate => "起算日", "Anchor date";
    ServicePeriod => "支援期間", "Service period";
    Status => "状態", "Status";
    Staff => "担当", "Staff";
    Memo => "メモ", "Memo";
    LastContact => "最終連絡", "Last contact";
    LastContactColumn => "最終連絡", "Last seen";
    DisclosureColumn => "開示", "Discl.";
    Contacts => "連絡記録", "Contacts";
    Network => "関係者", "Network";
    Role => "役割", "Role";
    Organisation => "所属", "Organisation";
    Layer => "層", "Layer";
    Phone => "電話", "Phone";
    Email => "メール", "E-mail";
    Note => "備考", "Note";
    Date => "日付", "Date";
    Time => "時刻", "Time";
    Minutes => "分", "Min";
    Mode => "方法", "Mode";
    Participants => "参加者", "With";
    Notes => "記録", "Notes";
    NextAction => "次の対応", "Next action";
    NextDue => "期限", "Due";
    RecordedBy => "記録者", "Recorded by";
    Overridden => "（手動設定）", " (set by hand)";
    Ended => "終了", "ended";
    Saved => "保存しました", "Saved";
    Deleted => "削除しました", "Deleted";
    NoChange => "変更はありません", "Nothing changed";
    ConfirmDelete => "削除しますか？ (y/N): ", "Delete? (y/N): ";
    NoWorkers => "利用者はまだ登録されていません。`teichaku worker add --name 氏名` で追加できます。デモは `teichaku --demo worker list` で見られます。", "No workers yet. Add one with `teichaku worker add --name NAME`, or try the demo: `teichaku --demo worker list`.";
    NoContacts => "連絡記録はありません。", "No contacts.";
    NoPeople => "関係者は登録されていません。", "No people recorded.";
    DemoNotice => "デモデータ（一時的なコピー）で実行しています。終了すると変更は消えます。", "Running on demo data (a throw-away copy); changes vanish on exit.";
    ErrorPrefix => "エラー", "Error";
    DateChanged => "日付が変わりました。今日の予定に更新しました。", "The date has changed; the screens now show today's duties.";
    QuitWithDraft => "保存していない入力があります。下書きとして残して終了しますか？", "There are unsaved changes. Keep them as a draft and quit?";
    DiscardChanges => "変更を保存せずに閉じますか？（入力した内容は消えます）", "Close without saving? (What you typed is lost.)";
    FixErrors => "理由が横に表示された項目を直してください。まだ保存していません。", "Fix the fields with a message beside them; nothing is saved yet.";
    NewContactTitle => "連絡記録を追加", "New contact";
    EditContactTitle => "連絡記録を編集", "Edit contact";
    NewWorkerTitle => "利用者を追加", "New worker";
    EditWorkerTitle => "利用者を編集", "Edit worker";
    Computed => "計算値", "computed";
    EntryResumed => "途中まで入力した記録の続きから再開します。", "Resuming the unfinished entry where it stopped.";
    EntryPaused => "中断しました。ここまでの回答は保存されています。", "Paused; every answer so far is saved.";
    ConfirmImport => "それでも取り込みますか？ (y/N): ", "Import anyway? (y/N): ";
    PassphrasePrompt => "同期パスフレーズ: ", "Sync passphrase: ";
    PassphraseAgain => "もう一度入力: ", "Again: ";
    // ---- checklists ----
    NotAssessed => "未確認", "not assessed";
    Respondent => "回答者", "Answered by";
    Progress => "進み具合", "Progress";
    Comment => "コメント", "Comment";
    OverallNote => "全体メモ", "Overall note";
    Group => "領域", "Group";
    Latest => "今回", "Latest";
    Previous => "前回", "Previous";
    ChangeSincePrevious => "前回比", "Change";
    Trend => "推移", "Trend";
    FocusItems => "重点項目（低い項目）", "Focus points (lowest items)";
    NoFocusItems => "低い項目はありません。", "No low items.";
    Gap => "--", "--";
    TrendUp => "上昇", "up";
    TrendDown => "低下", "down";
    TrendFlat => "横ばい", "steady";
    TrendUnknown => "--", "--";
    Source => "出典", "Source";
    Assessments => "チェック記録", "Assessments";
    RadarLegendLatest => "実線", "solid line";
    RadarLegendPrevious => "点線", "dotted line";
    EntryKeysHelp => "数字キー（1-4）で回答すると次の項目へ進みます。ほかのキーは下の行のとおりです。", "A digit (1-4) answers and moves on; other keys are below.";
    EntryCommentHelp => "Enter: コメントを保存　Esc: 取り消し", "Enter: save comment   Esc: discard";
    EntryComplete => "全項目に回答しました。Enter で終了、Backspace で見直し。", "All items answered. Enter to finish, Backspace to review.";
    CurrentAnswer => "現在の回答", "Current answer";
    ChecklistSaved => "チェックリストを記録しました", "Assessment recorded";
    DefinitionSkipped => "チェックリスト定義を読み込めなかったため、飛ばしました", "A checklist definition could not be loaded and was skipped";
    // Due dates and the dashboard.
    State => "状況", "State";
    Due => "期限", "Due";
    Duty => "対応", "Duty";
    Action => "操作", "Action";
    NothingDue => "期限切れ・期限間近の対応はありません。", "Nothing is overdue or due soon.";
    ClosedMark => "クローズ就労", "Closed employment";
    ServiceStart => "支援開始日", "Service start";
    ServiceEnd => "支援終了日", "Service end";
    WorkerId => "利用者ID", "Worker ID";
    PlanReviews => "支援計画の見直し", "Plan reviews";
    NoPlanReviews => "支援計画の見直しは記録されていません。", "No plan reviews recorded.";
    // The monthly support report.
    ReportTitle => "支援レポート", "Support report";
    ReportForEmployer => "（事業主様向け）", " (for the employer)";
    ReportDraftMark => "下書き（未確定）", "Draft (not finalised)";
    ReportSupportGiven => "支援状況", "Support this month";
    ReportDirection => "支援の方向性", "Direction of support";
    ReportEmpty => "（記載なし）", "(none)";
    ReportNothingShared => "事業主と共有する項目はありません。", "Nothing in this report is marked for the employer.";
    ReportRadar => "チェックリストの結果", "Checklist results";
    ReportConfirmed => "本人確認", "Confirmed by the worker";
    ReportNotConfirmed => "未確認", "not yet";
    ConsentConfirm => "同意を確認済みに", "consent confirmed";
    NeedsReview => "要確認", "Review";
    NotFlagged => "この記録はクローズ就労の要確認ではありません", "This record is not flagged for closed employment";
    ReportConsent => "事業主への共有の同意", "Consent to share with the employer";
    ReportShared => "事業主と共有", "Shared with the employer";
    ReportFinalised => "確定", "Finalised";
    ReportDrafted => "支援レポートの下書きを作りました", "Drafted the support report";
    ReportAlreadyThere => "この月の支援レポートは既にあります（変更していません）", "This month's report already exists (left unchanged)";
    ReportFinalisedNow => "支援レポートを確定しました", "Finalised the support report";
    ReportReopened => "支援レポートの確定を取り消しました", "Reopened the support report";
    NoReports => "支援レポートはありません。", "No reports.";
    Month => "月", "Month";
    Yes => "はい", "yes";
    No => "いいえ", "no";
    // Search.
    Kind => "種類", "Kind";
    Excerpt => "該当箇所", "Excerpt";
    NoHits => "見つかりませんでした。", "Nothing found.";
    // CSV.
    CsvWritten => "CSV を書き出しました（暗号化されないファイルです。USB メモリなどに置いたままにせず、使い終わったら消してください）", "Wrote the CSV (the file is not encrypted: do not leave it on a USB stick, delete it when done)";
}

/// Months into the 36, days before the start, or ended.
pub fn period_position(pos: crate::domain::worker::PeriodPosition, lang: Lang) -> String {
    use crate::domain::worker::PeriodPosition::*;
    match (pos, lang) {
        (Before { days }, Lang::Ja) => format!("開始まで{days}日"),
        (Before { days }, Lang::En) => format!("starts in {days}d"),
        (During { month }, Lang::Ja) => format!("{month}/36か月"),
        (During { month }, Lang::En) => format!("month {month}/36"),
        (After, l) => Msg::Ended.text(l).to_string(),
    }
}

/// Finalising a report for a month without a face-to-face contact: allowed,
/// but the month's contact duty is still open.
pub fn no_face_to_face_warning(month: crate::domain::dates::YearMonth, lang: Lang) -> String {
    let m = month_label(month, lang);
    match lang {
        Lang::Ja => {
            format!("注意: {m}は本人と対面（オンライン）の連絡がありません。")
        }
        Lang::En => {
            format!("Note: no face-to-face (or video) contact with the worker is recorded for {m}.")
        }
    }
}

/// When `day` was, from `today`: 「今日」「昨日」「12日前」; a day after today
/// (a typo, or a visit entered ahead) is said as its date, never 「-9日前」.
pub fn since(day: chrono::NaiveDate, today: chrono::NaiveDate, lang: Lang) -> String {
    match (today - day).num_days() {
        days if days < 0 => day.format("%Y-%m-%d").to_string(),
        days => days_ago(days, lang),
    }
}

pub fn days_ago(days: i64, lang: Lang) -> String {
    match (days, lang) {
        (0, Lang::Ja) => "今日".to_string(),
        (0, Lang::En) => "today".to_string(),
        (1, Lang::Ja) => "昨日".to_string(),
        (1, Lang::En) => "yesterday".to_string(),
        (_, Lang::Ja) => format!("{days}日前"),
        (_, Lang::En) => format!("{days}d ago"),
    }
}

#[cfg(test)]
mod days_ago_tests {
    use super::*;

    #[test]
    fn today_and_yesterday_are_said_in_words() {
        assert_eq!(days_ago(0, Lang::Ja), "今日");
        assert_eq!(days_ago(1, Lang::En), "yesterday");
        assert_eq!(days_ago(12, Lang::Ja), "12日前");
    }

    #[test]
    fn a_day_after_today_is_said_as_its_date() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let later = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        for lang in [Lang::Ja, Lang::En] {
            assert_eq!(since(later, today, lang), "2026-11-30");
        }
        assert_eq!(since(today, today, Lang::Ja), "今日");
        assert_eq!(
            since(today - chrono::Days::new(9), today, Lang::En),
            "9d ago"
        );
    }
}
