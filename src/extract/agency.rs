//! Agencies (Ủy ban nhân dân thị xã, Phòng Nội vụ, Ban Tuyên giáo Tỉnh ủy, …).
//!
//! # Where they occur
//! Everywhere: the issuer block ("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"), the preamble ("Theo đề nghị của
//! Trưởng phòng Nội vụ"), the body ("báo cáo UBND thị xã (qua phòng Nội vụ)"), the "Tổ chức thực
//! hiện" part that assigns duties ("5. Ban Tuyên giáo Thị ủy hướng dẫn …"), headings of duty lists
//! ("1. Phòng Nội vụ:", "2. Sở Khoa học và Công nghệ") and the recipients ("- TT HĐND, UBND,
//! UBMTTQVN thị xã,").
//!
//! # Grammar (non-normative)
//! Vietnamese agency names are built from the general to the particular (Nghị định 30/2020/NĐ-CP
//! on văn thư, Phụ lục I: the type of body, then its function or field with each component
//! capitalised, then the place), so they are read by grammar, not from a list of names:
//!
//! ```text
//! mention    := title (agency | collective) | agency | collective
//! agency     := head name? (owner | level | place)?
//! name       := component ((","|"và"|"-"|"&") component)*      Khoa học và Công nghệ
//! owner      := agency ("-"|"&"|"và" agency)?                   Ban Tuyên giáo Thị ủy; Văn phòng HĐND-UBND thị xã
//! level      := "các cấp" | "các"? item ((","|"và") item)* ("trực thuộc trung ương")? place?
//! item       := "cấp"? locality                                 thị xã; cấp xã; các xã, phường
//! collective := ("các"|"những") plural ((","|"và") plural)* (level | qualifier | owner)?
//!               — only when a function word, a role word, punctuation or another agency follows
//! title      := Chủ tịch | Thủ trưởng | Trưởng | Giám đốc | Bộ trưởng | Người đứng đầu | …
//! ```
//!
//! What each head allows after it (a name, an owner, a level, a place) and needs, and how it may be
//! written (any case; lower case only with a name: "phòng Nội vụ"; capitalised only: "Chính phủ"),
//! is data in `grammars/agency_heads.tsv`; name components and the words that never name an agency
//! in `grammars/agency_names.tsv`; levels in `grammars/agency_levels.tsv`; abbreviations (UBND,
//! HĐND, MTTQ, TT, VH&TT, …) in `grammars/abbreviations.tsv`.
//!
//! Real lines read by these rules:
//! - "Giao phòng Nội vụ chủ trì, phối hợp với Văn phòng HĐND-UBND thị xã hướng dẫn" → Phòng Nội vụ;
//!   Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã
//! - "Trung tâm VH,TT&TT thị xã chủ trì" → Trung tâm Văn hóa, Thông tin và Thể thao thị xã
//! - "Đảng đoàn Hội đồng nhân dân tỉnh chỉ đạo" → Đảng đoàn Hội đồng nhân dân tỉnh
//! - "1. Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND các xã, phường" → Thủ trưởng các sở,
//!   ban, ngành tỉnh; Chủ tịch Ủy ban nhân dân các xã, phường
//! - "Các bộ, cơ quan ngang bộ" (a task-table cell) → Các bộ, cơ quan ngang bộ
//!
//! # Choices
//! - Canonical names expand abbreviations, use new-style tone marks ("Ủy", "hóa") and capitalise
//!   the head ("phòng Nội vụ" → "Phòng Nội vụ") except after a title ("Trưởng phòng Nội vụ").
//!   Levels are written in lower case, places as written (all-capital places in title case).
//! - A person title stands for its office when an agency follows it ("Chủ tịch UBND các xã,
//!   phường"); the title is kept in the name, since the duty is addressed to the office holder.
//! - Plural collectives ("các cơ quan, đơn vị", "các sở, ban, ngành tỉnh") are agencies: plans assign
//!   duties to them. A collective followed by more of a noun phrase is not: "các cơ quan hành chính
//!   nhà nước các cấp" names a class of bodies, not addressees, and stays unread.
//! - Not agencies: programme acronyms (CCHC, TTHC, QPPL are not in the abbreviation list), "Nhà
//!   nước", "Đảng", "Nhân dân" alone, look-alikes listed as `not` ("Bộ chỉ số", "Bộ phận Một cửa",
//!   "cơ sở", "Chính phủ số"), portals ("Cổng Dịch vụ công quốc gia" has no agency head), and anything
//!   inside a document code ("1406/QĐ-UBND").
//!
//! # References
//! - Nghị định 30/2020/NĐ-CP về công tác văn thư, Phụ lục I (viết hoa tên cơ quan, tổ chức) and
//!   Phụ lục III (chữ viết tắt tên cơ quan, tổ chức).
//! - Quy định 66-QĐ/TW (2017) and Hướng dẫn 36-HD/VPTW (2018) on the format of party documents.
//! - Luật Tổ chức chính quyền địa phương (levels tỉnh, huyện, xã and their bodies).

use crate::lexicon::{Table, rows};
use crate::model::Agency;
use crate::source::{is_alnum, is_letter, lower_char};
use crate::span::Span;
use crate::text::{space_len, utf8_len};
use once_cell::sync::Lazy;
use std::borrow::Cow;
use std::collections::HashMap;

/// One agency named in a text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct AgencyMention {
    /// Byte range into the text searched.
    pub span: Span,
    /// Canonical name, abbreviations expanded.
    pub name: String,
    /// As written.
    pub surface: String,
}

/// Every agency named in `text`, left to right.
pub(crate) fn find_agencies(text: &str) -> Vec<AgencyMention> {
    let toks = tokenize(text);
    mentions(text, &toks, scan(&toks))
}

/// The mentions of names `found` in `toks`, the tokens of `text`.
pub(crate) fn mentions(text: &str, toks: &[Tok], found: Vec<Found>) -> Vec<AgencyMention> {
    found
        .into_iter()
        .map(|f| {
            let span = Span::new(toks[f.a].s, toks[f.b - 1].e);
            AgencyMention {
                span,
                name: f.name,
                surface: span.slice(text).to_owned(),
            }
        })
        .collect()
}

/// De-duplicate mentions into the document's agency list (first-seen order).
pub(crate) fn aggregate(mentions: &[AgencyMention]) -> Vec<Agency> {
    let mut out: Vec<Agency> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for m in mentions {
        let surface = m.surface.split_whitespace().collect::<Vec<_>>().join(" ");
        let k = *index.entry(name_key(&m.name)).or_insert_with(|| {
            out.push(Agency {
                name: m.name.clone(),
                aliases: Vec::new(),
                mentions: 0,
            });
            out.len() - 1
        });
        let a = &mut out[k];
        a.mentions += 1;
        if !surface.is_empty() && surface != a.name && !a.aliases.contains(&surface) {
            a.aliases.push(surface);
        }
    }
    out
}

/// The canonical agency, or the agencies joined by "; ", that a short heading consists of
/// ("1. Phòng Nội vụ:", "Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND các xã, phường");
/// `None` when the heading is about something else ("Cải cách thể chế", "Tổ chức thực hiện").
///
/// At least 70% of the heading's written words must lie inside agency mentions (or be "và").
pub(crate) fn heading_agency(heading: &str) -> Option<String> {
    let toks = tokenize(heading);
    let first = first_content(&toks);
    let found = scan(&toks);
    let counts = |t: &Tok| t.word && t.counts;
    let words = toks[first..].iter().filter(|t| counts(t)).count();
    if found.is_empty() || words == 0 || words > 40 {
        return None;
    }
    let mut inside = vec![false; toks.len()];
    for f in &found {
        inside[f.a..f.b].iter_mut().for_each(|x| *x = true);
    }
    let covered = (first..toks.len())
        .filter(|&k| counts(&toks[k]) && (inside[k] || toks[k].fold == "và"))
        .count();
    if covered * 10 < words * 7 {
        return None;
    }
    // "Ban cán sự đảng UBND tỉnh chỉ đạo UBND tỉnh:" — the duties below are those of the agencies
    // after the verb.
    use crate::extract::task::{Role, role_at};
    let verb = (first..toks.len())
        .filter(|&k| !inside[k] && role_at(&toks, k, &[Role::Duty, Role::Assign]).is_some())
        .rfind(|&k| found.iter().any(|f| f.a > k));
    let mut names: Vec<String> = Vec::new();
    for f in found.into_iter().filter(|f| verb.is_none_or(|v| f.a > v)) {
        if !names.contains(&f.name) {
            names.push(f.name);
        }
    }
    Some(names.join("; "))
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// A word or punctuation mark of a paragraph; abbreviations become the words they stand for.
///
/// `fold` and `disp` borrow from the text (or the abbreviation table) whenever folding leaves a
/// word as written, which is most words: a paragraph's tokens then cost no allocation per word.
#[derive(Clone, Debug)]
pub(crate) struct Tok<'a> {
    /// Byte start in the text (of the whole abbreviation for an expanded word).
    pub s: usize,
    /// Byte end in the text.
    pub e: usize,
    /// Lower case, new-style tone marks, dashes as "-": what rules match.
    pub fold: Cow<'a, str>,
    /// As written with new-style tone marks (or the expansion's word): what names show.
    pub disp: Cow<'a, str>,
    /// A word (letters, digits, or an opaque document code), not punctuation.
    pub word: bool,
    /// Written with a capital first letter.
    pub cap: bool,
    /// Part of an expanded abbreviation.
    pub abbr: bool,
    /// Counts as one written word (false for the later words of an expansion and punctuation).
    pub counts: bool,
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‐' | '‑' | '−')
}

