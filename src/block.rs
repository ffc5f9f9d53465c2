//! Stage 3 – what a paragraph starts with: a numbering marker, a bullet, or plain text.
//!
//! Numbering markers of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I;
//! Hướng dẫn 36-HD/VPTW for Party documents) and the ways exports write them:
//!
//! ```text
//! marker  = legal / roman / upper / dotted / arabic / letter / paren   (non-normative)
//! legal   = ("Điều" | "Chương" | "Phần" | "Mục") SP (digits | roman) ["." | ":"]
//! roman   = ("I" | "II" | … | "XXXIX") ("." | "-" | "–" | ")")
//! upper   = (A-Y but I, V, X, L) ("." | "-" | "–" | ")") SP capital   ; A. MỤC ĐÍCH  C- NHIỆM VỤ
//! dotted  = digits 1*("." digits) ["."]          ; 1.2.  1.2.1.
//! arabic  = digits ("." | ")" | "-" | "–")        ; 1.  2)  3-  (Party documents: I-, 1-, a-)
//! letter  = (a-z | đ) (")" | "-" | "–")           ; a)  đ)  b-
//! paren   = "(" digits ")"                        ; (1)
//! bullet  = "-" | "+" | "•" | "*" | "−" | "–"
//! ```
//!
//! A marker must be followed by white space or the end of the paragraph, so `30-KH/HU`,
//! `9001:2015` and `2020 (viết tắt …)` at a line start are not markers. Samples from the corpus:
//! `I- KẾT QUẢ THỰC HIỆN …`, `1.2.1. Cải cách hành chính trong Đảng`, `đ) Cải cách tài chính
//! công`, `(5) Giai đoạn 2022 - 2025, …`, `Điều 1. Ban hành kèm theo …`.

use nom::branch::alt;
use nom::bytes::complete::{take_while_m_n, take_while1};
use nom::character::complete::{anychar, char, one_of, space1};
use nom::combinator::{eof, map, opt, peek, recognize, verify};
use nom::multi::many1;
use nom::sequence::{pair, preceded, terminated};
use nom::{IResult, Parser};
use once_cell::sync::Lazy;

/// The numbering style of a marker; a style seen before closes back to its level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// Phần, Chương, Mục, Điều (each its own level).
    Legal(LegalUnit),
    /// A. B- … (capital letters other than the Roman numerals I, V, X, L): the parts of a
    /// Party plan ("A. MỤC ĐÍCH, YÊU CẦU", "B. NHIỆM VỤ").
    Upper,
    /// I. II- …
    Roman,
    /// 1.2. (depth 2), 1.2.1. (depth 3) …
    Dotted(u8),
    /// 1. 2) 3-
    Arabic,
    /// a) đ) b-
    Letter,
    /// (1)
    Paren,
}

/// Legal units, outermost first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LegalUnit {
    /// Phần
    Part,
    /// Chương
    Chapter,
    /// Mục
    Section,
    /// Điều
    Article,
}

/// A recognised marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Its style.
    pub style: Style,
    /// As written, e.g. "I-", "1.2.1.", "(1)", "Điều 1.".
    pub text: String,
    /// As used in section ids: without a trailing '.', ')' or '-' ("I", "1.2.1", "(1)", "Điều 1").
    pub id: String,
    /// Bytes of the paragraph taken by the marker and the white space after it.
    pub len: usize,
}

/// How deep dotted numbering may go; deeper numbers are read as plain text.
const DOTTED_DEPTH_MAX: usize = 6;

fn digits(i: &str) -> IResult<&str, &str> {
    take_while_m_n(1, 3, |c: char| c.is_ascii_digit()).parse(i)
}

fn roman(i: &str) -> IResult<&str, &str> {
    verify(
        take_while1(|c| matches!(c, 'I' | 'V' | 'X' | 'L')),
        |s: &str| roman_value(s).is_some(),
    )
    .parse(i)
}

/// Roman numeral symbols by value, largest first (subtractive pairs included).
const ROMAN: [(&str, u32); 7] = [
    ("L", 50),
    ("XL", 40),
    ("X", 10),
    ("IX", 9),
    ("V", 5),
    ("IV", 4),
    ("I", 1),
];

