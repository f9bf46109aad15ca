//! Which of this laptop's files a shared folder should hold: a pure plan over
//! what is there, what this laptop has written and what the others say they
//! hold.
//!
//! Each laptop writes only its own series (the entries it authored) and never
//! another laptop's: every laptop's own files together hold everything, so a
//! new laptop can start from the folder alone, and nothing is published twice.
//! Per laptop the folder holds
//! - a **base**: its entries from #1 up to some point, made by compaction;
//! - **segments**: the runs written by later syncs, one per sync that had new
//!   entries of its own;
//! - at most one small **head**: no entries, only what this laptop holds of
//!   everyone (its acknowledgement), written when that changed and no
//!   segment was written. Every file carries the same acknowledgement.
//!
//! When a laptop has more than [`COMPACT_FILES`] segments, it merges its base
//! and the segments every known laptop has acknowledged into a new base and
//! removes them. It never removes a file before every laptop it knows of holds
//! its entries (a laptop away for a month keeps the segments it lacks in the
//! folder, at their size, until it is back), and never another laptop's file.

use crate::store::folder_state::{FileRole, OwnFile};

/// Segments a laptop may have in the folder before it compacts.
pub const COMPACT_FILES: usize = 8;

/// What this sync does to our own files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// A new segment of our entries `from..=to`.
    pub segment: Option<(i64, i64)>,
    /// A new base of our entries `1..=to`, replacing `remove`.
    pub base: Option<i64>,
    /// A head (no entries) to carry a changed acknowledgement.
    pub head: bool,
    /// Files to remove once the new ones are written.
    pub remove: Vec<OwnFile>,
}

/// How far our entries are held, from #1 without a break, by `files`.
pub fn covered(files: &[OwnFile]) -> i64 {
    let mut runs: Vec<(i64, i64)> = files
        .iter()
        .filter(|f| f.role != FileRole::Head && f.from <= f.to)
        .map(|f| (f.from, f.to))
        .collect();
    runs.sort();
    let mut upto = 0;
    for (from, to) in runs {
        if from > upto + 1 {
            break;
        }
        upto = upto.max(to);
    }
    upto
}

/// The plan for one sync. `present`: our recorded files still in the folder;
/// `own_max`: our highest sequence number; `acks`: what each known laptop
/// holds of ours; `acks_changed`: whether what we hold differs from what our
/// last file said.
pub fn plan(present: &[OwnFile], own_max: i64, acks: &[i64], acks_changed: bool) -> Plan {
    let mut plan = Plan::default();
    let upto = covered(present);
    if own_max > upto {
        plan.segment = Some((upto + 1, own_max));
    }
    // With no other laptop known, nobody waits for anything.
    let acked = acks.iter().copied().min().unwrap_or(i64::MAX);
    let segments = present
        .iter()
        .filter(|f| f.role == FileRole::Segment)
        .count()
        + usize::from(plan.segment.is_some());
    if segments > COMPACT_FILES {
        // The unbroken run from #1 of files everyone holds.
        let mut files: Vec<&OwnFile> = present
            .iter()
            .filter(|f| f.role != FileRole::Head && f.from <= f.to && f.to <= acked)
            .collect();
        files.sort_by_key(|f| (f.from, f.to));
        let mut pos = 0;
        let mut taken = Vec::new();
        for f in files {
            if f.from > pos + 1 {
                break;
            }
            pos = pos.max(f.to);
            taken.push(f.clone());
        }
        if taken.len() >= 2 {
            plan.base = Some(pos);
            plan.remove = taken;
        }
    }
    let writes = plan.segment.is_some() || plan.base.is_some();
    plan.head = !writes && acks_changed;
    if writes || plan.head {
        // A newer file carries the acknowledgement; heads hold nothing else.
        plan.remove
            .extend(present.iter().filter(|f| f.role == FileRole::Head).cloned());
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(role: FileRole, from: i64, to: i64) -> OwnFile {
        OwnFile {
            bundle_id: format!("{from}-{to}"),
            file_name: format!("f{from}-{to}"),
            role,
            from,
            to,
        }
    }

    fn segments(n: i64) -> Vec<OwnFile> {
        (0..n)
            .map(|i| file(FileRole::Segment, i * 10 + 1, i * 10 + 10))
            .collect()
    }

    #[test]
    fn new_entries_go_in_a_segment_after_what_the_folder_holds() {
        let p = plan(&[file(FileRole::Base, 1, 40)], 45, &[40], false);
        assert_eq!(p.segment, Some((41, 45)));
        assert_eq!((p.base, p.head), (None, false));
        assert!(p.remove.is_empty());
        // A segment lost from the folder is written again.
        let p = plan(
            &[file(FileRole::Base, 1, 40), file(FileRole::Segment, 51, 60)],
            60,
            &[],
            false,
        );
        assert_eq!(p.segment, Some((41, 60)));
        assert_eq!(covered(&[file(FileRole::Segment, 2, 5)]), 0);
    }

    #[test]
    fn a_changed_acknowledgement_alone_writes_a_head_and_replaces_the_old_one() {
        let old = file(FileRole::Head, 1, 0);
        let p = plan(&[file(FileRole::Base, 1, 40), old.clone()], 40, &[40], true);
        assert!(p.head && p.segment.is_none());
        assert_eq!(p.remove, vec![old.clone()]);
        let p = plan(&[file(FileRole::Base, 1, 40), old], 40, &[40], false);
        assert_eq!(p, Plan::default());
    }

    #[test]
    fn compaction_takes_only_what_every_laptop_holds() {
        let files = segments(COMPACT_FILES as i64);
        // Everyone holds up to #55: the first five segments are merged.
        let p = plan(&files, 81, &[60, 55], false);
        assert_eq!(p.segment, Some((81, 81)));
        assert_eq!(p.base, Some(50));
        assert_eq!(p.remove, files[..5].to_vec());
        // One laptop holds nothing of ours: nothing is removed.
        let p = plan(&files, 81, &[80, 0], false);
        assert_eq!(p.base, None);
        assert!(p.remove.is_empty());
        // A base and acknowledged segments become one base.
        let mut with_base = vec![file(FileRole::Base, 1, 10)];
        with_base.extend(segments(10).into_iter().skip(1));
        let p = plan(&with_base, 100, &[100], false);
        assert_eq!(p.base, Some(100));
        assert_eq!(p.remove.len(), 10);
        assert_eq!(p.segment, None);
        // Few segments: no compaction even when all is acknowledged.
        let p = plan(&segments(3), 30, &[30], false);
        assert_eq!(p, Plan::default());
    }
}
