//! The names teichaku writes for the user: the staff name (記録者 on new
//! records) and the agency's name (at the head of printed documents), and
//! the backup folder (a USB stick, a NAS: one backup a day at quit). Asked
//! on the first run, editable later from the home screen; saved into the
//! settings file by the app (`Effect::SaveNames`).

use super::prelude::*;

use crate::i18n::Lang;
use crate::tui::widgets::form::{Field, Form};

const STAFF: usize = 0;
const AGENCY: usize = 1;
const BACKUP: usize = 2;

pub struct SettingsForm {
    pub form: Form,
    first_run: bool,
}

impl SettingsForm {
    /// The form with the names in use; `first_run` words it as a welcome.
    pub fn new(env: &Env<'_>, first_run: bool) -> SettingsForm {
        let l = env.lang;
        let fields = vec![
            Field::line(l.pick("記録者", "Your name"), env.staff_name, Some(24)).with_hint(l.pick(
                "あなたの名前。記録の「記録者」に入る",
                "written as \"recorded by\" on new records",
            )),
            Field::line(l.pick("事業所名", "Agency"), &env.print.agency, Some(32))
                .with_hint(l.pick("印刷する書類の冒頭に入ります", "printed on documents")),
            Field::line(
                l.pick("バックアップ", "Backup to"),
                &env.backup_folder
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                Some(32),
            )
            .with_hint(l.pick(
                "終了時に1日1回作る（USB・NAS）",
                "one a day at quit (USB, NAS)",
            )),
        ];
        SettingsForm {
            form: Form::new(fields, STAFF),
            first_run,
        }
    }

    fn save(&mut self, _env: &mut Env<'_>) -> Effect {
        Effect::SaveNames {
            staff_name: crate::text::strip_unsafe(&self.form.fields[STAFF].text()).into_owned(),
            agency: crate::text::strip_unsafe(&self.form.fields[AGENCY].text()).into_owned(),
            backup_folder: crate::text::strip_unsafe(&self.form.fields[BACKUP].text())
                .trim()
                .to_string(),
        }
    }

    fn title(&self, l: Lang) -> String {
        if self.first_run {
            l.pick(
                "はじめに — 記録者と事業所名（Esc で後から）",
                "Welcome — your name and the agency's (Esc: later)",
            )
            .to_string()
        } else {
            l.pick("設定 — 記録者と事業所名", "Settings — names")
                .to_string()
        }
    }
}

super::form_screen!(SettingsForm);
