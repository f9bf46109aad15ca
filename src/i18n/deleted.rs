//! Words of the 削除済み view and of a delete that met edits made elsewhere
//! (`store::delete_conflicts`).

use super::Lang;
use super::sync::{device_of, kind_name};
use crate::store::sync_state::Conflict;

/// "連絡記録 1件、関係者 1件": what was written without knowing of the delete.
pub fn edits(c: &Conflict, lang: Lang) -> String {
    let parts: Vec<String> = c
        .edits
        .iter()
        .map(|(kind, n)| match lang {
            Lang::Ja => format!("{} {n}件", kind_name(kind, lang)),
            Lang::En => format!("{} {n}", kind_name(kind, lang)),
        })
        .collect();
    parts.join(lang.pick("、", ", "))
}

/// The two sides of a delete against edits, as `conflicts` lists them.
pub fn version_lines(c: &Conflict, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(d) = c.versions.first() {
        let when = crate::clock::local_text_ms(d.written_ms);
        out.push(match lang {
            Lang::Ja => format!("   [1] 削除: {} / {when}", device_of(d, lang)),
            Lang::En => format!("   [1] deleted: {} / {when}", device_of(d, lang)),
        });
    }
    if let Some(e) = c.versions.get(1) {
        let when = crate::clock::local_text_ms(e.written_ms);
        out.push(match lang {
            Lang::Ja => format!(
                "   [2] 削除を知らずに編集: {} / {when}（{}）",
                device_of(e, lang),
                edits(c, lang)
            ),
            Lang::En => format!(
                "   [2] edited without knowing of the delete: {} / {when} ({})",
                device_of(e, lang),
                edits(c, lang)
            ),
        });
    }
    out
}

pub fn resolve_hint(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "   残すには: teichaku conflicts resolve {n} --pick 2（編集も残ります）／削除するには: --pick 1"
        ),
        Lang::En => format!(
            "   To keep it: teichaku conflicts resolve {n} --pick 2 (the edits stay) / to delete it: --pick 1"
        ),
    }
}

/// After an import or on a worker's page: a record kept against a delete.
pub fn kept_notice(lang: Lang) -> &'static str {
    lang.pick(
        "削除と編集がぶつかりました: 別のパソコンで削除された記録に、削除を知らずに書き足されています。残したまま表示しています。",
        "Deleted on one laptop, edited on another: the record was written to without knowing of the delete, so it is kept in view.",
    )
}

pub fn restored(name: &str, lang: Lang) -> String {
    let name = crate::text::terminal_safe(name);
    match lang {
        Lang::Ja => format!("元に戻しました: {name}（削除の後にされた編集も残っています）"),
        Lang::En => format!("Restored: {name} (edits made after the delete are kept)"),
    }
}

pub fn deleted_again(lang: Lang) -> &'static str {
    lang.pick(
        "削除しました。削除済みの一覧（worker list --deleted）から元に戻せます。次の同期でほかのパソコンにも伝わります。",
        "Deleted. It can be restored from the deleted list (worker list --deleted); the next sync carries it to the other laptops.",
    )
}

pub fn no_deleted_workers(lang: Lang) -> &'static str {
    lang.pick("削除済みの利用者はいません。", "No deleted workers.")
}

pub fn no_deleted_contacts(lang: Lang) -> &'static str {
    lang.pick("削除済みの連絡記録はありません。", "No deleted contacts.")
}

/// Under the deleted lists: how to bring one back.
pub fn restore_hint(lang: Lang) -> &'static str {
    lang.pick(
        "元に戻すには: teichaku worker restore 名前 ／ teichaku contact restore ID",
        "To restore: teichaku worker restore NAME / teichaku contact restore ID",
    )
}

/// A column of the deleted list: the deleted worker's contacts.
pub fn contacts_column(lang: Lang) -> &'static str {
    lang.pick("連絡記録", "Contacts")
}

/// Restoring a contact whose worker is deleted.
pub fn worker_first(lang: Lang) -> &'static str {
    lang.pick(
        "この連絡記録の利用者が削除されています。先に利用者を元に戻してください（teichaku worker restore 名前）。連絡記録も一緒に戻ります。",
        "This contact's worker is deleted. Restore the worker first (teichaku worker restore NAME); the contacts come back with them.",
    )
}

/// The 削除済み screen's title.
pub fn screen_title(lang: Lang) -> &'static str {
    lang.pick(
        "削除済み（利用者・連絡記録）",
        "Deleted (workers and contacts)",
    )
}

/// The screen for one deleted worker's contacts.
pub fn worker_title(name: &str, lang: Lang) -> String {
    let name = crate::text::terminal_safe(name);
    match lang {
        Lang::Ja => format!("削除済みの利用者: {name} の連絡記録"),
        Lang::En => format!("Deleted worker: {name}'s contacts"),
    }
}

pub fn nothing_deleted(lang: Lang) -> &'static str {
    lang.pick(
        "削除した利用者・連絡記録はありません。削除したものはここに残り、元に戻せます。",
        "Nothing has been deleted. What is deleted stays here and can be brought back.",
    )
}

/// The keys of the 削除済み screen, over its list.
pub fn screen_hint(restore: &str, open: Option<&str>, lang: Lang) -> String {
    match (open, lang) {
        (Some(o), Lang::Ja) => {
            format!("{restore} で元に戻す（その後の編集も残ります）、{o} で利用者の連絡記録を読む")
        }
        (Some(o), Lang::En) => {
            format!("{restore} restores (later edits are kept), {o} reads a worker's contacts")
        }
        (None, Lang::Ja) => format!("{restore} で元に戻す（その後の編集も残ります）"),
        (None, Lang::En) => format!("{restore} restores (later edits are kept)"),
    }
}

