//! Which customer a message belongs to, and which way it went (docs/MAIL.md). Pure: the
//! customers' addresses and domains in, a decision out; never a guess.
//!
//! - A customer's addresses are its header attributes `email` (whole addresses) and `domain`
//!   (mail domains; a subdomain matches too), each a string holding one or more values
//!   separated by spaces, commas or semicolons, or an array of strings. The domain of an
//!   `email` address counts as a domain of the customer too, unless it is a webmail domain
//!   ([`WEBMAIL`]): `paola.rossi@gmail.com` matches that address only, never every Gmail user.
//!   A domain given as `domain` wins over one that only comes from an `email`.
//! - The addresses of a customer's people (`coltiva person add … --email`), as of the day of
//!   the run, belong to that customer and name the person (the interaction's `with`).
//! - An address matched whole wins over a domain: `paola@acme.it` given as one customer's
//!   `email` (or a person's) is that customer's even when another customer has the domain
//!   `acme.it`.
//! - Direction: a message from one of our addresses (`[mail] me`) went out, and belongs to
//!   the customer its To and Cc addresses match; a message from a customer's address came in.
//!   A message from someone who is neither us nor a customer is not logged, unless `[mail] me`
//!   is empty: then a sender that is no customer is taken to be us.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::Mail;
use crate::model::kinds::people;
use crate::model::{Customer, Direction};

/// Mail domains shared by many unrelated people: never a customer's domain.
pub const WEBMAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.it",
    "ymail.com",
    "hotmail.com",
    "hotmail.it",
    "outlook.com",
    "outlook.it",
    "live.com",
    "live.it",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "gmx.com",
    "gmx.net",
    "gmx.de",
    "web.de",
    "t-online.de",
    "proton.me",
    "protonmail.com",
    "libero.it",
    "virgilio.it",
    "tiscali.it",
    "alice.it",
    "tim.it",
    "tin.it",
    "fastwebnet.it",
    "email.it",
    "inwind.it",
    "pec.it",
    "legalmail.it",
    "yandex.com",
    "yandex.ru",
    "mail.ru",
    "zoho.com",
    "fastmail.com",
];

/// Whether `domain` is a webmail domain (or a subdomain of one).
pub fn is_webmail(domain: &str) -> bool {
    WEBMAIL.iter().any(|w| within(domain, w))
}

/// `domain` is `base` or a subdomain of it.
fn within(domain: &str, base: &str) -> bool {
    domain == base
        || domain
            .strip_suffix(base)
            .is_some_and(|head| head.ends_with('.'))
}

fn domain_of(address: &str) -> &str {
    address.rsplit_once('@').map_or("", |(_, d)| d)
}

/// The values of a header attribute that lists addresses or domains.
fn values(value: Option<&toml::Value>) -> Vec<String> {
    let split = |s: &str| -> Vec<String> {
        s.split([' ', ',', ';'])
            .map(|v| v.trim().trim_start_matches('@').to_lowercase())
            .filter(|v| !v.is_empty())
            .collect()
    };
    match value {
        Some(toml::Value::String(s)) => split(s),
        Some(toml::Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str())
            .flat_map(split)
            .collect(),
        _ => Vec::new(),
    }
}

/// Every customer's addresses and domains, to look a message's addresses up in.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    /// Whole address → the customers (ids) it belongs to, each with the person whose
    /// address it is (None: the customer's own `email`).
    addresses: HashMap<String, BTreeSet<(String, Option<String>)>>,
    /// (domain, customer id, given as `domain` rather than taken from an `email`).
    domains: Vec<(String, String, bool)>,
}

impl Directory {
    /// Adds what `customer`'s header says (`email`, `domain`) and the addresses of its people
    /// who have not left by `as_of`.
    pub fn add_customer(&mut self, customer: &Customer, as_of: NaiveDate) {
        for person in people(&customer.records, as_of) {
            if person.is_current() {
                for address in &person.email {
                    self.add_address(address, &customer.id, Some(&person.id));
                }
            }
        }
        let attrs = &customer.header.attributes;
        for address in values(attrs.get("email")) {
            let domain = domain_of(&address).to_string();
            if !domain.is_empty() && !is_webmail(&domain) {
                self.add_domain(&domain, &customer.id, false);
            }
            self.add_address(&address, &customer.id, None);
        }
        for domain in values(attrs.get("domain")) {
            if !is_webmail(&domain) {
                self.add_domain(&domain, &customer.id, true);
            }
        }
    }

