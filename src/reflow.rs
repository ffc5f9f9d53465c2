//! Stage 2b – page-bottom footnotes lifted out, hard-wrapped lines joined into paragraphs.
//!
//! Deciding whether a line break ends a paragraph or is a wrap is the central problem of PDF and
//! web exports. The decision looks at the document's layout ([`Layout`]: is every line followed by
//! a blank line, are lines wrapped at a fixed width) and at the two lines around the break:
//!
//! ```text
//! break  if next starts a marker (I., 1., a), (1), Điều 1.), unless it is a bare number after
//!        a line ending in a lower-case word ("… ngày 31 tháng ⏎ 12.")
//! break  if next starts a bullet, unless prev fills the line and ends without punctuation
//!        ("… giai đoạn 2016 ⏎ - 2020 (viết tắt …)" is a wrap) and is no numbered heading
//! join   if prev ends with "," or next starts in lower case or with a digit
//!        ("… Kế hoạch số ⏎ 30-KH/HU", "… mức độ 3 và ⏎ 4 trên tổng số")
//!        — but a "(" remark after a finished sentence that does not fill the line stands alone
//! join   if both are upper case (a heading wrapped over two lines), or prev is a bare legal
//!        unit and next is in capitals ("Chương I ⏎ QUY ĐỊNH CHUNG"), blank lines or not
//! break  after a blank line (when blank lines mean something in this layout)
//! break  if prev ends without punctuation and next opens with a capitalised sentence opener
//!        ("… hàng năm ⏎ Trên cơ sở kết quả …": the end of a heading; grammars/sentence_openers.tsv)
//! join   if prev fills the line (wrapped layout), else break
//! ```
//!
//! Footnotes: a line `N Text…` whose number follows the previous footnote's and whose marker is
//! glued to a word earlier on the page (`Chính phủ1`, `140/NQ-CP2`) — or a Markdown
//! `<sup>N</sup>` line — starts a footnote; it runs on while its lines end without punctuation or
//! start with `- `, and ends at a page break, a marker or a new paragraph. The glued marker is
//! cut from the body text, which then reads on across the footnote.

use crate::block::{Marker, Style, scan_bullet, scan_marker};
use crate::lexicon::rows;
use crate::lines::{Line, LineKind};
use crate::source::{fold_key, is_alnum, is_letter};
use crate::text::Clean;
use once_cell::sync::Lazy;
use std::ops::Range;

/// A footnote lifted out of the body.
#[derive(Clone, Debug)]
pub(crate) struct FootnoteBlock {
    /// "1".
    pub marker: String,
    /// Re-flowed text without the marker.
    pub clean: Clean,
    /// Lines it occupies.
    pub lines: Range<usize>,
    /// Normalised range of the glued marker in the body.
    pub ref_range: Option<Range<usize>>,
}

/// How lines of a stretch of text are laid out.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Layout {
    /// Every line is followed by a blank line, which therefore means nothing.
    pub double_spaced: bool,
    /// Typical width of a full line, when lines are hard-wrapped.
    pub wrap_width: Option<usize>,
    /// Paragraphs are blocks of lines between blank lines: inside a block, a line that ends
    /// without punctuation runs on, however short (web exports wrap at odd places).
    pub blank_separated: bool,
}

/// A numbered heading on a line of its own has at most this many words.
const HEADING_LINE_WORDS_MAX: usize = 12;
/// A sentence opener is looked for in this many characters of a line's start.
const OPENER_CHARS_MAX: usize = 16;
/// Lines shorter than this are not used to find the wrap width.
const WRAP_SAMPLE_MIN_CHARS: usize = 20;
/// A line this share of the wrap width or more "fills" the line.
const FULL_LINE_RATIO: f64 = 0.8;
/// Wrapped text has lines of one width: at least this share of lines within 25% of it.
const WRAPPED_SHARE_MIN: f64 = 0.55;
/// The longest line that is a legal unit and its number alone ("PHẦN THỨ NHẤT", "Chương XVIII").
const BARE_UNIT_BYTES_MAX: usize = 32;
/// The widest line a hard-wrapped export plausibly has.
const WRAP_WIDTH_MAX: usize = 140;
/// How far back (in lines) a footnote's glued marker is searched for: about a page.
const FOOTNOTE_REF_LOOKBACK: usize = 80;

