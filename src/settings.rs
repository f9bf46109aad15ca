//! The settings file: written with comments on the first run, read on every run.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result, Task, io_error};
use crate::i18n::Lang;
use crate::store::files;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Interface language: "ja" or "en".
    pub lang: Lang,
    /// Written as "recorded by" on new contacts.
    pub staff_name: String,
}

pub const DEFAULT_SETTINGS: &str = r#"# teichaku の設定 / teichaku settings
# このファイルは初回起動時に作られました。行頭の # を外すと有効になります。
# Created on first run. Remove the leading # to use a setting.

# 表示言語: "ja"（日本語）または "en"（English）
# Interface language: "ja" or "en"
# lang = "ja"

# 連絡記録の「記録者」に入る名前 / Written as "recorded by" on new contacts
# staff_name = "佐藤 美咲"
"#;

impl Settings {
    /// Reads the settings at `path`; writes the commented default there first if
    /// there is none. A broken file is an error that names the line.
    pub fn load_or_create(path: &Path) -> Result<Settings> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text).map_err(|detail| Error::Settings {
                path: path.to_path_buf(),
                detail,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                files::write_atomic(path, DEFAULT_SETTINGS.as_bytes())?;
                Ok(Settings::default())
            }
            Err(e) => Err(io_error(Task::ReadFile, path)(e)),
        }
    }

    pub fn parse(text: &str) -> std::result::Result<Settings, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_commented_default_parses_to_defaults() {
        assert_eq!(Settings::parse(DEFAULT_SETTINGS), Ok(Settings::default()));
    }

    #[test]
    fn values_and_errors() {
        let s = Settings::parse("lang = \"en\"\nstaff_name = \"佐藤\"").unwrap();
        assert_eq!(s.lang, Lang::En);
        assert_eq!(s.staff_name, "佐藤");
        assert!(Settings::parse("lang = \"fr\"").is_err());
        assert!(Settings::parse("colour = 1").is_err());
    }
}
