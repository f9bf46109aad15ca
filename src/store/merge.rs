//! The merge rules, as pure functions over plain values: no SQL, no files.
//! `store::apply` feeds them the change-log entries of one record and writes
//! back what they decide; the tests below state the rules as tables.
//!
//! - Each (record, field) is a revision graph: a write names the write it
//!   replaced (and a conflict resolution every head it saw).
//! - The **heads** are the writes nobody replaced. The field shows the head
//!   with the greatest (hybrid logical clock, device): last writer wins among
//!   concurrent writes, and a tie on the clock goes to the greater device id.
//! - A **note** field (free text) with more than one head is a conflict: both
//!   texts stay and are shown until someone writes a resolution replacing them.
//!   Other fields just take the winner.
//! - **Delete vs edit**: `deleted` is a field like any other. A delete hides
//!   the record; an edit made without knowing of the delete is applied under
//!   it and keeps the record in view, flagged, until someone restores it or
//!   deletes it again (`store::delete_conflicts`: what a delete had seen is
//!   in its extra parents). Nothing written is ever lost.
//!
//! The result depends only on the *set* of writes, never on their order, so
//! every laptop holding the same writes shows the same record.

use std::collections::{BTreeMap, HashSet};

use crate::store::log::Hlc;

/// What the merge needs to know about one write.
pub trait Revision {
    type Value;
    /// (device, sequence number): unique for every write.
    fn id(&self) -> (&str, i64);
    /// What orders concurrent writes: the clock, then the device.
    fn order_key(&self) -> (Hlc, &str);
    /// The writes this one replaced.
    fn parents(&self) -> Vec<(&str, i64)>;
    fn value(&self) -> &Self::Value;
}

/// The heads of one field's revision graph, oldest first (the last wins).
pub fn heads<R: Revision>(writes: &[R]) -> Vec<&R> {
    let replaced: HashSet<(&str, i64)> = writes.iter().flat_map(Revision::parents).collect();
    let mut heads: Vec<&R> = writes
        .iter()
        .filter(|w| !replaced.contains(&w.id()))
        .collect();
    // A device's clock never repeats, so (clock, device) is unique; the
    // sequence number only keeps the order total should a file claim otherwise.
    heads.sort_by(|a, b| (a.order_key(), a.id().1).cmp(&(b.order_key(), b.id().1)));
    heads
}

/// What one record looks like after its writes are merged.
#[derive(Debug, PartialEq)]
pub struct Merged<'a, V> {
    /// Each field that has writes, with the value it shows.
    pub values: Vec<(&'a str, &'a V)>,
    /// Note fields with more than one head: open conflicts.
    pub conflicts: Vec<&'a str>,
    /// Note fields with exactly one head (a conflict there, if any, is over).
    pub settled_notes: Vec<&'a str>,
}

