//! `teichaku selfreport import`: the fixtures of fixtures/selfreport/ (three
//! demo workers × 60 days each) into the demo agency, on the pinned day
//! 2026-11-21: a Google Forms export (UTF-8), an Excel sheet (Shift_JIS),
//! a Microsoft Forms export with a mapping; re-importing adds nothing; a
//! file with bad rows is refused whole, naming each row.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::Env;

fn fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("selfreport")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn demo() -> Env {
    Env::demo()
}

fn stored(env: &Env) -> usize {
    common::open_db(&env.db()).selfreport_days().unwrap().len()
}

#[test]
fn google_forms_then_excel_then_again_adds_nothing_the_second_time() {
    let env = demo();
    let before = stored(&env);
    let dry = env.ok(&[
        "selfreport",
        "import",
        &fixture("google_forms.csv"),
        "--dry-run",
    ]);
    assert!(
        dry.contains("UTF-8: 新規 120 件、取込済み 0 件、変更あり 0 件、取り込めない行 0 件"),
        "{dry}"
    );
    assert!(
        dry.contains("職場のコメント 20 件はクローズ就労のため取り込みません"),
        "{dry}"
    );
    assert_eq!(stored(&env), before, "a dry run writes nothing");
    let out = env.ok(&["selfreport", "import", &fixture("google_forms.csv")]);
    assert!(out.contains("日報を 120 件取り込みました。"), "{out}");
    let out = env.ok(&["selfreport", "import", &fixture("excel_sjis.csv")]);
    assert!(out.starts_with("Shift_JIS: 新規 "), "{out}");
    let after = stored(&env);
    let log = env.log_len();
    let again = env.ok(&["selfreport", "import", &fixture("google_forms.csv")]);
    assert!(again.contains("新規 0 件、取込済み 120 件"), "{again}");
    assert_eq!(stored(&env), after);
    assert_eq!(env.log_len(), log, "re-importing writes nothing");
    // The Microsoft Forms days of 西田 are mostly the Google Forms days,
    // with other ratings on most: changed, not "already present".
    let ms = env.ok(&[
        "--lang",
        "en",
        "selfreport",
        "import",
        &fixture("ms_forms.csv"),
        "--mapping",
        &fixture("ms_forms_mapping.toml"),
        "--dry-run",
    ]);
    assert!(
        ms.contains("UTF-8: 1 new, 1 already present, 8 changed, 0 rows"),
        "{ms}"
    );
}

#[test]
fn the_falling_worker_of_the_google_export_warns_on_the_dashboard() {
    let env = demo();
    env.ok(&["selfreport", "import", &fixture("google_forms.csv")]);
    let due = env.ok(&["due"]);
    let line = due
        .lines()
        .find(|l| l.contains("川口 翔") && l.contains("日報"))
        .unwrap_or_else(|| panic!("{due}"));
    assert!(line.contains("日報: "), "{line}");
}

#[test]
fn bad_rows_refuse_the_whole_file_unless_skipped() {
    let env = demo();
    let file = env.path("bad.csv");
    std::fs::write(
        &file,
        "タイムスタンプ,お名前,今日の気分\n2026/11/20 18:00:00,西田 大輔,3\n2026/11/20 18:00:00,山田 三郎,3\n2026/11/19,西田 大輔,7\nきのう,西田 大輔,2\n",
    )
    .unwrap();
    let before = stored(&env);
    let err = env.fails(&["selfreport", "import", file.to_str().unwrap()]);
    assert!(
        err.contains("3行目: 「山田 三郎」に当たる利用者がいません"),
        "{err}"
    );
    assert!(
        err.contains("4行目: 「今日の気分」の「7」は評価の範囲外です（1〜4）"),
        "{err}"
    );
    assert!(err.contains("5行目: 日付「きのう」が読めません"), "{err}");
    assert!(err.contains("何も取り込んでいません"), "{err}");
    assert_eq!(stored(&env), before);
    let out = env.ok(&[
        "selfreport",
        "import",
        file.to_str().unwrap(),
        "--skip-bad-rows",
    ]);
    assert!(out.contains("日報を 1 件取り込みました。"), "{out}");
    assert_eq!(stored(&env), before + 1);
    // An unknown layout names its columns; a wrong encoding says so.
    std::fs::write(&file, "a,b\n1,2\n").unwrap();
    let err = env.fails(&["selfreport", "import", file.to_str().unwrap()]);
    assert!(
        err.contains("知らない形式のファイルです（列: a、b）"),
        "{err}"
    );
    let err = env.fails(&[
        "selfreport",
        "import",
        &fixture("excel_sjis.csv"),
        "--encoding",
        "utf-8",
    ]);
    assert!(err.contains("UTF-8 の文字として読めません"), "{err}");
}

