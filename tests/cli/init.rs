//! `init`: detection report, the written configuration, and refusing to overwrite.

use std::fs;

use crate::support::{copy_fixture, run, smallwins};

#[test]
fn init_reports_layout_and_writes_config() {
    let vault = copy_fixture("daily-notes-nested");
    let output = run(smallwins(vault.path()).arg("init"), vault.path());
    insta::assert_snapshot!(output);
    let written = fs::read_to_string(vault.path().join(".smallwins.toml")).unwrap();
    assert!(
        written.contains("# format = \"YYYY/MM/YYYY-MM-DD\""),
        "{written}"
    );
    let listed = smallwins(vault.path()).arg("list").output().unwrap();
    assert!(listed.status.success(), "the written config loads");
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let vault = copy_fixture("front-matter");
    let before = fs::read_to_string(vault.path().join(".smallwins.toml")).unwrap();
    let output = smallwins(vault.path()).arg("init").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--force"));
    assert_eq!(
        fs::read_to_string(vault.path().join(".smallwins.toml")).unwrap(),
        before
    );
    let forced = smallwins(vault.path())
        .args(["init", "--force"])
        .output()
        .unwrap();
    assert!(forced.status.success());
    let after = fs::read_to_string(vault.path().join(".smallwins.toml")).unwrap();
    assert!(after.contains("[notes]\nfolder = \"Daily\""), "{after}");
}
