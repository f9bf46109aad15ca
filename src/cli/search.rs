//! `teichaku search`: full-text search across notes, names, people and reports.

use super::{Ctx, table::Table};
use crate::domain::Code;
use crate::error::Result;
use crate::i18n::Msg;

pub fn run(ctx: &mut Ctx, query: &[String], limit: usize, json: bool) -> Result<()> {
    let hits = ctx.store.search(&query.join(" "), limit)?;
    if json {
        ctx.json(&hits);
        return Ok(());
    }
    if hits.is_empty() {
        ctx.line(Msg::NoHits.text(ctx.lang));
        return Ok(());
    }
    let l = ctx.lang;
    let mut t = Table::new(&[
        (Msg::Kind.text(l), 12),
        (Msg::Date.text(l), 10),
        (Msg::Name.text(l), 16),
        (Msg::Excerpt.text(l), 70),
    ]);
    for h in &hits {
        // Matches in brackets, as the terminal has no highlight here.
        let marked: String = h
            .segments()
            .into_iter()
            .map(|(text, matched)| match matched {
                true => format!("[{text}]"),
                false => text.to_string(),
            })
            .collect();
        t.row(vec![
            h.kind.label(l).to_string(),
            h.date.clone(),
            h.worker_name.clone(),
            marked,
        ]);
    }
    ctx.line(t.render().trim_end());
    Ok(())
}
