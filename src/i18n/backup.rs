//! Sentences of backups, restore and the check-up (`teichaku doctor`).

use std::path::Path;

use super::Lang;
use crate::error::Error;
use crate::store::doctor::{Checkup, Finding};
use crate::store::read_only::Why;

pub(super) fn error_message(e: &Error, lang: Lang) -> String {
    use Lang::{En, Ja};
    match (e, lang) {
        (Error::NoDatabase { path }, Ja) => format!(
            "{} にデータベースがありません。データフォルダ（TEICHAKU_DATA_DIR または --db）を確かめてください。",
            path.display()
        ),
        (Error::NoDatabase { path }, En) => format!(
            "There is no database at {}. Check the data folder (TEICHAKU_DATA_DIR or --db).",
            path.display()
        ),
        (Error::BackupFolderMissing { path }, Ja) => format!(
            "バックアップ先のフォルダ {} が見つかりません。USB メモリや NAS がつながっているか確かめてください。バックアップは作っていません（記録はこのパソコンにそのまま残っています）。",
            path.display()
        ),
        (Error::BackupFolderMissing { path }, En) => format!(
            "The backup folder {} is not there. Check that the USB stick or NAS is connected. No backup was made (your records are safe on this laptop).",
            path.display()
        ),
        (Error::NotABackup { path }, Ja) => format!(
            "{} は teichaku のバックアップではありません（teichaku-backup-….tcbak を選んでください）。何も変更していません。",
            path.display()
        ),
        (Error::NotABackup { path }, En) => format!(
            "{} is not a teichaku backup (choose a teichaku-backup-….tcbak file). Nothing was changed.",
            path.display()
        ),
        (Error::BackupDamaged { path }, Ja) => format!(
            "バックアップ {} が壊れているか、途中までしかコピーされていません。別の（前の日の）バックアップを使ってください。何も変更していません。",
            path.display()
        ),
        (Error::BackupDamaged { path }, En) => format!(
            "The backup {} is damaged or only partly copied. Use another (an earlier) backup. Nothing was changed.",
            path.display()
        ),
        (Error::RestoreTargetNotEmpty { path }, Ja) => format!(
            "{} にはもうデータベースがあるので、上書きしません。復元は空のデータフォルダにだけできます。別のフォルダを TEICHAKU_DATA_DIR（または --db）で指定してください。何も変更していません。",
            path.display()
        ),
        (Error::RestoreTargetNotEmpty { path }, En) => format!(
            "There is already a database at {}; it is not overwritten. A backup is restored into an empty data folder only: name another with TEICHAKU_DATA_DIR (or --db). Nothing was changed.",
            path.display()
        ),
        (Error::DoctorFoundProblems { count }, Ja) => {
            format!("点検で {count} 件の問題が見つかりました（上の説明を見てください）。")
        }
        (Error::DoctorFoundProblems { count }, En) => {
            format!("The check-up found {count} problem(s); see above.")
        }
        (Error::NotInDemo, Ja) => "デモ（--demo）ではバックアップ・復元・点検はできません。".into(),
        (Error::NotInDemo, En) => "Backup, restore and doctor do not run with --demo.".into(),
        // Never reached: error_message names every variant it sends here.
        // Said in the user's language all the same, never as debug text.
        (_, En) => "An unexpected error occurred; nothing was changed.".into(),
        (_, Ja) => "予期しないエラーが起きました。何も変更していません。".into(),
    }
}

/// After `teichaku backup`.
pub fn written(path: &Path, bytes: u64, removed: usize, lang: Lang) -> String {
    let kib = bytes.div_ceil(1024);
    match lang {
        Lang::Ja => {
            let mut s = format!(
                "バックアップを作りました: {}（{kib} KiB、暗号化済み。戻すにはこの時点のパスフレーズが要ります）",
                path.display()
            );
            if removed > 0 {
                s.push_str(&format!("\n古いバックアップを {removed} 個消しました。"));
            }
            s
        }
        Lang::En => {
            let mut s = format!(
                "Backup written: {} ({kib} KiB, encrypted; restoring it needs the passphrase of today)",
                path.display()
            );
            if removed > 0 {
                s.push_str(&format!("\nRemoved {removed} older backup(s)."));
            }
            s
        }
    }
}

/// After `teichaku restore`.
pub fn restored(db: &Path, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "復元しました: {}（確認済み）。バックアップを作った時点より後の記録は含まれません。他のパソコンと同期していれば、同期で戻ります。",
            db.display()
        ),
        Lang::En => format!(
            "Restored: {} (checked). Records made after the backup are not in it; if you sync with other laptops, syncing brings them back.",
            db.display()
        ),
    }
}

