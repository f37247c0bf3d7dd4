//! Words of the text views (`show`'s facts and records, the agenda, the outlook) in the
//! journal's language.

#[allow(unused_imports)]
use super::Language;
