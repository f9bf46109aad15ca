//! Files that are not what they claim, given to the command line: pipes,
//! devices, folders, empty and huge files. Each is refused at once, with a
//! sentence in the user's language, and the database is left as it was.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

mod common;

use common::cli::{Env, Start};

const PASS: &str = "うみかぜ事業所 2026 sync";

/// Generous: only there to turn a hang into a failure.
const HANG: Duration = Duration::from_secs(10);

fn import(env: &Env, file: &std::path::Path) -> std::process::Output {
    let mut cmd = env.command(&["import", file.to_str().unwrap()]);
    cmd.env("TEICHAKU_SYNC_PASSPHRASE", PASS);
    Env::run_bounded(cmd, HANG)
}

#[cfg(unix)]
#[test]
fn import_of_a_fifo_or_a_link_to_dev_zero_returns_at_once_with_a_clear_message() {
    let env = Env::new();
    env.ok(&["worker", "list"]);
    let fifo = env.path("pipe.tcsync");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let zero = env.path("zero.tcsync");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let before = env.log_len();
    for file in [&fifo, &zero] {
        let out = import(&env, file);
        assert_eq!(out.status.code(), Some(1), "{file:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("普通のファイルではありません"), "{err}");
        assert!(!err.contains("os error"), "{err}");
    }
    assert_eq!(env.log_len(), before);
}

#[test]
fn import_of_a_folder_says_to_name_a_file_or_use_sync() {
    let env = Env::new();
    let out = import(&env, env.dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("フォルダです") && err.contains("teichaku sync"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn an_empty_bundle_is_called_empty_not_truncated() {
    let env = Env::new();
    let file = env.path("empty.tcsync");
    std::fs::write(&file, b"").unwrap();
    let err = String::from_utf8(import(&env, &file).stderr).unwrap();
    assert!(err.contains("空のファイルです"), "{err}");
    assert!(!err.contains("途中で切れています"), "{err}");
}

#[test]
fn a_note_starting_with_a_dash_is_text_and_a_non_utf8_notes_file_is_explained() {
    let env = Env::new();
    env.ok(&["worker", "add", "--name", "山田 太郎"]);
    env.ok(&[
        "contact",
        "add",
        "山田",
        "--mode",
        "phone",
        "--notes",
        "-5 体重が減った",
    ]);
    let list = env.ok(&["contact", "list", "山田", "--json"]);
    assert!(list.contains("-5 体重が減った"), "{list}");

    let before = env.log_len();
    let file = env.path("note.txt");
    std::fs::write(&file, b"\x82\xa0 Shift_JIS").unwrap();
    let notes_file = ["contact", "add", "山田", "--mode", "phone", "--notes-file"];
    let err = env.fails(&[&notes_file[..], &[file.to_str().unwrap()]].concat());
    assert!(
        err.contains("UTF-8") && err.contains("保存し直して"),
        "{err}"
    );
    assert!(!err.contains("stream did not contain"), "{err}");
    let mut en =
        env.command(&[&notes_file[..], &[file.to_str().unwrap(), "--lang", "en"]].concat());
    let err = String::from_utf8(en.output_started().stderr).unwrap();
    assert!(
        err.contains("not UTF-8 text; save it again as UTF-8"),
        "{err}"
    );
    assert_eq!(env.log_len(), before);
}

/// One limit for a note however it comes (issue 34 item 2): read from a
/// file or from standard input (an option cannot carry that much: the
/// system's own limit on one argument is lower), over 256 KB it is refused
/// with the limit in the user's language; a name over 1 KB too; nothing is
/// written.
#[test]
fn a_note_or_a_name_over_the_limit_is_refused_from_a_file_or_standard_input() {
    use std::io::Write;
    let env = Env::new();
    env.ok(&["worker", "add", "--name", "山田 太郎"]);
    let before = env.log_len();
    let long = "あ".repeat(90_000);
    let file = env.path("long.txt");
    std::fs::write(&file, long.as_bytes()).unwrap();
    let add = ["contact", "add", "山田", "--mode", "phone", "--notes-file"];
    let err = env.fails(&[&add[..], &[file.to_str().unwrap()]].concat());
    assert!(err.contains("256 KB"), "{err}");
    let mut child = env
        .command(&[&add[..], &["-"]].concat())
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn_started();
    let _ = child.stdin.take().unwrap().write_all(long.as_bytes());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success() && err.contains("256 KB"), "{err}");
    let err = env.fails(&["worker", "add", "--name", &"名".repeat(400), "--lang", "en"]);
    assert!(err.contains("The name is too long"), "{err}");
    assert_eq!(env.log_len(), before);
    // Just under the limit is kept whole.
    std::fs::write(&file, "あ".repeat(80_000).as_bytes()).unwrap();
    env.ok(&[&add[..], &[file.to_str().unwrap()]].concat());
    let list = env.ok(&["contact", "list", "山田", "--json"]);
    assert!(list.contains(&"あ".repeat(80_000)));
}
