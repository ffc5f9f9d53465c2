//! Turning the command line's files, directories and `-` into the ordered list of documents to
//! read.
//!
//! A directory stands for the `*.txt` and `*.md` files under it, recursively, sorted by path so a
//! batch's output order does not depend on the file system. `README.md` files (provenance notes,
//! as in `corpus/`) and hidden entries are skipped; symbolic links to directories are not followed,
//! so a link cycle cannot make the walk endless. A file named on the command line is read whatever
//! its extension. What cannot be listed stays in the list as an error, in its place, so the
//! batch reports it in order and goes on.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

/// One document to read, or a named input that cannot be.
pub enum Item {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
    /// An argument or directory that could not be listed, with the reason.
    Unreadable { name: String, reason: String },
}

impl Item {
    /// The name used on stderr, in `--jsonl` `path` and in the `document` column.
    pub fn name(&self) -> String {
        match self {
            Item::Stdin => "-".to_owned(),
            Item::File(path) => path.display().to_string(),
            Item::Unreadable { name, .. } => name.clone(),
        }
    }
}

/// Expand the command-line inputs, in order.
pub fn expand(args: &[OsString]) -> Vec<Item> {
    let mut items = Vec::new();
    for arg in args {
        if arg == "-" {
            items.push(Item::Stdin);
            continue;
        }
        let path = PathBuf::from(arg);
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                walk(&path, &mut found);
                found.sort_by(|a, b| sort_key(a).cmp(sort_key(b)));
                items.extend(found);
            }
            Ok(_) => items.push(Item::File(path)),
            Err(e) => items.push(Item::Unreadable {
                name: path.display().to_string(),
                reason: e.to_string(),
            }),
        }
    }
    items
}

/// Files sort by path; an unreadable directory sorts where its files would have been.
fn sort_key(item: &Item) -> &Path {
    match item {
        Item::File(p) => p,
        Item::Unreadable { name, .. } => Path::new(name),
        Item::Stdin => Path::new("-"),
    }
}

/// Collect the documents under `dir`.
fn walk(dir: &Path, found: &mut Vec<Item>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            found.push(Item::Unreadable {
                name: dir.display().to_string(),
                reason: e.to_string(),
            });
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                found.push(Item::Unreadable {
                    name: dir.display().to_string(),
                    reason: e.to_string(),
                });
                continue;
            }
        };
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, found);
        } else if is_document(&name) && (kind.is_file() || path.is_file()) {
            found.push(Item::File(path));
        }
    }
}

/// Whether a file in a walked directory is a document: `*.txt` or `*.md` but not `README.md`.
fn is_document(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.ends_with(".txt") || lower.ends_with(".md")) && lower != "readme.md"
}
