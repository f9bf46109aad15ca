//! Checklist messages: answers, definitions, scores.

use super::{Lang, Msg};

/// Why a set of checklist answers was refused.
pub fn answer_message(e: &crate::domain::checklist::AnswerError, lang: Lang) -> String {
    use crate::domain::checklist::AnswerError as A;
    match (e, lang) {
        (A::Count { expected, found }, Lang::Ja) => format!(
            "回答の数が合いません。このチェックリストは {expected} 項目ですが、{found} 個の回答がありました。未確認の項目は - としてください。何も保存していません。"
        ),
        (A::Count { expected, found }, Lang::En) => format!(
            "Wrong number of answers: the checklist has {expected} items but {found} answers were given. Use - for an item not assessed. Nothing was saved."
        ),
        (
            A::OutOfScale {
                position,
                input,
                min,
                max,
            },
            Lang::Ja,
        ) => format!(
            "{position} 番目の回答「{input}」は使えません。{min}〜{max} の数字か、未確認なら - を入れてください。何も保存していません。"
        ),
        (
            A::OutOfScale {
                position,
                input,
                min,
                max,
            },
            Lang::En,
        ) => format!(
            "Answer {position} \"{input}\" is not on the scale: use a number from {min} to {max}, or - for not assessed. Nothing was saved."
        ),
        (A::UnknownItem(id), Lang::Ja) => {
            format!("項目「{id}」はこのチェックリストにありません。")
        }
        (A::UnknownItem(id), Lang::En) => format!("The checklist has no item \"{id}\"."),
        (A::WrongInstrument { expected, found }, Lang::Ja) => format!(
            "この記録は別のチェックリスト（{found}）のものです（期待: {expected}）。"
        ),
        (A::WrongInstrument { expected, found }, Lang::En) => format!(
            "This assessment belongs to another checklist ({found}; expected {expected})."
        ),
        (A::ClosedEmploymentSupervisor, Lang::Ja) => {
            "この利用者はクローズ就労です。勤務先は障害を知らないため、回答者を上長にはできません（本人・支援者・合議を選んでください）。何も保存していません。".into()
        }
        (A::ClosedEmploymentSupervisor, Lang::En) => {
            "This worker is in closed employment: the employer does not know of the disability, so the supervisor cannot be the respondent (choose self, supporter or joint). Nothing was saved.".into()
        }
    }
}

/// Why a checklist definition cannot be used.
pub fn definition_message(e: &crate::domain::checklist::DefinitionError, lang: Lang) -> String {
    use crate::domain::checklist::DefinitionError as D;
    match (e, lang) {
        (D::Syntax(d), Lang::Ja) => format!("書式の誤り（{d}）"),
        (D::Syntax(d), Lang::En) => format!("syntax error ({d})"),
        (D::BadId(id), Lang::Ja) => {
            format!("ID「{id}」は使えません（半角の小文字・数字・_・- で 40 文字まで）")
        }
        (D::BadId(id), Lang::En) => format!(
            "the id \"{id}\" is not allowed (lowercase ASCII letters, digits, _ and -, up to 40)"
        ),
        (D::ZeroVersion, l) => l
            .pick(
                "version は 1 以上にしてください",
                "version must be 1 or more",
            )
            .into(),
        (D::EmptyTitle, l) => l.pick("title が空です", "the title is empty").into(),
        (D::EmptySource, l) => l
            .pick("source（出典）が空です", "the source is empty")
            .into(),
        (D::ScaleTooShort, l) => l
            .pick(
                "回答の尺度（scale）は 2 段階以上必要です",
                "the scale needs at least two points",
            )
            .into(),
        (D::ScaleValue(v), Lang::Ja) => {
            format!("尺度の値 {v} は使えません（1〜9。0 は「未確認」のために空けてあります）")
        }
        (D::ScaleValue(v), Lang::En) => {
            format!("scale value {v} is not allowed (1 to 9; 0 is kept for \"not assessed\")")
        }
        (D::ScaleDuplicate(v), Lang::Ja) => format!("尺度の値 {v} が重複しています"),
        (D::ScaleDuplicate(v), Lang::En) => format!("scale value {v} appears twice"),
        (D::ScaleLabelEmpty(v), Lang::Ja) => format!("尺度の値 {v} のラベル（ja / en）が空です"),
        (D::ScaleLabelEmpty(v), Lang::En) => {
            format!("scale value {v} has an empty label (ja / en)")
        }
        (D::NoGroups, l) => l
            .pick("領域（group）がありません", "there are no groups")
            .into(),
        (D::DuplicateGroup(g), Lang::Ja) => format!("領域 ID「{g}」が重複しています"),
        (D::DuplicateGroup(g), Lang::En) => format!("group id \"{g}\" appears twice"),
        (D::EmptyGroup(g), Lang::Ja) => format!("領域「{g}」に項目がありません"),
        (D::EmptyGroup(g), Lang::En) => format!("group \"{g}\" has no items"),
        (D::GroupLabelEmpty(g), Lang::Ja) => format!("領域「{g}」の label か short が空です"),
        (D::GroupLabelEmpty(g), Lang::En) => {
            format!("group \"{g}\" has an empty label or short label")
        }
        (D::DuplicateItem(i), Lang::Ja) => format!("項目 ID「{i}」が重複しています"),
        (D::DuplicateItem(i), Lang::En) => format!("item id \"{i}\" appears twice"),
        (D::ItemTextEmpty(i), Lang::Ja) => format!("項目「{i}」の文が空です"),
        (D::ItemTextEmpty(i), Lang::En) => format!("item \"{i}\" has no text"),
    }
}

