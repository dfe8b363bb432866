//! Where a run's documents come from: the git commit of the tender's data (and templates), and
//! whether the working tree holds anything not recorded in that commit.
//!
//! Asked of the `git` command (`rev-parse`, `status`), so any repository layout git understands
//! works and nothing is linked in. A folder outside git, a repository without commits, or
//! uncommitted, untracked or ignored files below the data or template folder all make the run
//! "not recorded": the documents say `concept, niet vastgelegd`, and `--final` refuses.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::error::{Error, Result};

/// The footer text of documents rendered from a tree that is not recorded in git.
pub(crate) const NOT_RECORDED: &str = "concept, niet vastgelegd";

/// Ignored files that never reach a document (editor and desktop litter). Any other ignored
/// file below the data or template folder counts as unrecorded input: an ignored
/// `data/bids/x.yaml` still decides the award letters.
const LITTER: &[&str] = &[".DS_Store", "Thumbs.db", "desktop.ini"];
const LITTER_SUFFIXES: &[&str] = &["~", ".swp", ".swo", ".tmp", ".bak"];

/// The provenance of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The full commit (`HEAD`) of the repository holding the data; `None` outside git or
    /// before the first commit.
    pub commit: Option<String>,
    /// The commit of the template folder's repository, when that is another repository.
    pub templates_commit: Option<String>,
    /// Something the documents are made from is not recorded in `commit`.
    pub dirty: bool,
    /// Why the run is not recorded, for people (`data/tender.yaml: modified`, …).
    pub reasons: Vec<String>,
}

impl Provenance {
    /// The provenance of rendering `data` with `templates`. Never fails: whatever git cannot
    /// vouch for is reported as not recorded.
    pub(crate) fn detect(data: &Path, templates: &Path) -> Provenance {
        let mut p = Provenance {
            commit: None,
            templates_commit: None,
            dirty: false,
            reasons: Vec::new(),
        };
        let Some(repo) = Repo::containing(data) else {
            p.not_recorded(format!("{} is not in a git repository", data.display()));
            return p;
        };
        p.commit = repo.head();
        if p.commit.is_none() {
            p.not_recorded(format!(
                "the repository {} has no commit yet",
                repo.top.display()
            ));
        }
        // A symlink's target is not in git (and may change under the same commit).
        for dir in [data, templates] {
            for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
                if entry.path_is_symlink() {
                    p.not_recorded(format!(
                        "{} is a symlink: what it points to is not recorded in git",
                        entry.path().display()
                    ));
                }
            }
        }
        let data_rel = repo.rel(data).unwrap_or_default();
        match repo.rel(templates) {
            Some(templates_rel) => p.check(&repo, &[&data_rel, &templates_rel]),
            None => {
                p.check(&repo, &[&data_rel]);
                match Repo::containing(templates) {
                    Some(trepo) => {
                        p.templates_commit = trepo.head();
                        if p.templates_commit.is_none() {
                            p.not_recorded(format!(
                                "the repository {} has no commit yet",
                                trepo.top.display()
                            ));
                        }
                        let rel = trepo.rel(templates).unwrap_or_default();
                        p.check(&trepo, &[&rel]);
                    }
                    None => p.not_recorded(format!(
                        "{} is not in a git repository",
                        templates.display()
                    )),
                }
            }
        }
        p
    }

    fn not_recorded(&mut self, reason: String) {
        self.dirty = true;
        self.reasons.push(reason);
    }

    /// Adds the changes below `paths` (relative to the repository) as reasons.
    fn check(&mut self, repo: &Repo, paths: &[&str]) {
        match repo.changes(paths) {
            Ok(changes) => {
                for c in changes {
                    self.not_recorded(c);
                }
            }
            Err(e) => {
                self.not_recorded(format!("git status failed in {}: {e}", repo.top.display()))
            }
        }
    }

    /// Every input is recorded in a commit.
    pub(crate) fn is_recorded(&self) -> bool {
        !self.dirty && self.commit.is_some()
    }

    /// The first seven characters of a commit: fixed length, so that the same commit always
    /// gives the same footer (git's own abbreviation grows with the repository).
    pub(crate) fn short(commit: &str) -> &str {
        &commit[..commit.len().min(7)]
    }

    /// The stamp passed to the templates: `data 1a2b3c4` or `concept, niet vastgelegd`. The
    /// footer a reader sees does not print it: it says `versie 1.0`, and `concept` when the
    /// stamp is not a commit (`templates/house.typ`); the full commit goes into the keywords.
    pub fn footer(&self) -> String {
        match (&self.commit, self.dirty) {
            (Some(c), false) => match &self.templates_commit {
                Some(t) => format!("data {} · sjablonen {}", Self::short(c), Self::short(t)),
                None => format!("data {}", Self::short(c)),
            },
            _ => NOT_RECORDED.to_string(),
        }
    }

    /// The PDF keywords: the full commit(s), or the not-recorded marker and the commit the
    /// changes were made on. The marker is two keywords, `concept` and `niet vastgelegd`: the
    /// PDF's keyword string joins keywords with `, `, so it reads as the footer does.
    pub fn keywords(&self) -> Vec<String> {
        let mut k = Vec::new();
        if self.dirty {
            k.extend(NOT_RECORDED.split(", ").map(str::to_string));
        }
        let prefix = if self.dirty { "basis " } else { "" };
        if let Some(c) = &self.commit {
            k.push(format!("{prefix}data {c}"));
        }
        if let Some(t) = &self.templates_commit {
            k.push(format!("{prefix}sjablonen {t}"));
        }
        k
    }

    /// `Ok` when every input is recorded; otherwise the error `--final` reports.
    pub(crate) fn require_recorded(&self) -> Result<()> {
        if self.is_recorded() {
            return Ok(());
        }
        const SHOWN: usize = 12;
        let mut msg = String::from("--final: the documents would not be reproducible from git:\n");
        for r in self.reasons.iter().take(SHOWN) {
            msg.push_str(&format!("  {r}\n"));
        }
        if self.reasons.len() > SHOWN {
            msg.push_str(&format!("  … and {} more\n", self.reasons.len() - SHOWN));
        }
        msg.push_str("commit the data and templates first (git add … && git commit), or render without --final");
        Err(Error::Git(msg))
    }
}

