//! The demo's handover in progress: 原田 拓海, three months from the end of
//! the service, was judged to need continued support (要継続支援); his reports
//! went to the 相談支援専門員 with his consent, but the information for the
//! 就業・生活支援センター that takes over has not been shared yet — so the
//! handover still shows as due on the dashboard.

use chrono::{Days, NaiveDate};

use crate::domain::handover::{HandoverDecision, ShareMethod, SharedItem, Sharing};
use crate::domain::{Person, Worker};
use crate::store;

const WORKER: &str = "原田 拓海";
const SHARED_WITH: &str = "安田 陽介";

/// The decision and sharing log as of `today`; empty on days the worker or
/// his service period do not fit (a dated demo before the hire, say).
pub fn build(
    workers: &[Worker],
    people: &[Person],
    today: NaiveDate,
) -> (Vec<HandoverDecision>, Vec<Sharing>) {
    let Some(w) = workers.iter().find(|w| w.display_name == WORKER) else {
        return Default::default();
    };
    let Some(period) = w.service_period() else {
        return Default::default();
    };
    let decided_on = today.checked_sub_days(Days::new(40)).unwrap_or(today);
    let shared_on = today.checked_sub_days(Days::new(12)).unwrap_or(today);
    if decided_on < period.start || today > period.end {
        return Default::default();
    }
    let decisions = vec![HandoverDecision {
        id: store::new_id(),
        worker_id: w.id.clone(),
        needs_support: true,
        decided_on,
        reasons: "ケース会議で本人・店長・母の意見を確認。仕込みの手順変更があると混乱しやすく、終了後も相談先が必要。なぎさへ引き継ぐ。".into(),
        recorded_by: w.staff.clone(),
    }];
    let sharings = people
        .iter()
        .find(|p| p.worker_id == w.id && p.name == SHARED_WITH)
        .map(|p| Sharing {
            id: store::new_id(),
            worker_id: w.id.clone(),
            person_id: p.id.clone(),
            items: vec![SharedItem::Reports],
            plan_version: String::new(),
            method: ShareMethod::Document,
            date: shared_on,
            consent: true,
            takes_over: false,
            people: false,
            note: "直近3か月の支援レポートを本人の同意のうえ送付。".into(),
            recorded_by: w.staff.clone(),
        })
        .into_iter()
        .collect();
    (decisions, sharings)
}
