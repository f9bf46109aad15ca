//! The sync screen driven by keys: status, imports through the screen with
//! their reports and refusals, the conflict list, the versions side by side,
//! resolving by keys, and the mass-delete question asked in a dialog.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::Laptop;
use common::tui::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rusqlite::types::Value;
use teichaku::i18n::Lang;
use teichaku::store::{MassDelete, Op, Store};
use teichaku::sync::{self, Keyring};
use teichaku::tui::keymap::Keymap;
use teichaku::tui::{App, Config};

const PASS: &str = "みなと支援センター2026";

/// A temp folder named by a path relative to the package root (where cargo
/// runs the tests), `target/tcXXXXXX` or `target\tcXXXXXX`: the same length
/// on every machine and system, so snapshots that show it (scrubbed by
/// [`share_names`]) wrap at the same place on Linux and on Windows.
struct Share {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Share {
    fn path(&self) -> &Path {
        &self.path
    }
}

fn fixed_tempdir() -> Share {
    std::fs::create_dir_all("target").unwrap();
    let dir = tempfile::Builder::new()
        .prefix("tc")
        .rand_bytes(6)
        .tempdir_in("target")
        .unwrap();
    let path = Path::new("target").join(dir.path().file_name().unwrap());
    Share { _dir: dir, path }
}

/// The share's path as the snapshots show it, whatever the separator.
fn share_names(share: &Share) -> [(String, String); 2] {
    let shown = share.path().to_string_lossy().into_owned();
    [
        (
            format!("{shown}{}", std::path::MAIN_SEPARATOR),
            "/tmp/SHARE/".into(),
        ),
        (shown, "/tmp/SHARE".into()),
    ]
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn app_of(store: Store, lang: Lang) -> App {
    let cfg = Config {
        staff_name: "佐藤 美咲".into(),
        ..Config::new(lang, today())
    };
    App::new(store, cfg).unwrap()
}

/// Writes what `lap` has for the others to `dir/name`, as a real sealed bundle.
fn export(lap: &mut Laptop, dir: &Path, name: &str, pass: &str) -> PathBuf {
    let path = dir.join(name);
    let mut keys = Keyring::new(pass.into());
    sync::export_to(&mut lap.store, &mut keys, &path, false, true).unwrap();
    path
}

fn import(lap: &mut Laptop, path: &Path) {
    let mut keys = Keyring::new(PASS.into());
    sync::import_files(&mut lap.store, &mut keys, &[path.into()], MassDelete::Allow).unwrap();
}

/// Imports `path` through the sync screen: `i`, the path, the passphrase
/// (asked when the session has none), Enter; then the job runs.
fn import_on_screen(app: &mut App, path: &Path, pass: Option<&str>) -> String {
    press(app, KeyCode::Char('i'));
    type_text(app, &path.to_string_lossy());
    if let Some(p) = pass {
        press(app, KeyCode::Tab);
        type_text(app, p);
    }
    press(app, KeyCode::Enter);
    let working = screen(app, 80, 24);
    assert!(app.has_work(), "{working}");
    app.work();
    assert!(!app.has_work());
    working
}

/// The screen as text; device ids and the temp dir replaced by stable names
/// of the same width, so wrapping is what the user sees.
struct Names(Vec<(String, String)>);

/// The screens show logged times in the laptop's time zone: mapped back to
/// UTC here, so the snapshots read the same in Tokyo and on a UTC server.
fn utc_times() -> Vec<(String, String)> {
    (0..=10)
        .map(|min| {
            let ms = common::START_MS + min * 60_000;
            let utc = chrono::DateTime::from_timestamp_millis(ms)
                .unwrap()
                .format("%Y-%m-%d %H:%M")
                .to_string();
            (teichaku::clock::local_text_ms(ms), utc)
        })
        .filter(|(local, utc)| local != utc)
        .collect()
}

fn screen_named(app: &App, w: u16, h: u16, names: &Names) -> String {
    let mut out = screen(app, w, h);
    for (from, to) in &names.0 {
        out = out.replace(from, to);
    }
    out
}

fn snap_both(name: &str, app: &App, names: &Names) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen_named(app, 80, 24, names));
    insta::assert_snapshot!(format!("{name}_120x40"), screen_named(app, 120, 40, names));
}

fn short(id: &str) -> String {
    teichaku::i18n::sync::short(id).to_string()
}

/// Two laptops that edited the same note offline; B holds A's first bundle.
/// Returns A, B, the contact id and the folder holding A's new bundle.
fn two_laptops_with_a_conflict(dir: &Path) -> (Laptop, Laptop, String, PathBuf) {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = a.add_worker("山田 太郎");
    let c = a.add_contact(&w, "初回面談。職場の様子を確認した。");
    let first = export(&mut a, dir, "a-1.tcsync", PASS);
    import(&mut b, &first);
    a.advance(60_000);
    b.advance(120_000);
    assert!(a.edit_note(
        &c,
        "初回面談。職場の様子を確認した。\n上司の鈴木さんと面談し、週1回の声かけをお願いした。睡眠は安定している。"
    ));
    assert!(b.edit_note(
        &c,
        "初回面談。職場の様子を確認した。\n本人から電話あり。通院日が変わり、来月から毎週水曜の午後は休みたいとのこと。"
    ));
    let second = export(&mut a, dir, "a-2.tcsync", PASS);
    (a, b, c, second)
}

