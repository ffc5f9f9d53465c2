//! Legacy encodings end to end: seed documents are written out in TCVN3, VNI and Windows-1258 with
//! the inverse of the crate's own tables (`grammars/legacy_*.tsv`), and reading the bytes back must
//! give the same document as the UTF-8 original, plus a `legacy-encoding-converted` diagnostic.
//!
//! Spans index the converted UTF-8 text, whose byte length differs from the original's, so the
//! comparisons drop spans and compare ids, text and values.

use serde_json::Value;
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// The seeds the tests convert: a hard-wrapped programme with dotted numbering and targets, and a
/// directive with letters and deadlines.
const SEEDS: [&str; 2] = ["002_a7fb780171e64d49.txt", "003_6d47f83dbdb88bf7.txt"];

fn seed(name: &str) -> String {
    let path = format!("{}/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `(bytes, char)` rows of a mapping table: the first column is one or two hex bytes, the second
/// `U+XXXX`.
fn table(data: &str) -> Vec<(Vec<u8>, char)> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| {
            let mut cols = l.split('\t');
            let bytes = cols.next().unwrap().split(' ');
            let bytes = bytes.map(|h| u8::from_str_radix(h, 16).unwrap()).collect();
            let cp = cols.next().unwrap().strip_prefix("U+").unwrap();
            (
                bytes,
                char::from_u32(u32::from_str_radix(cp, 16).unwrap()).unwrap(),
            )
        })
        .collect()
}

const CP1258: &str = include_str!("../grammars/legacy_cp1258.tsv");
const TCVN3: &str = include_str!("../grammars/legacy_tcvn3.tsv");
const VNI: &str = include_str!("../grammars/legacy_vni.tsv");

/// Windows punctuation (0x80–0x9F), which TCVN3 and VNI files share with Windows-1258.
fn windows_punctuation() -> impl Iterator<Item = (Vec<u8>, char)> {
    table(CP1258).into_iter().filter(|(b, _)| b[0] < 0xA0)
}

/// An encoder: char → bytes, and what to do with a char the table lacks.
struct Encoder {
    inverse: BTreeMap<char, Vec<u8>>,
}

impl Encoder {
    fn new(rows: impl IntoIterator<Item = (Vec<u8>, char)>) -> Encoder {
        let mut inverse = BTreeMap::new();
        for (bytes, c) in rows {
            inverse.entry(c).or_insert(bytes);
        }
        Encoder { inverse }
    }

    fn get(&self, c: char) -> Option<&[u8]> {
        self.inverse.get(&c).map(Vec::as_slice)
    }

    /// Encode NFC `text`; `fallback` spells a char the table lacks, or the test panics.
    fn encode(&self, text: &str, fallback: impl Fn(&Encoder, char) -> Option<Vec<u8>>) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len());
        for c in text.nfc() {
            if c.is_ascii() {
                out.push(c as u8);
            } else if let Some(b) = self.get(c) {
                out.extend_from_slice(b);
            } else {
                let b = fallback(self, c)
                    .unwrap_or_else(|| panic!("cannot encode {c:?} (U+{:04X})", c as u32));
                out.extend(b);
            }
        }
        out
    }
}

/// TCVN3 as ABC users typed it: a capital with a tone mark that has no byte is written as its
/// lowercase letter (shown in capitals by the ".VnTimeH" font).
fn encode_tcvn3(text: &str) -> Vec<u8> {
    let enc = Encoder::new(table(TCVN3).into_iter().chain(windows_punctuation()));
    enc.encode(text, |enc, c| {
        c.to_lowercase()
            .next()
            .and_then(|l| enc.get(l))
            .map(<[u8]>::to_vec)
    })
}

/// VNI: every Vietnamese letter has a spelling; other characters as Windows-1252 has them.
fn encode_vni(text: &str) -> Vec<u8> {
    let latin1 = (0xA0..=0xFFu8).map(|b| (vec![b], char::from(b)));
    let enc = Encoder::new(
        table(VNI)
            .into_iter()
            .chain(windows_punctuation())
            .chain(latin1),
    );
    enc.encode(text, |_, _| None)
}