/// Printed after the screen closed, before a backup that may take a few
/// seconds on a large agency.
pub fn at_quit_starting(lang: Lang) -> &'static str {
    lang.pick(
        "今日のバックアップを作っています…",
        "Making today's backup…",
    )
}

/// Printed after the screen closed: the day's backup was made.
pub fn at_quit_done(path: &Path, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("今日のバックアップを作りました: {}", path.display()),
        Lang::En => format!("Today's backup written: {}", path.display()),
    }
}

/// Printed after the screen closed: the day's backup failed (why follows).
pub fn at_quit_failed(why: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "今日のバックアップは作れませんでした。{why}\n次に終了するときにもう一度試します（teichaku backup でも作れます）。"
        ),
        Lang::En => format!(
            "Today's backup could not be made. {why}\nIt is tried again the next time you quit (or run teichaku backup)."
        ),
    }
}

/// The last backup, for the check-up.
pub enum LastBackup {
    /// The folder named in the settings is not there.
    FolderMissing(std::path::PathBuf),
    None(std::path::PathBuf),
    /// Days since the newest one, and its path.
    DaysAgo(i64, std::path::PathBuf),
}

/// Days after which the check-up calls the last backup old.
pub const OLD_BACKUP_DAYS: i64 = 7;

/// The check-up's report, line by line, with what to do.
pub fn report(c: &Checkup, last: &LastBackup, lang: Lang) -> String {
    let mut lines = Vec::new();
    let ok = lang.pick("問題なし", "OK");
    let verdict = |f: &Finding, what_ja: &str, what_en: &str| -> String {
        match f {
            Finding::Ok => ok.to_string(),
            Finding::Unreadable => lang
                .pick("読めませんでした", "could not be read")
                .to_string(),
            Finding::Problems(n) => match lang {
                Lang::Ja => format!("{n} 件の{what_ja}"),
                Lang::En => format!("{n} {what_en}"),
            },
        }
    };
    let (i, f, l) = match lang {
        Lang::Ja => (
            "データベースのファイル（integrity_check）",
            "記録どうしのつながり（foreign_key_check）",
            "変更履歴と表の一致",
        ),
        Lang::En => (
            "Database file (integrity_check)",
            "Links between records (foreign_key_check)",
            "Change log agrees with the tables",
        ),
    };
    lines.push(format!(
        "{i}: {}",
        verdict(&c.integrity, "問題", "problem(s)")
    ));
    lines.push(format!(
        "{f}: {}",
        verdict(
            &c.foreign_keys,
            "存在しない記録を指す行",
            "row(s) pointing at a missing record"
        )
    ));
    let mut log_line = format!(
        "{l}: {}",
        verdict(
            &c.change_log,
            "履歴と合わない記録",
            "record(s) not matching their log"
        )
    );
    if c.change_log.is_ok() {
        log_line.push_str(&match lang {
            Lang::Ja => format!("（{} 件を確認）", c.records_checked),
            Lang::En => format!(" ({} records checked)", c.records_checked),
        });
    } else if !c.disagreeing_kinds.is_empty() {
        log_line.push_str(&format!(" [{}]", c.disagreeing_kinds.join(", ")));
    }
    lines.push(log_line);
    lines.push(format!(
        "{}: {}",
        lang.pick("変更番号", "Change numbers"),
        verdict(
            &c.sequences,
            "ありえない変更番号（範囲外・このパソコンの番号の抜け）",
            "impossible change number(s) (out of range, or a gap in this laptop's own)"
        )
    ));
    let mut chain = format!(
        "{}: {}",
        lang.pick(
            "アクセスの記録（ハッシュの連鎖）",
            "Access log (hash chain)"
        ),
        verdict(&c.access_log, "改変の跡", "sign(s) of tampering")
    );
    if let Some(b) = &c.access_log_break {
        chain.push_str(lang.pick("。", ": "));
        chain.push_str(&super::audit::chain_break(b, lang));
    }
    lines.push(chain);
    if !c.leftovers.is_empty() {
        let names: Vec<String> = c
            .leftovers
            .iter()
            .map(|p| {
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .collect();
        lines.push(match lang {
            Lang::Ja => format!(
                "途中で止まった作業の一時ファイル: {} 件（{}）。データではありません。次に teichaku を開くと片付けます（止まった復元は仕上げます）。",
                names.len(),
                names.join(", ")
            ),
            Lang::En => format!(
                "Temporary files of a job that stopped half-way: {} ({}). They are not data; the next time teichaku opens it tidies them (a stopped restore is finished).",
                names.len(),
                names.join(", ")
            ),
        });
    }
    lines.push(match (last, lang) {
        (LastBackup::FolderMissing(p), Lang::Ja) => format!(
            "最後のバックアップ: バックアップ先 {} が見つかりません（USB メモリや NAS をつないでください）",
            p.display()
        ),
        (LastBackup::FolderMissing(p), Lang::En) => format!(
            "Last backup: the backup folder {} is not there (connect the USB stick or NAS)",
            p.display()
        ),
        (LastBackup::None(p), Lang::Ja) => {
            format!("最後のバックアップ: {} にはまだありません", p.display())
        }
        (LastBackup::None(p), Lang::En) => format!("Last backup: none yet in {}", p.display()),
        (LastBackup::DaysAgo(0, p), Lang::Ja) => {
            format!("最後のバックアップ: 今日（{}）", p.display())
        }
        (LastBackup::DaysAgo(0, p), Lang::En) => format!("Last backup: today ({})", p.display()),
        (LastBackup::DaysAgo(d, p), Lang::Ja) => {
            format!("最後のバックアップ: {d} 日前（{}）", p.display())
        }
        (LastBackup::DaysAgo(d, p), Lang::En) => {
            format!("Last backup: {d} day(s) ago ({})", p.display())
        }
    });
    lines.push(String::new());
    let damaged = !c.integrity.is_ok();
    let links = !c.foreign_keys.is_ok()
        || !c.change_log.is_ok()
        || !c.sequences.is_ok()
        || !c.access_log.is_ok();
    match c.read_only {
        Some(Why::Media) => lines.push(lang.pick(
            "データのある場所は書き込めません（読み取り専用）。書き込めないのはファイルの傷みではありません。点検は読むだけなので、そのまま行いました。",
            "The data's location cannot be written (read-only). Not being writable is not damage; the check-up only reads, so it ran as it is.",
        ).to_string()),
        Some(Why::DiskFull) => lines.push(lang.pick(
            "ディスクがいっぱいです。いっぱいなのはファイルの傷みではありません。点検は読むだけなので、そのまま行いました。空きを作ってから teichaku を使ってください。",
            "The disk is full. A full disk is not damage; the check-up only reads, so it ran as it is. Free some space before using teichaku.",
        ).to_string()),
        None => {}
    }
    if c.read_only.is_some() && c.integrity == Finding::Unreadable {
        lines.push(lang.pick(
            "読み取り専用の場所では読めないことがあります（書きかけの記録が残っているときなど）。傷んでいるとは限りません。復元はせず、データフォルダーごと書き込める場所にコピーして、そこでもう一度点検してください。",
            "On a read-only location a database cannot always be read (when unfinished writes were left beside it); that does not mean it is damaged. Do not restore: copy the whole data folder somewhere writable and run the check-up there.",
        ).to_string());
    } else if damaged {
        lines.push(lang.pick(
            "データベースのファイルが傷んでいます。このファイルは消さずに残し、新しい空のデータフォルダに最新のバックアップを復元してください（teichaku restore）。他のパソコンと同期していれば、そのあと同期で最近の記録が戻ります。",
            "The database file is damaged. Keep it (do not delete it), restore the newest backup into a new, empty data folder (teichaku restore), then sync with the other laptops to bring back recent records.",
        ).to_string());
    } else if links {
        lines.push(lang.pick(
            "ファイルは読めますが、記録の中身に食い違いがあります。まずバックアップを作り（teichaku backup）、この点検結果を開発・サポート担当に伝えてください。記録は消さないでください。",
            "The file reads, but some records disagree. Make a backup first (teichaku backup), then send this report to whoever supports teichaku for you. Do not delete records.",
        ).to_string());
    } else {
        lines.push(
            lang.pick(
                "データベースに問題は見つかりませんでした。",
                "No problem found in the database.",
            )
            .to_string(),
        );
    }
    match last {
        LastBackup::DaysAgo(d, _) if *d <= OLD_BACKUP_DAYS => {}
        _ => lines.push(
            lang.pick(
                "バックアップが古いかありません。teichaku backup で作るか、設定の backup.folder に USB メモリや NAS を指定すると、画面の終了時に毎日作ります。",
                "The last backup is old or missing: run teichaku backup, or name a USB stick or NAS as backup.folder in the settings and quitting the screen makes one every day.",
            )
            .to_string(),
        ),
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}
