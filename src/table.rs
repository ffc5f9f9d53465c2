//! Appendix task tables (Phụ lục danh mục nhiệm vụ): one row per task, with its lead agency
//! (chủ trì), supporting agencies (phối hợp), product (kết quả, sản phẩm) and deadline (thời
//! gian hoàn thành).
//!
//! # Where they occur
//!
//! Most plans and resolutions carry their real assignments in a table attached "kèm theo" the
//! document: a header row naming the columns, then numbered rows, sometimes under group rows
//! ("I. NHIỆM VỤ CẢI CÁCH THỂ CHẾ"). The columns come from a small vocabulary, in any order and
//! any subset (`grammars/task_columns.tsv`: TT / Tên nhiệm vụ / Cơ quan chủ trì / Cơ quan phối
//! hợp / Kết quả / Thời gian hoàn thành / Căn cứ / Ghi chú / Kinh phí). In text the table
//! arrives in one of two layouts, read by [`parse_tables`]:
//!
//! 1. **Flattened PDF text** (Official Gazette, corpus 107): one cell fragment per line, the
//!    cells of a row one after the other in column order, each cell wrapped over several lines.
//!    Page breaks put running headers, page numbers, page-bottom footnotes and a repeated header
//!    row in the middle of a row, whose cells then go on where they stopped. Two neighbouring
//!    cells may share a line, separated by a wide gap (two spaces or more, or a tab).
//! 2. **Markdown pipe tables** (web exports): `| 1 | Rà soát … | Sở Nội vụ | … |`, a `|---|`
//!    rule under the header, a cell broken over lines by a continuation line without a leading
//!    `|`.
//!
//! A **table of targets** (bảng chỉ tiêu) is read in the pipe layout with the same row reader:
//! a metric column ("Chỉ tiêu"), a unit column ("Đơn vị tính") and columns of figures planned
//! for a year ("Kế hoạch năm 2026", "Mục tiêu đến năm 2030"); its header words are in
//! `grammars/target_columns.tsv`, and a column that reports the past ("Ước thực hiện năm 2025")
//! is kept as [`Role::Other`]. `src/extract/target.rs` reads each figure's cell.
//!
//! # Grammar (non-normative)
//!
//! ```text
//! table      = header (row | group | page-break)*
//! header     = column-name+                       ; one or more lines, names split anywhere
//! column-name = phrase of grammars/task_columns.tsv ; "Cơ quan" ⏎ "chủ trì" = "Cơ quan chủ trì"
//! page-break = (running-header | page-number | footnote)+ [header]   ; the header repeated
//! group      = roman | letter [title] | CAPITALISED-TITLE             ; before a row number
//!
//! ; flattened layout
//! row        = number [gap fragment] fragment*    ; "1", or "7  Đề án về chỉ số …"
//! fragment   = text (gap text)*                   ; gap = 2+ spaces or a tab: two cells
//! cells      = sub-row+                           ; fragments in column order, each cell 1+ lines
//! sub-row    = cell+                              ; a row may restart at its lead column with a
//!                                                 ; second lead/support/product/deadline set;
//!                                                 ; cells it leaves out are merged with the one above
//!
//! ; pipe layout
//! row        = "|" cell ("|" cell)* ["|"] continuation*
//! continuation = text not starting with "|"       ; the open cell goes on
//! ```
//!
//! Which fragment belongs to which column is decided per row by a best-path search over the
//! fragments (a segmentation into cells, columns strictly increasing within a sub-row, a step
//! back starting a new sub-row). Each candidate cell is scored by what its whole text looks like
//! in that column:
//!
//! * the task cell is sentence text (no cue, but never a bare agency list, date or citation);
//! * the lead and support cells are lists of agency names: the share of their letters inside
//!   names `src/extract/agency.rs` finds, gated and backed by the openers of
//!   `grammars/cell_agencies.tsv` (Bộ X, Các bộ, cơ quan ngang bộ, UBND tỉnh, thành phố …);
//! * the product cell opens with a product noun or holds a result participle
//!   (`grammars/product_words.tsv`: Báo cáo, Quyết định, Các văn bản … / được ban hành);
//! * the deadline cell is a time phrase as a whole (`grammars/time_phrases.tsv`: Tháng 3/2026,
//!   Quý IV/2026, 2027 - 2030, Thường xuyên, 2026 và hằng năm, Theo Kế hoạch của …, Kỳ họp …);
//! * the basis cell is a list of citations (kind words of `grammars/citations.tsv`, then a
//!   number: Nghị quyết số 66-NQ/TW, Chương trình số 12-CTr/BCĐ);
//! * a new cell starts with a capital, a digit or a quote; a line in lower case goes on the cell
//!   before it ("Các bộ," ⏎ "cơ quan ngang bộ"); a cell does not stop at a line that waits for
//!   more (`grammars/cell_ends.tsv`: "… 72-NQ/TW của" ⏎ "Bộ Chính trị"); a line opening with an
//!   agency name more likely opens a lead or support cell than it goes on with a task;
//! * two pieces of one line (a wide gap between them) stand in two neighbouring cells;
//! * in wrapped text every line of a cell but its last is about as wide as the column: once the
//!   rows are placed, each column's typical full-line width is measured and the rows are placed
//!   again, a line far wider than a column no longer fitting it.
//!
//! After a page break the row's cells go on, page by page: a fragment is appended to the cell of
//! its column, scored by how the joined cell reads ("Nghị quyết số 66-NQ/TW," + "Nghị quyết số
//! 140/NQ-CP" is still a citation list; "Tháng 5/2026" + "Tháng 11/2026" is not one deadline,
//! so the second starts a sub-row). A cell going on is preferred when it ended open (a comma,
//! "và", an agency name not yet whole), when the new line opens a further item of its list, and
//! when it was among the tallest cells of the page before (the page cut it); it is not preferred
//! when its last line had room for the new line's first word (the break was no wrap). On a page
//! that cuts the row, a cell may end open and a deadline or basis cell may hold only its first
//! words ("Thường" ⏎ (page break) ⏎ "xuyên").
//!
//! Running headers: `crate::lines` marks any line repeated three times beside a number as a
//! running header, which in a flattened table also catches cell lines and row numbers
//! ("bổ sung" ⏎ "1", "CTr/BCĐ" ⏎ "6"); here only running-header shapes of
//! `grammars/furniture.tsv`, or repeated lines whose page numbers run on by one, break pages.
//! A line opening with a word of `grammars/table_ends.tsv` ("Phụ lục II", "Nơi nhận:", "TM.")
//! ends a flattened table.
//!
//! Samples from corpus 107 (one line each, `⏎` between lines):
//!
//! ```text
//! TT ⏎ Tên nhiệm vụ ⏎ Cơ quan ⏎ chủ trì ⏎ Cơ quan ⏎ phối hợp ⏎ Kết quả ⏎ Thời gian ⏎ hoàn thành ⏎ Căn cứ ⏎ bổ sung
//! 2 ⏎ Thực hiện nghiêm chủ trương dứt khoát từ ⏎ … ⏎ Các bộ,          ⏎ cơ quan ngang bộ  Bộ Tư pháp
//! 7  Đề án về chỉ số đánh giá, chấm điểm KPI ⏎ … ⏎ Tháng ⏎ 3/2026 ⏎ Nghị quyết ⏎ số 23/NQ- ⏎ CP ngày
//! 23 ⏎ … ⏎ Đài Truyền ⏎ hình Việt ⏎ Nam, Đài ⏎ Tiếng nói ⏎ … ⏎ CÔNG BÁO/Số 238/Ngày 21-04-2026 ⏎ 106 ⏎ TT ⏎ … ⏎ Việt Nam
//! ```
//!
//! # What it reports
//!
//! Nothing is dropped: a row that cannot be fully placed keeps its text and gets
//! [`TableRow::unsure`] (the caller turns it into a `table-row-unsure` warning): an empty lead
//! cell, a deadline cell that reads as no time phrase, a basis cell that cites nothing, a cell
//! that had to start in lower case, a row too long to place. Table-level findings are
//! [`TableIssue`]s with stable codes: `table-numbering-gap` (a row number skipped or out of
//! order), `table-text-outside-rows` (text between the header and the first row),
//! `table-row-too-long` (a row beyond [`SEGMENT_FRAGMENTS_MAX`] lines, its cells not separated).
//!
//! Time is linear in the number of lines: the search runs per page of a row over at most
//! [`SEGMENT_FRAGMENTS_MAX`] fragments, a cell's text is scored on at most
//! [`CELL_SCORE_CHARS_MAX`] bytes, and both placing passes share the scores of their cells.
//!
//! References: Nghị định 30/2020/NĐ-CP on văn thư (Phụ lục I: how an appendix issued "kèm theo"
//! a document is headed); the Official Gazette (Công báo) rules of Nghị định 34/2016/NĐ-CP.
//! *Domain knowledge: verify the exact titles before citing.*

use crate::block::roman_value;
use crate::extract::agency::find_agencies;
use crate::lines::{Line, LineKind};
use crate::source::{fold_key, is_alnum, is_letter};
use crate::text::Clean;
use once_cell::sync::Lazy;
use regex::Regex;
use std::borrow::Cow;
use std::ops::Range;

// ---------------------------------------------------------------------------------------------
// Limits and weights.
// ---------------------------------------------------------------------------------------------

/// A header row spreads over at most this many lines (107: eleven).
const HEADER_LINES_MAX: usize = 40;
/// A header names at most this many columns (the search is quadratic in them); more are cut.
const COLUMNS_MAX: usize = 12;
/// A header names at least this many columns (and a task or lead column among them).
const HEADER_COLUMNS_MIN: usize = 3;
/// A row's fragments between two page breaks are placed by the best-path search up to this
/// many; a longer run is kept in its first cell and reported.
pub(crate) const SEGMENT_FRAGMENTS_MAX: usize = 200;
/// A cell's text without its remarks in parentheses is scored up to this many bytes; longer
/// text is no agency list, time phrase or citation list.
pub(crate) const CELL_SCORE_CHARS_MAX: usize = 200;
/// A cell's text is read on at most this many bytes at all (its cues included).
const CELL_TEXT_MAX: usize = 4 * CELL_SCORE_CHARS_MAX;
/// A deadline cell has at most this many bytes; longer text is no time phrase.
const TIME_CHARS_MAX: usize = 120;
/// Below this share of items opening with an agency word a text is no agency list, and the
/// agency grammar is not asked.
const AGENCY_LOCAL_MIN: f64 = 0.5;
/// An agency list cell has at most this many bytes; longer text is read as no list.
const AGENCY_CHARS_MAX: usize = 160;
/// What the agency share of a list is worth when `src/extract/agency.rs` recognises none of
/// its names and only the openers of `grammars/cell_agencies.tsv` vouch for it.
const LOCAL_AGENCY_WEIGHT: f64 = 0.8;
/// A row number has at most this many digits; one of four digits ("2026" alone is a deadline)
/// must follow the row before it.
const ROW_NUMBER_DIGITS_MAX: usize = 4;
/// The first row number of a table is below this.
const FIRST_ROW_NUMBER_MAX: u32 = 1000;
/// A row number may skip at most this many numbers and still start a row.
const ROW_NUMBER_SKIP_MAX: u32 = 3;
/// A "number text" line with one space only starts a row when the text has this many words.
const ROW_TEXT_WORDS_MIN: usize = 3;
/// A group title spreads over at most this many lines.
const GROUP_TITLE_LINES_MAX: usize = 4;
/// A group title in capitals without a marker has at least this many letters.
const GROUP_TITLE_LETTERS_MIN: usize = 6;
/// An agency name has at most this many words (after its parenthetical remark is removed).
const AGENCY_ITEM_WORDS_MAX: usize = 12;
/// Full-line samples needed before a column's width is trusted.
const WIDTH_SAMPLES_MIN: usize = 8;

/// Penalty for a new cell whose first line starts in lower case.
const LOWER_START_PEN: f64 = -5.0;
/// Penalty for each column left empty between two cells of a row.
const SKIP_PEN: f64 = -1.0;
/// Penalty for each leading column a sub-row leaves empty (merged with the row above).
const MERGED_PEN: f64 = -0.3;
/// Penalty for starting a sub-row.
const SUBROW_PEN: f64 = -3.0;
/// Extra penalty for a sub-row that starts at the task column (a task needs its own number).
const SUBROW_TASK_PEN: f64 = -2.0;
/// Penalty for a line much wider than its column's full lines.
const WIDE_PEN: f64 = -2.0;
/// Penalty for a line (not the last of its cell) much narrower than its column's full lines.
const NARROW_PEN: f64 = -0.4;
/// Cost of every cell: of two equal readings, the one with fewer cells wins.
const CELL_PEN: f64 = -0.2;
/// Bonus for going on with a cell that ends open (a comma, a dash, "và", "của") after a break.
const OPEN_CELL_BONUS: f64 = 1.0;
/// Bonus for going on with an agency or citation list by a new item after a break.
const NEW_ITEM_BONUS: f64 = 1.0;
/// A line plus the next word up to this share of a column's full width would not have wrapped.
const NOT_WRAPPED_FIT: f64 = 0.85;
/// Penalty for going on with a cell whose last line had room for the next word.
const NOT_WRAPPED_PEN: f64 = -1.5;
/// Bonus per line and per column for placing a line in an earlier column: breaks ties only.
const EARLIER_COLUMN_EPS: f64 = 0.01;
/// Penalty for a line inside a task, product, deadline or basis cell that opens with an agency
/// name in capitals ("Văn phòng" ⏎ "UBND tỉnh" after a task): such a line more likely opens the
/// lead or support cell.
const AGENCY_LINE_PEN: f64 = -0.5;
/// Bonus for going on after a page break with a cell that had the most lines on the page before:
/// the page cut it.
const TALL_CELL_BONUS: f64 = 0.3;
/// Penalty for two pieces of one line (a wide gap between them) kept in one cell.
const SHARED_LINE_PEN: f64 = -3.0;
/// Bonus for two pieces of one line placed in neighbouring columns.
const SHARED_LINE_BONUS: f64 = 0.5;
/// What a deadline or basis cell that holds only the first words of its phrase scores on a page
/// that cuts the row.
const CUT_OPEN_SCORE: f64 = 0.5;
/// The same, for a cell a page break may have cut.
const DANGLING_CUT_PEN: f64 = -0.3;
/// Penalty for ending a cell at a line that waits for more (a comma, "của", "và", …).
const DANGLING_PEN: f64 = -2.0;
/// Appended text with at least this agency share is an agency list.
const APPENDED_AGENCY_SHARE: f64 = 0.5;
/// Penalty for going on with a cell that holds no agencies by an agency list.
const APPENDED_AGENCY_PEN: f64 = -1.0;
/// A cell scoring below this in its column is reported as unsure.
const POOR_CELL_SCORE: f64 = -2.5;

// ---------------------------------------------------------------------------------------------
// Public types.
// ---------------------------------------------------------------------------------------------

/// What a column holds, from its header (`grammars/task_columns.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Role {
    /// TT, STT, Số TT.
    Number,
    /// Tên nhiệm vụ, Nội dung.
    Task,
    /// Cơ quan chủ trì.
    Lead,
    /// Cơ quan phối hợp.
    Support,
    /// Kết quả, Sản phẩm.
    Product,
    /// Thời gian hoàn thành, Thời hạn, Tiến độ.
    Deadline,
    /// Căn cứ (bổ sung).
    Basis,
    /// Ghi chú.
    Note,
    /// Kinh phí, Nguồn kinh phí.
    Cost,
    /// Chỉ tiêu: the metric of a table of targets.
    Metric,
    /// Đơn vị tính: the unit of a table of targets.
    Unit,
    /// Figures planned for a year ("Năm 2026", "Kế hoạch năm 2026", "Mục tiêu đến năm 2030"),
    /// with the year its header names.
    Value(Option<i32>),
    /// A column of a pipe table whose header is not in the vocabulary.
    Other,
}

impl Role {
    fn from_name(name: &str) -> Option<Role> {
        Some(match name {
            "number" => Role::Number,
            "task" => Role::Task,
            "lead" => Role::Lead,
            "support" => Role::Support,
            "product" => Role::Product,
            "deadline" => Role::Deadline,
            "basis" => Role::Basis,
            "note" => Role::Note,
            "cost" => Role::Cost,
            _ => return None,
        })
    }

    /// The role's name as in `grammars/task_columns.tsv`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Number => "number",
            Role::Task => "task",
            Role::Lead => "lead",
            Role::Support => "support",
            Role::Product => "product",
            Role::Deadline => "deadline",
            Role::Basis => "basis",
            Role::Note => "note",
            Role::Cost => "cost",
            Role::Metric => "metric",
            Role::Unit => "unit",
            Role::Value(_) => "value",
            Role::Other => "other",
        }
    }
}

/// A group row: "I" / "II" / "A" with an optional title, or a title in capitals.
#[derive(Clone, Debug)]
pub(crate) struct Group {
    /// "I", "II", "A", without a trailing '.'.
    pub marker: Option<String>,
    /// "NHIỆM VỤ CẢI CÁCH THỂ CHẾ".
    pub title: Option<Clean>,
    /// Lines it occupies.
    pub lines: Range<usize>,
}

impl Group {
    /// The group as a section id: its marker, else its title.
    pub(crate) fn id(&self) -> String {
        match (&self.marker, &self.title) {
            (Some(m), _) => m.clone(),
            (None, Some(t)) => t.text.clone(),
            (None, None) => String::new(),
        }
    }
}

/// One task of the table: a numbered row, or one sub-row of it.
#[derive(Clone, Debug)]
pub(crate) struct TableRow {
    /// "1", "23" (as written, without a trailing '.'); "" for a pipe row without number.
    pub number: String,
    /// 0 for the row itself, 1… for its further lead/support/product/deadline sets.
    pub subrow: usize,
    /// The group row it stands under.
    pub group: Option<Group>,
    /// Non-empty cells in column order (never the number); a sub-row carries the cells it
    /// shares with the sub-row above (merged cells, listed in `inherited`).
    pub cells: Vec<(Role, Clean)>,
    /// Roles whose cell was taken from the sub-row above.
    pub inherited: Vec<Role>,
    /// Line indices it spans.
    pub lines: Range<usize>,
    /// Why the row could not be fully placed, for a `table-row-unsure` diagnostic.
    pub unsure: Option<String>,
}

/// The cell of `role` among a row's cells, if the row has one.
pub(crate) fn cell_in(cells: &[(Role, Clean)], role: Role) -> Option<&Clean> {
    cells.iter().find(|(r, _)| *r == role).map(|(_, c)| c)
}

/// A finding about the table as a whole.
#[derive(Clone, Debug)]
pub(crate) struct TableIssue {
    /// Stable kebab-case code.
    pub code: &'static str,
    /// Lowercase message saying what was expected and what was found.
    pub message: String,
    /// Lines it concerns.
    pub lines: Range<usize>,
}

/// A task table.
#[derive(Clone, Debug)]
pub(crate) struct Table {
    /// Columns in header order.
    pub columns: Vec<Role>,
    /// Lines of the (first) header row.
    pub header_lines: Range<usize>,
    /// All lines of the table, header to last row: the caller keeps them out of paragraphs.
    pub lines: Range<usize>,
    /// Rows and sub-rows in document order.
    pub rows: Vec<TableRow>,
    /// Table-level findings.
    pub issues: Vec<TableIssue>,
}

// ---------------------------------------------------------------------------------------------
// Grammar data.
// ---------------------------------------------------------------------------------------------

