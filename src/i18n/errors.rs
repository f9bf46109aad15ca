//! Error messages: one clear sentence (or a few) per error, ja and en.

use super::{Lang, answer_message, sync};
use crate::domain::Code;
use crate::domain::report::Incomplete;
use crate::domain::validate::{Invalid, YEARS};
use crate::error::{Error, Task};
use crate::files::ReadProblem;

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
        "plan date" => "計画の作成日・見直し日",
        "explained on" => "本人への説明日",
        "support stage" => "支援の段階",
        "goal domain" => "目標の領域",
        "achievement" => "達成度",
        "hours per week" => "週の労働時間",
        "goal" => "目標",
        "plan version" => "支援計画の版",
        "confirmation date" => "本人確認日",
        "handed over date" => "提供日",
        "sharing date" => "共有日",
        "decision date" => "判断日",
        "shared with" => "共有先",
        "reasons" => "理由",
        "what was shared" => "共有した内容",
        "how" => "方法",
        "waiver date" => "免除の日付",
        "duty" => "対応",
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
        (Invalid::ReportNeverShared, Lang::Ja) => {
            "「本人の日報から」は本人の記録のため、事業主とは共有できません。".into()
        }
        (Invalid::ReportNeverShared, Lang::En) => {
            "\"From the worker's self-reports\" is the worker's own record and is never shared with the employer.".into()
        }
        (Invalid::ImplausibleDate { field: f, date }, Lang::Ja) => format!(
            "{}「{date}」はありえない日付です。{}年から{}年までの日付を入力してください。",
            field(f, Lang::Ja),
            YEARS.start(),
            YEARS.end()
        ),
        (Invalid::ImplausibleDate { field: f, date }, Lang::En) => format!(
            "The {} {date} is not plausible; enter a date from {} to {}.",
            field(f, Lang::En),
            YEARS.start(),
            YEARS.end()
        ),
        (Invalid::ContactBeforeHire { hire }, Lang::Ja) => format!(
            "連絡日が入社日（{hire}）の1年より前になっています。日付を確かめてください。"
        ),
        (Invalid::ContactBeforeHire { hire }, Lang::En) => format!(
            "The contact is dated more than a year before the hire date ({hire}); check the date."
        ),
        (Invalid::ContactFarAhead { today }, Lang::Ja) => format!(
            "連絡日が今日（{today}）から1年より先になっています。日付を確かめてください。"
        ),
        (Invalid::ContactFarAhead { today }, Lang::En) => format!(
            "The contact is dated more than a year after today ({today}); check the date."
        ),
        (Invalid::PlanBeforeHire { field: f, hire }, Lang::Ja) => format!(
            "{}が入社日（{hire}）より前になっています。日付を確かめてください。",
            field(f, Lang::Ja)
        ),
        (Invalid::PlanBeforeHire { field: f, hire }, Lang::En) => format!(
            "The {} is before the hire date ({hire}); check the date.",
            field(f, Lang::En)
        ),
        (Invalid::PlanInFuture { field: f, today }, Lang::Ja) => format!(
            "{}が今日（{today}）より後になっています。済んだ日付を入力してください。",
            field(f, Lang::Ja)
        ),
        (Invalid::PlanInFuture { field: f, today }, Lang::En) => format!(
            "The {} is after today ({today}); enter the day it happened.",
            field(f, Lang::En)
        ),
        (Invalid::PlanHours(h), Lang::Ja) => format!(
            "週の労働時間「{h}」は数として読めません。0 から 80 までの数（例: 20、17.5）を入力してください。"
        ),
        (Invalid::PlanHours(h), Lang::En) => format!(
            "The hours per week \"{h}\" is not a number from 0 to 80 (e.g. 20, 17.5)."
        ),
        (Invalid::PlanGoalEmpty(n), Lang::Ja) => {
            format!("短期目標 {n} の目標が空です。目標を書くか、その目標を削除してください。")
        }
        (Invalid::PlanGoalEmpty(n), Lang::En) => {
            format!("Short-term goal {n} has no goal text; write one or remove the goal.")
        }
        (Invalid::PlanIncomplete(missing), _) => super::plan_incomplete(missing, lang),
        (Invalid::EvaluationUnknownGoal(g), Lang::Ja) => format!(
            "評価の目標「{g}」は見直す計画の短期目標にありません。`teichaku plan show` で目標の番号を確かめてください。"
        ),
        (Invalid::EvaluationUnknownGoal(g), Lang::En) => format!(
            "The evaluation's goal \"{g}\" is not a short-term goal of the plan under review; check the goal numbers with `teichaku plan show`."
        ),
        (Invalid::EvaluationTwice(g), Lang::Ja) => {
            format!("評価の目標「{g}」が二度評価されています。一つの目標に評価は一つです。")
        }
        (Invalid::EvaluationTwice(g), Lang::En) => {
            format!("The evaluation's goal \"{g}\" is evaluated twice; give one evaluation per goal.")
        }
        (Invalid::PlanBeforePrevious { previous }, Lang::Ja) => format!(
            "計画の作成日・見直し日が、見直す版の日付（{previous}）より前になっています。日付を確かめてください。"
        ),
        (Invalid::PlanBeforePrevious { previous }, Lang::En) => format!(
            "The plan date is before the date of the version under review ({previous}); check the date."
        ),
        (Invalid::ClosedEmploymentWorkplaceComment, Lang::Ja) => "この利用者はクローズ就労のため、日報に職場のコメントは記録できません。".into(),
        (Invalid::ClosedEmploymentWorkplaceComment, Lang::En) => "This worker is in closed employment: a self-report has no workplace comment.".into(),
        (Invalid::SelfReportRating { item, value, min, max }, Lang::Ja) => format!("日報の項目「{item}」の評価 {value} は使えません（{min}〜{max} の数字、または未回答）。"),
        (Invalid::SelfReportRating { item, value, min, max }, Lang::En) => format!("Rating {value} for self-report item \"{item}\" is not allowed ({min} to {max}, or not answered)."),
        (Invalid::PlanPrevious, Lang::Ja) => "見直す計画がこの利用者の最新の版ではありません。画面を開き直してからもう一度見直してください。".into(),
        (Invalid::PlanPrevious, Lang::En) => "The plan under review is not this worker's latest version; reopen it and review again.".into(),
        (Invalid::AnchorRequired(t), Lang::Ja) => format!(
            "{}では起算日が必要です（労働時間延長支援型は送り出し支援終了日の翌日、復職支援型は復職日）。起算日を入力してください。",
            t.label(Lang::Ja)
        ),
        (Invalid::AnchorRequired(t), Lang::En) => format!(
            "The anchor date is required for {} (extended hours: the day after the sending service ended; return to work: the return day); please enter it.",
            t.label(Lang::En)
        ),
        (Invalid::AnchorBeforeHire { hire }, Lang::Ja) => {
            format!("起算日が入社日（{hire}）より前です。入社日以降の日付にしてください。")
        }
        (Invalid::AnchorBeforeHire { hire }, Lang::En) => format!(
            "The anchor date is before the hire date ({hire}); enter a date on or after it."
        ),
        (Invalid::StartTooEarly { earliest }, Lang::Ja) => {
            format!("支援開始は {earliest} 以降です（就職から6か月後）。")
        }
        (Invalid::StartTooEarly { earliest }, Lang::En) => {
            format!("The start is {earliest} at the earliest (six months after hiring).")
        }
        (Invalid::StartAfterCap { cap }, Lang::Ja) => {
            format!("支援は {cap} までです（就職から最長3年6か月）。それより前に始めてください。")
        }
        (Invalid::StartAfterCap { cap }, Lang::En) => format!(
            "The service runs until {cap} at the latest (3 years 6 months after hiring); start before it."
        ),
        (Invalid::ReportIncomplete(Incomplete::Empty(f)), Lang::Ja) => format!(
            "「{}」が空のため確定できません。内容を入力してください。",
            f.label(Lang::Ja)
        ),
        (Invalid::ReportIncomplete(Incomplete::Empty(f)), Lang::En) => format!(
            "The report cannot be finalised: “{}” is empty; please fill it in.",
            f.label(Lang::En)
        ),
        (Invalid::ReportIncomplete(Incomplete::NotConfirmed), Lang::Ja) => {
            "本人確認日がないため確定できません。本人が内容を確認した日を入力してください。".into()
        }
        (Invalid::ReportIncomplete(Incomplete::NotConfirmed), Lang::En) => {
            "The report cannot be finalised without the confirmation date: enter the day the worker confirmed it.".into()
        }
        (Invalid::ReportIncomplete(Incomplete::NotHandedOver), Lang::Ja) => {
            "提供日がないため確定できません。本人にレポートを渡した日を入力してください。".into()
        }
        (Invalid::ReportIncomplete(Incomplete::NotHandedOver), Lang::En) => {
            "The report cannot be finalised without the handed over date: enter the day it was given to the worker.".into()
        }
        (Invalid::DateBeforeHire { field: f, hire }, Lang::Ja) => format!(
            "{}が入社日（{hire}）より前になっています。日付を確かめてください。",
            field(f, Lang::Ja)
        ),
        (Invalid::DateBeforeHire { field: f, hire }, Lang::En) => format!(
            "The {} is before the hire date ({hire}); check the date.",
            field(f, Lang::En)
        ),
        (Invalid::ReportMonthAhead { month, today }, _) => {
            super::documents::report_month_ahead(*month, *today, lang)
        }
        (Invalid::ReportDateBeforeMonth { field: f, month }, _) => {
            super::documents::report_date_before_month(&field(f, lang), *month, lang)
        }
        (Invalid::DateInFuture { field: f, today }, Lang::Ja) => format!(
            "{}が今日（{today}）より後になっています。済んだことの日付を入力してください。",
            field(f, Lang::Ja)
        ),
        (Invalid::DateInFuture { field: f, today }, Lang::En) => format!(
            "The {} is after today ({today}); enter the day it happened.",
            field(f, Lang::En)
        ),
        (Invalid::NotInResourceMap, Lang::Ja) => "共有先がこの利用者の関係者（リソースマップ）にいません。先に `teichaku person add` で登録してください。".into(),
        (Invalid::NotInResourceMap, Lang::En) => "The person shared with is not in this worker's resource map; add them first with `teichaku person add`.".into(),
        (Invalid::NothingPrior, Lang::Ja) => "他で実施済みの内容（面談・レポート・事業主連絡）か、計画の最終見直し日を入れてください。".into(),
        (Invalid::NothingPrior, Lang::En) => "Choose what was done elsewhere (contacts, reports, employer contacts) or give the last plan review date.".into(),
        (Invalid::MonthsBackwards, Lang::Ja) => "開始の月が終わりの月より後です。".into(),
        (Invalid::MonthsBackwards, Lang::En) => "The first month comes after the last.".into(),
        (Invalid::ClosedEmploymentSharing, Lang::Ja) => "この利用者はクローズ就労です。勤務先の人（職場の関係者・上司・同僚・人事など）とは引継ぎの共有はできません。勤務先に障害を知らせることになるためです。".into(),
        (Invalid::ClosedEmploymentSharing, Lang::En) => "This worker is in closed employment: a handover sharing with someone at the workplace (the company layer, a supervisor, coworker, HR …) would tell the employer, so it cannot be recorded.".into(),
        (Invalid::TakeOverNotAgency, Lang::Ja) => "終了後の支援を引き継ぐのは支援機関（関係者の「福祉・医療」「地域」の人）です。勤務先の人は引継ぎ先にできません（--takes-over なしで記録してください）。".into(),
        (Invalid::TakeOverNotAgency, Lang::En) => "Only an agency (a person of the welfare / medical or community layer) takes over after the service, never someone at the workplace (record it without --takes-over).".into(),
        (Invalid::SharingWithdrawOnly, Lang::Ja) => "これは引継ぎの共有の記録です。クローズ就労の勤務先との共有は確認済みにできません。誤りなら `teichaku handover withdraw ID` で取り消してください。".into(),
        (Invalid::SharingWithdrawOnly, Lang::En) => "This is a handover sharing: one with the workplace of a closed-employment worker cannot be confirmed; if it is a mistake, withdraw it with `teichaku handover withdraw ID`.".into(),
        (Invalid::NothingShared, Lang::Ja) => "共有した内容（支援計画・支援レポート・チェックリストの結果・その他）を選んでください。".into(),
        (Invalid::NothingShared, Lang::En) => "Choose what was shared (plan, reports, checklist summary, other).".into(),
        (
            Invalid::WaiverReason
            | Invalid::WaiverMonth
            | Invalid::WaiverHandoverMonth
            | Invalid::WaiverOutsideService { .. }
            | Invalid::AlreadyWaived { .. },
            _,
        ) => super::waiver::invalid_message(e, lang),
        (Invalid::ServiceTooLong { latest }, Lang::Ja) => format!(
            "支援終了は {latest} までです（開始から3年、就職から3年6か月まで）。"
        ),
        (Invalid::ServiceTooLong { latest }, Lang::En) => format!(
            "The end is {latest} at the latest (3 years from the start, 3 years 6 months from hiring)."
        ),
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
        (Error::BadToday { input }, Ja) => format!(
            "環境変数 {var} の「{input}」は日付として読めません。YYYY-MM-DD の形で実在する日付を指定するか（例 {var}=2026-12-25）、設定を外してください。",
            var = crate::clock::TODAY_ENV
        ),
        (Error::BadToday { input }, En) => format!(
            "The environment variable {var} holds \"{input}\", which is not a date. Set it to a real calendar day as YYYY-MM-DD (e.g. {var}=2026-12-25), or unset it.",
            var = crate::clock::TODAY_ENV
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
        (Error::Unreadable { path, why }, Ja) => {
            format!("{} を読めません。{}", path.display(), read_problem(*why, Ja))
        }
        (Error::Unreadable { path, why }, En) => {
            format!("{} cannot be read: {}", path.display(), read_problem(*why, En))
        }
        (Error::FileExists { path }, Ja) => format!(
            "{} は既にあります。上書きしていません。別の名前を指定してください（コマンドでは --force を付けると上書きします）。",
            path.display()
        ),
        (Error::FileExists { path }, En) => format!(
            "{} already exists and was not overwritten. Name another file (on the command line, --force replaces it).",
            path.display()
        ),
        (Error::Settings { path, detail }, Ja) => {
            format!("設定ファイル {} に誤りがあります: {detail}", path.display())
        }
        (Error::Settings { path, detail }, En) => format!(
            "The settings file {} has an error: {detail}",
            path.display()
        ),
        (Error::ReadOnlyData { path }, Ja) => format!(
            "データのある場所（{}）に書き込めないため、保存できません（書き込み禁止の USB メモリ、読み取り専用のフォルダーやファイルなど）。記録を見ることはできます。保存するには、書き込めるようにするか、書き込める場所にデータフォルダーごとコピーしてください。何も保存していません。",
            path.display()
        ),
        (Error::ReadOnlyData { path }, En) => format!(
            "The data's location ({}) cannot be written (a write-protected USB stick, a read-only folder or file…), so nothing can be saved; records can still be read. To save, make it writable or copy the whole data folder somewhere writable. Nothing was saved.",
            path.display()
        ),
        (Error::DiskFull { path }, Ja) => format!(
            "ディスクがいっぱいです（{}）。空きを作ってからやり直してください（いらないファイルを消す、ごみ箱を空にするなど）。記録を見ることはできます。何も保存していません。",
            path.display()
        ),
        (Error::DiskFull { path }, En) => format!(
            "The disk is full ({}). Free some space and try again (delete files you do not need, empty the recycle bin). Records can still be read. Nothing was saved.",
            path.display()
        ),
        (Error::ReadOnlyNeedsUpgrade { path }, Ja) => format!(
            "{} は前の版の teichaku のデータで、開く前に更新が必要ですが、書き込めない場所にあるため更新できません。書き込める場所にデータフォルダーごとコピーしてから開いてください。ファイルはそのままです。",
            path.display()
        ),
        (Error::ReadOnlyNeedsUpgrade { path }, En) => format!(
            "{} holds data of an earlier teichaku that must be upgraded before it opens, and it cannot be written where it is. Copy the whole data folder somewhere writable and open it there. The file was left untouched.",
            path.display()
        ),
        (Error::DocumentsDir { value }, Ja) => format!(
            "設定の documents_dir（「{}」）は使えません。空の値や相対パスでは、teichaku を起動した場所に書類を書き出してしまいます。C:\\Users\\名前\\Documents\\teichaku のような完全なパスを書くか、その行を消して既定（ドキュメントフォルダーの teichaku）に戻してください。何も書き出していません。",
            value.display()
        ),
        (Error::DocumentsDir { value }, En) => format!(
            "The settings' documents_dir (\"{}\") cannot be used: an empty value or a relative path would put documents wherever teichaku was started. Write a full path such as C:\\Users\\name\\Documents\\teichaku, or remove the line for the default (teichaku in your Documents). Nothing was written.",
            value.display()
        ),
        (Error::SelfReportFile { path, problem }, lang) => {
            format!("{}: {}", path.display(), super::selfreport::file_problem(problem, lang))
        }
        (Error::SelfReportRows, lang) => super::selfreport::refused(lang).to_string(),
        (Error::Fixture { detail }, Ja) => format!("デモデータを読み込めません: {detail}"),
        (Error::Fixture { detail }, En) => format!("The demo data could not be loaded: {detail}"),
        (Error::PlanFile { detail }, Ja) => format!(
            "支援計画のファイルが読めません: {detail}（項目名と値を README の「支援計画」で確かめてください）。何も保存していません。"
        ),
        (Error::PlanFile { detail }, En) => format!(
            "The plan file could not be read: {detail} (see \"The support plan\" in the README for the fields). Nothing was saved."
        ),
        (Error::NoPlan, l) => crate::i18n::PlanText::NeedPlanFirst.text(l).into(),
        (Error::PlanExists, Ja) => "この利用者にはすでに支援計画があります。新しい版は `teichaku plan review` で作ります。".into(),
        (Error::PlanExists, En) => "This worker already has a support plan; make a new version with `teichaku plan review`.".into(),
        (Error::PlanForked { version }, Ja) => format!(
            "第{version}版が別々のパソコンで同時に作られ、どちらにするかまだ決まっていません（計画の競合）。新しい版を作る前に、`teichaku conflicts` で一方を選ぶか、`teichaku plan review 利用者 --merge` でまとめてください。何も保存していません。"
        ),
        (Error::PlanForked { version }, En) => format!(
            "Version {version} of the plan was made on two laptops at once and nobody has chosen between them yet (a plan conflict). Before a new version, choose one in `teichaku conflicts` or merge them with `teichaku plan review WORKER --merge`. Nothing was saved."
        ),
        (Error::NoPlanFork, Ja) => "この利用者の計画には、まとめる競合（同じ版から別々に作られた版）がありません。新しい版は --merge なしの `teichaku plan review` で作ります。何も保存していません。".into(),
        (Error::NoPlanFork, En) => "This worker's plan has no concurrent versions to merge; make a new version with `teichaku plan review` without --merge. Nothing was saved.".into(),
        (Error::PlanForkText, Ja) => "計画の版の競合は文ではなく、版を選ぶ（--pick 番号）か、`teichaku plan review 利用者 --merge --file …` でまとめた版を作って解決します。何も変更していません。".into(),
        (Error::PlanForkText, En) => "Concurrent plan versions are resolved by choosing one (--pick NUMBER) or by making a merged version with `teichaku plan review WORKER --merge --file …`, not with a text. Nothing was changed.".into(),
        (Error::DeleteConflictText, Ja) => "削除と編集がぶつかった記録は、残す（--pick 2、または worker restore / contact restore）か、削除する（--pick 1）で解決します。文では解決できません。何も変更していません。".into(),
        (Error::DeleteConflictText, En) => "A record deleted on one laptop and edited on another is resolved by keeping it (--pick 2, or worker restore / contact restore) or deleting it (--pick 1), not with a text. Nothing was changed.".into(),
        (Error::NotDeleted { name }, Ja) => format!("{} は削除されていません（削除済みの一覧: teichaku worker list --deleted）。何も変更していません。", crate::text::terminal_safe(name)),
        (Error::NotDeleted { name }, En) => format!("{} is not deleted (the deleted list: teichaku worker list --deleted). Nothing was changed.", crate::text::terminal_safe(name)),
        (Error::ContactOfDeletedWorker, l) => format!("{}{}", crate::i18n::deleted::worker_first(l), l.pick("何も変更していません。", " Nothing was changed.")),
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
        (Error::NoFollowUp { worker }, Ja) => format!(
            "{worker} に済みでない次の対応はありません（連絡記録の「次の対応」「期限」から出ます）。"
        ),
        (Error::NoFollowUp { worker }, En) => format!(
            "{worker} has no open follow-up (they come from a contact's next action and due date)."
        ),
        (Error::ReportExists { month }, Ja) => format!("{month} の支援レポートは既にあります。"),
        (Error::ReportExists { month }, En) => format!("A report for {month} already exists."),
        (Error::NoReport { month }, Ja) => format!(
            "{month} の支援レポートはまだありません。`teichaku report draft <利用者> --month {month}` で下書きを作れます。"
        ),
        (Error::NoReport { month }, En) => format!(
            "There is no report for {month} yet. Draft one with `teichaku report draft <worker> --month {month}`."
        ),
        (Error::UnconfirmedEmployerReport, Ja) => "本人がまだ内容を確認していないため、事業主向けのレポートは出力できません。先に本人確認日を入力してください（`teichaku report set … --confirmed YYYY-MM-DD`）。".into(),
        (Error::UnconfirmedEmployerReport, En) => "The worker has not confirmed this report yet, so no employer version can be made. Enter the confirmation date first (`teichaku report set … --confirmed YYYY-MM-DD`).".into(),
        (Error::HandoverNotConsented, Ja) => "本人の同意を得た共有の記録がないため、情報共有シートは作れません。先に共有を記録してください（引継ぎ画面で n、または `teichaku handover share … --consent yes`）。シートには、その記録で本人が同意した情報だけが載ります。".into(),
        (Error::HandoverNotConsented, En) => "No sharing the worker consented to is recorded, so no handover sheet can be made. Record the sharing first (n on the handover screen, or `teichaku handover share … --consent yes`); the sheet carries only what the worker agreed to in it.".into(),
        (Error::ClosedEmploymentSheet, Ja) => "この利用者はクローズ就労です。職場の方に向けた情報共有シートは作れません（計画やチェックリストに障害に関わる内容が含まれるため）。".into(),
        (Error::ClosedEmploymentSheet, En) => "This worker is in closed employment: no handover sheet can be made for someone at the workplace (the plan and checklists hold details of the disability).".into(),
        (Error::ClosedEmploymentReport, Ja) => "この利用者はクローズ就労です。本人の同意が記録されていないため、事業主向けのレポートは出力できません（同意を得たら `teichaku report set … --consent yes`）。".into(),
        (Error::ClosedEmploymentReport, En) => "This worker is in closed employment and has not consented to sharing, so no employer version can be made (once they agree: `teichaku report set … --consent yes`).".into(),
        (Error::ClosedConflictsNeedYes { records }, Ja) => format!(
            "この利用者には勤務先に関わる記録が {records} 件あります（一覧は上）。クローズ就労にするとそれらは要確認になります。よければ `--yes` を付けてもう一度実行してください。何も変更していません。"
        ),
        (Error::ClosedConflictsNeedYes { records }, En) => format!(
            "This worker has {records} record(s) that reach the employer (listed above); closed employment would flag them for review. Run again with `--yes` to go ahead. Nothing was changed."
        ),
        (Error::ClosedEmploymentFlagged { records }, Ja) => format!(
            "この利用者はクローズ就労ですが、この月に勤務先に関わる記録が {records} 件あり確認待ちです。確認するまで事業主向けのレポートは出力できません（`teichaku worker show` で一覧、連絡の様式・参加者を直すか、本人の同意を記録して `teichaku contact consent <ID>`）。"
        ),
        (Error::ClosedEmploymentFlagged { records }, En) => format!(
            "This worker is in closed employment, but {records} record(s) of this month reach the employer and wait for review, so no employer version can be made until they are resolved (`teichaku worker show` lists them; change the contact's mode or participants, or record the worker's consent and run `teichaku contact consent <ID>`)."
        ),
        (Error::TooLong { field, max }, Ja) => format!(
            "{}が長すぎます（{}まで）。短くするか、いくつかの記録に分けてください。保存していません。",
            field_name(field, Ja),
            size_text(*max, Ja)
        ),
        (Error::TooLong { field, max }, En) => format!(
            "The {} is too long (at most {}). Shorten it or split it into several records; nothing was saved.",
            field_name(field, En),
            size_text(*max, En)
        ),
        (Error::SearchTooLong { max }, Ja) => format!(
            "検索する言葉が長すぎます（{max} 文字まで）。短い言葉やいくつかの言葉（スペース区切り）で探してください。"
        ),
        (Error::SearchTooLong { max }, En) => format!(
            "The search is too long (at most {max} characters); search for a shorter phrase or a few words separated by spaces."
        ),
        (Error::BadMonth { input }, Ja) => {
            format!(
                "月「{input}」は読めません。YYYY-MM の形で、{}年から{}年までの月を入力してください（例 2026-04）。",
                YEARS.start(),
                YEARS.end()
            )
        }
        (Error::BadMonth { input }, En) => {
            format!(
                "The month \"{input}\" is not valid; use YYYY-MM, from {} to {} (e.g. 2026-04).",
                YEARS.start(),
                YEARS.end()
            )
        }
        // The rest by group, each variant named: no wildcard, so a new
        // variant does not build until it has its sentences.
        (Error::Bundle { .. } | Error::IncomingTooLong { .. } | Error::MassDelete { .. } | Error::NoConflict | Error::OwnEntryFromElsewhere { .. } | Error::PassphraseMismatch | Error::PassphraseMissing | Error::PassphraseTooShort { .. } | Error::ReusedSequence { .. } | Error::SequenceExhausted | Error::SequenceOutOfRange { .. } | Error::UnknownConflict { .. }, l) => sync::error_message(e, l),
        (Error::DbKeyFileBroken { .. } | Error::DbKeyFileDamaged { .. } | Error::DbKeyFileMissing { .. } | Error::DbKeyMismatch { .. } | Error::DbPassphraseMissing | Error::EncryptionCheckFailed { .. } | Error::PlaintextDatabase { .. } | Error::WrongDbPassphrase, l) => super::crypt::error_message(e, l),
        (Error::BackupDamaged { .. } | Error::BackupFolderMissing { .. } | Error::DoctorFoundProblems { .. } | Error::NoDatabase { .. } | Error::NotABackup { .. } | Error::NotInDemo | Error::RestoreTargetNotEmpty { .. }, l) => super::backup::error_message(e, l),
    }
}