/// Work out the layout of `lines`.
pub(crate) fn layout(lines: &[Line]) -> Layout {
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].is_content())
        .collect();
    if content.is_empty() {
        return Layout::default();
    }
    let followed_by_blank = content
        .iter()
        .filter(|&&i| lines.get(i + 1).is_some_and(Line::is_blank))
        .count();
    let double_spaced =
        content.len() >= 4 && followed_by_blank as f64 >= 0.7 * content.len() as f64;
    let multi_line_blocks = content
        .iter()
        .filter(|&&i| {
            lines.get(i + 1).is_some_and(Line::is_content) && (i == 0 || !lines[i - 1].is_content())
        })
        .count();
    let blank_separated =
        !double_spaced && followed_by_blank >= BLOCKS_MIN && multi_line_blocks >= BLOCKS_MIN;
    let mut widths: Vec<usize> = content
        .iter()
        .map(|&i| lines[i].text().chars().count())
        .filter(|&w| w >= WRAP_SAMPLE_MIN_CHARS)
        .collect();
    widths.sort_unstable();
    let wrap_width = if widths.len() >= 4 {
        let p = widths[widths.len() * 3 / 4];
        let near = widths
            .iter()
            .filter(|&&w| (w as f64) >= 0.75 * p as f64 && (w as f64) <= 1.25 * p as f64)
            .count();
        (p <= WRAP_WIDTH_MAX && near as f64 >= WRAPPED_SHARE_MIN * widths.len() as f64).then_some(p)
    } else {
        None
    };
    Layout {
        double_spaced,
        wrap_width,
        blank_separated,
    }
}

/// Blank-line-separated blocks needed before blank lines are taken to separate paragraphs.
const BLOCKS_MIN: usize = 3;

fn ends_with_terminal(t: &str) -> bool {
    t.trim_end().ends_with(['.', ';', ':', '!', '?'])
}

fn starts_lower_or_digit(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || "(“\"'%,;".contains(c))
}

/// Whether no letter of `t` is in lower case (true of a text without letters): a line written
/// in capitals, as kind lines, issuers and signature authorities are.
pub(crate) fn no_lower_letters(t: &str) -> bool {
    t.chars().filter(|&c| is_letter(c)).all(char::is_uppercase)
}

/// Whether `t` is written in capitals with at least two letters ("VỀ", "ĐẮK", "QUÝ"): a word
/// shouted in a title or a heading, not a capitalised one.
pub(crate) fn is_shouted(t: &str) -> bool {
    t.chars().filter(|&c| is_letter(c)).count() >= 2 && !t.chars().any(char::is_lowercase)
}

pub(crate) fn is_upper_text(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|&c| is_letter(c)).collect();
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}

