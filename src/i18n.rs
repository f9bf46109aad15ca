//! Every user-facing sentence, in Japanese and English.

use crate::domain::Code;
use crate::domain::validate::Invalid;
use crate::error::{Error, Task};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "jp" | "japanese" | "日本語" => Some(Lang::Ja),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the Japanese or the English text.
    pub fn pick<'a>(self, ja: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

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
    TuiComing => "画面（TUI）は次の版で入ります。今はコマンドで使えます:", "The screen (TUI) comes in the next version. For now use the commands:";
    ErrorPrefix => "エラー", "Error";
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
    CsvWritten => "CSV を書き出しました", "Wrote the CSV";
}

/// A duty on the dashboard, with its month when it has one.
pub fn duty_label(duty: crate::domain::schedule::Duty, lang: Lang) -> String {
    use crate::domain::schedule::Duty::*;
    let (text, month) = match duty {
        ContactWorker { month } => (lang.pick("本人と対面の支援", "See the worker"), Some(month)),
        Report { month } => (lang.pick("支援レポート", "Support report"), Some(month)),
        ContactEmployer { month } => (
            lang.pick("事業主との連絡", "Contact the employer"),
            Some(month),
        ),
        PlanReview => (
            lang.pick("支援計画の見直し", "Review the support plan"),
            None,
        ),
        Handover => (
            lang.pick("引継ぎの情報共有", "Hand over to the next agencies"),
            None,
        ),
        ServiceEnd => (lang.pick("支援期間の終了", "End of service"), None),
    };
    match month {
        Some(m) => match lang {
            Lang::Ja => format!("{text}（{}）", month_label(m, lang)),
            Lang::En => format!("{text} ({})", month_label(m, lang)),
        },
        None => text.to_string(),
    }
}

pub fn due_state_label(state: crate::domain::schedule::DueState, lang: Lang) -> &'static str {
    use crate::domain::schedule::DueState::*;
    match state {
        Overdue => lang.pick("期限切れ", "overdue"),
        DueSoon => lang.pick("期限間近", "due soon"),
        Upcoming => lang.pick("予定", "upcoming"),
        Done => lang.pick("済", "done"),
    }
}

/// What the dashboard's action key will do.
pub fn action_label(action: &crate::domain::schedule::Action, lang: Lang) -> String {
    use crate::domain::schedule::Action::*;
    match action {
        LogContact { mode, .. } => match lang {
            Lang::Ja => format!("連絡を記録（{}）", mode.label(lang)),
            Lang::En => format!("log a contact ({})", mode.label(lang)),
        },
        OpenReport { .. } => lang.pick("支援レポートを開く", "open the report").into(),
        OpenChecklist { .. } => lang.pick("チェックリストを開く", "open a checklist").into(),
        OpenWorker { .. } => lang.pick("利用者を開く", "open the worker").into(),
    }
}

/// 2026年4月 / April 2026.
pub fn month_label(m: crate::domain::dates::YearMonth, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match lang {
        Lang::Ja => format!("{}年{}月", m.year(), m.month()),
        Lang::En => format!(
            "{} {}",
            EN.get(m.month() as usize - 1).copied().unwrap_or(""),
            m.year()
        ),
    }
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

pub fn days_ago(days: i64, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{days}日前"),
        Lang::En => format!("{days}d ago"),
    }
}

fn task(t: Task, lang: Lang) -> &'static str {
    match t {
        Task::OpenDatabase => lang.pick("データベースを開く", "opening the database"),
        Task::UpgradeDatabase => lang.pick("データベースを更新する", "upgrading the database"),
        Task::ReadRecords => lang.pick("記録を読む", "reading records"),
        Task::SaveRecords => lang.pick("記録を保存する", "saving records"),
        Task::CreateFolder => lang.pick("フォルダを作る", "creating a folder"),
        Task::ReadFile => lang.pick("ファイルを読む", "reading a file"),
        Task::WriteFile => lang.pick("ファイルを書く", "writing a file"),
    }
}

fn field(name: &str, lang: Lang) -> String {
    let ja = match name {
        "hire date" => "入社日",
        "anchor date" => "起算日",
        "service start" => "支援開始日",
        "service end" => "支援終了日",
        "date" => "日付",
        "due date" => "期限",
        "minutes" => "時間（分）",
        "category" => "障害種別",
        "disclosure" => "開示",
        "service type" => "支援類型",
        "status" => "状態",
        "mode" => "連絡方法",
        "participant" => "参加者",
        "layer" => "層",
        "language" => "言語",
        "month" => "月",
        "report field" => "レポートの項目",
        "record kind" => "記録の種類",
        "format" => "形式",
        "audience" => "宛先",
        "answer" => "回答",
        other => other,
    };
    lang.pick(ja, name).to_string()
}

