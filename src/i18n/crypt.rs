//! Sentences of encryption at rest: the database passphrase, its errors, the
//! first run's advice, the conversion of a plaintext database, the lock.

use super::Lang;
use crate::error::Error;

/// The environment variable scripts and tests give the passphrase in.
pub const ENV: &str = crate::store::unlock::PASSPHRASE_ENV;

pub(super) fn error_message(e: &Error, lang: Lang) -> String {
    use Lang::{En, Ja};
    match (e, lang) {
        (Error::WrongDbPassphrase, Ja) => "データベースのパスフレーズが違います。何も変更していません。大文字・小文字、全角・半角、日本語入力のオン・オフを確かめて、もう一度入力してください。".into(),
        (Error::WrongDbPassphrase, En) => "Wrong database passphrase; nothing was changed. Check capitals, full-width characters and the input method, then try again.".into(),
        (Error::DbPassphraseMissing, Ja) => format!("データベースのパスフレーズがありません。端末から実行して入力するか、スクリプトでは環境変数 {ENV} に設定してください。"),
        (Error::DbPassphraseMissing, En) => format!("No database passphrase: run from a terminal to type it, or set {ENV} in scripts."),
        (Error::DbKeyFileMissing { path }, Ja) => format!(
            "鍵ファイル {} がありません。データベースと同じフォルダに置かれていたこのファイルがないと、データベースは開けません。バックアップから戻してください。データベースは変更していません。",
            path.display()
        ),
        (Error::DbKeyFileMissing { path }, En) => format!(
            "The key file {} is missing; the database cannot be opened without it. Restore it from a backup. The database was left untouched.",
            path.display()
        ),
        (Error::DbKeyFileBroken { path }, Ja) => format!(
            "鍵ファイル {} は新しい版の teichaku で作られています。teichaku を更新してください。何も変更していません。",
            path.display()
        ),
        (Error::DbKeyFileBroken { path }, En) => format!(
            "The key file {} was written by a newer teichaku; update teichaku. Nothing was changed.",
            path.display()
        ),
        (Error::DbKeyFileDamaged { path }, Ja) => format!(
            "鍵ファイル {} が傷んでいます（パスフレーズの誤りではありません）。データベースと一緒にコピーしておいた鍵ファイルで置き換えるか、最新のバックアップ（teichaku-backup-….tcbak）を空のデータフォルダに `teichaku restore` で戻してください。何も変更していません。",
            path.display()
        ),
        (Error::DbKeyFileDamaged { path }, En) => format!(
            "The key file {} is damaged (this is not a wrong passphrase). Replace it with the copy kept with the database, or restore the newest backup (teichaku-backup-….tcbak) into an empty data folder with `teichaku restore`. Nothing was changed.",
            path.display()
        ),
        (Error::DbKeyMismatch { path }, Ja) => format!(
            "パスフレーズは合っていますが、{} がその鍵で開けません。データベースが壊れているか、鍵ファイルが別のデータベースのものです。何も変更していません。",
            path.display()
        ),
        (Error::DbKeyMismatch { path }, En) => format!(
            "The passphrase is right but {} does not open with its key: the database is damaged or the key file belongs to another database. Nothing was changed.",
            path.display()
        ),
        (Error::PlaintextDatabase { path }, Ja) => format!(
            "{} は暗号化されていません。teichaku を起動すると暗号化します。",
            path.display()
        ),
        (Error::PlaintextDatabase { path }, En) => format!(
            "{} is not encrypted; start teichaku to encrypt it.",
            path.display()
        ),
        (Error::EncryptionCheckFailed { path }, Ja) => format!(
            "暗号化したコピーの確認で元と違いが見つかったため、{} はそのまま残しました。ディスクの空きと状態を確かめてください。",
            path.display()
        ),
        (Error::EncryptionCheckFailed { path }, En) => format!(
            "The encrypted copy did not match the original, so {} was kept as it was. Check the disk's free space and health.",
            path.display()
        ),
        (other, l) => super::backup::error_message(other, l),
    }
}

