//! Stage 4b – the document around its sections: header, title, body, closing, recipients,
//! signature and attachments.
//!
//! The form of a Vietnamese administrative document is fixed by Nghị định 30/2020/NĐ-CP (state
//! bodies) and Hướng dẫn 36-HD/VPTW (Party bodies):
//!
//! ```text
//! document   = header kind-line title preamble sections closing tail attachment*
//!            | header subject ["Kính gửi:" addressees] preamble sections closing tail   ; công văn
//! header     = issuer quốc-hiệu "Số:" number place-date          ; any order, any may be lost
//! kind-line  = "NGHỊ QUYẾT" | "KẾ HOẠCH" | "CHỈ THỊ" | …           ; grammars/doc_kinds.tsv
//! title      = trích yếu, wrapped over lines
//! subject    = "V/v" trích yếu                                     ; a công văn has no kind line
//! tail       = "Nơi nhận:" ("- " item)* , signature               ; in either order
//! signature  = [authority] position [name]                         ; "T/M TỈNH ỦY" / "BÍ THƯ"
//! attachment = kind-line after the tail ("KẾ HOẠCH", "Phụ lục"), parsed as a document
//! ```
//!
//! A receipt stamp (`ĐẾN Ngày 20/10/2021`) is furniture, never the number or date. When the
//! title block is lost, the kind comes from the body ("… xây dựng Chương trình hành động …").

use crate::block::{LegalUnit, Style, scan_bullet, scan_marker};
use crate::diagnostic::Diagnostic;
use crate::extract;
use crate::lines::{self, Line, LineKind};
use crate::model::{Document, DocumentInfo, Kind, SCHEMA, Section, Signature};
use crate::reflow::{self, FootnoteBlock, Para, is_upper_text, no_lower_letters, opens_sentence};
use crate::source::{Source, fold_key, is_alnum, is_letter};
use crate::table;
use crate::text::Clean;
use crate::tree::{Node, TreeBuilder};
use once_cell::sync::Lazy;
use regex::Regex;
use std::ops::Range;

/// How far into a document (in lines) its kind line may stand.
const KIND_LINE_MAX: usize = 40;
/// A title line holds at most this many words after the kind word.
const KIND_LINE_WORDS_MAX: usize = 12;
/// A heading that is a whole marker paragraph has at most this many words.
const HEADING_WORDS_MAX: usize = 50;
/// A heading before a colon ("2. Hạn chế: Bên cạnh …") has at most this many words.
const COLON_HEADING_WORDS_MAX: usize = 10;
/// An article heading ("Điều 3. Hiệu lực thi hành.") has at most this many words.
const ARTICLE_HEADING_WORDS_MAX: usize = 12;

/// Parse a whole input: the main document and its attachments.
pub(crate) fn parse(original: &str) -> Document {
    let src = Source::new(original);
    let mut lines = lines::split(&src);
    let footnotes = reflow::lift_footnotes(&mut lines, &src.text);
    let parts = split_parts(&lines);
    let repeats = table::Repeats::new(&lines);
    let mut docs: Vec<Document> = parts
        .iter()
        .map(|r| {
            Builder {
                src: &src,
                lines: &lines,
                repeats: &repeats,
                footnotes: &footnotes,
            }
            .build(r.clone())
        })
        .collect();
    let mut main = docs.remove(0);
    main.document.attachments = docs;
    main.schema = Some(SCHEMA);
    if src.text.trim().is_empty() {
        main.diagnostics.push(Diagnostic::warning(
            "empty-input",
            "expected a document, found no text",
            None,
        ));
    }
    main
}

/// Kind titles from `grammars/doc_kinds.tsv`, as (kind, folded title).
static KINDS: Lazy<Vec<(Kind, String)>> = Lazy::new(|| {
    crate::lexicon::rows(crate::grammar!("doc_kinds.tsv"))
        .iter()
        .map(|r| (kind_of(r[0]), fold_key(r[1])))
        .collect()
});

/// The kind and folded kind title `t` opens with. Only the head of `t` long enough to hold any
/// title is folded: a tone move in the key looks two characters ahead of the character it
/// changes.
fn kind_opening(t: &str) -> Option<&'static (Kind, String)> {
    static CHARS: Lazy<usize> = Lazy::new(|| {
        KINDS
            .iter()
            .map(|(_, k)| k.chars().count())
            .max()
            .unwrap_or(0)
            + 2
    });
    // A line opening with an ASCII character no title starts with (folded) is turned down
    // before its head is folded.
    static FIRST: Lazy<Vec<u8>> =
        Lazy::new(|| KINDS.iter().filter_map(|(_, k)| k.bytes().next()).collect());
    let first = *t.as_bytes().first()?;
    if first.is_ascii() && !FIRST.contains(&first.to_ascii_lowercase()) {
        return None;
    }
    let key = fold_key(head(t, *CHARS));
    KINDS
        .iter()
        .find(|(_, title)| key.starts_with(title.as_str()))
}

fn kind_of(name: &str) -> Kind {
    match name {
        "nghi_quyet" => Kind::NghiQuyet,
        "ke_hoach" => Kind::KeHoach,
        "chuong_trinh_hanh_dong" => Kind::ChuongTrinhHanhDong,
        "chi_thi" => Kind::ChiThi,
        "quyet_dinh" => Kind::QuyetDinh,
        "bao_cao" => Kind::BaoCao,
        "thong_bao" => Kind::ThongBao,
        "cong_van" => Kind::CongVan,
        "phu_luc" => Kind::PhuLuc,
        "quy_che" => Kind::QuyChe,
        "quy_dinh" => Kind::QuyDinh,
        "de_an" => Kind::DeAn,
        "huong_dan" => Kind::HuongDan,
        other => panic!("grammars/doc_kinds.tsv: unknown kind {other:?}"),
    }
}

/// Signature words from `grammars/signature.tsv`: (authority prefixes, positions).
static SIGNATURE: Lazy<(Vec<&'static str>, Vec<&'static str>)> = Lazy::new(|| {
    let rows = crate::lexicon::rows(crate::grammar!("signature.tsv"));
    let pick = |k: &str| {
        rows.iter()
            .filter(|r| r[0] == k)
            .map(|r| r[1])
            .collect::<Vec<_>>()
    };
    (pick("authority"), pick("position"))
});

