//! The daily self-reports (日報): one record per worker per day, its id made
//! of the two (`SelfReport::id_for`), so the same day entered or imported on
//! two laptops is one record merged field by field.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Duration, NaiveDate};
use rusqlite::Row;
use rusqlite::types::Value;

use super::Store;
use super::columns::{Col, entity};
use super::record::{self, Entity};
use crate::domain::Worker;
use crate::domain::selfreport::{Items, Ratings, SelfReport};
use crate::domain::selfreport_import::{self, Mapping, Preview};
use crate::domain::selfreport_warning::{self, Warning};
use crate::domain::validate::Invalid;
use crate::error::{DbContext, Result, Task};

entity! {
    SelfReport {
        kind: "self_report",
        table: "self_reports",
        notes: ["worker_comment", "workplace_comment", "supporter_comment"],
        columns: {
            "worker_id" => worker_id,
            "date" => date,
            "ratings" => ratings,
            "worker_comment" => worker_comment,
            "workplace_comment" => workplace_comment,
            "supporter_comment" => supporter_comment,
            "source" => source,
            "acknowledged_on" => acknowledged_on,
            "recorded_by" => recorded_by,
            "day_off" => day_off,
        },
    }
}

/// Ratings as a JSON object of item id → value; a value that is not a small
/// number (from a newer teichaku, or damaged) reads as not answered.
impl Col for Ratings {
    fn to_value(&self) -> Value {
        Value::Text(serde_json::to_string(&self.0).unwrap_or_else(|_| "{}".into()))
    }
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        let s: String = row.get(idx)?;
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&s).unwrap_or_default();
        Ok(Ratings(
            map.into_iter()
                .filter_map(|(k, v)| Some((k, u8::try_from(v.as_u64()?).ok()?)))
                .collect(),
        ))
    }
}

/// The largest export read (a year of 40 workers is about 0.5 MB).
const MAX_FILE: u64 = 64 << 20;

/// How far back the dashboard's warning reads.
const WARNING_DAYS: i64 = 60;

/// A self-report's checks against its worker and the agency's items.
pub fn check(r: &SelfReport, worker: &Worker, items: &Items) -> std::result::Result<(), Invalid> {
    if worker.is_closed() && !r.workplace_comment.trim().is_empty() {
        return Err(Invalid::ClosedEmploymentWorkplaceComment);
    }
    for (item, value) in &r.ratings.0 {
        if items.get(item).is_none() || !items.in_scale(*value) {
            return Err(Invalid::SelfReportRating {
                item: item.clone(),
                value: *value,
                min: items.scale.min,
                max: items.scale.max,
            });
        }
    }
    crate::domain::validate::plausible("date", Some(r.date))
}

impl Store {
    /// The self-report's items (the agency's, once set).
    pub fn selfreport_items(&self) -> &Items {
        self.selfreport_items.get_or_init(Items::builtin)
    }

    /// Uses the agency's items (`checklists::selfreport::load`).
    pub fn set_selfreport_items(&mut self, items: Items) {
        self.selfreport_items = items.into();
    }

    /// Saves a day's self-report: new, changed, or brought back after a
    /// delete, after checking it against its worker and the items.
    pub fn save_selfreport(&mut self, r: &SelfReport) -> Result<()> {
        let worker = self.require_worker(&r.worker_id)?;
        check(r, &worker, self.selfreport_items())?;
        let state = self.selfreport_state(&r.id)?;
        self.write(|tx| {
            match state {
                None => tx.insert(r)?,
                Some(deleted) => {
                    if deleted {
                        tx.restore::<SelfReport>(&r.id)?;
                    }
                    tx.update(r)?;
                }
            }
            Ok(())
        })
    }

    pub fn delete_selfreport(&mut self, id: &str) -> Result<()> {
        self.write(|tx| tx.delete::<SelfReport>(id))
    }

