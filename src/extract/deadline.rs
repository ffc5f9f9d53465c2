//! Deadlines: the date, month, quarter or year by which something must happen, and how often a
//! duty repeats (trước ngày 15 tháng 4 năm 2023, đến năm 2025, Quý IV/2026, hằng năm, …).
//!
//! # Where they occur
//!
//! In the body of plans, programmes and directives, attached to a duty or a target: at the end
//! of a duty ("… gửi UBND thị xã trước ngày 15 tháng 4 năm 2023"), opening a target ("Đến năm
//! 2025, …", "Trong năm 2022, hoàn thành …"), in the reporting clause ("báo cáo … hàng quý, 6
//! tháng và hàng năm") and, in appendix task tables, alone in the "Thời gian hoàn thành" cell
//! ("Quý IV/2026", "Tháng 3/2026", "2026 và hằng năm"). Many dates are *not* deadlines: the
//! date of a cited document (the caller passes citation spans in `exclude`), a scope cut-off
//! ("tính đến hết ngày 31 tháng 5 năm 2020"), a baseline ("so với năm 2021"), a period
//! ("giai đoạn 2021 - 2025", "từ năm 2021 đến năm 2025"), a plain dated line ("Hà Nội, ngày …").
//!
//! # Grammar (non-normative)
//!
//! ```text
//! deadline  = trigger filler* expr [recurring]   ; trước ngày 15/4/2023 · đến hết năm 2025
//!           | bare-expr                           ; Quý IV/2026 · Tháng 3/2026   (year required)
//!           | [year "và"] recurring               ; hằng năm · 2026 và hằng năm
//!           | cue cued | recurring sep cued       ; báo cáo 6 tháng · hàng quý, 6 tháng và hàng năm
//!           | ^ ["năm"] Y $                        ; a text that is only a year: a table cell
//! expr      = day | month | quarter | year | bareyear
//! day       = ["ngày"] D sep M [sep Y]            ; sep = "/" | "-" | ".", spaces allowed
//!           | "ngày" D "tháng" M ["năm" Y]
//! month     = "tháng" M [("/" | "-") Y | "năm" Y]
//! quarter   = "quý" (I | II | III | IV | 1–4) ["/" Y | "năm" Y]
//! year      = "năm" Y
//! not       = skip-phrase expr                    ; tính đến …, so với năm …, giai đoạn …, ngày …
//!           | expr ("-" | "đến") expr             ; a period
//! ```
//!
//! The phrases (triggers and their kinds, fillers, skip phrases, recurrences) are data:
//! `grammars/deadline_phrases.tsv`. A day and month without a year take the year of the
//! sentence ("Năm 2023, hoàn thành … trước ngày 15 tháng 4") or else the caller's context year.
//!
//! Samples from the corpus:
//!
//! ```text
//! … gửi báo cáo kiểm điểm về UBND thị xã (qua phòng Nội vụ) trước ngày 15 tháng 4 năm 2023;
//! Trong năm 2021, hoàn thành phê duyệt Đề án vị trí việc làm …
//! Định kỳ hàng quý, 6 tháng, hàng năm hoặc đột xuất báo cáo UBND thị xã …
//! ```
//!
//! References: Nghị định 30/2020/NĐ-CP on văn thư (Phụ lục I: how dates are written, "ngày …
//! tháng … năm …"); Nghị định 09/2019/NĐ-CP on the reporting regime (báo cáo định kỳ hằng
//! quý, 6 tháng, hằng năm).
//!
//! This module also holds the date reader shared with [`super::citation`]: [`parse_date`].

use crate::lexicon::{Table, WordPhrases};
use crate::model::{Deadline, DeadlineKind, Recurrence};
use crate::source::{fold_key, is_alnum, is_letter};
use crate::span::Span;
use crate::text::space_len;
use once_cell::sync::Lazy;
use regex::Regex;

/// What the caller knows around the text.
#[derive(Clone, Debug, Default)]
pub(crate) struct DeadlineContext {
    /// The year of the enclosing sentence or paragraph, for a day-month without a year.
    pub year: Option<i32>,
}

// ---------------------------------------------------------------------------------------------
// Small scanners over the folded key (ASCII digits and separators; every position they return
// is a char boundary of both the key and the text, which share byte positions).
// ---------------------------------------------------------------------------------------------

/// Skip spaces and tabs from `p`.
pub(crate) fn skip_ws(s: &str, p: usize) -> usize {
    let b = s.as_bytes();
    let mut p = p.min(b.len());
    while p < b.len() && (b[p] == b' ' || b[p] == b'\t') {
        p += 1;
    }
    p
}

/// End of `w` when `s` has it at `p` as a whole word (not followed by a letter or digit).
pub(crate) fn word_at(s: &str, p: usize, w: &str) -> Option<usize> {
    let rest = s.get(p..)?;
    // Most calls try many phrases at one position: the first byte turns down nearly all of them.
    if w.is_empty() || rest.as_bytes().first() != w.as_bytes().first() || !rest.starts_with(w) {
        return None;
    }
    let end = p + w.len();
    match s[end..].chars().next() {
        Some(c) if is_alnum(c) => None,
        _ => Some(end),
    }
}

/// A run of ASCII digits at `p` whose length is within `min..=max` (the whole run, so "2021"
/// is never read as "20"), with its value and end.
fn number(s: &str, p: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    let b = s.as_bytes();
    let mut e = p;
    while e < b.len() && b[e].is_ascii_digit() {
        e += 1;
        if e - p > max {
            return None;
        }
    }
    if e - p < min {
        return None;
    }
    let v = s.get(p..e)?.parse().ok()?;
    Some((v, e))
}

/// A four-digit year at `p` in 1900–2100.
fn year4(s: &str, p: usize) -> Option<(i32, usize)> {
    let (y, e) = number(s, p, 4, 4)?;
    (1900..=2100).contains(&y).then_some((y as i32, e))
}

/// A date separator at `p`: "/", "-" or ".".
fn date_sep(s: &str, p: usize) -> Option<u8> {
    match s.as_bytes().get(p) {
        Some(&c @ (b'/' | b'-' | b'.')) => Some(c),
        _ => None,
    }
}

/// The byte length of a dash at `p`: "-", "–" or "—".
fn dash_len(s: &str, p: usize) -> Option<usize> {
    let rest = s.get(p..)?;
    if rest.starts_with('-') {
        Some(1)
    } else if rest.starts_with('–') || rest.starts_with('—') {
        Some(3)
    } else {
        None
    }
}

/// Days in `month` of `year` (a leap year when unknown).
fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

/// ISO 8601 of a valid date.
pub(crate) fn iso_date(year: i32, month: u8, day: u8) -> Option<String> {
    let ok = (1..=12).contains(&month)
        && day >= 1
        && u32::from(day) <= days_in_month(Some(year), u32::from(month));
    ok.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// A calendar date read from text: day, month and, when written, year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DateMatch {
    /// One past the last byte read.
    pub end: usize,
    /// Day of month, 1–31.
    pub day: u8,
    /// Month, 1–12.
    pub month: u8,
    /// The year, when written.
    pub year: Option<i32>,
}

impl DateMatch {
    /// ISO 8601 when the year is written and the date exists.
    pub(crate) fn iso(&self) -> Option<String> {
        iso_date(self.year?, self.month, self.day)
    }
}

