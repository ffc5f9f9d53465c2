//! Tasks: duties with the agencies that lead (chủ trì) and support (phối hợp) them.
//!
//! # Where they occur
//! In the "Tổ chức thực hiện" part of plans, action programmes, resolutions and directives
//! ("5. Ban Tuyên giáo Thị ủy hướng dẫn phổ biến, quán triệt, tuyên truyền Nghị quyết 04 …"), in duty
//! lists headed by an agency ("1. Phòng Nội vụ:" then "- Chủ trì triển khai …"), and in closing
//! paragraphs ("Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các xã,
//! phường tổ chức quán triệt …", "Giao phòng Nội vụ chủ trì, phối hợp với …"). Appendix task tables
//! (chủ trì / phối hợp columns) are read elsewhere; their cells use [`super::agency`] only.
//!
//! # Grammar (non-normative)
//! ```text
//! paragraph := heading-duty? task*
//! task      := subject filler? (particle | lead | support | duty) …       at a paragraph or sentence start
//!            | opener … "," subject …                                    "Trên cơ sở …, Thủ trưởng … khẩn trương …"
//!            | assign "cho"? agencies …                                   "giao phòng Nội vụ …", "yêu cầu Thủ trưởng …"
//! subject   := agencies                       agencies := agency ((","|";"|"và"|"&") agency)*
//! lead      := "chủ trì"                      support  := "phối hợp" "chặt chẽ"? "với"? agencies
//! ```
//! Each task runs from where it starts to where the next one starts (or the paragraph ends). Its
//! leads are the subject or assigned agencies, or — for the text before any of these — the agency
//! the caller says heads the duty list ([`TaskContext::heading_agency`], several joined by "; ").
//! Its supports are the agencies after "phối hợp (với)" anywhere in it. Its text is the duty: what
//! follows the agencies with a leading "chủ trì" and "phối hợp với …" taken off; its span runs from
//! the start of the task (subject, "giao", "yêu cầu", or the first word of a headed item).
//!
//! A subject is an agency list at a paragraph or sentence start that a duty verb, a role word or a
//! particle ("có trách nhiệm") follows within a few words, with no "đã", "chưa", … between (those
//! report a state). When the verb is "yêu cầu"/"đề nghị"/"giao" + agencies, the subject is the one who
//! assigns and the assigned agencies lead instead. The words are in `grammars/task_roles.tsv`.
//!
//! Real lines:
//! - "Giao phòng Nội vụ chủ trì, phối hợp với Văn phòng HĐND-UBND thị xã hướng dẫn, đôn đốc …" →
//!   lead Phòng Nội vụ, support Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã, text
//!   "hướng dẫn, đôn đốc …"
//! - "Ủy ban Kiểm tra Huyện ủy phối hợp với các Ban xây dựng Đảng, Văn phòng Huyện ủy theo dõi, đôn
//!   đốc …" → lead Ủy ban Kiểm tra Huyện ủy, support Các Ban xây dựng Đảng, Văn phòng Huyện ủy
//! - under "3. Sở Nội vụ": "c) Phối hợp Văn phòng UBND tỉnh đánh giá chất lượng phục vụ …" → lead
//!   Sở Nội vụ, support Văn phòng Ủy ban nhân dân tỉnh
//!
//! A paragraph with no subject, no assignment and no heading agency yields no task: "Tăng cường
//! công tác thanh tra" on its own says nothing about who does it.
//!
//! # References
//! - Nghị định 30/2020/NĐ-CP, Phụ lục I (the "Tổ chức thực hiện" part of a plan, the "Nơi nhận").
//! - Quyết định 28/2018/QĐ-TTg and its successors on plan and report formats (chủ trì, phối hợp).

/// The agency (or agencies joined by "; ") a duty-list heading consists of; see
/// [`super::agency::heading_agency`].
pub(crate) use super::agency::heading_agency;
use super::agency::{Found, Phrases, Tok, first_content, phrase_words};
use crate::lexicon::rows;
use crate::model::Task;
use crate::span::Span;
use once_cell::sync::Lazy;

/// What the caller knows around the text.
#[derive(Clone, Debug, Default)]
pub(crate) struct TaskContext {
    /// The agency a duty list is headed by ("1. Phòng Nội vụ:" above "- Chủ trì …"), canonical;
    /// several agencies joined by "; " (as [`super::agency::heading_agency`] gives them).
    pub heading_agency: Option<String>,
}

