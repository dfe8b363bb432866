//! One error type for the whole program, with the exit code each kind maps to.

mod suggest;

use std::path::PathBuf;

pub(crate) use suggest::did_you_mean;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Errors stop a run; warnings are reported (and fail `gen check --strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem found in the data, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line and column, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Dotted field path, e.g. `quality.G2.1.score`; empty when it concerns the whole file.
    pub field: String,
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        file: impl Into<PathBuf>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            field: field.into(),
            message: message.into(),
        }
    }

    /// A warning: worth a look, but the documents can still be made.
    pub fn warning(
        file: impl Into<PathBuf>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(file, field, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if self.field.is_empty() {
            write!(f, ": {}", self.message)
        } else {
            write!(f, ": {}: {}", self.field, self.message)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data is wrong: a YAML syntax or type error, or a failed validation rule.
    #[error("{}", join(.0))]
    Data(Vec<Diagnostic>),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A Tera template failed to parse or render.
    #[error("template {template}: {message}")]
    Template { template: String, message: String },
    /// Typst rejected the generated source.
    #[error("typesetting {document} failed:\n{message}")]
    Typst { document: String, message: String },
    /// The command line asked for something that does not exist.
    #[error("{0}")]
    Usage(String),
    /// Git could not answer, or the data is not recorded in git where it must be (`--final`).
    #[error("{0}")]
    Git(String),
    /// `gen check --strict` found this many warnings (already printed) and no error.
    #[error("{0} warning(s), which --strict does not allow")]
    StrictWarnings(usize),
}

fn join(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    pub fn data(d: Diagnostic) -> Self {
        Error::Data(vec![d])
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// 2 for usage errors, 1 for everything else (documented in the README and `--help`).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}
