//! CSV for Excel, parsed back by a CSV reader: every field round-trips.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{NaiveDate, NaiveTime};
use teichaku::domain::{
    Category, Code, Contact, Disclosure, Mode, Participant, ServiceType, Status, Worker,
};
use teichaku::i18n::Lang;
use teichaku::render::csv::{self, CLOSED_MARK};

fn parse(text: &str) -> Vec<Vec<String>> {
    let body = text.strip_prefix('\u{FEFF}').expect("starts with a BOM");
    assert!(!body.replace("\r\n", "").contains('\r'));
    let mut r = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn tricky_worker() -> Worker {
    let mut w = Worker::new("01-w".into(), "山田, \"タロウ\" 太郎".into());
    w.kana = " やまだ たろう ".into();
    w.employer = "株式会社みなと物流".into();
    w.workplace = "出荷課\r\n二階".into();
    w.job = "ピッキング・検品".into();
    w.categories = vec![Category::Mental, Category::Developmental];
    w.disclosure = Disclosure::Closed;
    w.hire_date = NaiveDate::from_ymd_opt(2024, 8, 31);
    w.service_type = ServiceType::Extended;
    w.anchor_date = NaiveDate::from_ymd_opt(2024, 9, 30);
    w.status = Status::Active;
    w.staff = "佐藤 美咲".into();
    w.memo = "一行目\n二行目, \"引用\"".into();
    w
}

#[test]
fn workers_round_trip_every_field() {
    let open = Worker::new("02-w".into(), "林".into());
    let workers = [tricky_worker(), open.clone()];
    for lang in [Lang::Ja, Lang::En] {
        let rows = parse(&csv::workers(&workers, lang));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].len(), 17);
        for (w, row) in workers.iter().zip(&rows[1..]) {
            let p = w.service_period();
            let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            let categories: Vec<Category> = row[7]
                .split('、')
                .filter(|s| !s.is_empty())
                .map(|s| Category::parse(s).unwrap())
                .collect();
            assert_eq!(row[0], w.id);
            assert_eq!(row[1], w.display_name);
            assert_eq!(row[2], w.kana);
            assert_eq!(row[3], if w.is_closed() { CLOSED_MARK } else { "" });
            assert_eq!(
                (&row[4], &row[5], &row[6]),
                (&w.employer, &w.workplace, &w.job)
            );
            assert_eq!(categories, w.categories);
            assert_eq!(Disclosure::parse_loose(&row[8]), Some(w.disclosure));
            assert_eq!(row[9], date(w.hire_date));
            assert_eq!(ServiceType::parse_loose(&row[10]), Some(w.service_type));
            assert_eq!(row[11], date(w.anchor_date));
            assert_eq!(row[12], date(p.map(|p| p.start)));
            assert_eq!(row[13], date(p.map(|p| p.end)));
            assert_eq!(Status::parse_loose(&row[14]), Some(w.status));
            assert_eq!((&row[15], &row[16]), (&w.staff, &w.memo));
        }
    }
}

#[test]
fn contacts_round_trip_every_field() {
    let w = tricky_worker();
    let contacts = [
        Contact {
            id: "c1".into(),
            worker_id: w.id.clone(),
            date: NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
            start_time: NaiveTime::from_hms_opt(14, 5, 0),
            minutes: Some(45),
            mode: Mode::Meeting,
            participants: vec![Participant::Worker, Participant::Family],
            notes: "体調確認。\n\"眠れない\"とのこと, 要観察".into(),
            next_action: "受診に同行".into(),
            next_due: NaiveDate::from_ymd_opt(2024, 3, 10),
            next_done: None,
            recorded_by: "佐藤 美咲".into(),
            consent_confirmed: false,
        },
        Contact {
            id: "c2".into(),
            worker_id: "gone".into(),
            date: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            start_time: None,
            minutes: None,
            mode: Mode::Phone,
            participants: vec![],
            notes: String::new(),
            next_action: String::new(),
            next_due: None,
            next_done: None,
            recorded_by: String::new(),
            consent_confirmed: false,
        },
    ];
    let rows = parse(&csv::contacts(
        &contacts,
        std::slice::from_ref(&w),
        Lang::Ja,
    ));
    assert_eq!(rows.len(), 3);
    for (c, row) in contacts.iter().zip(&rows[1..]) {
        let known = c.worker_id == w.id;
        assert_eq!((&row[0], &row[1]), (&c.id, &c.worker_id));
        assert_eq!(row[2], if known { w.display_name.as_str() } else { "" });
        assert_eq!(row[3], if known { CLOSED_MARK } else { "" });
        assert_eq!(row[4], c.date.to_string());
        assert_eq!(
            row[5],
            c.start_time
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default()
        );
        assert_eq!(row[6], c.minutes.map(|m| m.to_string()).unwrap_or_default());
        assert_eq!(Mode::parse_loose(&row[7]), Some(c.mode));
        let with: Vec<Participant> = row[8]
            .split('、')
            .filter(|s| !s.is_empty())
            .map(|s| Participant::parse_loose(s).unwrap())
            .collect();
        assert_eq!(with, c.participants);
        assert_eq!((&row[9], &row[10]), (&c.notes, &c.next_action));
        assert_eq!(
            row[11],
            c.next_due.map(|d| d.to_string()).unwrap_or_default()
        );
        assert_eq!(row[12], c.recorded_by);
    }
}
