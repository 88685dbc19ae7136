//! Exit codes of the real binary, the contract scripts and git hooks rely on: 0 done, 1 findings
//! (a failed `check`), 2 a usage, I/O or configuration error.

use std::fs;
use std::path::Path;

use crate::support::{copy_fixture, example_vault, smallwins, TODAY};

/// What a run must end with.
enum Expect {
    Done,
    Findings,
    /// An error whose message names this cause.
    Error(&'static str),
}

#[test]
fn exit_codes_are_the_documented_contract() {
    let example = example_vault();
    let lints = copy_fixture("check-lints");
    let scratch = tempfile::tempdir().unwrap();
    let misconfigured = scratch.path().join("misconfigured");
    fs::create_dir(&misconfigured).unwrap();
    fs::write(misconfigured.join("2026-11-20.md"), "- a win #win\n").unwrap();
    fs::write(misconfigured.join(".smallwins.toml"), "[goal]\ndialy = 3\n").unwrap();
    let blocked = scratch.path().join("blocked");
    fs::create_dir_all(blocked.join(format!("{TODAY}.md"))).unwrap();
    fs::write(blocked.join("2026-11-20.md"), "- a win #win\n").unwrap();
    let missing = scratch.path().join("missing");
    // Each error must name its cause, so the code is the one of the error the case is about.
    let cases: [(&str, &Path, &[&str], Expect); 8] = [
        ("done", &example, &["list"], Expect::Done),
        ("help", &example, &["--help"], Expect::Done),
        ("a failed check", lints.path(), &["check"], Expect::Findings),
        (
            "an unknown flag",
            &example,
            &["list", "--bogus"],
            Expect::Error("--bogus"),
        ),
        (
            "an impossible date",
            &example,
            &["list", "--since", "2026-02-30"],
            Expect::Error("2026-02-30"),
        ),
        (
            "a missing vault",
            &missing,
            &["list"],
            Expect::Error("vault folder not found"),
        ),
        (
            "a folder in the note's place",
            &blocked,
            &["add", "x"],
            Expect::Error("Is a directory"),
        ),
        (
            "an unknown config key",
            &misconfigured,
            &["list"],
            Expect::Error("dialy"),
        ),
    ];
    for (what, vault, args, expect) in cases {
        let output = smallwins(vault).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let command = format!("smallwins {}", args.join(" "));
        let code = match expect {
            Expect::Done => 0,
            Expect::Findings => 1,
            Expect::Error(_) => 2,
        };
        assert_eq!(
            output.status.code(),
            Some(code),
            "{what}: `{command}`:\n{stderr}"
        );
        if let Expect::Error(cause) = expect {
            assert!(
                stderr.starts_with("error: ") && stderr.contains(cause),
                "{what}: `{command}`:\n{stderr}"
            );
        }
    }
}
