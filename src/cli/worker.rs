//! `teichaku worker add|list|show|edit|delete`.

use std::io::{BufRead, IsTerminal};

use clap::{Args, Subcommand};
use serde::Serialize;

use super::{Ctx, args, table::Table};
use crate::domain::{Code, Contact, Disclosure, Person, ServicePeriod, Worker};
use crate::error::{Error, Result};
use crate::i18n::{self, Msg, closed};
use crate::store::{self, short_id, short_id_len};

#[derive(Debug, Subcommand)]
pub enum WorkerCmd {
    /// 利用者を追加 / add a worker
    Add(WorkerFields),
    /// 利用者の一覧 / list workers
    List {
        #[arg(long)]
        json: bool,
        /// 削除済みの利用者（元に戻せます）/ deleted workers (they can be restored)
        #[arg(long)]
        deleted: bool,
    },
    /// 利用者の詳細 / show one worker
    Show {
        /// ID（先頭の数文字でも可）か名前 / id, id prefix or name
        worker: String,
        #[arg(long)]
        json: bool,
    },
    /// 利用者を編集（指定した項目だけ）/ edit the given fields
    Edit {
        worker: String,
        #[command(flatten)]
        fields: WorkerFields,
        /// クローズ就労にして勤務先に関わる記録を要確認にするとき、確認なしで保存 / save closed employment over conflicting records without asking
        #[arg(long)]
        yes: bool,
    },
    /// 利用者を削除 / delete a worker (kept in the history)
    Delete {
        worker: String,
        /// 確認なしで削除 / do not ask
        #[arg(long)]
        yes: bool,
    },
    /// 削除した利用者を元に戻す（その後の編集も残ります）/ bring a deleted worker back, with every edit made meanwhile
    Restore {
        /// 削除済みの利用者の名前か ID / a deleted worker's name or id
        worker: String,
    },
}

/// Every editable field; on `edit`, only the given ones change, and an empty
/// value ("") clears an optional one.
#[derive(Debug, Args)]
pub struct WorkerFields {
    /// 氏名 / display name
    #[arg(long)]
    name: Option<String>,
    /// ふりがな / kana
    #[arg(long)]
    kana: Option<String>,
    /// 勤務先 / employer
    #[arg(long)]
    employer: Option<String>,
    /// 職場・部署 / workplace or department
    #[arg(long, allow_hyphen_values = true)]
    workplace: Option<String>,
    /// 職務 / job
    #[arg(long, allow_hyphen_values = true)]
    job: Option<String>,
    /// 障害種別（複数可: 精神,発達）/ disability categories
    #[arg(long = "category")]
    categories: Vec<String>,
    /// open（オープン就労）| closed（クローズ就労）
    #[arg(long)]
    disclosure: Option<String>,
    /// 入社日 YYYY-MM-DD
    #[arg(long)]
    hire_date: Option<String>,
    /// standard（通常）| extended（労働時間延長支援型）| reinstatement（復職支援型）
    #[arg(long)]
    service_type: Option<String>,
    /// 起算日（延長型: 移行支援終了の翌日、復職型: 復職日）
    #[arg(long)]
    anchor_date: Option<String>,
    /// 支援開始日（計算値を上書き）/ override the computed start
    #[arg(long)]
    service_start: Option<String>,
    /// 支援終了日（計算値を上書き）/ override the computed end
    #[arg(long)]
    service_end: Option<String>,
    /// pre（利用前）| active（利用中）| ended（終了）| handed_over（引継済）
    #[arg(long)]
    status: Option<String>,
    /// 担当者 / assigned staff
    #[arg(long)]
    staff: Option<String>,
    /// メモ / memo
    #[arg(long, allow_hyphen_values = true)]
    memo: Option<String>,
}

impl WorkerFields {
    /// Applies the given fields to `w`; nothing is changed on error.
    fn apply(&self, w: &mut Worker) -> Result<()> {
        let mut n = w.clone();
        let set = |target: &mut String, v: &Option<String>| {
            if let Some(v) = v {
                *target = v.trim().to_string();
            }
        };
        set(&mut n.display_name, &self.name);
        set(&mut n.kana, &self.kana);
        set(&mut n.employer, &self.employer);
        set(&mut n.workplace, &self.workplace);
        set(&mut n.job, &self.job);
        set(&mut n.staff, &self.staff);
        if let Some(m) = &self.memo {
            n.memo = m.clone();
        }
        if !self.categories.is_empty() {
            n.categories = args::categories(&self.categories)?;
        }
        if let Some(v) = &self.disclosure {
            n.disclosure = args::choice(v)?;
        }
        if let Some(v) = &self.service_type {
            n.service_type = args::choice(v)?;
        }
        if let Some(v) = &self.status {
            n.status = args::choice(v)?;
        }
        for (input, field, target) in [
            (&self.hire_date, "hire date", &mut n.hire_date),
            (&self.anchor_date, "anchor date", &mut n.anchor_date),
            (
                &self.service_start,
                "service start",
                &mut n.service_start_override,
            ),
            (
                &self.service_end,
                "service end",
                &mut n.service_end_override,
            ),
        ] {
            if let Some(v) = input {
                *target = args::opt_date(field, v)?;
            }
        }
        *w = n;
        Ok(())
    }
}

