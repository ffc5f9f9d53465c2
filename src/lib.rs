//! vanban reads Vietnamese party and state documents — Nghị quyết, Kế hoạch, Chương trình hành
//! động, Chỉ thị, Quyết định — and turns them into a typed model of sections, targets, deadlines
//! and responsible agencies, with citations, footnotes, signature and recipients.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod block;
mod diagnostic;
mod document;
mod extract;
mod lexicon;
mod lines;
mod model;
mod reflow;
pub(crate) mod source;
mod span;
#[doc(hidden)]
pub mod stages;
mod table;
mod text;
mod tree;

pub use diagnostic::{Diagnostic, Severity};
pub use model::*;
pub use source::{DecodeError, LegacyEncoding};
pub use span::Span;

/// Parse a document given as text. Never fails: what is unsure becomes a diagnostic.
pub fn parse(text: &str) -> Document {
    document::parse(text)
}

/// Parse a document given as bytes: UTF-8 (with or without BOM) or a legacy Vietnamese encoding.
pub fn parse_bytes(bytes: &[u8]) -> Result<Document, DecodeError> {
    let mut diags = Vec::new();
    let text = source::decode(bytes, &mut diags)?;
    let mut doc = parse(&text);
    diags.append(&mut doc.diagnostics);
    doc.diagnostics = diags;
    Ok(doc)
}

/// The `vanban/1` JSON of a document, pretty-printed.
pub fn to_json_pretty(doc: &Document) -> String {
    serde_json::to_string_pretty(doc).unwrap_or_default()
}

/// The `vanban/1` JSON of a document on one line.
pub fn to_json(doc: &Document) -> String {
    serde_json::to_string(doc).unwrap_or_default()
}
