//! A new tender repository (`gen init <dir>`): a neutral starter tender built into `gen`.
//!
//! It works from anywhere: no existing tender is needed or read. It writes the starter data
//! (`starter/`: tender, requirements and award rules with generic wording, every fact only the
//! authority can supply marked `<<…>>`, see [`crate::model::placeholders`]; an example bid and
//! decision as commented `.example` files), for the procedure chosen with `--procedure`, and
//! the templates built into `gen` (or those of `--templates DIR`, e.g. an organisation's own
//! house style). `gen check` then passes with a warning per placeholder and `gen --final`
//! refuses them until they are filled in.
//!
//! It writes a README.md for the tender, a `.gitignore` for `out/`, and runs `git init`; it
//! does not commit, so that the first commit is the officer's tender (and no git identity has
//! to be invented).

mod templates;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::tender::ProcedureKind;
use crate::provenance::git_cmd;

pub(crate) const PLACEHOLDER_REFERENCE: &str = "REF-0000-001";
pub(crate) const PLACEHOLDER_TITLE: &str = "<<Titel van de opdracht>>";

/// What `gen init` is asked for.
#[derive(Debug, Clone)]
pub struct NewTender {
    /// The new tender's folder (created; an existing one must be empty).
    pub dir: PathBuf,
    /// The new tender's reference (kenmerk); a marked placeholder when not given.
    pub reference: Option<String>,
    /// The new tender's title; a placeholder when not given.
    pub title: Option<String>,
    /// The procedure the starter is worded for.
    pub procedure: ProcedureKind,
    /// A template folder to copy instead of the built-in templates.
    pub templates: Option<PathBuf>,
}

const TENDER: &str = include_str!("starter/tender.yaml");
const REQUIREMENTS: &str = include_str!("starter/requirements.yaml");
const AWARD: &str = include_str!("starter/award.yaml");
const DECISION_EXAMPLE: &str = include_str!("starter/decision.yaml.example");
const BID_EXAMPLE: &str = include_str!("starter/bids/voorbeeld.yaml.example");

/// Creates the new tender repository `args.dir` from the built-in starter.
pub fn create(args: &NewTender) -> Result<()> {
    let target = &args.dir;
    if target.exists() {
        let empty = std::fs::read_dir(target)
            .map_err(|e| Error::io(target, e))?
            .next()
            .is_none();
        if !target.is_dir() || !empty {
            return Err(Error::Usage(format!(
                "{} already exists and is not empty: choose a new folder",
                target.display()
            )));
        }
    }
    let reference = args.reference.clone();
    if let Some(r) = &reference
        && !crate::model::tender::valid_reference(r)
    {
        return Err(Error::Usage(format!(
            "`{r}` cannot be a reference: 1 to 64 letters, digits, `-`, `_` or `.` (it names the output folder)"
        )));
    }
    let title = args.title.clone();
    if title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(Error::Usage("the title must not be empty".into()));
    }

    let starter = Starter {
        reference: reference.as_deref(),
        title: title.as_deref(),
        procedure: args.procedure,
    };
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        ("data/tender.yaml".into(), starter.tender().into_bytes()),
        (
            "data/requirements.yaml".into(),
            starter.header(REQUIREMENTS).into_bytes(),
        ),
        ("data/award.yaml".into(), starter.header(AWARD).into_bytes()),
        (
            "data/decision.yaml.example".into(),
            DECISION_EXAMPLE.as_bytes().to_vec(),
        ),
        (
            "data/bids/voorbeeld.yaml.example".into(),
            BID_EXAMPLE.as_bytes().to_vec(),
        ),
        (
            "data/bids/README.md".into(),
            BIDS_README.as_bytes().to_vec(),
        ),
        ("data/nvi/README.md".into(), NVI_README.as_bytes().to_vec()),
    ];
    with_schemas(&mut files);
    match &args.templates {
        Some(dir) => {
            for (rel, bytes) in tree(dir)? {
                files.push((Path::new("templates").join(rel), bytes));
            }
        }
        None => {
            for (rel, text) in templates::TEMPLATES {
                files.push((Path::new("templates").join(rel), text.as_bytes().to_vec()));
            }
        }
    }
    files.push((
        ".gitignore".into(),
        b"# Rendered documents: made again from any commit with `gen all`.\n/out/\n".to_vec(),
    ));
    let shown_reference = reference.as_deref().unwrap_or(PLACEHOLDER_REFERENCE);
    files.push((
        "README.md".into(),
        readme(
            shown_reference,
            title.as_deref().unwrap_or("(titel nog in te vullen)"),
            args.procedure,
        )
        .into_bytes(),
    ));

    write_new_folder(target, &files)?;

    let git = git_cmd(target, ["init", "--quiet"]);
    let initialised = matches!(&git, Ok(o) if o.status.success());
    if !initialised {
        let why = match git {
            Ok(o) => String::from_utf8_lossy(&o.stderr).trim().to_string(),
            Err(e) => e.to_string(),
        };
        eprintln!("warning: `git init` failed ({why}): run it yourself before the first commit");
    }
    println!(
        "created {} ({} file(s), {}){}",
        target.display(),
        files.len(),
        crate::docs::derived::procedure_name(args.procedure),
        if initialised {
            ", an empty git repository"
        } else {
            ""
        }
    );
    println!("next: fill in every <<…>> in data/ (`gen check` lists them), then commit:");
    println!(
        "    cd {} && gen check && git add -A && git commit -m \"{shown_reference}: eerste versie\"",
        target.display()
    );
    Ok(())
}

