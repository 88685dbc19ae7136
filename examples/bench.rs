//! Benchmark: smallwins against `rg --count-matches '#win'` on generated vaults, with and
//! without its per-note cache.
//!
//! ```sh
//! cargo run --release --example bench                      # 1,000, 20,000 and 100,000 notes
//! cargo run --release --example bench -- --sizes 20000 --runs 9
//! ```
//!
//! Vaults are generated once by `examples/gen_vault.rs` into `--dir` (default: the system temp folder)
//! and reused; a second copy of each, a git repository, takes the runs that write (`add`, the hook).
//! Each size gets one untimed warm-up round (warm page cache), then every row runs once per
//! round, `--runs` rounds, ripgrep first in each; the table shows medians, the ratio to
//! ripgrep's median and each row's peak resident memory (from `wait4`'s rusage). Both tools
//! write into a pipe that the bench reads to the end: ripgrep notices an output of `/dev/null`
//! and stops at the first match of each file, which would flatter it.
//!
//! Rows: `stats` reading every note (`--no-cache`); `stats` with a cold cache (deleted before each
//! run: read everything and write the cache) and a warm one; `add` with its reinforcement;
//! `today`; `status` (when this build has it); the pre-commit hook's `hook run` with five staged
//! notes (in the git copy), all warm.
//!
//! It times the release build users install (no debug info). To see where the time goes, profile
//! the same code with debug info: `cargo build --profile profiling`, then for example
//! `perf record -g target/profiling/smallwins --vault DIR stats` and `perf report`.

use std::env;
use std::error::Error;
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The day every run computes for, the newest day of the generated vaults.
const TODAY: &str = "2026-11-25";

/// Notes the hook row stages in the git copy.
const STAGED_NOTES: usize = 5;

struct Options {
    sizes: Vec<usize>,
    runs: usize,
    dir: PathBuf,
}

fn parse_options() -> Result<Options, Box<dyn Error>> {
    let mut options = Options {
        sizes: vec![1_000, 20_000, 100_000],
        runs: 7,
        dir: env::temp_dir().join("smallwins-bench"),
    };
    let mut args = env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--sizes" => {
                options.sizes = value()?
                    .split(',')
                    .map(|size| size.trim().replace('_', "").parse())
                    .collect::<Result<_, _>>()?
            }
            "--runs" => options.runs = value()?.parse()?,
            "--dir" => options.dir = PathBuf::from(value()?),
            _ => {
                return Err(format!(
                    "unknown argument {arg}\nusage: bench [--sizes 1000,20000,100000] [--runs 7] [--dir DIR]"
                )
                .into())
            }
        }
    }
    Ok(options)
}

/// One timed run of a child process: wall time and peak resident set size.
struct Sample {
    wall: Duration,
    max_rss_kib: i64,
}

/// One command the bench times.
struct Row {
    label: String,
    program: PathBuf,
    args: Vec<OsString>,
    env: Vec<(&'static str, OsString)>,
    /// A folder removed before each run (the cache of the cold row).
    remove_first: Option<PathBuf>,
}

impl Row {
    fn run(&self) -> Result<Sample, Box<dyn Error>> {
        if let Some(dir) = &self.remove_first {
            if dir.exists() {
                std::fs::remove_dir_all(dir)?;
            }
        }
        run_once(&self.program, &self.args, &self.env)
    }
}

/// Runs `program` with its output into a pipe read to the end, as a person's terminal or a
/// script would take it.
fn run_once(
    program: &Path,
    args: &[OsString],
    envs: &[(&str, OsString)],
) -> Result<Sample, Box<dyn Error>> {
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .envs(envs.iter().map(|(key, value)| (key, value)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|err| format!("cannot run {}: {err}", program.display()))?;
    if let Some(mut out) = child.stdout.take() {
        let mut sink = [0u8; 64 * 1024];
        while out.read(&mut sink)? > 0 {}
    }
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain old data that wait4 fills in; the pid is our own unwaited child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointers to locals; reaping the child here replaces Child::wait.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    if reaped != pid {
        return Err(format!("wait4 failed for {}", program.display()).into());
    }
    // rg exits 1 when nothing matched, `status` when today has no win yet; above 1 is a failure.
    if libc::WIFEXITED(status) && libc::WEXITSTATUS(status) > 1 {
        return Err(format!(
            "{} {:?} failed with {}",
            program.display(),
            args,
            libc::WEXITSTATUS(status)
        )
        .into());
    }
    Ok(Sample {
        wall,
        max_rss_kib: usage.ru_maxrss,
    })
}

fn median(mut durations: Vec<Duration>) -> Duration {
    durations.sort();
    durations
        .get(durations.len() / 2)
        .copied()
        .unwrap_or_default()
}

fn find_ripgrep() -> Option<PathBuf> {
    env::var_os("PATH").and_then(|paths| {
        env::split_paths(&paths)
            .map(|dir| dir.join("rg"))
            .find(|candidate| candidate.is_file())
    })
}

fn ripgrep_version(rg: &Path) -> String {
    Command::new(rg)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.lines().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown version".into())
}

fn build(target: &Path) -> Result<(PathBuf, PathBuf), Box<dyn Error>> {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--bin",
            "smallwins",
            "--example",
            "gen_vault",
        ])
        .status()?;
    if !status.success() {
        return Err("cargo build --release failed".into());
    }
    Ok((
        target.join("release/smallwins"),
        target.join("release/examples/gen_vault"),
    ))
}

