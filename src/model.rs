//! The public typed model of a document: plain data with serde derives, no logic.
//!
//! Field names follow the `vanban/1` contract (see README.md); they are fixed. Every list is a
//! `Vec` so the JSON order is the document order and is deterministic.

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use serde::Serialize;

/// The schema string written at the top of every output.
pub const SCHEMA: &str = "vanban/1";

/// A parsed document: its identity, its section tree and what was extracted from it.
///
/// An attachment (a plan issued by a decision, an appendix) has the same shape, without `schema`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Document {
    /// `"vanban/1"` on the top-level document, absent on attachments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<&'static str>,
    /// Identity and surroundings of the document.
    pub document: DocumentInfo,
    /// The numbered section tree.
    pub sections: Vec<Section>,
    /// Quantified commitments (chỉ tiêu).
    pub targets: Vec<Target>,
    /// Dates, years and periods by which something must happen.
    pub deadlines: Vec<Deadline>,
    /// Duties with the agencies that lead and support them.
    pub tasks: Vec<Task>,
    /// Every agency named, de-duplicated.
    pub agencies: Vec<Agency>,
    /// Every document cited.
    pub citations: Vec<Citation>,
    /// Footnotes lifted out of the body.
    pub footnotes: Vec<Footnote>,
    /// What the parser was unsure of.
    pub diagnostics: Vec<Diagnostic>,
}

/// The kind of a document, from its title line or, when that is lost, from its body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Nghị quyết
    NghiQuyet,
    /// Kế hoạch
    KeHoach,
    /// Chương trình hành động (also "Chương trình" of a party committee)
    ChuongTrinhHanhDong,
    /// Chỉ thị
    ChiThi,
    /// Quyết định
    QuyetDinh,
    /// Báo cáo
    BaoCao,
    /// Thông báo
    ThongBao,
    /// Công văn
    CongVan,
    /// Phụ lục: an appendix issued with another document
    PhuLuc,
    /// Quy chế: rules a decision issues ("Quy chế phối hợp …")
    QuyChe,
    /// Quy định: regulations a decision or a party committee issues
    QuyDinh,
    /// Đề án: a scheme
    DeAn,
    /// Hướng dẫn: guidance
    HuongDan,
    /// Not recognised.
    #[default]
    Unknown,
}

/// Identity of a document and what surrounds its body.
#[derive(Clone, Debug, Default, Serialize)]
pub struct DocumentInfo {
    /// Document kind.
    pub kind: Kind,
    /// The document's own number (số, ký hiệu), never a cited one or a receipt stamp.
    pub number: Option<String>,
    /// Issue date, ISO 8601.
    pub date: Option<String>,
    /// Place of issue, from the place–date line.
    pub place: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Trích yếu: what the document is about.
    pub title: Option<String>,
    /// The documents this one carries out ("Thực hiện …", "Căn cứ …").
    pub implements: Vec<Citation>,
    /// Signature block.
    pub signature: Option<Signature>,
    /// Nơi nhận, one entry per item.
    pub recipients: Vec<String>,
    /// Documents issued by this one (a plan issued by a decision, an appendix).
    pub attachments: Vec<Document>,
    /// Closing paragraph(s) after the body that address the whole document.
    pub closing: Option<String>,
}

/// The signature block: on whose behalf (T/M, KT., TM.), the signer's position and name.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Signature {
    /// "T/M TỈNH ỦY", "KT. CHỦ TỊCH", "TM. CHÍNH PHỦ".
    pub authority: Option<String>,
    /// "BÍ THƯ", "PHÓ CHỦ TỊCH".
    pub position: Option<String>,
    /// The signer's name.
    pub name: Option<String>,
}

/// A numbered section; bullets stay in `text`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Section {
    /// Markers of the path from the top joined by '/', e.g. "II/1/1.2/1.2.1".
    pub id: String,
    /// The marker as written: "I-", "1.", "a)", "(1)", "Điều 1.".
    pub marker: String,
    /// A short title line, when the section has one.
    pub heading: Option<String>,
    /// The section's own text (not its children's), re-flowed; paragraphs joined by '\n'.
    pub text: String,
    /// From the marker to the end of the last child.
    pub span: Span,
    /// Sub-sections.
    pub children: Vec<Section>,
}

