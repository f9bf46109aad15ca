//! Drafts of the note being written, saved every couple of seconds beside the
//! database (owner-only files, atomic writes) and offered again after a crash.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Result, Task, io_error};
use crate::store::files;

/// The most a draft file may hold (a note is far smaller).
pub const MAX_DRAFT_LEN: u64 = 8 << 20;

/// A contact form as typed so far. Choices are kept as codes, so a draft stays
/// readable if the order of options changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactDraft {
    /// The draft's own id; also its file name (never worker data).
    pub id: String,
    pub worker_id: String,
    /// Set when an existing contact was being edited.
    pub contact_id: Option<String>,
    /// Local time of the last save, for the restore offer.
    pub saved_at: String,
    pub date: String,
    pub time: String,
    pub minutes: String,
    pub mode: String,
    pub participants: Vec<String>,
    pub notes: String,
    pub next_action: String,
    pub next_due: String,
    /// Set for a support-plan form instead (its contact fields stay empty), so
    /// plan drafts share the files, the timer and the restore offer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanFormDraft>,
    /// Set when the text being typed is a support report's field, not a
    /// contact note (the text is in `notes`); absent in contact drafts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportFieldDraft>,
}

/// Which report field a draft holds, and its "shared" choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportFieldDraft {
    pub report_id: String,
    /// The field's code (`ReportField`), so a reordering keeps it readable.
    pub field: String,
    pub shared: bool,
}

/// A support-plan form as typed so far: every field in form order (text, or
/// the chosen option's index for a choice).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanFormDraft {
    /// The version under review ("" for a first plan). The form is rebuilt on
    /// the latest version; when that is another one the draft's fields are
    /// still put back where they fit.
    pub previous_id: String,
    /// Set when a stored version was being corrected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    pub fields: Vec<PlanFieldDraft>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanFieldDraft {
    Text(String),
    Choice(usize),
}

impl ContactDraft {
    /// A draft with nothing typed yet: other forms fill in their own part.
    pub fn blank(id: &str, worker_id: &str, saved_at: &str) -> ContactDraft {
        ContactDraft {
            id: id.to_string(),
            worker_id: worker_id.to_string(),
            contact_id: None,
            saved_at: saved_at.to_string(),
            date: String::new(),
            time: String::new(),
            minutes: String::new(),
            mode: String::new(),
            participants: Vec::new(),
            notes: String::new(),
            next_action: String::new(),
            next_due: String::new(),
            plan: None,
            report: None,
        }
    }

    /// Lines typed, for the restore offer.
    pub fn line_count(&self) -> usize {
        match &self.plan {
            Some(p) => p
                .fields
                .iter()
                .map(|f| match f {
                    PlanFieldDraft::Text(t) => t.lines().count(),
                    PlanFieldDraft::Choice(_) => 0,
                })
                .sum(),
            None => self.notes.lines().count(),
        }
    }
}

/// The drafts folder of one database; `None` keeps drafts off disk (tests).
#[derive(Debug, Clone)]
pub struct Drafts {
    dir: Option<PathBuf>,
}

impl Drafts {
    pub fn new(dir: Option<PathBuf>) -> Drafts {
        Drafts { dir }
    }

    /// `teichaku.db` keeps its drafts in `teichaku.drafts/` beside it.
    pub fn beside(db: &Path) -> Drafts {
        Drafts::new(Some(db.with_extension("drafts")))
    }

    fn file(&self, id: &str) -> Option<PathBuf> {
        // Ids are UUIDs we made; anything else never names a file.
        let safe = !id.is_empty() && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
        self.dir
            .as_ref()
            .filter(|_| safe)
            .map(|d| d.join(format!("{id}.json")))
    }

    pub fn save(&self, draft: &ContactDraft) -> Result<()> {
        let Some(path) = self.file(&draft.id) else {
            return Ok(());
        };
        let json = serde_json::to_vec_pretty(draft).unwrap_or_default();
        files::write_atomic(&path, &json)
    }

    pub fn remove(&self, id: &str) -> Result<()> {
        let Some(path) = self.file(id) else {
            return Ok(());
        };
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_error(Task::WriteFile, path)(e)),
        }
    }

    /// Every readable draft, oldest first (regular files of at most
    /// [`MAX_DRAFT_LEN`] bytes). Unreadable files are left alone (and
    /// counted), never deleted: they may hold someone's note.
    pub fn list(&self) -> (Vec<ContactDraft>, usize) {
        let Some(dir) = &self.dir else {
            return (Vec::new(), 0);
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return (Vec::new(), 0);
        };
        let mut drafts = Vec::new();
        let mut unreadable = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            match files::read_capped(&path, MAX_DRAFT_LEN)
                .ok()
                .and_then(|b| serde_json::from_slice::<ContactDraft>(&b).ok())
            {
                Some(d) => drafts.push(d),
                None => unreadable += 1,
            }
        }
        drafts.sort_by(|a, b| a.saved_at.cmp(&b.saved_at));
        (drafts, unreadable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(id: &str) -> ContactDraft {
        ContactDraft {
            id: id.into(),
            worker_id: "w".into(),
            contact_id: None,
            saved_at: "2026-11-21 10:00".into(),
            date: "2026-11-21".into(),
            time: String::new(),
            minutes: "30".into(),
            mode: "visit".into(),
            participants: vec!["self".into()],
            notes: "一行目\n二行目".into(),
            next_action: String::new(),
            next_due: String::new(),
            plan: None,
            report: None,
        }
    }

    #[test]
    fn drafts_round_trip_privately_and_bad_ids_never_name_files() {
        let dir = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(Some(dir.path().join("x.drafts")));
        let d = draft("0193-abcd");
        drafts.save(&d).unwrap();
        std::fs::write(dir.path().join("x.drafts").join("junk.json"), "{").unwrap();
        let (list, unreadable) = drafts.list();
        assert_eq!(list, vec![d.clone()]);
        assert_eq!(unreadable, 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta =
                std::fs::metadata(dir.path().join("x.drafts").join("0193-abcd.json")).unwrap();
            assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        }
        drafts.remove(&d.id).unwrap();
        assert!(drafts.list().0.is_empty());
        assert!(drafts.save(&draft("../evil")).is_ok());
        assert!(!dir.path().join("evil.json").exists());
    }
}
