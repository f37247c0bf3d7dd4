//! The merge driver's cases, from issue 11 and PRODUCT.md §8.1: each test is a team story told
//! as the three versions git hands the driver.
//!
//! Compiled only for tests (`#[cfg(test)] mod tests;` in merge/mod.rs), so its `unwrap()`s
//! cannot reach a user. The fixtures write customer-file text with `format!` on purpose: the
//! driver's input is the raw bytes git hands it, and some cases must be bytes no TOML
//! serializer would produce (a torn record, a `[contact]` table, hand-made layout).

use std::path::Path;

use super::*;

const HEAD: &str =
    "schema = 1\nname = \"ACME S.r.l.\"\nkind = \"external\"\nsince = 2026-11-01\nuid = \"u1\"\n";

fn log(day: &str, summary: &str) -> String {
    format!(
        "\n[[interaction]]\nat = {day}\nchannel = \"call\"\ndirection = \"out\"\nsummary = \"{summary}\"\n"
    )
}

fn order(day: &str, amount: &str, reference: Option<&str>) -> String {
    let mut text = format!("\n[[order]]\nat = {day}\namount = {amount}\n");
    if let Some(r) = reference {
        text.push_str(&format!("ref = \"{r}\"\n"));
    }
    text
}

fn promise(id: &str) -> String {
    format!(
        "\n[[promise]]\nid = \"{id}\"\nat = 2026-11-10\nby = \"us\"\nwhat = \"Send the quote\"\ndue = 2026-11-25\n"
    )
}

fn resolution(id: &str, day: &str, status: &str) -> String {
    format!("\n[[resolution]]\npromise = \"{id}\"\nat = {day}\nstatus = \"{status}\"\n")
}

/// Merges both ways and checks that the two directions give the same bytes.
fn both_ways(base: &str, ours: &str, theirs: &str) -> Outcome {
    let path = Path::new("customers/acme.toml");
    let one = merge(path, base.as_bytes(), ours.as_bytes(), theirs.as_bytes());
    let other = merge(path, base.as_bytes(), theirs.as_bytes(), ours.as_bytes());
    if let (Outcome::Clean(a), Outcome::Clean(b)) = (&one, &other) {
        assert_eq!(
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b),
            "merging A into B and B into A differ"
        );
    }
    one
}

/// Merges one way, with the notes as the person reads them.
fn with_notes(base: &str, ours: &str, theirs: &str) -> (Outcome, Vec<String>) {
    let path = Path::new("customers/acme.toml");
    let (outcome, notes) =
        merge_with_notes(path, base.as_bytes(), ours.as_bytes(), theirs.as_bytes());
    (outcome, notes.iter().map(ToString::to_string).collect())
}

fn clean(outcome: Outcome) -> String {
    match outcome {
        Outcome::Clean(bytes) => String::from_utf8(bytes).unwrap(),
        other => panic!("expected a clean merge, got {other:?}"),
    }
}

fn loaded(text: &str) -> crate::model::Customer {
    crate::storage::parse_customer(Path::new("acme.toml"), text)
        .unwrap()
        .into_customer("acme".into())
}

#[test]
fn a_header_edit_and_a_log_both_survive_and_the_tags_stay_in_the_header() {
    // anna: set acme tags=vip; bruno: log acme "Visited the plant".
    let base = format!("{HEAD}{}", log("2026-11-02", "first"));
    let anna = format!("{}tags = [\"vip\"]\n{}", HEAD, log("2026-11-02", "first"));
    let bruno = format!("{base}{}", log("2026-11-20", "Visited the plant"));
    let merged = clean(both_ways(&base, &anna, &bruno));
    assert_eq!(
        merged,
        format!("{anna}{}", log("2026-11-20", "Visited the plant"))
    );
    let customer = loaded(&merged);
    assert_eq!(customer.header.tags, vec!["vip".to_string()]);
    assert_eq!(customer.interactions.len(), 2);
}

#[test]
fn the_same_customer_added_in_two_clones_merges_with_an_empty_base() {
    let anna_head = HEAD.replace("u1", "aaaa");
    let bruno_head = HEAD.replace("u1", "bbbb");
    let anna = format!("{anna_head}{}", log("2026-11-20", "called"));
    let bruno = format!("{bruno_head}{}", order("2026-11-21", "500", None));
    let merged = clean(both_ways("", &anna, &bruno));
    assert_eq!(merged.matches("name = ").count(), 1, "{merged}");
    assert!(merged.contains("uid = \"aaaa bbbb\""), "{merged}");
    let customer = loaded(&merged);
    assert_eq!((customer.interactions.len(), customer.orders.len()), (1, 1));
}

