//! The command line at the limit (#14 item 4): the release `teichaku` binary
//! run as a subprocess on the generated agency (benches/common: 300 workers,
//! 100k contacts), against the sqlite3 CLI running the same queries on the
//! same data in the same run, interleaved. Goal: ≤ 1.3× sqlite3.
//!
//! - `contact list NAME` (50 newest of one worker's contacts),
//! - `summary NAME` (the checklist radar; the bench adds four assessments),
//! - `report NAME --month 2025-12` (one monthly report, an access-log line),
//! - `report list NAME` (resolving a worker by name, then one small query),
//! - `csv contacts --out FILE` (every contact, ~46 MB, an access-log line).
//!
//! The CLI only opens encrypted databases (a plaintext one is converted on
//! first use), and sqlite3 cannot read SQLCipher: so the agency is copied
//! twice from the same generated file, one copy encrypted for teichaku, one
//! left plaintext for sqlite3. Every teichaku call derives the database key
//! with Argon2id (19 MiB, 4 passes: 40–200 ms here, the security cost #17
//! budgets at ≤ 1 s, and no work sqlite3 has): so each command runs twice,
//! with the key file as shipped and with the same key re-sealed at Argon2id's
//! least cost (8 KiB, 1 pass; everything else the same), and the goal is
//! checked on the second. Both are printed.
//!
//! Prints medians of wall clock and of the child's CPU time (user + sys,
//! Unix: getrusage of waited-for children), the ratios, the goal, OK/OVER.
//! `cargo bench --bench cli [-- RUNS] [keep]` (default 15 runs; `keep` leaves
//! the folder with both copies, the cheap key file in place and the floor's
//! environment in `floor.env`, for profiling).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
#[path = "cli_parts/floor.rs"]
mod floor;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use teichaku::checklists::Catalogue;
use teichaku::crypto::{self, KdfParams, NONCE_LEN, SALT_LEN};
use teichaku::domain::Status;
use teichaku::domain::checklist::{Assessment, Respondent, parse_answers};
use teichaku::store::{Store, keyfile, new_id, unlock};

const PASS: &str = "bench passphrase for the cli agency";
const MONTH: &str = "2025-12";
const GOAL: f64 = 1.3;

/// CPU time (user + sys) of every child this process has waited for.
#[cfg(unix)]
fn children_cpu() -> Duration {
    // SAFETY: getrusage writes into the zeroed struct we own.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) } != 0 {
        return Duration::ZERO;
    }
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

#[cfg(not(unix))]
fn children_cpu() -> Duration {
    Duration::ZERO
}

