//! Turning command-line text into domain values, with errors in the user's language.

use chrono::{NaiveDate, NaiveTime};

use crate::domain::dates::{parse_date, parse_time};
use crate::domain::{Category, Code};
use crate::error::{Error, Result};

pub fn date(field: &'static str, input: &str) -> Result<NaiveDate> {
    parse_date(input).ok_or_else(|| Error::BadDate {
        field,
        input: input.to_string(),
    })
}

/// For optional dates: an empty string means "no date".
pub fn opt_date(field: &'static str, input: &str) -> Result<Option<NaiveDate>> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        date(field, input).map(Some)
    }
}

pub fn opt_time(input: &str) -> Result<Option<NaiveTime>> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    parse_time(input).map(Some).ok_or_else(|| Error::BadTime {
        input: input.to_string(),
    })
}

pub fn opt_number(field: &'static str, input: &str) -> Result<Option<u32>> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    input
        .trim()
        .parse()
        .map(Some)
        .map_err(|_| Error::BadNumber {
            field,
            input: input.to_string(),
        })
}

pub fn choice<C: Code>(input: &str) -> Result<C> {
    C::parse_loose(input).ok_or_else(|| Error::UnknownChoice {
        field: C::FIELD,
        input: input.to_string(),
        choices: C::choices,
    })
}

/// A list given as repeated flags and/or commas (and the Japanese comma 、).
pub fn choices<C: Code>(inputs: &[String]) -> Result<Vec<C>> {
    split(inputs).map(choice).collect()
}

pub fn categories(inputs: &[String]) -> Result<Vec<Category>> {
    split(inputs)
        .map(|s| {
            Category::parse(s).ok_or_else(|| Error::UnknownChoice {
                field: Category::FIELD,
                input: s.to_string(),
                choices: Category::choices,
            })
        })
        .collect()
}

fn split(inputs: &[String]) -> impl Iterator<Item = &str> {
    inputs
        .iter()
        .flat_map(|s| s.split([',', '、', '，']))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Text from a file, or from standard input when the path is `-`: UTF-8, at
/// most [`MAX_TEXT_LEN`] bytes, from a regular file only.
pub fn read_text(path: &std::path::Path) -> Result<String> {
    use crate::files::{self, ReadProblem};
    use std::io::Read;
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_TEXT_LEN + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| ReadProblem::Failed.at(path))?;
        if bytes.len() as u64 > MAX_TEXT_LEN {
            return Err(ReadProblem::TooLarge { max: MAX_TEXT_LEN }.at(path));
        }
        return String::from_utf8(bytes).map_err(|_| ReadProblem::NotText.at(path));
    }
    files::read_text_capped(path, MAX_TEXT_LEN).map_err(|why| why.at(path))
}

/// The most a `--notes-file` may hold: what a note may hold.
pub const MAX_TEXT_LEN: u64 = crate::store::limits::TEXT_MAX as u64;