#[test]
fn an_order_whose_bytes_are_a_prefix_of_the_other_sides_order_is_not_dropped() {
    // anna: order acme 500 --ref FT-1; bruno: order acme 500.
    let anna = format!("{HEAD}{}", order("2026-11-20", "500", Some("FT-1")));
    let bruno = format!("{HEAD}{}", order("2026-11-20", "500", None));
    let merged = clean(both_ways(HEAD, &anna, &bruno));
    assert_eq!(loaded(&merged).orders.len(), 2, "{merged}");
}

#[test]
fn appends_on_both_sides_across_two_pulls_never_conflict() {
    // anna: log A1; push → bruno: log B1; pull; log B2; push → anna: log A2; pull.
    let a1 = log("2026-11-20", "A1");
    let b1 = log("2026-11-20", "B1");
    let b2 = log("2026-11-21", "B2");
    let a2 = log("2026-11-21", "A2");
    let bruno_pull = clean(both_ways(
        HEAD,
        &format!("{HEAD}{b1}"),
        &format!("{HEAD}{a1}"),
    ));
    let bruno_push = format!("{bruno_pull}{b2}");
    let anna_pull = clean(both_ways(
        &format!("{HEAD}{a1}"),
        &format!("{HEAD}{a1}{a2}"),
        &bruno_push,
    ));
    for summary in ["A1", "A2", "B1", "B2"] {
        assert_eq!(
            anna_pull
                .matches(&format!("summary = \"{summary}\""))
                .count(),
            1,
            "{anna_pull}"
        );
    }
    // The base's records keep their place; new ones follow by day.
    assert!(anna_pull.starts_with(&format!("{HEAD}{a1}")), "{anna_pull}");
}

#[test]
fn two_identical_records_appended_in_two_clones_are_two_events() {
    let call = log("2026-11-20", "Called");
    let merged = clean(both_ways(
        HEAD,
        &format!("{HEAD}{call}"),
        &format!("{HEAD}{call}"),
    ));
    assert_eq!(merged, format!("{HEAD}{call}{call}"));
    // ...and a copy that was already in the base is not counted again.
    let base = format!("{HEAD}{call}");
    let merged = clean(both_ways(&base, &format!("{base}{call}"), &base));
    assert_eq!(merged.matches("Called").count(), 2);
}

#[test]
fn each_sides_order_is_kept_and_the_sides_interleave_by_day() {
    // Bruno back-dates a record: his own order stays (renegotiated before kept).
    let p = promise("7k3m9x");
    let base = format!("{HEAD}{p}");
    let bruno = format!(
        "{base}{}{}",
        resolution("7k3m9x", "2026-11-22", "renegotiated").replace(
            "status = \"renegotiated\"\n",
            "status = \"renegotiated\"\ndue = 2026-12-01\n"
        ),
        resolution("7k3m9x", "2026-11-21", "kept")
    );
    let anna = format!("{base}{}", log("2026-11-21", "Anna"));
    let merged = clean(both_ways(&base, &anna, &bruno));
    let renegotiated = merged.find("renegotiated").unwrap();
    let kept = merged.find("\"kept\"").unwrap();
    assert!(renegotiated < kept, "{merged}");
}

#[test]
fn comments_and_layout_of_records_survive() {
    let hand = "\n# after the trade fair\n[[interaction]]\nat = 2026-11-20   # morning\nchannel = \"meeting\"\ndirection = \"in\"\nsummary = \"\"\"\nThey came to us.\n[[order]] was discussed\"\"\"\n";
    let merged = clean(both_ways(
        HEAD,
        &format!("{HEAD}{hand}"),
        &format!("{HEAD}{}", log("2026-11-21", "B")),
    ));
    assert!(merged.contains(hand), "{merged}");
    assert_eq!(loaded(&merged).interactions.len(), 2);
}

