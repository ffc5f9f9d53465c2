//! A plain-text export says the same with or without its blank lines: PDF text comes
//! double-spaced, single-spaced, or with blank lines between paragraphs only, and the facts read
//! from it must not depend on which. Markdown exports are left out: there a blank line is syntax
//! (it ends a paragraph that the text's own wrapping does not).

use serde_json::Value;

/// The output without byte offsets (they move when lines are dropped) and diagnostics (they
/// describe the layout).
fn facts(doc: &vanban::Document) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(m) => {
                m.retain(|k, _| !matches!(k.as_str(), "span" | "ref_span" | "diagnostics"));
                m.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v: Value = serde_json::from_str(&vanban::to_json(doc)).unwrap();
    strip(&mut v);
    v
}

fn is_markdown(text: &str) -> bool {
    text.contains("**") || text.lines().any(|l| l.trim_start().starts_with('|'))
}

#[test]
fn plain_text_reads_the_same_without_blank_lines() {
    let mut checked = 0;
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        if is_markdown(&text) {
            continue;
        }
        let single: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(
            single.len() < text.lines().count(),
            "{path:?} has blank lines"
        );
        let (a, b) = (vanban::parse(&text), vanban::parse(&single.join("\n")));
        let (a, b) = (facts(&a), facts(&b));
        for key in a.as_object().unwrap().keys() {
            assert_eq!(a[key], b[key], "{path:?}: {key} should not change");
        }
        checked += 1;
    }
    assert!(
        checked >= 4,
        "plain-text corpus documents checked: {checked}"
    );
}
