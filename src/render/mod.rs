//! Templating: Tera renders `templates/*.typ.tera` with a document's view context into Typst
//! source. Every `{{ value }}` is escaped into a Typst string literal (see [`escape`]).

pub mod escape;
pub mod filters;
pub mod house;

use std::path::{Path, PathBuf};

use tera::{Context, Delimiters, Tera};
use walkdir::WalkDir;

use crate::error::{Error, Result};

/// Marks where each template's output begins and ends in the generated source (as Typst block
/// comments on existing lines, so line numbers stay those of the template), so that a Typst
/// error can be traced back to the template it came from.
pub(crate) const TEMPLATE_MARK: &str = "/* @template ";

/// The suffix of our templates; autoescape (Typst string literals) applies to them.
pub(crate) const SUFFIX: &str = ".typ.tera";

/// The default template folder of a tender: `templates` next to its data folder, or else the
/// nearest one further up (an example tender in `examples/<name>/data` of a repository uses the
/// repository's templates, not a copy). When none exists, the one beside the data folder, so
/// that the error names where templates were expected.
pub(crate) fn templates_beside(data: &Path) -> PathBuf {
    let parent = data
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let beside = parent.join("templates");
    parent
        .ancestors()
        .map(|dir| {
            if dir.as_os_str().is_empty() {
                Path::new(".").join("templates")
            } else {
                dir.join("templates")
            }
        })
        .find(|dir| dir.is_dir())
        .unwrap_or(beside)
}

/// All templates of a folder, parsed once per run.
pub struct Renderer {
    tera: Tera,
    dir: PathBuf,
}

impl Renderer {
    /// Parses every `*.typ.tera` under `dir`. Template names are paths relative to `dir` with `/`.
    pub fn load(dir: &Path) -> Result<Renderer> {
        let mut tera = Tera::new();
        // `{#` is common in Typst (`{#x}`); Tera comments become `{* … *}`.
        tera.set_delimiters(Delimiters {
            comment_start: "{*".into(),
            comment_end: "*}".into(),
            ..Delimiters::default()
        })
        .map_err(|e| template_error("(delimiters)", &e))?;
        tera.autoescape_on(vec![SUFFIX]);
        tera.set_escape_fn(escape::tera_escape);
        filters::register(&mut tera);

        let mut templates = Vec::new();
        for entry in WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::io(dir, e.into()))?;
            let path = entry.path();
            let Some(name) = path.strip_prefix(dir).ok().and_then(|p| p.to_str()) else {
                continue;
            };
            if !entry.file_type().is_file() || !name.ends_with(SUFFIX) {
                continue;
            }
            let name = name.replace('\\', "/");
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            templates.push((
                name.clone(),
                format!("{TEMPLATE_MARK}begin {name} */{text}{TEMPLATE_MARK}end {name} */"),
            ));
        }
        if templates.is_empty() {
            return Err(Error::Usage(format!(
                "no templates (*{SUFFIX}) in {}",
                dir.display()
            )));
        }
        tera.add_raw_templates(templates)
            .map_err(|e| template_error(&dir.display().to_string(), &e))?;
        Ok(Renderer {
            tera,
            dir: dir.to_path_buf(),
        })
    }

    /// The folder the templates came from; Typst sees it as `/templates/`.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Renders template `name` (e.g. `offerteaanvraag.typ.tera`) with `context`.
    pub fn render(&self, name: &str, context: &Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| template_error(name, &e))
    }
}

/// A Tera error with its whole chain (Tera's report names the template file and line).
fn template_error(template: &str, e: &tera::Error) -> Error {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    Error::Template {
        template: template.to_string(),
        message,
    }
}

#[cfg(test)]
mod beside_tests {
    use super::templates_beside;

    #[test]
    fn the_nearest_templates_folder_above_the_data() {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("examples/one/data");
        std::fs::create_dir_all(&data).unwrap();
        // None anywhere: the folder beside the data, for the error message.
        assert_eq!(
            templates_beside(&data),
            root.path().join("examples/one/templates")
        );
        std::fs::create_dir_all(root.path().join("templates")).unwrap();
        assert_eq!(templates_beside(&data), root.path().join("templates"));
        // A tender's own templates win over the repository's.
        std::fs::create_dir_all(root.path().join("examples/one/templates")).unwrap();
        assert_eq!(
            templates_beside(&data),
            root.path().join("examples/one/templates")
        );
    }
}