#[test]
fn the_same_header_key_changed_differently_is_a_conflict_with_markers() {
    let anna = HEAD.replace(
        "kind = \"external\"\n",
        "kind = \"external\"\ncadence = \"14d\"\n",
    );
    let bruno = HEAD.replace(
        "kind = \"external\"\n",
        "kind = \"external\"\ncadence = \"7d\"\n",
    );
    let call = log("2026-11-20", "B");
    let Outcome::Conflict { text, reasons } = both_ways(HEAD, &anna, &format!("{bruno}{call}"))
    else {
        panic!("expected a conflict");
    };
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains(
            "<<<<<<< ours\ncadence = \"14d\"\n=======\ncadence = \"7d\"\n>>>>>>> theirs\n"
        ),
        "{text}"
    );
    assert!(text.ends_with(&call), "the records are merged too: {text}");
    assert_eq!(reasons.len(), 1);
    assert!(
        reasons[0]
            .to_string()
            .contains("both sides changed the same lines")
            && reasons[0].to_string().contains("`cadence`")
            && reasons[0].to_string().contains("cadence = \"14d\"")
            && reasons[0].to_string().contains("cadence = \"7d\""),
        "{reasons:?}"
    );
    // `check` names the key and both values.
    let found = crate::check::check_file(Path::new("acme.toml"), text.as_bytes()).problems;
    assert!(
        found.iter().any(|p| p.message().contains("`cadence`")
            && p.message().contains("\"14d\"")
            && p.message().contains("\"7d\"")),
        "{found:#?}"
    );
}

#[test]
fn a_forgotten_customer_and_a_new_one_taken_for_a_rename_do_not_exchange_records() {
    let old = format!("{HEAD}{}", log("2026-11-02", "old customer"));
    let new = format!(
        "{}{}",
        HEAD.replace("u1", "u2")
            .replace("ACME S.r.l.", "ACME Holding"),
        log("2026-11-20", "new customer")
    );
    let logged_to_old = format!("{old}{}", log("2026-11-21", "logged meanwhile"));
    let outcome = merge(
        Path::new("customers/acme-holding.toml"),
        old.as_bytes(),
        new.as_bytes(),
        logged_to_old.as_bytes(),
    );
    let Outcome::Conflict { text, reasons } = outcome else {
        panic!("expected a conflict, got {outcome:?}");
    };
    assert_eq!(String::from_utf8(text).unwrap(), new);
    assert!(
        reasons[0].to_string().contains("another customer"),
        "{reasons:?}"
    );
    // The same shape with the sides swapped.
    let outcome = merge(
        Path::new("customers/acme-holding.toml"),
        old.as_bytes(),
        logged_to_old.as_bytes(),
        new.as_bytes(),
    );
    let Outcome::Conflict { text, .. } = outcome else {
        panic!("expected a conflict, got {outcome:?}");
    };
    assert_eq!(String::from_utf8(text).unwrap(), new);
}

#[test]
fn a_customer_merged_from_two_clones_keeps_merging_with_either_clones_history() {
    // Anna's clone still has uid aaaa; the merged file has "aaaa bbbb": same customer.
    let anna = HEAD.replace("u1", "aaaa");
    let merged = format!(
        "{}{}",
        HEAD.replace("u1", "aaaa bbbb"),
        log("2026-11-20", "x")
    );
    let mine = format!("{anna}{}", log("2026-11-21", "y"));
    let result = clean(both_ways(&anna, &mine, &merged));
    assert!(result.contains("uid = \"aaaa bbbb\""), "{result}");
}

#[test]
fn a_result_check_would_flag_is_never_clean() {
    // The same promise kept in one clone and broken in the other.
    let base = format!("{HEAD}{}", promise("7k3m9x"));
    let anna = format!("{base}{}", resolution("7k3m9x", "2026-11-20", "kept"));
    let bruno = format!("{base}{}", resolution("7k3m9x", "2026-11-20", "broken"));
    let Outcome::Conflict { reasons, text } = both_ways(&base, &anna, &bruno) else {
        panic!("expected a conflict");
    };
    assert!(
        reasons
            .iter()
            .any(|r| r.to_string().contains("already resolved")),
        "{reasons:?}"
    );
    // Both resolutions are in the file for a person to choose.
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("\"kept\"") && text.contains("\"broken\""));
}