/// Preamble openings from `grammars/preamble.tsv`: (implements, proposal).
static PREAMBLE: Lazy<(Vec<String>, Vec<String>)> = Lazy::new(|| {
    let rows = crate::lexicon::rows(crate::grammar!("preamble.tsv"));
    let pick = |k: &str| {
        rows.iter()
            .filter(|r| r[0] == k)
            .map(|r| fold_key(r[1]))
            .collect::<Vec<_>>()
    };
    (pick("implements"), pick("proposal"))
});

/// Closing patterns from `grammars/closing.tsv`.
static CLOSING: Lazy<Vec<Regex>> = Lazy::new(|| {
    crate::lexicon::rows(crate::grammar!("closing.tsv"))
        .iter()
        .map(|r| Regex::new(r[0]).expect("grammars/closing.tsv: invalid pattern"))
        .collect()
});

static NUMBER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"^Số\s*:?\s*([0-9][0-9A-Za-zĐđ/.\-]*[/\-][0-9A-Za-zĐđ/.\-]*[A-Za-zĐđ][0-9A-Za-zĐđ/.\-]*)",
    )
    .unwrap()
});

/// "Hà Nội, ngày 12 tháng 3 năm 2024", the place read without its length bound: a bounded
/// repetition of a Unicode class compiles to tens of thousands of states (19 ms at every start),
/// so [`place_date`] applies the bound.
static PLACE_DATE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(\p{Lu}[\p{L}.' ]+?)\s*,\s*ngày\s+(\d{1,2})\s*(?:tháng|/|-)\s*(\d{1,2})\s*(?:năm|/|-)\s*(\d{4})").unwrap()
});

/// Characters of a place name before the date, its capital included.
const PLACE_CHARS_MAX: usize = 41;

/// The first place and date of `text`: (place, day, month, year). The place starts at the
/// earliest capital letter at most [`PLACE_CHARS_MAX`] characters before the comma (at least two
/// characters, a following space counted).
fn place_date(text: &str) -> Option<(&str, &str, &str, &str)> {
    let mut from = 0;
    while let Some(c) = PLACE_DATE.captures_at(text, from) {
        let (all, name) = (c.get(0)?, c.get(1)?);
        let g = name.as_str();
        let n = g.chars().count();
        let spaced = text[name.end()..].starts_with(' ');
        let start = g.char_indices().enumerate().find_map(|(k, (i, ch))| {
            let len = n - k;
            let fits = len <= PLACE_CHARS_MAX && (len >= 2 || spaced);
            (ch.is_uppercase() && fits).then_some(i)
        });
        if let Some(i) = start {
            let date = |k: usize| c.get(k).map_or("", |m| m.as_str());
            return Some((&g[i..], date(2), date(3), date(4)));
        }
        from = all.end();
    }
    None
}

/// The kind titles as one regex alternation, for the patterns that find a kind in the body.
static KIND_TITLES: Lazy<String> = Lazy::new(|| {
    let titles: Vec<String> = KINDS.iter().map(|(_, t)| regex::escape(t)).collect();
    titles.join("|")
});

/// The verbs that say a body issues a document ("… xây dựng Chương trình hành động …").
const ISSUING: &str = "(?:xây dựng|ban hành)";

static BODY_KIND: Lazy<Regex> =
    Lazy::new(|| Regex::new(&format!(r"\b{ISSUING}\s+({})\b", *KIND_TITLES)).unwrap());

/// What [`BODY_ISSUER`] needs, without its word boundary and capture: looked for first, since
/// these keep the regex engine from its fast automaton on Vietnamese text.
static BODY_ISSUER_CUE: Lazy<Regex> =
    Lazy::new(|| Regex::new(&format!(r"\s{ISSUING}\s+(?:{})", *KIND_TITLES)).unwrap());

static BODY_ISSUER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"(?:^|[,;]\s*)([^,;]{{3,60}}?)\s+{ISSUING}\s+(?:{})\b",
        *KIND_TITLES
    ))
    .unwrap()
});

/// The kind named by a title line, if `line` is one.
fn kind_title(line: &Line) -> Option<Kind> {
    if !line.is_content() {
        return None;
    }
    let t = line.text().trim_end();
    if t.ends_with(':') {
        return None;
    }
    let (kind, title) = kind_opening(t)?;
    let rest = &t[title.len()..];
    let boundary = rest.chars().next().is_none_or(|c| !is_alnum(c));
    let words = rest.split_whitespace().count();
    let caps = no_lower_letters(t);
    // "Phụ lục", "Phụ lục I" may be written in title case; other kinds stand in capitals.
    let appendix_case = *kind == Kind::PhuLuc && words <= 2;
    (boundary && words <= KIND_LINE_WORDS_MAX && (caps || appendix_case)).then_some(*kind)
}

/// Bytes taken by the "V/v" (về việc) that opens a công văn's subject line, and the space or
/// colon after it.
fn subject_prefix(t: &str) -> Option<usize> {
    let rest = t.strip_prefix("V/v").or_else(|| t.strip_prefix("V/V"))?;
    let body = rest.trim_start_matches([':', ' ', '.']);
    (body.len() < rest.len() && !body.is_empty()).then(|| t.len() - body.len())
}

/// Whether a content line opens with `label` (folded), as "Nơi nhận:" and "Kính gửi:" do.
fn opens_with_label(line: &Line, label: &str) -> bool {
    line.is_content() && fold_key(head(line.text(), 12)).starts_with(label)
}

/// "Kính gửi:": the addressees of a công văn, where its body starts.
fn is_addressee_line(line: &Line) -> bool {
    opens_with_label(line, "kính gửi")
}

fn is_recipients_line(line: &Line) -> bool {
    opens_with_label(line, "nơi nhận")
}

/// The first `n` characters of `t`.
fn head(t: &str, n: usize) -> &str {
    t.char_indices().nth(n).map_or(t, |(i, _)| &t[..i])
}

/// "T/M TỈNH ỦY", "KT. CHỦ TỊCH", "TM. CHÍNH PHỦ".
fn is_authority_line(line: &Line) -> bool {
    let t = line.text();
    line.is_content()
        && SIGNATURE.0.iter().any(|a| {
            // The first byte turns down nearly every line before the whole prefix is compared.
            t.as_bytes().first() == a.as_bytes().first()
                && t.strip_prefix(a).is_some_and(|r| {
                    r.starts_with(' ')
                        && r.trim_start()
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)
                })
        })
        && t.chars().count() <= 60
        && no_lower_letters(t)
}

