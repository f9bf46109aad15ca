//! `teichaku csv workers|contacts [--out FILE]`.

use std::io::Write;
use std::path::PathBuf;

use super::{Ctx, args};
use crate::domain::codes::code_enum;
use crate::error::{Result, Task, io_error};
use crate::files;
use crate::i18n::Msg;
use crate::render;
use crate::render::csv::ContactsCsv;

code_enum! {
    /// What to export. (Assessments come with the checklists.)
    CsvKind, "CSV" {
        Workers = "workers", "利用者", "workers";
        Contacts = "contacts", "連絡記録", "contacts";
    }
}

pub fn run(ctx: &mut Ctx, what: &str, out: Option<PathBuf>) -> Result<()> {
    let kind: CsvKind = args::choice(what)?;
    // Only the workers' own rows: the list's last-contact columns are not needed.
    let workers = ctx.store.live_workers()?;
    let to = if out.is_some() { "file" } else { "stdout" };
    ctx.store
        .log_access(crate::store::Access::Csv, None, &format!("{what} → {to}"))?;
    match (kind, out) {
        (CsvKind::Contacts, Some(path)) => {
            // Streamed: each contact goes into the file as it is read, never
            // the whole list in memory. Owner-only and atomic: a temp file in
            // the same folder, synced and renamed; an error leaves nothing.
            let store = &ctx.store;
            let lang = ctx.lang;
            files::write_streamed(&path, true, |file| {
                let failed = |e| io_error(Task::WriteFile, &path)(e);
                let mut csv = ContactsCsv::new(file, &workers, lang).map_err(failed)?;
                store.each_contact(|c| csv.row(&c).map_err(failed))?;
                csv.finish().map_err(failed)?;
                Ok(())
            })?;
            let msg = format!("{}: {}", Msg::CsvWritten.text(ctx.lang), path.display());
            ctx.line(msg);
        }
        (kind, out) => {
            let text = match kind {
                CsvKind::Workers => render::csv::workers(&workers, ctx.lang),
                CsvKind::Contacts => {
                    let contacts = ctx.store.all_contacts()?;
                    render::csv::contacts(&contacts, &workers, ctx.lang)
                }
            };
            match out {
                Some(path) => {
                    files::write_atomic(&path, text.as_bytes())?;
                    let msg = format!("{}: {}", Msg::CsvWritten.text(ctx.lang), path.display());
                    ctx.line(msg);
                }
                None => {
                    // A document, printed as such: its BOM and CRLF line ends kept
                    // (a CR alone inside a field is shown, as everywhere).
                    let text = crate::text::sanitise(&text, crate::text::Output::Csv);
                    let mut stdout = std::io::stdout().lock();
                    // A closed pipe (`| head`) is not an error worth a message.
                    let _ = stdout
                        .write_all(text.as_bytes())
                        .and_then(|()| stdout.flush());
                }
            }
        }
    }
    Ok(())
}