#[test]
fn invalid_utf8_and_unparseable_sides_are_refused() {
    let path = Path::new("customers/acme.toml");
    let bad = [HEAD.as_bytes(), b"# \xff\n"].concat();
    assert!(matches!(
        merge(path, HEAD.as_bytes(), &bad, HEAD.as_bytes()),
        Outcome::Unmergeable(m) if m.to_string().contains("not valid UTF-8")
    ));
    let table = format!("{HEAD}\n[contact]\nmail = \"a@b.c\"\n");
    assert!(matches!(
        merge(path, HEAD.as_bytes(), table.as_bytes(), HEAD.as_bytes()),
        Outcome::Unmergeable(m) if m.to_string().contains("written as a table")
    ));
    let broken = format!("{HEAD}\n[[order]]\nat = \n");
    assert!(matches!(
        merge(path, HEAD.as_bytes(), HEAD.as_bytes(), broken.as_bytes()),
        Outcome::Unmergeable(m) if m.to_string().contains("theirs version does not parse")
    ));
}

#[test]
fn a_record_edited_on_one_side_replaces_its_old_form_and_the_merge_says_so() {
    // PRODUCT.md §9.1: the typo fix (edit) replaces the old wording, though the other side
    // appended meanwhile; the contact counts once.
    let base = format!("{HEAD}{}", log("2026-11-20", "Caled"));
    let fixed = format!("{HEAD}{}", log("2026-11-20", "Called"));
    let other = format!("{base}{}", log("2026-11-21", "B"));
    let merged = clean(both_ways(&base, &fixed, &other));
    assert!(
        !merged.contains("Caled") && merged.contains("Called") && merged.contains("\"B\""),
        "{merged}"
    );
    let (_, notes) = with_notes(&base, &fixed, &other);
    assert_eq!(
        notes,
        [
            "customers/acme.toml: removed 1 record that one side removed (undo, edit, revert) and the other did not change: interaction of 2026-11-20 \"Caled\""
        ]
    );
}

#[test]
fn an_undo_on_one_side_survives_an_append_on_the_other_unless_that_side_changed_it() {
    let base = format!(
        "{HEAD}{}{}",
        log("2026-11-19", "keep"),
        order("2026-11-20", "500", None)
    );
    let undone = format!("{HEAD}{}", log("2026-11-19", "keep"));
    let appended = format!("{base}{}", log("2026-11-21", "B"));
    let merged = clean(both_ways(&base, &undone, &appended));
    assert_eq!(merged, format!("{undone}{}", log("2026-11-21", "B")));
    // The other side edited that order (500 → 600): its new form stays.
    let edited = format!(
        "{HEAD}{}{}",
        log("2026-11-19", "keep"),
        order("2026-11-20", "600", None)
    );
    let merged = clean(both_ways(&base, &undone, &edited));
    assert_eq!(merged, edited);
    // A record added again on the other side beside the base's copy: one copy stays.
    let twice = format!("{base}{}", order("2026-11-20", "500", None));
    let merged = clean(both_ways(&base, &undone, &twice));
    assert_eq!(merged.matches("amount = 500").count(), 1, "{merged}");
}

#[test]
fn the_same_promise_resolved_alike_on_both_sides_keeps_one_resolution() {
    let base = format!("{HEAD}{}", promise("7k3m9x"));
    let anna = format!(
        "{base}{}",
        resolution("7k3m9x", "2026-11-20T10:00:00", "kept")
    );
    let bruno = format!(
        "{base}{}{}",
        log("2026-11-20", "B"),
        resolution("7k3m9x", "2026-11-20T09:00:00", "kept")
    );
    let merged = clean(both_ways(&base, &anna, &bruno));
    assert_eq!(merged.matches("[[resolution]]").count(), 1, "{merged}");
    assert!(
        merged.contains("09:00:00") && merged.contains("\"B\""),
        "{merged}"
    );
    let (_, notes) = with_notes(&base, &anna, &bruno);
    assert_eq!(
        notes,
        [
            "customers/acme.toml: promise \"7k3m9x\" was resolved as kept on both sides; the merged file keeps the earlier resolution"
        ]
    );
}

