//! Names and notes holding terminal escapes or bidi overrides: printed as
//! visible text by every command and the screen, kept intact in storage.

mod common;

use common::cli::Env;
use common::tui::terminal;
use teichaku::domain::Worker;
use teichaku::i18n::Lang;
use teichaku::store::{self, Store};
use teichaku::text::is_unsafe;
use teichaku::tui::{App, Config};

const NAME: &str = "\u{1b}[31m赤\u{7}\u{202e}cba\u{7f}";
const NOTE: &str = "\u{1b}]0;pwned\u{7}体調\u{202e}良好\u{9b}2J";

#[test]
fn a_name_with_escapes_is_printed_as_text_by_list_show_search_and_errors() {
    let env = Env::new();
    env.ok(&["worker", "add", "--name", NAME]);
    env.ok(&["contact", "add", "赤", "--mode", "phone", "--notes", NOTE]);
    for args in [
        &["worker", "list"][..],
        &["worker", "show", "赤"],
        &["contact", "list"],
        &["search", "体調"],
        &["csv", "contacts"],
    ] {
        let out = env.run(args);
        let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
        // CRLF (the CSV's line ends) is the one CR kept.
        let text = text.replace("\r\n", "\n");
        assert!(!text.contains(is_unsafe), "{args:?}: {text:?}");
        assert!(text.contains("\\u001b"), "{args:?}: {text}");
    }
    let err = env.fails(&["worker", "show", "\u{1b}[2Jnobody\u{202e}"]);
    assert!(!err.contains(is_unsafe), "{err:?}");
    assert!(err.contains("\\u001b[2Jnobody\\u202e"), "{err}");

    // Stored as typed; --json decodes to exactly that.
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["worker", "list", "--json"])).unwrap();
    let names: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| {
            w["display_name"]
                .as_str()
                .or(w["worker"]["display_name"].as_str())
        })
        .collect();
    assert_eq!(names, vec![NAME]);
    let stored = common::open_db(&env.db()).workers().unwrap();
    assert_eq!(stored[0].worker.display_name, NAME);
}

/// ratatui 0.30 already drops control and zero-width graphemes when it
/// writes text; the app's own pass over the frame keeps that true whatever
/// a widget or a later ratatui does.
#[test]
fn the_screen_never_holds_an_escape_or_a_bidi_override() {
    let mut store = Store::open_in_memory().unwrap();
    let w = Worker::new(store::new_id(), NAME.to_string());
    store.add_worker(&w).unwrap();
    let mut c = common::contact(&w.id, NOTE);
    c.next_action = NOTE.into();
    store.add_contact(&c).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut app = App::new(store, Config::new(Lang::Ja, today)).unwrap();
    let mut screens = Vec::new();
    // The worker list, then the worker's page with the contact.
    for key in ['w', '\n'] {
        let code = match key {
            '\n' => crossterm::event::KeyCode::Enter,
            c => crossterm::event::KeyCode::Char(c),
        };
        common::tui::press(&mut app, code);
        screens.push(terminal(&app, 100, 30));
    }
    for t in screens {
        let buf = t.backend().buffer();
        let shown: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert!(!shown.contains(is_unsafe), "{shown:?}");
        assert!(shown.contains("赤"), "{shown}");
    }
}
