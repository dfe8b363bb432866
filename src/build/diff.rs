//! `gen diff <rev> [<rev>]`: what changed in the documents between two git revisions of the
//! tender (the second defaults to the working tree, uncommitted changes included).
//!
//! The data and templates of a revision are taken from git (`ls-tree` + `cat-file`) into a
//! temporary folder; every document is rendered through the library, in memory and without
//! provenance, and its text is taken from typst's layout (what a reader sees, without running
//! header and footer). Per document, the text is compared line by line and printed as a
//! unified diff. Nothing is written to the output folder.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use similar::TextDiff;

use super::{Build, Options, Selection, pipeline};
use crate::docs::{self, Plan};
use crate::error::{Error, Result};
use crate::output::manifest;
use crate::provenance::{Provenance, Repo, git_command};

/// One side of the comparison.
struct Side {
    /// For people: `HEAD~1 (1a2b3c4)`, `working tree`.
    label: String,
    /// `None`: the working tree.
    commit: Option<String>,
}

/// What a revision renders, by file (relative to the tender's output folder).
type Documents = BTreeMap<String, Document>;

struct Document {
    title: String,
    content: Content,
}

#[derive(PartialEq, Eq)]
enum Content {
    /// A typeset document's text and page count, or a text file (pages 0).
    Text { text: String, pages: usize },
    /// Any other file (a spreadsheet): compared by its bytes.
    Bytes(String),
}

/// The report of what changed in the documents of the tender in `options.data` (rendered with
/// `options.templates`, and `options.draft`) from revision `from` to `to` (default: the
/// working tree).
pub fn compare(options: &Options, from: &str, to: Option<&str>) -> Result<String> {
    let templates = options.templates.clone();
    let data = &options.data;
    let Some(repo) = Repo::containing(data) else {
        return Err(Error::Usage(format!(
            "{} is not in a git repository: `gen diff` compares revisions of the tender's data",
            data.display()
        )));
    };
    let data_rel = repo
        .rel(data)
        .ok_or_else(|| Error::Usage(format!("{} is not in git's work tree", data.display())))?;
    let templates_rel = repo.rel(&templates);
    if templates_rel.is_none() {
        eprintln!(
            "note: {} is not in the data's repository: both sides are rendered with the templates as they are now",
            templates.display()
        );
    }
    let side = |rev: &str| -> Result<Side> {
        let commit = repo.resolve(rev)?;
        Ok(Side {
            label: format!("{rev} ({})", Provenance::short(&commit)),
            commit: Some(commit),
        })
    };
    let old = side(from)?;
    let new = match to {
        Some(rev) => side(rev)?,
        None => Side {
            label: "working tree".into(),
            commit: None,
        },
    };
    let sources = Sources {
        repo: &repo,
        data_rel: &data_rel,
        templates_rel: templates_rel.as_deref(),
        data,
        templates: &templates,
    };
    let a = sources.documents(&old, options.draft)?;
    let b = sources.documents(&new, options.draft)?;
    Ok(report(&old.label, &new.label, &a, &b))
}

/// Where the data and templates of a side come from.
struct Sources<'a> {
    repo: &'a Repo,
    data_rel: &'a str,
    templates_rel: Option<&'a str>,
    data: &'a Path,
    templates: &'a Path,
}

impl Sources<'_> {
    /// Renders every document of a side (in memory) and takes its text.
    fn documents(&self, side: &Side, draft: bool) -> Result<Documents> {
        let tmp;
        let (data, templates) = match &side.commit {
            None => (self.data.to_path_buf(), self.templates.to_path_buf()),
            Some(commit) => {
                tmp = tempfile::Builder::new()
                    .prefix("gen-diff-")
                    .tempdir()
                    .map_err(|e| Error::io(std::env::temp_dir(), e))?;
                let mut paths = vec![self.data_rel];
                paths.extend(self.templates_rel);
                extract(self.repo, commit, &paths, tmp.path())?;
                let data = tmp.path().join(self.data_rel);
                if !data.join("tender.yaml").is_file() {
                    return Err(Error::Usage(format!(
                        "{} has no {}/tender.yaml",
                        side.label,
                        display_rel(self.data_rel)
                    )));
                }
                let templates = match self.templates_rel {
                    Some(t) => tmp.path().join(t),
                    None => self.templates.to_path_buf(),
                };
                (data, templates)
            }
        };
        in_side(&side.label, render(&data, &templates, draft))
    }
}

