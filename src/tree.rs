//! Stage 4 – the section tree.
//!
//! Markers are nested by their style, not by their look on the page (Markdown heading levels are
//! not trusted): a style not on the open path opens a new level below the current one; a style
//! already on the path closes back to that level and starts a sibling. So `I.` → `1.` → `a)` →
//! `(1)` nest, and the next `2.` closes `a)` and `(1)`. Each dotted depth (`1.2.` vs `1.2.1.`) is
//! its own style.

use crate::block::{Marker, Style};
use crate::diagnostic::Diagnostic;
use crate::text::Clean;
use std::collections::HashSet;

/// A section while the document is being built: cleaned texts that still map to the source.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    /// Path id, e.g. "II/1/1.2".
    pub id: String,
    /// The marker.
    pub marker: Marker,
    /// A short title, when the marker's paragraph has one.
    pub heading: Option<Clean>,
    /// The section's own paragraphs (the marker paragraph's text first, then plain paragraphs
    /// and bullets).
    pub paras: Vec<Clean>,
    /// Normalised range from the marker to the end of the last child.
    pub start: usize,
    /// End of the normalised range.
    pub end: usize,
    /// Sub-sections.
    pub children: Vec<Node>,
}

/// How deep sections may nest; a deeper marker is read as text of the deepest section.
const NESTING_MAX: usize = 12;

/// Builds the tree from paragraphs in document order.
#[derive(Default)]
pub(crate) struct TreeBuilder {
    roots: Vec<Node>,
    /// Styles of the open path, outermost first.
    path: Vec<Style>,
    /// Every id given so far: a repeat means the numbering restarted under a part the parser
    /// did not see as a section, and is reported once.
    ids: HashSet<String>,
    repeat_reported: bool,
}

impl TreeBuilder {
    /// Add a marker paragraph: a new section.
    pub(crate) fn open(
        &mut self,
        marker: Marker,
        heading: Option<Clean>,
        text: Option<Clean>,
        start: usize,
        end: usize,
        diags: &mut Vec<Diagnostic>,
    ) {
        let level = self
            .path
            .iter()
            .position(|&s| s == marker.style)
            .unwrap_or(self.path.len());
        if level >= NESTING_MAX {
            diags.push(Diagnostic::warning(
                "nesting-too-deep",
                format!("expected at most {NESTING_MAX} levels of numbering, found `{}` deeper; read as text", marker.text),
                None,
            ));
            let mut c = Clean::default();
            if let Some(t) = text {
                c.append(&t);
            }
            self.text(c, end);
            return;
        }
        self.path.truncate(level);
        self.path.push(marker.style);
        let parent_id = self.last_at(level).map(|n| n.id.clone());
        let id = match parent_id {
            Some(p) => format!("{p}/{}", marker.id),
            None => marker.id.clone(),
        };
        if !self.ids.insert(id.clone()) && !self.repeat_reported {
            self.repeat_reported = true;
            diags.push(Diagnostic::warning(
                "repeated-section-id",
                format!("section id `{id}` is given twice: the numbering restarts under a heading that is not read as a section"),
                None,
            ));
        }
        let node = Node {
            id,
            marker,
            heading,
            paras: text.into_iter().collect(),
            start,
            end,
            children: Vec::new(),
        };
        match level {
            0 => self.roots.push(node),
            _ => {
                let parent = self.last_mut_at(level - 1).expect("open path has a parent");
                parent.children.push(node);
            }
        }
        self.extend_path(end);
    }

    /// Add a plain paragraph or bullet to the deepest open section.
    pub(crate) fn text(&mut self, para: Clean, end: usize) {
        if let Some(n) = self.last_mut_at(self.path.len().saturating_sub(1))
            && !para.text.is_empty()
        {
            n.paras.push(para);
        }
        self.extend_path(end);
    }

    /// Whether any section is open.
    pub(crate) fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// The finished tree.
    pub(crate) fn finish(self) -> Vec<Node> {
        self.roots
    }

    /// The most recent node at `level` (0 = root).
    fn last_at(&self, level: usize) -> Option<&Node> {
        if level == 0 {
            return None;
        }
        let mut n = self.roots.last()?;
        for _ in 1..level {
            n = n.children.last()?;
        }
        Some(n)
    }

    fn last_mut_at(&mut self, level: usize) -> Option<&mut Node> {
        let mut n = self.roots.last_mut()?;
        for _ in 0..level {
            n = n.children.last_mut()?;
        }
        Some(n)
    }

    /// Every open section now reaches `end`.
    fn extend_path(&mut self, end: usize) {
        let mut cur = self.roots.last_mut();
        while let Some(n) = cur {
            n.end = n.end.max(end);
            cur = n.children.last_mut();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::scan_marker;

    fn build(markers: &[&str]) -> Vec<Node> {
        let mut b = TreeBuilder::default();
        let mut d = Vec::new();
        for (i, m) in markers.iter().enumerate() {
            b.open(scan_marker(m).unwrap(), None, None, i, i + 1, &mut d);
        }
        b.finish()
    }

    fn ids(nodes: &[Node], out: &mut Vec<String>) {
        for n in nodes {
            out.push(n.id.clone());
            ids(&n.children, out);
        }
    }

    #[test]
    fn styles_nest_and_close_back() {
        let t = build(&[
            "I.", "1.", "1.1.", "1.2.", "1.2.1.", "a)", "đ)", "2.", "2.1.", "II.", "1.",
        ]);
        let mut out = Vec::new();
        ids(&t, &mut out);
        assert_eq!(
            out,
            [
                "I",
                "I/1",
                "I/1/1.1",
                "I/1/1.2",
                "I/1/1.2/1.2.1",
                "I/1/1.2/1.2.1/a",
                "I/1/1.2/1.2.1/đ",
                "I/2",
                "I/2/2.1",
                "II",
                "II/1"
            ]
        );
        assert_eq!(
            t[0].end, 9,
            "should extend a section to the end of its last child"
        );
    }

    #[test]
    fn a_restarted_numbering_is_reported_once() {
        let mut d = Vec::new();
        let mut b = TreeBuilder::default();
        for (i, m) in ["1.", "2.", "1.", "2.", "1."].iter().enumerate() {
            b.open(scan_marker(m).unwrap(), None, None, i, i + 1, &mut d);
        }
        assert_eq!(b.finish().len(), 5);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "repeated-section-id");
        assert!(d[0].message.contains("`1`"), "{}", d[0].message);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let mut d = Vec::new();
        let mut b = TreeBuilder::default();
        let ms = [
            "I.",
            "1.",
            "1.1.",
            "1.1.1.",
            "1.1.1.1.",
            "1.1.1.1.1.",
            "1.1.1.1.1.1.",
            "a)",
            "(1)",
            "Điều 1.",
            "Chương I",
            "Mục 1",
            "Phần I",
        ];
        for (i, m) in ms.iter().enumerate() {
            b.open(scan_marker(m).unwrap(), None, None, i, i + 1, &mut d);
        }
        assert_eq!(d.len(), 1, "should report the marker past the limit");
    }
}