/// One timed run of a command: wall clock, child CPU, its output.
fn run(cmd: &mut Command) -> (Duration, Duration, Output) {
    let c = children_cpu();
    let t = Instant::now();
    let out = cmd.output().unwrap();
    let wall = t.elapsed();
    let cpu = children_cpu().saturating_sub(c);
    if !out.status.success() {
        panic!(
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    (wall, cpu, out)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// SQL string literal.
fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

struct Case {
    name: &'static str,
    args: Vec<String>,
    /// What sqlite3 runs (on standard input): dot-commands and SQL.
    sql: String,
    /// A file both write (CSV): its size is reported.
    out_files: Option<(PathBuf, PathBuf)>,
}

/// The agency copied (plaintext, for sqlite3) with four quarterly checklist
/// assessments for `worker`, and that copy copied again and encrypted (for
/// teichaku). Returns (plaintext, encrypted).
fn prepare(dir: &Path, agency: &Path, worker_id: &str) -> (PathBuf, PathBuf) {
    let plain = dir.join("plain.db");
    std::fs::copy(agency, &plain).unwrap();
    {
        let mut store = Store::open(&plain, None).unwrap();
        let cat = Catalogue::builtin();
        let inst = cat.get("stability").unwrap();
        for (k, date) in ["2025-03-10", "2025-06-10", "2025-09-10", "2025-12-10"]
            .iter()
            .enumerate()
        {
            let answers: Vec<String> = (0..inst.item_count())
                .map(|i| (1 + (i + k) % 4).to_string())
                .collect();
            let a = Assessment {
                id: new_id(),
                worker_id: worker_id.to_string(),
                instrument: inst.id.clone(),
                version: inst.version,
                date: date.parse().unwrap(),
                respondent: Respondent::Supporter,
                note: String::new(),
                answers: parse_answers(inst, &answers.join(",")).unwrap(),
                consent_confirmed: false,
            };
            store.add_assessment(inst, &a).unwrap();
        }
    }
    let enc_dir = dir.join("data");
    std::fs::create_dir_all(&enc_dir).unwrap();
    let enc = enc_dir.join("teichaku.db");
    std::fs::copy(&plain, &enc).unwrap();
    let t = Instant::now();
    unlock::encrypt_plaintext(&enc, PASS).unwrap();
    eprintln!("encrypted the copy in {:.1?}", t.elapsed());
    (plain, enc)
}

/// The key file of `db` with its keys re-sealed under `PASS` at Argon2id's
/// least cost, in the key file's own format (store::keyfile): the same
/// database key, opened in microseconds.
/// Also returns the raw SQLCipher keys (hex), for the floor.
fn cheap_key_file(db: &Path) -> (Vec<u8>, Vec<String>) {
    const AAD: &[u8] = b"teichaku database key v1";
    let text = std::fs::read_to_string(keyfile::key_file_of(db)).unwrap();
    let mut file: serde_json::Value = serde_json::from_str(&text).unwrap();
    let num = |k: &str| file[k].as_u64().unwrap() as u32;
    let params = KdfParams {
        m_kib: num("m_kib"),
        t: num("t"),
        p: num("p"),
    };
    let salt = crypto::from_hex(file["salt"].as_str().unwrap()).unwrap();
    let mut kek = [0u8; 32];
    assert!(crypto::derive_into(PASS, &salt, params, &mut kek));
    let old = crypto::Key::from_raw(&kek);
    let cheap = KdfParams {
        m_kib: 8,
        t: 1,
        p: 1,
    };
    let salt = crypto::random_bytes::<SALT_LEN>();
    assert!(crypto::derive_into(PASS, &salt, cheap, &mut kek));
    let new = crypto::Key::from_raw(&kek);
    let mut raw_keys = Vec::new();
    let keys: Vec<serde_json::Value> = file["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let raw = crypto::from_hex(k.as_str().unwrap()).unwrap();
            let (nonce, body) = raw.split_at(NONCE_LEN);
            let plain = old.open(nonce, AAD, body).unwrap();
            raw_keys.push(crypto::to_hex(&plain[..32]));
            let nonce = crypto::random_bytes::<NONCE_LEN>();
            let mut out = nonce.to_vec();
            out.extend(new.seal(&nonce, AAD, &plain).unwrap());
            crypto::to_hex(&out).into()
        })
        .collect();
    file["m_kib"] = cheap.m_kib.into();
    file["t"] = cheap.t.into();
    file["p"] = cheap.p.into();
    file["salt"] = crypto::to_hex(&salt).into();
    file["keys"] = keys.into();
    (serde_json::to_vec_pretty(&file).unwrap(), raw_keys)
}

/// The raw key (of `keys`) that opens `db`.
fn working_key(db: &Path, keys: &[String]) -> String {
    teichaku::store::openssl_init::once();
    keys.iter()
        .find(|k| {
            let conn = rusqlite::Connection::open(db).unwrap();
            conn.execute_batch(&format!("PRAGMA key = \"x'{k}'\";"))
                .and_then(|()| conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())))
                .is_ok()
        })
        .expect("no key of the key file opens the database")
        .clone()
}

