//! Starting the system's browser on a written document, and knowing whether
//! it started: the supporter is told "opened in the browser" only when the
//! opener said so (its exit status, or an error starting it).
//!
//! Windows (the main platform): `ShellExecuteW` through the `opener` crate,
//! which answers at once whether a program took the file. Elsewhere the
//! opener (`$BROWSER`, `xdg-open`, `wslview` under WSL, macOS's `open`) is a
//! process the crate starts and never waits for, so a missing browser would
//! still be "opened": here that process is started and waited for.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long an opener may take to say whether it started a browser. One
/// still running after that is taken as the browser itself (`$BROWSER`
/// naming one, which runs until it is closed): it started.
pub const PATIENCE: Duration = Duration::from_secs(3);

/// Opens the file in the system's browser; `false` when none could be
/// started (the caller then says where the file is).
pub fn open_in_browser(path: &Path) -> bool {
    #[cfg(windows)]
    if std::env::var_os("BROWSER").is_none() {
        return opener::open_browser(path).is_ok();
    }
    openers(path)
        .into_iter()
        .any(|cmd| started(cmd, PATIENCE) != Started::Failed)
}

/// The commands to try, in order: `$BROWSER` when set, else the platform's.
fn openers(path: &Path) -> Vec<Command> {
    let with = |program: &std::ffi::OsStr| {
        let mut c = Command::new(program);
        c.arg(path);
        c
    };
    if let Some(browser) = std::env::var_os("BROWSER").filter(|b| !b.is_empty()) {
        return vec![with(&browser)];
    }
    let names: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &[]
    } else {
        &["wslview", "xdg-open"]
    };
    names.iter().map(|n| with(n.as_ref())).collect()
}

/// What became of one opener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Started {
    /// It exited successfully.
    Yes,
    /// Still running after the patience: a browser itself.
    Running,
    /// It could not be started, or it exited with a failure.
    Failed,
}

/// Starts `cmd` (no input, output thrown away) and waits up to `patience`
/// for it to end. A process still running is left to run; a thread reaps it
/// when it ends.
pub fn started(mut cmd: Command, patience: Duration) -> Started {
    let spawned = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = spawned else {
        return Started::Failed;
    };
    let since = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Started::Yes,
            Ok(Some(_)) | Err(_) => return Started::Failed,
            Ok(None) if since.elapsed() >= patience => {
                std::thread::spawn(move || child.wait());
                return Started::Running;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A shell command: `sh -c` here, `cmd /C` on Windows.
    fn shell(script: &str) -> Command {
        let mut c = if cfg!(windows) {
            let mut c = Command::new("cmd");
            c.arg("/C");
            c
        } else {
            let mut c = Command::new("sh");
            c.arg("-c");
            c
        };
        c.arg(script);
        c
    }

    #[test]
    fn an_opener_counts_as_started_only_when_it_succeeded_or_still_runs() {
        let short = Duration::from_millis(300);
        assert_eq!(started(shell("exit 0"), short), Started::Yes);
        // xdg-open's "no program found" (3) and "action failed" (4).
        assert_eq!(started(shell("exit 3"), short), Started::Failed);
        assert_eq!(started(shell("exit 4"), short), Started::Failed);
        let missing = Command::new("teichaku-no-such-opener-程序");
        assert_eq!(started(missing, short), Started::Failed);
        let slow = if cfg!(windows) {
            "ping -n 3 127.0.0.1 >NUL"
        } else {
            "sleep 2"
        };
        assert_eq!(started(shell(slow), short), Started::Running);
    }
}
