//! Schema upgrades: an ordered list keyed by `PRAGMA user_version`, each applied
//! in its own transaction together with the version bump.

use rusqlite::{Connection, TransactionBehavior};

use super::keyfile::DbKey;
use crate::error::{DbContext, Result, Task};

/// Every schema step, oldest first. Step `i` takes a database from version `i` to
/// `i + 1`. Never edit a step that has shipped; add a new one.
pub const MIGRATIONS: &[Step] = &[
    Step::Sql(V1_RECORDS_AND_LOG),
    Step::Sql(SYNC_STATE),
    Step::Sql(ASSESSMENTS),
    Step::Sql(REPORTS_PLANS_AND_SEARCH),
    Step::Sql(LIVE_CONTACT_INDEXES),
    Step::Sql(SUPPORT_PLANS),
    Step::Sql(CLOSED_CONSENT),
    Step::Sql(REPORT_HANDED_ON),
    Step::Sql(HANDOVER),
    Step::Sql(ENTRY_PENDING_COMMENTS),
    Step::Sql(SELF_REPORTS),
    Step::Sql(FOLLOW_UP_DONE),
    Step::Sql(PRIOR_RECORDS),
    Step::Sql(super::audit::ACCESS_LOG),
    Step::Sql(DASHBOARD_INDEXES),
    Step::Sql(IMPORT_WORK),
    Step::Sql(WORKER_NAMES_INDEX),
    Step::Sql(REPORT_SELFREPORTS),
    Step::Sql(SELF_REPORT_DAY_OFF),
    Step::Sql(WAIVERS),
    Step::Sql(PLAN_SUPERSEDED),
    Step::Sql(SHARING_PEOPLE),
    Step::Sql(PLAN_CONSENT),
    Step::SqlChainSql(
        super::audit_chain::CHAIN_BEFORE,
        super::audit_chain::CHAIN_AFTER,
    ),
];

/// One schema step: literal SQL, frozen once shipped — never built from code
/// that may change (the search triggers of step 4 were built from a list
/// once; they are its literal text now). `tests` hold the schema each
/// version makes (`fixtures/schema/`), so an edited step fails the suite.
pub enum Step {
    Sql(&'static str),
    /// Literal SQL, then the access log's existing lines chained and its
    /// head sealed (audit_chain.rs: hashes cannot be made in SQL), then
    /// literal SQL, all in the step's transaction. The chaining code is
    /// frozen with the step, as its SQL is.
    SqlChainSql(&'static str, &'static str),
}

impl Step {
    /// The step's SQL (both parts of a chaining step, for the record).
    pub fn sql(&self) -> String {
        match self {
            Step::Sql(sql) => sql.to_string(),
            Step::SqlChainSql(before, after) => format!("{before}{after}"),
        }
    }

