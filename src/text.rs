//! Cleaned text that remembers where every byte came from.
//!
//! Stages after normalisation build new strings — markdown debris removed, runs of white space
//! folded to one space, wrapped lines joined — and every output value needs a span in the
//! original input. A [`Clean`] string records, for each run it copied, the normalised offset it
//! came from; [`Clean::norm_range`] turns a range of the cleaned string back into normalised
//! offsets, which [`crate::source::OffsetMap`] turns into original ones.

use std::ops::Range;

/// A cleaned string with a map back to normalised offsets.
#[derive(Clone, Debug, Default)]
pub(crate) struct Clean {
    /// The cleaned text: no leading or trailing space, single spaces inside.
    pub text: String,
    /// `(clean offset, normalised offset)` at the start of every copied run, ascending.
    marks: Vec<(usize, usize)>,
    /// Normalised offset of the end of the last copied character.
    last_end: usize,
    /// Normalised offset of white space seen since the last character, to be written as one
    /// space before the next character.
    pending_space: Option<usize>,
}

impl Clean {
    /// An empty text with room for `len` bytes of text and a few marks.
    pub(crate) fn with_capacity(len: usize) -> Clean {
        Clean {
            text: String::with_capacity(len),
            marks: Vec::with_capacity(2),
            ..Clean::default()
        }
    }

    /// Copy `src[range]` (normalised text), folding white space.
    pub(crate) fn push(&mut self, src: &str, range: Range<usize>) {
        let Some(part) = src.get(range.clone()) else {
            return;
        };
        let bytes = part.as_bytes();
        let mut i = 0;
        while i < part.len() {
            let at = range.start + i;
            let space = space_len(part, i);
            if space > 0 {
                self.pending_space.get_or_insert(at);
                i += space;
                continue;
            }
            // A run of words apart by single spaces is copied whole: it needs no mark inside.
            let mut end = i;
            loop {
                while end < part.len() && space_len(part, end) == 0 {
                    end += utf8_len(bytes[end]);
                }
                if end + 1 < part.len() && bytes[end] == b' ' && space_len(part, end + 1) == 0 {
                    end += 1;
                } else {
                    break;
                }
            }
            if let Some(sp) = self.pending_space.take()
                && !self.text.is_empty()
            {
                // One byte of white space inside a copied run stays in the run: no new mark.
                let in_run = sp == self.last_end && at == sp + 1;
                if in_run {
                    self.last_end = at;
                } else {
                    self.marks.push((self.text.len(), sp));
                    self.last_end = usize::MAX;
                }
                self.text.push(' ');
            }
            if self.marks.is_empty() || at != self.last_end {
                self.marks.push((self.text.len(), at));
            }
            self.text.push_str(&part[i..end]);
            self.last_end = range.start + end;
            i = end;
        }
    }

    /// Ask for a space before the next copied character (a joined line break at `at`).
    pub(crate) fn space(&mut self, at: usize) {
        self.pending_space.get_or_insert(at);
    }

    /// Append a line break (between paragraphs of one section), anchored at normalised `at`.
    pub(crate) fn newline(&mut self, at: usize) {
        if !self.text.is_empty() {
            self.pending_space = None;
            self.marks.push((self.text.len(), at));
            self.text.push('\n');
            self.last_end = usize::MAX;
        }
    }

    /// Append all of `other`, after a space if one was asked for.
    pub(crate) fn append(&mut self, other: &Clean) {
        if other.text.is_empty() {
            return;
        }
        if let Some(sp) = self.pending_space.take()
            && !self.text.is_empty()
        {
            self.marks.push((self.text.len(), sp));
            self.text.push(' ');
        }
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.marks
            .extend(other.marks.iter().map(|&(c, n)| (c + base, n)));
        self.last_end = other.last_end;
        self.pending_space = None;
    }

    /// Ask for a line break (`newline`) or a space before the next appended text.
    pub(crate) fn newline_or_space(&mut self, at: usize, newline: bool) {
        if newline {
            self.newline(at);
        } else {
            self.space(at);
        }
    }

