//! The generated agency every bench reads: design.md's budget size (300 workers
//! over 10 years, 100k contacts with Japanese notes), plus the plan reviews and
//! monthly reports the schedule looks at. One generator for all benches, so
//! their numbers describe the same database.
//!
//! Notes are words drawn with Zipf-like frequencies from a few thousand, so
//! common and rare words both occur. Reproducible: a fixed xorshift seed and a
//! fixed "today". The full-size database is built once and kept in
//! target/tmp (delete `target/tmp/bench-agency-*.db` to rebuild).

// Each bench uses a different part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use teichaku::domain::dates::YearMonth;
use teichaku::domain::report::Report;
use teichaku::domain::{Contact, Disclosure, Mode, Participant, PlanReview, Status, Worker};
use teichaku::store::{Store, new_id};

pub const WORKERS: usize = 300;
pub const CONTACTS: usize = 100_000;

/// The day the benches look at the agency from (the last contacts are dated
/// up to the end of 2025).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 15).unwrap()
}

/// The full-size agency, built on first use and kept in target/tmp. Bump the
/// file name when the generator changes.
pub fn agency() -> Store {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-agency-v1.db");
    if path.exists() {
        Store::open(&path, None).unwrap()
    } else {
        let t = Instant::now();
        let store = build(&path, WORKERS, CONTACTS);
        eprintln!(
            "built {WORKERS} workers, {CONTACTS} contacts in {:.1?} ({})",
            t.elapsed(),
            path.display()
        );
        store
    }
}

