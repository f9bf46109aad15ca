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

fn run(text: &str, existing: &BTreeMap<(String, NaiveDate), SelfReport>) -> Preview {
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
    let p = run(GOOGLE, &BTreeMap::new());
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
                    value: "5".into(),
                    scale: (1, 4),
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
    let first = run(GOOGLE, &BTreeMap::new());
    let held = &first.new[0].1;
    let existing: BTreeMap<_, _> = [(("w1".to_string(), d(3, 2)), held.clone())].into();
    let p = run(GOOGLE, &existing);
    assert_eq!(p.present, [(2, "田中 一郎".to_string(), d(3, 2))]);
    assert!(p.changed.is_empty());
    assert_eq!(p.new.len(), 1);
}

#[test]
fn a_row_held_with_other_values_is_changed_old_to_new_never_present() {
    // Held from the Google form: mood 3, fatigue 2, a supporter's note.
    let mut held = run(GOOGLE, &BTreeMap::new()).new[0].1.clone();
    held.supporter_comment = "電話で確認".into();
    held.acknowledged_on = Some(d(3, 3));
    let existing: BTreeMap<_, _> = [(("w1".to_string(), d(3, 2)), held.clone())].into();
    // The Excel sheet (CP932) has the same day with other ratings and no comment.
    let sheet = "日付,氏名,気分,体調,睡眠,疲れ,仕事の手応え,本人のコメント\n2026/3/2,田中 一郎,1,4,3,2,3,\n";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(sheet);
    let (text, _) = decode(&sjis, None).unwrap();
    let p = run(&text, &existing);
    assert!(p.present.is_empty(), "{:?}", p.present);
    assert!(p.new.is_empty());
    let [c] = p.changed.as_slice() else {
        panic!("{:?}", p.changed)
    };
    assert_eq!((c.row, c.worker.as_str()), (2, "田中 一郎"));
    assert_eq!(c.old, held);
    assert_eq!(c.new.ratings.get("mood"), Some(1));
    assert_eq!(c.new.ratings.get("fatigue"), Some(2));
    // An empty cell erases nothing; the supporter's note and check stay.
    assert_eq!(c.new.worker_comment, "少し疲れた");
    assert_eq!(c.new.supporter_comment, "電話で確認");
    assert_eq!(c.new.acknowledged_on, Some(d(3, 3)));
    assert_eq!(c.new.id, held.id);
}

#[test]
fn the_workplace_comment_placed_first_never_replaces_the_workers() {
    let text = "日付,氏名,気分,職場のコメント,本人コメント\n2026/3/2,田中 一郎,3,よく頑張っていました,眠かった\n";
    let p = run(text, &BTreeMap::new());
    let r = &p.new[0].1;
    assert_eq!(r.worker_comment, "眠かった");
    assert_eq!(r.workplace_comment, "よく頑張っていました");
    // A mapping naming one column for both is refused, not half-applied.
    let items = Items::builtin();
    let (header, rows) = read_csv(text).unwrap();
    let mut m = Mapping::detect(&header, &items).unwrap();
    m.comments.worker = Some("職場のコメント".into());
    assert_eq!(
        preview(&header, &rows, &m, &items, &workers(), &BTreeMap::new()).unwrap_err(),
        FileProblem::SharedCommentColumn("職場のコメント".into())
    );
}

#[test]
fn full_width_digits_are_ratings() {
    let text = "日付,氏名,気分,体調,睡眠\n２０２６/３/２,田中 一郎,４,③,１\n";
    let p = run(text, &BTreeMap::new());
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let r = &p.new[0].1;
    assert_eq!(r.date, d(3, 2));
    assert_eq!(
        (
            r.ratings.get("mood"),
            r.ratings.get("health"),
            r.ratings.get("sleep")
        ),
        (Some(4), Some(3), Some(1))
    );
}

#[test]
fn a_scale_in_the_heading_is_mapped_and_one_without_is_explained() {
    // 1–5 and 1–10 headings: read on their scale, mapped onto 1–4.
    let text =
        "日付,氏名,気分 (1-5),睡眠（1〜10）\n2026/3/2,田中 一郎,5,10\n2026/3/3,田中 一郎,3,6\n";
    let p = run(text, &BTreeMap::new());
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let r = |i: usize, item: &str| p.new[i].1.ratings.get(item);
    assert_eq!((r(0, "mood"), r(0, "sleep")), (Some(4), Some(4)));
    assert_eq!((r(1, "mood"), r(1, "sleep")), (Some(3), Some(3)));
    assert_eq!(
        p.scales,
        [
            ("気分 (1-5)".to_string(), 1, 5),
            ("睡眠（1〜10）".to_string(), 1, 10)
        ]
    );
    // No scale said: the rows are refused, with the likely scale named.
    let text = "日付,氏名,気分\n2026/3/2,田中 一郎,5\n2026/3/3,田中 一郎,2\n";
    let p = run(text, &BTreeMap::new());
    assert_eq!(p.problems.len(), 1);
    assert_eq!(
        p.scale_hints,
        [ScaleHint {
            column: "気分".into(),
            item: "mood".into(),
            highest: 5,
            form_max: 5
        }]
    );
}

#[test]
fn a_day_off_is_read_from_its_column_or_a_rating_cell() {
    let text = "日付,氏名,気分,体調,休み\n2026/3/2,田中 一郎,休み,,\n2026/3/3,田中 一郎,,,休日\n2026/3/4,田中 一郎,3,3,\n2026/3/5,佐藤 花子,,,はい\n";
    let p = run(text, &BTreeMap::new());
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let off: Vec<(NaiveDate, bool)> = p.new.iter().map(|(_, r)| (r.date, r.day_off)).collect();
    assert_eq!(
        off,
        [
            (d(3, 2), true),
            (d(3, 3), true),
            (d(3, 4), false),
            (d(3, 5), true)
        ]
    );
    assert!(p.new[0].1.ratings.is_empty());
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
        &BTreeMap::new(),
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
            &BTreeMap::new()
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
fn the_preview_lists_which_column_went_where() {
    let p = run(GOOGLE, &BTreeMap::new());
    let targets: Vec<(&str, &Target)> = p.columns.iter().map(|(c, t)| (c.as_str(), t)).collect();
    assert_eq!(targets[0], ("タイムスタンプ", &Target::Date));
    assert_eq!(targets[1], ("氏名", &Target::Worker));
    assert!(targets.contains(&("今日のひとこと", &Target::WorkerComment)));
    assert!(targets.contains(&("職場から", &Target::WorkplaceComment)));
    assert!(p.unused.is_empty(), "{:?}", p.unused);
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