fn is_word_char(c: char) -> bool {
    is_letter(c) || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Byte length of the run of word characters (letters and combining marks) `s` starts with, and
/// whether [`keeps_case`] holds for the run (found on the way: most words need no folding).
fn word_len(s: &str) -> (usize, bool) {
    let b = s.as_bytes();
    let mut i = 0;
    let mut kept = true;
    while i < b.len() {
        if b[i].is_ascii() {
            if !b[i].is_ascii_alphabetic() {
                break;
            }
            kept &= !b[i].is_ascii_uppercase();
            i += 1;
            continue;
        }
        match s[i..].chars().next() {
            Some(c) if is_word_char(c) => {
                kept &= keeps_char(c);
                i += c.len_utf8();
            }
            _ => break,
        }
    }
    (i, kept)
}

/// One word (a syllable) in lower case with new-style tone marks; the Icelandic Ð some fonts use
/// for Đ is read as Đ. Keeps the number of characters. "qu" + toned "y" is left alone ("quý").
fn fold_word(w: &str) -> Cow<'_, str> {
    fold_cased(w, keeps_case(w))
}

/// [`fold_word`] of a word whose [`keeps_case`] is known.
fn fold_cased(w: &str, kept_case: bool) -> Cow<'_, str> {
    if kept_case && keeps_tone(w) {
        return Cow::Borrowed(w);
    }
    let mut out: String = w
        .chars()
        .map(|c| match lower_char(c) {
            'ð' => 'đ',
            x => x,
        })
        .collect();
    // The last two letters, unless they follow "q" ("quý" keeps its tone on "y").
    let mut rev = out.char_indices().rev();
    if let (Some((_, b)), Some((j, a))) = (rev.next(), rev.next())
        && rev.next().is_none_or(|(_, q)| !(q == 'q' && a == 'u'))
        && let Some((m, p)) = crate::source::tone_moved(a, b)
    {
        out.truncate(j);
        out.push(m);
        out.push(p);
    }
    Cow::Owned(out)
}

/// Whether folding leaves the case of `w` as written: no capital, no Ð. Most words are lower-case
/// ASCII but for one letter, so ASCII bytes are tested as bytes.
fn keeps_case(w: &str) -> bool {
    let b = w.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii() {
            if b[i].is_ascii_uppercase() {
                return false;
            }
            i += 1;
            continue;
        }
        let Some(c) = w[i..].chars().next() else {
            break;
        };
        if !keeps_char(c) {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

/// Whether folding leaves the non-ASCII character `c` as it is.
fn keeps_char(c: char) -> bool {
    lower_char(c) == c && c != 'ð'
}

/// Whether `w` has no old-style tone mark at its end.
fn keeps_tone(w: &str) -> bool {
    // A tone mark moves only onto an ASCII "o"/"u" from a toned vowel after it.
    if w.as_bytes().last().is_none_or(u8::is_ascii) {
        return true;
    }
    let mut rev = w.chars().rev();
    !matches!((rev.next(), rev.next()), (Some(t), Some(a)) if crate::source::tone_moved(a, t).is_some())
}

/// The de-duplication key of a name: its words folded, single-spaced.
fn name_key(name: &str) -> String {
    tokenize_with(name, false)
        .into_iter()
        .map(|t| t.fold)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `w` with new-style tone marks, case kept ("Huyện uỷ" → "Huyện ủy", "Văn hoá" → "Văn hóa").
pub(crate) fn retone(w: &str) -> String {
    retone_from(w, &fold_word(w)).into_owned()
}

/// [`retone`] with the folded word at hand (one character of `fold` per character of `w`).
fn retone_from<'a>(w: &'a str, fold: &str) -> Cow<'a, str> {
    // A character is kept when folding left it, or lower-cased a capital that comes back.
    let kept = |(o, n): (char, char)| {
        o == n
            || (o.is_uppercase() && {
                let mut u = n.to_uppercase();
                u.next() == Some(o) && u.next().is_none()
            })
    };
    if w.is_ascii() || w.chars().zip(fold.chars()).all(kept) {
        return Cow::Borrowed(w);
    }
    let mut out = String::with_capacity(w.len());
    for (o, n) in w.chars().zip(fold.chars()) {
        if o.is_uppercase() {
            out.extend(n.to_uppercase());
        } else {
            out.push(n);
        }
    }
    Cow::Owned(out)
}

/// A whitespace-free run that is a document code or a number range ("1406/QĐ-UBND", "NQ/TW",
/// "2021-2025"): read as one opaque word so nothing inside it is taken for an agency.
fn is_code(c: &str) -> bool {
    if !marked(c) || !c.contains(|ch: char| ch == '/' || is_dash(ch)) {
        return false;
    }
    let digit = c.chars().any(char::is_numeric);
    let mut w = c.chars();
    let (mut a, mut b) = (w.next(), w.next());
    for z in w {
        if let (Some(x), Some(y)) = (a, b)
            && is_alnum(x)
            && is_alnum(z)
            && (y == '/' || (digit && is_dash(y)))
        {
            return true;
        }
        (a, b) = (b, Some(z));
    }
    false
}

/// One abbreviation and the tokens of its expansion (spans filled in when used).
struct Abbr {
    key: String,
    expansion: Vec<Tok<'static>>,
}

/// Abbreviations, longest first, and their indices by first character.
struct AbbrTable {
    list: Vec<Abbr>,
    by_first: Table<char, Vec<usize>>,
    /// The ASCII characters an abbreviation starts with, one bit each: a word starting with
    /// another ASCII character (most words) is turned down without a lookup.
    ascii_first: u128,
}

static ABBRS: Lazy<AbbrTable> = Lazy::new(|| {
    let mut list: Vec<Abbr> = Vec::new();
    for r in rows(crate::grammar!("abbreviations.tsv")) {
        // Abbreviations are read inside whitespace-free runs: one with white space never stands.
        if r[0].is_empty() || r[1].is_empty() || r[0].contains(char::is_whitespace) {
            continue;
        }
        let expansion = tokenize_with(r[1], false);
        list.push(Abbr {
            key: r[0].to_owned(),
            expansion: expansion.clone(),
        });
        if r[0].contains('Đ') {
            list.push(Abbr {
                key: r[0].replace('Đ', "Ð"),
                expansion,
            });
        }
    }
    list.sort_by_key(|a| std::cmp::Reverse(a.key.len()));
    let mut by_first: Table<char, Vec<usize>> = Table::default();
    let mut ascii_first = 0;
    for (i, a) in list.iter().enumerate() {
        if let Some(c) = a.key.chars().next() {
            by_first.entry(c).or_default().push(i);
            if c.is_ascii() {
                ascii_first |= 1u128 << (c as u32);
            }
        }
    }
    AbbrTable {
        list,
        by_first,
        ascii_first,
    }
});

/// The abbreviation `rest` starts with, ending at a non-alphanumeric character.
fn match_abbr(rest: &str) -> Option<usize> {
    let AbbrTable {
        list,
        by_first,
        ascii_first,
    } = &*ABBRS;
    let c = rest.chars().next()?;
    if c.is_ascii() && ascii_first & (1u128 << (c as u32)) == 0 {
        return None;
    }
    by_first.get(&c)?.iter().copied().find(|&i| {
        let k = &list[i].key;
        rest.starts_with(k.as_str()) && rest[k.len()..].chars().next().is_none_or(|c| !is_alnum(c))
    })
}

/// Tokens of `text` with abbreviations expanded.
pub(crate) fn tokenize(text: &str) -> Vec<Tok<'_>> {
    tokenize_with(text, true)
}

