//! A whole plan written for these tests in the genre's usual form (state header, one-year Kế
//! hoạch, numbered targets and duties, signature with two authority lines, and a Markdown Phụ lục
//! task table): the frame, the extraction and the appendix must all come out right together.

use vanban::{Comparator, Kind};

fn plan() -> vanban::Document {
    let text = include_str!("data/ke_hoach_mot_nam.txt");
    vanban::parse(text)
}

#[test]
fn plan_header_title_and_signature_are_read() {
    let d = plan().document;
    assert_eq!(d.kind, Kind::KeHoach);
    assert_eq!(d.number.as_deref(), Some("215/KH-UBND"));
    assert_eq!(d.date.as_deref(), Some("2024-03-12"));
    assert_eq!(d.place.as_deref(), Some("Cam Lâm"));
    assert_eq!(d.issuer.as_deref(), Some("Ủy ban nhân dân huyện Cam Lâm"));
    assert_eq!(
        d.implements.len(),
        1,
        "should take the Căn cứ citation as implemented"
    );
    let sig = d.signature.expect("should find the signature");
    assert_eq!(
        sig.authority.as_deref(),
        Some("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"),
        "should join two authority lines"
    );
    assert_eq!(sig.name.as_deref(), Some("Nguyễn Văn An"));
    assert_eq!(d.recipients.len(), 3);
    for r in &d.recipients {
        assert!(
            !r.ends_with([';', ',', '.']),
            "a recipient keeps no list punctuation: {r:?}"
        );
    }
}

#[test]
fn one_year_plan_gives_its_year_to_targets() {
    let doc = plan();
    let t = doc
        .targets
        .iter()
        .find(|t| t.value == 98.0)
        .expect("should find the 98% target");
    assert_eq!((t.comparator, t.year), (Comparator::AtLeast, Some(2024)));
}

#[test]
fn duties_with_roles_and_deadlines_are_tasks() {
    let doc = plan();
    let t = doc
        .tasks
        .iter()
        .find(|t| t.lead == ["Phòng Nội vụ"])
        .expect("should find the Phòng Nội vụ task");
    assert_eq!(
        t.support,
        ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"]
    );
    let d = t.deadline.as_ref().expect("should attach the quarter");
    assert_eq!((d.year, d.quarter), (Some(2024), Some(3)));
}

#[test]
fn pipe_table_appendix_rows_are_tasks_under_their_groups() {
    let doc = plan();
    let a = &doc.document.attachments;
    assert_eq!(a.len(), 1, "should read the Phụ lục as an attachment");
    let tasks = &a[0].tasks;
    assert_eq!(tasks.len(), 3);
    assert_eq!(tasks[2].section.as_deref(), Some("II"));
    assert_eq!(tasks[2].lead, ["Ủy ban nhân dân các xã"]);
    assert_eq!(tasks[1].product.as_deref(), Some("Kết luận kiểm tra"));
    assert_eq!(tasks[1].deadline.as_ref().and_then(|d| d.month), Some(10));
    let ids: Vec<&str> = a[0].sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["I", "II"], "should make group rows sections");
}

#[test]
fn a_deadline_after_the_value_is_no_metric() {
    let doc = vanban::parse(
        "KẾ HOẠCH\nCải cách hành chính năm 2024\n\nI. MỤC TIÊU\n\
         1. Tỷ lệ hồ sơ giải quyết trực tuyến đạt 50% trước ngày 30/9/2024.\n\
         2. 100% cơ quan xây dựng Kế hoạch CCHC hàng năm.\n",
    );
    let metrics: Vec<&str> = doc.targets.iter().map(|t| t.metric.as_str()).collect();
    assert_eq!(
        metrics,
        [
            "Tỷ lệ hồ sơ giải quyết trực tuyến",
            "cơ quan xây dựng Kế hoạch CCHC hàng năm"
        ],
        "a dated deadline ends the metric, a recurrence inside a name does not"
    );
    assert_eq!(doc.targets[0].year, Some(2024));
}

