//! Names and notes holding terminal escapes or bidi overrides: printed as
//! visible text by every command and the screen, kept intact in storage.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::{Env, Start};
use common::tui::terminal;
use teichaku::domain::Worker;
use teichaku::i18n::Lang;
use teichaku::store::{self, Store};
use teichaku::text::is_unsafe;
use teichaku::tui::{App, Config};

const NAME: &str = "\u{1b}[31m赤\u{7}\u{202e}cba\u{7f}\u{200e}\u{61c}\u{2028}\u{200f}";
const NOTE: &str = "\u{1b}]0;pwned\u{7}体調\u{202e}良好\u{9b}2J\u{2029}\r\u{200e}";

#[test]
fn a_name_with_escapes_is_printed_as_text_by_list_show_search_and_errors() {
    let env = Env::new();
    env.ok(&["worker", "add", "--name", NAME]);
    env.ok(&["contact", "add", "赤", "--mode", "phone", "--notes", NOTE]);
    for args in [
        &["worker", "list"][..],
        &["worker", "show", "赤"],
        &["contact", "list"],
        &["search", "体調"],
        &["csv", "contacts"],
    ] {
        let out = env.run(args);
        let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
        // The CSV's BOM and CRLF line ends are its format, kept.
        let text = csv_format_removed(&text);
        assert!(!text.contains(raw_mark), "{args:?}: {text:?}");
        assert!(text.contains("\\u001b"), "{args:?}: {text}");
    }
    let err = env.fails(&["worker", "show", "\u{1b}[2Jnobody\u{202e}"]);
    assert!(!err.contains(is_unsafe), "{err:?}");
    assert!(err.contains("\\u001b[2Jnobody\\u202e"), "{err}");

    // Stored as typed; --json decodes to exactly that.
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["worker", "list", "--json"])).unwrap();
    let names: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| {
            w["display_name"]
                .as_str()
                .or(w["worker"]["display_name"].as_str())
        })
        .collect();
    assert_eq!(names, vec![NAME]);
    let stored = common::open_db(&env.db()).workers().unwrap();
    assert_eq!(stored[0].worker.display_name, NAME);
}

/// ratatui 0.30 already drops control and zero-width graphemes when it
/// writes text; the app's own pass over the frame keeps that true whatever
/// a widget or a later ratatui does.
#[test]
fn the_screen_never_holds_an_escape_or_a_bidi_override() {
    let mut store = Store::open_in_memory().unwrap();
    let w = Worker::new(store::new_id(), NAME.to_string());
    store.add_worker(&w).unwrap();
    let mut c = common::contact(&w.id, NOTE);
    c.next_action = NOTE.into();
    store.add_contact(&c).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut app = App::new(store, Config::new(Lang::Ja, today)).unwrap();
    let mut screens = Vec::new();
    // The worker list, then the worker's page with the contact.
    for key in ['w', '\n'] {
        let code = match key {
            '\n' => crossterm::event::KeyCode::Enter,
            c => crossterm::event::KeyCode::Char(c),
        };
        common::tui::press(&mut app, code);
        screens.push(terminal(&app, 100, 30));
    }
    for t in screens {
        let buf = t.backend().buffer();
        let shown: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert!(!shown.contains(is_unsafe), "{shown:?}");
        assert!(shown.contains("赤"), "{shown}");
    }
}

/// Every mark the terminal must never receive raw: the bidi marks and
/// isolates, the line and paragraph separators, a lone CR (and a CR ending a
/// field), ESC and C1, zero-width and format characters.
const MARKS: &str = "\u{200e}\u{200f}\u{61c}\u{2028}\u{2029}\u{1b}[2J\u{9b}\u{202e}\u{2066}\u{200b}\u{feff}\u{ad}\u{7}\r";

/// A character of [`MARKS`] (but the CSV's CRLF, removed before) or any
/// other the sanitiser must not let through.
fn raw_mark(c: char) -> bool {
    is_unsafe(c) || (!c.is_ascii_graphic() && MARKS.contains(c))
}

/// A CSV document without what its format holds: the leading BOM, the CRLFs.
fn csv_format_removed(text: &str) -> String {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
}

fn marked(s: &str) -> String {
    format!("{s}{MARKS}")
}

/// The commands of the program (from its clap definition), as paths like
/// "worker add": those a user can run (a node whose subcommand is optional
/// counts too). A new command shows up here, and the test below fails until
/// it has a case.
fn every_command() -> Vec<String> {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let p = format!(
                "{path}{}{}",
                if path.is_empty() { "" } else { " " },
                sub.get_name()
            );
            if !sub.has_subcommands() || !sub.is_subcommand_required_set() {
                out.push(p.clone());
            }
            walk(sub, &p, out);
        }
    }
    let mut out = Vec::new();
    walk(
        &<teichaku::cli::Cli as clap::CommandFactory>::command(),
        "",
        &mut out,
    );
    out
}

