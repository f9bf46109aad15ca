//! OpenSSL, which SQLCipher encrypts every page with, set up once per process
//! before SQLite's first use, with three of its defaults turned off:
//!
//! - no configuration file: OpenSSL would read `openssl.cnf` from its build
//!   folder or from `OPENSSL_CONF`, letting a file outside our control change
//!   how the database is encrypted (and costing ~1M instructions per command);
//! - no error strings: nothing of ours shows OpenSSL's texts (SQLCipher's log
//!   is off; our own sentences say what failed);
//! - no clean-up at exit: freeing its tables as the process ends is work the
//!   OS does anyway (~1.3M instructions, 7% of a small command).
//!
//! Together about a sixth of `report list`'s instructions (callgrind). Later
//! calls (SQLCipher's own) find OpenSSL initialised and change nothing.

use std::ffi::{c_int, c_void};
use std::sync::Once;

// The vendored libcrypto that libsqlite3-sys links for SQLCipher.
unsafe extern "C" {
    fn OPENSSL_init_crypto(opts: u64, settings: *const c_void) -> c_int;
}

// openssl/crypto.h
const NO_LOAD_CRYPTO_STRINGS: u64 = 0x0000_0001;
const NO_LOAD_CONFIG: u64 = 0x0000_0080;
const NO_ATEXIT: u64 = 0x0008_0000;

/// Idempotent; call before opening any connection.
pub fn once() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: documented as callable any number of times, from any thread,
        // with a null settings pointer. A failure (out of memory) leaves
        // OpenSSL to initialise itself with its defaults on first use.
        unsafe {
            OPENSSL_init_crypto(
                NO_LOAD_CRYPTO_STRINGS | NO_LOAD_CONFIG | NO_ATEXIT,
                std::ptr::null(),
            );
        }
    });
}
