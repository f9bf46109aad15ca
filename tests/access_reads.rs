//! Every command that shows a worker's data writes an access-log line
//! (issue 34 item 3): each command clap knows is either run here over a demo
//! worker and must add a line to `audit --json`, or is listed as showing no
//! worker data. A new command in neither list fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::{Env, Start};
use serde_json::Value;

/// Commands that print nothing read from a worker's records (what the user
/// typed, counts, the log itself). Must equal the program's own list.
const SHOWS_NO_WORKER_DATA: &[&str] = &[
    "worker add",
    "worker edit",
    "worker delete",
    "worker restore",
    "person add",
    "contact consent",
    "contact add",
    "contact restore",
    "export",
    "import",
    "sync",
    "sync status",
    "conflicts resolve",
    "check",
    "due done",
    "due waive",
    "plan new",
    "plan review",
    "handover decide",
    "handover share",
    "handover withdraw",
    "report draft",
    "report set",
    "report finalise",
    "audit",
    "passphrase change",
    "backup",
    "restore",
    "doctor",
];

const WORKER: &str = "石川 美穂";

fn every_command() -> Vec<String> {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let p = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            if !sub.has_subcommands() || !sub.is_subcommand_required_set() {
                out.push(p.clone());
            }
            walk(sub, &p, out);
        }
    }
    let mut out = Vec::new();
    walk(&teichaku::cli::command(), "", &mut out);
    out
}

fn log(env: &Env) -> Vec<Value> {
    let json = env.ok(&["audit", "--json", "--limit", "100000"]);
    match serde_json::from_str::<Value>(&json) {
        Ok(Value::Array(v)) => v,
        other => panic!("audit --json: {other:?}"),
    }
}

fn worker_id(env: &Env) -> String {
    let json: Value = serde_json::from_str(&env.ok(&["worker", "show", WORKER, "--json"])).unwrap();
    json["id"]
        .as_str()
        .or(json["worker"]["id"].as_str())
        .unwrap()
        .to_string()
}

