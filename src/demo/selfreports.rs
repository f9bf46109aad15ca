//! The demo's daily self-reports (日報): 60 days to yesterday for three
//! workers, made from a fixed seed so every run shows the same. 石川 美穂's
//! mood falls in her last entries (the dashboard warns); 岡田 健太 is in
//! closed employment, so no workplace comments.

use chrono::{Duration, NaiveDate};

use crate::domain::selfreport::{SelfReport, Source};
use crate::domain::selfreport_trend::is_working_day;
use crate::error::Result;
use crate::store::Store;

const COMMENTS: &[&str] = &[
    "特になし",
    "少し疲れた",
    "作業に慣れてきた",
    "昼休みにゆっくりできた",
    "朝起きるのがつらかった",
    "新しい作業を教わった",
    "よく眠れた",
    "先輩に褒められた",
    "電車が混んでいて疲れた",
    "集中できた",
];
const WORKPLACE: &[&str] = &["丁寧に作業していました", "挨拶が元気でした", "", "", ""];
const FALLING: &[&str] = &[
    "眠れない日が続いている",
    "仕事に行くのがしんどい",
    "朝から気分が重い",
];

/// (name, base ratings, mood falls at the end)
const WORKERS: &[(&str, [u8; 5], bool)] = &[
    ("石川 美穂", [3, 3, 3, 3, 3], true),
    ("岡田 健太", [3, 3, 2, 3, 3], false),
    ("前川 しおり", [4, 3, 3, 3, 3], false),
];

/// A small fixed pseudo-random sequence (no crate, the same on every run).
struct Seq(u64);

impl Seq {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// The demo's self-reports, for the workers of the demo agency in `store`.
pub fn load(store: &mut Store, today: NaiveDate) -> Result<usize> {
    let workers = store.live_workers()?;
    let items: Vec<String> = store
        .selfreport_items()
        .items
        .iter()
        .map(|i| i.id.clone())
        .collect();
    let mut rows = Vec::new();
    for (n, (name, base, falls)) in WORKERS.iter().enumerate() {
        let Some(w) = workers.iter().find(|w| w.display_name == *name) else {
            continue;
        };
        let mut seq = Seq(n as u64 + 7);
        let days: Vec<NaiveDate> = (1..=60)
            .rev()
            .map(|d| today - Duration::days(d))
            .filter(|d| is_working_day(*d))
            .collect();
        let last = days.len();
        for (i, day) in days.into_iter().enumerate() {
            let from_end = last - i;
            if seq.next(100) < 8 && from_end > 3 {
                continue;
            }
            let mut r = SelfReport::new(
                SelfReport::id_for(&w.id, day),
                w.id.clone(),
                day,
                Source::Form,
            );
            for (k, item) in items.iter().enumerate() {
                let b = base.get(k).copied().unwrap_or(3);
                let v = match seq.next(5) {
                    0 => b.saturating_sub(1),
                    4 => b + 1,
                    _ => b,
                }
                .clamp(1, 4);
                let v = if *falls && k == 0 && from_end <= 3 {
                    2
                } else {
                    v
                };
                r.ratings.set(item, Some(v));
            }
            r.worker_comment = if *falls && from_end <= 3 {
                FALLING[3 - from_end].to_string()
            } else if seq.next(10) < 6 {
                COMMENTS[seq.next(COMMENTS.len() as u64) as usize].to_string()
            } else {
                String::new()
            };
            if !w.is_closed() {
                r.workplace_comment =
                    WORKPLACE[seq.next(WORKPLACE.len() as u64) as usize].to_string();
            }
            rows.push(r);
        }
    }
    store.import_selfreports(&rows)
}
