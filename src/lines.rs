//! Stage 2a – physical lines: markdown debris removed, furniture classified.
//!
//! Every line of the normalised text becomes a [`Line`] whose `clean` text has the export's debris
//! removed — Markdown headings (`##`), emphasis (`**bold**`, `*italic*`), `<sup>n</sup>` tags,
//! escapes — and whose `kind` says whether it is content or furniture: blank, a pasted URL, a
//! separator rule, a running header or page number, a digital-signature stamp or an incoming-mail
//! stamp. Nothing is dropped: furniture lines keep their spans and are reported by kind, so every
//! byte of the input is accounted for.

use crate::source::{Source, is_alnum};
use crate::text::Clean;
use once_cell::sync::Lazy;
use regex::{Regex, RegexSet};
use std::collections::HashMap;
use std::ops::Range;

/// What a physical line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Text of the document.
    Content,
    /// Nothing but white space (`spaces` tells whether it held spaces, a page-bottom sign in PDF text).
    Blank { spaces: bool },
    /// A pasted link.
    Url,
    /// A rule under a title block (`-----`, `_____`).
    Separator,
    /// Table or markup debris (`|`).
    Markup,
    /// A running page header (`CÔNG BÁO/Số 238/…`) or a page number next to one.
    PageFurniture,
    /// A digital-signature stamp (`Ký bởi: …`, `Ngày ký: …`).
    SignatureStamp,
    /// A page-bottom footnote, lifted out of the body by `crate::reflow`.
    Footnote,
    /// An incoming-mail stamp (`SỞ NỘI VỤ / CV Số: 122 / ĐẾN Ngày 20/10/2021`): not the
    /// document's own number or date.
    ReceiptStamp,
}

/// One physical line.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// Normalised range of the line, without its line end.
    pub range: Range<usize>,
    /// The line's text with debris removed.
    pub clean: Clean,
    /// What the line is.
    pub kind: LineKind,
    /// The raw line starts with white space (a page start in PDF text).
    pub indented: bool,
    /// The line started with a `<sup>n</sup>` tag: a footnote body in Markdown exports.
    pub sup_start: bool,
    /// The line is a Markdown pipe-table row (`| a | b |`).
    pub pipe_row: bool,
    /// A Markdown `**` opened on this or an earlier line is still open at its end: the next
    /// line belongs to the same bold phrase (`**1. Thủ` ⏎ `trưởng các sở …**`).
    pub bold_open: bool,
}

impl Line {
    /// The cleaned text.
    pub(crate) fn text(&self) -> &str {
        &self.clean.text
    }

    /// Whether the line carries document text.
    pub(crate) fn is_content(&self) -> bool {
        self.kind == LineKind::Content
    }

    /// Whether the line is blank.
    pub(crate) fn is_blank(&self) -> bool {
        matches!(self.kind, LineKind::Blank { .. })
    }
}

/// Line shapes from `grammars/furniture.tsv`.
static FURNITURE: Lazy<(RegexSet, Vec<LineKind>)> = Lazy::new(|| {
    let rows = crate::lexicon::rows(crate::grammar!("furniture.tsv"));
    let kinds = rows
        .iter()
        .map(|r| match r[0] {
            "url" => LineKind::Url,
            "separator" => LineKind::Separator,
            "markup" => LineKind::Markup,
            "header" => LineKind::PageFurniture,
            "stamp" => LineKind::SignatureStamp,
            other => panic!("grammars/furniture.tsv: unknown kind {other:?}"),
        })
        .collect();
    let set = RegexSet::new(rows.iter().map(|r| format!("(?i){}", r[1])))
        .expect("grammars/furniture.tsv: invalid pattern");
    (set, kinds)
});

/// `<sup>…</sup>` and `<br>` tags, Markdown heading marks and backslash escapes.
static TAG: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"(?i)</?sup>|<br\s*/?>|^\s*#{1,6}\s+|\\([.\-*_()\[\]#+])").unwrap());

