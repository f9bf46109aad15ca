//! Every user-facing sentence, in Japanese and English.

use crate::domain::Code;
use crate::domain::validate::Invalid;
use crate::error::{Error, Task};

pub mod due;
pub mod sync;

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
    ErrorPrefix => "エラー", "Error";
    QuitWithDraft => "保存していない入力があります。下書きとして残して終了しますか？", "There are unsaved changes. Keep them as a draft and quit?";
    DiscardChanges => "変更を保存せずに閉じますか？（入力した内容は消えます）", "Close without saving? (What you typed is lost.)";
    FixErrors => "赤く表示された項目を直してください。まだ保存していません。", "Fix the fields marked in red; nothing is saved yet.";
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
        (Error::Answers(a), l) => answer_message(a, l),
        (Error::UnknownInstrument { query, known }, Ja) => format!(
            "チェックリスト「{query}」が見つかりません。次のどれかを指定してください: {}",
            known.join(", ")
        ),
        (Error::UnknownInstrument { query, known }, En) => format!(
            "No checklist \"{query}\". Choose one of: {}",
            known.join(", ")
        ),
        (Error::NoAssessments { instrument: None }, Ja) => {
            "この利用者のチェックリストの記録はまだありません。`teichaku check` で記録できます。"
                .into()
        }
        (Error::NoAssessments { instrument: None }, En) => {
            "This worker has no checklist assessments yet; record one with `teichaku check`.".into()
        }
        (
            Error::NoAssessments {
                instrument: Some(i),
            },
            Ja,
        ) => {
            format!("この利用者の「{i}」の記録は（指定の日付までに）ありません。")
        }
        (
            Error::NoAssessments {
                instrument: Some(i),
            },
            En,
        ) => {
            format!("This worker has no \"{i}\" assessment (up to the given date).")
        }
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
        (e, l) => sync::error_message(e, l),
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

/// The welcome screen of an empty database.
pub fn welcome(add_key: &str, help_key: &str, quit_key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "teichaku へようこそ\n\n\
             まだ利用者が登録されていません。\n\n\
             \x20 {add_key}  最初の利用者を追加する\n\
             \x20 {help_key}  キー操作の一覧（ヘルプ）\n\
             \x20 {quit_key}  終了\n\n\
             デモ事業所のデータで試すには、いったん終了して次のように起動してください\n\
             （デモは一時的なコピーで動き、このデータベースには触れません）:\n\n\
             \x20 teichaku --demo"
        ),
        Lang::En => format!(
            "Welcome to teichaku\n\n\
             There are no workers yet.\n\n\
             \x20 {add_key}  add the first worker\n\
             \x20 {help_key}  list of keys (help)\n\
             \x20 {quit_key}  quit\n\n\
             To try it on a demo agency, quit and start it like this\n\
             (the demo runs on a throw-away copy and never touches this database):\n\n\
             \x20 teichaku --demo"
        ),
    }
}

/// The restore offer for a draft left by a crash or a kill.
pub fn draft_offer(worker: &str, saved_at: &str, lines: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "保存されていない記録の下書きがあります（{worker}、{saved_at}、{lines}行）。\n復元しますか？（いいえ: 下書きは残し、次の起動時にもう一度たずねます）"
        ),
        Lang::En => format!(
            "There is an unsaved draft ({worker}, {saved_at}, {lines} lines).\nRestore it? (No: keep it and ask again next time)"
        ),
    }
}

pub fn confirm_delete_contact(date: chrono::NaiveDate, mode: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{date} の{mode}の記録を削除しますか？（履歴には残ります）"),
        Lang::En => format!("Delete the {mode} of {date}? (It stays in the history.)"),
    }
}

pub fn confirm_delete_worker(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{name} さんを利用者一覧から削除しますか？（記録は履歴に残ります）"),
        Lang::En => format!("Remove {name} from the worker list? (Records stay in the history.)"),
    }
}

pub fn no_contacts_hint(key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("連絡記録はまだありません。{key} で追加できます。"),
        Lang::En => format!("No contacts yet. Press {key} to add one."),
    }
}

