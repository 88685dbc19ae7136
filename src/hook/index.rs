//! The commit as git's index holds it: which notes it has and their staged bytes, and putting
//! the reviews' new managed blocks into it without staging anything else.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::Path;

use crate::config::{Config, CONFIG_FILE};
use crate::dates::PeriodKind;
use crate::error::{Error, Result};
use crate::git::{Blob, IndexFile, Repo, RepoPath, MODE_FILE, MODE_SYMLINK};
use crate::journal::Overlay;
use crate::paths::safe_output_path;
use crate::review::{self, Rendered, ReviewStatus};
use crate::templates::OVERRIDE_DIR;
use crate::vault;
use crate::write::{self, WriteOutcome};

/// The notes of the vault as the commit will hold them.
#[derive(Debug, Default)]
pub struct IndexNotes {
    /// Every entry of the commit's index under the vault.
    entries: BTreeMap<RepoPath, Blob>,
    /// What the journal reads instead of the files: the staged bytes of the notes whose working
    /// tree differs from the index.
    pub overlay: Overlay,
    /// The vault-relative sources of the notes in the index.
    notes: HashSet<String>,
    /// The settings and templates the reviews are rendered with whose working-tree file is not
    /// what is staged: read from the working tree all the same, so the person is told.
    pub unstaged_settings: Vec<String>,
}

impl IndexNotes {
    /// Reads the commit's index. With `staged_bytes`, the notes whose working-tree file is not
    /// what is staged (or that git does not compare with it: a sparse checkout's, one marked
    /// assume-unchanged) are read from the index; every other note may be read from disk (or a
    /// cache of it), as the two agree.
    pub fn read(config: &Config, repo: &Repo, staged_bytes: bool) -> Result<IndexNotes> {
        let listed = repo.index_entries(&IndexFile::Current, None)?;
        let unchecked: HashSet<RepoPath> = listed
            .iter()
            .filter(|entry| entry.unchecked)
            .map(|entry| entry.path.clone())
            .collect();
        let entries: BTreeMap<RepoPath, Blob> = listed
            .into_iter()
            .map(|entry| (entry.path, entry.blob))
            .collect();
        let tracked: HashMap<String, (&RepoPath, &Blob)> = entries
            .iter()
            .filter(|(_, blob)| blob.is_file())
            .filter_map(|(path, blob)| {
                let source = repo.source(path)?;
                let note = vault::is_markdown(Path::new(&source))
                    && !vault::is_hidden_or_excluded(config, &source);
                note.then_some((source, (path, blob)))
            })
            .collect();
        let mut overlay = Overlay::default();
        let mut unstaged_settings = Vec::new();
        if staged_bytes {
            let changed = repo.changed_in_worktree()?;
            unstaged_settings = changed
                .iter()
                .filter(|path| entries.get(*path).is_some_and(Blob::is_file))
                .filter_map(|path| repo.source(path))
                .filter(|source| renders_reviews(config, source))
                .collect();
            unstaged_settings.sort();
            let differing: Vec<(&String, &Blob)> = tracked
                .iter()
                .filter(|(_, (path, _))| changed.contains(*path) || unchecked.contains(*path))
                .map(|(source, (_, blob))| (source, *blob))
                .collect();
            let oids: Vec<&str> = differing
                .iter()
                .map(|(_, blob)| blob.oid.as_str())
                .collect();
            for ((source, _), bytes) in differing.iter().zip(repo.read_blobs(&oids)?) {
                match bytes {
                    Some(bytes) => overlay.insert(source.as_str(), bytes),
                    None => overlay.remove(source.as_str()),
                }
            }
        }
        let notes = tracked.into_keys().collect();
        Ok(IndexNotes {
            entries,
            overlay,
            notes,
            unstaged_settings,
        })
    }

    /// The vault-relative sources of the notes in the index.
    pub fn sources(&self) -> impl Iterator<Item = &str> {
        self.notes.iter().map(String::as_str)
    }

    /// Whether the commit's index holds a file at `path`.
    pub fn tracks(&self, path: &RepoPath) -> bool {
        self.entries.get(path).is_some_and(Blob::is_file)
    }

