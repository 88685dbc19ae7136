//! Git plumbing for `check --staged` and the hook, each call a `git` process: what is staged,
//! the entries of an index, blobs by object id, writing a blob and staging it. Every listing is
//! read NUL-separated (`-z`) and every file is read by object id, so no file name can break a
//! call; paths stay bytes, as git spells them, until they become vault-relative sources.

use std::collections::HashSet;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// A file's mode in git for a plain file.
pub const MODE_FILE: u32 = 0o100644;
/// A file's mode in git for an executable file.
pub const MODE_EXECUTABLE: u32 = 0o100755;
/// A file's mode in git for a symbolic link.
pub const MODE_SYMLINK: u32 = 0o120000;

/// The git repository holding a vault, which may be a subfolder of it.
#[derive(Debug, Clone)]
pub struct Repo {
    /// The top-level folder of this worktree; every git command runs there.
    pub root: PathBuf,
    /// The vault's folder inside the repository as git spells it, with a trailing `/` (empty
    /// when the vault is the top level).
    pub prefix: Vec<u8>,
    /// The folder git runs hooks from (honours `core.hooksPath`).
    pub hooks_dir: PathBuf,
    /// This worktree's own git folder, absolute: its index lives there.
    pub git_dir: PathBuf,
    /// The git folder every worktree of the repository shares, absolute and canonical: what
    /// tells one repository from another.
    pub common_dir: PathBuf,
}

/// A path inside the repository as git spells it: bytes, `/`-separated, from the top level.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RepoPath(pub Vec<u8>);

impl RepoPath {
    /// The path quoted as git quotes it in messages.
    pub fn quoted(&self) -> String {
        quote_path(&self.0)
    }
}

/// One side of a change, or one index entry: a file's mode and object id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob {
    /// The git mode (`0o100644`, `0o120000`, …).
    pub mode: u32,
    /// The object id, in hex.
    pub oid: String,
}

impl Blob {
    /// Whether git holds a plain (or executable) file here, not a link or a submodule.
    pub fn is_file(&self) -> bool {
        matches!(self.mode, MODE_FILE | MODE_EXECUTABLE)
    }
}

/// An entry of an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// Its path.
    pub path: RepoPath,
    /// Its file.
    pub blob: Blob,
    /// Whether git leaves its working-tree file unchecked (skip-worktree, as in a sparse
    /// checkout, or assume-unchanged): the file may be absent or differ without git saying so.
    pub unchecked: bool,
}

/// A path staged for the next commit: its version in `HEAD` and its version in the index, each
/// absent when the path is added or deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The path.
    pub path: RepoPath,
    /// Its version in `HEAD`.
    pub old: Option<Blob>,
    /// Its version in the index.
    pub new: Option<Blob>,
}

/// Which index file a call reads or writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexFile {
    /// The one git named for this process (`GIT_INDEX_FILE`, which git sets for hooks), else
    /// the repository's own.
    Current,
    /// A given index file.
    At(PathBuf),
}

impl Repo {
    /// Finds the repository that holds `vault`.
    pub fn discover(vault: &Path) -> Result<Repo> {
        let output = run_in(
            vault,
            &[
                "rev-parse",
                "--show-toplevel",
                "--show-prefix",
                "--git-path",
                "hooks",
                "--absolute-git-dir",
                "--git-common-dir",
            ],
        )?;
        let lines: Vec<&[u8]> = output
            .strip_suffix(b"\n")
            .unwrap_or(&output)
            .split(|&byte| byte == b'\n')
            .collect();
        let [root, prefix, hooks, git_dir, common_dir] = lines.as_slice() else {
            return Err(Error::Usage(format!(
                "git rev-parse in {} printed an unexpected answer: {}",
                vault.display(),
                String::from_utf8_lossy(&output)
            )));
        };
        let common_dir = vault.join(os_path(common_dir));
        Ok(Repo {
            root: os_path(root),
            prefix: prefix.to_vec(),
            hooks_dir: crate::paths::normalize(&vault.join(os_path(hooks))),
            git_dir: os_path(git_dir),
            common_dir: common_dir
                .canonicalize()
                .map_err(|err| Error::io(&common_dir, err))?,
        })
    }

    /// The vault folder relative to the repository's top level (empty at the top).
    pub fn vault_folder(&self) -> String {
        String::from_utf8_lossy(self.prefix.strip_suffix(b"/").unwrap_or(&self.prefix)).into_owned()
    }