#[test]
fn every_command_that_shows_a_worker_writes_its_line() {
    let env = Env::demo();
    let id = worker_id(&env);
    let csv = env.path("self.csv");
    std::fs::write(
        &csv,
        format!("タイムスタンプ,氏名,体調\n2026/11/20 9:00:00,{WORKER},3\n"),
    )
    .unwrap();
    let csv = csv.to_string_lossy().into_owned();
    // A sharing with consent, so the handover sheet can be made.
    env.ok(&[
        "person",
        "add",
        WORKER,
        "--name",
        "森 課長",
        "--role",
        "上司",
        "--layer",
        "company",
    ]);
    env.ok(&[
        "handover",
        "share",
        WORKER,
        "--with",
        "森",
        "--what",
        "plan",
        "--how",
        "meeting",
        "--consent",
        "yes",
    ]);
    let out_file = env.path("sheet.html").to_string_lossy().into_owned();
    // (command, arguments, about the one worker); each also run with --json
    // where the command has it.
    let cases: Vec<(&str, Vec<&str>, bool)> = vec![
        ("worker list", vec!["worker", "list"], false),
        ("worker list", vec!["worker", "list", "--deleted"], false),
        ("worker show", vec!["worker", "show", WORKER], true),
        ("person list", vec!["person", "list", WORKER], true),
        ("contact list", vec!["contact", "list"], false),
        ("contact list", vec!["contact", "list", WORKER], true),
        ("contact list", vec!["contact", "list", "--deleted"], false),
        ("plan show", vec!["plan", "show", WORKER], false),
        ("plan list", vec!["plan", "list", WORKER], true),
        ("summary", vec!["summary", WORKER], false),
        ("handover show", vec!["handover", "show", WORKER], true),
        ("handover sheet", vec!["handover", "sheet", WORKER], true),
        (
            "handover sheet",
            vec!["handover", "sheet", WORKER, "--out", &out_file],
            true,
        ),
        (
            "selfreport import",
            vec!["selfreport", "import", &csv, "--dry-run"],
            false,
        ),
        (
            "selfreport import",
            vec!["selfreport", "import", &csv],
            false,
        ),
        ("report", vec!["report", WORKER, "--month", "2026-10"], true),
        ("report list", vec!["report", "list", WORKER], true),
        ("due", vec!["due"], false),
        ("due waivers", vec!["due", "waivers", WORKER], true),
        ("search", vec!["search", "体調"], false),
        ("csv", vec!["csv", "contacts"], false),
        ("csv", vec!["csv", "workers"], false),
        ("conflicts", vec!["conflicts"], false),
    ];
    let walked = every_command();
    for command in &walked {
        let shown = cases.iter().any(|(c, _, _)| c == command);
        let not = SHOWS_NO_WORKER_DATA.contains(&command.as_str());
        assert!(
            shown != not,
            "`{command}`: run it in the cases above (it shows worker data) \
             or list it in SHOWS_NO_WORKER_DATA (shown: {shown}, listed: {not})"
        );
    }
    let mut lib: Vec<&str> = teichaku::cli::access::SHOWS_NO_WORKER_DATA.to_vec();
    let mut ours = SHOWS_NO_WORKER_DATA.to_vec();
    lib.sort_unstable();
    ours.sort_unstable();
    assert_eq!(lib, ours, "the program's list and this test's list differ");

    let mut runs = 0;
    for (command, args, one) in &cases {
        let json_too = {
            let mut with = args.clone();
            with.push("--json");
            let out = env.command(&with).output_started();
            out.status.success().then_some(with)
        };
        // The --json run above was already logged; the plain one is checked
        // here, then the JSON one below on a fresh count.
        for run in [Some(args.clone()), json_too].into_iter().flatten() {
            let before = log(&env).len();
            let out = env.command(&run).output_started();
            assert!(
                out.status.success(),
                "{run:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let after = log(&env);
            assert!(
                after.len() > before,
                "`{}` printed worker data without an access-log line",
                run.join(" ")
            );
            let new = &after[..after.len() - before];
            let json = run.contains(&"--json");
            let name = if json {
                format!("{command} --json")
            } else {
                command.to_string()
            };
            let about_worker = new.iter().any(|l| l["worker_id"] == id.as_str());
            // A line of its own command, or the CSV's own line.
            let named = new.iter().any(|l| {
                l["detail"].as_str().is_some_and(|d| d.starts_with(&name))
                    || (*command == "csv" && l["action"] == "csv")
            });
            assert!(
                about_worker || named,
                "`{}`: its line names neither the worker nor the command: {new:?}",
                run.join(" ")
            );
            if *one {
                assert!(about_worker, "`{}`: {new:?}", run.join(" "));
            }
            for l in new {
                let detail = l["detail"].as_str().unwrap_or_default();
                assert!(
                    !detail.contains("石川") && !detail.contains("体調"),
                    "no name or note text in the detail: {detail}"
                );
            }
            runs += 1;
        }
    }
    assert!(runs >= 35, "{runs}");
    // The lines read in both languages.
    let ja = env.ok(&["audit", "--limit", "3"]);
    assert!(ja.contains("記録を表示"), "{ja}");
    let en = env.ok(&["--lang", "en", "audit", "--limit", "3"]);
    assert!(en.contains("viewed records"), "{en}");
}

#[test]
fn a_command_showing_no_worker_data_writes_no_read_line() {
    let env = Env::demo();
    let before = log(&env).len();
    env.ok(&["sync", "status"]);
    env.ok(&["audit"]);
    env.ok(&[
        "contact",
        "add",
        WORKER,
        "--mode",
        "phone",
        "--notes",
        "電話で様子を聞いた",
    ]);
    let after = log(&env);
    assert_eq!(after.len(), before, "{after:?}");
}