/// Single-spaced text: nothing but the lines themselves says where the title ends.
#[test]
fn a_single_spaced_title_ends_before_capitals_and_sentences() {
    let decision = "ỦY BAN NHÂN DÂN\nTHỊ XÃ HƯƠNG TRÀ\nQUYẾT ĐỊNH\n\
        Về việc ban hành Kế hoạch cải cách hành chính giai đoạn 2021 - 2025,\n\
        định hướng đến năm 2030 của thị xã Hương Trà\n\
        ỦY BAN NHÂN DÂN THỊ XÃ\n\
        Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\
        QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n";
    let title = "Về việc ban hành Kế hoạch cải cách hành chính giai đoạn 2021 - 2025, \
        định hướng đến năm 2030 của thị xã Hương Trà";
    assert_eq!(
        vanban::parse(decision).document.title.as_deref(),
        Some(title)
    );
    // A line of figures has no capitals: the title runs on over it.
    let wrapped = "ỦY BAN NHÂN DÂN\nTHỊ XÃ HƯƠNG TRÀ\nQUYẾT ĐỊNH\n\
        Về việc ban hành Kế hoạch cải cách hành chính giai đoạn\n2021 - 2025\n\
        Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n";
    assert_eq!(
        vanban::parse(wrapped).document.title.as_deref(),
        Some("Về việc ban hành Kế hoạch cải cách hành chính giai đoạn 2021 - 2025")
    );
    let directive = "ỦY BAN NHÂN DÂN\nTHỊ XÃ ĐỨC PHỔ\nCHỈ THỊ\n\
        Về việc tăng cường công tác cải cách hành chính trên địa bàn thị xã\n\
        Trong thời gian qua, các cơ quan đã quan tâm thực hiện tốt công tác cải cách\n\
        hành chính.\n1. Thủ trưởng các phòng chuyên môn tổ chức thực hiện.\n";
    assert_eq!(
        vanban::parse(directive).document.title.as_deref(),
        Some("Về việc tăng cường công tác cải cách hành chính trên địa bàn thị xã")
    );
}

#[test]
fn numbered_headings_on_their_own_lines_keep_their_text_apart() {
    // One paragraph per line, blank lines only between parts.
    let plan = "KẾ HOẠCH\nCải cách hành chính năm 2026\n\n\
        I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n\
        Nâng cao hiệu lực, hiệu quả hoạt động của bộ máy hành chính.\n\
        2. Yêu cầu\nCác cơ quan xác định rõ nội dung, tiến độ.\n\n\
        II. NHIỆM VỤ\n1. Cải cách thủ tục hành chính\n\
        Giao Văn phòng Ủy ban nhân dân huyện chủ trì công khai thủ tục hành chính.\n\n\
        III. TỔ CHỨC THỰC HIỆN\nCác cơ quan báo cáo kết quả về Phòng Nội vụ.\n";
    let doc = vanban::parse(plan);
    let heads: Vec<(String, Option<String>, String)> = doc
        .sections
        .iter()
        .flat_map(|s| std::iter::once(s).chain(&s.children))
        .map(|s| (s.id.clone(), s.heading.clone(), s.text.clone()))
        .collect();
    let get = |id: &str| heads.iter().find(|h| h.0 == id).expect(id);
    assert_eq!(get("I/1").1.as_deref(), Some("Mục đích"));
    assert!(get("I/1").2.starts_with("Nâng cao"));
    assert_eq!(get("I/2").1.as_deref(), Some("Yêu cầu"));
    assert_eq!(
        get("II/1").1.as_deref(),
        Some("Cải cách thủ tục hành chính")
    );
    assert_eq!(get("III").1.as_deref(), Some("TỔ CHỨC THỰC HIỆN"));
    assert!(get("III").2.starts_with("Các cơ quan"));
    let task = |id: &str| doc.tasks.iter().find(|t| t.section.as_deref() == Some(id));
    assert_eq!(
        task("II/1").expect("II/1").lead,
        ["Văn phòng Ủy ban nhân dân huyện"]
    );
    // The text under a heading in capitals is read too.
    assert_eq!(task("III").expect("III").lead, ["Các cơ quan"]);
}