/// Split the normalised text into classified lines; linear in its length.
pub(crate) fn split(src: &Source) -> Vec<Line> {
    let text = &src.text;
    let mut lines = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count() + 1);
    let mut start = 0;
    let mut bold = false;
    loop {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let mut line = clean_line(text, start..end);
        bold ^= text.as_bytes()[start..end].contains(&b'*')
            && text[start..end].matches("**").count() % 2 == 1;
        // A blank line closes any emphasis in Markdown.
        bold &= !line.is_blank();
        line.bold_open = bold;
        lines.push(line);
        if end >= text.len() {
            break;
        }
        start = end + 1;
    }
    classify_page_furniture(&mut lines);
    classify_receipt_stamp(&mut lines, src);
    lines
}

/// Clean one raw line and classify its shape.
fn clean_line(text: &str, range: Range<usize>) -> Line {
    let raw = &text[range.clone()];
    let indented = raw.starts_with([' ', '\t']);
    let mut clean = Clean::with_capacity(raw.len());
    let bullet_star = raw.trim_start().starts_with("* ");
    let pipe_row = raw.trim_start().starts_with('|') && raw.matches('|').count() >= 2;
    let mut at = 0;
    let mut sup_start = false;
    // Every tag starts with "<" or "\\", or is a heading mark first on the line.
    let tagged = raw.as_bytes().contains(&b'<')
        || raw.as_bytes().contains(&b'\\')
        || raw.trim_start().starts_with('#');
    for m in tagged.then(|| TAG.find_iter(raw)).into_iter().flatten() {
        if m.as_str().eq_ignore_ascii_case("<sup>") && raw[..m.start()].trim().is_empty() {
            sup_start = true;
        }
        let r = range.start + at..range.start + m.start();
        push_without_emphasis(&mut clean, text, r, bullet_star);
        // Keep the escaped character of a backslash escape.
        at = if m.as_str().starts_with('\\') {
            m.start() + 1
        } else {
            m.end()
        };
    }
    push_without_emphasis(&mut clean, text, range.start + at..range.end, bullet_star);
    let kind = if clean.text.is_empty() {
        LineKind::Blank {
            spaces: !raw.is_empty() && raw.trim().is_empty(),
        }
    } else {
        let (set, kinds) = &*FURNITURE;
        // A rule of underscores or stars ("_____") is read as written: emphasis marks are
        // taken out of the cleaned text, which would leave one "_" of it. Only a line that
        // matched nothing is looked at again.
        set.matches(&clean.text)
            .iter()
            .next()
            .or_else(|| {
                (raw.contains("__") || raw.contains('*'))
                    .then(|| set.matches(raw.trim()).iter().next())
                    .flatten()
            })
            .map_or(LineKind::Content, |i| kinds[i])
    };
    Line {
        range,
        clean,
        kind,
        indented,
        sup_start,
        pipe_row,
        bold_open: false,
    }
}

/// Copy a range, dropping Markdown emphasis marks (`**`, `__`, and `*` unless it is a leading
/// bullet `* `).
fn push_without_emphasis(clean: &mut Clean, text: &str, r: Range<usize>, bullet_star: bool) {
    let part = &text[r.clone()];
    let bytes = part.as_bytes();
    // Most lines have no mark: `contains` on bytes is a fast search.
    if !bytes.contains(&b'*') && !bytes.contains(&b'_') {
        clean.push(text, r);
        return;
    }
    let mut run = r.start;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let is_mark = match c {
            b'*' => {
                !(bullet_star
                    && clean.text.is_empty()
                    && text[r.start..r.start + i].trim().is_empty()
                    && bytes.get(i + 1).is_some_and(|b| b.is_ascii_whitespace()))
            }
            b'_' => bytes.get(i + 1) == Some(&b'_'),
            _ => false,
        };
        if is_mark {
            clean.push(text, run..r.start + i);
            let len = if c == b'_' { 2 } else { 1 };
            // `*` and `**` both go; a removed mark between words keeps them apart.
            i += len;
            run = r.start + i;
            continue;
        }
        i += 1;
    }
    clean.push(text, run..r.end);
}

