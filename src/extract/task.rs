//! Tasks: duties with the agencies that lead (chủ trì) and support (phối hợp) them.

use crate::model::Task;

/// What the caller knows around the text.
#[derive(Clone, Debug, Default)]
pub(crate) struct TaskContext {
    /// The agency a duty list is headed by ("1. Phòng Nội vụ:" above "- Chủ trì …"), canonical.
    pub heading_agency: Option<String>,
}

/// Every task stated in `text`; spans into `text`.
pub(crate) fn extract_tasks(_text: &str, _ctx: &TaskContext) -> Vec<Task> {
    let _ = &_ctx.heading_agency;
    Vec::new()
}

/// The agency (or agencies) a short heading names, canonical; `None` for a topical heading.
pub(crate) fn heading_agency(_heading: &str) -> Option<String> {
    None
}