/// The value of a well-formed Roman numeral below [`ROMAN_MAX`], or `None` ("IIII", "VX").
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 8).then_some(())?;
    // Read by the table, largest symbol first, then check the spelling is the numeral's own.
    let (mut rest, mut n) = (s, 0);
    for (sym, val) in ROMAN {
        while let Some(r) = rest.strip_prefix(sym) {
            n += val;
            rest = r;
        }
    }
    (rest.is_empty() && (1..ROMAN_MAX).contains(&n) && to_roman(n) == s).then_some(n)
}

/// Section numbers in Roman numerals stay below this.
const ROMAN_MAX: u32 = 90;

fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (sym, val) in ROMAN {
        while n >= val {
            out.push_str(sym);
            n -= val;
        }
    }
    out
}

/// After a marker: white space, or the end of the paragraph.
fn gap(i: &str) -> IResult<&str, ()> {
    alt((map(space1, |_| ()), map(eof, |_| ()))).parse(i)
}

/// Legal unit words and ordinals from `grammars/legal_units.tsv`.
struct LegalWords {
    units: Vec<(LegalUnit, &'static str)>,
    /// Ordinal numbers in words ("thứ nhất"), lower case.
    ordinals: Vec<&'static str>,
}

static LEGAL_WORDS: Lazy<LegalWords> = Lazy::new(|| {
    let mut words = LegalWords {
        units: Vec::new(),
        ordinals: Vec::new(),
    };
    for r in crate::lexicon::rows(crate::grammar!("legal_units.tsv")) {
        let unit = match r[0] {
            "part" => LegalUnit::Part,
            "chapter" => LegalUnit::Chapter,
            "section" => LegalUnit::Section,
            "article" => LegalUnit::Article,
            "ordinal" => {
                words.ordinals.push(r[1]);
                continue;
            }
            other => panic!("grammars/legal_units.tsv: unknown unit {other:?}"),
        };
        words.units.push((unit, r[1]));
    }
    words
});

/// `word` at the start of `i` as written or in capitals ("Chương", "CHƯƠNG"); the rest.
fn word_in_case<'a>(i: &'a str, word: &str) -> Option<&'a str> {
    // Both spellings open with the word's first character, a capital.
    if i.chars().next() != word.chars().next() {
        return None;
    }
    if let Some(rest) = i.strip_prefix(word) {
        return Some(rest);
    }
    let mut rest = i;
    for w in word.chars() {
        let mut c = rest.chars();
        let got = c.next()?;
        if !w.to_uppercase().eq(std::iter::once(got)) {
            return None;
        }
        rest = c.as_str();
    }
    Some(rest)
}

/// One of the legal unit words.
fn legal_word(i: &str) -> IResult<&str, LegalUnit> {
    LEGAL_WORDS
        .units
        .iter()
        .find_map(|&(unit, word)| word_in_case(i, word).map(|rest| (rest, unit)))
        .ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))
}

/// An ordinal in words ("thứ nhất", "THỨ HAI"), then the end of the paragraph or a heading in
/// capitals, so that a sentence ("Phần thứ hai gồm …") is no marker.
fn ordinal(i: &str) -> IResult<&str, &str> {
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify));
    let rest = LEGAL_WORDS
        .ordinals
        .iter()
        .find_map(|o| {
            let n = i
                .char_indices()
                .nth(o.chars().count())
                .map_or(i.len(), |(k, _)| k);
            (i[..n].to_lowercase() == *o).then(|| &i[n..])
        })
        .ok_or_else(fail)?;
    let after = rest.trim_start_matches(['.', ':', '-', '–']).trim_start();
    let ends = after.is_empty() || after.starts_with(char::is_uppercase);
    if !ends || rest.starts_with(|c: char| c.is_alphanumeric()) {
        return Err(fail());
    }
    Ok((rest, &i[..i.len() - rest.len()]))
}

fn legal(i: &str) -> IResult<&str, (Style, &str)> {
    let number = |i| alt((digits, roman, ordinal)).parse(i);
    let (rest, u) = terminated(legal_word, peek((space1, number))).parse(i)?;
    let (rest, _) = (space1, number, opt(one_of(".:"))).parse(rest)?;
    let len = i.len() - rest.len();
    Ok((rest, (Style::Legal(u), &i[..len])))
}

fn roman_marker(i: &str) -> IResult<&str, (Style, &str)> {
    map(recognize(pair(roman, one_of(".-–)"))), |t| {
        (Style::Roman, t)
    })
    .parse(i)
}