    /// Adds every address and domain of `other` (built on another thread).
    pub fn extend(&mut self, other: Directory) {
        for (address, ids) in other.addresses {
            self.addresses.entry(address).or_default().extend(ids);
        }
        for (domain, id, explicit) in other.domains {
            self.add_domain(&domain, &id, explicit);
        }
    }

    /// A whole address that belongs to a customer, or to one of its people.
    pub fn add_address(&mut self, address: &str, customer: &str, person: Option<&str>) {
        self.addresses
            .entry(address.trim().to_lowercase())
            .or_default()
            .insert((customer.to_string(), person.map(str::to_string)));
    }

    /// The person of `customer` whose address this is.
    pub fn person_of(&self, address: &str, customer: &str) -> Option<String> {
        self.addresses
            .get(address)?
            .iter()
            .find_map(|(c, person)| (c == customer).then(|| person.clone()).flatten())
    }

    fn add_domain(&mut self, domain: &str, customer: &str, explicit: bool) {
        let entry = (domain.to_string(), customer.to_string(), explicit);
        if !self.domains.contains(&entry) {
            self.domains.push(entry);
        }
    }

    /// The customers an address belongs to: those that list it whole, else those whose
    /// domain it is in (webmail addresses only whole).
    pub fn customers_of(&self, address: &str) -> BTreeSet<String> {
        if let Some(found) = self.addresses.get(address) {
            return found.iter().map(|(customer, _)| customer.clone()).collect();
        }
        let domain = domain_of(address);
        if domain.is_empty() || is_webmail(domain) {
            return BTreeSet::new();
        }
        let of = |explicit: bool| -> BTreeSet<String> {
            self.domains
                .iter()
                .filter(|(d, _, e)| *e == explicit && within(domain, d))
                .map(|(_, id, _)| id.clone())
                .collect()
        };
        let given = of(true);
        if given.is_empty() { of(false) } else { given }
    }
}

/// Our own addresses (`[mail] me`): whole addresses, or `@domain` for a whole domain.
#[derive(Debug, Clone, Default)]
pub struct Me {
    entries: Vec<String>,
}