    /// The vault-relative source (with `/`) of a path under the vault, or `None` outside it.
    /// A name that is not UTF-8 is decoded lossily, as the walk of the vault decodes it.
    pub fn source(&self, path: &RepoPath) -> Option<String> {
        let inside = path.0.strip_prefix(self.prefix.as_slice())?;
        Some(String::from_utf8_lossy(inside).into_owned())
    }

    /// The repository path of a vault-relative source.
    pub fn path_of(&self, source: &str) -> RepoPath {
        let mut path = self.prefix.clone();
        path.extend_from_slice(source.as_bytes());
        RepoPath(path)
    }

    /// The indexes a commit in progress reads from: the one git handed this process and, while
    /// `git commit PATHS` runs, also the repository's real index, which git holds locked as
    /// `index.lock` and puts in place after the commit; a hook that stages into the temporary
    /// index only would leave the real one behind the commit.
    pub fn commit_indexes(&self) -> Vec<IndexFile> {
        let mut indexes = vec![IndexFile::Current];
        let partial = std::env::var_os("GIT_INDEX_FILE").is_some_and(|index| {
            Path::new(&index)
                .file_name()
                .map(|name| name.to_string_lossy())
                .is_some_and(|name| name.starts_with("next-index-") && name.ends_with(".lock"))
        });
        let real = self.git_dir.join("index.lock");
        if partial && real.is_file() {
            indexes.push(IndexFile::At(real));
        }
        indexes
    }

    /// The paths under the vault staged for the next commit, each with its old and new
    /// version; renames come as a deletion and an addition. Works before the first commit too.
    pub fn staged_changes(&self) -> Result<Vec<Change>> {
        let mut args = pathspec_args(&[
            "diff",
            "--cached",
            "--raw",
            "-z",
            "--no-abbrev",
            "--no-renames",
            "--no-ext-diff",
            "--",
        ]);
        args.extend(self.vault_pathspec());
        let output = self.run(&args, None, &[])?;
        parse_raw_diff(&output)
    }

    /// Every stage-0 entry of `index` under the vault (or under `paths`, when given).
    pub fn index_entries(
        &self,
        index: &IndexFile,
        paths: Option<&[RepoPath]>,
    ) -> Result<Vec<IndexEntry>> {
        let mut args = pathspec_args(&["ls-files", "--stage", "-v", "-z", "--full-name", "--"]);
        match paths {
            Some([]) => return Ok(Vec::new()),
            Some(paths) => args.extend(paths.iter().map(|path| os_path(&path.0).into())),
            None => args.extend(self.vault_pathspec()),
        }
        let output = self.run(&args, Some(index), &[])?;
        parse_index_entries(&output)
    }

    /// The paths under the vault whose working-tree file is not what the index holds (changed,
    /// gone, or not yet compared since it was touched): only these need reading from the index.
    pub fn changed_in_worktree(&self) -> Result<HashSet<RepoPath>> {
        let mut args = pathspec_args(&["diff-files", "--name-only", "-z", "--"]);
        args.extend(self.vault_pathspec());
        let output = self.run(&args, None, &[])?;
        Ok(split_nul(&output)
            .map(|path| RepoPath(path.to_vec()))
            .collect())
    }

    /// The bytes of each object, in order, through one `git cat-file --batch`; `None` for an
    /// object git does not have or that is not a blob.
    pub fn read_blobs(&self, oids: &[&str]) -> Result<Vec<Option<Vec<u8>>>> {
        if oids.is_empty() {
            return Ok(Vec::new());
        }
        let mut child = self
            .command(None)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(spawn_error)?;
        let mut request = String::with_capacity(oids.len() * 41);
        for oid in oids {
            request.push_str(oid);
            request.push('\n');
        }
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(Error::Usage("git cat-file: no pipe".to_owned()));
        };
        // Write from another thread so a large answer cannot fill the pipe while we still write.
        let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
        let mut reader = BufReader::new(stdout);
        let mut contents = Vec::with_capacity(oids.len());
        for _ in oids {
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

    /// Writes `bytes` into the object database as they are (no filters) and returns the id.
    pub fn write_blob(&self, bytes: &[u8]) -> Result<String> {
        let args = ["hash-object", "-w", "--stdin", "--no-filters"].map(OsString::from);
        let output = self.run(&args, None, bytes)?;
        Ok(String::from_utf8_lossy(&output).trim().to_owned())
    }

    /// Puts entries into `index`, replacing what it held at those paths.
    pub fn stage(&self, index: &IndexFile, entries: &[(RepoPath, Blob)]) -> Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut input = Vec::new();
        for (path, blob) in entries {
            input.extend_from_slice(format!("{:o} {}\t", blob.mode, blob.oid).as_bytes());
            input.extend_from_slice(&path.0);
            input.push(0);
        }
        let args = ["update-index", "--add", "-z", "--index-info"].map(OsString::from);
        self.run(&args, Some(index), &input)
            .map(drop)
            .map_err(|err| self.explain_lock(index, err))
    }

