//! Importing a form export from the TUI (as `teichaku selfreport import`):
//! the file, an optional mapping, the encoding and what to do with a day
//! held with other values (keep what is held, or take the file's); Ctrl-S
//! shows the preview (which column went where, new, already present, each
//! changed row held → file, each row that cannot be imported and why) and
//! asks before importing the rows that are fine, in one transaction, run
//! behind a gauge (`tui::jobs`): Esc there rolls it back.

use super::prelude::*;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::domain::selfreport::SelfReport;
use crate::domain::selfreport_import::Preview;
use crate::i18n::selfreport as text;
use crate::i18n::{self, Lang};
use crate::tui::app::{Dialog, Pending};
use crate::tui::widgets::form::{Field, Form, Outcome};

const FILE: usize = 0;
const MAPPING: usize = 1;
const ENCODING: usize = 2;
const CHANGED: usize = 3;

pub struct ImportScreen {
    pub form: Form,
    /// The last preview, shown under the form; imported on "yes".
    preview: Option<Preview>,
    lines: Vec<String>,
    /// Confirmed, waiting for its job to start.
    pending: Option<Saving>,
}

/// The rows to import once confirmed, and what the result line needs.
struct Saving {
    rows: Vec<SelfReport>,
    changed: Vec<SelfReport>,
    held: usize,
    replace: bool,
}

impl ImportScreen {
    pub fn new(env: &Env<'_>) -> ImportScreen {
        let l = env.lang;
        let fields = vec![
            Field::line(l.pick("CSV ファイル", "CSV file"), "", None).with_hint(l.pick(
                "Google フォーム・Microsoft Forms・Excel",
                "Google Forms, Microsoft Forms, Excel",
            )),
            Field::line(l.pick("対応表（任意）", "Mapping (optional)"), "", None)
                .with_hint(l.pick("空なら見出しから判断", "empty: from the header")),
            Field::choice(
                l.pick("文字コード", "Encoding"),
                vec![
                    l.pick("自動", "detect").to_string(),
                    "UTF-8".to_string(),
                    "Shift_JIS".to_string(),
                ],
                0,
            )
            .with_hint(super::choice_hint(env.keymap, l)),
            Field::choice(
                l.pick("変更のある日", "Changed days"),
                vec![
                    l.pick("今の記録を残す", "keep what is held").to_string(),
                    l.pick("ファイルの値にする", "take the file's values")
                        .to_string(),
                ],
                0,
            )
            .with_hint(super::choice_hint(env.keymap, l)),
        ];
        ImportScreen {
            form: Form::new(fields, FILE),
            preview: None,
            lines: Vec::new(),
            pending: None,
        }
    }

    fn title(l: Lang) -> &'static str {
        l.pick("日報の取り込み", "Import self-reports")
    }

    fn preview(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let f = &self.form.fields;
        let file = f[FILE].text();
        let mapping = f[MAPPING].text();
        let encoding = match f[ENCODING].selected() {
            1 => Some("utf-8"),
            2 => Some("shift_jis"),
            _ => None,
        };
        let mapping =
            (!mapping.trim().is_empty()).then(|| std::path::PathBuf::from(mapping.trim()));
        let result = env.store.selfreport_preview(
            std::path::Path::new(file.trim()),
            mapping.as_deref(),
            encoding,
        );
        match result {
            Err(e) => {
                self.preview = None;
                self.lines = vec![i18n::error_message(&e, l)];
                Effect::None
            }
            Ok(p) => {
                self.lines = text::preview(&p, env.store.selfreport_items(), l);
                let replace = self.replace();
                let (n, bad) = (p.new.len(), p.problems.len());
                let changed = p.changed.len();
                let writes = n + if replace { changed } else { 0 };
                self.preview = Some(p);
                if writes == 0 {
                    let mut status = text::imported(0, l);
                    if let Some(kept) = text::changed_result(changed, false, l) {
                        status.push_str(&kept);
                    }
                    return Effect::Status(status);
                }
                let mut message = String::new();
                if let Some(c) = text::changed_choice(changed, replace, l) {
                    message.push_str(&c);
                }
                message.push_str(&match l {
                    Lang::Ja if n == 0 => "よろしいですか？".to_string(),
                    Lang::Ja if bad > 0 => {
                        format!("取り込めない行 {bad} 件を除いて、新規 {n} 件を取り込みますか？")
                    }
                    Lang::Ja => format!("新規 {n} 件を取り込みますか？"),
                    Lang::En if n == 0 => "Go ahead?".to_string(),
                    Lang::En if bad > 0 => format!(
                        "Import the {n} new rows, leaving out {bad} that cannot be imported?"
                    ),
                    Lang::En => format!("Import the {n} new rows?"),
                });
                // The counts stay in view over the dialog.
                let head = self.lines.first().cloned().unwrap_or_default();
                Effect::Confirm(Dialog {
                    message: format!("{head}\n{message}"),
                    on_yes: Pending::Screen,
                })
            }
        }
    }

    /// The supporter chose to take the file's values for changed days.
    fn replace(&self) -> bool {
        self.form.fields[CHANGED].selected() == 1
    }
}