/// A capital letter, then ".", "-" or ")", then a capital: "B. MỤC TIÊU", "C- Nhiệm vụ". The
/// capital after it keeps out a sentence that opens with an initial.
fn upper(i: &str) -> IResult<&str, (Style, &str)> {
    let letter = one_of("ABCDĐEGHKMNOPQRSTUY");
    let (rest, t) = recognize(pair(letter, one_of(".-–)"))).parse(i)?;
    let (_, next) = preceded(space1, nom::character::complete::anychar).parse(rest)?;
    if !next.is_uppercase() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, (Style::Upper, t)))
}

fn dotted(i: &str) -> IResult<&str, (Style, &str)> {
    let (rest, t) =
        recognize((digits, many1(preceded(char('.'), digits)), opt(char('.')))).parse(i)?;
    let parts: Vec<&str> = t.trim_end_matches('.').split('.').collect();
    let depth = parts.len();
    // Section numbers count from 1: "4.0", "2.05" are decimals, not markers.
    if depth > DOTTED_DEPTH_MAX || parts.iter().any(|p| p.starts_with('0')) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, (Style::Dotted(depth as u8), t)))
}

fn arabic(i: &str) -> IResult<&str, (Style, &str)> {
    map(recognize(pair(digits, one_of(".)-–"))), |t| {
        (Style::Arabic, t)
    })
    .parse(i)
}

/// A small letter, then ")", "-" or "–" ("a)", "b-"), or "." before a capital ("a. Triển
/// khai", as web exports write it; the capital keeps out "v.v.").
fn letter(i: &str) -> IResult<&str, (Style, &str)> {
    let letter = || one_of("abcdđeghiklmnopqrstuvxyf");
    let closed = recognize(pair(letter(), one_of(")-–")));
    let dotted = recognize(terminated(
        pair(letter(), char('.')),
        peek(preceded(space1, verify(anychar, |c| c.is_uppercase()))),
    ));
    map(alt((closed, dotted)), |t| (Style::Letter, t)).parse(i)
}

fn paren(i: &str) -> IResult<&str, (Style, &str)> {
    map(recognize((char('('), digits, char(')'))), |t| {
        (Style::Paren, t)
    })
    .parse(i)
}

fn marker(i: &str) -> IResult<&str, (Style, &str)> {
    terminated(
        alt((legal, roman_marker, upper, dotted, arabic, letter, paren)),
        peek(gap),
    )
    .parse(i)
}

/// Whether `text` may open with a marker: a digit or "(", a Roman numeral, a letter and the
/// punctuation after it, or a legal unit word. Most paragraphs open with a word, which is turned
/// down here before every parser of [`marker`] is tried.
fn may_open_marker(text: &str) -> bool {
    let mut cs = text.chars();
    let Some(first) = cs.next() else {
        return false;
    };
    first.is_ascii_digit()
        || matches!(first, '(' | 'I' | 'V' | 'X' | 'L')
        || matches!(cs.next(), Some('.' | '-' | '–' | ')'))
        || legal_word(text).is_ok()
}

/// The numbering marker at the start of `text`, if any.
pub(crate) fn scan_marker(text: &str) -> Option<Marker> {
    if !may_open_marker(text) {
        return None;
    }
    let (rest, (style, written)) = marker(text).ok()?;
    let after = rest.len() - rest.trim_start().len();
    let id = match style {
        Style::Paren => written.to_owned(),
        Style::Legal(_) => written.trim_end_matches(['.', ':']).to_owned(),
        _ => written.trim_end_matches(['.', ')', '-', '–']).to_owned(),
    };
    Some(Marker {
        style,
        text: written.to_owned(),
        id,
        len: text.len() - rest.len() + after,
    })
}