/// Puts the schema line first in each data file (examples too: they become data files when
/// renamed) and adds the schemas it points to, `data/.schemas/<kind>.schema.json`, so an
/// editor with the YAML language server completes and checks the fields.
fn with_schemas(files: &mut Vec<(PathBuf, Vec<u8>)>) {
    use crate::model::schema;
    for (path, bytes) in files.iter_mut() {
        let Ok(relative) = path.strip_prefix("data") else {
            continue;
        };
        // `decision.yaml.example` is a decision file once renamed.
        let relative = match relative.extension() {
            Some(e) if e == "example" => relative.with_extension(""),
            _ => relative.to_path_buf(),
        };
        let Some(kind) = schema::kind_of(&relative) else {
            continue;
        };
        let text = String::from_utf8_lossy(bytes).into_owned();
        *bytes = schema::with_modeline(&text, &schema::modeline(kind, &relative)).into_bytes();
    }
    for kind in schema::KINDS {
        files.push((
            Path::new("data").join(schema::DIR).join(kind.file_name()),
            kind.schema_text().into_bytes(),
        ));
    }
}

/// The starter's data files, for one procedure and identity.
struct Starter<'a> {
    reference: Option<&'a str>,
    title: Option<&'a str>,
    procedure: ProcedureKind,
}

impl Starter<'_> {
    /// A file's header comment with the new tender's reference and title.
    fn header(&self, text: &str) -> String {
        text.replace(
            "@@REFERENCE@@",
            self.reference.unwrap_or(PLACEHOLDER_REFERENCE),
        )
        .replace(
            "@@TITLE@@",
            self.title.unwrap_or("(titel nog in te vullen)"),
        )
    }

    /// `tender.yaml` for the procedure: its kind, the definition of how the tender is made
    /// known, the planning's first row, and for meervoudig onderhands the invited companies
    /// and the reasoned choice (art. 1.4 Aw 2012).
    fn tender(&self) -> String {
        let kind = ProcedureKind::ALL
            .iter()
            .find(|(_, k)| *k == self.procedure)
            .map(|(name, _)| *name)
            .expect("every kind is listed");
        let reference = match self.reference {
            Some(r) => yaml_string(r),
            None => format!(
                "{}  # <<kenmerk van de aanbesteding>>",
                yaml_string(PLACEHOLDER_REFERENCE)
            ),
        };
        let title = yaml_string(self.title.unwrap_or(PLACEHOLDER_TITLE));
        let (definition, announcement, invited) = match self.procedure {
            ProcedureKind::EuropeesOpenbaar => (
                "  - '\"Aankondiging\" is de formele aankondiging van de opdracht op de website van de Europese Unie (TED) en op {procedure.platform}.'",
                ANNOUNCED,
                NOT_INVITED,
            ),
            ProcedureKind::NationaalOpenbaar => (
                "  - '\"Aankondiging\" is de formele aankondiging van de opdracht op {procedure.platform}.'",
                ANNOUNCED,
                NOT_INVITED,
            ),
            ProcedureKind::MeervoudigOnderhands => (
                "  - '\"Uitnodiging\" is ons verzoek aan de door ons gekozen ondernemers om voor deze opdracht een inschrijving in te dienen.'",
                INVITATION_SENT,
                INVITED,
            ),
        };
        let fields = TENDER
            .replace(
                "reference: @@REFERENCE@@",
                &format!("reference: {reference}"),
            )
            .replace("title: @@TITLE@@", &format!("title: {title}"));
        self.header(&fields)
            .replace("@@PROCEDURE@@", kind)
            .replace("@@DEFINITION@@", definition)
            .replace("@@ANNOUNCEMENT@@", announcement)
            .replace("@@INVITED@@", invited)
    }
}