#[test]
fn a_title_that_carries_out_a_resolution_is_read_in_lower_case() {
    let plan = "HUYỆN ỦY PHÙ CÁT\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n\
        thực hiện Nghị quyết số 12-NQ/TU, ngày 10/01/2025 của Ban Chấp hành Đảng bộ tỉnh\n\
        về chuyển đổi số đến năm 2030\n_____________\n\
        Thực hiện Nghị quyết số 12-NQ/TU, Ban Thường vụ Huyện ủy xây dựng Chương trình.\n";
    let doc = vanban::parse(plan);
    assert_eq!(
        doc.document.title.as_deref(),
        Some(
            "thực hiện Nghị quyết số 12-NQ/TU, ngày 10/01/2025 của Ban Chấp hành Đảng bộ tỉnh \
             về chuyển đổi số đến năm 2030"
        )
    );
    // The capitalised sentence after the rule is the preamble, and what it carries out.
    assert_eq!(
        doc.document.implements[0].number.as_deref(),
        Some("12-NQ/TU")
    );
}

#[test]
fn a_title_in_sentence_case_may_open_like_a_preamble() {
    let plan = "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG\n\nKẾ HOẠCH\n\
        Thực hiện chuyển đổi số huyện Đức Trọng năm 2026\n\n\
        Thực hiện Kế hoạch số 120/KH-UBND ngày 05/01/2026 của Ủy ban nhân dân tỉnh, \
        Ủy ban nhân dân huyện ban hành Kế hoạch như sau:\n\n\
        I. MỤC TIÊU\n\
        1. 100% hồ sơ được số hóa trước ngày 30/6/2026.\n";
    let doc = vanban::parse(plan);
    assert_eq!(
        doc.document.title.as_deref(),
        Some("Thực hiện chuyển đổi số huyện Đức Trọng năm 2026")
    );
    // The title's year is the plan's, and the sentence after it is still the preamble.
    assert_eq!(doc.targets[0].year, Some(2026));
    assert_eq!(
        doc.document.implements[0].number.as_deref(),
        Some("120/KH-UBND")
    );
}