/// How a target's value is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// tối thiểu, ít nhất, từ … trở lên
    AtLeast,
    /// tối đa, không quá, dưới (as a cap)
    AtMost,
    /// trên, hơn
    MoreThan,
    /// a plain value: "100% văn bản …", "đạt 91%"
    Exactly,
    /// giảm 10%
    ReduceBy,
    /// tăng 20%
    IncreaseBy,
    /// từ 25 - 35%
    Range,
}

/// One quantified commitment.
#[derive(Clone, Debug, Serialize)]
pub struct Target {
    /// Id of the section it stands in.
    pub section: Option<String>,
    /// The clause that states it.
    pub text: String,
    /// The noun phrase measured.
    pub metric: String,
    /// The value (lower bound for ranges).
    pub value: f64,
    /// Upper bound of a range.
    pub value_max: Option<f64>,
    /// "%", "rank", "count", …
    pub unit: String,
    /// How the value is compared.
    pub comparator: Comparator,
    /// The year it is due, from the sentence or the enclosing context.
    pub year: Option<i32>,
    /// "yearly" for hằng năm / mỗi năm.
    pub period: Option<String>,
    /// Where it is stated.
    pub span: Span,
}

/// The kind of a deadline phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// trước ngày …
    Before,
    /// đến năm …, chậm nhất …
    By,
    /// ngày … (a point)
    On,
    /// trong năm …, Quý IV/2026, Tháng 3/2026
    During,
    /// kể từ ngày …
    From,
    /// hằng năm, hàng quý, 6 tháng
    Recurring,
}

/// How often a recurring deadline repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    /// hằng năm
    Yearly,
    /// hằng quý
    Quarterly,
    /// 6 tháng
    Semiannual,
    /// hằng tháng
    Monthly,
}

/// A date, year or period by which something must happen.
#[derive(Clone, Debug, Serialize)]
pub struct Deadline {
    /// Id of the section it stands in.
    pub section: Option<String>,
    /// The phrase as written (cleaned).
    pub text: String,
    /// Before, by, on, during, from or recurring.
    pub kind: DeadlineKind,
    /// A full date, ISO 8601.
    pub date: Option<String>,
    /// The year.
    pub year: Option<i32>,
    /// The quarter, 1–4.
    pub quarter: Option<u8>,
    /// The month, 1–12.
    pub month: Option<u8>,
    /// How often it repeats.
    pub recurrence: Option<Recurrence>,
    /// Where it is written.
    pub span: Span,
}

/// A duty with the agencies that carry it.
#[derive(Clone, Debug, Serialize)]
pub struct Task {
    /// Id of the section it stands in (an appendix group row for table tasks).
    pub section: Option<String>,
    /// What must be done.
    pub text: String,
    /// Agencies that lead (chủ trì, được giao, the heading agency of a duty list).
    pub lead: Vec<String>,
    /// Agencies that support (phối hợp).
    pub support: Vec<String>,
    /// The nearest deadline.
    pub deadline: Option<Deadline>,
    /// Sản phẩm / Kết quả of an appendix row.
    pub product: Option<String>,
    /// Where it is written.
    pub span: Span,
}

/// An agency named in the document, de-duplicated.
#[derive(Clone, Debug, Serialize)]
pub struct Agency {
    /// Canonical name, abbreviations expanded.
    pub name: String,
    /// Other spellings met in the text.
    pub aliases: Vec<String>,
    /// How many times it is named.
    pub mentions: usize,
}

/// A document cited by the text.
#[derive(Clone, Debug, Serialize)]
pub struct Citation {
    /// "nghi_quyet", "nghi_dinh", "quyet_dinh", "chi_thi", "ke_hoach", "thong_tu", "luat", "ket_luan", …
    pub kind: String,
    /// Số hiệu, e.g. "45/2020/NĐ-CP".
    pub number: Option<String>,
    /// Issue date, ISO 8601.
    pub date: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// The citation as written (cleaned).
    pub text: String,
    /// Where it is written.
    pub span: Span,
}

/// A footnote lifted out of the body.
#[derive(Clone, Debug, Serialize)]
pub struct Footnote {
    /// "1".
    pub marker: String,
    /// The footnote text, re-flowed.
    pub text: String,
    /// Where the footnote stands.
    pub span: Span,
    /// Where its marker is glued in the body, when found.
    pub ref_span: Option<Span>,
}
