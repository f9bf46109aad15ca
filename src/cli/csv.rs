//! `teichaku csv workers|contacts [--out FILE]`.

use std::path::PathBuf;

use super::{Ctx, args};
use crate::domain::codes::code_enum;
use crate::error::Result;
use crate::i18n::Msg;
use crate::render;
use crate::store::files;

code_enum! {
    /// What to export. (Assessments come with the checklists.)
    CsvKind, "CSV" {
        Workers = "workers", "利用者", "workers";
        Contacts = "contacts", "連絡記録", "contacts";
    }
}

pub fn run(ctx: &mut Ctx, what: &str, out: Option<PathBuf>) -> Result<()> {
    let kind: CsvKind = args::choice(what)?;
    let workers: Vec<_> = ctx.store.workers()?.into_iter().map(|r| r.worker).collect();
    let text = match kind {
        CsvKind::Workers => render::csv::workers(&workers, ctx.lang),
        CsvKind::Contacts => {
            let contacts = ctx.store.all_contacts()?;
            render::csv::contacts(&contacts, &workers, ctx.lang)
        }
    };
    let to = if out.is_some() { "file" } else { "stdout" };
    let what = format!("{what} → {to}");
    ctx.store
        .log_access(crate::store::Access::Csv, None, &what)?;
    match out {
        Some(path) => {
            // Owner-only and atomic: a temp file in the same folder, renamed.
            files::write_atomic(&path, text.as_bytes())?;
            let msg = format!("{}: {}", Msg::CsvWritten.text(ctx.lang), path.display());
            ctx.line(msg);
        }
        None => ctx.out.push_str(&text),
    }
    Ok(())
}