#[test]
fn a_table_of_targets_gives_one_target_per_planned_figure() {
    let plan = "ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG\nĐức Trọng, ngày 12 tháng 02 năm 2026\n\n\
        KẾ HOẠCH\nChuyển đổi số năm 2026\n\n\
        I. CHỈ TIÊU\n\
        | TT | Chỉ tiêu | Đơn vị tính | Năm 2025 | Kế hoạch năm 2026 | Cơ quan chủ trì |\n\
        |---|---|---|---|---|---|\n\
        | 1 | Tỷ lệ văn bản điện tử có ký số | % | 90 | ≥ 95 | Văn phòng |\n\
        | 2 | Số xã đạt chuẩn nông thôn mới | xã | 2 | 3 | Phòng Nông nghiệp |\n\
        | 3 | Số hóa hồ sơ | | | Hoàn thành | Phòng Nội vụ |\n\
        II. NHIỆM VỤ\n\
        1. Phấn đấu 100% hồ sơ được giải quyết đúng hạn.\n";
    let doc = vanban::parse(plan);
    let brief: Vec<_> = doc
        .targets
        .iter()
        .map(|t| {
            (
                t.section.as_deref(),
                t.metric.as_str(),
                t.value,
                t.unit.as_str(),
                t.comparator,
                t.year,
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            (
                Some("I"),
                "Tỷ lệ văn bản điện tử có ký số",
                95.0,
                "%",
                Comparator::AtLeast,
                Some(2026)
            ),
            (
                Some("I"),
                "Số xã đạt chuẩn nông thôn mới",
                3.0,
                "count",
                Comparator::Exactly,
                Some(2026)
            ),
            (
                Some("II/1"),
                "hồ sơ được giải quyết đúng hạn",
                100.0,
                "%",
                Comparator::Exactly,
                Some(2026)
            ),
        ],
        "the 2025 column is the year before the plan: no target; \"Hoàn thành\" has no figure"
    );
    let first = &doc.targets[0];
    assert_eq!(&plan[first.span.start..first.span.end], "≥ 95");
    assert!(doc.tasks.is_empty(), "a table of targets gives no tasks");
    assert!(
        doc.diagnostics
            .iter()
            .all(|d| d.code != "table-without-lead-column"),
        "{:?}",
        doc.diagnostics
    );
}

#[test]
fn an_attached_plan_keeps_the_header_above_its_kind_line() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 310/QĐ-UBND\n\nQUYẾT ĐỊNH\n\
        Ban hành Kế hoạch cải cách hành chính năm 2026\n\n\
        Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2026.\n\
        Điều 2. Các sở, ban, ngành chịu trách nhiệm thi hành Quyết định này./.\n\n\
        Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Hồng Lĩnh\n\n\
        ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\n\nKẾ HOẠCH\nCải cách hành chính năm 2026\n\
        (Ban hành kèm theo Quyết định số 310/QĐ-UBND ngày 05/02/2026)\n\n\
        I. MỤC TIÊU\n1. 100% thủ tục hành chính được công khai.\n";
    let doc = vanban::parse(text);
    let sig = doc.document.signature.as_ref().expect("signature");
    assert_eq!(sig.position.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(sig.name.as_deref(), Some("Nguyễn Hồng Lĩnh"));
    assert!(
        doc.diagnostics.iter().all(|d| d.code != "unplaced-text"),
        "the issuer above the attachment is not left in the decision's tail: {:?}",
        doc.diagnostics
    );
    let plan = &doc.document.attachments[0].document;
    assert_eq!(plan.kind, Kind::KeHoach);
    assert_eq!(plan.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Hà Tĩnh"));
}

#[test]
fn a_short_article_that_points_at_its_document_is_text_not_a_title() {
    let text = "HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG TRỊ\n\nNGHỊ QUYẾT\nVề kế hoạch năm 2026\n\n\
        Điều 1. Hiệu lực thi hành.\nNghị quyết có hiệu lực từ ngày ký.\n\
        Điều 2. Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.\n";
    let doc = vanban::parse(text);
    let heads: Vec<_> = doc.sections.iter().map(|s| s.heading.as_deref()).collect();
    assert_eq!(heads, [Some("Hiệu lực thi hành"), None]);
    assert_eq!(doc.tasks.len(), 1, "{:?}", doc.tasks);
    assert_eq!(doc.tasks[0].lead, ["Ủy ban nhân dân tỉnh"]);
}

#[test]
fn a_task_table_inside_a_section_gives_its_rows_that_section() {
    let table = "| TT | Nội dung công việc | Cơ quan chủ trì | Thời gian hoàn thành |\n\
        |---|---|---|---|\n\
        | 1 | Rà soát thủ tục hành chính | Sở Tư pháp | Quý II/2025 |\n";
    let inside = format!(
        "KẾ HOẠCH\nKiểm soát thủ tục hành chính năm 2025\n\n\
         I. MỤC ĐÍCH\nBảo đảm công khai thủ tục hành chính.\n\n\
         II. NHIỆM VỤ\nChi tiết như sau:\n\n{table}\n\
         III. TỔ CHỨC THỰC HIỆN\nSở Nội vụ theo dõi, đôn đốc.\n"
    );
    let doc = vanban::parse(&inside);
    let row = doc.tasks.iter().find(|t| t.lead == ["Sở Tư pháp"]);
    assert_eq!(row.and_then(|t| t.section.as_deref()), Some("II"));
    // After the last section, a table stands on its own.
    let after = format!(
        "KẾ HOẠCH\nKiểm soát thủ tục hành chính năm 2025\n\n\
         I. MỤC ĐÍCH\nBảo đảm công khai thủ tục hành chính.\n\n{table}"
    );
    let doc = vanban::parse(&after);
    let row = doc.tasks.iter().find(|t| t.lead == ["Sở Tư pháp"]);
    assert_eq!(row.map(|t| t.section.as_deref()), Some(None));
}

#[test]
fn a_council_resolution_ends_with_its_adoption_not_in_its_last_article() {
    let text = "NGHỊ QUYẾT\nQuy định chính sách hỗ trợ chuyển đổi số\n\nQUYẾT NGHỊ:\n\n\
        Điều 1. Mục tiêu\n1. Chỉ tiêu cụ thể đến năm 2026\n\
        a) Xây dựng 5 mô hình xã thông minh.\n\
        b) Có ít nhất 50.000 hộ kinh doanh sử dụng thanh toán điện tử.\n\
        Điều 2. Tổ chức thực hiện\n\
        1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.\n\
        2. Thường trực Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.\n\
        Nghị quyết này đã được Hội đồng nhân dân tỉnh khóa XVIII, Kỳ họp thứ 17 thông qua \
        ngày 08 tháng 12 năm 2023 và có hiệu lực từ ngày 18 tháng 12 năm 2023./.\n";
    let doc = vanban::parse(text);
    let closing = doc.document.closing.as_deref().unwrap_or("");
    assert!(closing.starts_with("Nghị quyết này đã được"), "{closing:?}");
    let last = &doc.sections[1].children[1];
    assert!(!last.text.contains("thông qua"), "{:?}", last.text);
    // Counts under a heading of targets are targets, with the counted noun as metric.
    let counts: Vec<(f64, &str)> = doc
        .targets
        .iter()
        .filter(|t| t.unit == "count")
        .map(|t| (t.value, t.metric.as_str()))
        .collect();
    assert_eq!(counts.len(), 2, "{counts:?}");
    assert_eq!(counts[0], (5.0, "mô hình xã thông minh"));
    assert_eq!(counts[1].0, 50000.0);
    assert!(doc.targets.iter().all(|t| t.year == Some(2026)));
}

#[test]
fn a_party_plan_in_lettered_parts_keeps_every_part_apart() {
    let text = "KẾ HOẠCH\nthực hiện Nghị quyết số 57-NQ/TW\n\n\
        A. MỤC ĐÍCH, YÊU CẦU\n1. Quán triệt đầy đủ nội dung Nghị quyết.\n\n\
        B. MỤC TIÊU\nI. Mục tiêu đến năm 2030\n\
        1. Kinh tế số chiếm tối thiểu 25% GRDP của tỉnh.\n\n\
        C. NHIỆM VỤ, GIẢI PHÁP\n1. Sở Nội vụ chủ trì rà soát tổ chức bộ máy trước ngày 30/9/2025.\n";
    let doc = vanban::parse(text);
    let ids: Vec<&str> = doc.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["A", "B", "C"]);
    assert_eq!(doc.sections[1].heading.as_deref(), Some("MỤC TIÊU"));
    let t = &doc.targets[0];
    assert_eq!(t.section.as_deref(), Some("B/I/1"));
    assert_eq!(
        (t.value, t.year, t.metric.as_str()),
        (25.0, Some(2030), "Kinh tế số")
    );
    assert_eq!(doc.tasks[0].section.as_deref(), Some("C/1"));
}

#[test]
fn an_official_letter_is_read_from_its_subject_line() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nSố: 1234/UBND-NC\n\
        V/v triển khai thực hiện cải cách\nhành chính năm 2026\n\
        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\
        Quảng Nam, ngày 05 tháng 02 năm 2026\n\n\
        Kính gửi:\n- Các sở, ban, ngành thuộc tỉnh;\n- UBND các huyện, thị xã, thành phố.\n\n\
        Chủ tịch UBND tỉnh có ý kiến như sau:\n\
        1. Giao Sở Nội vụ tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2026.\n\n\
        Nơi nhận:\n- Như trên;\n- Lưu: VT, NC.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Anh Tuấn\n";
    let doc = vanban::parse(text);
    let d = &doc.document;
    assert_eq!(d.kind, Kind::CongVan);
    assert_eq!(d.number.as_deref(), Some("1234/UBND-NC"));
    assert_eq!(d.date.as_deref(), Some("2026-02-05"));
    assert_eq!(d.place.as_deref(), Some("Quảng Nam"));
    assert_eq!(d.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Quảng Nam"));
    assert_eq!(
        d.title.as_deref(),
        Some("triển khai thực hiện cải cách hành chính năm 2026")
    );
    assert_eq!(doc.sections.len(), 1);
    assert_eq!(doc.tasks[0].lead, ["Sở Nội vụ"]);
}

/// A decision that issues a Quy chế of chapters and articles, written for these tests.
fn decision_with_rules() -> vanban::Document {
    vanban::parse(include_str!("data/quyet_dinh_quy_che.txt"))
}

#[test]
fn rules_issued_by_a_decision_are_its_attachment() {
    let doc = decision_with_rules();
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    assert_eq!(doc.document.kind, Kind::QuyetDinh);
    assert_eq!(doc.sections.len(), 3, "the decision's own Điều 1..3");
    let rules = &doc.document.attachments[0];
    assert_eq!(rules.document.kind, Kind::QuyChe);
    let ids: Vec<&str> = rules.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["Chương I", "Chương II", "Chương III"]);
    assert_eq!(rules.sections[1].children[1].id, "Chương II/Điều 4");
}

