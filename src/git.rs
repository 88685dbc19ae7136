//! The few git plumbing calls `check --staged` and the pre-commit hook need, run as `git` processes.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// The git repository holding a vault, which may be a subfolder of it.
#[derive(Debug, Clone)]
pub struct Repo {
    /// The vault folder; every git command runs there.
    vault: PathBuf,
    /// The repository's top-level folder.
    pub root: PathBuf,
    /// The vault's path inside the repository, with `/` and a trailing `/` (empty at the top).
    pub prefix: String,
    /// The folder git runs hooks from (honours `core.hooksPath`).
    pub hooks_dir: PathBuf,
}

impl Repo {
    /// Finds the repository that holds `vault`.
    pub fn discover(vault: &Path) -> Result<Repo> {
        let output = run(
            vault,
            &[
                "rev-parse",
                "--show-toplevel",
                "--show-prefix",
                "--git-path",
                "hooks",
            ],
        )?;
        let text = String::from_utf8_lossy(&output);
        let mut lines = text.lines();
        let (Some(root), Some(prefix), Some(hooks)) = (lines.next(), lines.next(), lines.next())
        else {
            return Err(Error::Usage(format!(
                "git rev-parse in {} printed an unexpected answer: {text}",
                vault.display()
            )));
        };
        Ok(Repo {
            vault: vault.to_path_buf(),
            root: PathBuf::from(root),
            prefix: prefix.to_owned(),
            hooks_dir: crate::paths::normalize(&vault.join(hooks)),
        })
    }

    /// Vault-relative paths (with `/`) of the added, copied, modified or renamed files staged
    /// under the vault, sorted.
    pub fn staged_files(&self) -> Result<Vec<String>> {
        let output = run(
            &self.vault,
            &[
                "diff",
                "--cached",
                "--name-only",
                "--no-relative",
                "--diff-filter=ACMR",
                "-z",
                "--",
                ".",
            ],
        )?;
        let mut files: Vec<String> = output
            .split(|&byte| byte == 0)
            .filter(|path| !path.is_empty())
            .filter_map(|path| {
                String::from_utf8_lossy(path)
                    .strip_prefix(self.prefix.as_str())
                    .map(str::to_owned)
            })
            .collect();
        files.sort();
        Ok(files)
    }

    /// The staged bytes of each vault-relative path, in order, read through one
    /// `git cat-file --batch`; `None` for a path the index does not hold.
    pub fn staged_contents(&self, sources: &[String]) -> Result<Vec<Option<Vec<u8>>>> {
        let mut child = command(&self.vault)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(spawn_error)?;
        let mut request = String::new();
        for source in sources {
            // The batch protocol is line based, so a name with a newline cannot be asked for.
            let name = if source.contains('\n') { "" } else { source };
            request.push_str(&format!(":{}{name}\n", self.prefix));
        }
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(Error::Usage("git cat-file: no pipe".to_owned()));
        };
        // Write from another thread so a large answer cannot fill the pipe while we still write.
        let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
        let mut reader = BufReader::new(stdout);
        let mut contents = Vec::with_capacity(sources.len());
        for _ in sources {
            contents.push(read_batch_entry(&mut reader).map_err(|err| Error::io("git", err))?);
        }
        let written = writer.join().unwrap_or_else(|_| {
            Err(std::io::Error::other(
                "the thread feeding git cat-file failed",
            ))
        });
        written.map_err(|err| Error::io("git", err))?;
        let status = child.wait().map_err(|err| Error::io("git", err))?;
        if !status.success() {
            return Err(Error::Usage(format!(
                "git cat-file --batch failed: {status}"
            )));
        }
        Ok(contents)
    }

    /// Stages vault-relative paths (`git add`).
    pub fn add(&self, sources: &[String]) -> Result<()> {
        if sources.is_empty() {
            return Ok(());
        }
        let mut args = vec!["add", "--"];
        args.extend(sources.iter().map(String::as_str));
        run(&self.vault, &args).map(drop)
    }
}

/// Reads one `<oid> <type> <size>\n<bytes>\n` answer, or `<name> missing\n`.
fn read_batch_entry(reader: &mut impl BufRead) -> std::io::Result<Option<Vec<u8>>> {
    let mut header = String::new();
    reader.read_line(&mut header)?;
    let fields: Vec<&str> = header.split_whitespace().collect();
    let size = match fields.as_slice() {
        [_, "blob", size] => size.parse::<usize>().map_err(std::io::Error::other)?,
        [] => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "git cat-file stopped answering",
            ))
        }
        _ => return Ok(None),
    };
    let mut bytes = vec![0; size];
    reader.read_exact(&mut bytes)?;
    let mut newline = [0; 1];
    reader.read_exact(&mut newline)?;
    Ok(Some(bytes))
}

/// A `git` command run in `dir`. Git hands hooks a possibly relative `GIT_DIR`/`GIT_INDEX_FILE`
/// meant for the repository root; made absolute here, they still hold in a vault subfolder.
fn command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command.current_dir(dir);
    if let Ok(cwd) = std::env::current_dir() {
        for name in [
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "GIT_OBJECT_DIRECTORY",
        ] {
            if let Some(value) = std::env::var_os(name) {
                let path = Path::new(&value);
                if path.is_relative() {
                    command.env(name, cwd.join(path));
                }
            }
        }
    }
    command
}

/// Runs git in `dir` and returns its stdout, or an error carrying its stderr.
fn run(dir: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let output = command(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(spawn_error)?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.success() {
        Ok(output.stdout)
    } else if stderr.contains("not a git repository") {
        Err(Error::NotARepository {
            path: dir.to_path_buf(),
        })
    } else {
        Err(Error::Usage(format!(
            "git {} (in {}) failed: {}",
            args.first().copied().unwrap_or_default(),
            dir.display(),
            stderr.trim()
        )))
    }
}

/// Git could not be started: most often it is not installed, which deserves plain words.
fn spawn_error(err: std::io::Error) -> Error {
    if err.kind() == std::io::ErrorKind::NotFound {
        Error::Usage("git was not found: install git, or put it on the PATH".to_owned())
    } else {
        Error::io("git", err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_entries_and_missing_objects() {
        let answer = b"abc blob 5\nhello\nnope missing\nabc blob 0\n\n";
        let mut reader = BufReader::new(&answer[..]);
        assert_eq!(
            read_batch_entry(&mut reader).unwrap(),
            Some(b"hello".to_vec())
        );
        assert_eq!(read_batch_entry(&mut reader).unwrap(), None);
        assert_eq!(read_batch_entry(&mut reader).unwrap(), Some(Vec::new()));
        assert!(read_batch_entry(&mut reader).is_err());
    }
}
