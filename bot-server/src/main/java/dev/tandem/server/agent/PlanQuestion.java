package dev.tandem.server.agent;

import java.util.regex.Pattern;

/**
 * A question for when the company will launch, open, publish or change something ("Khi nào máy lọc nước MH-RO200
 * có phiên bản mới?", "Bao giờ Mì Mekong ra vị mới?", "Khi nào Mekong Home mở cửa hàng ở Hải Phòng?", "When will
 * prices go up?") and whether a passage gives a date. The documents state standing policies, products and contracts;
 * a plan is answered only by a passage that dates it ("từ ngày 01/03/2025", "2 March 2026"). The product's manual or
 * the store list shares the question's words and says nothing of when: quoting it answers another question.
 * <p>
 * The customer's own process is no plan: when a delivery arrives, when points expire, when the warranty starts or a
 * unit is replaced ("đổi máy mới") are answered by durations and conditions, and "new" alone does not make a plan;
 * a new version, model, flavour or colour does.
 */
final class PlanQuestion {

    /** Folded: a question for a time ("khi nào", "bao giờ", "when"). */
    private static final Pattern WHEN = Pattern.compile(
            "\\b(khi nao|bao gio|luc nao|hom nao|ngay nao|thoi diem nao|when|what date)\\b");
    /** As typed with marks: launching, opening, publishing, a new variant, a price change or a sale. */
    private static final String VI_PLAN = "ra mắt|ra (mẫu|vị|bản|phiên bản|loại|dòng|sản phẩm|màu)"
            + "|(phiên bản|mẫu|vị|bản|loại|dòng|màu)( \\S+){0,3} mới|(bản|phiên bản) màu"
            + "|mở (thêm )?(cửa hàng|chi nhánh|đại lý|showroom|văn phòng)|(tăng|giảm|điều chỉnh) giá|khuyến mãi|nhân đôi điểm"
            + "|công bố|phát hành|bắt đầu (bán|giao|ship|phân phối)|black friday|sale";
    private static final Pattern VI_MARKED = Pattern.compile("(?<!\\p{L})(" + VI_PLAN + ")(?!\\p{L})");
    /** The same, folded, for a question typed without marks. */
    private static final Pattern VI_FOLDED = Pattern.compile("\\b(" + Language.fold(VI_PLAN) + ")\\b");
    /** Folded English. */
    private static final Pattern EN_PLAN = Pattern.compile("\\b(launch\\w*|releas\\w*|new (version|model|flavou?r|colou?r|product|range)"
            + "|\\w+ version|(start|begin)\\w* (to )?(sell|deliver|ship|offer)\\w*|open\\w* (a |an |new |another |more )?(shop|store|branch|showroom|office)s?"
            + "|prices? (rise|increase|go up|change)\\w*|rais\\w* (its |the |your )?prices|sale|black friday|publish\\w*|announc\\w*|double points)\\b");
    /**
     * Folded: a calendar date — day and month ("15/08", "01/03/2025", "2026-01-15"; not "1/2" of a measure nor "24/7"),
     * written out ("ngày 20 tháng 02", "tháng 8 năm 2025", "2 March"; not "mỗi ngày 1 lần", nor "20 máy" as "20 May"), or
     * a year of this century (not the hotline's "1900").
     */
    private static final Pattern DATE = Pattern.compile("\\b\\d{2}/\\d{2}\\b|\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b"
            + "|\\bngay \\d{1,2} thang\\b|\\bthang \\d{1,2} nam\\b|\\b\\d{1,2} (jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\b"
            + "|\\b20\\d{2}\\b");

    private PlanQuestion() {}

    /** Whether the question asks when the company will launch, open, publish or change something. */
    static boolean asks(QuestionText question) {
        if (!WHEN.matcher(question.folded()).find()) return false;
        if (question.english()) return EN_PLAN.matcher(question.folded()).find();
        return question.holds(VI_MARKED, VI_FOLDED);
    }

    /** Whether a passage (label and text) gives a date. */
    static boolean datedIn(PassageText passage) {
        return DATE.matcher(passage.folded()).find();
    }
}
