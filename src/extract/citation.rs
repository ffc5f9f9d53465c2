//! Citations: the documents a text refers to (Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính
//! phủ, Luật Cán bộ, công chức, …).
//!
//! # Where they occur
//!
//! Everywhere: the preamble names what the document carries out ("Căn cứ Nghị quyết số …",
//! "Thực hiện Nghị quyết số …"), the body names the rules a duty follows ("theo quy định tại
//! Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ"), footnotes repeat them in full,
//! and the "Căn cứ" column of an appendix task table holds bare numbers ("Nghị quyết số 66-
//! NQ/TW1", its footnote marker glued on). A citation has a kind word, a number (số, ký hiệu),
//! often a date and an issuer; laws are also cited by their name alone.
//!
//! # Grammar (non-normative)
//!
//! ```text
//! citation = kind ["số" [":"]] number {("," | "và") ["số"] number} [[","] "ngày" date] ["của" issuer]
//!          | named Name {word | "," name-comma | "và" Name} ["số" number] ["ngày" date] ["của" issuer]
//! number   = DIGITS {("/" | "-") [" "] BLOCK}          ; at least one block with a letter
//!                                                      ; 1–2 digits glued to the last letters
//!                                                      ; are a footnote marker (CP2 → CP)
//! date     = see `deadline::parse_date` (15/7/2021 · 15-7-2021 · 15 tháng 7 năm 2021)
//! issuer   = Capitalised words up to punctuation, a clause word (về, ban hành, phê duyệt, …),
//!            a new name in a flattened table (… Bộ Chính trị | Bộ Tài chính), or a number
//! ```
//!
//! Several numbers after one kind share the date and issuer ("Nghị định số 107/2020/NĐ-CP,
//! 108/2020/NĐ-CP ngày 14/9/2020"). A same-series citation without an issuer, joined by "và"
//! to one that has it, borrows it ("Kết luận số 182-KL/TW, ngày 29/7/2025 và Kết luận số
//! 218-KL/TW, ngày 24/11/2025 của Bộ Chính trị"). A kind word with a short number and no ký
//! hiệu ("Nghị quyết 04", "Kế hoạch 30") is a back-reference, not a citation. The vocabulary
//! (kinds, the words that end an issuer or a law's name) is data: `grammars/citations.tsv`.
//!
//! Samples from the corpus:
//!
//! ```text
//! Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình …
//! … theo Nghị định số 107/2020/NĐ-CP, số 108/2020/NĐ-CP ngày 14/9/2020 của Chính phủ và …
//! Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
//! ```
//!
//! References: Nghị định 30/2020/NĐ-CP on văn thư, Phụ lục I (số, ký hiệu and date of a state
//! document: "Số: 45/2020/NĐ-CP"); Hướng dẫn 36-HD/VPTW 2018 on the form of Party documents
//! ("Số 04-NQ/TU"); Luật Ban hành văn bản quy phạm pháp luật 2015, Điều 8 (số, ký hiệu of legal
//! documents, "…/QH13" for laws of the 13th National Assembly).

use super::deadline::{parse_date, skip_ws, word_at};
use crate::lexicon::{Table, WordPhrases};
use crate::model::Citation;
use crate::source::{fold_key, is_alnum, is_letter};
use crate::span::Span;
use once_cell::sync::Lazy;
use std::collections::HashMap;

/// Longest issuer, in words.
const MAX_ISSUER_WORDS: usize = 14;
/// Longest law name, in words.
const MAX_NAME_WORDS: usize = 16;
/// Longest ký hiệu block, in characters.
const MAX_BLOCK_CHARS: usize = 24;

/// The citation vocabulary, loaded once from `grammars/citations.tsv`.
struct Vocab {
    /// Folded kind phrase → kind, for numbered citations.
    kinds: Table<String, &'static str>,
    kind_re: WordPhrases,
    /// Folded named-kind phrase → kind ("luật").
    named: Table<String, &'static str>,
    named_re: WordPhrases,
    /// Every kind phrase, longest first (a head that ends a name).
    heads: Vec<String>,
    issuer_stop: Vec<String>,
    issuer_break: Vec<String>,
    issuer_lower: Vec<String>,
    issuer_open: Vec<String>,
    position: Vec<String>,
    name_stop: Vec<String>,
    name_start: Vec<String>,
    name_comma: Vec<String>,
    name_join: Vec<String>,
    name_of: Vec<String>,
    numbered_block: Vec<String>,
}

static VOCAB: Lazy<Vocab> = Lazy::new(|| {
    let mut lists: HashMap<&str, Vec<String>> = HashMap::new();
    let mut kinds = Table::default();
    let mut named = Table::default();
    for r in crate::lexicon::rows(crate::grammar!("citations.tsv")) {
        let phrase = fold_key(r[1])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match r[0] {
            "kind" => {
                kinds.insert(phrase, r[2]);
            }
            "named" => {
                named.insert(phrase, r[2]);
            }
            role => lists.entry(role).or_default().push(phrase),
        }
    }
    let mut list = |role: &str| {
        let mut v = lists.remove(role).unwrap_or_default();
        v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        v
    };
    let mut heads: Vec<String> = kinds.keys().chain(named.keys()).cloned().collect();
    heads.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    heads.dedup();
    assert!(
        !kinds.keys().any(|k| k.bytes().any(|b| b.is_ascii_digit())),
        "grammars/citations.tsv: a kind has a digit"
    );
    let re = |m: &Table<String, &str>| WordPhrases::new(m.keys());
    Vocab {
        kind_re: re(&kinds),
        named_re: re(&named),
        kinds,
        named,
        heads,
        issuer_stop: list("issuer_stop"),
        issuer_break: list("issuer_break"),
        issuer_lower: list("issuer_lower"),
        issuer_open: list("issuer_open"),
        position: list("position"),
        name_stop: list("name_stop"),
        name_start: list("name_start"),
        name_comma: list("name_comma"),
        name_join: list("name_join"),
        name_of: list("name_of"),
        numbered_block: list("numbered_block"),
    }
});

