//! Closed employment's flagged records (domain::closed) in both languages.

use super::Lang;
use crate::domain::Code;
use crate::domain::closed::Conflict;
use crate::domain::validate::Invalid;

/// One flagged record on one line: date, what it is, why, and its id (which
/// `teichaku contact consent` takes).
pub fn conflict_line(c: &Conflict, lang: Lang) -> String {
    let what = match c {
        Conflict::Contact { why, .. } => {
            let why = match why {
                Invalid::ClosedEmploymentParticipant(p) => match lang {
                    Lang::Ja => format!("勤務先の参加者（{}）", p.label(lang)),
                    Lang::En => format!("employer-side participant ({})", p.label(lang)),
                },
                _ => lang.pick("職場訪問", "workplace visit").to_string(),
            };
            format!("{}: {why}", lang.pick("連絡", "contact"))
        }
        Conflict::Checklist { instrument, .. } => match lang {
            Lang::Ja => format!("チェックリスト {instrument}: 上長が回答"),
            Lang::En => format!("checklist {instrument}: answered by the supervisor"),
        },
        Conflict::Sharing { .. } => lang
            .pick(
                "引継ぎの共有: 勤務先の人と（handover withdraw で取り消し）",
                "handover sharing with the workplace (undo with handover withdraw)",
            )
            .to_string(),
    };
    format!("{}  {what}  [{}]", c.date(), c.id())
}

/// The heading over the flagged records of a worker.
pub fn conflicts_heading(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => {
            format!("クローズ就労：勤務先に関わる記録 {n} 件を要確認（事業主向けの出力から除外中）")
        }
        Lang::En => format!(
            "Closed employment: {n} employer-facing record(s) to review (kept out of employer output)"
        ),
    }
}

/// How to resolve a flag.
pub fn conflicts_hint(lang: Lang) -> &'static str {
    lang.pick(
        "連絡の様式・参加者を直すか、本人の同意を記録したうえで `teichaku contact consent <ID>` で確認済みにしてください。",
        "Change the contact's mode or participants, or record the worker's consent and mark it with `teichaku contact consent <ID>`.",
    )
}

/// Before saving closed disclosure over records that conflict with it.
pub fn closed_change_intro(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "クローズ就労にすると、次の {n} 件が勤務先に関わる記録として要確認になります（記録は消えません）："
        ),
        Lang::En => format!(
            "With closed employment, these {n} record(s) reach the employer and will be flagged for review (nothing is deleted):"
        ),
    }
}

/// The question after [`closed_change_intro`].
pub fn closed_change_question(lang: Lang) -> &'static str {
    lang.pick(
        "クローズ就労として保存しますか？ [y/N] ",
        "Save as closed employment? [y/N] ",
    )
}

/// A flag resolved by confirming consent.
pub fn consent_confirmed(lang: Lang) -> &'static str {
    lang.pick(
        "本人の同意を確認済みにしました（要確認から外れます）。",
        "Marked as confirmed after recording consent (no longer flagged).",
    )
}

/// The question before a flagged contact is marked as consented.
pub fn confirm_consent(date: chrono::NaiveDate, mode: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "{date} {mode}：本人の同意（勤務先に関わることへの）を記録しましたか？ 確認済みにします。"
        ),
        Lang::En => format!(
            "{date} {mode}: was the worker's consent (to the employer being involved) recorded? Mark it confirmed."
        ),
    }
}

/// The worker form's question before closed disclosure is saved over
/// conflicting records: the first few of them, then how many more.
pub fn closed_change_dialog(conflicts: &[Conflict], lang: Lang) -> String {
    const SHOWN: usize = 5;
    let mut text = closed_change_intro(conflicts.len(), lang);
    for c in conflicts.iter().take(SHOWN) {
        text.push('\n');
        text.push_str(&conflict_line(c, lang));
    }
    if conflicts.len() > SHOWN {
        let more = conflicts.len() - SHOWN;
        text.push('\n');
        text.push_str(&match lang {
            Lang::Ja => format!("…ほか {more} 件"),
            Lang::En => format!("… and {more} more"),
        });
    }
    text.push('\n');
    text.push_str(closed_change_question(lang).trim_end_matches(" [y/N] "));
    text
}

/// After an import: a closed-employment worker has flagged records.
pub fn imported_flags(name: &str, n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "注意: {name}（クローズ就労）に勤務先に関わる記録が {n} 件あります。要確認として事業主向けの出力から除外しています（`teichaku worker show`）。"
        ),
        Lang::En => format!(
            "Note: {name} (closed employment) has {n} record(s) that reach the employer; flagged for review and kept out of employer output (`teichaku worker show`)."
        ),
    }
}

/// The worker page's line over the profile (short: it shares 80 columns
/// with the key that resolves a flag).
pub fn page_flag(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("クローズ就労の要確認 {n} 件（事業主向けから除外）"),
        Lang::En => format!("Closed employment: {n} to review (kept from the employer)"),
    }
}
