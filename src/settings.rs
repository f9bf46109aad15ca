//! The settings file: written with comments on the first run, read on every run.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::files::{self, ReadProblem};
use crate::i18n::Lang;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Interface language: "ja" or "en"; unset: from the locale, else Japanese.
    pub lang: Option<Lang>,
    /// Key binding preset over the defaults: "" (default) or "vim".
    pub keymap: String,
    /// Written as "recorded by" on new contacts.
    pub staff_name: String,
    /// The agency's name, printed at the head of documents.
    pub agency_name: String,
    /// Where the TUI's print key writes documents; unset: a `teichaku` folder
    /// in the user's Documents.
    pub documents_dir: Option<std::path::PathBuf>,
    /// Minutes without a key before the TUI locks its screen; 0: never.
    /// Unset: [`DEFAULT_LOCK_MINUTES`].
    pub lock_minutes: Option<u32>,
    /// Weeks without contact after which the home screen hints at a partner
    /// agency that was contacted regularly; unset: 8.
    pub partner_hint_weeks: Option<u32>,
    /// Backups (`teichaku backup`, and one a day when the TUI quits).
    pub backup: BackupSettings,
}

/// `backup.folder`, `backup.keep_daily`, `backup.keep_monthly`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupSettings {
    /// Where backups go (a USB stick, a NAS); when set, the TUI also makes
    /// one a day at quit. Unset: `backups` in the data folder, CLI only.
    pub folder: Option<std::path::PathBuf>,
    /// How many days keep their newest backup; unset: 7.
    pub keep_daily: Option<u32>,
    /// How many months keep their newest backup; unset: 12.
    pub keep_monthly: Option<u32>,
}

pub const DEFAULT_KEEP_DAILY: u32 = 7;
pub const DEFAULT_KEEP_MONTHLY: u32 = 12;

impl BackupSettings {
    /// The folder named (an empty value names none).
    pub fn folder(&self) -> Option<&Path> {
        self.folder.as_deref().filter(|p| !p.as_os_str().is_empty())
    }

    /// (days, months) whose newest backup is kept.
    pub fn keep(&self) -> (u32, u32) {
        (
            self.keep_daily.unwrap_or(DEFAULT_KEEP_DAILY),
            self.keep_monthly.unwrap_or(DEFAULT_KEEP_MONTHLY),
        )
    }
}

pub const DEFAULT_LOCK_MINUTES: u32 = 5;

pub const DEFAULT_SETTINGS: &str = r#"# teichaku の設定 / teichaku settings
# このファイルは初回起動時に作られました。行頭の # を外すと有効になります。
# Created on first run. Remove the leading # to use a setting.

# 表示言語: "ja"（日本語）または "en"（English）。未設定なら環境の言語（LANG）に従い、既定は日本語
# Interface language: "ja" or "en"; unset: follows the locale (LANG), Japanese by default
# lang = "ja"

# キー割り当て: "default" または "vim"。個別の変更は同じフォルダの keymap.toml に
# Key bindings: "default" or "vim". Per-key changes go in keymap.toml beside this file.
# keymap = "default"

# 連絡記録の「記録者」に入る名前 / Written as "recorded by" on new contacts
# staff_name = "佐藤 美咲"

# 印刷する書類（支援レポートなど）の冒頭に入る事業所名 / The agency's name on printed documents
# agency_name = "ひだまり就労定着支援センター"

# 画面の印刷キー（p）で書類を書き出すフォルダ。未設定ならドキュメントの中の teichaku フォルダ
# Where the print key (p) writes documents; unset: a "teichaku" folder in your Documents
# documents_dir = 'C:\Users\sato\Documents\teichaku'

# 操作がないまま何分たつと画面をロックするか（0 でロックしない）。既定は 5 分
# Minutes without a key before the screen locks (0: never); 5 by default
# lock_minutes = 5
# 連携先（福祉・医療、地域の関係者）との連絡が何週間空いたらホームでお知らせするか。既定は 8
# Weeks without contact before the home screen hints at a partner agency; 8 by default
# partner_hint_weeks = 8

