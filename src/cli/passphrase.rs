//! The database passphrase on the command line: from `TEICHAKU_DB_PASSPHRASE`
//! (scripts, tests) or a prompt that does not echo; chosen twice for a new
//! database or a plaintext one being encrypted; `teichaku passphrase change`.

use std::io::IsTerminal;
use std::path::Path;

use clap::Subcommand;

use crate::error::{Error, Result};
use crate::i18n::{Lang, crypt};
use crate::store::Store;
use crate::store::unlock::{self, PASSPHRASE_ENV, State};
use crate::sync::passphrase::{MIN_LEN, check};

/// The new passphrase of `passphrase change` in scripts.
pub const NEW_PASSPHRASE_ENV: &str = "TEICHAKU_DB_NEW_PASSPHRASE";

#[derive(Debug, Subcommand)]
pub enum PassphraseCmd {
    /// パスフレーズを変えて暗号化し直す / change the passphrase and re-encrypt
    Change,
}

/// Opens the database at `db`, asking for what its state needs.
pub fn open_store(db: &Path, lang: Lang) -> Result<Store> {
    let pass = match unlock::state(db)? {
        State::Encrypted => current(lang)?,
        // Nothing can be made there: said before a passphrase is chosen.
        State::New | State::Plaintext if crate::store::read_only::media_read_only(db) => {
            return Err(crate::Error::ReadOnlyData {
                path: db.to_path_buf(),
            });
        }
        State::New => choose(lang, PASSPHRASE_ENV)?,
        State::Plaintext => {
            eprintln!("{}", crypt::conversion_notice(lang));
            let pass = choose(lang, PASSPHRASE_ENV)?;
            unlock::encrypt_plaintext(db, &pass)?;
            eprintln!("{}", crypt::encrypted_done(lang));
            pass
        }
    };
    unlock::open(db, &pass)
}

/// True when the TUI should ask for the passphrase on its own lock screen: an
/// encrypted database, no passphrase in the environment, a terminal.
pub fn wants_unlock_screen(db: &Path) -> Result<bool> {
    Ok(unlock::state(db)? == State::Encrypted
        && from_env(PASSPHRASE_ENV).is_none()
        && std::io::stdin().is_terminal())
}

/// `teichaku passphrase change`.
pub fn run(db: &Path, lang: Lang, cmd: PassphraseCmd) -> Result<String> {
    match cmd {
        PassphraseCmd::Change => {
            if unlock::state(db)? != State::Encrypted {
                // Nothing to change yet: opening creates or encrypts it.
                drop(open_store(db, lang)?);
            }
            let old = current(lang)?;
            // The old passphrase is checked before a new one is asked for.
            crate::store::keyfile::unseal(db, &old)?;
            let new = choose(lang, NEW_PASSPHRASE_ENV)?;
            unlock::change(db, &old, &new)?;
            Ok(format!("{}\n", crypt::changed(lang)))
        }
    }
}

/// The passphrase of an existing database.
pub(super) fn current(lang: Lang) -> Result<String> {
    if let Some(p) = from_env(PASSPHRASE_ENV) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::DbPassphraseMissing);
    }
    prompt(crypt::prompt(lang))
}

/// A new passphrase: from `env`, or typed twice after the advice.
fn choose(lang: Lang, env: &str) -> Result<String> {
    if let Some(p) = from_env(env) {
        return check(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::DbPassphraseMissing);
    }
    eprintln!("{}", crypt::first_run_advice(lang, MIN_LEN));
    // A passphrase too short, or typed differently the second time, is said
    // and asked for again (three tries), as a form would.
    const TRIES: usize = 3;
    for attempt in 1..=TRIES {
        let first = prompt(crypt::prompt_new(lang))?;
        let problem = match check(first) {
            Err(e) => e,
            Ok(first) => {
                let again = prompt(crypt::prompt_again(lang))?;
                if again == first {
                    return Ok(first);
                }
                Error::PassphraseMismatch
            }
        };
        if attempt == TRIES {
            return Err(problem);
        }
        eprintln!("{}", crate::i18n::error_message(&problem, lang));
    }
    Err(Error::PassphraseMismatch)
}

fn from_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|p| !p.is_empty())
}

fn prompt(text: &str) -> Result<String> {
    rpassword::prompt_password(text).map_err(|_| Error::DbPassphraseMissing)
}
