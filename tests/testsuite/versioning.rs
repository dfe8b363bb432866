//! Versioning tender documents in git: the provenance stamp, the not-recorded marker, `--final`,
//! the manifest, `gen diff` and `gen init`, on real temporary repositories.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

use crate::common::*;

const REF: &str = "WIJ-2026-001";

/// Git without the machine's or user's configuration (signing, hooks, excludes).
fn hermetic(cmd: &mut Command) -> &mut Command {
    for var in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"] {
        cmd.env_remove(var);
    }
    cmd.env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
}

/// A tender repository in a temporary folder: the bundled data and templates, committed.
struct TenderRepo {
    dir: tempfile::TempDir,
}

impl TenderRepo {
    fn new() -> Self {
        let repo = TenderRepo::empty();
        copy_tree(&data_dir(), &repo.path("data"));
        copy_tree(&templates_dir(), &repo.path("templates"));
        repo.write(".gitignore", "/out/\n");
        repo.commit("Aanbesteding");
        repo
    }

    /// A git repository with nothing in it.
    fn empty() -> Self {
        let repo = TenderRepo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.git(&["init", "--quiet"]);
        repo.git(&["config", "user.name", "Inkoop"]);
        repo.git(&["config", "user.email", "inkoop@example.org"]);
        repo.git(&["config", "commit.gpgsign", "false"]);
        repo
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn out(&self) -> PathBuf {
        self.path("out")
    }

    fn git(&self, args: &[&str]) -> String {
        let output = hermetic(
            Command::new("git")
                .arg("-C")
                .arg(self.dir.path())
                .args(args),
        )
        .output()
        .unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap().trim().to_string()
    }

    fn commit(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "--quiet", "-m", message]);
        self.head()
    }

    fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"])
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Replaces the one occurrence of `from` in a file.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur once in {rel}"
        );
        std::fs::write(self.path(rel), text.replacen(from, to, 1)).unwrap();
    }

    /// `gen` in the repository, with its default folders (data, templates next to it, out).
    fn run_gen(&self, args: &[&str]) -> Output {
        hermetic(&mut gen_in(self.dir.path()))
            .args(args)
            .output()
            .expect("gen runs")
    }

    fn pdf(&self, rel: &str) -> PathBuf {
        self.out().join(REF).join(rel)
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in files_below(from) {
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn raw(pdf: &Path) -> String {
    String::from_utf8_lossy(&std::fs::read(pdf).unwrap()).into_owned()
}

/// The XMP keywords of a PDF (typst-pdf writes the metadata stream uncompressed).
fn keywords(pdf: &Path) -> String {
    let raw = raw(pdf);
    let start = raw
        .find("<pdf:Keywords>")
        .expect("keywords in the XMP metadata")
        + "<pdf:Keywords>".len();
    raw[start..start + raw[start..].find("</pdf:Keywords>").unwrap()].to_string()
}

/// Whitespace (line breaks, non-breaking spaces) folded to single spaces.
fn flat(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join(REF).join("manifest.json")).expect("a manifest"))
        .unwrap()
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The stamp

#[test]
fn a_committed_tree_stamps_the_commit_in_footer_and_metadata() {
    let repo = TenderRepo::new();
    let head = repo.head();
    assert_success(&repo.run_gen(&["itt"]));
    let pdf = repo.pdf("offerteaanvraag.pdf");
    let text = flat(&pdf_text(&pdf));
    // The reader sees the version in every footer, not the commit; the commit is in the
    // metadata and, once, in the colophon at the end.
    assert!(
        text.contains("Offerteaanvraag · versie 1.0 Pagina"),
        "{text}"
    );
    assert_eq!(text.matches(&head[..7]).count(), 1, "{text}");
    assert!(
        text.contains(&format!(
            "Colofon: dit document is gemaakt met tendergen uit git: data {head}"
        )),
        "{text}"
    );
    assert!(!text.contains("· concept"), "{text}");
    // A draft says so plainly, also when committed.
    assert_success(&repo.run_gen(&["--draft", "itt"]));
    let draft = flat(&pdf_text(&pdf));
    assert!(
        draft.contains("Offerteaanvraag · versie 1.0 · concept Pagina"),
        "{draft}"
    );
    assert_success(&repo.run_gen(&["itt"]));

    // Metadata: title, author = the organisation, subject = the reference, keywords with the
    // full commit, language nl.
    let raw = raw(&pdf);
    assert_eq!(keywords(&pdf), format!("{REF}, data {head}"));
    assert!(
        raw.contains(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{REF}</rdf:li>"
        )),
        "subject"
    );
    assert!(
        raw.contains("<dc:creator><rdf:Seq><rdf:li>Stichting WIJ Groningen</rdf:li>"),
        "author"
    );
    assert!(
        raw.contains(&format!("Offerteaanvraag – Arbodienstverlening ({REF})")),
        "title"
    );
    assert!(raw.contains("/Lang(nl"), "language");
}

