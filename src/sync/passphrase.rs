//! The agency's sync passphrase: where scripts give it and how long it must
//! be. It is never written anywhere; the CLI's prompt is `cli/sync.rs`'s.

use crate::error::{Error, Result};

pub const PASSPHRASE_ENV: &str = "TEICHAKU_SYNC_PASSPHRASE";
/// Short passphrases fall quickly to guessing, Argon2id or not.
pub const MIN_LEN: usize = 10;

pub fn check(pass: String) -> Result<String> {
    if pass.chars().count() < MIN_LEN {
        return Err(Error::PassphraseTooShort { min: MIN_LEN });
    }
    Ok(pass)
}
