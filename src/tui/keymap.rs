//! Key bindings as data: `keymaps/default.toml` (embedded) is the truth; a preset
//! and the user's `keymap.toml` merge over it action by action. The help bar and
//! the help screen are generated from the merged map.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use crate::i18n::Lang;

pub const DEFAULT_TOML: &str = include_str!("../../keymaps/default.toml");
/// Presets shipped with the program, by name.
pub const PRESETS: &[(&str, &str)] = &[("vim", include_str!("../../keymaps/vim.toml"))];

macro_rules! contexts {
    ($($variant:ident = $name:literal, $ja:literal, $en:literal;)+) => {
        /// Where a key is pressed: each screen has its own bindings, `Global`
        /// applies everywhere after them. Declared once: the name in keymap
        /// files and the help screen's title follow from this list.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Context { $($variant),+ }

        impl Context {
            pub const ALL: [Context; [$($name),+].len()] = [$(Context::$variant),+];

            /// The section name in keymap files.
            pub fn name(self) -> &'static str {
                match self { $(Context::$variant => $name),+ }
            }

            pub fn title(self, lang: Lang) -> &'static str {
                match self { $(Context::$variant => lang.pick($ja, $en)),+ }
            }
        }
    };
}

contexts! {
    Global = "global", "どの画面でも", "Everywhere";
    Dashboard = "dashboard", "ホーム（期限の一覧）", "Home (what is due)";
    Workers = "workers", "利用者一覧", "Worker list";
    Worker = "worker", "利用者の画面", "Worker page";
    Contact = "contact", "記録を読む", "Reading a contact";
    Search = "search", "検索", "Search";
    Report = "report", "支援レポート", "Support report";
    Handover = "handover", "引継ぎ", "Handover";
    Form = "form", "入力フォーム", "Forms";
    Checklist = "checklist", "チェックリストの入力", "Checklist entry";
    Summary = "summary", "チェックリストのまとめ", "Checklist summary";
    Dialog = "dialog", "確認", "Confirmation";
    Help = "help", "ヘルプ", "Help";
    Sync = "sync", "同期", "Sync";
    Conflicts = "conflicts", "競合の一覧", "Conflicts";
    Conflict = "conflict", "競合を解決", "Resolving a conflict";
    Plan = "plan", "支援計画", "Support plan";
    SelfReportEntry = "selfreport_entry", "日報の入力", "Self-report entry";
    SelfReports = "selfreports", "日報（月）", "Self-reports (month)";
    Missed = "missed", "未記録の月", "Missed months";
    People = "people", "関係者（リソースマップ）", "Resource map";
    Deleted = "deleted", "削除済み", "Deleted";
    Job = "job", "処理中（同期・取り込み・書き出し）", "While a job runs (sync, import, export)";
}

impl Context {
    fn from_name(s: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == s)
    }
}

macro_rules! actions {
    ($($variant:ident = $name:literal,)+) => {
        /// Everything a key can do.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Action { $($variant),+ }
        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }
            fn from_name(s: &str) -> Option<Action> {
                match s { $($name => Some(Action::$variant),)+ _ => None }
            }
        }
    };
}

