//! Stage 1 – decode and normalise.
//!
//! Input bytes become `text`: UTF-8, Unicode NFC, line ends `\n`, no-break spaces as spaces,
//! zero-width characters and soft hyphens removed. Every edit is recorded in an [`OffsetMap`], the
//! only place that crosses from normalised offsets back to offsets of the original input.
//!
//! [`fold_key`] gives a string with exactly the bytes of a text but lower case and with tone
//! marks in the new placement (`uỷ`→`ủy`, `hoá`→`hóa`), so rules match every spelling and
//! positions found in the key are positions in the text.

mod legacy;

pub use legacy::LegacyEncoding;

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Why input could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Offset of the first byte that is neither UTF-8 nor a known legacy encoding.
    pub offset: usize,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "input is not UTF-8 nor a known Vietnamese legacy encoding (invalid byte at offset {})",
            self.offset
        )
    }
}

/// Decode bytes: UTF-8 with or without BOM, else a legacy Vietnamese encoding (with a diagnostic).
///
/// The returned string keeps a BOM if the input had one, so offsets stay those of the input.
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    diags: &mut Vec<Diagnostic>,
) -> Result<Cow<'a, str>, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) if e.error_len().is_none() => {
            // A character cut at the very end (a truncated file): keep what is whole, say so.
            let at = e.valid_up_to();
            diags.push(Diagnostic::warning(
                "truncated-input",
                format!(
                    "expected a complete UTF-8 character at the end, found {} stray byte(s)",
                    bytes.len() - at
                ),
                Some(Span::new(at, bytes.len())),
            ));
            Ok(String::from_utf8_lossy(&bytes[..at]))
        }
        Err(e) => {
            if let Some((text, enc)) = legacy::decode_legacy(bytes) {
                diags.push(Diagnostic::info(
                    "legacy-encoding-converted",
                    format!("input is not UTF-8; converted from {enc}, spans index the converted UTF-8 text"),
                    None,
                ));
                Ok(Cow::Owned(text))
            } else {
                Err(DecodeError {
                    offset: e.valid_up_to(),
                })
            }
        }
    }
}

/// One stretch of normalised text and the stretch of original input it came from.
#[derive(Clone, Copy, Debug)]
struct Piece {
    norm: usize,
    orig: usize,
    norm_len: usize,
    orig_len: usize,
}

/// Maps byte offsets of normalised text back to byte offsets of the original input.
///
/// Stretches copied unchanged map one to one; an edited stretch maps its start to the start of
/// what it replaced and any later offset inside it to that replacement's end.
#[derive(Clone, Debug, Default)]
pub(crate) struct OffsetMap {
    pieces: Vec<Piece>,
    identity: bool,
    orig_len: usize,
}

impl OffsetMap {
    /// The original offset of normalised offset `n`.
    pub(crate) fn to_original(&self, n: usize) -> usize {
        if self.identity {
            return n.min(self.orig_len);
        }
        let i = self.pieces.partition_point(|p| p.norm <= n);
        if i == 0 {
            return 0;
        }
        let p = self.pieces[i - 1];
        let d = n - p.norm;
        if p.norm_len == p.orig_len {
            p.orig + d.min(p.orig_len)
        } else if d == 0 {
            p.orig
        } else {
            p.orig + p.orig_len
        }
    }

    /// The original span of normalised range `[s, e)`.
    pub(crate) fn span(&self, s: usize, e: usize) -> Span {
        let a = self.to_original(s);
        Span::new(a, self.to_original(e).max(a))
    }
}

/// Decoded input after normalisation.
#[derive(Clone, Debug)]
pub(crate) struct Source<'a> {
    /// Normalised text: the input itself when it needs no edit.
    pub text: Cow<'a, str>,
    /// Normalised offsets → original offsets.
    pub map: OffsetMap,
}

/// Characters dropped from the text: BOM, zero-width spaces and joiners, soft hyphen.
fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{00AD}' | '\u{2060}'
    )
}

/// Characters replaced by a plain space.
fn is_space_like(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{3000}' | '\u{000B}' | '\u{000C}'
    )
}