fn ensure_vault(
    gen_vault: &Path,
    dir: &Path,
    name: &str,
    notes: usize,
) -> Result<PathBuf, Box<dyn Error>> {
    let vault = dir.join(name);
    let marker = vault.join(".bench-complete");
    if !marker.exists() {
        if vault.exists() {
            std::fs::remove_dir_all(&vault)?;
        }
        eprintln!("generating {notes} notes in {} …", vault.display());
        let out = Command::new(gen_vault)
            .arg("--notes")
            .arg(notes.to_string())
            .arg("--out")
            .arg(&vault)
            .output()?;
        if !out.status.success() {
            return Err(
                format!("gen_vault failed: {}", String::from_utf8_lossy(&out.stderr)).into(),
            );
        }
        std::fs::write(&marker, &out.stdout)?;
    }
    Ok(vault)
}

/// A second vault of `notes` notes that is a git repository with everything committed, for the
/// rows that write: `add` appends to today's note, the hook writes reviews.
fn ensure_repository(
    gen_vault: &Path,
    dir: &Path,
    notes: usize,
) -> Result<PathBuf, Box<dyn Error>> {
    let repo = dir.join(format!("repo-{notes}"));
    let marker = repo.join(".git/bench-complete");
    if !marker.exists() {
        let vault = ensure_vault(gen_vault, dir, &format!("repo-{notes}"), notes)?;
        eprintln!("committing {notes} notes in {} …", vault.display());
        git(&vault, &["init", "--quiet"])?;
        git(&vault, &["add", "--all"])?;
        git(
            &vault,
            &["commit", "--quiet", "--message", "generated notes"],
        )?;
        std::fs::write(&marker, "")?;
    }
    Ok(repo)
}

/// Stages a change to the `count` newest notes of the repository, as a person about to commit
/// would have: the hook row's commit.
fn stage_notes(repo: &Path, count: usize) -> Result<(), Box<dyn Error>> {
    let daily = repo.join("Daily/2026/11");
    let mut notes: Vec<PathBuf> = std::fs::read_dir(&daily)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    notes.sort();
    let staged: Vec<PathBuf> = notes.into_iter().rev().take(count).collect();
    // From the committed notes, so that runs of the bench do not pile up wins.
    git(repo, &["reset", "--quiet", "--hard"])?;
    for note in &staged {
        let mut text = std::fs::read_to_string(note)?;
        text.push_str("\n- Staged for the bench #win\n");
        std::fs::write(note, text)?;
    }
    let mut add = vec![OsString::from("add"), OsString::from("--")];
    add.extend(staged.iter().map(|note| note.clone().into_os_string()));
    git(repo, &add)
}

fn git<S: AsRef<std::ffi::OsStr>>(repo: &Path, args: &[S]) -> Result<(), Box<dyn Error>> {
    let status = Command::new("git")
        .current_dir(repo)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.com")
        .env("GIT_COMMITTER_NAME", "Bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.com")
        .stdout(Stdio::null())
        .status()?;
    if !status.success() {
        return Err(format!(
            "git {:?} failed in {}",
            args.iter()
                .map(|a| a.as_ref().to_owned())
                .collect::<Vec<_>>(),
            repo.display()
        )
        .into());
    }
    Ok(())
}

