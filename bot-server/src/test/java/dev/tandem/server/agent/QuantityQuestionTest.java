package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuantityQuestionTest {

    @Test
    void recognises_questions_for_a_measured_quantity() {
        assertThat(QuantityQuestion.asks(QuestionText.of("What is the noise level of the MH-RO200 in decibels?"))).containsExactly(QuantityQuestion.Kind.NOISE);
        assertThat(QuantityQuestion.asks(QuestionText.of("nồi chiên MH-AF80D nặng bao nhiêu ký"))).containsExactly(QuantityQuestion.Kind.WEIGHT);
        // the weight named as a noun ("trọng lượng … là bao nhiêu", "cân nặng")
        assertThat(QuantityQuestion.asks(QuestionText.of("Trọng lượng của máy lọc nước MH-RO100 là bao nhiêu khi đã đầy nước?")))
                .containsExactly(QuantityQuestion.Kind.WEIGHT);
        assertThat(QuantityQuestion.asks(QuestionText.of("can nang cua noi com rc18"))).containsExactly(QuantityQuestion.Kind.WEIGHT);
        assertThat(QuantityQuestion.asks(QuestionText.of("noi chien dung moi ngay thi mot thang ton bao nhieu so dien")))
                .containsExactly(QuantityQuestion.Kind.ENERGY);
        assertThat(QuantityQuestion.asks(QuestionText.of("How long do refunds take?"))).containsExactly(QuantityQuestion.Kind.DURATION);
        assertThat(QuantityQuestion.asks(QuestionText.of("giao hàng ra Phú Quốc mất mấy ngày"))).containsExactly(QuantityQuestion.Kind.DURATION);
    }

    @Test
    void a_phone_number_a_time_of_day_and_a_loose_bao_lau_are_not_quantities() {
        assertThat(QuantityQuestion.asks(QuestionText.of("quản lý tài khoản của công ty em là ai, số điện thoại bao nhiêu"))).isEmpty();
        assertThat(QuantityQuestion.asks(QuestionText.of("cửa hàng mở cửa mấy giờ"))).isEmpty();
        assertThat(QuantityQuestion.asks(QuestionText.of("tin nhắn chat với bot lưu bao lâu"))).isEmpty();
        assertThat(QuantityQuestion.asks(QuestionText.of("What is the warranty on the kettle?"))).isEmpty();
    }

    @Test
    void a_passage_must_state_a_number_in_a_unit_of_the_kind_asked() {
        var weight = QuantityQuestion.asks(QuestionText.of("MH-AF80D nặng bao nhiêu kg"));
        assertThat(QuantityQuestion.statesAll(weight, new PassageText("MH-AF55 · MH-AF80D Dung tích · 5,5 lít · 8 lít Công suất · 1.500 W · 1.800 W"))).isFalse();
        assertThat(QuantityQuestion.statesAll(weight, new PassageText("Trọng lượng · 6,5 kg"))).isTrue();
        var noise = QuantityQuestion.asks(QuestionText.of("How loud is the RO200 pump?"));
        assertThat(QuantityQuestion.statesAll(noise, new PassageText("Cold water not cold enough: check the COLD switch; pump power 36 W."))).isFalse();
        assertThat(QuantityQuestion.statesAll(noise, new PassageText("Noise: below 45 dB."))).isTrue();
        // a word or two may come between the number and its unit
        var duration = QuantityQuestion.asks(QuestionText.of("How long do refunds take?"));
        assertThat(QuantityQuestion.statesAll(duration, new PassageText("Refunds are made within **5–7 working days** after inspection."))).isTrue();
        assertThat(QuantityQuestion.statesAll(duration, new PassageText("Money goes back to the original payment method."))).isFalse();
        // opening hours are times of day, and "every day" is how often: no length of time
        assertThat(QuantityQuestion.statesAll(duration, new PassageText("Hotline: 1900 6868 — 8:00–21:00 every day, including weekends"))).isFalse();
        assertThat(QuantityQuestion.statesAll(duration, new PassageText("Email: hotro@mekonghome.vn (reply within 24 hours)"))).isTrue();
        // no quantity asked: every passage will do
        assertThat(QuantityQuestion.statesAll(QuantityQuestion.asks(QuestionText.of("Can I pay by card?")), new PassageText("anything"))).isTrue();
    }

    @Test
    void a_question_for_a_percentage_or_a_number_of_litres_needs_a_passage_stating_one() {
        var percent = QuantityQuestion.asks(QuestionText.of("Hội viên hạng Kim Cương được giảm giá bao nhiêu phần trăm?"));
        assertThat(percent).containsExactly(QuantityQuestion.Kind.PERCENT);
        assertThat(QuantityQuestion.statesAll(percent, new PassageText("1 điểm cho mỗi 10.000 VND chi tiêu; 100 điểm = voucher 10.000 VND."))).isFalse();
        assertThat(QuantityQuestion.statesAll(percent, new PassageText("Bậc giá B: chiết khấu 12% trên bảng giá bán sỉ."))).isTrue();
        assertThat(QuantityQuestion.asks(QuestionText.of("What percentage of the order can a voucher pay?"))).containsExactly(QuantityQuestion.Kind.PERCENT);
        var litres = QuantityQuestion.asks(QuestionText.of("How many litres can the MH-UF50 membrane filter before it must be replaced?"));
        assertThat(litres).containsExactly(QuantityQuestion.Kind.VOLUME);
        assertThat(QuantityQuestion.statesAll(litres, new PassageText("Stage 4: UF membrane, replace every 24–36 months."))).isFalse();
        assertThat(QuantityQuestion.statesAll(QuantityQuestion.asks(QuestionText.of("máy UF50 lọc được bao nhiêu lít một giờ")), new PassageText("Lưu lượng 50 lít/giờ"))).isTrue();
    }

    @Test
    void a_question_for_a_length_needs_a_passage_stating_one() {
        var cord = QuantityQuestion.asks(QuestionText.of("Dây nguồn của máy lọc nước MH-RO200 dài bao nhiêu mét?"));
        assertThat(cord).containsExactly(QuantityQuestion.Kind.LENGTH);
        assertThat(QuantityQuestion.statesAll(cord, new PassageText("Phù hợp: nhà dùng nước máy, nơi hay mất điện. Lưu lượng 2 lít/phút."))).isFalse();
        assertThat(QuantityQuestion.statesAll(cord, new PassageText("Dây nguồn · 0,9 m"))).isTrue();
        assertThat(QuantityQuestion.asks(QuestionText.of("day nguon noi chien dai may met"))).containsExactly(QuantityQuestion.Kind.LENGTH);
        assertThat(QuantityQuestion.asks(QuestionText.of("How long is the power cord of the kettle?"))).containsExactly(QuantityQuestion.Kind.LENGTH);
        assertThat(QuantityQuestion.asks(QuestionText.of("How wide is the MH-AF80D?"))).containsExactly(QuantityQuestion.Kind.LENGTH);
        // "how long" for a time, "cao tần" (induction), "sau bao nhiêu ngày": no length
        assertThat(QuantityQuestion.asks(QuestionText.of("How long is the warranty?"))).doesNotContain(QuantityQuestion.Kind.LENGTH);
        assertThat(QuantityQuestion.asks(QuestionText.of("nồi cơm cao tần nặng bao nhiêu kg"))).doesNotContain(QuantityQuestion.Kind.LENGTH);
        assertThat(QuantityQuestion.asks(QuestionText.of("sau bao nhiêu ngày thì được hoàn tiền"))).doesNotContain(QuantityQuestion.Kind.LENGTH);
    }
}
