//! Command-line arguments, parsed with std only: the grammar is three subcommands and a handful
//! of flags, which a parser crate would not make clearer.

use std::ffi::OsString;

/// What the user asked for.
pub enum Parsed {
    /// Run a subcommand.
    Run(Args),
    /// Print the help text.
    Help,
    /// Print the version.
    Version,
}

/// A subcommand with its inputs and settings.
pub struct Args {
    pub mode: Mode,
    /// Files, directories and `-`, as given.
    pub inputs: Vec<OsString>,
    /// `--threads N`; `None` leaves the choice to `VANBAN_THREADS` or the core count.
    pub threads: Option<usize>,
    /// `--quiet`: no progress line.
    pub quiet: bool,
}

/// The subcommand.
pub enum Mode {
    /// `extract`: the `vanban/1` JSON of each document.
    Extract(Layout),
    /// `targets`: one row per target.
    Targets(Option<Format>),
    /// `tasks`: one row per task.
    Tasks(Option<Format>),
}

/// How `extract` lays out its documents.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One document per line.
    Compact,
    /// Indented.
    Pretty,
    /// One line per document with its `path` first.
    Jsonl,
}

/// The format of `targets` and `tasks`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for reading.
    Table,
    /// RFC 4180 CSV.
    Csv,
    /// One JSON array of row objects.
    Json,
}

/// Parse the arguments after the program name; `Err` holds a usage message.
pub fn parse(mut args: impl Iterator<Item = OsString>) -> Result<Parsed, String> {
    let Some(command) = args.next() else {
        return Err("no command given".into());
    };
    let mode = match command.to_str() {
        Some("-h" | "--help" | "help") => return Ok(Parsed::Help),
        Some("-V" | "--version") => return Ok(Parsed::Version),
        Some("extract") => Mode::Extract(Layout::Compact),
        Some("targets") => Mode::Targets(None),
        Some("tasks") => Mode::Tasks(None),
        _ => return Err(format!("unknown command `{}`", command.to_string_lossy())),
    };
    let mut parsed = Args {
        mode,
        inputs: Vec::new(),
        threads: None,
        quiet: false,
    };
    let mut options_done = false;
    while let Some(arg) = args.next() {
        let text = arg.to_str().unwrap_or("");
        if options_done || !text.starts_with('-') || text == "-" {
            parsed.inputs.push(arg);
            continue;
        }
        let (flag, inline) = match text.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (text, None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next().map(|v| v.to_string_lossy().into_owned()))
                .ok_or_else(|| format!("`{name}` needs a value"))
        };
        match (flag, &mut parsed.mode) {
            ("--", _) => options_done = true,
            ("-h" | "--help", _) => return Ok(Parsed::Help),
            ("-q" | "--quiet", _) => parsed.quiet = true,
            ("--threads" | "-j", _) => parsed.threads = Some(threads(&value(flag)?)?),
            ("--pretty", Mode::Extract(layout)) => set_layout(layout, Layout::Pretty)?,
            ("--jsonl", Mode::Extract(layout)) => set_layout(layout, Layout::Jsonl)?,
            ("--format", Mode::Targets(format) | Mode::Tasks(format)) => {
                *format = Some(match value(flag)?.as_str() {
                    "table" => Format::Table,
                    "csv" => Format::Csv,
                    "json" => Format::Json,
                    other => {
                        return Err(format!(
                            "unknown format `{other}` (expected table, csv or json)"
                        ));
                    }
                });
            }
            _ => {
                return Err(format!(
                    "unknown option `{flag}` for `{}`",
                    command.to_string_lossy()
                ));
            }
        }
    }
    if parsed.inputs.is_empty() {
        return Err("no input given (a file, a directory, or - for standard input)".into());
    }
    Ok(Parsed::Run(parsed))
}

fn set_layout(layout: &mut Layout, to: Layout) -> Result<(), String> {
    if *layout != Layout::Compact && *layout != to {
        return Err("`--pretty` and `--jsonl` exclude each other".into());
    }
    *layout = to;
    Ok(())
}

/// A thread count: a whole number of at least 1.
pub fn threads(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "thread count must be a whole number of at least 1, found `{text}`"
        )),
    }
}
