//! The catalogue of checklist instruments: the built-in definitions embedded in
//! the binary, plus any an agency drops into `<config dir>/checklists/*.toml`.
//! A malformed agency file is reported and skipped; the rest still load.

pub mod selfreport;

use std::path::{Path, PathBuf};

use crate::domain::checklist::{DefinitionError, Instrument};
use crate::files::{self, ReadProblem};

/// The built-in definitions, in the order they are offered.
pub const BUILTIN: &[(&str, &str)] = &[
    ("stability.toml", include_str!("stability.toml")),
    ("natural_support.toml", include_str!("natural_support.toml")),
    ("employability.toml", include_str!("employability.toml")),
];

/// The folder (under the config dir) for an agency's own definitions.
pub const FOLDER: &str = "checklists";

/// Why one definition file was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// The file could not be read (a pipe, a folder, too large, denied…).
    Unreadable(ReadProblem),
    Invalid(DefinitionError),
    /// Another definition (built in or earlier) already has this id.
    DuplicateId(String),
}

#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub instruments: Vec<Instrument>,
    /// Files that were not loaded, and why.
    pub skipped: Vec<(PathBuf, Skipped)>,
}

impl Catalogue {
    /// The built-in instruments only.
    pub fn builtin() -> Catalogue {
        let mut cat = Catalogue::default();
        for (name, text) in BUILTIN {
            cat.add(PathBuf::from(name), Instrument::parse(text));
        }
        cat
    }

    /// The built-ins plus every `*.toml` in `<config_dir>/checklists`, in name
    /// order. A missing folder is not an error.
    pub fn load(config_dir: &Path) -> Catalogue {
        let mut cat = Catalogue::builtin();
        let dir = config_dir.join(FOLDER);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return cat;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for path in files {
            match files::read_text_capped(&path, files::MAX_CONFIG_LEN) {
                Ok(text) => cat.add(path, Instrument::parse(&text)),
                Err(why) => cat.skipped.push((path, Skipped::Unreadable(why))),
            }
        }
        cat
    }

    fn add(&mut self, path: PathBuf, parsed: Result<Instrument, DefinitionError>) {
        match parsed {
            Ok(inst) if self.get(&inst.id).is_some() => {
                self.skipped.push((path, Skipped::DuplicateId(inst.id)));
            }
            Ok(inst) => self.instruments.push(inst),
            Err(e) => self.skipped.push((path, Skipped::Invalid(e))),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Instrument> {
        self.instruments.iter().find(|i| i.id == id)
    }

    /// Finds an instrument by id, id prefix or title as a user types it.
    pub fn find(&self, query: &str) -> Option<&Instrument> {
        let q = query.trim();
        if q.is_empty() {
            return None;
        }
        self.get(q)
            .or_else(|| self.instruments.iter().find(|i| i.title == q))
            .or_else(|| {
                let mut hits = self
                    .instruments
                    .iter()
                    .filter(|i| i.id.starts_with(&q.to_ascii_lowercase()));
                match (hits.next(), hits.next()) {
                    (Some(one), None) => Some(one),
                    _ => None,
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_instruments_have_the_documented_shape() {
        let cat = Catalogue::builtin();
        assert!(cat.skipped.is_empty(), "{:?}", cat.skipped);
        let shape = |id: &str| {
            let i = cat.get(id).unwrap();
            (i.item_count(), i.groups.len())
        };
        assert_eq!(shape("stability"), (27, 6));
        assert_eq!(shape("natural_support"), (18, 7));
        assert_eq!(shape("employability"), (15, 4));
        for inst in &cat.instruments {
            assert!(inst.source.contains("A.YamaguchiLab 2024"), "{}", inst.id);
            let values: Vec<u8> = inst.scale.iter().map(|p| p.value).collect();
            assert_eq!(values, vec![1, 2, 3, 4]);
        }
        let st = cat.get("stability").unwrap();
        assert_eq!(
            st.groups[0].short,
            "前向きなキャリア展望・ワークエンゲージメント"
        );
        assert_eq!(st.groups[4].short, "職場の肯定的な評価");
        let last = st.items().last().unwrap().1;
        assert_eq!(last.text, "職場の障害のある従業員への理解が十分である");
    }

    #[test]
    fn agency_files_load_and_broken_ones_are_skipped_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(FOLDER);
        std::fs::create_dir_all(&folder).unwrap();
        let own = BUILTIN[2]
            .1
            .replace(r#"id = "employability""#, r#"id = "own_sheet""#);
        std::fs::write(folder.join("a_own.toml"), own).unwrap();
        std::fs::write(folder.join("b_broken.toml"), "id = \"x\"\nversion = ").unwrap();
        std::fs::write(folder.join("c_dup.toml"), BUILTIN[0].1).unwrap();
        std::fs::write(folder.join("notes.txt"), "ignored").unwrap();
        let cat = Catalogue::load(dir.path());
        assert!(cat.get("own_sheet").is_some());
        assert_eq!(cat.instruments.len(), 4);
        assert_eq!(cat.skipped.len(), 2, "{:?}", cat.skipped);
        assert!(matches!(
            &cat.skipped[0],
            (p, Skipped::Invalid(DefinitionError::Syntax(_))) if p.ends_with("b_broken.toml")
        ));
        assert_eq!(cat.skipped[1].1, Skipped::DuplicateId("stability".into()));
    }

    #[test]
    fn instruments_are_found_by_id_prefix_or_title() {
        let cat = Catalogue::builtin();
        assert_eq!(cat.find("stab").map(|i| i.id.as_str()), Some("stability"));
        assert_eq!(
            cat.find("ナチュラルサポート状況チェックシート")
                .map(|i| i.id.as_str()),
            Some("natural_support")
        );
        assert!(cat.find("zzz").is_none());
        assert!(cat.find("").is_none());
    }

    #[cfg(unix)]
    #[test]
    fn an_agency_checklist_that_is_a_pipe_or_device_is_skipped_at_once() {
        use crate::files::hostile::{mkfifo, within};
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(FOLDER);
        std::fs::create_dir(&folder).unwrap();
        mkfifo(&folder.join("a_pipe.toml"));
        std::os::unix::fs::symlink("/dev/zero", folder.join("b_zero.toml")).unwrap();
        let root = dir.path().to_path_buf();
        let cat = within(move || Catalogue::load(&root));
        assert_eq!(cat.instruments.len(), BUILTIN.len());
        let why: Vec<_> = cat.skipped.iter().map(|(_, w)| w.clone()).collect();
        assert_eq!(why, vec![Skipped::Unreadable(ReadProblem::NotAFile); 2]);
    }
}