    /// Which of `paths` (not in the index) git ignores.
    pub fn ignored(&self, paths: &[RepoPath]) -> Result<HashSet<RepoPath>> {
        if paths.is_empty() {
            return Ok(HashSet::new());
        }
        let mut input = Vec::new();
        for path in paths {
            input.extend_from_slice(&path.0);
            input.push(0);
        }
        let args = ["check-ignore", "-z", "--stdin"].map(OsString::from);
        let output = self.output(&args, None, &input)?;
        // Exit 1 means that none of the paths is ignored.
        match output.status.code() {
            Some(0 | 1) => Ok(split_nul(&output.stdout)
                .map(|path| RepoPath(path.to_vec()))
                .collect()),
            _ => Err(failed("check-ignore", &self.root, &output.stderr)),
        }
    }

    /// An index that another process holds locked is said in the person's words.
    fn explain_lock(&self, index: &IndexFile, err: Error) -> Error {
        let Error::Usage(message) = &err else {
            return err;
        };
        if !(message.contains(".lock") && message.contains("File exists")) {
            return err;
        }
        let file = match index {
            IndexFile::At(path) => path.clone(),
            IndexFile::Current => std::env::var_os("GIT_INDEX_FILE")
                .map(PathBuf::from)
                .unwrap_or_else(|| self.git_dir.join("index")),
        };
        let mut lock = file.into_os_string();
        lock.push(".lock");
        Error::Refused {
            path: PathBuf::from(lock),
            message: "another git process is using the index, so the reviews were not staged; \
                      commit again once it is done (or commit with --no-verify to leave the reviews as they are)"
                .to_owned(),
        }
    }

    /// The pathspec that limits a listing to the vault (none when the vault is the top level).
    fn vault_pathspec(&self) -> Option<OsString> {
        let folder = self.prefix.strip_suffix(b"/").unwrap_or(&self.prefix);
        (!folder.is_empty()).then(|| os_path(folder).into_os_string())
    }

    fn command(&self, index: Option<&IndexFile>) -> Command {
        let mut command = command(&self.root);
        if let Some(IndexFile::At(path)) = index {
            command.env("GIT_INDEX_FILE", path);
        }
        command
    }

    /// Runs git with `input` on its stdin and returns its stdout, or an error carrying its
    /// stderr.
    fn run(&self, args: &[OsString], index: Option<&IndexFile>, input: &[u8]) -> Result<Vec<u8>> {
        let output = self.output(args, index, input)?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            Err(failed(&call_name(args), &self.root, &output.stderr))
        }
    }

    fn output(
        &self,
        args: &[OsString],
        index: Option<&IndexFile>,
        input: &[u8],
    ) -> Result<std::process::Output> {
        self.command(index)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                if let Some(mut stdin) = child.stdin.take() {
                    stdin.write_all(input)?;
                }
                child.wait_with_output()
            })
            .map_err(spawn_error)
    }
}

/// The git command `args` run, for messages: the first word that is not an option.
fn call_name(args: &[OsString]) -> String {
    args.iter()
        .map(|arg| arg.to_string_lossy())
        .find(|arg| !arg.starts_with('-'))
        .unwrap_or_default()
        .into_owned()
}

