package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountQuestionTest {

    @Test
    void a_question_for_how_many_of_a_thing_needs_a_number_next_to_that_thing() {
        var staff = CountQuestion.of("Mekong Home có bao nhiêu nhân viên?");
        assertThat(staff.countedIn("Không cung cấp OTP cho bất kỳ ai, kể cả người xưng là nhân viên Mekong Home.")).isFalse();
        assertThat(staff.countedIn("Công ty có 350 nhân viên tại 6 cửa hàng.")).isTrue();
        var rooms = CountQuestion.of("How many guest rooms does our agreement cover?");
        assertThat(rooms.countedIn("1.1. The products are used commercially in guest rooms, restaurants, staff canteens.")).isFalse();
        assertThat(rooms.countedIn("Supply for 1,200 guest rooms in 12 hotels.")).isTrue();
        var units = CountQuestion.of("How many MH-RO200 units has Mekong Home sold?");
        assertThat(units.countedIn("Stand the unit upright for 4 hours after transport.")).isFalse();
        // a table row counts too: the thing, a separator, a number
        assertThat(CountQuestion.of("How many presets does the MH-AF80D have?").countedIn("| Presets | 8 |")).isTrue();
        assertThat(CountQuestion.of("mot thung mi co bao nhieu goi").countedIn("Thùng: **30 gói**")).isTrue();
        // a modal ends the noun phrase as an auxiliary does
        var characters = CountQuestion.of("How many characters must a B2B portal password have?");
        assertThat(characters.countedIn("3. Set a password (at least 12 characters) and turn on two-step verification.")).isTrue();
        assertThat(characters.countedIn("Sign out on shared computers.")).isFalse();
    }

    @Test
    void units_money_and_a_plural_mấy_count_nothing() {
        // units and money are QuantityQuestion's and PriceQuestion's; "mấy" opening a clause means "those"
        assertThat(CountQuestion.of("How many minutes does the kettle take?")).isEqualTo(CountQuestion.Counted.NONE);
        assertThat(CountQuestion.of("Phí giao hàng là bao nhiêu tiền?")).isEqualTo(CountQuestion.Counted.NONE);
        assertThat(CountQuestion.of("Nồi chiên bảo hành mấy tháng?")).isEqualTo(CountQuestion.Counted.NONE);
        assertThat(CountQuestion.of("mấy tin nhắn mình chat với bot có bị lưu lại không")).isEqualTo(CountQuestion.Counted.NONE);
        // unmarked "may" is as often "máy"
        assertThat(CountQuestion.of("may loc nuoc co may cap loc")).isEqualTo(CountQuestion.Counted.NONE);
        assertThat(CountQuestion.Counted.NONE.countedIn("anything")).isTrue();
    }
}
