//! The self-report's items: built in, or the agency's `selfreport.toml` in
//! the config folder, which replaces them. A broken file is reported and the
//! built-in items are used.

use std::path::{Path, PathBuf};

use crate::domain::selfreport::{Items, ItemsError};
use crate::files::{self, ReadProblem};

/// The agency's own items file, in the config folder.
pub const FILE: &str = "selfreport.toml";

/// Why the agency's file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    Unreadable(ReadProblem),
    Invalid(ItemsError),
}

/// The items to use, and the agency file that was refused (if any).
pub fn load(config_dir: &Path) -> (Items, Option<(PathBuf, Skipped)>) {
    let path = config_dir.join(FILE);
    match files::read_text_capped(&path, files::MAX_CONFIG_LEN) {
        Ok(text) => match Items::parse(&text) {
            Ok(items) => (items, None),
            Err(e) => (Items::builtin(), Some((path, Skipped::Invalid(e)))),
        },
        Err(ReadProblem::Missing) => (Items::builtin(), None),
        Err(why) => (Items::builtin(), Some((path, Skipped::Unreadable(why)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agency_file_replaces_the_builtin_items() {
        let dir = tempfile::tempdir().unwrap();
        let (items, skipped) = load(dir.path());
        assert_eq!(items.items.len(), 5);
        assert!(skipped.is_none());
        std::fs::write(
            dir.path().join(FILE),
            "[scale]\nmin = 1\nmax = 5\n[[item]]\nid = \"mood\"\nja = \"気分\"\n[[item]]\nid = \"appetite\"\nja = \"食欲\"\n",
        )
        .unwrap();
        let (items, skipped) = load(dir.path());
        assert!(skipped.is_none());
        assert_eq!(items.scale.max, 5);
        assert_eq!(items.items[1].ja, "食欲");
        std::fs::write(dir.path().join(FILE), "[scale]\nmin = 3\nmax = 2\n").unwrap();
        let (items, skipped) = load(dir.path());
        assert_eq!(items, Items::builtin(), "a broken file falls back");
        assert!(matches!(skipped, Some((_, Skipped::Invalid(_)))));
    }
}
