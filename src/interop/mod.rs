//! Import and export (docs/IMPORT.md): the CSV columns and how a file's columns map to them,
//! the parsing of CSV rows into records, the stable source keys that make imports idempotent,
//! the import plan, and the export of the whole journal as JSON or CSV.
//!
//! Everything here is a pure function of its inputs: reading and writing files is left to the
//! command layer and to `storage`.

pub mod columns;
pub mod delimiter;
pub mod export;
pub mod identity;
pub mod keys;
pub mod plan;
pub mod rows;
pub mod vcard;