/// Whether the break between `prev` and `next` (with `blank` blank lines between) is a wrap.
pub(crate) fn joins(prev: &str, next: &str, blank: bool, layout: &Layout) -> bool {
    let blank = blank && !layout.double_spaced;
    let full = layout
        .wrap_width
        .is_some_and(|w| prev.chars().count() as f64 >= FULL_LINE_RATIO * w as f64);
    if let Some(m) = scan_marker(next) {
        // "… trước ngày 31 tháng ⏎ 12.": a bare number after a line that stops mid-sentence
        // ends that sentence; it numbers nothing.
        let bare = next[m.len..].trim().is_empty() && !matches!(m.style, Style::Legal(_));
        return (bare && prev.trim_end().ends_with(char::is_lowercase))
            || continues_inline_list(prev, &m);
    }
    if scan_bullet(next).is_some() {
        return full && !ends_with_terminal(prev) && !blank && !is_heading_line(prev);
    }
    // "Chương I ⏎ QUY ĐỊNH CHUNG": the title of a unit numbered on a line of its own, blank
    // lines or not.
    if prev.len() <= BARE_UNIT_BYTES_MAX
        && scan_marker(prev)
            .is_some_and(|m| matches!(m.style, Style::Legal(_)) && prev[m.len..].trim().is_empty())
        && is_upper_text(next)
    {
        return true;
    }
    if prev.ends_with(',') || (starts_lower_or_digit(next) && !ends_with_terminal(prev)) {
        return true;
    }
    if !blank
        && is_heading_line(prev)
        && !is_upper_text(next)
        && (opens_sentence(next) || !crate::table::ends_open_before(prev, next))
    {
        return false;
    }
    if layout.blank_separated && !blank && !ends_with_terminal(prev) {
        return true;
    }
    if is_upper_text(prev) && is_upper_text(next) && !ends_with_terminal(prev) && !blank {
        return true;
    }
    if blank {
        return false;
    }
    if starts_lower_or_digit(next) {
        // "… hạn chế. ⏎ (Các nhiệm vụ cụ thể tại Phụ lục)": a remark after a finished sentence
        // that does not fill the line stands on its own.
        return !(next.starts_with('(') && prev.trim_end().ends_with(['.', '!', '?']) && !full);
    }
    if !ends_with_terminal(prev) && opens_sentence(next) {
        return false;
    }
    full
}

/// "Cụ thể: (1) …; (2) … ⏎ (3) …": an item of a list written inside a sentence, wrapped to
/// the start of a line, when the line before holds the item before it after other words.
fn continues_inline_list(prev: &str, m: &Marker) -> bool {
    let number = m.id.trim_matches(['(', ')']).parse::<usize>();
    match (m.style, number) {
        (Style::Paren, Ok(n)) if n > 1 => prev
            .find(&format!("({})", n - 1))
            .is_some_and(|i| !prev[..i].trim().is_empty()),
        _ => false,
    }
}

/// A numbered heading standing on its own line ("1. Mục đích", "II. NHIỆM VỤ VÀ GIẢI PHÁP"):
/// a marker, a few words, no closing punctuation. A capitalised line after it opens the
/// section's text, even in a layout where only blank lines end paragraphs, unless the heading's
/// last word waits for more ("của", "Sở": `table::ends_open_before`) and the line opens no sentence
/// ("chuyển đổi số" ⏎ "Các chi bộ …" ends; "2. Sở" ⏎ "Khoa học và Công nghệ" runs on).
fn is_heading_line(t: &str) -> bool {
    scan_marker(t).is_some_and(|m| {
        let content = &t[m.len..];
        content
            .split_whitespace()
            .nth(HEADING_LINE_WORDS_MAX)
            .is_none()
            && !content.trim().is_empty()
            && !ends_with_terminal(content)
    })
}

/// Function words a sentence opens with (`grammars/sentence_openers.tsv`), folded.
static OPENERS: Lazy<Vec<String>> = Lazy::new(|| {
    rows(crate::grammar!("sentence_openers.tsv"))
        .into_iter()
        .map(|r| fold_key(r[0]))
        .filter(|p| !p.is_empty())
        .collect()
});

/// `t` opens with a capitalised sentence opener ("Trên cơ sở", "Để", "Các").
pub(crate) fn opens_sentence(t: &str) -> bool {
    if !t.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let head = t
        .char_indices()
        .nth(OPENER_CHARS_MAX)
        .map_or(t.len(), |(i, _)| i);
    let key = fold_key(&t[..head]);
    OPENERS.iter().any(|p| {
        key.starts_with(p.as_str()) && !key[p.len()..].chars().next().is_some_and(is_alnum)
    })
}