fn tokenize_with(text: &str, expand: bool) -> Vec<Tok<'_>> {
    // About one token per five bytes: room for most paragraphs without growing.
    let mut out: Vec<Tok<'_>> = Vec::with_capacity(text.len() / 5 + 1);
    // (first token, end token, abbreviation) of every expansion, for the tail check below.
    let mut groups: Vec<(usize, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let space = space_len(text, i);
        if space > 0 {
            i += space;
            continue;
        }
        i = compound(text, i, expand, &mut out, &mut groups);
    }
    if groups.is_empty() {
        return out;
    }
    // "UB MTTQ Việt Nam": the words after an expansion that repeat its tail are part of it.
    let list = &ABBRS.list;
    let mut drop = vec![false; out.len()];
    for &(g0, g1, ai) in &groups {
        let exp = &list[ai].expansion;
        for m in (1..=3.min(exp.len()).min(g1 - g0)).rev() {
            let tail = &exp[exp.len() - m..];
            let next = out.get(g1..g1 + m);
            if next.is_some_and(|n| {
                n.iter()
                    .zip(tail)
                    .all(|(t, x)| t.word && !t.abbr && t.fold == x.fold)
            }) {
                let end = out[g1 + m - 1].e;
                out[g1 - 1].e = end;
                drop[g1..g1 + m].iter_mut().for_each(|d| *d = true);
                break;
            }
        }
    }
    out.into_iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(t, _)| t)
        .collect()
}

/// Whether `s` has a "/" or a dash, which a document code has ([`is_code`]); every dash but "-"
/// is written with a leading byte 0xE2.
fn marked(s: &str) -> bool {
    s.bytes().any(|b| matches!(b, b'/' | b'-' | 0xe2))
}

/// Tokens of the whitespace-free run that starts at byte `s` of `text`; the run's end.
///
/// The run is read piece by piece as it is found. A run that is a document code is one token,
/// which is known only at its first "/" or dash: the tokens read before are then taken back.
fn compound<'a>(
    text: &'a str,
    s: usize,
    expand: bool,
    out: &mut Vec<Tok<'a>>,
    groups: &mut Vec<(usize, usize, usize)>,
) -> usize {
    // What taking back restores: an abbreviation may extend the token before the run.
    let undo = (out.len(), groups.len(), out.last().map(|t| t.e));
    let mut code_asked = false;
    let mut p = s;
    while p < text.len() {
        let rest = &text[p..];
        let Some(ch) = rest.chars().next() else { break };
        let after_alnum = || text[s..p].chars().next_back().is_some_and(is_alnum);
        let letter = is_word_char(ch);
        // An abbreviation starts with a letter (not a combining mark, which no key starts with).
        if expand
            && letter
            && !after_alnum()
            && let Some(ai) = match_abbr(rest)
        {
            let key = &ABBRS.list[ai].key;
            if !code_asked && marked(key) {
                code_asked = true;
                if let Some(e) = code_run(text, s, p, undo, out, groups) {
                    return e;
                }
            }
            push_abbr(p, p + key.len(), ai, out, groups);
            p += key.len();
            continue;
        }
        if !letter && !ch.is_numeric() {
            if space_len(text, p) > 0 {
                break;
            }
            if !code_asked && marked(&rest[..ch.len_utf8()]) {
                code_asked = true;
                if let Some(e) = code_run(text, s, p, undo, out, groups) {
                    return e;
                }
            }
        }
        let (len, kept_case) = if letter {
            word_len(rest)
        } else if ch.is_numeric() {
            let len = rest
                .char_indices()
                .find(|&(_, c)| !c.is_numeric())
                .map_or(rest.len(), |(i, _)| i);
            (len, keeps_case(&rest[..len]))
        } else {
            (ch.len_utf8(), true)
        };
        let w = &rest[..len];
        let word = letter || ch.is_numeric();
        let (fold, disp) = if word {
            let fold = fold_cased(w, kept_case);
            // A word folding leaves as written needs no new tone marks either.
            let disp = match &fold {
                Cow::Borrowed(_) => Cow::Borrowed(w),
                Cow::Owned(f) => retone_from(w, f),
            };
            (fold, disp)
        } else if is_dash(ch) {
            (Cow::Borrowed("-"), Cow::Borrowed(w))
        } else {
            (Cow::Borrowed(w), Cow::Borrowed(w))
        };
        let tok = Tok {
            s: p,
            e: p + len,
            fold,
            disp,
            word,
            cap: ch.is_uppercase(),
            abbr: false,
            counts: word,
        };
        out.push(tok);
        p += len;
    }
    p
}

/// When the whitespace-free run `text[s..]` is a document code, its end: the tokens read from it
/// up to `p` are taken back (to the state `undo` recorded at its start) and the run is one token.
fn code_run<'a>(
    text: &'a str,
    s: usize,
    p: usize,
    undo: (usize, usize, Option<usize>),
    out: &mut Vec<Tok<'a>>,
    groups: &mut Vec<(usize, usize, usize)>,
) -> Option<usize> {
    let mut e = p;
    while e < text.len() && space_len(text, e) == 0 {
        e += utf8_len(text.as_bytes()[e]);
    }
    let run = &text[s..e];
    if !is_code(run) {
        return None;
    }
    let (n0, g0, e0) = undo;
    out.truncate(n0);
    groups.truncate(g0);
    if let (Some(e0), Some(last)) = (e0, out.last_mut()) {
        last.e = e0;
    }
    out.push(Tok {
        s,
        e,
        fold: fold_word(run),
        disp: Cow::Borrowed(run),
        word: true,
        cap: false,
        abbr: false,
        counts: true,
    });
    Some(e)
}

/// The agency head that opens `text` as the lexicon writes it, its length in words, and
/// whether a name follows it: "sở nội vụ tỉnh …" → ("Sở", 1, true), "ban chấp hành đảng bộ
/// tỉnh …" → ("Ban Chấp hành Đảng bộ", 4, false). For names written in capitals.
pub(crate) fn opening_head(text: &str) -> Option<(&'static str, usize, bool)> {
    let toks = tokenize(text);
    let heads: &'static Phrases<HeadRow> = &HEADS;
    let (row, len) = heads.longest(&toks, 0, |r| r.kind == Kind::Head)?;
    Some((row.canon.as_str(), len, row.follows & NAME != 0))
}

/// Whether `text` opens with a distributed list ("Các Sở: Tài chính, Tư pháp …", "Giám đốc các
/// Sở: …"), whose colon ends no heading.
pub(crate) fn opens_distributed(text: &str) -> bool {
    let before_colon = text.split(':').next().unwrap_or("");
    if !before_colon
        .split_whitespace()
        .any(|w| is_plural_word(&w.to_lowercase()))
    {
        return false;
    }
    let toks = tokenize(text);
    Parser::new(&toks).distributed(0).is_some()
}

/// "các", "những": the plural words that open a collective or a list of levels ("các sở, ban,
/// ngành", "các xã, phường"); with the head phrases, the only words a rule starts at.
pub(crate) fn is_plural_word(fold: &str) -> bool {
    matches!(fold, "các" | "những")
}

/// Push the expansion of abbreviation `ai` written at `s..e`. Words the text already wrote just
/// before it, in the same case, are not repeated ("Ủy ban MTTQ", "UB MTTQ"); the end of another
/// name is no such word ("Ban Văn hóa - Xã hội HĐND tỉnh").
fn push_abbr(
    s: usize,
    e: usize,
    ai: usize,
    out: &mut Vec<Tok>,
    groups: &mut Vec<(usize, usize, usize)>,
) {
    let exp = &ABBRS.list[ai].expansion;
    let mut skip = 0;
    for m in (1..=3.min(exp.len()).min(out.len())).rev() {
        let tail = &out[out.len() - m..];
        if tail
            .iter()
            .zip(&exp[..m])
            .all(|(t, x)| t.word && x.word && t.fold == x.fold && t.cap == x.cap)
        {
            skip = m;
            break;
        }
    }
    if skip == exp.len() {
        if let Some(last) = out.last_mut() {
            last.e = e;
        }
        return;
    }
    let g0 = out.len();
    for (k, x) in exp[skip..].iter().enumerate() {
        out.push(Tok {
            s,
            e,
            fold: Cow::Borrowed(&x.fold),
            disp: Cow::Borrowed(&x.disp),
            abbr: true,
            counts: k == 0,
            ..*x
        });
    }
    groups.push((g0, out.len(), ai));
}

