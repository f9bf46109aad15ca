//! Sentences of media that cannot be written and of a full disk: a store
//! opened read-only, reads the access log could not record.

use super::Lang;

/// Said once a command or screen ran on a store opened read-only.
pub fn read_only(why: crate::store::read_only::Why, lang: Lang) -> &'static str {
    if why == crate::store::read_only::Why::DiskFull {
        return lang.pick(
            "ディスクがいっぱいのため、読むだけで開いています。記録を見ることはできますが、空きを作るまで保存はできません。",
            "The disk is full, so the data is open to read only: records can be read, nothing can be saved until space is freed.",
        );
    }
    lang.pick(
        "読み取り専用で開いています（データのある場所に書き込めません）。記録を見ることはできますが、保存はできません。",
        "Opened read-only (the data's location cannot be written): records can be read, nothing can be saved.",
    )
}

/// Said when `n` reads could not be written to the access log.
pub fn unlogged(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "この閲覧 {n} 件は、書き込めない場所かディスクがいっぱいのため、利用記録（teichaku audit）に残せませんでした。"
        ),
        Lang::En => format!(
            "{n} read(s) could not be written to the access log (teichaku audit): the location cannot be written or the disk is full."
        ),
    }
}