    /// Whether a row with this id exists: `Some(deleted)`.
    fn selfreport_state(&self, id: &str) -> Result<Option<bool>> {
        use rusqlite::OptionalExtension;
        self.conn()
            .prepare_cached("SELECT deleted FROM self_reports WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get::<_, bool>(0)).optional())
            .during(Task::ReadRecords)
    }

    /// Saves the rows of an import in one transaction: all of them or none.
    /// Returns how many were added.
    pub fn import_selfreports(&mut self, rows: &[SelfReport]) -> Result<usize> {
        self.import_selfreports_replacing(rows, &[])
            .map(|(added, _)| added)
    }

    /// An import's new rows and, when the supporter chose to take them, its
    /// changed rows (`Preview::changed`, their new values) in one
    /// transaction: all or none. Returns (added, replaced).
    pub fn import_selfreports_replacing(
        &mut self,
        rows: &[SelfReport],
        replace: &[SelfReport],
    ) -> Result<(usize, usize)> {
        let mut deleted = BTreeSet::new();
        for r in rows {
            if self.selfreport_state(&r.id)? == Some(true) {
                deleted.insert(r.id.clone());
            }
        }
        for r in replace {
            if self.selfreport_state(&r.id)? != Some(false) {
                return Err(crate::Error::NotFound {
                    kind: "self_report",
                    id: r.id.clone(),
                });
            }
        }
        // A stop asked through the job hook (Esc on the TUI's gauge) rolls
        // the whole import back.
        let hook = self.hook.clone();
        hook.start(
            super::job::Stage::Saving,
            u64::try_from(rows.len() + replace.len()).ok(),
        );
        self.write(|tx| {
            for r in rows {
                hook.step()?;
                if deleted.contains(&r.id) {
                    tx.restore::<SelfReport>(&r.id)?;
                    tx.update(r)?;
                } else {
                    tx.insert(r)?;
                }
            }
            for r in replace {
                hook.step()?;
                tx.update(r)?;
            }
            Ok((rows.len(), replace.len()))
        })
    }

    /// One worker's self-report of a day.
    pub fn selfreport(&self, worker_id: &str, date: NaiveDate) -> Result<Option<SelfReport>> {
        record::get(self.conn(), &SelfReport::id_for(worker_id, date))
    }

    /// A worker's self-reports dated `from..=to`, oldest first.
    pub fn selfreports_for(
        &self,
        worker_id: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SelfReport>> {
        let sql = format!(
            "SELECT {} FROM self_reports WHERE worker_id = ?1 AND date >= ?2 AND date <= ?3
             AND deleted = 0 ORDER BY date",
            record::select_columns::<SelfReport>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map(
                rusqlite::params![worker_id, from.to_string(), to.to_string()],
                SelfReport::from_row,
            )
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// The month's self-reports in a sentence for the report draft, or None
    /// without any. Closed employment: the worker's words are not quoted (a
    /// report's fields may be shared with the employer).
    pub fn selfreport_sentence(
        &self,
        worker: &Worker,
        month: crate::domain::dates::YearMonth,
        lang: crate::lang::Lang,
    ) -> Result<Option<String>> {
        let from = month.prev().unwrap_or(month).first_day();
        let entries = self.selfreports_for(&worker.id, from, month.last_day())?;
        Ok(crate::domain::selfreport_trend::month_sentence(
            &entries,
            self.selfreport_items(),
            month,
            !worker.is_closed(),
            lang,
        ))
    }

    /// What importing a form export would add (`selfreport_import`): the
    /// file decoded (`encoding` or detected), its columns by the mapping
    /// file or recognised from the header, every row new, present or a
    /// problem. Nothing is written.
    pub fn selfreport_preview(
        &self,
        file: &std::path::Path,
        mapping: Option<&std::path::Path>,
        encoding: Option<&str>,
    ) -> Result<Preview> {
        use crate::files;
        let refuse = |path: &std::path::Path| {
            let path = path.to_path_buf();
            move |problem| crate::Error::SelfReportFile {
                path: path.clone(),
                problem,
            }
        };
        let bytes = files::read_capped(file, MAX_FILE).map_err(|why| why.at(file))?;
        let (text, enc) = selfreport_import::decode(&bytes, encoding).map_err(refuse(file))?;
        let (header, rows) = selfreport_import::read_csv(&text).map_err(refuse(file))?;
        let items = self.selfreport_items();
        let mapping = match mapping {
            Some(m) => {
                let t =
                    files::read_text_capped(m, files::MAX_CONFIG_LEN).map_err(|why| why.at(m))?;
                Mapping::parse(&t).map_err(refuse(m))?
            }
            None => Mapping::detect(&header, items).map_err(refuse(file))?,
        };
        let workers = self.live_workers()?;
        let existing = self.selfreports_held()?;
        let mut preview =
            selfreport_import::preview(&header, &rows, &mapping, items, &workers, &existing)
                .map_err(refuse(file))?;
        preview.encoding = Some(enc);
        Ok(preview)
    }

    /// Every live self-report by (worker id, day): what an import finds
    /// already present, or changed.
    pub fn selfreports_held(&self) -> Result<BTreeMap<(String, NaiveDate), SelfReport>> {
        let sql = format!(
            "SELECT {} FROM self_reports WHERE deleted = 0",
            record::select_columns::<SelfReport>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([], SelfReport::from_row)
            .during(Task::ReadRecords)?;
        let mut out = BTreeMap::new();
        for r in rows {
            let r = r.during(Task::ReadRecords)?;
            out.insert((r.worker_id.clone(), r.date), r);
        }
        Ok(out)
    }

    /// Every live (worker id, day) with a self-report.
    pub fn selfreport_days(&self) -> Result<BTreeSet<(String, NaiveDate)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT worker_id, date FROM self_reports WHERE deleted = 0")
            .during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, NaiveDate::read(r, 1)?)))
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// The early warnings on `today` of the live workers, by worker id: from
    /// their last weeks' self-reports, acknowledged by a contact or a note.
    pub fn selfreport_warnings(
        &self,
        workers: &[Worker],
        today: NaiveDate,
    ) -> Result<HashMap<String, Warning>> {
        let since = (today - Duration::days(WARNING_DAYS)).to_string();
        let sql = format!(
            "SELECT {} FROM self_reports WHERE date >= ?1 AND date <= ?2 AND deleted = 0",
            record::select_columns::<SelfReport>()
        );
        let mut by_worker: HashMap<String, Vec<SelfReport>> = HashMap::new();
        {
            let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
            let rows = stmt
                .query_map(
                    rusqlite::params![since, today.to_string()],
                    SelfReport::from_row,
                )
                .during(Task::ReadRecords)?;
            for r in rows {
                let r = r.during(Task::ReadRecords)?;
                by_worker.entry(r.worker_id.clone()).or_default().push(r);
            }
        }
        if by_worker.is_empty() {
            return Ok(HashMap::new());
        }
        let mut last_contact: HashMap<String, NaiveDate> = HashMap::new();
        {
            let mut stmt = self
                .conn()
                .prepare_cached(
                    "SELECT worker_id, MAX(date) FROM contacts
                     WHERE deleted = 0 AND date >= ?1 AND date <= ?2 GROUP BY worker_id",
                )
                .during(Task::ReadRecords)?;
            let rows = stmt
                .query_map(rusqlite::params![since, today.to_string()], |r| {
                    Ok((r.get::<_, String>(0)?, NaiveDate::read(r, 1)?))
                })
                .during(Task::ReadRecords)?;
            for r in rows {
                let (w, d) = r.during(Task::ReadRecords)?;
                last_contact.insert(w, d);
            }
        }
        let mut out = HashMap::new();
        for w in workers {
            let Some(entries) = by_worker.get(&w.id) else {
                continue;
            };
            let noted = entries.iter().filter_map(|e| e.acknowledged_on).max();
            let ack = noted.max(last_contact.get(&w.id).copied());
            if let Some(warn) =
                selfreport_warning::warning(entries, ack, self.selfreport_items(), today)
            {
                out.insert(w.id.clone(), warn);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
#[path = "selfreports_tests.rs"]
mod tests;
