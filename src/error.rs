//! One error type for the whole program. Messages for people are made by
//! `i18n::error_message`, in the user's language; nothing here prints worker data.

use std::path::PathBuf;

use crate::domain::validate::Invalid;
use crate::lang::Lang;

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
    #[error("file not read: {why:?}")]
    Unreadable { path: PathBuf, why: ReadProblem },
    #[error("file exists")]
    FileExists { path: PathBuf },
    /// The data is on media that cannot be written (`store/read_only.rs`).
    #[error("database is read-only")]
    ReadOnlyData { path: PathBuf },
    /// The disk holding the data is full: opened to read only.
    #[error("disk full")]
    DiskFull { path: PathBuf },
    /// A database from an earlier teichaku on media that cannot be written:
    /// it would need its upgrade written first.
    #[error("read-only database needs an upgrade")]
    ReadOnlyNeedsUpgrade { path: PathBuf },
    #[error("settings file is invalid")]
    Settings { path: PathBuf, detail: String },
    /// The settings' `documents_dir` is empty or relative: documents would
    /// go wherever teichaku happened to be started.
    #[error("documents folder must be a full path")]
    DocumentsDir { value: PathBuf },
    #[error("demo data is invalid")]
    Fixture { detail: String },
    #[error("self-report file refused: {problem:?}")]
    SelfReportFile {
        path: PathBuf,
        problem: crate::domain::selfreport_import::FileProblem,
    },
    #[error("self-report import refused: rows with problems")]
    SelfReportRows,
    #[error("cancelled")]
    Cancelled,
    #[error("import would delete {deleted} of {live} {kind} records")]
    MassDelete {
        kind: &'static str,
        deleted: usize,
        live: usize,
    },
    #[error("sequence number reused with different content")]
    ReusedSequence { device: String, seq: i64 },
    /// An incoming entry under this laptop's own device id that this laptop
    /// does not hold: it never wrote it (a copied database, or a bundle
    /// made to look like ours).
    #[error("an incoming entry claims this laptop's device id")]
    OwnEntryFromElsewhere { seq: i64 },
    /// An incoming entry whose sequence number is outside 1..=MAX_SEQ.
    #[error("sequence number out of range")]
    SequenceOutOfRange { device: String, seq: i64 },
    /// A value longer than its field may hold (`store::limits`).
    #[error("value too long")]
    TooLong { field: String, max: usize },
    /// An incoming entry's value longer than its field may hold.
    #[error("incoming value too long")]
    IncomingTooLong { field: String, max: usize },
    /// This laptop's own counter reached MAX_SEQ (never in practice).
    #[error("sequence numbers exhausted")]
    SequenceExhausted,
    #[error("no open conflict there")]
    NoConflict,
    #[error("no conflict matches")]
    UnknownConflict { query: String },
    #[error("bundle refused: {problem:?}")]
    Bundle {
        path: PathBuf,
        problem: BundleProblem,
    },
    #[error("no sync passphrase given")]
    PassphraseMissing,
    #[error("sync passphrase too short")]
    PassphraseTooShort { min: usize },
    #[error("the two passphrases differ")]
    PassphraseMismatch,
    #[error("answers do not fit the checklist")]
    Answers(crate::domain::checklist::AnswerError),
    #[error("no such checklist")]
    UnknownInstrument { query: String, known: Vec<String> },
    #[error("no assessments")]
    NoAssessments { instrument: Option<String> },
    #[error("a report for this month exists")]
    ReportExists { month: String },
    #[error("no report for this month")]
    NoReport { month: String },
    /// `due done` (or x on the dashboard) for a worker with no open follow-up.
    #[error("no open follow-up")]
    NoFollowUp { worker: String },
    #[error("employer report refused: closed employment without consent")]
    ClosedEmploymentReport,
    /// `worker edit --disclosure closed` over conflicting records, with no
    /// terminal to ask at and no `--yes`.
    #[error("closed employment over conflicting records needs --yes")]
    ClosedConflictsNeedYes { records: usize },
    /// An employer version while records of the month are flagged for
    /// closed employment (domain::closed): they may be in the report's text.
    #[error("employer report refused: closed-employment records to review")]
    ClosedEmploymentFlagged { records: usize },
    #[error("employer report refused: not confirmed by the worker")]
    UnconfirmedEmployerReport,
    /// A handover sheet with no consented sharing recorded to print it for.
    #[error("handover sheet refused: no consented sharing")]
    HandoverNotConsented,
    /// A handover sheet for a person at the workplace of a closed-employment
    /// worker: the sheet holds the plan and the checklists.
    #[error("handover sheet refused: closed employment, recipient at the workplace")]
    ClosedEmploymentSheet,
    #[error("search query too long")]
    SearchTooLong { max: usize },
    #[error("invalid month")]
    BadMonth { input: String },
    #[error("the plan file could not be read")]
    PlanFile { detail: String },
    #[error("no support plan to review")]
    NoPlan,
    #[error("the worker already has a support plan")]
    PlanExists,
    /// Two versions made from the same version on two laptops, nobody has
    /// chosen yet: a new version waits for the choice or a merge.
    #[error("the plan has two concurrent versions; resolve them first")]
    PlanForked { version: u32 },
    /// `plan review --merge` with no concurrent versions to merge.
    #[error("no concurrent plan versions to merge")]
    NoPlanFork,
    /// `conflicts resolve --text` on concurrent plan versions.
    #[error("concurrent plan versions are resolved by choosing or merging")]
    PlanForkText,
    /// `conflicts resolve --text` on a record deleted on one laptop and edited on another.
    #[error("a delete against edits is resolved by keeping or deleting the record")]
    DeleteConflictText,
    /// `worker restore` of a worker in view (not deleted, no delete met edits).
    #[error("the worker is not deleted")]
    NotDeleted { name: String },
    /// `contact restore` of a contact whose worker is deleted.
    #[error("the contact's worker is deleted")]
    ContactOfDeletedWorker,
    #[error("TEICHAKU_TODAY is not a date")]
    BadToday { input: String },
    /// The key file's seal did not open with the passphrase given.
    #[error("wrong database passphrase")]
    WrongDbPassphrase,
    #[error("no database passphrase given")]
    DbPassphraseMissing,
    #[error("the database's key file is missing")]
    DbKeyFileMissing { path: PathBuf },
    /// A key file of a format this teichaku does not know (a newer one).
    #[error("the database's key file is from a newer teichaku")]
    DbKeyFileBroken { path: PathBuf },
    /// A key file that is damaged: not our JSON, its CRC does not match,
    /// or the passphrase is right (its check opens) but no seal does.
    #[error("the database's key file is damaged")]
    DbKeyFileDamaged { path: PathBuf },
    /// The key file opened but the database does not open with its key:
    /// a key file of another database, or a damaged database.
    #[error("the database does not open with its key")]
    DbKeyMismatch { path: PathBuf },
    /// A plaintext database where an encrypted one is expected.
    #[error("the database is not encrypted")]
    PlaintextDatabase { path: PathBuf },
    /// A copy made while encrypting or re-keying does not match the original.
    #[error("the encrypted copy does not match")]
    EncryptionCheckFailed { path: PathBuf },
    /// Backup, restore or check-up asked for where there is no database.
    #[error("no database here")]
    NoDatabase { path: PathBuf },
    /// The backup folder is not there (a USB stick not plugged in).
    #[error("the backup folder is missing")]
    BackupFolderMissing { path: PathBuf },
    #[error("not a teichaku backup")]
    NotABackup { path: PathBuf },
    /// A backup that is cut short or does not pass its check.
    #[error("the backup is damaged")]
    BackupDamaged { path: PathBuf },
    /// `restore` only into a data folder without a database.
    #[error("a database is already there")]
    RestoreTargetNotEmpty { path: PathBuf },
    /// `doctor` found problems (its report says which).
    #[error("the check-up found problems")]
    DoctorFoundProblems { count: usize },
    /// Backup, restore and check-up are for real data, not `--demo`.
    #[error("not with --demo")]
    NotInDemo,
}