#[test]
fn the_report_draft_sums_up_the_month_and_quotes_no_closed_worker() {
    let env = demo();
    env.ok(&["selfreport", "import", &fixture("google_forms.csv")]);
    env.ok(&["report", "draft", "川口 翔"]);
    let report = env.ok(&["report", "川口 翔"]);
    let line = report
        .lines()
        .find(|l| l.contains("日報："))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(line.contains("日分（平日21日）"), "{line}");
    assert!(line.contains("「"), "the hardest day's words: {line}");
    env.ok(&["report", "draft", "吉村 葵"]);
    let closed = env.ok(&["report", "吉村 葵"]);
    let line = closed
        .lines()
        .find(|l| l.contains("日報："))
        .unwrap_or_else(|| panic!("{closed}"));
    assert!(!line.contains("「"), "closed employment: no quote: {line}");
}

fn held_mood(env: &Env, name: &str, day: &str) -> Option<u8> {
    let store = common::open_db(&env.db());
    let w = store.resolve_worker(name).unwrap();
    let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    store.selfreport(&w.id, day).unwrap()?.ratings.get("mood")
}

#[test]
fn a_cp932_row_with_other_ratings_than_the_google_forms_is_changed_and_the_supporter_decides() {
    let env = demo();
    env.ok(&["selfreport", "import", &fixture("google_forms.csv")]);
    assert_eq!(held_mood(&env, "西田 大輔", "2026-11-20"), Some(3));
    // The same day of 西田 in an Excel sheet (CP932): mood 1, not 3.
    let sheet = "日付,氏名,気分,体調,睡眠,疲れ,仕事の手応え,本人のコメント\r\n\
                 2026/11/20,西田 大輔,1,3,4,3,3,\r\n\
                 2026/11/15,西田 大輔,4,4,4,4,4,元気\r\n";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(sheet);
    let file = env.path("sheet.csv");
    std::fs::write(&file, &bytes).unwrap();
    let file = file.to_str().unwrap();
    let dry = env.ok(&["selfreport", "import", file, "--dry-run"]);
    assert!(
        dry.contains("Shift_JIS: 新規 1 件、取込済み 0 件、変更あり 1 件、取り込めない行 0 件"),
        "{dry}"
    );
    assert!(
        dry.contains("2行目: 西田 大輔 2026-11-20 変更あり: 気分 3→1"),
        "{dry}"
    );
    // Which column went where, in the dry run.
    assert!(
        dry.contains("列の対応: 「日付」→日付、「氏名」→利用者、「気分」→気分"),
        "{dry}"
    );
    assert!(dry.contains("「本人のコメント」→本人のコメント"), "{dry}");
    // Without the flag the held values stay, and the result says so.
    let out = env.ok(&["selfreport", "import", file]);
    assert!(
        out.contains("変更のある 1 件は今の記録のままです。\nファイルの値にするには --replace-changed を付けてください。"),
        "{out}"
    );
    assert_eq!(held_mood(&env, "西田 大輔", "2026-11-20"), Some(3));
    let out = env.ok(&["selfreport", "import", file, "--replace-changed"]);
    assert!(
        out.contains("変更のある 1 件をファイルの値にしました。"),
        "{out}"
    );
    assert_eq!(held_mood(&env, "西田 大輔", "2026-11-20"), Some(1));
    // Now held as in the file: present, nothing changed.
    let again = env.ok(&["--lang", "en", "selfreport", "import", file, "--dry-run"]);
    assert!(
        again.contains("0 new, 2 already present, 0 changed"),
        "{again}"
    );
    assert!(again.contains("Columns: 「日付」→date"), "{again}");
}

