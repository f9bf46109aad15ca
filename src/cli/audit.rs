//! `teichaku audit`: the access log, newest first (store/audit.rs).

use clap::Args;

use super::{Ctx, args, table::Table};
use crate::error::Result;
use crate::i18n::audit as text;

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// この利用者についての記録だけ / only about this worker
    #[arg(long)]
    worker: Option<String>,
    /// この日（UTC）から / from this day on (UTC)
    #[arg(long, value_name = "YYYY-MM-DD")]
    since: Option<String>,
    /// 最大件数 / at most this many lines
    #[arg(long, default_value_t = 200)]
    limit: usize,
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &mut Ctx, a: AuditArgs) -> Result<()> {
    let worker = match a.worker.as_deref() {
        Some(q) => Some(ctx.store.resolve_worker(q)?.id),
        None => None,
    };
    let since = match a.since.as_deref() {
        Some(s) => Some(args::date("date", s)?),
        None => None,
    };
    let entries = ctx.store.access_log(worker.as_deref(), since, a.limit)?;
    if a.json {
        ctx.json(&entries);
        return Ok(());
    }
    let l = ctx.lang;
    if entries.is_empty() {
        ctx.line(text::empty(l));
        return Ok(());
    }
    let h = text::headers(l);
    let mut t = Table::new(&[
        (h[0], 16),
        (h[1], 12),
        (h[2], 8),
        (h[3], 22),
        (h[4], 14),
        (h[5], 30),
    ]);
    for e in &entries {
        t.row(vec![
            text::local_time(&e.at),
            e.staff.clone(),
            e.device.chars().take(8).collect(),
            text::action(&e.action, l),
            e.worker_name.clone().unwrap_or_default(),
            e.detail.clone(),
        ]);
    }
    ctx.line(t.render().trim_end());
    Ok(())
}