/// The first of `phrases` (longest first) that `key` has at `p` as whole words; its end.
fn phrase_at(key: &str, p: usize, phrases: &[String]) -> Option<usize> {
    phrases.iter().find_map(|w| word_at(key, p, w))
}

/// The first char of `s` at `p`.
fn char_at(s: &str, p: usize) -> Option<char> {
    s.get(p..)?.chars().next()
}

/// Whether the word of `text` at `p` starts with a capital.
fn starts_upper(text: &str, p: usize) -> bool {
    char_at(text, p).is_some_and(char::is_uppercase)
}

/// Whether `text[p..e]` is a word written in capitals ("VỀ" in a title), at least two letters.
fn all_caps(text: &str, p: usize, e: usize) -> bool {
    crate::reflow::is_shouted(text.get(p..e).unwrap_or(""))
}

/// Characters that end a word of an issuer or a name.
fn is_stop_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | '.'
            | ':'
            | '('
            | ')'
            | '['
            | ']'
            | '"'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '|'
            | '!'
            | '?'
            | '…'
            | '/'
            | '*'
    )
}

/// End of the word starting at `p`: up to whitespace or punctuation.
fn word_end(key: &str, p: usize) -> usize {
    let rest = key.get(p..).unwrap_or("");
    p + rest
        .find(|c: char| c.is_whitespace() || is_stop_punct(c))
        .unwrap_or(rest.len())
}

/// How many ASCII digits end `w`, when they follow a letter ("phủ1" → 1, "2021" → 0).
fn glued_digits(w: &str) -> usize {
    let n = w.bytes().rev().take_while(u8::is_ascii_digit).count();
    let before = w[..w.len() - n].chars().next_back();
    if n > 0 && before.is_some_and(is_letter) {
        n
    } else {
        0
    }
}

/// Whether a block with letters looks like part of a ký hiệu: an abbreviation that starts with a
/// capital ("NQ", "CTr", "Kl", "NĐ"); after a wrap space at least two capitals, so a table cell
/// cut after "66-" does not take the next cell's word ("Nghị quyết số 66- Thực hiện").
fn ky_hieu_block(block: &str, wrapped: bool) -> bool {
    let first = block.chars().find(|&c| is_letter(c));
    let capitals = block.chars().filter(|c| c.is_uppercase()).count();
    first.is_some_and(char::is_uppercase) && (!wrapped || capitals >= 2)
}

/// A document number (số, ký hiệu) read at `at`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct NumberMatch {
    /// End of the number, before a glued footnote marker.
    end: usize,
    /// The number as written, without wrap spaces or footnote marker.
    number: String,
}

/// Read a number "45/2020/NĐ-CP", "04-NQ/TU", "12- CTr/BCĐ3" at `at`.
fn parse_number(key: &str, text: &str, at: usize) -> Option<NumberMatch> {
    let b = key.as_bytes();
    let mut p = at;
    while p < b.len() && b[p].is_ascii_digit() {
        p += 1;
        if p - at > 6 {
            return None;
        }
    }
    if p == at {
        return None;
    }
    let mut number = text.get(at..p)?.to_string();
    let mut blocks = 0;
    let mut has_letter = false;
    let mut last = (p, p);
    while blocks < 8 {
        let sep = match key.get(p..) {
            Some(r) if r.starts_with(['/', '-']) => 1,
            Some(r) if r.starts_with('–') => '–'.len_utf8(),
            _ => break,
        };
        let mut q = p + sep;
        let wrapped = b.get(q) == Some(&b' ');
        if wrapped {
            q += 1;
        }
        let rest = key.get(q..).unwrap_or("");
        let mut e = q;
        let mut letters = false;
        for (n, (i, c)) in rest.char_indices().enumerate() {
            if !is_alnum(c) {
                break;
            }
            if n == MAX_BLOCK_CHARS {
                return None;
            }
            letters |= is_letter(c);
            e = q + i + c.len_utf8();
        }
        if e == q || (letters && !ky_hieu_block(text.get(q..e).unwrap_or(""), wrapped)) {
            break;
        }
        // A wrap space is only taken before letters ("66- NQ/TW", not "2021- 2025").
        if wrapped && !letters {
            break;
        }
        has_letter |= letters;
        number.push_str(text.get(p..p + sep)?);
        number.push_str(text.get(q..e)?);
        last = (q, e);
        p = e;
        blocks += 1;
    }
    if !has_letter {
        return None;
    }
    // A footnote marker glued to the last letters: "140/NQ-CP2" → "140/NQ-CP". Blocks that
    // legitimately end in digits ("QH15") keep two.
    let block = &key[last.0..last.1];
    let digits = glued_digits(block);
    let mut end = p;
    if digits > 0 {
        let letters = &block[..block.len() - digits];
        let keep = if VOCAB
            .numbered_block
            .iter()
            .any(|n| letters.ends_with(n.as_str()))
        {
            digits.min(2)
        } else if digits <= 2 {
            0
        } else {
            digits
        };
        let strip = digits - keep;
        if strip <= 2 {
            end -= strip;
            number.truncate(number.len() - strip);
        }
    }
    Some(NumberMatch { end, number })
}

