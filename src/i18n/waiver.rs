//! Waived duties' words (screen and command line), ja and en.

use super::Lang;
use super::due::month_label;
use crate::domain::Code;
use crate::domain::validate::Invalid;
use crate::domain::waiver::Waiver;

/// 2026年10月 支援レポート / support report (October 2026); the handover alone.
pub fn waived_duty(v: &Waiver, lang: Lang) -> String {
    let what = v.duty.label(lang);
    match (v.month, lang) {
        (Some(m), Lang::Ja) => format!("{} {what}", month_label(m, lang)),
        (Some(m), Lang::En) => format!("{what} ({})", month_label(m, lang)),
        (None, _) => what.to_string(),
    }
}

/// One line: the duty, 免除（理由あり）, the reason, when and by whom.
pub fn waiver_line(v: &Waiver, lang: Lang) -> String {
    let by = if v.waived_by.is_empty() {
        String::new()
    } else {
        format!(" {}", v.waived_by)
    };
    match lang {
        Lang::Ja => format!(
            "{}  免除（理由あり）：{}（{}{by}）",
            waived_duty(v, lang),
            v.reason,
            v.waived_on
        ),
        Lang::En => format!(
            "{}  waived: {} ({}{by})",
            waived_duty(v, lang),
            v.reason,
            v.waived_on
        ),
    }
}

/// The heading over a worker's waivers.
pub fn waivers_heading(lang: Lang) -> &'static str {
    lang.pick("免除した対応（理由あり）", "Waived duties (with reasons)")
}

pub fn no_waivers(lang: Lang) -> &'static str {
    lang.pick("免除した対応はありません。", "No duty is waived.")
}

/// After saving: how many duties were waived.
pub fn waived(name: &str, count: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{name} の対応 {count} 件を免除として記録しました"),
        Lang::En if count == 1 => format!("Waived 1 duty of {name}"),
        Lang::En => format!("Waived {count} duties of {name}"),
    }
}

/// The status line when the selected line cannot be waived.
pub fn not_waivable(lang: Lang) -> &'static str {
    lang.pick(
        "この行は免除できません（免除できるのは月ごとの対応と引継ぎです）",
        "This line cannot be waived: only monthly duties and the handover can",
    )
}

/// Why a waiver cannot be saved (the waiver kinds of [`Invalid`]).
pub(super) fn invalid_message(e: &Invalid, lang: Lang) -> String {
    match (e, lang) {
        (Invalid::WaiverReason, Lang::Ja) => "免除の理由を入力してください（例：入院のため面談できず）。理由のない免除は記録できません。".into(),
        (Invalid::WaiverReason, Lang::En) => "Enter the reason for the waiver (e.g. in hospital, no meeting possible); a waiver is not recorded without one.".into(),
        (Invalid::WaiverMonth, Lang::Ja) => "月ごとの対応の免除には月（YYYY-MM）が必要です。`--month 2026-10` のように指定してください。".into(),
        (Invalid::WaiverMonth, Lang::En) => "A monthly duty's waiver needs its month (YYYY-MM), e.g. `--month 2026-10`.".into(),
        (Invalid::WaiverHandoverMonth, Lang::Ja) => "引継ぎの免除に月は指定しません。`--month` を外してください。".into(),
        (Invalid::WaiverHandoverMonth, Lang::En) => "The handover's waiver takes no month; leave out `--month`.".into(),
        (Invalid::WaiverOutsideService { month }, Lang::Ja) => format!(
            "{month} は支援期間外か、今月より後です。支援期間内の過ぎた月を指定してください。"
        ),
        (Invalid::WaiverOutsideService { month }, Lang::En) => format!(
            "{month} is outside the service period, or after this month; give a month of the service that has begun."
        ),
        (Invalid::AlreadyWaived { handover: true, .. }, Lang::Ja) => "引継ぎはすでに免除が記録されています。".into(),
        (Invalid::AlreadyWaived { handover: true, .. }, Lang::En) => "The handover is already waived.".into(),
        (Invalid::AlreadyWaived { month, .. }, Lang::Ja) => format!(
            "{} のこの対応はすでに免除が記録されています。",
            month.map(|m| m.to_string()).unwrap_or_default()
        ),
        (Invalid::AlreadyWaived { month, .. }, Lang::En) => format!(
            "This duty of {} is already waived.",
            month.map(|m| m.to_string()).unwrap_or_default()
        ),
        _ => String::new(),
    }
}