# バックアップ（暗号化済み）を置くフォルダ（USB メモリ、NAS など）。設定すると、画面を終了するときに
# その日まだなければ1つ作ります。未設定なら teichaku backup がデータフォルダの backups に作ります
# Backup folder (USB stick, NAS). When set, quitting the screen makes one backup a day there.
# Unset: `teichaku backup` writes into "backups" in the data folder
# backup.folder = 'E:\teichaku-backup'
# 残すバックアップ: 直近何日分（各日の最新）と何か月分（各月の最新）。既定は 7 日と 12 か月
# Backups kept: the newest of each of the last N days and of the last M months; 7 and 12 by default
# backup.keep_daily = 7
# backup.keep_monthly = 12
"#;

impl Settings {
    /// How long the TUI waits without a key before it locks; None: never.
    pub fn lock_after(&self) -> Option<std::time::Duration> {
        match self.lock_minutes.unwrap_or(DEFAULT_LOCK_MINUTES) {
            0 => None,
            m => Some(std::time::Duration::from_secs(u64::from(m) * 60)),
        }
    }

    /// The language to use: the settings file, else the locale, else Japanese.
    pub fn resolved_lang(&self) -> Lang {
        self.lang.unwrap_or_else(locale_lang)
    }

    /// Reads the settings at `path`; writes the commented default there first if
    /// there is none. A broken file is an error that names the line.
    pub fn load_or_create(path: &Path) -> Result<Settings> {
        match files::read_text_capped(path, files::MAX_CONFIG_LEN) {
            Ok(text) => Self::parse(&text).map_err(|detail| Error::Settings {
                path: path.to_path_buf(),
                detail,
            }),
            Err(ReadProblem::Missing) => {
                files::write_atomic(path, DEFAULT_SETTINGS.as_bytes())?;
                Ok(Settings::default())
            }
            Err(why) => Err(why.at(path)),
        }
    }

    pub fn parse(text: &str) -> std::result::Result<Settings, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }
}

/// Writes the staff and agency names and the backup folder (empty: none)
/// into the settings file at `path`, keeping its comments and other
/// settings: a key's line is replaced, or written after its commented
/// example, or added before any table. The result is checked to read back
/// before it replaces the file (atomically, owner-only), and returned.
pub fn save_names(
    path: &Path,
    staff_name: &str,
    agency_name: &str,
    backup_folder: &str,
) -> Result<Settings> {
    let text = match files::read_text_capped(path, files::MAX_CONFIG_LEN) {
        Ok(text) => text,
        Err(ReadProblem::Missing) => DEFAULT_SETTINGS.to_string(),
        Err(why) => return Err(why.at(path)),
    };
    let text = set_key(&text, "staff_name", staff_name);
    let text = set_key(&text, "agency_name", agency_name);
    let text = if backup_folder.trim().is_empty() {
        clear_key(&text, "backup.folder")
    } else {
        set_key(&text, "backup.folder", backup_folder)
    };
    let saved = Settings::parse(&text).map_err(|detail| Error::Settings {
        path: path.to_path_buf(),
        detail,
    })?;
    files::write_atomic(path, text.as_bytes())?;
    Ok(saved)
}

