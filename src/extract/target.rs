//! Targets (chỉ tiêu): the quantified commitments of a plan — "100% văn bản …", "tối thiểu 80%
//! hồ sơ …", "giảm 10% biên chế … so với năm 2021", "xếp thứ hạng từ 25 - 30/63 tỉnh".
//!
//! # Where they occur
//! In the "Chỉ tiêu" / "Mục tiêu cụ thể" part of a programme or plan, one commitment per
//! numbered item or bullet, or several run together in one paragraph and separated by `;` and
//! sentence ends. Group lines above them ("* Mục tiêu đến năm 2025", "Giai đoạn 2022 - 2025")
//! give them their year ([`context_year`]); a few more stand among the tasks ("hằng năm đảm bảo
//! hoàn thành 100% các chỉ tiêu").
//!
//! # Grammar (non-normative)
//! ```text
//! target     = lead-in value [tail] [year] [metric]       one per value
//! lead-in    = { comparator | change | to | verb | filler | rank-word | period | year }
//!              read backwards from the value up to the first other word (comparators.tsv,
//!              target_verbs.tsv, target_markers.tsv)
//! value      = number unit | number [unit] sep number unit          (a range)
//! number     = digit{1,15} [("," | ".") digit{1,3}]                  ("2,5" = 2.5)
//! unit       = "%" | "phần trăm" | "/" total (rank) | "bậc" (rank_steps)   (units.tsv)
//!            | amount ("triệu đồng", "điểm") | counted noun ("50.000 hộ")  (only when committed)
//! sep        = "-" | "–" | "—" | "đến" ["dưới"] | "tới"
//! tail       = "trở lên" | "trở xuống"
//! year       = [đến|tới|vào|trong|từ|cuối|hết] "năm" YYYY [sep YYYY]
//!            | "giai đoạn" YYYY [sep YYYY] | ("đến"|"tới") YYYY        (the last year counts)
//! metric     = the noun phrase after the value up to a metric_stop word ("được", "có", …)
//! ```
//! The comparator is a change verb in the lead-in ("giảm", "tăng"; a range keeps its upper bound
//! in `value_max`), else `range`, else the bound nearest the value ("tối thiểu trên 20%" =
//! more_than), else a tail ("trở lên"), else, for a bare value joined to the one before it
//! ("20%, 15%", "giảm 10% … và 10% …"), that value's comparator, else `exactly`.
//!
//! A metric missing after the value is the one it shares with the next value ("Tối thiểu 80% và
//! phấn đấu 100% người dân …"), else the phrase before its lead-in ("Mức độ hài lòng … đạt tối
//! thiểu 90%"), else the metric of the sentence's previous target ("… tương ứng là 20%, 15%"),
//! else the piece's label ("Cán bộ, công chức cấp xã: …"), the context heading, the words after.
//!
//! A target's year is, in order: a year phrase right after its value ("90% vào năm 2025"), the
//! last year phrase before it in the same sentence ("Năm 2021, … 20%, 15%"), a "đến/vào/trong
//! năm" phrase later in its clause with no other value between, the context year. A baseline
//! ("so với năm 2021", "tính đến hết … năm 2020") or a year inside a citation is never a year.
//!
//! # Real sample lines
//! ```text
//! (2) Hằng năm, 100% văn bản quy phạm pháp luật được ban hành đúng quy định, tiến độ
//! - Năm 2021, số hóa kết quả giải quyết TTHC … đạt tỷ lệ tối thiểu tương ứng là 20%, 15%;
//!   giai đoạn 2022 - 2025, mỗi năm tăng tối thiểu 20% đối với mỗi cấp hành chính …
//! - Mức độ hài lòng … đạt tối thiểu 90% vào năm 2025 và 95% vào năm 2030.
//! - Từ 25 - 35% số lãnh đạo, quản lý Ủy ban nhân dân huyện và tương đương
//! (1) … đến năm 2025, xếp thứ hạng từ 25 - 30/63 tỉnh, thành phố trực thuộc Trung ương.
//! ```
//!
//! # What it refuses
//! Numbers without a unit ("05 năm", "mức độ 3, 4", "Bộ chỉ số 766", "ISO 9001:2015", "4.0",
//! section numbers); slashes without a rank word ("24/7", dates, "năm 2016: 59/63" in a
//! history list); thresholds inside a condition ("Đối với cơ quan … đạt dưới 75% số điểm tối đa
//! phải xây dựng kế hoạch khắc phục"); categories ("đơn vị tự bảo đảm từ 70% đến dưới 100% chi
//! thường xuyên"); the end point of another target ("… cho đến khi đạt tỷ lệ 100%"); results
//! already reached ("đã đạt 95%"); anything inside an excluded (citation) span. A dash glued to
//! the number ("-100% văn bản") is a bullet, never a sign.

use crate::lexicon::rows;
use crate::model::{Comparator, Target};
use crate::source::{fold_key, is_letter};
use crate::span::Span;
use once_cell::sync::Lazy;
use regex::Regex;

/// What the caller knows around the text.
#[derive(Clone, Debug, Default)]
pub(crate) struct TargetContext {
    /// The year given by the nearest enclosing context (group line, heading).
    pub year: Option<i32>,
    /// The heading of the enclosing section ("Mức độ hài lòng người dân, tổ chức …"): the metric
    /// of a target whose text names none ("Đạt tối thiểu 90%").
    pub heading: Option<String>,
    /// Where the paragraph's dated deadline phrases start (byte offsets from the deadline
    /// extractor): a metric read after a value ends there ("đạt 50% trước ngày 30/9/2024").
    pub deadlines: Vec<usize>,
    /// The text stands in a section that lists targets ("2. Chỉ tiêu cụ thể"): a count or an
    /// amount there is a target without a verb before it.
    pub targets_section: bool,
}

/// A condition's consequence stands at most this many bytes after the threshold.
const CONSEQUENCE_REACH: usize = 120;

/// At most this many syllables in a metric read after the value.
const MAX_METRIC_WORDS: usize = 20;

// ---------------------------------------------------------------------------------------------
// Grammar tables

/// What a word of a lead-in does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Bound(Comparator),
    Change(Comparator),
    To,
    Verb,
    /// "chiếm": the value is a share of what follows it ("chiếm 20% GRDP"), and the metric is
    /// what stands before ("Kinh tế số").
    Share,
    Rank,
    Filler,
    Period,
    Connector,
    Category,
    Until,
}

/// A unit that may follow a number.
#[derive(Debug)]
struct Unit {
    /// Folded surface; "/" = a slash and a total.
    surface: String,
    /// Unit written to the output.
    unit: &'static str,
    need: Need,
}

/// The surface in `units.tsv` that stands for a counted noun ("50.000 hộ").
const NOUN: &str = "<noun>";

/// What a unit needs around its value for the value to be a target (`units.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    Nothing,
    /// A rank word in the lead-in.
    Rank,
    /// Written before the number ("nhóm 10"): a rank of at most the number, after a rank word.
    Group,
    /// A committing lead-in (verb, bound, change) or a section of targets.
    Commit,
    /// A verb, change or "to" word in the lead-in: a bare bound makes the value a qualifier
    /// ("trẻ em dưới 5 tuổi"), even in a section of targets.
    Moved,
}

impl Need {
    fn rank(self) -> bool {
        matches!(self, Need::Rank | Need::Group)
    }
}

/// Marker kinds found once over a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Condition,
    ConditionStrong,
    Consequence,
    History,
    /// "có tỷ lệ": the value qualifies a noun ("người đứng đầu cơ quan có tỷ lệ hồ sơ trễ hạn
    /// trên 5%") unless a verb commits to it.
    Qualifier,
    /// "dẫn đầu" after a group value: "thuộc nhóm 20 tỉnh dẫn đầu" is a rank without a rank word.
    Leading,
    /// "hỗ trợ": an amount or a share of a cost after it is a level of support a policy grants.
    Support,
}

#[derive(Debug, Default)]
struct Grammar {
    /// Words of a lead-in.
    lead_in: Vec<(String, Role)>,
    /// Change verbs that, opening a metric, are nouns ("Tăng trưởng kinh tế").
    growth: Vec<String>,
    /// Comparators after the value.
    tails: Vec<(String, Comparator)>,
    units: Vec<Unit>,
    /// The unit of a whole number before a counted noun (the [`NOUN`] row of `units.tsv`).
    count: Option<Unit>,
    /// Words right before and right after a whole number that make it no count
    /// (`not_counted.tsv`).
    not_counted_before: Vec<String>,
    not_counted_after: Vec<String>,
    /// Period words and the period they give.
    periods: Vec<(String, &'static str)>,
    /// Dropped from the start or end of a metric read before the value.
    strip: Vec<String>,
    metric_stop: Vec<String>,
    metric_stop_first: FirstBytes,
    /// What a value is a share of, right after it: no metric follows.
    denominator: Vec<String>,
    /// Stop words that, after the counted noun, open a clause saying which ones are counted.
    relative: Vec<String>,
    /// Openers of a clause on a part of what the clause before counts ("trong đó").
    subsets: Vec<String>,
    /// Totals: a phrase after the value opening with one ("2% tổng chi ngân sách") says what
    /// the value is a share of when a metric stands before the value.
    totals: Vec<String>,
    /// A metric opening with one of these is a share, in percent ("Tỷ lệ …").
    share_metrics: Vec<String>,
    /// Costs a policy pays a share of ("chi phí", "kinh phí").
    costs: Vec<String>,
    baseline: Vec<String>,
    marks: Vec<(String, Mark)>,
    mark_first: FirstBytes,
    context_refuse: Vec<String>,
}

/// Indices of (non-empty) phrases by their first byte: at a position of a key only the phrases
/// that start with its byte are tried.
#[derive(Debug, Default)]
struct FirstBytes(Vec<Vec<usize>>);

impl FirstBytes {
    fn new<'a>(phrases: impl Iterator<Item = &'a str>) -> Self {
        let mut by = vec![Vec::new(); 256];
        for (i, p) in phrases.enumerate() {
            by[usize::from(p.as_bytes()[0])].push(i);
        }
        FirstBytes(by)
    }

    fn get(&self, b: u8) -> &[usize] {
        &self.0[usize::from(b)]
    }
}

fn comparator(name: &str) -> Option<Comparator> {
    Some(match name {
        "at_least" => Comparator::AtLeast,
        "at_most" => Comparator::AtMost,
        "more_than" => Comparator::MoreThan,
        "exactly" => Comparator::Exactly,
        "reduce_by" => Comparator::ReduceBy,
        "increase_by" => Comparator::IncreaseBy,
        "range" => Comparator::Range,
        _ => return None,
    })
}

fn fold(s: &str) -> String {
    fold_key(s.trim())
}

static GRAMMAR: Lazy<Grammar> = Lazy::new(|| {
    let mut g = Grammar::default();
    for row in rows(crate::grammar!("comparators.tsv")) {
        let (phrase, cmp) = (fold(row[0]), comparator(row[1]));
        match (row[2], cmp) {
            ("bound", Some(c)) => g.lead_in.push((phrase, Role::Bound(c))),
            ("change", Some(c)) => g.lead_in.push((phrase, Role::Change(c))),
            ("growth", Some(c)) => {
                g.lead_in.push((phrase.clone(), Role::Change(c)));
                g.growth.push(phrase);
            }
            ("to", _) => g.lead_in.push((phrase, Role::To)),
            ("tail", Some(c)) => g.tails.push((phrase, c)),
            _ => {}
        }
    }
    for row in rows(crate::grammar!("target_verbs.tsv")) {
        let phrase = fold(row[0]);
        let role = match row[1] {
            "verb" => Role::Verb,
            "share" => Role::Share,
            "rank" => Role::Rank,
            "filler" => Role::Filler,
            "connector" => Role::Connector,
            _ => continue,
        };
        if row[2] == "y" {
            g.strip.push(phrase.clone());
        }
        g.lead_in.push((phrase, role));
    }
    for row in rows(crate::grammar!("units.tsv")) {
        let unit = Unit {
            surface: fold(row[0]),
            unit: row[1],
            need: match row[2] {
                "rank" => Need::Rank,
                "group" => Need::Group,
                "commit" => Need::Commit,
                "moved" => Need::Moved,
                _ => Need::Nothing,
            },
        };
        if row[0] == NOUN {
            g.count = Some(unit);
        } else {
            g.units.push(unit);
        }
    }
    for row in rows(crate::grammar!("not_counted.tsv")) {
        if matches!(row[1], "before" | "both") {
            g.not_counted_before.push(fold(row[0]));
        }
        if matches!(row[1], "after" | "both") {
            g.not_counted_after.push(fold(row[0]));
        }
    }
    for row in rows(crate::grammar!("target_markers.tsv")) {
        let phrase = fold(row[0]);
        match row[1] {
            "period" => {
                g.lead_in.push((phrase.clone(), Role::Period));
                g.strip.push(phrase.clone());
                g.periods.push((phrase, row[2]));
            }
            "baseline" => g.baseline.push(phrase),
            "condition" => g.marks.push((phrase, Mark::Condition)),
            "condition_strong" => g.marks.push((phrase, Mark::ConditionStrong)),
            "consequence" => g.marks.push((phrase, Mark::Consequence)),
            "history" => g.marks.push((phrase, Mark::History)),
            "qualifier" => g.marks.push((phrase, Mark::Qualifier)),
            "leading" => g.marks.push((phrase, Mark::Leading)),
            "support" => g.marks.push((phrase, Mark::Support)),
            "cost" => g.costs.push(phrase),
            "category" => g.lead_in.push((phrase, Role::Category)),
            "until" => g.lead_in.push((phrase, Role::Until)),
            "context_refuse" => g.context_refuse.push(phrase),
            "metric_stop" => g.metric_stop.push(phrase),
            "denominator" => g.denominator.push(phrase),
            "share_metric" => g.share_metrics.push(phrase),
            "total" => g.totals.push(phrase),
            "relative" => g.relative.push(phrase),
            "subset" => g.subsets.push(phrase),
            _ => {}
        }
    }
    g.lead_in.retain(|(p, _)| !p.is_empty());
    g.tails.retain(|(p, _)| !p.is_empty());
    g.units.retain(|u| !u.surface.is_empty());
    g.not_counted_before.retain(|w| !w.is_empty());
    g.not_counted_after.retain(|w| !w.is_empty());
    g.marks.retain(|(p, _)| !p.is_empty());
    g.mark_first = FirstBytes::new(g.marks.iter().map(|(p, _)| p.as_str()));
    g.metric_stop.retain(|w| !w.is_empty());
    g.metric_stop_first = FirstBytes::new(g.metric_stop.iter().map(String::as_str));
    g
});