pub fn run(ctx: &mut Ctx, cmd: WorkerCmd) -> Result<()> {
    match cmd {
        WorkerCmd::Add(fields) => {
            let mut w = Worker::new(store::new_id(), String::new());
            fields.apply(&mut w)?;
            if fields.status.is_none() {
                w.status = w.status_on(ctx.today);
            }
            ctx.store.add_worker(&w)?;
            let msg = format!(
                "{}: {} ({})",
                Msg::Saved.text(ctx.lang),
                w.display_name,
                w.id
            );
            ctx.line(msg);
        }
        WorkerCmd::List {
            json,
            deleted: true,
        } => super::deleted::workers(ctx, json)?,
        WorkerCmd::List { json, .. } => list(ctx, json)?,
        WorkerCmd::Restore { worker } => super::deleted::restore_worker(ctx, &worker)?,
        WorkerCmd::Show { worker, json } => show(ctx, &worker, json)?,
        WorkerCmd::Edit {
            worker,
            fields,
            yes,
        } => {
            let mut w = ctx.store.resolve_worker(&worker)?;
            let was_closed = w.is_closed();
            fields.apply(&mut w)?;
            if w.is_closed() && !was_closed {
                confirm_closed(ctx, &w, yes)?;
            }
            let changed = ctx.store.update_worker(&w)?;
            let msg = if changed == 0 {
                Msg::NoChange.text(ctx.lang).to_string()
            } else {
                format!(
                    "{}: {} ({changed})",
                    Msg::Saved.text(ctx.lang),
                    w.display_name
                )
            };
            ctx.line(msg);
        }
        WorkerCmd::Delete { worker, yes } => {
            let w = ctx.store.resolve_worker(&worker)?;
            if !yes && !confirm(ctx, &w)? {
                return Err(Error::Cancelled);
            }
            let kept = ctx.store.worker_kept_against_delete(&w.id)?;
            ctx.store.delete_worker(&w.id)?;
            let msg = format!("{}: {}", Msg::Deleted.text(ctx.lang), w.display_name);
            ctx.line(msg);
            if kept {
                ctx.line(crate::i18n::deleted::deleted_again(ctx.lang));
            }
        }
    }
    Ok(())
}

/// Before closed disclosure is saved over records that reach the employer:
/// lists them, then asks at a terminal, goes ahead with `--yes`, and refuses
/// otherwise (nothing saved). The records are flagged from then on.
fn confirm_closed(ctx: &mut Ctx, w: &Worker, yes: bool) -> Result<()> {
    let conflicts = ctx.store.closed_conflicts(w)?;
    if conflicts.is_empty() {
        return Ok(());
    }
    // The records are listed: a read of the worker's records.
    ctx.log_read(&w.id)?;
    let l = ctx.lang;
    let mut list = closed::closed_change_intro(conflicts.len(), l);
    for c in &conflicts {
        list.push_str("\n  ");
        list.push_str(&closed::conflict_line(c, l));
    }
    let list = crate::text::terminal_safe(&list);
    if yes {
        ctx.line(list);
        return Ok(());
    }
    eprintln!("{list}");
    if !std::io::stdin().is_terminal() {
        return Err(Error::ClosedConflictsNeedYes {
            records: conflicts.len(),
        });
    }
    eprint!("{}", closed::closed_change_question(l));
    let mut answer = String::new();
    // End of input counts as "no".
    let _ = std::io::stdin().lock().read_line(&mut answer);
    if matches!(answer.trim(), "y" | "Y" | "yes" | "はい") {
        Ok(())
    } else {
        Err(Error::Cancelled)
    }
}

fn confirm(ctx: &Ctx, w: &Worker) -> Result<bool> {
    eprint!(
        "{} {}",
        crate::text::terminal_safe(&w.display_name),
        Msg::ConfirmDelete.text(ctx.lang)
    );
    let mut answer = String::new();
    // End of input counts as "no".
    let _ = std::io::stdin().lock().read_line(&mut answer);
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "はい"))
}

/// A worker as printed by `--json`: the record plus the computed period.
#[derive(Serialize)]
struct WorkerJson<'a> {
    #[serde(flatten)]
    worker: &'a Worker,
    service_period: Option<ServicePeriod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_contact: Option<chrono::NaiveDate>,
}

