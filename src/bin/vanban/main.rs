//! `vanban`: the command-line face of the library, for batches of documents.
//!
//! The binary is thin on purpose: reading, parsing and JSON are the library's (`parse_bytes`,
//! `to_json`); this file only turns arguments into inputs, runs them on every core and writes the
//! results in input order. A file that cannot be read is named on stderr with the reason and the
//! batch goes on; the exit status says whether everything was read.

mod args;
mod inputs;
mod rows;
mod run;

use args::{Format, Layout, Mode, Parsed};
use inputs::Item;
use rows::Kind;
use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

const HELP: &str = "\
vanban — read Vietnamese party and state documents into vanban/1 JSON

USAGE:
    vanban extract [--pretty | --jsonl] [OPTIONS] INPUT...
    vanban targets [--format table|csv|json] [OPTIONS] INPUT...
    vanban tasks   [--format table|csv|json] [OPTIONS] INPUT...

INPUT is a file, a directory or - (standard input). A directory stands for the *.txt and *.md
files under it, recursively, sorted by path; README.md and hidden files are skipped. Input may be
UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy Vietnamese encoding (TCVN3/ABC, VNI,
Windows-1258), which is converted and noted in the document's diagnostics.

COMMANDS:
    extract   the vanban/1 JSON of each document, one per line, in input order
    targets   one row per target (chỉ tiêu): document, attachment, section, metric, comparator,
              value, value_max, unit, year, period, text
    tasks     one row per task (nhiệm vụ): document, attachment, section, text, lead, support,
              product, deadline, due
              Rows of attachments (a plan issued by a decision, an appendix) carry the attachment
              number (1, 2, 1.1 …) in the attachment column and their own section ids.

