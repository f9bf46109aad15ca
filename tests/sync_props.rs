//! Property tests: 2–5 simulated laptops make random changes offline and swap
//! bundles on random schedules (duplicates, reordering, partial sets,
//! forwarding through others, clocks jumping days). After a final full
//! exchange every database is the same, nothing written was lost, and the
//! conflicts shown are exactly the notes edited without seeing each other.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::{BTreeSet, HashMap, HashSet};

use common::Laptop;
use proptest::prelude::*;
use teichaku::store::{LogEntry, RemoteBatch};

const DAY: i64 = 24 * 60 * 60 * 1000;

#[derive(Debug, Clone)]
enum Step {
    AddWorker(usize),
    AddContact(usize, usize),
    EditWorker(usize, usize, u8),
    EditNote(usize, usize, u8),
    DeleteWorker(usize, usize),
    RestoreWorker(usize, usize),
    DeleteContact(usize, usize),
    ResolveFirst(usize),
    /// Days forwards (or backwards when negative) on one laptop's wall clock.
    ClockJump(usize, i64),
    /// A laptop writes a bundle into the pool (full or incremental).
    Export(usize, bool),
    /// A laptop imports some of the pool, in the given order, duplicates allowed.
    Import(usize, Vec<usize>),
}

fn step(n: usize) -> impl Strategy<Value = Step> {
    let l = 0..n;
    let pick = 0usize..8;
    prop_oneof![
        2 => l.clone().prop_map(Step::AddWorker),
        2 => (l.clone(), pick.clone()).prop_map(|(a, b)| Step::AddContact(a, b)),
        2 => (l.clone(), pick.clone(), 0u8..4).prop_map(|(a, b, c)| Step::EditWorker(a, b, c)),
        6 => (l.clone(), pick.clone(), 0u8..6).prop_map(|(a, b, c)| Step::EditNote(a, b, c)),
        1 => (l.clone(), pick.clone()).prop_map(|(a, b)| Step::DeleteWorker(a, b)),
        1 => (l.clone(), pick.clone()).prop_map(|(a, b)| Step::RestoreWorker(a, b)),
        1 => (l.clone(), pick.clone()).prop_map(|(a, b)| Step::DeleteContact(a, b)),
        1 => l.clone().prop_map(Step::ResolveFirst),
        1 => (l.clone(), -3i64..=10).prop_map(|(a, d)| Step::ClockJump(a, d)),
        4 => (l.clone(), any::<bool>()).prop_map(|(a, f)| Step::Export(a, f)),
        4 => (l, proptest::collection::vec(0usize..6, 0..5)).prop_map(|(a, v)| Step::Import(a, v)),
    ]
}

fn scenario() -> impl Strategy<Value = (usize, Vec<Step>)> {
    (2usize..=5).prop_flat_map(|n| (Just(n), proptest::collection::vec(step(n), 1..80)))
}

/// A note revision as the simulation saw it being written.
struct Revision {
    id: (String, i64),
    contact: String,
    /// The note revisions the writing laptop held at the time.
    seen: HashSet<(String, i64)>,
}

struct World {
    laptops: Vec<Laptop>,
    pool: Vec<RemoteBatch>,
    workers: Vec<String>,
    contacts: Vec<String>,
    revisions: Vec<Revision>,
    resolved: HashSet<String>,
    restored: HashSet<String>,
    deleted: HashSet<String>,
    /// Each contact's worker.
    worker_of: HashMap<String, String>,
    /// Every delete of a worker: (worker, what the deleting laptop held then).
    deletes: Vec<(String, HashSet<(String, i64)>)>,
}

fn held(l: &Laptop) -> HashSet<(String, i64)> {
    l.store
        .outgoing(true)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| (e.device_id, e.seq))
        .collect()
}

fn note_ids(l: &Laptop, contact: &str) -> HashSet<(String, i64)> {
    l.store
        .log_for(contact)
        .unwrap()
        .into_iter()
        .filter(|e| e.field == "notes")
        .map(|e| (e.device_id, e.seq))
        .collect()
}

