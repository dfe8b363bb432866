//! Our typst `World`: a shared [`Engine`] (standard library, embedded fonts, file cache) built
//! once per run, and a cheap per-document [`DocWorld`] that adds the generated main source and
//! the document's date.
//!
//! Typst sees a virtual project root with two folders: `/templates/` (the template folder) and
//! `/data/` (the tender's data folder, e.g. for a logo). Nothing else on disk is reachable, and
//! no package can be downloaded.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Array, Bytes, Datetime, Dict, Duration, IntoValue, Value};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::files::{FileLoader, FileStore, FsRoot};
use typst_kit::fonts::FontStore;

/// The one file id every generated document uses for its main source. File ids are interned
/// into a `u16` space for the whole process, so we never mint one per document.
pub(crate) static MAIN_ID: LazyLock<FileId> = LazyLock::new(|| {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new("/main.typ").expect("valid path"),
    )
    .intern()
});

/// Resolves `/templates/…` and `/data/…` to the two folders Typst may read. A file whose
/// real path (symlinks resolved) lies outside its folder is refused, without being read.
struct Loader {
    templates: FsRoot,
    data: FsRoot,
    /// The two folders themselves, for the check.
    templates_dir: PathBuf,
    data_dir: PathBuf,
}

/// Whether `rest` below `root` resolves, symlinks and all, inside `root`; a file that does not
/// exist passes (typst reports it as not found).
fn inside(root: &Path, rest: &str) -> bool {
    let path = root.join(rest);
    match (path.canonicalize(), root.canonicalize()) {
        (Ok(p), Ok(r)) => p.starts_with(r),
        (Err(_), _) => path.symlink_metadata().is_err(),
        (Ok(_), Err(_)) => false,
    }
}

impl FileLoader for Loader {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        let VirtualRoot::Project = id.root() else {
            // Packages would mean network access or files outside our roots.
            return Err(FileError::Other(Some(
                "packages are not available to tender documents".into(),
            )));
        };
        let path = id.vpath().get_without_slash();
        let (root, dir, rest) = if let Some(rest) = path.strip_prefix("templates/") {
            (&self.templates, &self.templates_dir, rest)
        } else if let Some(rest) = path.strip_prefix("data/") {
            (&self.data, &self.data_dir, rest)
        } else {
            return Err(FileError::AccessDenied);
        };
        if !inside(dir, rest) {
            return Err(FileError::Other(Some(
                format!("/{path} points outside its folder (a symlink?): refused").into(),
            )));
        }
        let vpath = VirtualPath::new(rest).map_err(|_| FileError::AccessDenied)?;
        root.load(&vpath)
    }
}

/// Fonts shipped in `fonts/` and compiled into the binary: glyphs for what bidders may type
/// beyond typst's own fonts (emoji, symbols). PDF/A forbids a missing glyph. The house style
/// lists their families after its text font, in this order ([`fallback_families`]): adding a
/// font here is all it takes.
const FALLBACK_FONTS: &[&[u8]] = &[
    include_bytes!("../../fonts/NotoSansSymbols.ttf"),
    include_bytes!("../../fonts/NotoEmoji.ttf"),
    include_bytes!("../../fonts/NotoSansHebrew.ttf"),
    include_bytes!("../../fonts/NotoSansArabic.ttf"),
];

fn fallback_fonts() -> impl Iterator<Item = (Font, typst::text::FontInfo)> {
    FALLBACK_FONTS.iter().flat_map(|data| {
        Font::iter(Bytes::new(*data)).map(|font| {
            let info = font.info().clone();
            (font, info)
        })
    })
}

/// The font infos of the fallback fonts (for [`super::glyphs`]).
pub(crate) fn fallback_font_infos() -> impl Iterator<Item = typst::text::FontInfo> {
    fallback_fonts().map(|(_, info)| info)
}

/// The family names of the fallback fonts, in the order of [`FALLBACK_FONTS`], each once. The
/// engine hands them to the house style as `sys.inputs.fallback-fonts`.
pub(crate) fn fallback_families() -> Vec<String> {
    let mut families: Vec<String> = Vec::new();
    for (_, info) in fallback_fonts() {
        if !families.contains(&info.family) {
            families.push(info.family);
        }
    }
    families
}

/// What all documents of a run share: built once, used from every worker thread.
pub struct Engine {
    library: LazyHash<Library>,
    /// What templates see as `sys.inputs`; `library` is built with them.
    inputs: Dict,
    fonts: FontStore,
    files: FileStore<Loader>,
}

