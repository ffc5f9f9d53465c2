//! Throughput of the pipeline on real documents: every `corpus/*.txt` read at startup becomes a
//! bench case, so a new corpus document is measured without touching this file.
//!
//! Groups, all with `Throughput::Bytes`:
//! - `end_to_end`: `parse_bytes` + `to_json` per corpus file, what the CLI does per file;
//! - `stages`: each stage of `vanban::stages` over the whole corpus — `normalise` (decode,
//!   NFC, offset map), `lines` (with normalise: line classes, furniture, footnotes), `tables`
//!   (with lines: the task-table reader), `parse` (everything but JSON) — and each extractor
//!   over the corpus's section texts (their bytes are the throughput);
//! - `to_json`: serialising an already parsed document;
//! - `decode_normalise`: the normalise stage on the corpus reduced to structure-free prose
//!   (letters and spaces in 80-column lines) as UTF-8 NFC, as NFD (normalisation at work), and
//!   in the legacy encodings TCVN3 and VNI (detection and conversion at work).
//!
//! Run: `cargo bench --bench pipeline` (about two minutes).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use unicode_normalization::UnicodeNormalization;

/// `(file name, bytes)` of every corpus document, by name.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus/ should exist")
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("corpus file"))
        })
        .collect()
}

fn end_to_end(c: &mut Criterion) {
    let mut group = c.benchmark_group("end_to_end");
    for (name, bytes) in corpus() {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&name), &bytes, |b, bytes| {
            b.iter(|| vanban::to_json(&vanban::parse_bytes(black_box(bytes)).unwrap()))
        });
    }
    group.finish();
}

fn to_json(c: &mut Criterion) {
    let mut group = c.benchmark_group("to_json");
    for (name, bytes) in corpus() {
        let doc = vanban::parse_bytes(&bytes).unwrap();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(&name), &doc, |b, doc| {
            b.iter(|| vanban::to_json(black_box(doc)))
        });
    }
    group.finish();
}

/// The corpus as prose without structure: words of letters only, in lines of about 80 columns.
fn prose() -> String {
    let mut text = String::new();
    let mut column = 0;
    for (_, bytes) in corpus() {
        let doc = String::from_utf8(bytes).unwrap();
        for word in doc
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            if column + word.len() > 80 {
                text.push('\n');
                column = 0;
            } else if column > 0 {
                text.push(' ');
                column += 1;
            }
            text.push_str(word);
            column += word.len();
        }
    }
    text.push('\n');
    text
}

/// Encode NFC text with a `grammars/legacy_*.tsv` table read backwards (first spelling wins);
/// chars the table lacks are written in lowercase, as TCVN3 users did.
fn encode(text: &str, tables: &[&str]) -> Vec<u8> {
    let mut inverse = std::collections::BTreeMap::new();
    for line in tables.iter().flat_map(|t| t.lines()) {
        let mut cols = line.split('\t');
        let (Some(bytes), Some(cp)) = (cols.next(), cols.next()) else {
            continue;
        };
        let (Ok(bytes), Some(c)) = (
            bytes
                .split(' ')
                .map(|h| u8::from_str_radix(h, 16))
                .collect::<Result<Vec<u8>, _>>(),
            cp.strip_prefix("U+")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32),
        ) else {
            continue; // comments and the header
        };
        inverse.entry(c).or_insert(bytes);
    }
    let mut out = Vec::new();
    for c in text.chars() {
        match inverse
            .get(&c)
            .or_else(|| inverse.get(&c.to_lowercase().next().unwrap_or(c)))
        {
            Some(bytes) => out.extend(bytes),
            None if c.is_ascii() => out.push(c as u8),
            None => panic!("cannot encode {c:?}"),
        }
    }
    out
}

fn decode_normalise(c: &mut Criterion) {
    let prose = prose();
    let cp1258 = include_str!("../grammars/legacy_cp1258.tsv");
    let inputs = [
        ("utf8_nfc", prose.clone().into_bytes()),
        ("utf8_nfd", prose.nfd().collect::<String>().into_bytes()),
        (
            "tcvn3",
            encode(
                &prose,
                &[include_str!("../grammars/legacy_tcvn3.tsv"), cp1258],
            ),
        ),
        (
            "vni",
            encode(
                &prose,
                &[include_str!("../grammars/legacy_vni.tsv"), cp1258],
            ),
        ),
    ];
    let mut group = c.benchmark_group("decode_normalise");
    for (name, bytes) in inputs {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &bytes, |b, bytes| {
            b.iter(|| vanban::stages::normalise(black_box(bytes)))
        });
    }
    group.finish();
}

/// The text of every section of `sections` and below, in order.
fn section_texts(sections: &[vanban::Section], out: &mut Vec<String>) {
    for s in sections {
        out.extend(s.heading.clone());
        out.push(s.text.clone());
        section_texts(&s.children, out);
    }
}

/// A stage over a document's text.
type TextStage = fn(&str) -> usize;

/// An extractor stage over paragraph texts.
type Extractor = fn(&[String]) -> usize;

/// Each stage over the whole corpus (one figure per stage). Stages before the extractors repeat
/// the ones they need (`lines` includes `normalise`); each extractor reads the section texts of
/// the parsed corpus, and its throughput counts those bytes.
fn stages(c: &mut Criterion) {
    let docs = corpus();
    let texts: Vec<String> = docs
        .iter()
        .map(|(_, b)| String::from_utf8(b.clone()).expect("corpus is UTF-8"))
        .collect();
    let total: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let mut paragraphs = Vec::new();
    for (_, bytes) in &docs {
        let doc = vanban::parse_bytes(bytes).unwrap();
        section_texts(&doc.sections, &mut paragraphs);
        for a in &doc.document.attachments {
            section_texts(&a.sections, &mut paragraphs);
        }
    }
    let para_bytes: u64 = paragraphs.iter().map(|p| p.len() as u64).sum();
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(total));
    group.bench_function("normalise", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(_, d)| vanban::stages::normalise(black_box(d)))
                .sum::<usize>()
        })
    });
    let text_stages: [(&str, TextStage); 3] = [
        ("lines", vanban::stages::lines),
        ("tables", vanban::stages::tables),
        ("parse", |t| vanban::parse(t).sections.len()),
    ];
    for (name, f) in text_stages {
        group.bench_function(name, |b| {
            b.iter(|| texts.iter().map(|t| f(black_box(t))).sum::<usize>())
        });
    }
    group.throughput(Throughput::Bytes(para_bytes));
    let extractors: [(&str, Extractor); 4] = [
        ("citations", vanban::stages::citations),
        ("deadlines", vanban::stages::deadlines),
        ("targets", vanban::stages::targets),
        ("agencies_tasks", vanban::stages::agencies_and_tasks),
    ];
    for (name, f) in extractors {
        group.bench_function(name, |b| b.iter(|| f(black_box(&paragraphs))));
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = end_to_end, stages, to_json, decode_normalise
}
criterion_main!(benches);
