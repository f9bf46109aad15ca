//! The print key: a document written to the documents folder under a name
//! without the worker's name, then opened in the system's browser, where the
//! supporter prints it or saves it as PDF.

use crate::i18n::{self, documents};
use crate::print::{self, Document};
use crate::tui::app::{Effect, Env};

/// Writes `html` (made by the caller, which applies every rule of the
/// document) and says where it is; replaces an earlier print of the same
/// document and month.
pub fn deliver(
    env: &mut Env<'_>,
    doc: Document,
    worker_id: &str,
    html: crate::Result<String>,
) -> Effect {
    let l = env.lang;
    let written = html.and_then(|html| {
        let code = env.store.short_code(worker_id)?;
        let path = print::usable_folder(&env.print.folder)?.join(print::file_name(doc, &code, l));
        print::write(&path, &html, true)?;
        let what = path.file_name().map(|n| n.to_string_lossy().into_owned());
        env.store.log_access(
            crate::store::Access::Print,
            Some(worker_id),
            what.as_deref().unwrap_or_default(),
        )?;
        Ok(path)
    });
    match written {
        Ok(path) => {
            let opened = env.print.open && print::open_in_browser(&path);
            Effect::Status(documents::printed(&path, opened, l))
        }
        Err(e) => Effect::Status(i18n::error_message(&e, l)),
    }
}