/// A deleted worker's row.
pub fn worker_row(name: &str, employer: &str, contacts: usize, lang: Lang) -> String {
    format!(
        "{}  {}",
        lang.pick("利用者", "Worker"),
        worker_line(name, employer, contacts, lang)
    )
}

/// "佐藤 一郎  港運輸  連絡記録 2件" (no gap for an empty employer).
fn worker_line(name: &str, employer: &str, contacts: usize, lang: Lang) -> String {
    let count = match lang {
        Lang::Ja => format!("連絡記録 {contacts}件"),
        Lang::En => format!("{contacts} contacts"),
    };
    [name, employer, &count]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("  ")
}

/// Under the list: what a deleted worker's record holds.
pub fn worker_detail(w: &crate::domain::Worker, contacts: usize, lang: Lang) -> Vec<String> {
    let mut out = vec![worker_line(&w.display_name, &w.employer, contacts, lang)];
    if let Some(d) = w.hire_date {
        out.push(match lang {
            Lang::Ja => format!("入社日 {d}"),
            Lang::En => format!("Hired {d}"),
        });
    }
    out.extend(w.memo.lines().map(str::to_string));
    out
}

pub fn restore_worker_question(name: &str, contacts: usize, lang: Lang) -> String {
    let name = crate::text::terminal_safe(name);
    match lang {
        Lang::Ja => format!(
            "{name} を元に戻しますか？ 連絡記録 {contacts}件も一緒に戻り、削除の後にされた編集も残ります。"
        ),
        Lang::En => format!(
            "Bring {name} back? Their {contacts} contacts come back too, with every edit made after the delete."
        ),
    }
}

pub fn restore_contact_question(label: &str, lang: Lang) -> String {
    let label = crate::text::terminal_safe(label);
    match lang {
        Lang::Ja => format!("この連絡記録を元に戻しますか？ {label}"),
        Lang::En => format!("Bring this contact back? {label}"),
    }
}

/// The conflicts list's second line for a delete against edits.
pub fn list_line(c: &Conflict, lang: Lang) -> String {
    let deleter = c
        .versions
        .first()
        .map(|v| device_of(v, lang))
        .unwrap_or_default();
    let editor = c
        .versions
        .get(1)
        .map(|v| device_of(v, lang))
        .unwrap_or_default();
    match lang {
        Lang::Ja => format!(
            "    削除: {deleter} ／ 削除を知らずに編集: {editor}（{}）",
            edits(c, lang)
        ),
        Lang::En => format!(
            "    deleted: {deleter} / edited without knowing: {editor} ({})",
            edits(c, lang)
        ),
    }
}

/// On the conflict screen: what choosing each side does.
pub fn side_text(k: usize, c: &Conflict, lang: Lang) -> String {
    match (k, lang) {
        (0, Lang::Ja) => "この記録を削除します。書き足された記録も削除済みの一覧に移り、そこから元に戻せます。".into(),
        (0, Lang::En) => "Delete the record. What was written to it goes to the deleted list too, where it can be restored.".into(),
        (_, Lang::Ja) => format!("削除を取り消して残します。削除を知らずに書かれた記録（{}）もそのまま残ります。", edits(c, lang)),
        (_, Lang::En) => format!("Undo the delete and keep the record, with what was written without knowing of it ({}).", edits(c, lang)),
    }
}

/// The side's heading on the conflict screen.
pub fn side_heading(k: usize, c: &Conflict, lang: Lang) -> String {
    version_lines(c, lang)
        .get(k)
        .map(|s| s.trim_start().to_string())
        .unwrap_or_default()
}

pub fn compare_hint(pick: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "別のパソコンで削除された記録に、削除を知らずに書き足されています。左右で選び {pick} で決めます: [1] 削除する ／ [2] 残す。"
        ),
        Lang::En => format!(
            "The record was deleted on one laptop and written to on another that did not know. Choose with left/right and press {pick}: [1] delete / [2] keep."
        ),
    }
}

pub fn pick_question(keep: bool, label: &str, lang: Lang) -> String {
    let label = crate::text::terminal_safe(label);
    match (keep, lang) {
        (true, Lang::Ja) => {
            format!("{label} を残します（削除を取り消し、編集も残ります）。よろしいですか？")
        }
        (true, Lang::En) => format!("Keep {label} (the delete is undone, the edits stay)?"),
        (false, Lang::Ja) => format!(
            "{label} を削除します（書き足された記録も削除済みへ。元に戻せます）。よろしいですか？"
        ),
        (false, Lang::En) => format!(
            "Delete {label} (what was written goes to the deleted list too; it can be restored)?"
        ),
    }
}

/// `e` (merge) on a delete against edits.
pub fn no_merge(lang: Lang) -> &'static str {
    lang.pick(
        "削除と編集の競合にはまとめる文がありません。削除するか残すかを選んでください。",
        "A delete against edits has no text to merge: choose to delete or to keep.",
    )
}

/// The home screen's line while records are kept against a delete.
pub fn home_notice(n: usize, key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "削除と編集がぶつかった記録が {n} 件あります（別のパソコンで削除、ここでは書き足し）。{key} で残すか削除するかを選んでください。"
        ),
        Lang::En => format!(
            "{n} record(s) deleted on another laptop were written to here: press {key} to keep or delete them."
        ),
    }
}

/// The worker page's line while the worker (or a record of theirs) is kept
/// against a delete: one row, the key before it is cut at 80 columns.
pub fn page_notice(key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "削除と編集がぶつかりました（別のパソコンで削除）: [{key}] 残すか削除するかを選ぶ"
        ),
        Lang::En => format!("Deleted on another laptop, written to here: [{key}] keep or delete"),
    }
}