/// Merges every field of one record. `is_note` says which fields are free
/// text, where concurrent writes are kept as a conflict.
pub fn merge_record<'a, R: Revision>(
    fields: &'a BTreeMap<&'a str, Vec<R>>,
    is_note: impl Fn(&str) -> bool,
) -> Merged<'a, R::Value> {
    let mut out = Merged {
        values: Vec::new(),
        conflicts: Vec::new(),
        settled_notes: Vec::new(),
    };
    for (field, writes) in fields {
        let heads = heads(writes);
        if let Some(winner) = heads.last() {
            out.values.push((field, winner.value()));
        }
        if is_note(field) {
            if heads.len() > 1 {
                out.conflicts.push(field);
            } else {
                out.settled_notes.push(field);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A write in the tables: device, seq, clock ms, parents, value.
    #[derive(Debug, Clone)]
    struct W {
        dev: &'static str,
        seq: i64,
        ms: i64,
        parents: Vec<(&'static str, i64)>,
        value: &'static str,
    }

    fn w(
        dev: &'static str,
        seq: i64,
        ms: i64,
        parents: &[(&'static str, i64)],
        v: &'static str,
    ) -> W {
        W {
            dev,
            seq,
            ms,
            parents: parents.to_vec(),
            value: v,
        }
    }

    impl Revision for W {
        type Value = &'static str;
        fn id(&self) -> (&str, i64) {
            (self.dev, self.seq)
        }
        fn order_key(&self) -> (Hlc, &str) {
            (
                Hlc {
                    ms: self.ms,
                    counter: 0,
                },
                self.dev,
            )
        }
        fn parents(&self) -> Vec<(&str, i64)> {
            self.parents.clone()
        }
        fn value(&self) -> &&'static str {
            &self.value
        }
    }

    fn shown(writes: &[W]) -> (Option<&'static str>, usize) {
        let h = heads(writes);
        (h.last().map(|w| w.value), h.len())
    }

    #[test]
    fn one_field_by_the_table() {
        // (case, writes, shown value, number of heads)
        let cases: Vec<(&str, Vec<W>, Option<&str>, usize)> = vec![
            ("nothing written", vec![], None, 0),
            ("one write", vec![w("a", 1, 10, &[], "x")], Some("x"), 1),
            (
                "an edit replaces what it saw",
                vec![w("a", 1, 10, &[], "x"), w("b", 1, 5, &[("a", 1)], "y")],
                // b's clock is older, but it saw a's write: it wins anyway.
                Some("y"),
                1,
            ),
            (
                "concurrent writes: the later clock wins",
                vec![
                    w("a", 1, 10, &[], "x"),
                    w("a", 2, 20, &[("a", 1)], "from a"),
                    w("b", 1, 30, &[("a", 1)], "from b"),
                ],
                Some("from b"),
                2,
            ),
            (
                "a tie on the clock goes to the greater device",
                vec![w("a", 1, 10, &[], "from a"), w("b", 1, 10, &[], "from b")],
                Some("from b"),
                2,
            ),
            (
                "a resolution replaces both heads",
                vec![
                    w("a", 1, 10, &[], "x"),
                    w("a", 2, 20, &[("a", 1)], "from a"),
                    w("b", 1, 30, &[("a", 1)], "from b"),
                    w("a", 3, 40, &[("a", 2), ("b", 1)], "merged"),
                ],
                Some("merged"),
                1,
            ),
            (
                "a write whose parent has not arrived is still a head",
                vec![w("b", 7, 50, &[("a", 9)], "later")],
                Some("later"),
                1,
            ),
        ];
        for (case, writes, value, n_heads) in cases {
            assert_eq!(shown(&writes), (value, n_heads), "{case}");
        }
    }

    #[test]
    fn notes_keep_concurrent_texts_as_a_conflict_other_fields_take_the_winner() {
        let mut fields: BTreeMap<&str, Vec<W>> = BTreeMap::new();
        let fork = vec![
            w("a", 1, 10, &[], "x"),
            w("a", 2, 20, &[("a", 1)], "from a"),
            w("b", 1, 30, &[("a", 1)], "from b"),
        ];
        fields.insert("notes", fork.clone());
        fields.insert("employer", fork);
        let m = merge_record(&fields, |f| f == "notes");
        assert_eq!(
            m.values,
            vec![("employer", &"from b"), ("notes", &"from b")]
        );
        assert_eq!(m.conflicts, vec!["notes"]);
        assert!(m.settled_notes.is_empty());
    }

    #[test]
    fn delete_and_a_concurrent_edit_both_stay() {
        // A deletes the record while B edits its note: the record is hidden and
        // B's text is the note underneath; restoring brings it back.
        let mut fields: BTreeMap<&str, Vec<W>> = BTreeMap::new();
        fields.insert(
            "deleted",
            vec![w("a", 1, 10, &[], "0"), w("a", 2, 30, &[("a", 1)], "1")],
        );
        fields.insert(
            "notes",
            vec![
                w("a", 3, 10, &[], "x"),
                w("b", 1, 20, &[("a", 3)], "edited"),
            ],
        );
        let m = merge_record(&fields, |f| f == "notes");
        assert_eq!(m.values, vec![("deleted", &"1"), ("notes", &"edited")]);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.settled_notes, vec!["notes"]);

        fields
            .get_mut("deleted")
            .unwrap()
            .push(w("a", 4, 40, &[("a", 2)], "0"));
        let m = merge_record(&fields, |f| f == "notes");
        assert_eq!(m.values, vec![("deleted", &"0"), ("notes", &"edited")]);
    }

    proptest::proptest! {
        /// Random revision graphs on three laptops, shuffled: the same set of
        /// writes always gives the same heads and the same value.
        #[test]
        fn the_order_writes_arrive_in_never_matters(
            shape in proptest::collection::vec((0usize..3, 0i64..50, proptest::option::of(0usize..64)), 1..24),
            seed in 0u64..u64::MAX,
        ) {
            const DEVS: [&str; 3] = ["a", "b", "c"];
            const VALUES: [&str; 4] = ["v0", "v1", "v2", "v3"];
            let mut writes: Vec<W> = Vec::new();
            let mut seqs = [0i64; 3];
            for (i, (dev, ms, parent)) in shape.iter().enumerate() {
                seqs[*dev] += 1;
                let parents = match parent {
                    Some(p) if !writes.is_empty() => {
                        let p = &writes[p % writes.len()];
                        vec![(p.dev, p.seq)]
                    }
                    _ => vec![],
                };
                writes.push(w(DEVS[*dev], seqs[*dev], *ms, &parents, VALUES[i % 4]));
            }
            let expected: Vec<(&str, i64)> = heads(&writes).iter().map(|w| w.id()).collect();
            let value = shown(&writes).0;
            // A deterministic shuffle from the seed.
            let mut shuffled = writes.clone();
            let mut s = seed | 1;
            for i in (1..shuffled.len()).rev() {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                shuffled.swap(i, (s % (i as u64 + 1)) as usize);
            }
            let got: Vec<(&str, i64)> = heads(&shuffled).iter().map(|w| w.id()).collect();
            proptest::prop_assert_eq!(got, expected);
            proptest::prop_assert_eq!(shown(&shuffled).0, value);
        }
    }
}