    /// This text without the bytes of `r` (a footnote marker glued to a word); a space around
    /// the cut is kept.
    pub(crate) fn without(&self, r: Range<usize>) -> Clean {
        let mut out = self.slice(0..r.start);
        let spaced = self.text[..r.start].ends_with(' ') || self.text[r.end..].starts_with(' ');
        if spaced {
            out.space(self.to_norm(r.start));
        }
        out.append(&self.slice(r.end..self.text.len()));
        out
    }

    /// The normalised offset of cleaned offset `pos`.
    pub(crate) fn to_norm(&self, pos: usize) -> usize {
        let i = self.marks.partition_point(|&(c, _)| c <= pos);
        if i == 0 {
            return self.marks.first().map_or(0, |m| m.1);
        }
        let (c, n) = self.marks[i - 1];
        n + (pos - c)
    }

    /// The normalised range of cleaned range `r` (end mapped from its last byte, so a range
    /// ending at a run boundary does not reach into the next run's source).
    pub(crate) fn norm_range(&self, r: Range<usize>) -> Range<usize> {
        let s = self.to_norm(r.start);
        let last = self
            .text
            .get(r.clone())
            .and_then(|t| t.char_indices().next_back());
        let e = match last {
            Some((i, c)) => self.to_norm(r.start + i) + c.len_utf8(),
            None => s,
        };
        s..e.max(s)
    }

    /// Normalised range of the whole text.
    pub(crate) fn full_norm_range(&self) -> Range<usize> {
        self.norm_range(0..self.text.len())
    }

    /// A sub-string of this text with its own map.
    pub(crate) fn slice(&self, r: Range<usize>) -> Clean {
        let mut out = Clean::default();
        let Some(part) = self.text.get(r.clone()) else {
            return out;
        };
        let lead = part.len() - part.trim_start().len();
        let trail = part.len() - part.trim_end().len();
        let r = r.start + lead..r.end - trail;
        if r.start >= r.end {
            return out;
        }
        out.text.push_str(&self.text[r.clone()]);
        out.marks.push((0, self.to_norm(r.start)));
        let first = self.marks.partition_point(|&(c, _)| c <= r.start);
        for &(c, n) in &self.marks[first..] {
            if c >= r.end {
                break;
            }
            out.marks.push((c - r.start, n));
        }
        out.last_end = usize::MAX;
        out
    }
}

/// Byte length of the white space character (`char::is_whitespace`) at byte `i` of `text`, or 0.
#[inline]
pub(crate) fn space_len(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        b' ' | b'\t'..=b'\r' => 1,
        // Only these lead bytes start a non-ASCII white space character (U+0085 … U+3000).
        0xc2 | 0xe1..=0xe3 => wide_space_len(&text.as_bytes()[i..]),
        _ => 0,
    }
}