fn display_rel(rel: &str) -> &str {
    if rel.is_empty() { "." } else { rel }
}

/// Prints which side failed before the error itself is reported.
fn in_side<T>(label: &str, r: Result<T>) -> Result<T> {
    if r.is_err() {
        eprintln!("error: rendering the documents of {label} failed:");
    }
    r
}

/// Every document the data supports, as text, by file relative to the tender's folder.
fn render(data: &Path, templates: &Path, draft: bool) -> Result<Documents> {
    let build = Build::load(Options {
        templates: templates.to_path_buf(),
        draft,
        stamp: false,
        ..Options::new(data)
    })?;
    let Plan { jobs, files } = build.plan(&Selection::All)?;
    let texts = pipeline::text_all(
        &build.renderer,
        &build.engine(),
        &jobs,
        build.options.threads,
    )?;

    let folder = docs::folder(&build.project);
    let key = |path: &Path| -> String {
        let rel = path.strip_prefix(&folder).unwrap_or(path);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    };
    let mut out = Documents::new();
    for (d, f) in manifest::companions(&jobs, &files).into_iter().zip(&files) {
        let content = match std::str::from_utf8(&f.bytes) {
            Ok(text) => Content::Text {
                text: text.to_string(),
                pages: 0,
            },
            Err(_) => Content::Bytes(manifest::sha256_hex(&f.bytes)),
        };
        out.insert(
            key(&f.path),
            Document {
                title: d.title,
                content,
            },
        );
    }
    for (job, t) in jobs.iter().zip(texts) {
        out.insert(
            key(&job.file),
            Document {
                title: job.title.clone(),
                content: Content::Text {
                    text: t.text,
                    pages: t.pages,
                },
            },
        );
    }
    Ok(out)
}

/// The report: a unified diff per changed document, added and removed documents, a summary.
fn report(old: &str, new: &str, a: &Documents, b: &Documents) -> String {
    let files: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let (mut changed, mut added, mut removed, mut same) = (0, 0, 0, 0);
    let mut out = String::new();
    for file in files {
        match (a.get(file), b.get(file)) {
            (Some(x), Some(y)) if x.content == y.content => same += 1,
            (Some(x), Some(y)) => {
                changed += 1;
                match (&x.content, &y.content) {
                    (
                        Content::Text {
                            text: tx,
                            pages: px,
                        },
                        Content::Text {
                            text: ty,
                            pages: py,
                        },
                    ) => {
                        let pages = if px != py {
                            format!(", {px} → {py} pages")
                        } else {
                            String::new()
                        };
                        out.push_str(&format!("changed: {file} ({}{pages})\n", y.title));
                        if tx == ty {
                            out.push_str("  (the same text; only the layout changed)\n");
                        } else {
                            let diff = TextDiff::from_lines(tx.as_str(), ty.as_str());
                            let unified = diff
                                .unified_diff()
                                .context_radius(3)
                                .missing_newline_hint(false)
                                .header(&format!("{old}: {file}"), &format!("{new}: {file}"))
                                .to_string();
                            out.push_str(&unified);
                            if !unified.ends_with('\n') {
                                out.push('\n');
                            }
                        }
                    }
                    _ => out.push_str(&format!(
                        "changed: {file} ({}): not text; the files differ\n",
                        y.title
                    )),
                }
                out.push('\n');
            }
            (Some(x), None) => {
                removed += 1;
                out.push_str(&format!("removed: {file} ({})\n\n", x.title));
            }
            (None, Some(y)) => {
                added += 1;
                out.push_str(&format!("added: {file} ({})\n\n", y.title));
            }
            (None, None) => unreachable!("a file of either side"),
        }
    }
    if changed + added + removed == 0 {
        out.push_str(&format!("no changes ({same} document(s) compared)\n"));
    } else {
        out.push_str(&format!(
            "{changed} changed, {added} added, {removed} removed, {same} unchanged\n"
        ));
    }
    out
}