/// Read a date at `at` in `key` (folded text; see [`crate::source::fold_key`]).
///
/// With the word "ngày": `ngày 15/7/2021`, `ngày 15-7-2021`, `ngày 20 / 10 /2021`,
/// `ngày 15 tháng 7 năm 2021`, and without a year `ngày 15/7`, `ngày 15 tháng 7`. Without
/// "ngày" only the numeric form with a year (`15/7/2021`). Invalid dates (31/4, 29/2/2023,
/// month 13) give `None`.
pub(crate) fn parse_date(key: &str, at: usize) -> Option<DateMatch> {
    let (p, had_word) = match word_at(key, at, "ngày") {
        Some(e) => (skip_ws(key, e), true),
        None => (at, false),
    };
    let (day, p) = number(key, p, 1, 2)?;
    let valid = |d: u32, m: u32, y: Option<i32>, end: usize| {
        ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some(DateMatch {
            end,
            day: d as u8,
            month: m as u8,
            year: y,
        })
    };
    let q = skip_ws(key, p);
    if let Some(sep) = date_sep(key, q) {
        let (month, r) = number(key, skip_ws(key, q + 1), 1, 2)?;
        let s = skip_ws(key, r);
        if date_sep(key, s) == Some(sep) {
            if let Some((y, e)) = year4(key, skip_ws(key, s + 1)) {
                return valid(day, month, Some(y), e);
            }
            // "15/7/21", "15/7/20212": a year is written but not readable.
            if key
                .as_bytes()
                .get(skip_ws(key, s + 1))
                .is_some_and(u8::is_ascii_digit)
            {
                return None;
            }
        }
        return if had_word {
            valid(day, month, None, r)
        } else {
            None
        };
    }
    if !had_word || q == p {
        return None;
    }
    let r = skip_ws(key, word_at(key, q, "tháng")?);
    let (month, r) = number(key, r, 1, 2)?;
    let s = skip_ws(key, r);
    if s > r
        && let Some(e) = word_at(key, s, "năm")
        && let Some((y, e)) = year4(key, skip_ws(key, e))
    {
        return valid(day, month, Some(y), e);
    }
    if key.as_bytes().get(s) == Some(&b'/')
        && let Some((y, e)) = year4(key, skip_ws(key, s + 1))
    {
        return valid(day, month, Some(y), e);
    }
    valid(day, month, None, r)
}

// ---------------------------------------------------------------------------------------------
// Time expressions
// ---------------------------------------------------------------------------------------------

/// What a time expression names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    /// A day: ngày 15/4/2023.
    Day,
    /// A month: tháng 6/2026.
    Month,
    /// A quarter: quý IV/2026.
    Quarter,
    /// Half a year: 6 tháng đầu năm 2026.
    Half,
    /// A year: năm 2025.
    Year,
    /// A year alone: 2025.
    BareYear,
}

impl Unit {
    fn parse(s: &str) -> Option<Unit> {
        Some(match s {
            "day" => Unit::Day,
            "month" => Unit::Month,
            "quarter" => Unit::Quarter,
            "half" => Unit::Half,
            "year" => Unit::Year,
            "bareyear" => Unit::BareYear,
            _ => return None,
        })
    }
}

/// A time expression read from the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Expr {
    unit: Unit,
    end: usize,
    day: Option<u8>,
    month: Option<u8>,
    quarter: Option<u8>,
    year: Option<i32>,
}

/// The folded unit words (fold_key moves the tone of "quý" to "qúy").
static UNIT_WORDS: Lazy<[String; 4]> = Lazy::new(|| ["ngày", "tháng", "quý", "năm"].map(fold_key));

/// "tháng M", "tháng M/YYYY", "tháng M năm YYYY".
fn parse_month(key: &str, at: usize) -> Option<Expr> {
    let e = word_at(key, at, &UNIT_WORDS[1])?;
    let p = skip_ws(key, e);
    if p == e {
        return None;
    }
    let (m, p) = number(key, p, 1, 2)?;
    if !(1..=12).contains(&m) {
        return None;
    }
    let mut x = Expr {
        unit: Unit::Month,
        end: p,
        day: None,
        month: Some(m as u8),
        quarter: None,
        year: None,
    };
    let q = skip_ws(key, p);
    if matches!(key.as_bytes().get(q), Some(b'/' | b'-' | b'.')) {
        // "tháng 6/2026"; a separator not followed by a year ("tháng 5-6/2026") is not a month.
        let (y, e) = year4(key, skip_ws(key, q + 1))?;
        x.year = Some(y);
        x.end = e;
    } else if q > p
        && let Some(e) = word_at(key, q, &UNIT_WORDS[3])
        && let Some((y, e)) = year4(key, skip_ws(key, e))
    {
        x.year = Some(y);
        x.end = e;
    }
    Some(x)
}

/// "quý IV", "quý IV/2026", "quý I năm 2026", "quý 2/2026".
fn parse_quarter(key: &str, at: usize) -> Option<Expr> {
    let e = word_at(key, at, &UNIT_WORDS[2])?;
    let p = skip_ws(key, e);
    if p == e {
        return None;
    }
    let numeral = |p: usize| {
        ["iv", "iii", "ii", "i", "1", "2", "3", "4"]
            .iter()
            .zip([4u8, 3, 2, 1, 1, 2, 3, 4])
            .find_map(|(w, n)| word_at(key, p, w).map(|e| (n, e)))
    };
    let (mut q, mut p) = numeral(p)?;
    // "Quý II, III/2027", "quý III và IV năm 2026": quarters that share a year; the deadline is
    // the last. The list stands only if the year follows it.
    let mut listed = (q, p);
    for _ in 0..3 {
        let s = skip_ws(key, listed.1);
        let after_sep = match key.as_bytes().get(s) {
            Some(b',') => s + 1,
            _ => match word_at(key, s, "và") {
                Some(e) => e,
                None => break,
            },
        };
        match numeral(skip_ws(key, after_sep)) {
            Some(next) => listed = next,
            None => break,
        }
    }
    if listed.1 > p {
        let s = skip_ws(key, listed.1);
        let year_follows = matches!(key.as_bytes().get(s), Some(b'/' | b'-'))
            || (s > listed.1 && word_at(key, s, &UNIT_WORDS[3]).is_some());
        if year_follows {
            (q, p) = listed;
        }
    }
    let mut x = Expr {
        unit: Unit::Quarter,
        end: p,
        day: None,
        month: None,
        quarter: Some(q),
        year: None,
    };
    let s = skip_ws(key, p);
    if matches!(key.as_bytes().get(s), Some(b'/' | b'-')) {
        let (y, e) = year4(key, skip_ws(key, s + 1))?;
        x.year = Some(y);
        x.end = e;
    } else if s > p
        && let Some(e) = word_at(key, s, &UNIT_WORDS[3])
        && let Some((y, e)) = year4(key, skip_ws(key, e))
    {
        x.year = Some(y);
        x.end = e;
    }
    Some(x)
}

/// "6 tháng đầu năm", "sáu tháng cuối năm 2026": the first or the second half of a year.
fn parse_half(key: &str, at: usize) -> Option<Expr> {
    let e = ["6", "06", "sáu"]
        .iter()
        .find_map(|w| word_at(key, at, w))?;
    let mut end = e;
    for words in [
        &[UNIT_WORDS[1].as_str()][..],
        &["đầu", "cuối"],
        &[UNIT_WORDS[3].as_str()],
    ] {
        let p = skip_ws(key, end);
        end = words
            .iter()
            .find_map(|w| word_at(key, p, w))
            .filter(|_| p > end)?;
    }
    let mut x = Expr {
        unit: Unit::Half,
        end,
        day: None,
        month: None,
        quarter: None,
        year: None,
    };
    let p = skip_ws(key, end);
    if p > end
        && let Some((y, e)) = year4(key, p)
    {
        x.year = Some(y);
        x.end = e;
    }
    Some(x)
}