/// Bullets and item markers at the start of a piece: "- ", "-", "+ ", "(5) ", "1.2.1. ", "a) ".
static MARKER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[\s\-+•*–—]+|\(\d{1,3}\)|\d{1,3}(?:\.\d{1,3})*[.)](?:\s|$)|[a-zđ][.)](?:\s|$)|[ivxl]{1,5}[.\-](?:\s|$))+")
        .expect("valid marker pattern")
});

// ---------------------------------------------------------------------------------------------
// Small helpers on the folded key (every position used is a char boundary of the key; the key has
// the text's byte positions, and positions at word edges are char boundaries of the text too).

fn char_before(key: &str, pos: usize) -> Option<char> {
    key.get(..pos).and_then(|s| s.chars().next_back())
}

fn char_at(key: &str, pos: usize) -> Option<char> {
    key.get(pos..).and_then(|s| s.chars().next())
}

fn is_alnum(c: Option<char>) -> bool {
    c.is_some_and(crate::source::is_alnum)
}

/// `phrase` starts at `pos` as whole words.
fn word_at(key: &str, pos: usize, phrase: &str) -> bool {
    let Some(rest) = key.get(pos..) else {
        return false;
    };
    // Most calls try many phrases at one position: the first byte turns down nearly all of them.
    let first_differs = !phrase.is_empty() && rest.as_bytes().first() != phrase.as_bytes().first();
    if first_differs || !rest.starts_with(phrase) {
        return false;
    }
    let first = phrase.chars().next().is_some_and(crate::source::is_alnum);
    let last = phrase
        .chars()
        .next_back()
        .is_some_and(crate::source::is_alnum);
    (!first || !is_alnum(char_before(key, pos)))
        && (!last || !char_at(key, pos + phrase.len()).is_some_and(is_letter))
}

/// The start of `phrase` when it ends at `pos` as whole words.
fn word_before(key: &str, pos: usize, phrase: &str) -> Option<usize> {
    let head = key.get(..pos)?;
    if !head.ends_with(phrase) {
        return None;
    }
    let start = pos - phrase.len();
    word_at(key, start, phrase).then_some(start)
}

fn skip_ws(key: &str, mut pos: usize, limit: usize) -> usize {
    while pos < limit {
        match char_at(key, pos) {
            Some(c) if c.is_whitespace() => pos += c.len_utf8(),
            _ => break,
        }
    }
    pos
}

fn skip_ws_back(key: &str, mut pos: usize, floor: usize) -> usize {
    while pos > floor {
        match char_before(key, pos) {
            Some(c) if c.is_whitespace() => pos -= c.len_utf8(),
            _ => break,
        }
    }
    pos
}

/// Start positions of whole-word occurrences of `phrase` in `key`, in order.
fn occurrences(key: &str, phrase: &str, out: &mut Vec<usize>) {
    for (i, _) in key.match_indices(phrase) {
        if word_at(key, i, phrase) {
            out.push(i);
        }
    }
}

/// Whole-word occurrences of the mark phrases in `key`, by kind, each list sorted; one phrase's
/// occurrences do not overlap (as `str::match_indices` finds them). One pass over the key's
/// bytes instead of one search per phrase: only a byte some phrase starts with is looked at.
fn find_marks(key: &str, g: &Grammar) -> Vec<(Mark, Vec<usize>)> {
    let mut out: Vec<(Mark, Vec<usize>)> = Vec::new();
    for (_, kind) in &g.marks {
        if !out.iter().any(|(k, _)| k == kind) {
            out.push((*kind, Vec::new()));
        }
    }
    let bytes = key.as_bytes();
    // Where the next occurrence of each phrase may start.
    let mut next = vec![0; g.marks.len()];
    for (i, b) in bytes.iter().enumerate() {
        for &m in g.mark_first.get(*b) {
            let (p, kind) = &g.marks[m];
            if i < next[m] || !bytes[i..].starts_with(p.as_bytes()) {
                continue;
            }
            next[m] = i + p.len();
            if word_at(key, i, p)
                && let Some((_, list)) = out.iter_mut().find(|(k, _)| k == kind)
            {
                list.push(i);
            }
        }
    }
    out
}

/// Whether a sorted position list has an entry in `[from, to)`.
fn any_in(list: &[usize], from: usize, to: usize) -> bool {
    let i = list.partition_point(|&p| p < from);
    list.get(i).is_some_and(|&p| p < to)
}

/// Excluded spans (citations), sorted, for lookups in logarithmic time.
struct Excluded {
    /// Spans by start.
    spans: Vec<Span>,
    /// Greatest end among `spans[..=i]`.
    reach: Vec<usize>,
}

impl Excluded {
    fn new(spans: &[Span]) -> Self {
        let mut spans: Vec<Span> = spans.iter().copied().filter(|s| !s.is_empty()).collect();
        spans.sort_unstable();
        let mut reach = Vec::with_capacity(spans.len());
        let mut max = 0;
        for s in &spans {
            max = max.max(s.end);
            reach.push(max);
        }
        Excluded { spans, reach }
    }

    /// Whether `[start, end)` meets an excluded span (a point when `start == end`).
    fn touches(&self, start: usize, end: usize) -> bool {
        let i = self.spans.partition_point(|s| s.start < end.max(start + 1));
        i.checked_sub(1).is_some_and(|j| self.reach[j] > start)
    }
}