/// Whether `token` is a document number ("45/2020/NĐ-CP", "04-NQ/TU,"): used by the deadline
/// extractor to skip a date that belongs to a document it follows.
pub(crate) fn is_doc_number(token: &str) -> bool {
    let key = fold_key(token);
    parse_number(&key, token, 0)
        .is_some_and(|n| n.end + 2 >= token.trim_end_matches([',', ';', '.']).len())
}

/// Read an issuer at `at` (after "của"); the issuer and its end.
fn scan_issuer(text: &str, key: &str, at: usize) -> Option<(String, usize)> {
    let v = &*VOCAB;
    let khoa = fold_key("khóa");
    let mut p = at;
    let mut words = 0;
    let mut last_end = at;
    let mut prev = "";
    let mut prev_lower = false;
    let meeting = phrase_at(key, at, &v.issuer_open).is_some();
    while words < MAX_ISSUER_WORDS {
        let Some(c) = char_at(key, p) else { break };
        if c == '(' {
            // "(khóa XX)" belongs to the issuer.
            let close = key[p..]
                .char_indices()
                .take(24)
                .find(|&(_, ch)| ch == ')' || ch == '\n');
            match close {
                Some((i, ')')) if words > 0 && key[p + 1..].starts_with(khoa.as_str()) => {
                    last_end = p + i + 1;
                    p = skip_ws(key, last_end);
                    continue;
                }
                _ => break,
            }
        }
        if matches!(c, '-' | '–') && words > 0 && last_end < p {
            // "UBND tỉnh Bà Rịa - Vũng Tàu"
            let q = skip_ws(key, p + c.len_utf8());
            if q > p + c.len_utf8() && starts_upper(text, q) && !all_caps(text, q, word_end(key, q))
            {
                p = q;
                continue;
            }
            break;
        }
        if !is_alnum(c) {
            break;
        }
        let wend = word_end(key, p);
        let wk = &key[p..wend];
        let upper = starts_upper(text, p);
        let caps = all_caps(text, p, wend);
        if words == 0 && !upper {
            return None;
        }
        if (!upper || caps) && phrase_at(key, p, &v.issuer_stop).is_some() {
            break;
        }
        if c.is_ascii_digit() && prev != "thứ" && prev != khoa {
            break;
        }
        if words > 0
            && upper
            && !meeting
            && !v.position.iter().any(|w| w == prev)
            && phrase_at(key, p, &v.issuer_break).is_some()
        {
            break;
        }
        let lower = char_at(text, p).is_some_and(char::is_lowercase);
        if lower && prev_lower && phrase_at(key, p, &v.issuer_lower).is_none() {
            break;
        }
        let glued = glued_digits(wk);
        if glued > 0 && glued <= 2 {
            // "Chính phủ1 cho …": the footnote marker ends the issuer.
            last_end = wend - glued;
            words += 1;
            break;
        }
        words += 1;
        last_end = wend;
        prev = wk;
        prev_lower = lower;
        p = skip_ws(key, wend);
    }
    if words == 0 {
        return None;
    }
    let issuer = text.get(at..last_end)?.trim();
    (!issuer.is_empty()).then(|| (issuer.to_string(), last_end))
}

/// Read a law's name at `at` (after "Luật"); its end.
fn scan_law_name(text: &str, key: &str, at: usize) -> Option<usize> {
    let v = &*VOCAB;
    let mut p = at;
    let mut words = 0;
    let mut last_end = at;
    while words < MAX_NAME_WORDS {
        let Some(c) = char_at(key, p) else { break };
        if c == ',' {
            // "Luật Cán bộ, công chức", "Luật Phòng, chống tham nhũng"
            let q = skip_ws(key, p + 1);
            if words > 0 && !starts_upper(text, q) && phrase_at(key, q, &v.name_comma).is_some() {
                p = q;
                continue;
            }
            break;
        }
        if !is_alnum(c) || c.is_ascii_digit() {
            break;
        }
        let wend = word_end(key, p);
        let upper = starts_upper(text, p);
        let caps = all_caps(text, p, wend);
        if words == 0 {
            if !upper && phrase_at(key, p, &v.name_start).is_none() {
                return None;
            }
        } else if !upper || caps {
            if let Some(e) = phrase_at(key, p, &v.name_join) {
                // "Luật Khoa học và Công nghệ" but not "… và Luật Viên chức", "… và các …"
                let q = skip_ws(key, e);
                if q > e && starts_upper(text, q) && !caps && phrase_at(key, q, &v.heads).is_none()
                {
                    p = q;
                    continue;
                }
                break;
            }
            if let Some(e) = phrase_at(key, p, &v.name_of) {
                // "… một số điều của Luật Tổ chức Chính phủ"
                let q = skip_ws(key, e);
                if q > e && starts_upper(text, q) && phrase_at(key, q, &v.heads).is_some() {
                    p = q;
                    continue;
                }
                break;
            }
            if phrase_at(key, p, &v.name_stop).is_some() {
                break;
            }
            // "… số 80/2015/QH13" ends the name; "một số điều" does not.
            if let Some(e) = word_at(key, p, "số")
                && key
                    .as_bytes()
                    .get(skip_ws(key, e))
                    .is_some_and(u8::is_ascii_digit)
            {
                break;
            }
        }
        let glued = glued_digits(&key[p..wend]);
        if glued > 0 && glued <= 2 {
            last_end = wend - glued;
            words += 1;
            break;
        }
        words += 1;
        last_end = wend;
        p = skip_ws(key, wend);
    }
    (words > 0).then_some(last_end)
}

