//! Every corpus document: the exact JSON we emit (an insta snapshot, reviewed like code) and the
//! invariants that say nothing was lost: every span lies inside the input on character
//! boundaries, child sections nest in their parent, siblings do not overlap.
//!
//! Rerun one document with `INSTA_GLOB_FILTER=003_* cargo test --test corpus`.

use vanban::{Document, Section, Span};

fn check_span(input: &str, s: Span, what: &str) {
    assert!(
        s.start <= s.end && s.end <= input.len(),
        "{what}: span {s:?} should lie inside the input"
    );
    assert!(
        input.is_char_boundary(s.start) && input.is_char_boundary(s.end),
        "{what}: span {s:?} should fall on character boundaries"
    );
}

fn check_sections(input: &str, parent: Option<Span>, sections: &[Section]) {
    let mut prev_end = 0;
    for s in sections {
        check_span(input, s.span, &s.id);
        if let Some(p) = parent {
            assert!(
                p.start <= s.span.start && s.span.end <= p.end,
                "{} should nest in its parent",
                s.id
            );
        }
        assert!(
            s.span.start >= prev_end,
            "{} should not overlap its previous sibling",
            s.id
        );
        prev_end = s.span.end;
        check_sections(input, Some(s.span), &s.children);
    }
}

/// The invariants every parse must keep.
pub fn check_invariants(input: &str, doc: &Document) {
    check_sections(input, None, &doc.sections);
    for f in &doc.footnotes {
        check_span(input, f.span, "footnote");
        if let Some(r) = f.ref_span {
            check_span(input, r, "footnote reference");
        }
    }
    let spans = doc
        .targets
        .iter()
        .map(|t| t.span)
        .chain(doc.deadlines.iter().map(|d| d.span))
        .chain(doc.tasks.iter().map(|t| t.span))
        .chain(doc.citations.iter().map(|c| c.span));
    for s in spans {
        check_span(input, s, "extracted value");
    }
    for a in &doc.document.attachments {
        check_invariants(input, a);
    }
}

#[test]
fn corpus_documents_match_their_snapshots() {
    insta::glob!("../corpus", "*.txt", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        let doc = vanban::parse(&input);
        check_invariants(&input, &doc);
        insta::assert_snapshot!("json", vanban::to_json_pretty(&doc));
    });
}
