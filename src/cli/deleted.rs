//! The 削除済み view on the command line: `worker list --deleted`,
//! `contact list --deleted`, `worker restore`, `contact restore`.

use super::{Ctx, table::Table};
use crate::domain::Code;
use crate::error::{Error, Result};
use crate::i18n::{Msg, deleted as t};
use crate::store::{Access, short_id, short_id_len};

/// Deleted workers, with how many of their contacts went with them.
pub fn workers(ctx: &mut Ctx, json: bool) -> Result<()> {
    let list = ctx.store.deleted_workers()?;
    if json {
        ctx.json(&list);
        return Ok(());
    }
    if list.is_empty() {
        ctx.line(t::no_deleted_workers(ctx.lang));
        return Ok(());
    }
    let l = ctx.lang;
    let ids: Vec<&str> = list.iter().map(|w| w.id.as_str()).collect();
    let len = short_id_len(&ids);
    let mut table = Table::new(&[
        (Msg::Id.text(l), 36),
        (Msg::Name.text(l), 16),
        (Msg::Employer.text(l), 24),
        (t::contacts_column(l), 8),
    ]);
    for w in &list {
        let n = ctx.store.contacts_of_deleted_worker(&w.id)?.len();
        table.row(vec![
            short_id(&w.id, len).to_string(),
            w.display_name.clone(),
            w.employer.clone(),
            n.to_string(),
        ]);
    }
    ctx.line(table.render().trim_end());
    ctx.line(t::restore_hint(l));
    Ok(())
}

/// Deleted contacts: of one worker (deleted or not, with the contacts a
/// deleted worker took with them), or of every worker in view.
pub fn contacts(ctx: &mut Ctx, worker: Option<String>, json: bool) -> Result<()> {
    let (list, names) = match worker {
        Some(q) => {
            let w = match ctx.store.resolve_worker(&q) {
                Ok(w) => w,
                Err(Error::UnknownWorker { .. }) => ctx.store.resolve_deleted_worker(&q)?,
                Err(e) => return Err(e),
            };
            let mut list = ctx.store.deleted_contacts(Some(&w.id))?;
            list.extend(ctx.store.contacts_of_deleted_worker(&w.id)?);
            list.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
            ctx.store
                .log_access(Access::OpenWorker, Some(&w.id), "contact list --deleted")?;
            (list, vec![(w.id, w.display_name)])
        }
        None => {
            let names = ctx
                .store
                .workers()?
                .into_iter()
                .map(|r| (r.worker.id, r.worker.display_name))
                .collect();
            (ctx.store.deleted_contacts(None)?, names)
        }
    };
    if json {
        ctx.json(&list);
        return Ok(());
    }
    if list.is_empty() {
        ctx.line(t::no_deleted_contacts(ctx.lang));
        return Ok(());
    }
    let l = ctx.lang;
    let name_of = |id: &str| {
        names
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let ids: Vec<&str> = list.iter().map(|c| c.id.as_str()).collect();
    let len = short_id_len(&ids);
    let mut table = Table::new(&[
        (Msg::Id.text(l), 36),
        (Msg::Date.text(l), 10),
        (Msg::Name.text(l), 14),
        (Msg::Mode.text(l), 16),
        (Msg::Notes.text(l), 50),
    ]);
    for c in &list {
        table.row(vec![
            short_id(&c.id, len).to_string(),
            c.date.to_string(),
            name_of(&c.worker_id),
            c.mode.label(l).to_string(),
            c.first_line().to_string(),
        ]);
    }
    ctx.line(table.render().trim_end());
    ctx.line(t::restore_hint(l));
    Ok(())
}

/// Brings a deleted worker back, or keeps one a delete met edits of.
pub fn restore_worker(ctx: &mut Ctx, query: &str) -> Result<()> {
    let w = match ctx.store.resolve_deleted_worker(query) {
        Ok(w) => w,
        // Kept in view against a delete: restoring ends the conflict.
        Err(Error::UnknownWorker { .. }) => {
            let w = ctx.store.resolve_worker(query)?;
            if !ctx.store.worker_kept_against_delete(&w.id)? {
                return Err(Error::NotDeleted {
                    name: w.display_name,
                });
            }
            w
        }
        Err(e) => return Err(e),
    };
    ctx.store.restore_worker(&w.id)?;
    ctx.line(t::restored(&w.display_name, ctx.lang));
    Ok(())
}

/// Brings a deleted contact back (by id or id prefix), or keeps one a
/// delete met edits of.
pub fn restore_contact(ctx: &mut Ctx, id: &str) -> Result<()> {
    let contact = match ctx.store.deleted_contact(id)? {
        Some(c) => c,
        None => {
            let kept = ctx
                .store
                .kept_against_delete()?
                .into_iter()
                .find(|(kind, rid)| {
                    kind == "contact" && (rid == id || (id.len() >= 4 && rid.starts_with(id)))
                });
            match kept.and_then(|(_, rid)| ctx.store.contact(&rid).ok().flatten()) {
                Some(c) => c,
                None => {
                    return Err(Error::NotFound {
                        kind: "contact",
                        id: id.to_string(),
                    });
                }
            }
        }
    };
    if ctx.store.worker(&contact.worker_id)?.is_none() {
        return Err(Error::ContactOfDeletedWorker);
    }
    ctx.store.restore_contact(&contact.id)?;
    let label = format!("{} {}", contact.date, contact.first_line());
    ctx.line(t::restored(&label, ctx.lang));
    Ok(())
}
