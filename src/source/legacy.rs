//! Legacy 8-bit Vietnamese encodings (TCVN3/ABC, VNI, Windows-1258) that old files still use.
//!
//! Before Unicode, Vietnamese was typed in fonts that drew Vietnamese letters at the places of
//! Latin-1 letters: a file written with the ".VnTime" fonts (TCVN3, also called ABC) reads
//! `Céng hoµ x· héi` in any other font, one written with "VNI-Times" reads `Coäng hoøa xaõ hoäi`.
//! Windows-1258, Microsoft's Vietnamese code page, spells tones as combining marks after the letter.
//! None of these files says which table it uses, so every candidate table decodes the first
//! [`SAMPLE_MAX`] bytes and the one whose words look most like Vietnamese wins:
//!
//! ```text
//! valid  = decoded words with a non-ASCII letter that spell a Vietnamese syllable
//!          (onset? nucleus coda?, one tone at most, grammars/legacy_syllables.tsv)
//! winner = the table with the most valid words; ties go to more frequent syllables
//!          (của, và, các, hành, chính …)
//! accept = valid ≥ 3 and valid ≥ 60 % of the words with a non-ASCII letter
//! ```
//!
//! Input that looks like no Vietnamese under any table — binary files, other languages in Latin-1 —
//! is refused, so the caller reports a [`super::DecodeError`] rather than parsing garbage.
//!
//! The byte tables are data, reviewed against the published tables: `grammars/legacy_tcvn3.tsv`,
//! `grammars/legacy_vni.tsv`, `grammars/legacy_cp1258.tsv` (each file says where its rows come
//! from). Decoded text is NFC. A byte a table does not define becomes U+FFFD and counts against it.
//!
//! UTF-16 with a byte-order mark (what Windows Notepad calls "Unicode") is not a legacy code, but it
//! is the other way old Vietnamese text files fail to be UTF-8, and reading it costs little, so it
//! is recognised here too.
//!
//! Limitation: TCVN3 has no bytes for most capitals with a tone mark (`À`, `Ụ`, `Ủ` …); ABC users
//! typed the lowercase letter under an uppercase font (".VnTimeH"). Those letters are restored
//! only on lines written all in capitals (headings, signature blocks); elsewhere `Ủy ban` stays
//! `ủy ban`, as every converter leaves it.

use crate::lexicon::rows;
use once_cell::sync::Lazy;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use unicode_normalization::UnicodeNormalization;

/// A legacy encoding recognised in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LegacyEncoding {
    /// TCVN 5712 (ABC), the ".VnTime" fonts.
    Tcvn3,
    /// VNI (Windows), the "VNI-Times" fonts.
    Vni,
    /// Windows-1258 (Vietnamese code page).
    Windows1258,
    /// UTF-16 with a byte-order mark, little- or big-endian (Windows Notepad's "Unicode").
    Utf16,
}

impl fmt::Display for LegacyEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LegacyEncoding::Tcvn3 => "TCVN3 (ABC)",
            LegacyEncoding::Vni => "VNI (Windows)",
            LegacyEncoding::Windows1258 => "Windows-1258",
            LegacyEncoding::Utf16 => "UTF-16",
        })
    }
}

/// How many leading bytes are decoded with every candidate table to choose one: enough for
/// [`WORDS_MAX`] words of any real document, and a fixed cost whatever the input's size.
const SAMPLE_MAX: usize = 256 << 10;

/// How many non-ASCII words are scored per candidate. Right tables score above 99 % on real
/// documents and wrong ones below 45 %, so a few thousand words decide with a wide margin.
const WORDS_MAX: usize = 2000;

/// The least share, in percent, of decoded non-ASCII words that must be Vietnamese syllables. Right
/// tables score above 90 % on real documents (typos and foreign names make the rest); wrong tables
/// and binary data score below 30 %.
const SYLLABLE_SHARE_MIN: usize = 60;

/// The fewest Vietnamese words a text must show to be taken for a legacy encoding: one or two
/// non-ASCII bytes in an English or damaged file decode to some syllable by chance ("ố", "Ă").
const SYLLABLES_MIN: usize = 3;

/// The most control bytes (other than tab, line ends, form feed and DOS end-of-file) a text may
/// hold, in parts per thousand, before it is taken for binary data.
const CONTROL_PER_MILLE_MAX: usize = 5;

