//! Every command that shows a worker's data writes its access-log line
//! (issue 34 item 3), through one mechanism:
//!
//! - The command's name (`contact list`, with ` --json` when asked) is taken
//!   from what clap parsed, for every command, a new one included.
//! - A command that shows one worker reads that worker through
//!   [`Ctx::read_worker`]: the worker comes back only together with its line
//!   (`read`, the worker, the command's name).
//! - Any other command is assumed to show worker data unless it is in
//!   [`SHOWS_NO_WORKER_DATA`]: when it ends without having written a line of
//!   its own (a print, a CSV, an export …), one line with no worker and the
//!   command's name is written before its output is released (lists, JSON
//!   dumps and searches cover many workers). A command added without thought
//!   is therefore logged, not skipped.
//!
//! The line never holds note text or a name: its detail is the command's name.

use super::Ctx;
use crate::domain::Worker;
use crate::error::Result;
use crate::store::Access;

/// Commands that print nothing read from a worker's records: what they print
/// is what the user typed (a saved name, a date), a count, or the log itself
/// (`audit`). Exports and imports write their own `export`/`import` lines.
pub const SHOWS_NO_WORKER_DATA: &[&str] = &[
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

/// The command's name as the log shows it: its subcommands' names, then
/// ` --json` when the JSON output was asked for. Empty for the TUI.
pub fn command_name(m: &clap::ArgMatches) -> String {
    let mut names = Vec::new();
    let mut at = m;
    while let Some((name, sub)) = at.subcommand() {
        names.push(name.to_string());
        at = sub;
    }
    let json = at
        .try_get_one::<bool>("json")
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false);
    let mut name = names.join(" ");
    if json {
        name.push_str(" --json");
    }
    name
}

/// Whether the command `name` (as [`command_name`] makes it) shows no
/// worker data.
pub fn shows_no_worker_data(name: &str) -> bool {
    let bare = name.strip_suffix(" --json").unwrap_or(name);
    SHOWS_NO_WORKER_DATA.contains(&bare)
}

/// What the running command has logged (kept in [`Ctx`]).
#[derive(Debug, Default)]
pub struct Reading {
    /// The command's name; empty when unknown (then `"command"`).
    pub command: String,
    /// The log's last line when the command started.
    pub start_seq: i64,
    /// Reads the log could not take when the command started (read-only
    /// media, a full disk: `Store::unlogged_reads`).
    pub start_unlogged: usize,
    /// The workers whose `read` line this command wrote.
    pub workers: Vec<String>,
}

impl Ctx {
    /// A worker (by id, id prefix or name) whose records the command is about
    /// to show: returned only once its access-log line is written.
    pub fn read_worker(&mut self, query: &str) -> Result<Worker> {
        let w = self.store.resolve_worker(query)?;
        self.log_read(&w.id)?;
        Ok(w)
    }

    /// The `read` line for `worker_id` (once per worker and command).
    pub fn log_read(&mut self, worker_id: &str) -> Result<()> {
        if self.reading.workers.iter().any(|w| w == worker_id) {
            return Ok(());
        }
        let detail = self.reading_name().to_string();
        self.store
            .log_access(Access::Read, Some(worker_id), &detail)?;
        self.reading.workers.push(worker_id.to_string());
        Ok(())
    }

    fn reading_name(&self) -> &str {
        if self.reading.command.is_empty() {
            "command"
        } else {
            &self.reading.command
        }
    }

    /// Before the output is released (or printed early, to stderr): a
    /// command that may show worker data and has written no line of its own
    /// gets one, with no worker and its name.
    pub fn finish_reading(&mut self) -> Result<()> {
        if shows_no_worker_data(&self.reading.command) {
            return Ok(());
        }
        if self.store.access_log_last_seq()? > self.reading.start_seq
            || self.store.unlogged_reads() > self.reading.start_unlogged
        {
            return Ok(());
        }
        let detail = self.reading_name().to_string();
        self.store.log_access(Access::Read, None, &detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_of(args: &[&str]) -> String {
        let m = super::super::command()
            .try_get_matches_from(args)
            .expect("parses");
        command_name(&m)
    }

    #[test]
    fn the_command_name_is_its_subcommands_and_json() {
        assert_eq!(
            name_of(&["teichaku", "contact", "list", "--json"]),
            "contact list --json"
        );
        assert_eq!(
            name_of(&["teichaku", "contact", "list", "山田"]),
            "contact list"
        );
        assert_eq!(name_of(&["teichaku", "search", "服薬"]), "search");
        assert_eq!(name_of(&["teichaku"]), "");
        assert!(shows_no_worker_data("sync status --json"));
        assert!(!shows_no_worker_data("worker list --json"));
    }

    #[test]
    fn every_listed_command_exists() {
        fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
            for sub in cmd.get_subcommands() {
                let p = if path.is_empty() {
                    sub.get_name().to_string()
                } else {
                    format!("{path} {}", sub.get_name())
                };
                out.push(p.clone());
                walk(sub, &p, out);
            }
        }
        let mut all = Vec::new();
        walk(&super::super::command(), "", &mut all);
        for name in SHOWS_NO_WORKER_DATA {
            assert!(all.iter().any(|a| a == name), "no command `{name}`");
        }
    }
}
