//! Encryption at rest against the plaintext store, side by side in one run on
//! the generated agency (benches/common: 300 workers, 100k contacts): first
//! frame, key → frame, search, import, and the unlock (Argon2id of the key
//! file). Budget (#17): encrypted ≤ 1.3 × plaintext on each; unlock ≤ 1 s.
//! Prints medians and the ratios.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use teichaku::i18n::Lang;
use teichaku::store::{DbKey, MassDelete, Store, keyfile, unlock};
use teichaku::sync::{self, Keyring};
use teichaku::tui::{App, Config};

const RUNS: usize = 21;
const PASS: &str = "bench passphrase for the encrypted agency";

fn first_frame(store: Store) -> (App, Terminal<TestBackend>) {
    let cfg = Config {
        staff_name: "佐藤 美咲".into(),
        ..Config::new(Lang::Ja, common::today())
    };
    let app = App::new(store, cfg).unwrap();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| app.draw(f)).unwrap();
    (app, term)
}

/// The plaintext agency copied and encrypted in place (kept in target/tmp).
fn encrypted_copy(plain: &Path) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-agency-v1-encrypted.db");
    if !path.exists() {
        std::fs::copy(plain, &path).unwrap();
        unlock::encrypt_plaintext(&path, PASS).unwrap();
    }
    path
}

fn key_frame(store: Store) -> common::Timing {
    let (mut app, mut term) = first_frame(store);
    let mut i = 0;
    common::time(200, || {
        let code = if (i / 50) % 2 == 0 {
            KeyCode::Down
        } else {
            KeyCode::Up
        };
        i += 1;
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        term.draw(|f| app.draw(f)).unwrap();
    })
    .0
}

fn search(store: &Store) -> Duration {
    let queries = ["薬", "服薬", "家族", "主治医", "生活リズム", "服薬 睡眠"];
    let times: Vec<Duration> = queries
        .iter()
        .map(|q| {
            common::time(RUNS, || store.search(q, 50).unwrap().len())
                .0
                .wall
        })
        .collect();
    common::median(times)
}

/// Imports `bundle` into an empty store opened by `open` (median of 3).
fn import(bundle: &Path, open: impl Fn(&Path) -> Store) -> Duration {
    let times = (0..3)
        .map(|_| {
            let dir = tempfile::tempdir().unwrap();
            let mut b = open(&dir.path().join("b.db"));
            let mut keys = Keyring::new("うみかぜ事業所 2026 sync".into());
            let t = std::time::Instant::now();
            sync::import_files(
                &mut b,
                &mut keys,
                std::slice::from_ref(&bundle.to_path_buf()),
                MassDelete::Allow,
            )
            .unwrap();
            t.elapsed()
        })
        .collect();
    common::median(times)
}

fn ratio(what: &str, plain: Duration, enc: Duration) {
    let r = enc.as_secs_f64() / plain.as_secs_f64().max(1e-9);
    let verdict = if r <= 1.3 { "ok" } else { "OVER 1.3" };
    println!("{what:<28} plaintext {plain:>9.2?}  encrypted {enc:>9.2?}  ratio {r:.2} {verdict}");
}

fn main() {
    let plain_store = common::agency();
    let plain = plain_store.path().unwrap().to_path_buf();
    drop(plain_store);
    let enc = encrypted_copy(&plain);

    let (kdf, keys) = common::time(5, || keyfile::unseal(&enc, PASS).unwrap());
    println!("unlock (Argon2id of the key file): {kdf}");
    let key: DbKey = keys[0].clone();
    let open_plain = |p: &Path| Store::open(p, None).unwrap();
    let open_enc = |p: &Path| Store::open(p, Some(&key)).unwrap();

    let (fp, _) = common::time(RUNS, || drop(first_frame(open_plain(&plain))));
    let (fe, _) = common::time(RUNS, || drop(first_frame(open_enc(&enc))));
    let kp = key_frame(open_plain(&plain));
    let ke = key_frame(open_enc(&enc));
    let sp = search(&open_plain(&plain));
    let se = search(&open_enc(&enc));

    // A full bundle of a smaller agency (as benches/sync), imported into an
    // empty plaintext and an empty encrypted store.
    let dir = tempfile::tempdir().unwrap();
    let mut a = common::build(&dir.path().join("a.db"), 300, 9000);
    let bundle = dir.path().join("full.tcsync");
    let mut keys = Keyring::new("うみかぜ事業所 2026 sync".into());
    sync::export_to(&mut a, &mut keys, &bundle, true, true).unwrap();
    let ip = import(&bundle, open_plain);
    let ie = import(&bundle, |p| {
        let k = DbKey::random();
        Store::open(p, Some(&k)).unwrap()
    });

    println!();
    ratio("first frame (open+draw)", fp.wall, fe.wall);
    ratio("key -> frame", kp.wall, ke.wall);
    ratio("search (median of 6 queries)", sp, se);
    ratio("import 9000 contacts", ip, ie);
    println!(
        "unlock {:.2?}: {}",
        kdf.wall,
        if kdf.wall <= Duration::from_secs(1) {
            "ok (≤ 1 s)"
        } else {
            "OVER 1 s"
        }
    );
}
