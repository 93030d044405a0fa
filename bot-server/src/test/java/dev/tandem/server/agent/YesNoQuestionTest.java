package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class YesNoQuestionTest {

    @Test
    void what_is_asked_is_the_content_between_the_last_co_and_the_closing_khong() {
        assertThat(YesNoQuestion.asked(QuestionText.of("bên mình có cho thuê máy lọc nước trả tiền theo tháng không")))
                .containsExactly("thuê", "máy", "lọc", "nước", "trả", "tiền");
        // particles after the closing "không", and a chat "ko" written out
        assertThat(YesNoQuestion.asked(QuestionText.of("shop có bán máy hút bụi không vậy shop"))).containsExactly("bán", "máy", "hút", "bụi");
        assertThat(YesNoQuestion.asked(QuestionText.of("có giao hàng chủ nhật ko"))).containsExactly("giao", "hàng", "chủ", "nhật");
        // the machine closing the question is the product asked about: "is it broken" is one property, left to coverage
        assertThat(YesNoQuestion.asked(QuestionText.of("Máy báo E2 rồi bơm ngừng chạy, có phải hư máy không ạ?"))).containsExactly("hư");
        assertThat(YesNoQuestion.asked(QuestionText.of("may bao e2, co phai hu may khong a"))).containsExactly("hu");
    }

    @Test
    void a_marked_word_that_folds_to_a_function_word_is_still_content() {
        // "khí" (air) folds to "khi" (when)
        assertThat(YesNoQuestion.asked(QuestionText.of("shop có bán máy lọc không khí không"))).contains("khí");
    }

    @Test
    void each_clause_is_read_on_its_own_and_other_shapes_ask_nothing() {
        assertThat(YesNoQuestion.asked(QuestionText.of("shop có đang tuyển nhân viên không, gửi CV ở đâu"))).containsExactly("tuyển", "nhân", "viên");
        assertThat(YesNoQuestion.asked(QuestionText.of("Máy lọc nước bảo hành bao lâu?"))).isEmpty();
        assertThat(YesNoQuestion.asked(QuestionText.of("Do you sell electric scooters?"))).isEmpty();
        assertThat(YesNoQuestion.asked(QuestionText.of("không biết máy lọc nước bảo hành bao lâu"))).isEmpty();
    }

    @Test
    void paying_a_fee_is_what_a_passage_stating_the_fee_says() {
        QuestionText question = QuestionText.of("Đơn em hơn 1 triệu rồi thì có phải trả phí hỏa tốc không, bao nhiêu vậy shop?");
        assertThat(YesNoQuestion.asked(question)).containsExactly("phí", "hỏa", "tốc");
        assertThat(YesNoQuestion.notHeld(question, new PassageText("Giao hỏa tốc: phí 35.000 VND, tính riêng kể cả khi đơn được miễn phí giao."))).isEmpty();
        // the same verb paying for something else stays what is asked
        assertThat(YesNoQuestion.asked(QuestionText.of("có được trả tiền sau khi nhận hàng không"))).contains("trả");
        assertThat(YesNoQuestion.asked(QuestionText.of("co phai dong phi lap dat khong"))).containsExactly("phi", "lap", "dat");
        // "mất phí" (to cost a fee), typed without marks: "mat" is the verb of paying, not a word a passage must hold
        assertThat(YesNoQuestion.asked(QuestionText.of("don hang cua em co 400 nghin thoi thi co mat phi ship khong shop")))
                .containsExactly("phi", "ship");
    }

    @Test
    void what_the_customer_wants_it_for_is_not_asked() {
        assertThat(YesNoQuestion.asked(QuestionText.of("Hải Phòng có showroom Mekong Home để xem hàng trực tiếp không?")))
                .containsExactly("showroom");
        assertThat(YesNoQuestion.asked(QuestionText.of("hai phong co showroom mekong home de xem hang truc tiep khong")))
                .containsExactly("showroom");
        // "để" before anything is asked is "to keep": what follows it is still asked
        assertThat(YesNoQuestion.asked(QuestionText.of("mì đã mở gói có để được qua đêm không"))).containsExactly("qua", "đêm");
    }

    @Test
    void someone_coming_is_not_a_person_the_passage_must_name() {
        assertThat(YesNoQuestion.asked(QuestionText.of("mua máy lọc nước có người tới lắp miễn phí không"))).containsExactly("lắp", "miễn", "phí");
    }

    @Test
    void a_passage_must_hold_every_word_asked_with_its_marks_or_a_lexicon_form() {
        String passage = "Máy lọc nước UF MH-UF50 — lọc nước máy không dùng điện, treo tường.";
        assertThat(YesNoQuestion.notHeld(QuestionText.of("shop có bán máy lọc nước không"), new PassageText("Mekong Home bán máy lọc nước MH-RO100."))).isEmpty();
        assertThat(YesNoQuestion.notHeld(QuestionText.of("shop có bán máy lọc không khí không"), new PassageText(passage))).contains("khí");
        // "thưởng" is not "thương" although both fold to "thuong"
        assertThat(YesNoQuestion.notHeld(QuestionText.of("hợp đồng có thưởng doanh số không"), new PassageText("Điều khoản thương mại: doanh số cam kết 1,2 tỷ.")))
                .containsExactly("thưởng");
        // typed without marks, a word is held by any passage word that folds to it
        assertThat(YesNoQuestion.notHeld(QuestionText.of("co ban may loc nuoc khong"), new PassageText("Mekong Home bán máy lọc nước."))).isEmpty();
        // "free" is a form of the lexicon's "miễn phí"
        assertThat(YesNoQuestion.notHeld(QuestionText.of("có người tới lắp free ko"), new PassageText("Lắp đặt miễn phí trong 48 giờ."))).isEmpty();
    }

    @Test
    void a_channel_or_brand_named_in_the_condition_is_asked_too() {
        assertThat(YesNoQuestion.asked(QuestionText.of("Mình đặt hàng qua hotline thì có được tích điểm Mekong Xanh không ạ?")))
                .contains("tích", "điểm", "hotline").doesNotContain("đặt", "hàng");
        String loyalty = "Tích điểm khi mua online tại website và mua tại cửa hàng. Đơn hàng trên sàn thương mại điện tử không tích điểm.";
        assertThat(YesNoQuestion.notHeld(QuestionText.of("Mình đặt hàng qua hotline thì có được tích điểm không ạ?"), new PassageText(loyalty)))
                .containsExactly("hotline");
        // Shopee is a marketplace: the lexicon's "sàn thương mại điện tử" holds it
        assertThat(YesNoQuestion.notHeld(QuestionText.of("Mua trên Shopee thì có được tích điểm không?"), new PassageText(loyalty))).isEmpty();
        assertThat(YesNoQuestion.notHeld(QuestionText.of("mua tren shopee thi co duoc tich diem khong"), new PassageText(loyalty))).isEmpty();
    }

    @Test
    void one_word_asked_is_left_to_the_coverage_checks() {
        assertThat(YesNoQuestion.notHeld(QuestionText.of("trung tâm bảo hành chủ nhật có mở không"), new PassageText("Giờ làm việc: Thứ Hai – Thứ Bảy. Nghỉ Chủ nhật.")))
                .isEmpty();
    }
}
