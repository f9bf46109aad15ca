//! Putting a printed document on disk and in front of the supporter: where it
//! goes (a documents folder, or the CLI's `--out`), under a name that tells
//! the document and month but never the worker, owner-only and written
//! atomically; then the system's browser, where they print or save as PDF.

pub mod handover;
mod open;

pub use open::open_in_browser;

use std::path::{Path, PathBuf};

use crate::domain::dates::YearMonth;
use crate::error::{Error, Result};
use crate::files;
use crate::lang::Lang;
use crate::settings::Settings;

/// Which document, for its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    Report(YearMonth),
    EmployerReport(YearMonth),
    Summary(chrono::NaiveDate),
    /// A plan version: its number and date.
    Plan(u32, chrono::NaiveDate),
    /// A handover sheet: the date of the sharing it is printed for.
    Handover(chrono::NaiveDate),
}

/// `支援レポート_2026-11_w3f2a.html`: the document, its month or date and the
/// worker's short code (as the worker list shows it) — no name, so a file
/// list or a shared printer queue does not tell whose it is.
pub fn file_name(doc: Document, short_code: &str, lang: Lang) -> String {
    let code: String = short_code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(36)
        .collect();
    let (what, when) = match doc {
        Document::Report(m) => (lang.pick("支援レポート", "support-report"), m.to_string()),
        Document::EmployerReport(m) => (
            lang.pick("支援レポート事業主用", "support-report-employer"),
            m.to_string(),
        ),
        Document::Summary(d) => (
            lang.pick("チェックリスト", "checklist-summary"),
            d.to_string(),
        ),
        Document::Plan(n, d) => (lang.pick("支援計画", "support-plan"), format!("v{n}_{d}")),
        Document::Handover(d) => (lang.pick("情報共有シート", "handover-sheet"), d.to_string()),
    };
    format!("{what}_{when}_{code}.html")
}

/// The folder of the print key: the setting, else `teichaku` in the user's
/// Documents, else beside the data.
pub fn documents_dir(settings: &Settings) -> PathBuf {
    settings
        .documents_dir
        .clone()
        .or_else(|| {
            directories::UserDirs::new().and_then(|u| u.document_dir().map(|d| d.join("teichaku")))
        })
        .unwrap_or_else(|| crate::paths::data_dir().join("documents"))
}

/// The documents folder as the print key may use it: a full path. An empty
/// or relative one (settings `documents_dir = ""` or `"docs"`) is refused
/// rather than written into whatever folder teichaku was started from.
pub fn usable_folder(folder: &Path) -> Result<&Path> {
    if folder.as_os_str().is_empty() || folder.is_relative() {
        return Err(Error::DocumentsDir {
            value: folder.to_path_buf(),
        });
    }
    Ok(folder)
}

/// Writes the document owner-only and atomically (its folder created owner-
/// only if missing). An existing file is replaced only with `replace`.
pub fn write(path: &Path, html: &str, replace: bool) -> Result<()> {
    if !replace && std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::FileExists {
            path: path.to_path_buf(),
        });
    }
    if replace {
        files::write_atomic(path, html.as_bytes())
    } else {
        files::write_new_atomic(path, html.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_carry_no_name_and_no_path() {
        let m = YearMonth::parse("2026-11").unwrap();
        assert_eq!(
            file_name(Document::Report(m), "w3f2a", Lang::Ja),
            "支援レポート_2026-11_w3f2a.html"
        );
        // Whatever the code holds, the name stays one plain file name.
        let odd = file_name(Document::EmployerReport(m), "../山田\\x", Lang::En);
        assert_eq!(odd, "support-report-employer_2026-11_x.html");
    }

    #[test]
    fn an_existing_document_is_not_replaced_unless_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("docs").join("a.html");
        write(&path, "one", false).unwrap();
        assert!(matches!(
            write(&path, "two", false),
            Err(Error::FileExists { .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write(&path, "two", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&dir.path().join("docs")), 0o700);
        }
    }
}