/// The nearest char boundary at or before `pos`.
fn floor_boundary(key: &str, mut pos: usize) -> usize {
    pos = pos.min(key.len());
    while !key.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

fn slice(text: &str, a: usize, b: usize) -> &str {
    text.get(a..b).unwrap_or("")
}

// ---------------------------------------------------------------------------------------------
// Years

#[derive(Clone, Copy, Debug)]
struct YearPhrase {
    start: usize,
    end: usize,
    year: i32,
    /// "đến/tới/vào/trong/cuối/hết năm": may bind to a value before it in its clause.
    binds_back: bool,
    baseline: bool,
}

/// A year 1900–2199 written as four digits at `pos`, not part of a code or a date.
fn four_digit_year(key: &str, pos: usize) -> Option<i32> {
    let digits = key.get(pos..pos + 4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let before = char_before(key, pos);
    if is_alnum(before) || matches!(before, Some('/' | '.' | ',' | ':')) {
        return None;
    }
    let after = char_at(key, pos + 4);
    if is_alnum(after) || matches!(after, Some('/')) {
        return None;
    }
    if after == Some('.') && char_at(key, pos + 5).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    (1900..=2199).contains(&year).then_some(year)
}

/// A range separator at `pos` ("-", "–", "—", "đến", "tới", "đến dưới"); its end.
fn range_sep(key: &str, pos: usize) -> Option<usize> {
    for sep in ["đến dưới", "đến", "tới"] {
        if word_at(key, pos, sep) {
            return Some(pos + sep.len());
        }
    }
    match char_at(key, pos) {
        Some(c @ ('-' | '–' | '—')) => Some(pos + c.len_utf8()),
        _ => None,
    }
}

/// Every year phrase of `key`, in order, skipping those that touch an excluded span.
fn find_years(key: &str, exclude: &Excluded, g: &Grammar) -> Vec<YearPhrase> {
    let bytes = key.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - s != 4 {
            continue;
        }
        let Some(first) = four_digit_year(key, s) else {
            continue;
        };
        // What leads to it.
        let p = skip_ws_back(key, s, 0);
        let (start, binds_back) = if let Some(n) = word_before(key, p, "năm") {
            let q = skip_ws_back(key, n, 0);
            let lead = [
                "đến hết",
                "đến cuối",
                "đến",
                "tới",
                "vào",
                "trong",
                "cuối",
                "hết",
                "từ",
            ]
            .iter()
            .find_map(|w| word_before(key, q, w).map(|st| (st, *w != "từ")));
            lead.unwrap_or((n, false))
        } else if let Some(st) = word_before(key, p, "giai đoạn") {
            (st, false)
        } else if let Some(st) = word_before(key, p, "đến").or_else(|| word_before(key, p, "tới"))
        {
            (st, true)
        } else {
            continue;
        };
        // A period "2022 - 2025", "2021 đến năm 2025": the last year counts.
        let (mut end, mut year) = (s + 4, first);
        let q = skip_ws(key, end, key.len());
        if let Some(after_sep) = range_sep(key, q) {
            let mut r = skip_ws(key, after_sep, key.len());
            if word_at(key, r, "năm") {
                r = skip_ws(key, r + "năm".len(), key.len());
            }
            if let Some(second) = four_digit_year(key, r).filter(|&y| y >= first) {
                year = second;
                end = r + 4;
                i = end;
            }
        }
        if exclude.touches(start, end) {
            continue;
        }
        out.push(YearPhrase {
            start,
            end,
            year,
            binds_back,
            baseline: is_baseline(key, start, g),
        });
    }
    out
}

/// Whether a baseline marker stands shortly before `start`, with no punctuation between.
fn is_baseline(key: &str, start: usize, g: &Grammar) -> bool {
    let from = floor_boundary(key, start.saturating_sub(64));
    let window = slice(key, from, start);
    let cut = window.rfind([',', ';', '.', ':', '(']).map_or(0, |i| i + 1);
    let window = &window[cut..];
    g.baseline.iter().any(|b| {
        window
            .match_indices(b.as_str())
            .any(|(i, _)| word_at(key, from + cut + i, b))
    })
}

// ---------------------------------------------------------------------------------------------
// Pieces: sentences and clauses

#[derive(Clone, Copy, Debug)]
struct Clause {
    start: usize,
    end: usize,
    sentence: usize,
}

/// Sentence ranges: a line end, or `.`/`!`/`?` then space then a capital, a digit or a bullet.
fn split_sentences(text: &str, key: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in key.char_indices() {
        let end = match c {
            '\n' => Some((i, i + 1)),
            '.' | '!' | '?' | '…' => {
                let after = text.get(i + c.len_utf8()..).unwrap_or("");
                let spaced = after.chars().next().is_some_and(char::is_whitespace);
                let next = after.trim_start().chars().next();
                let opens = next.is_some_and(|n| {
                    n.is_uppercase() || n.is_ascii_digit() || "(-+•*–—\"“".contains(n)
                });
                (spaced && opens).then_some((i + c.len_utf8(), i + c.len_utf8()))
            }
            _ => None,
        };
        if let Some((e, next)) = end {
            if e > start {
                out.push((start, e));
            }
            start = next;
        }
    }
    if key.len() > start {
        out.push((start, key.len()));
    }
    out
}

/// Clause ranges: sentences cut at `;` and before a comma and a subset opener (", trong đó").
fn split_clauses(key: &str, sentences: &[(usize, usize)], g: &Grammar) -> Vec<Clause> {
    let mut out = Vec::new();
    for (si, &(s, e)) in sentences.iter().enumerate() {
        let mut start = s;
        let body = slice(key, s, e);
        for (j, c) in body.char_indices() {
            let i = s + j;
            let cut = match c {
                ';' => true,
                ',' => {
                    let q = skip_ws(key, i + 1, e);
                    g.subsets.iter().any(|w| word_at(key, q, w))
                }
                _ => false,
            };
            if cut {
                out.push(Clause {
                    start,
                    end: i,
                    sentence: si,
                });
                start = i + 1;
            }
        }
        out.push(Clause {
            start,
            end: e,
            sentence: si,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Values

/// A value expression: a number (or a range) and its unit.
#[derive(Clone, Debug)]
struct Value {
    start: usize,
    end: usize,
    value: f64,
    value_max: Option<f64>,
    unit: &'static str,
    need: Need,
    /// The comparator the unit implies ("nhóm 10": at most 10th).
    bound: Option<Comparator>,
}

/// A number at `pos`: digits, then an optional decimal comma/point ("2,5") or thousands
/// groups ("1.000"); its value and end.
fn parse_number(key: &str, pos: usize, limit: usize) -> Option<(f64, usize)> {
    let bytes = key.as_bytes();
    let digits_end = |from: usize| {
        let mut j = from;
        while j < limit && bytes[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let mut end = digits_end(pos);
    if end == pos || end - pos > 15 {
        return None;
    }
    let mut repr: String = slice(key, pos, end).to_string();
    if end < limit && (bytes[end] == b',' || bytes[end] == b'.') {
        let frac_end = digits_end(end + 1);
        let n = frac_end - (end + 1);
        if (1..=3).contains(&n) {
            let frac = slice(key, end + 1, frac_end);
            if bytes[end] == b'.' && n == 3 {
                // Thousands: "1.000" (a further group is left alone).
                repr.push_str(frac);
            } else {
                repr.push('.');
                repr.push_str(frac);
            }
            end = frac_end;
        }
    }
    let value: f64 = repr.parse().ok()?;
    value.is_finite().then_some((value, end))
}

/// The second number of a range whose first ends at `pos`: a separator ("-", "đến", "tới",
/// spaces around it), then a number; its value and end.
fn range_end(key: &str, pos: usize, limit: usize) -> Option<(f64, usize)> {
    let sep_end = range_sep(key, skip_ws(key, pos, limit)).filter(|&e| e <= limit)?;
    parse_number(key, skip_ws(key, sep_end, limit), limit)
}

/// A unit right after a number ending at `pos`: the unit, its end and, for ranks, the total.
fn parse_unit<'g>(
    key: &str,
    pos: usize,
    limit: usize,
    g: &'g Grammar,
) -> Option<(&'g Unit, usize, Option<f64>)> {
    if char_at(key, pos) == Some('/') {
        let unit = g.units.iter().find(|u| u.surface == "/")?;
        let (total, end) = parse_number(key, pos + 1, limit)?;
        let next = char_at(key, end);
        if end - pos > 5
            || is_alnum(next)
            || next == Some('/')
            || total < 2.0
            || total.fract() != 0.0
        {
            return None;
        }
        return Some((unit, end, Some(total)));
    }
    let q = skip_ws(key, pos, limit);
    if q - pos > 3 || slice(key, pos, q).contains('\n') {
        return None;
    }
    g.units
        .iter()
        .filter(|u| u.surface != "/" && u.need != Need::Group)
        .find(|u| q + u.surface.len() <= limit && word_at(key, q, &u.surface))
        .map(|u| (u, q + u.surface.len(), None))
}

/// The value expression starting with the number at `pos`, if it has a unit; with `counts`, a
/// whole number before a counted noun is a value too.
fn parse_value(key: &str, pos: usize, limit: usize, g: &Grammar, counts: bool) -> Option<Value> {
    let (v1, e1) = parse_number(key, pos, limit)?;
    let u1 = parse_unit(key, e1, limit, g);
    // A range: "25 - 35%", "từ 10% đến dưới 30%", "10 - 20/63".
    let after1 = u1.as_ref().map_or(e1, |u| u.1);
    if let Some((v2, e2)) = range_end(key, after1, limit)
        && let Some((u2, end, total)) = parse_unit(key, e2, limit, g)
        && u1.as_ref().is_none_or(|u| std::ptr::eq(u.0, u2))
        && v1 < v2
        && total.is_none_or(|t| v1 >= 1.0 && v2 <= t)
    {
        return Some(Value {
            start: pos,
            end,
            value: v1,
            value_max: Some(v2),
            unit: u2.unit,
            need: u2.need,
            bound: None,
        });
    }
    let Some((u, end, total)) = u1 else {
        return group_value(key, pos, v1, e1, g).or_else(|| {
            counts
                .then(|| count_value(key, pos, v1, e1, limit, g))
                .flatten()
        });
    };
    if total.is_some_and(|t| v1 < 1.0 || v1 > t) {
        return None;
    }
    Some(Value {
        start: pos,
        end,
        value: v1,
        value_max: None,
        unit: u.unit,
        need: u.need,
        bound: None,
    })
}

/// A whole number `v` (at `pos`, ending at `end`) after a group unit ("xếp trong nhóm 10 tỉnh
/// dẫn đầu"): a rank of at most `v`, starting at the unit.
fn group_value(key: &str, pos: usize, v: f64, end: usize, g: &Grammar) -> Option<Value> {
    let p = skip_ws_back(key, pos, 0);
    if p == pos || v < 1.0 || v.fract() != 0.0 {
        return None;
    }
    let (u, start) = g
        .units
        .iter()
        .filter(|u| u.need == Need::Group)
        .find_map(|u| word_before(key, p, &u.surface).map(|s| (u, s)))?;
    Some(Value {
        start,
        end,
        value: v,
        value_max: None,
        unit: u.unit,
        need: u.need,
        bound: Some(Comparator::AtMost),
    })
}

/// A whole number `v` (at `pos`, ending at `end`) before a counted noun ("50.000 hộ kinh
/// doanh", "5 mô hình"): a count, whose metric is the noun phrase after it. Not a year, and no
/// word of `not_counted.tsv` next to it ("05 năm", "3 cấp", "mức độ 3 và 4").
fn count_value(
    key: &str,
    pos: usize,
    v: f64,
    end: usize,
    limit: usize,
    g: &Grammar,
) -> Option<Value> {
    let unit = g.count.as_ref()?;
    let year_like = !slice(key, pos, end).contains(['.', ',']) && (1900.0..2200.0).contains(&v);
    if v < 1.0 || v.fract() != 0.0 || year_like {
        return None;
    }
    let named = |w: &String| word_before(key, skip_ws_back(key, pos, 0), w).is_some();
    if g.not_counted_before.iter().any(named) {
        return None;
    }
    let q = skip_ws(key, end, limit);
    let noun = q > end
        && q - end <= 3
        && !slice(key, end, q).contains('\n')
        && char_at(key, q).is_some_and(is_letter);
    if !noun || g.not_counted_after.iter().any(|w| word_at(key, q, w)) {
        return None;
    }
    Some(Value {
        start: pos,
        end,
        value: v,
        value_max: None,
        unit: unit.unit,
        need: unit.need,
        bound: None,
    })
}

// ---------------------------------------------------------------------------------------------
// Lead-ins

/// The words read backwards from a value.
#[derive(Clone, Debug, Default)]
struct LeadIn {
    /// Where the lead-in starts (the value's start when it has none).
    start: usize,
    /// Its words, nearest the value first.
    words: Vec<Role>,
    /// A category or until marker ends it: the value is no commitment.
    refused: bool,
    /// The value directly follows "năm YYYY:" (a list of yearly results).
    listed: bool,
}

/// The longest lead-in word ending at `pos`, starting at or after `floor`.
fn lead_word_before(key: &str, pos: usize, floor: usize, g: &Grammar) -> Option<(usize, Role)> {
    g.lead_in
        .iter()
        .filter_map(|(p, role)| {
            word_before(key, pos, p)
                .filter(|&s| s >= floor)
                .map(|s| (s, *role))
        })
        .min_by_key(|&(s, _)| s)
}

fn read_lead_in(
    key: &str,
    value_start: usize,
    floor: usize,
    years: &[YearPhrase],
    g: &Grammar,
) -> LeadIn {
    let mut lead = LeadIn {
        start: value_start,
        ..LeadIn::default()
    };
    let mut pos = value_start;
    loop {
        let p = skip_ws_back(key, pos, floor);
        if p <= floor {
            break;
        }
        if char_before(key, p) == Some(':') {
            let q = skip_ws_back(key, p - 1, floor);
            let i = years.partition_point(|y| y.end < q);
            lead.listed = years.get(i).is_some_and(|y| y.end == q);
            break;
        }
        let i = years.partition_point(|y| y.end < p);
        if let Some(y) = years.get(i).filter(|y| y.end == p && y.start >= floor) {
            pos = y.start;
            continue;
        }
        // "thứ 3 trở lên bình quân 0,2‰": a tail closes the phrase before; its "lên" is no "to".
        if g.tails
            .iter()
            .any(|(t, _)| word_before(key, p, t).is_some())
        {
            break;
        }
        match lead_word_before(key, p, floor, g) {
            None | Some((_, Role::Connector)) => break,
            Some((_, Role::Category | Role::Until)) => {
                lead.refused = true;
                break;
            }
            Some((s, role)) => {
                lead.words.push(role);
                lead.start = s;
                pos = s;
            }
        }
    }
    lead
}

/// What a lead-in's words (nearest the value first) say of the comparator: (a change verb not
/// cut off by a "to" word: "giảm … còn 10%" is no reduction by 10%, the bound nearest the value).
fn lead_comparators(words: &[Role]) -> (Option<Comparator>, Option<Comparator>) {
    let mut change = None;
    for r in words {
        match r {
            Role::To => break,
            Role::Change(x) => {
                change = Some(*x);
                break;
            }
            _ => {}
        }
    }
    let bound = words.iter().find_map(|r| match r {
        Role::Bound(b) => Some(*b),
        _ => None,
    });
    (change, bound)
}

// ---------------------------------------------------------------------------------------------
// Extraction

/// One value found in a clause, target or not.
#[derive(Debug)]
struct Cand {
    clause: usize,
    value: Value,
    lead: LeadIn,
    tail: Option<Comparator>,
    /// End of the value, its tail and a year phrase right after it.
    after: usize,
    /// Year of a year phrase right after the value.
    right_year: Option<i32>,
    target: bool,
    /// Metric read after the value.
    metric_after: Option<(usize, usize)>,
    /// Where the noun of that metric ends when a clause saying which ones are counted follows
    /// it: a later value in the sentence shares the noun alone ("100% viên chức có trình độ
    /// phù hợp, 10% trở lên có trình độ sau đại học").
    clause_noun: Option<usize>,
    /// Where the metric read after the value ends (or `after`).
    reach: usize,
}

struct Doc<'a> {
    text: &'a str,
    key: &'a str,
    g: &'a Grammar,
    years: Vec<YearPhrase>,
    marks: Vec<(Mark, Vec<usize>)>,
    /// Starts of deadline phrases, sorted.
    deadlines: Vec<usize>,
    /// The text stands in a section that lists targets.
    targets_section: bool,
}

impl Doc<'_> {
    fn marks(&self, kind: Mark) -> &[usize] {
        self.marks
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[], |(_, v)| v.as_slice())
    }

    fn year_at(&self, pos: usize) -> Option<&YearPhrase> {
        let i = self.years.partition_point(|y| y.start < pos);
        self.years.get(i).filter(|y| y.start == pos)
    }

    fn stop_at(&self, pos: usize) -> Option<usize> {
        let g = self.g;
        g.metric_stop_first
            .get(*self.key.as_bytes().get(pos)?)
            .iter()
            .map(|&i| &g.metric_stop[i])
            .filter(|p| word_at(self.key, pos, p))
            .map(|p| pos + p.len())
            .max()
    }

    /// Whether the words at `pos` (after a value) say what the value is a share of ("trên tổng
    /// số hồ sơ tiếp nhận"): the value's metric stands before it.
    fn denominator_at(&self, pos: usize) -> bool {
        let pos = skip_ws(self.key, pos, self.key.len());
        self.g.denominator.iter().any(|p| word_at(self.key, pos, p))
    }

    /// The metric read after a value: words up to a stop word, a value, a bracket or the clause
    /// end; with where its noun ends if a clause saying which ones are counted follows it.
    fn metric_after(
        &self,
        from: usize,
        limit: usize,
        skip_stop: bool,
    ) -> Option<((usize, usize), Option<usize>)> {
        let key = self.key;
        let mut pos = skip_ws(key, from, limit);
        if skip_stop && let Some(e) = self.stop_at(pos) {
            pos = skip_ws(key, e, limit);
        }
        let first = pos;
        if ["và", "hoặc"].iter().any(|w| word_at(key, pos, w)) {
            return None;
        }
        let (mut end, mut words, mut last_comma) = (pos, 0, None);
        // Where the noun ended when a clause goes on with it ("100% hồ sơ được giải quyết đúng
        // hạn", "100% xã có điểm phục vụ"): that clause says which ones are counted and ends at
        // a comma; cut off by the length limit or by a value, the noun alone is the metric.
        let mut passive: Option<usize> = None;
        while pos < limit && words < MAX_METRIC_WORDS {
            let Some(c) = char_at(key, pos) else { break };
            if c.is_whitespace() || c == ',' {
                if c == ',' {
                    if passive.is_some() {
                        break;
                    }
                    last_comma = Some(pos);
                }
                pos += c.len_utf8();
                continue;
            }
            // A number that is no value belongs to the metric ("mức độ 3, 4", "trẻ em 5 tuổi");
            // a value ends it.
            let number = c.is_ascii_digit()
                && may_start_value(key, pos)
                && parse_value(key, pos, limit, self.g, false)
                    .is_none_or(|v| v.need == Need::Moved);
            let stop = self.stop_at(pos).is_some();
            let duoc = stop
                && words > 0
                && passive.is_none()
                && char_before(key, skip_ws_back(key, pos, first)) != Some(',')
                && self.g.relative.iter().any(|w| word_at(key, pos, w));
            if duoc {
                passive = Some(end);
            }
            if c.is_ascii_digit()
                && !number
                && let Some(noun_end) = passive
            {
                end = noun_end;
                break;
            }
            if !(is_letter(c) || number)
                || (stop && !duoc)
                || self.year_at(pos).is_some()
                || self.deadlines.binary_search(&pos).is_ok()
            {
                break;
            }
            pos = word_end(key, pos, limit);
            end = pos;
            words += 1;
        }
        // Cut off by the length limit (more words follow): end at the last comma rather than
        // mid-phrase.
        let q = skip_ws(key, pos, limit);
        let more = q < limit
            && char_at(key, q).is_some_and(is_letter)
            && self.stop_at(q).is_none()
            && !["và", "hoặc"].iter().any(|w| {
                word_at(key, q, w) && self.stop_at(skip_ws(key, q + w.len(), limit)).is_some()
            });
        if words >= MAX_METRIC_WORDS && more {
            if let Some(noun_end) = passive {
                end = noun_end;
            } else if let Some(comma) = last_comma.filter(|&c| c > first) {
                end = comma;
            }
        }
        let end = self.trim_end(first, end);
        let noun = passive
            .map(|n| self.trim_end(first, n.min(end)))
            .filter(|&n| n < end);
        (end > first).then_some(((first, end), noun))
    }

    /// Drop trailing spaces, commas and dangling conjunctions.
    fn trim_end(&self, first: usize, mut end: usize) -> usize {
        loop {
            let e = skip_ws_back(self.key, end, first);
            let e = if e > first && char_before(self.key, e) == Some(',') {
                e - 1
            } else {
                e
            };
            let e = ["và", "hoặc"]
                .iter()
                .find_map(|w| word_before(self.key, e, w).filter(|&s| s >= first))
                .unwrap_or(e);
            if e == end {
                return end;
            }
            end = e;
        }
    }

    /// Whether the phrase read after a value names a total ("tổng chi ngân sách").
    fn total_at(&self, after: (usize, usize)) -> bool {
        self.g.totals.iter().any(|p| word_at(self.key, after.0, p))
    }

    /// Whether count `c`, whose metric after it is `after`, counts the noun the phrase `before`
    /// it names: the noun's first word stands as a word in that phrase.
    fn counts_noun_of(&self, c: &Cand, after: (usize, usize), before: (usize, usize)) -> bool {
        let counted = self
            .g
            .count
            .as_ref()
            .is_some_and(|u| u.unit == c.value.unit);
        let noun = &self.key[after.0..word_end(self.key, after.0, after.1)];
        let phrase = &self.key[before.0..before.1];
        counted
            && !noun.is_empty()
            && phrase
                .match_indices(noun)
                .any(|(i, _)| word_at(phrase, i, noun))
    }

    /// A change verb at `pos` ("giảm", "tăng", "nâng"): its end and comparator, the longest.
    /// None where a growth noun stands ("Tăng trưởng kinh tế").
    fn change_at(&self, pos: usize) -> Option<(usize, Comparator)> {
        if self.g.growth.iter().any(|w| word_at(self.key, pos, w)) {
            return None;
        }
        self.g
            .lead_in
            .iter()
            .filter_map(|(p, role)| match role {
                Role::Change(x) if word_at(self.key, pos, p) => Some((pos + p.len(), *x)),
                _ => None,
            })
            .max_by_key(|&(e, _)| e)
    }

    /// The change verb opening the sentence part before a value, when nothing but fillers leads
    /// to the value: "Giảm tỷ lệ hộ nghèo bình quân 1,5%/năm" is a reduction by 1,5%.
    fn opening_change(&self, c: &Cand, metric: (usize, usize)) -> Option<Comparator> {
        let plain = c
            .lead
            .words
            .iter()
            .all(|r| matches!(r, Role::Filler | Role::Period));
        // Back over the spaces and one change verb stripped from the metric's start.
        let a = skip_ws_back(self.key, metric.0, 0);
        let change = self
            .g
            .lead_in
            .iter()
            .filter_map(|(p, role)| match role {
                Role::Change(x) => word_before(self.key, a, p).map(|_| *x),
                _ => None,
            })
            .next();
        plain.then_some(change).flatten()
    }

    /// A metric read before the lead-in: `[from, to)` without markers, lead words, years and
    /// period words at either end.
    fn metric_between(&self, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
        let key = self.key;
        let g = self.g;
        // A colon introduces what the value measures: "Phấn đấu đạt các chỉ tiêu chủ yếu: tỷ lệ
        // hồ sơ trực tuyến đạt 80%".
        if let Some(i) = slice(key, a, b).rfind(": ")
            && !slice(key, a + i + 1, b).trim().is_empty()
        {
            a += i + 1;
        }
        loop {
            let (a0, b0) = (a, b);
            // Leading.
            a = skip_ws(key, a, b);
            while a < b && matches!(char_at(key, a), Some(',' | ':' | ';' | '.')) {
                a = skip_ws(key, a + 1, b);
            }
            if let Some(m) = MARKER.find(slice(key, a, b)) {
                a += m.end();
            }
            if let Some(y) = self.year_at(a).filter(|y| y.end <= b) {
                a = y.end;
            }
            if let Some(w) = g
                .strip
                .iter()
                .filter(|w| word_at(key, a, w))
                .map(|w| w.len())
                .max()
            {
                a = (a + w).min(b);
            }
            if let Some((e, _)) = self.change_at(a) {
                a = e.min(b);
            }
            // Trailing.
            b = skip_ws_back(key, b, a);
            while let Some(c) = char_before(key, b)
                .filter(|c| b > a && matches!(c, ',' | ':' | ';' | '.' | '-' | '–'))
            {
                b = skip_ws_back(key, b - c.len_utf8(), a);
            }
            let i = self.years.partition_point(|y| y.end < b);
            if let Some(y) = self.years.get(i).filter(|y| y.end == b && y.start >= a) {
                b = y.start;
            }
            if let Some(s) = g
                .strip
                .iter()
                .filter_map(|w| word_before(key, b, w))
                .filter(|&s| s >= a)
                .min()
            {
                b = s;
            }
            if (a, b) == (a0, b0) {
                break;
            }
        }
        (b > a).then_some((a, b))
    }

    /// Where the relative word stands when `[from, to)` holds only a subset opener and a
    /// relative word ("trong đó có"): the metric at `to` narrows the one before.
    fn narrowing(&self, from: usize, to: usize) -> Option<usize> {
        let (key, g) = (self.key, self.g);
        let a = skip_ws(key, from, to);
        let opener = g.subsets.iter().find(|w| word_at(key, a, w))?;
        let mut r = skip_ws(key, a + opener.len(), to);
        if char_at(key, r) == Some(',') {
            r = skip_ws(key, r + 1, to);
        }
        let relative = g.relative.iter().find(|w| word_at(key, r, w))?;
        (skip_ws(key, r + relative.len(), to) == to).then_some(r)
    }

    /// What joins two values when `[from, to)` holds nothing but spaces and one connector.
    fn joint(&self, from: usize, to: usize) -> Option<Joint> {
        if from > to {
            return None;
        }
        match slice(self.key, from, to).trim() {
            "" => Some(Joint::Nothing),
            "," => Some(Joint::Comma),
            "và" | "hoặc" | ", và" | ", hoặc" => Some(Joint::Conjunction),
            _ => None,
        }
    }
}

/// What stands between two values of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Joint {
    Nothing,
    Comma,
    Conjunction,
}

/// End of the word at `pos`: letters and digits, with inner "-", "/", "." or "&".
fn word_end(key: &str, mut pos: usize, limit: usize) -> usize {
    while pos < limit {
        match char_at(key, pos) {
            Some(c) if crate::source::is_alnum(c) => pos += c.len_utf8(),
            Some(c @ ('-' | '/' | '.' | '&')) if is_alnum(char_at(key, pos + 1)) => {
                pos += c.len_utf8()
            }
            _ => break,
        }
    }
    pos
}

/// Whether the number at `pos` may start a value: not glued to a word, a code or a date
/// ("Chính phủ1", "9001:2015", "68/2000", "4.0"). A bullet dash before it is fine ("-100%").
fn may_start_value(key: &str, pos: usize) -> bool {
    let before = char_before(key, pos);
    if is_alnum(before) {
        return false;
    }
    if matches!(before, Some('/' | '.' | ',' | ':')) {
        return !char_before(key, pos - 1).is_some_and(|c| c.is_ascii_digit());
    }
    true
}

/// Every target in `text` (matching key `key`), skipping the byte ranges in `exclude`
/// (citations); spans into `text`.
pub(crate) fn extract_targets(
    text: &str,
    key: &str,
    ctx: &TargetContext,
    exclude: &[Span],
) -> Vec<Target> {
    if key.len() != text.len() || !key.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let g = &*GRAMMAR;
    let marks = find_marks(key, g);
    let excluded = Excluded::new(exclude);
    let doc = Doc {
        text,
        key,
        g,
        years: find_years(key, &excluded, g),
        marks,
        deadlines: {
            let mut d = ctx.deadlines.clone();
            d.sort_unstable();
            d
        },
        targets_section: ctx.targets_section,
    };
    let sentences = split_sentences(text, key);
    let clauses = split_clauses(key, &sentences, g);
    let cands = find_values(&doc, &clauses, &excluded);
    resolve(&doc, ctx, &sentences, &clauses, cands)
}

/// Every value of every clause, classified target or not, with its metric read after it.
fn find_values(doc: &Doc, clauses: &[Clause], exclude: &Excluded) -> Vec<Cand> {
    let (key, g) = (doc.key, doc.g);
    let bytes = key.as_bytes();
    let mut cands: Vec<Cand> = Vec::new();
    for (ci, cl) in clauses.iter().enumerate() {
        let (mut i, mut floor) = (cl.start, cl.start);
        while i < cl.end {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let run_end = (i..cl.end)
                .find(|&j| !bytes[j].is_ascii_digit())
                .unwrap_or(cl.end);
            let value = if may_start_value(key, i) {
                parse_value(key, i, cl.end, g, true)
            } else {
                None
            };
            let Some(value) = value else {
                i = run_end;
                continue;
            };
            let lead = read_lead_in(key, value.start, floor, &doc.years, g);
            // Tail and a year right after.
            let mut after = value.end;
            let q = skip_ws(key, after, cl.end);
            let tail = g
                .tails
                .iter()
                .find(|(p, _)| word_at(key, q, p))
                .map(|(p, c)| {
                    after = q + p.len();
                    *c
                });
            let q = skip_ws(key, after, cl.end);
            let right_year = doc
                .year_at(q)
                .filter(|y| !y.baseline && y.end <= cl.end)
                .map(|y| {
                    after = y.end;
                    y.year
                });
            let target = is_target(doc, cl, &value, &lead, after, exclude);
            if matches!(value.need, Need::Commit | Need::Moved) && !target {
                // An amount or a count in passing ("hỗ trợ 10 triệu đồng"): no value at all.
                i = run_end;
                continue;
            }
            floor = after;
            i = after;
            cands.push(Cand {
                clause: ci,
                value,
                lead,
                tail,
                after,
                right_year,
                target,
                metric_after: None,
                clause_noun: None,
                reach: after,
            });
        }
    }
    // Metrics read after each value, up to the next value's lead-in.
    for k in 0..cands.len() {
        let c = &cands[k];
        let cl = clauses[c.clause];
        let limit = cands
            .get(k + 1)
            .filter(|n| n.clause == c.clause)
            .map_or(cl.end, |n| n.lead.start.max(c.after));
        let rank = c.value.need.rank();
        let share = c.lead.words.contains(&Role::Share);
        let m = if rank || share || doc.denominator_at(c.after) {
            None
        } else {
            doc.metric_after(c.after, limit, false)
        };
        cands[k].metric_after = m.map(|(m, _)| m);
        cands[k].clause_noun = m.and_then(|(_, n)| n);
        cands[k].reach = m.map_or(cands[k].after, |((_, e), _)| e);
    }
    cands
}

/// Whether a value is a commitment (see the module doc for what is refused).
fn is_target(
    doc: &Doc,
    cl: &Clause,
    value: &Value,
    lead: &LeadIn,
    after: usize,
    exclude: &Excluded,
) -> bool {
    if exclude.touches(value.start, value.start) || lead.refused {
        return false;
    }
    let committed = lead
        .words
        .iter()
        .any(|r| matches!(r, Role::Verb | Role::Bound(_) | Role::Change(_)));
    let leading = value.need == Need::Group && any_in(doc.marks(Mark::Leading), after, cl.end);
    if value.need.rank() && !lead.words.contains(&Role::Rank) && !leading {
        return false;
    }
    if value.need == Need::Commit && !committed && !doc.targets_section {
        return false;
    }
    let moved = lead
        .words
        .iter()
        .any(|r| matches!(r, Role::Verb | Role::Change(_) | Role::To));
    if value.need == Need::Moved && !moved {
        return false;
    }
    if lead.listed && !committed {
        return false;
    }
    if any_in(doc.marks(Mark::History), cl.start, value.start) {
        return false;
    }
    // A level of support a policy grants: "Hỗ trợ 50% chi phí …, tối đa 2 triệu đồng/hộ". A
    // number of beneficiaries ("hỗ trợ ít nhất 500 doanh nghiệp") is still a target.
    if !lead.words.contains(&Role::Verb) && any_in(doc.marks(Mark::Support), cl.start, value.start)
    {
        let counted = doc.g.count.as_ref().map(|u| u.unit);
        let amount = value.need == Need::Commit && Some(value.unit) != counted;
        let q = skip_ws(doc.key, after, cl.end);
        if amount || doc.g.costs.iter().any(|w| word_at(doc.key, q, w)) {
            return false;
        }
    }
    if !moved && any_in(doc.marks(Mark::Qualifier), cl.start, value.start) {
        return false;
    }
    // A threshold inside a condition: "Đối với … đạt dưới 75% số điểm tối đa phải …".
    if committed {
        if any_in(doc.marks(Mark::ConditionStrong), cl.start, value.start) {
            return false;
        }
        if any_in(doc.marks(Mark::Condition), cl.start, value.start) {
            // The consequence follows within a few words, before any comma.
            let window = slice(
                doc.key,
                after,
                floor_boundary(doc.key, cl.end.min(after + CONSEQUENCE_REACH)),
            );
            let comma = after + window.find(',').unwrap_or(window.len());
            if any_in(doc.marks(Mark::Consequence), after, comma) {
                return false;
            }
        }
    }
    true
}

/// Comparators, metrics, years and periods of the targets; their clause text and span.
fn resolve(
    doc: &Doc,
    ctx: &TargetContext,
    sentences: &[(usize, usize)],
    clauses: &[Clause],
    cands: Vec<Cand>,
) -> Vec<Target> {
    let (text, key) = (doc.text, doc.key);
    let plain_years: Vec<&YearPhrase> = doc.years.iter().filter(|y| !y.baseline).collect();
    let label = paragraph_label(doc);
    let periods: Vec<Option<&str>> = clauses
        .iter()
        .map(|cl| {
            clause_period(doc, cl.start, cl.end)
                .or_else(|| sentence_period(doc, sentences[cl.sentence]))
        })
        .collect();
    let mut out: Vec<Target> = Vec::new();
    // Per target: index in `cands`, sentence, and the metric a later value of the sentence
    // shares, for the neighbours.
    let mut made: Vec<(usize, usize, String)> = Vec::new();
    let targets: Vec<usize> = (0..cands.len()).filter(|&k| cands[k].target).collect();
    for (t, &k) in targets.iter().enumerate() {
        let c = &cands[k];
        let cl = clauses[c.clause];
        let (s_start, _) = sentences[cl.sentence];
        let prev = made
            .last()
            .map(|&(pk, ..)| &cands[pk])
            .filter(|p| p.clause == c.clause);
        let next = targets
            .get(t + 1)
            .map(|&nk| &cands[nk])
            .filter(|n| n.clause == c.clause);
        // Joined to the previous target by a bare connector ("20%, 15%", "… và 10% biên chế").
        let joined = prev.and_then(|p| doc.joint(p.reach, c.lead.start));
        let next_joined = next
            .and_then(|n| doc.joint(c.reach, n.lead.start))
            .is_some();

        // Comparator.
        let (change, bound) = lead_comparators(&c.lead.words);
        let inherited = match (prev, joined) {
            (Some(p), Some(j))
                if c.lead.words.is_empty()
                    && (j == Joint::Conjunction || p.metric_after.is_none()) =>
            {
                out.last()
                    .map(|t| t.comparator)
                    .filter(|&cmp| cmp != Comparator::Range)
            }
            _ => None,
        };

        // Metric.
        let before = {
            let mut from = prev.map_or(cl.start, |p| p.reach).max(cl.start);
            if prev.is_some()
                && let Some(i) = slice(key, from, c.lead.start).find(',')
            {
                from += i + 1;
            }
            doc.metric_between(from, c.lead.start.max(from))
        };
        // After the value; else the one it shares with the next value ("Tối thiểu 80% và phấn
        // đấu 100% người dân …"); else before the lead-in; else as the sentence's previous
        // target; else the piece's label, the heading, what follows the value.
        let shared = next.filter(|_| next_joined).and_then(|n| n.metric_after);
        // A count that repeats its metric's noun ("Số bác sĩ trên 1 vạn dân đạt 15 bác sĩ"):
        // the noun is its unit of counting, the phrase before says what is counted. A total
        // after the value ("Chi cho khoa học đạt 2% tổng chi ngân sách") is what it is a share
        // of.
        let after = c
            .metric_after
            .filter(|&m| !before.is_some_and(|b| doc.counts_noun_of(c, m, b) || doc.total_at(m)));
        // "… đạt 71%, trong đó có bằng cấp, chứng chỉ đạt 31%": a part of the metric before.
        let narrowed = before
            .filter(|_| after.or(shared).is_none())
            .and_then(|(a, b)| {
                let r = doc.narrowing(cl.start, a)?;
                let (.., m) = made
                    .last()
                    .filter(|&(_, s, m)| *s == cl.sentence && !m.is_empty())?;
                Some(format!("{m} {}", slice(text, r, b).trim()))
            });
        let metric = if let Some(m) = narrowed {
            m
        } else if let Some((a, b)) = after.or(shared).or(before) {
            slice(text, a, b).trim().to_string()
        } else if let Some(m) = made
            .last()
            .filter(|&(_, s, m)| *s == cl.sentence && !m.is_empty())
            .map(|(.., m)| m.clone())
        {
            m
        } else if let Some(l) = label.filter(|&(_, e)| e <= c.value.start) {
            slice(text, l.0, l.1).trim().to_string()
        } else if let Some(h) = ctx
            .heading
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
        {
            h.to_string()
        } else {
            doc.metric_after(c.after, cl.end, true)
                .map(|((a, b), _)| slice(text, a, b).trim().to_string())
                .unwrap_or_default()
        };

        let opening = before.and_then(|m| doc.opening_change(c, m));
        let comparator = change
            .or(opening)
            .or(c.value.value_max.map(|_| Comparator::Range))
            .or(bound)
            .or(c.value.bound)
            .or(c.tail)
            .or(inherited)
            .unwrap_or(Comparator::Exactly);

        // Year.
        let year = c
            .right_year
            .or_else(|| {
                let i = plain_years.partition_point(|y| y.end <= c.value.start);
                i.checked_sub(1)
                    .and_then(|j| plain_years.get(j))
                    .filter(|y| y.start >= s_start)
                    .map(|y| y.year)
            })
            .or_else(|| {
                let bound_to = next.map_or(cl.end, |n| n.value.start);
                let i = plain_years.partition_point(|y| y.start < c.after);
                plain_years
                    .get(i)
                    .filter(|y| y.binds_back && y.end <= bound_to.min(cl.end))
                    .map(|y| y.year)
            })
            .or(ctx.year);

        // Period.
        let period = periods[c.clause];

        let shares = match (after, c.clause_noun) {
            (Some((a, _)), Some(n)) => slice(text, a, n).trim().to_string(),
            _ => metric.clone(),
        };
        let (a, b) = trim_piece(text, key, cl.start, cl.end);
        out.push(Target {
            section: None,
            text: slice(text, a, b).to_string(),
            metric,
            value: c.value.value,
            value_max: c.value.value_max,
            unit: c.value.unit.to_string(),
            comparator,
            year,
            period: period.map(str::to_string),
            span: Span::new(a, b),
        });
        made.push((k, cl.sentence, shares));
    }
    out
}

/// The period a clause names ("hằng năm", "mỗi năm").
fn clause_period<'g>(doc: &Doc<'g>, from: usize, to: usize) -> Option<&'g str> {
    let body = slice(doc.key, from, to);
    doc.g
        .periods
        .iter()
        .find(|(p, _)| {
            body.match_indices(p.as_str())
                .any(|(i, _)| word_at(doc.key, from + i, p))
        })
        .map(|(_, v)| *v)
}