/// Quotes a path as git quotes it in messages (`core.quotePath=false`): a name with a control
/// character, a double quote, a backslash or bytes that are not UTF-8 is put in double quotes
/// with C escapes (`\n`, `\t`, `\"`, octal `\351` for a stray byte); any other name, accented
/// letters included, is shown as it is.
pub fn quote_path(path: &[u8]) -> String {
    let needs_quotes = |byte: u8| byte < 0x20 || byte == 0x7f || byte == b'"' || byte == b'\\';
    if std::str::from_utf8(path).is_ok() && !path.iter().any(|&byte| needs_quotes(byte)) {
        return String::from_utf8_lossy(path).into_owned();
    }
    let mut out = String::from("\"");
    for chunk in path.utf8_chunks() {
        for ch in chunk.valid().chars() {
            match ch {
                '\x07' => out.push_str("\\a"),
                '\x08' => out.push_str("\\b"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\x0b' => out.push_str("\\v"),
                '\x0c' => out.push_str("\\f"),
                '\r' => out.push_str("\\r"),
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                ch if u32::from(ch) < 0x20 || ch == '\x7f' => {
                    out.push_str(&format!("\\{:03o}", u32::from(ch)));
                }
                ch => out.push(ch),
            }
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\{byte:03o}"));
        }
    }
    out.push('"');
    out
}

/// Parses `git diff --raw -z --no-renames`: `:MODE MODE OID OID STATUS\0PATH\0` per path.
/// Unmerged paths (no version on either side) are left out.
fn parse_raw_diff(output: &[u8]) -> Result<Vec<Change>> {
    let mut fields = split_nul(output);
    let mut changes = Vec::new();
    while let Some(header) = fields.next() {
        let header = String::from_utf8_lossy(header);
        let Some(path) = fields.next() else {
            return Err(unexpected("diff --raw", &header));
        };
        let parts: Vec<&str> = header.trim_start_matches(':').split(' ').collect();
        let [old_mode, new_mode, old_oid, new_oid, _status] = parts.as_slice() else {
            return Err(unexpected("diff --raw", &header));
        };
        let side = |mode: &str, oid: &str| -> Result<Option<Blob>> {
            let mode = u32::from_str_radix(mode, 8).map_err(|_| unexpected("diff --raw", mode))?;
            Ok((mode != 0).then(|| Blob {
                mode,
                oid: oid.to_owned(),
            }))
        };
        let change = Change {
            path: RepoPath(path.to_vec()),
            old: side(old_mode, old_oid)?,
            new: side(new_mode, new_oid)?,
        };
        if change.old.is_some() || change.new.is_some() {
            changes.push(change);
        }
    }
    Ok(changes)
}

/// Parses `git ls-files --stage -v -z`: `TAG MODE OID STAGE\tPATH\0` per entry, where the tag
/// is `H` for an entry git compares with the working tree; only stage 0 (merged entries) is kept.
fn parse_index_entries(output: &[u8]) -> Result<Vec<IndexEntry>> {
    let mut entries = Vec::new();
    for record in split_nul(output) {
        let Some(tab) = record.iter().position(|&byte| byte == b'\t') else {
            return Err(unexpected("ls-files", &String::from_utf8_lossy(record)));
        };
        let (info, path) = (&record[..tab], &record[tab + 1..]);
        let info = String::from_utf8_lossy(info);
        let parts: Vec<&str> = info.split(' ').collect();
        let [tag, mode, oid, stage] = parts.as_slice() else {
            return Err(unexpected("ls-files", &info));
        };
        if *stage != "0" {
            continue;
        }
        let mode = u32::from_str_radix(mode, 8).map_err(|_| unexpected("ls-files", &info))?;
        entries.push(IndexEntry {
            path: RepoPath(path.to_vec()),
            blob: Blob {
                mode,
                oid: (*oid).to_owned(),
            },
            unchecked: *tag != "H",
        });
    }
    Ok(entries)
}

fn split_nul(output: &[u8]) -> impl Iterator<Item = &[u8]> {
    output
        .split(|&byte| byte == 0)
        .filter(|field| !field.is_empty())
}

fn unexpected(call: &str, text: &str) -> Error {
    Error::Usage(format!("git {call} printed an unexpected line: {text:?}"))
}

/// Reads one `<oid> <type> <size>\n<bytes>\n` answer, or `<name> missing\n`.
fn read_batch_entry(reader: &mut impl BufRead) -> std::io::Result<Option<Vec<u8>>> {
    let mut header = String::new();
    reader.read_line(&mut header)?;
    let fields: Vec<&str> = header.split_whitespace().collect();
    let (kind, size) = match fields.as_slice() {
        [_, kind, size] => (*kind, size.parse::<u64>().map_err(std::io::Error::other)?),
        [] => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "git cat-file stopped answering",
            ))
        }
        _ => return Ok(None),
    };
    let mut bytes = Vec::new();
    reader.by_ref().take(size).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != size {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "git cat-file answered short",
        ));
    }
    let mut newline = [0; 1];
    reader.read_exact(&mut newline)?;
    Ok((kind == "blob").then_some(bytes))
}