/// Header phrases as folded word lists, longest first.
static COLUMNS: Lazy<Vec<(Role, Vec<String>)>> = Lazy::new(|| {
    let mut v: Vec<(Role, Vec<String>)> = crate::lexicon::rows(crate::grammar!("task_columns.tsv"))
        .iter()
        .map(|r| {
            let role = Role::from_name(r[0])
                .unwrap_or_else(|| panic!("grammars/task_columns.tsv: unknown role {:?}", r[0]));
            (role, words(&fold_key(r[1])))
        })
        .collect();
    v.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
    v
});

/// What a header of a table of targets says (`grammars/target_columns.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TargetHeader {
    Metric,
    Unit,
    History,
    Plan,
}

/// Header phrases of tables of targets as folded word lists, longest first within a role.
static TARGET_COLUMNS: Lazy<Vec<(TargetHeader, Vec<String>)>> = Lazy::new(|| {
    crate::lexicon::rows(crate::grammar!("target_columns.tsv"))
        .iter()
        .map(|r| {
            let role = match r[0] {
                "metric" => TargetHeader::Metric,
                "unit" => TargetHeader::Unit,
                "history" => TargetHeader::History,
                "plan" => TargetHeader::Plan,
                other => panic!("grammars/target_columns.tsv: unknown role {other:?}"),
            };
            (role, words(&fold_key(r[1])))
        })
        .collect()
});

/// The patterns of cell text, built twice: for text in the Latin script of Vietnamese (see
/// [`Shape::latin`]) with the large Unicode classes they use (letters, numbers, digits) written
/// as their few ranges in the Latin blocks ([`latin_classes`]), and as written for any other
/// text. The first build compiles at a fraction of the cost; the second only for the rare text
/// that needs it.
struct ByScript<T> {
    latin: Lazy<T>,
    any: Lazy<T>,
}

impl<T> ByScript<T> {
    const fn new(latin: fn() -> T, any: fn() -> T) -> ByScript<T> {
        ByScript {
            latin: Lazy::new(latin),
            any: Lazy::new(any),
        }
    }

    /// The build that reads a text of shape `shape` as the patterns are written.
    fn get(&self, shape: Shape) -> &T {
        if shape.latin { &self.latin } else { &self.any }
    }
}