/// The period of a sentence opened by a period word and a comma ("Hằng năm, 100% văn bản …").
fn sentence_period<'g>(doc: &Doc<'g>, (start, end): (usize, usize)) -> Option<&'g str> {
    let key = doc.key;
    let a = MARKER
        .find(slice(key, start, end))
        .map_or(start, |m| start + m.end());
    doc.g.periods.iter().find_map(|(p, v)| {
        (word_at(key, a, p) && char_at(key, skip_ws(key, a + p.len(), end)) == Some(','))
            .then_some(*v)
    })
}

/// A short label opening the piece ("Cán bộ, công chức cấp xã: Có 90% …"): its range.
fn paragraph_label(doc: &Doc) -> Option<(usize, usize)> {
    let key = doc.key;
    let a = MARKER.find(key).map_or(0, |m| m.end());
    let head = key
        .get(a..)?
        .char_indices()
        .take(120)
        .find(|&(_, c)| matches!(c, ':' | '%' | '.' | ';'));
    let (i, c) = head?;
    let label = slice(key, a, a + i);
    if c != ':'
        || label.bytes().any(|b| b.is_ascii_digit())
        || label.split_whitespace().count() > 10
    {
        return None;
    }
    doc.metric_between(a, a + i)
}

/// A piece without its leading marker and surrounding spaces and trailing punctuation.
fn trim_piece(text: &str, key: &str, mut a: usize, mut b: usize) -> (usize, usize) {
    if let Some(m) = MARKER.find(slice(key, a, b)) {
        a += m.end();
    }
    a = skip_ws(key, a, b);
    loop {
        let e = skip_ws_back(key, b, a);
        let e = if e > a && matches!(char_before(key, e), Some('.' | ';' | ',' | ':')) {
            e - 1
        } else {
            e
        };
        if e == b {
            break;
        }
        b = e;
    }
    if text.get(a..b).is_none() {
        (a, a)
    } else {
        (a, b)
    }
}

