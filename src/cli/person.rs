//! `teichaku person add|list`: the worker's network.

use clap::Subcommand;

use super::{Ctx, args, table::Table};
use crate::domain::{Code, Layer, Person};
use crate::error::Result;
use crate::i18n::Msg;
use crate::store;

#[derive(Debug, Subcommand)]
pub enum PersonCmd {
    /// 関係者を追加 / add a person to a worker's network
    Add {
        /// 利用者（ID か名前）/ the worker (id or name)
        worker: String,
        #[arg(long)]
        name: String,
        /// 役割（上司、主治医、母…）/ role
        #[arg(long, default_value = "")]
        role: String,
        /// 所属 / organisation
        #[arg(long = "org", default_value = "")]
        organisation: String,
        /// company（職場）| welfare（福祉・医療）| community（地域）
        #[arg(long, default_value = "company")]
        layer: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        note: String,
    },
    /// 関係者の一覧（層ごと）/ list a worker's network by layer
    List {
        worker: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &mut Ctx, cmd: PersonCmd) -> Result<()> {
    match cmd {
        PersonCmd::Add {
            worker,
            name,
            role,
            organisation,
            layer,
            phone,
            email,
            note,
        } => {
            let w = ctx.store.resolve_worker(&worker)?;
            let p = Person {
                id: store::new_id(),
                worker_id: w.id,
                name: name.trim().to_string(),
                role: role.trim().to_string(),
                organisation: organisation.trim().to_string(),
                layer: args::choice::<Layer>(&layer)?,
                phone: phone.trim().to_string(),
                email: email.trim().to_string(),
                note,
            };
            ctx.store.add_person(&p)?;
            let msg = format!("{}: {} ({})", Msg::Saved.text(ctx.lang), p.name, p.id);
            ctx.line(msg);
        }
        PersonCmd::List { worker, json } => {
            let w = ctx.read_worker(&worker)?;
            let people = ctx.store.people_for(&w.id)?;
            if json {
                ctx.json(&people);
                return Ok(());
            }
            if people.is_empty() {
                ctx.line(Msg::NoPeople.text(ctx.lang));
                return Ok(());
            }
            let l = ctx.lang;
            let mut t = Table::new(&[
                (Msg::Layer.text(l), 12),
                (Msg::Name.text(l), 16),
                (Msg::Role.text(l), 16),
                (Msg::Organisation.text(l), 24),
                (Msg::Phone.text(l), 16),
                (Msg::Note.text(l), 30),
            ]);
            for p in &people {
                t.row(vec![
                    p.layer.label(l).to_string(),
                    p.name.clone(),
                    p.role.clone(),
                    p.organisation.clone(),
                    p.phone.clone(),
                    p.note.clone(),
                ]);
            }
            ctx.line(t.render().trim_end());
        }
    }
    Ok(())
}
