//! teichaku (定着): records, contacts and checklists for employment-retention
//! support staff, over a local SQLite database.

pub mod checklists;
pub mod cli;
pub mod clock;
pub mod crypto;
pub mod demo;
pub mod domain;
pub mod error;
pub mod files;
pub mod i18n;
pub mod lang;
pub mod paths;
pub mod print;
pub mod render;
pub mod settings;
pub mod store;
pub mod sync;
pub mod text;
pub mod tui;

pub use error::{Error, Result};
pub use store::Store;