/// xorshift64*: reproducible without a dependency.
pub struct Rng(pub u64);
impl Rng {
    pub fn new() -> Rng {
        Rng(0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Roughly Zipf: small indexes much more often.
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

pub const COMMON: &[&str] = &[
    "体調",
    "服薬",
    "睡眠",
    "上司",
    "同僚",
    "作業",
    "出荷",
    "検品",
    "面談",
    "訪問",
    "確認",
    "安定",
    "不安",
    "相談",
    "休憩",
    "遅刻",
    "通院",
    "主治医",
    "家族",
    "生活リズム",
    "金銭管理",
    "余暇",
    "職場",
    "手順書",
    "評価",
    "疲労",
    "食欲",
    "シフト",
    "通勤",
    "給与",
    "目標",
    "キャリア",
    "配慮",
    "支援",
    "本人",
    "様子",
    "良好",
    "課題",
    "改善",
    "継続",
    "次回",
];
const PARTICLES: &[&str] = &["は", "が", "を", "に", "で", "と", "も", "の", "。", "、"];

/// The common words, then 4000 random kanji words of 2–4 characters. The same
/// for every call: benches pick queries from it.
pub fn vocabulary() -> Vec<String> {
    let mut rng = Rng::new();
    let mut v: Vec<String> = COMMON.iter().map(|s| s.to_string()).collect();
    for _ in 0..4000 {
        let len = [2, 2, 2, 3, 4][rng.below(5)];
        v.push(
            (0..len)
                .map(|_| char::from_u32(0x4E00 + rng.below(3000) as u32).unwrap_or('字'))
                .collect(),
        );
    }
    v
}

fn workers(n: usize, today: NaiveDate) -> Vec<Worker> {
    let surnames = [
        "山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤",
    ];
    let given = [
        "太郎",
        "花子",
        "健太",
        "美咲",
        "翔",
        "葵",
        "誠",
        "直子",
        "拓海",
        "さくら",
    ];
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    // Hires spread over the ten years, so some workers are in service on
    // `today`, some not yet, most ended (as in a real agency's database).
    let step = (3650 / n.max(1)).max(1) as u64;
    (0..n)
        .map(|i| {
            let mut w = Worker::new(
                new_id(),
                format!("{} {}{}", surnames[i % 10], given[(i / 10) % 10], i),
            );
            w.kana = format!("かな{i}");
            w.employer = "株式会社みなと物流".into();
            w.hire_date = start.checked_add_days(Days::new(i as u64 * step));
            if i % 7 == 3 {
                w.disclosure = Disclosure::Closed;
            }
            w.status = w.status_on(today);
            w
        })
        .collect()
}

/// The agency's records, as `build` writes them: workers, contacts (dated
/// evenly over the ten years 2016–2025, each for a random worker), plan
/// reviews every six months of each worker's service up to today, and the
/// last six months' reports of workers in service (finalised up to two
/// months ago). The simulation in agency_sim.rs splits them among laptops.
pub struct Records {
    pub workers: Vec<Worker>,
    pub contacts: Vec<Contact>,
    pub reviews: Vec<PlanReview>,
    pub reports: Vec<Report>,
}

pub fn records(n_workers: usize, contacts: usize) -> Records {
    let today = today();
    // Not vocabulary()'s seed: notes should not replay its draws.
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let vocab = vocabulary();
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    let workers = workers(n_workers, today);
    // One contact in fifty is a case conference (they count for the handover).
    let modes = [
        Mode::Visit,
        Mode::Meeting,
        Mode::Phone,
        Mode::Online,
        Mode::Message,
    ];
    let mut list = Vec::with_capacity(contacts);
    for i in 0..contacts {
        let words = 15 + rng.below(35);
        let mut notes = String::new();
        for _ in 0..words {
            notes.push_str(&vocab[rng.zipf(vocab.len())]);
            notes.push_str(PARTICLES[rng.below(PARTICLES.len())]);
        }
        let mode = match rng.below(50) {
            0 => Mode::CaseConference,
            k => modes[k % modes.len()],
        };
        let participants = match mode {
            Mode::CaseConference => vec![Participant::Worker, Participant::Counselor],
            Mode::Visit => vec![Participant::Worker, Participant::Supervisor],
            _ => vec![Participant::Worker],
        };
        list.push(Contact {
            id: new_id(),
            worker_id: workers[rng.below(workers.len())].id.clone(),
            date: start
                .checked_add_days(Days::new((i * 3650 / contacts) as u64))
                .unwrap_or(start),
            start_time: None,
            minutes: Some(30),
            mode,
            participants,
            notes,
            next_action: String::new(),
            next_due: None,
            next_done: None,
            recorded_by: "佐藤".into(),
            consent_confirmed: false,
        });
    }
    let this_month = YearMonth::of(today);
    let (mut reviews, mut reports) = (Vec::new(), Vec::new());
    for w in &workers {
        let Some(period) = w.service_period() else {
            continue;
        };
        let mut review = period.start;
        while review <= period.end.min(today) {
            reviews.push(PlanReview {
                id: new_id(),
                worker_id: w.id.clone(),
                date: review,
                note: "目標を見直した。".into(),
                recorded_by: "佐藤".into(),
            });
            review = review + chrono::Months::new(6);
        }
        if w.status != Status::Active {
            continue;
        }
        let mut month = this_month;
        for back in 0..6 {
            let mut r = Report::new(new_id(), w.id.clone(), month);
            r.goals = "職場での作業を安定して続ける。".into();
            r.finalised = back >= 2;
            reports.push(r);
            month = month.prev().unwrap();
        }
    }
    Records {
        workers,
        contacts: list,
        reviews,
        reports,
    }
}

/// Writes [`records`] to a new database at `path`.
pub fn build(path: &Path, n_workers: usize, contacts: usize) -> Store {
    let mut store = Store::open(path, None).unwrap();
    let r = records(n_workers, contacts);
    store
        .write(|tx| {
            for w in &r.workers {
                tx.insert(w)?;
            }
            Ok(())
        })
        .unwrap();
    for chunk in r.contacts.chunks(10_000) {
        store
            .write(|tx| {
                for c in chunk {
                    tx.insert(c)?;
                }
                Ok(())
            })
            .unwrap();
    }
    store
        .write(|tx| {
            for review in &r.reviews {
                tx.insert(review)?;
            }
            for report in &r.reports {
                tx.insert(report)?;
            }
            Ok(())
        })
        .unwrap();
    store
}

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Time this thread has spent on a CPU (Linux: /proc/thread-self/schedstat).
/// On a shared, loaded machine the wall clock also counts other processes'
/// turns; this does not.
pub fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(
        s.split_whitespace().next()?.parse().ok()?,
    ))
}

/// Medians of `runs` calls of `f`: wall clock and CPU time (zero where the
/// CPU time is not available).
pub struct Timing {
    pub wall: Duration,
    pub cpu: Duration,
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:>9.2?} (cpu {:>9.2?})", self.wall, self.cpu)
    }
}

/// The median of `runs` calls of `f`, and its last result.
pub fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Timing, T) {
    let mut walls = Vec::with_capacity(runs);
    let mut cpus = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let c = cpu_time();
        let t = Instant::now();
        let out = f();
        walls.push(t.elapsed());
        cpus.push(match (c, cpu_time()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => Duration::ZERO,
        });
        last = Some(out);
    }
    let timing = Timing {
        wall: median(walls),
        cpu: median(cpus),
    };
    (timing, last.unwrap())
}