#[test]
fn a_double_resolution_settled_by_keeping_both_never_stops_a_merge_again() {
    let base = format!("{HEAD}{}", promise("7k3m9x"));
    let anna = format!("{base}{}", resolution("7k3m9x", "2026-11-20", "kept"));
    let bruno = format!("{base}{}", resolution("7k3m9x", "2026-11-20", "broken"));
    assert!(matches!(
        both_ways(&base, &anna, &bruno),
        Outcome::Conflict { .. }
    ));
    // Settled by keeping both; then each side appends, in either order of the two.
    let settled = format!("{anna}{}", resolution("7k3m9x", "2026-11-20", "broken"));
    let a2 = format!("{settled}{}", log("2026-11-21", "A"));
    let b2 = format!("{settled}{}", log("2026-11-22", "B"));
    let (outcome, notes) = with_notes(&settled, &a2, &b2);
    assert!(matches!(outcome, Outcome::Clean(_)), "{outcome:?}");
    assert!(
        notes
            .iter()
            .any(|n| n.contains("already on a side before this merge")
                && n.contains("already resolved as kept")),
        "{notes:?}"
    );
    // The other clone had not pulled the settlement: its side has one resolution only.
    clean(both_ways(
        &anna,
        &b2,
        &format!("{anna}{}", log("2026-11-23", "A")),
    ));
    // A third resolution written on a side is that side's problem, named, not a stop.
    let third = format!(
        "{settled}{}",
        resolution("7k3m9x", "2026-11-24", "cancelled")
    );
    clean(both_ways(&settled, &third, &b2));
    // A new disagreement in the same file stops, once.
    let more = format!("{settled}{}", promise("p2p2p2"));
    let kept = format!("{more}{}", resolution("p2p2p2", "2026-11-25", "kept"));
    let broken = format!("{more}{}", resolution("p2p2p2", "2026-11-25", "broken"));
    let Outcome::Conflict { reasons, .. } = both_ways(&more, &kept, &broken) else {
        panic!("expected a conflict");
    };
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(reasons[0].to_string().contains("p2p2p2"), "{reasons:?}");
}

#[test]
fn uids_are_random_and_long() {
    let (a, b) = (new_uid().unwrap(), new_uid().unwrap());
    assert_eq!(a.len(), 16);
    assert_ne!(a, b);
    // Every character carries its own 5 random bits: no uid is one random character and a
    // tail of the same letter. 16 random characters from 32 have at most 3 distinct ones with
    // a probability below 1e-12.
    for _ in 0..20 {
        let uid = new_uid().unwrap();
        let distinct: std::collections::BTreeSet<char> = uid.chars().collect();
        assert!(distinct.len() > 3, "{uid}");
        assert!(
            uid.bytes()
                .all(|c| crate::ids::PROMISE_ID_ALPHABET.contains(&c))
        );
    }
}

// Mutation testing (docs/TESTING.md): rules the stories above did not pin down.

#[test]
fn a_duplicate_both_sides_removed_from_the_base_stays_removed() {
    // The base holds the same call twice (a duplicate made by hand); both clones deleted one
    // copy: one removal, made twice, so one copy stays (min(base, ours, theirs) = 1).
    let call = log("2026-11-02", "twice");
    let base = format!("{HEAD}{call}{call}");
    let one = format!("{HEAD}{call}");
    assert_eq!(clean(both_ways(&base, &one, &one)), one);
    // One side kept both copies, the other removed one: the removal stands.
    assert_eq!(clean(both_ways(&base, &one, &base)), one);
}

#[test]
fn conflict_markers_start_on_their_own_line_and_never_after_a_blank_one() {
    let with = |cadence: &str| {
        HEAD.replace(
            "kind = \"external\"\n",
            &format!("kind = \"external\"\ncadence = \"{cadence}\"\n"),
        )
    };
    let Outcome::Conflict { text, .. } = both_ways(HEAD, &with("14d"), &with("7d")) else {
        panic!("expected a conflict");
    };
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("uid = \"u1\"\n<<<<<<< ours\n"),
        "no blank line before the markers: {text}"
    );
    // A header whose last line has no newline (a file with no records, edited by hand): the
    // markers still start a line of their own.
    let bare = |s: &str| s.trim_end().to_string();
    let Outcome::Conflict { text, .. } =
        both_ways(&bare(HEAD), &bare(&with("14d")), &bare(&with("7d")))
    else {
        panic!("expected a conflict");
    };
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("\n<<<<<<< ours\n"), "{text}");
    assert!(!text.contains("\n\n<<<<<<< ours"), "{text}");
    assert!(!text.contains("\"<<<<<<<"), "{text}");
}