impl World {
    fn pick(list: &[String], i: usize) -> Option<&String> {
        (!list.is_empty()).then(|| &list[i % list.len()])
    }

    fn run(&mut self, s: &Step) {
        match s {
            Step::AddWorker(l) => {
                let id = self.laptops[*l].add_worker(&format!("w{}", self.workers.len()));
                self.workers.push(id);
            }
            Step::AddContact(l, w) => {
                let Some(w) = Self::pick(&self.workers, *w).cloned() else {
                    return;
                };
                let lap = &mut self.laptops[*l];
                if lap.store.worker(&w).unwrap().is_some() {
                    let c = lap.add_contact(&w, "初回");
                    let last = lap.store.own_log().unwrap();
                    let rev = last.iter().rev().find(|e| e.field == "notes").unwrap();
                    self.revisions.push(Revision {
                        id: (rev.device_id.clone(), rev.seq),
                        contact: c.clone(),
                        seen: HashSet::new(),
                    });
                    self.worker_of.insert(c.clone(), w.clone());
                    self.contacts.push(c);
                }
            }
            Step::EditWorker(l, w, v) => {
                let Some(w) = Self::pick(&self.workers, *w).cloned() else {
                    return;
                };
                let lap = &mut self.laptops[*l];
                if let Some(mut worker) = lap.store.worker(&w).unwrap() {
                    worker.employer = format!("会社{v}");
                    worker.kana = format!("かな{}", lap.name);
                    lap.store.update_worker(&worker).unwrap();
                }
            }
            Step::EditNote(l, c, v) => {
                let Some(c) = Self::pick(&self.contacts, *c).cloned() else {
                    return;
                };
                let lap = &mut self.laptops[*l];
                let seen = note_ids(lap, &c);
                let before = lap.store.own_log().unwrap().len();
                let text = format!("記録{v} by {}", lap.name);
                if lap.edit_note(&c, &text) {
                    let log = lap.store.own_log().unwrap();
                    if log.len() > before {
                        let e = log.last().unwrap();
                        self.revisions.push(Revision {
                            id: (e.device_id.clone(), e.seq),
                            contact: c,
                            seen,
                        });
                    }
                }
            }
            Step::DeleteWorker(l, w) => {
                if let Some(w) = Self::pick(&self.workers, *w).cloned() {
                    let seen = held(&self.laptops[*l]);
                    if self.laptops[*l].store.delete_worker(&w).is_ok() {
                        self.deletes.push((w.clone(), seen));
                        self.deleted.insert(w);
                    }
                }
            }
            Step::RestoreWorker(l, w) => {
                if let Some(w) = Self::pick(&self.workers, *w).cloned()
                    && self.laptops[*l].store.restore_worker(&w).is_ok()
                {
                    self.restored.insert(w);
                }
            }
            Step::DeleteContact(l, c) => {
                if let Some(c) = Self::pick(&self.contacts, *c).cloned() {
                    let _ = self.laptops[*l].store.delete_contact(&c);
                }
            }
            Step::ResolveFirst(l) => {
                let lap = &mut self.laptops[*l];
                let first = lap.store.conflicts().unwrap().into_iter().next();
                if let Some(c) = first.as_ref().filter(|c| c.field == "deleted") {
                    // Kept against a delete: keep it (restore) or delete it
                    // again, by the laptop's number.
                    let keep = *l % 2 == 0;
                    let seen = held(lap);
                    lap.store.resolve_delete(&c.record_id, keep).unwrap();
                    if c.entity == "worker" {
                        if keep {
                            self.restored.insert(c.record_id.clone());
                        } else {
                            self.deletes.push((c.record_id.clone(), seen));
                        }
                    }
                } else if let Some(c) = first {
                    let merged: Vec<String> = c.versions.iter().map(|v| v.text.clone()).collect();
                    lap.store
                        .resolve_conflict(&c.record_id, &c.field, &merged.join(" / "))
                        .unwrap();
                    self.resolved.insert(c.record_id);
                }
            }
            Step::ClockJump(l, days) => self.laptops[*l].advance(days * DAY),
            Step::Export(l, full) => {
                let b = self.laptops[*l].bundle(*full);
                self.pool.push(b);
            }
            Step::Import(l, picks) => {
                if self.pool.is_empty() {
                    return;
                }
                // Mostly recent bundles, sometimes old ones again.
                let len = self.pool.len();
                let batches: Vec<RemoteBatch> = picks
                    .iter()
                    .map(|i| self.pool[len - 1 - (i % len)].clone())
                    .collect();
                self.laptops[*l].import(&batches);
            }
        }
        // Wall clocks move on between steps, not always in step.
        for (i, l) in self.laptops.iter().enumerate() {
            l.advance(1 + (i as i64) * 7);
        }
    }
}

