//! `teichaku due`: the dashboard as text or JSON.

use super::{Ctx, table::Table};
use crate::error::Result;
use crate::i18n::{self, Msg};

pub fn run(ctx: &mut Ctx, json: bool) -> Result<()> {
    let items = ctx.store.dashboard(ctx.today)?;
    if json {
        ctx.json(&items);
        return Ok(());
    }
    if items.is_empty() {
        ctx.line(Msg::NothingDue.text(ctx.lang));
        return Ok(());
    }
    let l = ctx.lang;
    let mut t = Table::new(&[
        (Msg::State.text(l), 10),
        (Msg::Due.text(l), 10),
        (Msg::Name.text(l), 16),
        (Msg::Duty.text(l), 36),
        (Msg::Action.text(l), 30),
    ]);
    for i in &items {
        t.row(vec![
            i18n::due_state_label(i.item.state, l).to_string(),
            i.item.due.to_string(),
            i.worker_name.clone(),
            i18n::due::line_label(i.item.duty, l),
            i18n::action_label(&i.action, l),
        ]);
    }
    ctx.line(t.render().trim_end());
    Ok(())
}
