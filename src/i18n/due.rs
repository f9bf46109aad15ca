//! Sentences of the dashboard (home), search and support-report screens.

use super::{Lang, Msg};
use crate::domain::Code;
use crate::domain::dates::YearMonth;

macro_rules! screen_text {
    ($($name:ident => $ja:literal, $en:literal;)+) => {
        /// Fixed phrases of the dashboard, search and report screens.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text { $($name),+ }
        impl Text {
            pub fn text(self, lang: Lang) -> &'static str {
                match self { $(Text::$name => lang.pick($ja, $en)),+ }
            }
        }
    };
}

screen_text! {
    HomeTitle => "ホーム — 対応が必要なこと", "Home — what needs doing";
    SearchPrompt => "検索: ", "Search: ";
    SearchHint => "1文字から探せます（連絡記録・氏名・ふりがな・関係者・支援レポート）。", "One character is enough (contact notes, names, kana, people, reports).";
    Shared => "共有する", "shared";
    NotShared => "共有しない", "not shared";
    NeverShared => "本人の記録・事業主には出さない", "worker's own record, never to the employer";
    NeverSharedNote => "本人の日報からの内容は事業主向けの出力に一切載りません。", "What comes from the worker's self-reports never goes into anything for the employer.";
    ClosedReportNote => "クローズ就労: 本人の同意がなければ事業主向けには出力されません。", "Closed employment: nothing goes to the employer without the worker's consent.";
    EditReportTitle => "支援レポートを編集", "Edit the support report";
    FieldText => "本文", "Text";
    ConsentGiven => "同意あり", "given";
    ConsentNotGiven => "同意なし", "not given";
}

/// "期限切れ 3件・期限間近 5件（今日 2026-11-21）".
pub fn dashboard_summary(
    overdue: usize,
    soon: usize,
    today: chrono::NaiveDate,
    lang: Lang,
) -> String {
    match lang {
        Lang::Ja => format!("期限切れ {overdue}件・期限間近 {soon}件（今日 {today}）"),
        Lang::En => format!("{overdue} overdue, {soon} due soon (today {today})"),
    }
}

/// Shown on the dashboard when nothing is open.
pub fn nothing_due(list_key: &str, search_key: &str, lang: Lang) -> String {
    let first = Msg::NothingDue.text(lang);
    match lang {
        Lang::Ja => format!("{first}\n\n{list_key} で利用者一覧、{search_key} で検索。"),
        Lang::En => format!("{first}\n\n{list_key}: worker list   {search_key}: search"),
    }
}

/// What the action key does on the selected line: "Enter: 連絡を記録（面談）".
pub fn selected_action(key: &str, action: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{key}: {action}"),
        Lang::En => format!("{key}: {action}"),
    }
}

pub fn hit_count(n: usize, limit: usize, lang: Lang) -> String {
    match (lang, n >= limit) {
        (Lang::Ja, false) => format!("{n}件"),
        (Lang::Ja, true) => format!("{n}件以上（新しい順に表示）"),
        (Lang::En, false) => format!("{n} found"),
        (Lang::En, true) => format!("{n} or more (newest shown)"),
    }
}

/// The report screen's title: "支援レポート — 山田 太郎 2026年11月".
pub fn report_title(name: &str, month: YearMonth, lang: Lang) -> String {
    format!(
        "{} — {name}  {}",
        Msg::ReportTitle.text(lang),
        month_label(month, lang)
    )
}

/// No report for the month yet, and how to draft one.
pub fn no_report(month: YearMonth, key: &str, contacts: usize, lang: Lang) -> String {
    let m = month_label(month, lang);
    match lang {
        Lang::Ja => format!(
            "{m}の支援レポートはまだありません。\n\n{key} でこの月の連絡記録（{contacts}件）から下書きを作ります（支援実施の内容に記録の一覧が入ります）。"
        ),
        Lang::En => {
            let contacts = match contacts {
                0 => "no contacts yet".to_string(),
                1 => "1 contact".to_string(),
                n => format!("{n} contacts"),
            };
            format!(
                "There is no report for {m} yet.\n\nPress {key} to draft one from this month's {contacts}; they fill in \"Support given\"."
            )
        }
    }
}

pub fn report_is_finalised(key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => {
            format!(
                "この支援レポートは確定済みです。編集するには {key} で確定を取り消してください。"
            )
        }
        Lang::En => format!("This report is finalised. Press {key} to reopen it before editing."),
    }
}

