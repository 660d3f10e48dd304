//! Why a file could not be read: a kind callers can match on, and the reason in words a
//! user can act on (the message the CLI prints and the app shows).

use std::fmt;

/// What was wrong with the file, for callers that act on it (retry, offer OCR, say why).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestErrorKind {
    /// Over the size cap, or it would expand past it (a zip bomb).
    TooLarge,
    /// No text at all in a text file.
    Empty,
    /// A format this build does not read (old Word, RTF, OpenDocument, Pages, a zip, binary).
    Unsupported,
    /// Password-protected or encrypted.
    Encrypted,
    /// A PDF of page images with no text layer: it needs OCR.
    Scanned,
    /// A PDF or Word file whose text can't be had (no text, or fonts without a character map).
    NoText,
    /// Damaged, cut short, or another kind of file under the name.
    Damaged,
    /// A web page with no report in it (an error page, a page about the report).
    NoReport,
}

/// Why a file could not be read, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestError {
    /// The file's name, as given.
    pub name: String,
    /// What kind of refusal it is.
    pub kind: IngestErrorKind,
    /// What was wrong and what to do, as one sentence or two.
    pub reason: String,
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.reason)
    }
}

impl std::error::Error for IngestError {}

/// A reader's refusal before the file's name is attached ([`Refusal::of`] attaches it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub kind: IngestErrorKind,
    pub reason: String,
}

impl Refusal {
    pub fn new(kind: IngestErrorKind, reason: impl Into<String>) -> Refusal {
        Refusal {
            kind,
            reason: reason.into(),
        }
    }

    /// The refusal as the error of the file `name`.
    pub fn of(self, name: &str) -> IngestError {
        IngestError {
            name: name.to_string(),
            kind: self.kind,
            reason: self.reason,
        }
    }
}
