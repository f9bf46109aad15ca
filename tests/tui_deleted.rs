//! Delete against edit and the 削除済み view on screen (issue 28 item 1):
//! the home screen and the worker page say a record was kept against a
//! delete made on another laptop and lead to the conflict, which is kept or
//! deleted by keys; deleted workers and contacts are read and restored from
//! 削除済み (F7 at home or in the worker list).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::Laptop;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::i18n::Lang;
use teichaku::store::Store;
use teichaku::tui::{App, Config};

fn app_of(store: Store, lang: Lang) -> App {
    let cfg = Config {
        staff_name: "佐藤 美咲".into(),
        ..Config::new(lang, NaiveDate::from_ymd_opt(2026, 11, 21).unwrap())
    };
    App::new(store, cfg).unwrap()
}

/// A deletes 佐藤 while C, offline, writes a visit note for them; A then
/// imports C's work: A keeps the worker, flagged. Returns A's store.
fn kept_on_a() -> (Store, String) {
    let mut a = Laptop::new(0);
    let mut c = Laptop::new(2);
    let w = a.add_worker("佐藤 一郎");
    a.add_contact(&w, "初回面談");
    a.add_worker("山田 花子");
    c.import(&[a.bundle(false)]);
    a.advance(3_600_000);
    c.advance(3_600_000);
    a.store.delete_worker(&w).unwrap();
    c.add_contact(&w, "職場訪問。配置転換の相談あり。");
    let report = a.import(&[c.bundle(false)]);
    assert_eq!(report.new_conflicts, 1, "{report:?}");
    (a.store, w)
}

fn on_screen(app: &App, text: &str) -> String {
    let s = screen(app, 80, 24);
    assert!(s.contains(text), "{text:?} not on screen:\n{s}");
    s
}

#[test]
fn the_home_screen_leads_to_a_delete_conflict_and_keeping_it_ends_it() {
    let (store, w) = kept_on_a();
    let mut app = app_of(store, Lang::Ja);
    on_screen(&app, "削除と編集がぶつかった記録が 1 件あります");
    insta::assert_snapshot!("home_kept_80x24_Ja", screen(&app, 80, 24));

    press(&mut app, KeyCode::Char('c'));
    on_screen(&app, "削除を知らずに編集");
    press(&mut app, KeyCode::Enter);
    let s = on_screen(&app, "[1] 削除する ／ [2] 残す");
    assert!(s.contains("> [1] 削除"), "the delete is chosen first:\n{s}");
    // No merged text for a delete.
    press(&mut app, KeyCode::Char('e'));
    on_screen(&app, "まとめる文がありません");

    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    on_screen(&app, "佐藤 一郎 を残します");
    press(&mut app, KeyCode::Char('y'));
    on_screen(&app, "競合を解決しました");
    let store = app.store();
    assert_eq!(store.conflict_count().unwrap(), 0);
    assert!(!store.worker_kept_against_delete(&w).unwrap());
    assert!(store.worker(&w).unwrap().is_some());
    assert_eq!(store.contacts_for(&w).unwrap().len(), 2);
    press(&mut app, KeyCode::Esc);
    let home = screen(&app, 80, 24);
    assert!(!home.contains("ぶつかった"), "{home}");
}

#[test]
fn the_worker_page_says_it_and_deleting_knowing_the_edits_moves_all_to_deleted() {
    let (store, w) = kept_on_a();
    let mut app = app_of(store, Lang::En);
    on_screen(&app, "were written to here: press c to keep or");
    insta::assert_snapshot!("home_kept_80x24_En", screen(&app, 80, 24));
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Enter);
    on_screen(
        &app,
        "Deleted on another laptop, written to here: [!] keep or delete",
    );
    press(&mut app, KeyCode::Char('!'));
    press(&mut app, KeyCode::Enter);
    on_screen(&app, "[1] delete / [2] keep");
    press(&mut app, KeyCode::Enter);
    on_screen(&app, "Delete 佐藤 一郎");
    press(&mut app, KeyCode::Char('y'));
    let store = app.store();
    assert!(store.worker(&w).unwrap().is_none());
    assert_eq!(store.conflict_count().unwrap(), 0);
    assert_eq!(store.contacts_of_deleted_worker(&w).unwrap().len(), 2);
}

#[test]
fn deleted_workers_and_contacts_are_read_and_restored_from_the_deleted_view() {
    let mut a = Laptop::new(0);
    let w = a.add_worker("佐藤 一郎");
    a.add_contact(&w, "初回面談。通勤の様子を聞いた。");
    a.add_contact(&w, "職場訪問。配置転換の相談あり。");
    let other = a.add_worker("山田 花子");
    let gone = a.add_contact(&other, "電話。体調が戻った。");
    a.store.delete_contact(&gone).unwrap();
    a.store.delete_worker(&w).unwrap();
    let mut app = app_of(a.store, Lang::Ja);

    press(&mut app, KeyCode::F(7));
    let list = on_screen(&app, "削除済み（利用者・連絡記録）");
    assert!(
        list.contains("佐藤 一郎") && list.contains("連絡記録 2件"),
        "{list}"
    );
    assert!(list.contains("電話。体調が戻った。"), "{list}");
    insta::assert_snapshot!("deleted_80x24_Ja", list);

    // A deleted worker's contacts are read from here.
    press(&mut app, KeyCode::Enter);
    let contacts = on_screen(&app, "削除済みの利用者: 佐藤 一郎 の連絡記録");
    assert!(contacts.contains("配置転換の相談あり"), "{contacts}");
    assert!(contacts.contains("初回面談"), "{contacts}");
    // `r` on one of them restores the worker, with both.
    press(&mut app, KeyCode::Char('r'));
    on_screen(&app, "佐藤 一郎 を元に戻しますか？ 連絡記録 2件");
    press(&mut app, KeyCode::Char('y'));
    on_screen(&app, "元に戻しました: 佐藤 一郎");
    assert!(app.store().worker(&w).unwrap().is_some());
    assert_eq!(app.store().contacts_for(&w).unwrap().len(), 2);

    // Back on the list: the contact deleted alone.
    let list = on_screen(&app, "電話。体調が戻った。");
    assert!(!list.contains("連絡記録 2件"), "{list}");
    press(&mut app, KeyCode::Char('r'));
    on_screen(&app, "この連絡記録を元に戻しますか？");
    press(&mut app, KeyCode::Char('n'));
    assert!(app.store().contact(&gone).unwrap().is_none(), "no is no");
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.store().contact(&gone).unwrap().is_some());
    let empty = on_screen(&app, "削除した利用者・連絡記録はありません");
    insta::assert_snapshot!("deleted_empty_80x24_Ja", empty);

    // From the worker list too, in English.
    let mut b = Laptop::new(1);
    b.add_worker("鈴木 一郎");
    let mut app = app_of(b.store, Lang::En);
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::F(7));
    on_screen(&app, "Nothing has been deleted");
}