fn is_position_line(line: &Line) -> bool {
    line.is_content()
        && SIGNATURE
            .1
            .iter()
            .any(|p| line.text().trim_end_matches(':') == *p)
}

/// Split the lines into the main document and its attachments: a kind line after the main
/// document's tail (Nơi nhận or signature) starts an attachment, as does a kind line followed by
/// "(Kèm theo …)".
fn split_parts(lines: &[Line]) -> Vec<Range<usize>> {
    let mut starts = vec![0];
    let mut seen_tail = false;
    let mut seen_body = false;
    for (i, l) in lines.iter().enumerate() {
        if !l.is_content() {
            continue;
        }
        if scan_marker(l.text()).is_some() {
            seen_body = true;
        }
        if is_recipients_line(l) || is_authority_line(l) {
            seen_tail = true;
            continue;
        }
        if seen_body && kind_title(l).is_some() && (seen_tail || attached_note_follows(lines, i)) {
            let floor = starts.last().copied().unwrap_or(0);
            starts.push(attachment_head(lines, floor, i));
            seen_tail = false;
            seen_body = false;
        }
    }
    let mut parts: Vec<Range<usize>> = starts.windows(2).map(|w| w[0]..w[1]).collect();
    parts.push(*starts.last().expect("starts has the main document")..lines.len());
    parts
}

/// Where an attachment whose kind line is `kind_line` starts: at the header block above the
/// kind line (issuer in capitals, "Số: …", the motto, place and date), which belongs to the
/// attachment and not to the tail of what precedes it. The block ends upwards at the signer's
/// name or any other line, never at a signature's authority or position line.
fn attachment_head(lines: &[Line], floor: usize, kind_line: usize) -> usize {
    let mut start = kind_line;
    for j in (floor..kind_line).rev() {
        let l = &lines[j];
        if !l.is_content() {
            continue;
        }
        let t = l.text();
        let header = (no_lower_letters(t) && !is_authority_line(l) && !is_position_line(l))
            || NUMBER.is_match(t)
            || fold_key(t).starts_with("độc lập")
            || place_date(t).is_some();
        if !header {
            break;
        }
        start = j;
    }
    start
}

/// Whether a "(Kèm theo …)" / "(Ban hành kèm theo …)" line follows within a few lines.
fn attached_note_follows(lines: &[Line], at: usize) -> bool {
    lines[at + 1..]
        .iter()
        .filter(|l| l.is_content())
        .take(6)
        .any(|l| {
            let k = fold_key(l.text());
            k.starts_with("(kèm theo") || k.starts_with("(ban hành kèm theo")
        })
}

struct Builder<'a> {
    src: &'a Source<'a>,
    lines: &'a [Line],
    /// Line repetitions over the whole input (page furniture inside tables).
    repeats: &'a table::Repeats<'a>,
    footnotes: &'a [FootnoteBlock],
}

/// Header facts.
#[derive(Default)]
struct Header {
    number: Option<String>,
    date: Option<String>,
    place: Option<String>,
    issuer: Option<String>,
}

