//! Every shipped keymap parses, has no conflicts, and reaches every action.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use teichaku::tui::keymap::{Action, Context, Keymap, PRESETS};

#[test]
fn every_file_in_keymaps_is_shipped_and_parses_over_the_defaults() {
    let mut files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/keymaps"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut shipped: Vec<String> = PRESETS.iter().map(|(n, _)| format!("{n}.toml")).collect();
    shipped.push("default.toml".into());
    shipped.sort();
    assert_eq!(files, shipped, "every keymap file is embedded as a preset");
    assert_eq!(
        Keymap::default_problems(),
        None,
        "default.toml parses without conflicts"
    );
    for (name, _) in PRESETS {
        let (_, errors) = Keymap::load(Some(name), None);
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}

#[test]
fn every_action_is_reachable_in_every_preset() {
    let presets: Vec<Option<&str>> = std::iter::once(None)
        .chain(PRESETS.iter().map(|(n, _)| Some(*n)))
        .collect();
    for preset in presets {
        let (map, errors) = Keymap::load(preset, None);
        assert!(errors.is_empty());
        let mut seen = BTreeSet::new();
        for ctx in Context::ALL {
            assert!(
                !map.bindings(ctx).is_empty(),
                "{preset:?}: [{}] has no bindings",
                ctx.name()
            );
            for (action, binding) in map.bindings(ctx) {
                assert!(
                    !binding.keys.is_empty(),
                    "{preset:?}: [{}] {} has no key",
                    ctx.name(),
                    action.name()
                );
                assert!(
                    !binding.ja.is_empty() && !binding.en.is_empty(),
                    "{} lacks a description",
                    action.name()
                );
                seen.insert(*action);
            }
        }
        let all: BTreeSet<Action> = Action::ALL.iter().copied().collect();
        let missing: Vec<&str> = all.difference(&seen).map(|a| a.name()).collect();
        assert!(
            missing.is_empty(),
            "{preset:?}: unreachable actions {missing:?}"
        );
        // Every screen can always be left, and the program quit.
        for ctx in [Context::Worker, Context::Contact, Context::Help] {
            assert!(
                map.bindings(ctx).iter().any(|(a, _)| *a == Action::Back),
                "{}",
                ctx.name()
            );
        }
        assert!(
            map.bindings(Context::Global)
                .iter()
                .any(|(a, _)| *a == Action::Quit)
        );
    }
}
