package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrganisationQuestionTest {

    private static boolean asks(String question) {
        return OrganisationQuestion.asks(QuestionText.of(question));
    }

    private static boolean names(String passage) {
        return OrganisationQuestion.namesOne(new PassageText(passage));
    }

    @Test
    void a_question_for_which_company_brand_or_bank() {
        assertThat(asks("Which courier company delivers orders placed on the website?")).isTrue();
        assertThat(asks("Which banks offer 0% installments?")).isTrue();
        assertThat(asks("đơn hàng đặt online do hãng vận chuyển nào giao")).isTrue();
        assertThat(asks("ấm siêu tốc KT17 dùng rơ le nhiệt của hãng nào")).isTrue();
        assertThat(asks("Ngan hang nao ho tro tra gop?")).isTrue();
        // unmarked "cua hang nao" is as often "which shop"; a shop is no company asked for
        assertThat(asks("cua hang nao gan quan 7 nhat")).isFalse();
        assertThat(asks("Cửa hàng nào gần quận 7 nhất?")).isFalse();
        assertThat(asks("How long does delivery take?")).isFalse();
    }

    @Test
    void a_name_is_a_capitalised_word_inside_a_sentence_other_than_the_company_a_place_or_an_acronym() {
        assertThat(names("Ngân hàng đối tác: Vietcombank, Techcombank, VPBank, Sacombank.")).isTrue();
        assertThat(names("Bank: **Vietcombank**")).isTrue();
        assertThat(names("Mekong Home delivers nationwide; you receive an SMS and pay in VND.")).isFalse();
        assertThat(names("Giao hàng nội thành Hà Nội 2–4 ngày, ra Phú Quốc, Côn Đảo 5–10 ngày; Bên A chịu phí.")).isFalse();
    }
}