pub fn invalid_message(e: &Invalid, lang: Lang) -> String {
    match (e, lang) {
        (Invalid::EmptyName, Lang::Ja) => "名前が空です。名前を入力してください。".into(),
        (Invalid::EmptyName, Lang::En) => "The name is empty; please enter a name.".into(),
        (Invalid::EndBeforeStart, Lang::Ja) => "支援終了日が支援開始日より前になっています。".into(),
        (Invalid::EndBeforeStart, Lang::En) => "The service end is before its start.".into(),
        (Invalid::DueBeforeDate, Lang::Ja) => "次の対応の期限が連絡日より前になっています。".into(),
        (Invalid::DueBeforeDate, Lang::En) => "The next action is due before the contact date.".into(),
        (Invalid::Minutes(m), Lang::Ja) => format!("時間 {m} 分は長すぎます（最大 1440 分）。"),
        (Invalid::Minutes(m), Lang::En) => format!("{m} minutes is too long (at most 1440)."),
        (Invalid::ClosedEmploymentVisit, Lang::Ja) => {
            "この利用者はクローズ就労です。職場訪問は勤務先に障害を知らせることになるため記録できません（面談・電話・オンラインなどを選んでください）。".into()
        }
        (Invalid::ClosedEmploymentVisit, Lang::En) => {
            "This worker is in closed employment: a workplace visit would tell the employer, so it cannot be recorded (choose a meeting, phone or video call).".into()
        }
        (Invalid::ClosedEmploymentParticipant(p), Lang::Ja) => format!(
            "この利用者はクローズ就労です。勤務先の人（{}）を参加者にはできません。",
            p.label(lang)
        ),
        (Invalid::ClosedEmploymentParticipant(p), Lang::En) => format!(
            "This worker is in closed employment: employer-side people ({}) cannot take part.",
            p.label(lang)
        ),
        (Invalid::ReportFinalised, Lang::Ja) => "この支援レポートは確定済みのため編集できません。先に `teichaku report finalise … --undo` で確定を取り消してください。".into(),
        (Invalid::ReportFinalised, Lang::En) => "This report is finalised and cannot be edited. Reopen it first with `teichaku report finalise … --undo`.".into(),
        (Invalid::ReportMoved, Lang::Ja) => "支援レポートの利用者と月は変更できません。".into(),
        (Invalid::ReportMoved, Lang::En) => "A report's worker and month cannot be changed.".into(),
    }
}

