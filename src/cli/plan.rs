//! `teichaku plan review|list`: recorded reviews of the support plan.

use clap::Subcommand;

use super::{Ctx, args};
use crate::domain::PlanReview;
use crate::error::Result;
use crate::i18n::Msg;
use crate::store;

#[derive(Debug, Subcommand)]
pub enum PlanCmd {
    /// 支援計画の見直しを記録 / record a review of the support plan
    Review {
        /// 利用者（ID か名前）/ the worker
        worker: String,
        /// 見直した日（省略時は今日）/ date, today if omitted
        #[arg(long)]
        date: Option<String>,
        /// メモ / note
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        note: String,
        /// 記録者 / recorded by
        #[arg(long)]
        by: Option<String>,
    },
    /// 見直しの記録の一覧 / list a worker's plan reviews
    List {
        worker: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &mut Ctx, cmd: PlanCmd) -> Result<()> {
    match cmd {
        PlanCmd::Review {
            worker,
            date,
            note,
            by,
        } => {
            let w = ctx.store.resolve_worker(&worker)?;
            let date = match date {
                Some(d) => args::date("date", &d)?,
                None => ctx.today,
            };
            let p = PlanReview {
                id: store::new_id(),
                worker_id: w.id,
                date,
                note,
                recorded_by: by.unwrap_or_else(|| ctx.settings.staff_name.clone()),
            };
            ctx.store.add_plan_review(&p)?;
            let msg = format!(
                "{}: {} {}",
                Msg::Saved.text(ctx.lang),
                Msg::PlanReviews.text(ctx.lang),
                p.date
            );
            ctx.line(msg);
        }
        PlanCmd::List { worker, json } => {
            let w = ctx.store.resolve_worker(&worker)?;
            let list = ctx.store.plan_reviews_for(&w.id)?;
            if json {
                ctx.json(&list);
            } else if list.is_empty() {
                ctx.line(Msg::NoPlanReviews.text(ctx.lang));
            } else {
                for p in &list {
                    ctx.line(format!(
                        "{}  {}",
                        p.date,
                        p.note.lines().next().unwrap_or("")
                    ));
                }
            }
        }
    }
    Ok(())
}