/// A time expression at `at`. `loose_year` accepts a bare year whatever follows it (the end of
/// a period "2021 - 2025"); otherwise a bare year must be followed by punctuation or the end.
fn parse_expr(key: &str, at: usize, loose_year: bool) -> Option<Expr> {
    let b = key.as_bytes();
    if word_at(key, at, &UNIT_WORDS[0]).is_some() {
        if let Some(d) = parse_date(key, at) {
            return Some(Expr {
                unit: Unit::Day,
                end: d.end,
                day: Some(d.day),
                month: Some(d.month),
                quarter: None,
                year: d.year,
            });
        }
        // "ngày 20" alone: only meaningful before "hằng tháng"; the caller checks.
        let p = skip_ws(key, at + UNIT_WORDS[0].len());
        let (d, e) = number(key, p, 1, 2)?;
        return (p > at + UNIT_WORDS[0].len() && (1..=31).contains(&d)).then_some(Expr {
            unit: Unit::Day,
            end: e,
            day: Some(d as u8),
            month: None,
            quarter: None,
            year: None,
        });
    }
    if let Some(x) = parse_month(key, at)
        .or_else(|| parse_quarter(key, at))
        .or_else(|| parse_half(key, at))
    {
        return Some(x);
    }
    if let Some(e) = word_at(key, at, &UNIT_WORDS[3]) {
        let p = skip_ws(key, e);
        let (y, e) = year4(key, p).filter(|_| p > e)?;
        return Some(Expr {
            unit: Unit::Year,
            end: e,
            day: None,
            month: None,
            quarter: None,
            year: Some(y),
        });
    }
    if b.get(at).is_some_and(u8::is_ascii_digit) {
        if let Some(d) = parse_date(key, at) {
            return Some(Expr {
                unit: Unit::Day,
                end: d.end,
                day: Some(d.day),
                month: Some(d.month),
                quarter: None,
                year: d.year,
            });
        }
        let (y, e) = year4(key, at)?;
        let ok = loose_year
            || match b.get(e) {
                None => true,
                Some(b';' | b':' | b')' | b'\n') => true,
                Some(b',' | b'.') => !b.get(e + 1).is_some_and(u8::is_ascii_digit),
                _ => false,
            };
        return ok.then_some(Expr {
            unit: Unit::BareYear,
            end: e,
            day: None,
            month: None,
            quarter: None,
            year: Some(y),
        });
    }
    None
}

