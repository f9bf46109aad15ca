//! Open note conflicts: notes edited on two laptops without either seeing the
//! other's edit. Every head stays in the log; the user picks or merges one.
//! Two plan versions made from the same version on two laptops (an open
//! plan fork, store::plan_forks) are listed with them, as field
//! [`PLAN_FORK`], one "version" per head.

use rusqlite::types::Value;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::Store;
use super::delete_conflicts::DELETE_EDIT;
use super::log;
use super::registry::{self, Kind};
use crate::error::{DbContext, Error, Result, Task};

/// The field a plan fork is listed under (no column has this name).
pub const PLAN_FORK: &str = "plan_fork";

/// One revision of a conflicted note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteVersion {
    pub device_id: String,
    pub seq: i64,
    /// When it was written (the writer's clock, milliseconds since 1970 UTC).
    pub written_ms: i64,
    pub text: String,
    /// Who uses the device that wrote it: the staff name its latest records
    /// carry (記録者), or empty when it wrote none.
    pub staff: String,
    /// For a plan fork: the version this head is (its `text` is empty here;
    /// the CLI and the TUI render the version). Empty for a note.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub version_id: String,
}

/// A note edited on two laptops without either seeing the other's edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub entity: String,
    pub record_id: String,
    pub field: String,
    /// Who or what the note belongs to (a worker's name, a contact's date…).
    pub label: String,
    /// Every head, oldest first; the last one is what the record shows now.
    /// For a delete against edits ([`DELETE_EDIT`]): the delete, then the
    /// newest of the edits it had not seen (their texts empty).
    pub versions: Vec<NoteVersion>,
    /// For a delete against edits: the records written to without knowing of
    /// the delete, by kind (kind, how many).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<(String, usize)>,
}