actions! {
    Quit = "quit",
    Help = "help",
    Up = "up",
    Down = "down",
    PageUp = "page_up",
    PageDown = "page_down",
    Open = "open",
    Back = "back",
    NewWorker = "new_worker",
    Sort = "sort",
    ClearFilter = "clear_filter",
    NewContact = "new_contact",
    EditContact = "edit_contact",
    DeleteContact = "delete_contact",
    EditWorker = "edit_worker",
    DeleteWorker = "delete_worker",
    NextField = "next_field",
    PrevField = "prev_field",
    ChoiceNext = "choice_next",
    ChoicePrev = "choice_prev",
    Toggle = "toggle",
    Save = "save",
    Cancel = "cancel",
    Checklist = "checklist",
    Summary = "summary",
    NotAssessed = "not_assessed",
    PrevItem = "prev_item",
    NextItem = "next_item",
    Comment = "comment",
    Pause = "pause",
    NextInstrument = "next_instrument",
    Yes = "yes",
    No = "no",
    Sync = "sync",
    AccessLog = "access_log",
    Export = "export",
    Import = "import",
    SyncFolder = "sync_folder",
    Conflicts = "conflicts",
    Pick = "pick",
    EditMerged = "edit_merged",
    DoDuty = "do_duty",
    FollowUpDone = "follow_up_done",
    Waive = "waive",
    Settings = "settings",
    Filter = "filter",
    GroupView = "group_view",
    ResourceMap = "resource_map",
    Prior = "prior",
    NewPerson = "new_person",
    EditPerson = "edit_person",
    DeletePerson = "delete_person",
    WorkerList = "worker_list",
    Search = "search",
    MonthReport = "month_report",
    Handover = "handover",
    NewSharing = "new_sharing",
    Decide = "decide",
    DraftReport = "draft_report",
    EditField = "edit_field",
    ToggleShared = "toggle_shared",
    ToggleConsent = "toggle_consent",
    ToggleConfirmed = "toggle_confirmed",
    ToggleHanded = "toggle_handed",
    Finalise = "finalise",
    SelfReport = "self_report",
    SelfReports = "self_reports",
    ImportSelfReports = "import_self_reports",
    PrevDay = "prev_day",
    NextDay = "next_day",
    Acknowledge = "acknowledge",
    PrevMonth = "prev_month",
    NextMonth = "next_month",
    Print = "print",
    PrintEmployer = "print_employer",
    Plan = "plan",
    NewPlan = "new_plan",
    PrevVersion = "prev_version",
    NextVersion = "next_version",
    Deleted = "deleted",
    Restore = "restore",
}

/// A key with its modifiers, normalised so that "shift-a" and "A" are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: KeyCodeOrd,
    mods: u8,
}

/// `KeyCode` with an order, so bindings can live in sorted maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(u8),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
];

const CTRL: u8 = 1;
const ALT: u8 = 2;
const SHIFT: u8 = 4;