    /// Whether the note at `source` is in the index: a note on disk that git does not track is
    /// not part of the commit.
    pub fn holds(&self, source: &str) -> bool {
        self.notes.contains(source)
    }
}

/// Whether the vault file at `source` shapes the reviews: the settings file, a template
/// override, or a period's review template.
fn renders_reviews(config: &Config, source: &str) -> bool {
    source == CONFIG_FILE
        || source
            .strip_prefix(OVERRIDE_DIR)
            .is_some_and(|rest| rest.starts_with('/'))
        || PeriodKind::ALL
            .into_iter()
            .any(|kind| config.review.location(kind).template == Some(source))
}

/// What became of one review in the commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Staged {
    /// The commit gets the new managed block.
    Updated,
    /// The commit had it already.
    Current,
    /// Git ignores the review: written, not committed.
    Ignored,
    /// Not staged: the pre-commit framework's mode, or another review stops the commit.
    NotStaged,
    /// The commit cannot get the new block, and must stop: why.
    Refused(String),
}

/// What became of one review in the working tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Worktree {
    /// Written, or found current.
    Written(WriteOutcome),
    /// Left as it was (a damaged block, a link): why. The commit is right all the same.
    NotWritten(String),
    /// The person deleted it (without staging that); it is not brought back.
    Deleted,
    /// Not touched, as the commit stops.
    Untouched,
}

impl From<ReviewStatus> for Worktree {
    fn from(status: ReviewStatus) -> Worktree {
        match status {
            ReviewStatus::Written(outcome) | ReviewStatus::Planned(outcome) => {
                Worktree::Written(outcome)
            }
            ReviewStatus::NotRewritten { reason, .. } => Worktree::NotWritten(reason),
        }
    }
}

/// One review of the commit's periods and what the hook did to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewOutcome {
    /// Vault-relative path of the review.
    pub path: String,
    /// In the commit.
    pub staged: Staged,
    /// In the working tree.
    pub worktree: Worktree,
}

/// A file the hook keeps current in the commit and the working tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Product {
    /// A review: its managed block and numbers go onto the note that is there.
    Review(Rendered),
    /// The heatmap a yearly review embeds: smallwins' own file, replaced whole.
    Heatmap {
        /// Vault-relative path of the SVG.
        path: String,
        /// The drawing.
        svg: String,
    },
}

impl Product {
    /// Vault-relative path of the file.
    pub fn path(&self) -> &str {
        match self {
            Product::Review(rendered) => &rendered.path,
            Product::Heatmap { path, .. } => path,
        }
    }

    /// What a file holding `existing` (`None`: no file) becomes, or why it cannot be updated.
    fn updated(&self, config: &Config, existing: Option<&[u8]>) -> Result<Vec<u8>, String> {
        match self {
            Product::Review(rendered) => {
                review::merged(config, existing, rendered).map_err(|err| err.to_string())
            }
            Product::Heatmap { svg, .. } => Ok(svg.as_bytes().to_vec()),
        }
    }

    /// Writes it into the working tree.
    fn write(&self, config: &Config) -> Result<Worktree> {
        match self {
            Product::Review(rendered) => Ok(review::apply(config, rendered, false)?.into()),
            Product::Heatmap { path, svg } => {
                config.check_writable()?;
                let full = safe_output_path(&config.vault, path)?;
                match write::write_if_changed(&full, svg.as_bytes()) {
                    Ok(outcome) => Ok(Worktree::Written(outcome)),
                    Err(Error::Refused { message, .. }) => Ok(Worktree::NotWritten(message)),
                    Err(err) => Err(err),
                }
            }
        }
    }
}

/// What the review at one path of one index should become.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Plan {
    /// The index holds it as it should be.
    Current,
    /// The index holds it with an older managed block; it gets these bytes.
    Stage { mode: u32, bytes: Vec<u8> },
    /// The index holds no review there: the commit gets the whole rendered note.
    Absent { bytes: Vec<u8> },
    /// It cannot be updated in this index: why.
    Refused(String),
}