impl Engine {
    /// An engine that reads templates from `templates` and data files from `data`.
    /// Fonts are the embedded ones only, so output does not depend on the machine.
    pub fn new(templates: PathBuf, data: PathBuf) -> Self {
        let mut fonts = FontStore::new();
        fonts.extend(typst_kit::fonts::embedded());
        fonts.extend(fallback_fonts());
        let mut engine = Engine {
            library: LazyHash::new(Library::builder().build()),
            inputs: Dict::new(),
            fonts,
            files: FileStore::new(Loader {
                templates: FsRoot::new(templates.clone()),
                data: FsRoot::new(data.clone()),
                templates_dir: templates,
                data_dir: data,
            }),
        };
        let families: Array = fallback_families()
            .into_iter()
            .map(IntoValue::into_value)
            .collect();
        engine.set_inputs([("fallback-fonts", families.into_value())]);
        engine
    }

    /// Adds `entries` to `sys.inputs`.
    fn set_inputs<'a>(&mut self, entries: impl IntoIterator<Item = (&'a str, Value)>) {
        for (key, value) in entries {
            self.inputs.insert(key.into(), value);
        }
        self.library = LazyHash::new(Library::builder().with_inputs(self.inputs.clone()).build());
    }

    /// Makes the run's provenance visible to the house style as `sys.inputs.provenance` (the
    /// footer text) and `sys.inputs.provenance-keywords` (added to the PDF keywords). It is a
    /// property of the run, not of a document, so every template gets it without passing it on.
    pub fn with_provenance(mut self, footer: &str, keywords: &[String]) -> Self {
        let keywords: Array = keywords.iter().map(|k| k.as_str().into_value()).collect();
        self.set_inputs([
            ("provenance", footer.into_value()),
            ("provenance-keywords", keywords.into_value()),
        ]);
        self
    }

    /// The world for one document: its generated source and its date.
    pub(crate) fn world(&self, source_text: String, date: NaiveDate) -> DocWorld<'_> {
        DocWorld {
            engine: self,
            main: Source::new(*MAIN_ID, source_text),
            today: Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8),
        }
    }
}

/// One document's view of the engine.
pub struct DocWorld<'a> {
    engine: &'a Engine,
    main: Source,
    today: Option<Datetime>,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.engine.fonts.book()
    }

    fn main(&self) -> FileId {
        *MAIN_ID
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == *MAIN_ID {
            Ok(self.main.clone())
        } else {
            self.engine.files.source(id)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *MAIN_ID {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            self.engine.files.file(id)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.font(index)
    }

    /// The document's own date from data, never the wall clock.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A symlink in data/ pointing outside it is refused, without its content in the error;
    /// one pointing inside works.
    #[test]
    fn symlinks_out_of_a_root_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "geheim-123").unwrap();
        std::fs::write(data.join("logo.txt"), "ok").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), data.join("x.txt")).unwrap();
        std::os::unix::fs::symlink(data.join("logo.txt"), data.join("y.txt")).unwrap();
        let loader = Loader {
            templates: FsRoot::new(data.clone()),
            data: FsRoot::new(data.clone()),
            templates_dir: data.clone(),
            data_dir: data.clone(),
        };
        let id =
            |p: &str| RootedPath::new(VirtualRoot::Project, VirtualPath::new(p).unwrap()).intern();
        let err = loader.load(id("/data/x.txt")).unwrap_err();
        assert!(!format!("{err:?}").contains("geheim"), "{err:?}");
        assert!(format!("{err:?}").contains("outside"), "{err:?}");
        assert!(loader.load(id("/data/../secret.txt")).is_err());
        assert_eq!(loader.load(id("/data/y.txt")).unwrap().as_slice(), b"ok");
    }

    /// Each embedded fallback font adds its own family, in order: the house style's font list
    /// follows `FALLBACK_FONTS`.
    #[test]
    fn fallback_families_follow_the_embedded_fonts() {
        let families = fallback_families();
        assert_eq!(families.len(), FALLBACK_FONTS.len(), "{families:?}");
        assert_eq!(
            families.first().map(String::as_str),
            Some("Noto Sans Symbols")
        );
    }

    /// The house style sees them as `sys.inputs.fallback-fonts`, also with provenance added.
    #[test]
    fn fallback_families_reach_typst() {
        let engine =
            Engine::new("templates".into(), "data".into()).with_provenance("data 1234567", &[]);
        let families = engine.inputs.get("fallback-fonts").unwrap().clone();
        let expected: Array = fallback_families()
            .into_iter()
            .map(IntoValue::into_value)
            .collect();
        assert_eq!(families, expected.into_value());
        assert!(engine.inputs.get("provenance").is_ok());
    }
}