impl Builder<'_> {
    fn build(&self, range: Range<usize>) -> Document {
        let mut diags = Vec::new();
        let lines = self.lines;
        let kind_line = self
            .head_lines(range.clone())
            .find(|&i| kind_title(&lines[i]).is_some());
        let (header, title, body_start, mut kind) = match kind_line {
            Some(k) => {
                let header = self.header(range.start..k);
                let (title, title_end) = self.title(k, range.end);
                (
                    header,
                    title,
                    title_end,
                    kind_title(&lines[k]).unwrap_or_default(),
                )
            }
            None => match self.letter_subject(range.clone()) {
                // A công văn has no kind line: its subject line "V/v …" stands in the header.
                Some(v) => {
                    let (title, title_end) = self.subject(v, range.end);
                    let body_start = (title_end..range.end.min(range.start + KIND_LINE_MAX))
                        .find(|&i| is_addressee_line(&lines[i]))
                        .unwrap_or(title_end);
                    let header = self.header(range.start..body_start);
                    (header, title, body_start, Kind::CongVan)
                }
                None => (Header::default(), None, range.start, Kind::Unknown),
            },
        };
        let body_end = self.body_end(body_start..range.end);
        // Task tables are read row by row; their lines never become paragraphs.
        let tables = table::parse_tables(lines, self.repeats, &self.src.text, body_start..body_end);
        let prose_end = tables
            .first()
            .map_or(body_end, |t| t.lines.start.max(body_start));
        let layout = reflow::layout(&lines[body_start..prose_end]);
        let mut paras = Vec::new();
        let mut at = body_start;
        for t in &tables {
            paras.extend(reflow::paragraphs(
                lines,
                at..t.lines.start.max(at),
                &layout,
            ));
            at = t.lines.end.max(at);
        }
        paras.extend(reflow::paragraphs(lines, at..body_end, &layout));
        let first_marker = paras
            .iter()
            .position(|p| scan_marker(&p.clean.text).is_some())
            .unwrap_or(paras.len());
        let last_marker = paras
            .iter()
            .rposition(|p| scan_marker(&p.clean.text).is_some());
        // A last section that is only a heading ("Điều 5. Tổ chức thực hiện") keeps the
        // paragraph below it as its text, however much it reads like a closing.
        let closing_at = last_marker
            .map(|l| {
                let from = l + 1 + usize::from(is_bare_heading(&paras[l].clean.text));
                (from..paras.len())
                    .find(|&i| is_closing(&paras[i].clean.text))
                    .unwrap_or(paras.len())
            })
            .unwrap_or(paras.len());
        let preamble = &paras[..first_marker];
        let closing = &paras[closing_at.max(first_marker)..];

        if let Some(k) = preamble
            .iter()
            .find_map(|p| body_kind(&p.clean.text))
            .filter(|_| kind == Kind::Unknown)
        {
            kind = k;
            diags.push(Diagnostic::info(
                "kind-from-body",
                "expected a title line naming the document's kind, found none; kind taken from the body",
                None,
            ));
        }
        let mut issuer = header.issuer.clone();
        if issuer.is_none() {
            issuer = preamble
                .iter()
                .find_map(|p| enacting_authority(&p.clean.text));
        }
        if issuer.is_none() {
            issuer = preamble.iter().find_map(|p| {
                let k = fold_key(&p.clean.text);
                if !BODY_ISSUER_CUE.is_match(&k) {
                    return None;
                }
                BODY_ISSUER.captures(&k).map(|c| {
                    let g = c.get(1).expect("group 1");
                    p.clean.text[g.range()].trim().to_owned()
                })
            });
        }

        let mut tree = TreeBuilder::default();
        for p in &paras[first_marker..closing_at.max(first_marker)] {
            self.add_to_tree(&mut tree, p, &mut diags);
        }
        if tree.is_empty() && !paras.is_empty() && tables.is_empty() {
            diags.push(Diagnostic::warning(
                "no-sections",
                "expected numbered sections (I., 1., a), Điều 1.), found none; the text stands in the preamble",
                Some(self.para_span(&paras[0])),
            ));
        }
        let nodes = tree.finish();
        let (recipients, signature) = self.tail(body_end..range.end, &mut diags);

        let footnotes: Vec<&FootnoteBlock> = self
            .footnotes
            .iter()
            .filter(|f| range.contains(&f.lines.start))
            .collect();
        let mut doc = Document::default();
        let mut units = extract::Units::default();
        if let Some(t) = &title {
            units.push_preamble(t.clone(), implements_title(&t.text));
        }
        for p in preamble {
            units.push_preamble(p.clean.clone(), opens_with_implements(&p.clean.text));
        }
        // A plan for one year ("Kế hoạch cải cách hành chính năm 2024") gives that year to what
        // it sets, unless a sentence or heading says otherwise.
        let top = extract::Inherited::with_year(title.as_ref().and_then(|t| single_year(&t.text)));
        for n in &nodes {
            units.push_node(n, &top);
        }
        for p in closing {
            units.push_closing(p.clean.clone());
        }
        for f in &footnotes {
            units.push_footnote(f.clean.clone());
        }
        let issued = header
            .date
            .as_ref()
            .and_then(|d| d.get(..4)?.parse::<i32>().ok());
        for t in &tables {
            let targets = t.columns.contains(&table::Role::Metric);
            if !targets && !t.columns.contains(&table::Role::Lead) {
                diags.push(Diagnostic::warning(
                    "table-without-lead-column",
                    "expected a \"Cơ quan chủ trì\" column in the task table, found none; its tasks have no lead",
                    Some(self.lines_span(t.header_lines.clone())),
                ));
            }
            for i in &t.issues {
                diags.push(Diagnostic::warning(
                    i.code,
                    i.message.clone(),
                    Some(self.lines_span(i.lines.clone())),
                ));
            }
            let around = table_section(&nodes, lines[t.lines.start].range.start);
            for row in &t.rows {
                let range = lines[row.lines.start].range.start..lines[row.lines.end - 1].range.end;
                if let Some(why) = &row.unsure {
                    diags.push(Diagnostic::warning(
                        "table-row-unsure",
                        why.clone(),
                        Some(self.norm_span(range.clone())),
                    ));
                }
                if targets {
                    units.push_target_row(row, around.as_deref(), &top);
                } else {
                    units.push_row(row, around.as_deref(), range);
                }
            }
        }
        extract::run(&units, self.src, &mut doc, issued);

        doc.sections = nodes.iter().map(|n| self.section(n)).collect();
        doc.sections
            .extend(tables.iter().flat_map(|t| self.group_sections(t)));
        doc.footnotes = footnotes
            .iter()
            .map(|f| {
                if f.ref_range.is_none() {
                    diags.push(Diagnostic::info(
                        "footnote-without-reference",
                        format!(
                            "expected footnote {} to be marked in the body, found no marker",
                            f.marker
                        ),
                        Some(self.norm_span(f.clean.full_norm_range())),
                    ));
                }
                crate::model::Footnote {
                    marker: f.marker.clone(),
                    text: f.clean.text.clone(),
                    span: self.lines_span(f.lines.clone()),
                    ref_span: f.ref_range.clone().map(|r| self.norm_span(r)),
                }
            })
            .collect();
        doc.document = DocumentInfo {
            kind,
            number: header.number,
            date: header.date,
            place: header.place,
            issuer,
            title: title.map(|t| t.text),
            implements: doc.document.implements,
            signature,
            recipients,
            attachments: Vec::new(),
            closing: (!closing.is_empty()).then(|| {
                closing
                    .iter()
                    .map(|p| p.clean.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
        };
        doc.diagnostics = diags;
        doc
    }

    /// Number, date, place and issuer from the lines above the kind line.
    fn header(&self, range: Range<usize>) -> Header {
        let mut h = Header::default();
        let content: Vec<&Line> = self.lines[range]
            .iter()
            .filter(|l| l.is_content())
            .collect();
        // Lines are joined with '\n' so a place name cannot reach into the line above it.
        let mut joined = String::new();
        let mut issuer_lines: Vec<&str> = Vec::new();
        let mut before_motto = true;
        for l in &content {
            let t = l.text();
            joined.push_str(t);
            joined.push('\n');
            if let Some(c) = NUMBER.captures(t) {
                h.number = Some(c[1].trim_end_matches(['.', '-']).to_owned());
                continue;
            }
            let k = fold_key(t);
            if k.starts_with("cộng hòa")
                || k.starts_with("đảng cộng sản")
                || k.starts_with("độc lập")
            {
                before_motto = false;
            }
            let caps = no_lower_letters(t);
            if before_motto && caps && !k.contains("ngày") {
                issuer_lines.push(t);
            }
        }
        if let Some((place, day, month, year)) = place_date(&joined) {
            h.place = Some(place.trim().to_owned());
            h.date = iso_date(year, month, day);
        }
        if !issuer_lines.is_empty() {
            h.issuer = Some(agency_case(&last_agency(&issuer_lines.join(" "))));
        }
        h
    }

    /// The trích yếu after the kind line: (title, index of the first body line).
    fn title(&self, kind_line: usize, end: usize) -> (Option<Clean>, usize) {
        let lines = self.lines;
        let first = lines[kind_line].text();
        let (_, title_key) = kind_opening(first).expect("kind line");
        let mut title = lines[kind_line].clean.slice(title_key.len()..first.len());
        let mut all_caps = !title.text.is_empty();
        let mut blank = false;
        let mut i = kind_line + 1;
        while i < end {
            let l = &lines[i];
            if l.is_blank() {
                blank = true;
                i += 1;
                continue;
            }
            if !l.is_content() {
                if l.kind == LineKind::Separator {
                    i += 1;
                    break;
                }
                i += 1;
                continue;
            }
            let t = l.text();
            let k = fold_key(t);
            let caps = no_lower_letters(t);
            // A title wrapped before its years ("… giai đoạn ⏎ 2026 - 2030") goes on with them.
            let starts_lower = t
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
            // A preamble sentence opens with a capital; "thực hiện Nghị quyết số …" in lower
            // case is the title of a plan that carries the resolution out. So is "Thực hiện …"
            // in sentence case on the first line after the kind line: a plan has a title, and a
            // preamble sentence there would be the first of a document without one.
            let first_line =
                title.text.is_empty() && !t.trim_end().ends_with(['.', ';', ':', '!', '?']);
            let stop = scan_marker(t).is_some()
                || t.starts_with('(')
                || (!starts_lower
                    && !first_line
                    && PREAMBLE
                        .0
                        .iter()
                        .chain(&PREAMBLE.1)
                        .any(|w| k.starts_with(w.as_str())))
                || is_recipients_line(l)
                || (!title.text.is_empty()
                    && !starts_lower
                    && (blank
                        || (!(caps && all_caps) && reflow_ends(&title.text))
                        // A title in sentence case is not followed by more of it in capitals
                        // (the issuer's name before the preamble) or by a sentence.
                        || (!all_caps && is_upper_text(t) && t.split_whitespace().nth(1).is_some())
                        || opens_sentence(t)));
            if stop {
                break;
            }
            if title.text.is_empty() {
                all_caps = caps;
            }
            title.space(l.range.start);
            title.append(&l.clean);
            all_caps &= caps;
            blank = false;
            i += 1;
        }
        let title = (!title.text.is_empty()).then_some(title);
        (title, i)
    }

    /// Where a kind line or a subject line may stand: the first lines of `range`, up to the
    /// first numbered paragraph.
    fn head_lines(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let lines = self.lines;
        (range.start..range.end.min(range.start + KIND_LINE_MAX))
            .take_while(|&i| !lines[i].is_content() || scan_marker(lines[i].text()).is_none())
    }

    /// The subject line of a công văn ("V/v triển khai …") among the first lines.
    fn letter_subject(&self, range: Range<usize>) -> Option<usize> {
        let lines = self.lines;
        self.head_lines(range)
            .find(|&i| lines[i].is_content() && subject_prefix(lines[i].text()).is_some())
    }

    /// The subject of a công văn without its "V/v", with the lines it wraps onto (they start
    /// in lower case): (title, index of the line after it).
    fn subject(&self, line: usize, end: usize) -> (Option<Clean>, usize) {
        let lines = self.lines;
        let t = lines[line].text();
        let prefix = subject_prefix(t).unwrap_or(0);
        let mut title = lines[line].clean.slice(prefix..t.len());
        let mut i = line + 1;
        while i < end
            && lines[i].is_content()
            && lines[i]
                .text()
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        {
            title.space(lines[i].range.start);
            title.append(&lines[i].clean);
            i += 1;
        }
        ((!title.text.is_empty()).then_some(title), i)
    }

    /// The first line of the tail: "Nơi nhận", a signature authority, or a position line
    /// followed by a name.
    fn body_end(&self, range: Range<usize>) -> usize {
        let lines = self.lines;
        range
            .clone()
            .find(|&i| {
                let l = &lines[i];
                is_recipients_line(l)
                    || is_authority_line(l)
                    || (is_position_line(l)
                        && next_content(lines, i + 1, range.end)
                            .is_none_or(|j| is_name(lines[j].text())))
            })
            .unwrap_or(range.end)
    }

    /// Recipients and signature from the lines after the body.
    fn tail(
        &self,
        range: Range<usize>,
        diags: &mut Vec<Diagnostic>,
    ) -> (Vec<String>, Option<Signature>) {
        let lines = self.lines;
        let mut recipients: Vec<String> = Vec::new();
        let mut sig = Signature::default();
        let mut in_recipients = false;
        let mut closed = false;
        for i in range {
            let l = &lines[i];
            if !l.is_content() {
                continue;
            }
            let t = l.text();
            if is_recipients_line(l) {
                in_recipients = true;
                closed = false;
                let after = t.split_once(':').map(|(_, r)| r.trim()).unwrap_or("");
                if !after.is_empty() {
                    recipients.push(after.trim_start_matches(['-', '+']).trim().to_owned());
                }
                continue;
            }
            if is_authority_line(l) {
                // "TM. ỦY BAN NHÂN DÂN" ⏎ "KT. CHỦ TỊCH": one authority, written on two lines.
                sig.authority = Some(match sig.authority.take() {
                    Some(a) if sig.position.is_none() => format!("{a} {t}"),
                    _ => t.to_owned(),
                });
                in_recipients = false;
                continue;
            }
            if is_position_line(l) && sig.position.is_none() {
                sig.position = Some(t.trim_end_matches(':').to_owned());
                in_recipients = false;
                continue;
            }
            if in_recipients && !closed {
                if let Some(b) = scan_bullet(t) {
                    let item = t[b..].trim().to_owned();
                    closed = fold_key(&item).starts_with("lưu");
                    recipients.push(item);
                    continue;
                }
                if let Some(last) = recipients.last_mut() {
                    last.push(' ');
                    last.push_str(t);
                    continue;
                }
            }
            if (sig.authority.is_some() || sig.position.is_some())
                && sig.name.is_none()
                && is_name(t)
            {
                sig.name = Some(t.to_owned());
                continue;
            }
            if sig.name.as_deref() == Some(t) {
                // The name typed again under the signature image.
                continue;
            }
            diags.push(Diagnostic::warning(
                "unplaced-text",
                format!(
                    "expected recipients or a signature after the body, found `{}`",
                    truncate(t, 60)
                ),
                Some(self.norm_span(l.range.clone())),
            ));
        }
        // The list's own punctuation ("Sở Nội vụ;", "Lưu: VT, CCHC./.") is no part of a name.
        for r in &mut recipients {
            r.truncate(r.trim_end_matches([',', ';', '.', '/', ' ']).len());
        }
        recipients.retain(|r| !r.is_empty());
        let has_sig = sig.authority.is_some() || sig.position.is_some() || sig.name.is_some();
        (recipients, has_sig.then_some(sig))
    }

    /// Add one body paragraph to the tree.
    fn add_to_tree(&self, tree: &mut TreeBuilder, p: &Para, diags: &mut Vec<Diagnostic>) {
        let r = p.clean.full_norm_range();
        match scan_marker(&p.clean.text) {
            Some(m) => {
                let content = p.clean.slice(m.len..p.clean.text.len());
                let (heading, text) = split_heading(&m.style, content);
                tree.open(m, heading, text, r.start, r.end, diags);
            }
            None => tree.text(p.clean.clone(), r.end),
        }
    }

    /// The group rows of a task table ("I", "II", a title in capitals) as sections; their rows'
    /// tasks name them in `section`.
    fn group_sections(&self, t: &table::Table) -> Vec<Section> {
        let mut out: Vec<Section> = Vec::new();
        for row in &t.rows {
            let Some(g) = &row.group else { continue };
            let end = self.lines[row.lines.end - 1].range.end;
            match out.last_mut() {
                Some(s) if s.id == g.id() => s.span = s.span.join(self.norm_span(end..end)),
                _ => out.push(Section {
                    id: g.id(),
                    marker: g.marker.clone().unwrap_or_default(),
                    heading: g.title.as_ref().map(|c| c.text.clone()),
                    text: String::new(),
                    span: self.norm_span(self.lines[g.lines.start].range.start..end),
                    children: Vec::new(),
                }),
            }
        }
        out
    }

    /// The public section of a node.
    fn section(&self, n: &Node) -> Section {
        Section {
            id: n.id.clone(),
            marker: n.marker.text.clone(),
            heading: n.heading.as_ref().map(|h| h.text.clone()),
            text: n
                .paras
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            span: self.norm_span(n.start..n.end),
            children: n.children.iter().map(|c| self.section(c)).collect(),
        }
    }

    fn norm_span(&self, r: Range<usize>) -> crate::span::Span {
        self.src.map.span(r.start, r.end)
    }

    fn para_span(&self, p: &Para) -> crate::span::Span {
        self.norm_span(p.clean.full_norm_range())
    }

    fn lines_span(&self, r: Range<usize>) -> crate::span::Span {
        let s = self.lines[r.start].range.start;
        let e = self.lines[r.end - 1].range.end;
        self.norm_span(s..e)
    }
}

fn next_content(lines: &[Line], from: usize, end: usize) -> Option<usize> {
    (from..end).find(|&i| lines[i].is_content())
}

/// A person's name: two to six capitalised words, no digits.
fn is_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase) && cs.all(|c| c.is_lowercase())
        })
}

