package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineGroundedModelTest {

    private final OfflineGroundedModel model = new OfflineGroundedModel();

    private static String prompt(String question, String... sources) {
        StringBuilder s = new StringBuilder(question).append("\n\n").append(GroundingPrompt.BEGIN).append('\n');
        for (String source : sources) s.append(source).append("\n\n");
        return s.append(GroundingPrompt.END).toString();
    }

    @Test
    void answers_with_the_sentence_that_covers_the_question_and_cites_it() {
        String text = prompt("may loc nuoc bao hanh bao lau?",
                "[1] Chính sách bảo hành › Thời hạn | lang=vi | confidence=0.900\n"
                        + "Sản phẩm được đổi mới trong 30 ngày đầu. Máy lọc nước được bảo hành 24 tháng kể từ ngày mua. Lõi lọc là vật tư tiêu hao.");

        String answer = model.compose(text);

        assertThat(answer).startsWith("Theo «Chính sách bảo hành»:")
                .contains("Máy lọc nước được bảo hành 24 tháng kể từ ngày mua.")
                .endsWith("[1]");
    }

    @Test
    void says_it_does_not_know_and_offers_a_human_without_sources() {
        assertThat(model.compose("Do you sell electric scooters?"))
                .contains("couldn't find").contains("support agent");
        assertThat(model.compose("Bên bạn có bán xe máy điện không?"))
                .contains("chưa tìm thấy").contains("nhân viên");
    }

    @Test
    void prefers_a_passage_in_the_question_language_when_nearly_as_good() {
        String text = prompt("How long is the air fryer warranty?",
                "[1] Chính sách bảo hành | lang=vi | confidence=0.900\nNồi chiên không dầu bảo hành 18 tháng.",
                "[2] Warranty policy | lang=en | confidence=0.850\nAir fryers are covered for 18 months.");

        assertThat(model.compose(text)).startsWith("According to “Warranty policy”").endsWith("[2]");
    }

    @Test
    void table_rows_become_readable_sentences() {
        String extract = OfflineGroundedModel.extract(
                "| Mã lỗi | Ý nghĩa | Cách xử lý |\n|---|---|---|\n| E1 | Áp lực nước vào thấp | Mở van cấp nước |",
                "loi E1 la gi");

        assertThat(extract).contains("E1 — Áp lực nước vào thấp — Mở van cấp nước").doesNotContain("|");
    }
}
