//! `teichaku contact add|list`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Ctx, args, table::Table};
use crate::domain::{Code, Contact, Mode, Participant};
use crate::error::Result;
use crate::i18n::Msg;
use crate::store;

#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// クローズ就労で要確認の記録（連絡・チェックリスト）を、本人の同意を記録したうえで確認済みにする / mark a flagged closed-employment record as confirmed after recording the worker's consent
    Consent {
        /// 記録の ID（`worker show` の一覧の [ ] 内）/ the record's id (in [ ] in `worker show`)
        id: String,
    },
    /// 連絡記録を追加 / log a contact
    Add(Box<AddArgs>),
    /// 連絡記録の一覧（新しい順）/ list contacts, newest first
    List {
        /// 利用者（省略時は全員）/ the worker; all workers if omitted
        worker: Option<String>,
        /// 表示件数 / how many
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
        /// 削除済みの連絡記録（元に戻せます）/ deleted contacts (they can be restored)
        #[arg(long)]
        deleted: bool,
    },
    /// 削除した連絡記録を元に戻す / bring a deleted contact back
    Restore {
        /// 記録の ID（`contact list --deleted` の一覧）/ the contact's id (in `contact list --deleted`)
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// 利用者（ID か名前）/ the worker (id or name)
    worker: String,
    /// 日付（省略時は今日）YYYY-MM-DD / date, today if omitted
    #[arg(long)]
    date: Option<String>,
    /// 開始時刻 HH:MM / start time
    #[arg(long)]
    time: Option<String>,
    /// 所要時間（分）/ minutes
    #[arg(long)]
    minutes: Option<String>,
    /// visit（職場訪問）| meeting（面談）| phone（電話）| online | message | clinic（同行受診）| case_conference | home_visit
    #[arg(long)]
    mode: String,
    /// 参加者（複数可: self,supervisor / 本人,上司）/ participants
    #[arg(long = "with")]
    participants: Vec<String>,
    /// 記録の本文 / the note
    #[arg(long, conflicts_with = "notes_file", allow_hyphen_values = true)]
    notes: Option<String>,
    /// 本文をファイルから（- は標準入力）/ read the note from a file (- for stdin)
    #[arg(long, value_name = "PATH")]
    notes_file: Option<PathBuf>,
    /// 次の対応 / next action
    #[arg(long, default_value = "", allow_hyphen_values = true)]
    next_action: String,
    /// 次の対応の期限 / its due date
    #[arg(long)]
    next_due: Option<String>,
    /// 記録者（省略時は設定の staff_name）/ recorded by
    #[arg(long)]
    by: Option<String>,
}

pub fn run(ctx: &mut Ctx, cmd: ContactCmd) -> Result<()> {
    match cmd {
        ContactCmd::Consent { id } => {
            ctx.store.confirm_closed_consent(id.trim())?;
            ctx.line(crate::i18n::closed::consent_confirmed(ctx.lang));
        }
        ContactCmd::Add(add) => {
            let AddArgs {
                worker,
                date,
                time,
                minutes,
                mode,
                participants,
                notes,
                notes_file,
                next_action,
                next_due,
                by,
            } = *add;
            let w = ctx.store.resolve_worker(&worker)?;
            let w_full = w.clone();
            let date = match date {
                Some(d) => args::date("date", &d)?,
                None => ctx.today,
            };
            let notes = match (notes, notes_file) {
                (Some(n), _) => n,
                (None, Some(path)) => args::read_text(&path)?,
                (None, None) => String::new(),
            };
            let c = Contact {
                id: store::new_id(),
                worker_id: w.id,
                date,
                start_time: args::opt_time(time.as_deref().unwrap_or(""))?,
                minutes: args::opt_number("minutes", minutes.as_deref().unwrap_or(""))?,
                mode: args::choice::<Mode>(&mode)?,
                participants: args::choices::<Participant>(&participants)?,
                notes,
                next_action: next_action.trim().to_string(),
                next_due: args::opt_date("due date", next_due.as_deref().unwrap_or(""))?,
                next_done: None,
                recorded_by: by.unwrap_or_else(|| ctx.settings.staff_name.clone()),
                consent_confirmed: false,
            };
            crate::domain::validate::contact_on(&c, &w_full, ctx.today)?;
            ctx.store.add_contact(&c)?;
            let msg = format!(
                "{}: {} {} ({})",
                Msg::Saved.text(ctx.lang),
                c.date,
                c.mode.label(ctx.lang),
                c.id
            );
            ctx.line(msg);
        }
        ContactCmd::List {
            worker,
            json,
            deleted: true,
            ..
        } => super::deleted::contacts(ctx, worker, json)?,
        ContactCmd::Restore { id } => super::deleted::restore_contact(ctx, &id)?,
        ContactCmd::List {
            worker,
            limit,
            json,
            ..
        } => {
            let (contacts, names) = match worker {
                Some(q) => {
                    let w = ctx.read_worker(&q)?;
                    let list = ctx.store.recent_contacts_for(&w.id, limit)?;
                    (list, vec![(w.id, w.display_name)])
                }
                None => {
                    let names = ctx
                        .store
                        .workers()?
                        .into_iter()
                        .map(|r| (r.worker.id, r.worker.display_name))
                        .collect();
                    (ctx.store.recent_contacts(limit)?, names)
                }
            };
            if json {
                ctx.json(&contacts);
                return Ok(());
            }
            if contacts.is_empty() {
                ctx.line(Msg::NoContacts.text(ctx.lang));
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
            let mut t = Table::new(&[
                (Msg::Date.text(l), 10),
                (Msg::Name.text(l), 14),
                (Msg::Mode.text(l), 16),
                (Msg::Minutes.text(l), 4),
                (Msg::Notes.text(l), 50),
            ]);
            for c in &contacts {
                t.row(vec![
                    c.date.to_string(),
                    name_of(&c.worker_id),
                    c.mode.label(l).to_string(),
                    c.minutes.map(|m| m.to_string()).unwrap_or_default(),
                    c.first_line().to_string(),
                ]);
            }
            ctx.line(t.render().trim_end());
        }
    }
    Ok(())
}
