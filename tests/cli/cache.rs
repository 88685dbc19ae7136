//! The per-note cache: answers through it equal a fresh read (`--no-cache`) after any change to
//! the vault, its settings or the program; concurrent runs and damaged files never show.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, SystemTime};

use crate::support::{copy_tree, example_vault, json, smallwins, TODAY};

/// A copy of a vault with a cache folder of its own, and the program identity the runs claim
/// (`$SMALLWINS_CACHE_PROGRAM`, which stands in for an upgrade of smallwins).
struct Scene {
    dir: tempfile::TempDir,
    program: &'static str,
}

impl Scene {
    /// A copy of `from` whose files were all last modified an hour ago, out of the racy
    /// second in which the cache does not trust a note.
    fn copy_of(from: &Path) -> Scene {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(from, &dir.path().join("vault"));
        let scene = Scene {
            dir,
            program: "one",
        };
        for entry in walkdir::WalkDir::new(scene.vault()) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                settle(entry.path());
            }
        }
        scene
    }

    fn vault(&self) -> PathBuf {
        self.dir.path().join("vault")
    }

    fn cache_dir(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    /// The vault's one cache file.
    fn cache_file(&self) -> PathBuf {
        let files: Vec<PathBuf> = fs::read_dir(self.cache_dir())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        files.into_iter().next().unwrap()
    }

    fn run(&self, cached: bool, args: &[&str]) -> Output {
        let mut cmd = smallwins(&self.vault());
        cmd.env("SMALLWINS_CACHE_DIR", self.cache_dir())
            .env("SMALLWINS_CACHE_PROGRAM", self.program);
        if !cached {
            cmd.arg("--no-cache");
        }
        cmd.args(args).output().unwrap()
    }

    /// Runs each command through the cache (twice: the run that refreshes it, then one that
    /// reads it) and afresh, and asserts the three answers are the same bytes.
    fn assert_cache_agrees(&self, step: &str) {
        for args in COMMANDS {
            let fresh = self.run(false, args);
            for run in ["refreshing", "reading"] {
                let cached = self.run(true, args);
                assert_eq!(
                    (
                        cached.status.code(),
                        as_text(&cached.stdout),
                        as_text(&cached.stderr)
                    ),
                    (
                        fresh.status.code(),
                        as_text(&fresh.stdout),
                        as_text(&fresh.stderr)
                    ),
                    "`{}` {run} the cache after {step}",
                    args.join(" ")
                );
            }
        }
    }

    fn write(&self, source: &str, text: impl AsRef<[u8]>) {
        let path = self.vault().join(source);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// What the differential test compares: every answer that comes from reading notes.
const COMMANDS: [&[&str]; 5] = [
    &["stats", "--format", "json"],
    &["list", "--format", "json"],
    &["check"],
    &["today", "--days", "3"],
    &["week", "2026-W47", "--stdout"],
];

fn as_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An hour ago, for every settled file alike: notes edited to the same size keep the same
/// modification time, so only their change time and inode can tell.
fn past() -> SystemTime {
    static PAST: std::sync::OnceLock<SystemTime> = std::sync::OnceLock::new();
    *PAST.get_or_init(|| SystemTime::now() - Duration::from_secs(3600))
}

fn settle(path: &Path) {
    File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(past())
        .unwrap();
}

/// A small deterministic generator (xorshift), so a failure replays.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Every note of the vault (vault-relative), sorted.
fn notes(vault: &Path) -> Vec<String> {
    let mut notes: Vec<String> = walkdir::WalkDir::new(vault)
        .into_iter()
        .filter_entry(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .map(Result::unwrap)
        .filter(|entry| {
            entry.file_type().is_file() && entry.path().extension().is_some_and(|ext| ext == "md")
        })
        .map(|entry| {
            entry
                .path()
                .strip_prefix(vault)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    notes.sort();
    notes
}

const SETTINGS: [&str; 6] = [
    "",
    "[wins]\ntags = [\"win\", \"running\"]\n",
    "[wins]\nsections = [\"Wins\", \"Log\"]\n",
    "exclude = [\"Meetings\"]\n",
    "[goal]\nrest_tag = \"family\"\n",
    "[notes]\nfolder = \"Daily\"\nformat = \"YYYY/MM/YYYY-MM-DD\"\n",
];

/// One random change to the vault, its settings or the program; says what it did.
fn change(scene: &mut Scene, random: &mut Random, step: usize) -> String {
    let vault = scene.vault();
    let note = random.pick(&notes(&vault)).clone();
    let path = vault.join(&note);
    let done = match random.below(10) {
        0 => {
            let mut text = fs::read_to_string(&path).unwrap_or_default();
            text.push_str(&format!(
                "\n- 08:{step:02} Appended win {step} #win #bench\n"
            ));
            scene.write(&note, text);
            format!("appending to {note}")
        }
        1 => {
            // The same size and, once settled, the same modification time.
            let text = fs::read_to_string(&path).unwrap_or_default();
            scene.write(
                &note,
                text.replacen('a', "e", 1).replacen("#win", "#wim", 1),
            );
            format!("editing {note} in place")
        }
        2 => {
            fs::remove_file(&path).unwrap();
            format!("deleting {note}")
        }
        3 => {
            let target = format!("Daily/2026/11/2026-11-{:02}.md", 1 + random.below(28));
            if target == note {
                return "nothing".to_owned();
            }
            let target_path = vault.join(&target);
            let parked = vault.join("parked.tmp");
            if target_path.exists() {
                fs::rename(&target_path, &parked).unwrap();
            }
            fs::create_dir_all(target_path.parent().unwrap()).unwrap();
            fs::rename(&path, &target_path).unwrap();
            if parked.exists() {
                fs::rename(&parked, &path).unwrap();
            }
            format!("swapping {note} and {target}")
        }
        4 => {
            let source = format!("Notes/Dated {step}.md");
            let day = 1 + random.below(25);
            scene.write(
                &source,
                format!("---\ndate: 2026-11-{day:02}\n---\n- Dated note win {step} #win\n"),
            );
            format!("adding {source} dated by its front matter")
        }
        5 => {
            scene.write(&note, b"- broken \xff bytes #win\n#rest\n");
            format!("making {note} invalid UTF-8")
        }
        6 | 7 => {
            let settings = random.pick(&SETTINGS);
            scene.write(".smallwins.toml", settings);
            format!("settings {settings:?}")
        }
        8 => {
            scene.program = if scene.program == "one" { "two" } else { "one" };
            return format!("a new program {}", scene.program);
        }
        _ => {
            let mut text = fs::read_to_string(&path).unwrap_or_default();
            text.insert_str(0, "---\ntags: [rest]\n---\n");
            scene.write(&note, text);
            format!("marking {note} a rest day")
        }
    };
    // Half the changes settle (as edits an hour old would be); the rest stay in the racy second.
    if random.below(2) == 0 {
        for note in notes(&vault) {
            let path = vault.join(note);
            if fs::metadata(&path).unwrap().modified().unwrap() > past() {
                settle(&path);
            }
        }
        if let Ok(config) = File::options()
            .write(true)
            .open(vault.join(".smallwins.toml"))
        {
            config.set_modified(past()).unwrap();
        }
    }
    done
}

#[test]
fn answers_through_the_cache_equal_a_fresh_read_after_every_change() {
    let mut scene = Scene::copy_of(&example_vault());
    scene.assert_cache_agrees("the first run");
    let cache = scene.cache_file();
    let written = fs::metadata(&cache).unwrap().modified().unwrap();
    scene.assert_cache_agrees("nothing");
    assert_eq!(
        fs::metadata(&cache).unwrap().modified().unwrap(),
        written,
        "runs that changed nothing rewrote the cache: it was not read"
    );
    let mut random = Random(0x5eed_cafe_f00d);
    for step in 0..24 {
        let done = change(&mut scene, &mut random, step);
        scene.assert_cache_agrees(&format!("step {step}: {done}"));
    }
}

#[test]
fn twenty_concurrent_adds_with_their_reinforcement_leave_a_consistent_cache() {
    let scene = Scene::copy_of(&crate::support::fixtures().join("capture-bundled"));
    scene.assert_cache_agrees("the first run");
    let children: Vec<_> = (1..=20)
        .map(|i| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("smallwins"))
                .env("SMALLWINS_CACHE_DIR", scene.cache_dir())
                .env("NO_COLOR", "1")
                .arg("--vault")
                .arg(scene.vault())
                .args(["--today", TODAY, "add", &format!("Cached win {i}")])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", as_text(&output.stderr));
        assert_eq!(as_text(&output.stderr), "");
    }
    let list = json(
        smallwins(&scene.vault())
            .env("SMALLWINS_CACHE_DIR", scene.cache_dir())
            .args(["list", "--format", "json", "--since", TODAY]),
    );
    let mut texts: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|win| win["text"].as_str().unwrap())
        .collect();
    texts.sort();
    let mut want: Vec<String> = (1..=20).map(|i| format!("Cached win {i}")).collect();
    want.sort();
    assert_eq!(texts, want);
    // Settled, the note is cached again; every answer still agrees, and no run left debris.
    settle(&scene.vault().join("Daily/2026-11-26.md"));
    scene.assert_cache_agrees("twenty adds");
    scene.cache_file();
}

#[test]
fn a_damaged_cache_gives_right_answers_without_a_word_and_is_rebuilt() {
    let scene = Scene::copy_of(&example_vault());
    scene.assert_cache_agrees("the first run");
    let cache = scene.cache_file();
    let intact = fs::read(&cache).unwrap();
    let mut other_format = intact.clone();
    other_format[8] = other_format[8].wrapping_add(1);
    let mut flipped = intact.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    let noise: Vec<u8> = (0..intact.len() as u64)
        .map(|i| (i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as u8)
        .collect();
    for (damage, bytes) in [
        ("truncated", intact[..intact.len() / 3].to_vec()),
        ("empty", Vec::new()),
        ("random bytes", noise),
        ("another format", other_format),
        ("a flipped bit", flipped),
    ] {
        fs::write(&cache, &bytes).unwrap();
        scene.assert_cache_agrees(damage);
        assert_eq!(fs::read(&cache).unwrap(), intact, "rebuilt after {damage}");
    }
    fs::remove_file(&cache).unwrap();
    scene.assert_cache_agrees("deleting it");
    assert_eq!(fs::read(&cache).unwrap(), intact);
}

#[test]
fn without_a_usable_cache_folder_every_command_works_silently() {
    let scene = Scene::copy_of(&example_vault());
    let blocker = scene.dir.path().join("not-a-folder");
    fs::write(&blocker, "").unwrap();
    let fresh = scene.run(false, &["stats", "--format", "json"]);
    for dir in [blocker.join("cache"), scene.vault().join(".cache")] {
        let output = smallwins(&scene.vault())
            .env("SMALLWINS_CACHE_DIR", &dir)
            .args(["stats", "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(output.stdout, fresh.stdout);
        assert_eq!(as_text(&output.stderr), "");
        assert!(!dir.exists(), "{}", dir.display());
    }
}

#[test]
fn no_cache_from_the_environment_reads_afresh_and_writes_nothing() {
    let scene = Scene::copy_of(&example_vault());
    for value in ["1", "true", "yes"] {
        let output = smallwins(&scene.vault())
            .env("SMALLWINS_CACHE_DIR", scene.cache_dir())
            .env("SMALLWINS_NO_CACHE", value)
            .args(["stats", "--format", "json"])
            .output()
            .unwrap();
        assert!(output.status.success());
        assert!(!scene.cache_dir().exists(), "SMALLWINS_NO_CACHE={value}");
    }
    smallwins(&scene.vault())
        .env("SMALLWINS_CACHE_DIR", scene.cache_dir())
        .env("SMALLWINS_NO_CACHE", "0")
        .args(["stats", "--format", "json"])
        .assert()
        .success();
    scene.cache_file();
}
