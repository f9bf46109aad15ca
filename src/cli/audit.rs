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
    let broken = ctx.store.access_log_check()?;
    if a.json {
        // The JSON stays the lines; the warning goes to stderr.
        if let Some(b) = &broken {
            eprintln!(
                "{}",
                crate::text::terminal_safe(&text::chain_warning(b, ctx.lang))
            );
        }
        ctx.json(&entries);
        return Ok(());
    }
    let l = ctx.lang;
    if let Some(b) = &broken {
        ctx.line(text::chain_warning(b, l));
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::store::{Access, Store};

    fn ctx(store: Store, lang: Lang) -> Ctx {
        Ctx {
            store,
            lang,
            settings: crate::settings::Settings::default(),
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default(),
            out: String::new(),
            reading: Default::default(),
        }
    }

    fn args() -> AuditArgs {
        AuditArgs {
            worker: None,
            since: None,
            limit: 200,
            json: false,
        }
    }

    #[test]
    fn audit_names_the_first_bad_line_of_a_tampered_log_in_japanese_and_english() {
        let store = Store::open_in_memory().unwrap();
        for d in ["a", "b", "c"] {
            store.log_access(Access::Read, None, d).unwrap();
        }
        let mut c = ctx(store, Lang::Ja);
        run(&mut c, args()).unwrap();
        assert!(!c.out.contains("警告"), "{}", c.out);
        c.store
            .conn()
            .execute_batch(
                "DROP TRIGGER access_log_no_update;
                 UPDATE access_log SET at = '2020-01-06T09:00:00Z' WHERE seq = 2;",
            )
            .unwrap();
        c.out.clear();
        run(&mut c, args()).unwrap();
        let first = c.out.lines().next().unwrap_or_default().to_string();
        assert!(
            first.starts_with("警告: アクセスの記録に改変の跡があります。")
                && first.contains("#2（2020-01-0"),
            "{}",
            c.out
        );
        c.lang = Lang::En;
        c.out.clear();
        run(&mut c, args()).unwrap();
        assert!(
            c.out
                .starts_with("Warning: the access log shows signs of tampering: ")
                && c.out.contains("#2 (2020-01-0"),
            "{}",
            c.out
        );
    }
}
