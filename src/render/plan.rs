//! One version of the support plan as plain text, for `teichaku plan show` and
//! the plan screen: the version's facts, its long texts under headings, its
//! short-term goals, and (for a review) the evaluation of each goal of the
//! version it reviews.

use crate::domain::Code;
use crate::domain::plan::Plan;
use crate::i18n::{Lang, PlanText, plan_field};

fn heading(out: &mut Vec<String>, name: &str, lang: Lang) {
    out.push(String::new());
    out.push(format!("【{}】", plan_field(name, lang)));
}

fn block(out: &mut Vec<String>, name: &str, text: &str, lang: Lang) {
    if text.trim().is_empty() {
        return;
    }
    heading(out, name, lang);
    out.extend(text.lines().map(str::to_string));
}

fn pair(name: &str, value: &str, lang: Lang) -> String {
    let value = if value.trim().is_empty() {
        "—"
    } else {
        value
    };
    format!("{}: {value}", plan_field(name, lang))
}

/// The first line of the plan's title: 就労定着支援計画 第2版 2027-05-01.
pub fn title(plan: &Plan, lang: Lang) -> String {
    let v = &plan.version;
    match lang {
        Lang::Ja => format!(
            "{} 第{}版 {}",
            PlanText::Title.text(lang),
            v.version,
            v.date
        ),
        Lang::En => format!(
            "{} version {} {}",
            PlanText::Title.text(lang),
            v.version,
            v.date
        ),
    }
}

/// The whole version as lines; `previous` is the version it reviews (for the
/// goals its evaluations are about).
pub fn lines(plan: &Plan, previous: Option<&Plan>, lang: Lang) -> Vec<String> {
    let v = &plan.version;
    let kind = match (previous, lang) {
        (Some(p), Lang::Ja) => format!(
            "見直し（前の版: 第{}版 {}）",
            p.version.version, p.version.date
        ),
        (Some(p), Lang::En) => format!(
            "review (of version {}, {})",
            p.version.version, p.version.date
        ),
        (None, _) if plan.is_review() => PlanText::Review.text(lang).to_string(),
        (None, _) => PlanText::FirstPlan.text(lang).to_string(),
    };
    let mut out = vec![format!("{}  {kind}", title(plan, lang))];
    out.push(pair("stage", v.stage.label(lang), lang));
    out.push(format!(
        "{}  {}  {}",
        pair("employer", &v.employer, lang),
        pair("workplace", &v.workplace, lang),
        pair("job", &v.job, lang)
    ));
    out.push(format!(
        "{}  {}",
        pair("hours_per_week", &v.hours_per_week, lang),
        pair("work_days", &v.work_days, lang)
    ));
    let explained = v.explained_on.map(|d| d.to_string()).unwrap_or_default();
    let share = if v.share_with.trim().is_empty() {
        PlanText::NoShare.text(lang).to_string()
    } else {
        v.share_with.clone()
    };
    let consent = if v.consent {
        PlanText::ConsentGiven.text(lang)
    } else {
        PlanText::ConsentMissing.text(lang)
    };
    out.push(format!(
        "{}  {}",
        pair("explained_on", &explained, lang),
        pair("consent", consent, lang)
    ));
    out.push(pair("share_with", &share, lang));
    if !v.recorded_by.is_empty() {
        out.push(pair("recorded_by", &v.recorded_by, lang));
    }
    block(&mut out, "handover", &v.handover, lang);
    block(&mut out, "agencies", &v.agencies, lang);
    block(&mut out, "health", &v.health, lang);
    block(&mut out, "living", &v.living, lang);
    block(&mut out, "long_term_goal", &v.long_term_goal, lang);

    out.push(String::new());
    out.push(format!("【{}】", PlanText::ShortTermGoals.text(lang)));
    for g in &plan.goals {
        out.push(format!(
            "{}. [{}] {}",
            g.position,
            g.domain.label(lang),
            g.goal
        ));
        for (name, text) in [("policy", &g.policy), ("content", &g.content)] {
            if !text.trim().is_empty() {
                out.push(format!("   {}", pair(name, text, lang)));
            }
        }
        out.push(format!(
            "   {}  {}",
            pair("period", &g.period, lang),
            pair("frequency", &g.frequency, lang)
        ));
    }

    if let Some(prev) = previous {
        out.push(String::new());
        out.push(format!("【{}】", PlanText::Evaluation.text(lang)));
        for g in &prev.goals {
            let Some(e) = plan.evaluation_of(&g.id) else {
                out.push(format!(
                    "{}. {} — {}",
                    g.position,
                    g.goal,
                    PlanText::NotEvaluated.text(lang)
                ));
                continue;
            };
            out.push(format!(
                "{}. {} — {}",
                g.position,
                g.goal,
                e.achievement.label(lang)
            ));
            for (name, text) in [
                ("effect", &e.effect),
                ("satisfaction", &e.satisfaction),
                ("remaining", &e.remaining),
                ("countermeasure", &e.countermeasure),
            ] {
                if !text.trim().is_empty() {
                    out.push(format!("   {}", pair(name, text, lang)));
                }
            }
        }
    }
    block(&mut out, "remarks", &v.remarks, lang);
    out
}