/// `seen` and every revision those replaced, transitively, by the raw log.
fn known_through(seen: &HashSet<(String, i64)>, log: &[LogEntry]) -> HashSet<(String, i64)> {
    let parents: HashMap<(String, i64), Vec<(String, i64)>> = log
        .iter()
        .map(|e| {
            let ps = e
                .replaces
                .iter()
                .chain(e.also_replaces.iter())
                .cloned()
                .collect();
            ((e.device_id.clone(), e.seq), ps)
        })
        .collect();
    let mut known: HashSet<(String, i64)> = HashSet::new();
    let mut todo: Vec<(String, i64)> = seen.iter().cloned().collect();
    while let Some(id) = todo.pop() {
        if known.insert(id.clone()) {
            todo.extend(parents.get(&id).into_iter().flatten().cloned());
        }
    }
    known
}

/// Heads of each (record, notes) graph, computed here from raw entries.
fn open_note_conflicts(log: &[LogEntry]) -> BTreeSet<String> {
    let replaced: HashSet<(&str, i64)> = log
        .iter()
        .filter(|e| e.field == "notes")
        .flat_map(|e| e.replaces.iter().chain(e.also_replaces.iter()))
        .map(|(d, s)| (d.as_str(), *s))
        .collect();
    let mut heads: HashMap<&str, usize> = HashMap::new();
    for e in log.iter().filter(|e| e.field == "notes") {
        if !replaced.contains(&(e.device_id.as_str(), e.seq)) {
            *heads.entry(e.record_id.as_str()).or_default() += 1;
        }
    }
    heads
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(r, _)| r.to_string())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn laptops_converge_and_lose_nothing((n, steps) in scenario()) {
        let mut world = World {
            laptops: (0..n).map(Laptop::new).collect(),
            pool: Vec::new(),
            workers: Vec::new(),
            contacts: Vec::new(),
            revisions: Vec::new(),
            resolved: HashSet::new(),
            restored: HashSet::new(),
            deleted: HashSet::new(),
            worker_of: HashMap::new(),
            deletes: Vec::new(),
        };
        // A shared start, as after a first `export --full`: two workers with
        // a contact each on every laptop, so later edits can meet.
        world.run(&Step::AddWorker(0));
        world.run(&Step::AddWorker(0));
        world.run(&Step::AddContact(0, 0));
        world.run(&Step::AddContact(0, 1));
        world.run(&Step::Export(0, true));
        for l in 1..n {
            world.run(&Step::Import(l, vec![0]));
        }
        for s in &steps {
            world.run(s);
        }
        // Order independence on whatever the pool holds: one at a time forwards,
        // all at once backwards, twice over — the same database.
        let mut fwd = Laptop::new(10);
        for b in &world.pool {
            fwd.import(std::slice::from_ref(b));
        }
        let mut back = Laptop::new(11);
        let reversed: Vec<RemoteBatch> = world.pool.iter().rev().cloned().collect();
        back.import(&reversed);
        back.import(&reversed);
        prop_assert_eq!(fwd.dump(), back.dump());

        // Final full exchange.
        let finals: Vec<RemoteBatch> = world.laptops.iter_mut().map(|l| l.bundle(true)).collect();
        for l in &mut world.laptops {
            l.import(&finals);
        }
        let reference = world.laptops[0].dump();
        for l in &world.laptops[1..] {
            prop_assert_eq!(&l.dump(), &reference);
        }
        // Importing everything again changes nothing.
        world.laptops[0].import(&finals);
        prop_assert_eq!(world.laptops[0].dump(), reference.clone());

        // Nothing written anywhere was lost: the union of own logs is there.
        let own_total: usize = world.laptops.iter().map(|l| l.store.own_log().unwrap().len()).sum();
        let first = &world.laptops[0];
        let mut all: Vec<LogEntry> = Vec::new();
        for l in &world.laptops {
            all.extend(l.store.own_log().unwrap());
        }
        prop_assert_eq!(all.len(), own_total);
        let mut records: BTreeSet<&str> = BTreeSet::new();
        records.extend(all.iter().map(|e| e.record_id.as_str()));
        let mut held = 0;
        for r in &records {
            held += first.store.log_for(r).unwrap().len();
        }
        prop_assert_eq!(held, own_total);

        // Every note revision ever written is still there…
        let ids: HashSet<(String, i64)> = all.iter().map(|e| (e.device_id.clone(), e.seq)).collect();
        for r in &world.revisions {
            prop_assert!(ids.contains(&r.id));
        }
        // …the conflicts shown are exactly the notes whose graph has two heads…
        let listed = first.store.conflicts().unwrap();
        let shown: BTreeSet<String> = listed.iter().filter(|c| c.field != "deleted").map(|c| c.record_id.clone()).collect();
        prop_assert_eq!(&shown, &open_note_conflicts(&all));
        // …and two revisions written without seeing each other leave the note
        // in conflict unless someone resolved it. What a writer saw includes,
        // through the revisions it held, everything those replaced: a laptop
        // that received r2 (which replaced r1) without r1 still wrote after r1.
        let known = |seen: &HashSet<(String, i64)>| known_through(seen, &all);
        for (i, r1) in world.revisions.iter().enumerate() {
            for r2 in &world.revisions[i + 1..] {
                let concurrent = r1.contact == r2.contact
                    && !known(&r1.seen).contains(&r2.id)
                    && !known(&r2.seen).contains(&r1.id);
                if concurrent && !world.resolved.contains(&r1.contact) {
                    prop_assert!(shown.contains(&r1.contact), "unflagged concurrent edits");
                }
            }
        }
        // A worker deleted and never restored is hidden, or kept in view
        // flagged: never both hidden and unflagged wrongly, never in view
        // without a word.
        let flagged: BTreeSet<&str> = listed.iter().filter(|c| c.field == "deleted").map(|c| c.record_id.as_str()).collect();
        for w in world.deleted.difference(&world.restored) {
            let hidden = first.store.worker(w).unwrap().is_none();
            prop_assert!(hidden || flagged.contains(w.as_str()), "a deleted worker in view without a word");
        }
        // Nothing hidden that no delete had seen: every write to a hidden
        // worker or their contacts was held by a laptop that deleted the
        // worker (or is one of the deletes).
        for w in &world.workers {
            if first.store.worker(w).unwrap().is_some() {
                continue;
            }
            let mut seen: HashSet<(String, i64)> = HashSet::new();
            for (dw, s) in &world.deletes {
                if dw == w {
                    seen.extend(s.iter().cloned());
                }
            }
            for e in &all {
                let of_w = e.record_id == *w || world.worker_of.get(&e.record_id) == Some(w);
                let id = (e.device_id.clone(), e.seq);
                if of_w && !seen.contains(&id) && !(e.record_id == *w && e.field == "deleted") {
                    prop_assert!(false, "a write the deletes had not seen was hidden: {:?}", e);
                }
            }
        }
    }
}