impl<'a> Source<'a> {
    /// Normalise `original`; linear in its length.
    pub(crate) fn new(original: &'a str) -> Source<'a> {
        let (edits, plain) = survey(original);
        let needs_edit = edits || (!plain && is_nfc_quick(original.chars()) != IsNormalized::Yes);
        let (text, map) = if needs_edit {
            let (text, map) = normalise(original);
            (Cow::Owned(text), map)
        } else {
            (
                Cow::Borrowed(original),
                OffsetMap {
                    pieces: Vec::new(),
                    identity: true,
                    orig_len: original.len(),
                },
            )
        };
        Source { text, map }
    }
}

/// Whether `text` holds a character to edit (a CR, a dropped or a space-like character), and
/// whether all its characters are [`nfc_by_itself`].
fn survey(text: &str) -> (bool, bool) {
    let mut plain = true;
    for (_, c) in unusual(text) {
        if c == '\r' || is_dropped(c) || is_space_like(c) {
            return (true, plain);
        }
        plain &= nfc_by_itself(c);
    }
    (false, plain)
}

/// The characters of `text` but printable ASCII, with their byte offsets. Printable ASCII,
/// most of a Vietnamese text, is never edited and NFC by itself: it is skipped as bytes.
fn unusual(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while bytes.get(i).is_some_and(|b| matches!(b, b' '..=b'~')) {
            i += 1;
        }
        let c = text.get(i..)?.chars().next()?;
        let at = i;
        i += c.len_utf8();
        Some((at, c))
    })
}

/// A character NFC leaves as it is whatever surrounds it: below the combining marks (U+0300),
/// a precomposed letter of Latin Extended Additional (the Vietnamese letters with two marks),
/// or a dash, quote, ellipsis or currency sign (General Punctuation but its first spaces,
/// Currency Symbols). A text of such characters only is NFC without looking it up character by
/// character.
fn nfc_by_itself(c: char) -> bool {
    (c as u32) < 0x300
        || ('\u{1e00}'..='\u{1eff}').contains(&c)
        || ('\u{2010}'..='\u{206f}').contains(&c)
        || ('\u{20a0}'..='\u{20cf}').contains(&c)
}

/// Apply every edit, recording pieces. Lines that are already NFC are copied as they are.
fn normalise(original: &str) -> (String, OffsetMap) {
    let mut out = String::with_capacity(original.len());
    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |out: &mut String, orig: usize, orig_len: usize, s: &str| {
        let norm = out.len();
        out.push_str(s);
        match pieces.last_mut() {
            // Extend a run of unchanged text.
            Some(p)
                if p.norm_len == p.orig_len
                    && s.len() == orig_len
                    && p.orig + p.orig_len == orig
                    && p.norm + p.norm_len == norm =>
            {
                p.norm_len += s.len();
                p.orig_len += orig_len;
            }
            _ => pieces.push(Piece {
                norm,
                orig,
                norm_len: s.len(),
                orig_len,
            }),
        }
    };
    let mut start = 0;
    while start < original.len() {
        let rest = &original[start..];
        let line_len = rest
            .bytes()
            .position(|b| b == b'\r' || b == b'\n')
            .unwrap_or(rest.len());
        let line = &rest[..line_len];
        normalise_line(line, start, &mut out, &mut push);
        let at = start + line_len;
        if at >= original.len() {
            break;
        }
        if original[at..].starts_with("\r\n") {
            push(&mut out, at, 2, "\n");
            start = at + 2;
        } else {
            push(&mut out, at, 1, "\n");
            start = at + 1;
        }
    }
    let orig_len = original.len();
    (
        out,
        OffsetMap {
            pieces,
            identity: false,
            orig_len,
        },
    )
}

/// Normalise one line (no line ends inside) starting at original offset `base`.
fn normalise_line(
    line: &str,
    base: usize,
    out: &mut String,
    push: &mut impl FnMut(&mut String, usize, usize, &str),
) {
    let nfc = unusual(line).all(|(_, c)| nfc_by_itself(c))
        || is_nfc_quick(line.chars()) == IsNormalized::Yes;
    let mut run_start = 0;
    let mut buf = String::new();
    for (i, c) in unusual(line) {
        if is_dropped(c) || is_space_like(c) {
            if run_start < i {
                push_run(
                    &line[run_start..i],
                    base + run_start,
                    nfc,
                    out,
                    push,
                    &mut buf,
                );
            }
            push(
                out,
                base + i,
                c.len_utf8(),
                if is_space_like(c) { " " } else { "" },
            );
            run_start = i + c.len_utf8();
        }
    }
    if run_start < line.len() {
        push_run(
            &line[run_start..],
            base + run_start,
            nfc,
            out,
            push,
            &mut buf,
        );
    }
}

/// Copy a run of ordinary characters, composing it to NFC one base character at a time.
fn push_run(
    run: &str,
    base: usize,
    nfc: bool,
    out: &mut String,
    push: &mut impl FnMut(&mut String, usize, usize, &str),
    buf: &mut String,
) {
    if nfc {
        push(out, base, run.len(), run);
        return;
    }
    // Split before every starter so each cluster maps to its own original bytes.
    let mut cluster_start = 0;
    let mut iter = run.char_indices().peekable();
    while let Some((_, _)) = iter.next() {
        let next = iter.peek().map(|&(j, _)| j);
        let boundary = match next {
            None => true,
            Some(j) => {
                unicode_normalization::char::canonical_combining_class(
                    run[j..].chars().next().unwrap_or(' '),
                ) == 0
            }
        };
        if boundary {
            let end = next.unwrap_or(run.len());
            let cluster = &run[cluster_start..end];
            buf.clear();
            buf.extend(cluster.nfc());
            push(out, base + cluster_start, cluster.len(), buf.as_str());
            cluster_start = end;
        }
    }
}