#[test]
fn uncommitted_untracked_or_ignored_input_marks_the_documents() {
    let repo = TenderRepo::new();
    let head = repo.head();
    let footer = |repo: &TenderRepo| flat(&pdf_text(&repo.pdf("offerteaanvraag.pdf")));

    // A modified data file.
    repo.edit(
        "data/tender.yaml",
        "\nversion: \"1.0\"",
        "\n# changed\nversion: \"1.0\"",
    );
    assert_success(&repo.run_gen(&["itt"]));
    assert!(
        footer(&repo).contains("Offerteaanvraag · versie 1.0 · concept Pagina"),
        "{}",
        footer(&repo)
    );
    assert_eq!(
        keywords(&repo.pdf("offerteaanvraag.pdf")),
        format!("{REF}, concept, niet vastgelegd, basis data {head}")
    );
    let m = manifest(&repo.out());
    assert_eq!(m["documents"][0]["dirty"], true);
    assert_eq!(m["documents"][0]["commit"], head.as_str());
    repo.git(&["checkout", "--quiet", "--", "data"]);

    // An untracked file among the templates.
    repo.write("templates/notes.typ", "// new\n");
    assert_success(&repo.run_gen(&["itt"]));
    assert!(footer(&repo).contains("versie 1.0 · concept"));
    std::fs::remove_file(repo.path("templates/notes.typ")).unwrap();

    // An ignored file in the data still counts (ignored bids decide the letters); editor
    // litter does not.
    repo.write(".gitignore", "/out/\n*.txt\n.DS_Store\n");
    repo.commit("ignore");
    repo.write("data/.DS_Store", "x");
    assert_success(&repo.run_gen(&["itt"]));
    assert!(!footer(&repo).contains("· concept"), "{}", footer(&repo));
    assert_eq!(
        keywords(&repo.pdf("offerteaanvraag.pdf")),
        format!("{REF}, data {}", repo.head())
    );
    repo.write("data/notes.txt", "x");
    assert_success(&repo.run_gen(&["itt"]));
    assert!(footer(&repo).contains("versie 1.0 · concept"));

    // Outside git altogether.
    let loose = tempfile::tempdir().unwrap();
    copy_tree(&data_dir(), &loose.path().join("data"));
    let out = loose.path().join("out");
    let o = gen_in(loose.path())
        .arg("--templates")
        .arg(templates_dir())
        .arg("--out")
        .arg(&out)
        .arg("itt")
        .output()
        .unwrap();
    assert_success(&o);
    let pdf = out.join(REF).join("offerteaanvraag.pdf");
    assert!(flat(&pdf_text(&pdf)).contains("versie 1.0 · concept Pagina"));
    assert_eq!(keywords(&pdf), format!("{REF}, concept, niet vastgelegd"));
    assert_eq!(
        manifest(&out)["documents"][0]["commit"],
        serde_json::Value::Null
    );

    // --no-stamp leaves the provenance out of the document (and says so in the manifest).
    assert_success(&repo.run_gen(&["--no-stamp", "itt"]));
    assert!(!footer(&repo).contains("· concept"));
    assert_eq!(keywords(&repo.pdf("offerteaanvraag.pdf")), REF);
    assert_eq!(manifest(&repo.out())["documents"][0]["stamped"], false);
}