fn list(ctx: &mut Ctx, json: bool) -> Result<()> {
    let rows = ctx.store.workers()?;
    if json {
        let out: Vec<WorkerJson> = rows
            .iter()
            .map(|r| WorkerJson {
                worker: &r.worker,
                service_period: r.worker.service_period(),
                last_contact: r.last_contact,
            })
            .collect();
        ctx.json(&out);
        return Ok(());
    }
    if rows.is_empty() {
        ctx.line(Msg::NoWorkers.text(ctx.lang));
        return Ok(());
    }
    let l = ctx.lang;
    let ids: Vec<&str> = rows.iter().map(|r| r.worker.id.as_str()).collect();
    let id_len = short_id_len(&ids);
    let mut t = Table::new(&[
        (Msg::Id.text(l), 36),
        (Msg::Name.text(l), 16),
        (Msg::Employer.text(l), 24),
        (Msg::LastContact.text(l), 10),
        (Msg::ServicePeriod.text(l), 16),
        (Msg::Status.text(l), 10),
        (Msg::Disclosure.text(l), 16),
    ]);
    for r in &rows {
        let w = &r.worker;
        t.row(vec![
            short_id(&w.id, id_len).to_string(),
            w.display_name.clone(),
            w.employer.clone(),
            r.last_contact
                .map(|d| i18n::since(d, ctx.today, l))
                .unwrap_or_default(),
            w.service_period()
                .map(|p| i18n::period_position(p.position(ctx.today), l))
                .unwrap_or_default(),
            w.status.label(l).to_string(),
            if w.is_closed() {
                Disclosure::Closed.label(l).to_string()
            } else {
                String::new()
            },
        ]);
    }
    ctx.line(t.render().trim_end());
    Ok(())
}

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    worker: WorkerJson<'a>,
    people: &'a [Person],
    contacts: &'a [Contact],
}

fn show(ctx: &mut Ctx, query: &str, json: bool) -> Result<()> {
    let w = ctx.store.resolve_worker(query)?;
    ctx.store
        .log_access(crate::store::Access::OpenWorker, Some(&w.id), "worker show")?;
    let people = ctx.store.people_for(&w.id)?;
    let contacts = ctx.store.contacts_for(&w.id)?;
    if json {
        let last_contact = contacts.first().map(|c| c.date);
        let worker = WorkerJson {
            worker: &w,
            service_period: w.service_period(),
            last_contact,
        };
        ctx.json(&ShowJson {
            worker,
            people: &people,
            contacts: &contacts,
        });
        return Ok(());
    }
    let l = ctx.lang;
    let title = match (w.kana.is_empty(), w.is_closed()) {
        (true, false) => w.display_name.clone(),
        (false, false) => format!("{}（{}）", w.display_name, w.kana),
        (true, true) => format!("{}  [{}]", w.display_name, Disclosure::Closed.label(l)),
        (false, true) => format!(
            "{}（{}）  [{}]",
            w.display_name,
            w.kana,
            Disclosure::Closed.label(l)
        ),
    };
    ctx.line(title);
    let categories: Vec<&str> = w.categories.iter().map(|c| c.label(l)).collect();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let period = w.service_period().map(|p| {
        let pos = i18n::period_position(p.position(ctx.today), l);
        let overridden = w.service_start_override.is_some() || w.service_end_override.is_some();
        let mark = if overridden {
            Msg::Overridden.text(l)
        } else {
            ""
        };
        format!("{} – {}  ({pos}){mark}", p.start, p.end)
    });
    let mut t = Table::new(&[("", 16), ("", 200)]);
    for (label, value) in [
        (Msg::Id, w.id.clone()),
        (Msg::Employer, w.employer.clone()),
        (Msg::Workplace, w.workplace.clone()),
        (Msg::Job, w.job.clone()),
        (Msg::Categories, categories.join("、")),
        (Msg::Disclosure, w.disclosure.label(l).to_string()),
        (Msg::HireDate, date(w.hire_date)),
        (Msg::ServiceType, w.service_type.label(l).to_string()),
        (Msg::AnchorDate, date(w.anchor_date)),
        (Msg::ServicePeriod, period.unwrap_or_default()),
        (Msg::Status, w.status.label(l).to_string()),
        (Msg::Staff, w.staff.clone()),
        (Msg::Memo, w.memo.clone()),
    ] {
        if !value.is_empty() {
            t.row(vec![format!("  {}", label.text(l)), value]);
        }
    }
    // The empty header row of a key/value table is skipped.
    let body = t.render();
    ctx.line(body.lines().skip(1).collect::<Vec<_>>().join("\n"));
    let flagged = ctx.store.closed_conflicts(&w)?;
    if !flagged.is_empty() {
        ctx.line(format!("\n{}", closed::conflicts_heading(flagged.len(), l)));
        for c in &flagged {
            ctx.line(format!("  {}", closed::conflict_line(c, l)));
        }
        ctx.line(format!("  {}", closed::conflicts_hint(l)));
    }
    ctx.line(format!("\n{}", Msg::Network.text(l)));
    if people.is_empty() {
        ctx.line(format!("  {}", Msg::NoPeople.text(l)));
    }
    for p in &people {
        let detail = [p.role.as_str(), p.organisation.as_str(), p.phone.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" / ");
        ctx.line(format!("  [{}] {}  {detail}", p.layer.label(l), p.name));
    }
    ctx.line(format!("\n{} ({})", Msg::Contacts.text(l), contacts.len()));
    if contacts.is_empty() {
        ctx.line(format!("  {}", Msg::NoContacts.text(l)));
    }
    for c in contacts.iter().take(10) {
        ctx.line(format!(
            "  {}  {}  {}",
            c.date,
            c.mode.label(l),
            super::table::truncate(c.first_line(), 60)
        ));
    }
    Ok(())
}
