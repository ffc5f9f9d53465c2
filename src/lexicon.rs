//! The language data of `grammars/`, loaded once.
//!
//! Every grammar file is TSV: `#` starts a comment line, the first other line is the header,
//! then one entry per line with tab-separated columns. Files are compiled into the binary with
//! `include_str!` and parsed on first use into `once_cell` tables by the module that needs them.

/// Include a grammar file by its name under `grammars/`.
#[macro_export]
#[doc(hidden)]
macro_rules! grammar {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/grammars/", $name))
    };
}

/// The data rows of a TSV grammar file: comments, blank lines and the header row skipped,
/// every row split on tabs into exactly as many columns as the header has (missing → "").
pub(crate) fn rows(data: &'static str) -> Vec<Vec<&'static str>> {
    let mut lines = data
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    let width = lines.next().map_or(0, |h| h.split('\t').count());
    lines
        .map(|l| {
            let mut cols: Vec<&str> = l.split('\t').map(str::trim).collect();
            cols.resize(width, "");
            cols
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn rows_skip_comments_and_header() {
        let data = "# what\nkey\tvalue\n\na\t1\nb\n";
        assert_eq!(super::rows(data), vec![vec!["a", "1"], vec!["b", ""]]);
    }
}