/// Index of the first token after leading bullets and list markers ("-", "+", "5.", "a)", "(1)",
/// "1.2.1.", "**2.**").
pub(crate) fn first_content(toks: &[Tok]) -> usize {
    let marker = |t: &Tok| {
        t.word
            && (t.fold.chars().all(|c| c.is_ascii_digit())
                || t.fold.chars().count() == 1
                || (t.disp.len() <= 5 && t.disp.chars().all(|c| "IVXLC".contains(c))))
    };
    let f = |k: usize| toks.get(k).map_or("", |t| &*t.fold);
    let mut i = 0;
    for _ in 0..16 {
        match toks.get(i) {
            Some(t) if !t.word && matches!(&*t.fold, "-" | "+" | "*" | "•" | "#" | ">" | "·") => {
                i += 1
            }
            Some(t) if marker(t) && matches!(f(i + 1), "." | ")") => i += 2,
            Some(t) if t.fold == "(" && toks.get(i + 1).is_some_and(marker) && f(i + 2) == ")" => {
                i += 3
            }
            _ => break,
        }
    }
    i.min(toks.len())
}

/// Render tokens as a name: words spaced, commas attached, "&" read "và", dashes spaced.
pub(crate) fn render(toks: &[Tok]) -> String {
    let mut s = String::new();
    for t in toks {
        match &*t.fold {
            "," | ";" | ":" | ")" | "." => s.push_str(&t.disp),
            "-" => s.push_str(" -"),
            "&" => s.push_str(" và"),
            "(" => {
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push('(');
            }
            _ => {
                if !s.is_empty() && !s.ends_with('(') {
                    s.push(' ');
                }
                s.push_str(&t.disp);
            }
        }
    }
    s
}

fn cap_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
}

/// A word written in capitals (not an expanded abbreviation): "VỤ", "ĐẮK".
fn shouting(t: &Tok) -> bool {
    !t.abbr && crate::reflow::is_shouted(&t.disp)
}

/// "ĐẮK LẮK" → "Đắk Lắk"; other words unchanged.
fn title_case(w: &str) -> String {
    if w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase()) {
        cap_first(&w.to_lowercase())
    } else {
        w.to_owned()
    }
}

// ---------------------------------------------------------------------------------------------
// Phrase tables

/// Phrases of folded words with a value, found longest first at a token.
pub(crate) struct Phrases<T> {
    rows: Vec<(Vec<String>, T)>,
    by_first: Table<String, Vec<usize>>,
}

impl<T> Phrases<T> {
    pub(crate) fn new(rows: Vec<(Vec<String>, T)>) -> Self {
        let mut by_first: Table<String, Vec<usize>> = Table::default();
        for (i, (w, _)) in rows.iter().enumerate() {
            if let Some(f) = w.first() {
                by_first.entry(f.clone()).or_default().push(i);
            }
        }
        for v in by_first.values_mut() {
            v.sort_by(|&a, &b| rows[b].0.len().cmp(&rows[a].0.len()));
        }
        Phrases { rows, by_first }
    }

    /// The longest phrase at token `i` whose value satisfies `pred`, and its length in tokens.
    pub(crate) fn longest(
        &self,
        toks: &[Tok],
        i: usize,
        pred: impl Fn(&T) -> bool,
    ) -> Option<(&T, usize)> {
        let first = toks.get(i)?;
        self.longest_of(self.starting(&first.fold), toks, i, pred)
    }

    /// The rows whose phrase starts with the word `fold`, longest first.
    pub(crate) fn starting(&self, fold: &str) -> &[usize] {
        self.by_first.get(fold).map_or(&[], Vec::as_slice)
    }

    /// [`Phrases::longest`] among `rows`, the rows [`Phrases::starting`] gives for token `i`.
    pub(crate) fn longest_of(
        &self,
        rows: &[usize],
        toks: &[Tok],
        i: usize,
        pred: impl Fn(&T) -> bool,
    ) -> Option<(&T, usize)> {
        rows.iter().find_map(|&r| {
            let (words, v) = &self.rows[r];
            let fits = || {
                words.len() <= toks.len() - i
                    && words.iter().zip(&toks[i..]).all(|(w, t)| *w == t.fold)
            };
            (pred(v) && fits()).then_some((v, words.len()))
        })
    }
}

/// The folded words of a phrase from a grammar file.
pub(crate) fn phrase_words(p: &str) -> Vec<String> {
    tokenize_with(p, false)
        .into_iter()
        .map(|t| t.fold.into_owned())
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Head,
    Title,
    Collective,
    Qualifier,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    Any,
    Cap,
    Strict,
}

/// Most items of a distributed list ("các Sở: Nội vụ, Tài chính, …") read as one.
const DISTRIBUTED_MAX: usize = 16;

const NAME: u8 = 1;
const OWNER: u8 = 2;
const JOINT: u8 = 4;
const LEVEL: u8 = 8;
const PLACE: u8 = 16;

struct HeadRow {
    kind: Kind,
    canon: String,
    follows: u8,
    needs: u8,
    case: Case,
}

fn flags(s: &str) -> u8 {
    s.split([' ', '|', ','])
        .map(|w| match w.trim() {
            "name" => NAME,
            "owner" => OWNER,
            "joint" => JOINT,
            "level" => LEVEL,
            "place" => PLACE,
            _ => 0,
        })
        .fold(0, |a, b| a | b)
}

static HEADS: Lazy<Phrases<HeadRow>> = Lazy::new(|| {
    let rows = rows(crate::grammar!("agency_heads.tsv"))
        .into_iter()
        .filter_map(|r| {
            let kind = match r[0] {
                "head" => Kind::Head,
                "title" => Kind::Title,
                "collective" => Kind::Collective,
                "qualifier" => Kind::Qualifier,
                "not" => Kind::Not,
                _ => return None,
            };
            let canon = if r[2].is_empty() { r[1] } else { r[2] };
            let case = match r[5] {
                "cap" => Case::Cap,
                "strict" => Case::Strict,
                _ => Case::Any,
            };
            let row = HeadRow {
                kind,
                canon: retone(canon),
                follows: flags(r[3]),
                needs: flags(r[4]),
                case,
            };
            Some((phrase_words(r[1]), row))
        })
        .collect();
    Phrases::new(rows)
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameKind {
    Name,
    Stop,
}

static NAMES: Lazy<Phrases<(NameKind, String)>> = Lazy::new(|| {
    let rows = rows(crate::grammar!("agency_names.tsv"))
        .into_iter()
        .filter_map(|r| {
            let kind = match r[0] {
                "name" => NameKind::Name,
                "stop" => NameKind::Stop,
                _ => return None,
            };
            Some((phrase_words(r[1]), (kind, retone(r[1]))))
        })
        .collect();
    Phrases::new(rows)
});

struct LevelRow {
    national: bool,
    display: String,
    exclude_next: Vec<String>,
}

static LEVELS: Lazy<Phrases<LevelRow>> = Lazy::new(|| {
    let rows = rows(crate::grammar!("agency_levels.tsv"))
        .into_iter()
        .map(|r| {
            let exclude_next = r[2]
                .split('|')
                .map(|w| fold_word(w).into_owned())
                .filter(|w| !w.is_empty())
                .collect();
            let row = LevelRow {
                national: r[1] == "national",
                display: fold_word(r[0]).into_owned(),
                exclude_next,
            };
            (phrase_words(r[0]), row)
        })
        .collect();
    Phrases::new(rows)
});

// ---------------------------------------------------------------------------------------------
// The parser

/// One agency found: tokens `a..b` and its canonical name.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    /// First token.
    pub a: usize,
    /// One past the last token.
    pub b: usize,
    /// Canonical name.
    pub name: String,
}

/// What an agency parse gives: where it ends, its name, and what its head is like.
struct Parsed {
    b: usize,
    name: String,
    /// Nothing followed the head.
    bare: bool,
    /// The head takes a place and needs nothing (a party committee: Thị ủy, Tỉnh đoàn).
    committee: bool,
}

/// Every agency mention in `toks`, left to right, non-overlapping.
pub(crate) fn scan(toks: &[Tok]) -> Vec<Found> {
    let p = Parser::new(toks);
    let first = first_content(toks);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Every rule starts at a head phrase or at "các"/"những": most tokens start none.
        if p.heads[i].is_empty() && !is_plural_word(p.fold(i)) {
            i += 1;
            continue;
        }
        if let Some(list) = p.distributed(i) {
            i = list.last().map_or(i + 1, |f| f.b);
            out.extend(list);
            continue;
        }
        if let Some(m) = p.mention(i, i == first)
            && m.b > i
        {
            out.push(Found {
                a: i,
                b: m.b,
                name: m.name,
            });
            i = m.b;
            continue;
        }
        if let Some((_, len)) = p.head(i, &[Kind::Not]) {
            i += len;
            continue;
        }
        i += 1;
    }
    out
}

