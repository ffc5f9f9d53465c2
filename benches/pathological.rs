//! Generated inputs of growing size, end to end (`parse` + `to_json`), to catch superlinear
//! curves: with `Throughput::Bytes`, a linear pipeline shows the same MiB/s at every size, and a
//! quadratic step shows throughput falling as the input grows (pulldown-cmark's habit).
//!
//! Shapes, each at 16 KiB, 128 KiB and 1 MiB:
//! - `huge_line`: prose with markers, percentages and dates and no line end at all;
//! - `bullets`: `- …` items, all in one section (about 17k of them at 1 MiB);
//! - `deep_numbering`: dotted numbering cycling through 9 levels (`1.`, `1.1.` … `1.1.1.1.1.1.1.1.1.`);
//! - `dates`: one paragraph of dates and quarters (about 1k at 64 KiB, 20k at 1 MiB);
//! - `letters`: `a)` … `y)` items restarting under `1.`, `2.` …;
//! - `pipe_table`: Markdown table rows of an appendix (TT | task | lead | support | deadline).
//!
//! Run: `cargo bench --bench pathological` (about a minute and a half).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

/// Input sizes, in bytes.
const SIZES: [usize; 3] = [16 << 10, 128 << 10, 1 << 20];

/// Repeat `item(i)` for i = 0, 1, … until the text reaches `size` bytes.
fn grow(size: usize, mut item: impl FnMut(usize) -> String) -> String {
    let mut text = String::with_capacity(size + 256);
    let mut i = 0;
    while text.len() < size {
        text.push_str(&item(i));
        i += 1;
    }
    text
}

fn huge_line(size: usize) -> String {
    grow(size, |i| {
        format!(
            "cải cách hành chính {i}. đạt {}% trước ngày {} tháng 4 năm 2025 (1) a) - ",
            i % 100,
            i % 28 + 1
        )
    })
}

fn bullets(size: usize) -> String {
    let head = "I. MỤC TIÊU\n1. Chỉ tiêu:\n";
    head.to_owned()
        + &grow(size, |i| {
            format!(
                "- Tỷ lệ hồ sơ số {i} được giải quyết đúng hạn đạt {}%;\n",
                i % 100
            )
        })
}

fn deep_numbering(size: usize) -> String {
    let mut counters = [0usize; 9];
    grow(size, |i| {
        let depth = i % 9;
        counters[depth] += 1;
        counters[depth + 1..].iter_mut().for_each(|c| *c = 0);
        let marker: Vec<String> = counters[..=depth]
            .iter()
            .map(|c| c.max(&1).to_string())
            .collect();
        format!(
            "{}. Nội dung mục cấp {} do Sở Nội vụ chủ trì\n",
            marker.join("."),
            depth + 1
        )
    })
}

fn dates(size: usize) -> String {
    let text = grow(size, |i| {
        format!(
            "trước ngày {} tháng {} năm {}, Quý {}/{}, ",
            i % 28 + 1,
            i % 12 + 1,
            2020 + i % 10,
            ["I", "II", "III", "IV"][i % 4],
            2020 + i % 10
        )
    });
    format!("1. Thời hạn: {text}.\n")
}

fn letters(size: usize) -> String {
    let letters = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s",
        "t", "u", "v", "x", "y",
    ];
    grow(size, |i| {
        let letter = letters[i % letters.len()];
        let head = if i % letters.len() == 0 {
            format!("{}. Nhiệm vụ nhóm {}\n", i / letters.len() + 1, i)
        } else {
            String::new()
        };
        format!("{head}{letter}) Ủy ban nhân dân huyện thực hiện nhiệm vụ {i};\n")
    })
}

fn pipe_table(size: usize) -> String {
    let head = "PHỤ LỤC\n| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n|---|---|---|---|---|\n";
    head.to_owned()
        + &grow(size, |i| {
            format!(
                "| {} | Xây dựng đề án số {i} | Sở Nội vụ | Các sở, ngành | Quý {}/2026 |\n",
                i + 1,
                i % 4 + 1
            )
        })
}

/// A generator: the input of about `size` bytes.
type Shape = fn(usize) -> String;

fn pathological(c: &mut Criterion) {
    let shapes: [(&str, Shape); 6] = [
        ("huge_line", huge_line),
        ("bullets", bullets),
        ("deep_numbering", deep_numbering),
        ("dates", dates),
        ("letters", letters),
        ("pipe_table", pipe_table),
    ];
    for (name, make) in shapes {
        let mut group = c.benchmark_group(name);
        for size in SIZES {
            let input = make(size);
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(size), &input, |b, input| {
                b.iter(|| vanban::to_json(&vanban::parse(black_box(input))))
            });
        }
        group.finish();
    }
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = pathological
}
criterion_main!(benches);