/// Printed before a new database's passphrase is asked for (typed twice).
pub fn first_run_advice(lang: Lang, min: usize) -> String {
    match lang {
        Lang::Ja => format!(
            "記録は健康・障害にかかわる要配慮個人情報です。データベースを暗号化するパスフレーズを決めてください。\n\
             ・{min}文字以上。短い単語より、自分だけが思い出せる長い文にしてください（例: 「朝の電車で三回あくびをした青い傘」）。\n\
             ・このパソコンに貼ったり、同じかばんに入れたりせず、事業所の同期パスフレーズと同じ手順で別の場所に保管してください。\n\
             ・忘れると、誰にも（開発者にも）記録を取り出せません。\n\
             入力した文字は表示されません。"
        ),
        Lang::En => format!(
            "These records are sensitive personal information (health and disability). Choose a passphrase to encrypt the database.\n\
             - At least {min} characters: a long sentence only you remember beats a short word.\n\
             - Keep it apart from the laptop (not on a sticker, not in the same bag), with the agency's sync passphrase procedure.\n\
             - If it is lost nobody, not even the developers, can recover the records.\n\
             What you type is not shown."
        ),
    }
}

/// Printed before a plaintext database is encrypted in place.
pub fn conversion_notice(lang: Lang) -> &'static str {
    lang.pick(
        "このデータベースはまだ暗号化されていません。これから暗号化します（暗号化したコピーを作って確かめてから置き換えます。途中で止まっても元のデータベースは残ります）。",
        "This database is not encrypted yet. It is encrypted now (an encrypted copy is made and checked before it replaces the original; an interruption leaves the original in place).",
    )
}

pub fn encrypted_done(lang: Lang) -> &'static str {
    lang.pick(
        "データベースを暗号化しました。",
        "The database is now encrypted.",
    )
}

pub fn prompt(lang: Lang) -> &'static str {
    lang.pick("データベースのパスフレーズ: ", "Database passphrase: ")
}

pub fn prompt_new(lang: Lang) -> &'static str {
    lang.pick("新しいパスフレーズ: ", "New passphrase: ")
}

pub fn prompt_again(lang: Lang) -> &'static str {
    lang.pick("もう一度入力: ", "Again: ")
}

pub fn prompt_current(lang: Lang) -> &'static str {
    lang.pick("今のパスフレーズ: ", "Current passphrase: ")
}

pub fn changed(lang: Lang) -> &'static str {
    lang.pick(
        "パスフレーズを変えて、データベースを新しい鍵で暗号化し直しました。古いパスフレーズではもう開けません。",
        "The passphrase is changed and the database re-encrypted under a new key; the old passphrase no longer opens it.",
    )
}

pub fn locked_title(lang: Lang) -> &'static str {
    lang.pick("ロック中", "locked")
}

pub fn locked_start(lang: Lang) -> &'static str {
    lang.pick(
        "データベースは暗号化されています。パスフレーズを入力して Enter を押してください。",
        "The database is encrypted. Type its passphrase and press Enter.",
    )
}

pub fn locked_idle(lang: Lang) -> &'static str {
    lang.pick(
        "しばらく操作がなかったため画面をロックしました。入力中の記録は下書きとして残っています。パスフレーズを入力して Enter を押すと元の画面に戻ります。",
        "The screen was locked after a while without input. What you were typing is kept as a draft. Type the passphrase and press Enter to return to it.",
    )
}

/// The demo's idle lock: it has no passphrase.
pub fn locked_demo(lang: Lang) -> &'static str {
    lang.pick(
        "しばらく操作がなかったため画面をロックしました。デモにはパスフレーズがありません。Enter を押すと元の画面に戻ります。",
        "The screen was locked after a while without input. The demo has no passphrase: press Enter to return.",
    )
}

pub fn lock_keys_demo(quit_key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("Enter: 開く   {quit_key}: 終了"),
        Lang::En => format!("Enter: unlock   {quit_key}: quit"),
    }
}

pub fn lock_keys(quit_key: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("Enter: 開く   Esc: 消す   {quit_key}: 終了"),
        Lang::En => format!("Enter: unlock   Esc: clear   {quit_key}: quit"),
    }
}

pub fn unlocking(lang: Lang) -> &'static str {
    lang.pick("確かめています…", "Checking…")
}

/// Said after a document or CSV is written where the user chose.
pub fn plaintext_warning(lang: Lang) -> &'static str {
    lang.pick(
        "このファイルは暗号化されていません。USB メモリなどに置いたままにせず、使い終わったら消してください。",
        "This file is not encrypted: do not leave it on a USB stick, and delete it when done.",
    )
}