const ANNOUNCED: &str = "  - name: Aankondiging
    kind: announcement   # the date is the invitation's `date`";

const INVITATION_SENT: &str = "  - name: Verzending uitnodiging tot inschrijving
    kind: announcement   # the day the invitation is sent: the invitation's `date`";

const NOT_INVITED: &str =
    "  # Meervoudig onderhands only: `invited` (the companies invited) and `rationale` (why
  # this procedure, art. 1.4 Aw 2012). Any procedure may give a rationale; it is printed in 2.1.
";

const INVITED: &str =
    "  # The companies you invite (as a rule three to five; at least two). The invitation prints
  # how many, not who: the names stay in this file for the record.
  invited:
    - <<Naam uitgenodigde onderneming>>
    - <<Naam uitgenodigde onderneming>>
    - <<Naam uitgenodigde onderneming>>
  # Why a meervoudig onderhandse procedure (art. 1.4 Aw 2012 and the Gids Proportionaliteit:
  # the value of the contract, the market, the costs of a procedure). Printed in chapter 2.
  rationale:
    - <<Motivering van de keuze voor een meervoudig onderhandse procedure.>>
";

/// The files below `dir` (relative paths, sorted), without hidden ones.
fn tree(dir: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| Error::Usage(format!("reading {}: {e}", dir.display())))?;
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("below dir")
                .to_path_buf();
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            files.push((rel, bytes));
        }
    }
    Ok(files)
}