/// Find page-bottom footnotes, mark their lines and cut their glued markers from the body.
pub(crate) fn lift_footnotes(lines: &mut [Line], text: &str) -> Vec<FootnoteBlock> {
    let mut out: Vec<FootnoteBlock> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let expected = out
            .last()
            .map_or(1, |f| f.marker.parse::<usize>().unwrap_or(0) + 1);
        let Some((n, body_at)) = footnote_start(&lines[i], expected) else {
            i += 1;
            continue;
        };
        let ref_at = find_ref(lines, i, n);
        if ref_at.is_none() && !lines[i].sup_start {
            i += 1;
            continue;
        }
        let start = i;
        let mut clean = lines[i].clean.slice(body_at..lines[i].text().len());
        let mut end = i + 1;
        let mut last = lines[i].text().to_owned();
        while end < lines.len() {
            let l = &lines[end];
            if l.is_blank() {
                if matches!(l.kind, LineKind::Blank { spaces: true }) {
                    break;
                }
                end += 1;
                continue;
            }
            let t = l.text();
            let continues = l.is_content()
                && !l.indented
                && scan_marker(t).is_none()
                && footnote_start(l, n + 1).is_none()
                && (t.starts_with("- ") || !ends_with_terminal(&last));
            if !continues {
                break;
            }
            clean.newline_or_space(l.range.start, t.starts_with("- "));
            clean.append(&l.clean);
            last = t.to_owned();
            end += 1;
        }
        // Trailing blank lines belong to the page, not the footnote.
        let mut stop = end;
        while stop > start + 1 && lines[stop - 1].is_blank() {
            stop -= 1;
        }
        for l in &mut lines[start..stop] {
            l.kind = LineKind::Footnote;
        }
        let ref_range = ref_at.map(|(li, r)| {
            let norm = lines[li].clean.norm_range(r.clone());
            lines[li].clean = lines[li].clean.without(r);
            norm
        });
        let _ = text;
        out.push(FootnoteBlock {
            marker: n.to_string(),
            clean,
            lines: start..stop,
            ref_range,
        });
        i = stop;
    }
    out
}

/// `N Text` at the start of a content line, N the expected footnote number: (N, text offset).
fn footnote_start(line: &Line, expected: usize) -> Option<(usize, usize)> {
    if !line.is_content() {
        return None;
    }
    let t = line.text();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let n: usize = t[..digits].parse().ok()?;
    let rest = &t[digits..];
    let body = rest.trim_start();
    if n != expected || rest.len() == body.len() {
        return None;
    }
    let first = body.chars().next()?;
    let shaped = first.is_uppercase() || body.starts_with("- ") || first == '“' || first == '"';
    shaped.then_some((n, t.len() - body.len()))
}

/// The glued marker of footnote `n`: a digit run equal to `n` right after a letter, `/` or `)`
/// and before a space, punctuation or the line end, in the lines before `at`.
fn find_ref(lines: &[Line], at: usize, n: usize) -> Option<(usize, Range<usize>)> {
    let want = n.to_string();
    let from = at.saturating_sub(FOOTNOTE_REF_LOOKBACK);
    for li in (from..at).rev() {
        let l = &lines[li];
        if !l.is_content() {
            continue;
        }
        let t = l.text();
        let mut found = None;
        for (i, _) in t.match_indices(want.as_str()) {
            let before = t[..i].chars().next_back();
            let after = t[i + want.len()..].chars().next();
            let glued = before.is_some_and(|c| is_letter(c) || c == '/' || c == ')');
            let ends = after.is_none_or(|c| c.is_whitespace() || ",.;:)".contains(c));
            let digit_before = before.is_some_and(|c| c.is_ascii_digit());
            if glued && ends && !digit_before {
                found = Some(i..i + want.len());
            }
        }
        if let Some(r) = found {
            return Some((li, r));
        }
    }
    None
}