fn output_of(env: &Env, args: &[String]) -> (bool, String) {
    let out = env
        .command(&args.iter().map(String::as_str).collect::<Vec<_>>())
        .env("TEICHAKU_SYNC_PASSPHRASE", "同期の合言葉 sync-pass-1234")
        .env("TEICHAKU_DB_NEW_PASSPHRASE", "新しいパスフレーズ 5678")
        .output_started();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

#[test]
fn no_command_prints_a_raw_mark_from_a_record() {
    let env = Env::new();
    let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    let m = marked;
    let (name, memo) = (format!("佐藤{MARKS}花子"), m("メモ"));
    env.ok(&[
        "worker",
        "add",
        "--name",
        &name,
        "--kana",
        &m("さとう"),
        "--employer",
        &m("株式会社"),
        "--workplace",
        &m("倉庫"),
        "--job",
        &m("検品"),
        "--staff",
        &m("担当"),
        "--memo",
        &memo,
        "--hire-date",
        "2026-03-31",
        "--status",
        "active",
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["worker", "list", "--json"])).unwrap();
    let id = json[0]["id"]
        .as_str()
        .or(json[0]["worker"]["id"].as_str())
        .unwrap()
        .to_string();
    let w = id.as_str();
    let notes = format!("一行目\r\n二行目{MARKS}\n配置転換\r");
    env.ok(&[
        "person",
        "add",
        w,
        "--name",
        &m("森"),
        "--role",
        &m("上司"),
        "--org",
        &m("会社"),
        "--layer",
        "company",
        "--note",
        &m("備考"),
    ]);
    env.ok(&[
        "contact",
        "add",
        w,
        "--mode",
        "visit",
        "--notes",
        &notes,
        "--next-action",
        &m("次"),
        "--next-due",
        "2026-12-01",
        "--date",
        "2026-11-20",
    ]);
    let plan = env.path("plan.toml");
    std::fs::write(
        &plan,
        format!("stage = \"模索期\"\nhandover = \"{MARKS}\"\nlong_term_goal = \"続ける{MARKS}\"\nexplained_on = \"2026-11-20\"\nconsent = true\n\n[[goal]]\ndomain = \"職場定着\"\ngoal = \"報告{MARKS}\"\ncontent = \"練習{MARKS}\"\n")
            .replace('\u{1b}', "\\u001b").replace('\u{9b}', "\\u009b").replace('\u{7}', "\\u0007").replace('\r', "\\r"),
    )
    .unwrap();
    let plan = plan.to_string_lossy().into_owned();
    let folder = env.path("shared");
    std::fs::create_dir_all(&folder).unwrap();
    let folder = folder.to_string_lossy().into_owned();
    let bundle = env.path("b.tcsync").to_string_lossy().into_owned();
    let backups = env.path("backups").to_string_lossy().into_owned();
    let csv = env.path("self.csv");
    let no_cr = MARKS.replace('\r', "");
    std::fs::write(
        &csv,
        format!("タイムスタンプ,氏名,体調\n2026/11/20 9:00:00,佐藤{no_cr}花子,3\n"),
    )
    .unwrap();
    std::fs::create_dir_all(env.path("backups")).unwrap();
    const ANSWERS: &str = "3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3";
    let csv = csv.to_string_lossy().into_owned();
    let month = "2026-11";
    // Each command, in an order that makes the later ones find something.
    let cases: Vec<(&str, Vec<String>)> = vec![
        (
            "worker add",
            s(&["worker", "add", "--name", &m("二人目"), "--memo", &memo]),
        ),
        (
            "worker edit",
            s(&["worker", "edit", w, "--memo", &m("新しいメモ")]),
        ),
        ("worker list", s(&["worker", "list"])),
        ("worker show", s(&["worker", "show", w])),
        (
            "person add",
            s(&["person", "add", w, "--name", &m("母"), "--role", &m("母")]),
        ),
        ("person list", s(&["person", "list", w])),
        (
            "contact add",
            s(&["contact", "add", w, "--mode", "phone", "--notes", &notes]),
        ),
        ("contact list", s(&["contact", "list"])),
        ("contact consent", s(&["contact", "consent", &m("no-such")])),
        (
            "plan new",
            s(&["plan", "new", w, "--file", &plan, "--note", &m("所見")]),
        ),
        (
            "plan review",
            s(&["plan", "review", w, "--file", &plan, "--note", &m("見直し")]),
        ),
        ("plan show", s(&["plan", "show", w])),
        ("plan list", s(&["plan", "list", w])),
        (
            "check",
            s(&[
                "check",
                w,
                "stability",
                "--answers",
                ANSWERS,
                "--note",
                &m("全体"),
            ]),
        ),
        ("summary", s(&["summary", w])),
        (
            "handover decide",
            s(&[
                "handover",
                "decide",
                w,
                "--needed",
                "yes",
                "--reasons",
                &m("理由"),
            ]),
        ),
        (
            "handover share",
            s(&[
                "handover",
                "share",
                w,
                "--with",
                "森",
                "--what",
                "plan",
                "--how",
                "meeting",
                "--consent",
                "yes",
                "--note",
                &m("共有"),
            ]),
        ),
        ("handover show", s(&["handover", "show", w])),
        ("handover sheet", s(&["handover", "sheet", w])),
        (
            "handover withdraw",
            s(&["handover", "withdraw", &m("no-such")]),
        ),
        ("selfreport import", s(&["selfreport", "import", &csv])),
        ("report draft", s(&["report", "draft", w, "--month", month])),
        (
            "report set",
            s(&[
                "report",
                "set",
                w,
                "--month",
                month,
                "--field",
                "goals",
                "--text",
                &m("目標"),
            ]),
        ),
        ("report", s(&["report", w, "--month", month])),
        (
            "report set",
            s(&[
                "report",
                "set",
                w,
                "--month",
                month,
                "--field",
                "result",
                "--text",
                &m("結果"),
            ]),
        ),
        ("report list", s(&["report", "list", w])),
        (
            "report finalise",
            s(&["report", "finalise", w, "--month", month]),
        ),
        ("due", s(&["due"])),
        (
            "due waive",
            s(&[
                "due",
                "waive",
                w,
                "--duty",
                "report",
                "--month",
                "2026-10",
                "--reason",
                &m("入院"),
            ]),
        ),
        ("due waivers", s(&["due", "waivers", w])),
        ("due done", s(&["due", "done", w])),
        ("search", s(&["search", "配置転換"])),
        ("csv", s(&["csv", "contacts"])),
        ("audit", s(&["audit"])),
        ("export", s(&["export", "--to", &bundle])),
        ("import", s(&["import", &bundle])),
        ("sync", s(&["sync", &folder])),
        ("sync status", s(&["sync", "status"])),
        ("conflicts", s(&["conflicts"])),
        (
            "conflicts resolve",
            s(&["conflicts", "resolve", &m("1"), "--pick", "1"]),
        ),
        ("backup", s(&["backup", "--to", &backups])),
        ("doctor", s(&["doctor"])),
        (
            "worker delete",
            s(&["worker", "delete", &m("二人目"), "--yes"]),
        ),
        ("worker restore", s(&["worker", "restore", &m("二人目")])),
        ("contact restore", s(&["contact", "restore", &m("no-such")])),
        ("passphrase change", s(&["passphrase", "change"])),
        ("restore", s(&["restore", &m("no-such-file")])),
    ];
    let covered: Vec<&str> = cases.iter().map(|(c, _)| *c).collect();
    for command in every_command() {
        assert!(
            covered.contains(&command.as_str()),
            "no case for `{command}`: add one above"
        );
    }
    // A note's own lines stay lines: CRLF is one line break, a CR at the end
    // of the note is shown.
    let (_, shown) = output_of(&env, &s(&["worker", "show", w]));
    assert!(shown.contains("一行目\n"), "{shown}");
    assert!(!shown.contains('\r'), "{shown:?}");
    let mut shown_escaped = 0;
    for (command, args) in &cases {
        let (ok, text) = output_of(&env, args);
        // The CSV document keeps its BOM and CRLF line ends; no other CR is printed.
        let text = if *command == "csv" {
            csv_format_removed(&text)
        } else {
            text
        };
        assert!(
            !text.contains(raw_mark),
            "`{command}` printed a raw mark (ok: {ok}): {text:?}"
        );
        {
            let (_, text) = output_of(&env, &[args.clone(), vec!["--json".into()]].concat());
            let text = if *command == "csv" {
                csv_format_removed(&text)
            } else {
                text
            };
            assert!(
                !text.contains(raw_mark),
                "`{command}` printed a raw mark: {text:?}"
            );
        }
        if text.contains("\\u200e\\u200f\\u061c\\u2028\\u2029") {
            shown_escaped += 1;
        }
        if !ok {
            eprintln!("{command}: {}", text.chars().take(300).collect::<String>());
        }
    }
    // Most commands print some record's text, marks shown as \uXXXX.
    assert!(shown_escaped >= 25, "{shown_escaped}");
}