/// Windows-1258 as Windows writes it: precomposed where the code page has the letter, else the
/// letter without its tone followed by the combining tone byte.
fn encode_cp1258(text: &str) -> Vec<u8> {
    let enc = Encoder::new(table(CP1258));
    enc.encode(text, |enc, c| {
        let tone = c
            .to_string()
            .nfd()
            .find(|m| "\u{300}\u{301}\u{303}\u{309}\u{323}".contains(*m))?;
        let bare: String = c.to_string().nfd().filter(|&m| m != tone).nfc().collect();
        let bare = bare.chars().next()?;
        let mut out = if bare.is_ascii() {
            vec![bare as u8]
        } else {
            enc.get(bare)?.to_vec()
        };
        out.extend_from_slice(enc.get(tone)?);
        Some(out)
    })
}

/// The JSON of `doc` without spans and diagnostics.
fn comparable(doc: &vanban::Document) -> Value {
    let mut v: Value = serde_json::from_str(&vanban::to_json(doc)).unwrap();
    v.as_object_mut().unwrap().remove("diagnostics");
    strip_spans(&mut v);
    v
}

fn strip_spans(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("span");
            map.remove("ref_span");
            map.values_mut().for_each(strip_spans);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_spans),
        _ => {}
    }
}

/// Lowercase every string and collapse its whitespace: what survives TCVN3's missing capitals.
fn case_folded(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(
            s.to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Value::Array(items) => Value::Array(items.iter().map(case_folded).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), case_folded(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn assert_converted(doc: &vanban::Document, name: &str) {
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.code == "legacy-encoding-converted"),
        "{name}: should say the input was converted, got {:?}",
        doc.diagnostics
    );
}

#[test]
fn legacy_vni_seed_parses_like_utf8() {
    for name in SEEDS {
        let original = seed(name);
        let bytes = encode_vni(&original);
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "{name}: the VNI copy should not be UTF-8"
        );
        let doc = vanban::parse_bytes(&bytes).expect("should read VNI");
        assert_converted(&doc, name);
        let expected = vanban::parse(&original);
        assert_eq!(
            comparable(&doc),
            comparable(&expected),
            "{name}: should parse the VNI copy like the original"
        );
    }
}

#[test]
fn legacy_tcvn3_seed_parses_like_utf8() {
    for name in SEEDS {
        let original = seed(name);
        let bytes = encode_tcvn3(&original);
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "{name}: the TCVN3 copy should not be UTF-8"
        );
        let doc = vanban::parse_bytes(&bytes).expect("should read TCVN3");
        assert_converted(&doc, name);
        let (got, expected) = (comparable(&doc), comparable(&vanban::parse(&original)));
        for key in ["sections", "targets"] {
            assert_eq!(
                case_folded(&got[key]),
                case_folded(&expected[key]),
                "{name}: should give the same {key} as the original, but for the capitals TCVN3 cannot write"
            );
        }
    }
}

#[test]
fn legacy_cp1258_seed_parses_like_utf8() {
    for name in SEEDS {
        let original = seed(name);
        let bytes = encode_cp1258(&original);
        let doc = vanban::parse_bytes(&bytes).expect("should read Windows-1258");
        assert_converted(&doc, name);
        assert_eq!(
            comparable(&doc),
            comparable(&vanban::parse(&original)),
            "{name}: should parse the Windows-1258 copy like the original"
        );
    }
}

#[test]
fn legacy_cp1258_round_trip_short() {
    let text = "Ủy ban nhân dân tỉnh Đắk Lắk: chỉ tiêu đạt 100% trước ngày 15 tháng 4 năm 2023.";
    let bytes = encode_cp1258(text);
    assert!(
        bytes.contains(&0xF2) && bytes.contains(&0xEC),
        "should use combining tone bytes"
    );
    let doc = vanban::parse_bytes(&bytes).expect("should read Windows-1258");
    assert_converted(&doc, "short");
    assert_eq!(comparable(&doc), comparable(&vanban::parse(text)));
}

#[test]
fn legacy_not_vietnamese_is_a_decode_error() {
    let latin1 = b"Le conseil municipal a d\xe9cid\xe9 de r\xe9duire les d\xe9penses de fa\xe7on tr\xe8s nette.";
    let err =
        vanban::parse_bytes(latin1).expect_err("should not take French in Latin-1 for Vietnamese");
    let first = latin1.iter().position(|&b| b >= 0x80);
    assert_eq!(
        Some(err.offset),
        first,
        "should point at the first byte that is not UTF-8"
    );
}