fn main() {
    if floor::run_if_asked() {
        return;
    }
    let runs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(15);
    let bin = env!("CARGO_BIN_EXE_teichaku");
    // The binary is built by the same profile as this bench (bench inherits
    // release): say so, and refuse a debug build.
    if cfg!(debug_assertions) {
        println!("run with `cargo bench`: a debug build measures nothing useful");
        return;
    }
    println!("binary: {bin} (optimised: bench profile)");

    let store = common::agency();
    let agency = store.path().unwrap().to_path_buf();
    let rows = store.workers().unwrap();
    let chosen = rows
        .iter()
        .find(|r| r.worker.status == Status::Active && !r.worker.is_closed())
        .unwrap();
    let (wid, name) = (chosen.worker.id.clone(), chosen.worker.display_name.clone());
    println!(
        "worker: {} contacts, in service, open disclosure",
        chosen.contact_count
    );
    drop(store);

    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let (plain, enc) = prepare(dir.path(), &agency, &wid);
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();

    let who = format!(
        "(SELECT id FROM workers WHERE deleted = 0 AND display_name = {})",
        lit(&name)
    );
    let log = |detail: &str| {
        format!(
            "INSERT INTO access_log (at, staff, device, action, worker_id, detail) \
             VALUES (strftime('%Y-%m-%dT%H:%M:%SZ','now'), '', 'bench', 'print', {who}, {});",
            lit(detail)
        )
    };
    let csv_t = dir.path().join("teichaku.csv");
    let csv_s = dir.path().join("sqlite3.csv");
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let cases = [
        Case {
            name: "contact list NAME (50)",
            args: s(&["contact", "list", &name]),
            sql: format!(
                "SELECT c.date, w.display_name, c.mode, c.minutes, substr(c.notes, 1, 50) \
                 FROM contacts c JOIN workers w ON w.id = c.worker_id \
                 WHERE c.deleted = 0 AND w.deleted = 0 AND w.display_name = {} \
                 ORDER BY c.date DESC, c.start_time DESC, c.id DESC LIMIT 50;",
                lit(&name)
            ),
            out_files: None,
        },
        Case {
            name: "summary NAME",
            args: s(&["summary", &name]),
            sql: format!(
                "SELECT * FROM workers WHERE id = {who};\n\
                 SELECT * FROM assessments WHERE worker_id = {who} AND deleted = 0 ORDER BY date, id;\n\
                 SELECT x.item, x.value FROM answers x JOIN assessments a ON a.id = x.assessment_id \
                 WHERE x.deleted = 0 AND a.deleted = 0 AND a.worker_id = {who} \
                 ORDER BY x.assessment_id, x.item;\n{}",
                log("summary → stdout")
            ),
            out_files: None,
        },
        Case {
            name: "report NAME --month",
            args: s(&["report", &name, "--month", MONTH]),
            sql: format!(
                "SELECT * FROM workers WHERE id = {who};\n\
                 SELECT * FROM reports WHERE worker_id = {who} AND month = '{MONTH}' \
                 AND deleted = 0 ORDER BY id LIMIT 1;\n{}",
                log("report → stdout")
            ),
            out_files: None,
        },
        Case {
            name: "resolve: report list NAME",
            args: s(&["report", "list", &name]),
            sql: format!(
                "SELECT month, finalised FROM reports WHERE worker_id = {who} \
                 AND deleted = 0 ORDER BY month;"
            ),
            out_files: None,
        },
        Case {
            name: "csv contacts --out FILE",
            args: vec![
                "csv".into(),
                "contacts".into(),
                "--out".into(),
                csv_t.display().to_string(),
            ],
            sql: format!(
                ".headers on\n.mode csv\n.output '{}'\n\
                 SELECT c.id, c.worker_id, w.display_name, \
                 CASE w.disclosure WHEN 'closed' THEN '●' ELSE '' END, c.date, c.start_time, \
                 c.minutes, c.mode, c.participants, c.notes, c.next_action, c.next_due, \
                 c.recorded_by FROM contacts c NOT INDEXED CROSS JOIN workers w ON w.id = c.worker_id \
                 WHERE c.deleted = 0 AND w.deleted = 0 \
                 ORDER BY c.date DESC, c.start_time DESC, c.id DESC;\n\
                 .output stdout\n{}",
                csv_s.display(),
                log("contacts → file")
            ),
            out_files: Some((csv_t.clone(), csv_s.clone())),
        },
    ];

    let teichaku = |args: &[String]| {
        let mut c = Command::new(bin);
        c.arg("--db")
            .arg(&enc)
            .arg("--lang")
            .arg("ja")
            .args(args)
            .env("TEICHAKU_DB_PASSPHRASE", PASS)
            .env("TEICHAKU_TODAY", common::today().to_string())
            .env("TEICHAKU_CONFIG_DIR", &config)
            .env("TEICHAKU_DATA_DIR", dir.path().join("data"))
            .env("TEICHAKU_CACHE_DIR", dir.path().join("cache"));
        c
    };
    // The script on standard input (dot-commands and SQL, as typed).
    let scripts: Vec<PathBuf> = cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let path = dir.path().join(format!("case{i}.sql"));
            std::fs::write(&path, format!("{}\n", case.sql)).unwrap();
            path
        })
        .collect();
    let sqlite3 = |script: &Path| {
        let mut c = Command::new("sqlite3");
        // The same durability as teichaku's writes (store::configure).
        c.arg("-cmd")
            .arg("PRAGMA synchronous = FULL")
            .arg(&plain)
            .stdin(std::fs::File::open(script).unwrap());
        c
    };
    if Command::new("sqlite3").arg("-version").output().is_err() {
        println!("sqlite3 CLI not found: nothing to compare against");
        return;
    }

    // Warm-up: the settings file is created, both files are in the OS cache.
    for (case, script) in cases.iter().zip(&scripts) {
        let (_, _, a) = run(&mut teichaku(&case.args));
        let (_, _, b) = run(&mut sqlite3(script));
        let size = |o: &Output, f: Option<&PathBuf>| {
            f.and_then(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
                .unwrap_or(o.stdout.len() as u64)
        };
        let files = case.out_files.as_ref();
        println!(
            "{:<27} output: teichaku {} bytes, sqlite3 {} bytes",
            case.name,
            size(&a, files.map(|f| &f.0)),
            size(&b, files.map(|f| &f.1))
        );
    }

    // The two key files of the same key, copied into place before each call.
    let key_path = keyfile::key_file_of(&enc);
    let shipped = std::fs::read(&key_path).unwrap();
    let (cheap, raw_keys) = cheap_key_file(&enc);
    let raw_key = working_key(&enc, &raw_keys);
    let me = std::env::current_exe().unwrap();
    let floor = |script: &Path| {
        let mut c = Command::new(&me);
        c.env(floor::DB, &enc)
            .env(floor::KEY, &raw_key)
            .stdin(std::fs::File::open(script).unwrap());
        c
    };
    let use_key = |bytes: &[u8]| std::fs::write(&key_path, bytes).unwrap();
    let t = Instant::now();
    keyfile::unseal(&enc, PASS).unwrap();
    let unlock = t.elapsed();

    // Per case: teichaku as shipped, teichaku with the cheap key file, sqlite3,
    // the SQLCipher floor; wall clock and child CPU time of each.
    let mut times: Vec<[Vec<Duration>; 8]> = cases.iter().map(|_| Default::default()).collect();
    for _ in 0..runs {
        for ((case, script), tm) in cases.iter().zip(&scripts).zip(times.iter_mut()) {
            use_key(&shipped);
            let (w, c, _) = run(&mut teichaku(&case.args));
            tm[0].push(w);
            tm[1].push(c);
            use_key(&cheap);
            let (w, c, _) = run(&mut teichaku(&case.args));
            tm[2].push(w);
            tm[3].push(c);
            let (w, c, _) = run(&mut sqlite3(script));
            tm[4].push(w);
            tm[5].push(c);
            let (w, c, _) = run(&mut floor(script));
            tm[6].push(w);
            tm[7].push(c);
        }
    }
    if std::env::args().any(|a| a == "keep") {
        use_key(&cheap);
        std::fs::write(dir.path().join("shipped.key"), &shipped).unwrap();
        // For profiling the floor by hand (generated data, a bench key).
        let env = format!(
            "{}={}\n{}={raw_key}\n",
            floor::DB,
            enc.display(),
            floor::KEY
        );
        std::fs::write(dir.path().join("floor.env"), env).unwrap();
        println!("kept {} (cheap key file in place)", dir.keep().display());
    } else {
        use_key(&shipped);
    }
    println!(
        "\nmedians of {runs} runs each, interleaved; one unlock (Argon2id, in this process) {:.1} ms",
        ms(unlock)
    );
    println!(
        "{:<27} {:>9} {:>9} {:>9} {:>9} {:>7}  {:>7} {:>7}  goal: no-KDF ≤ {GOAL}× sqlite3",
        "", "teichaku", "no KDF", "floor", "sqlite3", "ratio", "÷floor", "floor÷"
    );
    let mut cpu = Vec::new();
    for (case, tm) in cases.iter().zip(times) {
        let [tw, _, nw, nc, sw, sc, fw, fc] = tm.map(common::median);
        let r = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
        let ratio = r(nw, sw);
        println!(
            "{:<27} {:>7.1}ms {:>7.1}ms {:>7.1}ms {:>7.1}ms {:>6.2}×  {:>6.2}× {:>6.2}×  {}",
            case.name,
            ms(tw),
            ms(nw),
            ms(fw),
            ms(sw),
            ratio,
            r(nw, fw),
            r(fw, sw),
            if ratio <= GOAL { "OK" } else { "OVER" }
        );
        cpu.push((case.name, nc, fc, sc));
    }
    println!("\nchild CPU time (user + sys), medians");
    for (name, nc, fc, sc) in cpu {
        println!(
            "{name:<27} no KDF {:>7.1}ms  floor {:>7.1}ms  sqlite3 {:>7.1}ms",
            ms(nc),
            ms(fc),
            ms(sc)
        );
    }
    println!(
        "\nfloor: this binary re-run as a bare SQLCipher program on the encrypted copy \
         (raw key, the same SQL as sqlite3); ÷floor = no KDF ÷ floor, floor÷ = floor ÷ sqlite3"
    );
}