#[test]
fn final_refuses_an_unrecorded_tree_and_writes_nothing() {
    let repo = TenderRepo::new();
    repo.edit(
        "data/tender.yaml",
        "\nversion: \"1.0\"",
        "\n# changed\nversion: \"1.0\"",
    );
    let o = repo.run_gen(&["--final", "itt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--final") && stderr(&o).contains("data/tender.yaml: modified"),
        "{}",
        stderr(&o)
    );
    assert!(!repo.out().exists(), "nothing written");
    // `gen check --final` says the same before anything is rendered.
    assert_eq!(repo.run_gen(&["--final", "check"]).status.code(), Some(1));

    // Untracked, then committed.
    repo.git(&["checkout", "--quiet", "--", "data"]);
    repo.write("templates/extra.typ", "// new\n");
    let o = repo.run_gen(&["--final", "itt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("templates/extra.typ: untracked"),
        "{}",
        stderr(&o)
    );
    assert!(!repo.out().exists());
    repo.commit("extra");
    assert_success(&repo.run_gen(&["--final", "itt"]));
    assert!(repo.pdf("offerteaanvraag.pdf").is_file());
    assert_success(&repo.run_gen(&["--final", "check"]));

    // A final document is never a draft, and always stamped.
    assert_eq!(
        repo.run_gen(&["--final", "--draft", "itt"]).status.code(),
        Some(2)
    );
    assert_eq!(
        repo.run_gen(&["--final", "--no-stamp", "itt"])
            .status
            .code(),
        Some(2)
    );

    // Not in git at all.
    let loose = tempfile::tempdir().unwrap();
    copy_tree(&data_dir(), &loose.path().join("data"));
    let o = gen_in(loose.path())
        .arg("--templates")
        .arg(templates_dir())
        .args(["--final", "itt"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not in a git repository"),
        "{}",
        stderr(&o)
    );
    assert!(!loose.path().join("out").exists());
}

// ---------------------------------------------------------------------------------------------
// The manifest

#[test]
fn the_manifest_lists_every_document_and_reproduces() {
    let repo = TenderRepo::new();
    let head = repo.head();
    assert_success(&repo.run_gen(&["all"]));
    let folder = repo.out().join(REF);
    let m = manifest(&repo.out());
    assert_eq!(m["reference"], REF);
    let entries = m["documents"].as_array().unwrap();
    let listed: Vec<&str> = entries
        .iter()
        .map(|e| e["file"].as_str().unwrap())
        .collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted, "sorted by file");
    let written: Vec<String> = files_below(&folder)
        .into_iter()
        .map(|(f, _)| f)
        .filter(|f| f != "manifest.json")
        .collect();
    assert_eq!(listed, written, "every file written, and nothing else");
    assert!(
        listed.contains(&"offerteaanvraag.pdf") && listed.iter().any(|f| f.starts_with("gunning/"))
    );
    for e in entries {
        let file = e["file"].as_str().unwrap();
        assert_eq!(
            e["sha256"],
            hex_sha256(&std::fs::read(folder.join(file)).unwrap()).as_str(),
            "{file}"
        );
        assert_eq!(e["commit"], head.as_str());
        assert_eq!(e["dirty"], false);
        assert_eq!(e["version"], "1.0");
        assert!(!e["title"].as_str().unwrap().is_empty());
    }
    let itt = entries
        .iter()
        .find(|e| e["file"] == "offerteaanvraag.pdf")
        .unwrap();
    assert_eq!(itt["title"], "Offerteaanvraag");

    // The same commit again, elsewhere: the same bytes, manifest included.
    let again = tempfile::tempdir().unwrap();
    assert_success(&repo.run_gen(&["--out", again.path().to_str().unwrap(), "all"]));
    assert_eq!(files_below(&folder), files_below(&again.path().join(REF)));

    // Rendering one document replaces its entry and keeps the others.
    let before = manifest(&repo.out());
    assert_success(&repo.run_gen(&["itt"]));
    assert_eq!(manifest(&repo.out()), before, "same commit, same manifest");
    repo.edit(
        "data/tender.yaml",
        "\nversion: \"1.0\"",
        "\nversion: \"1.1\"",
    );
    let new_head = repo.commit("versie 1.1");
    assert_success(&repo.run_gen(&["itt"]));
    let after = manifest(&repo.out());
    let docs = after["documents"].as_array().unwrap();
    assert_eq!(docs.len(), entries.len());
    for e in docs {
        let file = e["file"].as_str().unwrap();
        assert_eq!(
            e["sha256"],
            hex_sha256(&std::fs::read(folder.join(file)).unwrap()).as_str(),
            "{file}"
        );
        if file == "offerteaanvraag.pdf" {
            assert_eq!(
                (&e["commit"], &e["version"]),
                (&serde_json::json!(new_head), &serde_json::json!("1.1"))
            );
        } else {
            assert_eq!(
                (&e["commit"], &e["version"]),
                (&serde_json::json!(head), &serde_json::json!("1.0"))
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// gen diff

#[test]
fn diff_shows_a_changed_date_in_its_document_only() {
    let repo = TenderRepo::new();
    repo.edit(
        "data/nvi/round-2.yaml",
        "published: 2026-06-29",
        "published: 2026-06-30",
    );

    // Against the working tree.
    let o = repo.run_gen(&["diff", "HEAD"]);
    assert_success(&o);
    let text = stdout(&o);
    assert!(
        text.contains("changed: nota-van-inlichtingen-2.pdf (Nota van inlichtingen 2)\n"),
        "{text}"
    );
    assert!(
        text.contains("-Datum van publicatie 29 juni 2026\n+Datum van publicatie 30 juni 2026\n"),
        "{text}"
    );
    assert_eq!(
        text.matches("changed: ").count(),
        1,
        "one document changed:\n{text}"
    );
    assert!(text.contains("\n1 changed, 0 added, 0 removed, "), "{text}");
    assert!(
        !text.contains("Pagina "),
        "no page furniture in the text:\n{text}"
    );
    assert!(!repo.out().exists(), "gen diff writes nothing");

    // Between two commits, and a document that appears.
    let old = repo.head();
    repo.commit("datum nota 2");
    let o = repo.run_gen(&["diff", "HEAD~1", "HEAD"]);
    assert_success(&o);
    assert!(
        stdout(&o).contains(&format!(
            "--- HEAD~1 ({}): nota-van-inlichtingen-2.pdf",
            &old[..7]
        )),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("+Datum van publicatie 30 juni 2026"));

    std::fs::remove_file(repo.path("data/nvi/round-2.yaml")).unwrap();
    let o = repo.run_gen(&["diff", "HEAD"]);
    assert_success(&o);
    assert!(
        stdout(&o).contains("removed: nota-van-inlichtingen-2.pdf (Nota van inlichtingen 2)"),
        "{}",
        stdout(&o)
    );
    let o = repo.run_gen(&["diff", "HEAD~1", "HEAD"]);
    assert_success(&o);
    assert_eq!(stdout(&o).matches("changed: ").count(), 1);
    repo.git(&["checkout", "--quiet", "--", "data"]);

    // Nothing changed.
    let o = repo.run_gen(&["diff", "HEAD"]);
    assert_success(&o);
    assert!(stdout(&o).starts_with("no changes"), "{}", stdout(&o));

    // Usage errors: an unknown revision; data outside git.
    let o = repo.run_gen(&["diff", "no-such-tag"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-tag"));
    let loose = tempfile::tempdir().unwrap();
    copy_tree(&data_dir(), &loose.path().join("data"));
    let o = gen_in(loose.path())
        .args(["diff", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not in a git repository"),
        "{}",
        stderr(&o)
    );
}

/// The text `gen diff` compares: the body as typeset, without running header and footer
/// (page numbers, provenance) or the draft watermark.
#[test]
fn document_text_leaves_out_page_furniture() {
    let project = project();
    let opts = tendergen::docs::RunOptions {
        draft: true,
        ..opts()
    };
    let job = tendergen::docs::itt::job(&project, &opts);
    let renderer = renderer();
    let engine = tendergen::typeset::Engine::new(templates_dir(), data_dir())
        .with_provenance("data 1234567", &[]);
    let t = tendergen::build::pipeline::text_one(&renderer, &engine, &job).unwrap();
    assert!(t.pages > 10);
    assert!(t.text.contains("Arbodienstverlening\n"), "the cover");
    assert!(t.text.contains("Stichting WIJ Groningen"));
    for furniture in ["Pagina ", "1234567", "CONCEPT", "versie 1.0"] {
        assert!(!t.text.contains(furniture), "`{furniture}` in the text");
    }
    // Words on a line are separated; no line is empty.
    assert!(t.text.lines().all(|l| !l.trim().is_empty()));
}

// ---------------------------------------------------------------------------------------------
// gen init

#[test]
fn init_makes_a_tender_repository_that_checks_and_renders() {
    // From an empty folder outside any tender: no data, no templates, no repository around.
    let base = tempfile::tempdir().unwrap();
    let init = |dir: &str, extra: &[&str]| {
        hermetic(&mut gen_in(base.path()))
            .arg("init")
            .arg(dir)
            .args(extra)
            .output()
            .unwrap()
    };
    assert_success(&init("nieuw", &[]));
    let new = base.path().join("nieuw");
    for f in [
        "data/tender.yaml",
        "data/requirements.yaml",
        "data/award.yaml",
        "data/decision.yaml.example",
        "data/bids/voorbeeld.yaml.example",
        "data/nvi/README.md",
        "data/bids/README.md",
        "templates/house.typ",
        "templates/offerteaanvraag.typ.tera",
        "templates/gunning/letter.typ",
        "README.md",
        ".gitignore",
    ] {
        assert!(new.join(f).is_file(), "{f}");
    }
    assert!(new.join(".git").is_dir(), "git init");
    assert!(!new.join("data/decision.yaml").exists());
    // The templates are the built-in ones, byte for byte.
    assert_eq!(
        files_below(&new.join("templates")),
        files_below(&templates_dir())
    );
    let tender = std::fs::read_to_string(new.join("data/tender.yaml")).unwrap();
    assert!(tender.contains("\nreference: \"REF-0000-001\"  # <<kenmerk van de aanbesteding>>\n"));
    assert!(tender.contains("\ntitle: \"<<Titel van de opdracht>>\"\n"));
    assert!(tender.contains("\n  kind: europees-openbaar\n"));
    assert!(
        tender
            .lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            > 50,
        "every field is explained"
    );
    let readme = std::fs::read_to_string(new.join("README.md")).unwrap();
    assert!(
        readme.contains("<<") && readme.contains("gen --final all") && readme.contains("gen check")
    );

    // In the new folder, with its default paths: check lists the placeholders as warnings
    // with file:line:field; --final refuses them; the documents render.
    let repo = TenderRepo {
        dir: tempfile::TempDir::new_in(base.path()).unwrap(),
    };
    std::fs::remove_dir(repo.dir.path()).unwrap();
    std::fs::rename(&new, repo.dir.path()).unwrap();
    let o = repo.run_gen(&["check"]);
    assert_success(&o);
    let warnings = stderr(&o);
    // Each placeholder at its line and column in the file, with its field.
    let place = |file: &str, needle: &str| {
        let text = std::fs::read_to_string(repo.path(file)).unwrap();
        let (n, line) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(needle))
            .unwrap_or_else(|| panic!("`{needle}` in the starter"));
        format!("{}:{}", n + 1, line.find("<<").unwrap() + 1)
    };
    let at = |needle: &str| place("data/tender.yaml", needle);
    let name_at = at("name: <<Volledige naam");
    for expected in [
        format!(
            "warning: data/tender.yaml:{name_at}: organisation.name: placeholder `<<Volledige naam van de aanbestedende dienst>>`"
        ),
        format!(
            "warning: data/tender.yaml:{}: reference: placeholder `<<kenmerk van de aanbesteding>>`",
            at("reference:")
        ),
        format!(
            "data/tender.yaml:{}: agreement.start: placeholder `<<ingangsdatum>>`",
            at("start: 2027")
        ),
        format!(
            "data/award.yaml:{}: criteria[1] (G1).points: placeholder `<<punten voor prijs>>`",
            place("data/award.yaml", "<<punten voor prijs>>")
        ),
        format!(
            "data/requirements.yaml:{}: suitability.certificates[1]: placeholder",
            place("data/requirements.yaml", "<<Certificaat")
        ),
    ] {
        assert!(warnings.contains(&expected), "`{expected}` in:\n{warnings}");
    }
    let listed = warnings
        .lines()
        .filter(|l| l.contains(": placeholder `<<"))
        .count();
    assert!(listed > 30, "{listed} placeholders listed");
    let o = repo.run_gen(&["--final", "check"]);
    assert_eq!(o.status.code(), Some(1));
    let errors = stderr(&o);
    assert!(
        errors.contains(&format!("error: data/tender.yaml:{name_at}: organisation.name: placeholder `<<Volledige naam van de aanbestedende dienst>>` not filled in")),
        "{errors}"
    );
    assert_eq!(
        errors
            .lines()
            .filter(|l| l.starts_with("error: ") && l.contains("placeholder `<<"))
            .count(),
        listed
    );
    assert_success(&repo.run_gen(&["all"]));
    let pdf = repo.out().join("REF-0000-001/offerteaanvraag.pdf");
    let text = flat(&pdf_text(&pdf));
    assert!(
        text.contains("Offerteaanvraag voor de Europese openbare aanbesteding"),
        "{text}"
    );
    assert!(text.contains("· concept"), "not committed yet");
    assert_eq!(
        repo.git(&["status", "--porcelain", "--", "out"]),
        "",
        "out/ is ignored"
    );
    repo.git(&["config", "user.name", "Inkoop"]);
    repo.git(&["config", "user.email", "inkoop@example.org"]);
    repo.git(&["config", "commit.gpgsign", "false"]);
    repo.commit("eerste versie");
    // Committed, but the placeholders still stop publication, and nothing is written.
    std::fs::remove_dir_all(repo.out()).unwrap();
    let o = repo.run_gen(&["--final", "all"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!repo.out().join("REF-0000-001/offerteaanvraag.pdf").exists());

    // Each procedure gets its own starter; reference and title from the command line.
    for (kind, says) in [
        (
            "nationaal-openbaar",
            "Offerteaanvraag voor de nationale openbare aanbesteding",
        ),
        (
            "meervoudig-onderhands",
            "Offerteaanvraag voor de meervoudig onderhandse aanbesteding",
        ),
    ] {
        let dir = format!("t-{kind}");
        assert_success(&init(
            &dir,
            &[
                "--procedure",
                kind,
                "--reference",
                "GEM-2027-004",
                "--title",
                "Schoonmaak: \"alles\"",
            ],
        ));
        let root = base.path().join(&dir);
        let tender = std::fs::read_to_string(root.join("data/tender.yaml")).unwrap();
        assert!(
            tender.contains("\nreference: \"GEM-2027-004\"\n"),
            "{tender}"
        );
        assert!(tender.contains("\ntitle: \"Schoonmaak: \\\"alles\\\"\"\n"));
        assert!(tender.contains(&format!("\n  kind: {kind}\n")));
        assert_eq!(
            kind == "meervoudig-onderhands",
            tender.contains("\n  invited:\n")
        );
        let o = hermetic(&mut gen_in(&root))
            .args(["--no-stamp", "itt"])
            .output()
            .unwrap();
        assert_success(&o);
        let text = flat(&pdf_text(
            &root.join("out/GEM-2027-004/offerteaanvraag.pdf"),
        ));
        assert!(text.contains(says), "{kind}: {text}");
    }

    // No trace of the bundled tender's organisation, subject or seed notes in any starter.
    for root in [
        repo.dir.path().to_path_buf(),
        base.path().join("t-nationaal-openbaar"),
        base.path().join("t-meervoudig-onderhands"),
    ] {
        let dir = root.display();
        for (file, bytes) in files_below(&root.join("data")).into_iter().chain([(
            "README.md".into(),
            std::fs::read(root.join("README.md")).unwrap(),
        )]) {
            let text = String::from_utf8(bytes).unwrap();
            for word in [
                "WIJ",
                "Groningen",
                "Wmo",
                "Jeugdwet",
                "bedrijfsarts",
                "ISO 27001",
                "G2.1 - G2.2",
                "Arbo",
                "arbo",
                "verzuim",
                "Postbus 0000",
            ] {
                assert!(!text.contains(word), "`{word}` in {dir}/{file}");
            }
        }
    }

    // An existing non-empty folder, a bad reference, an unknown procedure are refused.
    let o = init("nieuw-2", &["--reference", "a/b"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = init("t-nationaal-openbaar", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
    let o = init("nieuw-3", &["--procedure", "niet-openbaar"]);
    assert_eq!(o.status.code(), Some(2));
    let empty = base.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_success(&init("empty", &[]));
}

#[test]
fn final_refuses_a_deadline_on_a_non_working_day_without_a_direction() {
    let repo = TenderRepo::new();
    repo.edit("data/tender.yaml", "    objection: earlier\n", "");
    repo.commit("geen richting voor de bezwaartermijn");
    let line = std::fs::read_to_string(repo.path("data/tender.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("  objection_days_after_last_nvi:"))
        .unwrap()
        + 1;
    let at = format!("data/tender.yaml:{line}:");
    // `gen check`: a warning, at the rule's line and field.
    let o = repo.run_gen(&["check"]);
    assert_success(&o);
    let warnings = stderr(&o);
    assert!(
        warnings.lines().any(|l| l.starts_with("warning: ")
            && l.contains(&at)
            && l.contains("rules.objection_days_after_last_nvi")
            && l.contains("zaterdag 4 juli 2026")
            && l.contains("rules.deadline_moves.objection")),
        "{warnings}"
    );
    // `gen --final`: an error, and nothing is written.
    for args in [&["--final", "check"][..], &["--final", "all"][..]] {
        let o = repo.run_gen(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).lines().any(|l| l.starts_with("error: ")
                && l.contains(&at)
                && l.contains("rules.objection_days_after_last_nvi")),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    assert!(!repo.out().exists(), "nothing written");
}