impl Component for ImportScreen {
    fn context(&self) -> Context {
        Context::Form
    }
    fn wants_raw(&self, ev: &KeyEvent) -> bool {
        self.form.wants_raw(ev)
    }
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        match self.form.handle(ev, action) {
            Outcome::Nothing | Outcome::Changed => Effect::None,
            Outcome::Cancel => Effect::Pop,
            Outcome::Save => self.preview(env),
        }
    }
    /// Yes: the import starts behind its gauge after this frame.
    fn confirmed(&mut self, _env: &mut Env<'_>) -> Effect {
        let Some(p) = self.preview.take() else {
            return Effect::None;
        };
        let replace = self.replace();
        let changed: Vec<_> = if replace {
            p.changed.iter().map(|c| c.new.clone()).collect()
        } else {
            Vec::new()
        };
        self.pending = Some(Saving {
            rows: p.new.into_iter().map(|(_, r)| r).collect(),
            changed,
            held: p.changed.len(),
            replace,
        });
        Effect::None
    }
    fn has_work(&self) -> bool {
        self.pending.is_some()
    }
    fn job(&mut self, env: &mut Env<'_>) -> Option<BackgroundJob> {
        let s = self.pending.take()?;
        let title = Self::title(env.lang).to_string();
        Some(BackgroundJob::new(title, move |je| {
            let done = je
                .store
                .import_selfreports_replacing(&s.rows, &s.changed)
                .map(|(n, _)| (n, s.held, s.replace));
            Box::new(done)
        }))
    }
    fn job_done(&mut self, out: Option<JobOutput>, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        type Done = crate::Result<(usize, usize, bool)>;
        match out.and_then(|o| o.downcast::<Done>().ok()).map(|b| *b) {
            Some(Ok((n, held, replace))) => {
                let mut message = text::imported(n, l);
                if let Some(c) = text::changed_result(held, replace, l) {
                    message.push_str(&c);
                }
                Effect::Saved {
                    message,
                    draft: None,
                }
            }
            Some(Err(e)) => Effect::Status(i18n::error_message(&e, l)),
            None => Effect::Status(i18n::jobs::vanished(l).to_string()),
        }
    }
    fn paste(&mut self, text: &str, _env: &mut Env<'_>) {
        self.form.paste(text);
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let body = super::titled(frame, area, Self::title(env.lang));
        let [form, lines] =
            Layout::vertical([Constraint::Length(5), Constraint::Min(1)]).areas(body);
        self.form.draw(frame, form);
        let width = usize::from(lines.width);
        let shown: Vec<Line> = self
            .lines
            .iter()
            .flat_map(|l| crate::text::wrap(l, width))
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(shown), lines);
    }
}