#[test]
fn a_last_article_keeps_its_only_paragraph() {
    let doc = decision_with_rules();
    let rules = &doc.document.attachments[0];
    assert_eq!(rules.document.closing, None);
    let last = &rules.sections[2].children[0];
    assert_eq!(last.heading.as_deref(), Some("Tổ chức thực hiện"));
    assert!(
        last.text.starts_with("Trong quá trình thực hiện"),
        "{}",
        last.text
    );
}

#[test]
fn a_task_heading_with_labelled_fields_is_one_task() {
    let doc = vanban::parse(
        "KẾ HOẠCH\nChuyển đổi số năm 2026\n\nII. NHIỆM VỤ\n\
         1. Xây dựng kho dữ liệu dùng chung của tỉnh\n\
         - Cơ quan chủ trì: Sở Khoa học và Công nghệ.\n\
         - Cơ quan phối hợp: Các sở, ban, ngành; UBND các xã, phường.\n\
         - Thời gian hoàn thành: Quý III/2026.\n\
         2. Rà soát thủ tục hành chính nội bộ\n\
         Cơ quan chủ trì: Văn phòng UBND tỉnh; cơ quan phối hợp: Sở Nội vụ, Sở Tư pháp; thời gian thực hiện: trước ngày 30/9/2026.\n",
    );
    assert_eq!(doc.tasks.len(), 2, "{:?}", doc.tasks);
    let (a, b) = (&doc.tasks[0], &doc.tasks[1]);
    let deadline = |t: &vanban::Task| t.deadline.as_ref().map(|d| d.text.clone());
    assert_eq!(a.text, "Xây dựng kho dữ liệu dùng chung của tỉnh");
    assert_eq!(a.lead, ["Sở Khoa học và Công nghệ"]);
    assert_eq!(
        a.support,
        ["Các sở, ban, ngành", "Ủy ban nhân dân các xã, phường"]
    );
    assert_eq!(deadline(a).as_deref(), Some("Quý III/2026"));
    assert_eq!(b.lead, ["Văn phòng Ủy ban nhân dân tỉnh"]);
    assert_eq!(b.support, ["Sở Nội vụ", "Sở Tư pháp"]);
    assert_eq!(deadline(b).as_deref(), Some("trước ngày 30/9/2026"));
    // Each deadline is listed once.
    assert_eq!(doc.deadlines.len(), 2);
}

