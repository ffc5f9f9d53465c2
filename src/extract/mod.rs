//! Stage 5 – entity extractors over the re-flowed text of each section.
//!
//! Every extractor is a pure function over one piece of cleaned text (a paragraph or a bullet
//! item). It returns model values whose `span` is a byte range **into that piece**; [`run`]
//! rebases spans onto the original input, fills `section`, and hands each extractor what the
//! piece inherits from around it: the year of the nearest enclosing context ("* Mục tiêu đến năm
//! 2025", "Định hướng đến năm 2030"), the agency a duty list is headed by ("1. Phòng Nội vụ:"),
//! and whether the section reviews the past (its figures are not targets).

pub(crate) mod agency;
pub(crate) mod citation;
pub(crate) mod deadline;
pub(crate) mod target;
pub(crate) mod task;

use crate::model::{Deadline, DeadlineKind, Document, Task};
use crate::source::{Source, fold_key};
use crate::span::Span;
use crate::text::Clean;
use crate::tree::Node;
use once_cell::sync::Lazy;
use std::collections::HashSet;

/// Where a piece of text stands, which decides what is extracted from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Title or preamble; `true` when it names what the document carries out.
    Preamble(bool),
    /// A section heading.
    Heading,
    /// A section paragraph.
    Body,
    /// Closing paragraph(s).
    Closing,
    /// A footnote: citations only.
    Footnote,
    /// A cell of a task table or a field of a field list: citations and agencies only (the
    /// task it belongs to is built from all its cells).
    Cell,
}

/// One piece of text with its context.
#[derive(Clone, Debug)]
struct Unit {
    clean: Clean,
    section: Option<String>,
    role: Role,
    year: Option<i32>,
    heading_agency: Option<String>,
    history: bool,
    /// In a section that lists targets.
    targets: bool,
    /// The nearest enclosing heading: the metric of a target whose text names none.
    heading: Option<String>,
}

/// What a section passes down to its paragraphs and sub-sections.
#[derive(Clone, Debug, Default)]
pub(crate) struct Inherited {
    year: Option<i32>,
    agency: Option<String>,
    history: bool,
    targets: bool,
    heading: Option<String>,
}

impl Inherited {
    /// The context of a document's top-level sections: the year its title names, if any.
    pub(crate) fn with_year(year: Option<i32>) -> Self {
        Inherited {
            year,
            ..Inherited::default()
        }
    }
}

/// Headings that open a section reviewing the past or listing targets (`section_roles.tsv`).
struct SectionRoles {
    history: Vec<String>,
    targets: Vec<String>,
}

static SECTION_ROLES: Lazy<SectionRoles> = Lazy::new(|| {
    let rows = crate::lexicon::rows(crate::grammar!("section_roles.tsv"));
    let words = |role: &str| {
        rows.iter()
            .filter(|r| r[0] == role)
            .map(|r| fold_key(r[1]))
            .collect()
    };
    SectionRoles {
        history: words("history"),
        targets: words("targets"),
    }
});

/// Group lines that scope a year over what follows have at most this many words.
const GROUP_LINE_WORDS_MAX: usize = 15;

/// A task written as cells: a row of an appendix table, or a numbered field list
/// ("1. Tên nhiệm vụ: … 2. Cơ quan chủ trì: … 5. Thời gian hoàn thành: …").
#[derive(Clone, Debug)]
struct CellTask {
    section: Option<String>,
    cells: Vec<(Role_, Clean)>,
    /// Normalised range of the whole row.
    range: std::ops::Range<usize>,
}

use crate::table::Role as Role_;

/// Fields a numbered list needs to be read as one task.
const FIELD_LIST_ROLES_MIN: usize = 3;

/// How far into a line a field's label may run before its colon ("Cơ quan phối hợp thực hiện:").
const LABEL_BYTES_MAX: usize = 48;

/// A row of a table of targets: its metric, unit and planned figures.
#[derive(Clone, Debug)]
struct TargetRow {
    section: Option<String>,
    cells: Vec<(Role_, Clean)>,
    /// The year of a figure whose column names none.
    year: Option<i32>,
}

