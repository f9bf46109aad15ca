//! A long job stopped through its hook (Esc on the TUI's gauge) leaves
//! nothing: an import stopped before it starts or half-way through its
//! entries rolls back whole (records, change log, list of imports, search
//! index and its triggers), and a stopped export leaves no file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::Laptop;
use teichaku::Error;
use teichaku::store::job::JobHook;
use teichaku::store::{Incoming, LogEntry, MassDelete, RemoteBatch};
use teichaku::sync::{self, Keyring};

/// A bundle that asks its job to stop after `after` entries (the user
/// pressing Esc while it is read).
struct StopsAfter {
    batch: RemoteBatch,
    hook: JobHook,
    after: usize,
}

impl Incoming for StopsAfter {
    fn bundle_id(&self) -> &str {
        &self.batch.bundle_id
    }
    fn sender(&self) -> &str {
        &self.batch.sender
    }
    fn created_at(&self) -> &str {
        &self.batch.created_at
    }
    fn file_name(&self) -> &str {
        &self.batch.file_name
    }
    fn known(&self) -> &[(String, i64)] {
        &self.batch.known
    }
    fn read_entries(
        &mut self,
        each: &mut dyn FnMut(&LogEntry) -> teichaku::Result<()>,
    ) -> teichaku::Result<usize> {
        for (i, e) in self.batch.entries.iter().enumerate() {
            if i == self.after {
                self.hook.cancel();
            }
            each(e)?;
        }
        Ok(self.batch.entries.len())
    }
}

fn source() -> Laptop {
    let mut a = Laptop::new(1);
    for i in 0..3 {
        let w = a.add_worker(&format!("利用者{i}"));
        a.add_contacts(&w, "配置転換の相談", 40);
    }
    a
}

#[test]
fn an_import_stopped_half_way_leaves_nothing() {
    let mut a = source();
    let batch = a.bundle(true);
    let mut b = Laptop::new(2);
    let own = b.add_worker("山田 太郎");
    b.add_contact(&own, "初回面談");
    let before = b.dump();
    let log_before = b.store.own_log().unwrap().len();

    let hook = JobHook::default();
    *b.store.job_hook_mut() = hook.clone();
    let mut stopping = StopsAfter {
        after: batch.entries.len() / 2,
        batch: batch.clone(),
        hook: hook.clone(),
    };
    let mut dyns: Vec<&mut dyn Incoming> = vec![&mut stopping];
    let r = b.store.import_incoming(&mut dyns, MassDelete::Allow);
    assert!(matches!(r, Err(Error::Cancelled)), "{r:?}");
    let p = hook.progress();
    assert!(p.cancelling && p.done > 0, "{p:?}");
    assert_eq!(p.total, None, "this bundle did not say its size");

    assert_eq!(b.dump(), before, "no record changed");
    assert_eq!(b.store.own_log().unwrap().len(), log_before);
    assert!(
        b.store
            .log_for(&batch.entries[0].record_id)
            .unwrap()
            .is_empty()
    );
    assert!(b.store.sync_status(5).unwrap().imports.is_empty());
    assert!(b.store.search("配置転換", 10).unwrap().is_empty());
    // The search triggers came back with the rollback: a note written now is found.
    b.add_contact(&own, "配置転換の希望あり");
    assert_eq!(b.store.search("配置転換", 10).unwrap().len(), 1);

    // The same bundle imports whole afterwards, under a hook nobody stops.
    *b.store.job_hook_mut() = JobHook::default();
    let r = b.import(std::slice::from_ref(&batch));
    assert_eq!(r.new_entries, batch.entries.len());
    assert_eq!(b.store.workers().unwrap().len(), 4);
}

#[test]
fn an_import_stopped_before_it_starts_changes_nothing_and_counts_what_it_knows() {
    let mut a = source();
    let batch = a.bundle(true);
    let mut b = Laptop::new(2);
    let before = b.dump();
    let hook = JobHook::default();
    hook.cancel();
    *b.store.job_hook_mut() = hook.clone();
    let r = b
        .store
        .import_batches(std::slice::from_ref(&batch), MassDelete::Allow);
    assert!(matches!(r, Err(Error::Cancelled)), "{r:?}");
    assert_eq!(b.dump(), before);
    let n = u64::try_from(batch.entries.len()).unwrap();
    assert_eq!(
        hook.progress().total,
        Some(n),
        "a batch in memory knows its size"
    );
}

#[test]
fn a_stopped_export_leaves_no_file() {
    let mut a = source();
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.tcsync");
    let hook = JobHook::default();
    hook.cancel();
    *a.store.job_hook_mut() = hook;
    let mut keys = Keyring::new("みなと支援センター2026".into());
    let r = sync::export_to(&mut a.store, &mut keys, &dest, true, false);
    assert!(matches!(r, Err(Error::Cancelled)), "{r:?}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "no file, no temporary file: {left:?}");
    assert!(a.store.sync_status(5).unwrap().exports.is_empty());
}