impl Key {
    /// From a terminal event. Shift is folded into the character for printable
    /// keys, and shift-tab is `backtab` whichever way the terminal reports it.
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let mut mods = 0;
        if ev.modifiers.contains(KeyModifiers::CONTROL) {
            mods |= CTRL;
        }
        if ev.modifiers.contains(KeyModifiers::ALT) {
            mods |= ALT;
        }
        let shift = ev.modifiers.contains(KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(' ') => KeyCodeOrd::Named(NAMED.len() as u8),
            KeyCode::Char(c) => {
                let c = if mods & CTRL != 0 {
                    c.to_ascii_lowercase()
                } else {
                    c
                };
                KeyCodeOrd::Char(c)
            }
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::Tab if shift => KeyCodeOrd::Named(named_index(KeyCode::BackTab)?),
            other => KeyCodeOrd::Named(named_index(other)?),
        };
        if shift
            && !matches!(code, KeyCodeOrd::Char(_))
            && ev.code != KeyCode::Tab
            && ev.code != KeyCode::BackTab
        {
            mods |= SHIFT;
        }
        Some(Key { code, mods })
    }

    /// From a name in a keymap file: "n", "?", "ctrl-s", "shift-up", "f1", "space".
    pub fn parse(spec: &str) -> Option<Key> {
        let mut mods = 0;
        let mut rest = spec.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            let (flag, len) = if lower.starts_with("ctrl-") {
                (CTRL, 5)
            } else if lower.starts_with("alt-") {
                (ALT, 4)
            } else if lower.starts_with("shift-") {
                (SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == len {
                break; // "ctrl-" alone, or the key "-" after a prefix
            }
            mods |= flag;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods & SHIFT != 0 {
                    mods &= !SHIFT;
                    KeyCodeOrd::Char(c.to_ascii_uppercase())
                } else if mods & CTRL != 0 {
                    KeyCodeOrd::Char(c.to_ascii_lowercase())
                } else {
                    KeyCodeOrd::Char(c)
                }
            }
            _ => {
                let lower = rest.to_ascii_lowercase();
                if lower == "space" {
                    KeyCodeOrd::Named(NAMED.len() as u8)
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if !(1..=12).contains(&n) {
                        return None;
                    }
                    KeyCodeOrd::F(n)
                } else {
                    let code = NAMED.iter().find(|(name, _)| *name == lower)?.1;
                    KeyCodeOrd::Named(named_index(code)?)
                }
            }
        };
        Some(Key { code, mods })
    }

    /// How the key is shown in the help bar: "Ctrl-S", "Enter", "?".
    pub fn label(&self) -> String {
        let mut s = String::new();
        if self.mods & CTRL != 0 {
            s.push_str("Ctrl-");
        }
        if self.mods & ALT != 0 {
            s.push_str("Alt-");
        }
        if self.mods & SHIFT != 0 {
            s.push_str("Shift-");
        }
        match self.code {
            KeyCodeOrd::Char(c) if self.mods & CTRL != 0 => s.push(c.to_ascii_uppercase()),
            KeyCodeOrd::Char(c) => s.push(c),
            KeyCodeOrd::F(n) => s.push_str(&format!("F{n}")),
            KeyCodeOrd::Named(i) => {
                let name = NAMED.get(usize::from(i)).map_or("Space", |(n, _)| n);
                let label = match name {
                    "pageup" => "PgUp".to_string(),
                    "pagedown" => "PgDn".to_string(),
                    "backtab" => "Shift-Tab".to_string(),
                    n => {
                        let mut c = n.chars();
                        c.next()
                            .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                            .unwrap_or_default()
                    }
                };
                s.push_str(&label);
            }
        }
        s
    }
}

fn named_index(code: KeyCode) -> Option<u8> {
    NAMED
        .iter()
        .position(|(_, c)| *c == code)
        .and_then(|i| u8::try_from(i).ok())
}

/// One action's keys and descriptions.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub ja: String,
    pub en: String,
}

impl Binding {
    pub fn describe(&self, lang: Lang) -> &str {
        lang.pick(&self.ja, &self.en)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    /// Per context, the actions in file order with their bindings.
    contexts: BTreeMap<Context, Vec<(Action, Binding)>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    keys: Vec<String>,
    ja: Option<String>,
    en: Option<String>,
}

type RawFile = toml::Table;

impl Keymap {
    /// The shipped default map. It is tested to parse without conflicts
    /// (`default_problems`), so failure here is a bug.
    pub fn defaults() -> Keymap {
        Self::parse_defaults().unwrap_or_else(|(map, e)| {
            // Unreachable with the shipped file; the map still lets the user quit.
            eprintln!("keymaps/default.toml: {e}");
            map
        })
    }

    /// What is wrong with the shipped default map, if anything (for tests).
    pub fn default_problems() -> Option<String> {
        Self::parse_defaults().err().map(|(_, e)| e)
    }

    fn parse_defaults() -> Result<Keymap, (Keymap, String)> {
        let mut map = Keymap {
            contexts: BTreeMap::new(),
        };
        match map
            .merge_str(DEFAULT_TOML, true)
            .and_then(|()| map.check_conflicts())
        {
            Ok(()) => Ok(map),
            Err(e) => Err((map, e)),
        }
    }

    /// The default map with a preset and a user file merged over it. A broken
    /// preset name or user file is reported, and the map without it is used.
    pub fn load(preset: Option<&str>, user: Option<&str>) -> (Keymap, Vec<String>) {
        let mut map = Keymap::defaults();
        let mut errors = Vec::new();
        if let Some(name) = preset.filter(|n| !n.is_empty() && *n != "default") {
            match PRESETS.iter().find(|(n, _)| *n == name) {
                Some((_, text)) => {
                    if let Err(e) = map.merge_checked(text) {
                        errors.push(format!("keymaps/{name}.toml: {e}"));
                    }
                }
                None => errors.push(format!("keymap preset \"{name}\" ?")),
            }
        }
        if let Some(text) = user
            && let Err(e) = map.merge_checked(text)
        {
            errors.push(format!("keymap.toml: {e}"));
        }
        (map, errors)
    }

