//! Search over the generated agency (benches/common: 300 workers, 100k
//! contacts with Japanese notes). Prints the median time of each query and of
//! each query length (design.md: search ≤ 10 ms).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use common::median;

const RUNS: usize = 21;

fn main() {
    let store = common::agency();
    let vocab = common::vocabulary();
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
    let mut cpu_by_len: [Vec<Duration>; 3] = Default::default();
    println!("{:<16} {:>6}  median", "query", "hits");
    for q in &queries {
        let (m, hits) = common::time(RUNS, || store.search(q, 50).unwrap().len());
        let len = q
            .split_whitespace()
            .map(|t| t.chars().count())
            .min()
            .unwrap_or(3)
            .min(3);
        by_len[len - 1].push(m.wall);
        cpu_by_len[len - 1].push(m.cpu);
        println!("{q:<16} {hits:>6}  {m}");
    }
    for (i, (v, c)) in by_len.into_iter().zip(cpu_by_len).enumerate() {
        let max = v.iter().max().copied().unwrap_or_default();
        let cmax = c.iter().max().copied().unwrap_or_default();
        println!(
            "{}-character queries: median {:.2?} (cpu {:.2?}), slowest {:.2?} (cpu {:.2?})",
            i + 1,
            median(v),
            median(c),
            max,
            cmax
        );
    }
}