/// A YAML scalar for any text: a JSON string is a valid double-quoted YAML scalar.
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// Writes every file into a staging folder next to `target` and moves it into place, so that a
/// failure leaves no half-made tender behind.
fn write_new_folder(target: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tender".into());
    let staging = parent.join(format!(".{name}.init-{}", std::process::id()));
    let result = (|| {
        for (rel, bytes) in files {
            let path = staging.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        }
        if target.exists() {
            // Checked empty above.
            std::fs::remove_dir(target).map_err(|e| Error::io(target, e))?;
        }
        std::fs::rename(&staging, target).map_err(|e| Error::io(target, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

const NVI_README: &str = "\
# Question rounds (nota van inlichtingen)

One YAML file per round: `round-1.yaml`, `round-2.yaml`, … (and `marktconsultatie.yaml` for a
market consultation). `gen nvi round-1` renders a round; `gen all` renders every round here.

Questions can be imported from the question form bidders fill in (bijlage I):

    gen nvi import vragen.xlsx --round round-1

which creates the round file (fill in its `published:` date) or adds the questions to it,
unanswered. Answer every question before publishing; `gen --draft nvi round-1` renders a draft
with the open questions marked. Every field is documented in the round's JSON Schema,
`../.schemas/round.schema.json` (`gen schema round`), which an editor with the YAML language
server shows as you type; the bundled example tender has complete rounds.
";

const BIDS_README: &str = "\
# Bids and the award decision

After the submission deadline: one YAML file per bidder, `<bidder-id>.yaml`, with the bidder's
name, address, contact, status, rates and quality scores with their reasons. `voorbeeld.yaml.example`
shows the format, commented. The rates can be read from the bidder's filled price form:

    gen prices import inschrijving.xlsx --bidder <bidder-id>

The award decision itself is `data/decision.yaml` (date of sending, signatory, contact,
committee); `data/decision.yaml.example` shows it. With bids and a decision, `gen award-letters`
(and `gen all`) renders the award letters and the evaluation record.

Bids are confidential: keep this repository private. Files here that are ignored by git still
decide the letters, so they mark every document as not recorded (`concept, niet vastgelegd`).
";

fn readme(reference: &str, title: &str, procedure: ProcedureKind) -> String {
    format!(
        "# {reference} {title}

The documents of this tender (offerteaanvraag, nota's van inlichtingen, prijsinvulformulier,
gunningsbeslissingen) are rendered by `gen` (tendergen) from the data in `data/` and the wording
in `templates/`, into `out/<reference>/`. Keep everything except `out/` in git: every published
PDF then names the commit it was made from.

## Starting

This folder was made by `gen init` from the starter tender built into `gen`, for a
{procedure}. Its wording is generic; every fact only you can supply is marked
with double angle brackets: a text `<<what to fill in>>`, or, for a date or number, an example
value with a trailing comment `# <<…>>`. `gen check` lists each one as a warning with its file,
line and field; `gen --final` refuses to publish while one is left. Go through every file in
`data/` (the comments explain each field):

- `data/tender.yaml`: reference, title, date; the organisation; the procedure; the assignment
  (chapter 1); the agreement; **every date of the planning**;
- `data/requirements.yaml`: exclusion grounds, suitability requirements, annexes;
- `data/award.yaml`: award criteria, points, price lines and volumes.

Every field is described in the JSON Schemas in `data/.schemas/` (`gen schema --list`), which
the first line of each data file names: an editor with the YAML language server (VS Code with
the YAML extension, Neovim, Helix, …) completes the fields and shows each one's description
as you type. After updating `gen`, `gen schema --write` refreshes them.

`gen init` ran `git init` but made no commit. When `gen check` passes, commit:

    git add -A
    git commit -m \"{reference}: eerste versie\"

## Commands

Run them in this folder (the data is `data/`, the templates `templates/`, the output `out/`):

| command | what it does |
|---|---|
| `gen check` | validates the data and templates, and lists the placeholders still to fill in |
| `gen --draft all` | every document, with a CONCEPT watermark |
| `gen all` | every document the data supports |
| `gen itt` | the offerteaanvraag |
| `gen nvi round-1` | one nota van inlichtingen |
| `gen --final all` | for publication: refuses placeholders and anything not committed |
| `gen diff v1.0` | what changed in the documents' text since tag `v1.0` (also `gen diff v1.0 v1.1`) |

## Versioning

- Every PDF's footer shows the version (`tender.version`): `versie 1.0`, and `concept` for a
  draft or when `data/` or `templates/` have uncommitted or untracked changes; the PDF's
  keywords and `out/<reference>/manifest.json` hold the full commit of the data.
- Publish with `gen --final all`, then tag the commit: `git tag -a itt-1.0 -m \"Offerteaanvraag gepubliceerd\"`.
- `out/<reference>/manifest.json` lists every document with its commit and SHA-256: check a
  file someone sends you with `sha256sum`.
- The same commit renders the same bytes: `git checkout <commit> && gen all` reproduces a
  published PDF exactly.
- `gen diff <tag>` lists what a bidder sees changed: the basis of a nota van inlichtingen's
  rectifications.
",
        procedure = crate::docs::derived::procedure_name(procedure),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_starter_marker_is_replaced() {
        for (kind_name, kind) in ProcedureKind::ALL {
            let s = Starter {
                reference: None,
                title: None,
                procedure: kind,
            };
            let texts = [
                s.tender(),
                s.header(REQUIREMENTS),
                s.header(AWARD),
                DECISION_EXAMPLE.to_string(),
                BID_EXAMPLE.to_string(),
                BIDS_README.to_string(),
                NVI_README.to_string(),
                readme("R", "T", kind),
            ];
            for text in &texts {
                assert!(!text.contains("@@"), "{kind_name}: unreplaced marker");
            }
            assert!(texts[0].contains(&format!("kind: {kind_name}")));
        }
    }
}