#[test]
fn a_conflicts_reason_quotes_the_values_without_their_comments() {
    let anna = HEAD.replace(
        "kind = \"external\"\n",
        "kind = \"external\"\n# agreed with Paola\n\ncadence = \"14d\"\n",
    );
    let bruno = HEAD.replace(
        "kind = \"external\"\n",
        "kind = \"external\"\ncadence = \"7d\"\n",
    );
    let Outcome::Conflict { reasons, .. } = both_ways(HEAD, &anna, &bruno) else {
        panic!("expected a conflict");
    };
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0]
            .to_string()
            .contains("(cadence = \"14d\" on our side, cadence = \"7d\" on theirs)"),
        "{reasons:?}"
    );
}

#[test]
fn a_header_changed_on_one_side_is_taken_with_its_comments_and_layout() {
    // anna adds a comment to the header and nothing else; bruno logs a call. Her header is
    // taken byte for byte (a key-by-key merge would lose the comment: no value changed).
    let base = format!("{HEAD}{}", log("2026-11-02", "first"));
    let anna_head = HEAD.replace("kind =", "# key account since 2020\nkind =");
    let anna = format!("{anna_head}{}", log("2026-11-02", "first"));
    let call = log("2026-11-20", "B");
    let bruno = format!("{base}{call}");
    assert_eq!(
        clean(both_ways(&base, &anna, &bruno)),
        format!("{anna}{call}")
    );
    // Both made the same comment edit: taken once, as it is.
    let both = format!("{anna}{call}");
    assert_eq!(clean(both_ways(&base, &anna, &both)), both);
}

#[test]
fn the_same_value_written_two_ways_takes_the_smaller_line_from_either_side() {
    // Both clones set cadence to 14 days, written differently, and each logged a call (so the
    // headers differ and are merged key by key). The result takes the byte-wise smaller line
    // whichever side is ours (both_ways checks the two directions give the same bytes).
    let anna_head = HEAD.replace("kind =", "cadence = \"14d\"\nkind =");
    let bruno_head = HEAD.replace("kind =", "cadence=\"14d\"\nkind =");
    let (a, b) = (log("2026-11-20", "A"), log("2026-11-21", "B"));
    let merged = clean(both_ways(
        HEAD,
        &format!("{anna_head}{a}"),
        &format!("{bruno_head}{b}"),
    ));
    // "cadence = " < "cadence=\"" byte by byte (a space is 0x20, `=` 0x3D): anna's line.
    assert!(merged.contains("cadence = \"14d\"\n"), "{merged}");
    assert!(!merged.contains("cadence=\""), "{merged}");
}

#[test]
fn a_customer_new_on_both_sides_is_written_on_the_smaller_text() {
    // No common version: the result's header is the byte-wise smaller side's text (here
    // anna's, which starts with a comment: `#` sorts before `s`), the uids joined.
    let anna_head = format!("# met at the fair\n{}", HEAD.replace("u1", "aaaa"));
    let bruno_head = HEAD.replace("u1", "bbbb");
    let (a, b) = (
        log("2026-11-20", "called"),
        order("2026-11-21", "500", None),
    );
    let merged = clean(both_ways(
        "",
        &format!("{anna_head}{a}"),
        &format!("{bruno_head}{b}"),
    ));
    assert_eq!(
        merged,
        format!("{}{a}{b}", anna_head.replace("aaaa", "aaaa bbbb"))
    );
}

#[test]
fn comment_lines_before_the_first_record_of_a_file_without_header_belong_to_it() {
    let text = format!("# first call\n{}", log("2026-11-20", "A").trim_start());
    let split = split(&text).unwrap();
    assert_eq!(split.header, "");
    assert_eq!(split.records.len(), 1);
    assert_eq!(split.records[0].text, text);
}

#[test]
fn a_side_whose_last_record_has_no_newline_is_not_glued_to_the_next_record() {
    // anna's editor dropped the file's last newline; bruno appended an order. The merged file
    // has each record on its own lines and loads with both.
    let first = log("2026-11-02", "first");
    let base = format!("{HEAD}{first}");
    let anna = format!("{HEAD}{}{}", first, log("2026-11-20", "A"))
        .trim_end()
        .to_string();
    let bruno = format!("{base}{}", order("2026-11-21", "500", None));
    let merged = clean(both_ways(&base, &anna, &bruno));
    assert!(merged.contains("summary = \"A\"\n\n[[order]]"), "{merged}");
    let customer = loaded(&merged);
    assert_eq!((customer.interactions.len(), customer.orders.len()), (2, 1));
}