    fn apply(&self, tx: &rusqlite::Transaction<'_>, key: Option<&DbKey>) -> Result<()> {
        match self {
            Step::Sql(sql) => tx.execute_batch(sql).during(Task::UpgradeDatabase),
            Step::SqlChainSql(before, after) => {
                tx.execute_batch(before).during(Task::UpgradeDatabase)?;
                super::audit_chain::chain_existing(tx, key)?;
                tx.execute_batch(after).during(Task::UpgradeDatabase)
            }
        }
    }
}

/// The first version whose access log is a hash chain (audit_chain.rs).
pub const ACCESS_LOG_CHAINED: i64 = 24;

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Upgrades to `target` (≤ `LATEST`), one transaction per step; a store
/// without a key (its access-log head sealed under the fixed key).
pub fn upgrade(conn: &mut Connection, target: i64) -> Result<()> {
    upgrade_with_key(conn, target, None)
}

/// [`upgrade`] for a database opened with `key` (the access log's head is
/// sealed under it).
pub fn upgrade_with_key(conn: &mut Connection, target: i64, key: Option<&DbKey>) -> Result<()> {
    let current: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .during(Task::UpgradeDatabase)?;
    for version in current..target.min(LATEST) {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .during(Task::UpgradeDatabase)?;
        let step = usize::try_from(version).unwrap_or(usize::MAX);
        if let Some(step) = MIGRATIONS.get(step) {
            step.apply(&tx, key)?;
        }
        tx.pragma_update(None, "user_version", version + 1)
            .during(Task::UpgradeDatabase)?;
        tx.commit().during(Task::UpgradeDatabase)?;
    }
    Ok(())
}

/// Version 1: workers, their network, contacts, and the change log.
///
/// Codes (disclosure, mode, …) are checked in code, not by CHECK constraints, so a
/// value from a newer teichaku arriving by sync is stored rather than refused.
/// Foreign keys are deferred: a sync import may bring a contact before its worker.
const V1_RECORDS_AND_LOG: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE workers (
    id            TEXT PRIMARY KEY,
    display_name  TEXT NOT NULL,
    kana          TEXT NOT NULL DEFAULT '',
    employer      TEXT NOT NULL DEFAULT '',
    workplace     TEXT NOT NULL DEFAULT '',
    job           TEXT NOT NULL DEFAULT '',
    categories    TEXT NOT NULL DEFAULT '[]',
    disclosure    TEXT NOT NULL DEFAULT 'open',
    hire_date     TEXT,
    service_type  TEXT NOT NULL DEFAULT 'standard',
    anchor_date   TEXT,
    service_start TEXT,
    service_end   TEXT,
    status        TEXT NOT NULL DEFAULT 'pre',
    staff         TEXT NOT NULL DEFAULT '',
    memo          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX workers_live_kana ON workers (deleted, kana);

CREATE TABLE people (
    id            TEXT PRIMARY KEY,
    worker_id     TEXT NOT NULL REFERENCES workers (id) DEFERRABLE INITIALLY DEFERRED,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT '',
    organisation  TEXT NOT NULL DEFAULT '',
    layer         TEXT NOT NULL DEFAULT 'company',
    phone         TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX people_worker ON people (worker_id);

CREATE TABLE contacts (
    id            TEXT PRIMARY KEY,
    worker_id     TEXT NOT NULL REFERENCES workers (id) DEFERRABLE INITIALLY DEFERRED,
    date          TEXT NOT NULL,
    start_time    TEXT,
    minutes       INTEGER,
    mode          TEXT NOT NULL,
    participants  TEXT NOT NULL DEFAULT '[]',
    notes         TEXT NOT NULL DEFAULT '',
    next_action   TEXT NOT NULL DEFAULT '',
    next_due      TEXT,
    recorded_by   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX contacts_worker_date ON contacts (worker_id, date);
CREATE INDEX contacts_date ON contacts (date);

-- The change log: what sync exchanges. One row per field set, per create and per
-- delete; (device_id, seq) is dense per device. prev_* names the entry for the same
-- record and field that this one replaced, as its writer saw it.
CREATE TABLE change_log (
    device_id   TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    hlc_ms      INTEGER NOT NULL,
    hlc_counter INTEGER NOT NULL,
    entity      TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    op          TEXT NOT NULL,
    field       TEXT NOT NULL,
    value       ANY,
    prev_device TEXT,
    prev_seq    INTEGER,
    PRIMARY KEY (device_id, seq)
) STRICT;
CREATE INDEX change_log_record_field ON change_log (record_id, field);
";

/// Sync: what other laptops are known to hold, what was imported and sent, open
/// note conflicts, and the extra parents of a merge revision.
///
/// `change_log_parents` is part of a log entry's content (it travels with the
/// entry and is compared on import like every other column): a revision that
/// resolves a conflict replaces every head it saw, not only the one in
/// `prev_device/prev_seq`. A side table keeps the V1 log untouched and lets
/// "is this entry replaced?" be answered through an index.
///
/// Everything else here is local bookkeeping: it is not exchanged, and a
/// laptop's copy of it is derived from the bundles it read and wrote.
const SYNC_STATE: &str = "
CREATE TABLE change_log_parents (
    device_id     TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    parent_device TEXT NOT NULL,
    parent_seq    INTEGER NOT NULL,
    PRIMARY KEY (device_id, seq, parent_device, parent_seq)
) STRICT;
CREATE INDEX change_log_parents_parent ON change_log_parents (parent_device, parent_seq);
CREATE INDEX change_log_prev ON change_log (prev_device, prev_seq);

-- peer holds every entry of origin with a sequence number up to seq.
CREATE TABLE sync_peer_knows (
    peer   TEXT NOT NULL,
    origin TEXT NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (peer, origin)
) STRICT;

-- The highest sequence number of each origin this laptop has put in a bundle.
CREATE TABLE sync_sent (
    origin TEXT PRIMARY KEY,
    seq    INTEGER NOT NULL
) STRICT;

CREATE TABLE sync_imports (
    bundle_id   TEXT PRIMARY KEY,
    sender      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    entries     INTEGER NOT NULL,
    new_entries INTEGER NOT NULL
) STRICT;
CREATE INDEX sync_imports_time ON sync_imports (imported_at);

CREATE TABLE sync_exports (
    bundle_id  TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    entries    INTEGER NOT NULL,
    full       INTEGER NOT NULL
) STRICT;

-- Note fields whose revision graph has more than one head. Derived from the log.
CREATE TABLE sync_conflicts (
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    PRIMARY KEY (record_id, field)
) STRICT;
";

/// Checklist assessments. Each item answer is its own record, with the
/// deterministic id `<assessment id>/<item id>`, so its value and comment are
/// their own change-log fields: two people answering different items never
/// touch the same record, and two answers to the same item converge on one
/// record (last writer wins) instead of becoming duplicates.
/// `value` NULL means "not assessed"; no row means "not reached yet".
const ASSESSMENTS: &str = "
CREATE TABLE assessments (
    id            TEXT PRIMARY KEY,
    worker_id     TEXT NOT NULL REFERENCES workers (id) DEFERRABLE INITIALLY DEFERRED,
    instrument    TEXT NOT NULL,
    version       INTEGER NOT NULL,
    date          TEXT NOT NULL,
    respondent    TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX assessments_worker ON assessments (worker_id, instrument, date);

CREATE TABLE answers (
    id            TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id) DEFERRABLE INITIALLY DEFERRED,
    item          TEXT NOT NULL,
    value         INTEGER,
    comment       TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX answers_assessment ON answers (assessment_id);
";

/// Plan reviews, monthly support reports, and the search index.
///
/// Self-contained: it needs only the V1 tables, so it can sit anywhere after V1
/// when branches merge. Reports have no UNIQUE (worker, month): two laptops may
/// each draft the month offline, and sync must be able to store both; readers
/// take the oldest id (see store::reports).
///
/// Search: `search_docs` holds one row of searchable text per live record;
/// `search_fts` (FTS5, trigram tokenizer) indexes it as external content, and
/// `search_terms` (fts5vocab) lists its trigrams for short queries (see
/// store::search). Triggers keep both in step with every write, in the writer's
/// own transaction, whatever code path writes. Bodies end in two newlines so
/// every one- or two-character substring starts some trigram.
const REPORTS_PLANS_AND_SEARCH: &str = "
CREATE TABLE plan_reviews (
    id            TEXT PRIMARY KEY,
    worker_id     TEXT NOT NULL REFERENCES workers (id) DEFERRABLE INITIALLY DEFERRED,
    date          TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    recorded_by   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX plan_reviews_worker_date ON plan_reviews (worker_id, date);

CREATE TABLE reports (
    id                      TEXT PRIMARY KEY,
    worker_id               TEXT NOT NULL REFERENCES workers (id) DEFERRABLE INITIALLY DEFERRED,
    month                   TEXT NOT NULL,
    goals                   TEXT NOT NULL DEFAULT '',
    goals_shared            INTEGER NOT NULL DEFAULT 0,
    done                    TEXT NOT NULL DEFAULT '',
    done_shared             INTEGER NOT NULL DEFAULT 0,
    result                  TEXT NOT NULL DEFAULT '',
    result_shared           INTEGER NOT NULL DEFAULT 0,
    next                    TEXT NOT NULL DEFAULT '',
    next_shared             INTEGER NOT NULL DEFAULT 0,
    worker_actions          TEXT NOT NULL DEFAULT '',
    worker_actions_shared   INTEGER NOT NULL DEFAULT 0,
    employer_actions        TEXT NOT NULL DEFAULT '',
    employer_actions_shared INTEGER NOT NULL DEFAULT 0,
    shared                  TEXT NOT NULL DEFAULT '',
    shared_shared           INTEGER NOT NULL DEFAULT 0,
    employer_consent        INTEGER NOT NULL DEFAULT 0,
    confirmed_on            TEXT,
    finalised               INTEGER NOT NULL DEFAULT 0,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    deleted                 INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX reports_worker_month ON reports (worker_id, month);
CREATE INDEX reports_month ON reports (month);

CREATE TABLE search_docs (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    record_id  TEXT NOT NULL,
    worker_id  TEXT NOT NULL,
    date       TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL,
    UNIQUE (kind, record_id)
) STRICT;
CREATE INDEX search_docs_worker ON search_docs (worker_id);

CREATE VIRTUAL TABLE search_fts USING fts5 (
    body, content = 'search_docs', content_rowid = 'id', tokenize = 'trigram'
);
CREATE VIRTUAL TABLE search_terms USING fts5vocab (search_fts, 'row');

CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;

-- What each kind contributes to the index. Names are indexed with and without
-- their spaces, so 山田太郎 finds 山田 太郎.
CREATE VIEW search_source AS
    SELECT 'worker' AS kind, id AS record_id, id AS worker_id, '' AS date,
           display_name || char(10) || kana || char(10)
           || employer || char(10) || workplace || char(10) || job || char(10)
           || memo || char(10)
           || replace(replace(display_name, ' ', ''), '　', '') || char(10)
           || replace(replace(kana, ' ', ''), '　', '') || char(10, 10) AS body
      FROM workers WHERE deleted = 0
    UNION ALL
    SELECT 'person', id, worker_id, '',
           name || char(10) || role || char(10) || organisation || char(10) || note
           || char(10) || replace(replace(name, ' ', ''), '　', '') || char(10, 10)
      FROM people WHERE deleted = 0
    UNION ALL
    SELECT 'contact', id, worker_id, date,
           notes || char(10) || next_action || char(10, 10)
      FROM contacts WHERE deleted = 0
    UNION ALL
    SELECT 'report', id, worker_id, month,
           goals || char(10) || done || char(10) || result || char(10) || next || char(10)
           || worker_actions || char(10) || employer_actions || char(10) || shared
           || char(10, 10)
      FROM reports WHERE deleted = 0;

INSERT INTO search_docs (kind, record_id, worker_id, date, body)
    SELECT kind, record_id, worker_id, date, body FROM search_source;


CREATE TRIGGER workers_search_ai AFTER INSERT ON workers BEGIN
    INSERT INTO search_docs (kind, record_id, worker_id, date, body)
        SELECT kind, record_id, worker_id, date, body FROM search_source
         WHERE kind = 'worker' AND record_id = new.id;
END;
CREATE TRIGGER workers_search_au AFTER UPDATE OF display_name, kana, employer, workplace, job, memo, deleted ON workers BEGIN
    DELETE FROM search_docs WHERE kind = 'worker' AND record_id = old.id;
    INSERT INTO search_docs (kind, record_id, worker_id, date, body)
        SELECT kind, record_id, worker_id, date, body FROM search_source
         WHERE kind = 'worker' AND record_id = new.id;
END;
CREATE TRIGGER workers_search_ad AFTER DELETE ON workers BEGIN
    DELETE FROM search_docs WHERE kind = 'worker' AND record_id = old.id;
END;

CREATE TRIGGER people_search_ai AFTER INSERT ON people BEGIN
    INSERT INTO search_docs (kind, record_id, worker_id, date, body)
        SELECT kind, record_id, worker_id, date, body FROM search_source
         WHERE kind = 'person' AND record_id = new.id;
END;
CREATE TRIGGER people_search_au AFTER UPDATE OF worker_id, name, role, organisation, note, deleted ON people BEGIN
    DELETE FROM search_docs WHERE kind = 'person' AND record_id = old.id;
    INSERT INTO search_docs (kind, record_id, worker_id, date, body)
        SELECT kind, record_id, worker_id, date, body FROM search_source
         WHERE kind = 'person' AND record_id = new.id;
END;
CREATE TRIGGER people_search_ad AFTER DELETE ON people BEGIN
    DELETE FROM search_docs WHERE kind = 'person' AND record_id = old.id;
END;

CREATE TRIGGER contacts_search_ai AFTER INSERT ON contacts BEGIN
    INSERT INTO search_docs (kind, record_id, worker_id, date, body)
        SELECT kind, record_id, worker_id, date, body FROM search_source
         WHERE kind = 'contact' AND record_id = new.id;
END;
CREATE TRIGGER contacts_search_au AFTER UPDATE OF worker_id, date, notes, next_action, deleted ON contacts BEGIN
    DELETE FROM search_docs WHERE kind = 'contact' AND record_id = old.id;
    INSERT INTO search_docs (kind, record_id, worker_id, date, body)
        SELECT kind, record_id, worker_id, date, body FROM search_source
         WHERE kind = 'contact' AND record_id = new.id;
END;
CREATE TRIGGER contacts_search_ad AFTER DELETE ON contacts BEGIN
    DELETE FROM search_docs WHERE kind = 'contact' AND record_id = old.id;
END;

CREATE TRIGGER reports_search_ai AFTER INSERT ON reports BEGIN
    INSERT INTO search_docs (kind, record_id, worker_id, date, body)
        SELECT kind, record_id, worker_id, date, body FROM search_source
         WHERE kind = 'report' AND record_id = new.id;
END;
CREATE TRIGGER reports_search_au AFTER UPDATE OF worker_id, month, goals, done, result, next, worker_actions, employer_actions, shared, deleted ON reports BEGIN
    DELETE FROM search_docs WHERE kind = 'report' AND record_id = old.id;
    INSERT INTO search_docs (kind, record_id, worker_id, date, body)
        SELECT kind, record_id, worker_id, date, body FROM search_source
         WHERE kind = 'report' AND record_id = new.id;
END;
CREATE TRIGGER reports_search_ad AFTER DELETE ON reports BEGIN
    DELETE FROM search_docs WHERE kind = 'report' AND record_id = old.id;
END;
";

/// The searchable kinds: (change-log kind, table, the columns their part of
/// `search_source` reads — as step 4 wrote their triggers; the import puts
/// back the schema's own trigger text, never one built from this list).
pub const SEARCHABLE: &[(&str, &str, &str)] = &[
    (
        "worker",
        "workers",
        "display_name, kana, employer, workplace, job, memo",
    ),
    (
        "person",
        "people",
        "worker_id, name, role, organisation, note",
    ),
    ("contact", "contacts", "worker_id, date, notes, next_action"),
    (
        "report",
        "reports",
        "worker_id, month, goals, done, result, next, worker_actions, employer_actions, shared",
    ),
];

/// Covering indexes over live contacts for the screens that read every
/// worker's contacts at once (measured in benches/screens.rs on 100k contacts).
/// Partial (`WHERE deleted = 0`, the condition those queries carry), so the
/// queries never read a contact row, whose notes make up most of the table:
/// - the worker list's last contact and count per worker (store::workers);
/// - the schedule's contacts of recent months, and its case conferences of any
///   date for the handover (store::schedule).
///
/// Self-contained and idempotent: it can sit anywhere after V1 when branches
/// merge.
const LIVE_CONTACT_INDEXES: &str = "
CREATE INDEX IF NOT EXISTS contacts_live_worker_date
    ON contacts (worker_id, date) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS contacts_live_date
    ON contacts (date, worker_id, mode, participants) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS contacts_live_mode
    ON contacts (mode, date, worker_id, participants) WHERE deleted = 0;
";

/// The support plan (store::plans): versions, their short-term goals and a
/// review's evaluations of the goals it reviews.
///
/// Self-contained: it needs only the V1 tables and `search_docs`.
const SUPPORT_PLANS: &str = "
CREATE TABLE plan_versions (
    id              TEXT PRIMARY KEY,
    worker_id       TEXT NOT NULL REFERENCES workers (id) DEFERRABLE INITIALLY DEFERRED,
    version         INTEGER NOT NULL DEFAULT 0,
    date            TEXT NOT NULL,
    previous_id     TEXT NOT NULL DEFAULT '',
    stage           TEXT NOT NULL DEFAULT 'exploring',
    handover        TEXT NOT NULL DEFAULT '',
    employer        TEXT NOT NULL DEFAULT '',
    workplace       TEXT NOT NULL DEFAULT '',
    job             TEXT NOT NULL DEFAULT '',
    hours_per_week  TEXT NOT NULL DEFAULT '',
    work_days       TEXT NOT NULL DEFAULT '',
    agencies        TEXT NOT NULL DEFAULT '',
    health          TEXT NOT NULL DEFAULT '',
    living          TEXT NOT NULL DEFAULT '',
    long_term_goal  TEXT NOT NULL DEFAULT '',
    explained_on    TEXT,
    share_with      TEXT NOT NULL DEFAULT '',
    remarks         TEXT NOT NULL DEFAULT '',
    recorded_by     TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX plan_versions_worker_date ON plan_versions (worker_id, date);

CREATE TABLE plan_goals (
    id          TEXT PRIMARY KEY,
    plan_id     TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    domain      TEXT NOT NULL DEFAULT 'workplace',
    goal        TEXT NOT NULL DEFAULT '',
    policy      TEXT NOT NULL DEFAULT '',
    content     TEXT NOT NULL DEFAULT '',
    period      TEXT NOT NULL DEFAULT '',
    frequency   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX plan_goals_plan ON plan_goals (plan_id, position);

CREATE TABLE plan_evaluations (
    id              TEXT PRIMARY KEY,
    plan_id         TEXT NOT NULL,
    goal_id         TEXT NOT NULL,
    achievement     TEXT NOT NULL DEFAULT 'not_yet',
    effect          TEXT NOT NULL DEFAULT '',
    satisfaction    TEXT NOT NULL DEFAULT '',
    remaining       TEXT NOT NULL DEFAULT '',
    countermeasure  TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted         INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX plan_evaluations_plan ON plan_evaluations (plan_id);
";

/// Closed employment: the supporter confirmed that the worker's consent to a
/// contact or checklist that reaches the employer was recorded, which clears
/// its flag (domain::closed). Synced like any other field.
const CLOSED_CONSENT: &str = "
ALTER TABLE contacts ADD COLUMN closed_consent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE assessments ADD COLUMN closed_consent INTEGER NOT NULL DEFAULT 0;
";

/// The day the report was given to the worker (提供日): with the worker's
/// confirmation, what makes a finalised report meet the month's duty.
const REPORT_HANDED_ON: &str = "
ALTER TABLE reports ADD COLUMN handed_on TEXT;
";

/// The handover: the decision whether a worker needs continued support after
/// the service (要継続支援), and the log of what was shared with whom.
const HANDOVER: &str = "
CREATE TABLE handover_decisions (
    id            TEXT PRIMARY KEY,
    worker_id     TEXT NOT NULL REFERENCES workers (id) DEFERRABLE INITIALLY DEFERRED,
    needs_support INTEGER NOT NULL DEFAULT 0,
    decided_on    TEXT NOT NULL,
    reasons       TEXT NOT NULL DEFAULT '',
    recorded_by   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX handover_decisions_worker ON handover_decisions (worker_id, decided_on);

CREATE TABLE handover_sharings (
    id            TEXT PRIMARY KEY,
    worker_id     TEXT NOT NULL REFERENCES workers (id) DEFERRABLE INITIALLY DEFERRED,
    person_id     TEXT NOT NULL,
    items         TEXT NOT NULL DEFAULT '[]',
    plan_version  TEXT NOT NULL DEFAULT '',
    method        TEXT NOT NULL,
    date          TEXT NOT NULL,
    consent       INTEGER NOT NULL DEFAULT 0,
    takes_over    INTEGER NOT NULL DEFAULT 0,
    note          TEXT NOT NULL DEFAULT '',
    recorded_by   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX handover_sharings_worker ON handover_sharings (worker_id, date);
";

/// Comments typed in the checklist entry on items not answered yet: kept on
/// this laptop until the item is answered (the comment then goes into the
/// synced answer), so pausing an entry loses nothing. Not synced: they
/// belong to an entry in progress here.
const ENTRY_PENDING_COMMENTS: &str = "
CREATE TABLE entry_pending_comments (
    assessment_id TEXT NOT NULL,
    item          TEXT NOT NULL,
    comment       TEXT NOT NULL,
    PRIMARY KEY (assessment_id, item)
) STRICT;
";

/// The daily self-report (日報): one row per worker per day (the id is made
/// of the two); ratings as a JSON object of item id → value.
const SELF_REPORTS: &str = "
CREATE TABLE self_reports (
    id                 TEXT PRIMARY KEY,
    worker_id          TEXT NOT NULL REFERENCES workers (id) DEFERRABLE INITIALLY DEFERRED,
    date               TEXT NOT NULL,
    ratings            TEXT NOT NULL DEFAULT '{}',
    worker_comment     TEXT NOT NULL DEFAULT '',
    workplace_comment  TEXT NOT NULL DEFAULT '',
    supporter_comment  TEXT NOT NULL DEFAULT '',
    source             TEXT NOT NULL DEFAULT 'form',
    acknowledged_on    TEXT,
    recorded_by        TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted            INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX self_reports_worker ON self_reports (worker_id, date);
";

/// Follow-ups: the day a contact's next action was marked done (or
/// dismissed), which takes it off the dashboard. Synced like any field.
const FOLLOW_UP_DONE: &str = "
ALTER TABLE contacts ADD COLUMN next_done TEXT;
";

/// Duties done elsewhere before the worker's records were kept here
/// (domain::prior): months of contact, report and employer contact, and the
/// last plan review. Synced like any kind.
const PRIOR_RECORDS: &str = "
CREATE TABLE prior_records (
    id                TEXT PRIMARY KEY,
    worker_id         TEXT NOT NULL REFERENCES workers (id) DEFERRABLE INITIALLY DEFERRED,
    from_month        TEXT NOT NULL,
    to_month          TEXT NOT NULL,
    contact_worker    INTEGER NOT NULL DEFAULT 0,
    report            INTEGER NOT NULL DEFAULT 0,
    contact_employer  INTEGER NOT NULL DEFAULT 0,
    plan_reviewed_on  TEXT,
    note              TEXT NOT NULL DEFAULT '',
    recorded_by       TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted           INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX prior_records_worker ON prior_records (worker_id);
";

/// The home screen's first frame reads no contact row (#17: every page read
/// is decrypted): a worker's months of service and closed-employment flags
/// come from a covering index over (worker, date, mode, participants,
/// consent), one range per worker; the open follow-ups from a partial index
/// holding only contacts that have one (the query repeats its WHERE exactly,
/// so SQLite can use it). `contacts_live_worker_date` stays: its smaller
/// entries make the worker list's counts cheaper.
const DASHBOARD_INDEXES: &str = "
CREATE INDEX IF NOT EXISTS contacts_live_worker_facts
    ON contacts (worker_id, date, mode, participants, closed_consent) WHERE deleted = 0;
CREATE INDEX IF NOT EXISTS contacts_follow_ups
    ON contacts (worker_id, date)
    WHERE deleted = 0 AND (next_action != '' OR next_due IS NOT NULL);
";

/// An import's working list of the records to recompute, and which of them
/// changed (their search rows are redone at the end). It lives in the main
/// database, encrypted like the rest and spilled to disk through the page
/// cache: as a TEMP table it was held in memory (SQLCipher keeps temp data
/// in memory, since it does not encrypt temp files), 20 MB on a full bundle
/// of a large agency and growing with it. Always empty between imports: it
/// is filled and emptied inside the import's transaction.
const IMPORT_WORK: &str = "
CREATE TABLE import_work (
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    changed   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity, record_id)
) WITHOUT ROWID, STRICT;
";

/// Finding a worker by what a user typed (store::workers::resolve_worker,
/// every CLI command naming a worker) reads only this index: each live
/// worker's kana, name and id, in the list's order, a few pages instead of
/// every worker row (each page decrypted on an encrypted store), and the one
/// found is then read by its id. Self-contained and idempotent.
const WORKER_NAMES_INDEX: &str = "
CREATE INDEX IF NOT EXISTS workers_live_names
    ON workers (kana, display_name, id) WHERE deleted = 0;
";

/// 本人の日報から: what a report's draft takes from the month's daily
/// self-reports, in its own column with no sharing flag, so that it never
/// reaches an employer copy (before, it headed 支援結果, which can be shared).
const REPORT_SELFREPORTS: &str = "
ALTER TABLE reports ADD COLUMN selfreports TEXT NOT NULL DEFAULT '';
";

/// A self-report's day off (休み・休日, marked in the form): not a working
/// day, so not a missing report. Synced like any field.
const SELF_REPORT_DAY_OFF: &str = "
ALTER TABLE self_reports ADD COLUMN day_off INTEGER NOT NULL DEFAULT 0;
";

/// Waived duties (domain::waiver): a month's contact, report or employer
/// contact, or the handover (no month), with the reason, the day and who.
/// Synced like any kind.
const WAIVERS: &str = "
CREATE TABLE waivers (
    id          TEXT PRIMARY KEY,
    worker_id   TEXT NOT NULL REFERENCES workers (id) DEFERRABLE INITIALLY DEFERRED,
    duty        TEXT NOT NULL,
    month       TEXT,
    reason      TEXT NOT NULL DEFAULT '',
    waived_on   TEXT NOT NULL,
    waived_by   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX waivers_worker ON waivers (worker_id);
";

/// Two versions made from the same version on two laptops are a conflict
/// (domain::plan::open_forks); choosing one, or a merged version, marks the
/// others as superseded by it. They stay readable in the history. Synced like
/// any other field; self-contained.
const PLAN_SUPERSEDED: &str = "
ALTER TABLE plan_versions ADD COLUMN superseded_by TEXT NOT NULL DEFAULT '';
";

/// Whether a handover sharing also covers the contacts of the people around
/// the worker: the sheet lists the resource map only then. Synced like any
/// field; self-contained.
const SHARING_PEOPLE: &str = "
ALTER TABLE handover_sharings ADD COLUMN people INTEGER NOT NULL DEFAULT 0;
";

/// The worker's consent to the plan as explained (本人の同意): with the day
/// it was explained, what a plan version needs to count (domain::plan,
/// Plan::missing). Versions saved before have none recorded: they count
/// again once the supporter records it (no consent is assumed).
const PLAN_CONSENT: &str = "
ALTER TABLE plan_versions ADD COLUMN consent INTEGER NOT NULL DEFAULT 0;
";

#[cfg(test)]
#[path = "migrate_tests.rs"]
mod tests;
