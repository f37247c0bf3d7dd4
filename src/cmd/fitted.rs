//! The whole-journal outlook fit, remembered in the outlook cache (storage's
//! `.cache/outlook`): the commands that read every file anyway write it, and `show` reads it
//! instead of reading every file. The figures are the same either way: the cache holds the fit
//! of the same files as of the same day, and the per-customer figures come from the same pure
//! functions ([`outlook::with_model`]).

use chrono::NaiveDate;

use crate::outlook::{self, DEFAULT_HORIZON_DAYS, Model, Outlook, PurchaseHistory};
use crate::storage::{CachedModel, CachedOutlook, Journal};

/// The outlook of every customer of `histories` (the whole journal's): the cached fit when it
/// is fresh for these files and `as_of`, else a new fit, remembered for the next command.
/// `stamp` is [`Journal::outlook_stamp`] taken before the histories were read.
pub fn of_journal(
    journal: &Journal,
    stamp: Option<String>,
    histories: Vec<Option<PurchaseHistory>>,
    as_of: NaiveDate,
) -> Outlook {
    let histories: Vec<PurchaseHistory> = histories.into_iter().flatten().collect();
    if let Some(cached) = cached(journal, stamp.as_deref(), as_of) {
        return with_cached(cached, histories, as_of, DEFAULT_HORIZON_DAYS);
    }
    let outlook = outlook::build(histories, as_of, DEFAULT_HORIZON_DAYS);
    remember(journal, stamp, &outlook);
    outlook
}

/// Writes the fit of `outlook` to the cache (best effort: a cache that cannot be written only
/// costs the next `show` a full fit; without a stamp nothing could tell it fresh later).
pub fn remember(journal: &Journal, stamp: Option<String>, outlook: &Outlook) {
    let Some(stamp) = stamp else {
        return;
    };
    let model = outlook.model.as_ref().map(|m| CachedModel {
        r: m.r,
        alpha_days: m.alpha_days,
        a: m.a,
        b: m.b,
        log_likelihood: m.log_likelihood,
        customers: m.customers,
    });
    let cached = CachedOutlook::new(outlook.as_of, stamp, model, outlook.reason.clone());
    let _ = journal.outlook_cache().write(&cached);
}

/// The cached fit, when fresh for the files of `stamp` and `as_of`.
pub fn cached(journal: &Journal, stamp: Option<&str>, as_of: NaiveDate) -> Option<CachedOutlook> {
    journal.outlook_cache().read(as_of, stamp?)
}

/// [`outlook::with_model`] under a cached fit: the same figures as the fit that was cached,
/// since the fit does not depend on the horizon and the cache holds it for the same files and
/// day.
pub fn with_cached(
    cached: CachedOutlook,
    histories: Vec<PurchaseHistory>,
    as_of: NaiveDate,
    horizon_days: u32,
) -> Outlook {
    let model = cached.model.map(|m| Model {
        r: m.r,
        alpha_days: m.alpha_days,
        a: m.a,
        b: m.b,
        log_likelihood: m.log_likelihood,
        customers: m.customers,
        horizon_days,
    });
    outlook::with_model(model, cached.reason, histories, as_of, horizon_days)
}
