//! Legacy 8-bit Vietnamese encodings (TCVN3/ABC, VNI, Windows-1258) that old files still use.

/// A legacy encoding recognised in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegacyEncoding {
    /// TCVN 5712 (ABC), the ".VnTime" fonts.
    Tcvn3,
    /// VNI (Windows), the "VNI-Times" fonts.
    Vni,
    /// Windows-1258 (Vietnamese code page).
    Windows1258,
}

/// Convert `bytes` (not valid UTF-8) from the legacy encoding they most likely use.
pub(crate) fn decode_legacy(_bytes: &[u8]) -> Option<(String, LegacyEncoding)> {
    None
}