/// One clear sentence (or a few) for any error, in the user's language.
pub fn error_message(e: &Error, lang: Lang) -> String {
    use Lang::{En, Ja};
    match (e, lang) {
        (Error::Invalid(i), l) => invalid_message(i, l),
        (Error::BadDate { field: f, input }, Ja) => format!(
            "{}「{input}」は日付として読めません。YYYY-MM-DD か YYYY/MM/DD の形で、実在する日付を入力してください。",
            field(f, Ja)
        ),
        (Error::BadDate { field: f, input }, En) => format!(
            "The {} \"{input}\" is not a date. Use YYYY-MM-DD or YYYY/MM/DD with a real calendar day.",
            field(f, En)
        ),
        (Error::BadTime { input }, Ja) => {
            format!("時刻「{input}」は読めません。HH:MM の形で入力してください（例 14:30）。")
        }
        (Error::BadTime { input }, En) => {
            format!("The time \"{input}\" is not valid; use HH:MM (e.g. 14:30).")
        }
        (Error::BadNumber { field: f, input }, Ja) => {
            format!("{}「{input}」は数として読めません。", field(f, Ja))
        }
        (Error::BadNumber { field: f, input }, En) => {
            format!("The {} \"{input}\" is not a number.", field(f, En))
        }
        (
            Error::UnknownChoice {
                field: f,
                input,
                choices,
            },
            Ja,
        ) => {
            format!(
                "{}「{input}」は選べません。次のどれかを指定してください: {}",
                field(f, Ja),
                choices(Ja)
            )
        }
        (
            Error::UnknownChoice {
                field: f,
                input,
                choices,
            },
            En,
        ) => {
            format!(
                "Unknown {} \"{input}\". Choose one of: {}",
                field(f, En),
                choices(En)
            )
        }
        (Error::UnknownWorker { query }, Ja) => format!(
            "「{query}」に当たる利用者が見つかりません。`teichaku worker list` で名前か ID を確かめてください。"
        ),
        (Error::UnknownWorker { query }, En) => {
            format!(
                "No worker matches \"{query}\". Check the name or id with `teichaku worker list`."
            )
        }
        (Error::AmbiguousWorker { query, candidates }, Ja) => format!(
            "「{query}」に当たる利用者が複数います。ID か正確な名前で指定してください:\n  {}",
            candidates.join("\n  ")
        ),
        (Error::AmbiguousWorker { query, candidates }, En) => format!(
            "More than one worker matches \"{query}\". Name one by id or full name:\n  {}",
            candidates.join("\n  ")
        ),
        (Error::NotFound { kind, id }, Ja) => {
            format!("記録（{kind} {id}）が見つかりません。削除済みかもしれません。")
        }
        (Error::NotFound { kind, id }, En) => {
            format!("No {kind} with id {id}; it may have been deleted.")
        }
        (Error::NotOurDatabase { path }, Ja) => format!(
            "{} は teichaku のデータベースではありません。別のアプリのファイルかもしれないため、開かずに終了しました（ファイルは変更していません）。",
            path.display()
        ),
        (Error::NotOurDatabase { path }, En) => format!(
            "{} is not a teichaku database; it was left untouched.",
            path.display()
        ),
        (Error::NotADatabase { path }, Ja) => format!(
            "{} はデータベースファイルとして読めません（壊れているか、別の種類のファイルです）。ファイルは変更していません。",
            path.display()
        ),
        (Error::NotADatabase { path }, En) => format!(
            "{} is not a database file (damaged, or another kind of file); it was left untouched.",
            path.display()
        ),
        (
            Error::NewerSchema {
                path,
                found,
                supported,
            },
            Ja,
        ) => format!(
            "{} は新しい版の teichaku で作られています（形式 {found}、この版は {supported} まで）。teichaku を更新してから開いてください。ファイルは変更していません。",
            path.display()
        ),
        (
            Error::NewerSchema {
                path,
                found,
                supported,
            },
            En,
        ) => format!(
            "{} was written by a newer teichaku (schema {found}; this version reads up to {supported}). Update teichaku to open it; the file was left untouched.",
            path.display()
        ),
        (Error::Database { during, source }, l) => database_message(*during, source, l),
        (
            Error::Io {
                during,
                path,
                source,
            },
            Ja,
        ) => format!(
            "{}ときにエラーが起きました（{}）: {}",
            task(*during, Ja),
            path.display(),
            io_reason(source, Ja)
        ),
        (
            Error::Io {
                during,
                path,
                source,
            },
            En,
        ) => format!(
            "Error while {} ({}): {}",
            task(*during, En),
            path.display(),
            io_reason(source, En)
        ),
        (Error::Settings { path, detail }, Ja) => {
            format!("設定ファイル {} に誤りがあります: {detail}", path.display())
        }
        (Error::Settings { path, detail }, En) => format!(
            "The settings file {} has an error: {detail}",
            path.display()
        ),
        (Error::Fixture { detail }, Ja) => format!("デモデータを読み込めません: {detail}"),
        (Error::Fixture { detail }, En) => format!("The demo data could not be loaded: {detail}"),
        (Error::Cancelled, Ja) => "取り消しました。何も変更していません。".into(),
        (Error::Cancelled, En) => "Cancelled; nothing was changed.".into(),
        (Error::ReportExists { month }, Ja) => format!("{month} の支援レポートは既にあります。"),
        (Error::ReportExists { month }, En) => format!("A report for {month} already exists."),
        (Error::NoReport { month }, Ja) => format!(
            "{month} の支援レポートはまだありません。`teichaku report draft <利用者> --month {month}` で下書きを作れます。"
        ),
        (Error::NoReport { month }, En) => format!(
            "There is no report for {month} yet. Draft one with `teichaku report draft <worker> --month {month}`."
        ),
        (Error::ClosedEmploymentReport, Ja) => "この利用者はクローズ就労です。本人の同意が記録されていないため、事業主向けのレポートは出力できません（同意を得たら `teichaku report set … --consent yes`）。".into(),
        (Error::ClosedEmploymentReport, En) => "This worker is in closed employment and has not consented to sharing, so no employer version can be made (once they agree: `teichaku report set … --consent yes`).".into(),
        (Error::BadMonth { input }, Ja) => {
            format!("月「{input}」は読めません。YYYY-MM の形で入力してください（例 2026-04）。")
        }
        (Error::BadMonth { input }, En) => {
            format!("The month \"{input}\" is not valid; use YYYY-MM (e.g. 2026-04).")
        }
    }
}

fn database_message(during: Task, source: &rusqlite::Error, lang: Lang) -> String {
    use rusqlite::ErrorCode;
    let code = source.sqlite_error_code();
    let reason = match code {
        Some(ErrorCode::DiskFull) => lang.pick(
            "ディスクの空きが足りません。空きを作ってからやり直してください。",
            "the disk is full; free some space and try again.",
        ),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => lang.pick(
            "別の teichaku がデータベースを使っています。少し待ってからやり直してください。",
            "another teichaku is using the database; wait a moment and try again.",
        ),
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => lang
            .pick(
                "ファイルを開けないか、書き込む権限がありません。",
                "the file cannot be opened or written (permissions?).",
            ),
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => lang.pick(
            "データベースが壊れています。バックアップから戻してください。",
            "the database is damaged; restore it from a backup.",
        ),
        _ => lang.pick(
            "予期しないデータベースのエラーです。",
            "an unexpected database error occurred.",
        ),
    };
    match lang {
        Lang::Ja => format!(
            "{}ときにエラーが起きました。{reason}変更は保存されていません。",
            task(during, lang)
        ),
        Lang::En => format!(
            "Error while {}: {reason} Nothing was saved.",
            task(during, lang)
        ),
    }
}

fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => lang.pick("ファイルがありません。", "no such file.").into(),
        PermissionDenied => lang.pick("権限がありません。", "permission denied.").into(),
        StorageFull => lang
            .pick("ディスクの空きが足りません。", "the disk is full.")
            .into(),
        _ => e.to_string(),
    }
}
