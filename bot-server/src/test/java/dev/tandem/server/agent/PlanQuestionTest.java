package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlanQuestionTest {

    private static boolean asks(String question) {
        return PlanQuestion.asks(QuestionText.of(question));
    }

    private static boolean dated(String passage) {
        return PlanQuestion.datedIn(new PassageText(passage));
    }

    @Test
    void a_question_for_when_the_company_launches_opens_or_changes_something() {
        assertThat(asks("Khi nào máy lọc nước MH-RO200 có phiên bản mới?")).isTrue();
        assertThat(asks("khi nao may loc nuoc mh-ro200 co phien ban moi")).isTrue();
        assertThat(asks("Bao giờ Mì Mekong ra vị mới?")).isTrue();
        assertThat(asks("Khi nào Mekong Home mở cửa hàng bán lẻ ở Hải Phòng?")).isTrue();
        assertThat(asks("Khi nào Mekong Home tăng giá nồi chiên MH-AF55?")).isTrue();
        assertThat(asks("When will the MH-AF80D be sold in a white version?")).isTrue();
        assertThat(asks("When does your next big sale start?")).isTrue();
    }

    @Test
    void the_customers_own_process_is_no_plan() {
        // a new unit instead of a repair, a delivery, points, a warranty: durations and conditions answer them
        assertThat(asks("Khi nào thì được đổi máy mới thay vì sửa?")).isFalse();
        assertThat(asks("When will you replace my appliance with a new one instead of repairing it?")).isFalse();
        assertThat(asks("Đơn giao ra Côn Đảo thì bao giờ tới?")).isFalse();
        assertThat(asks("Trung tâm bảo hành làm việc khi nào?")).isFalse();
        assertThat(asks("When do Mekong Xanh points expire?")).isFalse();
        // a new version asked about, but not when
        assertThat(asks("Máy lọc nước MH-RO200 có phiên bản mới không?")).isFalse();
    }

    @Test
    void a_date_is_a_day_and_a_month_or_a_year_not_a_measure_or_a_hotline() {
        assertThat(dated("Hợp đồng có hiệu lực từ ngày 01/03/2025.")).isTrue();
        assertThat(dated("Hôm nay, ngày 20 tháng 02 năm 2025, tại TP. Hồ Chí Minh")).isTrue();
        assertThat(dated("Published: 2 March 2026")).isTrue();
        assertThat(dated("Gạo mới: bớt nước khoảng 1/2 vạch. Kỹ sư trực 24/7.")).isFalse();
        assertThat(dated("Gọi hotline 1900 6868; xả rửa mỗi ngày 1 lần; đơn tối thiểu 20 máy.")).isFalse();
    }
}