/// Candidates in the order ties are broken: the last one wins a tie, and TCVN3 was by far the
/// most used encoding for administrative documents, then VNI.
const CANDIDATES: [LegacyEncoding; 3] = [
    LegacyEncoding::Windows1258,
    LegacyEncoding::Vni,
    LegacyEncoding::Tcvn3,
];

/// Convert `bytes` (not valid UTF-8) from the legacy encoding they most likely use.
pub(crate) fn decode_legacy(bytes: &[u8]) -> Option<(String, LegacyEncoding)> {
    if let Some(text) = decode_utf16(bytes) {
        return Some((text, LegacyEncoding::Utf16));
    }
    if looks_binary(bytes) {
        return None;
    }
    let choose = |sample: &[u8]| {
        CANDIDATES
            .iter()
            .map(|&enc| (enc, decode_with(sample, enc).score()))
            .max_by_key(|&(_, s)| (s.valid, s.frequent))
    };
    let sample = &bytes[..bytes.len().min(SAMPLE_MAX)];
    let mut best = choose(sample)?;
    if best.1.words == 0 && sample.len() < bytes.len() {
        // The non-ASCII text starts after the sample: look at all of it.
        best = choose(bytes)?;
    }
    let (enc, score) = best;
    if !score.is_vietnamese() {
        return None;
    }
    Some((decode_with(bytes, enc).text, enc))
}

/// Whether `bytes` hold more control bytes than any text file does.
fn looks_binary(bytes: &[u8]) -> bool {
    let controls = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A)) || b == 0x7F)
        .count();
    controls * 1000 > bytes.len() * CONTROL_PER_MILLE_MAX
}

/// UTF-16 text with a byte-order mark, without the mark; `None` unless every unit decodes.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let big_endian = match bytes {
        [0xFF, 0xFE, ..] => false,
        [0xFE, 0xFF, ..] => true,
        _ => return None,
    };
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes[2..].chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let text = char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()?;
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
        .count();
    (controls * 1000 <= text.chars().count() * CONTROL_PER_MILLE_MAX).then_some(text)
}

/// Text decoded with one table, and how many bytes the table did not define.
struct Decoded {
    text: String,
    unmapped: usize,
}

impl Decoded {
    fn score(&self) -> Score {
        score(&self.text, self.unmapped)
    }
}

/// Decode every byte of `bytes` with `enc` (a single-byte table, not UTF-16).
fn decode_with(bytes: &[u8], enc: LegacyEncoding) -> Decoded {
    let mut d = match enc {
        LegacyEncoding::Vni => decode_vni(bytes),
        LegacyEncoding::Tcvn3 => decode_single(bytes, &TCVN3),
        LegacyEncoding::Windows1258 | LegacyEncoding::Utf16 => decode_single(bytes, &CP1258),
    };
    if d.text.chars().any(is_combining) {
        d.text = d.text.nfc().collect();
    }
    if enc == LegacyEncoding::Tcvn3 {
        d.text = restore_tcvn3_capitals(&d.text);
    }
    d
}

/// What bytes 0x80–0xFF of a single-byte code stand for; `None` where undefined.
type ByteTable = [Option<char>; 128];

/// Decode with a table for the upper half; ASCII stays ASCII.
fn decode_single(bytes: &[u8], table: &ByteTable) -> Decoded {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut unmapped = 0;
    for &b in bytes {
        if b < 0x80 {
            text.push(char::from(b));
        } else if let Some(c) = table[usize::from(b - 0x80)] {
            text.push(c);
        } else {
            text.push(char::REPLACEMENT_CHARACTER);
            unmapped += 1;
        }
    }
    Decoded { text, unmapped }
}

/// Decode VNI: a base byte and the tone byte after it form one letter; other bytes stand alone.
fn decode_vni(bytes: &[u8]) -> Decoded {
    let vni = &*VNI;
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut unmapped = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(c) = bytes
            .get(i + 1)
            .filter(|&&n| n >= 0x80)
            .and_then(|&n| vni.pair(b, n))
        {
            text.push(c);
            i += 2;
            continue;
        }
        if b < 0x80 {
            text.push(char::from(b));
        } else if let Some(c) = vni.single[usize::from(b - 0x80)] {
            text.push(c);
        } else {
            text.push(char::REPLACEMENT_CHARACTER);
            unmapped += 1;
        }
        i += 1;
    }
    Decoded { text, unmapped }
}

