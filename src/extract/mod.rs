//! Stage 5 – entity extractors over the re-flowed text of each section.
//!
//! Every extractor is a pure function over one piece of cleaned text (a paragraph or a bullet
//! item). It returns model values whose `span` is a byte range **into that piece**; the caller
//! (`crate::document`) rebases spans onto the original input and fills `section`.

pub(crate) mod agency;
pub(crate) mod citation;
pub(crate) mod deadline;
pub(crate) mod target;
pub(crate) mod task;
