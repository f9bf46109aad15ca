//! Sentences and field names of the support plan (screen, CLI, conflicts).

use super::Lang;
use crate::domain::plan::PlanMissing;

macro_rules! plan_text {
    ($($name:ident => $ja:literal, $en:literal;)+) => {
        /// Fixed phrases of the plan screen and `teichaku plan`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum PlanText { $($name),+ }
        impl PlanText {
            pub fn text(self, lang: Lang) -> &'static str {
                match self { $(PlanText::$name => lang.pick($ja, $en)),+ }
            }
        }
    };
}

plan_text! {
    Title => "就労定着支援計画", "Support plan";
    NoPlan => "支援計画はまだありません。", "No support plan yet.";
    NoPlanHint => "支援計画はまだありません（支援開始時に必要です）。作成:", "No support plan yet (it is due when the service starts). To make one:";
    FirstPlan => "初回の計画", "first plan";
    Review => "見直し", "review";
    ShortTermGoals => "短期目標", "Short-term goals";
    Evaluation => "評価", "Evaluation";
    NotEvaluated => "未評価", "not evaluated";
    Saved => "支援計画を保存しました", "Support plan saved";
    NewTitle => "支援計画を作成", "New support plan";
    ReviewTitle => "支援計画を見直す", "Review the support plan";
    EditTitle => "支援計画の版を直す", "Correct a plan version";
    NoShare => "（共有の同意なし）", "(no consent to share)";
    NeedPlanFirst => "見直す支援計画がありません。先に `teichaku plan new` で計画を作成してください。", "There is no plan to review; create one first with `teichaku plan new`.";
    LegacyReviews => "以前の見直し記録（日付のみ）", "Earlier review log (dates only)";
    Versions => "版", "Versions";
    AddGoal => "目標を追加", "Add a goal";
    Of => "件中", "of";
    ChooseAchievement => "達成度を選んでください", "choose the achievement";
    Required => "必須です。入力してください", "required: please fill it in";
    RequiredGoal => "目標を1つ以上書いてください", "at least one goal is required";
    RequiredConsent => "本人の同意が必要です", "the worker's consent is required";
    ConsentGiven => "あり", "given";
    ConsentMissing => "未記録", "not recorded";
    RequiredEvaluation => "評価が必要です（達成度を選ぶ）", "evaluation required: choose one";
    ConsentNo => "なし", "no";
    ConsentYes => "あり（説明し、同意を得た）", "yes (explained and agreed)";
}

/// The label of a plan field (as named in the change log and in files).
pub fn plan_field(name: &str, lang: Lang) -> &str {
    let (ja, en) = match name {
        "date" => ("作成日・見直し日", "date"),
        "version" => ("版", "version"),
        "stage" => ("支援の段階", "support stage"),
        "handover" => ("引継ぎ事項", "hand-over items"),
        "employer" => ("勤務先", "employer"),
        "workplace" => ("職場・部署", "workplace"),
        "job" => ("職務", "job"),
        "hours_per_week" => ("週の労働時間", "hours per week"),
        "work_days" => ("勤務日", "working days"),
        "agencies" => ("関係機関", "agencies involved"),
        "health" => ("健康状態", "health"),
        "living" => ("生活環境・日常生活の支援", "living and daily-life support"),
        "long_term_goal" => ("長期目標", "long-term goal"),
        "explained_on" => ("本人への説明日", "explained to the worker on"),
        "consent" => ("本人の同意", "worker's consent"),
        "share_with" => ("共有の同意（相手）", "consent to share (with)"),
        "remarks" => ("備考・見直しの所見", "remarks"),
        "recorded_by" => ("記録者", "recorded by"),
        "domain" => ("領域", "domain"),
        "goal" => ("目標", "goal"),
        "policy" => ("支援方針", "support policy"),
        "content" => ("支援内容", "support content"),
        "period" => ("期間", "period"),
        "frequency" => ("頻度", "frequency"),
        "achievement" => ("達成度", "achievement"),
        "effect" => ("支援の効果", "effect of support"),
        "satisfaction" => ("本人の満足度", "worker's satisfaction"),
        "remaining" => ("残された課題", "remaining issue"),
        "countermeasure" => ("今後の対応", "countermeasure"),
        other => (other, other),
    };
    lang.pick(ja, en)
}

