//! Agencies (Ủy ban nhân dân thị xã, Phòng Nội vụ, Ban Tuyên giáo Tỉnh ủy, …).

use crate::model::Agency;
use crate::span::Span;

/// One agency named in a text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AgencyMention {
    /// Byte range into the text searched.
    pub span: Span,
    /// Canonical name, abbreviations expanded.
    pub name: String,
    /// As written.
    pub surface: String,
}

/// Every agency named in `text`, left to right.
pub(crate) fn find_agencies(_text: &str) -> Vec<AgencyMention> {
    Vec::new()
}

/// De-duplicate mentions into the document's agency list (first-seen order).
pub(crate) fn aggregate(_mentions: &[AgencyMention]) -> Vec<Agency> {
    Vec::new()
}