/// Whether `c` is a combining diacritical mark (what Windows-1258 and TCVN3 tone bytes decode to).
fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Uppercase the TCVN3 lowercase-only letters of lines written all in capitals: `MụC TIÊU` →
/// `MỤC TIÊU`. A line qualifies when it has at least two capitals and every lowercase letter on it
/// is one TCVN3 cannot write as a capital.
fn restore_tcvn3_capitals(text: &str) -> String {
    let lower_only = &*TCVN3_LOWER_ONLY;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let capitals = line.chars().filter(|c| c.is_uppercase()).count();
        let has_lower_only = line.chars().any(|c| lower_only.contains(&c));
        let all_caps = line
            .chars()
            .all(|c| !c.is_lowercase() || lower_only.contains(&c));
        if capitals >= 2 && has_lower_only && all_caps {
            out.extend(
                line.chars()
                    .map(|c| if lower_only.contains(&c) { upper(c) } else { c }),
            );
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The single-character capital of a Vietnamese letter.
fn upper(c: char) -> char {
    let mut u = c.to_uppercase();
    match (u.next(), u.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// The single-character lowercase of a Vietnamese letter.
fn lower(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// How Vietnamese a decoded text looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Score {
    /// Words with a non-ASCII letter that spell a Vietnamese syllable.
    valid: usize,
    /// Words with a non-ASCII letter, plus one per undefined byte.
    words: usize,
    /// Valid words that are among the most frequent syllables.
    frequent: usize,
}

impl Score {
    fn is_vietnamese(self) -> bool {
        self.valid >= SYLLABLES_MIN && self.valid * 100 >= self.words * SYLLABLE_SHARE_MIN
    }
}

/// Score `text`; words are runs of letters. ASCII-only words read the same in every table and
/// are not counted.
fn score(text: &str, unmapped: usize) -> Score {
    let mut s = Score {
        words: unmapped,
        ..Score::default()
    };
    for word in text.split(|c: char| !(c.is_alphabetic() || is_combining(c))) {
        if word.is_ascii() {
            continue;
        }
        if s.words >= WORDS_MAX {
            break;
        }
        s.words += 1;
        let word: String = word.chars().map(lower).collect();
        if is_syllable(&word) {
            s.valid += 1;
            if SYLLABLES.frequent.contains(word.as_str()) {
                s.frequent += 1;
            }
        }
    }
    s
}

/// Combining tone marks: huyền, sắc, ngã, hỏi, nặng.
const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// Whether a lowercase word spells one Vietnamese syllable: `onset? nucleus coda?` with at most
/// one tone, only sắc or nặng before a stop (`-c`, `-ch`, `-p`, `-t`: "các", "học", never "càc"),
/// and the spelling rules of the velars: `k`, `gh`, `ngh` before e, ê, i, y and `c`, `g`, `ng`
/// elsewhere ("kế", "ghi", "nghề" but "cộng", "gà", "ngày"; "gì" is `gi` + `ì`).
fn is_syllable(word: &str) -> bool {
    let mut tone = None;
    let mut bare = String::with_capacity(word.len());
    for c in word.nfd() {
        if TONES.contains(&c) {
            if tone.replace(c).is_some() {
                return false;
            }
        } else {
            bare.push(c);
        }
    }
    let bare: String = bare.nfc().collect();
    let syl = &*SYLLABLES;
    let stop_ok = matches!(tone, Some('\u{0301}' | '\u{0323}'));
    std::iter::once("")
        .chain(syl.onsets.iter().copied())
        .filter(|o| bare.starts_with(o))
        .any(|o| {
            let rhyme = &bare[o.len()..];
            std::iter::once("")
                .chain(syl.codas.iter().copied())
                .filter(|c| rhyme.ends_with(c))
                .any(|c| {
                    let nucleus = &rhyme[..rhyme.len() - c.len()];
                    // ă and â are short: they never end a syllable ("ăn", "cân", never "că").
                    let short_open = c.is_empty() && matches!(nucleus, "ă" | "â" | "oă" | "uâ");
                    let front = nucleus.starts_with(['e', 'ê', 'i', 'y']);
                    let velar_ok = match o {
                        "c" | "ng" => !front,
                        "g" => !front || nucleus.starts_with('i'),
                        "k" | "gh" | "ngh" => front,
                        _ => true,
                    };
                    velar_ok
                        && !short_open
                        && syl.nuclei.contains(nucleus)
                        && (stop_ok || !matches!(c, "c" | "ch" | "p" | "t"))
                })
        })
}

/// The spelling of a Vietnamese syllable, from `grammars/legacy_syllables.tsv`.
struct Syllables {
    onsets: Vec<&'static str>,
    nuclei: BTreeSet<&'static str>,
    codas: Vec<&'static str>,
    frequent: BTreeSet<&'static str>,
}

static SYLLABLES: Lazy<Syllables> = Lazy::new(|| {
    let mut s = Syllables {
        onsets: Vec::new(),
        nuclei: BTreeSet::new(),
        codas: Vec::new(),
        frequent: BTreeSet::new(),
    };
    for row in rows(crate::grammar!("legacy_syllables.tsv")) {
        match row[0] {
            "onset" => s.onsets.push(row[1]),
            "nucleus" => {
                s.nuclei.insert(row[1]);
            }
            "coda" => s.codas.push(row[1]),
            "frequent" => {
                s.frequent.insert(row[1]);
            }
            other => panic!("legacy_syllables.tsv: unknown part `{other}`"),
        }
    }
    s
});

/// A `U+XXXX` cell as a char.
fn code_point(file: &str, cell: &str) -> char {
    cell.strip_prefix("U+")
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .and_then(char::from_u32)
        .unwrap_or_else(|| panic!("{file}: `{cell}` is not a code point"))
}

/// A two-digit hex cell as a byte.
fn hex_byte(file: &str, cell: &str) -> u8 {
    u8::from_str_radix(cell, 16).unwrap_or_else(|_| panic!("{file}: `{cell}` is not a hex byte"))
}

/// A single-byte table from a `byte  unicode` file.
fn byte_table(file: &str, data: &'static str) -> ByteTable {
    let mut table = [None; 128];
    for row in rows(data) {
        let b = hex_byte(file, row[0]);
        assert!(b >= 0x80, "{file}: byte {b:02X} is ASCII");
        table[usize::from(b - 0x80)] = Some(code_point(file, row[1]));
    }
    table
}

/// Windows-1258.
static CP1258: Lazy<ByteTable> =
    Lazy::new(|| byte_table("legacy_cp1258.tsv", crate::grammar!("legacy_cp1258.tsv")));

/// TCVN3: its own upper half from 0xA0, Windows punctuation below (see the file).
static TCVN3: Lazy<ByteTable> = Lazy::new(|| {
    let mut table = byte_table("legacy_tcvn3.tsv", crate::grammar!("legacy_tcvn3.tsv"));
    table[..0x20].copy_from_slice(&CP1258[..0x20]);
    table
});

/// Lowercase letters of TCVN3 whose capital has no byte.
static TCVN3_LOWER_ONLY: Lazy<BTreeSet<char>> = Lazy::new(|| {
    let chars: BTreeSet<char> = TCVN3.iter().flatten().copied().collect();
    chars
        .iter()
        .copied()
        .filter(|&c| c.is_lowercase() && !chars.contains(&upper(c)))
        .collect()
});

/// VNI: letters of one or two bytes, and what a lone byte reads as.
struct Vni {
    single: ByteTable,
    pairs: BTreeMap<(u8, u8), char>,
}

impl Vni {
    /// The letter `base` and `tone` spell. A capital base with a lowercase tone byte (or the
    /// reverse) is read as the letter in the base's case.
    fn pair(&self, base: u8, tone: u8) -> Option<char> {
        if let Some(&c) = self.pairs.get(&(base, tone)) {
            return Some(c);
        }
        let c = *self
            .pairs
            .get(&(base, tone ^ 0x20))
            .filter(|_| tone >= 0xC0)?;
        let base_upper = base.is_ascii_uppercase() || (0xC0..0xE0).contains(&base);
        Some(if base_upper { upper(c) } else { lower(c) })
    }
}

static VNI: Lazy<Vni> = Lazy::new(|| {
    const FILE: &str = "legacy_vni.tsv";
    // A byte the table does not name reads as Windows-1252 shows it.
    let mut single: ByteTable = std::array::from_fn(|i| match i {
        0..0x20 => CP1258[i],
        _ => Some(char::from(0x80 + i as u8)),
    });
    let mut pairs = BTreeMap::new();
    for row in rows(crate::grammar!("legacy_vni.tsv")) {
        let c = code_point(FILE, row[1]);
        match row[0]
            .split(' ')
            .map(|h| hex_byte(FILE, h))
            .collect::<Vec<_>>()[..]
        {
            [b] if b >= 0x80 => single[usize::from(b - 0x80)] = Some(c),
            [a, b] => {
                assert!(
                    pairs.insert((a, b), c).is_none(),
                    "{FILE}: {} twice",
                    row[0]
                );
            }
            _ => panic!("{FILE}: `{}` is not one high byte or two bytes", row[0]),
        }
    }
    Vni { single, pairs }
});

#[cfg(test)]
mod tests {
    use super::*;

    /// The inverse of a decoding table: char → bytes (first spelling wins).
    fn inverse(enc: LegacyEncoding) -> BTreeMap<char, Vec<u8>> {
        let mut inv = BTreeMap::new();
        if enc == LegacyEncoding::Vni {
            for (&(a, b), &c) in &VNI.pairs {
                inv.insert(c, vec![a, b]);
            }
        }
        let table = match enc {
            LegacyEncoding::Vni => &VNI.single,
            LegacyEncoding::Tcvn3 => &*TCVN3,
            _ => &*CP1258,
        };
        for (i, c) in table.iter().enumerate() {
            if let Some(c) = *c {
                inv.entry(c).or_insert_with(|| vec![0x80 + i as u8]);
            }
        }
        inv
    }

    /// Encode NFC `text` as old software wrote it: Windows-1258 spells a letter it lacks as the
    /// bare letter and a tone byte; TCVN3 writes a capital it lacks as the lowercase letter.
    fn encode(text: &str, enc: LegacyEncoding) -> Vec<u8> {
        let inv = inverse(enc);
        let mut out = Vec::new();
        for c in text.nfc() {
            if c.is_ascii() {
                out.push(c as u8);
            } else if let Some(b) = inv
                .get(&c)
                .or_else(|| inv.get(&lower(c)).filter(|_| enc == LegacyEncoding::Tcvn3))
            {
                out.extend(b);
            } else {
                let tone = c.to_string().nfd().find(|m| TONES.contains(m));
                let tone = tone.unwrap_or_else(|| panic!("cannot encode {c:?} in {enc}"));
                let bare: String = c.to_string().nfd().filter(|m| *m != tone).nfc().collect();
                match bare.chars().next() {
                    Some(b) if b.is_ascii() => out.push(b as u8),
                    Some(b) => out.extend(&inv[&b]),
                    None => unreachable!(),
                }
                out.extend(&inv[&tone]);
            }
        }
        out
    }

    fn encode_cp1258(text: &str) -> Vec<u8> {
        encode(text, LegacyEncoding::Windows1258)
    }

    #[test]
    fn legacy_corpus_round_trips_in_every_encoding() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
        assert!(files.len() >= 5);
        for path in files {
            let original: String = std::fs::read_to_string(&path).unwrap().nfc().collect();
            for enc in CANDIDATES {
                let bytes = encode(&original, enc);
                let (text, got) = decode_legacy(&bytes).expect("should read the copy");
                assert_eq!(got, enc, "{}: should detect {enc}", path.display());
                if enc != LegacyEncoding::Tcvn3 {
                    assert_eq!(
                        text,
                        original,
                        "{}: should decode {enc} losslessly",
                        path.display()
                    );
                    continue;
                }
                assert_eq!(
                    encode(&text, enc),
                    bytes,
                    "{}: should decode TCVN3 losslessly",
                    path.display()
                );
                for (got, want) in text.lines().zip(original.lines()) {
                    let all_caps = want.chars().filter(|c| c.is_uppercase()).count() >= 2
                        && !want.chars().any(char::is_lowercase);
                    if all_caps {
                        assert_eq!(
                            got, want,
                            "should restore the capitals of an all-capital line"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn tables_load_with_every_letter() {
        let mut vni: BTreeSet<char> = VNI.pairs.values().copied().collect();
        assert_eq!(
            vni.len(),
            116,
            "should map every VNI pair to a different letter"
        );
        let singles = "ơưìíỉĩịỵđƠƯÌÍỈĨỊỴĐ".chars();
        vni.extend(singles.filter(|c| VNI.single.contains(&Some(*c))));
        assert_eq!(
            vni.len(),
            134,
            "should spell all 134 Vietnamese letters with diacritics"
        );
        let tcvn3 = TCVN3.iter().flatten().count();
        assert_eq!(
            tcvn3,
            96 + 23,
            "should define 0xA0–0xFF and the Windows punctuation"
        );
        let cp1258 = CP1258.iter().flatten().count();
        assert_eq!(cp1258, 128 - 9, "should leave the 9 undefined bytes out");
        assert!(SYLLABLES.nuclei.contains("ươ") && SYLLABLES.onsets.contains(&"ngh"));
    }

    #[test]
    fn legacy_vni_sample() {
        let (text, enc) =
            decode_legacy(b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam")
                .unwrap();
        assert_eq!(enc, LegacyEncoding::Vni);
        assert_eq!(
            text, "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "should support VNI"
        );
        let (text, _) = decode_legacy(b"\xd1\xd6\xd4\xcfC \xf1\xf6\xf4\xefc VIE\xc4T NAM").unwrap();
        assert_eq!(text, "ĐƯỢC được VIỆT NAM", "should support VNI capitals");
    }

    #[test]
    fn legacy_vni_mixed_case_tone_byte() {
        let d = decode_vni(b"A\xf8 Vie\xc4t");
        assert_eq!(
            d.text, "À Việt",
            "should read a capital tone byte after a lowercase base in the base's case"
        );
    }

    #[test]
    fn legacy_tcvn3_sample() {
        let (text, enc) =
            decode_legacy(b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam").unwrap();
        assert_eq!(enc, LegacyEncoding::Tcvn3);
        assert_eq!(
            text, "Cộng hoà xã hội chủ nghĩa Việt Nam",
            "should support TCVN3"
        );
    }

    #[test]
    fn legacy_tcvn3_capital_lines() {
        let (text, _) = decode_legacy(b"I. M\xf4C \xa7\xddCH\n\xf1y ban nh\xa9n d\xa9n").unwrap();
        assert_eq!(
            text, "I. MỤC ĐÍCH\nủy ban nhân dân",
            "should restore capitals on all-capital lines only"
        );
    }

    #[test]
    fn legacy_cp1258_round_trip() {
        let original =
            "Cộng hòa xã hội chủ nghĩa Việt Nam – Độc lập, Tự do, Hạnh phúc. Ủy ban nhân dân huyện";
        let bytes = encode_cp1258(original);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert!(
            bytes.contains(&0xF2),
            "should spell the dot below as a combining byte"
        );
        let (text, enc) = decode_legacy(&bytes).unwrap();
        assert_eq!(enc, LegacyEncoding::Windows1258);
        assert_eq!(
            text, original,
            "should compose Windows-1258 tone marks to NFC"
        );
    }

    #[test]
    fn legacy_utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Việt Nam\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode_legacy(&le),
            Some(("Việt Nam\n".to_owned(), LegacyEncoding::Utf16))
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend("Hà Nội".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_legacy(&be).map(|d| d.0), Some("Hà Nội".to_owned()));
    }

    #[test]
    fn legacy_rejects_other_languages_and_binary() {
        assert_eq!(
            decode_legacy(b"Se\xf1or Mu\xf1oz viv\xeda en la ma\xf1ana con ni\xf1os en Espa\xf1a"),
            None
        );
        assert_eq!(
            decode_legacy(b"Der B\xe4r l\xe4uft sch\xf6n \xfcber die Stra\xdfe"),
            None
        );
        assert_eq!(decode_legacy(b"\x00\x01\x02\xff\xfe\x80 abc \xe0"), None);
        assert_eq!(
            decode_legacy(b"ab\xff"),
            None,
            "should not take a lone byte for Vietnamese"
        );
    }

    #[test]
    fn syllables() {
        for ok in [
            "của", "nghiêng", "khuỷu", "quốc", "gì", "giữa", "được", "người", "thuở", "oanh",
        ] {
            assert!(is_syllable(ok), "should support `{ok}`");
        }
        for bad in [
            "céng", "viöt", "vieät", "bär", "càc", "hoµ", "señor", "ââ", "că", "â",
        ] {
            assert!(!is_syllable(bad), "should not support `{bad}`");
        }
    }
}
