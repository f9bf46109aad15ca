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