/// The target a cell of a table of targets states ("95", "≥ 95", "Tối thiểu 80%", "25 - 30",
/// "10 trở lên", "giảm 1%/năm"), in the row of `metric` whose unit column reads `unit_cell`,
/// under a column of `year`; its span is into `cell`. The unit written in the cell comes
/// first, then the unit column's (a unit of `units.tsv`, a rank word, else a counted noun:
/// "xã", "doanh nghiệp"), then, without one, a metric opening with a share word ("Tỷ lệ …",
/// `target_markers.tsv` `share_metric`) is in percent. A cell with words of its own ("Đạt
/// chuẩn") states none.
pub(crate) fn cell_target(
    cell: &str,
    metric: &str,
    unit_cell: Option<&str>,
    year: Option<i32>,
) -> Option<Target> {
    let key = fold_key(cell);
    if key.len() != cell.len() {
        return None;
    }
    let g = &*GRAMMAR;
    let lo = key.len() - key.trim_start().len();
    let hi = key.trim_end().len();
    let at = lo + key[lo..hi].find(|c: char| c.is_ascii_digit())?;
    let lead = read_lead_in(&key, at, lo, &[], g);
    if lead.refused || !key[lo..lead.start].trim().is_empty() {
        return None;
    }
    let (change, bound) = lead_comparators(&lead.words);
    let (value, value_max, mut end, written) = match parse_value(&key, at, hi, g, false) {
        Some(v) => (v.value, v.value_max, v.end, Some(v.unit)),
        None => {
            let (v1, e1) = parse_number(&key, at, hi)?;
            match range_end(&key, e1, hi).filter(|&(v2, _)| v1 < v2) {
                Some((v2, e2)) => (v1, Some(v2), e2, None),
                None => (v1, None, e1, None),
            }
        }
    };
    let q = skip_ws(&key, end, hi);
    let tail = g
        .tails
        .iter()
        .find(|(p, _)| word_at(&key, q, p))
        .map(|(p, c)| {
            end = q + p.len();
            *c
        });
    // A rate per year ("1%/năm"); then only a remark in parentheses or punctuation may follow.
    let yearly = key[end..hi].trim_start().starts_with("/năm");
    if yearly {
        end = key[end..hi]
            .find("/năm")
            .map_or(end, |i| end + i + "/năm".len());
    }
    let rest = key[end..hi].trim_start();
    if !(rest.is_empty() || rest.starts_with('(') || rest.chars().all(|c| ".,;".contains(c))) {
        return None;
    }
    let unit = written.or_else(|| column_unit(unit_cell?, g)).or_else(|| {
        let m = fold_key(metric.trim());
        g.share_metrics
            .iter()
            .any(|w| word_at(&m, 0, w))
            .then_some("%")
    })?;
    let comparator = change
        .or(value_max.map(|_| Comparator::Range))
        .or(bound)
        .or(tail)
        .unwrap_or(Comparator::Exactly);
    Some(Target {
        section: None,
        text: cell[lo..hi].to_owned(),
        metric: metric
            .trim()
            .trim_end_matches([':', ';', ',', '.'])
            .to_owned(),
        value,
        value_max,
        unit: unit.to_owned(),
        comparator,
        year,
        period: yearly.then(|| "yearly".to_owned()),
        span: Span::new(lo, hi),
    })
}

/// The unit a unit column's cell names: a unit of `units.tsv` ("%", "tỷ đồng", "điểm"), a rank
/// word ("Thứ hạng"), else any word is a counted noun ("xã", "doanh nghiệp").
fn column_unit(cell: &str, g: &Grammar) -> Option<&'static str> {
    let key = fold_key(cell.trim());
    if let Some(u) = g.units.iter().find(|u| u.surface == key) {
        return Some(u.unit);
    }
    if g.lead_in.iter().any(|(p, r)| *r == Role::Rank && *p == key) {
        return Some("rank");
    }
    key.chars()
        .any(is_letter)
        .then(|| g.count.as_ref().map(|u| u.unit))
        .flatten()
}