/// `text` without the (uncommented) line setting `key`.
fn clear_key(text: &str, key: &str) -> String {
    let mut out: String = text
        .lines()
        .filter(|l| !is_key_line(l, key, false))
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

/// Whether `l` sets `key` (`commented`: in a `# key = …` example).
fn is_key_line(l: &str, key: &str, commented: bool) -> bool {
    let l = l.trim_start();
    let l = if commented {
        match l.strip_prefix('#') {
            Some(rest) => rest.trim_start(),
            None => return false,
        }
    } else {
        l
    };
    l.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

/// `text` with `key = "value"` set (see [`save_names`]).
fn set_key(text: &str, key: &str, value: &str) -> String {
    let line = format!("{key} = {}", toml::Value::String(value.trim().to_string()));
    let is_key = |l: &str, commented: bool| is_key_line(l, key, commented);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if let Some(i) = lines.iter().position(|l| is_key(l, false)) {
        lines[i] = line;
    } else if let Some(i) = lines.iter().position(|l| is_key(l, true)) {
        lines.insert(i + 1, line);
    } else {
        // Before any `[table]`, or the key would land inside that table.
        let at = lines
            .iter()
            .position(|l| l.trim_start().starts_with('['))
            .unwrap_or(lines.len());
        lines.insert(at, line);
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The user's `keymap.toml`: `None` when there is none. One that cannot be
/// read (a pipe, a folder, too large…) is an error the TUI shows as a warning
/// before going on with the default keys.
pub fn read_keymap_file(path: &Path) -> Result<Option<String>> {
    match files::read_text_capped(path, files::MAX_CONFIG_LEN) {
        Ok(text) => Ok(Some(text)),
        Err(ReadProblem::Missing) => Ok(None),
        Err(why) => Err(why.at(path)),
    }
}

/// English only when the locale says so (LC_ALL, LC_MESSAGES, LANG starting "en").
pub fn locale_lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .map_or(Lang::Ja, |v| {
            if v.starts_with("en") {
                Lang::En
            } else {
                Lang::Ja
            }
        })
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
        assert_eq!(s.lang, Some(Lang::En));
        assert_eq!(s.staff_name, "佐藤");
        assert!(Settings::parse("lang = \"fr\"").is_err());
        assert!(Settings::parse("colour = 1").is_err());
        let five = std::time::Duration::from_secs(300);
        assert_eq!(Settings::default().lock_after(), Some(five));
        assert_eq!(
            Settings::parse("lock_minutes = 0").unwrap().lock_after(),
            None
        );
        let ten = Settings::parse("lock_minutes = 10").unwrap().lock_after();
        assert_eq!(ten, Some(five * 2));
        assert_eq!(Settings::default().backup.keep(), (7, 12));
        let b = Settings::parse("backup.folder = 'E:\\b'\nbackup.keep_daily = 3").unwrap();
        assert_eq!(b.backup.folder, Some(std::path::PathBuf::from("E:\\b")));
        assert_eq!(b.backup.keep(), (3, 12));
        let t = Settings::parse("[backup]\nkeep_monthly = 2").unwrap();
        assert_eq!(t.backup.keep(), (7, 2));
        assert!(Settings::parse("backup.colour = 1").is_err());
    }

    #[test]
    fn names_are_written_into_the_file_keeping_its_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        Settings::load_or_create(&path).unwrap();
        let saved = save_names(&path, "佐藤 美咲", "ひだまり\"センター\"", "E:\\b").unwrap();
        assert_eq!(saved.backup.folder(), Some(Path::new("E:\\b")));
        let text = std::fs::read_to_string(&path).unwrap();
        let s = Settings::parse(&text).unwrap();
        assert_eq!(s.staff_name, "佐藤 美咲");
        assert_eq!(s.agency_name, "ひだまり\"センター\"");
        assert!(
            text.contains("# staff_name = \"佐藤 美咲\""),
            "the example stays"
        );
        assert!(text.contains("# Interface language"), "comments stay");
        // Again: the line is replaced, not added twice; other settings stay.
        std::fs::write(&path, format!("{text}lang = \"en\"\n")).unwrap();
        save_names(&path, "田中 一郎", "", "").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches("\nstaff_name = ").count(), 1, "{text}");
        let s = Settings::parse(&text).unwrap();
        assert_eq!(
            (s.staff_name.as_str(), s.lang),
            ("田中 一郎", Some(Lang::En))
        );
        assert_eq!(s.backup.folder(), None, "an empty folder clears it");
        assert!(text.contains("# backup.folder = "), "the example stays");
        // A name added to a file that ends in a table lands before it.
        std::fs::write(&path, "[backup]\nkeep_daily = 2\n").unwrap();
        let s = save_names(&path, "佐藤", "", "").unwrap();
        assert_eq!((s.staff_name.as_str(), s.backup.keep()), ("佐藤", (2, 12)));
    }

    #[cfg(unix)]
    #[test]
    fn a_settings_file_or_keymap_that_is_a_pipe_is_refused_at_once() {
        use crate::files::hostile::{mkfifo, within};
        let dir = tempfile::tempdir().unwrap();
        let settings = dir.path().join("settings.toml");
        mkfifo(&settings);
        let keymap = dir.path().join("keymap.toml");
        std::os::unix::fs::symlink("/dev/zero", &keymap).unwrap();
        let got = within(move || Settings::load_or_create(&settings));
        assert!(
            matches!(
                got,
                Err(Error::Unreadable {
                    why: ReadProblem::NotAFile,
                    ..
                })
            ),
            "{got:?}"
        );
        let got = within(move || read_keymap_file(&keymap));
        assert!(
            matches!(
                got,
                Err(Error::Unreadable {
                    why: ReadProblem::NotAFile,
                    ..
                })
            ),
            "{got:?}"
        );
        assert_eq!(
            read_keymap_file(&dir.path().join("none.toml")).ok(),
            Some(None)
        );
    }
}