#[test]
fn a_lettered_item_with_labelled_fields_is_one_task_in_text_order() {
    let doc = vanban::parse(
        "KẾ HOẠCH\nCải cách hành chính năm 2027\n\nIII. NHIỆM VỤ\n\
         1. Hoàn thiện thể chế\n\
         a) Rà soát quy trình nội bộ giải quyết thủ tục hành chính cấp xã.\n\
         - Cơ quan chủ trì: Văn phòng UBND tỉnh.\n\
         - Cơ quan phối hợp: Sở Nội vụ, Sở Tư pháp.\n\
         - Thời gian hoàn thành: Quý I/2027.\n\
         b) Sở Tài chính chủ trì bố trí kinh phí, hoàn thành trước ngày 30/6/2027.\n",
    );
    assert_eq!(doc.tasks.len(), 2, "{:?}", doc.tasks);
    let (a, b) = (&doc.tasks[0], &doc.tasks[1]);
    assert_eq!(a.section.as_deref(), Some("III/1/a"));
    assert!(a.text.starts_with("Rà soát quy trình"), "{}", a.text);
    assert_eq!(a.lead, ["Văn phòng Ủy ban nhân dân tỉnh"]);
    assert_eq!(a.support, ["Sở Nội vụ", "Sở Tư pháp"]);
    assert_eq!(
        a.deadline.as_ref().map(|d| d.text.as_str()),
        Some("Quý I/2027")
    );
    assert_eq!(b.lead, ["Sở Tài chính"]);
}

