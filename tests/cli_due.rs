//! The command line for due dates, plan reviews, reports, search and CSV, run
//! as a user would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Datelike, Months};

mod common;

use common::cli::Env;

/// A worker in month 8 of service, today's month as YYYY-MM.
fn setup(env: &Env, closed: bool) -> String {
    let today = env.today();
    let hire = today
        .with_day(1)
        .unwrap()
        .checked_sub_months(Months::new(14))
        .unwrap();
    env.ok(&[
        "worker",
        "add",
        "--name",
        "山田 太郎",
        "--kana",
        "やまだ たろう",
        "--hire-date",
        &hire.to_string(),
        "--disclosure",
        if closed { "closed" } else { "open" },
    ]);
    today.format("%Y-%m").to_string()
}

#[test]
fn due_lists_this_months_duties_and_a_plan_clears_its_line() {
    let env = Env::new();
    assert!(
        env.ok(&["due"])
            .contains("期限切れ・期限間近の対応はありません")
    );
    let month = setup(&env, false);
    let json = env.ok(&["due", "--json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let has = |duty: &str, m: Option<&str>| {
        items
            .iter()
            .any(|i| i["duty"] == duty && m.is_none_or(|m| i["month"] == m))
    };
    assert!(has("contact_worker", Some(&month)));
    assert!(has("report", Some(&month)));
    assert!(has("contact_employer", Some(&month)));
    // In service with no plan: the plan is overdue, and no review is due.
    let plan = items.iter().find(|i| i["duty"] == "plan").unwrap();
    assert_eq!(plan["state"], "overdue");
    assert_eq!(plan["action"]["action"], "open_plan");
    assert!(!has("plan_review", None));
    // The older review log's command now needs a plan to review; nothing saved.
    let err = env.fails(&["plan", "review", "山田", "--note", "見直し済み"]);
    assert!(err.contains("plan new"), "{err}");
    // A plan with nothing in it is no plan (issue 27): refused, the line stays.
    let err = env.fails(&["plan", "new", "山田", "--note", "初回の計画"]);
    assert!(
        err.contains("長期目標") && err.contains("本人の同意"),
        "{err}"
    );
    assert!(env.ok(&["due", "--json"]).contains("\"duty\": \"plan\""));
    let on = env.today().to_string();
    let first = env.path("first.toml");
    std::fs::write(
        &first,
        format!(
            "long_term_goal = \"働き続ける。\"\nexplained_on = \"{on}\"\nconsent = true\n\
             [[goal]]\ndomain = \"workplace\"\ngoal = \"報告する。\"\ncontent = \"報告の練習\"\n"
        ),
    )
    .unwrap();
    let first = first.to_string_lossy().into_owned();
    env.ok(&[
        "plan",
        "new",
        "山田",
        "--file",
        &first,
        "--note",
        "初回の計画",
    ]);
    // A review that evaluates no goal is refused too.
    let err = env.fails(&["plan", "review", "山田", "--note", "見直し済み"]);
    assert!(err.contains("前の版の短期目標1の評価"), "{err}");
    let review = env.path("review.toml");
    std::fs::write(
        &review,
        format!(
            "explained_on = \"{on}\"\nconsent = true\n\
             [[evaluation]]\ngoal = 1\nachievement = \"partly\"\n"
        ),
    )
    .unwrap();
    let review = review.to_string_lossy().into_owned();
    env.ok(&[
        "plan",
        "review",
        "山田",
        "--file",
        &review,
        "--note",
        "見直し済み",
    ]);
    let list = env.ok(&["plan", "list", "山田"]);
    assert!(list.contains("v1") && list.contains("v2"), "{list}");
    assert!(env.ok(&["plan", "show", "山田"]).contains("見直し済み"));
    let json = env.ok(&["due", "--json"]);
    assert!(!json.contains("\"plan"), "{json}");
    // A meeting this month does the worker's contact.
    env.ok(&[
        "contact",
        "add",
        "山田",
        "--mode",
        "meeting",
        "--notes",
        "服薬の確認",
    ]);
    let today = env.today();
    let this_month = format!("{}年{}月", today.year(), today.month());
    let text = env.ok(&["due"]);
    assert!(
        !text.contains(&format!("本人と対面の支援（{this_month}）")),
        "{text}"
    );
    assert!(text.contains(&format!("支援レポート（{this_month}）")));
}

#[test]
fn a_report_is_drafted_edited_printed_and_finalised() {
    let env = Env::new();
    let month = setup(&env, false);
    env.ok(&[
        "contact",
        "add",
        "山田",
        "--mode",
        "visit",
        "--with",
        "self,supervisor",
        "--notes",
        "作業の様子を確認。",
    ]);
    env.fails(&["report", "山田", "--month", &month]);
    assert!(
        env.ok(&["report", "draft", "山田", "--month", &month])
            .contains("下書き")
    );
    assert!(
        env.ok(&["report", "draft", "山田", "--month", &month])
            .contains("既にあります")
    );
    env.ok(&[
        "report",
        "set",
        "山田",
        "--month",
        &month,
        "--field",
        "goals",
        "--text",
        "一人で出荷作業を行う",
    ]);
    env.ok(&[
        "report",
        "set",
        "山田",
        "--month",
        &month,
        "--field",
        "result",
        "--text",
        "睡眠が乱れた",
    ]);
    env.ok(&[
        "report",
        "set",
        "山田",
        "--month",
        &month,
        "--share",
        "goals",
        "--confirmed",
        &env.today().to_string(),
    ]);
    let own = env.ok(&["report", "山田", "--month", &month]);
    assert!(
        own.contains("作業の様子を確認。") && own.contains("睡眠が乱れた"),
        "{own}"
    );
    assert!(own.contains("下書き（未確定）"));
    let employer = env.ok(&[
        "report", "山田", "--month", &month, "--for", "employer", "--format", "txt",
    ]);
    assert!(employer.contains("一人で出荷作業を行う"));
    assert!(
        !employer.contains("睡眠") && !employer.contains("作業の様子"),
        "{employer}"
    );
    let err = env.fails(&["report", "finalise", "山田", "--month", &month]);
    assert!(err.contains("「今後の支援の内容」が空"), "{err}");
    env.ok(&[
        "report",
        "set",
        "山田",
        "--month",
        &month,
        "--field",
        "next",
        "--text",
        "手順書を見直す",
    ]);
    let err = env.fails(&["report", "finalise", "山田", "--month", &month]);
    assert!(err.contains("提供日"), "{err}");
    let today = env.today().to_string();
    let out = env.ok(&[
        "report", "finalise", "山田", "--month", &month, "--handed", &today,
    ]);
    assert!(!out.contains("対面"), "the month had a visit: {out}");
    let err = env.fails(&[
        "report", "set", "山田", "--month", &month, "--field", "goals", "--text", "x",
    ]);
    assert!(err.contains("確定済み"), "{err}");
    env.ok(&["report", "finalise", "山田", "--month", &month, "--undo"]);
    env.ok(&[
        "report", "set", "山田", "--month", &month, "--field", "goals", "--text", "x",
    ]);
    assert!(
        env.fails(&["report", "山田", "--month", "2026-13"])
            .contains("YYYY-MM")
    );
    assert!(
        env.fails(&["report", "山田", "--month", &month, "--format", "pdf"])
            .contains("pdf")
    );
}

#[test]
fn the_employer_version_is_refused_for_closed_employment_without_consent() {
    let env = Env::new();
    let month = setup(&env, true);
    env.ok(&[
        "report",
        "set",
        "山田",
        "--month",
        &month,
        "--field",
        "shared",
        "--text",
        "シフト希望",
        "--share",
        "shared",
    ]);
    let err = env.fails(&["report", "山田", "--month", &month, "--for", "employer"]);
    assert!(err.contains("クローズ就労"), "{err}");
    env.ok(&[
        "report",
        "set",
        "山田",
        "--month",
        &month,
        "--consent",
        "yes",
        "--confirmed",
        &env.today().to_string(),
    ]);
    let out = env.ok(&["report", "山田", "--month", &month, "--for", "employer"]);
    assert!(out.contains("シフト希望"));
    // No employer contact is asked of a closed-employment worker.
    assert!(!env.ok(&["due", "--json"]).contains("contact_employer"));
}

#[test]
fn search_finds_two_character_words_and_csv_is_written_for_excel() {
    let env = Env::new();
    setup(&env, true);
    env.ok(&[
        "contact",
        "add",
        "山田",
        "--mode",
        "phone",
        "--notes",
        "服薬は安定している",
    ]);
    let out = env.ok(&["search", "服薬"]);
    assert!(out.contains("[服薬]") && out.contains("山田 太郎"), "{out}");
    let json = env.ok(&["search", "山田", "--json"]);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(hits[0]["kind"], "worker");
    assert!(
        env.ok(&["search", "見つからない語"])
            .contains("見つかりませんでした")
    );

    let file = env.path("out/workers.csv");
    env.ok(&["csv", "workers", "--out", file.to_str().unwrap()]);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("山田 太郎") && text.contains("●") && text.contains("\r\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let contacts = env.ok(&["csv", "contacts"]);
    assert!(contacts.starts_with('\u{FEFF}') && contacts.contains("服薬は安定している"));
    let err = env.fails(&["csv", "assessments"]);
    assert!(err.contains("workers"), "{err}");
}

#[test]
fn the_demo_dashboard_names_visits_reviews_and_ends() {
    // The day the suite first failed on the wall clock, a February end, a New
    // Year's Eve and a leap day.
    for day in ["2026-12-01", "2027-02-28", "2027-12-31", "2028-02-29"] {
        demo_dashboard_on(&Env::on(day));
    }
}

fn demo_dashboard_on(env: &Env) {
    let json = env.ok(&["--demo", "due", "--json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let find = |duty: &str, state: &str| {
        items
            .iter()
            .filter(|i| i["duty"] == duty && i["state"] == state)
            .map(|i| i["worker_name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    // At a month's end everyone may have been seen this month; last month's
    // miss is still open.
    assert!(
        !find("contact_worker", "due_soon").is_empty()
            || !find("contact_worker", "overdue").is_empty(),
        "{}: someone needs a visit",
        env.today
    );
    assert!(
        !find("handover", "due_soon").is_empty() || !find("handover", "overdue").is_empty(),
        "{}: someone's handover is open",
        env.today
    );
    assert!(find("plan_review", "overdue").contains(&"坂本 亮介".to_string()));
    assert!(
        !find("service_end", "due_soon").is_empty(),
        "someone's service ends soon"
    );
    // A drafted report of the demo prints, and its employer version for a
    // closed-employment worker without consent is refused.
    let last = (env.today().with_day(1).unwrap() - chrono::Days::new(1))
        .format("%Y-%m")
        .to_string();
    assert!(
        env.ok(&["--demo", "report", "前川", "--month", &last])
            .contains("支援実施の内容")
    );
    env.fails(&[
        "--demo", "report", "岡田", "--month", &last, "--for", "employer",
    ]);
}

#[test]
fn teichaku_today_moves_the_date_and_an_impossible_one_is_refused() {
    let env = Env::on("2027-01-25");
    setup(&env, false);
    // The dashboard speaks of the pinned day's month.
    assert!(env.ok(&["due"]).contains("2027年1月"));
    // A contact added without a date is dated on the pinned day.
    env.ok(&[
        "contact", "add", "山田", "--mode", "phone", "--notes", "電話",
    ]);
    assert!(env.ok(&["contact", "list", "山田"]).contains("2027-01-25"));

    for bad in ["2026-02-30", "tomorrow", "2026-13-01"] {
        let bad_env = Env::on(bad);
        let err = bad_env.fails(&["due"]);
        assert!(err.contains("TEICHAKU_TODAY") && err.contains(bad), "{err}");
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        assert!(!bad_env.db().exists(), "nothing is created on a bad date");
        let err = bad_env.fails(&["--lang", "en", "worker", "list"]);
        assert!(err.contains("is not a date"), "{err}");
    }
    // An escape sequence in the variable never reaches the terminal.
    let err = Env::on("\u{1b}[31m2026").fails(&["due"]);
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

/// The old bug: `report draft` then `report finalise` with nothing in it
/// cleared the month's report duty. Now finalising needs content, the
/// worker's confirmation and the handover date, and only such a report
/// clears the duty.
#[test]
fn an_empty_report_cannot_be_finalised_and_does_not_clear_the_duty() {
    let env = Env::new();
    let month = setup(&env, false);
    env.ok(&["report", "draft", "山田", "--month", &month]);
    let err = env.fails(&["report", "finalise", "山田", "--month", &month]);
    assert!(err.contains("「その月の主な支援目標」が空"), "{err}");
    let err = env.fails(&[
        "--lang", "en", "report", "finalise", "山田", "--month", &month,
    ]);
    assert!(err.contains("“Main goals this month” is empty"), "{err}");
    let reports_due = |env: &Env| {
        env.ok(&["due", "--json"])
            .matches("\"duty\": \"report\"")
            .count()
    };
    let before = reports_due(&env);
    assert!(before >= 1);
    assert!(env.ok(&["report", "list", "山田"]).contains("下書き"));

    for (field, text) in [
        ("goals", "出荷作業を一人で"),
        ("done", "電話で様子を聞いた"),
        ("result", "安定している"),
        ("next", "来月も訪問する"),
    ] {
        env.ok(&[
            "report", "set", "山田", "--month", &month, "--field", field, "--text", text,
        ]);
    }
    let today = env.today();
    let tomorrow = today.succ_opt().unwrap().to_string();
    let err = env.fails(&[
        "report",
        "finalise",
        "山田",
        "--month",
        &month,
        "--confirmed",
        &tomorrow,
        "--handed",
        &tomorrow,
    ]);
    assert!(err.contains("本人確認日が今日"), "{err}");
    assert!(
        env.ok(&["report", "list", "山田"]).contains("下書き"),
        "nothing saved"
    );
    let today = today.to_string();
    let out = env.ok(&[
        "report",
        "finalise",
        "山田",
        "--month",
        &month,
        "--confirmed",
        &today,
        "--handed",
        &today,
    ]);
    assert!(
        out.contains("対面"),
        "no face-to-face contact this month: {out}"
    );
    assert!(out.contains("確定しました"), "{out}");
    assert_eq!(
        reports_due(&env),
        before - 1,
        "this month's report duty is met"
    );
}

#[test]
fn a_contacts_next_action_is_a_follow_up_until_done_and_a_later_one_supersedes_it() {
    let env = Env::new();
    setup(&env, false);
    let today = env.today();
    let day = |n: i64| (today + chrono::Duration::days(n)).to_string();
    let follow_ups = || -> Vec<serde_json::Value> {
        let items: Vec<serde_json::Value> =
            serde_json::from_str(&env.ok(&["due", "--json"])).unwrap();
        items
            .into_iter()
            .filter(|i| i["duty"] == "follow_up")
            .collect()
    };
    env.ok(&[
        "contact",
        "add",
        "山田",
        "--mode",
        "phone",
        "--date",
        &day(-5),
        "--next-action",
        "上司に配置換えを確認",
        "--next-due",
        &day(-1),
    ]);
    let f = follow_ups();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["state"], "overdue");
    assert_eq!(f[0]["due"], day(-1));
    assert_eq!(f[0]["detail"], "上司に配置換えを確認");
    assert!(env.ok(&["due"]).contains("次の対応：上司に配置換えを確認"));
    // A later contact with its own next action supersedes it.
    env.ok(&[
        "contact",
        "add",
        "山田",
        "--mode",
        "phone",
        "--date",
        &day(0),
        "--next-action",
        "主治医に連絡",
        "--next-due",
        &day(3),
    ]);
    let f = follow_ups();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["detail"], "主治医に連絡");
    assert_eq!(f[0]["state"], "due_soon");
    // Done: off the list; done again is refused with a sentence.
    let out = env.ok(&["due", "done", "山田"]);
    assert!(out.contains("済みにしました"), "{out}");
    assert!(follow_ups().is_empty());
    let err = env.fails(&["due", "done", "山田"]);
    assert!(err.contains("済みでない次の対応はありません"), "{err}");
}