/// Old tone placement → new: the toned vowel after `o`/`u` at a syllable end moves onto the
/// `o`/`u` ("hoá" → "hóa", "uỷ" → "ủy"). Each pair keeps its byte length.
pub(crate) fn tone_moved(base: char, toned: char) -> Option<(char, char)> {
    let (marked, plain) = match (base, toned) {
        ('o', 'à') => ('ò', 'a'),
        ('o', 'á') => ('ó', 'a'),
        ('o', 'ả') => ('ỏ', 'a'),
        ('o', 'ã') => ('õ', 'a'),
        ('o', 'ạ') => ('ọ', 'a'),
        ('o', 'è') => ('ò', 'e'),
        ('o', 'é') => ('ó', 'e'),
        ('o', 'ẻ') => ('ỏ', 'e'),
        ('o', 'ẽ') => ('õ', 'e'),
        ('o', 'ẹ') => ('ọ', 'e'),
        ('u', 'ỳ') => ('ù', 'y'),
        ('u', 'ý') => ('ú', 'y'),
        ('u', 'ỷ') => ('ủ', 'y'),
        ('u', 'ỹ') => ('ũ', 'y'),
        ('u', 'ỵ') => ('ụ', 'y'),
        _ => return None,
    };
    Some((marked, plain))
}

/// The matching key of `text`: the same byte length, lower case, tone marks in the new
/// placement. En and em dashes are kept (they differ in length); patterns accept `[-–—]`.
///
/// The text is copied and lower-cased as ASCII in bulk; then only its non-ASCII characters (a
/// third of a Vietnamese text's bytes, mostly letters already in lower case) are looked at, and
/// the few that change are overwritten in place, which every change can be as it keeps lengths.
pub(crate) fn fold_key(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut key = text.to_owned();
    key.make_ascii_lowercase();
    let mut i = 0;
    while let Some(p) = bytes[i..].iter().position(|b| !b.is_ascii()) {
        let at = i + p;
        let mut chars = text[at..].chars();
        let Some(c) = chars.next() else { break };
        i = at + c.len_utf8();
        let lower = lower_same_len(c);
        // A toned vowel after an "o"/"u" (always ASCII) moves its tone onto it, but only at a
        // syllable end ("hoàng", "hoàn" keep their spelling) and only if lengths stay ("uỳ",
        // "uỹ", "oẽ" would change length: ỳ is 3 bytes, ù 2).
        let base = at
            .checked_sub(1)
            .map(|b| char::from(bytes[b].to_ascii_lowercase()))
            .filter(char::is_ascii);
        if let Some((marked, plain)) = base.and_then(|b| tone_moved(b, lower))
            && marked.len_utf8() + plain.len_utf8() == 1 + c.len_utf8()
            && chars.next().is_none_or(|n| !is_letter(lower_same_len(n)))
        {
            let mut pair = [0; 8];
            let n = marked.encode_utf8(&mut pair).len();
            plain.encode_utf8(&mut pair[n..]);
            key.replace_range(at - 1..i, std::str::from_utf8(&pair[..n + 1]).unwrap_or(""));
        } else if lower != c {
            key.replace_range(at..i, lower.encode_utf8(&mut [0; 4]));
        }
    }
    debug_assert_eq!(key.len(), text.len());
    key
}

/// `c` in lower case when that has the same UTF-8 length, else `c`.
fn lower_same_len(c: char) -> char {
    let l = lower_char(c);
    if l.len_utf8() == c.len_utf8() { l } else { c }
}

/// `c` in lower case when that is one character, else `c`.
///
/// The letters of Vietnamese are looked up by their block's rule (upper and lower case side by
/// side) instead of the general Unicode table: matching keys are built for every line, often.
#[inline]
pub(crate) fn lower_char(c: char) -> char {
    let u = c as u32;
    let paired = |u: u32| char::from_u32(u | 1).unwrap_or(c);
    match u {
        0..=0x7f => c.to_ascii_lowercase(),
        // Latin-1 capitals À…Þ (× is not a letter).
        0xc0..=0xde if u != 0xd7 => char::from_u32(u + 0x20).unwrap_or(c),
        0xdf..=0xff => c,
        // Ă Đ Ĩ Ũ Ơ Ư: even capital, odd small.
        0x102 | 0x110 | 0x128 | 0x168 | 0x1a0 => paired(u),
        0x103 | 0x111 | 0x129 | 0x169 | 0x1a1 | 0x1b0 => c,
        0x1af => '\u{1b0}',
        // Latin Extended Additional (ạ…ỹ): pairs, capital first.
        0x1e00..=0x1e95 | 0x1ea0..=0x1eff => paired(u),
        0x300..=0x36f => c,
        _ => lower_char_by_table(c),
    }
}