/// A git repository, by its top-level folder.
#[derive(Debug, Clone)]
pub struct Repo {
    /// The work tree's top folder, canonical.
    pub top: PathBuf,
}

impl Repo {
    /// The repository whose work tree holds `dir`; `None` when there is none (or no `git`).
    pub fn containing(dir: &Path) -> Option<Repo> {
        let dir = std::fs::canonicalize(dir).ok()?;
        let out = git_cmd(&dir, ["rev-parse", "--show-toplevel"]).ok()?;
        if !out.status.success() {
            return None;
        }
        let top = String::from_utf8(out.stdout).ok()?;
        let top = std::fs::canonicalize(top.trim_end_matches(['\n', '\r'])).ok()?;
        Some(Repo { top })
    }

    /// The full commit `HEAD` points at; `None` before the first commit.
    pub fn head(&self) -> Option<String> {
        self.resolve("HEAD").ok()
    }

    /// The full commit a revision (`HEAD~1`, `v1.0`, a branch) names.
    pub(crate) fn resolve(&self, rev: &str) -> Result<String> {
        let spec = format!("{rev}^{{commit}}");
        // A revision starting with `-` would be read as an option.
        let out = if rev.starts_with('-') {
            None
        } else {
            Some(self.run(["rev-parse", "--verify", "--quiet", &spec])?)
        };
        let Some(out) = out.filter(|o| o.status.success()) else {
            return Err(Error::Usage(format!(
                "`{rev}` is not a commit of the repository {}",
                self.top.display()
            )));
        };
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// `path` relative to the top folder, with `/` separators (`""` for the top itself);
    /// `None` when it is outside this work tree.
    pub fn rel(&self, path: &Path) -> Option<String> {
        let path = std::fs::canonicalize(path).ok()?;
        let rel = path.strip_prefix(&self.top).ok()?;
        // Inside `.git` is not the work tree.
        if rel
            .components()
            .next()
            .is_some_and(|c| c.as_os_str() == ".git")
        {
            return None;
        }
        Some(
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        )
    }

    /// Modified, staged, deleted, untracked and (not litter) ignored files below `paths`, as
    /// `path: what` lines.
    pub fn changes(&self, paths: &[&str]) -> Result<Vec<String>> {
        let mut args: Vec<&str> = vec![
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--ignored=matching",
            "--no-renames",
            "--",
        ];
        args.extend(paths.iter().map(|p| if p.is_empty() { "." } else { p }));
        let out = self.run(args)?;
        if !out.status.success() {
            return Err(Error::Git(
                String::from_utf8_lossy(&out.stderr).trim().to_string(),
            ));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let mut changes = Vec::new();
        for entry in text.split('\0').filter(|e| e.len() > 3) {
            let (code, path) = (&entry[..2], &entry[3..]);
            let what = match code {
                "!!" if is_litter(path) => continue,
                "!!" => "ignored by .gitignore, so not recorded",
                "??" => "untracked",
                c if c.contains('D') => "deleted",
                c if c.contains('A') => "added, not committed",
                c if c.contains('U') => "unmerged",
                _ => "modified",
            };
            changes.push(format!("{path}: {what}"));
        }
        Ok(changes)
    }

    /// Runs git in the top folder.
    pub fn run<I, S>(&self, args: I) -> Result<Output>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        git_cmd(&self.top, args).map_err(|e| Error::Git(format!("cannot run git: {e}")))
    }
}

fn is_litter(path: &str) -> bool {
    let name = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path);
    LITTER.contains(&name) || LITTER_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// `git -C <dir> --literal-pathspecs <args>`, read-only (no index refresh written), with its
/// output captured.
pub(crate) fn git_cmd<I, S>(dir: &Path, args: I) -> std::io::Result<Output>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    git_command(dir).args(args).stdin(Stdio::null()).output()
}

