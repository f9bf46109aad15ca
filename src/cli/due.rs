//! `teichaku due`: the dashboard as text or JSON.

use super::{Ctx, table::Table};
use crate::error::Result;
use crate::i18n::{self, Msg};

#[derive(clap::Subcommand, Debug)]
pub enum DueCmd {
    /// 次の対応を済みにする / mark a worker's follow-up done (or dismiss it)
    Done {
        /// 利用者（氏名・かな・コード）/ the worker (name, kana or code)
        worker: String,
    },
}

pub fn act(ctx: &mut Ctx, cmd: DueCmd) -> Result<()> {
    match cmd {
        DueCmd::Done { worker } => {
            let w = ctx.store.resolve_worker(&worker)?;
            ctx.store.follow_up_done(&w.id, ctx.today)?;
            ctx.line(i18n::due::follow_up_done(&w.display_name, ctx.lang));
        }
    }
    Ok(())
}

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
            i18n::due::item_label(i, l),
            i18n::action_label(&i.action, l),
        ]);
    }
    ctx.line(t.render().trim_end());
    Ok(())
}
