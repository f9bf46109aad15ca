//! The command line run as a user would, in a private temp data and config dir,
//! with a locale that does not switch the language, on a pinned date
//! (`TEICHAKU_TODAY`) so that no test depends on the day it runs.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The day every CLI test runs on unless it asks for another.
pub const TODAY: &str = "2026-11-21";

pub struct Env {
    pub dir: tempfile::TempDir,
    pub today: String,
}

impl Env {
    pub fn new() -> Env {
        Env::on(TODAY)
    }

    /// An environment holding the demo agency as of its day.
    #[allow(dead_code)]
    pub fn demo() -> Env {
        let env = Env::new();
        std::fs::create_dir_all(env.db().parent().unwrap()).unwrap();
        let mut store = crate::common::open_db(&env.db());
        teichaku::demo::load_all(&mut store, env.today()).unwrap();
        env
    }

    /// [`Env::ok`] with the agency's sync passphrase `pass` in the
    /// environment (export and import).
    #[allow(dead_code)]
    pub fn ok_with_pass(&self, pass: &str, args: &[&str]) -> String {
        let out = self
            .command(args)
            .env("TEICHAKU_SYNC_PASSPHRASE", pass)
            .output_started();
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// An environment whose "today" is `day` (YYYY-MM-DD).
    pub fn on(day: &str) -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
            today: day.to_string(),
        }
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.today.parse().unwrap()
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("data").join("teichaku.db")
    }

    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The command `run` runs, to add to (a passphrase, another stdin).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_teichaku"));
        cmd.args(args)
            .env("TEICHAKU_DATA_DIR", self.dir.path().join("data"))
            .env("TEICHAKU_CONFIG_DIR", self.config())
            .env("TEICHAKU_TODAY", &self.today)
            .env(
                teichaku::store::unlock::PASSPHRASE_ENV,
                crate::common::DB_PASSPHRASE,
            )
            .env_remove("TEICHAKU_DB_NEW_PASSPHRASE")
            .env_remove("TEICHAKU_SYNC_PASSPHRASE")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .stdin(std::process::Stdio::null());
        cmd
    }

    /// Runs `args` and returns what the program printed; see [`Start`].
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output_started()
    }

    /// Runs `cmd` but kills it after `limit`: for inputs that once made the
    /// program hang. The limit only detects a hang; nothing is timed. For
    /// commands that print little (output is read once the child has exited).
    pub fn run_bounded(mut cmd: Command, limit: std::time::Duration) -> Output {
        use std::process::Stdio;
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn_started();
        let start = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > limit {
                child.kill().unwrap();
                let _ = child.wait();
                panic!("still running after {limit:?}: killed");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        child.wait_with_output().unwrap()
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects failure with exit code 1; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} should fail; stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    pub fn log_len(&self) -> usize {
        crate::common::open_db(&self.db()).own_log().unwrap().len()
    }
}

/// Under wine a loaded machine sometimes fails to start a process at all
/// (CreateProcess: "Internal error", os error 1359). Every test that starts
/// the program goes through these: starting it is tried again, never the
/// program's result.
pub trait Start {
    /// `output()`, its start retried under wine.
    fn output_started(&mut self) -> Output;
    /// `spawn()`, its start retried under wine.
    fn spawn_started(&mut self) -> std::process::Child;
}

fn retry_start<T>(mut start: impl FnMut() -> std::io::Result<T>) -> T {
    let mut tries = 0;
    loop {
        match start() {
            Ok(started) => return started,
            Err(e) if tries < 5 && std::env::var_os("TEICHAKU_UNDER_WINE").is_some() => {
                tries += 1;
                eprintln!("starting the program failed under wine ({e}); again");
                std::thread::sleep(std::time::Duration::from_millis(500 * tries));
            }
            Err(e) => panic!("could not start the program: {e}"),
        }
    }
}

impl Start for Command {
    fn output_started(&mut self) -> Output {
        retry_start(|| self.output())
    }

    fn spawn_started(&mut self) -> std::process::Child {
        retry_start(|| self.spawn())
    }
}
