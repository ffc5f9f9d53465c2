//! Targets (chỉ tiêu): 100%, tối thiểu 80%, giảm 10% … so với năm 2021, xếp thứ hạng 25 - 30/63.

use crate::model::Target;
use crate::span::Span;

/// What the caller knows around the text.
#[derive(Clone, Debug, Default)]
pub(crate) struct TargetContext {
    /// The year given by the nearest enclosing context (group line, heading).
    pub year: Option<i32>,
}

/// Every target in `text`, skipping the byte ranges in `exclude` (citations); spans into `text`.
pub(crate) fn extract_targets(_text: &str, _ctx: &TargetContext, _exclude: &[Span]) -> Vec<Target> {
    let _ = &_ctx.year;
    Vec::new()
}

/// The year a context line gives to what stands below it ("* Mục tiêu đến năm 2025" → 2025).
pub(crate) fn context_year(_line: &str) -> Option<i32> {
    None
}
