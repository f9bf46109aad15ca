//! The app's side of the lock screen (tui/lock.rs): locking after idle
//! minutes with the draft saved, and unlocking with the passphrase.

use crossterm::event::KeyEvent;

use super::App;
use crate::i18n;
use crate::tui::keymap::{Action, Context};
use crate::tui::lock::{Lock, LockKey};

impl App {
    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// Locks the screen now: what is being typed goes to its draft first
    /// (and stays in its form, which comes back on unlocking).
    pub fn lock_now(&mut self) {
        self.save_draft_now();
        let demo = self.store.key().is_some_and(crate::store::DbKey::is_demo);
        self.lock = Some(if demo {
            Lock::idle_without_passphrase()
        } else {
            Lock::idle()
        });
    }

    pub(super) fn handle_lock_key(&mut self, ev: &KeyEvent) {
        if self.cfg.keymap.action(Context::Global, ev) == Some(Action::Quit) {
            self.save_draft_now();
            self.quit = true;
            return;
        }
        let Some(lock) = self.lock.as_mut() else {
            return;
        };
        if let LockKey::Try(mut pass) = lock.handle(ev) {
            // The demo has no passphrase: Enter alone unlocks it.
            let checked = if lock.no_passphrase {
                Ok(())
            } else {
                crate::store::unlock::verify(&self.store, &pass)
            };
            zeroize::Zeroize::zeroize(&mut pass);
            match checked {
                Ok(()) => {
                    self.lock = None;
                    self.last_input = None;
                }
                Err(e) => lock.refused(i18n::error_message(&e, self.cfg.lang)),
            }
        }
    }
}
