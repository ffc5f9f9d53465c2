//! `vanban targets` and `vanban tasks`: the extraction flattened to one row per target or task,
//! for spreadsheets and quick reading.
//!
//! Rows come from the document and, recursively, from its attachments (a plan issued by a
//! decision, an appendix task table), whose rows carry the attachment's number in the
//! `attachment` column — `1` for the first, `1.2` for the second attachment of that one, empty for
//! the document itself — next to their own section ids. Lists (lead and support agencies) are
//! joined with `; `. The `due` column of a task is its deadline normalised: an ISO date, else
//! `YYYY-Qn`, `YYYY-MM` or `YYYY`, else the recurrence (`yearly`).

use serde::Serialize;
use vanban::{Deadline, Document, Target, Task};

/// Which rows.
#[derive(Clone, Copy)]
pub enum Kind {
    Targets,
    Tasks,
}

impl Kind {
    /// Column names, in order.
    pub fn header(self) -> &'static [&'static str] {
        match self {
            Kind::Targets => &[
                "document",
                "attachment",
                "section",
                "metric",
                "comparator",
                "value",
                "value_max",
                "unit",
                "year",
                "period",
                "text",
            ],
            Kind::Tasks => &[
                "document",
                "attachment",
                "section",
                "text",
                "lead",
                "support",
                "product",
                "deadline",
                "due",
            ],
        }
    }
}

/// The rows of `doc` read from `name`, as cells.
pub fn cells(doc: &Document, name: &str, kind: Kind) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    visit(doc, "", &mut |part, doc| match kind {
        Kind::Targets => rows.extend(doc.targets.iter().map(|t| target_cells(name, part, t))),
        Kind::Tasks => rows.extend(doc.tasks.iter().map(|t| task_cells(name, part, t))),
    });
    rows
}

/// The rows of `doc` as JSON objects, one string each: the model's own fields after `document`
/// and `attachment`.
pub fn json_rows(doc: &Document, name: &str, kind: Kind) -> Vec<String> {
    #[derive(Serialize)]
    struct Row<'a, T> {
        document: &'a str,
        attachment: Option<&'a str>,
        #[serde(flatten)]
        row: &'a T,
    }
    fn row<T: Serialize>(document: &str, part: &str, row: &T) -> String {
        let attachment = (!part.is_empty()).then_some(part);
        serde_json::to_string(&Row {
            document,
            attachment,
            row,
        })
        .unwrap_or_default()
    }
    let mut rows = Vec::new();
    visit(doc, "", &mut |part, doc| match kind {
        Kind::Targets => rows.extend(doc.targets.iter().map(|t| row(name, part, t))),
        Kind::Tasks => rows.extend(doc.tasks.iter().map(|t| row(name, part, t))),
    });
    rows
}

/// Call `f` on `doc` and on every attachment, depth first, with its attachment number.
fn visit(doc: &Document, part: &str, f: &mut impl FnMut(&str, &Document)) {
    f(part, doc);
    for (i, attachment) in doc.document.attachments.iter().enumerate() {
        let sub = if part.is_empty() {
            format!("{}", i + 1)
        } else {
            format!("{part}.{}", i + 1)
        };
        visit(attachment, &sub, f);
    }
}

fn target_cells(name: &str, part: &str, t: &Target) -> Vec<String> {
    vec![
        name.to_owned(),
        part.to_owned(),
        t.section.clone().unwrap_or_default(),
        t.metric.clone(),
        serde_name(&t.comparator),
        t.value.to_string(),
        t.value_max.map(|v| v.to_string()).unwrap_or_default(),
        t.unit.clone(),
        t.year.map(|y| y.to_string()).unwrap_or_default(),
        t.period.clone().unwrap_or_default(),
        t.text.clone(),
    ]
}

fn task_cells(name: &str, part: &str, t: &Task) -> Vec<String> {
    vec![
        name.to_owned(),
        part.to_owned(),
        t.section.clone().unwrap_or_default(),
        t.text.clone(),
        t.lead.join("; "),
        t.support.join("; "),
        t.product.clone().unwrap_or_default(),
        t.deadline
            .as_ref()
            .map(|d| d.text.clone())
            .unwrap_or_default(),
        t.deadline.as_ref().map(due).unwrap_or_default(),
    ]
}

/// A deadline as one sortable value.
fn due(d: &Deadline) -> String {
    match (&d.date, d.year, d.quarter, d.month) {
        (Some(date), ..) => date.clone(),
        (None, Some(y), Some(q), _) => format!("{y}-Q{q}"),
        (None, Some(y), None, Some(m)) => format!("{y}-{m:02}"),
        (None, Some(y), None, None) => y.to_string(),
        _ => d.recurrence.as_ref().map(serde_name).unwrap_or_default(),
    }
}

/// The JSON name of a unit enum variant (`at_least`, `yearly`).
fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// One CSV record with its CRLF line end (RFC 4180): a field holding a comma, a quote or a line
/// end is quoted, with quotes doubled.
pub fn csv_record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = String::new();
    for (i, field) in fields.iter().enumerate() {
        let field = field.as_ref();
        if i > 0 {
            line.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&field.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(field);
        }
    }
    line.push_str("\r\n");
    line
}

/// The widest a table column gets before its cells are cut with `…`.
const TABLE_COLUMN_MAX: usize = 48;

/// Rows as aligned columns; line ends inside cells become spaces, long cells are cut.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let clean = |cell: &str| -> Vec<char> {
        let chars: Vec<char> = cell
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if chars.len() > TABLE_COLUMN_MAX {
            let mut cut = chars[..TABLE_COLUMN_MAX - 1].to_vec();
            cut.push('…');
            cut
        } else {
            chars
        }
    };
    let header: Vec<Vec<char>> = header.iter().map(|h| h.chars().collect()).collect();
    let body: Vec<Vec<Vec<char>>> = rows
        .iter()
        .map(|r| r.iter().map(|c| clean(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(Vec::len).collect();
    for row in &body {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let rule: Vec<Vec<char>> = widths.iter().map(|&w| vec!['-'; w]).collect();
    let mut out = String::new();
    for row in std::iter::once(&header)
        .chain(std::iter::once(&rule))
        .chain(&body)
    {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.extend(cell);
            line.extend(std::iter::repeat_n(' ', w - cell.len()));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
