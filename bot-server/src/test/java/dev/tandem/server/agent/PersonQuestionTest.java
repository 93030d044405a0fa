package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonQuestionTest {

    @Test
    void a_question_for_a_person_in_either_language() {
        assertThat(PersonQuestion.asks(QuestionText.of("Who is our named on-call engineer?"))).isTrue();
        assertThat(PersonQuestion.asks(QuestionText.of("Who founded Mekong Home?"))).isTrue();
        assertThat(PersonQuestion.asks(QuestionText.of("quản lý tài khoản của công ty tôi là ai, số điện thoại?"))).isTrue();
        assertThat(PersonQuestion.asks(QuestionText.of("ke toan truong cua Mekong Home ten la gi"))).isTrue();
        assertThat(PersonQuestion.asks(QuestionText.of("Ai là người thiết kế logo của Mekong Home?"))).isTrue();
        assertThat(PersonQuestion.asks(QuestionText.of("ai la nguoi ky hop dong ben minh"))).isTrue();
        // a party, not a person: who pays, "ai chịu phí"
        assertThat(PersonQuestion.asks(QuestionText.of("If I return an order because I changed my mind, who pays the return shipping?"))).isFalse();
        assertThat(PersonQuestion.asks(QuestionText.of("Trả hàng đổi ý thì ai chịu phí ship?"))).isFalse();
    }

    @Test
    void a_passage_names_a_person_by_a_title_and_a_capitalised_name() {
        assertThat(PersonQuestion.namesPerson(new PassageText("7.1. Kỹ sư trực 24/7 được chỉ định: **Ông Võ Thành Đạt** (kỹ sư dịch vụ cao cấp)"))).isTrue();
        assertThat(PersonQuestion.namesPerson(new PassageText("The Supplier names an engineer on call 24/7: Mr Võ Thành Đạt."))).isTrue();
        assertThat(PersonQuestion.namesPerson(new PassageText("Mekong Home was founded in 2016 to bring Vietnamese families clean water."))).isFalse();
        assertThat(PersonQuestion.namesPerson(new PassageText("Hóa đơn điện tử được gửi tới email kế toán đã đăng ký; bên mình ông bà dùng tốt."))).isFalse();
    }
}