/// A `git -C <dir> --literal-pathspecs` command. The repository is the one holding `dir`:
/// `GIT_DIR` and friends (set when running inside a git hook) are not passed on.
pub(crate) fn git_command(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(dir)
        .arg("--literal-pathspecs")
        .env("GIT_OPTIONAL_LOCKS", "0");
    for var in [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_PREFIX",
        "GIT_COMMON_DIR",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

#[cfg(test)]
impl Provenance {
    /// Data and templates committed at `commit` (for tests).
    pub(crate) fn recorded(commit: &str) -> Provenance {
        Provenance {
            commit: Some(commit.into()),
            templates_commit: None,
            dirty: false,
            reasons: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footer_and_keywords() {
        let sha = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
        let p = Provenance::recorded(sha);
        assert_eq!(p.footer(), "data 1a2b3c4");
        assert_eq!(p.keywords(), vec![format!("data {sha}")]);
        assert!(p.require_recorded().is_ok());

        let dirty = Provenance {
            dirty: true,
            reasons: vec!["data/tender.yaml: modified".into()],
            ..p.clone()
        };
        assert_eq!(dirty.footer(), NOT_RECORDED);
        assert_eq!(
            dirty.keywords(),
            vec![
                "concept".to_string(),
                "niet vastgelegd".into(),
                format!("basis data {sha}")
            ]
        );
        let Err(Error::Git(msg)) = dirty.require_recorded() else {
            panic!("must refuse")
        };
        assert!(msg.contains("data/tender.yaml: modified"), "{msg}");

        let split = Provenance {
            templates_commit: Some("ffffffffff".into()),
            ..p
        };
        assert_eq!(split.footer(), "data 1a2b3c4 · sjablonen fffffff");
    }

    #[test]
    fn outside_git_is_not_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let p = Provenance::detect(dir.path(), dir.path());
        // A temporary folder may sit inside a repository on odd machines; normally it does not.
        if Repo::containing(dir.path()).is_none() {
            assert!(p.dirty && p.commit.is_none());
            assert_eq!(p.footer(), NOT_RECORDED);
            assert_eq!(p.keywords().join(", "), NOT_RECORDED);
        }
    }

    #[test]
    fn litter_is_not_input() {
        assert!(is_litter("data/.DS_Store"));
        assert!(is_litter("data/tender.yaml~"));
        assert!(!is_litter("data/bids/x.yaml"));
    }
}