impl Me {
    pub fn new(entries: &[String]) -> Me {
        Me {
            entries: entries.iter().map(|e| e.trim().to_lowercase()).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn owns(&self, address: &str) -> bool {
        self.entries.iter().any(|e| match e.strip_prefix('@') {
            Some(domain) => within(domain_of(address), domain),
            None => e == address,
        })
    }
}

/// What becomes of one message.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Log it for this customer, this way, with this person (the sender of a message that
    /// came in; the first of the customer's people among the To and Cc of one that went out).
    Log {
        customer: String,
        direction: Direction,
        person: Option<String>,
    },
    /// Not logged, and why (for the listing); `listed` is true for a message that matched no
    /// one or several customers (the exit code says so), false for one deliberately skipped
    /// (a mailing list).
    Skip { why: String, listed: bool },
}

/// Decides what to do with `mail` (see the module's rules).
pub fn decide(mail: &Mail, directory: &Directory, me: &Me) -> Decision {
    let skip = |why: String| Decision::Skip { why, listed: true };
    if let Some(list) = &mail.list {
        return Decision::Skip {
            why: format!("sent through a mailing list ({list}), not a conversation"),
            listed: false,
        };
    }
    if mail.at.is_none() {
        return skip("no readable Date header: the day of the contact is unknown".into());
    }
    let Some(sender) = mail.from.first() else {
        return skip("no From address".into());
    };
    let of = |addresses: &mut dyn Iterator<Item = &String>| -> BTreeSet<String> {
        addresses
            .filter(|a| !me.owns(a))
            .flat_map(|a| directory.customers_of(a))
            .collect()
    };
    let from_customers = directory.customers_of(sender);
    // Ours when sent from one of our addresses, or (none set) when from no customer.
    let (direction, candidates, whose) = if !me.owns(sender) && !from_customers.is_empty() {
        (Direction::In, from_customers, "the sender")
    } else if me.owns(sender) || me.is_empty() {
        (
            Direction::Out,
            of(&mut mail.to.iter()),
            "the To and Cc addresses",
        )
    } else {
        return skip(format!(
            "from {sender}, who is neither one of your addresses ([mail] me in coltiva.toml) nor a customer's"
        ));
    };
    let mut candidates = candidates.into_iter();
    match (candidates.next(), candidates.next()) {
        (Some(customer), None) => {
            let person = match direction {
                Direction::In => directory.person_of(sender, &customer),
                Direction::Out => mail
                    .to
                    .iter()
                    .find_map(|a| directory.person_of(a, &customer)),
            };
            Decision::Log {
                customer,
                direction,
                person,
            }
        }
        (None, _) => skip(format!(
            "no customer has {whose} ({}): add one with `coltiva set CUSTOMER email=ADDRESS` or `domain=DOMAIN`",
            match direction {
                Direction::In => sender.clone(),
                Direction::Out => mail.to.join(", "),
            }
        )),
        (Some(first), Some(second)) => {
            let mut all = vec![first, second];
            all.extend(candidates);
            skip(format!(
                "{whose} match more than one customer ({}): log it by hand with `coltiva log CUSTOMER SUMMARY --channel email`",
                all.join(", ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{At, Header};

    fn customer(id: &str, attrs: &[(&str, &str)]) -> Customer {
        let mut header = Header::named(id);
        for (k, v) in attrs {
            header
                .attributes
                .insert((*k).into(), toml::Value::String((*v).into()));
        }
        Customer::new(id, header)
    }

    fn mail(from: &str, to: &[&str]) -> Mail {
        Mail {
            from: vec![from.into()],
            to: to.iter().map(|s| s.to_string()).collect(),
            subject: "x".into(),
            at: Some(At::Date(
                chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            )),
            key: "mail:x".into(),
            list: None,
        }
    }

    fn directory() -> Directory {
        let mut d = Directory::default();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        d.add_customer(&customer("acme", &[("domain", "acme.it, acme.com")]), day);
        d.add_customer(
            &customer(
                "rossi",
                &[("email", "info@rossi-impianti.it paola.rossi@gmail.com")],
            ),
            day,
        );
        d.add_customer(&customer("verdi", &[("domain", "gmail.com")]), day);
        d.add_customer(&customer("paola", &[("email", "paola@acme.it")]), day);
        d
    }

    #[test]
    fn whole_addresses_win_domains_and_subdomains_match_webmail_never_by_domain() {
        let d = directory();
        let ids = |a: &str| d.customers_of(a).into_iter().collect::<Vec<_>>();
        assert_eq!(ids("ufficio@acme.it"), ["acme"]);
        assert_eq!(ids("x@mail.acme.com"), ["acme"]);
        assert_eq!(ids("x@notacme.it"), Vec::<String>::new());
        assert_eq!(ids("paola@acme.it"), ["paola"]);
        assert_eq!(ids("altro@rossi-impianti.it"), ["rossi"]);
        assert_eq!(ids("paola.rossi@gmail.com"), ["rossi"]);
        assert_eq!(ids("someone@gmail.com"), Vec::<String>::new());
    }

    #[test]
    fn direction_comes_from_the_sender() {
        let d = directory();
        let me = Me::new(&["@mia-ditta.it".into()]);
        let log = |customer: &str, direction| Decision::Log {
            customer: customer.into(),
            direction,
            person: None,
        };
        assert_eq!(
            decide(
                &mail("io@mia-ditta.it", &["a@acme.it", "collega@mia-ditta.it"]),
                &d,
                &me
            ),
            log("acme", Direction::Out)
        );
        assert_eq!(
            decide(&mail("a@acme.it", &["io@mia-ditta.it"]), &d, &me),
            log("acme", Direction::In)
        );
        // A third party writing to us and a customer: not a contact with the customer.
        assert!(matches!(
            decide(
                &mail("x@fornitore.it", &["io@mia-ditta.it", "a@acme.it"]),
                &d,
                &me
            ),
            Decision::Skip { listed: true, .. }
        ));
        // Without [mail] me, a sender that is no customer is taken to be us.
        assert_eq!(
            decide(&mail("x@fornitore.it", &["a@acme.it"]), &d, &Me::default()),
            log("acme", Direction::Out)
        );
        let Decision::Skip { why, listed: true } = decide(
            &mail("io@mia-ditta.it", &["a@acme.it", "b@rossi-impianti.it"]),
            &d,
            &me,
        ) else {
            panic!("two customers must not be guessed")
        };
        assert!(why.contains("acme, rossi"), "{why}");
        let mut list = mail("a@acme.it", &["io@mia-ditta.it"]);
        list.list = Some("news.acme.it".into());
        assert!(matches!(
            decide(&list, &d, &me),
            Decision::Skip { listed: false, .. }
        ));
    }
}
