//! Words of the HTML pages (chart captions, legends, the footer) and the weekly report in the
//! journal's language.

#[allow(unused_imports)]
use super::Language;
