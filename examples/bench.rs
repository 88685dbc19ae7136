//! Benchmark: `smallwins stats --format json` against `rg --count-matches '#win'` on generated vaults.
//!
//! ```sh
//! cargo run --release --example bench                      # 1,000, 20,000 and 100,000 notes
//! cargo run --release --example bench -- --sizes 20000 --runs 9
//! ```
//!
//! Vaults are generated once by `examples/gen_vault.rs` into `--dir` (default: the system temp folder)
//! and reused. Each size gets one untimed warm-up run of both tools (warm cache), then the two tools
//! alternate `--runs` times; the table shows medians, the ratio smallwins/ripgrep and each tool's peak
//! resident memory (from `wait4`'s rusage).

use std::env;
use std::error::Error;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

fn run_once(program: &Path, args: &[OsString]) -> Result<Sample, Box<dyn Error>> {
    let start = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|err| format!("cannot run {}: {err}", program.display()))?;
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
    // rg exits 1 when nothing matched; anything else above 1 is a real failure.
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

fn ensure_vault(gen_vault: &Path, dir: &Path, notes: usize) -> Result<PathBuf, Box<dyn Error>> {
    let vault = dir.join(format!("vault-{notes}"));
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
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    println!(
        "cores: {cores}; runs per tool and size: {} (after one warm-up run each); load before: {}\n",
        options.runs,
        load_average()
    );
    println!(
        "{:>8}  {:>12}  {:>12}  {:>7}  {:>13}  {:>9}  {:>9}",
        "notes", "smallwins", "ripgrep", "ratio", "µs per note", "RSS sw", "RSS rg"
    );
    for &notes in &options.sizes {
        let vault = ensure_vault(&gen_vault, &options.dir, notes)?;
        let sw_args: Vec<OsString> = vec![
            "--vault".into(),
            vault.clone().into_os_string(),
            "--today".into(),
            "2026-11-25".into(),
            "stats".into(),
            "--format".into(),
            "json".into(),
        ];
        let rg_args: Vec<OsString> = vec![
            "--count-matches".into(),
            "#win".into(),
            vault.into_os_string(),
        ];
        run_once(&smallwins, &sw_args)?;
        if let Some(rg) = &rg {
            run_once(rg, &rg_args)?;
        }
        let (mut sw_times, mut rg_times) = (Vec::new(), Vec::new());
        let (mut sw_rss, mut rg_rss) = (0, 0);
        for _ in 0..options.runs {
            let sample = run_once(&smallwins, &sw_args)?;
            sw_times.push(sample.wall);
            sw_rss = sw_rss.max(sample.max_rss_kib);
            if let Some(rg) = &rg {
                let sample = run_once(rg, &rg_args)?;
                rg_times.push(sample.wall);
                rg_rss = rg_rss.max(sample.max_rss_kib);
            }
        }
        let sw = median(sw_times);
        let per_note = sw.as_secs_f64() * 1e6 / notes as f64;
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
        let mib = |kib: i64| format!("{:.1} MiB", kib as f64 / 1024.0);
        if rg.is_some() {
            let rgm = median(rg_times);
            println!(
                "{notes:>8}  {:>12}  {:>12}  {:>6.2}×  {per_note:>13.1}  {:>9}  {:>9}",
                ms(sw),
                ms(rgm),
                sw.as_secs_f64() / rgm.as_secs_f64(),
                mib(sw_rss),
                mib(rg_rss)
            );
        } else {
            println!(
                "{notes:>8}  {:>12}  {:>12}  {:>7}  {per_note:>13.1}  {:>9}  {:>9}",
                ms(sw),
                "-",
                "-",
                mib(sw_rss),
                "-"
            );
        }
    }
    println!(
        "\nload after: {} (other work on the machine slows both tools; compare the ratio)",
        load_average()
    );
    Ok(())
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
