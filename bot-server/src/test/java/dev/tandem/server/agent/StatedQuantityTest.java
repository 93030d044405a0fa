package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatedQuantityTest {

    @Test
    void finds_the_volumes_weights_lengths_percentages_and_years_a_question_states() {
        assertThat(StatedQuantity.of(QuestionText.of("Nồi cơm MH-RC18 có loại 1 lít không?")))
                .containsExactly(new StatedQuantity.Stated("1", StatedQuantity.Kind.VOLUME));
        assertThat(StatedQuantity.of(QuestionText.of("How long does the MH-KT17 take to boil exactly 1 litre?")))
                .containsExactly(new StatedQuantity.Stated("1", StatedQuantity.Kind.VOLUME));
        assertThat(StatedQuantity.of(QuestionText.of("ấm đun sôi đầy 1,7 lít mất mấy phút")))
                .containsExactly(new StatedQuantity.Stated("1.7", StatedQuantity.Kind.VOLUME));
        assertThat(StatedQuantity.of(QuestionText.of("How big a whole chicken fits in the 8-litre air fryer?")))
                .containsExactly(new StatedQuantity.Stated("8", StatedQuantity.Kind.VOLUME));
        // "a" before the number is an article, not a rate ("a 3-litre pot", unlike "per litre")
        assertThat(StatedQuantity.of(QuestionText.of("Do you sell a rice cooker with a 3-litre pot?")))
                .containsExactly(new StatedQuantity.Stated("3", StatedQuantity.Kind.VOLUME));
        assertThat(StatedQuantity.of(QuestionText.of("Mua đơn từ 10 triệu có được giảm 10% không?")))
                .containsExactly(new StatedQuantity.Stated("10", StatedQuantity.Kind.PERCENT));
        assertThat(StatedQuantity.of(QuestionText.of("Khi nào bảng giá sỉ năm 2027 được công bố?")))
                .containsExactly(new StatedQuantity.Stated("2027", null));
        assertThat(StatedQuantity.of(QuestionText.of("Máy RO200 chỉnh nước nóng xuống tầm 70 độ được không ạ?")))
                .containsExactly(new StatedQuantity.Stated("70", StatedQuantity.Kind.TEMPERATURE));
        assertThat(StatedQuantity.of(QuestionText.of("Can the kettle keep water at 80°C?")))
                .containsExactly(new StatedQuantity.Stated("80", StatedQuantity.Kind.TEMPERATURE));
    }

    @Test
    void a_rate_money_durations_codes_and_serial_numbers_are_not_what_is_asked_about() {
        // a rate's base, the customer's own amounts and durations: figures for the answer to work with
        assertThat(StatedQuantity.of(QuestionText.of("máy lọc RO100 cứ 1 lít nước sạch thì thải ra bao nhiêu nước"))).isEmpty();
        assertThat(StatedQuantity.of(QuestionText.of("How many points do I earn per 10,000 VND?"))).isEmpty();
        assertThat(StatedQuantity.of(QuestionText.of("đơn 25 triệu trả góp 12 tháng được không"))).isEmpty();
        assertThat(StatedQuantity.of(QuestionText.of("nhà đi du lịch 2 tuần, về uống nước liền được không"))).isEmpty();
        // a lot number, a contract number, a price with thousands: no year
        assertThat(StatedQuantity.of(QuestionText.of("ấm nhà tôi ghi LOT 250810-L1, có sao không"))).isEmpty();
        assertThat(StatedQuantity.of(QuestionText.of("Hợp đồng HĐ-2025-PN-014 hết hạn khi nào?"))).isEmpty();
        assertThat(StatedQuantity.of(QuestionText.of("Is delivery free over 2.026.000 VND?"))).isEmpty();
    }

    @Test
    void a_passage_must_state_the_same_number_in_a_unit_of_that_kind() {
        var litre = StatedQuantity.of(QuestionText.of("Nồi cơm MH-RC18 có loại 1 lít không?"));
        assertThat(StatedQuantity.statedIn(litre, new PassageText("Dung tích · 1,8 lít. Công suất 700 W."))).isFalse();
        assertThat(StatedQuantity.statedIn(litre, new PassageText("Boiling time: about 5–6 min for 1.7 L; about 2.5 min for 0.5 L."))).isFalse();
        // the same number in the same kind of unit, in the other language's spelling
        assertThat(StatedQuantity.statedIn(litre, new PassageText("Descale with 1 L of water and 2 tablespoons of vinegar."))).isTrue();
        // a number of another kind is not it
        assertThat(StatedQuantity.statedIn(litre, new PassageText("Dây nguồn 1 m, bảo hành 1 năm."))).isFalse();
        var decimal = StatedQuantity.of(QuestionText.of("đun sôi 0,5 lít mất bao lâu"));
        assertThat(StatedQuantity.statedIn(decimal, new PassageText("khoảng 2 phút 30 giây với 0,5 lít"))).isTrue();
        assertThat(StatedQuantity.statedIn(StatedQuantity.of(QuestionText.of("có loại 5 lít không")), new PassageText("khoảng 2 phút 30 giây với 0,5 lít"))).isFalse();
        var year = StatedQuantity.of(QuestionText.of("When will the 2027 wholesale price list be published?"));
        assertThat(StatedQuantity.statedIn(year, new PassageText("Wholesale price list 2026. Valid from 1 January 2026 until replaced."))).isFalse();
        assertThat(StatedQuantity.statedIn(year, new PassageText("Hợp đồng có hiệu lực đến hết ngày 28/02/2027."))).isTrue();
        var seventy = StatedQuantity.of(QuestionText.of("chỉnh nước nóng xuống 70 độ được không"));
        assertThat(StatedQuantity.statedIn(seventy, new PassageText("Nước nóng 85–95 °C, nước lạnh 6–10 °C."))).isFalse();
        assertThat(StatedQuantity.statedIn(seventy, new PassageText("Chế độ pha sữa: giữ nước ở 70°C."))).isTrue();
        assertThat(StatedQuantity.statedIn(seventy, new PassageText("Ủ ấm ở 70 độ C trong 2 giờ."))).isTrue();
        // nothing stated: any passage
        assertThat(StatedQuantity.statedIn(StatedQuantity.of(QuestionText.of("Ấm bảo hành bao lâu?")), new PassageText("anything"))).isTrue();
    }
}
