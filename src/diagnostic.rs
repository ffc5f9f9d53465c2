//! Diagnostics: what the parser was unsure of, with a stable code and a span.
//!
//! Parsing never fails on text; anything suspicious becomes a [`Diagnostic`]. Codes are
//! kebab-case and never change meaning once released.

use crate::span::Span;
use serde::Serialize;

/// How much a diagnostic matters to a reader of the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Part of the input could not be read; some output is missing.
    Error,
    /// The output may be wrong here.
    Warning,
    /// Something the parser did that a reader may want to know.
    Info,
}

/// One finding about the input.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// How much it matters.
    pub severity: Severity,
    /// Stable kebab-case id, e.g. `footnote-without-reference`.
    pub code: &'static str,
    /// Lowercase message saying what was expected and what was found.
    pub message: String,
    /// Where in the original input, when the finding has a place.
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A warning at `span`.
    pub fn warning(code: &'static str, message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            span,
        }
    }

    /// An informational note at `span`.
    pub fn info(code: &'static str, message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic {
            severity: Severity::Info,
            code,
            message: message.into(),
            span,
        }
    }

    /// An error at `span`.
    pub fn error(code: &'static str, message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
        }
    }
}