#[test]
fn full_width_digits_import_and_a_five_point_form_is_explained_with_the_fix() {
    let env = demo();
    let file = env.path("fw.csv");
    std::fs::write(
        &file,
        "日付,氏名,気分,睡眠\n2026/11/20,西田 大輔,４,３\n2026/11/19,西田 大輔,5,2\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let err = env.fails(&["selfreport", "import", file]);
    assert!(
        err.contains("3行目: 「気分」の「5」は評価の範囲外です（1〜4）"),
        "{err}"
    );
    assert!(!err.contains("2行目"), "full-width ４ is 4: {err}");
    assert!(
        err.contains("見出しを「気分 (1-5)」にするか、対応表（--mapping）に [[rating]] column = \"気分\"、item = \"mood\"、scale = [1, 5]"),
        "{err}"
    );
    let err = env.fails(&["--lang", "en", "selfreport", "import", file]);
    assert!(err.contains("If the form runs 1-5"), "{err}");
    // Headed with its scale, the form is read on 1–5 and mapped onto 1–4.
    std::fs::write(
        file,
        "日付,氏名,気分 (1-5),睡眠\n2026/11/20,西田 大輔,４,３\n2026/11/19,西田 大輔,5,2\n",
    )
    .unwrap();
    let dry = env.ok(&["selfreport", "import", file, "--dry-run"]);
    assert!(dry.contains("「気分 (1-5)」→気分（1〜5を1〜4に）"), "{dry}");
    env.ok(&["selfreport", "import", file]);
    assert_eq!(held_mood(&env, "西田 大輔", "2026-11-20"), Some(3));
    assert_eq!(held_mood(&env, "西田 大輔", "2026-11-19"), Some(4));
}

#[test]
fn the_demo_worker_who_sleeps_badly_every_day_is_warned_of_a_sustained_low() {
    // 岡田 健太 rates sleep about 2 of 4 every day: nothing falls, but it
    // stays low.
    let env = demo();
    let due = env.ok(&["due"]);
    let line = due
        .lines()
        .find(|l| l.contains("岡田 健太") && l.contains("日報"))
        .unwrap_or_else(|| panic!("{due}"));
    assert!(line.contains("日報: 低い評価が続いています"), "{line}");
    let en = env.ok(&["--lang", "en", "due"]);
    assert!(en.contains("Self-report: ratings low for a week"), "{en}");
}

#[test]
fn days_off_marked_in_the_form_are_not_missing_days_on_the_dashboard() {
    // Thursday 2026-11-26: 西田's last report is Friday 11-20; Mon 23 – Wed
    // 25 without one are three working days.
    let env = Env::on("2026-11-26");
    std::fs::create_dir_all(env.db().parent().unwrap()).unwrap();
    let mut store = common::open_db(&env.db());
    teichaku::demo::load_all(&mut store, env.today()).unwrap();
    drop(store);
    env.ok(&["selfreport", "import", &fixture("google_forms.csv")]);
    let nishida = |due: &str| {
        due.lines()
            .find(|l| l.contains("西田 大輔") && l.contains("日報"))
            .map(str::to_string)
    };
    let due = env.ok(&["due"]);
    let line = nishida(&due).unwrap_or_else(|| panic!("{due}"));
    assert!(line.contains("日報: 3営業日 提出がありません"), "{line}");
    // The form said those days were days off (a 休み column, a 休日 value).
    let file = env.path("off.csv");
    std::fs::write(
        &file,
        "タイムスタンプ,お名前,今日の気分,休み\n\
         2026/11/23 9:00:00,西田 大輔,,はい\n\
         2026/11/24 9:00:00,西田 大輔,休日,\n\
         2026/11/25 9:00:00,西田 大輔,,はい\n",
    )
    .unwrap();
    let dry = env.ok(&["selfreport", "import", file.to_str().unwrap(), "--dry-run"]);
    assert!(dry.contains("「休み」→休み"), "{dry}");
    env.ok(&["selfreport", "import", file.to_str().unwrap()]);
    let due = env.ok(&["due"]);
    assert_eq!(nishida(&due), None, "{due}");
}
