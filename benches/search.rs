//! Search over a generated agency database of design.md's size: 300 workers,
//! 100k contacts with Japanese notes (words drawn with Zipf-like frequencies
//! from a few thousand, so common and rare words both occur). Prints the median
//! time of each query and of each query length. The database is built once and
//! kept in target/ (delete target/bench-search.db to rebuild).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use teichaku::domain::{Contact, Mode, Participant, Worker};
use teichaku::store::{Store, new_id};

const WORKERS: usize = 300;
const CONTACTS: usize = 100_000;
const RUNS: usize = 21;

/// xorshift64*: reproducible without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Roughly Zipf: small indexes much more often.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const COMMON: &[&str] = &[
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

fn vocabulary(rng: &mut Rng) -> Vec<String> {
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

fn build(path: &std::path::Path) -> Store {
    let mut store = Store::open(path).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let vocab = vocabulary(&mut rng);
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
    let workers: Vec<Worker> = (0..WORKERS)
        .map(|i| {
            let mut w = Worker::new(
                new_id(),
                format!("{} {}{}", surnames[i % 10], given[(i / 10) % 10], i),
            );
            w.kana = format!("かな{i}");
            w.hire_date = start.checked_add_days(Days::new((i * 11) as u64));
            w
        })
        .collect();
    let t = Instant::now();
    for chunk in (0..CONTACTS).collect::<Vec<_>>().chunks(10_000) {
        store
            .write(|tx| {
                if chunk[0] == 0 {
                    for w in &workers {
                        tx.insert(w)?;
                    }
                }
                for &i in chunk {
                    let words = 15 + rng.below(35);
                    let mut notes = String::new();
                    for _ in 0..words {
                        notes.push_str(&vocab[rng.zipf(vocab.len())]);
                        notes.push_str(PARTICLES[rng.below(PARTICLES.len())]);
                    }
                    let c = Contact {
                        id: new_id(),
                        worker_id: workers[rng.below(WORKERS)].id.clone(),
                        date: start
                            .checked_add_days(Days::new((i * 3650 / CONTACTS) as u64))
                            .unwrap_or(start),
                        start_time: None,
                        minutes: Some(30),
                        mode: [Mode::Visit, Mode::Meeting, Mode::Phone][rng.below(3)],
                        participants: vec![Participant::Worker],
                        notes,
                        next_action: String::new(),
                        next_due: None,
                        recorded_by: "佐藤".into(),
                    };
                    tx.insert(&c)?;
                }
                Ok(())
            })
            .unwrap();
    }
    eprintln!("built {CONTACTS} contacts in {:.1?}", t.elapsed());
    store
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-search.db");
    let store = if path.exists() {
        Store::open(&path).unwrap()
    } else {
        build(&path)
    };
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let vocab = vocabulary(&mut rng);
    let first = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let queries: Vec<String> = vec![
        "薬".into(),
        "体".into(),
        first(&vocab[600], 1),
        first(&vocab[3500], 1),
        "服薬".into(),
        "家族".into(),
        "山田".into(),
        first(&vocab[300], 2),
        first(&vocab[2500], 2),
        first(&vocab[4000], 2),
        "主治医".into(),
        "生活リズム".into(),
        "服薬 睡眠".into(),
        first(&vocab[4030], 3),
        "存在しない語句".into(),
    ];
    let mut by_len: [Vec<Duration>; 3] = Default::default();
    println!("{:<16} {:>6} {:>10}", "query", "hits", "median");
    for q in &queries {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            hits = store.search(q, 50).unwrap().len();
            times.push(t.elapsed());
        }
        let m = median(times);
        let len = q
            .split_whitespace()
            .map(|t| t.chars().count())
            .min()
            .unwrap_or(3)
            .min(3);
        by_len[len - 1].push(m);
        println!("{q:<16} {hits:>6} {:>10.2?}", m);
    }
    for (i, v) in by_len.into_iter().enumerate() {
        println!("median of {}-character queries: {:.2?}", i + 1, median(v));
    }
    let t = Instant::now();
    let items = store
        .dashboard(NaiveDate::from_ymd_opt(2025, 12, 15).unwrap())
        .unwrap();
    println!("dashboard ({} lines): {:.2?}", items.len(), t.elapsed());
}
