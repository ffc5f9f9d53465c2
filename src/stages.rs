//! The pipeline's stages one at a time, so `benches/pipeline.rs` can measure each. Not a stable
//! API: every function returns a count only so the work cannot be optimised away.
//!
//! Stages that need the ones before them repeat them ([`lines`] decodes and normalises too);
//! the extractors are measured on paragraph texts given by the caller (a parsed document's
//! section texts), each on its own.

use crate::extract::{agency, citation, deadline, target, task};
use crate::lines::Line;
use crate::source::{self, Source, fold_key};

/// Decode and normalise (NFC, line ends, spaces) with the offset map: bytes of text.
pub fn normalise(bytes: &[u8]) -> usize {
    let Ok(text) = source::decode(bytes, &mut Vec::new()) else {
        return 0;
    };
    Source::new(&text).text.len()
}

/// [`normalise`], then split and classify lines and lift footnotes: lines.
pub fn lines(text: &str) -> usize {
    split_lines(&Source::new(text)).len()
}

/// The lines of `src` with footnotes lifted, as a parse starts.
fn split_lines(src: &Source) -> Vec<Line> {
    let mut lines = crate::lines::split(src);
    crate::reflow::lift_footnotes(&mut lines, &src.text);
    lines
}

/// [`lines`], then read every task table among them: table rows.
pub fn tables(text: &str) -> usize {
    let src = Source::new(text);
    let lines = split_lines(&src);
    let n = lines.len();
    crate::table::parse_tables(&lines, &crate::table::Repeats::new(&lines), &src.text, 0..n)
        .iter()
        .map(|t| t.rows.len())
        .sum()
}

/// Citations in each paragraph.
pub fn citations(paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .map(|p| citation::extract_citations(p, &fold_key(p)).len())
        .sum()
}

/// Deadlines in each paragraph (no enclosing year).
pub fn deadlines(paragraphs: &[String]) -> usize {
    let ctx = deadline::DeadlineContext { year: None };
    paragraphs
        .iter()
        .map(|p| deadline::extract_deadlines(p, &fold_key(p), &ctx, &[]).len())
        .sum()
}

/// Targets in each paragraph (no enclosing year, heading or deadlines).
pub fn targets(paragraphs: &[String]) -> usize {
    let ctx = target::TargetContext::default();
    paragraphs
        .iter()
        .map(|p| target::extract_targets(p, &fold_key(p), &ctx, &[]).len())
        .sum()
}

/// Agency names and the tasks they carry in each paragraph (one tokenisation, as in a parse).
pub fn agencies_and_tasks(paragraphs: &[String]) -> usize {
    let ctx = task::TaskContext::default();
    paragraphs
        .iter()
        .map(|p| {
            let toks = agency::tokenize(p);
            let found = agency::scan(&toks);
            let tasks = task::extract_tasks(p, &toks, &found, &ctx).len();
            tasks + agency::mentions(p, &toks, found).len()
        })
        .sum()
}
