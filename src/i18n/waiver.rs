//! Waived duties' words (screen and command line), ja and en.

use super::Lang;
use super::due::month_label;
use crate::domain::Code;
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
