//! Owner-only files on Windows: what the README promises, read back from the
//! file system. Empty on other systems.
//!
//! CI runs the suite under wine, which accepts the ACL calls but keeps no
//! ACLs (it maps them onto Unix mode bits and reads back a synthesised list);
//! there (`TEICHAKU_UNDER_WINE=1`, set by `.ci/run`) the files are still
//! created through the same calls, which must succeed, but only a real
//! Windows can confirm what it stored.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(windows)]

use std::path::Path;

use teichaku::domain::Worker;
use teichaku::files;
use teichaku::files::owner_only::{access_of, current_user};
use teichaku::store::new_id;

fn under_wine() -> bool {
    std::env::var_os("TEICHAKU_UNDER_WINE").is_some()
}

fn only_me_and_system(path: &Path) -> Vec<String> {
    assert!(path.exists(), "{}", path.display());
    if under_wine() {
        return Vec::new();
    }
    let mut want = vec![current_user().unwrap(), "S-1-5-18".to_string()];
    want.sort();
    let access = access_of(path).unwrap();
    let mut got = access.allowed.clone();
    got.sort();
    got.dedup();
    assert_eq!(got, want, "{}: {access:?}", path.display());
    assert_eq!(access.other_entries, 0, "{}: {access:?}", path.display());
    got
}

#[test]
fn the_database_its_folder_and_written_files_are_for_the_user_and_system_only() {
    let base = tempfile::tempdir().unwrap();
    let before = access_of(base.path()).unwrap();
    let data = base.path().join("data");
    let db = data.join("teichaku.db");
    let mut store = teichaku::store::unlock::open(&db, "correct horse battery staple").unwrap();
    store
        .add_worker(&Worker::new(new_id(), "山田 太郎".into()))
        .unwrap();

    // The new folder and the database: nothing inherited from above.
    only_me_and_system(&data);
    assert!(under_wine() || access_of(&data).unwrap().protected);
    only_me_and_system(&db);
    assert!(under_wine() || access_of(&db).unwrap().protected);
    // SQLite's own files inherit the folder's two entries.
    for side in ["teichaku.db-wal", "teichaku.db-shm"] {
        let p = data.join(side);
        if p.exists() {
            only_me_and_system(&p);
        }
    }
    // A file written atomically (bundles, CSV, drafts, settings).
    let csv = data.join("export.csv");
    files::write_atomic(&csv, "氏名\r\n".as_bytes()).unwrap();
    only_me_and_system(&csv);
    assert!(under_wine() || access_of(&csv).unwrap().protected);

    // A folder that already existed keeps what it had.
    files::create_private_dir(base.path()).unwrap();
    assert_eq!(access_of(base.path()).unwrap(), before);
    if under_wine() {
        eprintln!("under wine: ACLs were set but cannot be read back; checked on Windows only");
    }
    drop(store);
}
