//! One set of sizes for every path a value takes into the database: typed
//! in the TUI or on the command line, read from a file, or arriving by sync.
//! Checked where records are written (`Writer`) and where entries are
//! imported (`apply`), so no path can go around them.

use rusqlite::types::Value;

use crate::error::{Error, Result};

/// A long text — a contact's note, a memo, a plan or report text, a reason —
/// and any other synced value: 256 KiB, about 85,000 Japanese characters
/// (a long visit note is a few thousand).
pub const TEXT_MAX: usize = 256 * 1024;

/// A one-line field (a name, a role, a phone number, an id): 1 KiB.
pub const LINE_MAX: usize = 1024;

/// The fields written on one line. Every other field may be long.
const LINE_FIELDS: &[&str] = &[
    "display_name",
    "kana",
    "employer",
    "workplace",
    "job",
    "staff",
    "name",
    "role",
    "organisation",
    "phone",
    "email",
    "recorded_by",
    "waived_by",
    "worker_id",
    "person_id",
    "plan_id",
    "goal_id",
    "assessment_id",
    "previous_id",
    "superseded_by",
];

/// The most bytes a value of `field` may hold.
pub fn max_len(field: &str) -> usize {
    if LINE_FIELDS.contains(&field) {
        LINE_MAX
    } else {
        TEXT_MAX
    }
}

/// The value's size in bytes (text and blobs; numbers are small).
fn len(value: &Value) -> usize {
    match value {
        Value::Text(t) => t.len(),
        Value::Blob(b) => b.len(),
        _ => 0,
    }
}

/// Refuses a value longer than its field may hold.
pub fn check(field: &str, value: &Value) -> Result<()> {
    let max = max_len(field);
    if len(value) > max {
        return Err(Error::TooLong {
            field: field.to_string(),
            max,
        });
    }
    Ok(())
}

/// [`check`] for an entry arriving by sync: the whole import is refused.
pub fn check_incoming(field: &str, value: &Value) -> Result<()> {
    check(field, value).map_err(|_| Error::IncomingTooLong {
        field: field.to_string(),
        max: max_len(field),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_short_notes_long_and_the_limit_is_in_bytes() {
        let name = Value::Text("あ".repeat(LINE_MAX / 3));
        assert!(check("display_name", &name).is_ok());
        let long_name = Value::Text("あ".repeat(LINE_MAX / 3 + 1));
        assert!(matches!(
            check("display_name", &long_name),
            Err(Error::TooLong { max: LINE_MAX, .. })
        ));
        assert!(check("notes", &long_name).is_ok());
        let huge = Value::Text("x".repeat(TEXT_MAX + 1));
        assert!(check("notes", &huge).is_err());
        assert!(matches!(
            check_incoming("memo", &huge),
            Err(Error::IncomingTooLong { .. })
        ));
        assert!(check("notes", &Value::Integer(i64::MAX)).is_ok());
    }
}
