//! Hand-checked facts about the corpus documents (`corpus/*.gold.json`), checked against the
//! parser's JSON with the semantics of `check_gold.py` (see corpus/README.md): strings compared
//! after folding case, white space, `**`, dashes and old/new tone placement; `key~` means
//! "contains". A snapshot says the output did not change; these facts say it is right.

use serde_json::Value;
use std::path::Path;

/// Old-style tone placement → new, so "uỷ" == "ủy" and "hoá" == "hóa".
const TONE: [(&str, &str); 15] = [
    ("oà", "òa"),
    ("oá", "óa"),
    ("oả", "ỏa"),
    ("oã", "õa"),
    ("oạ", "ọa"),
    ("oè", "òe"),
    ("oé", "óe"),
    ("oẻ", "ỏe"),
    ("oẽ", "õe"),
    ("oẹ", "ọe"),
    ("uỳ", "ùy"),
    ("uý", "úy"),
    ("uỷ", "ủy"),
    ("uỹ", "ũy"),
    ("uỵ", "ụy"),
];

fn norm(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut s: String = s.nfc().collect::<String>().to_lowercase();
    s = s.replace("**", "").replace(['–', '—'], "-");
    for (a, b) in TONE {
        s = s.replace(a, b);
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn get<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = doc;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        cur = match cur {
            Value::Array(a) => a.get(part.parse::<usize>().ok()?)?,
            Value::Object(o) => o.get(part)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => norm(x) == norm(y),
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-9
        }
        _ => a == b,
    }
}

fn contains(a: &Value, b: &Value) -> bool {
    let want = norm(b.as_str().unwrap_or_default());
    match a {
        Value::String(s) => norm(s).contains(&want),
        Value::Array(xs) => xs.iter().any(|x| contains(x, b)),
        Value::Object(o) => o.values().any(|x| contains(x, b)),
        _ => false,
    }
}

fn matches(obj: &Value, want: &Value) -> bool {
    let (Some(o), Some(w)) = (obj.as_object(), want.as_object()) else {
        return false;
    };
    w.iter().all(|(k, v)| match k.strip_suffix('~') {
        Some(k) => o.get(k).is_some_and(|x| contains(x, v)),
        None if v.is_object() => o.get(k).is_some_and(|x| matches(x, v)),
        None => same(o.get(k).unwrap_or(&Value::Null), v),
    })
}

fn walk<'a>(sections: &'a Value, out: &mut Vec<&'a Value>) {
    for s in sections.as_array().into_iter().flatten() {
        out.push(s);
        if let Some(c) = s.get("children") {
            walk(c, out);
        }
    }
}

