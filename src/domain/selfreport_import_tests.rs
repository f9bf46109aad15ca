use super::*;
use crate::domain::Disclosure;

fn worker(id: &str, name: &str, kana: &str) -> Worker {
    let mut w = Worker::new(id.into(), name.into());
    w.kana = kana.into();
    w
}

fn workers() -> Vec<Worker> {
    let mut closed = worker("w3", "佐藤 花子", "さとう はなこ");
    closed.disclosure = Disclosure::Closed;
    vec![
        worker("w1", "田中 一郎", "たなか いちろう"),
        worker("w2", "鈴木 次郎", "すずき じろう"),
        closed,
        worker("w4", "鈴木 次郎", ""),
    ]
}

const GOOGLE: &str = "タイムスタンプ,氏名,今日の気分,体調,睡眠,疲れ,仕事の手応え,今日のひとこと,職場から\n\
2026/03/02 18:05:12,田中 一郎,3,4,3,2,3,少し疲れた,\n\
2026/03/02 18:10:00,佐藤花子,2,2,,1,2,眠れなかった,よく頑張っていました\n\
2026/03/03 18:00:00,田中一郎,5,4,3,2,3,,\n\
2026/13/03 18:00:00,田中一郎,3,4,3,2,3,,\n\
2026/03/03 18:00:00,山田 三郎,3,4,3,2,3,,\n\
2026/03/03 18:00:00,鈴木 次郎,3,4,3,2,3,,\n\
2026/03/02 19:00:00,田中 一郎,3,3,3,3,3,,\n";

fn run(text: &str, existing: &BTreeSet<(String, NaiveDate)>) -> Preview {
    let items = Items::builtin();
    let (header, rows) = read_csv(text).unwrap();
    let mapping = Mapping::detect(&header, &items).unwrap();
    preview(&header, &rows, &mapping, &items, &workers(), existing).unwrap()
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

#[test]
fn a_google_forms_export_is_read_with_each_bad_row_named() {
    let p = run(GOOGLE, &BTreeSet::new());
    let new: Vec<(usize, &str, NaiveDate)> = p
        .new
        .iter()
        .map(|(r, s)| (*r, s.worker_id.as_str(), s.date))
        .collect();
    assert_eq!(new, [(2, "w1", d(3, 2)), (3, "w3", d(3, 2))]);
    let first = &p.new[0].1;
    assert_eq!(first.ratings.get("mood"), Some(3));
    assert_eq!(first.ratings.get("fatigue"), Some(2));
    assert_eq!(first.worker_comment, "少し疲れた");
    assert_eq!(first.source, Source::Form);
    // An empty cell is not answered, not a score.
    assert_eq!(p.new[1].1.ratings.get("sleep"), None);
    // Closed employment: the workplace's comment is left out.
    assert_eq!(p.new[1].1.workplace_comment, "");
    assert_eq!(p.dropped_workplace, 1);
    assert_eq!(
        p.problems,
        [
            (
                4,
                RowProblem::BadRating {
                    column: "今日の気分".into(),
                    value: "5".into()
                }
            ),
            (5, RowProblem::BadDate("2026/13/03 18:00:00".into())),
            (6, RowProblem::NoWorker("山田 三郎".into())),
            (7, RowProblem::SeveralWorkers("鈴木 次郎".into())),
            (8, RowProblem::Repeated { first_row: 2 }),
        ]
    );
}

#[test]
fn rows_already_stored_are_present_not_new() {
    let existing: BTreeSet<_> = [("w1".to_string(), d(3, 2))].into();
    let p = run(GOOGLE, &existing);
    assert_eq!(p.present, [(2, "田中 一郎".to_string(), d(3, 2))]);
    assert_eq!(p.new.len(), 1);
}

#[test]
fn a_mapping_file_maps_a_five_point_form_and_e_mail_respondents() {
    let items = Items::builtin();
    let mapping = Mapping::parse(
        r#"
date = "完了時刻"
worker = { column = "メール", by = "table" }
respondents = { "tanaka@example.jp" = "田中 一郎" }
[[rating]]
column = "気分 (1-5)"
item = "mood"
scale = [1, 5]
[comments]
worker = "ひとこと"
"#,
    )
    .unwrap();
    let text = "ID,開始時刻,完了時刻,メール,気分 (1-5),ひとこと\n1,3/2/26 18:00,3/2/26 18:01,Tanaka@example.jp,5,元気\n2,3/3/26 18:00,3/3/26 18:01,who@example.jp,4,\n";
    let (header, rows) = read_csv(text).unwrap();
    let p = preview(
        &header,
        &rows,
        &mapping,
        &items,
        &workers(),
        &BTreeSet::new(),
    )
    .unwrap();
    assert_eq!(p.new.len(), 1);
    assert_eq!(p.new[0].1.ratings.get("mood"), Some(4), "5 of 5 is 4 of 4");
    assert_eq!(p.new[0].1.date, d(3, 2));
    assert_eq!(
        p.problems,
        [(3, RowProblem::NoWorker("who@example.jp".into()))]
    );
    let missing = Mapping {
        date: "日付".into(),
        ..mapping
    };
    assert_eq!(
        preview(
            &header,
            &rows,
            &missing,
            &items,
            &workers(),
            &BTreeSet::new()
        )
        .unwrap_err(),
        FileProblem::MissingColumn("日付".into())
    );
}

#[test]
fn shift_jis_is_detected_and_utf8_with_a_bom_too() {
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("日付,氏名,気分\n2026/3/2,田中 一郎,3\n");
    let (text, enc) = decode(&sjis, None).unwrap();
    assert_eq!(enc, Encoding::ShiftJis);
    assert!(text.starts_with("日付,氏名"));
    let bom = [b"\xEF\xBB\xBF".as_slice(), "日付".as_bytes()].concat();
    assert_eq!(
        decode(&bom, None).unwrap(),
        ("日付".to_string(), Encoding::Utf8)
    );
    assert_eq!(
        decode(&sjis, Some("utf-8")),
        Err(FileProblem::Undecodable("UTF-8"))
    );
    assert_eq!(decode(&sjis, Some("cp932")).unwrap().1, Encoding::ShiftJis);
    assert!(matches!(
        decode(b"x", Some("latin-9")),
        Err(FileProblem::UnknownEncoding(_))
    ));
}

#[test]
fn an_unknown_layout_names_its_columns() {
    let items = Items::builtin();
    let header = vec!["a".to_string(), "b".to_string()];
    assert_eq!(
        Mapping::detect(&header, &items),
        Err(FileProblem::UnknownLayout(header.clone()))
    );
}

#[test]
fn form_dates_in_their_several_shapes() {
    for s in [
        "2026/03/02 18:05:12",
        "2026-03-02",
        "3/2/2026 18:05:12",
        "3/2/26 18:05",
        "2026年3月2日",
    ] {
        assert_eq!(parse_day(s), Some(d(3, 2)), "{s}");
    }
    assert_eq!(parse_day("yesterday"), None);
    assert_eq!(parse_day("2026/02/30"), None);
}