/// Running headers repeat on every page next to a page number: mark both.
///
/// A line counts as a running header when its cleaned text occurs at least
/// [`RUNNING_HEADER_MIN`] times with number-only lines beside its copies that mostly go up by one
/// (pages, not table rows) and that mostly stand after a blank line; header shapes named in `grammars/furniture.tsv` are marked already,
/// and the number beside them too.
fn classify_page_furniture(lines: &mut [Line]) {
    let is_number = |l: &Line| l.is_content() && is_page_number(l.text());
    // The page number beside line `i`, if one stands right after or right before it.
    let number_at = |lines: &[Line], i: usize| -> Option<(usize, u32)> {
        [i + 1, i.wrapping_sub(1)]
            .into_iter()
            .filter(|&j| lines.get(j).is_some_and(is_number))
            .find_map(|j| page_number_value(lines[j].text()).map(|n| (j, n)))
    };
    // Sized for every line: growing would hash every key again.
    let mut occurrences: HashMap<&str, Vec<Occurrence>> = HashMap::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        if l.is_content() && l.text().chars().count() >= 5 {
            occurrences
                .entry(l.text())
                .or_default()
                .push((i, number_at(lines, i)));
        }
    }
    let mut marks = Vec::new();
    for occ in occurrences
        .values()
        .filter(|o| o.len() >= RUNNING_HEADER_MIN)
    {
        // Page numbers go up by one from page to page; table row numbers beside a repeated
        // cell line do not.
        let numbers: Vec<u32> = occ.iter().filter_map(|o| o.1.map(|(_, n)| n)).collect();
        let steps = numbers.windows(2).filter(|w| w[1] == w[0] + 1).count();
        // A page starts after a blank line (or the file start); a wrapped cell line does not.
        let page_tops = occ
            .iter()
            .filter(|(i, _)| *i == 0 || lines[*i - 1].is_blank())
            .count();
        if numbers.len() >= RUNNING_HEADER_MIN
            && 2 * steps >= numbers.len() - 1
            && 2 * page_tops >= occ.len()
        {
            for &(i, num) in occ {
                marks.push(i);
                marks.extend(num.map(|(j, _)| j));
            }
        }
    }
    for i in 0..lines.len() {
        if lines[i].kind == LineKind::PageFurniture {
            marks.extend(number_at(lines, i).map(|(j, _)| j));
        }
    }
    for i in marks {
        lines[i].kind = LineKind::PageFurniture;
    }
}

/// The value of a page-number line.
fn page_number_value(t: &str) -> Option<u32> {
    let t = t.trim_matches(|c: char| c == '-' || c.is_whitespace());
    t.strip_prefix("Trang ").unwrap_or(t).parse().ok()
}

/// A copy of a repeated line: its index and the page number beside it (line index, value).
type Occurrence = (usize, Option<(usize, u32)>);

/// A line that is only a page number: `12`, `- 12 -`, `Trang 12`.
fn is_page_number(t: &str) -> bool {
    let t = t.trim_matches(|c: char| c == '-' || c.is_whitespace());
    let t = t.strip_prefix("Trang ").unwrap_or(t);
    !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())
}

/// How many copies make a repeated line a running header.
const RUNNING_HEADER_MIN: usize = 3;

/// How many lines from the top an incoming-mail stamp may stand.
const RECEIPT_STAMP_MAX_LINE: usize = 15;