/// Check one fact: `Ok(())` or why it failed.
fn check(doc: &Value, fact: &Value) -> Result<(), String> {
    if let Some(id) = fact.get("section").and_then(Value::as_str) {
        let tree = get(
            doc,
            fact.get("in").and_then(Value::as_str).unwrap_or("sections"),
        )
        .unwrap_or(&Value::Null);
        let mut all = Vec::new();
        walk(tree, &mut all);
        let s = all
            .iter()
            .find(|s| s.get("id").and_then(Value::as_str) == Some(id))
            .ok_or(format!("no section {id}"))?;
        let n = s
            .get("children")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let want = fact["children"].as_u64().unwrap() as usize;
        return if n == want {
            Ok(())
        } else {
            Err(format!("section {id} has {n} children"))
        };
    }
    let path = fact["path"].as_str().unwrap();
    let val = get(doc, path).unwrap_or(&Value::Null);
    let list = || match val {
        Value::Array(a) => a.iter().collect::<Vec<_>>(),
        v => vec![v],
    };
    if let Some(want) = fact.get("equals") {
        return if same(val, want) {
            Ok(())
        } else {
            Err(format!("{path} = {val}"))
        };
    }
    if let Some(want) = fact.get("count") {
        let n = val.as_array().map(Vec::len);
        return if n == want.as_u64().map(|w| w as usize) {
            Ok(())
        } else {
            Err(format!("{path} has {n:?} elements"))
        };
    }
    if let Some(want) = fact.get("min_count") {
        let n = val.as_array().map_or(0, Vec::len);
        return if n >= want.as_u64().unwrap() as usize {
            Ok(())
        } else {
            Err(format!("{path} has {n} elements"))
        };
    }
    if let Some(want) = fact.get("has") {
        let n = list().into_iter().filter(|x| matches(x, want)).count();
        let need = fact.get("min_matches").and_then(Value::as_u64).unwrap_or(1) as usize;
        return if n >= need {
            Ok(())
        } else {
            Err(format!("{path}: {n} element(s) match, {need} needed"))
        };
    }
    if let Some(want) = fact.get("not_has") {
        let n = list().into_iter().filter(|x| matches(x, want)).count();
        return if n == 0 {
            Ok(())
        } else {
            Err(format!("{path}: {n} element(s) match"))
        };
    }
    if let Some(want) = fact.get("headings").and_then(Value::as_array) {
        let got: Vec<String> = val
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| {
                s.get("heading")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        let ok = got.len() == want.len()
            && got
                .iter()
                .zip(want)
                .all(|(g, w)| norm(g).starts_with(&norm(w.as_str().unwrap())));
        return if ok {
            Ok(())
        } else {
            Err(format!("{path} headings = {got:?}"))
        };
    }
    Err(format!("unknown fact form {fact}"))
}

/// Whether a fact is about structure (the document frame, sections, footnotes) rather than
/// about what is extracted (targets, deadlines, tasks, agencies, citations).
fn is_structural(fact: &Value) -> bool {
    if fact.get("section").is_some() {
        return true;
    }
    let path = fact["path"].as_str().unwrap_or_default();
    let extracted = [
        "targets",
        "deadlines",
        "tasks",
        "agencies",
        "citations",
        "implements",
    ];
    !path.split('.').any(|p| extracted.contains(&p))
}

#[test]
fn structural_gold_facts_hold() {
    check_gold(is_structural);
}

#[test]
fn extraction_gold_facts_hold() {
    check_gold(|f| !is_structural(f));
}

fn check_gold(select: impl Fn(&Value) -> bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut golds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    golds.sort();
    assert!(golds.len() >= 7, "should find the gold files of the corpus");
    let mut failures = Vec::new();
    let mut total = 0;
    for g in golds {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
        let file = gold["file"].as_str().unwrap();
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let doc = vanban::parse_bytes(&bytes).expect("corpus documents are UTF-8");
        let json: Value = serde_json::from_str(&vanban::to_json(&doc)).unwrap();
        for fact in gold["facts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| select(f))
        {
            total += 1;
            if let Err(why) = check(&json, fact) {
                let what = fact.get("why").and_then(Value::as_str).unwrap_or("");
                failures.push(format!("{file}: {what} :: {fact} -> {why}"));
            }
        }
    }
    // Facts known not to hold yet are listed, with the reason, in corpus/gold_pending.tsv. The
    // list is strict both ways: a new failure fails, and so does a listed fact that now holds
    // (take it off the list). Facts themselves are never edited to pass.
    let pending_file = dir.join("gold_pending.tsv");
    let pending_text = std::fs::read_to_string(&pending_file).unwrap_or_default();
    let pending: Vec<&str> = pending_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').nth(1))
        .collect();
    let key = |f: &str| f.split(" -> ").next().unwrap_or(f).to_owned();
    let failing: Vec<String> = failures.iter().map(|f| key(f)).collect();
    let new: Vec<&String> = failures
        .iter()
        .filter(|f| !pending.contains(&key(f).as_str()))
        .collect();
    let fixed: Vec<&&str> = pending
        .iter()
        .filter(|p| selected_file_fact(p, &select) && !failing.iter().any(|f| f == *p))
        .collect();
    assert!(
        new.is_empty(),
        "{} of {total} gold facts fail:\n{}",
        new.len(),
        new.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        fixed.is_empty(),
        "these pending facts now hold; take them off corpus/gold_pending.tsv:\n{fixed:#?}"
    );
}

/// Whether a pending entry (`file: why :: fact`) is a fact of the selected kind.
fn selected_file_fact(entry: &str, select: &impl Fn(&Value) -> bool) -> bool {
    entry
        .split(" :: ")
        .nth(1)
        .and_then(|f| serde_json::from_str::<Value>(f).ok())
        .is_some_and(|f| select(&f))
}