#[test]
fn a_conflict_comes_through_the_screen_and_is_resolved_by_keys() {
    let dir = fixed_tempdir();
    let (a, b, contact, from_a) = two_laptops_with_a_conflict(dir.path());
    let mut names = Names(vec![
        (short(a.store.device_id()), "DEVICE-A".into()),
        (short(b.store.device_id()), "DEVICE-B".into()),
    ]);
    names.0.extend(share_names(&dir));
    names.0.extend(utc_times());
    let b_device = b.store.device_id().to_string();
    let mut app = app_of(b.store, Lang::Ja);

    press(&mut app, KeyCode::F(5));
    snap_both("sync_status_before", &app, &names);
    press(&mut app, KeyCode::Char('i'));
    type_text(&mut app, &from_a.to_string_lossy());
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, PASS);
    let asked = screen(&app, 80, 24);
    assert!(!asked.contains(PASS), "the passphrase is never shown");
    assert!(asked.contains(&"*".repeat(PASS.chars().count())), "{asked}");
    snap_both("sync_import_asked", &app, &names);
    press(&mut app, KeyCode::Enter);
    let working = screen(&app, 80, 24);
    assert!(working.contains("作業中"), "{working}");
    app.work();
    snap_both("sync_after_import", &app, &names);
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("a-2.tcsync"), "{shown}");
    assert!(shown.contains("新しい競合 1 件"), "{shown}");
    assert!(
        shown.contains(&format!("端末 {}", short(&a_device(&names)))),
        "{shown}"
    );

    press(&mut app, KeyCode::Char('c'));
    snap_both("conflict_list", &app, &names);
    press(&mut app, KeyCode::Enter);
    snap_both("conflict_side_by_side", &app, &names);
    let wide = screen(&app, 120, 40);
    assert!(wide.contains("上司の鈴木さん"), "{wide}");
    assert!(wide.contains("通院日が変わり"), "{wide}");

    // Keep B's own version (the second), confirmed in a dialog.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    let dialog = screen(&app, 80, 24);
    assert!(dialog.contains("版 2"), "{dialog}");
    press(&mut app, KeyCode::Char('y'));
    let store = app.store();
    assert_eq!(store.conflict_count().unwrap(), 0);
    let kept = "初回面談。職場の様子を確認した。\n本人から電話あり。通院日が変わり、来月から毎週水曜の午後は休みたいとのこと。";
    assert_eq!(store.contact(&contact).unwrap().unwrap().notes, kept);
    let last = store.own_log().unwrap().pop().unwrap();
    assert_eq!(last.device_id, b_device);
    assert_eq!((last.op, last.field.as_str()), (Op::Update, "notes"));
    assert_eq!(last.value, Value::Text(kept.into()));
    assert_eq!(
        last.also_replaces.len(),
        1,
        "the resolution replaces both heads"
    );
    let after = screen(&app, 80, 24);
    assert!(after.contains("未解決の競合はありません"), "{after}");
}

fn a_device(names: &Names) -> String {
    // The first name is A's short id (see the test above).
    names.0[0].0.clone()
}

#[test]
fn a_merged_text_written_on_screen_resolves_the_conflict() {
    let dir = fixed_tempdir();
    let (_a, mut b, contact, from_a) = two_laptops_with_a_conflict(dir.path());
    import(&mut b, &from_a);
    let mut app = app_of(b.store, Lang::En);
    press(&mut app, KeyCode::F(5));
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Enter);
    // Narrow: the versions are stacked, both texts readable.
    let narrow = screen(&app, 80, 24);
    assert!(narrow.contains("上司の鈴木さん"), "{narrow}");
    assert!(narrow.contains("通院日が変わり"), "{narrow}");
    press(&mut app, KeyCode::Char('e'));
    // The merge starts from both texts; add a line and save.
    type_text(&mut app, "（両方確認済）");
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let notes = app.store().contact(&contact).unwrap().unwrap().notes;
    assert!(notes.contains("上司の鈴木さん") && notes.contains("通院日が変わり"));
    assert!(notes.ends_with("（両方確認済）"), "{notes}");
    assert_eq!(app.store().conflict_count().unwrap(), 0);
    // Back on the (now empty) list.
    let list = screen(&app, 80, 24);
    assert!(list.contains("No open conflicts"), "{list}");
}