struct Parser<'a> {
    t: &'a [Tok<'a>],
    /// The head rows each token may start (looked up once: every token is tried as a head,
    /// a title and a collective).
    heads: Vec<&'static [usize]>,
}

impl<'a> Parser<'a> {
    fn new(t: &'a [Tok<'a>]) -> Self {
        let heads = t.iter().map(|x| HEADS.starting(&x.fold)).collect();
        Parser { t, heads }
    }

    fn fold(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| &*t.fold)
    }

    fn capital(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.word && (t.cap || t.abbr))
    }

    fn head(&self, i: usize, kinds: &[Kind]) -> Option<(&'static HeadRow, usize)> {
        let rows = self.heads.get(i)?;
        HEADS.longest_of(rows, self.t, i, |r| kinds.contains(&r.kind))
    }

    /// A head noun or a title starts at `i`.
    fn starts_agency(&self, i: usize) -> bool {
        matches!(self.head(i, &[Kind::Head, Kind::Title, Kind::Not]), Some((r, _)) if r.kind != Kind::Not)
    }

    fn mention(&self, i: usize, first: bool) -> Option<Parsed> {
        if !self.t.get(i)?.word {
            return None;
        }
        if let Some(p) = self.titled(i) {
            return Some(p);
        }
        if let Some(p) = self.agency(i, 0, false) {
            return Some(p);
        }
        self.collective(i, first && self.capital(i), false)
    }

    /// ("các"|"những") head ":" item (("," | "và") item)* level?: "các Sở: Tài chính, Tư pháp và
    /// Xây dựng" names three departments, each the head and one item's name; a level after the
    /// last item belongs to every one ("các Phòng: Nội vụ, Tư pháp huyện"). Names that hold a
    /// comma or "và" are read whole when the name grammar knows them ("Văn hóa, Thể thao và Du
    /// lịch"). An item that is an agency of its own ("và UBND các xã") ends the list. A title
    /// before the list is every item's ("Giám đốc các Sở: Tài chính, Tư pháp" names two
    /// directors).
    fn distributed(&self, i: usize) -> Option<Vec<Found>> {
        let p = self.title_end(i).unwrap_or(i);
        if !is_plural_word(self.fold(p)) {
            return None;
        }
        let (row, len) = self.head(p + 1, &[Kind::Head])?;
        let colon = p + 1 + len;
        if row.follows & NAME == 0 || self.fold(colon) != ":" {
            return None;
        }
        let mut items: Vec<(usize, usize, String)> = Vec::new();
        let mut k = colon + 1;
        while items.len() < DISTRIBUTED_MAX {
            let Some((e, d)) = self.list_item(k) else {
                break;
            };
            if self.agency(k, 1, false).is_some_and(|a| a.b > e) {
                break;
            }
            items.push((k, e, d));
            k = e;
            if !matches!(self.fold(k), "," | "và") {
                break;
            }
            k += 1;
        }
        let (_, last_end, _) = items.last()?;
        let (end, level) = match self.level(*last_end) {
            Some((e, d)) => (e, format!(" {d}")),
            None => (*last_end, String::new()),
        };
        let n = items.len();
        let title = if p > i {
            format!("{} ", self.title_text(i, p))
        } else {
            String::new()
        };
        Some(
            items
                .into_iter()
                .enumerate()
                .map(|(x, (a, b, d))| Found {
                    a: if x == 0 { i } else { a },
                    b: if x + 1 == n { end } else { b },
                    name: format!("{title}{} {d}{level}", row.canon),
                })
                .collect(),
        )
    }

    /// component (("-"|"&") component)*: one item of a distributed list, where a comma or "và"
    /// separates items and a dash never does ("Tài chính - Kế hoạch").
    fn list_item(&self, k: usize) -> Option<(usize, String)> {
        let (mut e, mut d, _) = self.component(k)?;
        while matches!(self.fold(e), "-" | "&")
            && let Some((e2, d2, _)) = self.component(e + 1)
        {
            let joiner = if self.fold(e) == "&" { " và " } else { " - " };
            d = format!("{d}{joiner}{d2}");
            e = e2;
        }
        Some((e, d))
    }

    /// The end of a person title at `i` ("Chủ tịch", "Giám đốc").
    fn title_end(&self, i: usize) -> Option<usize> {
        let (row, len) = self.head(i, &[Kind::Title])?;
        (row.case != Case::Strict || self.capital(i)).then_some(i + len)
    }

    /// The title over tokens `[i, j)` as a name writes it: first letter capitalised.
    fn title_text(&self, i: usize, j: usize) -> String {
        cap_first(&render(&self.t[i..j]))
    }

    /// title (agency | collective): "Chủ tịch UBND các xã, phường", "Thủ trưởng cơ quan, đơn vị".
    fn titled(&self, i: usize) -> Option<Parsed> {
        let j = self.title_end(i)?;
        let inner = self
            .agency(j, 0, true)
            .or_else(|| self.collective(j, false, true))?;
        let title = self.title_text(i, j);
        Some(Parsed {
            name: format!("{title} {}", inner.name),
            ..inner
        })
    }

    /// head name? (owner | level | place)?
    fn agency(&self, i: usize, depth: usize, titled: bool) -> Option<Parsed> {
        if depth > 3 || !self.t.get(i)?.word {
            return None;
        }
        let (row, len) = self.head(i, &[Kind::Head, Kind::Not])?;
        if row.kind == Kind::Not {
            return None;
        }
        let written_cap = self.capital(i);
        if row.case == Case::Strict && !written_cap {
            return None;
        }
        let mut j = i + len;
        let mut name = if titled && !written_cap {
            lower_first(&row.canon)
        } else {
            row.canon.clone()
        };
        let mut got = 0u8;
        let mut known = false;
        if row.follows & NAME != 0
            && let Some((e, d, k)) = self.name(j)
        {
            name = format!("{name} {d}");
            j = e;
            got |= NAME;
            known = k;
        }
        // After a name, the owner: "Ban Pháp chế HĐND tỉnh", "Ban Kinh tế Tỉnh ủy".
        if row.follows & OWNER != 0
            && let Some(o) = self.agency(j, depth + 1, false)
        {
            name = format!("{name} {}", o.name);
            j = o.b;
            got |= OWNER;
            if row.follows & JOINT != 0
                && o.bare
                && matches!(self.fold(j), "-" | "&" | "và")
                && let Some(o2) = self.agency(j + 1, depth + 1, false)
            {
                name = format!("{name} và {}", o2.name);
                j = o2.b;
            }
        }
        if got & OWNER == 0
            && row.follows & LEVEL != 0
            && let Some((e, d)) = self.level(j)
        {
            name = format!("{name} {d}");
            j = e;
            got |= LEVEL;
        }
        if got & (OWNER | LEVEL) == 0
            && row.follows & PLACE != 0
            && let Some((e, d)) = self.place(j)
        {
            name = format!("{name} {d}");
            j = e;
            got |= PLACE;
        }
        if row.needs != 0 && got & row.needs == 0 {
            return None;
        }
        // "phòng Nội vụ" is a department, "bộ Văn bản" is not: a head written in lower case
        // needs an owner or a known name.
        if row.case == Case::Cap && !written_cap && got & OWNER == 0 && !(got & NAME != 0 && known)
        {
            return None;
        }
        let committee = row.follows & PLACE != 0 && row.needs == 0 && row.follows & LEVEL == 0;
        Some(Parsed {
            b: j,
            name,
            bare: got == 0,
            committee,
        })
    }

    /// component (joiner component)*; `true` when every component is a known one.
    fn name(&self, i: usize) -> Option<(usize, String, bool)> {
        let (mut e, mut s, mut known) = self.component(i)?;
        for _ in 0..8 {
            let joiner = match self.fold(e) {
                "," => ", ",
                "và" | "&" => " và ",
                "-" => " - ",
                _ => break,
            };
            if self.starts_agency(e + 1) {
                break;
            }
            let Some((e2, d, k)) = self.component(e + 1) else {
                break;
            };
            s = format!("{s}{joiner}{d}");
            e = e2;
            known &= k;
        }
        Some((e, s, known))
    }

    /// A known name component, or a Capitalised word and the lower-case word after it ("Ngoại
    /// vụ", "Cơ yếu"); `true` when known. Words in capitals are not read as unknown components:
    /// a heading in capitals ("NHIỆM VỤ VÀ GIẢI PHÁP") has no case to go by.
    fn component(&self, i: usize) -> Option<(usize, String, bool)> {
        let t = self.t.get(i)?;
        if !self.capital(i) || t.fold.starts_with(|c: char| c.is_numeric()) {
            return None;
        }
        if let Some(((kind, disp), len)) = NAMES.longest(self.t, i, |_| true) {
            return (*kind == NameKind::Name).then(|| (i + len, disp.clone(), true));
        }
        if shouting(t)
            || self.starts_agency(i)
            || HEADS.longest(self.t, i, |r| r.kind == Kind::Not).is_some()
        {
            return None;
        }
        let n = self.t.get(i + 1)?;
        let plain = n.word && !n.cap && !n.abbr && !n.fold.starts_with(|c: char| c.is_numeric());
        let stop = LEVELS.longest(self.t, i + 1, |_| true).is_some()
            || crate::extract::task::role_at(self.t, i + 1, &[]).is_some()
            || self
                .head(i + 1, &[Kind::Qualifier, Kind::Head, Kind::Title])
                .is_some();
        (plain && !stop).then(|| (i + 2, format!("{} {}", t.disp, n.disp), false))
    }

    /// A locality, or "cấp" and a locality.
    fn level_item(&self, k: usize) -> Option<(usize, String)> {
        let (k0, pre) = if self.fold(k) == "cấp" {
            (k + 1, "cấp ")
        } else {
            (k, "")
        };
        let (row, len) = LEVELS.longest(self.t, k0, |_| true)?;
        if row.exclude_next.iter().any(|x| x == self.fold(k0 + len)) {
            return None;
        }
        let d = if row.national {
            render(&self.t[k0..k0 + len])
        } else {
            row.display.clone()
        };
        Some((k0 + len, format!("{pre}{d}")))
    }

    /// "các cấp" | "các"? item ((","|"và") item)* ("trực thuộc trung ương")? place?
    fn level(&self, i: usize) -> Option<(usize, String)> {
        if self.fold(i) == "các" && self.fold(i + 1) == "cấp" {
            return Some((i + 2, "các cấp".to_owned()));
        }
        let plural = is_plural_word(self.fold(i));
        let mut k = if plural { i + 1 } else { i };
        let mut s = if plural {
            format!("{} ", self.fold(i))
        } else {
            String::new()
        };
        let mut n = 0;
        while let Some((e, d)) = self.level_item(k) {
            s.push_str(&d);
            k = e;
            n += 1;
            let sep = match self.fold(k) {
                "," => ", ",
                "và" => " và ",
                _ => break,
            };
            if n >= 8 || self.level_item(k + 1).is_none() {
                break;
            }
            s.push_str(sep);
            k += 1;
        }
        if n == 0 {
            return None;
        }
        if ["trực", "thuộc", "trung", "ương"]
            .iter()
            .enumerate()
            .all(|(x, w)| self.fold(k + x) == *w)
        {
            s.push_str(" trực thuộc trung ương");
            k += 4;
        }
        if n == 1
            && !plural
            && let Some((e, p)) = self.place(k)
        {
            s = format!("{s} {p}");
            k = e;
        }
        Some((k, s))
    }

    /// Up to four Capitalised words that are not an agency, a name component or a stop word.
    fn place(&self, k: usize) -> Option<(usize, String)> {
        let mut e = k;
        while e < self.t.len() && e - k < 4 {
            let t = &self.t[e];
            let plain = t.word && t.cap && !t.abbr && !t.fold.starts_with(|c: char| c.is_numeric());
            if !plain || self.starts_agency(e) || NAMES.longest(self.t, e, |_| true).is_some() {
                break;
            }
            e += 1;
        }
        (e > k).then(|| {
            let words: Vec<String> = self.t[k..e].iter().map(|t| title_case(&t.disp)).collect();
            (e, words.join(" "))
        })
    }

    /// A plural noun at `k` ("sở", "cơ quan ngang bộ"), unless a title starts there ("Bộ trưởng").
    fn collective_item(&self, k: usize) -> Option<usize> {
        let (_, len) = self.head(k, &[Kind::Collective])?;
        let title = self.head(k, &[Kind::Title]).map_or(0, |(_, l)| l);
        (title <= len).then_some(len)
    }

    /// ("các"|"những") plural ((","|"và") plural)* (level | qualifier | owner)?, then a boundary.
    fn collective(&self, i: usize, bare: bool, titled: bool) -> Option<Parsed> {
        let pre = is_plural_word(self.fold(i));
        if !pre && !bare && !titled {
            return None;
        }
        let mut k = if pre { i + 1 } else { i };
        let len = self.collective_item(k)?;
        // "các Ban Quản lý dự án": a capitalised head with a name is the agency, in the plural.
        if pre && self.capital(k) && self.agency(k, 1, false).is_some_and(|a| a.b > k + len) {
            return None;
        }
        let mut s = render(&self.t[if pre { i } else { k }..k + len]);
        k += len;
        let mut items = 1;
        for _ in 0..12 {
            let sep = match self.fold(k) {
                "," => ", ",
                "và" => " và ",
                _ => break,
            };
            let Some(len2) = self.collective_item(k + 1) else {
                break;
            };
            if self
                .agency(k + 1, 1, false)
                .is_some_and(|a| a.b > k + 1 + len2)
            {
                break;
            }
            s = format!("{s}{sep}{}", render(&self.t[k + 1..k + 1 + len2]));
            k += 1 + len2;
            items += 1;
        }
        let before_tail = k;
        if let Some((e, d)) = self.level(k) {
            s = format!("{s} {d}");
            k = e;
        } else if let Some((_, len)) = self.head(k, &[Kind::Qualifier]) {
            let q = render(&self.t[k..k + len]);
            if matches!(self.fold(k), "trực" | "thuộc" | "của") {
                if let Some(o) = self.agency(k + len, 1, false) {
                    s = format!("{s} {q} {}", o.name);
                    k = o.b;
                } else if let Some((e, d)) = self.level(k + len) {
                    s = format!("{s} {q} {d}");
                    k = e;
                }
            } else {
                s = format!("{s} {q}");
                k += len;
            }
        } else if let Some(o) = self.agency(k, 1, false).filter(|o| o.committee) {
            s = format!("{s} {}", o.name);
            k = o.b;
        }
        // A bare noun opening an item is a collective only when it is plainly a list of bodies:
        // "Cấp ủy, tổ chức đảng các cấp …", not "Tổ chức triển khai …" or "Cơ quan chủ trì: …".
        if !pre && !titled && items < 2 && k == before_tail {
            return None;
        }
        let boundary = match self.t.get(k) {
            None => true,
            Some(t) => {
                !t.word
                    || self.starts_agency(k)
                    || crate::extract::task::role_at(self.t, k, &[]).is_some()
                    || (t.cap
                        && !t.abbr
                        && NAMES
                            .longest(self.t, k, |(n, _)| *n == NameKind::Stop)
                            .is_none())
            }
        };
        if !boundary {
            return None;
        }
        let name = if titled {
            lower_first(&s)
        } else {
            cap_first(&s)
        };
        Some(Parsed {
            b: k,
            name,
            bare: false,
            committee: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        find_agencies(text).into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn expands_abbreviations_and_levels() {
        assert_eq!(
            names("báo cáo UBND thị xã"),
            ["Ủy ban nhân dân thị xã"],
            "should expand UBND and keep the level"
        );
        assert_eq!(
            names("Thường trực HĐND tỉnh"),
            ["Thường trực Hội đồng nhân dân tỉnh"],
            "should read Thường trực with its owner"
        );
        assert_eq!(
            names("- TT HĐND, UBND, UBMTTQVN thị xã,"),
            [
                "Thường trực Hội đồng nhân dân",
                "Ủy ban nhân dân",
                "Ủy ban Mặt trận Tổ quốc Việt Nam thị xã"
            ],
            "should expand TT only in agency position and the Front's abbreviation"
        );
        assert_eq!(
            names("UBND các xã, phường"),
            ["Ủy ban nhân dân các xã, phường"],
            "should read plural levels"
        );
        assert_eq!(
            names("UBND cấp xã"),
            ["Ủy ban nhân dân cấp xã"],
            "should read cấp levels"
        );
        assert_eq!(
            names("Đài Phát thanh - Truyền hình tỉnh phối hợp"),
            ["Đài Phát thanh và Truyền hình tỉnh"],
            "should write the broadcaster's name one way"
        );
        assert_eq!(
            names("Sở Nội vụ, Báo Bình Phước, Báo Nhân Dân và Báo Điện tử Chính phủ đưa tin"),
            [
                "Sở Nội vụ",
                "Báo Bình Phước",
                "Báo Nhân Dân",
                "Báo Điện tử Chính phủ"
            ],
            "should read newspapers by their place or owner"
        );
        assert_eq!(
            names("BÁO CÁO KẾT QUẢ THỰC HIỆN; Báo cáo Sở Nội vụ"),
            ["Sở Nội vụ"],
            "a report is no newspaper"
        );
        assert_eq!(
            names("của UBND tỉnh Thừa Thiên Huế về việc"),
            ["Ủy ban nhân dân tỉnh Thừa Thiên Huế"],
            "should read a place after a single level"
        );
        assert_eq!(
            names("- UB MTTQ Việt Nam tỉnh (b/c);"),
            ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"],
            "should not repeat words the text writes around an abbreviation"
        );
        assert_eq!(
            names("- Ủy ban MTTQ và các Đoàn thể thị xã;")[0],
            "Ủy ban Mặt trận Tổ quốc Việt Nam",
            "should not repeat Ủy ban before MTTQ"
        );
    }

    #[test]
    fn reads_names_with_components() {
        assert_eq!(
            names("Giao phòng Nội vụ chủ trì"),
            ["Phòng Nội vụ"],
            "should capitalise the head"
        );
        assert_eq!(
            names("2. Sở Khoa học và Công nghệ"),
            ["Sở Khoa học và Công nghệ"],
            "should join components with và"
        );
        assert_eq!(
            names("4. Phòng Tài chính – Kế hoạch"),
            ["Phòng Tài chính - Kế hoạch"],
            "should join components with a dash"
        );
        assert_eq!(
            names("- Phối hợp Phòng VH&TT triển khai"),
            ["Phòng Văn hóa và Thông tin"],
            "should expand VH&TT"
        );
        assert_eq!(
            names("- Trung tâm VH,TT&TT thị xã chủ trì triển khai"),
            ["Trung tâm Văn hóa, Thông tin và Thể thao thị xã"],
            "should expand VH,TT&TT and keep the level"
        );
        assert_eq!(
            names("5. Phòng Văn hoá và Thông tin, Trung tâm Văn hoá, Thông tin và Thể thao"),
            [
                "Phòng Văn hóa và Thông tin",
                "Trung tâm Văn hóa, Thông tin và Thể thao"
            ],
            "should split two agencies at a comma before a new head and use new-style tone marks"
        );
        assert_eq!(
            names("Bộ Nông nghiệp và Môi trường"),
            ["Bộ Nông nghiệp và Môi trường"],
            "should read a ministry"
        );
        assert_eq!(
            names("Sở Ngoại vụ chủ trì"),
            ["Sở Ngoại vụ"],
            "should read an unknown component as a word pair"
        );
    }

    #[test]
    fn reads_management_boards() {
        assert_eq!(
            names("Ban Quản lý các khu công nghiệp tỉnh báo cáo; Ban Quản lý Khu kinh tế tỉnh"),
            [
                "Ban Quản lý các khu công nghiệp tỉnh",
                "Ban Quản lý khu kinh tế tỉnh"
            ]
        );
    }

    #[test]
    fn reads_owners_and_joint_owners() {
        assert_eq!(
            names(
                "Ban Kinh tế - Ngân sách HĐND tỉnh, Ban Văn hóa - Xã hội HĐND tỉnh, Ban Kinh tế Tỉnh ủy"
            ),
            [
                "Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh",
                "Ban Văn hóa - Xã hội Hội đồng nhân dân tỉnh",
                "Ban Kinh tế Tỉnh ủy"
            ],
            "should read the owner after a board's name"
        );
        assert_eq!(
            names(
                "Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh"
            ),
            [
                "Thường trực Hội đồng nhân dân",
                "Các Ban của Hội đồng nhân dân",
                "Các Tổ đại biểu",
                "Đại biểu Hội đồng nhân dân tỉnh"
            ],
            "should read the bodies that oversee a council's resolution"
        );
        assert_eq!(
            names("phối hợp với Văn phòng HĐND-UBND thị xã hướng dẫn"),
            ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã"],
            "should read the joint office of HĐND-UBND"
        );
        assert_eq!(
            names("phối hợp với các Sở: Tài chính, Văn hóa, Thể thao và Du lịch và UBND các xã"),
            [
                "Sở Tài chính",
                "Sở Văn hóa, Thể thao và Du lịch",
                "Ủy ban nhân dân các xã"
            ],
            "should give each name of a distributed list its head"
        );
        assert_eq!(
            names("Các Sở: Tài chính, Tư pháp chủ trì"),
            ["Sở Tài chính", "Sở Tư pháp"],
            "should read a distributed list that opens the text"
        );
        assert_eq!(
            names(
                "Chánh Văn phòng UBND tỉnh, Giám đốc các Sở: Công Thương, Tài chính; Chủ tịch UBND các xã chịu trách nhiệm"
            ),
            [
                "Chánh Văn phòng Ủy ban nhân dân tỉnh",
                "Giám đốc Sở Công Thương",
                "Giám đốc Sở Tài chính",
                "Chủ tịch Ủy ban nhân dân các xã"
            ],
            "should give a title before a distributed list to every name"
        );
        assert_eq!(
            names("Công an xã phối hợp với các thôn, ấp và các tổ dân phố rà soát dữ liệu"),
            ["Công an xã", "Các thôn, ấp", "Các tổ dân phố"],
            "should read villages and residential groups as collectives"
        );
        assert_eq!(
            names("các phòng: Tư pháp, Tài chính – Kế hoạch huyện triển khai"),
            ["Phòng Tư pháp huyện", "Phòng Tài chính - Kế hoạch huyện"],
            "should join dashed names and give the last item's level to all"
        );
        assert_eq!(
            names(
                "Đảng ủy các cơ quan Đảng tỉnh, Đảng ủy Quân sự tỉnh và Ban Chính sách, chiến lược Tỉnh ủy"
            ),
            [
                "Đảng ủy các cơ quan Đảng tỉnh",
                "Đảng ủy Quân sự tỉnh",
                "Ban Chính sách, chiến lược Tỉnh ủy"
            ],
            "should read the party bodies of 2025"
        );
        assert_eq!(
            names("3. Văn phòng HĐND & UBND thị xã"),
            ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã"],
            "should read the joint office written with &"
        );
        assert_eq!(
            names("Ban Tuyên giáo Huyện uỷ xây dựng"),
            ["Ban Tuyên giáo Huyện ủy"],
            "should read a party board with its committee"
        );
        assert_eq!(
            names("Ủy ban Kiểm tra Huyện ủy phối hợp"),
            ["Ủy ban Kiểm tra Huyện ủy"],
            "should read the inspection committee"
        );
        assert_eq!(
            names("Ban cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo Ủy ban nhân dân tỉnh:"),
            [
                "Ban cán sự đảng Ủy ban nhân dân tỉnh",
                "Ủy ban nhân dân tỉnh"
            ],
            "should read a party board owned by a state body"
        );
        assert_eq!(
            names("Đảng đoàn Hội đồng nhân dân tỉnh chỉ đạo"),
            ["Đảng đoàn Hội đồng nhân dân tỉnh"],
            "should read Đảng đoàn"
        );
        assert_eq!(
            names("Văn phòng UBND tỉnh"),
            ["Văn phòng Ủy ban nhân dân tỉnh"],
            "should read an office owned by UBND"
        );
        assert_eq!(
            names("Thị uỷ Hương Trà về việc"),
            ["Thị ủy Hương Trà"],
            "should read a committee with its place"
        );
    }

    #[test]
    fn reads_titles_and_collectives() {
        assert_eq!(
            names("1. Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND các xã, phường"),
            [
                "Thủ trưởng các sở, ban, ngành tỉnh",
                "Chủ tịch Ủy ban nhân dân các xã, phường"
            ],
            "should read titles over collectives and agencies"
        );
        assert_eq!(
            names("Theo đề nghị của Trưởng phòng Nội vụ tại"),
            ["Trưởng phòng Nội vụ"],
            "should keep the head lower case after a title"
        );
        assert_eq!(
            names("Theo đề nghị của Bộ trưởng Bộ Tư pháp tại"),
            ["Bộ trưởng Bộ Tư pháp"],
            "should read a minister"
        );
        assert_eq!(
            names("Các bộ, cơ quan ngang bộ"),
            ["Các bộ, cơ quan ngang bộ"],
            "should read a collective table cell"
        );
        assert_eq!(
            names("6. Các cơ quan, đơn vị và UBND các xã, phường"),
            ["Các cơ quan, đơn vị", "Ủy ban nhân dân các xã, phường"],
            "should stop a collective before và and another agency"
        );
        assert_eq!(
            names("phối hợp với các cơ quan có liên quan giúp"),
            ["Các cơ quan có liên quan"],
            "should close a collective with a qualifier"
        );
        assert_eq!(
            names("- Các Ban XD Đảng, các tổ chức CT-XH huyện, các TCCS Đảng trực thuộc Huyện uỷ,"),
            [
                "Các Ban xây dựng Đảng",
                "Các tổ chức chính trị - xã hội huyện",
                "Các tổ chức cơ sở Đảng trực thuộc Huyện ủy"
            ],
            "should expand the abbreviations of recipient lists"
        );
        assert_eq!(
            names("Các Ban xây dựng Đảng, Văn phòng Huyện uỷ,"),
            ["Các Ban xây dựng Đảng", "Văn phòng Huyện ủy"],
            "should read party boards and the committee office"
        );
        assert_eq!(
            names("Cấp ủy, tổ chức đảng các cấp tổ chức quán triệt"),
            ["Cấp ủy, tổ chức đảng các cấp"],
            "should read a bare collective that opens a paragraph"
        );
    }

    #[test]
    fn near_misses_are_not_agencies() {
        assert!(
            names("nâng cao Chỉ số CCHC của cơ quan").is_empty(),
            "should not read Chỉ số CCHC"
        );
        assert!(
            names("tích hợp trên Cổng Dịch vụ công quốc gia").is_empty(),
            "should not read the national portal"
        );
        assert!(
            names("sự phục vụ của cơ quan hành chính nhà nước các cấp").is_empty(),
            "should not read the generic class of administrative bodies"
        );
        assert!(
            names("của các cơ quan hành chính nhà nước các cấp").is_empty(),
            "should not read a plural generic class"
        );
        assert!(
            names("chủ trương của Đảng, Nhà nước và Nhân dân").is_empty(),
            "should not read Đảng, Nhà nước, Nhân dân"
        );
        assert!(
            names("theo Bộ chỉ số 766 và Bộ phận Một cửa").is_empty(),
            "should not read Bộ chỉ số or Bộ phận"
        );
        assert!(
            names("trên cơ sở Kế hoạch số 30").is_empty(),
            "should not read cơ sở as a department"
        );
        assert!(
            names("Số: 1406/QĐ-UBND ngày 20/10/2021").is_empty(),
            "should not read UBND inside a document code"
        );
        assert!(
            names("phát triển chính phủ số, Chính phủ điện tử").is_empty(),
            "should not read e-government"
        );
        assert!(
            names("ban hành văn bản; phòng, chống tham nhũng").is_empty(),
            "should not read verbs as heads"
        );
    }

    #[test]
    fn capitals_and_look_alike_heads() {
        assert!(
            names("III. NHIỆM VỤ VÀ GIẢI PHÁP").is_empty(),
            "should not read a heading in capitals as Vụ + name"
        );
        assert!(
            names("IV. TỔ CHỨC THỰC HIỆN").is_empty(),
            "should not read Tổ chức as a collective"
        );
        assert_eq!(
            names("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"),
            ["Ủy ban nhân dân tỉnh Đắk Lắk"],
            "should read an issuer in capitals with its place in title case"
        );
        assert_eq!(
            names("Điều 4. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm"),
            ["Thủ trưởng cơ quan ngang bộ"],
            "should not read Bộ trưởng as the collective bộ"
        );
        assert_eq!(
            names("2. Cơ quan chủ trì: Bộ Tư pháp."),
            ["Bộ Tư pháp"],
            "should not read a field label as an agency"
        );
        assert!(
            names("kiểm soát chặt chẽ bộ TTHC; bộ Văn bản").is_empty(),
            "should not read bộ + unknown word as a ministry"
        );
        assert!(
            names("trình Ban Chỉ").is_empty(),
            "should not read a single unknown capitalised word as a name"
        );
        assert_eq!(
            names("sắp xếp các Ban quản lý dự án trên địa bàn"),
            ["Các Ban quản lý dự án"],
            "should read a plural noun of several words"
        );
    }

    #[test]
    fn spans_and_surfaces_point_into_the_text() {
        let text = "giao phòng Nội vụ tổng hợp báo cáo Chủ tịch UBND thị xã.";
        let ms = find_agencies(text);
        assert_eq!(ms.len(), 2, "should find two agencies");
        assert_eq!(
            ms[0].surface, "phòng Nội vụ",
            "should keep the surface as written"
        );
        assert_eq!(
            ms[1].surface, "Chủ tịch UBND thị xã",
            "should span the whole abbreviation"
        );
        assert_eq!(
            ms[1].span.slice(text),
            ms[1].surface,
            "should slice the surface from the span"
        );
    }

    #[test]
    fn aggregates_by_canonical_key() {
        let ms = find_agencies(
            "UBND thị xã, Ủy ban nhân dân thị xã, phòng Nội vụ, Phòng Nội vụ, UBND thị xã",
        );
        let ag = aggregate(&ms);
        assert_eq!(ag.len(), 2, "should merge spellings of the same agency");
        assert_eq!(ag[0].name, "Ủy ban nhân dân thị xã");
        assert_eq!(ag[0].mentions, 3, "should count every mention");
        assert_eq!(
            ag[0].aliases,
            ["UBND thị xã"],
            "should list other spellings once, without the name"
        );
        assert_eq!(ag[1].aliases, ["phòng Nội vụ"]);
    }

    #[test]
    fn heading_agency_accepts_agency_headings_only() {
        assert_eq!(
            heading_agency("1. Phòng Nội vụ:").as_deref(),
            Some("Phòng Nội vụ"),
            "should read an agency heading"
        );
        assert_eq!(
            heading_agency("1. Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND các xã, phường")
                .as_deref(),
            Some("Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch Ủy ban nhân dân các xã, phường"),
            "should join several agencies with ';'"
        );
        assert_eq!(
            heading_agency("6. Các cơ quan, đơn vị và UBND các xã, phường").as_deref(),
            Some("Các cơ quan, đơn vị; Ủy ban nhân dân các xã, phường"),
            "should count và as a separator"
        );
        assert_eq!(
            heading_agency("3. Ban cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo Ủy ban nhân dân tỉnh:")
                .as_deref(),
            Some("Ủy ban nhân dân tỉnh"),
            "should give the directed agency of 'X chỉ đạo Y:'"
        );
        assert_eq!(
            heading_agency("Cải cách thể chế"),
            None,
            "should refuse a topic heading"
        );
        assert_eq!(heading_agency("Mục tiêu"), None);
        assert_eq!(heading_agency("Tổ chức thực hiện"), None);
        assert_eq!(
            heading_agency(
                "5. Thủ trưởng các phòng chuyên môn là thành viên Hội đồng đánh giá, xác định chỉ số CCHC của UBND các xã, phường"
            ),
            None,
            "should refuse a sentence that only mentions agencies"
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "",
            " ",
            "-",
            "UBND",
            "các",
            "các,",
            "Văn phòng",
            "Văn phòng HĐND-",
            "Chủ tịch",
            "(((",
            "1.",
            "Ð",
            "ǅ",
            "UBND UBND UBND",
            "các sở, ban,",
            "UB UB MTTQ",
            "\u{301}\u{301}",
            "Thủ trưởng các",
            "İİ UBND tỉnh İ",
        ] {
            let _ = find_agencies(s);
            let _ = heading_agency(s);
        }
        let long = "UBND, ".repeat(5000);
        assert_eq!(
            find_agencies(&long).len(),
            5000,
            "should read long lists in linear time"
        );
    }

    #[test]
    fn byte_scanners_agree_with_char_rules() {
        let all = (0..0x3100u32)
            .chain(0xfe00..0x10100)
            .filter_map(char::from_u32);
        for c in all {
            let s = format!("{c}a");
            let word = if is_word_char(c) { c.len_utf8() + 1 } else { 0 };
            assert_eq!(word_len(&s).0, word, "word run from {c:?}");
            for w in [
                c.to_string(),
                format!("o{c}"),
                format!("qu{c}"),
                format!("{c}x"),
            ] {
                let by_char = w.chars().all(|c| lower_char(c) == c && c != 'ð') && {
                    let mut rev = w.chars().rev();
                    !matches!((rev.next(), rev.next()),
                        (Some(b), Some(a)) if crate::source::tone_moved(a, b).is_some())
                };
                assert_eq!(
                    keeps_case(&w) && keeps_tone(&w),
                    by_char,
                    "{w:?} folds to itself"
                );
                if is_word_char(c) {
                    assert_eq!(word_len(&w).1, keeps_case(&w), "{w:?} keeps its case");
                }
            }
        }
    }
}