/// What follows the number(s) or the name: `[","] "ngày" date` and `"của" issuer`.
struct Tail {
    date: Option<String>,
    issuer: Option<String>,
    end: usize,
}

fn read_tail(text: &str, key: &str, mut end: usize) -> Tail {
    let mut date = None;
    let mut r = skip_ws(key, end);
    if key.as_bytes().get(r) == Some(&b',') {
        r = skip_ws(key, r + 1);
    }
    if r > end
        && word_at(key, r, "ngày").is_some()
        && let Some((iso, e)) = parse_date(key, r).and_then(|d| Some((d.iso()?, d.end)))
    {
        date = Some(iso);
        end = e;
    }
    let mut issuer = None;
    let r = skip_ws(key, end);
    if r > end
        && let Some(e) = word_at(key, r, &fold_key("của"))
        && let Some((i, e)) = scan_issuer(text, key, skip_ws(key, e))
    {
        issuer = Some(i);
        end = e;
    }
    Tail { date, issuer, end }
}

/// A numbered citation group at a kind word `[start, head_end)`: its citations and end.
fn parse_numbered(
    text: &str,
    key: &str,
    start: usize,
    head_end: usize,
    kind: &str,
) -> Option<(Vec<Citation>, usize)> {
    let after_so = |p: usize| -> usize {
        match word_at(key, p, "số") {
            Some(e) => {
                let q = skip_ws(key, e);
                if key.as_bytes().get(q) == Some(&b':') {
                    skip_ws(key, q + 1)
                } else {
                    q
                }
            }
            None => p,
        }
    };
    let p = skip_ws(key, head_end);
    if p == head_end {
        return None;
    }
    let first = parse_number(key, text, after_so(p))?;
    let mut end = first.end;
    let mut items = vec![(start, first.number)];
    loop {
        let mut r = skip_ws(key, end);
        let mut joined = false;
        if key.as_bytes().get(r) == Some(&b',') {
            r = skip_ws(key, r + 1);
            joined = true;
        }
        if let Some(e) = word_at(key, r, "và") {
            r = skip_ws(key, e);
            joined = true;
        }
        if !joined {
            break;
        }
        let Some(n) = parse_number(key, text, after_so(r)) else {
            break;
        };
        end = n.end;
        items.push((r, n.number));
    }
    let tail = read_tail(text, key, end);
    let cits = items
        .into_iter()
        .map(|(s, number)| Citation {
            kind: kind.to_string(),
            number: Some(number),
            date: tail.date.clone(),
            issuer: tail.issuer.clone(),
            text: text.get(s..tail.end).unwrap_or("").to_string(),
            span: Span::new(s, tail.end),
        })
        .collect();
    Some((cits, tail.end))
}

/// A law cited by name at `[start, head_end)` ("Luật Cán bộ, công chức").
fn parse_named(
    text: &str,
    key: &str,
    start: usize,
    head_end: usize,
    kind: &str,
) -> Option<(Citation, usize)> {
    // "Luật", "Bộ luật": a capital, then lower case (not "LUẬT" of a title, not "pháp luật").
    let mut head = text.get(start..head_end)?.chars();
    if !head.next().is_some_and(char::is_uppercase) || !head.next().is_some_and(char::is_lowercase)
    {
        return None;
    }
    let p = skip_ws(key, head_end);
    if p == head_end || word_at(key, p, "số").is_some() {
        return None;
    }
    let mut end = scan_law_name(text, key, p)?;
    let mut number = None;
    let q = skip_ws(key, end);
    if q > end
        && let Some(e) = word_at(key, q, "số")
        && let Some(n) = parse_number(key, text, skip_ws(key, e))
    {
        end = n.end;
        number = Some(n.number);
    }
    let tail = read_tail(text, key, end);
    let cit = Citation {
        kind: kind.to_string(),
        number,
        date: tail.date,
        issuer: tail.issuer,
        text: text.get(start..tail.end)?.to_string(),
        span: Span::new(start, tail.end),
    };
    Some((cit, tail.end))
}

