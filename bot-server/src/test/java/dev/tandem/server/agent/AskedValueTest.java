package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AskedValueTest {

    private final OfflineGroundedModel model = new OfflineGroundedModel();

    private static AskedValue of(String question) {
        return AskedValue.of(QuestionText.of(question));
    }

    @Test
    void a_sentence_stating_the_period_asked_for_is_quoted_before_one_that_only_repeats_the_question() {
        String passage = "Nên để kỹ thuật viên thay màng RO, vì cần tháo nắp vỏ màng. "
                + "Khi thay màng RO, khóa van cấp nước trước. "
                + "Màng RO thay xong phải xả bỏ nước đầu. "
                + "Màng RO: 24–36 tháng tùy chất lượng nước.";

        String extract = OfflineGroundedModel.extract(passage, "Màng RO bao lâu thì phải thay?");

        assertThat(extract).contains("Màng RO: 24–36 tháng");
        assertThat(of("Màng RO bao lâu thì phải thay?").weight("Nên để kỹ thuật viên thay màng RO.")).isZero();
        assertThat(of("How long does delivery take?").weight("Standard delivery takes 3–5 working days.")).isEqualTo(AskedValue.SPECIFIC);
    }

    @Test
    void an_amount_answers_a_question_for_a_price_and_a_temperature_one_for_degrees() {
        assertThat(of("Phí ship bao nhiêu vậy?").statedIn("Đơn dưới 500.000 VND chịu phí giao 30.000 VND.")).isTrue();
        assertThat(of("Phí ship bao nhiêu vậy?").statedIn("Phí giao hàng tùy theo khu vực.")).isFalse();
        assertThat(of("Chiên cánh gà để bao nhiêu độ?").statedIn("Cánh gà · 200 °C · 18–20 phút")).isTrue();
        assertThat(of("Chiên cánh gà để bao nhiêu độ?").statedIn("Lật cánh gà giữa chừng.")).isFalse();
    }

    @Test
    void a_nutrient_is_stated_in_milligrams_or_grams_and_energy_in_kilocalories() {
        assertThat(of("Hàm lượng natri trong một gói mì là bao nhiêu?").statedIn("Natri · 1.750 mg")).isTrue();
        assertThat(of("Một gói phở gà bao nhiêu calo?").statedIn("Năng lượng · 240 kcal")).isTrue();
        assertThat(of("Một gói phở gà bao nhiêu calo?").statedIn("Khối lượng tịnh: 65 g / gói")).isFalse();
        // "đường" is a road as much as sugar: a street asked for is no nutrient
        assertThat(of("Cửa hàng nằm ở đường nào?").statedIn("Gói súp: muối 2 g.")).isFalse();
    }

    @Test
    void a_phone_number_answers_a_question_for_the_hotline_but_a_pack_is_no_phone_call() {
        assertThat(of("Số hotline bảo hành là gì?").statedIn("Hotline 1900 6868, 8:00–21:00 hằng ngày.")).isTrue();
        assertThat(of("Một gói cho bé ăn có được không?").statedIn("Hotline 1900 6868.")).isFalse();
    }

    @Test
    void an_address_is_a_street_and_number_not_the_word_address() {
        AskedValue where = of("Trung tâm bảo hành ở Hải Phòng nằm ở đường nào?");
        assertThat(where.statedIn("Địa chỉ: Số 120 Lạch Tray, Phường Lê Chân, Hải Phòng")).isTrue();
        assertThat(where.statedIn("Danh sách địa chỉ xem tại trang Hệ thống trung tâm bảo hành.")).isFalse();
        assertThat(of("Where is your office?").statedIn("18 Võ Văn Ngân, Thủ Đức Ward, Ho Chi Minh City.")).isTrue();
    }

    @Test
    void mấy_asks_for_a_number_but_máy_typed_with_its_marks_is_a_machine() {
        assertThat(of("Nồi cơm có mấy chế độ nấu?").any()).isTrue();
        assertThat(of("Máy lọc nước có được lắp đặt miễn phí không?").any()).isFalse();
        assertThat(of("Máy lọc nước có được lắp đặt miễn phí không?").weight("Lắp đặt trong 48 giờ tại 5 thành phố.")).isZero();
        assertThat(of("Noi com co may che do nau?").weight("Nồi có 12 chế độ nấu.")).isEqualTo(AskedValue.ANY_NUMBER);
    }

    @Test
    void a_nearly_as_good_passage_that_states_the_value_asked_is_quoted_instead_of_one_that_does_not() {
        String text = OfflineGroundedModelTest.prompt("Gửi máy đi bảo hành thì sửa mất bao lâu?",
                "[1] Hệ thống trung tâm bảo hành › Trung tâm bảo hành Hà Nội | lang=vi | confidence=0.900\n"
                        + "Gửi máy bảo hành và sửa chữa tại trung tâm: Số 112 Trần Duy Hưng, Hà Nội.",
                "[2] Hướng dẫn yêu cầu bảo hành › Sau khi tiếp nhận | lang=vi | confidence=0.850\n"
                        + "Máy gửi bảo hành được sửa trong tối đa 7 ngày làm việc.");

        assertThat(model.compose(text)).contains("7 ngày làm việc").contains("[2]").doesNotContain("Trần Duy Hưng");
    }

    @Test
    void an_english_question_meets_a_vietnamese_sentence_through_the_lexicon() {
        String passage = "Giờ làm việc chung: Thứ Hai – Thứ Bảy, 8:00–18:00. "
                + "Nhận bảo hành máy lọc nước. "
                + "Bán lõi lọc chính hãng. "
                + "Sửa chữa có tính phí. "
                + "Nghỉ Chủ nhật và ngày lễ.";

        String extract = OfflineGroundedModel.extract(passage, QuestionText.of("Is the service centre open on Sunday?"), null, "vi");

        assertThat(extract).contains("Nghỉ Chủ nhật");
        assertThat(OfflineGroundedModel.extract(passage, QuestionText.of("Is the service centre open on Sunday?"), null, "en"))
                .doesNotContain("Nghỉ Chủ nhật");
    }
}