pub fn draft_first(key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("まだ支援レポートがありません。{key} で下書きを作ってください。"),
        Lang::En => format!("There is no report yet. Press {key} to draft one."),
    }
}

/// "本人確認 2026-11-21" / "本人確認 未確認".
pub fn confirmed_line(on: Option<chrono::NaiveDate>, lang: Lang) -> String {
    let value = on.map_or_else(
        || Msg::ReportNotConfirmed.text(lang).to_string(),
        |d| d.to_string(),
    );
    format!("{} {value}", Msg::ReportConfirmed.text(lang))
}

/// 提供日: the day the report was handed to the worker.
pub fn handed_line(on: Option<chrono::NaiveDate>, lang: Lang) -> String {
    let value = on.map_or_else(
        || Msg::ReportNotConfirmed.text(lang).to_string(),
        |d| d.to_string(),
    );
    format!("{} {value}", lang.pick("提供日", "Handed over"))
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
        Plan => (lang.pick("支援計画の作成", "Make the support plan"), None),
        PlanReview => (
            lang.pick("支援計画の見直し", "Review the support plan"),
            None,
        ),
        Handover => (
            lang.pick("引継ぎの情報共有", "Hand over to the next agencies"),
            None,
        ),
        ServiceEnd => (lang.pick("支援期間の終了", "End of service"), None),
        SelfReport { reason } => return super::selfreport::warning_reason(reason, lang),
        FollowUp => (lang.pick("次の対応", "Follow-up"), None),
        Missed {
            what,
            from,
            to,
            months,
        } => return missed_label(what, from, to, months, lang),
        ClosedReview { records } => {
            return match lang {
                Lang::Ja => format!("クローズ就労の要確認 {records} 件"),
                Lang::En => {
                    format!("Closed employment: {records} to review")
                }
            };
        }
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
        Late => lang.pick("済（期限後）", "done (late)"),
        Done => lang.pick("済", "done"),
        Waived => lang.pick("免除（理由あり）", "waived"),
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
        OpenPlan { .. } => lang
            .pick("支援計画を作成・見直し", "write or review the plan")
            .into(),
        OpenWorker { .. } => lang.pick("利用者を開く", "open the worker").into(),
        OpenSelfReports { .. } => lang.pick("日報を開く", "open the self-reports").into(),
        RecordEnd { .. } => lang.pick("終了を記録", "record the end").into(),
        OpenFollowUp { .. } => lang.pick("記録を直す", "edit the contact").into(),
        OpenMissed { .. } => lang
            .pick("未記録の月を開く", "open the missed months")
            .into(),
        OpenHandover { .. } => lang
            .pick("引継ぎの共有を記録", "log a handover sharing")
            .into(),
    }
}

/// A kind of monthly duty, short (in a folded line).
pub fn monthly_label(what: crate::domain::schedule::Monthly, lang: Lang) -> &'static str {
    use crate::domain::schedule::Monthly::*;
    match what {
        ContactWorker => lang.pick("面談", "worker contacts"),
        Report => lang.pick("レポート", "reports"),
        ContactEmployer => lang.pick("事業主連絡", "employer contacts"),
    }
}

/// 2026年6月〜9月の本人と対面の支援 4か月分 未記録 / 4 months of worker
/// contacts not recorded (June–September 2026).
fn missed_label(
    what: crate::domain::schedule::Monthly,
    from: crate::domain::dates::YearMonth,
    to: crate::domain::dates::YearMonth,
    months: u32,
    lang: Lang,
) -> String {
    let span = if from == to {
        month_label(from, lang)
    } else if from.year() == to.year() {
        match lang {
            Lang::Ja => format!("{}〜{}月", month_label(from, lang), to.month()),
            Lang::En => format!(
                "{} – {}",
                month_label(from, lang)
                    .split(' ')
                    .next()
                    .unwrap_or_default(),
                month_label(to, lang)
            ),
        }
    } else {
        match lang {
            Lang::Ja => format!("{}〜{}", month_label(from, lang), month_label(to, lang)),
            Lang::En => format!("{} – {}", month_label(from, lang), month_label(to, lang)),
        }
    };
    let what = monthly_label(what, lang);
    match lang {
        Lang::Ja => format!("{span}の{what} {months}か月分 未記録"),
        Lang::En if months == 1 => format!("1 month of {what} not recorded ({span})"),
        Lang::En => format!("{months} months of {what} not recorded ({span})"),
    }
}