/// The pieces of a document, in order, and the rows of its tables.
#[derive(Default)]
pub(crate) struct Units(Vec<Unit>, Vec<CellTask>, Vec<TargetRow>);

impl Units {
    /// A title or preamble paragraph.
    pub(crate) fn push_preamble(&mut self, clean: Clean, implements: bool) {
        self.push(
            clean,
            None,
            Role::Preamble(implements),
            &Inherited::default(),
        );
    }

    /// A closing paragraph.
    pub(crate) fn push_closing(&mut self, clean: Clean) {
        self.push(clean, None, Role::Closing, &Inherited::default());
    }

    /// A footnote.
    pub(crate) fn push_footnote(&mut self, clean: Clean) {
        self.push(clean, None, Role::Footnote, &Inherited::default());
    }

    /// A row of a task table standing in section `around` (if inside the body's sections); a
    /// row under a group of the table is in that group.
    pub(crate) fn push_row(
        &mut self,
        row: &crate::table::TableRow,
        around: Option<&str>,
        range: std::ops::Range<usize>,
    ) {
        let section = row_section(row, around);
        self.push_cells(section, row.cells.clone(), row.inherited.clone(), range);
    }

    /// A row of a table of targets standing in section `around`, whose context gives the year
    /// `up.year`.
    pub(crate) fn push_target_row(
        &mut self,
        row: &crate::table::TableRow,
        around: Option<&str>,
        up: &Inherited,
    ) {
        let section = row_section(row, around);
        for (role, c) in &row.cells {
            if !matches!(role, Role_::Value(_)) && !row.inherited.contains(role) {
                self.push(c.clone(), section.clone(), Role::Cell, up);
            }
        }
        self.2.push(TargetRow {
            section,
            cells: row.cells.clone(),
            year: up.year,
        });
    }

    /// A task written as cells; the cells of `inherited` roles (copied from the row above, or
    /// read as body text) are not read again for citations and agencies.
    fn push_cells(
        &mut self,
        section: Option<String>,
        cells: Vec<(Role_, Clean)>,
        inherited: Vec<Role_>,
        range: std::ops::Range<usize>,
    ) {
        for (role, c) in &cells {
            if !inherited.contains(role) {
                self.push(
                    c.clone(),
                    section.clone(),
                    Role::Cell,
                    &Inherited::default(),
                );
            }
        }
        self.1.push(CellTask {
            section,
            cells,
            range,
        });
    }

    /// A section whose sub-sections are the fields of one task, if it is one: (role, value)
    /// of each field, the value being the text after the field name.
    fn field_list(n: &Node) -> Option<Vec<(Role_, Clean)>> {
        let fields: Vec<(Role_, Clean)> = n
            .children
            .iter()
            .filter_map(|c| {
                let role = crate::table::column_role(&c.heading.as_ref()?.text)?;
                let mut value = Clean::default();
                for p in &c.paras {
                    value.newline_or_space(0, false);
                    value.append(p);
                }
                Some((role, value))
            })
            .collect();
        let roles = |r: Role_| fields.iter().any(|(f, _)| *f == r);
        let distinct = fields
            .iter()
            .map(|(r, _)| r.name())
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        (fields.len() == n.children.len()
            && distinct >= FIELD_LIST_ROLES_MIN
            && roles(Role_::Task)
            && roles(Role_::Lead))
        .then_some(fields)
    }