impl Store {
    /// The staff name a device's latest records carry (記録者), so a version
    /// can say whose laptop wrote it; empty when the device wrote none.
    pub fn device_staff(&self, device_id: &str) -> Result<String> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT value FROM change_log
                 WHERE device_id = ?1 AND field = 'recorded_by'
                   AND typeof(value) = 'text' AND value <> ''
                 ORDER BY seq DESC LIMIT 1",
            )
            .during(Task::ReadRecords)?;
        let mut rows = stmt.query([device_id]).during(Task::ReadRecords)?;
        Ok(match rows.next().during(Task::ReadRecords)? {
            Some(r) => r.get(0).during(Task::ReadRecords)?,
            None => String::new(),
        })
    }

    /// Open note conflicts and plan forks.
    pub fn conflict_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn()
            .query_row("SELECT COUNT(*) FROM sync_conflicts", [], |r| r.get(0))
            .during(Task::ReadRecords)?;
        Ok(usize::try_from(n).unwrap_or(0) + self.plan_fork_count()?)
    }

    /// Open note conflicts with every competing text, by record, then the
    /// open plan forks with every head.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut out = self.note_conflicts()?;
        for fork in self.plan_forks(None)? {
            let mut versions = Vec::with_capacity(fork.heads.len());
            for h in &fork.heads {
                let who = self.plan_authorship(&h.version)?;
                versions.push(NoteVersion {
                    device_id: who.device_id,
                    seq: who.seq,
                    written_ms: who.written_ms,
                    text: String::new(),
                    staff: who.staff,
                    version_id: h.version.id.clone(),
                });
            }
            let name = self
                .worker(&fork.worker_id)?
                .map(|w| w.display_name)
                .unwrap_or_default();
            out.push(Conflict {
                entity: "plan_version".into(),
                record_id: fork.key().to_string(),
                field: PLAN_FORK.into(),
                label: format!("v{} {name}", fork.version()),
                versions,
                edits: Vec::new(),
            });
        }
        // Newest first: the one written last is what the supporter is
        // most likely looking for (the list is numbered in this order).
        out.sort_by(|a, b| {
            newest(b)
                .cmp(&newest(a))
                .then_with(|| a.record_id.cmp(&b.record_id))
                .then_with(|| a.field.cmp(&b.field))
        });
        Ok(out)
    }

    fn note_conflicts(&self) -> Result<Vec<Conflict>> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT entity, record_id, field FROM sync_conflicts ORDER BY entity, record_id, field",
            )
            .during(Task::ReadRecords)?;
        let rows: Vec<(String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .during(Task::ReadRecords)?
            .collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)?;
        rows.into_iter()
            .map(|(entity, record_id, field)| {
                if field == DELETE_EDIT {
                    return self.delete_conflict(entity, record_id);
                }
                let versions = log::field_heads(self.conn(), &record_id, &field)?
                    .iter()
                    .map(|e| {
                        Ok(NoteVersion {
                            device_id: e.device_id.clone(),
                            seq: e.seq,
                            written_ms: e.hlc.ms,
                            text: match &e.value {
                                Value::Text(t) => t.clone(),
                                Value::Null => String::new(),
                                other => format!("{other:?}"),
                            },
                            staff: self.device_staff(&e.device_id)?,
                            version_id: String::new(),
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                let label = describe(self.conn(), &entity, &record_id)?;
                Ok(Conflict {
                    entity,
                    record_id,
                    field,
                    label,
                    versions,
                    edits: Vec::new(),
                })
            })
            .collect()
    }

    /// Resolves a note conflict with `text` (one of the versions, or a merge of
    /// them, as the user chose). The new revision replaces every head.
    pub fn resolve_conflict(&mut self, record_id: &str, field: &str, text: &str) -> Result<()> {
        if field == PLAN_FORK {
            return Err(Error::PlanForkText);
        }
        if field == DELETE_EDIT {
            return Err(Error::DeleteConflictText);
        }
        let entity: Option<String> = self
            .conn()
            .query_row(
                "SELECT entity FROM sync_conflicts WHERE record_id = ?1 AND field = ?2",
                params![record_id, field],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })
            .during(Task::ReadRecords)?;
        let kind: &Kind = entity
            .as_deref()
            .and_then(registry::find)
            .ok_or(Error::NoConflict)?;
        self.write(|w| w.resolve_note(kind, record_id, field, text))
    }
}

/// A short description of a record for the conflict list.
pub(super) fn describe(conn: &Connection, entity: &str, id: &str) -> Result<String> {
    let sql = match entity {
        "worker" => "SELECT display_name FROM workers WHERE id = ?1",
        "person" => {
            "SELECT p.name || ' (' || COALESCE(w.display_name, '') || ')'
             FROM people p LEFT JOIN workers w ON w.id = p.worker_id WHERE p.id = ?1"
        }
        "contact" => {
            "SELECT c.date || ' ' || COALESCE(w.display_name, '')
             FROM contacts c LEFT JOIN workers w ON w.id = c.worker_id WHERE c.id = ?1"
        }
        "plan_version" => {
            "SELECT 'v' || p.version || ' ' || p.date || ' ' || COALESCE(w.display_name, '')
             FROM plan_versions p LEFT JOIN workers w ON w.id = p.worker_id WHERE p.id = ?1"
        }
        "plan_goal" => {
            "SELECT 'v' || p.version || ' #' || g.position || ' ' || COALESCE(w.display_name, '')
             FROM plan_goals g LEFT JOIN plan_versions p ON p.id = g.plan_id
             LEFT JOIN workers w ON w.id = p.worker_id WHERE g.id = ?1"
        }
        "plan_evaluation" => {
            "SELECT 'v' || p.version || ' ' || COALESCE(w.display_name, '')
             FROM plan_evaluations e LEFT JOIN plan_versions p ON p.id = e.plan_id
             LEFT JOIN workers w ON w.id = p.worker_id WHERE e.id = ?1"
        }
        _ => return Ok(id.to_string()),
    };
    let label: Option<String> = conn
        .query_row(sql, [id], |r| r.get(0))
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })
        .during(Task::ReadRecords)?;
    Ok(label.unwrap_or_else(|| id.to_string()))
}

/// When a conflict's newest version was written.
fn newest(c: &Conflict) -> i64 {
    c.versions.iter().map(|v| v.written_ms).max().unwrap_or(0)
}