/// A dashboard line's duty: its label, after the effort mark for a duty
/// expected as good practice rather than required.
pub fn line_label(duty: crate::domain::schedule::Duty, lang: Lang) -> String {
    let label = duty_label(duty, lang);
    if duty.is_effort() {
        format!("{}{label}", effort_mark(lang))
    } else {
        label
    }
}

/// A dashboard line's text: [`line_label`], and a follow-up's next action.
pub fn item_label(item: &crate::domain::schedule::DashboardItem, lang: Lang) -> String {
    let label = line_label(item.item.duty, lang);
    if item.detail.is_empty() {
        return label;
    }
    let detail = crate::text::truncate(&item.detail, 200);
    match lang {
        Lang::Ja => format!("{label}：{detail}"),
        Lang::En => format!("{label}: {detail}"),
    }
}

/// The status line after a follow-up was marked done.
pub fn follow_up_done(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{name} の次の対応を済みにしました"),
        Lang::En => format!("Follow-up for {name} marked done"),
    }
}

/// The status line when the selected line is not a follow-up.
pub fn not_a_follow_up(lang: Lang) -> &'static str {
    lang.pick(
        "この行は次の対応ではありません（済みにできるのは次の対応だけです）",
        "Not a follow-up: only follow-ups are marked done here",
    )
}

/// The mark of a duty expected as good practice, not required by the rules
/// (the monthly employer contact): shown before its label.
pub fn effort_mark(lang: Lang) -> &'static str {
    lang.pick("〔努力〕", "(effort) ")
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

/// The status line after the settings screen saved the names.
pub fn names_saved(lang: Lang) -> &'static str {
    lang.pick(
        "記録者と事業所名を保存しました",
        "Your name and the agency's saved",
    )
}

/// After the dashboard's counts: which lines show and how, when not all of
/// them one a line ("（自分の担当・利用者ごと）").
pub fn view_label(mine: bool, worker: Option<&str>, grouped: bool, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if mine {
        parts.push(lang.pick("自分の担当", "mine").to_string());
    }
    if let Some(w) = worker {
        parts.push(w.to_string());
    }
    if grouped {
        parts.push(lang.pick("利用者ごと", "by worker").to_string());
    }
    if parts.is_empty() {
        return String::new();
    }
    match lang {
        Lang::Ja => format!("　表示：{}", parts.join("・")),
        Lang::En => format!("  showing: {}", parts.join(", ")),
    }
}

/// A worker's line in the grouped view: "3件：支援レポート（2026年11月）、…".
pub fn group_label(labels: &[String], lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}件：{}", labels.len(), labels.join("、")),
        Lang::En => format!("{}: {}", labels.len(), labels.join("; ")),
    }
}

/// What Enter does on a worker's line in the grouped view.
pub fn expand_label(key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{key} 一覧を開く"),
        Lang::En => format!("{key} show the lines"),
    }
}

/// The dashboard under a filter that shows none of the open lines.
pub fn nothing_in_view(filter_key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "この絞り込みでは対応が必要なことはありません（{filter_key} で切り替え。「自分の担当」は利用者の担当者と設定の記録者で決まります）。"
        ),
        Lang::En => format!(
            "Nothing due in this view ({filter_key} switches; \"mine\" matches the worker's staff with your name in the settings)."
        ),
    }
}

/// The home screen's hint about partners whose contact has thinned: "ヒント：
/// 原田 拓海さんの連携先 安田 陽介 と 2026-09-01 から連絡なし（ほか 2 件）".
pub fn partner_hint(
    worker: &str,
    person: &str,
    last: chrono::NaiveDate,
    count: usize,
    lang: Lang,
) -> String {
    let more = count.saturating_sub(1);
    match lang {
        Lang::Ja => {
            let tail = if more > 0 {
                format!("（ほか {more} 件）")
            } else {
                String::new()
            };
            format!("ヒント：{worker}さんの連携先 {person} と {last} から連絡なし{tail}")
        }
        Lang::En => {
            let tail = if more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            };
            format!("Hint: {worker}'s partner {person}, no contact since {last}{tail}")
        }
    }
}