#[test]
fn a_wrong_passphrase_is_refused_on_screen_and_changes_nothing() {
    let dir = fixed_tempdir();
    let (mut a, b, _, _) = two_laptops_with_a_conflict(dir.path());
    let other_agency = export(
        &mut a,
        dir.path(),
        "other.tcsync",
        "ほかの事業所のパスフレーズ",
    );
    let mut names = Names(vec![
        (short(a.store.device_id()), "DEVICE-A".into()),
        (short(b.store.device_id()), "DEVICE-B".into()),
    ]);
    names.0.extend(share_names(&dir));
    names.0.extend(utc_times());
    let before = b.store.canonical_dump().unwrap();
    let imports_before = b.store.sync_status(5).unwrap().imports;
    let mut app = app_of(b.store, Lang::Ja);
    press(&mut app, KeyCode::F(5));
    import_on_screen(&mut app, &other_agency, Some(PASS));
    snap_both("sync_wrong_passphrase", &app, &names);
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("パスフレーズが違います"), "{shown}");
    assert!(shown.contains("データベースは変更してい"), "{shown}");
    assert_eq!(app.store().canonical_dump().unwrap(), before);
    assert_eq!(app.store().sync_status(5).unwrap().imports, imports_before);

    // The wrong passphrase is forgotten: the next import asks again.
    press(&mut app, KeyCode::Char('i'));
    let asked = screen(&app, 80, 24);
    assert!(asked.contains("パスフレーズ"), "{asked}");
    press(&mut app, KeyCode::Esc);

    // A damaged file: its own message, nothing changed.
    let damaged = dir.path().join("damaged.tcsync");
    let mut bytes = std::fs::read(dir.path().join("a-2.tcsync")).unwrap();
    let mid = bytes.len() / 2;
    bytes.truncate(mid);
    std::fs::write(&damaged, bytes).unwrap();
    import_on_screen(&mut app, &damaged, Some(PASS));
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("途中で切れています"), "{shown}");
    assert_eq!(app.store().canonical_dump().unwrap(), before);
}

#[test]
fn a_mass_delete_is_asked_in_a_dialog() {
    let dir = fixed_tempdir();
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let ids: Vec<String> = (0..6)
        .map(|i| a.add_worker(&format!("利用者{i}")))
        .collect();
    let first = export(&mut a, dir.path(), "a-1.tcsync", PASS);
    import(&mut b, &first);
    for id in &ids[..4] {
        a.store.delete_worker(id).unwrap();
    }
    let deletes = export(&mut a, dir.path(), "a-2.tcsync", PASS);
    let before = b.store.canonical_dump().unwrap();
    let mut app = app_of(b.store, Lang::Ja);
    press(&mut app, KeyCode::F(5));
    import_on_screen(&mut app, &deletes, Some(PASS));
    let asked = screen(&app, 80, 24);
    assert!(asked.contains("6件のうち4件を削除"), "{asked}");
    // "No" changes nothing.
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.store().canonical_dump().unwrap(), before);
    assert!(screen(&app, 80, 24).contains("何も変更していません"));

    // Again, and "yes": the same file goes through without asking the passphrase.
    import_on_screen(&mut app, &deletes, None);
    press(&mut app, KeyCode::Char('y'));
    assert!(app.has_work());
    app.work();
    assert_eq!(app.store().workers().unwrap().len(), 2);
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("削除された記録 4 件"), "{shown}");
}

#[test]
fn the_sync_key_is_listed_in_help_and_the_shared_folder_is_remembered() {
    let share = fixed_tempdir();
    let mut a = Laptop::new(0);
    a.add_worker("山田 太郎");
    let mut app = app_of(a.store, Lang::Ja);
    press(&mut app, KeyCode::F(1));
    let help = screen(&app, 120, 40);
    assert!(help.contains("F5, Ctrl-E"), "{help}");
    let all: Vec<String> =
        teichaku::tui::screens::help::help_lines(&Keymap::defaults(), Lang::Ja, None, "")
            .iter()
            .map(|l| l.to_string())
            .collect();
    for wanted in ["[同期]", "書き出し", "[競合を解決]", "まとめる"] {
        assert!(all.iter().any(|l| l.contains(wanted)), "{wanted}: {all:?}");
    }
    press(&mut app, KeyCode::Esc);

    press(&mut app, KeyCode::F(5));
    press(&mut app, KeyCode::Char('s'));
    type_text(&mut app, &share.path().to_string_lossy());
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, PASS);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, PASS);
    press(&mut app, KeyCode::Enter);
    assert!(app.has_work());
    app.work();
    let written: Vec<_> = std::fs::read_dir(share.path()).unwrap().collect();
    assert_eq!(written.len(), 1, "this laptop's bundle is in the folder");
    let shown = screen(&app, 120, 40);
    assert!(shown.contains(&*share.path().to_string_lossy()), "{shown}");
    // Next time the folder is filled in and the passphrase is not asked again.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::F(5));
    press(&mut app, KeyCode::Char('s'));
    let asked = screen(&app, 120, 40);
    assert!(asked.contains(&*share.path().to_string_lossy()), "{asked}");
    assert!(!asked.contains("もう一度"), "{asked}");
    press(&mut app, KeyCode::Enter);
    app.work();
    assert!(screen(&app, 120, 40).contains("送る新しい変更はありません"));
}
