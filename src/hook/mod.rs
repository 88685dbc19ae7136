//! The git hooks: what they run on each commit (lint the staged notes, then bring the reviews of
//! the periods those notes fall in up to date *in the commit*), and [`script`], the scripts
//! `hook install` writes.
//!
//! In a hook the index is the truth: notes are read as git will commit them ([`index`]), the new
//! managed block and numbers go onto the staged version of each review and, separately, onto the
//! file in the working tree (a yearly review's heatmap, smallwins' own file, is replaced whole in
//! both), and nothing else is ever staged.

pub mod index;
pub mod script;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::check::{self, Linter, Report, StagedNote};
use crate::config::Config;
use crate::dates::Period;
use crate::error::Result;
use crate::git::Repo;
use crate::heatmap::{self, Span};
use crate::journal::{self, Journal};
use crate::model::Note;
use crate::review::{self, Links, Rendered};
use crate::stats;
use crate::write::WriteOutcome;

pub use index::{Product, ReviewOutcome, Staged, Worktree};
pub use script::{HookMode, InstallOutcome, Installed, UninstallOutcome};

/// What `hook run` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RunMode {
    /// Lint the staged notes (or the given files); exit 1 on errors.
    Check,
    /// Lint, then bring the reviews of the notes' periods up to date in the commit.
    #[default]
    Update,
    /// Regenerate the reviews of the given files' periods in the working tree, without linting
    /// or staging: for the pre-commit framework, which stashes whatever is not staged, so the
    /// working tree is the commit, and which reports changed files itself.
    ReviewOnly,
}

/// The git hook a run serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GitHook {
    /// `pre-commit`: what it stages goes into the commit.
    #[default]
    PreCommit,
    /// `pre-merge-commit`: git has written the merge's tree before it runs, so what it stages
    /// is not in the merge commit. A review it has to change stops the merge (left in progress,
    /// with the reviews staged), and `git commit` completes it.
    PreMergeCommit,
}

/// What `hook run` found and did.
#[derive(Debug, Default)]
pub struct RunOutcome {
    /// The lint of the staged notes or the given files.
    pub report: Report,
    /// Each review of the commit's periods, in period order, then the yearly reviews'
    /// heatmaps; none when only checking or when the lint found errors.
    pub reviews: Vec<ReviewOutcome>,
    /// The git hook this run served.
    pub git_hook: GitHook,
    /// Settings and templates with unstaged changes, which the reviews were rendered with
    /// (vault-relative).
    pub unstaged_settings: Vec<String>,
}

impl RunOutcome {
    /// Whether the commit must stop: lint errors, or a review the commit cannot get right.
    pub fn failed(&self) -> bool {
        self.report.has_errors()
            || self
                .reviews
                .iter()
                .any(|review| matches!(review.staged, Staged::Refused(_)))
    }

    /// Whether a merge must stop for `git commit` to complete it: its hook staged a review,
    /// which the merge commit git has already made up would not hold.
    pub fn merge_needs_commit(&self) -> bool {
        self.git_hook == GitHook::PreMergeCommit
            && self
                .reviews
                .iter()
                .any(|review| review.staged == Staged::Updated)
    }

    /// The reviews written in the working tree only, which the commit lacks: the pre-commit
    /// framework's mode, where the person stages them and commits again.
    pub fn left_to_stage(&self) -> Vec<&ReviewOutcome> {
        self.reviews
            .iter()
            .filter(|review| {
                review.staged == Staged::NotStaged
                    && matches!(
                        review.worktree,
                        Worktree::Written(WriteOutcome::Created | WriteOutcome::Updated)
                    )
            })
            .collect()
    }
}

/// What the hook runs: lints the staged notes (or `files`), then, in update mode, brings the
/// reviews of the periods they fall in up to date in the commit and in the working tree; in
/// review-only mode, in the working tree only.
pub fn run(
    config: &Config,
    mode: RunMode,
    git_hook: GitHook,
    files: &[PathBuf],
    cwd: &Path,
) -> Result<RunOutcome> {
    let repo = Repo::discover(&config.vault)?;
    let (report, dates) = if files.is_empty() {
        let staged = check::staged_notes(config, &repo)?;
        let report = check::lint_staged(config, &staged);
        let dates = touched_dates(config, &report, &staged);
        (report, dates)
    } else {
        let report = check::check_paths(config, files, cwd)?;
        let dates = report.dates.clone();
        (report, dates)
    };
    let report = if mode == RunMode::ReviewOnly {
        Report {
            dates: report.dates,
            checked: report.checked,
            ..Report::default()
        }
    } else {
        report
    };
    if mode == RunMode::Check || report.has_errors() {
        return Ok(RunOutcome {
            report,
            git_hook,
            ..RunOutcome::default()
        });
    }
    // Later days are in no review yet; weekly reviews are always kept, so any other day has one.
    if dates.iter().all(|date| *date > config.today) {
        return Ok(RunOutcome {
            report,
            git_hook,
            ..RunOutcome::default()
        });
    }
    // Under the pre-commit framework the working tree holds exactly what is staged.
    let staged_bytes = mode == RunMode::Update;
    let notes = index::IndexNotes::read(config, &repo, staged_bytes)?;
    // A review the commit holds is kept current even when its file is gone from the working tree.
    let periods = review::periods_touched_where(config, dates, |path| {
        notes.tracks(&repo.path_of(path)) || config.vault.join(path).is_file()
    });
    let mut journal = Journal::load_with(config, &notes.overlay);
    journal.notes.retain(|note| notes.holds(&note.source));
    let links = Links::new(config, notes.sources());
    let rendered = review::render_periods_linking(config, &journal.notes, &periods, links)?;
    let products = with_heatmaps(config, &journal.notes, rendered)?;
    let reviews = if mode == RunMode::Update {
        index::commit_reviews(config, &repo, &notes, &products)?
    } else {
        index::write_reviews(config, &products)?
    };
    Ok(RunOutcome {
        report,
        reviews,
        git_hook,
        unstaged_settings: notes.unstaged_settings,
    })
}

/// The rendered reviews, each yearly one followed by the heatmap it embeds, drawn from the
/// same notes (as `smallwins year` writes it beside the review).
fn with_heatmaps(config: &Config, notes: &[Note], rendered: Vec<Rendered>) -> Result<Vec<Product>> {
    let years: Vec<i32> = rendered
        .iter()
        .filter_map(|review| match review.period {
            Period::Year { year } => Some(year),
            _ => None,
        })
        .collect();
    let mut heatmaps = Vec::with_capacity(years.len());
    if !years.is_empty() {
        let scores = stats::score(notes, config, config.today);
        for year in years {
            let (path, svg) = heatmap::render_default(config, notes, &scores, Span::Year(year))?;
            heatmaps.push(Product::Heatmap { path, svg });
        }
    }
    Ok(rendered
        .into_iter()
        .map(Product::Review)
        .chain(heatmaps)
        .collect())
}

/// The days the commit changes: those of the staged notes, and those their earlier versions
/// held, so that a note deleted or moved to another day leaves its old period's review right.
fn touched_dates(config: &Config, report: &Report, staged: &[StagedNote]) -> BTreeSet<NaiveDate> {
    let linter = Linter::new(config);
    let mut dates = report.dates.clone();
    for note in staged {
        if let Some(before) = &note.before {
            let (text, _) = journal::decode(before.clone(), &note.source);
            dates.extend(linter.lint(&note.source, &text).date);
        }
    }
    dates
}