/// Why a sync bundle could not be read. Each has its own message: the user's
/// next step differs (copy again, check the passphrase, update teichaku…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundleProblem {
    /// Not a teichaku bundle at all.
    NotABundle,
    /// No bytes at all: a copy that has not started, or a placeholder.
    Empty,
    /// Could not be read as a file at all (a folder, a pipe, gone, denied…).
    Unreadable(ReadProblem),
    /// Shorter than its header says: an incomplete copy.
    Truncated,
    /// The checksum does not match: damaged on the way.
    Damaged,
    /// Written by a newer teichaku whose format this one cannot read.
    NewerFormat { found: u16, supported: u16 },
    /// The key id does not match: another passphrase (or another agency).
    WrongPassphrase,
    /// The checksum matches but the authenticated header or content does not:
    /// changed on purpose, or rewritten by something that fixed up the checksum.
    Tampered,
    /// Larger than teichaku accepts.
    TooLarge,
    /// Authentic, but its content makes no sense (a teichaku bug).
    Malformed,
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

/// Why a file we were asked to read was not read (`files::read_capped`).
/// Copy and free of OS text, so it can be kept in reports and shown in the
/// user's language later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadProblem {
    /// A folder where a file was expected.
    Folder,
    /// A named pipe, a device (such as `/dev/zero`) or a socket: reading it
    /// could wait for ever or never end.
    NotAFile,
    /// More bytes than this kind of file may hold.
    TooLarge {
        max: u64,
    },
    /// Text that is not UTF-8.
    NotText,
    Missing,
    Denied,
    /// Any other failure (a drive that went away, a network error…).
    Failed,
}

impl ReadProblem {
    pub(crate) fn from_io(e: &std::io::Error) -> ReadProblem {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadProblem::Missing,
            std::io::ErrorKind::PermissionDenied => ReadProblem::Denied,
            std::io::ErrorKind::IsADirectory => ReadProblem::Folder,
            _ => ReadProblem::Failed,
        }
    }

    /// The error for the user, naming the file.
    pub fn at(self, path: &std::path::Path) -> Error {
        Error::Unreadable {
            path: path.to_path_buf(),
            why: self,
        }
    }
}
