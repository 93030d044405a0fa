package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenQuestionTest {

    @Test
    void an_english_open_question_asks_for_the_noun_after_its_question_word_or_the_attribute_it_names() {
        assertThat(OpenQuestion.asked(QuestionText.of("How much potassium is in a pack of Phở Gà?"))).containsExactly("potassium");
        // the unit says nothing, the thing after "of" does
        assertThat(OpenQuestion.asked(QuestionText.of("How many grams of salt does Mì Bò Hầm contain?"))).containsExactly("salt");
        // "what is the X of Y": X is asked for, Y is only the topic
        assertThat(OpenQuestion.asked(QuestionText.of("What is the registered capital of Mekong Home & Foods JSC?")))
                .containsExactly("registered", "capital");
        assertThat(OpenQuestion.asked(QuestionText.of("Hi, what material is the MH-AF55 basket made of?"))).containsExactly("material");
        assertThat(OpenQuestion.asked(QuestionText.of("Who is Xanh Mart's account manager?"))).containsExactly("xanh", "mart", "account", "manager");
    }

    @Test
    void english_questions_for_no_thing_ask_nothing() {
        // "at what point": when, not a thing called a point
        assertThat(OpenQuestion.asked(QuestionText.of("How long can the repair take, and at what point do you give me a new one?")))
                .isEmpty();
        // "how much extra": an amount of money, which the price check weighs
        assertThat(OpenQuestion.asked(QuestionText.of("How much extra do I pay for same-day express delivery in Hanoi?"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("How much more does the RO200 cost?"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("How long do refunds take?"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("How do I reset the filter counter on the MH-RO200?"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("What does E4 mean on the MH-AF80D?"))).isEmpty();
        // "what happens if …" asks for an outcome, not for a thing called "happens"
        assertThat(OpenQuestion.asked(QuestionText.of("How long until my order is confirmed, and what happens if I pay late?"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("What happened to my refund?"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("Where is the service centre in Da Nang?"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("Does the MH-AF80D have presets?"))).isEmpty();
        // a limit, a price or a category answered by names is no thing of its own: other checks have them
        assertThat(OpenQuestion.asked(QuestionText.of("What's the maximum amount for cash on delivery?"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("What is the fee for express delivery?"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("Which provinces do you deliver to?"))).isEmpty();
    }

    @Test
    void a_vietnamese_open_question_asks_for_the_words_next_to_its_question_word() {
        // before "gì/nào", back to a classifier
        assertThat(OpenQuestion.asked(QuestionText.of("nồi chiên nên dùng loại dầu gì"))).containsExactly("dầu");
        assertThat(OpenQuestion.asked(QuestionText.of("Ngân hàng nào hỗ trợ trả góp?"))).containsExactly("ngân", "hàng");
        // what the customer does with the thing ends its noun phrase, as a classifier does
        assertThat(OpenQuestion.asked(QuestionText.of("muốn xóa dữ liệu cá nhân thì gửi email nào"))).containsExactly("email");
        assertThat(OpenQuestion.asked(QuestionText.of("muon xoa du lieu ca nhan thi gui email nao"))).containsExactly("email");
        assertThat(OpenQuestion.asked(QuestionText.of("máy RO200 thay lõi gì trước"))).containsExactly("lõi");
        // typed without marks, "goi" is as often "gói" (a pack) as "gọi": not read as a verb
        assertThat(OpenQuestion.asked(QuestionText.of("mi bo ham goi nao cay nhat"))).containsExactly("ham", "goi");
        // after "bao nhiêu/mấy", the unit left out
        assertThat(OpenQuestion.asked(QuestionText.of("mì bò hầm có bao nhiêu mg kali một gói"))).containsExactly("kali");
        assertThat(OpenQuestion.asked(QuestionText.of("MH-RO100 có mấy cấp lọc?"))).containsExactly("cấp", "lọc");
        // "bao nhiêu" ending its clause with no unit: the noun before it, unless a verb of the whole clause or a price word
        assertThat(OpenQuestion.asked(QuestionText.of("gọi kỹ thuật viên tới nhà thay màng thì tiền công bao nhiêu?")))
                .containsExactly("công");
        assertThat(OpenQuestion.asked(QuestionText.of("Bên mình được thưởng bao nhiêu nếu doanh số năm vượt 1 tỷ?")))
                .containsExactly("thưởng");
        assertThat(OpenQuestion.asked(QuestionText.of("Giao hỏa tốc mất phí bao nhiêu?"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("nhiệt độ lõi thịt phải đạt bao nhiêu mới an toàn?"))).isEmpty();
        // "khoảng/tầm bao nhiêu": the noun before "about" ("độ", a degree, is a unit)
        assertThat(OpenQuestion.asked(QuestionText.of("Nước lọc ra từ máy MH-RO100 có độ pH khoảng bao nhiêu vậy shop?")))
                .containsExactly("ph");
        assertThat(OpenQuestion.asked(QuestionText.of("nuoc loc ra tu may mh-ro100 co do ph khoang bao nhieu vay shop")))
                .containsExactly("ph");
        // "X là gì": the head of the subject, up to a preposition
        assertThat(OpenQuestion.asked(QuestionText.of("Lỗi E3 trên máy lọc nước MH-RO200 là gì?"))).containsExactly("lỗi", "e3");
        assertThat(OpenQuestion.asked(QuestionText.of("nếu anh Đạt nghỉ thì kỹ sư dự phòng của bên mình là ai")))
                .containsExactly("kỹ", "sư", "dự");
    }

    @Test
    void vietnamese_without_marks_is_read_by_the_folded_question_words() {
        assertThat(OpenQuestion.asked(QuestionText.of("mi bo ham co bao nhieu mg kali mot goi"))).containsExactly("kali");
        assertThat(OpenQuestion.asked(QuestionText.of("am sieu toc lam bang chat lieu gi"))).containsExactly("chat", "lieu");
        assertThat(OpenQuestion.asked(QuestionText.of("loi E3 tren may loc nuoc MH-RO200 la gi"))).containsExactly("loi", "e3");
        // unmarked "may" is as often "máy" (machine) as "mấy": not read as a question word
        assertThat(OpenQuestion.asked(QuestionText.of("may loc nuoc RO100 xai bao lau"))).isEmpty();
    }

    @Test
    void vietnamese_questions_for_no_thing_ask_nothing() {
        // "không … gì": not … at all
        assertThat(OpenQuestion.asked(QuestionText.of("về nhà thấy không hợp ý chứ máy không lỗi gì. Tôi trả lại được không?")))
                .isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("may khong loi gi, tra lai duoc khong"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("Đơn COD thì hoàn tiền bằng cách nào?"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("tẩy cặn ấm siêu tốc như thế nào"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("hợp đồng cho bên mình phân phối ở những tỉnh nào"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("Nồi MH-RC18 nấu 5 cốc gạo hết mấy phút?"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("shop có bán máy hút bụi không"))).isEmpty();
    }

    @Test
    void a_passage_that_names_none_of_what_is_asked_does_not_answer_it() {
        String nutrition = "Mì Mekong › Nutrition per pack\nEnergy 240 kcal · Protein 5 g · Fat 3.5 g · Sodium 1,600 mg";
        OpenQuestion.Asked potassium = OpenQuestion.of(QuestionText.of("How much potassium is in a pack of Phở Gà?"));
        assertThat(potassium.answeredBy(QuestionText.of("How much potassium is in a pack of Phở Gà?"), new PassageText(nutrition))).isFalse();
        OpenQuestion.Asked protein = OpenQuestion.of(QuestionText.of("How much protein is in a pack of Phở Gà?"));
        assertThat(protein.answeredBy(QuestionText.of("How much protein is in a pack of Phở Gà?"), new PassageText(nutrition))).isTrue();
        // one word of what is asked is enough: documents name an attribute in part ("Warranty: 18 months")
        OpenQuestion.Asked period = OpenQuestion.of(QuestionText.of("What's the warranty period for the MH-AF55?"));
        assertThat(period.words()).containsExactly("warranty", "period");
        assertThat(period.answeredBy(QuestionText.of("What's the warranty period for the MH-AF55?"), new PassageText("MH-AF55 › Warranty\n18 months."))).isTrue();
    }

    @Test
    void vietnamese_words_are_held_with_the_marks_they_were_typed_with() {
        String passage = "Mì Bò Hầm › Đóng gói\nMột thùng có ba mươi gói, mỗi gói 80 g.";
        // "muối" (salt) is not "mươi" (ten); typed without marks, "muoi" may be either
        String marked = "mì bò hầm có bao nhiêu gam muối";
        String unmarked = "mi bo ham co bao nhieu gam muoi";
        assertThat(OpenQuestion.asked(QuestionText.of(marked))).containsExactly("muối");
        assertThat(OpenQuestion.of(QuestionText.of(marked)).answeredBy(QuestionText.of(marked), new PassageText(passage))).isFalse();
        assertThat(OpenQuestion.of(QuestionText.of(unmarked)).answeredBy(QuestionText.of(unmarked), new PassageText(passage))).isTrue();
        assertThat(OpenQuestion.of(QuestionText.of(marked)).answeredBy(QuestionText.of(marked), new PassageText(passage + " Gói súp: muối 2 g."))).isTrue();
    }

    @Test
    void two_vietnamese_syllables_asked_need_two_held_one_english_word_is_enough() {
        String gas = "máy lọc nước nóng lạnh RO200 dùng loại gas lạnh gì";
        assertThat(OpenQuestion.asked(QuestionText.of(gas))).containsExactly("gas", "lạnh");
        // "lạnh" alone is every cold-water sentence of the manual
        assertThat(OpenQuestion.of(QuestionText.of(gas)).answeredBy(QuestionText.of(gas), new PassageText("MH-RO200 › Sử dụng\nNước lạnh: nhấn vòi bên phải."))).isFalse();
        assertThat(OpenQuestion.of(QuestionText.of(gas)).answeredBy(QuestionText.of(gas), new PassageText("MH-RO200 › Làm lạnh\nMáy nén dùng gas lạnh R134a."))).isTrue();
        // English names an attribute in part ("warranty period" as "Warranty: 18 months")
        String period = "What's the warranty period for the MH-AF55?";
        assertThat(OpenQuestion.of(QuestionText.of(period)).answeredBy(QuestionText.of(period), new PassageText("MH-AF55 › Warranty\n18 months."))).isTrue();
    }

    @Test
    void a_lexicon_form_of_a_word_holds_it_in_the_other_language() {
        // "warranty" is a form of the lexicon's "bảo hành": a Vietnamese passage naming it holds it
        String question = "What is the warranty of the MH-UF50?";
        assertThat(OpenQuestion.of(QuestionText.of(question)).answeredBy(QuestionText.of(question), new PassageText("MH-UF50 › Bảo hành\nThân máy: 24 tháng."))).isTrue();
    }

    @Test
    void a_measure_noun_is_named_by_a_value_in_its_unit() {
        // documents give a size, a capacity, a hotline key by its value only ("18 cm round tin", "2 L", "Press 3")
        String tin = "What size of cake tin fits in the MH-AF80D basket?";
        assertThat(OpenQuestion.asked(QuestionText.of(tin))).containsExactly("size");
        assertThat(OpenQuestion.of(QuestionText.of(tin)).answeredBy(QuestionText.of(tin), new PassageText("Air fryer recipes › Sponge cake\nUse an 18 cm round tin."))).isTrue();
        assertThat(OpenQuestion.of(QuestionText.of(tin)).answeredBy(QuestionText.of(tin), new PassageText("Air fryer recipes › Sponge cake\nBake at 160 °C for 25 minutes."))).isFalse();
        String tank = "What is the capacity of the cold water tank on the MH-RO200?";
        assertThat(OpenQuestion.of(QuestionText.of(tank)).answeredBy(QuestionText.of(tank), new PassageText("MH-RO200 › Cold tank\n2 L, 6–10 °C"))).isTrue();
        assertThat(OpenQuestion.of(QuestionText.of(tank)).answeredBy(QuestionText.of(tank), new PassageText("MH-RO200 › Cold tank\nCompressor cooling, 90 W"))).isFalse();
        String key = "Which key do I press on the hotline to reach the business team?";
        assertThat(OpenQuestion.of(QuestionText.of(key)).answeredBy(QuestionText.of(key), new PassageText("Contact › Customer care\nPress 3: business customers"))).isTrue();
        assertThat(OpenQuestion.of(QuestionText.of(key)).answeredBy(QuestionText.of(key), new PassageText("Contact › Customer care\nHotline 1900 6868, 8:00–21:00"))).isFalse();
        // a Vietnamese measure noun counts only as the compound the question writes: "tích" of "tích lũy" is no capacity
        String size = "Kích thước của nồi chiên MH-AF55 là bao nhiêu?";
        assertThat(OpenQuestion.of(QuestionText.of(size)).answeredBy(QuestionText.of(size), new PassageText("MH-AF55 › Thông số\n| R × S × C | 320 × 360 × 330 mm |"))).isTrue();
        assertThat(OpenQuestion.of(QuestionText.of(size)).answeredBy(QuestionText.of(size), new PassageText("MH-AF55 › Thông số\n| Công suất | 1.500 W |"))).isFalse();
        String points = "Điểm tích lũy tối đa là bao nhiêu?";
        assertThat(OpenQuestion.of(QuestionText.of(points)).answeredBy(QuestionText.of(points), new PassageText("Mekong Xanh › Quà tặng\nBình giữ nhiệt 0,5 lít"))).isFalse();
        // the space around an appliance is a length: "15 cm from the wall"
        String space = "How much space do I need to leave around the MH-AF55 air fryer?";
        assertThat(OpenQuestion.of(QuestionText.of(space)).answeredBy(QuestionText.of(space),
                new PassageText("MH-AF55 › Before first use\nKeep it at least 15 cm from walls and other objects."))).isTrue();
        assertThat(OpenQuestion.of(QuestionText.of(space)).answeredBy(QuestionText.of(space),
                new PassageText("MH-AF55 › Before first use\nWash the basket and the pan in warm soapy water."))).isFalse();
        // a street is given by an address, which seldom writes the word "đường"
        String street = "Trung tâm bảo hành ở Hải Phòng nằm ở đường nào vậy ạ?";
        assertThat(OpenQuestion.of(QuestionText.of(street)).answeredBy(QuestionText.of(street),
                new PassageText("Trung tâm bảo hành Hải Phòng\n- Địa chỉ: Số 120 Lạch Tray, Phường Lê Chân, Hải Phòng"))).isTrue();
        assertThat(OpenQuestion.of(QuestionText.of(street)).answeredBy(QuestionText.of(street),
                new PassageText("Trung tâm bảo hành Hải Phòng\n- Khu vực phục vụ tại nhà: nội thành Hải Phòng"))).isFalse();
    }

    @Test
    void a_vietnamese_question_for_the_value_of_something_asks_for_the_head_of_its_subject() {
        assertThat(OpenQuestion.asked(QuestionText.of("Thuế GTGT cho thực phẩm là bao nhiêu?"))).containsExactly("thuế", "gtgt");
        assertThat(OpenQuestion.asked(QuestionText.of("Dây nguồn nồi cơm MH-RC18 dài bao nhiêu?"))).containsExactly("dây", "nguồn", "nồi");
        // a place or a time ("ở đâu", "bao giờ", "khi nào") is WhenWhereQuestion's: the whole clause, not its head
        assertThat(OpenQuestion.asked(QuestionText.of("Trung tâm bảo hành Hải Phòng ở đâu?"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("hợp đồng của chúng tôi có hiệu lực đến bao giờ"))).isEmpty();
        assertThat(OpenQuestion.asked(QuestionText.of("Khi nào có đợt giảm giá?"))).isEmpty();
        // typed as one run without a comma, the fee names the subject, not the purchase the story opens with
        assertThat(OpenQuestion.asked(QuestionText.of("em doi y muon tra lai cai noi chien mua online phi gui tra ve la bao nhieu tien vay")))
                .containsExactly("gui", "tra");
        assertThat(OpenQuestion.asked(QuestionText.of("Em đổi ý muốn trả lại nồi chiên mua online, phí gửi trả về là bao nhiêu tiền vậy?")))
                .containsExactly("gửi", "trả");
        // nothing named after the price word: the subject is what comes before it
        assertThat(OpenQuestion.asked(QuestionText.of("Mì Bò Hầm giá là bao nhiêu?"))).containsExactly("mì", "bò", "hầm");
    }
}