OPTIONS:
    --pretty          extract: indent the JSON
    --jsonl           extract: one line per document read, {\"path\": INPUT, \"schema\": \"vanban/1\", …}
                      (the path first, then the document's own fields)
    --format FORMAT   targets, tasks: table (default when stdout is a terminal), csv (RFC 4180,
                      the default otherwise) or json (one array of row objects)
    -j, --threads N   files read in parallel (default: the number of cores, or VANBAN_THREADS)
    -q, --quiet       no progress line on stderr (it is shown only on a terminal anyway)
    -h, --help        this text
    -V, --version     the version

EXIT STATUS:
    0  every input was read
    1  some input could not be read (each is named on stderr with the reason; the others are
       still written) or the output could not be written
    2  usage error

EXAMPLES:
    vanban extract --pretty corpus/002_a7fb780171e64d49.txt
    vanban extract --jsonl corpus/ > corpus.jsonl
    cat old-tcvn3.txt | vanban extract -
    vanban targets --format csv corpus/ > targets.csv
    vanban tasks corpus/107_chinh-phu-nq-97-2026-bo-sung-nhiem-vu-nq66-phu-luc.txt
    VANBAN_THREADS=1 vanban extract --jsonl big-folder/ > /dev/null
";

fn main() -> ExitCode {
    let args = match args::parse(std::env::args_os().skip(1)) {
        Ok(Parsed::Run(args)) => args,
        Ok(Parsed::Help) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Ok(Parsed::Version) => {
            println!("vanban {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(message) => return usage_error(&message),
    };
    let threads = match run::thread_count(args.threads) {
        Ok(n) => n,
        Err(message) => return usage_error(&message),
    };
    let job = Job::new(args.mode);
    let items = inputs::expand(&args.inputs);
    let mut progress = run::Progress::new(items.len(), args.quiet);
    let mut out = Writer {
        out: io::BufWriter::new(io::stdout().lock()),
        error: None,
    };
    let mut failed = false;
    let mut table_rows = Vec::new();
    let mut json_rows = 0usize;
    match job.output {
        Output::Rows(kind, Format::Csv) => out.put(&rows::csv_record(kind.header())),
        Output::Rows(_, Format::Json) => out.put("["),
        _ => true,
    };
    run::ordered(
        items.len(),
        threads,
        |i| job.run(&items[i]),
        |result| {
            match result {
                Ok(done) => {
                    match done.out {
                        Out::Text(text) => out.put(&text),
                        Out::JsonRows(rows) => rows.iter().all(|row| {
                            json_rows += 1;
                            out.put(if json_rows == 1 { "\n" } else { ",\n" }) && out.put(row)
                        }),
                        Out::Cells(cells) => {
                            table_rows.extend(cells);
                            true
                        }
                    };
                    progress.tick(done.bytes);
                }
                Err(failure) => {
                    failed = true;
                    progress.clear();
                    // What came before the failure reaches stdout before its message.
                    out.flush();
                    eprintln!("{}: {}", failure.name, failure.reason);
                    progress.tick(0);
                }
            }
            out.error.is_none()
        },
    );
    progress.clear();
    match job.output {
        Output::Rows(kind, Format::Table) => out.put(&rows::table(kind.header(), &table_rows)),
        Output::Rows(_, Format::Json) => out.put(if json_rows == 0 { "]\n" } else { "\n]\n" }),
        _ => true,
    };
    out.flush();
    match out.error {
        // The reader went away (`vanban … | head`): not an error of ours.
        Some(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Some(e) => {
            eprintln!("vanban: cannot write the output: {e}");
            failed = true;
        }
        None => {}
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Standard output that remembers its first error and then writes nothing more.
struct Writer<W: Write> {
    out: W,
    error: Option<io::Error>,
}

impl<W: Write> Writer<W> {
    /// Write `text`; `false` once writing has failed.
    fn put(&mut self, text: &str) -> bool {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(text.as_bytes())
        {
            self.error = Some(e);
        }
        self.error.is_none()
    }

    fn flush(&mut self) {
        if self.error.is_none()
            && let Err(e) = self.out.flush()
        {
            self.error = Some(e);
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("vanban: {message}\nTry `vanban --help` for usage.");
    ExitCode::from(2)
}

/// What to produce for every input.
#[derive(Clone, Copy)]
enum Output {
    /// `extract`.
    Documents(Layout),
    /// `targets` / `tasks`, with the format resolved.
    Rows(Kind, Format),
}

/// The per-input work, shared by all threads.
struct Job {
    output: Output,
}

/// A finished input: its size and what to write for it.
struct Done {
    bytes: usize,
    out: Out,
}

/// What one input contributes to the output.
enum Out {
    /// Written as it is.
    Text(String),
    /// Rows of the JSON array.
    JsonRows(Vec<String>),
    /// Table rows, written at the end once column widths are known.
    Cells(Vec<Vec<String>>),
}

/// An input that could not be read.
struct Failure {
    name: String,
    reason: String,
}

impl Job {
    fn new(mode: Mode) -> Job {
        let default_format = || {
            if io::stdout().is_terminal() {
                Format::Table
            } else {
                Format::Csv
            }
        };
        let output = match mode {
            Mode::Extract(layout) => Output::Documents(layout),
            Mode::Targets(f) => Output::Rows(Kind::Targets, f.unwrap_or_else(default_format)),
            Mode::Tasks(f) => Output::Rows(Kind::Tasks, f.unwrap_or_else(default_format)),
        };
        Job { output }
    }

    /// Read, parse and render one input.
    fn run(&self, item: &Item) -> Result<Done, Failure> {
        let name = item.name();
        let fail = |reason: String| Failure {
            name: name.clone(),
            reason,
        };
        let bytes = match item {
            Item::Stdin => {
                let mut buf = Vec::new();
                io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
            }
            Item::File(path) => std::fs::read(path),
            Item::Unreadable { reason, .. } => return Err(fail(reason.clone())),
        }
        .map_err(|e| fail(e.to_string()))?;
        let doc = vanban::parse_bytes(&bytes).map_err(|e| fail(e.to_string()))?;
        let out = match self.output {
            Output::Documents(Layout::Compact) => Out::Text(vanban::to_json(&doc) + "\n"),
            Output::Documents(Layout::Pretty) => Out::Text(vanban::to_json_pretty(&doc) + "\n"),
            Output::Documents(Layout::Jsonl) => {
                let json = vanban::to_json(&doc);
                let rest = json
                    .strip_prefix('{')
                    .ok_or_else(|| fail("the document has no JSON form".into()))?;
                let path = serde_json::to_string(&name).unwrap_or_default();
                let sep = if rest.starts_with('}') { "" } else { "," };
                Out::Text(format!("{{\"path\":{path}{sep}{rest}\n"))
            }
            Output::Rows(kind, Format::Json) => Out::JsonRows(rows::json_rows(&doc, &name, kind)),
            Output::Rows(kind, Format::Csv) => Out::Text(
                rows::cells(&doc, &name, kind)
                    .iter()
                    .map(|r| rows::csv_record(r))
                    .collect(),
            ),
            Output::Rows(kind, Format::Table) => Out::Cells(rows::cells(&doc, &name, kind)),
        };
        Ok(Done {
            bytes: bytes.len(),
            out,
        })
    }
}
