//! Tests of the keymap: parsing, merging presets and user files.

use super::*;

fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn key_names_round_trip_and_normalise() {
    assert_eq!(
        Key::parse("ctrl-s"),
        Key::from_event(&ev(KeyCode::Char('s'), KeyModifiers::CONTROL))
    );
    assert_eq!(
        Key::parse("E"),
        Key::from_event(&ev(KeyCode::Char('E'), KeyModifiers::SHIFT))
    );
    assert_eq!(Key::parse("shift-e"), Key::parse("E"));
    assert_eq!(
        Key::parse("backtab"),
        Key::from_event(&ev(KeyCode::BackTab, KeyModifiers::SHIFT))
    );
    assert_eq!(
        Key::parse("space"),
        Key::from_event(&ev(KeyCode::Char(' '), KeyModifiers::NONE))
    );
    assert_eq!(
        Key::parse("?"),
        Key::from_event(&ev(KeyCode::Char('?'), KeyModifiers::SHIFT))
    );
    assert_eq!(
        Key::parse("f1"),
        Key::from_event(&ev(KeyCode::F(1), KeyModifiers::NONE))
    );
    assert_eq!(Key::parse("ctrl-s").unwrap().label(), "Ctrl-S");
    assert_eq!(Key::parse("pagedown").unwrap().label(), "PgDn");
    assert_eq!(Key::parse("-").unwrap().label(), "-");
    for bad in ["", "ctrl-", "f13", "hyper-x", "enterr"] {
        assert_eq!(Key::parse(bad), None, "{bad}");
    }
}

#[test]
fn a_user_file_merges_per_action_and_can_unbind() {
    let (map, errors) = Keymap::load(
        None,
        Some("[worker]\nnew_contact = { keys = [\"w\"] }\ndelete_worker = { keys = [] }"),
    );
    assert!(errors.is_empty(), "{errors:?}");
    let a = ev(KeyCode::Char('w'), KeyModifiers::NONE);
    let n = ev(KeyCode::Char('n'), KeyModifiers::NONE);
    let big_d = ev(KeyCode::Char('D'), KeyModifiers::SHIFT);
    assert_eq!(map.action(Context::Worker, &a), Some(Action::NewContact));
    assert_eq!(map.action(Context::Worker, &n), None);
    assert_eq!(map.action(Context::Worker, &big_d), None);
    // Untouched actions keep their keys and descriptions.
    let e = ev(KeyCode::Char('e'), KeyModifiers::NONE);
    assert_eq!(map.action(Context::Worker, &e), Some(Action::EditContact));
    let q = ev(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert_eq!(
        map.action(Context::Worker, &q),
        Some(Action::Quit),
        "global applies"
    );
}

#[test]
fn a_broken_user_file_is_reported_and_the_defaults_are_kept() {
    for bad in [
        "[worker\nnew_contact = 1",
        "[nowhere]\nquit = { keys = [\"q\"] }",
        "[worker]\nfly = { keys = [\"f\"] }",
        "[worker]\nnew_contact = { keys = [\"ctrl-\"] }",
        "[worker]\nnew_contact = { keys = [\"e\"] }",
        "[worker]\nnew_contact = { key = [\"a\"] }",
        "[dialog]\nnew_contact = { keys = [\"a\"] }",
    ] {
        let (map, errors) = Keymap::load(None, Some(bad));
        assert_eq!(errors.len(), 1, "{bad}");
        assert_eq!(map, Keymap::defaults(), "{bad}");
    }
}