    /// A section headed by a task whose own paragraphs name its fields ("- Cơ quan chủ trì: Sở
    /// Khoa học và Công nghệ.", "Cơ quan chủ trì: …; cơ quan phối hợp: …; thời gian thực hiện:
    /// …"): the heading and the value of each field, if a lead is among them. A field runs to the
    /// next one; a ";" inside it ("Các sở, ban, ngành; UBND các xã") stays in it. An item without
    /// a heading ("a) Rà soát …") is headed by its first paragraph.
    fn labelled_fields(n: &Node) -> Option<Vec<(Role_, Clean)>> {
        let (heading, paras) = match &n.heading {
            Some(h) => (h, &n.paras[..]),
            None => {
                let (first, rest) = n.paras.split_first()?;
                if !field_labels(&first.text).is_empty() {
                    return None;
                }
                (first, rest)
            }
        };
        let mut fields = Vec::new();
        for p in paras {
            let t = &p.text;
            let labels = field_labels(t);
            for (k, &(_, from, role)) in labels.iter().enumerate() {
                let to = labels.get(k + 1).map_or(t.len(), |next| next.0);
                let value = t[from..to].trim_end_matches([' ', '\n', ';', '.', '-', '+']);
                fields.push((role, p.slice(from..from + value.len())));
            }
        }
        if !fields.iter().any(|(r, _)| *r == Role_::Lead) {
            return None;
        }
        fields.insert(0, (Role_::Task, heading.clone()));
        Some(fields)
    }

    /// A section, its paragraphs and its sub-sections.
    pub(crate) fn push_node(&mut self, n: &Node, up: &Inherited) {
        if let Some(fields) = Self::field_list(n) {
            self.push_cells(Some(n.id.clone()), fields, Vec::new(), n.start..n.end);
        } else if let Some(fields) = Self::labelled_fields(n) {
            // The paragraphs are read as body text below: their agencies and deadlines are
            // counted there, so every field is passed as already read.
            let read = fields.iter().map(|(r, _)| *r).collect();
            self.push_cells(Some(n.id.clone()), fields, read, n.start..n.end);
        }
        let mut here = up.clone();
        if let Some(h) = &n.heading {
            if let Some(y) = target::context_year(&h.text) {
                here.year = Some(y);
            }
            if let Some(a) = task::heading_agency(&h.text) {
                here.agency = Some(a);
            }
            let k = fold_key(&h.text);
            let opens = |words: &[String]| words.iter().any(|w| k.starts_with(w.as_str()));
            here.history |= opens(&SECTION_ROLES.history);
            here.targets |= opens(&SECTION_ROLES.targets);
            here.heading = Some(h.text.clone());
            self.push(h.clone(), Some(n.id.clone()), Role::Heading, &here);
        }
        for p in &n.paras {
            if let Some(y) = Some(&p.text)
                .filter(|t| is_group_line(t))
                .and_then(|t| target::context_year(t))
            {
                here.year = Some(y);
            }
            self.push(p.clone(), Some(n.id.clone()), Role::Body, &here);
        }
        for c in &n.children {
            self.push_node(c, &here);
        }
    }

    fn push(&mut self, clean: Clean, section: Option<String>, role: Role, up: &Inherited) {
        if clean.text.is_empty() {
            return;
        }
        self.0.push(Unit {
            clean,
            section,
            role,
            year: up.year,
            heading_agency: up.agency.clone(),
            history: up.history,
            targets: up.targets,
            heading: up.heading.clone(),
        });
    }
}

/// The section of a table row standing in section `around`: the group row it stands under, if
/// any.
fn row_section(row: &crate::table::TableRow, around: Option<&str>) -> Option<String> {
    match &row.group {
        Some(g) => Some(g.id()),
        None => around.map(str::to_owned),
    }
}

/// The task fields a paragraph labels, at its start or after a ";": (where the label starts,
/// where its value starts, role).
fn field_labels(t: &str) -> Vec<(usize, usize, Role_)> {
    let mut labels = Vec::new();
    if !t.contains(':') {
        return labels;
    }
    let starts = std::iter::once(0).chain(t.match_indices(';').map(|(i, _)| i + 1));
    for s in starts {
        let s = s + t[s..].len() - t[s..].trim_start().len();
        let s = s + crate::block::scan_bullet(&t[s..]).unwrap_or(0);
        let Some(colon) = t[s..].find(':').filter(|&c| c <= LABEL_BYTES_MAX) else {
            continue;
        };
        if let Some(role) = crate::table::column_role(&t[s..s + colon]).filter(|r| {
            matches!(
                r,
                Role_::Lead | Role_::Support | Role_::Deadline | Role_::Product
            )
        }) {
            labels.push((s, s + colon + 1, role));
        }
    }
    labels
}

