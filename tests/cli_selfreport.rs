//! `teichaku selfreport import`: the fixtures of fixtures/selfreport/ (three
//! demo workers × 60 days each) into the demo agency, on the pinned day
//! 2026-11-21: a Google Forms export (UTF-8), an Excel sheet (Shift_JIS),
//! a Microsoft Forms export with a mapping; re-importing adds nothing; a
//! file with bad rows is refused whole, naming each row.

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
    let env = Env::new();
    std::fs::create_dir_all(env.db().parent().unwrap()).unwrap();
    let mut store = common::open_db(&env.db());
    teichaku::demo::load_all(&mut store, env.today()).unwrap();
    env
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
        dry.contains("UTF-8: 新規 120 件、取込済み 0 件、取り込めない行 0 件"),
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
    // The Microsoft Forms days of 西田 are mostly the Google Forms days.
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
        ms.contains("UTF-8: 1 new, 9 already present, 0 rows"),
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
        err.contains("4行目: 「今日の気分」の「7」は評価の範囲外です"),
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
