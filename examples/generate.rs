//! Writes a synthetic journal for benchmarks: N customers with about M records each, a
//! realistic mix of interactions, orders, promises and their resolutions, deterministic by seed.
//!
//! cargo run --release --example generate -- DIR CUSTOMERS RECORDS_PER_CUSTOMER [SEED]
//!
//! With `HLEDGER=FILE` in the environment it also writes the same orders as an hledger journal
//! (one transaction per order, one account per customer), for the comparison in BENCHMARKS.md.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use coltiva::model::{
    Amount, At, Channel, Direction, Header, Interaction, Kind, Order, Party, Promise, Record,
    Resolution, ResolutionStatus, SCHEMA,
};
use coltiva::storage::{Journal, customer_text};

/// xorshift64*: small, fast and reproducible everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco",
    "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi",
];
const SECOND: &[&str] = &[
    "Impianti",
    "Idraulica",
    "Termotecnica",
    "Costruzioni",
    "Forniture",
    "Ferramenta",
    "Edilizia",
    "Caldaie",
    "Servizi",
    "Arredo Bagno",
];
const FORM: &[&str] = &["S.r.l.", "S.p.A.", "S.n.c.", "& Figli", "S.a.s."];
const TAGS: &[&str] = &[
    "idraulica",
    "lombardia",
    "veneto",
    "export",
    "b2b",
    "rivenditore",
];
const SUMMARIES: &[&str] = &[
    "Called about the Q1 price list",
    "Sent the updated catalogue",
    "Visited the warehouse, met the buyer",
    "They asked for samples of the 3/4\" ball valves",
    "Follow-up on the last delivery",
    "Discussed payment terms",
    "Note: prefers e-mail in the morning",
];
const WHAT: &[&str] = &[
    "Send the revised quote",
    "Pay the open invoice",
    "Deliver samples",
    "Call back with the technical sheet",
    "Confirm the order quantities",
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: generate DIR CUSTOMERS RECORDS_PER_CUSTOMER [SEED]");
        std::process::exit(2);
    }
    let dir = PathBuf::from(&args[0]);
    let customers: u64 = args[1].parse().expect("CUSTOMERS is a number");
    let per: u64 = args[2].parse().expect("RECORDS_PER_CUSTOMER is a number");
    let seed: u64 = args
        .get(3)
        .map_or(42, |s| s.parse().expect("SEED is a number"));
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);

    Journal::init(&dir).expect("create the journal");
    let mut ledger = std::env::var_os("HLEDGER").map(|path| {
        std::io::BufWriter::new(std::fs::File::create(path).expect("create the hledger file"))
    });
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut total = 0u64;
    for n in 0..customers {
        let name = format!(
            "{} {} {} {n}",
            rng.pick(FIRST),
            rng.pick(SECOND),
            rng.pick(FORM)
        );
        let id = format!("c{n:06}");
        let start = today - Days::new(30 + rng.below(1500));
        let mut tags = vec![rng.pick(TAGS).to_string()];
        if rng.below(3) == 0 {
            let t = rng.pick(TAGS).to_string();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let header = Header {
            schema: SCHEMA,
            name,
            kind: if rng.below(50) == 0 {
                Kind::Internal
            } else {
                Kind::External
            },
            since: Some(start),
            tags,
            cadence: None,
            uid: None,
            attributes: BTreeMap::new(),
        };
        let span = (today - start).num_days().max(1) as u64;
        // Spread the records over the relationship, in date order.
        let count = if per == 0 {
            0
        } else {
            1 + rng.below(2 * per - 1)
        };
        let mut days: Vec<u64> = (0..count).map(|_| rng.below(span)).collect();
        days.sort_unstable();
        let mut records = Vec::with_capacity(count as usize + 4);
        let mut open: Vec<(String, NaiveDate)> = Vec::new();
        for (i, offset) in days.into_iter().enumerate() {
            let day = start + Days::new(offset);
            let at = At::Date(day);
            match rng.below(10) {
                0..=4 => records.push(Record::Interaction(Interaction {
                    with: None,
                    at,
                    channel: *rng.pick(&[
                        Channel::Call,
                        Channel::Email,
                        Channel::Meeting,
                        Channel::Visit,
                        Channel::Message,
                        Channel::Note,
                    ]),
                    direction: if rng.below(3) == 0 {
                        Direction::In
                    } else {
                        Direction::Out
                    },
                    summary: rng.pick(SUMMARIES).to_string(),
                    source: None,
                })),
                5..=7 => records.push(Record::Order(Order {
                    with: None,
                    at,
                    amount: Amount::from_cents(5_000 + rng.below(500_000) as i64),
                    reference: Some(format!("INV-{}-{n}-{i}", day.format("%Y"))),
                    note: None,
                    source: None,
                })),
                _ => {
                    if let Some((id, due)) = open.pop().filter(|_| rng.below(2) == 0) {
                        let status = match rng.below(10) {
                            0..=5 => ResolutionStatus::Kept,
                            6 => ResolutionStatus::Broken,
                            7 => ResolutionStatus::Cancelled,
                            _ => ResolutionStatus::Renegotiated,
                        };
                        let new_due = (status == ResolutionStatus::Renegotiated)
                            .then(|| due.max(day) + Days::new(7 + rng.below(21)));
                        records.push(Record::Resolution(Resolution {
                            promise: id,
                            at,
                            status,
                            due: new_due,
                            note: None,
                        }));
                    } else {
                        let id = promise_id(&mut rng);
                        let due = day + Days::new(3 + rng.below(30));
                        open.push((id.clone(), due));
                        records.push(Record::Promise(Promise {
                            with: None,
                            id,
                            at,
                            by: if rng.below(2) == 0 {
                                Party::Us
                            } else {
                                Party::Them
                            },
                            what: rng.pick(WHAT).to_string(),
                            due,
                            about: None,
                            source: None,
                        }));
                    }
                }
            }
        }
        total += records.len() as u64;
        if let Some(out) = ledger.as_mut() {
            use std::io::Write;
            for record in &records {
                if let Record::Order(o) = record {
                    let cents = o.amount.cents;
                    writeln!(
                        out,
                        "{} {}\n    customers:{id}    {}.{:02}\n    revenue\n",
                        o.at.day(),
                        o.reference.as_deref().unwrap_or("order"),
                        cents / 100,
                        cents % 100
                    )
                    .expect("write the hledger file");
                }
            }
        }
        let text = customer_text(&header, &records).expect("serialize");
        std::fs::write(dir.join("customers").join(format!("{id}.toml")), text)
            .expect("write a customer file");
    }
    eprintln!(
        "wrote {customers} customers and {total} records to {}",
        dir.display()
    );
}

fn promise_id(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = coltiva::ids::PROMISE_ID_ALPHABET;
    (0..6)
        .map(|_| ALPHABET[rng.below(32) as usize] as char)
        .collect()
}