/// Why a file was not read, as a sentence that says what to do.
pub fn read_problem(why: ReadProblem, lang: Lang) -> String {
    match (why, lang) {
        (ReadProblem::Folder, Lang::Ja) => "ファイルではなくフォルダです。ファイルを指定してください。".into(),
        (ReadProblem::Folder, Lang::En) => "it is a folder, not a file; name a file.".into(),
        (ReadProblem::NotAFile, Lang::Ja) => "普通のファイルではありません（名前付きパイプやデバイス、またはそれへのリンク）。読まずに止めました。普通のファイルを指定してください。".into(),
        (ReadProblem::NotAFile, Lang::En) => "it is not a regular file (a named pipe, a device, or a link to one), so it was not read; name a regular file.".into(),
        (ReadProblem::TooLarge { max }, Lang::Ja) => format!(
            "大きすぎるため読みません（{} KB まで）。",
            max / 1024
        ),
        (ReadProblem::TooLarge { max }, Lang::En) => {
            format!("it is too large to read (at most {} KB).", max / 1024)
        }
        (ReadProblem::NotText, Lang::Ja) => "UTF-8 の文字として読めません。文字コードを UTF-8 にして保存し直してください（メモ帳なら「名前を付けて保存」で UTF-8 を選びます）。".into(),
        (ReadProblem::NotText, Lang::En) => "it is not UTF-8 text; save it again as UTF-8 (in Notepad: Save as, encoding UTF-8).".into(),
        (ReadProblem::Missing, Lang::Ja) => "ファイルがありません。名前と場所を確かめてください。".into(),
        (ReadProblem::Missing, Lang::En) => "there is no such file; check its name and folder.".into(),
        (ReadProblem::Denied, Lang::Ja) => "読む権限がありません。ファイルのアクセス許可を確かめてください。".into(),
        (ReadProblem::Denied, Lang::En) => "permission denied; check the file's permissions.".into(),
        (ReadProblem::Failed, Lang::Ja) => "読み込みに失敗しました（ドライブやネットワークが外れたのかもしれません）。もう一度試してください。".into(),
        (ReadProblem::Failed, Lang::En) => "reading it failed (a drive or network share may have gone away); try again.".into(),
    }
}