    /// Merges `text` over a copy; keeps the copy only if all of it is valid.
    pub fn merge_checked(&mut self, text: &str) -> Result<(), String> {
        let mut next = self.clone();
        next.merge_str(text, false)?;
        next.check_conflicts()?;
        *self = next;
        Ok(())
    }

    fn merge_str(&mut self, text: &str, is_default: bool) -> Result<(), String> {
        let raw: RawFile = toml::from_str(text).map_err(|e| e.to_string())?;
        for (ctx_name, actions) in raw {
            let ctx = Context::from_name(&ctx_name)
                .ok_or_else(|| format!("unknown section [{ctx_name}]"))?;
            let actions = actions
                .as_table()
                .ok_or_else(|| format!("[{ctx_name}] must be a table"))?;
            for (action_name, value) in actions {
                let action = Action::from_name(action_name)
                    .ok_or_else(|| format!("[{ctx_name}] unknown action \"{action_name}\""))?;
                let raw: RawBinding = value
                    .clone()
                    .try_into()
                    .map_err(|e| format!("[{ctx_name}] {action_name}: {e}"))?;
                let keys = raw
                    .keys
                    .iter()
                    .map(|k| {
                        Key::parse(k).ok_or_else(|| {
                            format!("[{ctx_name}] {action_name}: unknown key \"{k}\"")
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                let list = self.contexts.entry(ctx).or_default();
                match list.iter_mut().find(|(a, _)| *a == action) {
                    Some((_, binding)) => {
                        binding.keys = keys;
                        if let Some(ja) = raw.ja {
                            binding.ja = ja;
                        }
                        if let Some(en) = raw.en {
                            binding.en = en;
                        }
                    }
                    None if is_default => list.push((
                        action,
                        Binding {
                            keys,
                            ja: raw.ja.unwrap_or_default(),
                            en: raw.en.unwrap_or_default(),
                        },
                    )),
                    None => {
                        return Err(format!(
                            "[{ctx_name}] {action_name} is not an action of this screen"
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Two actions of one screen on the same key. (A screen's key may shadow a
    /// `global` one: the screen is asked first.)
    fn check_conflicts(&self) -> Result<(), String> {
        for (ctx, list) in &self.contexts {
            let mut seen: BTreeMap<Key, Action> = BTreeMap::new();
            for (action, binding) in list {
                for key in &binding.keys {
                    if let Some(other) = seen.insert(*key, *action)
                        && other != *action
                    {
                        return Err(format!(
                            "[{}] \"{}\" is bound to both {} and {}",
                            ctx.name(),
                            key.label(),
                            other.name(),
                            action.name()
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// The action for a key on a screen; `global` is asked after the screen.
    pub fn action(&self, ctx: Context, ev: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(ev)?;
        [ctx, Context::Global].into_iter().find_map(|c| {
            self.contexts
                .get(&c)?
                .iter()
                .find(|(_, b)| b.keys.contains(&key))
                .map(|(a, _)| *a)
        })
    }

    /// The bindings of one screen, in file order.
    pub fn bindings(&self, ctx: Context) -> &[(Action, Binding)] {
        self.contexts.get(&ctx).map_or(&[], Vec::as_slice)
    }

    /// The first key of an action, for hints ("Ctrl-N で追加").
    pub fn first_key(&self, ctx: Context, action: Action) -> Option<String> {
        self.bindings(ctx)
            .iter()
            .find(|(a, _)| *a == action)
            .and_then(|(_, b)| b.keys.first())
            .map(Key::label)
    }
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
