//! Text options take values starting with `-` (a name such as "-田中", a
//! note "-5 kg"), on every command: the test walks the program's own
//! command-line definition, so a new option is checked without a new case.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::Env;

/// Every (command path, long option taking a value) of the program.
fn every_valued_option() -> Vec<(Vec<String>, clap::Arg)> {
    fn walk(cmd: &clap::Command, path: &[String], out: &mut Vec<(Vec<String>, clap::Arg)>) {
        for a in cmd.get_arguments() {
            if a.get_long().is_some()
                && a.get_action().takes_values()
                && a.get_long() != Some("help")
            {
                out.push((path.to_vec(), a.clone()));
            }
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut p = path.to_vec();
            p.push(sub.get_name().to_string());
            walk(sub, &p, out);
        }
    }
    let mut out = Vec::new();
    walk(&teichaku::cli::command(), &[], &mut out);
    out
}

/// `cmd` with `f` applied to the argument `id` of the subcommand at `path`.
fn with_arg(
    cmd: clap::Command,
    path: &[String],
    id: &clap::Id,
    f: &dyn Fn(clap::Arg) -> clap::Arg,
) -> clap::Command {
    match path.split_first() {
        None => cmd.mut_arg(id.as_str(), f),
        Some((first, rest)) => {
            let first = first.clone();
            cmd.mut_subcommand(first, |sub| with_arg(sub, rest, id, f))
        }
    }
}

#[test]
fn every_option_taking_a_value_accepts_one_starting_with_a_hyphen() {
    let options = every_valued_option();
    // The text options the issue names are among them, and many more.
    for name in [
        "name", "employer", "notes", "memo", "note", "reason", "text", "kana",
    ] {
        assert!(
            options.iter().any(|(_, a)| a.get_long() == Some(name)),
            "--{name}"
        );
    }
    assert!(options.len() > 60, "{}", options.len());
    for (path, arg) in &options {
        let long = format!("--{}", arg.get_long().unwrap_or_default());
        let mut argv = vec!["teichaku".to_string()];
        argv.extend(path.iter().cloned());
        argv.extend([long.clone(), "-田中".to_string()]);
        // Other required arguments missing is not what is checked: errors
        // are ignored, and the value must have reached the option.
        // Whatever the option's type, its value reaches it as text (a
        // number's parser would refuse "-田中" with its own message).
        let id = arg.get_id().clone();
        let as_text = |a: clap::Arg| a.value_parser(clap::value_parser!(String));
        let matches = with_arg(teichaku::cli::command(), path, &id, &as_text)
            .ignore_errors(true)
            .try_get_matches_from(&argv)
            .unwrap_or_else(|e| panic!("{argv:?}: {e}"));
        let mut m = &matches;
        for name in path {
            m = m
                .subcommand_matches(name)
                .unwrap_or_else(|| panic!("{argv:?}"));
        }
        let raw: Vec<_> = m
            .get_raw(arg.get_id().as_str())
            .map(|v| v.collect())
            .unwrap_or_default();
        assert_eq!(raw, vec![std::ffi::OsStr::new("-田中")], "{argv:?}");
    }
}

#[test]
fn a_name_and_an_employer_starting_with_a_hyphen_are_saved() {
    let env = Env::new();
    let out = env.ok(&[
        "worker",
        "add",
        "--name",
        "-田中",
        "--employer",
        "-株式会社",
        "--kana",
        "-たなか",
    ]);
    assert!(out.contains("-田中"), "{out}");
    env.ok(&[
        "worker",
        "edit",
        "--memo",
        "-5 kg 体重が減った",
        "--job",
        "-検品",
        "--",
        "-田中",
    ]);
    env.ok(&[
        "contact",
        "add",
        "--mode",
        "visit",
        "--notes",
        "--もう一度",
        "--",
        "-田中",
    ]);
    let shown = env.ok(&["worker", "show", "--", "-田中"]);
    assert!(
        shown.contains("-株式会社") && shown.contains("-検品"),
        "{shown}"
    );
    let w = &common::open_db(&env.db()).workers().unwrap()[0].worker;
    assert_eq!(
        (w.display_name.as_str(), w.employer.as_str()),
        ("-田中", "-株式会社")
    );
    // A number still gets the program's own message, in the user's language.
    let err = env.fails(&[
        "contact",
        "add",
        "--mode",
        "visit",
        "--minutes",
        "-5",
        "--",
        "-田中",
    ]);
    assert!(err.contains("「-5」は数として読めません"), "{err}");
}