/// The year of a title that names exactly one ("… năm 2024 …"), else `None`.
fn single_year(title: &str) -> Option<i32> {
    let years: Vec<&str> = title
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .collect();
    let year = years.first()?;
    let named = fold_key(title).contains(&format!("năm {year}"));
    (years.len() == 1 && named)
        .then(|| year.parse().ok())
        .flatten()
}

fn truncate(t: &str, n: usize) -> String {
    t.chars().take(n).collect()
}

/// Whether a title so far has ended (terminal punctuation).
fn reflow_ends(t: &str) -> bool {
    t.trim_end().ends_with(['.', ';', '!', '?'])
}

/// The section a task table at normalised offset `at` stands in: the last one opened before it,
/// when another opens after it. A table after the last section is an appendix of its own.
fn table_section(nodes: &[Node], at: usize) -> Option<String> {
    fn walk<'a>(nodes: &'a [Node], at: usize, last: &mut Option<&'a str>, after: &mut bool) {
        for n in nodes {
            if n.start >= at {
                *after = true;
                return;
            }
            *last = Some(&n.id);
            walk(&n.children, at, last, after);
        }
    }
    let (mut last, mut after) = (None, false);
    walk(nodes, at, &mut last, &mut after);
    last.filter(|_| after).map(str::to_owned)
}

