//! `coltiva edit` copies the customer file into a folder made by the tempfile crate: private to
//! the user (0700) while the editor runs, and gone afterwards.

#![cfg(unix)]

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use common::{Journal, Run};

#[test]
fn the_edit_folder_is_private_and_removed() {
    let j = Journal::new();
    j.add("Acme", &[]);
    let scratch = j.tmp().join("scratch");
    fs::create_dir(&scratch).unwrap();
    let seen = j.tmp().join("seen");
    let script = j.tmp().join("editor.sh");
    // The editor records the mode of the folder holding the copy, and leaves the copy as is.
    fs::write(
        &script,
        "#!/bin/sh\nstat -c %a \"$(dirname \"$1\")\" > \"$SEEN\"\n",
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    let run = Run::of(
        j.cmd()
            .args(["edit", "acme"])
            .env("EDITOR", &script)
            .env("SEEN", &seen)
            .env("TMPDIR", &scratch)
            .write_stdin(""),
    )
    .ok();
    assert_eq!(fs::read_to_string(&seen).unwrap().trim(), "700", "{run:?}");
    assert_eq!(fs::read_dir(&scratch).unwrap().count(), 0);
}