fn database_message(during: Task, source: &rusqlite::Error, lang: Lang) -> String {
    use rusqlite::ErrorCode;
    let code = source.sqlite_error_code();
    let reason = match code {
        Some(ErrorCode::DiskFull) => lang.pick(
            "ディスクがいっぱいです。空きを作ってからやり直してください。",
            "the disk is full; free some space and try again.",
        ),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => lang.pick(
            "別の teichaku がデータベースを使っています。少し待ってからやり直してください。",
            "another teichaku is using the database; wait a moment and try again.",
        ),
        Some(ErrorCode::ReadOnly) => lang.pick(
            "データのある場所に書き込めません（書き込み禁止の USB メモリや読み取り専用のフォルダーなど）。",
            "the data's location cannot be written (a write-protected USB stick, a read-only folder…).",
        ),
        Some(ErrorCode::PermissionDenied | ErrorCode::CannotOpen) => lang
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

/// Why a file operation failed, in the user's language: never the OS's own
/// English text (an error we have no sentence for says its number only).
pub(crate) fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind::*;
    let (ja, en) = match e.kind() {
        NotFound => ("ファイルがありません。", "no such file."),
        PermissionDenied => ("権限がありません。", "permission denied."),
        AlreadyExists => (
            "同じ名前のファイルが既にあります。",
            "a file of that name already exists.",
        ),
        IsADirectory => (
            "その名前はフォルダーです。ファイルの名前を指定してください。",
            "that name is a folder; give a file's name.",
        ),
        NotADirectory => (
            "途中の名前がフォルダーではなくファイルです。",
            "a name on the way is a file, not a folder.",
        ),
        ReadOnlyFilesystem => (
            "書き込めないドライブです（書き込み禁止の USB メモリや CD など）。",
            "the drive is read-only (a write-protected USB stick, a CD…).",
        ),
        StorageFull | QuotaExceeded => (
            "ディスクがいっぱいです。空きを作ってからやり直してください。",
            "the disk is full; free some space and try again.",
        ),
        FileTooLarge => (
            "このドライブには大きすぎるファイルです。",
            "the file is too large for this drive.",
        ),
        InvalidFilename => (
            "ファイル名に使えない文字があるか、長すぎます。",
            "the file name has a character that cannot be used, or is too long.",
        ),
        ResourceBusy | ExecutableFileBusy | Deadlock => (
            "ほかのプログラムが使っています。閉じてからやり直してください。",
            "another program is using it; close it and try again.",
        ),
        DirectoryNotEmpty => ("フォルダーが空ではありません。", "the folder is not empty."),
        NetworkDown
        | NetworkUnreachable
        | HostUnreachable
        | NotConnected
        | ConnectionRefused
        | ConnectionReset
        | ConnectionAborted
        | TimedOut
        | StaleNetworkFileHandle => (
            "ネットワークのドライブに届きません。接続を確かめてやり直してください。",
            "the network drive cannot be reached; check the connection and try again.",
        ),
        Interrupted => (
            "途中で止められました。もう一度試してください。",
            "it was interrupted; try again.",
        ),
        UnexpectedEof | WriteZero => (
            "ファイルを最後まで読み書きできませんでした（ドライブが外れたのかもしれません）。",
            "the file could not be read or written to its end (a drive may have gone away).",
        ),
        OutOfMemory => ("メモリが足りません。", "not enough memory."),
        CrossesDevices => (
            "別のドライブへは移せません。",
            "it cannot be moved to another drive.",
        ),
        _ => {
            return match (e.raw_os_error(), lang) {
                (Some(n), Lang::Ja) => {
                    format!("ファイルの操作に失敗しました（OS のエラー番号 {n}）。")
                }
                (Some(n), Lang::En) => format!("the file operation failed (system error {n})."),
                (None, _) => lang
                    .pick(
                        "ファイルの操作に失敗しました。",
                        "the file operation failed.",
                    )
                    .into(),
            };
        }
    };
    lang.pick(ja, en).into()
}

/// A stored field, by its column name, as a user calls it.
pub(super) fn field_name(column: &str, lang: Lang) -> String {
    let (ja, en) = match column {
        "notes" => ("記録の本文", "note"),
        "memo" => ("メモ", "memo"),
        "note" => ("備考", "note"),
        "display_name" | "name" => ("氏名", "name"),
        "kana" => ("ふりがな", "kana"),
        "employer" => ("勤務先", "employer"),
        "workplace" => ("職場・部署", "workplace"),
        "job" => ("職務", "job"),
        "staff" => ("担当者", "staff name"),
        "role" => ("役割", "role"),
        "organisation" => ("所属", "organisation"),
        "phone" => ("電話番号", "phone number"),
        "email" => ("メール", "e-mail"),
        "recorded_by" | "waived_by" => ("記録者", "recorded-by name"),
        "next_action" => ("次の対応", "next action"),
        "reasons" | "reason" => ("理由", "reason"),
        "comment" => ("コメント", "comment"),
        _ => ("入力", "text"),
    };
    lang.pick(ja, en).to_string()
}

/// "256 KB（日本語で約8万字）" / "256 KB (about 85,000 Japanese characters)".
pub(super) fn size_text(bytes: usize, lang: Lang) -> String {
    let kb = bytes / 1024;
    let chars = bytes / 3;
    match lang {
        Lang::Ja if chars >= 10_000 => format!("{kb} KB、日本語で約{}万字", chars / 10_000),
        Lang::Ja => format!("{bytes} バイト、日本語で約{chars}字"),
        Lang::En if kb > 0 && bytes.is_multiple_of(1024) && chars >= 1000 => {
            format!("{kb} KB, about {chars} Japanese characters")
        }
        Lang::En => format!("{bytes} bytes, about {chars} Japanese characters"),
    }
}

#[cfg(test)]
#[path = "errors_tests.rs"]
mod tests;
