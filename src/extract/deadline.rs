//! Deadlines (trước ngày 15 tháng 4 năm 2023, đến năm 2025, Quý IV/2026, hằng năm, …).

use crate::model::Deadline;
use crate::span::Span;

/// What the caller knows around the text.
#[derive(Clone, Debug, Default)]
pub(crate) struct DeadlineContext {
    /// The year of the enclosing sentence or paragraph, for a day-month without a year.
    pub year: Option<i32>,
}

/// Every deadline in `text`, skipping the byte ranges in `exclude` (citations); spans into `text`.
pub(crate) fn extract_deadlines(
    _text: &str,
    _ctx: &DeadlineContext,
    _exclude: &[Span],
) -> Vec<Deadline> {
    let _ = &_ctx.year;
    Vec::new()
}
