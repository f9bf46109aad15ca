//! One error type for the whole program. Messages for people are made by
//! `i18n::error_message`, in the user's language; nothing here prints worker data.

use std::path::PathBuf;

use crate::domain::validate::Invalid;
use crate::i18n::Lang;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What the program was doing when a database or file operation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    OpenDatabase,
    UpgradeDatabase,
    ReadRecords,
    SaveRecords,
    CreateFolder,
    ReadFile,
    WriteFile,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid record: {0:?}")]
    Invalid(Invalid),
    #[error("invalid date for {field}")]
    BadDate { field: &'static str, input: String },
    #[error("invalid time")]
    BadTime { input: String },
    #[error("invalid number for {field}")]
    BadNumber { field: &'static str, input: String },
    #[error("unknown {field}")]
    UnknownChoice {
        field: &'static str,
        input: String,
        choices: fn(Lang) -> String,
    },
    #[error("no such worker")]
    UnknownWorker { query: String },
    #[error("more than one worker matches")]
    AmbiguousWorker {
        query: String,
        candidates: Vec<String>,
    },
    #[error("no such {kind}")]
    NotFound { kind: &'static str, id: String },
    #[error("not a teichaku database")]
    NotOurDatabase { path: PathBuf },
    #[error("not a database file")]
    NotADatabase { path: PathBuf },
    #[error("database schema {found} is newer than {supported}")]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("database error while {during:?}")]
    Database {
        during: Task,
        #[source]
        source: rusqlite::Error,
    },
    #[error("file error while {during:?}")]
    Io {
        during: Task,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("settings file is invalid")]
    Settings { path: PathBuf, detail: String },
    #[error("demo data is invalid")]
    Fixture { detail: String },
    #[error("cancelled")]
    Cancelled,
    #[error("a report for this month exists")]
    ReportExists { month: String },
    #[error("no report for this month")]
    NoReport { month: String },
    #[error("employer report refused: closed employment without consent")]
    ClosedEmploymentReport,
    #[error("invalid month")]
    BadMonth { input: String },
}

impl From<Invalid> for Error {
    fn from(e: Invalid) -> Self {
        Error::Invalid(e)
    }
}

/// Adds what we were doing to a database error.
pub trait DbContext<T> {
    fn during(self, what: Task) -> Result<T>;
}

impl<T> DbContext<T> for rusqlite::Result<T> {
    fn during(self, what: Task) -> Result<T> {
        self.map_err(|source| Error::Database {
            during: what,
            source,
        })
    }
}

/// Adds the file and what we were doing to an I/O error.
pub fn io_error(during: Task, path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io {
        during,
        path,
        source,
    }
}