/// [`space_len`] of a non-ASCII character, told by its bytes: the lead byte 0xE1 also starts the
/// Vietnamese letters with two marks (U+1E00 … U+1EFF), too many to decode each.
fn wide_space_len(b: &[u8]) -> usize {
    match b {
        // U+0085, U+00A0.
        [0xc2, 0x85 | 0xa0, ..] => 2,
        // U+1680; U+2000 … U+200A, U+2028, U+2029, U+202F; U+205F; U+3000.
        [0xe1, 0x9a, 0x80, ..]
        | [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..]
        | [0xe2, 0x81, 0x9f, ..]
        | [0xe3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// Byte length of the UTF-8 character a lead byte starts.
#[inline]
pub(crate) fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_scanners_agree_with_char_rules() {
        for c in (0..0x3100u32)
            .chain(0xfe00..0x10100)
            .filter_map(char::from_u32)
        {
            let s = format!("{c}a");
            let space = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(space_len(&s, 0), space, "white space {c:?}");
            assert_eq!(utf8_len(s.as_bytes()[0]), c.len_utf8(), "length of {c:?}");
        }
    }

    /// [`Clean::push`] one word at a time, without copying runs of single-spaced words whole.
    fn push_by_word(c: &mut Clean, src: &str, range: Range<usize>) {
        let part = &src[range.clone()];
        let mut i = 0;
        while let Some(rest) = part.get(i..).filter(|r| !r.is_empty()) {
            let at = range.start + i;
            let run = rest.find(char::is_whitespace).unwrap_or(rest.len());
            if run == 0 {
                c.pending_space.get_or_insert(at);
                i += rest.chars().next().map_or(1, char::len_utf8);
                continue;
            }
            if let Some(sp) = c.pending_space.take()
                && !c.text.is_empty()
            {
                if sp == c.last_end && at == sp + 1 {
                    c.last_end = at;
                } else {
                    c.marks.push((c.text.len(), sp));
                    c.last_end = usize::MAX;
                }
                c.text.push(' ');
            }
            if c.marks.is_empty() || at != c.last_end {
                c.marks.push((c.text.len(), at));
            }
            c.text.push_str(&rest[..run]);
            c.last_end = at + run;
            i += run;
        }
    }

    proptest::proptest! {
        #[test]
        fn push_agrees_with_word_by_word(
            src in "[ab đ\t\u{3000}\u{2003}\n]{0,24}",
            cuts in proptest::collection::vec(0usize..24, 0..4),
        ) {
            let mut bounds: Vec<usize> = cuts
                .into_iter()
                .map(|c| c.min(src.len()))
                .filter(|&c| src.is_char_boundary(c))
                .collect();
            bounds.push(0);
            bounds.push(src.len());
            bounds.sort();
            let (mut fast, mut slow) = (Clean::default(), Clean::default());
            for w in bounds.windows(2) {
                fast.push(&src, w[0]..w[1]);
                push_by_word(&mut slow, &src, w[0]..w[1]);
            }
            proptest::prop_assert_eq!(&fast.text, &slow.text);
            proptest::prop_assert_eq!(&fast.marks, &slow.marks);
            proptest::prop_assert_eq!(fast.last_end, slow.last_end);
            proptest::prop_assert_eq!(fast.pending_space, slow.pending_space);
        }
    }

    #[test]
    fn clean_folds_space_and_maps_back() {
        let src = "  a  b\n c ";
        let mut c = Clean::default();
        c.push(src, 0..6);
        c.space(6);
        c.push(src, 7..src.len());
        assert_eq!(c.text, "a b c", "should fold white space and trim");
        assert_eq!(c.to_norm(4), 8, "should map `c` back to its source offset");
        assert_eq!(c.norm_range(2..3), 5..6);
    }

    #[test]
    fn first_character_and_runs_map_exactly() {
        let src = "đ) Nội dung";
        let mut c = Clean::default();
        c.push(src, 0..src.len());
        assert_eq!(
            c.full_norm_range(),
            0..src.len(),
            "should map from the first byte"
        );
        assert_eq!(c.marks.len(), 1, "should keep single spaces inside one run");
        let src = "a  b";
        let mut c = Clean::default();
        c.push(src, 0..src.len());
        assert_eq!(
            (c.text.as_str(), c.to_norm(2)),
            ("a b", 3),
            "should map past folded spaces"
        );
    }

    #[test]
    fn without_cuts_a_glued_marker() {
        let src = "Chính phủ1 cho các";
        let mut c = Clean::default();
        c.push(src, 0..src.len());
        let i = src.find('1').unwrap();
        let cut = c.without(i..i + 1);
        assert_eq!(cut.text, "Chính phủ cho các");
        assert_eq!(
            cut.to_norm(cut.text.find("cho").unwrap()),
            src.find("cho").unwrap()
        );
    }

    #[test]
    fn slice_keeps_map() {
        let src = "xx hello world";
        let mut c = Clean::default();
        c.push(src, 3..src.len());
        let s = c.slice(6..11);
        assert_eq!(s.text, "world");
        assert_eq!(s.full_norm_range(), 9..14);
    }
}