/// The role a word gives in a duty sentence (see `grammars/task_roles.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// "chủ trì"
    Lead,
    /// "phối hợp với"
    Support,
    /// "giao", "yêu cầu", "đề nghị"
    Assign,
    /// A verb that opens a duty.
    Duty,
    /// "có trách nhiệm"
    Particle,
    /// "theo", "từ": may follow a subject before its duty.
    Filler,
    /// "Trên cơ sở", "Đồng thời": opens a sentence whose subject follows a comma.
    Opener,
    /// "đã", "chưa": a report, not a duty.
    Negative,
    /// Function words.
    Boundary,
}

static ROLES: Lazy<Phrases<Role>> = Lazy::new(|| {
    let rows = rows(crate::grammar!("task_roles.tsv"))
        .into_iter()
        .filter_map(|r| {
            let role = match r[0] {
                "lead" => Role::Lead,
                "support" => Role::Support,
                "assign" => Role::Assign,
                "duty" => Role::Duty,
                "particle" => Role::Particle,
                "filler" => Role::Filler,
                "opener" => Role::Opener,
                "negative" => Role::Negative,
                "boundary" => Role::Boundary,
                _ => return None,
            };
            Some((phrase_words(r[1]), role))
        })
        .collect();
    Phrases::new(rows)
});

/// The longest role phrase at token `i` among `want` (any role when `want` is empty).
pub(crate) fn role_at(toks: &[Tok], i: usize, want: &[Role]) -> Option<(Role, usize)> {
    ROLES
        .longest(toks, i, |r| want.is_empty() || want.contains(r))
        .map(|(r, len)| (*r, len))
}

/// Every task stated in `text`; spans into `text`.
///
/// Reads the tokens of `text` and the agency names found in them, which the agency extractor
/// shares.
pub(crate) fn extract_tasks(
    text: &str,
    toks: &[Tok],
    found: &[Found],
    ctx: &TaskContext,
) -> Vec<Task> {
    if toks.is_empty() {
        return Vec::new();
    }
    let mut at = vec![None; toks.len()];
    for (k, f) in found.iter().enumerate() {
        at[f.a] = Some(k);
    }
    let r = Reader {
        text,
        t: toks,
        found,
        at,
    };
    let first = first_content(toks);
    let triggers = r.triggers(first);

    let mut segments: Vec<(usize, usize, usize, Vec<String>)> = Vec::new();
    let heading: Vec<String> = ctx
        .heading_agency
        .as_deref()
        .unwrap_or("")
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let first_trigger = triggers.first().map_or(toks.len(), |t| t.start);
    if !heading.is_empty() && first_trigger > first {
        segments.push((first, first, first_trigger, heading));
    }
    for (x, t) in triggers.iter().enumerate() {
        let end = triggers.get(x + 1).map_or(toks.len(), |u| u.start);
        segments.push((t.start, t.from, end, t.leads.clone()));
    }
    segments
        .into_iter()
        .filter_map(|(s, from, end, leads)| r.task(s, from, end, leads))
        .collect()
}

/// Where a task starts, who leads it and where its duty starts.
#[derive(Debug)]
struct Trigger {
    start: usize,
    from: usize,
    leads: Vec<String>,
}

/// What follows a subject.
enum Seek {
    /// A duty, role word or particle: the subject does something. Agencies met on the way after
    /// a separator belong to the subject ("Thủ trưởng các cơ quan, đợn và Chủ tịch UBND các xã,
    /// phường chịu trách nhiệm": a typo breaks the list); the duty then starts after them.
    Duty(Vec<String>, Option<usize>),
    /// The subject assigns to other agencies.
    Assign,
    /// Not a duty sentence.
    Blocked,
}

struct Reader<'a> {
    text: &'a str,
    t: &'a [Tok<'a>],
    found: &'a [Found],
    /// Index into `found` of the mention starting at each token.
    at: Vec<Option<usize>>,
}

const MAX_LIST: usize = 16;
const WINDOW: usize = 10;