pub fn field_error_date(lang: Lang) -> String {
    lang.pick(
        "日付が読めません（例 2026-11-21）",
        "not a date (e.g. 2026-11-21)",
    )
    .to_string()
}

pub fn field_error_time(lang: Lang) -> String {
    lang.pick("時刻が読めません（例 14:30）", "not a time (e.g. 14:30)")
        .to_string()
}

pub fn field_error_number(lang: Lang) -> String {
    lang.pick("数字で入力してください", "enter a number")
        .to_string()
}

pub fn anchor_hint(lang: Lang) -> &'static str {
    lang.pick("延長型・復職型のみ", "extended / return-to-work only")
}

pub fn panic_message(place: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "teichaku が予期しない不具合で終了しました（{place}）。保存済みの記録は無事です。入力中の記録は下書きとして次回の起動時に復元できます。"
        ),
        Lang::En => format!(
            "teichaku stopped on an unexpected fault ({place}). Saved records are safe; a note being typed can be restored from its draft at the next start."
        ),
    }
}

pub fn keymap_warning(detail: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("キー設定の誤り（既定のキーを使用中）: {detail}"),
        Lang::En => format!("Keymap error (using the default keys): {detail}"),
    }
}

/// Why a set of checklist answers was refused.
pub fn answer_message(e: &crate::domain::checklist::AnswerError, lang: Lang) -> String {
    use crate::domain::checklist::AnswerError as A;
    match (e, lang) {
        (A::Count { expected, found }, Lang::Ja) => format!(
            "回答の数が合いません。このチェックリストは {expected} 項目ですが、{found} 個の回答がありました。未確認の項目は - としてください。何も保存していません。"
        ),
        (A::Count { expected, found }, Lang::En) => format!(
            "Wrong number of answers: the checklist has {expected} items but {found} answers were given. Use - for an item not assessed. Nothing was saved."
        ),
        (
            A::OutOfScale {
                position,
                input,
                min,
                max,
            },
            Lang::Ja,
        ) => format!(
            "{position} 番目の回答「{input}」は使えません。{min}〜{max} の数字か、未確認なら - を入れてください。何も保存していません。"
        ),
        (
            A::OutOfScale {
                position,
                input,
                min,
                max,
            },
            Lang::En,
        ) => format!(
            "Answer {position} \"{input}\" is not on the scale: use a number from {min} to {max}, or - for not assessed. Nothing was saved."
        ),
        (A::UnknownItem(id), Lang::Ja) => {
            format!("項目「{id}」はこのチェックリストにありません。")
        }
        (A::UnknownItem(id), Lang::En) => format!("The checklist has no item \"{id}\"."),
        (A::WrongInstrument { expected, found }, Lang::Ja) => format!(
            "この記録は別のチェックリスト（{found}）のものです（期待: {expected}）。"
        ),
        (A::WrongInstrument { expected, found }, Lang::En) => format!(
            "This assessment belongs to another checklist ({found}; expected {expected})."
        ),
        (A::ClosedEmploymentSupervisor, Lang::Ja) => {
            "この利用者はクローズ就労です。勤務先は障害を知らないため、回答者を上長にはできません（本人・支援者・合議を選んでください）。何も保存していません。".into()
        }
        (A::ClosedEmploymentSupervisor, Lang::En) => {
            "This worker is in closed employment: the employer does not know of the disability, so the supervisor cannot be the respondent (choose self, supporter or joint). Nothing was saved.".into()
        }
    }
}