/// A paragraph: consecutive content lines joined.
#[derive(Clone, Debug)]
pub(crate) struct Para {
    /// Re-flowed text.
    pub clean: Clean,
}

/// Join the content lines of `lines[range]` into paragraphs. Furniture and footnote lines are
/// passed over; they neither end nor join paragraphs.
pub(crate) fn paragraphs(lines: &[Line], range: Range<usize>, layout: &Layout) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut blank = false;
    let mut prev_text = "";
    let mut bold_open = false;
    let mut prev_pipe = false;
    for i in range {
        let l = &lines[i];
        match l.kind {
            LineKind::Content => {}
            LineKind::Blank { .. } => {
                blank = true;
                continue;
            }
            _ => continue,
        }
        let t = l.text();
        // Rows of a Markdown pipe table stay one per paragraph.
        let join = match out.last() {
            Some(_) if l.pipe_row || prev_pipe => false,
            Some(_) => (bold_open && !blank) || joins(prev_text, t, blank, layout),
            None => false,
        };
        prev_pipe = l.pipe_row;
        bold_open = l.bold_open;
        if join {
            let p = out.last_mut().expect("join needs a paragraph");
            p.clean.space(l.range.start);
            p.clean.append(&l.clean);
        } else {
            out.push(Para {
                clean: l.clean.clone(),
            });
        }
        prev_text = t;
        blank = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Single-spaced text wrapped at 80 characters.
    const WRAPPED: Layout = Layout {
        double_spaced: false,
        wrap_width: Some(80),
        blank_separated: false,
    };

    #[test]
    fn an_item_of_a_list_inside_a_sentence_runs_on_at_a_line_start() {
        let prev =
            "Cụ thể: (1) Kinh tế số chiếm tối thiểu 30% GRDP; (2) tỷ lệ doanh nghiệp đạt 40%;";
        assert!(joins(
            prev,
            "(3) chi cho nghiên cứu đạt 2% GRDP;",
            false,
            &WRAPPED
        ));
        // Items that each open their own line number paragraphs.
        assert!(!joins(
            "(2) tỷ lệ doanh nghiệp đạt 40%;",
            "(3) chi cho nghiên cứu đạt 2% GRDP;",
            false,
            &WRAPPED
        ));
        // So does an item that does not follow the one inside the line before.
        assert!(!joins(prev, "(5) tỷ lệ dân số", false, &WRAPPED));
    }

    #[test]
    fn a_capitalised_sentence_opener_ends_an_unpunctuated_line() {
        // The last line of a numbered heading fills the line but has no full stop.
        let heading_end = "đăng ký thực hiện công việc đột phá để nâng cao chỉ số CCHC hàng năm";
        let next = "Trên cơ sở kết quả Chỉ số CCHC hàng năm được công bố, Thủ trưởng các";
        assert!(!joins(heading_end, next, false, &WRAPPED));
        assert!(!joins(
            heading_end,
            "Để kịp thời chấn chỉnh, khắc phục",
            false,
            &WRAPPED
        ));
        // Written in lower case, the same words run on.
        assert!(joins(
            heading_end,
            "trên cơ sở kết quả Chỉ số",
            false,
            &WRAPPED
        ));
        // Capitalised nouns and verbs name agencies and run on ("… giao Ban ⏎ Tổ chức Huyện ủy").
        let full = "đôn đốc, kiểm tra việc thực hiện Chương trình này; giao Ban Thường vụ và Ban";
        assert!(joins(full, "Tổ chức Huyện ủy theo dõi", false, &WRAPPED));
        assert!(joins(full, "Chấp hành Đảng bộ huyện", false, &WRAPPED));
        // Whole words only: "Theo" does not open "Theodore".
        assert!(joins(full, "Theodore", false, &WRAPPED));
        // After a full stop the line-width rule decides, as before.
        assert!(joins(&format!("{full}."), next, false, &WRAPPED));
    }

    #[test]
    fn a_numbered_heading_line_ends_before_a_capitalised_line() {
        // Blocks between blank lines, one paragraph per line inside them.
        let blocks = Layout {
            double_spaced: false,
            wrap_width: None,
            blank_separated: true,
        };
        let text = "Nâng cao hiệu lực, hiệu quả hoạt động của bộ máy hành chính nhà nước.";
        assert!(!joins("1. Mục đích", text, false, &blocks));
        assert!(!joins("II. NHIỆM VỤ VÀ GIẢI PHÁP", text, false, &blocks));
        // A heading wrapped in capitals runs on.
        assert!(joins("II. NHIỆM VỤ VÀ GIẢI", "PHÁP", false, &blocks));
        // A line that waits for a name, or too long for a heading, runs on.
        assert!(joins("2. Sở", "Khoa học và Công nghệ", false, &blocks));
        assert!(joins(
            "1. Báo cáo kết quả của",
            "Ủy ban nhân dân",
            false,
            &blocks
        ));
        // A sentence opener ends it whatever its last word.
        let digital = "1- Nâng cao nhận thức về chuyển đổi số";
        assert!(!joins(
            digital,
            "Các chi bộ tổ chức quán triệt.",
            false,
            &blocks
        ));
        // "số" after "chuyển đổi", "kinh tế" means "digital": it waits for a number only.
        assert!(!joins(
            "2. Phát triển kinh tế số",
            "Phấn đấu tỷ trọng kinh tế số đạt 20% GRDP.",
            false,
            &blocks
        ));
        assert!(joins(
            "3. Thực hiện Quyết định số",
            "1406/QĐ-UBND",
            false,
            &blocks
        ));
        let long = "a) Tiếp tục rà soát, thực hiện đơn giản hóa thủ tục hành chính theo Nghị quyết";
        assert!(joins(long, "Chương trình cắt giảm", false, &blocks));
        // Without a marker the line is no heading.
        assert!(joins(
            "Thời gian qua, tỉnh Đắk Lắk",
            "Quốc hội",
            false,
            &blocks
        ));
    }

    #[test]
    fn bare_numbers_and_unit_titles_in_double_spaced_text() {
        let double = Layout {
            double_spaced: true,
            wrap_width: Some(70),
            blank_separated: false,
        };
        // A date wrapped before its month is no item "12.".
        assert!(joins(
            "10. Sở Nông nghiệp và Môi trường hoàn thành xong trước ngày 31 tháng",
            "12.",
            true,
            &double
        ));
        assert!(!joins("hoàn thành trước ngày 31/12.", "12.", true, &double));
        // A chapter numbered on its own line takes the title below it.
        assert!(joins("Chương I", "QUY ĐỊNH CHUNG", true, &double));
        assert!(!joins("Chương I", "Quy chế này quy định", true, &double));
        // A bullet under a numbered heading starts its own paragraph.
        assert!(!joins(
            "1. Xây dựng kho dữ liệu dùng chung của tỉnh",
            "- Cơ quan chủ trì: Sở Khoa học và Công nghệ.",
            false,
            &WRAPPED
        ));
    }

    #[test]
    fn a_remark_in_parentheses_after_a_short_finished_sentence_stands_alone() {
        let remark = "(Các nhiệm vụ cụ thể tại Phụ lục kèm theo)";
        assert!(!joins(
            "chỉ đạo khắc phục những tồn tại, hạn chế.",
            remark,
            false,
            &WRAPPED
        ));
        // Wrapped text runs on from a full line, and from an unfinished sentence.
        let full = "đôn đốc, kiểm tra việc thực hiện Chương trình này; giao Ban Thường vụ và Ban.";
        assert!(joins(full, remark, false, &WRAPPED));
        assert!(joins(
            "theo Kế hoạch số 30-KH/HU",
            "(viết tắt là Kế hoạch 30)",
            false,
            &WRAPPED
        ));
    }
}