/// The year a context line gives to what stands below it ("* Mục tiêu đến năm 2025" → 2025,
/// "Giai đoạn 2022 - 2025" → 2025); None for a line that gives none, that states a target
/// itself, that is a paragraph rather than a heading, or that reports the past ("KẾT QUẢ THỰC
/// HIỆN … GIAI ĐOẠN 2016 - 2020").
pub(crate) fn context_year(line: &str) -> Option<i32> {
    let key = fold_key(line);
    if key.len() != line.len() || key.contains(['%', '％']) || key.split_whitespace().count() > 30
    {
        return None;
    }
    let g = &*GRAMMAR;
    let mut found = Vec::new();
    for w in &g.context_refuse {
        occurrences(&key, w, &mut found);
    }
    if !found.is_empty() {
        return None;
    }
    find_years(&key, &Excluded::new(&[]), g)
        .into_iter()
        .find(|y| !y.baseline)
        .map(|y| y.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The targets of `t`.
    fn targets_in(t: &str, ctx: &TargetContext, exclude: &[Span]) -> Vec<Target> {
        extract_targets(t, &fold_key(t), ctx, exclude)
    }
    use Comparator::*;

    fn run(text: &str, year: Option<i32>) -> Vec<Target> {
        targets_in(
            text,
            &TargetContext {
                year,
                ..Default::default()
            },
            &[],
        )
    }

    /// (value, comparator, year, period) of every target.
    fn brief(ts: &[Target]) -> Vec<(f64, Comparator, Option<i32>, Option<&str>)> {
        ts.iter()
            .map(|t| (t.value, t.comparator, t.year, t.period.as_deref()))
            .collect()
    }

    fn check_spans(text: &str, ts: &[Target]) {
        for t in ts {
            assert_eq!(t.span.slice(text), t.text, "span and text agree");
            assert!(t.section.is_none());
        }
    }

    #[test]
    fn yearly_hundred_percent() {
        let s = "(2) Hằng năm, 100% văn bản quy phạm pháp luật được ban hành đúng quy định, tiến độ; bảo đảm yêu cầu về chất lượng, tính khả thi.";
        let ts = run(s, None);
        assert_eq!(brief(&ts), vec![(100.0, Exactly, None, Some("yearly"))]);
        assert_eq!(ts[0].unit, "%");
        assert_eq!(
            ts[0].metric,
            "văn bản quy phạm pháp luật được ban hành đúng quy định"
        );
        assert!(
            ts[0]
                .text
                .starts_with("Hằng năm, 100% văn bản quy phạm pháp luật được ban hành đúng quy")
        );
        check_spans(s, &ts);
    }

    #[test]
    fn at_least_with_metric_after() {
        let s = "Tối thiểu 80% hồ sơ giải quyết thủ tục hành chính được luân chuyển trong nội bộ giữa các cơ quan có thẩm quyền giải quyết.";
        let ts = run(s, None);
        assert_eq!(brief(&ts), vec![(80.0, AtLeast, None, None)]);
        assert_eq!(
            ts[0].metric,
            "hồ sơ giải quyết thủ tục hành chính được luân chuyển trong nội bộ giữa các cơ quan"
        );
    }

    #[test]
    fn a_share_of_a_total_takes_its_metric_from_before_the_value() {
        let s = "Tỷ lệ hồ sơ trực tuyến toàn trình đạt tối thiểu 80% trên tổng số hồ sơ tiếp nhận.";
        let ts = run(s, None);
        assert_eq!(brief(&ts), vec![(80.0, AtLeast, None, None)]);
        assert_eq!(ts[0].metric, "Tỷ lệ hồ sơ trực tuyến toàn trình");
        // "tổng số" alone is the metric.
        let ts = run("Đạt 90% tổng số hồ sơ tiếp nhận.", None);
        assert_eq!(ts[0].metric, "tổng số hồ sơ tiếp nhận");
        // A total after the value yields to the metric before it.
        let ts = run(
            "Chi cho khoa học, công nghệ đạt 2% tổng chi ngân sách của tỉnh.",
            None,
        );
        assert_eq!(ts[0].metric, "Chi cho khoa học, công nghệ");
        // A later value of the sentence shares that metric, not the total.
        let ts = run(
            "Chi cho khoa học, công nghệ đạt 2% tổng chi ngân sách năm 2026, 3% năm 2027.",
            None,
        );
        let m: Vec<&str> = ts.iter().map(|t| t.metric.as_str()).collect();
        assert_eq!(m, ["Chi cho khoa học, công nghệ"; 2]);
    }

    #[test]
    fn a_place_in_a_leading_group_is_a_rank_of_at_most_its_size() {
        let ts = run(
            "Chỉ số Hài lòng (SIPAS) xếp trong nhóm 10 tỉnh dẫn đầu cả nước.",
            None,
        );
        assert_eq!(brief(&ts), vec![(10.0, AtMost, None, None)]);
        assert_eq!(ts[0].unit, "rank");
        assert_eq!(ts[0].metric, "Chỉ số Hài lòng (SIPAS)");
        let ts = run(
            "Chỉ số cải cách hành chính nằm trong nhóm 20 tỉnh dẫn đầu.",
            None,
        );
        assert_eq!(brief(&ts), vec![(20.0, AtMost, None, None)]);
        // "dẫn đầu" after the group stands for a rank word.
        let ts = run(
            "Chỉ số PAR Index thuộc nhóm 20 tỉnh, thành phố dẫn đầu.",
            None,
        );
        assert_eq!(units(&ts), [(20.0, "rank", AtMost, "Chỉ số PAR Index")]);
        // Without a rank word or a leading group a group is no target.
        assert!(run("Thành lập nhóm 5 người hỗ trợ.", None).is_empty());
        assert!(run("Chỉ số PAR Index thuộc nhóm 20 tỉnh.", None).is_empty());
    }

    #[test]
    fn bullet_dash_is_no_sign() {
        let ts = run(
            "-100% văn bản QPPL do Ủy ban nhân dân huyện, cấp xã ban hành đúng quy định của pháp luật.",
            Some(2025),
        );
        assert_eq!(brief(&ts), vec![(100.0, Exactly, Some(2025), None)]);
        assert_eq!(
            ts[0].text,
            "100% văn bản QPPL do Ủy ban nhân dân huyện, cấp xã ban hành đúng quy định của pháp luật"
        );
        let ts = run(
            "+ 100% các cơ quan đảng của huyện kết nối mạng thông tin diện rộng của Đảng",
            None,
        );
        assert_eq!(brief(&ts), vec![(100.0, Exactly, None, None)]);
        assert_eq!(
            ts[0].metric,
            "các cơ quan đảng của huyện kết nối mạng thông tin diện rộng của Đảng"
        );
    }

    #[test]
    fn metric_before_the_verb() {
        let s = "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC đạt tối thiểu 90%; trong đó, mức độ hài lòng về giải quyết các thủ tục hành chính lĩnh vực đất đai, xây dựng, đầu tư đạt tối thiểu 85%.";
        let ts = run(s, None);
        assert_eq!(
            brief(&ts),
            vec![(90.0, AtLeast, None, None), (85.0, AtLeast, None, None)]
        );
        assert_eq!(
            ts[0].metric,
            "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC"
        );
        assert_eq!(
            ts[1].metric,
            "mức độ hài lòng về giải quyết các thủ tục hành chính lĩnh vực đất đai, xây dựng, đầu tư"
        );
        assert!(ts[1].text.starts_with("trong đó, mức độ hài lòng"));
        check_spans(s, &ts);
    }

    #[test]
    fn a_part_named_by_a_relative_clause_narrows_the_metric_before() {
        let s = "- Tỷ lệ lao động qua đào tạo đạt 71%, trong đó có bằng cấp, chứng chỉ đạt 31%.";
        let ts = run(s, None);
        let m: Vec<_> = ts.iter().map(|t| (t.value, t.metric.as_str())).collect();
        assert_eq!(
            m,
            vec![
                (71.0, "Tỷ lệ lao động qua đào tạo"),
                (31.0, "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ")
            ]
        );
        check_spans(s, &ts);
        // A part with a noun of its own stays as written.
        let s = "Tỷ lệ hồ sơ trực tuyến đạt 80%, trong đó, hồ sơ đất đai đạt 60%.";
        let ts = run(s, None);
        assert_eq!(ts[1].metric, "hồ sơ đất đai");
    }

    #[test]
    fn a_colon_introduces_the_metric() {
        let s = "Phấn đấu đạt các chỉ tiêu chủ yếu: tỷ lệ hồ sơ trực tuyến toàn trình đạt 80%; tỷ lệ thanh toán trực tuyến đạt 50%.";
        let ts = run(s, None);
        let m: Vec<_> = ts.iter().map(|t| t.metric.as_str()).collect();
        assert_eq!(
            m,
            [
                "tỷ lệ hồ sơ trực tuyến toàn trình",
                "tỷ lệ thanh toán trực tuyến"
            ]
        );
        check_spans(s, &ts);
    }

    #[test]
    fn reduce_by_with_baseline_year() {
        let s = "- 100% các cơ quan chuyên môn được rà soát, sắp xếp lại tổ chức theo quy định; thực hiện sắp xếp bộ máy và tinh giản biên chế, phấn đấu đến năm 2025 giảm 10% biên chế sự nghiệp, hợp đồng theo Nghị định số 68/2000/NĐ-CP so với năm 2021; rà soát, sắp xếp lại số lượng cấp phó.";
        let ts = run(s, None);
        assert_eq!(
            brief(&ts),
            vec![
                (100.0, Exactly, None, None),
                (10.0, ReduceBy, Some(2025), None)
            ]
        );
        assert_eq!(ts[1].metric, "biên chế sự nghiệp, hợp đồng");
        assert!(ts[1].text.contains("giảm 10% biên chế sự nghiệp"));
    }

    #[test]
    fn baseline_is_never_the_year() {
        let ts = run(
            "Tiếp tục giảm 10% biên chế sự nghiệp hưởng lương từ ngân sách nhà nước so với năm 2025.",
            Some(2030),
        );
        assert_eq!(brief(&ts), vec![(10.0, ReduceBy, Some(2030), None)]);
        let ts = run(
            "Đến năm 2030, phấn đấu giảm 15% chi hỗ trợ trực tiếp từ ngân sách nhà nước cho đơn vị sự nghiệp công lập so với giai đoạn 2021 - 2025.",
            None,
        );
        assert_eq!(brief(&ts), vec![(15.0, ReduceBy, Some(2030), None)]);
        assert_eq!(ts[0].metric, "chi hỗ trợ trực tiếp từ ngân sách nhà nước");
        let ts = run(
            "Cắt giảm tối thiểu 20% chi phí tuân thủ tại các văn bản tính đến hết ngày 31 tháng 5 năm 2020.",
            None,
        );
        assert_eq!(brief(&ts), vec![(20.0, ReduceBy, None, None)]);
    }

    #[test]
    fn year_right_after_each_value() {
        let s = "- Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước đạt tối thiểu 90% vào năm 2025 và 95% vào năm 2030. Mức độ hài lòng của người dân về cung cấp dịch vụ y tế, giáo dục công lập đạt tối thiểu 85% vào năm 2025 và 90% vào năm 2030.";
        let ts = run(s, Some(2025));
        assert_eq!(
            brief(&ts),
            vec![
                (90.0, AtLeast, Some(2025), None),
                (95.0, AtLeast, Some(2030), None),
                (85.0, AtLeast, Some(2025), None),
                (90.0, AtLeast, Some(2030), None)
            ]
        );
        let m = "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước";
        assert_eq!(ts[0].metric, m);
        assert_eq!(ts[1].metric, m);
        assert!(
            ts[2]
                .text
                .starts_with("Mức độ hài lòng của người dân về cung cấp")
        );
        check_spans(s, &ts);
    }

    #[test]
    fn growth_is_a_change_after_a_metric_and_a_noun_opening_one() {
        let m = |s: &str| {
            let ts = run(s, None);
            check_spans(s, &ts);
            ts.iter()
                .map(|t| (t.metric.clone(), t.comparator))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            m("Tăng trưởng kinh tế (GRDP) đạt 8%."),
            [("Tăng trưởng kinh tế (GRDP)".to_string(), Exactly)]
        );
        assert_eq!(
            m("Doanh thu du lịch tăng trưởng bình quân 15%/năm."),
            [("Doanh thu du lịch".to_string(), IncreaseBy)]
        );
        assert_eq!(
            m("Tăng thu ngân sách 10%."),
            [("thu ngân sách".to_string(), IncreaseBy)]
        );
    }

    #[test]
    fn list_of_values_and_increase_per_year() {
        let s = "- Năm 2021, số hóa kết quả giải quyết TTHC đang còn hiệu lực và có giá trị sử dụng thuộc thẩm quyền giải quyết của UBND cấp huyện, cấp xã đạt tỷ lệ tối thiểu tương ứng là 20%, 15%; giai đoạn 2022 - 2025, mỗi năm tăng tối thiểu 20% đối với mỗi cấp hành chính cho đến khi đạt tỷ lệ 100% để đảm bảo việc kết nối, chia sẻ dữ liệu.";
        let ts = run(s, None);
        assert_eq!(
            brief(&ts),
            vec![
                (20.0, AtLeast, Some(2021), None),
                (15.0, AtLeast, Some(2021), None),
                (20.0, IncreaseBy, Some(2025), Some("yearly"))
            ]
        );
        let m = "số hóa kết quả giải quyết TTHC đang còn hiệu lực và có giá trị sử dụng thuộc thẩm quyền giải quyết của UBND cấp huyện, cấp xã";
        assert_eq!(ts[0].metric, m);
        assert_eq!(ts[1].metric, m);
        assert_eq!(ts[2].metric, m);
        assert!(ts[0].text.contains("số hóa kết quả giải quyết TTHC"));
        assert!(
            ts[2]
                .text
                .starts_with("giai đoạn 2022 - 2025, mỗi năm tăng")
        );
    }

    #[test]
    fn yearly_inspection_at_least() {
        let ts = run(
            "- Hàng năm, thực hiện kiểm tra công tác CCHC ít nhất 30% các cơ quan, đơn vị trực thuộc và UBND cấp xã trên địa bàn.",
            Some(2025),
        );
        assert_eq!(
            brief(&ts),
            vec![(30.0, AtLeast, Some(2025), Some("yearly"))]
        );
        assert_eq!(
            ts[0].metric,
            "các cơ quan, đơn vị trực thuộc và UBND cấp xã trên địa bàn"
        );
    }

    #[test]
    fn shared_comparator_across_and() {
        let ts = run(
            "- Tối thiểu 90% hồ sơ công việc của huyện và 60% hồ sơ công việc cấp xã được xử lý trên môi trường mạng (trừ hồ sơ công việc thuộc phạm vi bí mật nhà nước).",
            Some(2025),
        );
        assert_eq!(
            brief(&ts),
            vec![
                (90.0, AtLeast, Some(2025), None),
                (60.0, AtLeast, Some(2025), None)
            ]
        );
        assert_eq!(ts[0].metric, "hồ sơ công việc của huyện");
        assert_eq!(
            ts[1].metric,
            "hồ sơ công việc cấp xã được xử lý trên môi trường mạng"
        );
        let ts = run(
            "- Trên 90% hồ sơ công việc của huyện và 70% hồ sơ công việc cấp xã được xử lý trên môi trường mạng.",
            Some(2030),
        );
        assert_eq!(
            brief(&ts),
            vec![
                (90.0, MoreThan, Some(2030), None),
                (70.0, MoreThan, Some(2030), None)
            ]
        );
        let ts = run(
            "Phấn đấu giảm 10% số lượng đơn vị sự nghiệp công lập và 10% biên chế sự nghiệp hưởng lương từ ngân sách nhà nước so với năm 2021.",
            Some(2025),
        );
        assert_eq!(
            brief(&ts),
            vec![
                (10.0, ReduceBy, Some(2025), None),
                (10.0, ReduceBy, Some(2025), None)
            ]
        );
        assert_eq!(
            ts[1].metric,
            "biên chế sự nghiệp hưởng lương từ ngân sách nhà nước"
        );
    }

    #[test]
    fn at_least_and_strive_for_more() {
        let ts = run(
            "- Tối thiểu 80% và phấn đấu 100% người dân, doanh nghiệp khi thực hiện thủ tục hành chính không phải cung cấp lại các thông tin.",
            None,
        );
        assert_eq!(
            brief(&ts),
            vec![(80.0, AtLeast, None, None), (100.0, Exactly, None, None)]
        );
        assert_eq!(ts[0].metric, "người dân, doanh nghiệp");
        assert_eq!(ts[1].metric, "người dân, doanh nghiệp");
    }

    #[test]
    fn metric_shared_with_the_next_value() {
        let ts = run(
            "- Rà soát, đề xuất tối thiểu 80% và phấn đấu 90% thủ tục hành chính thuộc thẩm quyền giải quyết của huyện và cấp xã có đủ điều kiện.",
            None,
        );
        assert_eq!(
            brief(&ts),
            vec![(80.0, AtLeast, None, None), (90.0, Exactly, None, None)]
        );
        let m =
            "thủ tục hành chính thuộc thẩm quyền giải quyết của huyện và cấp xã có đủ điều kiện";
        assert_eq!((ts[0].metric.as_str(), ts[1].metric.as_str()), (m, m));
    }

    #[test]
    fn metric_keeps_plain_numbers_and_stops_at_a_comma() {
        let ts = run(
            "100% dịch vụ công trực tuyến mức độ 3, 4 được cơ quan hành chính nhà nước các cấp cung cấp.",
            None,
        );
        assert_eq!(
            ts[0].metric,
            "dịch vụ công trực tuyến mức độ 3, 4 được cơ quan hành chính nhà nước các cấp cung cấp"
        );
        let ts = run(
            "+ 100% các cơ quan đảng của huyện kết nối mạng thông tin diện rộng của Đảng với băng thông rộng, kết nối Internet có quản lý.",
            None,
        );
        assert_eq!(
            ts[0].metric,
            "các cơ quan đảng của huyện kết nối mạng thông tin diện rộng của Đảng với băng thông rộng"
        );
        // Twenty words that end where the metric ends anyway are not cut back.
        let ts = run(
            "-100% văn bản QPPL do Ủy ban nhân dân huyện, cấp xã ban hành đúng quy định của pháp luật và được rà soát thường xuyên.",
            None,
        );
        assert_eq!(
            ts[0].metric,
            "văn bản QPPL do Ủy ban nhân dân huyện, cấp xã ban hành đúng quy định của pháp luật"
        );
    }

    #[test]
    fn ranges() {
        let ts = run(
            "- Từ 25 - 35% số lãnh đạo, quản lý Ủy ban nhân dân huyện và tương đương; trên 30% số lãnh đạo, quản lý cấp phòng có đủ khả năng làm việc trong môi trường quốc tế.",
            Some(2030),
        );
        assert_eq!(
            brief(&ts),
            vec![
                (25.0, Range, Some(2030), None),
                (30.0, MoreThan, Some(2030), None)
            ]
        );
        assert_eq!(ts[0].value_max, Some(35.0));
        assert_eq!(
            ts[0].metric,
            "số lãnh đạo, quản lý Ủy ban nhân dân huyện và tương đương"
        );
        assert!(
            ts[0]
                .text
                .contains("số lãnh đạo, quản lý Ủy ban nhân dân huyện")
        );
        let ts = run("Tỷ lệ này đạt 25-35% tổng số.", None);
        assert_eq!(
            (ts[0].value, ts[0].value_max, ts[0].comparator),
            (25.0, Some(35.0), Range)
        );
    }

    #[test]
    fn index_each_year_then_by_year() {
        let s = "Phấn đấu chỉ số cải cách hành chính của huyện hằng năm đạt trên 90%; đến năm 2025, chỉ số CCHC đạt 91% và phấn đấu đến năm 2030, chỉ số CCHC đạt trên 91%; phấn đấu điểm đánh giá chỉ số cải cách hành chính năm sau cao hơn năm trước.";
        let ts = run(s, None);
        assert_eq!(
            brief(&ts),
            vec![
                (90.0, MoreThan, None, Some("yearly")),
                (91.0, Exactly, Some(2025), None),
                (91.0, MoreThan, Some(2030), None)
            ]
        );
        assert_eq!(ts[0].metric, "chỉ số cải cách hành chính của huyện");
        assert_eq!(ts[1].metric, "chỉ số CCHC");
        assert_eq!(ts[2].metric, "chỉ số CCHC");
        assert!(ts[1].text.contains("chỉ số CCHC đạt 91%"));
    }

    #[test]
    fn ranks_out_of_63() {
        let s = "(1) Phân đầu Chỉ số cải cách hành chính, Chỉ số hiệu quả quản trị và hành chính công xếp thứ hạng tăng bình quân mỗi năm từ 5 - 8 bậc; đến năm 2025, xếp thứ hạng từ 25 - 30/63 tỉnh, thành phố trực thuộc Trung ương. Phân đầu Chỉ số năng lực cạnh tranh cấp tỉnh năm 2021, xếp thứ hạng từ 20 - 30/63; đến năm 2025, xếp thứ hạng từ 10 - 20/63 tỉnh, thành phố trực thuộc Trung ương.";
        let ts = run(s, None);
        let got: Vec<_> = ts
            .iter()
            .map(|t| (t.unit.as_str(), t.value, t.value_max, t.comparator, t.year))
            .collect();
        assert_eq!(
            got,
            vec![
                ("rank_steps", 5.0, Some(8.0), IncreaseBy, None),
                ("rank", 25.0, Some(30.0), Range, Some(2025)),
                ("rank", 20.0, Some(30.0), Range, Some(2021)),
                ("rank", 10.0, Some(20.0), Range, Some(2025)),
            ]
        );
        assert_eq!(ts[0].period.as_deref(), Some("yearly"));
        assert_eq!(ts[1].metric, ts[0].metric);
        assert_eq!(ts[3].metric, "Phân đầu Chỉ số năng lực cạnh tranh cấp tỉnh");
        let ts = run("Chỉ số PCI năm 2023 xếp thứ 15/63 tỉnh, thành phố.", None);
        assert_eq!(
            (
                ts[0].unit.as_str(),
                ts[0].value,
                ts[0].comparator,
                ts[0].year
            ),
            ("rank", 15.0, Exactly, Some(2023))
        );
    }

    #[test]
    fn hundred_percent_in_given_years() {
        let s = "(2) Trong năm 2021, hoàn thành phê duyệt Đề án vị trí việc làm ở 100% cơ quan khối Đảng, Mặt trận Tổ quốc, đoàn thể; trong năm 2022, hoàn thành phê duyệt lại Đề án vị trí việc làm ở 100% cơ quan hành chính cấp tỉnh, cấp huyện theo Nghị định số 107/2020/NĐ-CP ngày 14/9/2020 của Chính phủ.";
        let ts = run(s, Some(2025));
        assert_eq!(
            brief(&ts),
            vec![
                (100.0, Exactly, Some(2021), None),
                (100.0, Exactly, Some(2022), None)
            ]
        );
        assert_eq!(
            ts[0].metric,
            "cơ quan khối Đảng, Mặt trận Tổ quốc, đoàn thể"
        );
        assert!(ts[1].text.contains("Đề án vị trí việc làm"));
    }

    #[test]
    fn cut_at_least() {
        let s = "b) Tiếp tục rà soát, thực hiện đơn giản hóa TTHC theo Nghị quyết số 66/NQ-CP ngày 26/3/2025 của Chính phủ, đảm bảo cắt giảm tối thiểu 30% thời gian thực hiện TTHC và đơn giản hóa thành phần hồ sơ kèm theo.";
        let ts = run(s, None);
        assert_eq!(brief(&ts), vec![(30.0, ReduceBy, None, None)]);
        assert_eq!(
            ts[0].metric,
            "thời gian thực hiện TTHC và đơn giản hóa thành phần hồ sơ kèm"
        );
        assert!(
            ts[0]
                .text
                .contains("cắt giảm tối thiểu 30% thời gian thực hiện TTHC")
        );
    }

    #[test]
    fn decimal_comma_and_yearly_reduction() {
        let s = "- Đến năm 2025, phấn đấu chuyển ít nhất 30% số lượng đơn vị sự nghiệp công tự bảo đảm dưới 100% chi thường xuyên sang đơn vị sự nghiệp công tự bảo đảm chi thường xuyên; chuyển ít nhất 30% số lượng đơn vị sự nghiệp công tự bảo đảm từ 70% đến dưới 100% chi thường xuyên; hàng năm, thực hiện giảm tối thiểu 2,5% chi hỗ trợ trực tiếp từ ngân sách nhà nước đối với nhóm đơn vị này.";
        let ts = run(s, None);
        assert_eq!(
            brief(&ts),
            vec![
                (30.0, AtLeast, Some(2025), None),
                (30.0, AtLeast, Some(2025), None),
                (2.5, ReduceBy, Some(2025), Some("yearly"))
            ]
        );
        assert_eq!(ts[0].metric, "số lượng đơn vị sự nghiệp công");
    }

    #[test]
    fn from_and_or_more() {
        let ts = run(
            "Tối thiểu 80% TTHC có yêu cầu nghĩa vụ tài chính được triển khai thanh toán trực tuyến, trong số đó, tỷ lệ giao dịch thanh toán trực tuyến đạt từ 30% trở lên.",
            None,
        );
        assert_eq!(
            brief(&ts),
            vec![(80.0, AtLeast, None, None), (30.0, AtLeast, None, None)]
        );
        assert_eq!(ts[1].metric, "tỷ lệ giao dịch thanh toán trực tuyến");
        assert_eq!(
            ts[1].text,
            "trong số đó, tỷ lệ giao dịch thanh toán trực tuyến đạt từ 30% trở lên"
        );
        let ts = run(
            "100% viên chức có trình độ chuyên môn phù hợp, phấn đấu 10% trở lên có trình độ sau Đại học.",
            None,
        );
        assert_eq!(
            brief(&ts),
            vec![(100.0, Exactly, None, None), (10.0, AtLeast, None, None)]
        );
        assert_eq!(ts[1].metric, "viên chức");
    }

    #[test]
    fn caps() {
        let ts = run(
            "Tỷ lệ hồ sơ trễ hạn tối đa 2%; tỷ lệ sai sót không quá 1%; dưới 5% hồ sơ phải bổ sung.",
            None,
        );
        assert_eq!(
            brief(&ts),
            vec![
                (2.0, AtMost, None, None),
                (1.0, AtMost, None, None),
                (5.0, AtMost, None, None)
            ]
        );
        assert_eq!(ts[0].metric, "Tỷ lệ hồ sơ trễ hạn");
        let ts = run(
            "Phấn đấu tối thiểu trên 20% đơn vị sự nghiệp công lập (không bao gồm các trường mầm non) tự bảo đảm chi thường xuyên.",
            Some(2025),
        );
        assert_eq!(brief(&ts), vec![(20.0, MoreThan, Some(2025), None)]);
        assert_eq!(ts[0].metric, "đơn vị sự nghiệp công lập");
        let ts = run("Tăng tỷ lệ này lên 80%.", None);
        assert_eq!(brief(&ts), vec![(80.0, Exactly, None, None)]);
    }

    #[test]
    fn sub_clauses_and_label() {
        let s = "- Cán bộ, công chức cấp xã: Có từ 70% cán bộ, công chức cấp xã trở lên có trình độ Đại học; có 5% có trình độ sau Đại học. Hằng năm có 100% được cập nhật kiến thức pháp luật.";
        let ts = run(s, Some(2025));
        assert_eq!(
            brief(&ts),
            vec![
                (70.0, AtLeast, Some(2025), None),
                (5.0, Exactly, Some(2025), None),
                (100.0, Exactly, Some(2025), Some("yearly"))
            ]
        );
        assert_eq!(ts[0].metric, "cán bộ, công chức cấp xã");
        assert_eq!(ts[1].metric, "cán bộ, công chức cấp xã");
        assert_eq!(ts[2].metric, "Cán bộ, công chức cấp xã");
        let s = "+ Phấn đấu 100% cán bộ, công chức có trình độ chuyên môn Đại học trở lên, trong đó có 20% có trình độ sau Đại học, cán bộ chủ chốt đạt 40% có trình độ sau Đại học.";
        let ts = run(s, None);
        let m: Vec<_> = ts.iter().map(|t| (t.value, t.metric.as_str())).collect();
        assert_eq!(
            m,
            vec![
                (100.0, "cán bộ, công chức có trình độ chuyên môn Đại học"),
                (20.0, "cán bộ, công chức"),
                (40.0, "cán bộ chủ chốt")
            ]
        );
    }

    #[test]
    fn metric_from_heading() {
        let ctx = TargetContext { year: Some(2025), heading: Some("Mức độ hài lòng người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước".into()), ..Default::default() };
        let ts = targets_in(
            "Đạt tối thiểu 90%; mức độ hài lòng người dân về cung cấp dịch vụ y tế, giáo dục công lập; lĩnh vực đất đai, xây dựng: đạt tối thiểu 85%.",
            &ctx,
            &[],
        );
        assert_eq!(
            brief(&ts),
            vec![
                (90.0, AtLeast, Some(2025), None),
                (85.0, AtLeast, Some(2025), None)
            ]
        );
        assert!(
            ts[0]
                .metric
                .starts_with("Mức độ hài lòng người dân, tổ chức")
        );
        assert_eq!(ts[1].metric, "lĩnh vực đất đai, xây dựng");
    }

    #[test]
    fn sentence_year_and_later_year() {
        let ts = run(
            "Phấn đấu 100% xã đạt chuẩn nông thôn mới đến năm 2025.",
            None,
        );
        assert_eq!(brief(&ts), vec![(100.0, Exactly, Some(2025), None)]);
        let ts = run(
            "Giai đoạn 2022 - 2025, 100% cơ quan thực hiện; đến 2030 đạt 95% hồ sơ.",
            None,
        );
        assert_eq!(
            brief(&ts),
            vec![
                (100.0, Exactly, Some(2025), None),
                (95.0, Exactly, Some(2030), None)
            ]
        );
        // A new sentence does not keep the year.
        let ts = run(
            "Đến năm 2025, xây dựng được đội ngũ cán bộ. 100% cơ quan nhà nước bố trí cán bộ theo vị trí việc làm.",
            Some(2030),
        );
        assert_eq!(brief(&ts), vec![(100.0, Exactly, Some(2030), None)]);
    }

    #[test]
    fn citation_years_and_values_are_skipped() {
        let s = "Thực hiện Kế hoạch số 30/KH-UBND năm 2019 với 100% TTHC được công khai.";
        let i = s.find("Kế hoạch").unwrap();
        let j = s.find(" với").unwrap();
        let ts = targets_in(
            s,
            &TargetContext {
                year: Some(2025),
                ..Default::default()
            },
            &[Span::new(i, j)],
        );
        assert_eq!(brief(&ts), vec![(100.0, Exactly, Some(2025), None)]);
        let ts = targets_in(
            s,
            &TargetContext::default(),
            &[Span::new(s.find("100%").unwrap(), s.len())],
        );
        assert!(ts.is_empty());
    }

    #[test]
    fn not_targets() {
        for s in [
            "Chỉ số PAR INDEX: năm 2016: 59/63; năm 2017: 63/63; năm 2018: 56/63.",
            "Chỉ số xếp hạng: năm 2016: 59/63; năm 2017: 63/63.",
            "Đối với cơ quan đơn vị có Chỉ số điểm thành phần lĩnh vực Cải cách thủ tục hành chính, lĩnh vực xây dựng chính quyền số đạt dưới 75% số điểm tối đa phải xây dựng kế hoạch khắc phục, phấn đấu năm 2023 hoàn thành tốt nhiệm vụ.",
            "Nếu tỷ lệ hồ sơ trễ hạn trên 5%, người đứng đầu phải giải trình.",
            "Tăng cường tiếp nhận trực tuyến TTHC mức độ 3, mức độ 4 theo quy trình ISO 9001:2015.",
            "Triển khai Bộ chỉ số 766 bảo đảm hoạt động thông suốt 24/7 đáp ứng công nghiệp 4.0.",
            "Qua 05 năm thực hiện Nghị quyết 05, kết quả quan trọng; 1.2.1. Mục tiêu.",
            "Năm 2020, tỷ lệ hồ sơ đúng hạn đã đạt 98%.",
            "Nghị định số 16/2015/NĐ-CP ngày 14/02/2015 của Chính phủ1 cho các đơn vị.",
            "đơn vị sự nghiệp công tự bảo đảm từ 10% đến dưới 30% chi thường xuyên",
        ] {
            assert!(
                run(s, Some(2025)).is_empty(),
                "{s}: {:?}",
                brief(&run(s, Some(2025)))
            );
        }
        // The end point of another target.
        let ts = run(
            "Mỗi năm tăng tối thiểu 20% cho đến khi đạt tỷ lệ 100%.",
            None,
        );
        assert_eq!(brief(&ts), vec![(20.0, IncreaseBy, None, Some("yearly"))]);
        // A comma after the condition opener: the value is the commitment.
        let ts = run(
            "Đối với TTHC liên thông, 100% hồ sơ phải được giải quyết đúng hạn.",
            None,
        );
        assert_eq!(brief(&ts), vec![(100.0, Exactly, None, None)]);
    }

    #[test]
    fn old_tone_placement() {
        let ts = run(
            "Tối thiểu 30% hồ sơ được số hoá; 100% Uỷ ban nhân dân cấp xã thực hiện. Hàng năm, tỉ lệ đạt 95% trở lên.",
            None,
        );
        assert_eq!(
            brief(&ts),
            vec![
                (30.0, AtLeast, None, None),
                (100.0, Exactly, None, None),
                (95.0, AtLeast, None, Some("yearly"))
            ]
        );
        assert_eq!(ts[1].metric, "Uỷ ban nhân dân cấp xã thực hiện");
    }

    #[test]
    fn tone_pairs_of_another_length() {
        let ts = run(
            "Tỷ lệ hài lòng của người dân xã Quỳnh Lưu và thuỳ đạt 90%; 80% hồ sơ hoạ đồ khoẽ.",
            None,
        );
        assert_eq!(
            brief(&ts),
            vec![(90.0, Exactly, None, None), (80.0, Exactly, None, None)]
        );
        check_spans(
            "Tỷ lệ hài lòng của người dân xã Quỳnh Lưu và thuỳ đạt 90%; 80% hồ sơ hoạ đồ khoẽ.",
            &ts,
        );
    }

    #[test]
    fn percent_words_and_spaces() {
        let ts = run(
            "Đạt 90 phần trăm hồ sơ; 85 % người dân hài lòng; 70％ cơ quan.",
            None,
        );
        let v: Vec<_> = ts.iter().map(|t| (t.value, t.unit.as_str())).collect();
        assert_eq!(v, vec![(90.0, "%"), (85.0, "%"), (70.0, "%")]);
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "",
            "%",
            "-",
            "-%",
            "100",
            "/63",
            "1/",
            "99999999999999999999999%",
            "123456789012345%",
            "٨٠% hồ sơ",
            "８０％",
            "2,%",
            "2,5",
            ",5%",
            "từ 25 -",
            "từ 25 - %",
            "xếp thứ hạng 0/63; 70/63; 5/0",
            "năm 2025 - ",
            "giai đoạn 2025 - 2020, 10%",
            "Ủy ban 100%",
            "a) b) c) (1) - + •",
            "đạt đạt đạt đạt 10%",
            "; ; ; . . .",
            "Năm 2025:",
            "\u{301}100%\u{300}",
        ] {
            let ts = run(s, Some(2025));
            check_spans(s, &ts);
            let _ = context_year(s);
        }
        let long = "và 1% ".repeat(5000) + &"có ".repeat(5000) + "tối thiểu 1%";
        let ts = run(&long, None);
        assert_eq!(ts.len(), 5001);
        let ts = run("99999999999999999999%", None);
        assert!(ts.is_empty());
        let ts = run("Đạt 123456789012345%", None);
        assert_eq!(ts.len(), 1);
    }

    #[test]
    fn excluded_spans_in_any_order() {
        let s = "Theo Nghị quyết năm 2020 về 50% kinh phí; đạt 90% hồ sơ; theo Quyết định năm 2021 với 70% nguồn.";
        let a = s.find("Nghị quyết").unwrap();
        let b = s.find("; đạt").unwrap();
        let c = s.find("Quyết định").unwrap();
        let ex = [
            Span::new(c, s.len()),
            Span::new(a, b),
            Span::new(a + 3, a + 5),
        ];
        let ts = targets_in(s, &TargetContext::default(), &ex);
        assert_eq!(brief(&ts), vec![(90.0, Exactly, None, None)]);
    }

    #[test]
    fn linear_on_long_input() {
        let piece = "Đối với đơn vị đạt dưới 75% số điểm, tối thiểu 80% hồ sơ, giảm 10% biên chế so với năm 2021; ";
        let text = piece.repeat(4000);
        let ex: Vec<Span> = (0..4000)
            .map(|i| Span::new(i * piece.len(), i * piece.len() + 3))
            .collect();
        let t = std::time::Instant::now();
        let ts = targets_in(&text, &TargetContext::default(), &ex);
        assert_eq!(ts.len(), 12000);
        assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "[-–—+•*()/:;,.%％ 0-9aăâđeêioôơuưyÀàáạảãÂấầẩẫậĐđÊếềểễệÔốồổỗộƠớờởỡợƯứừửữựÝỳỷỹỵ\u{300}\u{301}năm tối thiểu giảm từ trên dưới xếp hạng \n]{0,80}",
                        a in 0usize..100, b in 0usize..100) {
            let ts = targets_in(&s, &TargetContext { year: Some(2025), heading: Some("x".into()), ..Default::default() }, &[Span::new(a, b)]);
            for t in &ts {
                proptest::prop_assert!(t.span.end <= s.len());
                proptest::prop_assert!(t.value.is_finite());
            }
            let _ = context_year(&s);
        }
    }

    /// (value, unit, comparator, metric) of every target.
    fn units(ts: &[Target]) -> Vec<(f64, &str, Comparator, &str)> {
        ts.iter()
            .map(|t| (t.value, t.unit.as_str(), t.comparator, t.metric.as_str()))
            .collect()
    }

    fn in_targets_section(text: &str) -> Vec<Target> {
        let ctx = TargetContext {
            targets_section: true,
            ..Default::default()
        };
        targets_in(text, &ctx, &[])
    }

    #[test]
    fn counts_and_amounts_need_a_commitment() {
        let t = "Có ít nhất 50.000 hộ kinh doanh sử dụng ví điện tử.";
        assert_eq!(
            units(&run(t, None)),
            [(
                50000.0,
                "count",
                AtLeast,
                "hộ kinh doanh sử dụng ví điện tử"
            )]
        );
        let t = "Thu nhập bình quân đầu người đạt 80 triệu đồng/người/năm.";
        assert_eq!(
            units(&run(t, None)),
            [(80.0, "triệu đồng", Exactly, "Thu nhập bình quân đầu người")]
        );
        // In passing, in a task or a policy: no target.
        for t in [
            "Tổ chức 02 lớp tập huấn cho cán bộ, công chức.",
            "Hỗ trợ một lần 10 triệu đồng/xã để xây dựng mô hình.",
        ] {
            assert!(run(t, None).is_empty(), "{t}");
        }
        // Under a heading of targets, a count is one without a verb.
        let t = "Xây dựng 5 mô hình xã thông minh.";
        assert_eq!(
            units(&in_targets_section(t)),
            [(5.0, "count", Exactly, "mô hình xã thông minh")]
        );
    }

    #[test]
    fn numbers_that_count_nothing() {
        for t in [
            "Phấn đấu trong 05 năm tới hoàn thành số hóa.",
            "Tỷ lệ hồ sơ trực tuyến mức độ 3 và 4 trên tổng số hồ sơ.",
            "Tiếp nhận theo phương châm “4 tại chỗ” tại Trung tâm.",
            "Thực hiện theo Điều 3 của Quyết định.",
            "Đến năm 2030 có 3 nhóm giải pháp.",
        ] {
            assert!(
                in_targets_section(t).is_empty(),
                "{t}: {:?}",
                units(&in_targets_section(t))
            );
        }
    }

    #[test]
    fn social_indicators() {
        let cases = [
            // An age after a bare bound qualifies a noun; after a verb it is a value.
            (
                "Tỷ lệ suy dinh dưỡng ở trẻ em dưới 5 tuổi giảm còn 15%.",
                (
                    15.0,
                    "%",
                    Exactly,
                    "Tỷ lệ suy dinh dưỡng ở trẻ em dưới 5 tuổi",
                ),
            ),
            (
                "Tỷ lệ người từ 15 tuổi trở lên biết chữ đạt 99%.",
                (
                    99.0,
                    "%",
                    Exactly,
                    "Tỷ lệ người từ 15 tuổi trở lên biết chữ",
                ),
            ),
            (
                "Tuổi thọ trung bình đạt 75,5 tuổi.",
                (75.5, "tuổi", Exactly, "Tuổi thọ trung bình"),
            ),
            (
                "Huy động 99% trẻ em 5 tuổi đến trường.",
                (99.0, "%", Exactly, "trẻ em 5 tuổi đến trường"),
            ),
            // A rate per population; a count that repeats its metric's noun.
            (
                "Số bác sĩ trên 1 vạn dân đạt 15 bác sĩ.",
                (15.0, "count", Exactly, "Số bác sĩ trên 1 vạn dân"),
            ),
            (
                "Số giường bệnh/vạn dân đạt 35 giường.",
                (35.0, "count", Exactly, "Số giường bệnh/vạn dân"),
            ),
            (
                "Mỗi xã có ít nhất 01 trạm y tế đạt chuẩn.",
                (1.0, "count", AtLeast, "trạm y tế đạt chuẩn"),
            ),
            // Per mille, percentage points and multiples.
            (
                "Tỷ suất tử vong trẻ em dưới 1 tuổi giảm xuống dưới 8‰.",
                (8.0, "‰", AtMost, "Tỷ suất tử vong trẻ em dưới 1 tuổi"),
            ),
            (
                "Tỷ lệ hộ nghèo giảm 1,5 điểm phần trăm so với năm 2026.",
                (1.5, "điểm phần trăm", ReduceBy, "Tỷ lệ hộ nghèo"),
            ),
            (
                "Thu nhập bình quân đầu người tăng 1,5 lần so với năm 2025.",
                (1.5, "lần", IncreaseBy, "Thu nhập bình quân đầu người"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(units(&in_targets_section(text)), [want], "{text}");
        }
        assert!(run("Kiểm tra ít nhất 1 lần/năm tại mỗi xã.", None).is_empty());
    }

    #[test]
    fn a_change_verb_may_open_the_sentence() {
        let ts = run("Giảm tỷ lệ hộ nghèo bình quân 1,5%/năm.", None);
        assert_eq!(units(&ts), [(1.5, "%", ReduceBy, "tỷ lệ hộ nghèo")]);
        assert_eq!(ts[0].period.as_deref(), Some("yearly"));
        // A "to" word or a bound nearer the value says more than the opening verb.
        let ts = run(
            "Giảm tỷ lệ hộ nghèo xuống dưới 3%; nâng tỷ lệ lao động qua đào tạo lên 80%.",
            None,
        );
        assert_eq!(
            units(&ts),
            [
                (3.0, "%", AtMost, "tỷ lệ hộ nghèo"),
                (80.0, "%", Exactly, "tỷ lệ lao động qua đào tạo")
            ]
        );
        // The "lên" of a tail ("trở lên") leads to nothing.
        let ts = run(
            "Giảm tỷ lệ sinh con thứ 3 trở lên bình quân 0,2‰/năm.",
            None,
        );
        assert_eq!(
            units(&ts),
            [(0.2, "‰", ReduceBy, "tỷ lệ sinh con thứ 3 trở lên")]
        );
        assert_eq!(ts[0].period.as_deref(), Some("yearly"));
    }

    #[test]
    fn a_passive_clause_says_which_ones_are_counted() {
        let ts = run("100% hồ sơ được giải quyết đúng hạn, trước hạn.", None);
        assert_eq!(ts[0].metric, "hồ sơ được giải quyết đúng hạn");
        // Too long to be a metric: the noun alone.
        let long = "90% hồ sơ được tiếp nhận và giải quyết trên môi trường điện tử của hệ thống \
                    thông tin giải quyết thủ tục hành chính cấp tỉnh kết nối với cổng quốc gia";
        assert_eq!(run(long, None)[0].metric, "hồ sơ");
    }

    #[test]
    fn a_share_takes_its_metric_from_before() {
        let ts = run("Kinh tế số chiếm 20% GRDP của tỉnh.", None);
        assert_eq!(units(&ts), [(20.0, "%", Exactly, "Kinh tế số")]);
        let ts = run("Kinh tế số chiếm tỷ trọng khoảng 20% GRDP của huyện.", None);
        assert_eq!(units(&ts), [(20.0, "%", Exactly, "Kinh tế số")]);
        // A share of GRDP after a verb: the metric is still the phrase before.
        let ts = run(
            "Phấn đấu tỷ trọng kinh tế số đạt từ 10 - 12% GRDP của huyện.",
            None,
        );
        assert_eq!(units(&ts), [(10.0, "%", Range, "tỷ trọng kinh tế số")]);
    }

    #[test]
    fn a_rate_that_qualifies_a_noun_is_no_target() {
        let s = "Tham mưu xử lý trách nhiệm người đứng đầu cơ quan có tỷ lệ hồ sơ trễ hạn trên 5%.";
        assert!(run(s, None).is_empty());
        // A verb commits to it.
        let s = "Phấn đấu 100% xã có tỷ lệ che phủ rừng đạt trên 45%.";
        assert_eq!(
            brief(&run(s, None)),
            vec![(100.0, Exactly, None, None), (45.0, MoreThan, None, None)]
        );
    }

    #[test]
    fn a_rate_per_year_is_yearly() {
        let ts = run("Năng suất lao động tăng bình quân 7%/năm.", None);
        assert_eq!(brief(&ts), vec![(7.0, IncreaseBy, None, Some("yearly"))]);
        // "/người/năm" is a unit of the amount, not a period.
        let ts = run(
            "Thu nhập bình quân đầu người đạt 120 triệu đồng/người/năm.",
            None,
        );
        assert_eq!(brief(&ts), vec![(120.0, Exactly, None, None)]);
    }

    #[test]
    fn a_level_of_support_is_no_target() {
        let s =
            "Hỗ trợ 50% chi phí thuê dịch vụ chữ ký số cho hộ kinh doanh, tối đa 2 triệu đồng/hộ.";
        assert!(run(s, None).is_empty());
        // Beneficiaries counted or covered are targets.
        let s = "Hằng năm hỗ trợ ít nhất 500 doanh nghiệp chuyển đổi số.";
        assert_eq!(
            units(&run(s, None)),
            [(500.0, "count", AtLeast, "doanh nghiệp chuyển đổi số")]
        );
        let s = "Phấn đấu 100% hộ nghèo có nhu cầu được hỗ trợ vay vốn.";
        assert_eq!(run(s, None).len(), 1);
    }

    #[test]
    fn table_cells_state_one_figure_each() {
        let cell = |c: &str, metric: &str, unit: Option<&str>| {
            cell_target(c, metric, unit, Some(2026)).map(|t| {
                assert_eq!(t.span.slice(c), t.text, "span and text agree");
                (t.value, t.value_max, t.unit, t.comparator, t.period)
            })
        };
        let pct = Some("%");
        assert_eq!(
            cell(" 60 ", "Tỷ lệ hồ sơ", pct),
            Some((60.0, None, "%".into(), Exactly, None))
        );
        assert_eq!(
            cell("≥ 95", "Tỷ lệ văn bản", pct),
            Some((95.0, None, "%".into(), AtLeast, None))
        );
        assert_eq!(
            cell("8 - 8,5", "Tốc độ tăng trưởng", pct),
            Some((8.0, Some(8.5), "%".into(), Range, None))
        );
        assert_eq!(
            cell("Giảm bình quân 1%/năm", "Tỷ lệ hộ nghèo", pct),
            Some((1.0, None, "%".into(), ReduceBy, Some("yearly".into())))
        );
        assert_eq!(
            cell("80 trở lên (theo chuẩn mới)", "Tỷ lệ lao động", None),
            Some((80.0, None, "%".into(), AtLeast, None)),
            "a share metric without a unit column is in percent"
        );
        assert_eq!(
            cell("5.800", "Tổng thu ngân sách", Some("tỷ đồng")),
            Some((5800.0, None, "tỷ đồng".into(), Exactly, None))
        );
        assert_eq!(
            cell("3", "Số xã đạt chuẩn", Some("xã")),
            Some((3.0, None, "count".into(), Exactly, None))
        );
        assert_eq!(
            cell("20 - 25", "Chỉ số PAR Index", Some("Thứ hạng")),
            Some((20.0, Some(25.0), "rank".into(), Range, None))
        );
        // Words of its own, no figure, or no unit anywhere: no target.
        assert_eq!(
            cell("Hoàn thành 100%", "Xây dựng đề án", None),
            Some((100.0, None, "%".into(), Exactly, None))
        );
        assert_eq!(cell("Khu vực I: 60", "Tỷ lệ", pct), None);
        assert_eq!(cell("x", "Tỷ lệ", pct), None);
        assert_eq!(cell("12", "Chỉ số hài lòng", None), None);
    }

    #[test]
    fn context_years() {
        assert_eq!(context_year("* Mục tiêu đến năm 2025"), Some(2025));
        assert_eq!(context_year("* Định hướng đến năm 2030"), Some(2030));
        assert_eq!(context_year("Giai đoạn 2022 - 2025"), Some(2025));
        assert_eq!(context_year("- Các chỉ tiêu đến năm 2025:"), Some(2025));
        assert_eq!(context_year("* Mục tiêu đến năm 2030:"), Some(2030));
        assert_eq!(context_year("Năm 2021:"), Some(2021));
        assert_eq!(
            context_year("Giai đoạn 2021–2025, định hướng đến năm 2030"),
            Some(2025)
        );
        assert_eq!(context_year("a) Chỉ tiêu:"), None);
        assert_eq!(
            context_year("1.2.2. Chỉ số cải cách hành chính của huyện (Par-index)"),
            None
        );
        assert_eq!(
            context_year(
                "I- KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TRÊN ĐỊA BÀN THỊ XÃ GIAI ĐOẠN 2016 - 2020"
            ),
            None
        );
        assert_eq!(context_year("Đến năm 2025, 100% văn bản được ký số"), None);
        assert_eq!(context_year("Giảm 10% so với năm 2021"), None);
        assert_eq!(
            context_year("Nghị định số 16/2015/NĐ-CP ngày 14/02/2015"),
            None
        );
    }

    #[test]
    fn grammar_files_load() {
        let g = &*GRAMMAR;
        assert!(
            g.lead_in
                .iter()
                .any(|(p, r)| p == "tối thiểu" && *r == Role::Bound(AtLeast))
        );
        assert!(
            g.lead_in
                .iter()
                .any(|(p, r)| p == "giảm" && *r == Role::Change(ReduceBy))
        );
        assert!(g.tails.iter().any(|(p, c)| p == "trở lên" && *c == AtLeast));
        assert!(
            g.units
                .iter()
                .any(|u| u.surface == "/" && u.unit == "rank" && u.need == Need::Rank)
        );
        assert!(
            g.periods
                .iter()
                .any(|(p, v)| p == "hằng năm" && *v == "yearly")
        );
        assert!(
            !g.baseline.is_empty() && !g.metric_stop.is_empty() && !g.context_refuse.is_empty()
        );
        for file in [
            crate::grammar!("comparators.tsv"),
            crate::grammar!("units.tsv"),
            crate::grammar!("target_verbs.tsv"),
            crate::grammar!("target_markers.tsv"),
        ] {
            assert!(
                file.starts_with('#'),
                "a grammar file opens with what it is for"
            );
        }
    }
}