/// A path from git's output (bytes) as a file system path.
#[cfg(unix)]
fn os_path(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

/// A path from git's output (bytes) as a file system path.
#[cfg(not(unix))]
fn os_path(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// A `git` command run in `dir`. Git hands hooks a possibly relative `GIT_DIR`/`GIT_INDEX_FILE`
/// meant for the folder the hook started in; made absolute here, they hold wherever git runs.
/// With `GIT_DIR` set (git sets it for hooks in a linked worktree) and no `GIT_WORK_TREE`, git
/// takes the current folder for the top of the work tree: that is this process's folder (the
/// hook's), not `dir`, so it is said explicitly.
fn command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command.current_dir(dir);
    if let Ok(cwd) = std::env::current_dir() {
        if std::env::var_os("GIT_DIR").is_some() && std::env::var_os("GIT_WORK_TREE").is_none() {
            command.env("GIT_WORK_TREE", &cwd);
        }
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
fn run_in(dir: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let output = command(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(spawn_error)?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(failed(
            args.first().copied().unwrap_or_default(),
            dir,
            &output.stderr,
        ))
    }
}

/// Git's failure in the person's words: outside any repository it says so plainly.
fn failed(call: &str, dir: &Path, stderr: &[u8]) -> Error {
    let stderr = String::from_utf8_lossy(stderr);
    if stderr.contains("not a git repository") {
        return Error::NotARepository {
            path: dir.to_path_buf(),
        };
    }
    Error::Usage(format!(
        "git {call} (in {}) failed: {}",
        dir.display(),
        stderr.trim()
    ))
}

/// Git could not be started: most often it is not installed, which deserves plain words.
fn spawn_error(err: std::io::Error) -> Error {
    if err.kind() == std::io::ErrorKind::NotFound {
        Error::Usage("git was not found: install git, or put it on the PATH".to_owned())
    } else {
        Error::io("git", err)
    }
}

/// A git command's arguments, its pathspecs (added after) read literally, as paths.
fn pathspec_args(words: &[&str]) -> Vec<OsString> {
    std::iter::once("--literal-pathspecs")
        .chain(words.iter().copied())
        .map(OsString::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_entries_and_missing_objects() {
        let answer = b"abc blob 5\nhello\nnope missing\nabc blob 0\n\nabc tree 2\nxy\n";
        let mut reader = BufReader::new(&answer[..]);
        assert_eq!(
            read_batch_entry(&mut reader).unwrap(),
            Some(b"hello".to_vec())
        );
        assert_eq!(read_batch_entry(&mut reader).unwrap(), None);
        assert_eq!(read_batch_entry(&mut reader).unwrap(), Some(Vec::new()));
        assert_eq!(read_batch_entry(&mut reader).unwrap(), None, "not a blob");
        assert!(read_batch_entry(&mut reader).is_err());
    }

    #[test]
    fn raw_diff_keeps_both_sides_and_odd_names() {
        let zero = "0".repeat(40);
        let (a, b) = ("a".repeat(40), "b".repeat(40));
        let output = format!(
            ":000000 100644 {zero} {a} A\0notes/new\nline.md\0:100644 100644 {a} {b} M\0n/x.md\0:100644 000000 {b} {zero} D\0gone.md\0:000000 000000 {zero} {zero} U\0both.md\0"
        );
        let changes = parse_raw_diff(output.as_bytes()).unwrap();
        assert_eq!(changes.len(), 3, "the unmerged path is left out");
        assert_eq!(changes[0].path, RepoPath(b"notes/new\nline.md".to_vec()));
        assert_eq!(changes[0].old, None);
        assert_eq!(changes[0].new.as_ref().unwrap().oid, a);
        assert_eq!(changes[1].old.as_ref().unwrap().oid, a);
        assert_eq!(changes[1].new.as_ref().unwrap().mode, MODE_FILE);
        assert_eq!(changes[2].new, None);
    }

    #[test]
    fn index_entries_keep_stage_zero_only() {
        let a = "a".repeat(40);
        let output = format!(
            "H 100644 {a} 0\tnotes/a\tb.md\0S 120000 {a} 0\tlink.md\0h 100644 {a} 0\tsame.md\0M 100644 {a} 2\tconflict.md\0"
        );
        let entries = parse_index_entries(output.as_bytes()).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].path, RepoPath(b"notes/a\tb.md".to_vec()));
        assert!(entries[0].blob.is_file() && !entries[0].unchecked);
        assert_eq!(entries[1].blob.mode, MODE_SYMLINK);
        assert!(!entries[1].blob.is_file() && entries[1].unchecked);
        assert!(entries[2].unchecked, "assume-unchanged");
    }

    #[test]
    fn paths_are_quoted_as_git_quotes_them() {
        let cases: [(&[u8], &str); 6] = [
            (b"notes/plain.md", "notes/plain.md"),
            ("notes/café.md".as_bytes(), "notes/café.md"),
            (b"notes/a\nb.md", r#""notes/a\nb.md""#),
            (b"notes/a\tb \"c\".md", r#""notes/a\tb \"c\".md""#),
            (b"notes/caf\xe9.md", r#""notes/caf\351.md""#),
            (b"back\\slash\x01.md", r#""back\\slash\001.md""#),
        ];
        for (path, expected) in cases {
            assert_eq!(quote_path(path), expected);
        }
    }
}
