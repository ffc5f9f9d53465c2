//! The `vanban` binary: batches, formats, bad files among good ones, exit statuses.
//!
//! The throughput measurement (`cli_throughput_1_vs_2_threads`) is ignored by default; run it with
//! `cargo test --release --test cli -- --ignored --nocapture`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_vanban");

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn vanban(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("should run vanban")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout should be UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The documents a walk of `corpus/` reads: `*.txt` and `*.md` but not `README.md`.
fn corpus_documents() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_lowercase();
            (name.ends_with(".txt") || name.ends_with(".md")) && name != "readme.md"
        })
        .collect();
    files.sort();
    files
}

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("vanban-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// RFC 4180 records of `text`; panics on a malformed quote.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => {
                quoted = false;
                assert!(
                    matches!(chars.peek(), None | Some(',' | '\r')),
                    "a closing quote should end the field"
                );
            }
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty(), "a quote should only open a field");
                quoted = true;
            }
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "records should end with CRLF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("a bare LF should not end a record"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "quotes should be balanced");
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record should end with CRLF"
    );
    records
}

#[test]
fn cli_extract_jsonl_one_line_per_corpus_document() {
    let out = vanban(&["extract", corpus().to_str().unwrap(), "--jsonl"]);
    assert!(
        out.status.success(),
        "should read the whole corpus: {}",
        stderr(&out)
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let docs = corpus_documents();
    assert_eq!(
        lines.len(),
        docs.len(),
        "should print one line per document, README.md skipped"
    );
    for (line, path) in lines.iter().zip(&docs) {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line should be JSON");
        assert_eq!(
            v["path"],
            path.to_str().unwrap(),
            "should print documents in path order"
        );
        assert_eq!(v["schema"], "vanban/1");
        assert!(v["document"].is_object() && v["sections"].is_array());
    }
}

#[test]
fn cli_extract_single_file_is_the_library_json() {
    let path = corpus().join("003_6d47f83dbdb88bf7.txt");
    let out = vanban(&["extract", path.to_str().unwrap()]);
    assert!(out.status.success());
    let doc = vanban::parse_bytes(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(stdout(&out), vanban::to_json(&doc) + "\n");
    let pretty = vanban(&["extract", "--pretty", path.to_str().unwrap()]);
    assert_eq!(stdout(&pretty), vanban::to_json_pretty(&doc) + "\n");
}

#[test]
fn cli_extract_reads_stdin() {
    let path = corpus().join("002_a7fb780171e64d49.txt");
    let child = Command::new(BIN)
        .args(["extract", "--jsonl", "-"])
        .stdin(std::fs::File::open(&path).unwrap())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim_end()).unwrap();
    assert_eq!(v["path"], "-", "should name standard input `-`");
}

#[test]
fn cli_targets_csv_has_header_and_valid_records() {
    let path = corpus().join("002_a7fb780171e64d49.txt");
    let out = vanban(&["targets", path.to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let records = parse_csv(&stdout(&out));
    let header = [
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
    ];
    assert_eq!(records[0], header, "should start with the header row");
    let doc = vanban::parse_bytes(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(
        records.len() - 1,
        doc.targets.len(),
        "should print one row per target"
    );
    for (record, target) in records[1..].iter().zip(&doc.targets) {
        assert_eq!(
            record.len(),
            header.len(),
            "every record should have every column"
        );
        assert_eq!(record[0], path.to_str().unwrap());
        assert_eq!(
            record[10], target.text,
            "should keep the text exactly, quoted as needed"
        );
        assert_eq!(record[5].parse::<f64>().unwrap(), target.value);
    }
}

#[test]
fn cli_tasks_json_and_table() {
    let dir = corpus();
    let json = vanban(&["tasks", "--format=json", dir.to_str().unwrap()]);
    assert!(json.status.success());
    let rows: serde_json::Value =
        serde_json::from_str(&stdout(&json)).expect("should print one JSON array");
    let expected: usize = corpus_documents()
        .iter()
        .map(|p| count_tasks(&vanban::parse_bytes(&std::fs::read(p).unwrap()).unwrap()))
        .sum();
    assert_eq!(
        rows.as_array().unwrap().len(),
        expected,
        "should include the tasks of attachments"
    );
    let table = vanban(&["tasks", "--format", "table", dir.to_str().unwrap()]);
    let text = stdout(&table);
    assert!(text.starts_with("document"), "should start with the header");
    assert_eq!(
        text.lines().count(),
        expected + 2,
        "should print a header, a rule and one line per task"
    );
}

fn count_tasks(doc: &vanban::Document) -> usize {
    doc.tasks.len()
        + doc
            .document
            .attachments
            .iter()
            .map(count_tasks)
            .sum::<usize>()
}

#[test]
fn cli_batch_with_bad_files_reports_each_and_exits_1() {
    let dir = TempDir::new("bad");
    let seeds = ["002_a7fb780171e64d49.txt", "003_6d47f83dbdb88bf7.txt"];
    for seed in seeds {
        std::fs::copy(corpus().join(seed), dir.0.join(seed)).unwrap();
    }
    let latin1: &[u8] = b"Le conseil a d\xe9cid\xe9 de r\xe9duire les d\xe9penses.";
    let offset = latin1.iter().position(|&b| b >= 0x80).unwrap();
    std::fs::write(dir.0.join("a_latin1.txt"), latin1).unwrap();
    std::fs::write(dir.0.join("b_empty.txt"), b"").unwrap();
    let mut binary: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    binary[..4].copy_from_slice(b"\x7fELF");
    std::fs::write(dir.0.join("c_binary.txt"), &binary).unwrap();
    std::fs::write(dir.0.join("README.md"), "# not a document\n").unwrap();

    let out = vanban(&["extract", "--jsonl", dir.0.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "should exit 1 when some input failed"
    );
    let err = stderr(&out);
    let latin1 = dir.0.join("a_latin1.txt");
    assert!(
        err.contains(&format!("{}: input is not UTF-8", latin1.display()))
            && err.contains(&format!("offset {offset})")),
        "should name the non-UTF-8 file with the offset: {err}"
    );
    assert!(
        err.contains("c_binary.txt: input is not UTF-8"),
        "should name the binary file: {err}"
    );
    assert_eq!(
        err.lines().count(),
        2,
        "should write one line per bad file: {err}"
    );
    let paths: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let name = |f: &str| dir.0.join(f).display().to_string();
    assert_eq!(
        paths,
        [name(seeds[0]), name(seeds[1]), name("b_empty.txt")],
        "should still write every good file"
    );
}

#[test]
fn cli_missing_file_is_named_and_the_rest_written() {
    let good = corpus().join("003_6d47f83dbdb88bf7.txt");
    let out = vanban(&[
        "extract",
        "--jsonl",
        "no/such/file.txt",
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("no/such/file.txt: "),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out).lines().count(), 1);
}

#[test]
fn cli_usage_errors_exit_2() {
    for args in [
        &[][..],
        &["frobnicate", "x"],
        &["extract"],
        &["extract", "--bogus", "x"],
        &["targets", "--format", "xml", "x"],
        &["targets", "--pretty", "x"],
        &["extract", "--format", "csv", "x"],
        &["extract", "--pretty", "--jsonl", "x"],
        &["extract", "--threads", "0", "x"],
    ] {
        let out = vanban(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "should be a usage error: {args:?}"
        );
        assert!(
            stderr(&out).contains("--help"),
            "should point at --help: {args:?}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn cli_help_and_version() {
    let out = vanban(&["--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    for needle in [
        "USAGE",
        "EXAMPLES",
        "--jsonl",
        "--format",
        "--threads",
        "VANBAN_THREADS",
        "EXIT STATUS",
    ] {
        assert!(help.contains(needle), "help should mention {needle}");
    }
    assert!(vanban(&["-V"]).status.success());
}

#[test]
fn cli_threads_do_not_change_the_output() {
    let dir = corpus();
    let one = vanban(&[
        "extract",
        "--jsonl",
        "--threads",
        "1",
        dir.to_str().unwrap(),
    ]);
    let many = Command::new(BIN)
        .args(["extract", "--jsonl", dir.to_str().unwrap()])
        .env("VANBAN_THREADS", "4")
        .output()
        .unwrap();
    assert!(one.status.success() && many.status.success());
    assert_eq!(
        one.stdout, many.stdout,
        "should write in input order whatever the thread count"
    );
}

/// Measures the CLI over ~1000 documents (copies of the corpus) with 1 and 2 threads.
#[test]
#[ignore = "measurement: cargo test --release --test cli -- --ignored --nocapture"]
fn cli_throughput_1_vs_2_threads() {
    let dir = TempDir::new("throughput");
    let docs = corpus_documents();
    let mut bytes = 0u64;
    for i in 0..1000 {
        let src = &docs[i % docs.len()];
        let dst = dir.0.join(format!(
            "{i:04}_{}",
            src.file_name().unwrap().to_string_lossy()
        ));
        bytes += std::fs::copy(src, dst).unwrap();
    }
    let mut seconds = Vec::new();
    for threads in ["1", "2"] {
        let start = std::time::Instant::now();
        let out = Command::new(BIN)
            .args([
                "extract",
                "--jsonl",
                "--threads",
                threads,
                dir.0.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        let s = start.elapsed().as_secs_f64();
        assert!(out.success());
        println!(
            "threads={threads}: {:.2} s, {:.1} MB/s over {:.1} MB",
            s,
            bytes as f64 / 1e6 / s,
            bytes as f64 / 1e6
        );
        seconds.push(s);
    }
    println!("speed-up 2 vs 1 thread: {:.2}x", seconds[0] / seconds[1]);
}
