//! coltiva: a command-line relationship journal.
//!
//! The library is organised as the product is: `model` (the records), `storage` (every byte on
//! disk), `config` (settings and journal discovery), `metrics` (pure functions of records and
//! the as-of day), `report` (report data built from metrics), `render` (table, markdown, json,
//! csv) and `cmd` (one file per subcommand).

pub mod config;
pub mod dates;
pub mod error;
pub mod metrics;
pub mod model;

pub use error::{Error, Result};