/// A short line without figures that scopes what follows ("* Mục tiêu đến năm 2025").
fn is_group_line(t: &str) -> bool {
    !t.contains('%') && t.split_whitespace().nth(GROUP_LINE_WORDS_MAX).is_none()
}

/// Run every extractor over every piece and fill `doc`, issued in year `issued`: a figure for
/// a year before it reports the past, as in a table of targets, and is no target.
pub(crate) fn run(units: &Units, src: &Source, doc: &mut Document, issued: Option<i32>) {
    let mut mentions = Vec::new();
    for u in &units.0 {
        let text = u.clean.text.as_str();
        let rebase = |s: Span| {
            let r = u
                .clean
                .norm_range(s.start.min(text.len())..s.end.min(text.len()));
            src.map.span(r.start, r.end)
        };
        let key = fold_key(text);
        let citations = citation::extract_citations(text, &key);
        let exclude: Vec<Span> = citations.iter().map(|c| c.span).collect();
        for mut c in citations {
            c.span = rebase(c.span);
            if u.role == Role::Preamble(true) {
                doc.document.implements.push(c.clone());
            }
            doc.citations.push(c);
        }
        if u.role == Role::Footnote {
            continue;
        }
        if u.role == Role::Cell {
            for mut m in agency::find_agencies(text) {
                m.span = rebase(m.span);
                mentions.push(m);
            }
            continue;
        }
        let toks = agency::tokenize(text);
        let found = agency::scan(&toks);
        let dctx = deadline::DeadlineContext { year: u.year };
        let deadlines = deadline::extract_deadlines(text, &key, &dctx, &exclude);
        if u.role == Role::Body && !u.history {
            let tctx = target::TargetContext {
                year: u.year,
                heading: u.heading.clone(),
                targets_section: u.targets,
                // "Kế hoạch CCHC hàng năm" names a plan: a recurrence does not end a metric.
                deadlines: deadlines
                    .iter()
                    .filter(|d| d.kind != DeadlineKind::Recurring)
                    .map(|d| d.span.start)
                    .collect(),
            };
            for mut t in target::extract_targets(text, &key, &tctx, &exclude) {
                if reports_past(t.year, issued) {
                    continue;
                }
                t.span = rebase(t.span);
                t.section = u.section.clone();
                doc.targets.push(t);
            }
        }
        if matches!(u.role, Role::Body | Role::Closing) {
            let kctx = task::TaskContext {
                heading_agency: u.heading_agency.clone(),
            };
            for mut t in task::extract_tasks(text, &toks, &found, &kctx) {
                t.deadline = nearest(&deadlines, t.span).map(|d| {
                    let mut d = d.clone();
                    d.span = rebase(d.span);
                    d.section = u.section.clone();
                    d
                });
                t.span = rebase(t.span);
                t.section = u.section.clone();
                doc.tasks.push(t);
            }
        }
        for mut d in deadlines {
            d.span = rebase(d.span);
            d.section = u.section.clone();
            doc.deadlines.push(d);
        }
        for mut m in agency::mentions(text, &toks, found) {
            m.span = rebase(m.span);
            mentions.push(m);
        }
    }
    // A time cell's deadline is listed once: not again when a paragraph gave it (a field is
    // read as body text too, but "Thời gian hoàn thành: 30/9/2026" has no deadline word for
    // it), nor when the row above did (a merged cell is copied into each row).
    let read = deadline::SpanSet::new(&doc.deadlines.iter().map(|d| d.span).collect::<Vec<_>>());
    let mut listed = HashSet::new();
    for t in &units.1 {
        let task = cell_task(t, src);
        if let Some(d) = &task.deadline
            && !read.overlaps(d.span.start, d.span.end)
            && listed.insert(d.span)
        {
            doc.deadlines.push(d.clone());
        }
        doc.tasks.push(task);
    }
    for row in &units.2 {
        row_targets(row, src, doc, issued);
    }
    // Targets and tasks in the order of the text, those of tables and field lists among those
    // of paragraphs.
    doc.targets.sort_by_key(|t| t.span.start);
    doc.tasks.sort_by_key(|t| t.span.start);
    doc.agencies = agency::aggregate(&mentions);
}