/// Writes the files below `paths` (relative to the repository's top) at `commit` into `into`,
/// keeping their paths. Symbolic links and submodules are left out.
fn extract(repo: &Repo, commit: &str, paths: &[&str], into: &Path) -> Result<()> {
    let mut args = vec!["ls-tree", "-r", "-z", commit, "--"];
    args.extend(paths.iter().map(|p| display_rel(p)));
    let out = repo.run(&args)?;
    if !out.status.success() {
        return Err(Error::Git(format!(
            "git ls-tree {commit}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let listing = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut blobs: Vec<(String, PathBuf)> = Vec::new();
    for entry in listing.split('\0').filter(|e| !e.is_empty()) {
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (mode, kind, object) = (meta.next(), meta.next(), meta.next());
        if kind == Some("blob")
            && mode != Some("120000")
            && let Some(object) = object
        {
            blobs.push((object.to_string(), into.join(path)));
        }
    }
    let contents = cat_blobs(repo, blobs.iter().map(|(o, _)| o.as_str()))?;
    for ((_, path), bytes) in blobs.iter().zip(contents) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(path, bytes).map_err(|e| Error::io(path, e))?;
    }
    Ok(())
}

/// The contents of blobs, in order, through one `git cat-file --batch`.
fn cat_blobs<'a>(repo: &Repo, objects: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>> {
    let request: String = objects.map(|o| format!("{o}\n")).collect();
    let count = request.lines().count();
    let mut child = git_command(&repo.top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Git(format!("cannot run git: {e}")))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    // Written from another thread: git answers while it reads, and both pipes are bounded.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut output = Vec::new();
    child
        .stdout
        .take()
        .expect("piped stdout")
        .read_to_end(&mut output)
        .map_err(|e| Error::Git(format!("git cat-file: {e}")))?;
    let _ = writer.join();
    let status = child
        .wait()
        .map_err(|e| Error::Git(format!("git cat-file: {e}")))?;
    if !status.success() {
        return Err(Error::Git("git cat-file --batch failed".into()));
    }
    let mut blobs = Vec::with_capacity(count);
    let mut rest = &output[..];
    for _ in 0..count {
        let nl = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| Error::Git("git cat-file: truncated output".into()))?;
        let header = String::from_utf8_lossy(&rest[..nl]).into_owned();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .filter(|_| header.split(' ').nth(1) == Some("blob"))
            .ok_or_else(|| Error::Git(format!("git cat-file: {header}")))?;
        let body = rest
            .get(nl + 1..nl + 1 + size)
            .ok_or_else(|| Error::Git("git cat-file: truncated output".into()))?;
        blobs.push(body.to_vec());
        rest = rest.get(nl + 2 + size..).unwrap_or(&[]);
    }
    Ok(blobs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(items: &[(&str, &str)]) -> Documents {
        items
            .iter()
            .map(|(f, t)| {
                (
                    f.to_string(),
                    Document {
                        title: f.to_string(),
                        content: Content::Text {
                            text: t.to_string(),
                            pages: 1,
                        },
                    },
                )
            })
            .collect()
    }

    #[test]
    fn reports_changes_additions_and_removals() {
        let a = docs(&[
            ("a.pdf", "één\ntwee\ndrie\n"),
            ("gone.pdf", "x\n"),
            ("same.pdf", "s\n"),
        ]);
        let b = docs(&[
            ("a.pdf", "één\n2\ndrie\n"),
            ("new.pdf", "y\n"),
            ("same.pdf", "s\n"),
        ]);
        let r = report("v1 (1111111)", "working tree", &a, &b);
        assert!(
            r.contains(
                "changed: a.pdf (a.pdf)\n--- v1 (1111111): a.pdf\n+++ working tree: a.pdf\n"
            ),
            "{r}"
        );
        assert!(r.contains("-twee\n+2\n"), "{r}");
        assert!(r.contains("removed: gone.pdf"), "{r}");
        assert!(r.contains("added: new.pdf"), "{r}");
        assert!(!r.contains("same.pdf"), "{r}");
        assert!(
            r.ends_with("1 changed, 1 added, 1 removed, 1 unchanged\n"),
            "{r}"
        );
        assert_eq!(
            report("a", "b", &a, &a),
            "no changes (3 document(s) compared)\n"
        );
    }
}
