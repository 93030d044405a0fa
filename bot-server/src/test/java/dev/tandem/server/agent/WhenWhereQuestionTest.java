package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WhenWhereQuestionTest {

    @Test
    void a_vietnamese_time_or_place_question_asks_about_the_rest_of_its_clause() {
        assertThat(WhenWhereQuestion.asked(QuestionText.of("Bao giờ nồi chiên MH-AF80D có bản màu trắng?")))
                .containsExactly("nồi", "chiên", "mh", "af80d", "bản", "màu", "trắng");
        assertThat(WhenWhereQuestion.asked(QuestionText.of("Văn phòng đại diện của Mekong Home ở Hà Nội nằm ở đâu?")))
                .containsExactly("văn", "phòng", "đại", "diện", "hà", "nội");
        // without marks, "ban" (bạn) and "moi" (mới) may be function words: left out
        assertThat(WhenWhereQuestion.asked(QuestionText.of("khi nao may loc nuoc mh-ro200 co phien ban moi")))
                .containsExactly("may", "loc", "nuoc", "mh", "ro200", "phien");
        // no time or place asked
        assertThat(WhenWhereQuestion.asked(QuestionText.of("Máy lọc nước bảo hành bao lâu?"))).isEmpty();
        assertThat(WhenWhereQuestion.asked(QuestionText.of("Khi máy báo lỗi E3 thì làm sao?"))).isEmpty();
    }

    @Test
    void an_english_when_or_where_clause_asks_about_its_content_words() {
        assertThat(WhenWhereQuestion.asked(QuestionText.of("When will the MH-AF80D be sold in a white version?")))
                .contains("sold", "white", "version");
        assertThat(WhenWhereQuestion.asked(QuestionText.of("Where is your shop in Vung Tau?"))).containsExactly("vung", "tau");
        assertThat(WhenWhereQuestion.asked(QuestionText.of("How long is the warranty?"))).isEmpty();
        // "when" inside a clause is a conjunction, not a question
        assertThat(WhenWhereQuestion.asked(QuestionText.of("What happens when the filter light turns red?"))).isEmpty();
    }

    @Test
    void a_passage_must_speak_of_the_event_or_thing_one_miss_tolerated() {
        String white = "Bao giờ nồi chiên MH-AF80D có bản màu trắng?";
        String spec = "Thông số MH-AF80D › Chung\nNồi chiên không dầu MH-AF80D: dung tích 8 lít, công suất 1.800 W, vỏ màu đen.";
        // "bản" and "trắng" missing: two misses
        assertThat(WhenWhereQuestion.of(QuestionText.of(white)).notHeld(QuestionText.of(white), new PassageText(spec), "vi")).containsExactly("bản", "trắng");
        String expiry = "Bao giờ thì tôi được nhắc là điểm Mekong Xanh sắp hết hạn?";
        String points = "Mekong Xanh › Thời hạn điểm\nMỗi điểm hết hạn sau 12 tháng. Hệ thống nhắc hội viên qua SMS 30 ngày trước khi điểm hết hạn.";
        // only "sắp" missing: a paraphrase
        assertThat(WhenWhereQuestion.of(QuestionText.of(expiry)).notHeld(QuestionText.of(expiry), new PassageText(points), "vi")).isEmpty();
        String english = "When will Mekong Home start delivering to Singapore?";
        assertThat(WhenWhereQuestion.of(QuestionText.of(english)).notHeld(QuestionText.of(english), new PassageText("Shipping\nMekong Home delivers nationwide."), "en"))
                .containsExactly("start", "singapore");
    }

    @Test
    void two_adjacent_missing_syllables_are_one_vietnamese_word() {
        String question = "Hợp đồng của chúng tôi có hiệu lực đến bao giờ?";
        String term = "Tóm tắt hợp đồng › Điều 2. Thời hạn\nTừ ngày 15/01/2026 đến hết ngày 14/01/2028.";
        // "hiệu lực" is one word the passage puts as "thời hạn": one miss
        assertThat(WhenWhereQuestion.of(QuestionText.of(question)).notHeld(QuestionText.of(question), new PassageText(term), "vi")).isEmpty();
        String office = "Văn phòng đại diện ở Cần Thơ ở đâu?";
        String store = "Cửa hàng › Cần Thơ\nSố 56 Đường 30 Tháng 4, Ninh Kiều, Cần Thơ.";
        // "văn phòng" and "đại diện": two words missing, not one run of four syllables counted as one
        assertThat(WhenWhereQuestion.of(QuestionText.of(office)).notHeld(QuestionText.of(office), new PassageText(store), "vi")).containsExactly("văn", "phòng", "đại", "diện");
    }

    @Test
    void a_passage_in_the_other_language_is_not_compared_word_for_word() {
        String question = "Hợp đồng của chúng tôi có hiệu lực đến bao giờ?";
        String contract = "Agreement › Clause 2. Term\nThis Agreement runs from 15 January 2026 to 14 January 2028.";
        assertThat(WhenWhereQuestion.of(QuestionText.of(question)).notHeld(QuestionText.of(question), new PassageText(contract), "en")).isEmpty();
    }
}
