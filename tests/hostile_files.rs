//! Files that are not what they claim, given to the command line: pipes,
//! devices, folders, empty and huge files. Each is refused at once, with a
//! sentence in the user's language, and the database is left as it was.

use std::time::Duration;

mod common;

use common::cli::Env;

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
