package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WhyQuestionTest {

    @Test
    void a_question_for_a_reason_in_either_language_with_or_without_marks() {
        assertThat(WhyQuestion.asks(QuestionText.of("Vì sao ấm siêu tốc MH-KT17 sôi rồi mà không tự ngắt?"))).isTrue();
        assertThat(WhyQuestion.asks(QuestionText.of("vi sao am sieu toc mh-kt17 soi roi ma khong tu ngat"))).isTrue();
        assertThat(WhyQuestion.asks(QuestionText.of("Tại sao Phở Gà ăn liền vẫn có gluten?"))).isTrue();
        assertThat(WhyQuestion.asks(QuestionText.of("Sao lại phải để máy đứng 4 tiếng?"))).isTrue();
        assertThat(WhyQuestion.asks(QuestionText.of("Why does my induction rice cooker buzz?"))).isTrue();
        // not a reason: a time, an amount, a thing
        assertThat(WhyQuestion.asks(QuestionText.of("Khi nào máy lọc nước MH-RO200 có phiên bản mới?"))).isFalse();
        assertThat(WhyQuestion.asks(QuestionText.of("Bảo hành máy lọc nước bao lâu?"))).isFalse();
        assertThat(WhyQuestion.asks(QuestionText.of("How do I descale the kettle?"))).isFalse();
    }

    @Test
    void a_passage_gives_a_reason_with_a_causal_word_a_consequence_or_a_troubleshooting_table() {
        assertThat(WhyQuestion.givesReason(new PassageText(
                "Ấm sẽ không tự ngắt nếu nắp không đóng kín, vì hơi nước không tới được cảm biến."), "vi")).isTrue();
        assertThat(WhyQuestion.givesReason(new PassageText(
                "Hướng dẫn › 6. Xử lý sự cố\nNước có vị mặn | Nguồn nước nhiễm mặn – UF không xử lý được | Dùng máy RO"), "vi")).isTrue();
        assertThat(WhyQuestion.givesReason(new PassageText(
                "Manual › 8. Other problems\nSoft buzzing while cooking | Normal sound of the IH coil and cooling fan"), "en")).isTrue();
        assertThat(WhyQuestion.givesReason(new PassageText("The window fogs up because of the steam from moist food."), "en")).isTrue();
        // the fact alone: a specification row, a company's details
        assertThat(WhyQuestion.givesReason(new PassageText(
                "Thông số › So sánh với MH-AF80D\nDung tích · 5,5 lít · 8 lít Cửa sổ quan sát · Không · Có, kèm đèn"), "vi")).isFalse();
        assertThat(WhyQuestion.givesReason(new PassageText(
                "About Mekong Home › Company details\nHead office: 18 Võ Văn Ngân, Thủ Đức Ward, Ho Chi Minh City"), "en")).isFalse();
        // "do" gives a cause in Vietnamese ("do nguồn nước"), not in English ("Do not …")
        assertThat(WhyQuestion.givesReason(new PassageText("Do not exceed the MAX line."), "en")).isFalse();
        assertThat(WhyQuestion.givesReason(new PassageText("Nước có mùi do lõi than hết tác dụng."), "vi")).isTrue();
        // marks matter: "vi" (micro) and "ví" (wallet) are not "vì"
        assertThat(WhyQuestion.givesReason(new PassageText("Màng UF lọc vi khuẩn; thanh toán bằng ví điện tử."), "vi")).isFalse();
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
}