/// Writes each review (and heatmap) in the working tree only: the pre-commit framework's way,
/// where the working tree is the commit and the person stages what a hook changed.
pub fn write_reviews(config: &Config, products: &[Product]) -> Result<Vec<ReviewOutcome>> {
    products
        .iter()
        .map(|product| {
            Ok(ReviewOutcome {
                path: product.path().to_owned(),
                staged: Staged::NotStaged,
                worktree: product.write(config)?,
            })
        })
        .collect()
}

/// Puts the new managed block of each review onto its staged version in the commit's index (a
/// new review is staged whole, unless git ignores it) and onto its file in the working tree,
/// keeping every other byte of both. When one review cannot be right in the commit, nothing is
/// written or staged and the outcome says why.
pub fn commit_reviews(
    config: &Config,
    repo: &Repo,
    notes: &IndexNotes,
    products: &[Product],
) -> Result<Vec<ReviewOutcome>> {
    let paths: Vec<RepoPath> = products
        .iter()
        .map(|product| repo.path_of(product.path()))
        .collect();
    let plans = plan(config, repo, &notes.entries, products, &paths)?;
    if plans.iter().any(|plan| matches!(plan, Plan::Refused(_))) {
        return Ok(products
            .iter()
            .zip(plans)
            .map(|(product, plan)| ReviewOutcome {
                path: product.path().to_owned(),
                staged: match plan {
                    Plan::Refused(reason) => Staged::Refused(reason),
                    _ => Staged::NotStaged,
                },
                worktree: Worktree::Untouched,
            })
            .collect());
    }
    let absent: Vec<RepoPath> = paths
        .iter()
        .zip(&plans)
        .filter(|(_, plan)| matches!(plan, Plan::Absent { .. }))
        .map(|(path, _)| path.clone())
        .collect();
    let ignored = repo.ignored(&absent)?;
    // The working tree first: should writing fail there, the index is still as the person left it.
    let mut outcomes = Vec::with_capacity(products.len());
    for (product, plan) in products.iter().zip(&plans) {
        let deleted = !matches!(plan, Plan::Absent { .. })
            && fs::symlink_metadata(config.vault.join(product.path()))
                .is_err_and(|err| err.kind() == std::io::ErrorKind::NotFound);
        let worktree = if deleted {
            Worktree::Deleted
        } else {
            product.write(config)?
        };
        outcomes.push(ReviewOutcome {
            path: product.path().to_owned(),
            staged: Staged::Current,
            worktree,
        });
    }
    let mut staging = Vec::new();
    for ((path, plan), outcome) in paths.iter().zip(plans).zip(&mut outcomes) {
        outcome.staged = match plan {
            Plan::Absent { .. } if ignored.contains(path) => Staged::Ignored,
            Plan::Current => Staged::Current,
            Plan::Stage { mode, bytes } => {
                staging.push((path.clone(), write(repo, mode, &bytes)?));
                Staged::Updated
            }
            Plan::Absent { bytes } => {
                staging.push((path.clone(), write(repo, MODE_FILE, &bytes)?));
                Staged::Updated
            }
            Plan::Refused(reason) => Staged::Refused(reason),
        };
    }
    repo.stage(&IndexFile::Current, &staging)?;
    for index in repo.commit_indexes().into_iter().skip(1) {
        stage_in_real_index(config, repo, &index, products, &paths, &outcomes)?;
    }
    Ok(outcomes)
}

