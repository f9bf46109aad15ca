//! Where data and settings live. `TEICHAKU_DATA_DIR` and `TEICHAKU_CONFIG_DIR`
//! override the platform defaults (XDG on Linux, AppData on Windows, …).

use std::path::PathBuf;

pub const DATA_DIR_ENV: &str = "TEICHAKU_DATA_DIR";
pub const CONFIG_DIR_ENV: &str = "TEICHAKU_CONFIG_DIR";
pub const CACHE_DIR_ENV: &str = "TEICHAKU_CACHE_DIR";
pub const DB_FILE: &str = "teichaku.db";
pub const SETTINGS_FILE: &str = "settings.toml";

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("jp", "teichaku", "teichaku")
}

fn from_env(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The folder for the database (and later drafts and backups).
pub fn data_dir() -> PathBuf {
    from_env(DATA_DIR_ENV)
        .or_else(|| project().map(|p| p.data_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from(".teichaku"))
}

/// The folder for settings and keymaps.
pub fn config_dir() -> PathBuf {
    from_env(CONFIG_DIR_ENV)
        .or_else(|| project().map(|p| p.config_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from(".teichaku"))
}

/// The folder for what can be made again (the demo database of the day):
/// `TEICHAKU_CACHE_DIR`, else a `cache` folder in an overridden data folder
/// (tests and portable installs keep everything together), else the
/// platform's cache folder (`%LOCALAPPDATA%` on Windows, XDG on Linux).
pub fn cache_dir() -> PathBuf {
    from_env(CACHE_DIR_ENV)
        .or_else(|| from_env(DATA_DIR_ENV).map(|d| d.join("cache")))
        .or_else(|| project().map(|p| p.cache_dir().to_path_buf()))
        .unwrap_or_else(|| std::env::temp_dir().join("teichaku-cache"))
}

pub fn default_db() -> PathBuf {
    data_dir().join(DB_FILE)
}

/// The user's key bindings, merged over the defaults.
pub fn keymap_file() -> PathBuf {
    config_dir().join("keymap.toml")
}

pub fn settings_file() -> PathBuf {
    config_dir().join(SETTINGS_FILE)
}