/// One line about a definition file that was skipped.
pub fn skipped_message(
    path: &std::path::Path,
    why: &crate::checklists::Skipped,
    lang: Lang,
) -> String {
    use crate::checklists::Skipped;
    let reason = match (why, lang) {
        (Skipped::Unreadable(why), l) => super::errors::read_problem(*why, l),
        (Skipped::Invalid(d), l) => definition_message(d, l),
        (Skipped::DuplicateId(id), Lang::Ja) => {
            format!("ID「{id}」のチェックリストはすでにあります")
        }
        (Skipped::DuplicateId(id), Lang::En) => {
            format!("a checklist with id \"{id}\" already exists")
        }
    };
    format!(
        "{}: {}: {reason}",
        Msg::DefinitionSkipped.text(lang),
        path.display()
    )
}

/// A group mean as shown everywhere: one decimal, or the gap mark.
pub fn score(mean: Option<f64>, lang: Lang) -> String {
    mean.map_or_else(
        || Msg::Gap.text(lang).to_string(),
        |m| format!("{:.1}", crate::domain::checklist_score::round1(m)),
    )
}

/// A change as `+0.5` / `-0.3` / `±0.0`-free `0.0`, or the gap mark.
pub fn delta(d: Option<f64>, lang: Lang) -> String {
    match d {
        None => Msg::Gap.text(lang).to_string(),
        Some(d) if d.abs() < 0.05 => "0.0".to_string(),
        Some(d) => format!("{:+.1}", crate::domain::checklist_score::round1(d)),
    }
}

/// Above the checklist start form when Enter would resume a paused run.
/// `resumes`: the respondent chosen is the paused run's.
pub fn entry_paused(
    date: chrono::NaiveDate,
    respondent: &str,
    resumes: bool,
    lang: Lang,
) -> String {
    match (resumes, lang) {
        (true, Lang::Ja) => format!(
            "途中で中断した記録があります（{date}、回答者: {respondent}）。Enter で続きから入力します。"
        ),
        (true, Lang::En) => {
            format!("A paused entry exists ({date}, answered by {respondent}). Enter resumes it.")
        }
        (false, Lang::Ja) => format!(
            "中断中の記録（{date}、回答者: {respondent}）とは別に、新しく始めます。続きにするには回答者を {respondent} に。"
        ),
        (false, Lang::En) => format!(
            "Starts a new entry beside the paused one ({date}, answered by {respondent}); choose {respondent} to resume it."
        ),
    }
}

/// A one-glyph mark of who answered, after each point of a trend that mixes
/// respondents (本 2.5本 … / 2.5s …).
pub fn respondent_mark(r: crate::domain::checklist::Respondent, lang: Lang) -> &'static str {
    use crate::domain::checklist::Respondent::*;
    match (r, lang) {
        (Worker, Lang::Ja) => "本",
        (Supervisor, Lang::Ja) => "上",
        (Supporter, Lang::Ja) => "支",
        (Joint, Lang::Ja) => "合",
        (Worker, Lang::En) => "s",
        (Supervisor, Lang::En) => "v",
        (Supporter, Lang::En) => "o",
        (Joint, Lang::En) => "j",
    }
}

/// The respondent in a trend's legend: the label, shortened in English.
pub fn respondent_short(r: crate::domain::checklist::Respondent, lang: Lang) -> &'static str {
    use crate::domain::checklist::Respondent::*;
    match (r, lang) {
        (_, Lang::Ja) => crate::domain::Code::label(r, lang),
        (Worker, Lang::En) => "self",
        (Supervisor, Lang::En) => "supervisor",
        (Supporter, Lang::En) => "supporter",
        (Joint, Lang::En) => "joint",
    }
}