/// The task of a table row or field list: lead and support are the agency names of their cells,
/// the deadline is read from the time cell.
fn cell_task(t: &CellTask, src: &Source) -> Task {
    let cell = |r: Role_| crate::table::cell_in(&t.cells, r);
    let names = |r: Role_| -> Vec<String> {
        cell(r)
            .map(crate::table::agency_names)
            .unwrap_or_default()
            .into_iter()
            .map(|(n, _)| n)
            .collect()
    };
    let deadline = cell(Role_::Deadline).and_then(|c| {
        let ctx = deadline::DeadlineContext::default();
        let mut d = deadline::extract_deadlines(&c.text, &fold_key(&c.text), &ctx, &[])
            .into_iter()
            .next()?;
        let r = c.norm_range(d.span.start..d.span.end);
        d.span = src.map.span(r.start, r.end);
        d.section = t.section.clone();
        Some(d)
    });
    Task {
        section: t.section.clone(),
        text: cell(Role_::Task)
            .map(|c| c.text.clone())
            .unwrap_or_default(),
        lead: names(Role_::Lead),
        support: names(Role_::Support),
        deadline,
        product: cell(Role_::Product).map(|c| c.text.clone()),
        span: src.map.span(t.range.start, t.range.end),
    }
}

/// Whether a figure for `year`, in a document issued in year `issued`, reports the past.
fn reports_past(year: Option<i32>, issued: Option<i32>) -> bool {
    year.zip(issued).is_some_and(|(y, i)| y < i)
}

/// The targets of a row of a table of targets: one per planned figure, the year its column's;
/// none for a year before `issued`.
fn row_targets(row: &TargetRow, src: &Source, doc: &mut Document, issued: Option<i32>) {
    let cell = |r: Role_| crate::table::cell_in(&row.cells, r).map(|c| c.text.as_str());
    let Some(metric) = cell(Role_::Metric) else {
        return;
    };
    for (role, c) in &row.cells {
        let Role_::Value(year) = *role else {
            continue;
        };
        if reports_past(year, issued) {
            continue;
        }
        let Some(mut t) =
            target::cell_target(&c.text, metric, cell(Role_::Unit), year.or(row.year))
        else {
            continue;
        };
        let r = c.norm_range(t.span.start..t.span.end);
        t.span = src.map.span(r.start, r.end);
        t.section = row.section.clone();
        doc.targets.push(t);
    }
}

/// The deadline inside the task's span, else the one closest after it, else before it.
fn nearest(deadlines: &[Deadline], task: Span) -> Option<&Deadline> {
    let inside = deadlines
        .iter()
        .find(|d| d.span.start >= task.start && d.span.end <= task.end);
    inside
        .or_else(|| {
            deadlines
                .iter()
                .filter(|d| d.span.start >= task.end)
                .min_by_key(|d| d.span.start)
        })
        .or_else(|| {
            deadlines
                .iter()
                .filter(|d| d.span.end <= task.start)
                .max_by_key(|d| d.span.end)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_lines_are_short_and_without_figures() {
        let words = |n: usize| vec!["mục"; n].join(" ");
        assert!(is_group_line("* Mục tiêu đến năm 2025"));
        assert!(is_group_line(&words(GROUP_LINE_WORDS_MAX)));
        assert!(!is_group_line(&words(GROUP_LINE_WORDS_MAX + 1)));
        assert!(!is_group_line("Mục tiêu đạt 100% đến năm 2025"));
    }
}
