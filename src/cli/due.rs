//! `teichaku due`: the dashboard as text or JSON.

use super::{Ctx, args, table::Table};
use crate::domain::dates::YearMonth;
use crate::domain::waiver::{WaivedDuty, Waiver};
use crate::error::Result;
use crate::i18n::{self, Msg};

#[derive(clap::Subcommand, Debug)]
pub enum DueCmd {
    /// 次の対応を済みにする / mark a worker's follow-up done (or dismiss it)
    Done {
        /// 利用者（氏名・かな・コード）/ the worker (name, kana or code)
        worker: String,
    },
    /// 対応を免除する（理由を記録）/ waive a duty, with the reason
    Waive {
        /// 利用者（氏名・かな・コード）/ the worker (name, kana or code)
        worker: String,
        /// contact_worker（本人と対面の支援）| report（支援レポート）| contact_employer（事業主との連絡）| handover（引継ぎ）
        #[arg(long)]
        duty: String,
        /// 月 YYYY-MM（月ごとの対応）/ the month, for a monthly duty
        #[arg(long)]
        month: Option<String>,
        /// 免除の理由 / why it is waived
        #[arg(long, allow_hyphen_values = true)]
        reason: String,
    },
    /// 免除した対応の一覧 / the worker's waived duties
    Waivers {
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
        DueCmd::Waive {
            worker,
            duty,
            month,
            reason,
        } => {
            let w = ctx.store.resolve_worker(&worker)?;
            let duty = args::choice::<WaivedDuty>(&duty)?;
            let month = month
                .map(|m| YearMonth::parse(&m).ok_or(crate::error::Error::BadMonth { input: m }))
                .transpose()?;
            let v = Waiver {
                id: crate::store::new_id(),
                worker_id: w.id.clone(),
                duty,
                month,
                reason: reason.trim().to_string(),
                waived_on: ctx.today,
                waived_by: ctx.settings.staff_name.clone(),
            };
            ctx.store.add_waivers(std::slice::from_ref(&v), ctx.today)?;
            ctx.line(i18n::waiver::waived(&w.display_name, 1, ctx.lang));
        }
        DueCmd::Waivers { worker } => {
            let w = ctx.read_worker(&worker)?;
            let list = ctx.store.waivers_for(&w.id)?;
            if list.is_empty() {
                ctx.line(i18n::waiver::no_waivers(ctx.lang));
            }
            for v in &list {
                ctx.line(i18n::waiver::waiver_line(v, ctx.lang));
            }
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