/// The letters of a number, its series: "182-KL/TW" and "218-KL/TW" are both "kltw".
fn series(number: &str) -> String {
    number
        .chars()
        .filter(|&c| is_letter(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every document cited in `text`, whose matching key is `key`; spans are byte ranges into
/// `text`.
pub(crate) fn extract_citations(text: &str, key: &str) -> Vec<Citation> {
    let v = &*VOCAB;
    let mut out: Vec<Citation> = Vec::new();
    // A numbered citation has a number of ASCII digits after its kind (`parse_number`), and no
    // kind has a digit: kinds are looked for only up to the last digit.
    let numbers = &key[..key
        .bytes()
        .rposition(|b| b.is_ascii_digit())
        .map_or(0, |i| i + 1)];
    let mut pos = 0;
    while pos < numbers.len() {
        let Some(m) = v.kind_re.find_at(numbers, pos) else {
            break;
        };
        let kind = v.kinds.get(
            &key[m.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        );
        match kind.and_then(|k| parse_numbered(text, key, m.start, m.end, k)) {
            Some((cits, end)) => {
                out.extend(cits);
                pos = end.max(m.end);
            }
            None => pos = m.end,
        }
    }
    let numbered = super::deadline::SpanSet::new(&out.iter().map(|c| c.span).collect::<Vec<_>>());
    pos = 0;
    while pos < key.len() {
        let Some(m) = v.named_re.find_at(key, pos) else {
            break;
        };
        pos = m.end;
        if numbered.overlaps(m.start, m.end) {
            continue;
        }
        let kind = v.named.get(
            &key[m.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        );
        if let Some((c, end)) = kind.and_then(|k| parse_named(text, key, m.start, m.end, k))
            && !numbered.overlaps(c.span.start, c.span.end)
        {
            out.push(c);
            pos = end;
        }
    }
    out.sort_by_key(|c| (c.span.start, c.span.end));
    // "Kết luận số 182-KL/TW, ngày … và Kết luận số 218-KL/TW, ngày … của Bộ Chính trị"
    for i in (0..out.len().saturating_sub(1)).rev() {
        let (a, b) = (&out[i], &out[i + 1]);
        if a.issuer.is_some() || b.issuer.is_none() || a.kind != b.kind || a.span.end > b.span.start
        {
            continue;
        }
        let gap = text.get(a.span.end..b.span.start).unwrap_or(";").trim();
        let same_series =
            matches!((&a.number, &b.number), (Some(x), Some(y)) if series(x) == series(y));
        if same_series && matches!(gap, "," | "và" | ", và") {
            out[i].issuer = out[i + 1].issuer.clone();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The citations of `t`.
    fn cites(t: &str) -> Vec<Citation> {
        extract_citations(t, &fold_key(t))
    }

    fn one(text: &str) -> Citation {
        let v = cites(text);
        assert_eq!(v.len(), 1, "expected one citation in {text:?}, got {v:#?}");
        v.into_iter().next().unwrap()
    }

    fn check(
        c: &Citation,
        kind: &str,
        number: Option<&str>,
        date: Option<&str>,
        issuer: Option<&str>,
    ) {
        assert_eq!(c.kind, kind, "kind of {c:?}");
        assert_eq!(c.number.as_deref(), number, "number of {c:?}");
        assert_eq!(c.date.as_deref(), date, "date of {c:?}");
        assert_eq!(c.issuer.as_deref(), issuer, "issuer of {c:?}");
    }

    fn spans_ok(text: &str, v: &[Citation]) {
        for c in v {
            assert_eq!(c.span.slice(text), c.text);
        }
    }

    #[test]
    fn resolution_with_verbal_date_and_issuer() {
        let t = "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể";
        let c = one(t);
        check(
            &c,
            "nghi_quyet",
            Some("76/NQ-CP"),
            Some("2021-07-15"),
            Some("Chính phủ"),
        );
        assert_eq!(
            c.text,
            "Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ"
        );
        spans_ok(t, &[c]);
    }

    #[test]
    fn several_numbers_share_date_and_issuer() {
        for t in [
            "theo Nghị định số 107/2020/NĐ-CP, 108/2020/NĐ-CP ngày 14/9/2020 của Chính phủ và thường xuyên rà soát",
            "theo Nghị định số 107/2020/NĐ-CP, số 108/2020/NĐ-CP ngày 14/9/2020 của Chính phủ và thường xuyên rà soát",
        ] {
            let v = cites(t);
            assert_eq!(v.len(), 2, "{v:#?}");
            check(
                &v[0],
                "nghi_dinh",
                Some("107/2020/NĐ-CP"),
                Some("2020-09-14"),
                Some("Chính phủ"),
            );
            check(
                &v[1],
                "nghi_dinh",
                Some("108/2020/NĐ-CP"),
                Some("2020-09-14"),
                Some("Chính phủ"),
            );
            assert!(v[0].text.starts_with("Nghị định số 107"));
            assert!(v[0].text.ends_with("của Chính phủ"));
            spans_ok(t, &v);
        }
    }

    #[test]
    fn comma_before_date_and_old_tone_issuer() {
        let t = "Thực hiện Nghị quyết số 14-NQ/TU, ngày 25/5/2022 của Tỉnh uỷ Lâm Đồng về đẩy mạnh cải cách hành chính";
        let c = one(t);
        check(
            &c,
            "nghi_quyet",
            Some("14-NQ/TU"),
            Some("2022-05-25"),
            Some("Tỉnh uỷ Lâm Đồng"),
        );
        assert_eq!(
            c.text,
            "Nghị quyết số 14-NQ/TU, ngày 25/5/2022 của Tỉnh uỷ Lâm Đồng"
        );
    }

    #[test]
    fn decision_and_directive_of_the_prime_minister() {
        let c = one(
            "theo quy định tại Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ theo chỉ đạo của UBND tỉnh.",
        );
        check(
            &c,
            "quyet_dinh",
            Some("468/QĐ-TTg"),
            Some("2021-03-27"),
            Some("Thủ tướng Chính phủ"),
        );
        let t = "Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ và Chỉ thị số 23/CT-TTg ngày 02 tháng 9 năm 2021 của Thủ tướng Chính phủ về việc đẩy mạnh";
        let v = cites(t);
        assert_eq!(v.len(), 2);
        check(
            &v[0],
            "nghi_quyet",
            Some("76/NQ-CP"),
            Some("2021-07-15"),
            Some("Chính phủ"),
        );
        check(
            &v[1],
            "chi_thi",
            Some("23/CT-TTg"),
            Some("2021-09-02"),
            Some("Thủ tướng Chính phủ"),
        );
        spans_ok(t, &v);
    }

    #[test]
    fn plan_conclusion_submission() {
        let c = one(
            "Huyện ủy ban hành Kế hoạch số 30-KH/HU ngày 15/02/2017 thực hiện Nghị quyết số 05 (viết tắt là Kế hoạch 30).",
        );
        check(&c, "ke_hoach", Some("30-KH/HU"), Some("2017-02-15"), None);
        let c = one(
            "Tổ chức triển khai thực hiện Kết luận số 14-KL/TW ngày 22/9/2021 của Bộ Chính trị về chủ trương khuyến khích",
        );
        check(
            &c,
            "ket_luan",
            Some("14-KL/TW"),
            Some("2021-09-22"),
            Some("Bộ Chính trị"),
        );
        let c = one("Kết luận số 14-Kl/TW ngày 22/9/2021 của Bộ Chính trị");
        assert_eq!(c.number.as_deref(), Some("14-Kl/TW"), "kept as written");
        let c = one(
            "Theo đề nghị của Bộ trưởng Bộ Tư pháp tại Tờ trình số 34/TTr-BTP ngày 17 tháng 03 năm 2026;",
        );
        check(&c, "to_trinh", Some("34/TTr-BTP"), Some("2026-03-17"), None);
        let c = one(
            "Căn cứ Chương trình số 12-CTr/BCĐ ngày 30 tháng 12 năm 2025 của Ban Chỉ đạo Trung ương về hoàn thiện thể chế",
        );
        check(
            &c,
            "chuong_trinh",
            Some("12-CTr/BCĐ"),
            Some("2025-12-30"),
            Some("Ban Chỉ đạo Trung ương"),
        );
    }

    #[test]
    fn footnote_marker_glued_to_issuer() {
        let t = "giao cơ chế tự chủ theo Nghị định số 16/2015/NĐ-CP ngày 14/02/2015 của Chính phủ1 cho các đơn vị sự nghiệp";
        let c = one(t);
        check(
            &c,
            "nghi_dinh",
            Some("16/2015/NĐ-CP"),
            Some("2015-02-14"),
            Some("Chính phủ"),
        );
        assert_eq!(
            c.text,
            "Nghị định số 16/2015/NĐ-CP ngày 14/02/2015 của Chính phủ"
        );
        spans_ok(t, &[c]);
    }

    #[test]
    fn footnote_marker_glued_to_number() {
        for (t, n) in [
            (
                "Thường xuyên Nghị quyết số 66- NQ/TW, Nghị quyết số 140/NQ-CP2 1 Nghị",
                "140/NQ-CP",
            ),
            (
                "Báo cáo hằng năm 2026 và hằng năm Nghị quyết số 66-NQ/TW1 2 Thực hiện",
                "66-NQ/TW",
            ),
            (
                "được thực hiện Thường xuyên Chương trình số 12- CTr/BCĐ3 5 Chủ động",
                "12-CTr/BCĐ",
            ),
            (
                "Tháng 6/2026 Nghị định số 09/2026/NĐ- CP4 14 Xây dựng",
                "09/2026/NĐ-CP",
            ),
        ] {
            let v = cites(t);
            let c = v.last().unwrap();
            assert_eq!(c.number.as_deref(), Some(n), "{t}");
            assert!(
                !c.text.ends_with(|ch: char| ch.is_ascii_digit()),
                "{:?}",
                c.text
            );
            spans_ok(t, &v);
        }
        for t in [
            "Thường xuyên Nghị quyết số 66- Thực hiện nghiêm",
            "Chương trình số 12- trương, định hướng",
            "Nghị quyết số 12-nq/tu",
        ] {
            assert!(cites(t).is_empty(), "{t}: a cut cell is not a ký hiệu");
        }
        let v = cites("Nghị quyết số 66- NQ/TW, Nghị quyết số 140/NQ-CP2");
        assert_eq!(
            v[0].number.as_deref(),
            Some("66-NQ/TW"),
            "wrap space removed"
        );
        assert_eq!(v[0].text, "Nghị quyết số 66- NQ/TW", "text as written");
    }

    #[test]
    fn numbers_ending_in_a_legislature() {
        let c = one("theo Nghị quyết số 197/2025/QH15 ngày 17/5/2025 của Quốc hội và Nghị định");
        check(
            &c,
            "nghi_quyet",
            Some("197/2025/QH15"),
            Some("2025-05-17"),
            Some("Quốc hội"),
        );
        let v =
            cites("Chương trình số 12- CTr/BCĐ, Nghị quyết số 119/2026/ UBTVQH15 22 Thể chế hóa");
        assert_eq!(v[1].number.as_deref(), Some("119/2026/UBTVQH15"));
        let v = cites("Luật số 80/2015/QH131 ngày 22/6/2015");
        assert_eq!(v[0].number.as_deref(), Some("80/2015/QH13"));
        assert_eq!(v[0].kind, "luat");
    }

    #[test]
    fn date_forms() {
        for (t, d) in [
            (
                "Quyết định số 1406/QĐ-UBND ngày 20 / 10 /2021 của UBND thị xã)",
                "2021-10-20",
            ),
            ("Nghị quyết số 04-NQ/TU ngày 15-7-2021", "2021-07-15"),
            (
                "Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của Chính phủ.",
                "2021-12-06",
            ),
        ] {
            assert_eq!(one(t).date.as_deref(), Some(d), "{t}");
        }
        let c = one("Quyết định số 1406/QĐ-UBND ngày 20 / 10 /2021 của UBND thị xã)");
        assert_eq!(c.issuer.as_deref(), Some("UBND thị xã"));
        let c = one("Nghị quyết số 04-NQ/TU ngày 31/4/2021 của Tỉnh ủy");
        assert_eq!(c.date, None, "invalid date ignored");
        assert_eq!(c.text, "Nghị quyết số 04-NQ/TU");
    }

    #[test]
    fn number_without_so() {
        let c = one("thực hiện TTHC theo Nghị định 45/2020/NĐ-CP trên môi trường điện tử");
        check(&c, "nghi_dinh", Some("45/2020/NĐ-CP"), None, None);
        let c = one("Nghị định số: 130/2005/NĐ-CP ngày 17/10/2005, đối với");
        check(
            &c,
            "nghi_dinh",
            Some("130/2005/NĐ-CP"),
            Some("2005-10-17"),
            None,
        );
    }

    #[test]
    fn back_references_are_not_citations() {
        for t in [
            "xây dựng Chương trình hành động thực hiện Nghị quyết 04 với những nội dung chủ yếu",
            "thực hiện Nghị quyết số 05 (viết tắt là Kế hoạch 30). Qua 05 năm thực hiện Nghị quyết 05, Kế hoạch 30,",
            "Kế hoạch CCHC giai đoạn 2021-2025",
            "Căn cứ Nghị quyết Đại hội đại biểu Đảng bộ thị xã Hương Trà lần thứ XIV, nhiệm kỳ 2020 - 2025;",
            "CÔNG BÁO/Số 238/Ngày 21-04-2026",
            "SỔ NỘI VỤ Số: 122 ĐẾN Ngày 20/10/2021",
            "các văn bản quy phạm pháp luật được ban hành",
            "Quyết định của Thủ tướng Chính phủ phê duyệt Đề án",
            "chỉ số CCHC năm 2021",
            "Luật sư tư vấn",
        ] {
            assert!(cites(t).is_empty(), "{t:?} gave {:#?}", cites(t));
        }
    }

    #[test]
    fn laws_by_name() {
        let c = one("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;");
        check(&c, "luat", None, Some("2015-06-19"), None);
        assert_eq!(
            c.text,
            "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"
        );
        let c = one("theo quy định của Luật Cán bộ, công chức và các văn bản hướng dẫn");
        assert_eq!(c.text, "Luật Cán bộ, công chức");
        let c = one("Luật Ban hành văn bản quy phạm pháp luật.");
        assert_eq!(c.text, "Luật Ban hành văn bản quy phạm pháp luật");
        let c = one("theo Luật Đất đai, tạo điều kiện thuận lợi");
        assert_eq!(c.text, "Luật Đất đai");
        let c = one("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;");
        check(&c, "luat", None, Some("2025-02-18"), None);
        assert_eq!(c.text, "Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025");
        let c = one("Luật Khoa học và Công nghệ (sửa đổi)");
        assert_eq!(c.text, "Luật Khoa học và Công nghệ");
        let c = one("Bộ luật Lao động năm 2019 quy định");
        assert_eq!(
            (c.kind.as_str(), c.text.as_str()),
            ("bo_luat", "Bộ luật Lao động")
        );
    }

    #[test]
    fn laws_by_name_stop_conservatively() {
        let v = cites("Luật Cán bộ, công chức, Luật Viên chức để thực hiện");
        let texts: Vec<_> = v.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, vec!["Luật Cán bộ, công chức", "Luật Viên chức"]);
        let t = "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;";
        let v = cites(t);
        assert_eq!(v.len(), 2, "{v:#?}");
        assert_eq!(
            v[0].text,
            "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ"
        );
        assert_eq!(v[1].date.as_deref(), Some("2019-11-22"));
        spans_ok(t, &v);
        assert!(
            cites("LUẬT TỔ CHỨC CHÍNH PHỦ").is_empty(),
            "a title in capitals"
        );
        assert!(cites("Luật pháp").is_empty());
    }

    #[test]
    fn issuer_bounds() {
        let c = one(
            "Nghị quyết số 04-NQ/TU ngày 18/10/2021 của Hội nghị Tỉnh ủy lần thứ 5 (khóa XX) về đẩy mạnh",
        );
        assert_eq!(
            c.issuer.as_deref(),
            Some("Hội nghị Tỉnh ủy lần thứ 5 (khóa XX)")
        );
        let c = one(
            "Quyết định số 2243/QĐ-UBND ngày 10 tháng 9 năm 2021 của UBND tỉnh Thừa Thiên Huế về việc ban hành",
        );
        assert_eq!(c.issuer.as_deref(), Some("UBND tỉnh Thừa Thiên Huế"));
        let c = one(
            "theo Nghị quyết số 68-NQ/TW của Bộ Chính trị Bộ Tài chính Các bộ, cơ quan ngang bộ",
        );
        check(
            &c,
            "nghi_quyet",
            Some("68-NQ/TW"),
            None,
            Some("Bộ Chính trị"),
        );
        let c = one("tư nhân theo Nghị quyết số 68-NQ/TW của Bộ Chính trị pháp lớn để thể chế hóa");
        assert_eq!(
            c.issuer.as_deref(),
            Some("Bộ Chính trị"),
            "cells of a flattened table"
        );
        let c = one(
            "Kết luận số 218-KL/TW, ngày 24/11/2025 của Bộ Chính trị Kỳ họp thứ nhất Quốc hội khóa XVI",
        );
        assert_eq!(c.issuer.as_deref(), Some("Bộ Chính trị"));
        let c = one(
            "Nghị quyết số 12/NQ-HĐND ngày 10/12/2021 của Hội đồng nhân dân tỉnh Đắk Lắk khóa X về",
        );
        assert_eq!(
            c.issuer.as_deref(),
            Some("Hội đồng nhân dân tỉnh Đắk Lắk khóa X")
        );
        let c = one(
            "Nghị quyết số 18-NQ/TW của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII về",
        );
        assert_eq!(
            c.issuer.as_deref(),
            Some("Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII")
        );
        let c = one(
            "Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số",
        );
        assert_eq!(c.issuer.as_deref(), Some("Thủ tướng Chính phủ"));
        let c = one("Quyết định số 12/QĐ-BTP của Bộ trưởng Bộ Tư pháp.");
        assert_eq!(c.issuer.as_deref(), Some("Bộ trưởng Bộ Tư pháp"));
        let c =
            one("Nghị quyết số 09-NQ/TU ngày 23/9/2021 của Thị uỷ Hương Trà về việc điều chỉnh");
        assert_eq!(c.issuer.as_deref(), Some("Thị uỷ Hương Trà"));
        let c = one("Kế hoạch số 12/KH-UBND của tỉnh");
        assert_eq!(c.issuer, None, "an issuer starts with a capital");
        let c = one("Quyết định số 5/QĐ-UBND của UBND tỉnh Bà Rịa - Vũng Tàu;");
        assert_eq!(c.issuer.as_deref(), Some("UBND tỉnh Bà Rịa - Vũng Tàu"));
    }

    #[test]
    fn title_in_capitals() {
        let c = one(
            "THỰC HIỆN NGHỊ QUYẾT SỐ 66-NQ/TW NGÀY 30 THÁNG 4 NĂM 2025 CỦA BỘ CHÍNH TRỊ VỀ ĐỔI MỚI CÔNG TÁC",
        );
        check(
            &c,
            "nghi_quyet",
            Some("66-NQ/TW"),
            Some("2025-04-30"),
            Some("BỘ CHÍNH TRỊ"),
        );
    }

    #[test]
    fn same_series_borrows_issuer_across_va() {
        let t = "Thể chế hóa Kết luận số 182-KL/TW, ngày 29/7/2025 và Kết luận số 218-KL/TW, ngày 24/11/2025 của Bộ Chính trị Bộ Công an";
        let v = cites(t);
        assert_eq!(v.len(), 2);
        check(
            &v[0],
            "ket_luan",
            Some("182-KL/TW"),
            Some("2025-07-29"),
            Some("Bộ Chính trị"),
        );
        check(
            &v[1],
            "ket_luan",
            Some("218-KL/TW"),
            Some("2025-11-24"),
            Some("Bộ Chính trị"),
        );
        // A different series does not borrow.
        let v = cites("Nghị quyết số 66-NQ/TW, Nghị quyết số 140/NQ-CP của Chính phủ");
        assert_eq!(v[0].issuer, None);
        assert_eq!(v[1].issuer.as_deref(), Some("Chính phủ"));
    }

    #[test]
    fn other_kinds() {
        for (t, k) in [
            ("Thông tư số 01/2023/TT-BNV ngày 01/3/2023", "thong_tu"),
            ("Công văn số 1234/UBND-NV", "cong_van"),
            ("Hướng dẫn số 12-HD/BTGTU", "huong_dan"),
            ("Thông báo số 123-TB/TU", "thong_bao"),
            ("Quy định số 08-QĐi/TW", "quy_dinh"),
            (
                "Chỉ thị số 03/CT-UBND ngày 20/01/2021 của UBND tỉnh về việc",
                "chi_thi",
            ),
            (
                "Chương trình hành động số 15-CTr/TU",
                "chuong_trinh_hanh_dong",
            ),
            (
                "theo Nghị quyết liên tịch số 09/2008/NQLT-CP-UBTWMTTQVN",
                "nghi_quyet_lien_tich",
            ),
        ] {
            assert_eq!(one(t).kind, k, "{t}");
        }
    }

    #[test]
    fn is_doc_number_tokens() {
        assert!(is_doc_number("45/2020/NĐ-CP"));
        assert!(is_doc_number("04-NQ/TU,"));
        assert!(is_doc_number("140/NQ-CP2"));
        assert!(!is_doc_number("15/4/2023"));
        assert!(!is_doc_number("2021-2025"));
        assert!(!is_doc_number("Chính"));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let pieces = [
            "Nghị quyết",
            " số ",
            "04",
            "-",
            "NQ",
            "/",
            "TU",
            "1",
            " ngày ",
            "15/7/2021",
            " của ",
            "Chính phủ",
            ",",
            " và ",
            "Luật",
            " Cán bộ",
            "(khóa",
            ")",
            "–",
            "Đ",
            "uỷ",
            "\u{301}",
            "İ",
            "\n",
            "9999999",
            "Bộ",
            "Các",
            "  ",
            "thứ",
            "ß",
        ];
        let mut seed = 987654321u64;
        for _ in 0..4000 {
            let mut s = String::new();
            for _ in 0..(seed % 16) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let v = cites(&s);
            spans_ok(&s, &v);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_string(s in "(\\PC|Nghị quyết số |Luật |của |ngày |uỷ|Đ|[0-9/ -]){0,40}") {
            let v = cites(&s);
            spans_ok(&s, &v);
        }
    }

    #[test]
    fn long_input_is_linear() {
        let unit = "Nghị định số 107/2020/NĐ-CP, số 108/2020/NĐ-CP ngày 14/9/2020 của Chính phủ và Luật Cán bộ, công chức; Nghị quyết 04 ";
        let t = unit.repeat(3000);
        let started = std::time::Instant::now();
        let v = cites(&t);
        assert_eq!(v.len(), 3 * 3000);
        assert!(started.elapsed().as_secs() < 5);
        let t = "Nghị quyết ".repeat(20000) + &"1/".repeat(20000);
        let _ = cites(&t);
        assert!(started.elapsed().as_secs() < 10);
    }
}
