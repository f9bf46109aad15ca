//! Laptops on the command line: each its own data and config folder and
//! database passphrase, on the pinned day, with the agency's sync
//! passphrase — for the sync tests run as staff would.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::cli::Start;

pub const PASS: &str = "うみかぜ事業所 2026 sync";

pub struct Laptop {
    pub dir: PathBuf,
}

impl Laptop {
    pub fn new(root: &Path, name: &str) -> Laptop {
        Laptop {
            dir: root.join(name),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.join("data").join("teichaku.db")
    }

    pub fn run_with(&self, args: &[&str], pass: Option<&str>) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_teichaku"));
        cmd.args(args)
            .env("TEICHAKU_DATA_DIR", self.dir.join("data"))
            .env("TEICHAKU_CONFIG_DIR", self.dir.join("config"))
            .env_remove("TEICHAKU_SYNC_PASSPHRASE")
            .env("TEICHAKU_TODAY", super::cli::TODAY)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            // Every laptop's own database, encrypted under its passphrase.
            .env(
                "TEICHAKU_DB_PASSPHRASE",
                "this laptop's database passphrase",
            )
            .stdin(std::process::Stdio::null());
        if let Some(p) = pass {
            cmd.env("TEICHAKU_SYNC_PASSPHRASE", p);
        }
        cmd.output_started()
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run_with(args, Some(PASS));
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Expects exit code 1; returns stderr.
    pub fn fails_with(&self, args: &[&str], pass: Option<&str>) -> String {
        let out = self.run_with(args, pass);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} should fail; stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    pub fn fails(&self, args: &[&str]) -> String {
        self.fails_with(args, Some(PASS))
    }

    pub fn workers(&self) -> Vec<(String, String)> {
        let json = self.ok(&["worker", "list", "--json"]);
        let v: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
        v.iter()
            .map(|w| {
                (
                    w["display_name"].as_str().unwrap().to_string(),
                    w["memo"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }

    pub fn conflicts(&self) -> Vec<serde_json::Value> {
        serde_json::from_str(&self.ok(&["conflicts", "--json"])).unwrap()
    }

    /// The database file's bytes (the process has closed it, so the WAL is
    /// checkpointed) and whether a WAL is left beside it.
    pub fn db_bytes(&self) -> (Vec<u8>, bool) {
        let wal = self.db().with_file_name("teichaku.db-wal");
        (std::fs::read(self.db()).unwrap(), wal.exists())
    }
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}
