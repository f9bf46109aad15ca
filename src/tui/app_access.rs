//! The app's side of the access log (screens/access.rs): a screen's line is
//! written when it comes on top, unless the same view is already open in the
//! stack below (back from a form to the worker page is not a new line; the
//! worker opened again after closing it is).

use super::{App, Screen};
use crate::i18n;

impl App {
    /// Writes the line of the screen on top if its view is not among those
    /// logged and still open. A screen whose line cannot be written is
    /// closed, with the error, rather than shown unlogged.
    pub(super) fn log_view(&mut self) {
        let open: Vec<_> = self.stack.iter().filter_map(Screen::view).collect();
        self.logged_views.retain(|v| open.contains(v));
        loop {
            let Some(view) = self.top().and_then(Screen::view) else {
                return;
            };
            if self.logged_views.contains(&view) {
                return;
            }
            match self
                .store
                .log_access(view.action, view.worker_id.as_deref(), view.detail)
            {
                Ok(()) => {
                    self.logged_views.push(view);
                    return;
                }
                Err(e) => {
                    self.status = Some(i18n::error_message(&e, self.cfg.lang));
                    if self.stack.len() <= 1 {
                        return;
                    }
                    self.stack.pop();
                }
            }
        }
    }
}
