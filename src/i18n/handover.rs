//! The handover's words (screen and command line), ja and en.

use super::{Lang, due_state_label};
use crate::domain::schedule::{DueItem, DueState};

pub fn handover_title(lang: Lang) -> &'static str {
    lang.pick("引継ぎ", "Handover")
}

pub fn handover_duty_heading(lang: Lang) -> String {
    lang.pick(
        "引継ぎ（終了の3か月前までに、本人の同意を得て引継ぎ先へ情報共有）",
        "Handover (share with the agency that takes over, with consent, 3 months before the end)",
    )
    .into()
}

/// The duty's state: due date, and when it was met (or that it is late or missing).
pub fn handover_duty_line(item: Option<&DueItem>, lang: Lang) -> String {
    let Some(i) = item else {
        return lang
            .pick(
                "対象外（継続支援は不要と判断済み、または支援期間外）",
                "Not owed (no continued support needed, or outside the service)",
            )
            .into();
    };
    let state = due_state_label(i.state, lang);
    match (i.state, i.done_on, lang) {
        (DueState::Done | DueState::Late, Some(d), Lang::Ja) => {
            format!("期限 {}  {state}（共有日 {d}）", i.due)
        }
        (DueState::Done | DueState::Late, Some(d), Lang::En) => {
            format!("due {}  {state} (shared on {d})", i.due)
        }
        (DueState::Overdue, _, Lang::Ja) => {
            format!("期限 {}  {state}：引継ぎ先への共有が未実施です", i.due)
        }
        (DueState::Overdue, _, Lang::En) => {
            format!(
                "due {}  {state}: nothing shared with the agency that takes over",
                i.due
            )
        }
        (_, _, Lang::Ja) => format!("期限 {}  {state}", i.due),
        (_, _, Lang::En) => format!("due {}  {state}", i.due),
    }
}

pub fn handover_decision_heading(lang: Lang) -> String {
    lang.pick("要継続支援の判断", "Continued support after the service")
        .into()
}

pub fn handover_undecided(lang: Lang) -> String {
    lang.pick("まだ判断していません", "Not decided yet").into()
}

pub fn handover_needs(needs: bool, lang: Lang) -> &'static str {
    match needs {
        true => lang.pick("要継続支援", "needs continued support"),
        false => lang.pick("継続支援は不要", "no continued support needed"),
    }
}

pub fn handover_log_heading(lang: Lang) -> String {
    lang.pick("共有の記録", "Sharing log").into()
}

pub fn handover_no_sharing(lang: Lang) -> String {
    lang.pick("まだ共有の記録はありません", "Nothing shared yet")
        .into()
}

pub fn handover_unknown_person(lang: Lang) -> String {
    lang.pick("（削除された関係者）", "(a removed person)")
        .into()
}

pub fn handover_flags(consent: bool, takes_over: bool, lang: Lang) -> String {
    let c = match consent {
        true => lang.pick("本人同意あり", "consented"),
        false => lang.pick("本人同意なし", "no consent"),
    };
    let t = match takes_over {
        true => lang.pick("引継ぎ先", "takes over"),
        false => lang.pick("情報提供のみ", "for information"),
    };
    format!("[{c}] [{t}]")
}

pub fn handover_cli_hint(lang: Lang) -> String {
    lang.pick(
        "d で要継続支援の判断、n で共有を記録、p で情報共有シート（本人が同意した最新の共有の情報）を印刷（コマンドでは teichaku handover decide・share・sheet）。",
        "d records the decision, n a sharing, p prints the handover sheet with what the latest consented sharing lists (on the command line: teichaku handover decide, share, sheet).",
    )
    .into()
}

pub fn handover_decided(lang: Lang) -> &'static str {
    lang.pick("判断を記録しました", "Recorded the decision")
}

pub fn handover_shared(lang: Lang) -> &'static str {
    lang.pick("共有を記録しました", "Recorded the sharing")
}

/// The resource map's contacts as a thing shared (`--what people`).
pub fn handover_people_item(lang: Lang) -> &'static str {
    lang.pick("関係者の連絡先", "contacts of the people around the worker")
}

/// Beside the form's person: a closed worker's workplace person.
pub fn handover_closed_field(lang: Lang) -> &'static str {
    lang.pick("クローズ就労：職場の人は不可", "closed: not the workplace")
}

/// Beside the form's "takes over": not an agency.
pub fn handover_agency_field(lang: Lang) -> &'static str {
    lang.pick("引継ぎ先は支援機関だけ", "only an agency takes over")
}

/// A sharing flagged by closed employment, in the sharing log.
pub fn handover_sharing_flagged(lang: Lang) -> &'static str {
    lang.pick(
        "要確認（クローズ就労: 勤務先の人との共有。期限を満たしません）",
        "to review (closed employment: shared with the workplace; does not meet the duty)",
    )
}

/// Said after `handover withdraw`.
pub fn handover_withdrawn(lang: Lang) -> &'static str {
    lang.pick("共有の記録を取り消しました", "Withdrew the sharing")
}

/// Said after a sharing that does not meet the duty, so nobody thinks it did.
pub fn handover_sharing_not_counted(lang: Lang) -> &'static str {
    lang.pick(
        "注意: 本人の同意と引継ぎ先の両方がないため、引継ぎの期限を満たしません。",
        "Note: without both consent and an agency that takes over, this does not meet the duty.",
    )
}
