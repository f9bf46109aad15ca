//! Synced kinds declared once. [`entity!`] takes a kind's change-log name, its
//! table, its note fields and its columns as `"column" => struct_field` pairs
//! in column order, and writes the [`Entity`](Entity) impl from
//! them: `FIELDS`, `values()` and `from_row()` can no longer disagree. How each
//! Rust type is stored is [`Col`], one impl per type.
//!
//! Adding a field to a kind is one line here plus one step in `migrate.rs`
//! (`ALTER TABLE … ADD COLUMN`, the same column name).

use chrono::{NaiveDate, NaiveTime};
use rusqlite::Row;
use rusqlite::types::{Type, Value};

use crate::domain::Code;

/// A synced record kind. Columns are `id`, then `FIELDS` in order, then the
/// bookkeeping columns `created_at`, `updated_at`, `deleted`.
pub trait Entity: Sized {
    /// The name used in the change log.
    const KIND: &'static str;
    const TABLE: &'static str;
    const FIELDS: &'static [&'static str];
    /// Long free text whose concurrent edits are all kept and shown as a
    /// conflict (a revision graph), rather than decided by the clock.
    const NOTE_FIELDS: &'static [&'static str] = &[];

    fn id(&self) -> &str;
    /// Column values in the order of `FIELDS`.
    fn values(&self) -> Vec<Value>;
    /// Reads a row selected with [`select_columns`].
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self>;
}

/// `id, field1, field2, …` for `SELECT`.
pub fn select_columns<E: Entity>() -> String {
    let mut cols = String::from("id");
    for f in E::FIELDS {
        cols.push_str(", ");
        cols.push_str(f);
    }
    cols
}

/// The same columns prefixed with a table alias, for joins.
pub fn qualified_columns<E: Entity>(alias: &str) -> String {
    std::iter::once("id")
        .chain(E::FIELDS.iter().copied())
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a value is stored in its column (and in the change log).
pub trait Col: Sized {
    fn to_value(&self) -> Value;
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self>;
}

fn bad(idx: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, format!("unexpected {what}").into())
}

impl Col for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        row.get(idx)
    }
}

/// Dates as `YYYY-MM-DD` text.
impl Col for NaiveDate {
    fn to_value(&self) -> Value {
        Value::Text(self.format("%Y-%m-%d").to_string())
    }
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        let s: String = row.get(idx)?;
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| bad(idx, "date"))
    }
}

impl Col for Option<NaiveDate> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, Col::to_value)
    }
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        let s: Option<String> = row.get(idx)?;
        s.map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| bad(idx, "date")))
            .transpose()
    }
}

/// Times as `HH:MM`; an unreadable one (from a newer teichaku) reads as none.
impl Col for Option<NaiveTime> {
    fn to_value(&self) -> Value {
        self.map_or(Value::Null, |t| Value::Text(t.format("%H:%M").to_string()))
    }
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        let s: Option<String> = row.get(idx)?;
        Ok(s.and_then(|t| crate::domain::dates::parse_time(&t)))
    }
}

/// Counts (minutes); a negative or huge number reads as none.
impl Col for Option<u32> {
    fn to_value(&self) -> Value {
        self.map_or(Value::Null, |m| Value::Integer(m.into()))
    }
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        let n: Option<i64> = row.get(idx)?;
        Ok(n.and_then(|m| u32::try_from(m).ok()))
    }
}

/// Versions; a number out of range reads as 0 (unknown).
impl Col for u32 {
    fn to_value(&self) -> Value {
        Value::Integer((*self).into())
    }
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        let n: i64 = row.get(idx)?;
        Ok(u32::try_from(n).unwrap_or(0))
    }
}

/// Yes/no as 0/1; anything but 0 reads as yes.
impl Col for bool {
    fn to_value(&self) -> Value {
        Value::Integer((*self).into())
    }
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        let n: i64 = row.get(idx)?;
        Ok(n != 0)
    }
}

/// Months as `YYYY-MM` text.
impl Col for crate::domain::dates::YearMonth {
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        let s: String = row.get(idx)?;
        crate::domain::dates::YearMonth::parse(&s).ok_or_else(|| bad(idx, "month"))
    }
}

/// An optional month; an unreadable one reads as an error, like a month.
impl Col for Option<crate::domain::dates::YearMonth> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, Col::to_value)
    }
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        let s: Option<String> = row.get(idx)?;
        s.map(|s| crate::domain::dates::YearMonth::parse(&s).ok_or_else(|| bad(idx, "month")))
            .transpose()
    }
}

/// A choice by its code.
impl<C: Code> Col for C {
    fn to_value(&self) -> Value {
        Value::Text(self.code().to_string())
    }
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        let s: String = row.get(idx)?;
        C::from_code(&s).ok_or_else(|| bad(idx, C::FIELD))
    }
}

/// A list of choices as a JSON array of codes.
impl<C: Code> Col for Vec<C> {
    fn to_value(&self) -> Value {
        let codes: Vec<&str> = self.iter().map(|c| c.code()).collect();
        Value::Text(serde_json::to_string(&codes).unwrap_or_else(|_| "[]".into()))
    }
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        let s: String = row.get(idx)?;
        let list: Vec<String> = serde_json::from_str(&s).map_err(|_| bad(idx, C::FIELD))?;
        list.iter()
            .map(|c| C::from_code(c).ok_or_else(|| bad(idx, C::FIELD)))
            .collect()
    }
}

/// Declares a synced kind (see the module comment). `rest` gives the struct
/// fields that are not columns of this table (read elsewhere).
macro_rules! entity {
    (
        $ty:ident {
            kind: $kind:literal,
            table: $table:literal,
            notes: [$($note:literal),* $(,)?],
            columns: { $($col:literal => $field:ident),+ $(,)? }
            $(, rest: { $($extra:ident: $init:expr),* $(,)? })?
            $(,)?
        }
    ) => {
        impl $crate::store::columns::Entity for $ty {
            const KIND: &'static str = $kind;
            const TABLE: &'static str = $table;
            const FIELDS: &'static [&'static str] = &[$($col),+];
            const NOTE_FIELDS: &'static [&'static str] = &[$($note),*];

            fn id(&self) -> &str {
                &self.id
            }

            fn values(&self) -> Vec<rusqlite::types::Value> {
                vec![$($crate::store::columns::Col::to_value(&self.$field)),+]
            }

            fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                // Columns are `id`, then FIELDS in order; struct fields are
                // initialised in the order written, so `next` counts along.
                let mut idx = 0usize;
                let mut next = || {
                    idx += 1;
                    idx
                };
                Ok($ty {
                    id: row.get(0)?,
                    $($field: $crate::store::columns::Col::read(row, next())?,)+
                    $($($extra: $init,)*)?
                })
            }
        }
    };
}

pub(crate) use entity;

#[cfg(test)]
mod tests {
    use crate::store::{Store, registry};

    /// Every declared column exists in the table the migrations build, in
    /// the declared order after `id`, and the table has no synced column the
    /// declaration forgot.
    #[test]
    fn declared_columns_are_the_tables_columns() {
        let store = Store::open_in_memory().unwrap();
        for kind in registry::KINDS {
            let mut stmt = store
                .conn()
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    kind.table
                ))
                .unwrap();
            let cols: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let synced: Vec<&str> = cols
                .iter()
                .map(String::as_str)
                .filter(|c| !matches!(*c, "id" | "created_at" | "updated_at" | "deleted"))
                .collect();
            assert_eq!(synced, kind.fields, "{}", kind.table);
            assert_eq!(cols[0], "id", "{}", kind.table);
        }
    }
}