/// Split a marker paragraph's content into a heading and a text.
fn split_heading(style: &Style, content: Clean) -> (Option<Clean>, Option<Clean>) {
    let t = content.text.as_str();
    if t.is_empty() {
        return (None, None);
    }
    if let Some(i) = t.find(": ") {
        let head = &t[..i];
        if head.split_whitespace().count() <= COLON_HEADING_WORDS_MAX
            && !head.contains(['(', ',', ';'])
            && !crate::extract::agency::opens_distributed(t)
        {
            return (
                Some(content.slice(0..i)),
                Some(content.slice(i + 1..t.len())),
            );
        }
    }
    let words = t.split_whitespace().count();
    let trimmed_end = t.trim_end_matches([':', '.']).len();
    // An article's title names a topic ("Điều 3. Hiệu lực thi hành."); a short provision that
    // points at the document itself ("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    // "Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.") is its text.
    // Asked last: splitting a long paragraph into words costs more than the other tests.
    let points_at_itself = || {
        t[..trimmed_end]
            .split(|c: char| !is_alnum(c))
            .any(|w| w == "này")
    };
    if *style == Style::Legal(LegalUnit::Article)
        && words <= ARTICLE_HEADING_WORDS_MAX
        && !t[..trimmed_end].contains(". ")
        && !points_at_itself()
    {
        return (Some(content.slice(0..trimmed_end)), None);
    }
    if t.ends_with(':') && words <= COLON_HEADING_WORDS_MAX + 5 {
        return (Some(content.slice(0..t.len() - 1)), None);
    }
    if !reflow_ends(t) && words <= HEADING_WORDS_MAX {
        return (Some(content.slice(0..t.len())), None);
    }
    (None, Some(content))
}

/// The kind a preamble paragraph says is being written ("… xây dựng Chương trình hành động …").
fn body_kind(t: &str) -> Option<Kind> {
    let key = fold_key(t);
    let c = BODY_KIND.captures(&key)?;
    let name = c.get(1)?.as_str();
    KINDS
        .iter()
        .find(|(_, title)| title == name)
        .map(|(k, _)| *k)
}

/// The enacting authority line of a decision ("ỦY BAN NHÂN DÂN THỊ XÃ" above "Căn cứ …").
fn enacting_authority(t: &str) -> Option<String> {
    let caps = no_lower_letters(t);
    let words = t.split_whitespace().count();
    (caps && (1..=8).contains(&words) && !t.ends_with(':') && t.chars().any(is_letter))
        .then(|| agency_case(t))
}