#[test]
fn who_must_carry_a_directive_out_is_its_closing() {
    let doc = vanban::parse(
        "CHỈ THỊ\nVề tăng cường kỷ luật hành chính\n\n\
         Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n\
         1. Sở Nội vụ theo dõi, đôn đốc việc thực hiện.\n\
         2. Văn phòng UBND tỉnh phối hợp với Sở Nội vụ kiểm tra đột xuất.\n\
         Giám đốc các sở, Chủ tịch UBND các xã, phường chịu trách nhiệm thi hành Chỉ thị này./.\n",
    );
    let closing = doc.document.closing.as_deref().unwrap_or("");
    assert!(closing.starts_with("Giám đốc các sở"), "{closing:?}");
    let last = doc.sections.last().expect("sections");
    assert!(!last.text.contains("thi hành"), "{}", last.text);
    // The closing's duty is still a task.
    assert!(
        doc.tasks
            .iter()
            .any(|t| t.section.is_none() && t.lead.contains(&"Giám đốc các sở".to_owned())),
        "{:?}",
        doc.tasks
    );
}

#[test]
fn figures_for_a_year_before_the_document_report_the_past() {
    let doc = vanban::parse(
        "TỈNH ỦY NGHỆ AN\nSố 512-TB/TU\nNghệ An, ngày 14 tháng 3 năm 2026\n\n\
         THÔNG BÁO\nKết luận về chuyển đổi số\n\n\
         1. Năm 2025, tỷ lệ hồ sơ trực tuyến toàn trình đạt 62%; 100% cơ quan nhà nước sử dụng văn bản điện tử.\n\
         2. Nhiệm vụ năm 2026\n\
         Phấn đấu tỷ lệ hồ sơ trực tuyến toàn trình đạt 80% trở lên.\n",
    );
    assert_eq!(doc.document.date.as_deref(), Some("2026-03-14"));
    let values: Vec<(f64, Option<i32>)> = doc.targets.iter().map(|t| (t.value, t.year)).collect();
    assert_eq!(
        values,
        [(80.0, Some(2026))],
        "the figures of 2025 are results, not targets"
    );
}

#[test]
fn a_completion_field_holding_a_date_or_a_year_is_the_tasks_deadline() {
    let doc = vanban::parse(
        "KẾ HOẠCH\nĐề án 06 năm 2026\n\nIII. NHIỆM VỤ\n\
         1. Rà soát, làm sạch dữ liệu dân cư\n\
         - Đơn vị chủ trì: Công an xã.\n\
         - Thời gian hoàn thành: 30/9/2026.\n\
         2. Cập nhật dữ liệu đất đai\n\
         - Đơn vị chủ trì: Phòng Kinh tế.\n\
         - Thời gian hoàn thành: Năm 2026.\n",
    );
    let due: Vec<(Option<&str>, Option<&str>)> = doc
        .tasks
        .iter()
        .map(|t| {
            let d = t.deadline.as_ref();
            (
                d.map(|d| d.text.as_str()),
                d.and_then(|d| d.date.as_deref()),
            )
        })
        .collect();
    assert_eq!(
        due,
        [
            (Some("30/9/2026"), Some("2026-09-30")),
            (Some("Năm 2026"), None)
        ]
    );
    // Both are listed as deadlines too, once each.
    let listed: Vec<&str> = doc.deadlines.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(listed, ["30/9/2026", "Năm 2026"]);
}

#[test]
fn a_title_wrapped_before_its_years_keeps_them() {
    let doc = vanban::parse(
        "QUYẾT ĐỊNH\n\nPhê duyệt Đề án phát triển thương mại điện tử tỉnh Bắc Ninh giai đoạn\n\n\
         2026 - 2030\n\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\n\
         QUYẾT ĐỊNH:\n\nĐiều 1. Phê duyệt Đề án.\n",
    );
    assert_eq!(
        doc.document.title.as_deref(),
        Some("Phê duyệt Đề án phát triển thương mại điện tử tỉnh Bắc Ninh giai đoạn 2026 - 2030")
    );
}
