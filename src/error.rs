//! Errors and the exit codes they map to (PRODUCT.md §5): 1 for a failure while working,
//! 2 for a command line that is itself wrong.

use std::fmt;
use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line is wrong: a bad value, an unknown or ambiguous name. Exit 2.
    #[error("{0}")]
    Usage(String),

    /// A customer or promise reference that matches nothing or more than one thing. Exit 2.
    #[error("{0}")]
    Reference(ReferenceError),

    /// A file that does not parse, with its location. Exit 1.
    #[error("{}:{}:{}: {}", .path.display(), .line, .column, .message)]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    /// An I/O failure, with what we were doing. Exit 1.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    /// Journal content or state that prevents the command. Exit 1.
    #[error("{0}")]
    Invalid(String),

    /// `check` found problems (already printed). Exit 1.
    #[error("{0}")]
    Problems(String),
}

/// "unknown customer 'acm'; did you mean: acme, acme-bis?"
#[derive(Debug)]
pub struct ReferenceError {
    pub what: &'static str,
    pub query: String,
    pub ambiguous: bool,
    pub candidates: Vec<String>,
}

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ambiguous {
            write!(
                f,
                "{} {:?} is ambiguous; it matches: ",
                self.what, self.query
            )?;
        } else {
            write!(f, "unknown {} {:?}", self.what, self.query)?;
            if self.candidates.is_empty() {
                return Ok(());
            }
            write!(f, "; did you mean: ")?;
        }
        write!(f, "{}", self.candidates.join(", "))
    }
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) | Error::Reference(_) => 2,
            _ => 1,
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// A TOML parse error in `path` whose text is `text`, located as file:line:column.
    pub fn parse(path: &Path, text: &str, err: &toml::de::Error) -> Error {
        let (line, column) = match err.span() {
            Some(span) => line_column(text, span.start),
            None => (1, 1),
        };
        Error::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: err.message().trim().to_string(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Shorthand for attaching an I/O context: `fs::read(p).ctx(|| format!("reading {p}"))`.
pub trait IoContext<T> {
    fn ctx<C: Into<String>>(self, context: impl FnOnce() -> C) -> Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn ctx<C: Into<String>>(self, context: impl FnOnce() -> C) -> Result<T> {
        self.map_err(|e| Error::io(context(), e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        let text = "a = 1\nb = é2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, 12), (2, 6));
    }
}
