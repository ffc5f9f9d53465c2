//! Print the `vanban/1` JSON of one document: `cargo run --example extract FILE`.
//! Diagnostics go to stderr; the exit status is non-zero only when the file cannot be read.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match vanban::parse_bytes(&bytes) {
        Ok(doc) => {
            for d in &doc.diagnostics {
                eprintln!("{path}: {:?} {}: {}", d.severity, d.code, d.message);
            }
            println!("{}", vanban::to_json_pretty(&doc));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            ExitCode::FAILURE
        }
    }
}
