package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountQuestionTest {

    @Test
    void a_question_for_how_many_of_a_thing_needs_a_number_next_to_that_thing() {
        var staff = CountQuestion.of(QuestionText.of("Mekong Home có bao nhiêu nhân viên?"));
        assertThat(staff.countedIn(new PassageText("Không cung cấp OTP cho bất kỳ ai, kể cả người xưng là nhân viên Mekong Home."))).isFalse();
        assertThat(staff.countedIn(new PassageText("Công ty có 350 nhân viên tại 6 cửa hàng."))).isTrue();
        var rooms = CountQuestion.of(QuestionText.of("How many guest rooms does our agreement cover?"));
        assertThat(rooms.countedIn(new PassageText("1.1. The products are used commercially in guest rooms, restaurants, staff canteens."))).isFalse();
        assertThat(rooms.countedIn(new PassageText("Supply for 1,200 guest rooms in 12 hotels."))).isTrue();
        var units = CountQuestion.of(QuestionText.of("How many MH-RO200 units has Mekong Home sold?"));
        assertThat(units.countedIn(new PassageText("Stand the unit upright for 4 hours after transport."))).isFalse();
        // a table row counts too: the thing, a separator, a number
        assertThat(CountQuestion.of(QuestionText.of("How many presets does the MH-AF80D have?")).countedIn(new PassageText("| Presets | 8 |"))).isTrue();
        assertThat(CountQuestion.of(QuestionText.of("mot thung mi co bao nhieu goi")).countedIn(new PassageText("Thùng: **30 gói**"))).isTrue();
        // a modal ends the noun phrase as an auxiliary does
        var characters = CountQuestion.of(QuestionText.of("How many characters must a B2B portal password have?"));
        assertThat(characters.countedIn(new PassageText("3. Set a password (at least 12 characters) and turn on two-step verification."))).isTrue();
        assertThat(characters.countedIn(new PassageText("Sign out on shared computers."))).isFalse();
        // people are counted though "người" is a function word elsewhere
        var people = CountQuestion.of(QuestionText.of("Máy lọc RO200 đủ dùng cho văn phòng khoảng bao nhiêu người vậy?"));
        assertThat(people.countedIn(new PassageText("Để máy lọc khoảng 30 phút. Xả bỏ khoảng 10 lít nước đầu."))).isFalse();
        assertThat(people.countedIn(new PassageText("Công suất 12 lít/giờ, phù hợp văn phòng 20–30 người."))).isTrue();
        assertThat(CountQuestion.of(QuestionText.of("may loc ro200 du dung cho bao nhieu nguoi")).countedIn(new PassageText("phù hợp gia đình 4–6 người"))).isTrue();
    }

    @Test
    void units_money_and_a_plural_mấy_count_nothing() {
        // units and money are QuantityQuestion's and PriceQuestion's; "mấy" opening a clause means "those"
        assertThat(CountQuestion.of(QuestionText.of("How many minutes does the kettle take?"))).isEqualTo(CountQuestion.Counted.NONE);
        assertThat(CountQuestion.of(QuestionText.of("Phí giao hàng là bao nhiêu tiền?"))).isEqualTo(CountQuestion.Counted.NONE);
        assertThat(CountQuestion.of(QuestionText.of("Nồi chiên bảo hành mấy tháng?"))).isEqualTo(CountQuestion.Counted.NONE);
        assertThat(CountQuestion.of(QuestionText.of("mấy tin nhắn mình chat với bot có bị lưu lại không"))).isEqualTo(CountQuestion.Counted.NONE);
        // unmarked "may" is as often "máy"
        assertThat(CountQuestion.of(QuestionText.of("may loc nuoc co may cap loc"))).isEqualTo(CountQuestion.Counted.NONE);
        assertThat(CountQuestion.Counted.NONE.countedIn(new PassageText("anything"))).isTrue();
    }

    @Test
    void the_words_before_the_thing_counted_name_the_kind_the_passage_must_name() {
        CountQuestion.Counted bonus = CountQuestion.of(QuestionText.of("How many bonus points do new Mekong Xanh members get when they sign up?"));
        assertThat(bonus.modifiers()).containsExactly("bonus");
        // points are counted, but not bonus points
        assertThat(bonus.countedIn(new PassageText("Mekong Xanh › Redeeming points\n100 points = a 10,000 VND voucher."))).isFalse();
        assertThat(bonus.countedIn(new PassageText("Mekong Xanh › Joining\nNew members get 50 bonus points when they sign up."))).isTrue();
        CountQuestion.Counted menus = CountQuestion.of(QuestionText.of("How many cooking menus does the induction rice cooker have?"));
        assertThat(menus.countedIn(new PassageText("MH-RC18IH › Menus\n1.8 L induction rice cooker, 1,250 W, 12 cooking menus."))).isTrue();
    }
}