/// The short label of a plan field in the form (its label column is narrow):
/// `goal` 1 → "目標1 方針"; evaluations (`eval`) likewise.
pub fn plan_form_label(name: &str, goal: Option<(&str, u32)>, lang: Lang) -> String {
    let (ja, en) = match name {
        "date" => ("日付", "date"),
        "stage" => ("支援の段階", "support stage"),
        "employer" => ("勤務先", "employer"),
        "workplace" => ("職場・部署", "workplace"),
        "job" => ("職務", "job"),
        "hours_per_week" => ("週の労働時間", "hours/week"),
        "work_days" => ("勤務日", "working days"),
        "handover" => ("引継ぎ事項", "hand-over"),
        "agencies" => ("関係機関", "agencies"),
        "health" => ("健康状態", "health"),
        "living" => ("生活と支援", "daily life"),
        "long_term_goal" => ("長期目標", "long-term"),
        "explained_on" => ("本人に説明", "explained on"),
        "consent" => ("本人の同意", "consent"),
        "share_with" => ("共有の同意先", "share with"),
        "remarks" => ("備考・所見", "remarks"),
        "domain" => ("領域", "domain"),
        "goal" => ("目標", "goal"),
        "policy" => ("方針", "policy"),
        "content" => ("内容", "content"),
        "period" => ("期間", "period"),
        "frequency" => ("頻度", "frequency"),
        "achievement" => ("達成度", "achieved"),
        "effect" => ("効果", "effect"),
        "satisfaction" => ("満足度", "satisfied"),
        "remaining" => ("課題", "remaining"),
        "countermeasure" => ("今後", "next step"),
        other => (other, other),
    };
    let name = lang.pick(ja, en);
    match (goal, lang) {
        (Some(("eval", n)), Lang::Ja) => format!("評価{n} {name}"),
        (Some(("eval", n)), Lang::En) => format!("E{n} {name}"),
        (Some((_, n)), Lang::Ja) => format!("目標{n} {name}"),
        (Some((_, n)), Lang::En) => format!("G{n} {name}"),
        (None, _) => name.to_string(),
    }
}

/// One thing a plan version lacks, named as the form and the CLI name it.
pub fn plan_missing(m: PlanMissing, lang: Lang) -> String {
    match (m, lang) {
        (PlanMissing::LongTermGoal, _) => plan_field("long_term_goal", lang).to_string(),
        (PlanMissing::NoGoal, Lang::Ja) => "短期目標（1つ以上）".into(),
        (PlanMissing::NoGoal, Lang::En) => "a short-term goal (at least one)".into(),
        (PlanMissing::GoalText(n), Lang::Ja) => format!("短期目標{n}の目標"),
        (PlanMissing::GoalText(n), Lang::En) => format!("the text of short-term goal {n}"),
        (PlanMissing::GoalContent(n), Lang::Ja) => format!("短期目標{n}の支援内容"),
        (PlanMissing::GoalContent(n), Lang::En) => {
            format!("the support content of short-term goal {n}")
        }
        (PlanMissing::ExplainedOn, _) => plan_field("explained_on", lang).to_string(),
        (PlanMissing::Consent, _) => plan_field("consent", lang).to_string(),
        (PlanMissing::Evaluation(n), Lang::Ja) => format!("前の版の短期目標{n}の評価"),
        (PlanMissing::Evaluation(n), Lang::En) => {
            format!("the evaluation of goal {n} of the version reviewed")
        }
    }
}

/// The error for a version that is not yet a plan: every missing field named,
/// with how to give it on the command line (README, "The support plan").
pub fn plan_incomplete(missing: &[PlanMissing], lang: Lang) -> String {
    let sep = lang.pick("、", ", ");
    let names: Vec<String> = missing.iter().map(|m| plan_missing(*m, lang)).collect();
    match lang {
        Lang::Ja => format!(
            "支援計画として足りない項目があるため保存できません：{}。ファイルに long_term_goal、[[goal]] の goal と content、explained_on、consent = true、見直しでは前の版の目標ごとの [[evaluation]] を書いてください。",
            names.join(sep)
        ),
        Lang::En => format!(
            "The plan cannot be saved; it lacks: {}. Give long_term_goal, each [[goal]] with goal and content, explained_on, consent = true and, for a review, an [[evaluation]] of every goal of the version reviewed.",
            names.join(sep)
        ),
    }
}
