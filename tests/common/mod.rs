//! Simulated laptops for the sync tests: in-memory stores with their own wall
//! clocks, exchanging change-log batches as bundles would carry them.
#![allow(dead_code)]

pub mod cli;
pub mod laptop;
pub mod plan_fork;
pub mod tui;

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use teichaku::domain::{Contact, Mode, Worker};
use teichaku::store::{self, MassDelete, RemoteBatch, Store};

/// The database passphrase every test database is made with (the CLI gets it
/// through `TEICHAKU_DB_PASSPHRASE`).
pub const DB_PASSPHRASE: &str = "correct horse battery staple";

/// Opens (or creates, encrypted) the database at `path` as the CLI would.
pub fn open_db(path: &std::path::Path) -> Store {
    teichaku::store::unlock::open(path, DB_PASSPHRASE).unwrap()
}

/// The sealed drafts folder of the database at `path` (made if missing).
pub fn drafts_beside(path: &std::path::Path) -> teichaku::tui::drafts::Drafts {
    teichaku::tui::drafts::Drafts::for_store(&open_db(path))
}

/// 2026-11-01T00:00:00Z
pub const START_MS: i64 = 1_793_491_200_000;

pub struct Laptop {
    pub store: Store,
    pub clock: Arc<AtomicI64>,
    pub name: usize,
}

impl Laptop {
    pub fn new(name: usize) -> Laptop {
        let mut store = Store::open_in_memory().unwrap();
        let clock = Arc::new(AtomicI64::new(START_MS));
        let c = clock.clone();
        store.set_clock(move || {
            DateTime::<Utc>::from_timestamp_millis(c.load(Ordering::SeqCst)).unwrap()
        });
        Laptop { store, clock, name }
    }

    pub fn advance(&self, ms: i64) {
        self.clock.fetch_add(ms, Ordering::SeqCst);
    }

    /// What an export would carry now.
    pub fn bundle(&mut self, full: bool) -> RemoteBatch {
        let out = self.store.outgoing(full).unwrap();
        let id = store::new_id();
        self.store.record_export(&id, "sim", &out, full).unwrap();
        RemoteBatch {
            bundle_id: id,
            sender: self.store.device_id().to_string(),
            created_at: String::new(),
            file_name: "sim".into(),
            known: out.known,
            entries: out.entries,
        }
    }

    pub fn import(&mut self, batches: &[RemoteBatch]) -> store::ImportReport {
        self.store
            .import_batches(batches, MassDelete::Allow)
            .unwrap()
    }

    pub fn dump(&self) -> String {
        self.store.canonical_dump().unwrap()
    }

    pub fn add_worker(&mut self, name: &str) -> String {
        let w = Worker::new(store::new_id(), name.to_string());
        self.store.add_worker(&w).unwrap();
        w.id
    }

    pub fn add_contact(&mut self, worker_id: &str, notes: &str) -> String {
        let c = contact(worker_id, notes);
        self.store.add_contact(&c).unwrap();
        c.id
    }

    /// `n` contacts of `worker_id` ("{prefix}0", "{prefix}1"…) in one
    /// transaction, as a big day of work or an old laptop's history.
    pub fn add_contacts(&mut self, worker_id: &str, prefix: &str, n: usize) {
        let contacts: Vec<Contact> = (0..n)
            .map(|i| contact(worker_id, &format!("{prefix}{i}")))
            .collect();
        self.store
            .write(|tx| {
                for c in &contacts {
                    tx.insert(c)?;
                }
                Ok(())
            })
            .unwrap();
    }

    /// Sets a contact's notes; false when the contact is not visible here.
    pub fn edit_note(&mut self, contact_id: &str, text: &str) -> bool {
        match self.store.contact(contact_id).unwrap() {
            Some(mut c) => {
                c.notes = text.to_string();
                self.store.update_contact(&c).is_ok()
            }
            None => false,
        }
    }
}

pub fn contact(worker_id: &str, notes: &str) -> Contact {
    Contact {
        id: store::new_id(),
        worker_id: worker_id.into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        start_time: None,
        minutes: Some(30),
        mode: Mode::Phone,
        participants: vec![],
        notes: notes.into(),
        next_action: String::new(),
        next_due: None,
        next_done: None,
        recorded_by: String::new(),
        consent_confirmed: false,
    }
}

/// A worker and one visit note with `note`, through the CLI.
#[allow(dead_code)]
pub fn worker_with_visit(env: &cli::Env, name: &str, note: &str) {
    env.ok(&["worker", "add", "--name", name]);
    env.ok(&["contact", "add", name, "--mode", "visit", "--notes", note]);
}
