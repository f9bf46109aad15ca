//! Where the agency's sync passphrase comes from: the environment, or a prompt
//! that does not echo. It is never written anywhere.

use std::io::IsTerminal;

use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg};

pub const PASSPHRASE_ENV: &str = "TEICHAKU_SYNC_PASSPHRASE";
/// Short passphrases fall quickly to guessing, Argon2id or not.
pub const MIN_LEN: usize = 10;

/// Reads the passphrase; `confirm` asks twice at a prompt (for exports, so a
/// typo never produces a bundle nobody can open).
pub fn obtain(lang: Lang, confirm: bool) -> Result<String> {
    let pass = match std::env::var(PASSPHRASE_ENV) {
        Ok(p) if !p.is_empty() => p,
        _ => {
            if !std::io::stdin().is_terminal() {
                return Err(Error::PassphraseMissing);
            }
            let first = prompt(Msg::PassphrasePrompt.text(lang))?;
            if confirm {
                let again = prompt(Msg::PassphraseAgain.text(lang))?;
                if again != first {
                    return Err(Error::PassphraseMismatch);
                }
            }
            first
        }
    };
    check(pass)
}

fn prompt(text: &str) -> Result<String> {
    rpassword::prompt_password(text).map_err(|_| Error::PassphraseMissing)
}

pub fn check(pass: String) -> Result<String> {
    if pass.chars().count() < MIN_LEN {
        return Err(Error::PassphraseTooShort { min: MIN_LEN });
    }
    Ok(pass)
}
