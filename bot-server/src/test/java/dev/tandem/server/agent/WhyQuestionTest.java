package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WhyQuestionTest {

    @Test
    void a_question_for_a_reason_in_either_language_with_or_without_marks() {
        assertThat(WhyQuestion.of(QuestionText.of("Vì sao ấm siêu tốc MH-KT17 sôi rồi mà không tự ngắt?")).asksWhy()).isTrue();
        assertThat(WhyQuestion.of(QuestionText.of("vi sao am sieu toc mh-kt17 soi roi ma khong tu ngat")).asksWhy()).isTrue();
        assertThat(WhyQuestion.of(QuestionText.of("Tại sao Phở Gà ăn liền vẫn có gluten?")).asksWhy()).isTrue();
        assertThat(WhyQuestion.of(QuestionText.of("Sao lại phải để máy đứng 4 tiếng?")).asksWhy()).isTrue();
        assertThat(WhyQuestion.of(QuestionText.of("Why does my induction rice cooker buzz?")).asksWhy()).isTrue();
        // not a reason: a time, an amount, a thing
        assertThat(WhyQuestion.of(QuestionText.of("Khi nào máy lọc nước MH-RO200 có phiên bản mới?")).asksWhy()).isFalse();
        assertThat(WhyQuestion.of(QuestionText.of("Bảo hành máy lọc nước bao lâu?")).asksWhy()).isFalse();
        assertThat(WhyQuestion.of(QuestionText.of("How do I descale the kettle?")).asksWhy()).isFalse();
    }

    @Test
    void a_passage_gives_a_reason_for_what_is_asked_with_a_causal_word_a_consequence_or_a_troubleshooting_section() {
        QuestionText kettle = QuestionText.of("Vì sao ấm siêu tốc MH-KT17 sôi rồi mà không tự ngắt?");
        assertThat(answeredBy("Hướng dẫn sử dụng ấm MH-KT17 › 3. Đun nước",
                "Nước sôi, ấm tự ngắt, đèn tắt.\nẤm sẽ không tự ngắt nếu nắp không đóng kín, vì hơi nước không tới được cảm biến.",
                "vi", kettle)).isTrue();
        // a troubleshooting section: its rows give causes in their own words
        assertThat(answeredBy("Hướng dẫn sử dụng MH-UF50 › 6. Xử lý sự cố",
                "| Nước có vị mặn | Nguồn nước nhiễm mặn – UF không xử lý được | Dùng máy RO |",
                "vi", QuestionText.of("vi sao nuoc loc tu may uf50 co vi man"))).isTrue();
        QuestionText fog = QuestionText.of("Why does the viewing window of my MH-AF80D fog up?");
        assertThat(answeredBy("MH-AF80D manual › Tips",
                "The viewing window fogs up because of the steam from moist food.", "en", fog)).isTrue();
        assertThat(answeredBy("MH-AF80D manual › 9. Other problems", "| Window fogs up | Wipe once cool |", "en", fog)).isTrue();
        // the fact alone: a specification row, a company's details
        assertThat(answeredBy("Thông số MH-AF55 › So sánh với MH-AF80D",
                "| Cửa sổ quan sát | Không | Có, kèm đèn |", "vi",
                QuestionText.of("Vì sao nồi chiên MH-AF55 không có cửa sổ quan sát như MH-AF80D?"))).isFalse();
        assertThat(answeredBy("About Mekong Home › Company details",
                "Head office: 18 Võ Văn Ngân, Thủ Đức Ward, Ho Chi Minh City", "en",
                QuestionText.of("Why did Mekong Home put its head office in Thủ Đức?"))).isFalse();
        // a reason for something else in the same passage: the vent's burn warning does not explain the window
        assertThat(answeredBy("Hướng dẫn sử dụng nồi chiên MH-AF80D › An toàn",
                "Không che lỗ thoát khí; hơi nóng có thể gây bỏng. Cửa sổ quan sát nóng khi đang chiên – không chạm tay vào.", "vi",
                QuestionText.of("Vì sao nồi chiên MH-AF55 không có cửa sổ quan sát như MH-AF80D?"))).isFalse();
    }

    @Test
    void reason_words_in_either_language() {
        assertThat(WhyQuestion.givesReason("Nước có mùi do lõi than hết tác dụng.", "vi")).isTrue();
        assertThat(WhyQuestion.givesReason("Đơn hàng, hóa đơn – 10 năm theo quy định kế toán.", "vi")).isTrue();
        assertThat(WhyQuestion.givesReason("Khay đọng nước lâu ngày sẽ có mùi.", "vi")).isTrue();
        assertThat(WhyQuestion.givesReason("Soft buzzing is the normal sound of the IH coil.", "en")).isTrue();
        assertThat(WhyQuestion.givesReason("Rinse the filters to prevent carbon fines in the water.", "en")).isTrue();
        // "do" gives a cause in Vietnamese ("do nguồn nước"), not in English ("Do not …")
        assertThat(WhyQuestion.givesReason("Do not exceed the MAX line.", "en")).isFalse();
        // marks matter: "vi" (micro) and "ví" (wallet) are not "vì"
        assertThat(WhyQuestion.givesReason("Màng UF lọc vi khuẩn; thanh toán bằng ví điện tử.", "vi")).isFalse();
    }

    @Test
    void for_a_why_question_the_sentence_with_the_reason_is_quoted_first() {
        String passage = "Ấm MH-KT17 sôi rồi tự ngắt sau 5 phút. Ấm MH-KT17 tự ngắt khi sôi và khi cạn. "
                + "Đèn báo tắt khi ấm tự ngắt. Nắp hở thì ấm không ngắt, vì hơi nước không tới cảm biến.";
        String question = "Vì sao ấm MH-KT17 sôi rồi mà không tự ngắt?";
        assertThat(OfflineGroundedModel.extract(passage, question, "vi")).contains("vì hơi nước không tới cảm biến");
        // the same passage for any other question keeps to the words shared
        assertThat(OfflineGroundedModel.extract(passage, question, null)).doesNotContain("vì hơi nước");
    }

    /** {@code question}'s why-check on a passage. */
    private static boolean answeredBy(String label, String text, String lang, QuestionText question) {
        return WhyQuestion.of(question).answeredBy(label, text, lang);
    }
}