/// The characters of [`Shape::latin`] text: ASCII, Latin-1 Supplement, Latin Extended-A and -B,
/// Latin Extended Additional (the Vietnamese letters) and General Punctuation.
fn is_latin(c: char) -> bool {
    matches!(c, '\0'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' | '\u{2000}'..='\u{206f}')
}

/// `\p{L}` among the [`is_latin`] characters.
const LATIN_LETTERS: &str =
    r"[a-zA-Z\u{aa}\u{b5}\u{ba}\u{c0}-\u{d6}\u{d8}-\u{f6}\u{f8}-\u{24f}\u{1e00}-\u{1eff}]";
/// `\p{N}` among the [`is_latin`] characters.
const LATIN_NUMBERS: &str = r"[0-9\u{b2}\u{b3}\u{b9}\u{bc}-\u{be}]";

/// `pattern`, when `latin`, with every `\d`, `\p{L}` and `\p{N}` (inside a class too, as a
/// nested class) written as the characters of it that are [`is_latin`]: on text of such
/// characters it matches what `pattern` matches.
fn latin_classes(pattern: &str, latin: bool) -> Cow<'_, str> {
    if !latin || !pattern.contains('\\') {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut rest = pattern;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (class, len) = if rest.starts_with(r"\d") {
            ("[0-9]", 2)
        } else if rest.starts_with(r"\p{L}") {
            (LATIN_LETTERS, 5)
        } else if rest.starts_with(r"\p{N}") {
            (LATIN_NUMBERS, 5)
        } else {
            // Any other escape is kept whole (an escaped backslash too).
            let len = 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
            (&rest[..len], len)
        };
        out.push_str(class);
        rest = &rest[len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Time phrases: (whole-cell matcher, prefix matcher).
static TIME: ByScript<(Regex, Regex)> =
    ByScript::new(|| time_patterns(true), || time_patterns(false));

fn time_patterns(latin: bool) -> (Regex, Regex) {
    let alts: Vec<String> = crate::lexicon::rows(crate::grammar!("time_phrases.tsv"))
        .iter()
        .map(|r| format!("(?:{})", fold_key(r[1])))
        .collect();
    let alt = alts.join("|");
    let re = |p: String| {
        Regex::new(&latin_classes(&p, latin)).expect("grammars/time_phrases.tsv: invalid pattern")
    };
    (
        re(format!("^(?:{alt})$")),
        re(format!(r"^(?:{alt})(?:\s|$)")),
    )
}

/// The words of role `role` of `grammars/product_words.tsv` as a whole-word matcher over the
/// folded key, longest first: at its start when `at_start`, else anywhere.
fn product_pattern(role: &str, at_start: bool, latin: bool) -> Regex {
    let mut v: Vec<String> = crate::lexicon::rows(crate::grammar!("product_words.tsv"))
        .iter()
        .filter(|r| r[0] == role)
        .map(|r| regex::escape(&fold_key(r[1])))
        .collect();
    v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let before = if at_start {
        "^"
    } else {
        r"(?:^|[^\p{L}\p{N}])"
    };
    let p = format!(r"{before}(?:{})(?:[^\p{{L}}\p{{N}}]|$)", v.join("|"));
    Regex::new(&latin_classes(&p, latin)).expect("grammars/product_words.tsv: invalid phrase")
}

/// A product opener at the start of the key ("Báo cáo", "Các văn bản").
static PRODUCT_START: ByScript<Regex> = ByScript::new(
    || product_pattern("start", true, true),
    || product_pattern("start", true, false),
);
/// A result participle anywhere ("được ban hành").
static PRODUCT_CUE: ByScript<Regex> = ByScript::new(
    || product_pattern("cue", false, true),
    || product_pattern("cue", false, false),
);
/// A cost word anywhere ("kinh phí"): compiled only for a table with a cost column.
static COST_WORD: ByScript<Regex> = ByScript::new(
    || product_pattern("cost", false, true),
    || product_pattern("cost", false, false),
);

/// Phrases by their first byte: whether a key opens with one of them is told at once, before a
/// pattern anchored on them is run.
struct Openers {
    by_first: Vec<Vec<String>>,
    /// An empty phrase opens every key.
    empty: bool,
}

impl Openers {
    fn new(phrases: impl IntoIterator<Item = String>) -> Openers {
        let mut o = Openers {
            by_first: vec![Vec::new(); 256],
            empty: false,
        };
        for p in phrases {
            match p.as_bytes().first() {
                Some(&b) => o.by_first[usize::from(b)].push(p),
                None => o.empty = true,
            }
        }
        o
    }

    /// The phrases of the rows of grammar `data` whose first column is `role` (second column),
    /// folded.
    fn of_role(data: &'static str, role: &str) -> Openers {
        Openers::new(
            crate::lexicon::rows(data)
                .iter()
                .filter(|r| r[0] == role)
                .map(|r| fold_key(r[1])),
        )
    }

    /// Whether `key` starts with one of the phrases.
    fn open(&self, key: &str) -> bool {
        self.empty
            || key.as_bytes().first().is_some_and(|&b| {
                self.by_first[usize::from(b)]
                    .iter()
                    .any(|p| key.starts_with(p.as_str()))
            })
    }
}

/// The product openers of [`PRODUCT_START`], folded: it matches only a key that opens with one.
static PRODUCT_STARTS: Lazy<Openers> =
    Lazy::new(|| Openers::of_role(crate::grammar!("product_words.tsv"), "start"));

/// Agency openers: (folded phrase, needs a capitalised name after it), by first byte (cells
/// are scored many times over while a row is placed).
static AGENCY_HEADS: Lazy<Vec<Vec<(String, bool)>>> = Lazy::new(|| {
    let mut by_first = vec![Vec::new(); 256];
    for r in crate::lexicon::rows(crate::grammar!("cell_agencies.tsv")) {
        let p = fold_key(r[0]);
        if let Some(&b) = p.as_bytes().first() {
            by_first[usize::from(b)].push((p, r[1] == "yes"));
        }
    }
    by_first
});

/// The agency openers that may start `key` (folded).
fn heads_for(key: &str) -> &'static [(String, bool)] {
    key.as_bytes()
        .first()
        .map_or(&[], |&b| &AGENCY_HEADS[usize::from(b)])
}

/// Line openings that end a flattened table (`grammars/table_ends.tsv`), folded.
static TABLE_ENDS: Lazy<Vec<String>> = Lazy::new(|| {
    crate::lexicon::rows(crate::grammar!("table_ends.tsv"))
        .iter()
        .map(|r| fold_key(r[0]))
        .collect()
});

/// Whether line `t` follows a table rather than belongs to it ("Phụ lục II", "Nơi nhận:",
/// "TM. CHÍNH PHỦ").
fn ends_table(t: &str) -> bool {
    let key = fold_key(t.trim_start());
    TABLE_ENDS.iter().any(|p| {
        key.starts_with(p.as_str())
            && (p.ends_with('.') || key[p.len()..].chars().next().is_none_or(|c| !is_alnum(c)))
    })
}

/// Words that cannot end a cell, folded, and whether each waits only for a number
/// (`grammars/cell_ends.tsv`).
static CELL_ENDS: Lazy<Vec<(String, bool)>> = Lazy::new(|| {
    crate::lexicon::rows(crate::grammar!("cell_ends.tsv"))
        .iter()
        .map(|r| (fold_key(r[0]), r[1] == "number"))
        .collect()
});

/// Whether line `t` waits for line `next`: [`ends_open`], except that a word waiting for a
/// number ("số") is done when `next` opens with none ("… chuyển đổi số" ⏎ "Phấn đấu …").
pub(crate) fn ends_open_before(t: &str, next: &str) -> bool {
    waits(t).is_some_and(|number| {
        !number || next.trim_start().starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Whether `t` ends waiting for more: a comma, a dash or slash glued to a number, or a word of
/// `grammars/cell_ends.tsv` ("… số 72-NQ/TW của").
pub(crate) fn ends_open(t: &str) -> bool {
    waits(t).is_some()
}

/// What `t` ends waiting for, if anything: `Some(true)` for a number only (its last word
/// waits for one), `Some(false)` for any more text.
fn waits(t: &str) -> Option<bool> {
    let t = t.trim_end();
    if t.ends_with([',', ';', '-', '/', '(', ':']) {
        return Some(false);
    }
    let last = t.rsplit(char::is_whitespace).next().unwrap_or("");
    let key = fold_key(last);
    if let Some((_, number)) = CELL_ENDS.iter().find(|(w, _)| *w == key) {
        return Some(*number);
    }
    // A head written with a capital that needs a name ("Sở", "Bộ") waits for it too; "ngang
    // bộ" ends a name.
    let capital = last.chars().next().is_some_and(char::is_uppercase);
    (capital && heads_for(&key).iter().any(|(p, named)| *named && *p == key)).then_some(false)
}

/// First words of time phrases (from the samples of `grammars/time_phrases.tsv`), folded: a
/// deadline cell cut by a page break may hold only its first words ("Thường" ⏎ … ⏎ "xuyên").
static TIME_OPENERS: Lazy<Vec<String>> = Lazy::new(|| {
    let mut v: Vec<String> = crate::lexicon::rows(crate::grammar!("time_phrases.tsv"))
        .iter()
        .filter_map(|r| r[2].split_whitespace().next().map(fold_key))
        .filter(|w| !w.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    v.sort();
    v.dedup();
    v
});

/// Whether `key` (folded) may open a time phrase: a first word of one, or a year.
fn opens_time(key: &str) -> bool {
    let first = key.split_whitespace().next().unwrap_or("");
    first.starts_with(|c: char| c.is_ascii_digit()) || TIME_OPENERS.iter().any(|w| w == first)
}

/// One cited document in a basis cell: kind word, "số", number, then a date or issuer. (The
/// whole item, its head.)
static CITE_ITEM: ByScript<(Regex, Regex)> =
    ByScript::new(|| cite_patterns(true), || cite_patterns(false));

/// The citation kinds of `grammars/citations.tsv` as an alternation, longest first.
fn cite_kinds() -> String {
    let mut kinds: Vec<String> = crate::lexicon::rows(crate::grammar!("citations.tsv"))
        .iter()
        .filter(|r| r[0] == "kind")
        .map(|r| regex::escape(&fold_key(r[1])))
        .collect();
    kinds.sort_by_key(|k| std::cmp::Reverse(k.len()));
    kinds.join("|")
}

fn cite_patterns(latin: bool) -> (Regex, Regex) {
    let head = format!(
        r"^(?:{})\s*(?:số\s*)?\d+(?:/\d{{4}})?[-/][\p{{L}}\d/.\-]*\p{{L}}",
        cite_kinds()
    );
    let tail =
        r"(?:\s+ngày\s+[\d/.\-]+(?:\s+tháng\s+\d+\s+năm\s+\d{4})?)?(?:\s+(?:của|do)\s+.{0,80})?$";
    let re = |p: &str| Regex::new(&latin_classes(p, latin)).expect("citation item pattern");
    // The head only tells whether a text opens with a citation: the letters and digits that
    // may follow its last letter in a whole item change nothing there.
    (re(&format!(r"{head}[\p{{L}}\d]*{tail}")), re(&head))
}

/// A kind word alone, as whole words (a basis cell cut by a page break).
static CITE_KIND: ByScript<Regex> =
    ByScript::new(|| cite_kind_pattern(true), || cite_kind_pattern(false));

fn cite_kind_pattern(latin: bool) -> Regex {
    let p = format!(r"^(?:{})(?:[^\p{{L}}\p{{N}}]|$)", cite_kinds());
    Regex::new(&latin_classes(&p, latin)).expect("citation kind pattern")
}

/// The kind words of [`CITE_ITEM`], folded: its patterns match only a key that opens with one.
static CITE_KINDS: Lazy<Openers> =
    Lazy::new(|| Openers::of_role(crate::grammar!("citations.tsv"), "kind"));

/// A date item of a citation list ("ngày 29/7/2025 của Bộ Chính trị").
static DATE_ITEM: ByScript<Regex> = ByScript::new(|| date_pattern(true), || date_pattern(false));

fn date_pattern(latin: bool) -> Regex {
    let p = r"^ngày\s+\d[\d/.\-]*(?:\s+(?:của|do)\s+.{0,80})?$";
    Regex::new(&latin_classes(p, latin)).expect("date item pattern")
}

/// Running-header patterns of `grammars/furniture.tsv` (kind `header`).
static RUNNING_HEADER: Lazy<Vec<Regex>> = Lazy::new(|| {
    crate::lexicon::rows(crate::grammar!("furniture.tsv"))
        .iter()
        .filter(|r| r[0] == "header")
        .map(|r| {
            Regex::new(&format!("(?i){}", r[1])).expect("grammars/furniture.tsv: invalid pattern")
        })
        .collect()
});

/// Every word of the column vocabulary ("bổ", "sung" of "Căn cứ bổ sung").
static HEADER_WORDS: Lazy<Vec<String>> = Lazy::new(|| {
    let mut v: Vec<String> = COLUMNS
        .iter()
        .flat_map(|(_, w)| w.iter().cloned())
        .collect();
    v.sort();
    v.dedup();
    v
});

/// What a line is to a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seen {
    /// Cell text (or header text).
    Content,
    /// A page break: running header, page number, footnote, signature stamp.
    Break,
    /// Nothing: blank, rule, markup debris.
    Skip,
}

/// Copies of a repeated line (see [`View`]).
struct Copies {
    all: usize,
    marked: usize,
    last: Option<u32>,
    consecutive: bool,
}

/// How the lines of a range look to a table.
///
/// `crate::lines` marks as a running header any line repeated three times or more next to a
/// number-only line, and the number beside it as a page number. Inside a flattened table that
/// also catches cell lines and row numbers ("bổ sung" ⏎ "1", "CTr/BCĐ" ⏎ "6"), so here a
/// repeated line is a page break only when it has a running-header shape of
/// `grammars/furniture.tsv`, or when every copy of it stands beside a number, those numbers run
/// on by one (pages do, row numbers beside a repeated cell line seldom do) and it is not made of
/// column-name words; a number is a page number only beside such a line.
struct View {
    start: usize,
    seen: Vec<Seen>,
}

/// Per line text of a whole input: its copies, the copies marked as page furniture, the last
/// page number beside a marked copy, and whether those numbers ran on by one. Counted once per
/// input: every document part of it reads its tables with the same counts.
pub(crate) struct Repeats<'a>(std::collections::HashMap<&'a str, Copies>);

impl<'a> Repeats<'a> {
    pub(crate) fn new(lines: &'a [Line]) -> Self {
        // Sized for every line: growing would hash every key again.
        let mut copies = std::collections::HashMap::with_capacity(lines.len());
        let number = |i: usize| {
            lines
                .get(i)
                .filter(|l| l.kind == LineKind::PageFurniture && is_bare_number(l.text()))
                .and_then(|l| {
                    l.text()
                        .trim_matches(|c: char| c == '-' || c.is_whitespace())
                        .parse::<u32>()
                        .ok()
                })
        };
        for (i, l) in lines.iter().enumerate() {
            if !matches!(l.kind, LineKind::Content | LineKind::PageFurniture) {
                continue;
            }
            let e = copies.entry(l.text()).or_insert(Copies {
                all: 0,
                marked: 0,
                last: None,
                consecutive: true,
            });
            e.all += 1;
            if l.kind == LineKind::PageFurniture && !is_bare_number(l.text()) {
                e.marked += 1;
                let n = number(i + 1).or_else(|| i.checked_sub(1).and_then(number));
                if let (Some(a), Some(b)) = (e.last, n) {
                    e.consecutive &= b == a + 1;
                }
                e.last = n.or(e.last);
            }
        }
        Repeats(copies)
    }
}

impl View {
    fn new(lines: &[Line], repeats: &Repeats, range: Range<usize>) -> View {
        let copies = &repeats.0;
        let real_header = |i: usize| {
            let l = &lines[i];
            if l.kind != LineKind::PageFurniture || is_bare_number(l.text()) {
                return false;
            }
            if RUNNING_HEADER.iter().any(|r| r.is_match(l.text())) {
                return true;
            }
            let paged = copies
                .get(l.text())
                .is_some_and(|c| c.all == c.marked && c.consecutive);
            let header_words = words(&fold_key(l.text()))
                .iter()
                .all(|w| HEADER_WORDS.binary_search(w).is_ok());
            paged && !header_words
        };
        let seen = range
            .clone()
            .map(|i| {
                let l = &lines[i];
                match l.kind {
                    LineKind::Content => Seen::Content,
                    LineKind::PageFurniture if is_bare_number(l.text()) => {
                        let beside = (i > 0 && real_header(i - 1))
                            || (i + 1 < lines.len() && real_header(i + 1));
                        if beside { Seen::Break } else { Seen::Content }
                    }
                    LineKind::PageFurniture => {
                        if real_header(i) {
                            Seen::Break
                        } else {
                            Seen::Content
                        }
                    }
                    LineKind::Footnote | LineKind::SignatureStamp => Seen::Break,
                    _ => Seen::Skip,
                }
            })
            .collect();
        View {
            start: range.start,
            seen,
        }
    }

    fn at(&self, i: usize) -> Seen {
        i.checked_sub(self.start)
            .and_then(|k| self.seen.get(k))
            .copied()
            .unwrap_or(Seen::Skip)
    }
}

/// A line that is only a number ("12", "- 12 -").
fn is_bare_number(t: &str) -> bool {
    let t = t.trim_matches(|c: char| c == '-' || c.is_whitespace());
    !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())
}

/// Folded alphanumeric words of `key`.
fn words(key: &str) -> Vec<String> {
    key.split(|c: char| !is_alnum(c))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Entry points.
// ---------------------------------------------------------------------------------------------

/// Every task table in `lines[range]` (footnotes lifted already), in order. `text` is the
/// normalised source text the lines index into (for the wide gaps between cells).
pub(crate) fn parse_tables(
    lines: &[Line],
    repeats: &Repeats,
    text: &str,
    range: Range<usize>,
) -> Vec<Table> {
    let end = range.end.min(lines.len());
    let start = range.start.min(end);
    let view = View::new(lines, repeats, start..end);
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        let Some(h) = match_header(lines, &view, i, end) else {
            i += 1;
            continue;
        };
        let header_end = h.lines.end;
        let table = if lines[i].pipe_row {
            parse_pipe(lines, &view, h, end)
        } else {
            parse_flattened(lines, &view, text, h, end)
        };
        // Column names without rows are a heading ("Nội dung, tiến độ, kinh phí"), not a table.
        if table.rows.is_empty() {
            i = header_end.max(i + 1);
            continue;
        }
        i = table.lines.end.max(i + 1);
        out.push(table);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Header rows.
// ---------------------------------------------------------------------------------------------

/// A recognised header row.
#[derive(Clone, Debug)]
struct Header {
    columns: Vec<Role>,
    lines: Range<usize>,
}

/// The header row starting at line `at`, if one does.
fn match_header(lines: &[Line], view: &View, at: usize, end: usize) -> Option<Header> {
    let l = &lines[at];
    if view.at(at) != Seen::Content {
        return None;
    }
    if l.pipe_row {
        return match_pipe_header(l, at);
    }
    // Quick refusal: the first word must open some header phrase.
    let first_word = l
        .text()
        .split(|c: char| !is_alnum(c))
        .find(|w| !w.is_empty())?;
    let first_word = fold_key(first_word);
    if !COLUMNS.iter().any(|(_, w)| w.first() == Some(&first_word)) {
        return None;
    }
    // The words of the following lines, with the line each comes from, read as far as the
    // phrases match (a sentence that opens like a column name costs one line, not forty).
    let mut toks: Vec<(String, usize)> = Vec::new();
    let mut next_line = at;
    let mut fill = |toks: &mut Vec<(String, usize)>, need: usize| {
        while toks.len() < need && next_line < end && next_line < at + HEADER_LINES_MAX {
            let li = &lines[next_line];
            if !li.is_blank() {
                if view.at(next_line) != Seen::Content || li.pipe_row {
                    next_line = end;
                    break;
                }
                let line = next_line;
                toks.extend(words(&fold_key(li.text())).into_iter().map(|w| (w, line)));
            }
            next_line += 1;
        }
    };
    let longest = COLUMNS.first().map_or(0, |(_, w)| w.len());
    let mut p = 0;
    let mut roles: Vec<Role> = Vec::new();
    let mut best: Option<(usize, usize)> = None; // (roles taken, end line)
    fill(&mut toks, longest);
    while p < toks.len() {
        let hit = COLUMNS.iter().find(|(_, w)| {
            toks.len() - p >= w.len() && w.iter().zip(&toks[p..]).all(|(a, (b, _))| a == b)
        });
        let Some((role, w)) = hit else { break };
        if roles.last() != Some(role) {
            roles.push(*role);
        }
        p += w.len();
        fill(&mut toks, p + longest);
        let line = toks[p - 1].1;
        if p == toks.len() || toks[p].1 != line {
            best = Some((roles.len(), line + 1));
        }
    }
    let (n, end_line) = best?;
    roles.truncate(n.min(COLUMNS_MAX));
    header_ok(&roles).then_some(Header {
        columns: roles,
        lines: at..end_line,
    })
}

/// A pipe row whose cells are column names (unknown names become [`Role::Other`]): the header
/// of a task table, else of a table of targets.
fn match_pipe_header(l: &Line, at: usize) -> Option<Header> {
    let (cells, _) = pipe_cells(&l.clean, true);
    let roles: Vec<Role> = cells.iter().map(|c| pipe_role(&c.text)).collect();
    let known: Vec<Role> = roles
        .iter()
        .copied()
        .filter(|r| *r != Role::Other)
        .collect();
    let columns = if header_ok(&known) {
        roles
    } else {
        target_columns(&cells)?
    };
    Some(Header {
        columns,
        lines: at..at + 1,
    })
}

/// The columns of a table of targets: a metric column, then at least one column of planned
/// figures. A header naming a year is never the metric's ("Chỉ tiêu năm 2026" holds figures);
/// one reporting the past ("Ước thực hiện năm 2025") holds no targets.
fn target_columns(cells: &[Clean]) -> Option<Vec<Role>> {
    let mut roles: Vec<Role> = Vec::with_capacity(cells.len());
    for c in cells {
        let w = words(&fold_key(&c.text));
        let year = w
            .iter()
            .rev()
            .find_map(|x| x.parse::<i32>().ok().filter(|y| (1900..2200).contains(y)));
        let opens = |role: TargetHeader| {
            TARGET_COLUMNS
                .iter()
                .any(|(r, p)| *r == role && w.starts_with(p))
        };
        let holds = |role: TargetHeader| {
            TARGET_COLUMNS
                .iter()
                .any(|(r, p)| *r == role && w.windows(p.len()).any(|x| x == p.as_slice()))
        };
        let task_role = pipe_role(&c.text);
        let has_metric = roles.contains(&Role::Metric);
        roles.push(
            if !has_metric && year.is_none() && opens(TargetHeader::Metric) {
                Role::Metric
            } else if !matches!(task_role, Role::Other | Role::Task) {
                task_role
            } else if holds(TargetHeader::History) {
                Role::Other
            } else if opens(TargetHeader::Unit) {
                Role::Unit
            } else if has_metric && (year.is_some() || holds(TargetHeader::Plan)) {
                Role::Value(year)
            } else {
                Role::Other
            },
        );
    }
    roles
        .iter()
        .any(|r| matches!(r, Role::Value(_)))
        .then_some(roles)
}

/// The role of a column header or a field name ("Cơ quan chủ trì"), if it is in the vocabulary.
pub(crate) fn column_role(name: &str) -> Option<Role> {
    Some(pipe_role(name)).filter(|r| *r != Role::Other)
}

/// The role of a pipe header cell: the phrase its words start with.
fn pipe_role(cell: &str) -> Role {
    let w = words(&fold_key(cell));
    COLUMNS
        .iter()
        .find(|(_, p)| w.len() >= p.len() && p.iter().zip(&w).all(|(a, b)| a == b))
        .map_or(Role::Other, |(r, _)| *r)
}

/// Enough distinct columns, one of them a task or a lead.
fn header_ok(roles: &[Role]) -> bool {
    let mut distinct: Vec<Role> = Vec::new();
    for r in roles {
        if !distinct.contains(r) {
            distinct.push(*r);
        }
    }
    distinct.len() >= HEADER_COLUMNS_MIN
        && distinct
            .iter()
            .any(|r| matches!(r, Role::Task | Role::Lead))
}

/// A header seen again inside a table: the page's repeated column names.
fn is_repeat(h: &Header, columns: &[Role]) -> bool {
    h.columns.iter().all(|r| columns.contains(r))
}

// ---------------------------------------------------------------------------------------------
// Flattened layout: lines → rows of fragments.
// ---------------------------------------------------------------------------------------------

/// One piece of a line that belongs to a single cell.
#[derive(Clone, Debug)]
struct Frag {
    clean: Clean,
    /// The matching key of its text, folded once: every cell the search tries joins it.
    key: String,
    line: usize,
    /// Characters.
    width: usize,
    /// First fragment after a page break (or of the row).
    break_before: bool,
    /// What is known of its text, and of a cell joined of it.
    shape: Shape,
}

/// A numbered row before its cells are placed.
#[derive(Clone, Debug)]
struct RawRow {
    number: String,
    group: Option<Group>,
    first_line: usize,
    last_line: usize,
    frags: Vec<Frag>,
}

/// Read a flattened table from its header to the end of the range (or the next table).
fn parse_flattened(lines: &[Line], view: &View, text: &str, header: Header, end: usize) -> Table {
    let columns = header.columns.clone();
    let mut issues = Vec::new();
    let mut rows: Vec<RawRow> = Vec::new();
    let mut group: Option<Group> = None;
    let mut last_number: Option<u32> = None;
    let mut last_group: Option<GroupMark> = None;
    let mut page_break = false;
    let mut outside: Option<Range<usize>> = None;
    let mut i = header.lines.end;
    let mut table_end = i;
    while i < end {
        let l = &lines[i];
        match view.at(i) {
            Seen::Content => {}
            Seen::Break => {
                page_break = true;
                i += 1;
                continue;
            }
            Seen::Skip => {
                i += 1;
                continue;
            }
        }
        if let Some(h) = match_header(lines, view, i, end) {
            if is_repeat(&h, &columns) {
                page_break = true;
                i = h.lines.end;
                table_end = i;
                continue;
            }
            break;
        }
        if ends_table(l.text()) {
            break;
        }
        let pieces = split_wide(l, text);
        if let Some((number, n, rest)) = row_start(&pieces, last_number) {
            if let (Some(prev), Some(n)) = (last_number, n)
                && n != prev + 1
                && n != 1
            {
                issues.push(TableIssue {
                    code: "table-numbering-gap",
                    message: format!("expected row {} after row {prev}, found row {n}", prev + 1),
                    lines: i..i + 1,
                });
            }
            last_number = n.or(last_number);
            rows.push(RawRow {
                number,
                group: group.clone(),
                first_line: i,
                last_line: i,
                frags: rest
                    .into_iter()
                    .enumerate()
                    .map(|(k, c)| frag(c, i, k == 0))
                    .collect::<Vec<_>>(),
            });
            // The first fragment of a row opens its first segment either way.
            page_break = false;
            i += 1;
            table_end = i;
            continue;
        }
        if let Some((g, mark, next)) = group_at(lines, view, text, i, end, last_group, last_number)
        {
            group = Some(g);
            last_group = mark.or(last_group);
            last_number = None;
            i = next;
            table_end = i;
            continue;
        }
        match rows.last_mut() {
            Some(row) => {
                for (k, c) in pieces.into_iter().enumerate() {
                    row.frags.push(frag(c, i, page_break && k == 0));
                }
                row.last_line = i;
            }
            None => {
                let r = outside.get_or_insert(i..i + 1);
                r.end = i + 1;
            }
        }
        page_break = false;
        i += 1;
        table_end = i;
    }
    if let Some(r) = outside {
        issues.push(TableIssue {
            code: "table-text-outside-rows",
            message: format!(
                "expected a numbered row after the table header, found text first: `{}`",
                truncate(lines[r.start].text(), 60)
            ),
            lines: r,
        });
    }
    let rows = place_rows(&columns, rows, &mut issues);
    Table {
        columns,
        header_lines: header.lines.clone(),
        lines: header.lines.start..table_end.max(header.lines.end),
        rows,
        issues,
    }
}

fn frag(clean: Clean, line: usize, break_before: bool) -> Frag {
    Frag {
        width: clean.text.chars().count(),
        key: fold_key(&clean.text),
        shape: Shape::of(&clean.text),
        clean,
        line,
        break_before,
    }
}

/// The pieces of a line split at wide gaps (two spaces or more, or a tab, in the source).
fn split_wide(l: &Line, text: &str) -> Vec<Clean> {
    let c = &l.clean;
    let mut cuts: Vec<usize> = Vec::new();
    for (p, ch) in c.text.char_indices() {
        if ch != ' ' || p == 0 {
            continue;
        }
        let Some((q, prev)) = c.text[..p].char_indices().next_back() else {
            continue;
        };
        let a = c.to_norm(q) + prev.len_utf8();
        let b = c.to_norm(p + 1);
        let gap = text.get(a..b).unwrap_or("");
        let wide = gap.contains('\t') || (gap.len() >= 2 && gap.chars().all(|g| g == ' '));
        if wide {
            cuts.push(p);
        }
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for p in cuts {
        out.push(c.slice(start..p));
        start = p + 1;
    }
    out.push(c.slice(start..c.text.len()));
    out.retain(|c| !c.text.is_empty());
    out
}

/// A row number opening a line: ("7", Some(7), the rest of the line as pieces).
fn row_start(pieces: &[Clean], last: Option<u32>) -> Option<(String, Option<u32>, Vec<Clean>)> {
    let first = pieces.first()?;
    let plausible = |n: u32| match last {
        None => n < FIRST_ROW_NUMBER_MAX,
        Some(p) if n >= FIRST_ROW_NUMBER_MAX => n == p + 1,
        Some(p) => n == 1 || (n > p && n <= p + ROW_NUMBER_SKIP_MAX),
    };
    if let Some(number) = row_number(&first.text) {
        let n = number.parse::<u32>().ok();
        if n.is_some_and(plausible) || (n.is_none() && number.contains('.')) {
            return Some((number, n, pieces[1..].to_vec()));
        }
        return None;
    }
    // "13 Xây dựng, hoàn thiện …" with one space: only the expected number, then a sentence.
    let t = first.text.as_str();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > ROW_NUMBER_DIGITS_MAX || !t[digits..].starts_with(' ') {
        return None;
    }
    let n: u32 = t[..digits].parse().ok()?;
    let rest = t[digits..].trim_start();
    let expected = last.map_or(1, |p| p + 1);
    let sentence = rest.chars().next().is_some_and(char::is_uppercase)
        && rest.split_whitespace().count() >= ROW_TEXT_WORDS_MIN;
    if n == expected && sentence && pieces.len() == 1 {
        let at = t.len() - rest.len();
        return Some((
            n.to_string(),
            Some(n),
            vec![first.slice(at..first.text.len())],
        ));
    }
    None
}

/// "7", "7.", "1.2": a row number standing alone in its piece.
fn row_number(t: &str) -> Option<String> {
    let t = t.trim_end_matches(['.', ')']);
    let mut parts = t.split('.');
    let head = parts.next()?;
    let ok = |p: &str| {
        !p.is_empty() && p.len() <= ROW_NUMBER_DIGITS_MAX && p.bytes().all(|b| b.is_ascii_digit())
    };
    (ok(head) && parts.all(ok)).then(|| t.to_owned())
}

/// The order of a group marker: Roman numerals and capital letters each count up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GroupMark {
    Roman(u32),
    Letter(u8),
}

impl GroupMark {
    fn parse(t: &str) -> Option<GroupMark> {
        let t = t.trim_end_matches(['.', ')', '-', '–']);
        if let Some(v) = roman_value(t)
            && !t.is_empty()
        {
            return Some(GroupMark::Roman(v));
        }
        let b = t.as_bytes();
        (b.len() == 1 && b[0].is_ascii_uppercase()).then(|| GroupMark::Letter(b[0]))
    }

    /// Whether `self` may follow `last` ("II" after "I", "A" to start).
    fn follows(self, last: Option<GroupMark>) -> bool {
        match (last, self) {
            (None, GroupMark::Roman(1)) | (None, GroupMark::Letter(b'A')) => true,
            (Some(GroupMark::Roman(a)), GroupMark::Roman(b)) => b == a + 1,
            (Some(GroupMark::Letter(a)), GroupMark::Letter(b)) => b == a + 1,
            (Some(GroupMark::Roman(_)), GroupMark::Letter(b'A'))
            | (Some(GroupMark::Letter(_)), GroupMark::Roman(1)) => true,
            _ => false,
        }
    }
}

/// A group row at line `at`: its marker line (and title lines), or a title in capitals, when a
/// row number follows. Returns the group, its marker and the line after it.
fn group_at(
    lines: &[Line],
    view: &View,
    text: &str,
    at: usize,
    end: usize,
    last_group: Option<GroupMark>,
    last_number: Option<u32>,
) -> Option<(Group, Option<GroupMark>, usize)> {
    let t = lines[at].text();
    let (head, rest) = match t.split_once(char::is_whitespace) {
        Some((h, r)) => (h, r.trim()),
        None => (t, ""),
    };
    let mark = GroupMark::parse(head).filter(|m| m.follows(last_group));
    let (marker, mut title) = match mark {
        Some(_) if rest.is_empty() => (Some(head), None),
        Some(_) if is_caps(rest) => (
            Some(head),
            Some(lines[at].clean.slice(t.len() - rest.len()..t.len())),
        ),
        _ if is_caps(t) && letters(t) >= GROUP_TITLE_LETTERS_MIN && t.contains(' ') => {
            (None, Some(lines[at].clean.clone()))
        }
        _ => return None,
    };
    // Title lines up to the next row number.
    let mut i = at + 1;
    let mut title_lines = 0;
    while i < end {
        let l = &lines[i];
        if view.at(i) != Seen::Content {
            i += 1;
            continue;
        }
        let pieces = split_wide(l, text);
        // After a group, numbering may restart.
        if row_start(&pieces, None).is_some() || row_start(&pieces, last_number).is_some() {
            let marker = marker.map(|m| m.trim_end_matches(['.', ')', '-', '–']).to_owned());
            return Some((
                Group {
                    marker,
                    title,
                    lines: at..i,
                },
                mark,
                i,
            ));
        }
        title_lines += 1;
        let caps_needed = marker.is_none();
        if title_lines > GROUP_TITLE_LINES_MAX || (caps_needed && !is_caps(l.text())) {
            return None;
        }
        let t = title.get_or_insert_with(Clean::default);
        t.space(l.range.start);
        t.append(&l.clean);
        i += 1;
    }
    None
}

/// Letters of `t`.
fn letters(t: &str) -> usize {
    t.chars().filter(|&c| is_letter(c)).count()
}

/// Whether every letter of `t` is a capital (and there are some).
fn is_caps(t: &str) -> bool {
    letters(t) >= 2 && crate::reflow::no_lower_letters(t)
}

fn truncate(t: &str, n: usize) -> String {
    match t.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &t[..i]),
        None => t.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Cell scoring.
// ---------------------------------------------------------------------------------------------

/// Which fields of [`Feat`] a caller reads, a bit each: a column's score reads only some of
/// them ([`Need::of`]), and looking for agency names or citation items in text that no column
/// asked about is most of the cost of scoring a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Need(u16);

impl Need {
    const TIME_FULL: Need = Need(1);
    const TIME_START: Need = Need(1 << 1);
    const TIME_OPEN: Need = Need(1 << 2);
    const CITE_FULL: Need = Need(1 << 3);
    const CITE_START: Need = Need(1 << 4);
    const CITE_OPEN: Need = Need(1 << 5);
    const AGENCY: Need = Need(1 << 6);
    const PRODUCT_START: Need = Need(1 << 7);
    const PRODUCT_CUE: Need = Need(1 << 8);
    const COST: Need = Need(1 << 9);
    const WORDS: Need = Need(1 << 10);

    /// What [`role_score`] and [`cut_score`] read of a cell in a column of `role`.
    fn of(role: Role) -> Need {
        match role {
            Role::Task => Need::TIME_FULL | Need::CITE_FULL | Need::AGENCY | Need::WORDS,
            Role::Lead | Role::Support => Need::AGENCY | Need::TIME_FULL | Need::PRODUCT_START,
            Role::Product => {
                Need::PRODUCT_START
                    | Need::PRODUCT_CUE
                    | Need::AGENCY
                    | Need::TIME_FULL
                    | Need::CITE_FULL
            }
            Role::Deadline => Need::TIME_FULL | Need::TIME_START | Need::TIME_OPEN,
            Role::Basis => Need::CITE_FULL | Need::CITE_START | Need::CITE_OPEN,
            Role::Cost => Need::COST,
            // Tables of targets are read in the pipe layout only, never scored.
            Role::Note
            | Role::Number
            | Role::Metric
            | Role::Unit
            | Role::Value(_)
            | Role::Other => Need(0),
        }
    }

    fn has(self, n: Need) -> bool {
        self.0 & n.0 != 0
    }
}

impl std::ops::BitOr for Need {
    type Output = Need;

    fn bitor(self, n: Need) -> Need {
        Need(self.0 | n.0)
    }
}

/// What a cell's text looks like: the fields of a [`Need`], the others left at their default.
#[derive(Clone, Copy, Debug, Default)]
struct Feat {
    /// The whole text is a time phrase.
    time_full: bool,
    /// It starts with one.
    time_start: bool,
    /// It is a list of citations.
    cite_full: bool,
    /// It starts with one.
    cite_start: bool,
    /// It starts with a citation kind word (a basis cell cut by a page break).
    cite_open: bool,
    /// It starts with the first word of a time phrase (a deadline cell cut by a page break).
    time_open: bool,
    /// Share of its comma-separated items that are agency names.
    agency: f64,
    /// It opens with a product noun.
    product_start: bool,
    /// It holds a result participle.
    product_cue: bool,
    /// It names money.
    cost: bool,
    /// Words.
    words: usize,
    /// Too long to be an agency list, a time phrase or a citation list: growing it further
    /// changes nothing but its cues.
    long: bool,
}

/// Join two pieces of a cell the way the cell is written: a line ending in '-' or '/' after a
/// letter or digit runs on without a space when the next line opens with a capital or a digit
/// ("số 66-" ⏎ "NQ/TW" = "66-NQ/TW", "119/2026/" ⏎ "UBTVQH15").
fn glued(prev: &str, next: &str) -> bool {
    let mut rev = prev.chars().rev();
    let last = rev.next();
    let before = rev.next();
    matches!(last, Some('-' | '/'))
        && before.is_some_and(is_alnum)
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Append `next` to the plain cell text `s`.
fn join_plain(s: &mut String, next: &str) {
    if !s.is_empty() && !glued(s, next) {
        s.push(' ');
    }
    s.push_str(next);
}

/// Append fragment `f` to cell `c`.
fn join_clean(c: &mut Clean, f: &Clean) {
    if !c.text.is_empty() && !glued(&c.text, &f.text) {
        c.space(f.full_norm_range().start);
    }
    c.append(f);
}

/// `s` without parenthetical remarks ("Bộ Tư pháp (đối với …)" → "Bộ Tư pháp").
fn strip_parens(s: &str) -> Cow<'_, str> {
    if single_spaced(s) {
        return Cow::Borrowed(s);
    }
    // One pass: remarks dropped, white space runs written as one space, none at the ends.
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    let mut space = false;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            _ if c.is_whitespace() => space = true,
            _ => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    Cow::Owned(out)
}

/// What is known of a cell text from its pieces, so that it is not looked at again: pieces of
/// a shape join (at one space or none, between characters that are no space) into a text of it.
#[derive(Clone, Copy, Debug)]
struct Shape {
    /// The text is [`single_spaced`]: [`strip_parens`] keeps it as it is.
    single_spaced: bool,
    /// Every character of the text [`is_latin`] (see [`ByScript`]).
    latin: bool,
}

impl Shape {
    fn of(t: &str) -> Shape {
        Shape {
            single_spaced: single_spaced(t),
            latin: t.chars().all(is_latin),
        }
    }

    /// The shape of a text joined of texts of shapes `self` and `other`.
    fn and(self, other: Shape) -> Shape {
        Shape {
            single_spaced: self.single_spaced && other.single_spaced,
            latin: self.latin && other.latin,
        }
    }
}

impl Default for Shape {
    /// The shape of the empty text.
    fn default() -> Shape {
        Shape {
            single_spaced: true,
            latin: true,
        }
    }
}

/// Whether `s` has no parentheses and no white space but single ' ' between words: what
/// [`strip_parens`] keeps as it is. One look at each byte, most cell texts being such.
fn single_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    let mut after_space = true;
    for (i, &c) in b.iter().enumerate() {
        let space = match c {
            b' ' => true,
            b'(' | b')' | b'\t'..=b'\r' => return false,
            0x80.. if wide_space_at(b, i) => return false,
            _ => false,
        };
        if space && after_space {
            return false;
        }
        after_space = space;
    }
    !after_space || b.is_empty()
}

/// Whether a white space character beyond ASCII starts at byte `i` of `b`: U+0085, U+00A0,
/// U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F or U+3000 (the White_Space
/// property, as [`char::is_whitespace`]).
fn wide_space_at(b: &[u8], i: usize) -> bool {
    matches!(
        b[i..],
        [0xc2, 0x85 | 0xa0, ..]
            | [0xe1, 0x9a, 0x80, ..]
            | [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..]
            | [0xe2, 0x81, 0x9f, ..]
            | [0xe3, 0x80, 0x80, ..]
    )
}

/// Whether `key` (folded) has `phrase` at `at` as whole words.
fn word_at(key: &str, at: usize, phrase: &str) -> bool {
    key[at..].starts_with(phrase)
        && key[at + phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_alnum(c))
}

/// Whether `item` (original case) opens with an agency head of `grammars/cell_agencies.tsv`.
fn agency_head(item: &str) -> bool {
    agency_head_keyed(item, &fold_key(item))
}

/// Whether line `t` opens an agency name: [`agency_head`], or a head that needs a name and ends
/// the line ("Văn phòng" ⏎ "UBND tỉnh").
fn opens_agency_line(t: &str) -> bool {
    agency_head(t) || {
        let key = fold_key(t.trim_end());
        heads_for(&key).iter().any(|(p, _)| *p == key)
    }
}

/// [`agency_head`] with the folded key of `item` at hand (same byte length).
fn agency_head_keyed(item: &str, key: &str) -> bool {
    heads_for(key).iter().any(|(p, named)| {
        word_at(key, 0, p)
            && (!named
                || item[p.len()..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase))
    })
}

/// The comma-separated items of an agency list, parenthetical remarks removed: items split at
/// ',' and ';', at " và " before an agency head and after a closing parenthesis; an item in
/// capitals after an agency goes on its name ("Bộ Văn hóa, Thể thao và Du lịch").
fn agency_items(s: &str) -> Vec<(usize, usize)> {
    agency_items_keyed(s, &fold_key(s))
}

/// [`agency_items`] with the folded key of `s` at hand (same byte length).
fn agency_items_keyed(s: &str, key: &str) -> Vec<(usize, usize)> {
    let head = |a: usize, e: usize| agency_head_keyed(&s[a..e], &key[a..e]);
    // Work on byte ranges of `s` so callers can map back.
    let mut raw: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' => depth += 1,
            b')' if depth > 0 => {
                depth -= 1;
                // A name ends at its remark: "Bộ Tư pháp (…) Bộ Tài chính (…)".
                if depth == 0 {
                    let rest = s[i + 1..].trim_start();
                    let at = s.len() - rest.len();
                    if rest.chars().next().is_some_and(char::is_uppercase) && head(at, s.len()) {
                        raw.push((start, i + 1));
                        start = s.len() - rest.len();
                    }
                }
            }
            b',' | b';' if depth == 0 => {
                raw.push((start, i));
                start = i + 1;
            }
            b' ' if depth == 0 && key[i..].starts_with(" và ") && head(i + 5, s.len()) => {
                raw.push((start, i));
                start = i + 5;
                i += 5;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    raw.push((start, s.len()));
    let mut items: Vec<(usize, usize)> = Vec::new();
    for (a, e) in raw {
        let part = &s[a..e];
        let lead = part.len() - part.trim_start().len();
        let (a, e) = (a + lead, a + part.trim_end().len());
        if a >= e {
            continue;
        }
        let text = &s[a..e];
        let continues_name = items.last().is_some_and(|&(pa, pe)| head(pa, pe))
            && !head(a, e)
            && text.chars().next().is_some_and(char::is_uppercase);
        match items.last_mut() {
            Some(last) if continues_name => last.1 = e,
            _ => items.push((a, e)),
        }
    }
    items
}

/// Words of `s` outside parentheses.
fn words_outside_parens(s: &str) -> usize {
    let mut depth = 0usize;
    let mut words = 0;
    let mut in_word = false;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let letter = depth == 0 && !c.is_whitespace() && c != ')';
        if letter && !in_word {
            words += 1;
        }
        in_word = letter;
    }
    words
}

/// Share of the items of `s` (folded: `key`) that open with an agency word.
fn local_share(s: &str, key: &str) -> f64 {
    let items = agency_items_keyed(s, key);
    if items.is_empty() {
        return 0.0;
    }
    let good = items
        .iter()
        .filter(|&&(a, e)| {
            agency_head_keyed(&s[a..e], &key[a..e])
                && words_outside_parens(&s[a..e]) <= AGENCY_ITEM_WORDS_MAX
        })
        .count();
    good as f64 / items.len() as f64
}

/// How much of `s` names agencies: the share of its letters (remarks in parentheses and the
/// word "và" left out) inside names `src/extract/agency.rs` finds, or, when it finds none,
/// [`LOCAL_AGENCY_WEIGHT`] times the share of items that open with an agency word. Text after a
/// name ("Bộ Tài chính pháp lớn để thể") lowers the share. The caller has at hand `key`, the
/// matching key of `s`, and `core`, `s` through [`strip_parens`].
fn agency_share(s: &str, key: &str, core: &str) -> f64 {
    let local = local_share(s, key);
    if local < AGENCY_LOCAL_MIN {
        // Not a list of names: `src/extract/agency.rs` is not asked.
        return LOCAL_AGENCY_WEIGHT * local;
    }
    let found = find_agencies(core);
    if found.is_empty() {
        return LOCAL_AGENCY_WEIGHT * local;
    }
    let count = |t: &str| -> usize {
        t.split_whitespace()
            .filter(|w| !matches!(*w, "và" | "Và"))
            .map(letters)
            .sum()
    };
    let total = count(core);
    let covered: usize = found
        .iter()
        .map(|m| count(core.get(m.span.start..m.span.end).unwrap_or("")))
        .sum();
    if total == 0 {
        return 0.0;
    }
    (covered as f64 / total as f64).min(1.0)
}

/// Whether the agency list `s` ends with a whole name (a remark in parentheses closes one):
/// a further line then opens a new name rather than going on with the last.
fn agency_list_complete(s: &str) -> bool {
    let t = s.trim_end();
    if t.ends_with(')') {
        return true;
    }
    let core = strip_parens(t);
    let core = core.trim_end();
    if core.ends_with([',', ';']) {
        return false;
    }
    find_agencies(core)
        .iter()
        .any(|m| core[m.span.end.min(core.len())..].trim().is_empty())
}

/// The features `need` asks for of a cell's text `s`, whose matching key is `s_key` and shape
/// `shape`.
fn features(s: &str, s_key: &str, need: Need, shape: Shape) -> Feat {
    // Remarks in parentheses say nothing about what a cell is; the rest is scored.
    let mut cut = s.len().min(CELL_TEXT_MAX);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    // A head of single-spaced text is single-spaced but for a space it may end with.
    let stripped = if shape.single_spaced && !s[..cut].ends_with(' ') {
        Cow::Borrowed(&s[..cut])
    } else {
        strip_parens(&s[..cut])
    };
    let core = stripped.trim_end_matches(['.', ',', ';', ':', ' ']);
    let own_whole;
    let whole = if cut == s.len() {
        s_key
    } else {
        own_whole = fold_key(&s[..cut]);
        own_whole.as_str()
    };
    // Without remarks the core is a prefix of the text, and so is its key (what follows the core
    // is not a letter, so no tone moves across the cut).
    let own_key;
    let key = match &stripped {
        Cow::Borrowed(_) => &whole[..core.len()],
        Cow::Owned(_) => {
            own_key = fold_key(core);
            own_key.as_str()
        }
    };
    let long = key.len() > CELL_SCORE_CHARS_MAX || cut < s.len();
    let head = first_chars(key, TIME_CHARS_MAX);
    let mut f = Feat {
        long,
        ..Feat::default()
    };
    if need.has(Need::TIME_FULL | Need::TIME_START) {
        let (time_full_re, time_start_re) = TIME.get(shape);
        f.time_start = time_start_re.is_match(head);
        // A time phrase as a whole starts with one: the head is then the whole key.
        f.time_full = f.time_start && key.len() <= TIME_CHARS_MAX && time_full_re.is_match(key);
    }
    if need.has(Need::TIME_OPEN) {
        f.time_open = opens_time(head);
    }
    // The citation patterns match only text that opens with a kind word.
    if need.has(Need::CITE_START | Need::CITE_OPEN) && CITE_KINDS.open(head) {
        f.cite_start = CITE_ITEM.get(shape).1.is_match(head);
        f.cite_open = CITE_KIND.get(shape).is_match(head);
    }
    // A list of citations: some items cite, the others (if any) are dates. A citation opens
    // with its kind word and a date item with "ngày", so no item is both, and the first item
    // that is neither settles it. Unless the key opens with a separator or a space, its first
    // item opens it: most text is settled without splitting it.
    let may_cite = |k: &str| CITE_KINDS.open(k) || k.starts_with("ngày");
    let item_later = key.starts_with(|c: char| c == ',' || c == ';' || c.is_whitespace());
    f.cite_full = need.has(Need::CITE_FULL) && !long && (item_later || may_cite(key)) && {
        let mut cites = 0;
        key.split([',', ';'])
            .flat_map(|p| p.split(" và "))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .all(|p| {
                let cite = CITE_KINDS.open(p) && CITE_ITEM.get(shape).0.is_match(p);
                cites += usize::from(cite);
                cite || (p.starts_with("ngày") && DATE_ITEM.get(shape).is_match(p))
            })
            && cites > 0
    };
    if need.has(Need::AGENCY) && !long && core.len() <= AGENCY_CHARS_MAX {
        f.agency = agency_share(&s[..cut], whole, &stripped);
    }
    if need.has(Need::PRODUCT_START) && PRODUCT_STARTS.open(head) {
        f.product_start = PRODUCT_START.get(shape).is_match(head);
    }
    // Cues are read on the whole text (remarks included) only once it is long.
    let cue_text = if long { whole } else { key };
    if need.has(Need::PRODUCT_CUE) {
        f.product_cue = PRODUCT_CUE.get(shape).is_match(cue_text);
    }
    if need.has(Need::COST) {
        f.cost = COST_WORD.get(shape).is_match(cue_text);
    }
    if need.has(Need::WORDS) {
        f.words = if long {
            usize::MAX / 2
        } else {
            // The key is single-spaced (the core of text kept as it is, or put so by
            // strip_parens): its words are its spaces and one.
            let words = key.bytes().filter(|&b| b == b' ').count() + usize::from(!key.is_empty());
            debug_assert_eq!(words, key.split_whitespace().count(), "{key:?}");
            words
        };
    }
    f
}

/// The first `n` characters of `s`, all of it if shorter.
fn first_chars(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    // A character starts at every byte but the continuation bytes 0b10xx_xxxx.
    match s
        .bytes()
        .enumerate()
        .filter(|&(_, b)| (b as i8) >= -0x40)
        .nth(n)
    {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The features of a cell text grown line by line: recomputed while the text is short, then
/// only the cues of each new line are added (so the work per line stays bounded). The matching
/// key grows with the text from the keys of its lines: where a tone mark goes is decided inside
/// a word, and lines are joined at a space or after a '-' or '/', so the key of a joined text
/// is the keys of its lines joined the same way.
#[derive(Clone, Default)]
struct Grower {
    s: String,
    /// The matching key of `s` (a key has the byte length of its text).
    key: String,
    /// The features of `s`, once scored (a text grown further depends on them once long).
    feat: Option<Feat>,
    /// What is known of `s`.
    shape: Shape,
}

/// Where the first word of `s` ends: at its first character that is not a letter (`s.len()`
/// if none).
fn first_non_letter(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| !is_letter(c))
        .map_or(s.len(), |(i, _)| i)
}

/// Bytes before a new line searched with it for a cue cut by the line break.
const CUE_WINDOW: usize = 40;

impl Grower {
    /// A cell that starts as `start` (with matching key `key`) and features `feat`.
    fn new(start: &str, key: String, feat: Option<Feat>) -> Grower {
        Grower {
            s: start.to_owned(),
            key,
            feat,
            shape: Shape::of(start),
        }
    }

    /// Join fragment `piece` without scoring the grown text. Returns the length of the text
    /// before.
    fn join(&mut self, piece: &Frag) -> usize {
        let before = self.s.len();
        let text = &piece.clean.text;
        join_plain(&mut self.s, text);
        self.key
            .push_str(&self.s[before..self.s.len() - text.len()]);
        self.key.push_str(&piece.key);
        self.shape = self.shape.and(piece.shape);
        before
    }

    /// Join fragment `piece` and score the grown text for `need`.
    fn push(&mut self, piece: &Frag, need: Need, texts: &mut Texts) -> Feat {
        let before = self.join(piece);
        let Some(mut f) = self.feat.filter(|f| f.long) else {
            let f = texts.features(&self.s, &self.key, need, self.shape);
            self.feat = Some(f);
            return f;
        };
        let cue = need.has(Need::PRODUCT_CUE) && !f.product_cue;
        let cost = need.has(Need::COST) && !f.cost;
        if !cue && !cost {
            return f;
        }
        let mut from = before.saturating_sub(CUE_WINDOW);
        while !self.s.is_char_boundary(from) {
            from -= 1;
        }
        // The window's key as if folded alone: its first (maybe cut) word folded again, the
        // rest taken from the grown key.
        let split = from + first_non_letter(&self.s[from..]);
        let key = fold_key(&self.s[from..split]) + &self.key[split..];
        f.product_cue = f.product_cue || (cue && PRODUCT_CUE.get(self.shape).is_match(&key));
        f.cost = f.cost || (cost && COST_WORD.get(self.shape).is_match(&key));
        self.feat = Some(f);
        f
    }
}

/// The features of the cells `j..j2` of a segment that grow from one start (nothing, or a cell
/// filled before the page break), as far as scored.
struct Cells {
    /// Fragments in the segment.
    n: usize,
    /// What the column (or every column, for new cells) reads of them.
    need: Need,
    /// The features of the start text, once scored.
    start: Option<Feat>,
    /// The features of cell `j..j2` at `j * (n + 1) + j2`.
    grown: Vec<Option<Feat>>,
}

impl Cells {
    fn new(n: usize, need: Need) -> Cells {
        Cells {
            n,
            need,
            start: None,
            grown: vec![None; n * (n + 1)],
        }
    }

    /// Score the cells `j..j2`, for every `j2`, that grow from `start` by the fragments of `seg`
    /// from `j` on, those not scored yet: the text of a cell is joined only when it is scored,
    /// and goes on from the features of the cell one line shorter.
    fn grow(&mut self, start: &Grower, seg: &[Frag], j: usize, texts: &mut Texts) {
        let n = self.n;
        let row = &mut self.grown[j * (n + 1)..(j + 1) * (n + 1)];
        let mut cell: Option<Grower> = None;
        // Fragments j..joined are in `cell`'s text.
        let mut joined = j;
        for j2 in j + 1..=n {
            if row[j2].is_some() {
                continue;
            }
            let g = cell.get_or_insert_with(|| start.clone());
            for fr in &seg[joined..j2 - 1] {
                g.join(fr);
            }
            if j2 - 1 > j {
                g.feat = row[j2 - 1];
            }
            let piece = &seg[j2 - 1];
            row[j2] = Some(g.push(piece, self.need, texts));
            joined = j2;
        }
    }

    /// The features of the cells `j..j2` by `j2`, as far as scored by [`Cells::grow`].
    fn row(&self, j: usize) -> &[Option<Feat>] {
        &self.grown[j * (self.n + 1)..(j + 1) * (self.n + 1)]
    }
}

/// A hasher for the memo's keys: a multiply and a rotation per eight bytes (after Firefox and
/// rustc's FxHash), much cheaper than the default SipHash on the many texts a search looks up.
/// Nobody chooses these keys to collide but the document's author, who would only slow the
/// reading of the document down.
#[derive(Default)]
struct KeyHasher(u64);

impl KeyHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0; 8];
            b.copy_from_slice(w);
            self.add(u64::from_le_bytes(b));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut b = [0; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map hashed with [`KeyHasher`].
type KeyMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// Features already computed, by what was asked and text: a short cell text comes back in many
/// rows ("Các bộ,", "Chương trình số 12-CTr/BCĐ").
#[derive(Default)]
struct Texts {
    by_need: KeyMap<Need, KeyMap<String, Feat>>,
    len: usize,
}

/// Texts kept before [`Texts`] is emptied (memory stays bounded on huge tables).
const TEXTS_MAX: usize = 200_000;

impl Texts {
    /// The features `need` asks for of `s`, whose matching key is `key` (see [`features`]).
    fn features(&mut self, s: &str, key: &str, need: Need, shape: Shape) -> Feat {
        if let Some(f) = self.by_need.get(&need).and_then(|m| m.get(s)) {
            return *f;
        }
        if self.len >= TEXTS_MAX {
            self.by_need.clear();
            self.len = 0;
        }
        let f = features(s, key, need, shape);
        self.by_need
            .entry(need)
            .or_default()
            .insert(s.to_owned(), f);
        self.len += 1;
        f
    }
}

/// Cells already scored, by row (its first line), segment (its first fragment) and start (the
/// column and its text before the page break, none for new cells): the second placing pass
/// scores the same cells as the first, mostly from the same starts.
#[derive(Default)]
struct Memo {
    cells: KeyMap<CellsKey, Cells>,
    texts: Texts,
    /// Cells kept, in all.
    entries: usize,
}

/// Row (first line), segment (first fragment), start column and text.
type CellsKey = (usize, usize, Option<usize>, String);

/// Cells kept at most (memory stays bounded on huge tables; the rest are scored again).
const MEMO_ENTRIES_MAX: usize = 1 << 20;

impl Memo {
    /// The cells of a segment keyed `key`, scored for `need`, taken out of the memo (or none
    /// scored yet) until [`Memo::put`] gives them back.
    fn take(&mut self, key: &CellsKey, n: usize, need: Need) -> Cells {
        match self.cells.remove(key) {
            Some(c) => {
                self.entries -= c.grown.len();
                c
            }
            None => Cells::new(n, need),
        }
    }

    /// Keep `cells` (taken with `key`), room permitting.
    fn put(&mut self, key: CellsKey, cells: Cells) {
        let size = cells.grown.len();
        if self.entries + size <= MEMO_ENTRIES_MAX {
            self.entries += size;
            self.cells.insert(key, cells);
        }
    }
}

/// How well a text with features `f` fits a column of `role` (higher is better, 0 neutral).
fn role_score(role: Role, f: &Feat) -> f64 {
    let agencies = f.agency >= LOCAL_AGENCY_WEIGHT - 0.01;
    match role {
        Role::Task => {
            let mut s = 0.0;
            if f.time_full {
                s -= 3.0;
            }
            if f.cite_full {
                s -= 2.0;
            }
            if agencies && f.words <= 12 {
                s -= 2.0;
            }
            s
        }
        Role::Lead | Role::Support => {
            let mut s = 3.0 * f.agency - 1.5;
            if f.time_full {
                s -= 3.0;
            }
            if f.product_start && f.agency < 0.5 {
                s -= 1.0;
            }
            s
        }
        Role::Product => {
            let mut s = 0.0;
            if f.product_start {
                s += 1.5;
            }
            if f.product_cue {
                s += 1.0;
            }
            if agencies {
                s -= 2.0;
            }
            if f.time_full {
                s -= 3.0;
            }
            if f.cite_full {
                s -= 1.5;
            }
            s
        }
        Role::Deadline => {
            if f.time_full {
                3.0
            } else if f.time_start {
                0.5
            } else {
                -3.0
            }
        }
        Role::Basis => {
            if f.cite_full {
                3.0
            } else if f.cite_start {
                1.0
            } else {
                -3.0
            }
        }
        Role::Cost => {
            if f.cost {
                1.5
            } else {
                -1.0
            }
        }
        Role::Note => -0.5,
        Role::Number | Role::Metric | Role::Unit | Role::Value(_) | Role::Other => -1.0,
    }
}

/// Evidence that each line of `next`, after a page break, goes on with the cell `existing` of a
/// column of `role`: the cell ends open (a comma, "và", a name not yet whole), or the line
/// opens a further item of its list.
fn go_on_bonus(role: Role, existing: &str, next: &[Frag]) -> Vec<f64> {
    let e = existing.trim_end();
    if e.is_empty() {
        return vec![0.0; next.len()];
    }
    let agencies = matches!(role, Role::Lead | Role::Support);
    let complete = agencies && agency_list_complete(e);
    let open = ends_open(e) || (agencies && !complete);
    let base = if open { OPEN_CELL_BONUS } else { 0.0 };
    next.iter()
        .map(|f| {
            let t = &f.clean.text;
            let new_item = match role {
                Role::Lead | Role::Support => {
                    (complete || e.ends_with([',', ';']))
                        && t.chars().next().is_some_and(char::is_uppercase)
                        && agency_head(t)
                }
                Role::Basis => CITE_KINDS.open(&f.key) && CITE_ITEM.get(f.shape).1.is_match(&f.key),
                _ => false,
            };
            base + if new_item { NEW_ITEM_BONUS } else { 0.0 }
        })
        .collect()
}

/// Penalty for going on with a cell that holds no agencies by text that is mostly an agency
/// list ("… trên Đài Truyền hình" + "Việt Nam và các bộ, ngành,"): that text belongs to a lead
/// or support cell.
fn appended_pen(role: Role, appended: &Feat) -> f64 {
    let agency_cell = matches!(role, Role::Lead | Role::Support);
    if !agency_cell && appended.agency >= APPENDED_AGENCY_SHARE {
        APPENDED_AGENCY_PEN
    } else {
        0.0
    }
}

/// Penalty for going on with a cell after a page break by a line whose first word would have
/// fitted on the cell's last line ("Bộ Tư pháp" ⏎ "Việt Nam" in a column 19 wide): the break
/// there was not a wrap.
fn wrap_pen(width: Option<Width>, last: usize, next: &str) -> f64 {
    let Some(w) = width else { return 0.0 };
    let word = next
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    if last > 0 && ((last + 1 + word) as f64) <= NOT_WRAPPED_FIT * w.full {
        NOT_WRAPPED_PEN
    } else {
        0.0
    }
}

/// The least a cell of `role` scores on a page that cuts the row: a deadline or basis cell may
/// hold only the first words of its phrase ("Thường", "Nghị quyết").
fn cut_score(role: Role, f: &Feat) -> f64 {
    match role {
        Role::Deadline if f.time_open => CUT_OPEN_SCORE,
        Role::Basis if f.cite_open => CUT_OPEN_SCORE,
        _ => f64::NEG_INFINITY,
    }
}

/// Whether a line may open a cell: a capital, a digit, a quote or a bracket.
fn opens_cell(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| !c.is_lowercase() || !is_letter(c))
}

// ---------------------------------------------------------------------------------------------
// Placing fragments into cells.
// ---------------------------------------------------------------------------------------------

/// A cell chosen by the search: fragments `start..end` of a segment go to column `col`.
#[derive(Clone, Copy, Debug)]
struct Placed {
    start: usize,
    end: usize,
    col: usize,
    new_subrow: bool,
    score: f64,
}

/// Width limits of a column, from its full lines.
#[derive(Clone, Copy, Debug)]
struct Width {
    /// Wider than this, a line does not fit the column.
    wide: f64,
    /// Narrower than this, a line that is not its cell's last is suspect.
    narrow: f64,
    /// The widest full lines seen: a word that fits after a cell's last line would have been
    /// set on it.
    full: f64,
}

/// The cells of one sub-row being filled.
#[derive(Clone, Debug)]
struct SubRow {
    cells: Vec<Option<Clean>>,
    first_line: usize,
    last_line: usize,
    notes: Vec<String>,
}

impl SubRow {
    fn new(m: usize, line: usize) -> SubRow {
        SubRow {
            cells: vec![None; m],
            first_line: line,
            last_line: line,
            notes: Vec::new(),
        }
    }
}

/// Place every row's fragments, twice: the second time with each column's measured width.
fn place_rows(columns: &[Role], rows: Vec<RawRow>, issues: &mut Vec<TableIssue>) -> Vec<TableRow> {
    let cols: Vec<Role> = columns
        .iter()
        .copied()
        .filter(|r| *r != Role::Number)
        .collect();
    if cols.is_empty() {
        return Vec::new();
    }
    let none = vec![None; cols.len()];
    let mut memo = Memo::default();
    let mut samples: Vec<Vec<usize>> = vec![Vec::new(); cols.len()];
    for row in &rows {
        for (sub, _) in place_row(&mut memo, &cols, row, &none, None) {
            for (k, frags) in sub.iter().enumerate() {
                if frags.len() >= 2 {
                    samples[k].extend(frags[..frags.len() - 1].iter().map(|&f| row.frags[f].width));
                }
            }
        }
    }
    let widths: Vec<Option<Width>> = samples
        .iter_mut()
        .map(|s| {
            if s.len() < WIDTH_SAMPLES_MIN {
                return None;
            }
            s.sort_unstable();
            let median = s[s.len() / 2] as f64;
            Some(Width {
                wide: median * 1.3 + 4.0,
                narrow: median * 0.45,
                full: s[s.len() - 1 - s.len() / 20] as f64,
            })
        })
        .collect();
    let mut out = Vec::new();
    for row in &rows {
        let placed = place_row(&mut memo, &cols, row, &widths, Some(issues));
        out.extend(finish_row(&cols, row, placed));
    }
    out
}

/// `s`, or for a cell grown very long, its head and its tail: all the search reads of a cell
/// filled before a page break (its features, how it ends).
fn bounded(s: &str) -> String {
    if s.len() <= 2 * CELL_TEXT_MAX {
        return s.to_owned();
    }
    let mut head = CELL_TEXT_MAX;
    while !s.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = s.len() - CUE_WINDOW;
    while !s.is_char_boundary(tail) {
        tail += 1;
    }
    format!("{} … {}", &s[..head], &s[tail..])
}

/// Fragment indices per column, per sub-row (with each sub-row's notes).
type Placement = Vec<(Vec<Vec<usize>>, Vec<String>)>;

/// Place one row: each page segment in turn, knowing the cells filled so far.
fn place_row(
    memo: &mut Memo,
    cols: &[Role],
    row: &RawRow,
    widths: &[Option<Width>],
    issues: Option<&mut Vec<TableIssue>>,
) -> Placement {
    let m = cols.len();
    let mut subs: Placement = vec![(vec![Vec::new(); m], Vec::new())];
    let mut text: Vec<Vec<String>> = vec![vec![String::new(); m]];
    let n = row.frags.len();
    let mut seg_start = 0;
    // Lines placed per column of the last sub-row on the current page.
    let mut counts = vec![0usize; m];
    let mut issues = issues;
    while seg_start < n {
        let seg_end = (seg_start + 1..n)
            .find(|&i| row.frags[i].break_before)
            .unwrap_or(n);
        let seg = &row.frags[seg_start..seg_end];
        let existing: Vec<String> = text
            .last()
            .map(|t| t.iter().map(|c| bounded(c)).collect())
            .unwrap_or_default();
        let last_width: Vec<usize> = subs
            .last()
            .map(|(cells, _)| {
                cells
                    .iter()
                    .map(|c| c.last().map_or(0, |&f| row.frags[f].width))
                    .collect()
            })
            .unwrap_or_default();
        // The cells with the most lines on the page before reached its bottom: they go on.
        let on_page = std::mem::replace(&mut counts, vec![0; m]);
        let most = on_page.iter().copied().max().unwrap_or(0);
        let tallest: Vec<bool> = on_page.iter().map(|&c| most > 0 && c == most).collect();
        let has_prev = seg_start > 0;
        let placed = if seg.len() > SEGMENT_FRAGMENTS_MAX {
            if let Some(iss) = issues.as_deref_mut() {
                iss.push(TableIssue {
                    code: "table-row-too-long",
                    message: format!(
                        "expected a row of at most {SEGMENT_FRAGMENTS_MAX} lines per page, found {} in row {}; its lines are kept in one cell",
                        seg.len(),
                        row.number
                    ),
                    lines: seg[0].line..seg[seg.len() - 1].line + 1,
                });
            }
            vec![Placed {
                start: 0,
                end: seg.len(),
                col: 0,
                new_subrow: false,
                score: f64::NEG_INFINITY,
            }]
        } else {
            search(
                memo,
                cols,
                (row.first_line, seg_start),
                seg,
                &existing,
                &last_width,
                &tallest,
                has_prev,
                seg_end < n,
                widths,
            )
        };
        for p in placed {
            if p.new_subrow {
                subs.push((vec![Vec::new(); m], Vec::new()));
                text.push(vec![String::new(); m]);
                counts = vec![0; m];
            }
            counts[p.col] += p.end - p.start;
            let (cells, notes) = subs.last_mut().expect("a sub-row");
            let t = text.last_mut().expect("a sub-row");
            for (f, fr) in seg.iter().enumerate().take(p.end).skip(p.start) {
                cells[p.col].push(seg_start + f);
                join_plain(&mut t[p.col], &fr.clean.text);
            }
            if p.score == f64::NEG_INFINITY {
                notes.push("too many lines to separate its cells".to_owned());
            } else if p.score < POOR_CELL_SCORE {
                let first = &seg[p.start].clean.text;
                notes.push(format!(
                    "the {} cell reads `{}`, unlike its column",
                    cols[p.col].name(),
                    truncate(first, 40)
                ));
            }
        }
        seg_start = seg_end;
    }
    subs
}

/// The best segmentation of `seg` into cells.
///
/// States are (fragment boundary, column of the last cell, whether a new sub-row was opened in
/// this segment); a cell's score is its start penalty, its text's fit to its column (for a
/// column already filled before this segment, the change in fit of the joined text) and the
/// width penalties of its lines.
#[allow(clippy::too_many_arguments)]
fn search(
    memo: &mut Memo,
    cols: &[Role],
    (row_key, seg_start): (usize, usize),
    seg: &[Frag],
    existing: &[String],
    last_width: &[usize],
    tallest: &[bool],
    has_prev: bool,
    cut: bool,
    widths: &[Option<Width>],
) -> Vec<Placed> {
    let n = seg.len();
    let m = cols.len();
    // Fresh features of every candidate cell j..j2 (plain joined text, grown left to right),
    // the cells of one start line and column side by side.
    let mut fresh = vec![0.0f64; n * (n + 1) * m];
    let fidx = |j: usize, j2: usize, k: usize| (j * m + k) * (n + 1) + j2;
    // Width penalties as prefix sums per column.
    let mut wide = vec![vec![0.0f64; n + 1]; m];
    let mut narrow = vec![vec![0.0f64; n + 1]; m];
    for k in 0..m {
        for (f, fr) in seg.iter().enumerate() {
            let (w, nw) = match widths.get(k).copied().flatten() {
                Some(lim) => (
                    if fr.width as f64 > lim.wide {
                        WIDE_PEN
                    } else {
                        0.0
                    },
                    if (fr.width as f64) < lim.narrow {
                        NARROW_PEN
                    } else {
                        0.0
                    },
                ),
                None => (0.0, 0.0),
            };
            wide[k][f + 1] = wide[k][f] + w;
            narrow[k][f + 1] = narrow[k][f] + nw;
        }
    }
    // Lines that open with an agency name in capitals, inside a cell that holds none.
    let mut named = vec![0.0f64; n + 1];
    for (f, fr) in seg.iter().enumerate() {
        let t = &fr.clean.text;
        let opens = t.chars().next().is_some_and(char::is_uppercase) && opens_agency_line(t);
        named[f + 1] = named[f] + if opens { AGENCY_LINE_PEN } else { 0.0 };
    }
    // Wide gaps inside a cell: pieces of one line in one cell.
    let mut gaps = vec![0.0f64; n + 1];
    for f in 1..n {
        let same = seg[f - 1].line == seg[f].line;
        gaps[f + 1] = gaps[f] + if same { SHARED_LINE_PEN } else { 0.0 };
    }
    // A cell may not stop at a line that waits for more ("… của" ⏎ "Bộ Chính trị") unless the
    // page cuts it: on a page that cuts the row, a cell at least as tall as the average may
    // reach the bottom.
    let open_end: Vec<bool> = seg.iter().map(|f| ends_open(&f.clean.text)).collect();
    let cut_lines = if cut { n.div_ceil(m) } else { usize::MAX };
    let dangling = |j: usize, j2: usize| {
        if j2 == n || !open_end[j2 - 1] {
            0.0
        } else if j2 - j >= cut_lines {
            DANGLING_CUT_PEN
        } else {
            DANGLING_PEN
        }
    };
    // The agency lines inside a cell count against it unless its column holds agencies.
    let agency_col: Vec<bool> = cols
        .iter()
        .map(|r| matches!(r, Role::Lead | Role::Support))
        .collect();
    // The cells of this segment scored before (the first placing pass scores them for the
    // second): new cells, and cells going on with those filled before the page break.
    let keys: Vec<CellsKey> = std::iter::once((row_key, seg_start, None, String::new()))
        .chain(
            existing
                .iter()
                .enumerate()
                .filter(|(_, e)| !e.is_empty())
                .map(|(k, e)| (row_key, seg_start, Some(k), e.clone())),
        )
        .collect();
    // New cells are read for every column, and for the agency names that do not go on with a
    // cell of another column ([`appended_pen`]).
    let fresh_need = cols
        .iter()
        .fold(Need::AGENCY, |need, &role| need | Need::of(role));
    let mut tables: Vec<Cells> = keys
        .iter()
        .map(|key| {
            let need = key.2.map_or(fresh_need, |k| Need::of(cols[k]));
            memo.take(key, n, need)
        })
        .collect();
    // The cells filled before the page break, ready to grow, and their features.
    let mut started: Vec<Option<Grower>> = vec![None; m];
    let mut base_existing: Vec<Option<Feat>> = vec![None; m];
    let mut table_of: Vec<usize> = vec![0; m];
    for (t, key) in keys.iter().enumerate().skip(1) {
        let (Some(k), e) = (key.2, &key.3) else {
            continue;
        };
        let e_key = fold_key(e);
        let cells = &mut tables[t];
        let feat = *cells
            .start
            .get_or_insert_with(|| memo.texts.features(e, &e_key, cells.need, Shape::of(e)));
        started[k] = Some(Grower::new(e, e_key, Some(feat)));
        base_existing[k] = Some(feat);
        table_of[k] = t;
    }
    let bonus: Vec<Vec<f64>> = (0..m)
        .map(|k| {
            let tall = if tallest.get(k).copied().unwrap_or(false) {
                TALL_CELL_BONUS
            } else {
                0.0
            };
            go_on_bonus(cols[k], &existing[k], seg)
                .into_iter()
                .map(|b| b + tall)
                .collect()
        })
        .collect();
    let mut cont = vec![
        f64::NAN;
        if existing.iter().any(|e| !e.is_empty()) {
            n * (n + 1) * m
        } else {
            0
        }
    ];
    let new_cell = Grower::default();
    for j in 0..n {
        let start_pen = if opens_cell(&seg[j].clean.text) {
            0.0
        } else {
            LOWER_START_PEN
        };
        // A new cell in lower case is a last resort: its text is not worth reading unless the
        // line may go on with a cell filled before the page break.
        let skim = start_pen < 0.0 && base_existing.iter().all(Option::is_none);
        if !skim {
            tables[0].grow(&new_cell, seg, j, &mut memo.texts);
        }
        for (k, g) in started.iter().enumerate() {
            if let Some(g) = g {
                tables[table_of[k]].grow(g, seg, j, &mut memo.texts);
            }
        }
        let going_on: Vec<Option<GoingOn>> = (0..m)
            .map(|k| {
                let base = base_existing[k].as_ref()?;
                let wrap = wrap_pen(
                    widths.get(k).copied().flatten(),
                    last_width[k],
                    &seg[j].clean.text,
                );
                Some(GoingOn {
                    cells: tables[table_of[k]].row(j),
                    base: role_score(cols[k], base),
                    bonus: bonus[k][j],
                    wrap,
                })
            })
            .collect();
        let fresh_row = tables[0].row(j);
        for j2 in j + 1..=n {
            let f = if skim {
                Feat::default()
            } else {
                fresh_row[j2].expect("a grown cell")
            };
            // The width penalties of the cell but those of its column's widths.
            let inner_gaps = gaps[j2] - gaps[j + 1] + dangling(j, j2);
            let inner_named = named[j2] - named[j + 1];
            for k in 0..m {
                // Of two equal readings, lines go to the earlier column.
                let tie = EARLIER_COLUMN_EPS * ((j2 - j) * (m - 1 - k)) as f64;
                let inner_agency = if agency_col[k] { 0.0 } else { inner_named };
                let width_pen = wide[k][j2] - wide[k][j] + narrow[k][j2 - 1] - narrow[k][j]
                    + inner_agency
                    + inner_gaps;
                let mut fit = role_score(cols[k], &f);
                if cut {
                    fit = fit.max(cut_score(cols[k], &f));
                }
                fresh[fidx(j, j2, k)] = start_pen + fit + width_pen + tie;
                if let Some(g) = &going_on[k] {
                    let cf = g.cells[j2].expect("a grown cell");
                    cont[fidx(j, j2, k)] = role_score(cols[k], &cf) - g.base
                        + width_pen
                        + g.bonus
                        + appended_pen(cols[k], &f)
                        + tie
                        + g.wrap;
                }
            }
        }
    }
    for (key, cells) in keys.into_iter().zip(tables) {
        memo.put(key, cells);
    }
    // best[(k * 2 + mode) * (n + 1) + j]; k == m means "no cell yet in this segment". The states
    // of one column and mode lie side by side, as the cells from one line update them.
    let sidx = |j: usize, k: usize, mode: usize| (k * 2 + mode) * (n + 1) + j;
    let mut best = vec![f64::NEG_INFINITY; (n + 1) * (m + 1) * 2];
    // Back pointers: (previous boundary, previous column, previous mode + 2 × new sub-row).
    let mut back: Vec<Option<(usize, usize, usize)>> = vec![None; (n + 1) * (m + 1) * 2];
    best[sidx(0, m, 0)] = 0.0;
    // Empty earlier cells before column c, for the skip penalty.
    let mut empty_prefix = vec![0usize; m + 1];
    for c in 0..m {
        empty_prefix[c + 1] = empty_prefix[c] + usize::from(existing[c].is_empty());
    }
    for j in 0..n {
        // Two pieces of one line stand in neighbouring columns.
        let same_line = j > 0 && seg[j - 1].line == seg[j].line;
        for k in 0..=m {
            for mode in 0..2 {
                let here = best[sidx(j, k, mode)];
                if here == f64::NEG_INFINITY {
                    continue;
                }
                let from = if k == m { 0 } else { k + 1 };
                let adjacent_to = (k != m && same_line).then_some(k + 1);
                // What a next cell in column k2 brings, whatever line it ends on (worked out
                // once, not once per end line).
                for k2 in 0..m {
                    let forward = k == m || k2 > k;
                    // Go on filling the current sub-row: (the cell goes on one filled before
                    // the page break, skip penalty, mode after).
                    let go_on = if !forward {
                        None
                    } else if mode == 0 {
                        let skipped = (empty_prefix[k2] - empty_prefix[from]) as f64;
                        Some((!existing[k2].is_empty(), SKIP_PEN * skipped, 0))
                    } else {
                        Some((false, SKIP_PEN * (k2 - from) as f64, 1))
                    };
                    // A step back (or a page that opens with one) starts a new sub-row.
                    let may_restart = (k != m && k2 <= k) || (k == m && has_prev);
                    let restart = may_restart.then(|| {
                        let task = if cols[k2] == Role::Task {
                            SUBROW_TASK_PEN
                        } else {
                            0.0
                        };
                        SUBROW_PEN + task + MERGED_PEN * k2 as f64
                    });
                    let adjacent = if adjacent_to == Some(k2) {
                        SHARED_LINE_BONUS
                    } else {
                        0.0
                    };
                    // The cells from line j in column k2, and the states they lead to.
                    let cells = fidx(j, 0, k2)..fidx(j, n + 1, k2);
                    let states = |mode2: usize| sidx(0, k2, mode2)..sidx(n + 1, k2, mode2);
                    if let Some((filled, pen, mode2)) = go_on {
                        let gains = if filled {
                            &cont[cells.clone()]
                        } else {
                            &fresh[cells.clone()]
                        };
                        let to = states(mode2);
                        let step = Step {
                            from: (j, k, mode),
                            here,
                            pen,
                            bonus: adjacent,
                        };
                        step.relax(gains, &mut best[to.clone()], &mut back[to]);
                    }
                    if let Some(pen) = restart {
                        let to = states(1);
                        let step = Step {
                            from: (j, k, mode + 2),
                            here,
                            pen,
                            bonus: 0.0,
                        };
                        step.relax(&fresh[cells], &mut best[to.clone()], &mut back[to]);
                    }
                }
            }
        }
    }
    // Trace back from the best end state.
    let mut end_state = None;
    let mut end_best = f64::NEG_INFINITY;
    for k in 0..m {
        for mode in 0..2 {
            if best[sidx(n, k, mode)] > end_best {
                end_best = best[sidx(n, k, mode)];
                end_state = Some((k, mode));
            }
        }
    }
    let mut out = Vec::new();
    let Some((mut k, mut mode)) = end_state else {
        return vec![Placed {
            start: 0,
            end: n,
            col: 0,
            new_subrow: false,
            score: f64::NEG_INFINITY,
        }];
    };
    let mut j2 = n;
    while j2 > 0 {
        let Some((j, pk, packed)) = back[sidx(j2, k, mode)] else {
            break;
        };
        let new_subrow = packed >= 2;
        // Only a new cell is judged against its column; a cell going on after a page break is
        // judged with the text it joins.
        let fit = if new_subrow || existing[k].is_empty() || mode == 1 {
            fresh[fidx(j, j2, k)]
        } else {
            0.0
        };
        out.push(Placed {
            start: j,
            end: j2,
            col: k,
            new_subrow,
            score: fit,
        });
        j2 = j;
        k = pk;
        mode = packed % 2;
    }
    out.reverse();
    out
}

/// Cells of [`search`] from one start line that go on with a column filled before the page
/// break.
struct GoingOn<'a> {
    /// The features of the joined cells, by end line.
    cells: &'a [Option<Feat>],
    /// What the column's text before the break scores.
    base: f64,
    /// What the start line brings as a further item of the column's text.
    bonus: f64,
    /// What the start line costs when it would have fitted on the column's last line.
    wrap: f64,
}

/// A move of [`search`]: a next cell from the boundary of a state, in one column, whatever
/// line it ends on.
struct Step {
    /// The state: boundary `j`, column, mode (plus 2 when the cell opens a new sub-row).
    from: (usize, usize, usize),
    /// The state's best score.
    here: f64,
    /// What the move costs besides the cell (a skipped column, a new sub-row).
    pen: f64,
    /// What two pieces of one line in neighbouring columns bring.
    bonus: f64,
}

impl Step {
    /// Let each cell `j..j2`, worth `gains[j2]`, improve the state `best[j2]` it leads to.
    fn relax(&self, gains: &[f64], best: &mut [f64], back: &mut [Option<(usize, usize, usize)>]) {
        let j = self.from.0;
        for (j2, &gain) in gains.iter().enumerate().skip(j + 1) {
            let v = self.here + (gain + self.pen) + CELL_PEN + self.bonus;
            if v > best[j2] {
                best[j2] = v;
                back[j2] = Some(self.from);
            }
        }
    }
}

/// Turn a placed row into [`TableRow`]s: build each cell from its fragments, let sub-rows take
/// the merged cells of the sub-row above, and say what is unsure.
fn finish_row(cols: &[Role], row: &RawRow, placed: Placement) -> Vec<TableRow> {
    let mut out: Vec<TableRow> = Vec::new();
    let mut above: Vec<Option<Clean>> = vec![None; cols.len()];
    for (s, (cells, notes)) in placed.into_iter().enumerate() {
        let mut sub = SubRow::new(cols.len(), row.first_line);
        sub.notes = notes;
        if s > 0 {
            sub.first_line = cells
                .iter()
                .flatten()
                .map(|&f| row.frags[f].line)
                .min()
                .unwrap_or(row.first_line);
        }
        sub.last_line = sub.first_line;
        for (k, frags) in cells.iter().enumerate() {
            let mut c = Clean::default();
            for &f in frags {
                join_clean(&mut c, &row.frags[f].clean);
                sub.last_line = sub.last_line.max(row.frags[f].line);
            }
            if !c.text.is_empty() {
                sub.cells[k] = Some(c);
            }
        }
        let mut inherited = Vec::new();
        if s > 0 {
            for k in 0..cols.len() {
                if sub.cells[k].is_none() && above[k].is_some() {
                    sub.cells[k] = above[k].clone();
                    inherited.push(cols[k]);
                }
            }
        }
        above = sub.cells.clone();
        out.push(to_table_row(cols, row, s, sub, inherited));
    }
    out
}

fn to_table_row(
    cols: &[Role],
    row: &RawRow,
    subrow: usize,
    sub: SubRow,
    inherited: Vec<Role>,
) -> TableRow {
    let mut notes = sub.notes;
    let lead_col = cols.iter().position(|r| *r == Role::Lead);
    if let Some(k) = lead_col
        && sub.cells[k].is_none()
    {
        notes.insert(0, "its lead (chủ trì) cell is empty".to_owned());
    }
    let cells: Vec<(Role, Clean)> = cols
        .iter()
        .zip(sub.cells)
        .filter_map(|(r, c)| c.map(|c| (*r, c)))
        .collect();
    let label = if subrow == 0 {
        format!("row {}", row.number)
    } else {
        format!("row {} (part {})", row.number, subrow + 1)
    };
    TableRow {
        number: row.number.trim_end_matches(['.', ')']).to_owned(),
        subrow,
        group: row.group.clone(),
        cells,
        inherited,
        lines: sub.first_line..sub.last_line + 1,
        unsure: (!notes.is_empty()).then(|| {
            format!(
                "expected {label} to fill its columns, found: {}",
                notes.join("; ")
            )
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// Pipe layout.
// ---------------------------------------------------------------------------------------------

/// The cells of a pipe line: pieces between '|'; `leading` when the line's first '|' opens the
/// row (its empty first piece is not a cell). Returns the cells and whether the last one is
/// still open (no closing '|').
fn pipe_cells(c: &Clean, leading: bool) -> (Vec<Clean>, bool) {
    let t = &c.text;
    let bars: Vec<usize> = t.match_indices('|').map(|(i, _)| i).collect();
    let mut cells = Vec::new();
    let mut start = 0;
    for (n, &b) in bars.iter().enumerate() {
        if !(n == 0 && leading && t[..b].trim().is_empty()) {
            cells.push(c.slice(start..b));
        }
        start = b + 1;
    }
    let tail = c.slice(start..t.len());
    let open = !tail.text.is_empty();
    if open {
        cells.push(tail);
    }
    (cells, open)
}

/// Read a pipe table from its header line.
fn parse_pipe(lines: &[Line], view: &View, header: Header, end: usize) -> Table {
    let columns = header.columns.clone();
    let number_col = columns.iter().position(|r| *r == Role::Number);
    // The cell a row is numbered for: its task, or in a table of targets its metric.
    let task_col = columns
        .iter()
        .position(|r| matches!(r, Role::Task | Role::Metric));
    let mut issues = Vec::new();
    let mut rows: Vec<TableRow> = Vec::new();
    let mut group: Option<Group> = None;
    let mut last_number: Option<u32> = None;
    let mut i = header.lines.end;
    let mut table_end = i;
    // The logical row being read: its cells and whether its last cell is open.
    let mut cur: Option<(Vec<Clean>, bool, Range<usize>)> = None;
    let flush = |cur: &mut Option<(Vec<Clean>, bool, Range<usize>)>,
                 rows: &mut Vec<TableRow>,
                 group: &mut Option<Group>,
                 last_number: &mut Option<u32>,
                 issues: &mut Vec<TableIssue>| {
        let Some((cells, _, span)) = cur.take() else {
            return;
        };
        pipe_row(
            &columns,
            number_col,
            task_col,
            cells,
            span,
            rows,
            group,
            last_number,
            issues,
        );
    };
    while i < end {
        let l = &lines[i];
        match view.at(i) {
            Seen::Content => {}
            Seen::Break => {
                i += 1;
                continue;
            }
            Seen::Skip => {
                if matches!(l.kind, LineKind::Markup | LineKind::Separator) {
                    table_end = i + 1;
                }
                i += 1;
                continue;
            }
        }
        if l.pipe_row {
            if let Some(h) = match_header(lines, view, i, end) {
                if h.columns != columns {
                    break;
                }
                // A header repeated in the middle of the table.
                flush(
                    &mut cur,
                    &mut rows,
                    &mut group,
                    &mut last_number,
                    &mut issues,
                );
                i += 1;
                table_end = i;
                continue;
            }
            flush(
                &mut cur,
                &mut rows,
                &mut group,
                &mut last_number,
                &mut issues,
            );
            let (cells, open) = pipe_cells(&l.clean, true);
            cur = Some((cells, open, i..i + 1));
        } else if let Some((cells, open_cell, span)) = cur.as_mut().filter(|c| c.1) {
            // A cell broken over lines: the text before the next '|' goes on the open cell.
            let (more, still_open) = pipe_cells(&l.clean, false);
            let mut more = more.into_iter();
            if let (Some(last), Some(first)) = (cells.last_mut(), more.next()) {
                last.space(l.range.start);
                last.append(&first);
            }
            let had_bar = l.text().contains('|');
            cells.extend(more);
            *open_cell = if had_bar { still_open } else { true };
            span.end = i + 1;
        } else {
            break;
        }
        i += 1;
        table_end = i;
    }
    flush(
        &mut cur,
        &mut rows,
        &mut group,
        &mut last_number,
        &mut issues,
    );
    Table {
        columns,
        header_lines: header.lines.clone(),
        lines: header.lines.start..table_end.max(header.lines.end),
        rows,
        issues,
    }
}

/// Turn one logical pipe row into a group, a row or a sub-row.
#[allow(clippy::too_many_arguments)]
fn pipe_row(
    columns: &[Role],
    number_col: Option<usize>,
    task_col: Option<usize>,
    cells: Vec<Clean>,
    span: Range<usize>,
    rows: &mut Vec<TableRow>,
    group: &mut Option<Group>,
    last_number: &mut Option<u32>,
    issues: &mut Vec<TableIssue>,
) {
    let text_of = |k: Option<usize>| {
        k.and_then(|k| cells.get(k))
            .map(|c| c.text.trim().to_owned())
            .unwrap_or_default()
    };
    let number = text_of(number_col);
    let filled: Vec<usize> = (0..cells.len())
        .filter(|&k| !cells[k].text.trim().is_empty())
        .collect();
    if filled.is_empty() {
        return;
    }
    // A group row: a Roman numeral or letter in the number column, or one spanning title.
    let mark = GroupMark::parse(&number).filter(|_| !number.is_empty());
    let spanning = filled.len() == 1 && row_number(&cells[filled[0]].text).is_none();
    if mark.is_some() || (number.is_empty() && spanning) {
        let title = filled
            .iter()
            .find(|&&k| Some(k) != number_col)
            .map(|&k| cells[k].clone());
        *group = Some(Group {
            marker: mark.map(|_| number.trim_end_matches(['.', ')']).to_owned()),
            title,
            lines: span,
        });
        *last_number = None;
        return;
    }
    let mut row_cells: Vec<(Role, Clean)> = Vec::new();
    for (k, c) in cells.into_iter().enumerate() {
        if Some(k) == number_col || c.text.trim().is_empty() {
            continue;
        }
        let role = columns.get(k).copied().unwrap_or(Role::Other);
        row_cells.push((role, c));
    }
    let number = row_number(&number).unwrap_or_default();
    let task_empty = task_col.is_none_or(|k| {
        let role = columns.get(k).copied();
        !row_cells.iter().any(|(r, _)| Some(*r) == role)
    });
    // A row without number or task under a numbered row: a further set of the row above.
    if number.is_empty()
        && task_empty
        && let Some(prev) = rows.last()
    {
        let mut inherited = Vec::new();
        for (r, c) in &prev.cells {
            if !row_cells.iter().any(|(q, _)| q == r) {
                row_cells.push((*r, c.clone()));
                inherited.push(*r);
            }
        }
        row_cells.sort_by_key(|(r, _)| columns.iter().position(|c| c == r));
        let lead_empty =
            columns.contains(&Role::Lead) && !row_cells.iter().any(|(r, _)| *r == Role::Lead);
        rows.push(TableRow {
            number: prev.number.clone(),
            subrow: prev.subrow + 1,
            group: prev.group.clone(),
            cells: row_cells,
            inherited,
            lines: span,
            unsure: lead_empty.then(|| {
                format!(
                    "expected row {} (part {}) to fill its columns, found: its lead (chủ trì) cell is empty",
                    prev.number,
                    prev.subrow + 2
                )
            }),
        });
        return;
    }
    let n = number.parse::<u32>().ok();
    if let (Some(prev), Some(n)) = (*last_number, n)
        && n != prev + 1
        && n != 1
    {
        issues.push(TableIssue {
            code: "table-numbering-gap",
            message: format!("expected row {} after row {prev}, found row {n}", prev + 1),
            lines: span.clone(),
        });
    }
    *last_number = n.or(*last_number);
    let mut notes = Vec::new();
    if number.is_empty() && number_col.is_some() {
        notes.push("it has no number".to_owned());
    }
    if columns.contains(&Role::Lead) && !row_cells.iter().any(|(r, _)| *r == Role::Lead) {
        notes.push("its lead (chủ trì) cell is empty".to_owned());
    }
    rows.push(TableRow {
        unsure: (!notes.is_empty()).then(|| {
            format!(
                "expected row {} to fill its columns, found: {}",
                if number.is_empty() {
                    "without number"
                } else {
                    &number
                },
                notes.join("; ")
            )
        }),
        number,
        subrow: 0,
        group: group.clone(),
        cells: row_cells,
        inherited: Vec::new(),
        lines: span,
    });
}

// ---------------------------------------------------------------------------------------------
// For the caller.
// ---------------------------------------------------------------------------------------------

/// The agency names of a lead or support cell, each as (canonical name, surface text with its
/// map), in order: the names `src/extract/agency.rs` finds outside remarks in parentheses
/// ("Bộ Tư pháp (đối với …)" → "Bộ Tư pháp"; "Các bộ, cơ quan ngang bộ" is one name; "UBND
/// tỉnh" → "Ủy ban nhân dân tỉnh"), then, for the items of the list it finds nothing in, the
/// item as written.
pub(crate) fn agency_names(cell: &Clean) -> Vec<(String, Clean)> {
    let s = &cell.text;
    // Depth of parentheses before each byte: names inside a remark are not the cell's.
    let mut outside = vec![true; s.len() + 1];
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        if c == '(' {
            depth += 1;
        }
        outside[i] = depth == 0;
        if c == ')' {
            depth = depth.saturating_sub(1);
        }
    }
    let mut out: Vec<(usize, String, Clean)> = find_agencies(s)
        .into_iter()
        .filter(|m| m.span.end <= s.len() && outside[m.span.start])
        .map(|m| (m.span.start, m.name, cell.slice(m.span.start..m.span.end)))
        .collect();
    let found: Vec<(usize, usize)> = out
        .iter()
        .map(|(a, _, c)| (*a, *a + c.text.len()))
        .collect();
    for (a, e) in agency_items(s) {
        // The item without its remark.
        let e = s[a..e].find('(').map_or(e, |p| a + p);
        let overlaps = found.iter().any(|&(fa, fe)| fa < e && a < fe);
        let surface = cell.slice(a..e);
        if !overlaps && !surface.text.is_empty() {
            out.push((a, surface.text.clone(), surface));
        }
    }
    out.sort_by_key(|(a, _, _)| *a);
    out.into_iter().map(|(_, name, c)| (name, c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split;
    use crate::reflow::lift_footnotes;
    use crate::source::Source;

    /// Lines of `doc` as the document builder sees them, and the normalised text.
    fn prepare(doc: &str) -> (Vec<Line>, String) {
        let src = Source::new(doc);
        let mut lines = split(&src);
        lift_footnotes(&mut lines, &src.text);
        (lines, src.text.into_owned())
    }

    fn tables(doc: &str) -> Vec<Table> {
        let (lines, text) = prepare(doc);
        let n = lines.len();
        parse_tables(&lines, &Repeats::new(&lines), &text, 0..n)
    }

    fn cell(row: &TableRow, role: Role) -> String {
        cell_in(&row.cells, role)
            .map(|c| c.text.clone())
            .unwrap_or_default()
    }

    const HEADER: &str = "TT\nTên nhiệm vụ\nCơ quan\nchủ trì\nCơ quan\nphối hợp\nKết quả\nThời gian\nhoàn thành\nCăn cứ\nbổ sung\n";

    #[test]
    fn header_split_over_lines_is_found() {
        let doc = format!("DANH MỤC\n{HEADER}1\nRà soát văn bản\nBộ Tư pháp\n");
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "should find one table");
        assert_eq!(
            t[0].columns,
            [
                Role::Number,
                Role::Task,
                Role::Lead,
                Role::Support,
                Role::Product,
                Role::Deadline,
                Role::Basis
            ],
            "should read the columns in header order"
        );
        assert_eq!(t[0].header_lines, 1..12);
    }

    #[test]
    fn header_in_any_order_and_subset() {
        let doc = "STT\nNội dung công việc\nThời hạn\nĐơn vị chủ trì\n1\nTổ chức hội nghị\nQuý IV/2026\nSở Nội vụ\n";
        let t = tables(doc);
        assert_eq!(
            t[0].columns,
            [Role::Number, Role::Task, Role::Deadline, Role::Lead]
        );
        let r = &t[0].rows[0];
        assert_eq!(cell(r, Role::Task), "Tổ chức hội nghị");
        assert_eq!(cell(r, Role::Deadline), "Quý IV/2026");
        assert_eq!(cell(r, Role::Lead), "Sở Nội vụ");
    }

    #[test]
    fn no_header_no_table() {
        let doc = "1. Tên nhiệm vụ: Rà soát\n2. Cơ quan chủ trì: Bộ Tư pháp\nThời gian: 2026\n";
        assert!(
            tables(doc).is_empty(),
            "should not support a field list as a table header"
        );
    }

    #[test]
    fn flattened_rows_are_placed_by_content() {
        let doc = format!(
            "{HEADER}1  \nThực hiện nghiêm quy định các bộ, cơ\nquan ngang bộ có cấu trúc một lãnh\nđạo có chuyên môn\nCác bộ,          \ncơ quan ngang bộ\nBộ Nội vụ\nBáo cáo \nhằng năm\n2026 và \nhằng năm\nNghị quyết\nsố 66-\nNQ/TW\n2\nThực hiện nghiêm chủ trương dứt khoát\nCác bộ,          \ncơ quan ngang bộ  Bộ Tư pháp\nCác văn bản quy\nphạm pháp luật\nđược ban hành\nThường\nxuyên\nNghị quyết\nsố 66-\nNQ/TW\n3  Đề án về chỉ số đánh giá, chấm điểm KPI\nvề công tác xây dựng pháp luật\nBộ Tư pháp\nCác bộ,\ncơ quan\nngang bộ\nĐề án trình\nThủ tướng\nChính phủ\nTháng\n3/2026\nNghị quyết\nsố 23/NQ-\nCP ngày\n07/02/2026\n"
        );
        let t = tables(&doc);
        let rows = &t[0].rows;
        assert_eq!(rows.len(), 3, "should find three rows");
        let r1 = &rows[0];
        assert_eq!(r1.number, "1");
        assert!(cell(r1, Role::Task).ends_with("một lãnh đạo có chuyên môn"));
        assert_eq!(cell(r1, Role::Lead), "Các bộ, cơ quan ngang bộ");
        assert_eq!(cell(r1, Role::Support), "Bộ Nội vụ");
        assert_eq!(cell(r1, Role::Product), "Báo cáo hằng năm");
        assert_eq!(cell(r1, Role::Deadline), "2026 và hằng năm");
        assert_eq!(
            cell(r1, Role::Basis),
            "Nghị quyết số 66-NQ/TW",
            "should glue a number cut after its dash"
        );
        let r2 = &rows[1];
        assert_eq!(
            cell(r2, Role::Lead),
            "Các bộ, cơ quan ngang bộ",
            "should split two cells sharing a line at the wide gap"
        );
        assert_eq!(cell(r2, Role::Support), "Bộ Tư pháp");
        assert_eq!(cell(r2, Role::Deadline), "Thường xuyên");
        let r7 = &rows[2];
        assert_eq!(
            r7.number, "3",
            "should read a number sharing its line with the task"
        );
        assert_eq!(
            cell(r7, Role::Task),
            "Đề án về chỉ số đánh giá, chấm điểm KPI về công tác xây dựng pháp luật"
        );
        assert_eq!(cell(r7, Role::Product), "Đề án trình Thủ tướng Chính phủ");
        assert_eq!(cell(r7, Role::Deadline), "Tháng 3/2026");
        assert_eq!(
            cell(r7, Role::Basis),
            "Nghị quyết số 23/NQ-CP ngày 07/02/2026"
        );
        assert!(rows.iter().all(|r| r.unsure.is_none()), "{rows:#?}");
        assert!(t[0].issues.is_empty(), "{:?}", t[0].issues);
    }

    #[test]
    fn flattened_row_goes_on_after_a_page_break() {
        let doc = format!(
            "{HEADER}23\nXây dựng, vận hành chuyên mục “Tiêu\nđiểm chính sách” trên Đài Truyền hình\nBộ Tư pháp\nĐài Truyền\nhình Việt\nNam, Đài\nTiếng nói\nCác số chuyên\nmục được phát\nsóng\nThường\nxuyên\nNghị quyết\nsố 66-\nNQ/TW,\n \nCÔNG BÁO/Số 238/Ngày 21-04-2026\n106\n \n{HEADER}Việt Nam\nvà các bộ,\nngành,\nUBND tỉnh,\nthành phố\nNghị quyết số\n140/NQ-CP\n24  Nghiên cứu giải pháp tạo đột phá trong\ncông tác tổ chức thi hành pháp luật\nBộ Tư pháp\nCác bộ,\nngành\nBáo cáo chuyên\nđề\nTháng\n8/2026\nChương\ntrình số 12-\nCTr/BCĐ\n"
        );
        let t = tables(&doc);

        let rows = &t[0].rows;
        assert_eq!(
            rows.len(),
            2,
            "should not read the repeated header as rows: {rows:#?}"
        );
        let r = &rows[0];
        assert_eq!(
            cell(r, Role::Support),
            "Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam và các bộ, ngành, UBND tỉnh, thành phố",
            "should continue the cell after the page break"
        );
        assert_eq!(
            cell(r, Role::Basis),
            "Nghị quyết số 66-NQ/TW, Nghị quyết số 140/NQ-CP"
        );
        assert!(
            rows.iter()
                .flat_map(|r| &r.cells)
                .all(|(_, c)| !c.text.contains("Căn cứ") && !c.text.contains("CÔNG BÁO"))
        );
        assert_eq!(rows[1].number, "24");
        assert_eq!(cell(&rows[1], Role::Deadline), "Tháng 8/2026");
    }

    #[test]
    fn flattened_subrows_become_rows_with_the_same_number() {
        let doc = format!(
            "{HEADER}17\nTiếp tục thể chế hóa đầy đủ, kịp thời các\nchủ trương phát triển giáo dục\nBộ Giáo dục và\nĐào tạo\nCác bộ,\ncơ quan\nngang bộ\nBáo cáo chuyên\nđề về cơ chế\nTháng\n5/2026\nChương\ntrình số 12-\nCTr/BCĐ\nBộ Giáo dục và\nĐào tạo\nCác bộ,\ncơ quan\nngang bộ\nBáo cáo kết quả\nthể chế hóa\nTháng\n11/2026\nChương\ntrình số 12-\nCTr/BCĐ\n18  Xây dựng, triển khai bộ chỉ số pháp luật\nkinh doanh cấp tỉnh\nBộ Tư pháp\nCác bộ,\nngành\nBộ chỉ số được\nxây dựng\n2026\nNghị quyết\nsố 66-\nNQ/TW\nBộ chỉ số được\ntổ chức thi hành\n2027 - 2030\nNghị quyết\nsố 66-\nNQ/TW\n"
        );
        let t = tables(&doc);
        let rows = &t[0].rows;

        let shape: Vec<(&str, usize)> =
            rows.iter().map(|r| (r.number.as_str(), r.subrow)).collect();
        assert_eq!(
            shape,
            [("17", 0), ("17", 1), ("18", 0), ("18", 1)],
            "{rows:#?}"
        );
        assert_eq!(cell(&rows[1], Role::Deadline), "Tháng 11/2026");
        assert_eq!(cell(&rows[1], Role::Product), "Báo cáo kết quả thể chế hóa");
        assert_eq!(
            cell(&rows[1], Role::Task),
            cell(&rows[0], Role::Task),
            "should give a sub-row the merged task cell"
        );
        assert_eq!(cell(&rows[3], Role::Deadline), "2027 - 2030");
        assert_eq!(cell(&rows[3], Role::Lead), "Bộ Tư pháp");
        assert!(rows[3].inherited.contains(&Role::Lead));
        assert_eq!(cell(&rows[2], Role::Product), "Bộ chỉ số được xây dựng");
    }

    #[test]
    fn flattened_groups_scope_their_rows() {
        let doc = "STT\nNội dung\nCơ quan chủ trì\nThời hạn\nI\nCẢI CÁCH THỂ CHẾ\n1\nRà soát quy định\nSở Tư pháp\nQuý IV/2026\nII. CẢI CÁCH THỦ TỤC HÀNH CHÍNH\n1\nCông bố thủ tục\nVăn phòng UBND tỉnh\nThường xuyên\n";
        let t = tables(doc);
        let rows = &t[0].rows;
        assert_eq!(rows.len(), 2, "{rows:#?}");
        let g0 = rows[0].group.as_ref().expect("a group");
        assert_eq!(g0.marker.as_deref(), Some("I"));
        assert_eq!(
            g0.title.as_ref().map(|c| c.text.as_str()),
            Some("CẢI CÁCH THỂ CHẾ")
        );
        assert_eq!(rows[1].group.as_ref().map(Group::id).as_deref(), Some("II"));
        assert_eq!(cell(&rows[1], Role::Lead), "Văn phòng UBND tỉnh");
        assert!(t[0].issues.is_empty(), "numbering restarts under a group");
    }

    #[test]
    fn flattened_table_ends_before_what_follows() {
        let doc = format!(
            "{HEADER}1\nRà soát văn bản\nBộ Tư pháp\nCác bộ\nBáo cáo\nQuý IV/2026\nNghị quyết số 66-NQ/TW\nPhụ lục II\nDANH MỤC KHÁC\n"
        );
        let t = tables(&doc);
        assert_eq!(
            t[0].lines,
            0..18,
            "should stop the table at the next Phụ lục"
        );
        assert_eq!(cell(&t[0].rows[0], Role::Basis), "Nghị quyết số 66-NQ/TW");
    }

    #[test]
    fn column_names_without_rows_are_no_table() {
        let doc = "Nội dung\nTiến độ\nKinh phí\nCác sở triển khai theo kế hoạch.\n";
        assert!(
            tables(doc).is_empty(),
            "should not support a heading of column names without rows as a table"
        );
    }

    #[test]
    fn flattened_row_without_lead_is_unsure() {
        let doc = format!("{HEADER}1\nRà soát các quy định\nBáo cáo\nQuý IV/2026\n");
        let t = tables(&doc);
        let r = &t[0].rows[0];
        assert_eq!(cell(r, Role::Deadline), "Quý IV/2026");
        assert!(
            r.unsure.as_deref().is_some_and(|u| u.contains("lead")),
            "should report an empty lead cell: {r:#?}"
        );
    }

    #[test]
    fn pipe_rows_with_broken_cells_and_groups() {
        let doc = "| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n|---|---|---|---|---|\n| I | **CẢI CÁCH THỂ CHẾ** | | | |\n| 1 | Rà soát văn bản quy phạm\npháp luật của tỉnh | Sở Tư pháp | Các sở, ngành | Quý IV/2025 |\n| | | Sở Nội vụ | | 2026 |\n| 2 | Công bố thủ tục hành chính | Văn phòng UBND tỉnh | Các sở | Thường xuyên |\n\nGhi chú: văn bản";
        let t = tables(doc);
        assert_eq!(t.len(), 1);
        let rows = &t[0].rows;
        assert_eq!(rows.len(), 3, "{rows:#?}");
        assert_eq!(
            cell(&rows[0], Role::Task),
            "Rà soát văn bản quy phạm pháp luật của tỉnh",
            "should join a cell broken over lines"
        );
        assert_eq!(cell(&rows[0], Role::Support), "Các sở, ngành");
        assert_eq!(rows[0].group.as_ref().map(Group::id).as_deref(), Some("I"));
        assert_eq!((rows[1].number.as_str(), rows[1].subrow), ("1", 1));
        assert_eq!(cell(&rows[1], Role::Lead), "Sở Nội vụ");
        assert_eq!(cell(&rows[1], Role::Deadline), "2026");
        assert_eq!(cell(&rows[1], Role::Task), cell(&rows[0], Role::Task));
        assert_eq!(cell(&rows[2], Role::Deadline), "Thường xuyên");
        assert_eq!(
            t[0].lines,
            0..7,
            "should end the table at the text after it"
        );
    }

    #[test]
    fn pipe_table_of_targets_keeps_its_planned_columns() {
        let doc = "| STT | Chỉ tiêu | ĐVT | Ước thực hiện năm 2025 | Kế hoạch năm 2026 | Chỉ tiêu | Đơn vị thực hiện |\n|---|---|---|---|---|---|---|\n| I | Chỉ tiêu xã hội | | | | | |\n| 1 | Tỷ lệ hộ nghèo | % | 3,5 | Giảm 0,8 | 2 | Sở Nội vụ |\n| | - Trong đó: hộ dân tộc thiểu số | % | 9 | Giảm 2 | | |\n";
        let t = tables(doc);
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].columns,
            [
                Role::Number,
                Role::Metric,
                Role::Unit,
                Role::Other,
                Role::Value(Some(2026)),
                Role::Value(None),
                Role::Lead
            ],
            "a column of the past is no value column; a second \"Chỉ tiêu\" holds figures"
        );
        let rows = &t[0].rows;
        assert_eq!(rows.len(), 2, "{rows:#?}");
        assert_eq!(cell(&rows[0], Role::Metric), "Tỷ lệ hộ nghèo");
        assert_eq!(rows[0].group.as_ref().map(Group::id).as_deref(), Some("I"));
        // A row without number but with its own metric is a row, not a part of the one above.
        assert_eq!(rows[1].subrow, 0);
        assert_eq!(cell(&rows[1], Role::Value(Some(2026))), "Giảm 2");
        // A metric column alone, or figures without a metric, make no table.
        assert!(
            tables("| TT | Chỉ tiêu | Ghi chú |\n|---|---|---|\n| 1 | Tỷ lệ | x |\n").is_empty()
        );
        assert!(
            tables("| TT | Nội dung | Năm 2026 |\n|---|---|---|\n| 1 | Tỷ lệ | 5 |\n").is_empty()
        );
    }

    #[test]
    fn agency_names_split_lists() {
        let (lines, _) = prepare(
            "Bộ Văn hóa, Thể thao và Du lịch, Bộ Tài chính (theo chức năng) và các bộ, ngành, UBND tỉnh",
        );
        let names: Vec<(String, String)> = agency_names(&lines[0].clean)
            .into_iter()
            .map(|(n, c)| (n, c.text))
            .collect();
        let pair = |n: &str, c: &str| (n.to_owned(), c.to_owned());
        assert_eq!(
            names,
            [
                pair(
                    "Bộ Văn hóa, Thể thao và Du lịch",
                    "Bộ Văn hóa, Thể thao và Du lịch"
                ),
                pair("Bộ Tài chính", "Bộ Tài chính"),
                pair("Các bộ, ngành", "các bộ, ngành"),
                pair("Ủy ban nhân dân tỉnh", "UBND tỉnh"),
            ],
            "should give each name once, its remark left out, abbreviations expanded"
        );
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let mut doc = String::from(HEADER);
        for i in 0..600 {
            doc.push_str(&format!(
                "{}\n",
                ["|", "  ", "1", "Bộ", "(", "a  b", "I", "Tháng", "-"][i % 9]
            ));
        }
        doc.push_str("| TT | Tên nhiệm vụ | Cơ quan chủ trì |\n| 1 | x\n| | |\n|");
        let _ = tables(&doc);
        let long = format!(
            "{HEADER}1\n{}",
            "Rà soát văn bản\n".repeat(SEGMENT_FRAGMENTS_MAX + 5)
        );
        let t = tables(&long);
        assert!(t[0].issues.iter().any(|i| i.code == "table-row-too-long"));
        assert!(t[0].rows[0].unsure.is_some());
    }

    /// Another Gazette layout: other column names in another order (deadline before product),
    /// group rows, numbering that runs on across groups, a page break inside a task cell.
    #[test]
    fn flattened_other_columns_and_groups() {
        let header = "STT\nNội dung nhiệm vụ\nCơ quan chủ trì\nCơ quan phối\nhợp\nThời hạn hoàn\nthành\nSản phẩm\n";
        let doc = format!(
            "{header}I\nCẢI CÁCH THỂ CHẾ\n1\nRà soát, sửa đổi các quy định về thủ tục\nhành chính trong lĩnh vực đất đai\nSở Nông nghiệp\nvà Môi trường\nSở Tư pháp\nQuý II/2026\nBáo cáo kết quả\nrà soát\n2\nXây dựng quy chế phối hợp giữa các cơ\nquan trong giải quyết thủ tục hành chính\nVăn phòng\nUBND tỉnh\nCác sở, ban,\nngành\n \nCÔNG BÁO/Số 12/Ngày 05-01-2026\n7\n{header}liên thông theo cơ chế một cửa\nQuý III/2026\nQuyết định ban\nhành quy chế\nII\nCẢI CÁCH TỔ CHỨC BỘ MÁY\n3\nSắp xếp các đơn vị sự nghiệp công lập\nSở Nội vụ\nCác sở, ngành;\nUBND cấp xã\nNăm 2026\nĐề án được phê\nduyệt\n"
        );
        let t = tables(&doc);
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0].columns,
            [
                Role::Number,
                Role::Task,
                Role::Lead,
                Role::Support,
                Role::Deadline,
                Role::Product
            ]
        );
        let rows = &t[0].rows;
        let numbers: Vec<&str> = rows.iter().map(|r| r.number.as_str()).collect();
        assert_eq!(numbers, ["1", "2", "3"], "{rows:#?}");
        assert_eq!(cell(&rows[0], Role::Lead), "Sở Nông nghiệp và Môi trường");
        assert_eq!(cell(&rows[0], Role::Support), "Sở Tư pháp");
        assert_eq!(cell(&rows[0], Role::Deadline), "Quý II/2026");
        assert_eq!(cell(&rows[0], Role::Product), "Báo cáo kết quả rà soát");
        assert_eq!(
            cell(&rows[1], Role::Task),
            "Xây dựng quy chế phối hợp giữa các cơ quan trong giải quyết thủ tục hành chính liên thông theo cơ chế một cửa",
            "should go on with the task cell after the page break"
        );
        assert_eq!(cell(&rows[1], Role::Lead), "Văn phòng UBND tỉnh");
        assert_eq!(cell(&rows[1], Role::Support), "Các sở, ban, ngành");
        assert_eq!(cell(&rows[1], Role::Deadline), "Quý III/2026");
        assert_eq!(cell(&rows[2], Role::Support), "Các sở, ngành; UBND cấp xã");
        assert_eq!(cell(&rows[2], Role::Product), "Đề án được phê duyệt");
        let groups: Vec<String> = rows
            .iter()
            .map(|r| r.group.as_ref().map(Group::id).unwrap_or_default())
            .collect();
        assert_eq!(groups, ["I", "I", "II"]);
        assert_eq!(
            rows[2]
                .group
                .as_ref()
                .and_then(|g| g.title.as_ref())
                .map(|c| c.text.as_str()),
            Some("CẢI CÁCH TỔ CHỨC BỘ MÁY")
        );
        assert!(rows.iter().all(|r| r.unsure.is_none()), "{rows:#?}");
    }

    #[test]
    fn repeated_cell_line_beside_row_numbers_is_not_furniture() {
        // "CTr/BCĐ" ends three rows and stands beside the next row number each time: the line
        // classifier takes it for a running header, the table must not.
        let mut doc = String::from(HEADER);
        for n in 1..=4 {
            doc.push_str(&format!(
                "{n}\nRà soát quy định số {n}\nBộ Tư pháp\nCác bộ,\nngành\nBáo cáo\nTháng {n}/2026\nChương\ntrình số 12-\nCTr/BCĐ\n"
            ));
        }
        let t = tables(&doc);
        let numbers: Vec<&str> = t[0].rows.iter().map(|r| r.number.as_str()).collect();
        assert_eq!(numbers, ["1", "2", "3", "4"]);
        assert!(
            t[0].rows
                .iter()
                .all(|r| cell(r, Role::Basis) == "Chương trình số 12-CTr/BCĐ")
        );
    }

    proptest::proptest! {
        /// Remarks and extra white space go; a text without either is borrowed as it is.
        #[test]
        fn strip_parens_keeps_single_spaced_text(s in "[ a(\t)Bộ\u{a0}]{0,12}") {
            let kept = !s.starts_with(' ')
                && !s.ends_with(' ')
                && !s.contains("  ")
                && !s.contains(|c: char| c.is_whitespace() && c != ' ')
                && !s.contains(['(', ')']);
            let out = strip_parens(&s);
            proptest::prop_assert_eq!(matches!(out, Cow::Borrowed(_)), kept);
            let mut depth = 0usize;
            let outside: String = s
                .chars()
                .filter(|&c| {
                    let keep = depth == 0 && c != '(' && !(c == ')' && depth > 0);
                    match c {
                        '(' => depth += 1,
                        ')' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    keep
                })
                .collect();
            let spaced = outside.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(out.as_ref(), spaced.as_str());
        }

        /// A grown key is the key of the grown text, and a window's key the key of the window.
        #[test]
        fn grown_keys_are_keys_of_the_text(
            pieces in proptest::collection::vec("(hoà|Uỷ|quý|oẻ|ĐOÀN|-|/|NQ|66|a|o| )+", 1..8)
        ) {
            let (mut grown, mut texts) = (Grower::default(), Texts::default());
            for p in &pieces {
                let mut clean = Clean::with_capacity(p.len());
                clean.push(p, 0..p.len());
                grown.push(&frag(clean, 0, false), Need(0), &mut texts);
                proptest::prop_assert_eq!(&grown.key, &fold_key(&grown.s));
            }
            let (s, key) = (&grown.s, &grown.key);
            for from in (0..s.len()).filter(|&i| s.is_char_boundary(i)) {
                let split = from + first_non_letter(&s[from..]);
                let window = fold_key(&s[from..split]) + &key[split..];
                proptest::prop_assert_eq!(window, fold_key(&s[from..]));
            }
        }
    }

    /// The letters, numbers and digits written out for Latin text are those of Unicode.
    #[test]
    fn latin_classes_are_the_unicode_classes_on_latin_text() {
        let whole = |p: &str| Regex::new(&format!("^(?:{p})$")).unwrap();
        for (unicode, latin) in [
            (r"\p{L}", LATIN_LETTERS),
            (r"\p{N}", LATIN_NUMBERS),
            (r"\d", "[0-9]"),
        ] {
            let (unicode, latin) = (whole(unicode), whole(latin));
            for c in (0..=0x10ffff)
                .filter_map(char::from_u32)
                .filter(|&c| is_latin(c))
            {
                let t = c.to_string();
                assert_eq!(unicode.is_match(&t), latin.is_match(&t), "{c:?}");
            }
        }
        assert_eq!(
            latin_classes(r"[^\p{L}\p{N}]\d\\d\p{Greek}\.", true),
            format!(r"[^{LATIN_LETTERS}{LATIN_NUMBERS}][0-9]\\d\p{{Greek}}\.")
        );
    }

    proptest::proptest! {
        /// Both builds of every pattern read Latin text alike; other text takes the Unicode one.
        #[test]
        fn pattern_builds_agree_on_latin_text(
            t in "(nghị quyết|ngày|số|tháng|quý|năm|kinh phí|được ban hành|báo cáo|của|ª|²|٣|α|Ⅳ|[0-9]| |/|-|\\.|,)*"
        ) {
            let shape = Shape::of(&t);
            proptest::prop_assert_eq!(shape.latin, t.chars().all(is_latin));
            let pairs: [(&Regex, &Regex); 9] = [
                (&TIME.latin.0, &TIME.any.0),
                (&TIME.latin.1, &TIME.any.1),
                (&CITE_ITEM.latin.0, &CITE_ITEM.any.0),
                (&CITE_ITEM.latin.1, &CITE_ITEM.any.1),
                (&CITE_KIND.latin, &CITE_KIND.any),
                (&DATE_ITEM.latin, &DATE_ITEM.any),
                (&PRODUCT_START.latin, &PRODUCT_START.any),
                (&PRODUCT_CUE.latin, &PRODUCT_CUE.any),
                (&COST_WORD.latin, &COST_WORD.any),
            ];
            for (latin, any) in pairs {
                if shape.latin {
                    proptest::prop_assert_eq!(latin.is_match(&t), any.is_match(&t), "{}", any.as_str());
                }
            }
        }
    }

    /// The white space beyond ASCII told by its bytes is all of it.
    #[test]
    fn wide_spaces_are_the_unicode_white_space() {
        for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(wide_space_at(b, 0), c.is_whitespace(), "{c:?}");
        }
    }

    /// Generated inputs from table-ish tokens: never a panic, every cell maps into the text.
    #[test]
    fn generated_inputs_never_panic() {
        const TOKENS: [&str; 24] = [
            "TT",
            "Tên nhiệm vụ",
            "Cơ quan",
            "chủ trì",
            "phối hợp",
            "Thời gian",
            "hoàn thành",
            "1",
            "2",
            "3  Rà soát",
            "Bộ Tư pháp",
            "Các bộ,",
            "cơ quan ngang bộ  Bộ Nội vụ",
            "Tháng",
            "3/2026",
            "Nghị quyết",
            "số 66-",
            "NQ/TW1",
            "CÔNG BÁO/Số 1/Ngày 1-1-2026",
            "| 1 | a | b |",
            "|---|",
            "(đối",
            "I",
            "   ",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            let mut doc = String::new();
            let n = (seed % 60) as usize + 1;
            for _ in 0..n {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                doc.push_str(TOKENS[(seed >> 33) as usize % TOKENS.len()]);
                doc.push(if seed.is_multiple_of(7) { ' ' } else { '\n' });
            }
            let (lines, text) = prepare(&doc);
            for t in parse_tables(&lines, &Repeats::new(&lines), &text, 0..lines.len()) {
                for r in &t.rows {
                    for (_, c) in &r.cells {
                        let span = c.full_norm_range();
                        assert!(text.get(span.clone()).is_some(), "{doc:?}: {span:?}");
                    }
                }
            }
        }
    }

    /// Greedy word wrap at `width` characters, as a PDF table cell is set.
    fn wrap(text: &str, width: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut cur = String::new();
        for w in text.split_whitespace() {
            if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > width {
                out.push(std::mem::take(&mut cur));
            }
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(w);
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    }

    /// A generated Gazette plan of `rows` rows with other columns than 107, flattened the way
    /// PDF text is: cells wrapped to their column widths; a page of `page_lines` lines that cuts
    /// a row cuts all its columns at once, then running header, page number and repeated column
    /// names, then the rest of every cell; now and then two cells share a line, or the row
    /// number shares its line with the task. Returns the text and the rows' cells.
    pub(super) fn generated_plan(
        mut seed: u64,
        rows: usize,
        page_lines: usize,
    ) -> (String, Vec<[&'static str; 5]>) {
        const TASKS: [&str; 8] = [
            "Rà soát, đánh giá thủ tục hành chính thuộc phạm vi quản lý và đề xuất phương án cắt giảm",
            "Xây dựng cơ sở dữ liệu về cán bộ, công chức, viên chức của tỉnh",
            "Tổ chức tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ cấp xã",
            "Triển khai dịch vụ công trực tuyến toàn trình",
            "Kiện toàn tổ chức bộ máy các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh",
            "Đánh giá chỉ số cải cách hành chính năm 2026 của các sở, ngành",
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
            "Thực hiện cơ chế một cửa, một cửa liên thông",
        ];
        const LEADS: [&str; 7] = [
            "Sở Nội vụ",
            "Sở Tư pháp",
            "Văn phòng UBND tỉnh",
            "Sở Khoa học và Công nghệ",
            "Sở Tài chính",
            "UBND các xã, phường",
            "Công an tỉnh",
        ];
        const SUPPORTS: [&str; 4] = [
            "Các sở, ban, ngành",
            "UBND cấp xã",
            "Sở Nội vụ, Sở Tài chính",
            "Các cơ quan, đơn vị liên quan",
        ];
        const PRODUCTS: [&str; 6] = [
            "Báo cáo kết quả rà soát",
            "Quyết định phê duyệt",
            "Kế hoạch được ban hành",
            "Cơ sở dữ liệu được vận hành",
            "Hội nghị tập huấn được tổ chức",
            "Văn bản hướng dẫn",
        ];
        const DEADLINES: [&str; 7] = [
            "Quý I/2026",
            "Tháng 6/2026",
            "Năm 2026",
            "Thường xuyên",
            "Hằng năm",
            "2026 - 2030",
            "Quý IV/2026",
        ];
        let header = "STT\nNội dung công việc\nĐơn vị chủ trì\nĐơn vị phối hợp\nSản phẩm\nThời gian thực hiện\n";
        let widths = [38, 16, 14, 16, 10];
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        let mut expected: Vec<[&str; 5]> = Vec::new();
        let mut doc = String::from(header);
        let mut page = 40;
        let mut left = page_lines;
        for n in 1..=rows {
            let row = [
                TASKS[next(TASKS.len())],
                LEADS[next(LEADS.len())],
                SUPPORTS[next(SUPPORTS.len())],
                PRODUCTS[next(PRODUCTS.len())],
                DEADLINES[next(DEADLINES.len())],
            ];
            expected.push(row);
            let mut cells: Vec<Vec<String>> =
                row.iter().zip(widths).map(|(t, w)| wrap(t, w)).collect();
            let number_inline = next(4) == 0;
            let share_line = next(3) == 0;
            let mut first_page = true;
            while cells.iter().any(|c| !c.is_empty()) {
                if left == 0 {
                    page += 1;
                    left = page_lines;
                    doc.push_str(&format!(
                        " \nCÔNG BÁO/Số 5/Ngày 10-01-2026\n{page}\n{header}"
                    ));
                }
                let take = left.min(cells.iter().map(Vec::len).max().unwrap_or(0));
                let mut parts: Vec<Vec<String>> = cells
                    .iter_mut()
                    .map(|c| c.drain(..take.min(c.len())).collect())
                    .collect();
                if first_page {
                    if number_inline && !parts[0].is_empty() {
                        // "7  Đề án về chỉ số …": the number shares the task's first line.
                        parts[0][0] = format!("{n}  {}", parts[0][0]);
                    } else {
                        doc.push_str(&format!("{n}\n"));
                    }
                }
                if share_line && !parts[1].is_empty() && !parts[2].is_empty() {
                    // "cơ quan ngang bộ  Bộ Tư pháp": the lead's last line and the support's first.
                    let first = parts[2].remove(0);
                    let last = parts[1].pop().unwrap_or_default();
                    parts[1].push(format!("{last}  {first}"));
                }
                for l in parts.into_iter().flatten() {
                    doc.push_str(&l);
                    doc.push('\n');
                }
                left -= take;
                first_page = false;
            }
        }
        (doc, expected)
    }

    /// The cells of `doc`'s table that differ from `expected`, one line each.
    pub(super) fn misplaced(doc: &str, expected: &[[&str; 5]]) -> Vec<String> {
        let t = tables(doc);
        let rows: Vec<&TableRow> = t.iter().flat_map(|t| &t.rows).collect();
        let numbers: Vec<String> = rows.iter().map(|r| r.number.clone()).collect();
        let want: Vec<String> = (1..=expected.len()).map(|n| n.to_string()).collect();
        if numbers != want {
            return vec![format!("rows {numbers:?}")];
        }
        let roles = [
            Role::Task,
            Role::Lead,
            Role::Support,
            Role::Product,
            Role::Deadline,
        ];
        let mut wrong = Vec::new();
        for (r, e) in rows.iter().zip(expected) {
            for (role, want) in roles.iter().zip(e) {
                if cell(r, *role) != *want {
                    wrong.push(format!(
                        "row {} {role:?}: {:?} != {want:?}",
                        r.number,
                        cell(r, *role)
                    ));
                }
            }
        }
        wrong
    }

    #[test]
    fn flattened_generated_plan_of_sixty_rows() {
        let (doc, expected) = generated_plan(7, 60, 24);
        let wrong = misplaced(&doc, &expected);
        assert!(
            wrong.is_empty(),
            "should place every cell:\n{}",
            wrong.join("\n")
        );
    }

    /// Corpus 107: the Phụ lục of Nghị quyết 97/NQ-CP, an Official Gazette table flattened one
    /// cell fragment per line.
    #[test]
    fn corpus_107_appendix_rows() {
        let doc = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/107_chinh-phu-nq-97-2026-bo-sung-nhiem-vu-nq66-phu-luc.txt"
        ));
        let (lines, text) = prepare(doc);
        let start = lines
            .iter()
            .position(|l| l.text() == "Phụ lục")
            .expect("the Phụ lục line");
        let t = parse_tables(&lines, &Repeats::new(&lines), &text, start..lines.len())
            .into_iter()
            .next()
            .expect("a table");
        let numbers: Vec<u32> = t
            .rows
            .iter()
            .filter(|r| r.subrow == 0)
            .map(|r| r.number.parse().unwrap())
            .collect();
        assert_eq!(
            numbers,
            (1..=29).collect::<Vec<_>>(),
            "should find rows 1 to 29"
        );
        let row = |n: &str| {
            t.rows
                .iter()
                .find(|r| r.number == n && r.subrow == 0)
                .unwrap()
        };
        let r11 = row("11");
        assert_eq!(cell(r11, Role::Lead), "Bộ Công an");
        assert!(cell(r11, Role::Task).contains("Kết luận số 182-KL/TW"));
        let r23 = row("23");
        assert_eq!(cell(r23, Role::Lead), "Bộ Tư pháp");
        assert!(cell(r23, Role::Support).contains("Đài Truyền hình Việt Nam"));
        assert!(cell(r23, Role::Task).contains("Tiêu điểm chính sách"));
        let r1 = row("1");
        assert!(cell(r1, Role::Lead).contains("cơ quan ngang bộ"));
        assert_eq!(cell(r1, Role::Support), "Bộ Nội vụ");
        assert!(cell(r1, Role::Task).contains("một lãnh đạo có chuyên môn pháp luật"));
        let r22 = row("22");
        assert_eq!(cell(r22, Role::Lead), "Bộ Nông nghiệp và Môi trường");
        assert!(cell(r22, Role::Task).contains("ô nhiễm không khí"));
        let names = |c: Option<&Clean>| -> Vec<String> {
            c.map(agency_names)
                .unwrap_or_default()
                .into_iter()
                .map(|(n, _)| n)
                .collect()
        };
        assert_eq!(
            names(cell_in(&r1.cells, Role::Lead)),
            ["Các bộ, cơ quan ngang bộ"]
        );
        assert!(
            names(cell_in(&r23.cells, Role::Support))
                .contains(&"Đài Truyền hình Việt Nam".to_owned())
        );
        assert_eq!(
            names(cell_in(&row("12").cells, Role::Lead)),
            ["Bộ Tư pháp", "Bộ Tài chính"],
            "should leave out the remarks in parentheses"
        );
        assert_eq!(cell(row("7"), Role::Deadline), "Tháng 3/2026");
        assert_eq!(cell(row("14"), Role::Deadline), "Tháng 3/2026");
        for r in &t.rows {
            for (role, c) in &r.cells {
                assert!(
                    !c.text.contains("Căn cứ bổ sung") && !c.text.contains("CÔNG BÁO"),
                    "row {} {role:?} should hold no header or furniture: {}",
                    r.number,
                    c.text
                );
            }
        }
    }

    /// Time per table size, to see that it grows linearly (run with `--ignored --nocapture`,
    /// in release).
    #[test]
    #[ignore]
    fn table_size_is_linear() {
        for rows in [60usize, 600, 3000] {
            let (doc, _) = generated_plan(3, rows, 24);
            let (lines, text) = prepare(&doc);
            let t0 = std::time::Instant::now();
            let t = parse_tables(&lines, &Repeats::new(&lines), &text, 0..lines.len());
            eprintln!(
                "{rows} rows, {} lines: {:?} ({} rows read)",
                lines.len(),
                t0.elapsed(),
                t[0].rows.len()
            );
        }
        let huge = format!("{HEADER}1\n{}", "Rà soát văn bản\n".repeat(100_000));
        let (lines, text) = prepare(&huge);
        let t0 = std::time::Instant::now();
        let _ = parse_tables(&lines, &Repeats::new(&lines), &text, 0..lines.len());
        eprintln!("one row of 100000 lines: {:?}", t0.elapsed());
        let wide = format!("{HEADER}1\n{}\n", "Rà soát văn bản ".repeat(50_000));
        let (lines, text) = prepare(&wide);
        let t0 = std::time::Instant::now();
        let _ = parse_tables(&lines, &Repeats::new(&lines), &text, 0..lines.len());
        eprintln!("one line of 800 kB: {:?}", t0.elapsed());
    }
}