/// Bytes taken by a leading bullet (`-`, `+`, `•`, `*`, `−`, `–`) and the space after it.
///
/// A dash glued to what follows (`-100% văn bản`) is a bullet too; `--` and `->` are not.
pub(crate) fn scan_bullet(text: &str) -> Option<usize> {
    let c = text.chars().next()?;
    if !matches!(c, '-' | '+' | '•' | '*' | '−' | '–' | '·' | '▪' | '◦') {
        return None;
    }
    let rest = &text[c.len_utf8()..];
    let next = rest.chars().next();
    match next {
        None => Some(c.len_utf8()),
        Some(n) if n.is_whitespace() => Some(c.len_utf8() + rest.len() - rest.trim_start().len()),
        Some(n) if crate::source::is_alnum(n) => Some(c.len_utf8()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Option<(Style, String)> {
        scan_marker(s).map(|m| (m.style, m.id))
    }

    proptest::proptest! {
        /// The quick test turns down no text a marker parser reads.
        #[test]
        fn quick_test_keeps_every_marker(
            text in "[IVXLCabcdđABĐMPĐ0-9().:–\\- ]{0,3}(Phần|Chương|Mục|Điều|Điểm|Ix)?[ 0-9IVX.)–-]{0,4}",
        ) {
            proptest::prop_assert!(marker(&text).is_err() || may_open_marker(&text), "{text:?}");
        }
    }

    #[test]
    fn legal_units_in_capitals_and_parts_in_words() {
        let part = Style::Legal(LegalUnit::Part);
        assert_eq!(m("Phần thứ nhất"), Some((part, "Phần thứ nhất".into())));
        assert_eq!(
            m("PHẦN THỨ HAI. NHIỆM VỤ"),
            Some((part, "PHẦN THỨ HAI".into()))
        );
        assert_eq!(
            m("CHƯƠNG II"),
            Some((Style::Legal(LegalUnit::Chapter), "CHƯƠNG II".into()))
        );
        // A sentence, and a kind line, are no markers.
        assert_eq!(m("Phần thứ hai gồm các nhiệm vụ"), None);
        assert_eq!(m("CHƯƠNG TRÌNH HÀNH ĐỘNG"), None);
    }

    #[test]
    fn markers_of_every_style() {
        assert_eq!(m("I- KẾT QUẢ"), Some((Style::Roman, "I".into())));
        assert_eq!(m("IV. Tổ chức"), Some((Style::Roman, "IV".into())));
        assert_eq!(
            m("1.2.1. Cải cách"),
            Some((Style::Dotted(3), "1.2.1".into()))
        );
        assert_eq!(m("1.1 Mục tiêu"), Some((Style::Dotted(2), "1.1".into())));
        assert_eq!(m("3. Chỉ tiêu"), Some((Style::Arabic, "3".into())));
        assert_eq!(m("đ) Cải cách"), Some((Style::Letter, "đ".into())));
        assert_eq!(m("2- Mục tiêu"), Some((Style::Arabic, "2".into())));
        assert_eq!(m("b- Ủy ban"), Some((Style::Letter, "b".into())));
        assert_eq!(m("a. Triển khai"), Some((Style::Letter, "a".into())));
        assert_eq!(m("v.v. và các"), None);
        assert_eq!(m("(12) Mức độ"), Some((Style::Paren, "(12)".into())));
        assert_eq!(m("B. MỤC TIÊU"), Some((Style::Upper, "B".into())));
        assert_eq!(m("Đ- Nhiệm vụ"), Some((Style::Upper, "Đ".into())));
        assert_eq!(
            m("Điều 1. Ban hành"),
            Some((Style::Legal(LegalUnit::Article), "Điều 1".into()))
        );
        assert_eq!(
            m("8."),
            Some((Style::Arabic, "8".into())),
            "should support a marker alone"
        );
    }

    #[test]
    fn wrapped_numbers_are_not_markers() {
        for s in [
            "30-KH/HU ngày 15/02/2017",
            "9001:2015 trên",
            "2020 (viết tắt",
            "4 trên tổng số",
            "4.0 theo",
            "IIV. x",
            "Cơ quan",
            "C, PC Văn phòng",
            "2-3 năm",
            "a-b",
            "C. trong",
            "A.B. Nguyễn",
        ] {
            assert_eq!(m(s), None, "should not support {s:?} as a marker");
        }
    }

    #[test]
    fn bullets() {
        assert_eq!(scan_bullet("- Chủ trì"), Some(2));
        assert_eq!(
            scan_bullet("-100% văn bản"),
            Some(1),
            "should support a dash glued to a number"
        );
        assert_eq!(scan_bullet("+ Tiếp tục"), Some(2));
        assert_eq!(scan_bullet("Chủ trì"), None);
        assert_eq!(scan_bullet("--"), None);
    }

    #[test]
    fn roman_values() {
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("VX"), None);
    }

    #[test]
    fn roman_values_are_the_numerals_spelled() {
        // Every string of the symbols up to six long: a value exactly when it is how
        // `to_roman` spells one.
        let mut all = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = all
                .iter()
                .flat_map(|s| ["I", "V", "X", "L", "C"].map(|c| format!("{s}{c}")))
                .collect();
            for s in &longer {
                let spelled = (1..ROMAN_MAX).find(|&n| to_roman(n) == *s);
                assert_eq!(roman_value(s), spelled, "{s}");
            }
            all = longer;
        }
    }
}