/// Why a checklist definition cannot be used.
pub fn definition_message(e: &crate::domain::checklist::DefinitionError, lang: Lang) -> String {
    use crate::domain::checklist::DefinitionError as D;
    match (e, lang) {
        (D::Syntax(d), Lang::Ja) => format!("書式の誤り（{d}）"),
        (D::Syntax(d), Lang::En) => format!("syntax error ({d})"),
        (D::BadId(id), Lang::Ja) => {
            format!("ID「{id}」は使えません（半角の小文字・数字・_・- で 40 文字まで）")
        }
        (D::BadId(id), Lang::En) => format!(
            "the id \"{id}\" is not allowed (lowercase ASCII letters, digits, _ and -, up to 40)"
        ),
        (D::ZeroVersion, l) => l
            .pick(
                "version は 1 以上にしてください",
                "version must be 1 or more",
            )
            .into(),
        (D::EmptyTitle, l) => l.pick("title が空です", "the title is empty").into(),
        (D::EmptySource, l) => l
            .pick("source（出典）が空です", "the source is empty")
            .into(),
        (D::ScaleTooShort, l) => l
            .pick(
                "回答の尺度（scale）は 2 段階以上必要です",
                "the scale needs at least two points",
            )
            .into(),
        (D::ScaleValue(v), Lang::Ja) => {
            format!("尺度の値 {v} は使えません（1〜9。0 は「未確認」のために空けてあります）")
        }
        (D::ScaleValue(v), Lang::En) => {
            format!("scale value {v} is not allowed (1 to 9; 0 is kept for \"not assessed\")")
        }
        (D::ScaleDuplicate(v), Lang::Ja) => format!("尺度の値 {v} が重複しています"),
        (D::ScaleDuplicate(v), Lang::En) => format!("scale value {v} appears twice"),
        (D::ScaleLabelEmpty(v), Lang::Ja) => format!("尺度の値 {v} のラベル（ja / en）が空です"),
        (D::ScaleLabelEmpty(v), Lang::En) => {
            format!("scale value {v} has an empty label (ja / en)")
        }
        (D::NoGroups, l) => l
            .pick("領域（group）がありません", "there are no groups")
            .into(),
        (D::DuplicateGroup(g), Lang::Ja) => format!("領域 ID「{g}」が重複しています"),
        (D::DuplicateGroup(g), Lang::En) => format!("group id \"{g}\" appears twice"),
        (D::EmptyGroup(g), Lang::Ja) => format!("領域「{g}」に項目がありません"),
        (D::EmptyGroup(g), Lang::En) => format!("group \"{g}\" has no items"),
        (D::GroupLabelEmpty(g), Lang::Ja) => format!("領域「{g}」の label か short が空です"),
        (D::GroupLabelEmpty(g), Lang::En) => {
            format!("group \"{g}\" has an empty label or short label")
        }
        (D::DuplicateItem(i), Lang::Ja) => format!("項目 ID「{i}」が重複しています"),
        (D::DuplicateItem(i), Lang::En) => format!("item id \"{i}\" appears twice"),
        (D::ItemTextEmpty(i), Lang::Ja) => format!("項目「{i}」の文が空です"),
        (D::ItemTextEmpty(i), Lang::En) => format!("item \"{i}\" has no text"),
    }
}

/// One line about a definition file that was skipped.
pub fn skipped_message(
    path: &std::path::Path,
    why: &crate::checklists::Skipped,
    lang: Lang,
) -> String {
    use crate::checklists::Skipped;
    let reason = match (why, lang) {
        (Skipped::Unreadable(e), _) => e.clone(),
        (Skipped::Invalid(d), l) => definition_message(d, l),
        (Skipped::DuplicateId(id), Lang::Ja) => {
            format!("ID「{id}」のチェックリストはすでにあります")
        }
        (Skipped::DuplicateId(id), Lang::En) => {
            format!("a checklist with id \"{id}\" already exists")
        }
    };
    format!(
        "{}: {}: {reason}",
        Msg::DefinitionSkipped.text(lang),
        path.display()
    )
}

/// A group mean as shown everywhere: one decimal, or the gap mark.
pub fn score(mean: Option<f64>, lang: Lang) -> String {
    mean.map_or_else(|| Msg::Gap.text(lang).to_string(), |m| format!("{m:.1}"))
}

/// A change as `+0.5` / `-0.3` / `±0.0`-free `0.0`, or the gap mark.
pub fn delta(d: Option<f64>, lang: Lang) -> String {
    match d {
        None => Msg::Gap.text(lang).to_string(),
        Some(d) if d.abs() < 0.05 => "0.0".to_string(),
        Some(d) => format!("{d:+.1}"),
    }
}
