//! Sentences of the terminal interface.

use super::Lang;

/// The welcome screen of an empty database.
pub fn welcome(add_key: &str, help_key: &str, quit_key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "teichaku へようこそ\n\n\
             まだ利用者が登録されていません。\n\n\
             \x20 {add_key}  最初の利用者を追加する\n\
             \x20 {help_key}  キー操作の一覧（ヘルプ）\n\
             \x20 {quit_key}  終了\n\n\
             デモ事業所のデータで試すには、いったん終了して次のように起動してください\n\
             （デモは一時的なコピーで動き、このデータベースには触れません）:\n\n\
             \x20 teichaku --demo"
        ),
        Lang::En => format!(
            "Welcome to teichaku\n\n\
             There are no workers yet.\n\n\
             \x20 {add_key}  add the first worker\n\
             \x20 {help_key}  list of keys (help)\n\
             \x20 {quit_key}  quit\n\n\
             To try it on a demo agency, quit and start it like this\n\
             (the demo runs on a throw-away copy and never touches this database):\n\n\
             \x20 teichaku --demo"
        ),
    }
}

/// The restore offer for a draft left by a crash or a kill.
pub fn draft_offer(worker: &str, saved_at: &str, lines: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "保存されていない記録の下書きがあります（{worker}、{saved_at}、{lines}行）。\n復元しますか？（いいえ: 下書きは残し、次の起動時にもう一度たずねます）"
        ),
        Lang::En => format!(
            "There is an unsaved draft ({worker}, {saved_at}, {lines} lines).\nRestore it? (No: keep it and ask again next time)"
        ),
    }
}

pub fn confirm_delete_contact(date: chrono::NaiveDate, mode: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => {
            format!("{date} の{mode}の記録を削除しますか？（「削除済み」の一覧から元に戻せます）")
        }
        Lang::En => {
            format!("Delete the {mode} of {date}? (It can be restored from the Deleted list.)")
        }
    }
}

pub fn confirm_delete_worker(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "{name} さんを利用者一覧から削除しますか？（連絡記録も一緒に。「削除済み」の一覧から元に戻せます）"
        ),
        Lang::En => format!(
            "Remove {name} from the worker list, with their contacts? (They can be restored from the Deleted list.)"
        ),
    }
}

pub fn no_contacts_hint(key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("連絡記録はまだありません。{key} で追加できます。"),
        Lang::En => format!("No contacts yet. Press {key} to add one."),
    }
}

pub fn field_error_date(lang: Lang) -> String {
    lang.pick(
        "日付が読めません（例 2026-11-21）",
        "not a date (e.g. 2026-11-21)",
    )
    .to_string()
}

pub fn field_error_time(lang: Lang) -> String {
    lang.pick("時刻が読めません（例 14:30）", "not a time (e.g. 14:30)")
        .to_string()
}

pub fn field_error_number(lang: Lang) -> String {
    lang.pick("数字で入力してください", "enter a number")
        .to_string()
}

pub fn anchor_hint(lang: Lang) -> &'static str {
    lang.pick("延長型・復職型のみ", "extended / return-to-work only")
}

pub fn panic_message(place: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "teichaku が予期しない不具合で終了しました（{place}）。保存済みの記録は無事です。入力中の記録は下書きとして次回の起動時に復元できます。"
        ),
        Lang::En => format!(
            "teichaku stopped on an unexpected fault ({place}). Saved records are safe; a note being typed can be restored from its draft at the next start."
        ),
    }
}

pub fn keymap_warning(detail: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("キー設定の誤り（既定のキーを使用中）: {detail}"),
        Lang::En => format!("Keymap error (using the default keys): {detail}"),
    }
}

/// The empty summary on screen: the key that starts a checklist.
pub fn summary_empty_hint(key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("このチェックリストの記録はまだありません。{key} で入力を始めます。"),
        Lang::En => format!("No assessment of this checklist yet. Press {key} to fill one in."),
    }
}

/// After Ctrl-C, which does not quit here.
pub fn quit_hint(key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("終了するには {key} を押してください（Ctrl-C では終了しません）。"),
        Lang::En => format!("Press {key} to quit (Ctrl-C does not quit here)."),
    }
}