/// The incoming-mail stamp is a small block near the top holding the word `ĐẾN` (received);
/// its `Số:` and `Ngày` are the receipt's, not the document's.
fn classify_receipt_stamp(lines: &mut [Line], src: &Source) {
    let top = lines.len().min(RECEIPT_STAMP_MAX_LINE);
    let Some(hit) = (0..top).find(|&i| {
        let l = &lines[i];
        l.is_content() && has_word(&src.text[l.range.clone()], "ĐẾN")
    }) else {
        return;
    };
    let stampish = |l: &Line, raw: &str| {
        l.is_content()
            && l.text().chars().count() <= 40
            && (raw.contains('\t') || l.text().starts_with("Số") || l.text().starts_with("Ngày"))
    };
    let mut first = hit;
    while first > 0 && stampish(&lines[first - 1], &src.text[lines[first - 1].range.clone()]) {
        first -= 1;
    }
    let mut last = hit;
    while last + 1 < lines.len()
        && stampish(&lines[last + 1], &src.text[lines[last + 1].range.clone()])
    {
        last += 1;
    }
    for l in &mut lines[first..=last] {
        l.kind = LineKind::ReceiptStamp;
    }
}

/// Whether `word` stands in `s` between non-letters.
fn has_word(s: &str, word: &str) -> bool {
    s.match_indices(word).any(|(i, _)| {
        let before = s[..i].chars().next_back().is_none_or(|c| !is_alnum(c));
        let after = s[i + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_alnum(c));
        before && after
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<Line> {
        split(&Source::new(s))
    }

    #[test]
    fn markdown_debris_is_removed() {
        let l = lines("## **II. Quan điểm**\n*Bùi Thị Vân*  \n* Mục tiêu đến năm 2025");
        assert_eq!(
            l[0].text(),
            "II. Quan điểm",
            "should drop heading marks and bold"
        );
        assert_eq!(l[1].text(), "Bùi Thị Vân", "should drop italic marks");
        assert_eq!(
            l[2].text(),
            "* Mục tiêu đến năm 2025",
            "should keep a leading bullet star"
        );
    }

    #[test]
    fn sup_tags_are_removed_and_noted() {
        let l = lines("<sup>1</sup> - Chỉ số PAR INDEX");
        assert_eq!(l[0].text(), "1 - Chỉ số PAR INDEX");
        assert!(l[0].sup_start, "should note a footnote body");
    }

    #[test]
    fn furniture_is_classified() {
        let l = lines("https://example.vn/a?b=1\n-----\n_____ \n|\nKý bởi: CÔNG BÁO\ntext");
        let kinds: Vec<_> = l.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LineKind::Url,
                LineKind::Separator,
                LineKind::Separator,
                LineKind::Markup,
                LineKind::SignatureStamp,
                LineKind::Content
            ]
        );
    }

    #[test]
    fn running_header_needs_a_page_number() {
        let doc = "HEADER X\n12\nbody\n\nHEADER X\n13\nbody\n\nHEADER X\n14\nTT\nTT\nTT\n";
        let l = lines(doc);
        assert_eq!(l[0].kind, LineKind::PageFurniture);
        assert_eq!(
            l[1].kind,
            LineKind::PageFurniture,
            "should mark the page number"
        );
        assert_eq!(
            l[10].kind,
            LineKind::Content,
            "should not mark a repeated line without page numbers"
        );
    }

    #[test]
    fn repeated_cell_beside_row_numbers_is_not_a_header() {
        let doc = "bổ sung\n1\nx\nbổ sung\n4\ny\nbổ sung\n9\nz\n";
        let l = lines(doc);
        assert!(
            l.iter().all(|l| l.kind != LineKind::PageFurniture),
            "should not take row numbers for pages"
        );
    }

    #[test]
    fn receipt_stamp_is_not_content() {
        let l = lines("\nSỞ NỘI VỤ\t\nCV\tSố: 122\nĐẾN\tNgày 20/10/2021\n\nNGHỊ QUYẾT");
        assert!(l[1..4].iter().all(|l| l.kind == LineKind::ReceiptStamp));
        assert_eq!(l[5].kind, LineKind::Content);
    }
}