/// When a time expression ending at `e` is the start of a period ("2021 - 2025", "từ năm 2021
/// đến năm 2025"), the time expression that ends the period.
fn period_end(key: &str, e: usize) -> Option<Expr> {
    let q = skip_ws(key, e);
    if let Some(d) = dash_len(key, q) {
        let r = skip_ws(key, q + d);
        return parse_expr(key, r, true);
    }
    if q > e {
        for w in ["đến", "tới"] {
            if let Some(w_end) = word_at(key, q, w) {
                let mut r = skip_ws(key, w_end);
                if let Some(h) = word_at(key, r, "hết") {
                    r = skip_ws(key, h);
                }
                return parse_expr(key, r, true);
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Grammar
// ---------------------------------------------------------------------------------------------

/// What a phrase of `deadline_phrases.tsv` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Trigger,
    Bare,
    Skip,
    Range,
    Filler,
    Recurring,
    Cued,
    Cue,
}

/// One row of `deadline_phrases.tsv`.
#[derive(Clone, Debug)]
struct Row {
    role: Role,
    kind: Option<DeadlineKind>,
    units: Vec<Unit>,
    recurrence: Option<Recurrence>,
}

/// The deadline phrases, loaded once.
struct Grammar {
    /// Folded phrase (single spaces) → its rows.
    rows: Table<String, Vec<Row>>,
    /// Every phrase that starts something (trigger, bare, skip, recurring, cued), longest first.
    scan: WordPhrases,
    fillers: Vec<String>,
    cues: Vec<String>,
    recurring: Vec<(String, Recurrence)>,
}

fn parse_kind(s: &str) -> Option<DeadlineKind> {
    Some(match s {
        "before" => DeadlineKind::Before,
        "by" => DeadlineKind::By,
        "on" => DeadlineKind::On,
        "during" => DeadlineKind::During,
        "from" => DeadlineKind::From,
        "recurring" => DeadlineKind::Recurring,
        _ => return None,
    })
}

fn parse_recurrence(s: &str) -> Option<Recurrence> {
    Some(match s {
        "yearly" => Recurrence::Yearly,
        "quarterly" => Recurrence::Quarterly,
        "semiannual" => Recurrence::Semiannual,
        "monthly" => Recurrence::Monthly,
        _ => return None,
    })
}

/// A phrase as matched: folded, words joined by single spaces.
fn norm_phrase(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

static GRAMMAR: Lazy<Grammar> = Lazy::new(|| {
    let mut rows: Table<String, Vec<Row>> = Table::default();
    for r in crate::lexicon::rows(crate::grammar!("deadline_phrases.tsv")) {
        let role = match r[1] {
            "trigger" => Role::Trigger,
            "bare" => Role::Bare,
            "skip" => Role::Skip,
            "range" => Role::Range,
            "filler" => Role::Filler,
            "recurring" => Role::Recurring,
            "cued" => Role::Cued,
            "cue" => Role::Cue,
            _ => continue,
        };
        let row = Row {
            role,
            kind: parse_kind(r[2]),
            units: r[3].split_whitespace().filter_map(Unit::parse).collect(),
            recurrence: parse_recurrence(r[4]),
        };
        rows.entry(norm_phrase(&fold_key(r[0])))
            .or_default()
            .push(row);
    }
    let with = |role: Role| -> Vec<String> {
        let mut v: Vec<String> = rows
            .iter()
            .filter(|(_, rs)| rs.iter().any(|r| r.role == role))
            .map(|(p, _)| p.clone())
            .collect();
        v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        v
    };
    let scanned: Vec<String> = rows
        .iter()
        .filter(|(_, rs)| {
            rs.iter()
                .any(|r| !matches!(r.role, Role::Filler | Role::Cue))
        })
        .map(|(p, _)| p.clone())
        .collect();
    let scan = WordPhrases::new(&scanned);
    let recurring = with(Role::Recurring)
        .into_iter()
        .filter_map(|p| {
            let rec = rows[&p].iter().find_map(|r| {
                (r.role == Role::Recurring)
                    .then_some(r.recurrence)
                    .flatten()
            })?;
            Some((p, rec))
        })
        .collect();
    Grammar {
        fillers: with(Role::Filler),
        cues: with(Role::Cue),
        recurring,
        scan,
        rows,
    }
});

/// The first of `phrases` (longest first) that `key` has at `p` as whole words; its end.
fn phrase_at(key: &str, p: usize, phrases: &[String]) -> Option<usize> {
    phrases.iter().find_map(|w| word_at(key, p, w))
}

/// A recurring phrase at `p`: its end and recurrence.
fn recurring_at(key: &str, p: usize) -> Option<(usize, Recurrence)> {
    GRAMMAR
        .recurring
        .iter()
        .find_map(|(w, r)| word_at(key, p, w).map(|e| (e, *r)))
}

// ---------------------------------------------------------------------------------------------
// Context: excluded spans and the year of each sentence
// ---------------------------------------------------------------------------------------------

/// Spans sorted by start, with the running maximum of their ends, for overlap queries.
#[derive(Clone, Debug, Default)]
pub(crate) struct SpanSet {
    spans: Vec<Span>,
    max_end: Vec<usize>,
}

impl SpanSet {
    /// A set of the given spans.
    pub(crate) fn new(spans: &[Span]) -> SpanSet {
        let mut spans: Vec<Span> = spans.iter().copied().filter(|s| !s.is_empty()).collect();
        spans.sort();
        let mut m = 0;
        let max_end = spans
            .iter()
            .map(|s| {
                m = m.max(s.end);
                m
            })
            .collect();
        SpanSet { spans, max_end }
    }

    /// Whether `[a, b)` overlaps a span of the set.
    pub(crate) fn overlaps(&self, a: usize, b: usize) -> bool {
        let k = self.spans.partition_point(|s| s.start < b.max(a + 1));
        k > 0 && self.max_end[k - 1] > a
    }
}

/// Where the sentences of the text start and where "năm YYYY" is written.
struct Years {
    sentences: Vec<usize>,
    mentions: Vec<(usize, i32)>,
}

static YEAR_MENTION: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\bnăm[ \t]+([0-9]{4})\b").expect("valid regex"));

impl Years {
    fn new(key: &str, exclude: &SpanSet) -> Years {
        let mut sentences = vec![0];
        // The marks are ASCII, so the key is read as bytes.
        for (i, &c) in key.as_bytes().iter().enumerate() {
            // Letters, and every byte of a non-ASCII character, come after '?'.
            if c > b'?' {
                continue;
            }
            let next_ws = || i + 1 == key.len() || space_len(key, i + 1) > 0;
            if c == b'\n' || (matches!(c, b'.' | b'!' | b'?') && next_ws()) {
                sentences.push(i + 1);
            }
        }
        let mentions = YEAR_MENTION
            .captures_iter(key)
            .filter_map(|c| {
                let all = c.get(0)?;
                let y: i32 = c.get(1)?.as_str().parse().ok()?;
                ((1900..=2100).contains(&y) && !exclude.overlaps(all.start(), all.end()))
                    .then_some((all.start(), y))
            })
            .collect();
        Years {
            sentences,
            mentions,
        }
    }

    /// The last year written before `pos` in the same sentence.
    fn of_sentence(&self, pos: usize) -> Option<i32> {
        let s = self.sentences[self
            .sentences
            .partition_point(|&b| b <= pos)
            .saturating_sub(1)];
        let i = self.mentions.partition_point(|&(p, _)| p < pos);
        (i > 0 && self.mentions[i - 1].0 >= s).then(|| self.mentions[i - 1].1)
    }
}

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

/// Every deadline in `text` (matching key `key`), skipping the byte ranges in `exclude`
/// (citations); spans into `text`.
pub(crate) fn extract_deadlines(
    text: &str,
    key: &str,
    ctx: &DeadlineContext,
    exclude: &[Span],
) -> Vec<Deadline> {
    let exclude = SpanSet::new(exclude);
    let years = Years::new(key, &exclude);
    let scanner = Scanner {
        text,
        key,
        ctx,
        exclude: &exclude,
        years: &years,
    };
    if let Some(d) = scanner.time_cell() {
        return vec![d];
    }
    let mut out: Vec<Deadline> = Vec::new();
    let mut pos = 0;
    while pos < key.len() {
        let Some(m) = GRAMMAR.scan.find_at(key, pos) else {
            break;
        };
        let last_end = out.last().map_or(0, |d| d.span.end);
        match scanner.at(m.start, m.end, last_end) {
            Some((found, end)) => {
                out.extend(found);
                pos = end.max(m.end);
            }
            None => pos = m.end,
        }
    }
    out
}

/// One pass over a text.
struct Scanner<'a> {
    text: &'a str,
    key: &'a str,
    ctx: &'a DeadlineContext,
    exclude: &'a SpanSet,
    years: &'a Years,
}

impl Scanner<'_> {
    /// Read what the phrase matched at `[start, end)` introduces. `None`: nothing here, go on
    /// after the phrase; `Some((deadline, end))`: consumed up to `end`, maybe with a deadline.
    fn at(&self, start: usize, end: usize, last_end: usize) -> Option<(Option<Deadline>, usize)> {
        let key = self.key;
        let phrase = norm_phrase(&key[start..end]);
        let rows = GRAMMAR.rows.get(&phrase)?;
        if let Some(rec) = rows.iter().find_map(|r| {
            (r.role == Role::Recurring)
                .then_some(r.recurrence)
                .flatten()
        }) {
            let (s, year) = self
                .year_before(start, last_end)
                .map_or((start, None), |(s, y)| (s, Some(y)));
            let d = self.make(s, end, DeadlineKind::Recurring, None, year, Some(rec));
            return Some((d, end));
        }
        if let Some(rec) = rows
            .iter()
            .find_map(|r| (r.role == Role::Cued).then_some(r.recurrence).flatten())
        {
            return self.cued(start, end).then(|| {
                (
                    self.make(start, end, DeadlineKind::Recurring, None, None, Some(rec)),
                    end,
                )
            });
        }
        // Where the time expression starts: at the phrase's own unit word ("ngày", "tháng"),
        // else after the phrase and its fillers.
        let last_word = phrase.rsplit(' ').next().unwrap_or("");
        let expr_at = if UNIT_WORDS.iter().any(|u| u == last_word) {
            end - last_word.len()
        } else {
            let mut p = end;
            for _ in 0..3 {
                let q = skip_ws(key, p);
                match phrase_at(key, q, &GRAMMAR.fillers) {
                    Some(e) if q > p => p = e,
                    _ => break,
                }
            }
            let q = skip_ws(key, p);
            if q == p {
                return None;
            }
            q
        };
        if self.case_mismatch(start, end, expr_at) {
            return None;
        }
        let x = parse_expr(key, expr_at, false)?;
        let row = rows.iter().find(|r| {
            matches!(r.role, Role::Trigger | Role::Bare | Role::Skip) && r.units.contains(&x.unit)
        })?;
        if let Some(last) = period_end(key, x.end) {
            // A schedule in days, months or quarters ("Từ tháng 3 đến tháng 9/2026") ends at a
            // deadline.
            let range = rows.iter().find(|r| {
                r.role == Role::Range && r.units.contains(&x.unit) && r.units.contains(&last.unit)
            });
            let Some(kind) = range.and_then(|r| r.kind) else {
                return Some((None, last.end));
            };
            let year = last
                .year
                .or(x.year)
                .or_else(|| self.years.of_sentence(start).or(self.ctx.year));
            let d = self.make(start, last.end, kind, Some(&last), year, None);
            return Some((d, last.end));
        }
        if row.role == Role::Skip {
            return Some((None, x.end));
        }
        if row.role == Role::Bare && (x.year.is_none() || self.after_number(start)) {
            return None;
        }
        // A day or month without a year right before "hằng năm" / "hằng tháng" repeats.
        let mut stop = x.end;
        let mut rec = None;
        if x.year.is_none() && matches!(x.unit, Unit::Day | Unit::Month | Unit::Quarter) {
            let q = skip_ws(key, x.end);
            if let Some((e, r)) = recurring_at(key, q).filter(|_| q > x.end) {
                stop = e;
                rec = Some(r);
            }
        }
        if x.unit == Unit::Day && x.month.is_none() && rec != Some(Recurrence::Monthly) {
            return None;
        }
        let year = x.year.or_else(|| {
            if rec.is_some() {
                None
            } else {
                self.years.of_sentence(start).or(self.ctx.year)
            }
        });
        let d = self.make(start, stop, row.kind?, Some(&x), year, rec);
        Some((d, stop))
    }

    /// A text that is only a year, a half of one or a full date ("2026", "Năm 2026", "6 tháng
    /// đầu năm 2026", "30/9/2026"): the cell of a completion-time column of a task table, or
    /// the value of such a field. Anywhere else a bare year or date is not a deadline. A year
    /// is the time the work takes; a date, the day it is due by.
    fn time_cell(&self) -> Option<Deadline> {
        let key = self.key;
        let start = key.len() - key.trim_start().len();
        let end = key.trim_end().len();
        let x = parse_expr(key, start, true).filter(|x| x.end == end)?;
        let kind = match x.unit {
            Unit::Year | Unit::BareYear => DeadlineKind::During,
            Unit::Half if x.year.is_some() => DeadlineKind::During,
            Unit::Day if x.month.is_some() && x.year.is_some() => DeadlineKind::By,
            _ => return None,
        };
        self.make(start, end, kind, Some(&x), x.year, None)
    }

    /// A deadline over `[start, end)`, unless that range is excluded or follows a document number.
    fn make(
        &self,
        start: usize,
        end: usize,
        kind: DeadlineKind,
        x: Option<&Expr>,
        year: Option<i32>,
        recurrence: Option<Recurrence>,
    ) -> Option<Deadline> {
        if self.exclude.overlaps(start, end) || self.after_doc_number(start) {
            return None;
        }
        let text = self.text.get(start..end)?.to_string();
        let mut d = Deadline {
            section: None,
            text,
            kind,
            date: None,
            year,
            quarter: None,
            month: None,
            recurrence,
            span: Span::new(start, end),
        };
        if let Some(x) = x {
            d.quarter = x.quarter;
            d.month = x.month;
            if let (Some(day), Some(month), Some(y), None) = (x.day, x.month, year, recurrence)
                && let Some(iso) = iso_date(y, month, day)
            {
                d.date = Some(iso);
                d.month = None;
            }
        }
        Some(d)
    }

    /// "2026 và hằng năm": the year written right before a recurring phrase at `start`, when it
    /// belongs to nothing emitted; the start of the year (or of "năm") and the year.
    fn year_before(&self, start: usize, last_end: usize) -> Option<(usize, i32)> {
        let key = self.key;
        let before = key[..start].trim_end_matches([' ', '\t']);
        let before = before.strip_suffix("và")?;
        if before
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace())
        {
            return None;
        }
        let before = before.trim_end_matches([' ', '\t', ',']);
        let n = before.len();
        let b = before.as_bytes();
        if n < 4 || !b[n - 4..].iter().all(u8::is_ascii_digit) {
            return None;
        }
        if n > 4 && (b[n - 5].is_ascii_alphanumeric() || matches!(b[n - 5], b'/' | b'-' | b'.')) {
            return None;
        }
        let (y, _) = year4(key, n - 4)?;
        let mut s = n - 4;
        if s < last_end || self.exclude.overlaps(s, start) {
            return None;
        }
        let with_nam = key[..s].trim_end_matches([' ', '\t']);
        if with_nam.len() < s && with_nam.ends_with(UNIT_WORDS[3].as_str()) {
            let w = with_nam.len() - UNIT_WORDS[3].len();
            if w >= last_end && key[..w].chars().next_back().is_none_or(|c| !is_alnum(c)) {
                s = w;
            }
        }
        Some((s, y))
    }

    /// "6 tháng" is a repetition right after a cue ("báo cáo 6 tháng", "định kỳ 6 tháng") or
    /// next to another repetition ("hàng quý, 6 tháng và hàng năm"); "6 tháng đầu năm 2023" is
    /// one half-year, not a repetition.
    fn cued(&self, start: usize, end: usize) -> bool {
        let key = self.key;
        let q = skip_ws(key, end);
        for half in ["đầu", "cuối"] {
            if let Some(e) = word_at(key, q, half) {
                let r = skip_ws(key, e);
                if let Some(e) = word_at(key, r, &UNIT_WORDS[3])
                    && year4(key, skip_ws(key, e)).is_some()
                {
                    return false;
                }
            }
        }
        let before = key[..start].trim_end_matches([' ', '\t']);
        let ends_with_word = |s: &str, w: &str| {
            s.strip_suffix(w)
                .is_some_and(|rest| rest.chars().next_back().is_none_or(|c| !is_alnum(c)))
        };
        if GRAMMAR.cues.iter().any(|c| ends_with_word(before, c)) {
            return true;
        }
        let mut prev = before;
        for sep in [",", "và", "hoặc"] {
            if let Some(rest) = prev.strip_suffix(sep) {
                prev = rest.trim_end_matches([' ', '\t']);
                break;
            }
        }
        if prev.len() < before.len()
            && GRAMMAR
                .recurring
                .iter()
                .any(|(w, _)| ends_with_word(prev, w))
        {
            return true;
        }
        let mut r = q;
        if key.as_bytes().get(r) == Some(&b',') {
            r = skip_ws(key, r + 1);
        } else if let Some(e) = word_at(key, r, "và").or_else(|| word_at(key, r, "hoặc")) {
            r = skip_ws(key, e);
        }
        r > q && recurring_at(key, r).is_some()
    }

    /// A trigger in capitals before a unit word that is not ("Số: 122 ĐẾN Ngày 20/10/2021", an
    /// incoming-mail stamp) is a label, not a sentence; a title in capitals ("ĐỊNH HƯỚNG ĐẾN NĂM
    /// 2030") is consistent.
    fn case_mismatch(&self, start: usize, end: usize, expr_at: usize) -> bool {
        let caps = crate::reflow::is_shouted;
        let unit = self
            .text
            .get(expr_at..)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or("");
        let unit_is_word = unit.chars().next().is_some_and(is_letter);
        caps(self.text.get(start..end).unwrap_or("")) && unit_is_word && !caps(unit)
    }

    /// Whether a number (a day: "15 tháng 3 năm 2026") stands right before `start`.
    fn after_number(&self, start: usize) -> bool {
        self.key[..start]
            .trim_end_matches([' ', '\t'])
            .bytes()
            .next_back()
            .is_some_and(|b| b.is_ascii_digit())
    }

    /// Whether the word right before `start` (past one comma) is a document number
    /// ("… 45/2020/NĐ-CP ngày 08/4/2020"): the date is the document's, not a deadline.
    fn after_doc_number(&self, start: usize) -> bool {
        let before = self
            .text
            .get(..start)
            .unwrap_or("")
            .trim_end_matches([' ', '\t']);
        let before = before
            .strip_suffix(',')
            .unwrap_or(before)
            .trim_end_matches([' ', '\t']);
        let tok_start = before
            .char_indices()
            .rfind(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        if before.len() - tok_start > 64 {
            return false;
        }
        super::citation::is_doc_number(&before[tok_start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The deadlines of `t`.
    fn deadlines_in(t: &str, ctx: &DeadlineContext, exclude: &[Span]) -> Vec<Deadline> {
        extract_deadlines(t, &fold_key(t), ctx, exclude)
    }

    fn ctx(year: Option<i32>) -> DeadlineContext {
        DeadlineContext { year }
    }

    fn all(text: &str) -> Vec<Deadline> {
        deadlines_in(text, &ctx(None), &[])
    }

    fn one(text: &str) -> Deadline {
        let v = all(text);
        assert_eq!(v.len(), 1, "expected one deadline in {text:?}, got {v:#?}");
        v.into_iter().next().unwrap()
    }

    fn check_span(text: &str, d: &Deadline) {
        assert_eq!(d.span.slice(text), d.text, "span should cover the text");
    }

    // ---- the shared date reader ----

    #[test]
    fn parse_date_forms() {
        let d = |s: &str| parse_date(&fold_key(s), 0).and_then(|d| d.iso());
        assert_eq!(d("ngày 15/7/2021").as_deref(), Some("2021-07-15"));
        assert_eq!(d("ngày 15-7-2021").as_deref(), Some("2021-07-15"));
        assert_eq!(d("ngày 15 tháng 7 năm 2021").as_deref(), Some("2021-07-15"));
        assert_eq!(d("ngày  20 / 10 /2021").as_deref(), Some("2021-10-20"));
        assert_eq!(
            d("Ngày 06 tháng 12 năm 2021").as_deref(),
            Some("2021-12-06")
        );
        assert_eq!(
            d("15/02/2017").as_deref(),
            Some("2017-02-15"),
            "numeric form without 'ngày'"
        );
        assert_eq!(
            d("ngày 17 tháng 03 năm 2026").as_deref(),
            Some("2026-03-17")
        );
    }

    #[test]
    fn parse_date_rejects_invalid_and_partial() {
        let p = |s: &str| parse_date(&fold_key(s), 0);
        assert_eq!(p("ngày 31/4/2021"), None, "April has 30 days");
        assert_eq!(p("ngày 29/2/2023"), None, "2023 is not a leap year");
        assert!(p("ngày 29/2/2024").is_some());
        assert_eq!(p("ngày 15/13/2021"), None);
        assert_eq!(p("ngày 0/1/2021"), None);
        assert_eq!(p("ngày 15/7/20212"), None, "five-digit year");
        assert_eq!(p("15/7"), None, "no 'ngày' and no year");
        assert_eq!(p("ngày ký"), None);
        let d = p("ngày 15 tháng 4; giao").unwrap();
        assert_eq!((d.day, d.month, d.year), (15, 4, None));
        assert_eq!(d.iso(), None);
    }

    // ---- deadlines ----

    #[test]
    fn before_a_verbal_date() {
        let t = "Báo cáo về UBND thị xã (qua phòng Nội vụ) trước ngày 15 tháng 4 năm 2023; giao phòng Nội vụ";
        let d = one(t);
        assert_eq!(d.text, "trước ngày 15 tháng 4 năm 2023");
        assert_eq!(d.kind, DeadlineKind::Before);
        assert_eq!(d.date.as_deref(), Some("2023-04-15"));
        assert_eq!(d.year, Some(2023));
        assert_eq!(d.month, None);
        assert!(d.section.is_none());
        check_span(t, &d);
    }

    #[test]
    fn half_a_year() {
        let d = one("Xây dựng kế hoạch, trình trong 6 tháng đầu năm 2025.");
        assert_eq!(d.text, "trong 6 tháng đầu năm 2025");
        assert_eq!(
            (d.kind, d.year, d.month, d.quarter),
            (DeadlineKind::During, Some(2025), None, None)
        );
        let d = one("Hoàn thành trước sáu tháng cuối năm 2026;");
        assert_eq!((d.kind, d.year), (DeadlineKind::Before, Some(2026)));
        // Without "đầu" or "cuối" năm, six months repeat.
        let d = one("Báo cáo định kỳ 6 tháng.");
        assert_eq!(d.kind, DeadlineKind::Recurring);
        // Alone in a table's time cell, with its year.
        let d = one("6 tháng đầu năm 2026");
        assert_eq!((d.kind, d.year), (DeadlineKind::During, Some(2026)));
    }

    #[test]
    fn before_a_numeric_date() {
        let d = one("Hoàn thành trước ngày 15/4/2023.");
        assert_eq!(
            (d.kind, d.date.as_deref(), d.year),
            (DeadlineKind::Before, Some("2023-04-15"), Some(2023))
        );
        let d = one("Trước 30/6/2026 hoàn thành.");
        assert_eq!(d.date.as_deref(), Some("2026-06-30"));
    }

    #[test]
    fn day_month_takes_the_year_of_its_sentence() {
        let t =
            "Năm 2023, hoàn thành đăng ký xong trước ngày 15 tháng 4; giao phòng Nội vụ tổng hợp.";
        let d = one(t);
        assert_eq!(d.text, "trước ngày 15 tháng 4");
        assert_eq!(d.date.as_deref(), Some("2023-04-15"));
        assert_eq!(d.year, Some(2023));
        check_span(t, &d);
    }

    #[test]
    fn day_month_falls_back_to_context_then_nothing() {
        let t = "Hoàn thành trước ngày 15 tháng 4.";
        let v = deadlines_in(t, &ctx(Some(2024)), &[]);
        assert_eq!(v[0].date.as_deref(), Some("2024-04-15"));
        let d = one(t);
        assert_eq!((d.date, d.year, d.month), (None, None, Some(4)));
        // The year of another sentence does not carry over.
        let v = deadlines_in(
            "Năm 2022 đạt 90%. Hoàn thành trước ngày 15/4.",
            &ctx(Some(2025)),
            &[],
        );
        assert_eq!(v[0].date.as_deref(), Some("2025-04-15"));
    }

    #[test]
    fn by_a_year() {
        let d = one("- Đến năm 2025, xây dựng được đội ngũ cán bộ");
        assert_eq!(
            (d.kind, d.year, d.text.as_str()),
            (DeadlineKind::By, Some(2025), "Đến năm 2025")
        );
        let d = one("phấn đấu đến năm 2025 giảm 10% biên chế");
        assert_eq!((d.kind, d.year), (DeadlineKind::By, Some(2025)));
        let d = one("đạt tối thiểu 90% vào năm 2030.");
        assert_eq!(
            (d.kind, d.year, d.text.as_str()),
            (DeadlineKind::By, Some(2030), "vào năm 2030")
        );
        let d = one("cơ bản hoàn thành đến hết năm 2025.");
        assert_eq!((d.kind, d.year), (DeadlineKind::By, Some(2025)));
        let d = one("trên địa bàn tỉnh Lâm Đồng đến 2025, định hướng");
        assert_eq!(
            (d.kind, d.year, d.text.as_str()),
            (DeadlineKind::By, Some(2025), "đến 2025")
        );
    }

    #[test]
    fn bare_year_after_trigger_needs_punctuation() {
        assert!(
            all("tăng từ 1500 đến 2000 lượt truy cập").is_empty(),
            "a count, not a year"
        );
    }

    #[test]
    fn at_the_latest() {
        let d = one("Hoàn thành chậm nhất ngày 30/6/2026.");
        assert_eq!(
            (d.kind, d.date.as_deref()),
            (DeadlineKind::By, Some("2026-06-30"))
        );
        let d = one("trình UBND tỉnh chậm nhất trong tháng 6/2026;");
        assert_eq!(d.text, "chậm nhất trong tháng 6/2026");
        assert_eq!(
            (d.kind, d.year, d.month),
            (DeadlineKind::By, Some(2026), Some(6))
        );
        let d = one("chậm nhất là ngày 15 tháng 12 năm 2025");
        assert_eq!(d.date.as_deref(), Some("2025-12-15"));
    }

    #[test]
    fn during_a_year() {
        let d = one("Trong năm 2021, hoàn thành phê duyệt Đề án vị trí việc làm");
        assert_eq!(
            (d.kind, d.year, d.text.as_str()),
            (DeadlineKind::During, Some(2021), "Trong năm 2021")
        );
        let d = one("đoàn thể; trong năm 2022, hoàn thành phê duyệt lại");
        assert_eq!((d.kind, d.year), (DeadlineKind::During, Some(2022)));
    }

    #[test]
    fn quarters() {
        let d = one("5. Thời gian hoàn thành: Quý IV/2026.");
        assert_eq!(d.text, "Quý IV/2026");
        assert_eq!(
            (d.kind, d.year, d.quarter),
            (DeadlineKind::During, Some(2026), Some(4))
        );
        let d = one("hoàn thành trong quý I năm 2026");
        assert_eq!(
            (d.kind, d.year, d.quarter, d.text.as_str()),
            (
                DeadlineKind::During,
                Some(2026),
                Some(1),
                "trong quý I năm 2026"
            )
        );
        let d = one("Quý III/2025");
        assert_eq!(d.quarter, Some(3));
        let d = one("trước quý II/2026");
        assert_eq!((d.kind, d.quarter), (DeadlineKind::Before, Some(2)));
        // Quarters that share a year: the last is the deadline.
        let d = one("triển khai trong Quý II, III/2027.");
        assert_eq!(
            (d.text.as_str(), d.year, d.quarter),
            ("trong Quý II, III/2027", Some(2027), Some(3))
        );
        let d = one("hoàn thành trong quý III và IV năm 2026");
        assert_eq!((d.year, d.quarter), (Some(2026), Some(4)));
        // Without a year the list is prose: the first quarter stands alone, as before.
        assert!(all("trong quý II, III").iter().all(|d| d.year.is_none()));
    }

    #[test]
    fn months() {
        let d = one(
            "Đề án trình Thủ tướng Chính phủ Tháng 3/2026 Nghị quyết số 23/NQ- CP ngày 07/02/2026",
        );
        assert_eq!(
            (d.kind, d.year, d.month, d.text.as_str()),
            (DeadlineKind::During, Some(2026), Some(3), "Tháng 3/2026")
        );
        let d = one("giải pháp tháng 02/2026");
        assert_eq!((d.year, d.month), (Some(2026), Some(2)));
        let d = one("trong tháng 6 năm 2024");
        assert_eq!(
            (d.kind, d.year, d.month),
            (DeadlineKind::During, Some(2024), Some(6))
        );
    }

    #[test]
    fn bare_month_or_quarter_needs_a_year() {
        assert!(all("Tháng 3 hằng").is_empty());
        assert!(all("quý báu").is_empty());
        assert!(
            all("Hà Nội, 15 tháng 3 năm 2026").is_empty(),
            "part of a date without 'ngày'"
        );
    }

    #[test]
    fn from_a_date() {
        let d = one("áp dụng kể từ ngày 01/01/2024.");
        assert_eq!(
            (d.kind, d.date.as_deref(), d.text.as_str()),
            (
                DeadlineKind::From,
                Some("2024-01-01"),
                "kể từ ngày 01/01/2024"
            )
        );
        let d = one("thực hiện từ ngày 01/7/2025");
        assert_eq!(d.kind, DeadlineKind::From);
        assert!(all("Quyết định này có hiệu lực kể từ ngày ký.").is_empty());
    }

    #[test]
    fn on_a_day() {
        let d = one("tổ chức hội nghị vào ngày 20/10/2025");
        assert_eq!(
            (d.kind, d.date.as_deref()),
            (DeadlineKind::On, Some("2025-10-20"))
        );
    }

    #[test]
    fn recurring_yearly_quarterly_monthly() {
        for (t, r) in [
            ("Hằng năm, 100% văn bản", Recurrence::Yearly),
            ("kế hoạch truyền thông hàng năm về việc", Recurrence::Yearly),
            ("mỗi năm tăng tối thiểu 20%", Recurrence::Yearly),
            ("báo cáo hằng quý", Recurrence::Quarterly),
            ("kiểm tra hàng quý", Recurrence::Quarterly),
            ("giao ban hằng tháng", Recurrence::Monthly),
        ] {
            let d = one(t);
            assert_eq!(
                (d.kind, d.recurrence, d.year),
                (DeadlineKind::Recurring, Some(r), None),
                "{t}"
            );
            check_span(t, &d);
        }
    }

    #[test]
    fn reporting_list_with_six_months() {
        let t = "xây dựng báo cáo CCHC hàng quý, 6 tháng và hàng năm hoặc đột xuất";
        let v = all(t);
        let recs: Vec<_> = v.iter().map(|d| d.recurrence).collect();
        assert_eq!(
            recs,
            vec![
                Some(Recurrence::Quarterly),
                Some(Recurrence::Semiannual),
                Some(Recurrence::Yearly)
            ]
        );
        assert_eq!(v[1].text, "6 tháng");
        let d = one("chế độ báo cáo sáu tháng");
        assert_eq!(d.recurrence, Some(Recurrence::Semiannual));
        let d = one("định kỳ 06 tháng");
        assert_eq!(d.recurrence, Some(Recurrence::Semiannual));
    }

    #[test]
    fn six_months_without_cue_is_a_duration() {
        assert!(all("trong vòng 6 tháng kể từ khi").is_empty());
        assert!(all("sau 6 tháng thực hiện").is_empty());
        assert!(
            all("báo cáo 6 tháng đầu năm 2023").is_empty(),
            "one half-year, not a repetition"
        );
    }

    #[test]
    fn year_and_yearly() {
        let t = "Báo cáo 2026 và hằng năm Nghị quyết số 66- NQ/TW1";
        let d = one(t);
        assert_eq!(d.text, "2026 và hằng năm");
        assert_eq!(
            (d.kind, d.year, d.recurrence),
            (
                DeadlineKind::Recurring,
                Some(2026),
                Some(Recurrence::Yearly)
            )
        );
        check_span(t, &d);
        let d = one("năm 2026 và hằng năm");
        assert_eq!(d.text, "năm 2026 và hằng năm");
    }

    #[test]
    fn day_month_then_yearly() {
        let d = one("báo cáo trước ngày 15 tháng 12 hằng năm");
        assert_eq!(d.text, "trước ngày 15 tháng 12 hằng năm");
        assert_eq!(
            (d.kind, d.date, d.year, d.month, d.recurrence),
            (
                DeadlineKind::Before,
                None,
                None,
                Some(12),
                Some(Recurrence::Yearly)
            )
        );
        let d = one("gửi báo cáo trước ngày 20 hằng tháng");
        assert_eq!(
            (d.kind, d.recurrence, d.month),
            (DeadlineKind::Before, Some(Recurrence::Monthly), None)
        );
        assert!(
            all("trước ngày 20 thì").is_empty(),
            "a day alone is no deadline"
        );
    }

    #[test]
    fn a_year_alone_is_a_table_cell() {
        let d = one(" 2026 ");
        assert_eq!(
            (d.kind, d.year, d.text.as_str()),
            (DeadlineKind::During, Some(2026), "2026")
        );
        let d = one("Năm 2026");
        assert_eq!((d.kind, d.year), (DeadlineKind::During, Some(2026)));
        assert!(all("2027 - 2030").is_empty(), "a period");
        assert!(all("Năm 2026, thực hiện").is_empty());
    }

    #[test]
    fn stamp_in_mixed_case_is_not_a_deadline() {
        assert!(all("SỔ NỘI VỤ CV Số: 122 ĐẾN Ngày 20/10/2021").is_empty());
    }

    #[test]
    fn year_and_yearly_after_a_yearly_product() {
        let v = all("Báo cáo hằng năm 2026 và hằng năm");
        assert_eq!(v.len(), 2);
        assert_eq!(
            (v[1].text.as_str(), v[1].year),
            ("2026 và hằng năm", Some(2026))
        );
    }

    #[test]
    fn not_deadlines() {
        for t in [
            "Thường xuyên",
            "giai đoạn 2021 - 2025",
            "Kế hoạch CCHC giai đoạn 2021-2025",
            "nhiệm kỳ 2020 - 2025",
            "từ năm 2021 đến năm 2025",
            "trong năm 2021 - 2025",
            "văn bản đang có hiệu lực thi hành tính đến hết ngày 31 tháng 5 năm 2020.",
            "giảm 10% biên chế so với năm 2021;",
            "Hương Trà, ngày 20 tháng 10 năm 2021",
            "Nghị định này hết hiệu lực kể từ ngày 15/8/2021 và được thay thế",
            "trước đó, mà cơ quan nhà nước",
            "trong năm",
            "đến nay",
            "Số: 122 Ngày 20/10/2021",
            "kể từ ngày 01/6/2023 đến ngày 30/6/2023",
        ] {
            assert!(all(t).is_empty(), "{t:?} gave {:#?}", all(t));
        }
    }

    #[test]
    fn a_schedule_in_months_or_days_ends_at_a_deadline() {
        let d = one("Thời gian thực hiện: Từ tháng 3 đến tháng 9/2026.");
        assert_eq!(d.text, "Từ tháng 3 đến tháng 9/2026");
        assert_eq!(
            (d.kind, d.month, d.year),
            (DeadlineKind::By, Some(9), Some(2026))
        );
        let t = "Thời gian kiểm tra: từ ngày 01/3/2026 đến ngày 30/9/2026.";
        let d = one(t);
        check_span(t, &d);
        assert_eq!(
            (d.kind, d.date.as_deref()),
            (DeadlineKind::By, Some("2026-09-30"))
        );
        let d = one("Thời gian: ngày 01/3 - 30/9/2026.");
        assert_eq!(d.date.as_deref(), Some("2026-09-30"));
        // A span of years is the period of a programme, not a schedule.
        assert!(all("Thời gian thực hiện: từ năm 2026 đến năm 2030.").is_empty());
    }

    #[test]
    fn period_then_target_year() {
        let v = all("giai đoạn 2021 - 2025, định hướng đến năm 2030");
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].kind, v[0].year), (DeadlineKind::By, Some(2030)));
        let v = all("Giai đoạn 2022 - 2025, mỗi năm tăng tối thiểu 20%");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].recurrence, Some(Recurrence::Yearly));
    }

    #[test]
    fn excluded_spans_are_skipped() {
        let t = "Thực hiện Nghị quyết số 04-NQ/TU ngày 18/10/2021, hoàn thành trước ngày 30/6/2022 và đến năm 2025";
        let cit_end = t.find(", hoàn").unwrap();
        let v = deadlines_in(t, &ctx(None), &[Span::new(10, cit_end)]);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].date.as_deref(), Some("2022-06-30"));
        // An exclusion covering a deadline removes it.
        let s = t.find("đến năm").unwrap();
        let v = deadlines_in(t, &ctx(None), &[Span::new(s + 2, s + 5)]);
        assert_eq!(v.len(), 1);
    }

    #[test]
    fn year_inside_excluded_citation_does_not_date_the_sentence() {
        let t = "Thực hiện Kế hoạch số 30-KH/HU ngày 15 tháng 02 năm 2017, hoàn thành trước ngày 30 tháng 6.";
        let end = t.find(", hoàn").unwrap();
        let v = deadlines_in(t, &ctx(Some(2022)), &[Span::new(10, end)]);
        assert_eq!(v[0].date.as_deref(), Some("2022-06-30"));
    }

    #[test]
    fn date_after_a_document_number_is_not_a_deadline() {
        assert!(all("theo Quyết định 12/QĐ-UBND trong năm 2022").is_empty());
        assert!(all("Nghị định 45/2020/NĐ-CP, vào ngày 08/4/2020").is_empty());
    }

    #[test]
    fn old_tone_placement_and_capitals() {
        let d = one("HOÀN THÀNH TRONG QUÝ IV/2026");
        assert_eq!(d.quarter, Some(4));
        let d = one("ĐỊNH HƯỚNG ĐẾN NĂM 2030");
        assert_eq!(d.year, Some(2030));
    }

    #[test]
    fn several_in_one_paragraph() {
        let t = "hằng năm đạt trên 90%; đến năm 2025, chỉ số CCHC đạt 91% và phấn đấu đến năm 2030, chỉ số đạt trên 91%";
        let v = all(t);
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].recurrence, Some(Recurrence::Yearly));
        assert_eq!((v[1].year, v[2].year), (Some(2025), Some(2030)));
        for d in &v {
            check_span(t, d);
        }
    }

    #[test]
    fn span_set_overlaps() {
        let s = SpanSet::new(&[Span::new(10, 20), Span::new(0, 5), Span::new(12, 40)]);
        assert!(s.overlaps(3, 4));
        assert!(s.overlaps(35, 50));
        assert!(!s.overlaps(5, 10));
        assert!(!s.overlaps(40, 60));
        assert!(!SpanSet::new(&[]).overlaps(0, 10));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let pieces = [
            "trước ngày",
            "ngày",
            "tháng",
            "quý",
            "năm",
            "2023",
            "15/4",
            "/",
            "-",
            "–",
            " ",
            "hằng năm",
            "6 tháng",
            "và",
            ",",
            "đến",
            "Quý IV/",
            "uỷ",
            "hoá",
            "Ⅳ",
            "é",
            "\u{301}",
            "\n",
            "9999",
            "0",
            "ĐẾN",
            "İ",
            "ß",
            "chậm nhất là",
            "tính đến",
            "giai đoạn",
            "số 12/QĐ-UBND",
        ];
        let mut seed = 12345u64;
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..(seed % 12) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            for d in deadlines_in(&s, &ctx(Some(2024)), &[Span::new(0, 3)]) {
                assert_eq!(d.span.slice(&s), d.text);
            }
            let _ = parse_date(&fold_key(&s), 0);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_string(s in "(\\PC|trước ngày |quý |tháng |năm |hằng năm|uỷ|[0-9/ -]){0,40}") {
            for d in deadlines_in(&s, &ctx(Some(2024)), &[Span::new(1, 4)]) {
                proptest::prop_assert_eq!(d.span.slice(&s), d.text.as_str());
            }
        }
    }

    #[test]
    fn long_input_is_linear() {
        let unit = "trước ngày 15/4 và hàng quý, 6 tháng, giai đoạn 2021 - 2025, ";
        let t = unit.repeat(4000);
        let started = std::time::Instant::now();
        let v = deadlines_in(&t, &ctx(Some(2024)), &[]);
        assert_eq!(v.len(), 3 * 4000);
        assert!(started.elapsed().as_secs() < 5);
    }
}