/// Whether this build of smallwins has a `status` command (it came with replay and streaks).
fn has_status(smallwins: &Path) -> bool {
    Command::new(smallwins)
        .args(["status", "--help"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The rows for one vault size.
fn rows(smallwins: &Path, vault: &Path, repo: &Path, cache: &Path, status: bool) -> Vec<Row> {
    let cache_env = |dir: &Path| vec![("SMALLWINS_CACHE_DIR", dir.as_os_str().to_owned())];
    let row = |label: &str, vault: &Path, args: &[&str], cache: &Path| Row {
        label: label.to_owned(),
        program: smallwins.to_path_buf(),
        args: [
            "--vault".into(),
            vault.as_os_str().to_owned(),
            "--today".into(),
            TODAY.into(),
        ]
        .into_iter()
        .chain(args.iter().map(OsString::from))
        .collect(),
        env: cache_env(cache),
        remove_first: None,
    };
    let cold_cache = cache.join("cold");
    let warm_cache = cache.join("warm");
    let repo_cache = cache.join("repo");
    let mut rows = vec![
        row(
            "stats, no cache",
            vault,
            &["--no-cache", "stats", "--format", "json"],
            &warm_cache,
        ),
        Row {
            remove_first: Some(cold_cache.clone()),
            ..row(
                "stats, cold cache",
                vault,
                &["stats", "--format", "json"],
                &cold_cache,
            )
        },
        row(
            "stats, warm cache",
            vault,
            &["stats", "--format", "json"],
            &warm_cache,
        ),
        row(
            "add (with reinforcement)",
            repo,
            &["add", "Benchmarked a win", "--tag", "bench"],
            &repo_cache,
        ),
        row("today", vault, &["today"], &warm_cache),
    ];
    if status {
        rows.push(row("status", vault, &["status"], &warm_cache));
    }
    rows.push(row(
        &format!("hook run, {STAGED_NOTES} staged notes"),
        repo,
        &["hook", "run", "--mode", "update"],
        &repo_cache,
    ));
    rows
}

fn main() -> Result<(), Box<dyn Error>> {
    let options = parse_options()?;
    let target = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let (smallwins, gen_vault) = build(&target)?;
    let rg = find_ripgrep();
    match &rg {
        Some(rg) => println!("ripgrep: {} ({})", ripgrep_version(rg), rg.display()),
        None => println!(
            "ripgrep is NOT installed (no `rg` on PATH): only smallwins is timed and there is no ratio; \
             install it with `apt-get install ripgrep` or `cargo install ripgrep`"
        ),
    }
    let status = has_status(&smallwins);
    if !status {
        println!("this build has no `status` command: its row is left out");
    }
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    println!(
        "cores: {cores}; runs per row and size: {} (after one warm-up round); load before: {}\n",
        options.runs,
        load_average()
    );
    println!(
        "{:>8}  {:<28}  {:>10}  {:>7}  {:>10}",
        "notes", "run", "median", "× rg", "peak RSS"
    );
    for &notes in &options.sizes {
        let vault = ensure_vault(&gen_vault, &options.dir, &format!("vault-{notes}"), notes)?;
        let repo = ensure_repository(&gen_vault, &options.dir, notes)?;
        stage_notes(&repo, STAGED_NOTES)?;
        let cache = options.dir.join(format!("cache-{notes}"));
        let rows = rows(&smallwins, &vault, &repo, &cache, status);
        let rg_args: Vec<OsString> = vec![
            "--count-matches".into(),
            "#win".into(),
            vault.clone().into_os_string(),
        ];
        if let Some(rg) = &rg {
            run_once(rg, &rg_args, &[])?;
        }
        for row in &rows {
            row.run()?;
        }
        let mut rg_samples = Vec::new();
        let mut samples: Vec<Vec<Sample>> = rows.iter().map(|_| Vec::new()).collect();
        for _ in 0..options.runs {
            if let Some(rg) = &rg {
                rg_samples.push(run_once(rg, &rg_args, &[])?);
            }
            for (row, samples) in rows.iter().zip(&mut samples) {
                samples.push(row.run()?);
            }
        }
        let rg_median = (!rg_samples.is_empty()).then(|| summary(&rg_samples));
        if let Some((median, rss)) = rg_median {
            print_row(
                notes,
                "rg --count-matches '#win'",
                median,
                Some(median),
                rss,
            );
        }
        for (row, samples) in rows.iter().zip(&samples) {
            let (median, rss) = summary(samples);
            print_row(notes, &row.label, median, rg_median.map(|(rg, _)| rg), rss);
        }
        println!();
    }
    println!(
        "load after: {} (other work on the machine slows every row; compare the ratios)",
        load_average()
    );
    Ok(())
}

/// The median wall time and the largest peak RSS of some samples.
fn summary(samples: &[Sample]) -> (Duration, i64) {
    let median = median(samples.iter().map(|sample| sample.wall).collect());
    let rss = samples
        .iter()
        .map(|sample| sample.max_rss_kib)
        .max()
        .unwrap_or(0);
    (median, rss)
}

fn print_row(notes: usize, label: &str, median: Duration, rg: Option<Duration>, rss_kib: i64) {
    let ratio = rg.map_or("-".to_owned(), |rg| {
        format!("{:.2}×", median.as_secs_f64() / rg.as_secs_f64())
    });
    println!(
        "{notes:>8}  {label:<28}  {:>10}  {ratio:>7}  {:>10}",
        format!("{:.1} ms", median.as_secs_f64() * 1e3),
        format!("{:.1} MiB", rss_kib as f64 / 1024.0),
    );
}

/// The 1, 5 and 15 minute load averages, to show how busy the machine was (Linux only).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| "unknown".into())
}
