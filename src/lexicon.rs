//! The language data of `grammars/`, loaded once.
//!
//! Every grammar file is TSV: `#` starts a comment line, the first other line is the header,
//! then one entry per line with tab-separated columns. Files are compiled into the binary with
//! `include_str!` and parsed on first use into `once_cell` tables by the module that needs them.

use once_cell::sync::Lazy;
use regex::Regex;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

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

/// A map from grammar entries (words, phrases, letters) to what they stand for.
///
/// Built once from `grammars/`, then only read with words of the text. SipHash, the standard
/// map's hasher, guards against keys chosen to collide; no key of the text is ever inserted
/// here, so a lookup costs at most the longest probe the grammar's own keys make, and the
/// cheaper hash is safe. Lookups happen for every word of every paragraph.
pub(crate) type Table<K, V> = HashMap<K, V, BuildHasherDefault<TableHasher>>;

/// The multiply-rotate word hash of rustc's `FxHasher`, eight bytes at a time.
#[derive(Clone, Copy, Default)]
pub(crate) struct TableHasher(u64);

impl TableHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for TableHasher {
    /// Eight bytes at a time, little-endian, the last chunk padded with zeros; the short last
    /// chunk is gathered byte by byte rather than copied, which would call `memcpy`.
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let word = rest
                .iter()
                .enumerate()
                .fold(0, |w, (k, &b)| w | u64::from(b) << (8 * k));
            self.add(word);
        }
    }

    /// The end mark of a `str` key: what `write(&[i])` adds.
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        // The multiply leaves its best bits high; the map picks buckets with the low ones.
        self.0.rotate_left(26)
    }
}

/// A set of phrases found as whole words in a matching key, longest first at each position:
/// what `\b(?:a|b|…)\b` finds, without `\b`.
///
/// A Unicode `\b` makes the regex crate leave its fast DFA for a backtracking engine on any text
/// that is not ASCII, which every Vietnamese text is; that engine cost more than the rest of the
/// deadline and citation readers together. Here the regex asks for a non-word character (or the
/// end) after the phrase, which the DFA can do, and the word boundary before the phrase is
/// checked by hand.
pub(crate) struct WordPhrases {
    re: Regex,
}

static WORD_CHAR: Lazy<Regex> = Lazy::new(|| Regex::new(r"\A\w").expect("valid regex"));

/// Is `c` a word character in the sense of the regex crate's `\w` (and so of `\b`)?
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '_'
        || (!c.is_ascii() && WORD_CHAR.is_match(c.encode_utf8(&mut [0; 4])))
}

impl WordPhrases {
    /// Phrases of words separated by single spaces; in the text any run of spaces or tabs may
    /// separate them. Each phrase starts and ends with a word character.
    pub(crate) fn new<'a>(phrases: impl IntoIterator<Item = &'a String>) -> Self {
        let mut list: Vec<&String> = phrases.into_iter().collect();
        list.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        list.dedup();
        let wordy = |p: &&String| {
            p.chars().next().is_some_and(is_word_char)
                && p.chars().next_back().is_some_and(is_word_char)
        };
        debug_assert!(
            list.iter().all(wordy),
            "a grammar phrase starts or ends with punctuation"
        );
        let alts: Vec<String> = list
            .iter()
            .map(|p| {
                p.split_whitespace()
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"[ \t]+")
            })
            .collect();
        let re = Regex::new(&format!(r"(?:{})(?:\W|\z)", alts.join("|")))
            .expect("grammar phrases build a valid regex");
        WordPhrases { re }
    }

    /// The byte range of the leftmost phrase that starts at or after `pos` as a whole word.
    pub(crate) fn find_at(&self, key: &str, mut pos: usize) -> Option<Range<usize>> {
        loop {
            let m = self.re.find_at(key, pos)?;
            let start = m.start();
            if key[..start].chars().next_back().is_some_and(is_word_char) {
                pos = start + key[start..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let end = match m.as_str().chars().next_back() {
                Some(c) if !is_word_char(c) => m.end() - c.len_utf8(),
                _ => m.end(),
            };
            return Some(start..end);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::hash::Hasher;

    #[test]
    fn table_hasher_reads_eight_byte_chunks_padded_with_zeros() {
        let reference = |bytes: &[u8]| {
            let mut h = 0u64;
            for chunk in bytes.chunks(8) {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                h = (h.rotate_left(5) ^ u64::from_le_bytes(word))
                    .wrapping_mul(0x517c_c1b7_2722_0a95);
            }
            h
        };
        let data: Vec<u8> = (0u8..40).map(|b| b.wrapping_mul(37) ^ 0xa5).collect();
        for n in 0..data.len() {
            let mut h = super::TableHasher::default();
            h.write(&data[..n]);
            assert_eq!(h.0, reference(&data[..n]), "{n} bytes");
            h.write_u8(0xff);
            let mut r = super::TableHasher::default();
            r.write(&data[..n]);
            r.write(&[0xff]);
            assert_eq!(h.0, r.0, "{n} bytes and an end mark");
        }
    }

    #[test]
    fn rows_skip_comments_and_header() {
        let data = "# what\nkey\tvalue\n\na\t1\nb\n";
        assert_eq!(super::rows(data), vec![vec!["a", "1"], vec!["b", ""]]);
    }

    proptest::proptest! {
        /// The same matches as the `\b` regex it stands for, on words made of the letters the
        /// phrases are made of, so that phrases occur inside longer words too.
        #[test]
        fn word_phrases_find_what_word_boundaries_find(
            text in "[ađnămquýIi2 \t,.]{0,30}",
            pos in 0usize..30,
        ) {
            let phrases: Vec<String> =
                ["năm", "quý", "quý i", "năm 2", "đ", "a"].map(String::from).to_vec();
            let words = super::WordPhrases::new(&phrases);
            let reference = regex::Regex::new(r"\b(?:năm[ \t]+2|quý[ \t]+i|năm|quý|đ|a)\b").unwrap();
            let mut pos = pos.min(text.len());
            while !text.is_char_boundary(pos) {
                pos -= 1;
            }
            proptest::prop_assert_eq!(
                words.find_at(&text, pos),
                reference.find_at(&text, pos).map(|m| m.range())
            );
        }
    }
}