/// [`lower_char`] for the characters outside its blocks, by the general Unicode table: kept
/// out of line so that the block rules inline where keys are built.
#[inline(never)]
fn lower_char_by_table(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Whether `c` is a letter, with the Latin blocks Vietnamese is written in answered first.
pub(crate) fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_alphabetic(),
        0xd7 | 0xf7 => false,
        0xc0..=0x24f | 0x1e00..=0x1eff => true,
        _ => c.is_alphabetic(),
    }
}

/// [`char::is_alphanumeric`] with Vietnamese letters decided by block (see [`is_letter`]).
pub(crate) fn is_alnum(c: char) -> bool {
    is_letter(c) || c.is_numeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_case_rules_agree_with_unicode() {
        for c in (0..0x2000u32)
            .chain(0x1e00..0x1f00)
            .filter_map(char::from_u32)
        {
            let mut l = c.to_lowercase();
            let expected = match (l.next(), l.next()) {
                (Some(x), None) => x,
                _ => c,
            };
            assert_eq!(lower_char(c), expected, "lower case of {c:?}");
            assert_eq!(is_letter(c), c.is_alphabetic(), "letter {c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "letter or digit {c:?}");
        }
    }

    #[test]
    fn characters_nfc_by_itself_pass_the_quick_check() {
        for c in (0..0x300u32)
            .chain(0x1e00..0x1f00)
            .chain(0x2010..0x2070)
            .chain(0x20a0..0x20d0)
            .filter_map(char::from_u32)
        {
            assert!(nfc_by_itself(c));
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?} should be a starter"
            );
            let pair = [c, 'a', c];
            assert_eq!(
                is_nfc_quick(pair.into_iter()),
                IsNormalized::Yes,
                "{c:?} should be NFC next to any such character"
            );
        }
        assert!(!nfc_by_itself('\u{301}'));
    }

    #[test]
    fn normalise_crlf_nfd_and_nbsp_keep_offsets() {
        let original = "A\r\nHo\u{0300}a\u{00A0}b";
        let src = Source::new(original);
        assert_eq!(
            src.text, "A\nHòa b",
            "should compose NFD and unify line ends and spaces"
        );
        let b = src.text.find('b').unwrap();
        assert_eq!(
            &original[src.map.to_original(b)..],
            "b",
            "should map back to the original byte"
        );
        let o = src.text.find('ò').unwrap();
        assert_eq!(
            src.map.span(o, o + 'ò'.len_utf8()).slice(original),
            "o\u{0300}"
        );
    }

    #[test]
    fn key_unifies_tone_placement_and_case() {
        assert_eq!(fold_key("Tỉnh Uỷ Hoá"), "tỉnh ủy hóa");
        assert_eq!(
            fold_key("Hoàng"),
            "hoàng",
            "should not move the tone inside a syllable"
        );
    }

    /// The rule of [`fold_key`] one character at a time, without its ASCII shortcut.
    fn fold_key_by_char(text: &str) -> String {
        let chars: Vec<char> = text.chars().map(lower_same_len).collect();
        let mut key = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let moved =
                chars.get(i + 1).and_then(|&n| {
                    let (m, p) = tone_moved(c, n)?;
                    let at_end = chars.get(i + 2).is_none_or(|&a| !is_letter(a));
                    (m.len_utf8() + p.len_utf8() == c.len_utf8() + n.len_utf8())
                        .then_some(if at_end { [m, p] } else { [c, n] })
                });
            match moved {
                Some(pair) => {
                    key.extend(pair);
                    i += 2;
                }
                None => {
                    key.push(c);
                    i += 1;
                }
            }
        }
        key
    }

    proptest::proptest! {
        #[test]
        fn key_shortcut_agrees_with_the_rule(
            s in "[oOuUaAyYàÀáảãạèéẻẽẹỳÝýỷỹỵĐđ ,ñ-]{0,24}"
        ) {
            proptest::prop_assert_eq!(fold_key(&s), fold_key_by_char(&s));
        }
    }

    #[test]
    fn decode_rejects_unknown_bytes_with_offset() {
        let mut d = Vec::new();
        let err = decode(b"ab\xff\xfe\x00", &mut d).unwrap_err();
        assert_eq!(err.offset, 2);
    }
}
