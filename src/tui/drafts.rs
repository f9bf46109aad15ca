//! Drafts of the note being written, saved every couple of seconds beside the
//! database (owner-only files, atomic writes) and offered again after a crash.
//!
//! A draft file is sealed (AES-256-GCM) with the draft half of the database's
//! key: no note is ever on disk in plaintext. Its name is a random id.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::crypto::{self, Key, NONCE_LEN};
use crate::error::{Result, Task, io_error};
use crate::files;
use crate::store::Store;

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

/// The drafts folder of one database and the key its files are sealed with;
/// `None` keeps drafts off disk (tests, plaintext stores).
#[derive(Clone)]
pub struct Drafts {
    at: Option<(PathBuf, Key)>,
}

impl std::fmt::Debug for Drafts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Drafts")
            .field("dir", &self.at.as_ref().map(|(d, _)| d))
            .finish()
    }
}

/// The first bytes of a sealed draft file; also authenticated with its id.
const MAGIC: &[u8; 4] = b"TKD1";

impl Drafts {
    pub fn new(at: Option<(PathBuf, Key)>) -> Drafts {
        Drafts { at }
    }

    /// `teichaku.db` keeps its drafts in `teichaku.drafts/` beside it.
    pub fn beside(db: &Path, key: Key) -> Drafts {
        Drafts::new(Some((db.with_extension("drafts"), key)))
    }

    /// The drafts of an encrypted store on disk; off disk for any other.
    pub fn for_store(store: &Store) -> Drafts {
        match (store.path(), store.key()) {
            (Some(db), Some(key)) => Drafts::beside(db, key.draft_key()),
            _ => Drafts::new(None),
        }
    }

    fn file(&self, id: &str, ext: &str) -> Option<PathBuf> {
        // Ids are UUIDs we made; anything else never names a file.
        let safe = !id.is_empty() && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
        self.at
            .as_ref()
            .filter(|_| safe)
            .map(|(d, _)| d.join(format!("{id}.{ext}")))
    }

    pub fn save(&self, draft: &ContactDraft) -> Result<()> {
        let (Some(path), Some((_, key))) = (self.file(&draft.id, "draft"), &self.at) else {
            return Ok(());
        };
        let json = serde_json::to_vec(draft).unwrap_or_default();
        let nonce = crypto::random_bytes::<NONCE_LEN>();
        let Some(sealed) = key.seal(&nonce, &aad(&draft.id), &json) else {
            return Ok(());
        };
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&nonce);
        bytes.extend_from_slice(&sealed);
        files::write_atomic(&path, &bytes)
    }

    pub fn remove(&self, id: &str) -> Result<()> {
        for ext in ["draft", "json"] {
            let Some(path) = self.file(id, ext) else {
                return Ok(());
            };
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_error(Task::WriteFile, path)(e)),
            }
        }
        Ok(())
    }

    /// Every readable draft, oldest first (regular files of at most
    /// [`MAX_DRAFT_LEN`] bytes). Unreadable files are left alone (and
    /// counted), never deleted: they may hold someone's note. A plaintext
    /// draft of an earlier teichaku is sealed now and its file removed.
    pub fn list(&self) -> (Vec<ContactDraft>, usize) {
        let Some((dir, key)) = &self.at else {
            return (Vec::new(), 0);
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return (Vec::new(), 0);
        };
        let mut drafts = Vec::new();
        let mut unreadable = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
                continue;
            };
            let bytes = files::read_capped(&path, MAX_DRAFT_LEN).ok();
            let draft = match ext {
                "draft" => bytes.and_then(|b| unseal(key, &path, &b)),
                "json" => bytes
                    .and_then(|b| serde_json::from_slice::<ContactDraft>(&b).ok())
                    .filter(|d| self.file(&d.id, "json").as_deref() == Some(&path))
                    .filter(|d| self.save(d).is_ok() && std::fs::remove_file(&path).is_ok()),
                _ => continue,
            };
            match draft {
                Some(d) => drafts.push(d),
                None => unreadable += 1,
            }
        }
        drafts.sort_by(|a, b| a.saved_at.cmp(&b.saved_at));
        (drafts, unreadable)
    }
}

fn aad(id: &str) -> Vec<u8> {
    let mut aad = MAGIC.to_vec();
    aad.extend_from_slice(id.as_bytes());
    aad
}

/// Opens a sealed draft; its id must be the one its file is named by.
fn unseal(key: &Key, path: &Path, bytes: &[u8]) -> Option<ContactDraft> {
    let id = path.file_stem()?.to_str()?;
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    if rest.len() < NONCE_LEN {
        return None;
    }
    let (nonce, sealed) = rest.split_at(NONCE_LEN);
    let plain = key.open(nonce, &aad(id), sealed)?;
    serde_json::from_slice::<ContactDraft>(&plain)
        .ok()
        .filter(|d| d.id == id)
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

    fn key(b: u8) -> Key {
        Key::from_raw(&[b; 32])
    }

    #[test]
    fn drafts_round_trip_sealed_and_privately_and_bad_ids_never_name_files() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("x.drafts");
        let drafts = Drafts::new(Some((folder.clone(), key(1))));
        let d = draft("0193-abcd");
        drafts.save(&d).unwrap();
        std::fs::write(folder.join("junk.draft"), "TKD1 not sealed").unwrap();
        let (list, unreadable) = drafts.list();
        assert_eq!(list, vec![d.clone()]);
        assert_eq!(unreadable, 1);
        let file = folder.join("0193-abcd.draft");
        let bytes = std::fs::read(&file).unwrap();
        let needle = "一行目".as_bytes();
        assert!(!bytes.windows(needle.len()).any(|w| w == needle), "sealed");
        // Another key (another database) reads nothing; a file renamed to
        // another draft's id is refused too.
        let other = Drafts::new(Some((folder.clone(), key(2))));
        assert_eq!(other.list(), (Vec::new(), 2));
        std::fs::copy(&file, folder.join("0193-ffff.draft")).unwrap();
        assert_eq!(drafts.list().1, 2);
        std::fs::remove_file(folder.join("0193-ffff.draft")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta = std::fs::metadata(&file).unwrap();
            assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        }
        drafts.remove(&d.id).unwrap();
        assert!(drafts.list().0.is_empty());
        assert!(drafts.save(&draft("../evil")).is_ok());
        assert!(!dir.path().join("evil.draft").exists());
    }

    #[test]
    fn a_plaintext_draft_of_an_earlier_version_is_sealed_and_its_file_removed() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("x.drafts");
        std::fs::create_dir_all(&folder).unwrap();
        let d = draft("0193-beef");
        let plain = folder.join("0193-beef.json");
        std::fs::write(&plain, serde_json::to_vec(&d).unwrap()).unwrap();
        let drafts = Drafts::new(Some((folder.clone(), key(3))));
        assert_eq!(drafts.list(), (vec![d.clone()], 0));
        assert!(!plain.exists(), "the plaintext file is gone");
        assert!(folder.join("0193-beef.draft").exists());
        assert_eq!(drafts.list(), (vec![d], 0));
    }
}
