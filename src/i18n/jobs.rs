//! Sentences of long jobs running behind the screen (`tui::jobs`): the gauge,
//! the keys it takes, the lock over a running job.

use super::Lang;
use crate::store::job::{Progress, Stage};

/// What the job is doing, with its count when known.
pub fn stage_line(p: &Progress, lang: Lang) -> String {
    let count = |unit_ja: &str, unit_en: &str| match (p.total, lang) {
        (Some(t), Lang::Ja) => format!("{} / {} {unit_ja}", p.done.min(t), t),
        (Some(t), Lang::En) => format!("{} of {} {unit_en}", p.done.min(t), t),
        (None, Lang::Ja) => format!("{} {unit_ja}", p.done),
        (None, Lang::En) => format!("{} {unit_en}", p.done),
    };
    match p.stage {
        Stage::Starting => lang
            .pick(
                "準備しています（ファイルの確認と鍵の計算）…",
                "Getting ready (checking the files, deriving the key)…",
            )
            .to_string(),
        Stage::Reading => match lang {
            Lang::Ja => format!("変更を読み込んでいます：{}", count("件", "entries")),
            Lang::En => format!("Reading changes: {}", count("件", "entries")),
        },
        Stage::Applying => match lang {
            Lang::Ja => format!("記録に反映しています：{}", count("件", "records")),
            Lang::En => format!("Updating records: {}", count("件", "records")),
        },
        Stage::Indexing => lang
            .pick("検索の索引を更新しています…", "Updating the search index…")
            .to_string(),
        Stage::Writing => match lang {
            Lang::Ja => format!("書き出しています：{}", count("件", "entries")),
            Lang::En => format!("Writing: {}", count("件", "entries")),
        },
        Stage::Saving => match lang {
            Lang::Ja => format!("保存しています：{}", count("件", "rows")),
            Lang::En => format!("Saving: {}", count("件", "rows")),
        },
        Stage::Finishing => lang
            .pick(
                "仕上げています（取り込みは済みました。ここからは止められません）…",
                "Finishing (the import is done; this part cannot be stopped)…",
            )
            .to_string(),
    }
}

/// The keys while a job runs.
pub fn keys_line(p: &Progress, lang: Lang) -> &'static str {
    if p.cancelling && p.stage != Stage::Finishing {
        lang.pick(
            "取り消しています。元に戻すまでお待ちください…",
            "Cancelling: putting everything back…",
        )
    } else if p.stage == Stage::Finishing {
        lang.pick("まもなく終わります。", "Almost done.")
    } else {
        lang.pick(
            "Esc：取り消す（途中までの変更はすべて元に戻ります）",
            "Esc: cancel (nothing done so far is kept)",
        )
    }
}

/// A key other than Esc and quit while a job runs: it is not kept.
pub fn busy(lang: Lang) -> &'static str {
    lang.pick(
        "処理中です。キーは終わるまで使えません（Esc で取り消し）。",
        "Working: keys wait until it is done (Esc cancels).",
    )
}

/// The quit key while a job runs: it is cancelled first.
pub fn quit_after_cancel(lang: Lang) -> &'static str {
    lang.pick(
        "処理を取り消してから終了します…",
        "Cancelling the job, then quitting…",
    )
}

/// The job ended without a result (an internal fault): its transaction was
/// rolled back with its connection.
pub fn vanished(lang: Lang) -> &'static str {
    lang.pick(
        "処理が途中で止まりました。何も変更していません。もう一度お試しください。",
        "The job stopped unexpectedly. Nothing was changed; please try again.",
    )
}

/// On the lock screen over a running job.
pub fn behind_lock(title: &str, p: &Progress, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "ロック中も「{title}」は続いています（{}）。",
            stage_line(p, lang)
        ),
        Lang::En => format!("“{title}” goes on while locked ({}).", stage_line(p, lang)),
    }
}