impl Reader<'_> {
    fn fold(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| &*t.fold)
    }

    fn mention(&self, i: usize) -> Option<&Found> {
        self.at.get(i).copied().flatten().map(|k| &self.found[k])
    }

    /// The mention at `i`, or after a plural word there: "các Trung tâm Phục vụ hành chính công
    /// cấp xã" names the centres of every commune, one agency in the list.
    fn item(&self, i: usize) -> Option<&Found> {
        self.mention(i).or_else(|| {
            crate::extract::agency::is_plural_word(self.fold(i))
                .then(|| self.mention(i + 1))
                .flatten()
        })
    }

    /// agency ((","|";"|"và"|"&") agency)*: the names and the token after the list.
    fn list(&self, i: usize) -> Option<(Vec<String>, usize)> {
        let f = self.item(i)?;
        let mut names = vec![f.name.clone()];
        let mut k = f.b;
        while names.len() < MAX_LIST && matches!(self.fold(k), "," | ";" | "và" | "&") {
            let Some(g) = self.item(k + 1) else { break };
            if !names.contains(&g.name) {
                names.push(g.name.clone());
            }
            k = g.b;
        }
        Some((names, k))
    }

    /// After a subject ending at `from`: a duty within a few words, an assignment, or neither.
    fn seek(&self, from: usize) -> Seek {
        let mut m = from;
        let mut extra: Vec<String> = Vec::new();
        let mut after = None;
        for units in 0..=WINDOW {
            let Some(t) = self.t.get(m) else {
                return Seek::Blocked;
            };
            if matches!(&*t.fold, "." | ";" | ":" | "!" | "?") {
                return Seek::Blocked;
            }
            if role_at(self.t, m, &[Role::Negative]).is_some() {
                return Seek::Blocked;
            }
            if let Some((_, len)) = role_at(self.t, m, &[Role::Assign]) {
                let j = if self.fold(m + len) == "cho" {
                    m + len + 1
                } else {
                    m + len
                };
                if self.list(j).is_some() {
                    return Seek::Assign;
                }
            }
            if role_at(
                self.t,
                m,
                &[Role::Duty, Role::Lead, Role::Support, Role::Particle],
            )
            .is_some()
            {
                return Seek::Duty(extra, after);
            }
            if units == 0
                && role_at(self.t, m, &[Role::Boundary]).is_some()
                && role_at(self.t, m, &[Role::Filler, Role::Opener]).is_none()
            {
                return Seek::Blocked;
            }
            m = if t.fold == "(" {
                match (m + 1..self.t.len().min(m + 40)).find(|&k| self.fold(k) == ")") {
                    Some(k) => k + 1,
                    None => return Seek::Blocked,
                }
            } else if let Some(f) = self.mention(m) {
                if m > from
                    && matches!(self.fold(m - 1), "," | ";" | "và" | "&")
                    && extra.len() < MAX_LIST
                {
                    extra.push(f.name.clone());
                    after = Some(f.b);
                }
                f.b
            } else {
                m + 1
            };
        }
        Seek::Blocked
    }

    /// A subject list at `i` that does something.
    fn subject(&self, i: usize, start: usize) -> Option<Trigger> {
        let (mut leads, from) = self.list(i)?;
        let Seek::Duty(extra, after) = self.seek(from) else {
            return None;
        };
        for x in extra {
            if !leads.contains(&x) {
                leads.push(x);
            }
        }
        Some(Trigger {
            start,
            from: after.unwrap_or(from),
            leads,
        })
    }

    /// "giao"/"yêu cầu"/"đề nghị" "cho"? agencies at `i`.
    fn assign(&self, i: usize) -> Option<Trigger> {
        let (_, len) = role_at(self.t, i, &[Role::Assign])?;
        if i > 0 && matches!(self.fold(i - 1), "được" | "bàn" | "chuyển" | "theo") {
            return None;
        }
        let j = if self.fold(i + len) == "cho" {
            i + len + 1
        } else {
            i + len
        };
        let (leads, from) = self.list(j)?;
        let giving = matches!(self.fold(i), "giao" | "phân");
        if !giving && !matches!(self.seek(from), Seek::Duty(..)) {
            return None;
        }
        Some(Trigger {
            start: i,
            from,
            leads,
        })
    }

    /// "Trên cơ sở …, X …": the first comma in the sentence after which a subject stands. An
    /// agency before it makes the comma a list separator ("định kỳ tham mưu Ban Thường vụ Tỉnh ủy,
    /// Tỉnh ủy sơ kết"), not the end of the opener.
    fn after_opener(&self, s: usize) -> Option<Trigger> {
        let end = self.t.len().min(s + 60);
        for c in s + 1..end {
            if self.mention(c).is_some() {
                return None;
            }
            match self.fold(c) {
                "." | ";" | ":" => return None,
                "," => {
                    if let Some(t) = self.subject(c + 1, s) {
                        return Some(t);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// All task starts, left to right.
    fn triggers(&self, first: usize) -> Vec<Trigger> {
        let n = self.t.len();
        let mut out: Vec<Trigger> = Vec::new();
        let mut i = first;
        while i < n {
            let start =
                i == first || (i > first && matches!(self.fold(i - 1), "." | ";" | "!" | "?"));
            if start {
                if let Some(t) = self.subject(i, i) {
                    i = t.from;
                    out.push(t);
                    continue;
                }
                if role_at(self.t, i, &[Role::Opener]).is_some()
                    && let Some(t) = self.after_opener(i)
                {
                    i = t.from;
                    out.push(t);
                    continue;
                }
            }
            if let Some(t) = self.assign(i) {
                i = t.from;
                out.push(t);
                continue;
            }
            i += 1;
        }
        out
    }

    /// The task of tokens `s..end`, whose duty starts at `from`.
    fn task(&self, s: usize, from: usize, end: usize, leads: Vec<String>) -> Option<Task> {
        let mut support: Vec<String> = Vec::new();
        let mut d = from;
        for _ in 0..8 {
            let Some(t) = self.t.get(d).filter(|_| d < end) else {
                break;
            };
            if !t.word && matches!(&*t.fold, "," | ":" | "-" | "+" | "*" | "•") {
                d += 1;
            } else if let Some(close) = (t.fold == "(")
                .then(|| (d + 1..end.min(d + 40)).find(|&k| self.fold(k) == ")"))
                .flatten()
            {
                // "Thủ trưởng các phòng chuyên môn (Văn phòng …, các phòng: …) có trách nhiệm …"
                d = close + 1;
            } else if let Some((_, len)) = role_at(self.t, d, &[Role::Lead]) {
                d += len;
            } else if let Some((names, e)) = self.supported(d).filter(|(_, e)| *e <= end) {
                support.extend(names);
                d = e;
            } else {
                break;
            }
        }
        let mut m = d;
        while m < end {
            match self.supported(m).filter(|(_, e)| *e <= end) {
                Some((names, e)) => {
                    support.extend(names);
                    m = e;
                }
                None => m += 1,
            }
        }
        let mut seen = Vec::new();
        support.retain(|x| {
            !leads.contains(x) && !seen.contains(x) && {
                seen.push(x.clone());
                true
            }
        });
        let trailing =
            |t: &Tok| !t.word && matches!(&*t.fold, "," | ";" | "." | ":" | "/" | "-" | "…");
        let mut last = end;
        while last > s && trailing(&self.t[last - 1]) {
            last -= 1;
        }
        let has_word = |a: usize| (a..last).any(|k| self.t[k].word);
        let a = if has_word(d) { d } else { s };
        if !has_word(a) {
            return None;
        }
        let text = self.text[self.t[a].s..self.t[last - 1].e].trim().to_owned();
        Some(Task {
            section: None,
            text,
            lead: leads,
            support,
            deadline: None,
            product: None,
            span: Span::new(self.t[s].s, self.t[last - 1].e),
        })
    }

    /// "phối hợp (chặt chẽ)? (với)?" agencies at `m`.
    fn supported(&self, m: usize) -> Option<(Vec<String>, usize)> {
        let (_, len) = role_at(self.t, m, &[Role::Support])?;
        self.list(m + len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::extract::agency::{scan, tokenize};

    /// Every task stated in `text`, tokenised and scanned here.
    fn extract_tasks(text: &str, ctx: &TaskContext) -> Vec<Task> {
        let toks = tokenize(text);
        super::extract_tasks(text, &toks, &scan(&toks), ctx)
    }

    fn tasks(text: &str) -> Vec<Task> {
        extract_tasks(text, &TaskContext::default())
    }

    fn headed(heading: &str, text: &str) -> Vec<Task> {
        let h = heading_agency(heading);
        assert!(h.is_some(), "the heading {heading:?} should name an agency");
        extract_tasks(text, &TaskContext { heading_agency: h })
    }

    #[test]
    fn giao_with_lead_and_support() {
        let text = "Giao phòng Nội vụ chủ trì, phối hợp với Văn phòng HĐND-UBND thị xã hướng dẫn, đôn đốc, tổng hợp tình hình thực hiện và báo cáo Chủ tịch UBND thị xã./.";
        let ts = tasks(text);
        assert_eq!(ts.len(), 1, "should find one task");
        assert_eq!(
            ts[0].lead,
            ["Phòng Nội vụ"],
            "should lead with the assigned agency"
        );
        assert_eq!(
            ts[0].support,
            ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã"],
            "should support with the phối hợp agency"
        );
        assert_eq!(
            ts[0].text,
            "hướng dẫn, đôn đốc, tổng hợp tình hình thực hiện và báo cáo Chủ tịch UBND thị xã",
            "should keep the duty only"
        );
        assert_eq!(
            ts[0].span.slice(text).split_whitespace().next(),
            Some("Giao"),
            "should span from Giao"
        );
        assert!(ts[0].deadline.is_none() && ts[0].section.is_none() && ts[0].product.is_none());
    }

    #[test]
    fn a_council_and_its_bodies_oversee() {
        let ts = tasks(
            "Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.",
        );
        assert_eq!(ts.len(), 1);
        assert_eq!(ts[0].lead.len(), 4, "{:?}", ts[0].lead);
        assert_eq!(ts[0].text, "giám sát việc thực hiện Nghị quyết");
    }

    #[test]
    fn plural_agencies_and_distributed_lists_support() {
        let ts = tasks(
            "Sở Nội vụ chủ trì, phối hợp với các Sở: Tài chính, Tư pháp và các Trung tâm Phục vụ hành chính công cấp xã thực hiện số hóa hồ sơ.",
        );
        assert_eq!(ts.len(), 1);
        assert_eq!(ts[0].lead, ["Sở Nội vụ"]);
        assert_eq!(
            ts[0].support,
            [
                "Sở Tài chính",
                "Sở Tư pháp",
                "Trung tâm Phục vụ hành chính công cấp xã"
            ],
            "should give each listed name its head and read an agency after các"
        );
        assert_eq!(ts[0].text, "thực hiện số hóa hồ sơ");
    }

    #[test]
    fn giao_inside_a_paragraph() {
        let text = "gửi báo cáo kiểm điểm về UBND thị xã (qua phòng Nội vụ) trước ngày 15 tháng 4 năm 2023; giao phòng Nội vụ đôn đốc, tổng hợp báo cáo Chủ tịch UBND thị xã.";
        let ts = tasks(text);
        assert_eq!(ts.len(), 1, "should find only the assigned task");
        assert_eq!(ts[0].lead, ["Phòng Nội vụ"]);
        assert!(
            ts[0].text.contains("đôn đốc, tổng hợp báo cáo Chủ tịch"),
            "should keep the duty: {}",
            ts[0].text
        );
    }

    #[test]
    fn subject_with_phoi_hop() {
        let ts = tasks(
            "Ủy ban Kiểm tra Huyện ủy phối hợp với các Ban xây dựng Đảng, Văn phòng Huyện ủy theo dõi, đôn đốc, kiểm tra, giám sát các tổ chức cơ sở Đảng trực thuộc.",
        );
        assert_eq!(ts.len(), 1);
        assert_eq!(
            ts[0].lead,
            ["Ủy ban Kiểm tra Huyện ủy"],
            "should lead with the subject"
        );
        assert_eq!(
            ts[0].support,
            ["Các Ban xây dựng Đảng", "Văn phòng Huyện ủy"],
            "should support with every coordinated agency"
        );
        assert!(
            ts[0].text.starts_with("theo dõi, đôn đốc"),
            "should start the duty after the roles: {}",
            ts[0].text
        );
    }

    #[test]
    fn chu_tri_phoi_hop_between_agencies() {
        let ts = tasks(
            "Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp, Văn phòng UBND tỉnh xây dựng quy chế phối hợp.",
        );
        assert_eq!(ts[0].lead, ["Sở Nội vụ"]);
        assert_eq!(
            ts[0].support,
            ["Sở Tư pháp", "Văn phòng Ủy ban nhân dân tỉnh"],
            "should read X chủ trì, phối hợp với Y, Z"
        );
        assert_eq!(ts[0].text, "xây dựng quy chế phối hợp");
    }

    #[test]
    fn subject_agencies_lead() {
        let ts = tasks(
            "Ban Tuyên giáo Thị ủy hướng dẫn phổ biến, quán triệt, tuyên truyền Nghị quyết 04 và Chương trình hành động này.",
        );
        assert_eq!(
            ts[0].lead,
            ["Ban Tuyên giáo Thị ủy"],
            "should lead with the subject agency"
        );
        assert!(ts[0].text.contains("phổ biến, quán triệt, tuyên truyền"));

        let ts = tasks(
            "Ủy ban nhân dân thị xã cụ thể hóa nội dung Chương trình hành động thành các đề án, kế hoạch và huy động các nguồn lực để thực hiện. Chỉ đạo việc tổ chức thực hiện; thường xuyên theo dõi, kiểm tra thực hiện; định kỳ sơ kết, tổng kết và báo cáo cho Thị ủy, Ban Thường vụ Thị ủy.",
        );
        assert_eq!(
            ts.len(),
            1,
            "should keep later sentences in the subject's task"
        );
        assert_eq!(ts[0].lead, ["Ủy ban nhân dân thị xã"]);
        assert!(ts[0].text.contains("đề án, kế hoạch") && ts[0].text.contains("sơ kết, tổng kết"));

        let ts = tasks(
            "Thường trực Hội đồng nhân dân thị xã cụ thể hóa Chương trình hành động này và thường xuyên tổ chức giám sát việc thực hiện của các cơ quan nhà nước.",
        );
        assert_eq!(ts[0].lead, ["Thường trực Hội đồng nhân dân thị xã"]);
        assert!(ts[0].text.contains("giám sát"));

        let ts = tasks(
            "Đảng đoàn Hội đồng nhân dân tỉnh chỉ đạo Hội đồng nhân dân tỉnh thể chế hóa thực hiện và tổ chức giám sát việc thực hiện Nghị quyết.",
        );
        assert_eq!(
            ts[0].lead,
            ["Đảng đoàn Hội đồng nhân dân tỉnh"],
            "should lead with the party group, not the body it directs"
        );
        assert!(ts[0].text.contains("giám sát"));

        let ts = tasks(
            "Ban Tuyên giáo Huyện uỷ xây dựng kế hoạch tuyên truyền nội dung và tình hình kết quả thực hiện Chương trình hành động này; phối hợp với các địa phương, đơn vị liên quan xây dựng các chương trình.",
        );
        assert_eq!(
            ts[0].lead,
            ["Ban Tuyên giáo Huyện ủy"],
            "should canonicalise the tone of uỷ"
        );
        assert!(ts[0].text.contains("kế hoạch tuyên truyền"));
        assert_eq!(
            ts[0].support,
            ["Các địa phương, đơn vị liên quan"],
            "should read a later phối hợp"
        );

        let ts = tasks(
            "Phòng Văn hoá và Thông tin chủ trì triển khai công tác thông tin, tuyên truyền CCHC.",
        );
        assert_eq!(ts[0].lead, ["Phòng Văn hóa và Thông tin"]);
        assert_eq!(
            ts[0].text,
            "triển khai công tác thông tin, tuyên truyền CCHC"
        );
    }

    #[test]
    fn several_subjects_all_lead() {
        let ts = tasks(
            "Ủy ban Mặt trận Tổ quốc Việt Nam thị xã, các tổ chức chính trị - xã hội thị xã tuyên truyền, vận động các thành viên tham gia thực hiện.",
        );
        assert_eq!(
            ts[0].lead,
            [
                "Ủy ban Mặt trận Tổ quốc Việt Nam thị xã",
                "Các tổ chức chính trị - xã hội thị xã"
            ],
            "should lead with every subject"
        );
        let ts = tasks(
            "Các Ban xây dựng Đảng theo chức năng, nhiệm vụ, nghiên cứu, xây dựng các quy định, hướng dẫn.",
        );
        assert_eq!(
            ts[0].lead,
            ["Các Ban xây dựng Đảng"],
            "should let theo chức năng, nhiệm vụ stand between subject and duty"
        );
        let ts = tasks(
            "Cấp ủy, tổ chức đảng các cấp tổ chức quán triệt và xây dựng kế hoạch thực hiện Nghị quyết 04.",
        );
        assert_eq!(ts[0].lead, ["Cấp ủy, tổ chức đảng các cấp"]);
    }

    #[test]
    fn assigning_subject_gives_the_duty_away() {
        let ts = tasks(
            "Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các xã, phường tổ chức quán triệt, triển khai và chỉ đạo thực hiện nghiêm túc Chỉ thị này. Trong quá trình thực hiện, nếu có vướng mắc phát sinh, các cơ quan, đơn vị, địa phương kịp thời báo cáo UBND tỉnh (thông qua Văn phòng UBND tỉnh) để được xem xét, giải quyết./.",
        );
        assert_eq!(
            ts.len(),
            2,
            "should find the required duty and the reporting duty: {ts:?}"
        );
        assert_eq!(
            ts[0].lead,
            [
                "Thủ trưởng các sở, ban, ngành",
                "Chủ tịch Ủy ban nhân dân các xã, phường"
            ],
            "should lead with those required, not the one requiring"
        );
        assert!(ts[0].text.starts_with("tổ chức quán triệt"));
        assert_eq!(
            ts[1].lead,
            ["Các cơ quan, đơn vị, địa phương"],
            "should find the subject after an opener clause"
        );
        assert!(ts[1].text.starts_with("kịp thời báo cáo"));
    }

    #[test]
    fn subject_lists_broken_by_a_typo_and_opener_lists() {
        let ts = tasks(
            "Thủ trưởng các cơ quan, đợn và Chủ tịch UBND các xã, phường chịu trách nhiệm trực tiếp chỉ đạo thống nhất việc thực hiện Kế hoạch này.",
        );
        assert_eq!(
            ts[0].lead,
            [
                "Thủ trưởng các cơ quan",
                "Chủ tịch Ủy ban nhân dân các xã, phường"
            ],
            "should keep the agencies of a subject list that a typo interrupts"
        );
        assert!(
            ts[0].text.starts_with("chịu trách nhiệm"),
            "should start the duty after the whole list: {}",
            ts[0].text
        );

        let h = TaskContext {
            heading_agency: Some("Ủy ban nhân dân tỉnh".into()),
        };
        let ts = extract_tasks(
            "- Chỉ đạo việc tổ chức thực hiện Nghị quyết; định kỳ tham mưu Ban Thường vụ Tỉnh ủy, Tỉnh ủy sơ kết, tổng kết việc thực hiện.",
            &h,
        );
        assert_eq!(
            ts.len(),
            1,
            "should not take an object list after an opener for a new subject: {ts:?}"
        );
        assert_eq!(ts[0].lead, ["Ủy ban nhân dân tỉnh"]);

        let ts = tasks(
            "Trên cơ sở kết quả Chỉ số CCHC hàng năm được công bố, Thủ trưởng các phòng chuyên môn và Chủ tịch UBND các xã, phường khẩn trương thực hiện việc kiểm điểm.",
        );
        assert_eq!(
            ts[0].lead,
            [
                "Thủ trưởng các phòng chuyên môn",
                "Chủ tịch Ủy ban nhân dân các xã, phường"
            ],
            "should find the subject after an opener"
        );
        assert!(
            tasks("- Tổ chức triển khai kịp thời các Chương trình, Kế hoạch CCHC.").is_empty(),
            "should not read the verb Tổ chức as a subject"
        );
        assert!(
            tasks("2. Cơ quan chủ trì: Bộ Tư pháp.").is_empty(),
            "should not read a field label as a task"
        );
    }

    #[test]
    fn subject_followed_by_a_parenthetical() {
        let ts = tasks(
            "Trên cơ sở chức năng, nhiệm vụ theo quy định và nhiệm vụ được Hội đồng đánh giá, xác định chỉ số CCHC thị xã phân công, Thủ trưởng các phòng chuyên môn (Văn phòng HĐND - UBND và các phòng: Nội vụ, Tài chính, Tư pháp, Văn hóa - Thông tin) có trách nhiệm chủ động, phối hợp chặt chẽ trong việc hướng dẫn, đôn đốc.",
        );
        assert_eq!(
            ts.len(),
            1,
            "should read a subject followed by a parenthetical"
        );
        assert_eq!(ts[0].lead, ["Thủ trưởng các phòng chuyên môn"]);
        assert!(
            ts[0].text.starts_with("có trách nhiệm chủ động"),
            "should leave the parenthetical out of the duty: {}",
            ts[0].text
        );
    }

    #[test]
    fn heading_agency_leads_its_items() {
        let ts = headed(
            "1. Phòng Nội vụ:",
            "- Là cơ quan thường trực giúp UBND thị xã hướng dẫn, theo dõi, đôn đốc việc tổ chức triển khai thực hiện Kế hoạch này.",
        );
        assert_eq!(ts.len(), 1);
        assert_eq!(
            ts[0].lead,
            ["Phòng Nội vụ"],
            "should lead an item without a subject with the heading agency"
        );
        assert!(
            ts[0].text.starts_with("Là cơ quan thường trực"),
            "should keep the item's text: {}",
            ts[0].text
        );
        assert!(
            ts[0].support.is_empty(),
            "should not take an object for a supporter"
        );

        let ts = headed(
            "2. Phòng Tư pháp",
            "- Chủ trì triển khai nhiệm vụ đổi mới và nâng cao chất lượng công tác xây dựng, ban hành VBQPPL.",
        );
        assert_eq!(ts[0].lead, ["Phòng Tư pháp"]);
        assert!(ts[0].text.contains("ban hành VBQPPL"));

        let ts = headed(
            "2. Sở Khoa học và Công nghệ",
            "d) Chủ trì, phối hợp với Văn phòng UBND tỉnh triển khai tích hợp, kết nối các thông tin phục vụ đánh giá với Hệ thống thông tin giải quyết TTHC tỉnh.",
        );
        assert_eq!(ts[0].lead, ["Sở Khoa học và Công nghệ"]);
        assert_eq!(
            ts[0].support,
            ["Văn phòng Ủy ban nhân dân tỉnh"],
            "should read Chủ trì, phối hợp với under a heading"
        );
        assert!(ts[0].text.starts_with("triển khai tích hợp, kết nối"));

        let ts = headed(
            "5. Phòng Văn hoá và Thông tin, Trung tâm Văn hoá, Thông tin và Thể thao",
            "- Phối hợp Văn phòng HĐND & UBND thị xã triển khai công tác thông tin, tuyên truyền CCHC trên Trang điện tử thị xã.",
        );
        assert_eq!(
            ts[0].lead,
            [
                "Phòng Văn hóa và Thông tin",
                "Trung tâm Văn hóa, Thông tin và Thể thao"
            ],
            "should lead with the heading agencies"
        );
        assert_eq!(
            ts[0].support,
            ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã"],
            "should support with the named office"
        );
        assert!(ts[0].text.contains("Trang điện tử thị xã"));

        let ts = headed(
            "5. Phòng Văn hoá và Thông tin, Trung tâm Văn hoá, Thông tin và Thể thao",
            "- Trung tâm VH,TT&TT thị xã chủ trì triển khai công tác thông tin, tuyên truyền CCHC trên Hệ thống truyền thanh thị xã.",
        );
        assert_eq!(ts.len(), 1);
        assert_eq!(
            ts[0].lead,
            ["Trung tâm Văn hóa, Thông tin và Thể thao thị xã"],
            "should lead with the item's own subject"
        );

        let ts = headed(
            "1. Thủ trưởng các sở, ban, ngành tỉnh; Chủ tịch UBND các xã, phường",
            "c) Rà soát, chuẩn hóa các mẫu đơn, tờ khai và thiết lập biểu mẫu điện tử tương tác (E-Form).",
        );
        assert_eq!(
            ts[0].lead,
            [
                "Thủ trưởng các sở, ban, ngành tỉnh",
                "Chủ tịch Ủy ban nhân dân các xã, phường"
            ],
            "should split joined heading agencies"
        );
    }

    #[test]
    fn near_misses_give_no_task() {
        assert!(tasks("Tăng cường công tác thanh tra, kiểm tra, giám sát việc triển khai thực hiện công tác cải cách hành chính.").is_empty(), "should not invent a lead");
        assert!(
            tasks("Thường xuyên khảo sát sự hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước các cấp.").is_empty(),
            "should not take the generic class of bodies for a lead"
        );
        assert!(
            tasks("Các cơ quan hành chính nhà nước các cấp thực hiện tốt công tác cải cách.")
                .is_empty(),
            "should not take a generic class as a subject"
        );
        assert!(tasks("Thủ trưởng các phòng, ban, ngành thị xã và Chủ tịch Ủy ban nhân dân các xã, phường đã quan tâm, thực hiện tốt công tác cải cách hành chính.").is_empty(), "should not read a report of the past as a duty");
        assert!(
            tasks("- Sở Nội vụ (để báo cáo);").is_empty(),
            "should not read a recipient as a task"
        );
        assert!(
            tasks("hoàn thành các nhiệm vụ được giao tại các kế hoạch của Ủy ban nhân dân thị xã.")
                .is_empty(),
            "should not read được giao as an assignment"
        );
        assert!(tasks("Nâng cao Chỉ số CCHC của UBND thị xã.").is_empty());
    }

    #[test]
    fn odd_input_does_not_panic() {
        let ctx = TaskContext {
            heading_agency: Some("Phòng Nội vụ; ; ".into()),
        };
        for s in [
            "",
            " ",
            "-",
            ".",
            "giao",
            "giao UBND",
            "Giao UBND.",
            "UBND chủ trì",
            "phối hợp với",
            "(",
            "UBND (",
            "a)",
            "- - -",
            "yêu cầu các",
            "UBND; UBND; UBND",
        ] {
            let _ = extract_tasks(s, &TaskContext::default());
            let _ = extract_tasks(s, &ctx);
        }
        let long = "UBND tỉnh chủ trì, phối hợp với Sở Nội vụ; ".repeat(3000);
        let ts = extract_tasks(&long, &TaskContext::default());
        assert_eq!(ts.len(), 3000, "should read long paragraphs in linear time");
        let ts = extract_tasks("UBND; ".repeat(3000).as_str(), &ctx);
        assert!(ts.len() <= 1, "should not make tasks of a bare list");
    }
}
