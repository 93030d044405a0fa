package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenQuestionTest {

    @Test
    void an_english_open_question_asks_for_the_noun_after_its_question_word_or_the_attribute_it_names() {
        assertThat(OpenQuestion.asked("How much potassium is in a pack of Phở Gà?")).containsExactly("potassium");
        // the unit says nothing, the thing after "of" does
        assertThat(OpenQuestion.asked("How many grams of salt does Mì Bò Hầm contain?")).containsExactly("salt");
        // "what is the X of Y": X is asked for, Y is only the topic
        assertThat(OpenQuestion.asked("What is the registered capital of Mekong Home & Foods JSC?"))
                .containsExactly("registered", "capital");
        assertThat(OpenQuestion.asked("Hi, what material is the MH-AF55 basket made of?")).containsExactly("material");
        assertThat(OpenQuestion.asked("Who is Xanh Mart's account manager?")).containsExactly("xanh", "mart", "account", "manager");
    }

    @Test
    void english_questions_for_no_thing_ask_nothing() {
        assertThat(OpenQuestion.asked("How long do refunds take?")).isEmpty();
        assertThat(OpenQuestion.asked("How do I reset the filter counter on the MH-RO200?")).isEmpty();
        assertThat(OpenQuestion.asked("What does E4 mean on the MH-AF80D?")).isEmpty();
        assertThat(OpenQuestion.asked("Where is the service centre in Da Nang?")).isEmpty();
        assertThat(OpenQuestion.asked("Does the MH-AF80D have presets?")).isEmpty();
        // a limit, a price or a category answered by names is no thing of its own: other checks have them
        assertThat(OpenQuestion.asked("What's the maximum amount for cash on delivery?")).isEmpty();
        assertThat(OpenQuestion.asked("What is the fee for express delivery?")).isEmpty();
        assertThat(OpenQuestion.asked("Which provinces do you deliver to?")).isEmpty();
    }

    @Test
    void a_vietnamese_open_question_asks_for_the_words_next_to_its_question_word() {
        // before "gì/nào", back to a classifier
        assertThat(OpenQuestion.asked("nồi chiên nên dùng loại dầu gì")).containsExactly("dầu");
        assertThat(OpenQuestion.asked("Ngân hàng nào hỗ trợ trả góp?")).containsExactly("ngân", "hàng");
        // after "bao nhiêu/mấy", the unit left out
        assertThat(OpenQuestion.asked("mì bò hầm có bao nhiêu mg kali một gói")).containsExactly("kali");
        assertThat(OpenQuestion.asked("MH-RO100 có mấy cấp lọc?")).containsExactly("cấp", "lọc");
        // "X là gì": the head of the subject, up to a preposition
        assertThat(OpenQuestion.asked("Lỗi E3 trên máy lọc nước MH-RO200 là gì?")).containsExactly("lỗi", "e3");
        assertThat(OpenQuestion.asked("nếu anh Đạt nghỉ thì kỹ sư dự phòng của bên mình là ai"))
                .containsExactly("kỹ", "sư", "dự");
    }

    @Test
    void vietnamese_without_marks_is_read_by_the_folded_question_words() {
        assertThat(OpenQuestion.asked("mi bo ham co bao nhieu mg kali mot goi")).containsExactly("kali");
        assertThat(OpenQuestion.asked("am sieu toc lam bang chat lieu gi")).containsExactly("chat", "lieu");
        assertThat(OpenQuestion.asked("loi E3 tren may loc nuoc MH-RO200 la gi")).containsExactly("loi", "e3");
        // unmarked "may" is as often "máy" (machine) as "mấy": not read as a question word
        assertThat(OpenQuestion.asked("may loc nuoc RO100 xai bao lau")).isEmpty();
    }

    @Test
    void vietnamese_questions_for_no_thing_ask_nothing() {
        assertThat(OpenQuestion.asked("Đơn COD thì hoàn tiền bằng cách nào?")).isEmpty();
        assertThat(OpenQuestion.asked("tẩy cặn ấm siêu tốc như thế nào")).isEmpty();
        assertThat(OpenQuestion.asked("hợp đồng cho bên mình phân phối ở những tỉnh nào")).isEmpty();
        assertThat(OpenQuestion.asked("Nồi MH-RC18 nấu 5 cốc gạo hết mấy phút?")).isEmpty();
        assertThat(OpenQuestion.asked("shop có bán máy hút bụi không")).isEmpty();
    }

    @Test
    void a_passage_that_names_none_of_what_is_asked_does_not_answer_it() {
        String nutrition = "Mì Mekong › Nutrition per pack\nEnergy 240 kcal · Protein 5 g · Fat 3.5 g · Sodium 1,600 mg";
        OpenQuestion.Asked potassium = OpenQuestion.of("How much potassium is in a pack of Phở Gà?");
        assertThat(potassium.answeredBy("How much potassium is in a pack of Phở Gà?", nutrition)).isFalse();
        OpenQuestion.Asked protein = OpenQuestion.of("How much protein is in a pack of Phở Gà?");
        assertThat(protein.answeredBy("How much protein is in a pack of Phở Gà?", nutrition)).isTrue();
        // one word of what is asked is enough: documents name an attribute in part ("Warranty: 18 months")
        OpenQuestion.Asked period = OpenQuestion.of("What's the warranty period for the MH-AF55?");
        assertThat(period.words()).containsExactly("warranty", "period");
        assertThat(period.answeredBy("What's the warranty period for the MH-AF55?", "MH-AF55 › Warranty\n18 months.")).isTrue();
    }

    @Test
    void vietnamese_words_are_held_with_the_marks_they_were_typed_with() {
        String passage = "Mì Bò Hầm › Đóng gói\nMột thùng có ba mươi gói, mỗi gói 80 g.";
        // "muối" (salt) is not "mươi" (ten); typed without marks, "muoi" may be either
        String marked = "mì bò hầm có bao nhiêu gam muối";
        String unmarked = "mi bo ham co bao nhieu gam muoi";
        assertThat(OpenQuestion.asked(marked)).containsExactly("muối");
        assertThat(OpenQuestion.of(marked).answeredBy(marked, passage)).isFalse();
        assertThat(OpenQuestion.of(unmarked).answeredBy(unmarked, passage)).isTrue();
        assertThat(OpenQuestion.of(marked).answeredBy(marked, passage + " Gói súp: muối 2 g.")).isTrue();
    }

    @Test
    void a_lexicon_form_of_a_word_holds_it_in_the_other_language() {
        // "warranty" is a form of the lexicon's "bảo hành": a Vietnamese passage naming it holds it
        String question = "What is the warranty of the MH-UF50?";
        assertThat(OpenQuestion.of(question).answeredBy(question, "MH-UF50 › Bảo hành\nThân máy: 24 tháng.")).isTrue();
    }
}
