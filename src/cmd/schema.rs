//! `gen schema`: the JSON Schema of a kind of data file (see `model::schema`), for editors
//! with the YAML language server.

use std::path::{Path, PathBuf};

use crate::cli::Cli;
use crate::error::{Error, Result};
use crate::model::schema::{self, KINDS};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  gen schema award              the schema of award.yaml on stdout
  gen schema --list             the kinds of data file
  gen schema --write            (re)writes data/.schemas/ and adds the schema line to each data
                                file that lacks it")]
pub struct SchemaArgs {
    /// The kind of data file: tender, requirements, award, round (nvi), bid, decision,
    /// opening, presentations, lottery, new-decision, definitive-award.
    #[arg(required_unless_present_any = ["list", "write"], conflicts_with_all = ["list", "write"])]
    pub kind: Option<String>,
    /// List the kinds of data file and the files of each kind.
    #[arg(long, conflicts_with = "write")]
    pub list: bool,
    /// Write every schema to DIR [default: the data folder's `.schemas`]; with the default,
    /// also put the schema line first in each data file that lacks it.
    #[arg(long, value_name = "DIR")]
    pub write: Option<Option<PathBuf>>,
}

pub fn run(cli: &Cli, args: &SchemaArgs) -> Result<()> {
    cli.no_render_options("schema")?;
    if args.list {
        let width = KINDS.iter().map(|k| k.name.len()).max().unwrap_or(0);
        for k in KINDS {
            println!("{:width$}  {:22}  {}", k.name, k.files, k.about);
        }
        return Ok(());
    }
    if let Some(dir) = &args.write {
        let data = cli.data_dir();
        if let Some(dir) = dir {
            write_schemas(dir)?;
            crate::messages::say(&format!(
                "wrote {} schemas to {}",
                KINDS.len(),
                dir.display()
            ));
        } else {
            write_schemas(&data.join(schema::DIR))?;
            let added = add_modelines(&data)?;
            crate::messages::say(&format!(
                "wrote {} schemas to {}; schema line added to {added} data file(s)",
                KINDS.len(),
                data.join(schema::DIR).display()
            ));
        }
        return Ok(());
    }
    let kind = schema::kind(args.kind.as_deref().unwrap_or_default())?;
    print!("{}", kind.schema_text());
    Ok(())
}

/// Writes `<kind>.schema.json` for every kind into `dir`.
pub(crate) fn write_schemas(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for k in KINDS {
        let path = dir.join(k.file_name());
        std::fs::write(&path, k.schema_text()).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// Puts the schema line first in every data file under `data` that has none: how many.
fn add_modelines(data: &Path) -> Result<usize> {
    let mut added = 0;
    for entry in walkdir::WalkDir::new(data).max_depth(2).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Usage(e.to_string()))?;
        let path = entry.path();
        let Ok(relative) = path.strip_prefix(data) else {
            continue;
        };
        let Some(kind) = schema::kind_of(relative) else {
            continue;
        };
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        if text.lines().next().is_some_and(schema::is_modeline) {
            continue;
        }
        let line = schema::modeline(kind, relative);
        std::fs::write(path, schema::with_modeline(&text, &line))
            .map_err(|e| Error::io(path, e))?;
        added += 1;
    }
    Ok(added)
}
