//! Partner agencies (seed 003: agencies check about every two weeks whether
//! contact with partners has thinned without meaning to): when each welfare/
//! medical or community person of a worker's resource map was last in touch —
//! a contact whose note names them or their organisation, or a handover
//! sharing with them — and a hint when one who was contacted more than once
//! has not been for a number of weeks. A hint, not a duty.

use chrono::NaiveDate;

use super::{Layer, Person};

/// Weeks without contact after which a regular partner is hinted at, when
/// the settings do not say.
pub const DEFAULT_HINT_WEEKS: u32 = 8;

/// A partner and when they were last in touch.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerContact {
    pub person: Person,
    pub last: Option<NaiveDate>,
    /// How many times (contacts naming them, sharings with them).
    pub times: u32,
}

/// Welfare/medical and community people are partners; the workplace is not.
pub fn is_partner(p: &Person) -> bool {
    p.layer != Layer::Company
}

/// Whether a contact's note names the person: their full name (with or
/// without the space), their surname with さん, or their organisation.
pub fn mentions(notes: &str, p: &Person) -> bool {
    let name = p.name.trim();
    if name.is_empty() {
        return false;
    }
    let joined: String = name.split_whitespace().collect();
    let surname = name.split_whitespace().next().unwrap_or(name);
    let org = p.organisation.trim();
    notes.contains(name)
        || notes.contains(&joined)
        || (surname != name && notes.contains(&format!("{surname}さん")))
        || (org.chars().count() >= 3 && notes.contains(org))
}

/// Each partner's last contact, from the worker's contacts (date, note) and
/// sharings (person id, date).
pub fn last_contacts(
    people: &[Person],
    contacts: &[(NaiveDate, String)],
    sharings: &[(String, NaiveDate)],
) -> Vec<PartnerContact> {
    people
        .iter()
        .filter(|p| is_partner(p))
        .map(|p| {
            let dates: Vec<NaiveDate> = contacts
                .iter()
                .filter(|(_, notes)| mentions(notes, p))
                .map(|(d, _)| *d)
                .chain(
                    sharings
                        .iter()
                        .filter(|(id, _)| *id == p.id)
                        .map(|(_, d)| *d),
                )
                .collect();
            PartnerContact {
                person: p.clone(),
                last: dates.iter().copied().max(),
                times: u32::try_from(dates.len()).unwrap_or(u32::MAX),
            }
        })
        .collect()
}

/// A partner contacted more than once whose last contact is more than
/// `weeks` weeks before `today`.
pub fn thinned(pc: &PartnerContact, today: NaiveDate, weeks: u32) -> bool {
    pc.times >= 2
        && pc
            .last
            .is_some_and(|d| (today - d).num_days() > i64::from(weeks) * 7)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, org: &str, layer: Layer) -> Person {
        Person {
            id: name.into(),
            worker_id: "w".into(),
            name: name.into(),
            role: String::new(),
            organisation: org.into(),
            layer,
            phone: String::new(),
            email: String::new(),
            note: String::new(),
        }
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_partner_named_in_notes_twice_and_silent_for_weeks_is_hinted() {
        let yasuda = person("安田 陽介", "相談支援センターあゆみ", Layer::Welfare);
        let boss = person("小池 正樹", "株式会社こもれび", Layer::Company);
        let mori = person("森 恵子", "", Layer::Welfare);
        let contacts = vec![
            (d(8, 1), "相談支援センターあゆみに電話。".to_string()),
            (d(9, 1), "安田さんと面談の日程を決めた。".to_string()),
            (d(9, 5), "小池 正樹さんと面談。".to_string()),
        ];
        let sharings = vec![("森 恵子".to_string(), d(11, 1))];
        let got = last_contacts(&[yasuda, boss, mori], &contacts, &sharings);
        assert_eq!(got.len(), 2, "the workplace is no partner");
        assert_eq!((got[0].last, got[0].times), (Some(d(9, 1)), 2));
        assert_eq!((got[1].last, got[1].times), (Some(d(11, 1)), 1));
        assert!(thinned(&got[0], d(11, 21), 8), "11 weeks");
        assert!(!thinned(&got[0], d(10, 20), 8), "7 weeks");
        assert!(
            !thinned(&got[1], d(11, 21), 1),
            "contacted once: not regular"
        );
    }
}