/// Whether a preamble paragraph opens with an "implements" word ("Căn cứ", "Thực hiện").
fn opens_with_implements(t: &str) -> bool {
    let k = fold_key(t);
    PREAMBLE.0.iter().any(|w| k.starts_with(w.as_str()))
}

/// A trích yếu like "thực hiện Nghị quyết số 14-NQ/TU …" names what the document carries out.
fn implements_title(t: &str) -> bool {
    let k = fold_key(t);
    PREAMBLE
        .0
        .iter()
        .any(|w| k.starts_with(w.as_str()) || k.contains(&format!(" {w} ")))
}

/// A numbered paragraph that is a short heading and nothing more: no sentence end, few words.
fn is_bare_heading(t: &str) -> bool {
    let t = t.trim_end();
    !t.ends_with(['.', ';', ':', '!', '?', '…']) && t.split_whitespace().count() <= 12
}

fn is_closing(t: &str) -> bool {
    if scan_bullet(t).is_some() {
        return false;
    }
    let k = fold_key(t);
    CLOSING.iter().any(|r| r.is_match(&k))
}

fn iso_date(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Head words of issuing bodies in a header; the last one names the issuer itself
/// ("TỈNH ỦY QUẢNG NGÃI THỊ ỦY ĐỨC PHỔ" → "THỊ ỦY ĐỨC PHỔ"), with the place of the party
/// organisation named above a bare committee ("ĐẢNG BỘ TỈNH BẮC GIANG TỈNH ỦY" → "TỈNH ỦY BẮC
/// GIANG").
fn last_agency(caps: &str) -> String {
    const HEADS: [&str; 9] = [
        "ỦY BAN",
        "UỶ BAN",
        "THỊ ỦY",
        "HUYỆN ỦY",
        "TỈNH ỦY",
        "THÀNH ỦY",
        "SỞ ",
        "BỘ ",
        "BAN ",
    ];
    let key = fold_key(caps);
    let at: Vec<usize> = HEADS
        .iter()
        .flat_map(|h| {
            let h = fold_key(h);
            key.match_indices(h.as_str())
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
        // A head starts a word; "BAN" right after "ỦY" is part of "ỦY BAN", and "BỘ" right
        // after "ĐẢNG" part of "ĐẢNG BỘ" ("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH THANH HÓA").
        .filter(|&i| {
            (i == 0 || key[..i].ends_with(' '))
                && !key[..i].ends_with("ủy ")
                && !key[..i].ends_with("đảng ")
        })
        .collect::<Vec<_>>();
    // A committee that closes the header after a department owns it: "BAN TUYÊN GIÁO VÀ DÂN
    // VẬN TỈNH ỦY" is the department.
    let owned = |i: usize| {
        key[i..].split_whitespace().count() == 2
            && key.ends_with(" ủy")
            && at.iter().any(|&j| j < i && key[j..].starts_with("ban "))
    };
    let at = at.iter().copied().filter(|&i| !owned(i)).max();
    let last = caps[at.unwrap_or(0)..].trim();
    match party_place(&key[..at.unwrap_or(0)]) {
        Some(place) if last.split_whitespace().count() == 2 && fold_key(last).ends_with(" ủy") => {
            format!("{last} {}", &caps[place])
        }
        _ => last.to_owned(),
    }
}

/// Where the place of a party organisation stands in a header that names it before its
/// committee ("ĐẢNG BỘ TỈNH BẮC GIANG ⏎ TỈNH ỦY": the committee is Tỉnh ủy Bắc Giang): the byte
/// range of "BẮC GIANG" in `key`, the folded header before the committee.
fn party_place(key: &str) -> Option<Range<usize>> {
    const LEVELS: [&str; 8] = [
        "thành phố ",
        "thị xã ",
        "thị trấn ",
        "tỉnh ",
        "huyện ",
        "quận ",
        "xã ",
        "phường ",
    ];
    let start = key.find("đảng bộ ")? + "đảng bộ ".len();
    let level = LEVELS.iter().find(|l| key[start..].starts_with(*l))?;
    let place = start + level.len()..key.trim_end().len();
    (!place.is_empty()).then_some(place)
}

/// Sentence case for a name written in capitals: "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK" →
/// "Ủy ban nhân dân tỉnh Đắk Lắk". Words after an administrative level (tỉnh, huyện, xã …) are a
/// place name and keep their capitals. The head is written as the agency lexicon writes it, and
/// the name after a head that takes one starts each of its parts with a capital ("SỞ VĂN HÓA,
/// THỂ THAO VÀ DU LỊCH" → "Sở Văn hóa, Thể thao và Du lịch"), as Nghị định 30/2020 writes them.
fn agency_case(t: &str) -> String {
    let caps = no_lower_letters(t);
    if !caps {
        return t.to_owned();
    }
    const LEVELS: [&str; 9] = [
        "tỉnh",
        "thành",
        "huyện",
        "xã",
        "phường",
        "quận",
        "thị",
        "trấn",
        "phố",
    ];
    let words: Vec<&str> = t.split_whitespace().collect();
    let folds: Vec<String> = words.iter().map(|w| fold_key(&w.to_lowercase())).collect();
    // "xã hội" is no commune.
    let is_level = |i: usize| {
        LEVELS.contains(&folds[i].as_str())
            && !(folds[i] == "xã" && folds.get(i + 1).is_some_and(|n| n == "hội"))
    };
    let mut out: Vec<String> = Vec::new();
    let mut place = false;
    let mut prev_level = false;
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let fold = &folds[i];
        let level = is_level(i);
        // "tỉnh ủy", "thị ủy": a party committee of that level; the place follows it. After
        // other words it owns them: "Ban Tuyên giáo Tỉnh ủy".
        let committee = fold == "ủy" && prev_level;
        if committee
            && i > 1
            && let Some(p) = out.last_mut()
        {
            *p = capitalise(p);
        }
        let word = if i == 0 || (place && !committee && !level) {
            capitalise(&lower)
        } else {
            lower.clone()
        };
        if level || committee {
            place = true;
        }
        prev_level = level;
        out.push(word);
    }
    // The head counts tokens; a word may hold more than one ("THANH-TRUYỀN").
    if let Some((head, n, named)) =
        crate::extract::agency::opening_head(&out.join(" ")).filter(|&(_, n, _)| n <= out.len())
    {
        if named {
            let mut opens_part = true;
            for (k, w) in out.iter_mut().enumerate().skip(n) {
                if is_level(k) {
                    break;
                }
                if opens_part {
                    *w = capitalise(w);
                }
                opens_part = matches!(folds[k].as_str(), "và" | "-" | "–") || w.ends_with(',');
            }
        }
        // The head as the lexicon writes it, abbreviations spelled out ("UBND").
        out.splice(..n, head.split_whitespace().map(str::to_owned));
    }
    out.join(" ")
}

fn capitalise(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_party_committee_takes_its_place_from_the_organisation_above_it() {
        let issuer = |h: &str| agency_case(&last_agency(h));
        assert_eq!(
            issuer("ĐẢNG BỘ TỈNH BẮC GIANG TỈNH ỦY"),
            "Tỉnh ủy Bắc Giang"
        );
        assert_eq!(
            issuer("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI THÀNH ỦY"),
            "Thành ủy Hà Nội"
        );
        assert_eq!(
            issuer("TỈNH ỦY QUẢNG NGÃI THỊ ỦY ĐỨC PHỔ"),
            "Thị ủy Đức Phổ"
        );
    }

    proptest::proptest! {
        /// The same place and date as the bounded regex `place_date` stands for.
        #[test]
        fn place_date_applies_the_length_bound(
            words in proptest::collection::vec(
                "Hà|Nội|ĐẮK|lắk|X|y|Thành phố Hồ Chí Minh dài dài dài dài|\\.|'| |  |\t|, ngày 12 tháng 3 năm 2024|, ngày 1/2/2020|,|ngày|7",
                0..12,
            )
        ) {
            let text = words.concat();
            static BOUNDED: Lazy<Regex> = Lazy::new(|| Regex::new(
                r"(\p{Lu}[\p{L}.' ]{1,40}?)\s*,\s*ngày\s+(\d{1,2})\s*(?:tháng|/|-)\s*(\d{1,2})\s*(?:năm|/|-)\s*(\d{4})",
            )
            .unwrap());
            let bounded = &*BOUNDED;
            let owned = |p: &str, d: &str, m: &str, y: &str| {
                [p.trim(), d, m, y].map(str::to_owned)
            };
            let expected = bounded
                .captures(&text)
                .map(|c| owned(&c[1], &c[2], &c[3], &c[4]));
            let found = place_date(&text).map(|(p, d, m, y)| owned(p, d, m, y));
            proptest::prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn named_heads_in_capitals_are_written_as_the_lexicon_writes_them() {
        let issuer = |h: &str| agency_case(&last_agency(h));
        assert_eq!(
            issuer("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"),
            "Bộ Lao động - Thương binh và Xã hội"
        );
        assert_eq!(issuer("SỞ NỘI VỤ TỈNH ĐẮK LẮK"), "Sở Nội vụ tỉnh Đắk Lắk");
        assert_eq!(
            issuer("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
            "Sở Văn hóa, Thể thao và Du lịch"
        );
        assert_eq!(
            issuer("ĐÀI PHÁT THANH-TRUYỀN HÌNH"),
            "Đài phát thanh-truyền hình",
            "a head longer in tokens than in words is left as it is"
        );
        assert_eq!(
            issuer("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH THANH HÓA"),
            "Ban Chấp hành Đảng bộ tỉnh Thanh Hóa"
        );
        assert_eq!(
            issuer("BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY"),
            "Ban Tuyên giáo và Dân vận Tỉnh ủy"
        );
    }

    #[test]
    fn agency_names_in_capitals_get_sentence_case() {
        assert_eq!(
            agency_case("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"),
            "Ủy ban nhân dân tỉnh Đắk Lắk"
        );
        assert_eq!(agency_case("CHÍNH PHỦ"), "Chính phủ");
        assert_eq!(agency_case("THỊ ỦY ĐỨC PHỔ"), "Thị ủy Đức Phổ");
        assert_eq!(
            agency_case("ỦY BAN NHÂN DÂN THỊ XÃ"),
            "Ủy ban nhân dân thị xã"
        );
    }

    #[test]
    fn headings_split_from_text() {
        let c = |s: &str| {
            let mut c = Clean::default();
            c.push(s, 0..s.len());
            c
        };
        let (h, t) = split_heading(
            &Style::Arabic,
            c("Hạn chế: Bên cạnh những kết quả đạt được, còn hạn chế sau."),
        );
        assert_eq!(h.unwrap().text, "Hạn chế");
        assert!(t.unwrap().text.starts_with("Bên cạnh"));
        let (h, t) = split_heading(&Style::Arabic, c("Về cải cách thể chế"));
        assert_eq!(h.unwrap().text, "Về cải cách thể chế");
        assert!(t.is_none());
        let (h, _) = split_heading(
            &Style::Arabic,
            c("Ban Tuyên giáo Thị ủy hướng dẫn phổ biến Nghị quyết."),
        );
        assert!(h.is_none(), "should not take a sentence for a heading");
        let (h, _) = split_heading(&Style::Legal(LegalUnit::Article), c("Hiệu lực thi hành."));
        assert_eq!(h.unwrap().text, "Hiệu lực thi hành");
        let (h, _) = split_heading(
            &Style::Arabic,
            c("Các Sở: Tài chính, Tư pháp chủ trì tham mưu ban hành quy định."),
        );
        assert!(
            h.is_none(),
            "should not end a heading at a distributed list's colon"
        );
        let (h, _) = split_heading(
            &Style::Legal(LegalUnit::Article),
            c("Giám đốc các Sở: Công Thương, Tài chính chịu trách nhiệm thi hành Quyết định này."),
        );
        assert!(h.is_none(), "nor at one that follows a title");
    }

    #[test]
    fn a_one_year_plan_gives_its_year() {
        assert_eq!(
            single_year("Cải cách hành chính năm 2024 trên địa bàn huyện"),
            Some(2024)
        );
        assert_eq!(
            single_year("giai đoạn 2021 - 2025, định hướng đến năm 2030"),
            None
        );
        assert_eq!(single_year("thực hiện Nghị quyết số 14-NQ/TU"), None);
    }

    #[test]
    fn body_kind_when_title_is_lost() {
        assert_eq!(
            body_kind("Thị ủy Đức Phổ xây dựng Chương trình hành động thực hiện Nghị quyết 04"),
            Some(Kind::ChuongTrinhHanhDong)
        );
    }
}
