//! Reloads follow what was written: a screen re-reads only after a change to
//! the kinds it shows.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Config, Effect};
use crate::domain::{Contact, Layer, Mode, Person};
use crate::i18n::Lang;
use crate::store::Store;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn text(app: &App) -> String {
    let backend = ratatui::backend::TestBackend::new(120, 40);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    let buffer = terminal.backend().buffer();
    // A wide glyph once, without the blank cell after it.
    let mut out = String::new();
    let mut skip = 0;
    for cell in buffer.content() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
        out.push_str(cell.symbol());
    }
    out
}

/// Renames a worker behind the app's back (no change-log entry), so the
/// list shows the new name only if it was re-read.
fn rename_quietly(app: &App, id: &str, name: &str) {
    app.store
        .conn()
        .execute(
            "UPDATE workers SET display_name = ?1 WHERE id = ?2",
            [name, id],
        )
        .unwrap();
}

#[test]
fn the_worker_list_rereads_after_a_contact_but_not_after_a_person() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load_all(&mut store, day()).unwrap();
    let mut app = App::new(store, Config::new(Lang::Ja, day())).unwrap();
    app.handle_key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE));
    let worker = app.store.workers().unwrap().remove(0).worker;
    assert!(text(&app).contains(&worker.display_name));

    rename_quietly(&app, &worker.id, "改名テスト");
    let person = Person {
        id: crate::store::new_id(),
        worker_id: worker.id.clone(),
        name: "新しい 人".into(),
        role: String::new(),
        organisation: String::new(),
        layer: Layer::Community,
        phone: String::new(),
        email: String::new(),
        note: String::new(),
    };
    app.store.add_person(&person).unwrap();
    app.apply(Effect::Changed(String::new()));
    assert!(
        !text(&app).contains("改名テスト"),
        "the list does not show people: it is not re-read"
    );

    let contact = Contact {
        id: crate::store::new_id(),
        worker_id: worker.id.clone(),
        date: day(),
        start_time: None,
        minutes: None,
        mode: Mode::Phone,
        participants: Vec::new(),
        notes: "電話".into(),
        next_action: String::new(),
        next_due: None,
        next_done: None,
        recorded_by: String::new(),
        consent_confirmed: false,
    };
    app.store.add_contact(&contact).unwrap();
    app.apply(Effect::Changed(String::new()));
    assert!(
        text(&app).contains("改名テスト"),
        "a contact changes the list's last-contact column: it is re-read"
    );
}

#[test]
fn a_sync_refresh_rereads_everything() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load_all(&mut store, day()).unwrap();
    let mut app = App::new(store, Config::new(Lang::Ja, day())).unwrap();
    app.handle_key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE));
    let worker = app.store.workers().unwrap().remove(0).worker;
    rename_quietly(&app, &worker.id, "改名テスト");
    app.apply(Effect::Refresh);
    assert!(text(&app).contains("改名テスト"));
}

#[test]
fn the_access_log_screen_warns_of_a_tampered_log_with_its_first_bad_line() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load_all(&mut store, day()).unwrap();
    let mut app = App::new(store, Config::new(Lang::En, day())).unwrap();
    app.handle_key(KeyEvent::new(KeyCode::F(6), KeyModifiers::NONE));
    assert!(text(&app).contains("Access log"), "{}", text(&app));
    assert!(!text(&app).contains("Warning"));
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    app.store
        .conn()
        .execute_batch(
            "DROP TRIGGER access_log_no_delete;
             DELETE FROM access_log WHERE seq = (SELECT max(seq) FROM access_log);",
        )
        .unwrap();
    app.handle_key(KeyEvent::new(KeyCode::F(6), KeyModifiers::NONE));
    let shown = text(&app);
    assert!(
        shown.contains("Warning: the access log shows signs of tampering"),
        "{shown}"
    );
}