/// During `git commit PATHS` the real index (locked by git, put in place after the commit)
/// gets the same managed blocks on its own versions of the reviews, so that after the commit
/// it agrees with it. A review it holds damaged is left as it is there: the commit is right.
fn stage_in_real_index(
    config: &Config,
    repo: &Repo,
    index: &IndexFile,
    products: &[Product],
    paths: &[RepoPath],
    outcomes: &[ReviewOutcome],
) -> Result<()> {
    let entries: BTreeMap<RepoPath, Blob> = repo
        .index_entries(index, Some(paths))?
        .into_iter()
        .map(|entry| (entry.path, entry.blob))
        .collect();
    let mut staging = Vec::new();
    for ((path, plan), outcome) in paths
        .iter()
        .zip(plan(config, repo, &entries, products, paths)?)
        .zip(outcomes)
    {
        match plan {
            Plan::Stage { mode, bytes } => staging.push((path.clone(), write(repo, mode, &bytes)?)),
            Plan::Absent { bytes } if outcome.staged != Staged::Ignored => {
                staging.push((path.clone(), write(repo, MODE_FILE, &bytes)?));
            }
            Plan::Absent { .. } | Plan::Current | Plan::Refused(_) => {}
        }
    }
    repo.stage(index, &staging)
}

fn write(repo: &Repo, mode: u32, bytes: &[u8]) -> Result<Blob> {
    Ok(Blob {
        mode,
        oid: repo.write_blob(bytes)?,
    })
}

/// What each review should become in the index whose entries are `entries`.
fn plan(
    config: &Config,
    repo: &Repo,
    entries: &BTreeMap<RepoPath, Blob>,
    products: &[Product],
    paths: &[RepoPath],
) -> Result<Vec<Plan>> {
    let files: Vec<&str> = paths
        .iter()
        .filter_map(|path| entries.get(path))
        .filter(|blob| blob.is_file())
        .map(|blob| blob.oid.as_str())
        .collect();
    let staged: HashMap<&str, Vec<u8>> = files
        .iter()
        .copied()
        .zip(repo.read_blobs(&files)?)
        .filter_map(|(oid, bytes)| Some((oid, bytes?)))
        .collect();
    Ok(products
        .iter()
        .zip(paths)
        .map(|(product, path)| {
            if holds_folder(entries, path) {
                return Plan::Refused(
                    "is a folder in git's index, so the review cannot be written there; move the folder away".to_owned(),
                );
            }
            let Some(blob) = entries.get(path) else {
                return match product.updated(config, None) {
                    Ok(bytes) => Plan::Absent { bytes },
                    Err(reason) => Plan::Refused(reason),
                };
            };
            if blob.mode == MODE_SYMLINK {
                return Plan::Refused(
                    "is a symbolic link in git's index; smallwins does not write through links (replace the link with the review note)".to_owned(),
                );
            }
            if !blob.is_file() {
                return Plan::Refused("is not a file in git's index (a submodule?)".to_owned());
            }
            let Some(bytes) = staged.get(blob.oid.as_str()) else {
                return Plan::Refused("git cannot show its staged version".to_owned());
            };
            match product.updated(config, Some(bytes)) {
                Ok(updated) if updated == *bytes => Plan::Current,
                Ok(updated) => Plan::Stage {
                    mode: blob.mode,
                    bytes: updated,
                },
                Err(err) => Plan::Refused(format!(
                    "its staged version cannot be updated: {err} (repair it and stage it)"
                )),
            }
        })
        .collect())
}

/// Whether the index holds files under `path/`, making `path` a folder.
fn holds_folder(entries: &BTreeMap<RepoPath, Blob>, path: &RepoPath) -> bool {
    let mut folder = path.0.clone();
    folder.push(b'/');
    entries
        .range(RepoPath(folder.clone())..)
        .next()
        .is_some_and(|(inside, _)| inside.0.starts_with(&folder))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::test_vault::config_with;

    #[test]
    fn the_settings_file_template_overrides_and_period_templates_render_reviews() {
        let (_dir, config) = config_with(&[(
            ".smallwins.toml",
            "[review.month]\ntemplate = \"Templates/Monthly\"\n",
        )]);
        for source in [
            ".smallwins.toml",
            ".smallwins/templates/week.md.j2",
            "Templates/Monthly.md",
        ] {
            assert!(renders_reviews(&config, source), "{source}");
        }
        for source in [
            "Daily/2026-11-25.md",
            ".smallwins/templates-old/week.md.j2",
            "Templates/Weekly.md",
            "sub/.smallwins.toml",
        ] {
            assert!(!renders_reviews(&config, source), "{source}");
        }
    }
}
