package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PriceQuestionTest {

    @Test
    void a_question_for_an_amount_of_money_in_either_language() {
        assertThat(PriceQuestion.asks(QuestionText.of("giá bán lẻ nồi chiên MH-AF55 là bao nhiêu"))).isTrue();
        assertThat(PriceQuestion.asks(QuestionText.of("dat coc bao nhieu tien"))).isTrue();
        assertThat(PriceQuestion.asks(QuestionText.of("Phí ship bn?"))).isTrue();
        assertThat(PriceQuestion.asks(QuestionText.of("How much does a pump replacement cost?"))).isTrue();
        assertThat(PriceQuestion.asks(QuestionText.of("What's the retail price of the kettle?"))).isTrue();
        // an extension ("gia hạn"), a duration, a yes/no about a fee: no amount asked
        assertThat(PriceQuestion.asks(QuestionText.of("hợp đồng được gia hạn bao nhiêu tháng"))).isFalse();
        assertThat(PriceQuestion.asks(QuestionText.of("Máy lọc nước bảo hành bao lâu?"))).isFalse();
        assertThat(PriceQuestion.asks(QuestionText.of("Trả góp có mất phí không?"))).isFalse();
        // a measuring cup ("cốc đong") folds to "coc" as a deposit does; typed with its marks it is none
        assertThat(PriceQuestion.asks(QuestionText.of("Cốc đong đi kèm nồi cơm đựng được bao nhiêu ml gạo?"))).isFalse();
        assertThat(PriceQuestion.asks(QuestionText.of("Đặt cọc bao nhiêu?"))).isTrue();
        // typed without marks, a count of cups or a cup of rice is none either
        assertThat(PriceQuestion.asks(QuestionText.of("noi com mh-rc18 nau 3 coc gao mat bao nhieu phut"))).isFalse();
        assertThat(PriceQuestion.asks(QuestionText.of("coc dong di kem dung duoc bao nhieu ml gao"))).isFalse();
        assertThat(PriceQuestion.asks(QuestionText.of("dat coc bao nhieu"))).isTrue();
    }

    @Test
    void the_amount_for_a_model_is_stated_in_a_row_or_sentence_naming_it() {
        String services = "| Dịch vụ | Có |\n| Sửa chữa ngoài bảo hành (phí kiểm tra 100.000 VND) | Có |\n"
                + "| Bán bộ lõi thô MH-K123, màng RO MH-F-RO75 | Có |";
        assertThat(PriceQuestion.statesAmountFor(java.util.Set.of("K123"), "Trung tâm bảo hành › Dịch vụ", services)).isFalse();
        String prices = "| Mã | Giá bán lẻ (VND) |\n| MH-K123 | 450.000 |\n| MH-F-RO75 | 900.000 |";
        assertThat(PriceQuestion.statesAmountFor(java.util.Set.of("K123"), "Bảng giá › Lõi lọc", prices)).isTrue();
        // the model in the title and the amount in the text
        assertThat(PriceQuestion.statesAmountFor(java.util.Set.of("RO100"), "Máy lọc nước MH-RO100 › Giá", "Giá bán lẻ: 4.990.000 đ."))
                .isTrue();
    }

    @Test
    void an_amount_is_a_sum_with_its_currency_or_free_not_a_model_code_or_a_wattage() {
        assertThat(PriceQuestion.statesAmount(new PassageText("Phí giao hỏa tốc 35.000 VND."))).isTrue();
        assertThat(PriceQuestion.statesAmount(new PassageText("Phí ship 30.000đ cho đơn dưới 500k"))).isTrue();
        assertThat(PriceQuestion.statesAmount(new PassageText("Wholesale price list 2026\n| MH-RO200 | unit | 7,150,000 | 10% |"))).isTrue();
        assertThat(PriceQuestion.statesAmount(new PassageText("Lắp đặt miễn phí trong 48 giờ."))).isTrue();
        assertThat(PriceQuestion.statesAmount(new PassageText("Nồi chiên MH-AF55 và MH-AF80D, công suất 1.500 W."))).isFalse();
        assertThat(PriceQuestion.statesAmount(new PassageText("Inlet TDS up to 1,000 mg/L."))).isFalse();
        // a spec table: its "Giá trị" (value) column is no price, and "1.500 W" in it is a wattage, not a sum
        assertThat(PriceQuestion.statesAmount(new PassageText("| Hạng mục | Giá trị |\n| Công suất | 1.500 W |\n| Dung tích | 5,5 lít |"))).isFalse();
        assertThat(PriceQuestion.statesAmount(new PassageText("| Mã | Giá sỉ |\n| MH-AF55 | 1.500.000 |"))).isTrue();
    }

    @Test
    void the_amount_must_be_stated_for_the_thing_priced() {
        QuestionText hinge = QuestionText.of("Giá thay bản lề nắp ấm MH-KT17 là bao nhiêu?");
        OpenQuestion.Asked priced = OpenQuestion.of(hinge);
        // the hinge is named, and something is free, but in another sentence: a new kettle, not a hinge
        assertThat(PriceQuestion.statesAmountOf(priced, hinge, "Ấm MH-KT17 › Thu hồi",
                "Một số ấm có thể bị nứt bản lề nắp. Đăng ký đổi ấm mới hoặc hoàn tiền miễn phí.")).isFalse();
        assertThat(PriceQuestion.statesAmountOf(priced, hinge, "Bảng giá linh kiện › Ấm MH-KT17",
                "Bản lề nắp thay thế: 45.000 VND.")).isTrue();
        // a price list names the thing in its heading and the currency in its header, the sum in the row
        QuestionText wholesale = QuestionText.of("What is the wholesale price of the MH-AF55?");
        assertThat(PriceQuestion.statesAmountOf(OpenQuestion.of(wholesale), wholesale, "Wholesale price list 2026 › Kitchen appliances",
                "| SKU | List price (VND) |\n| MH-AF55 | 1,320,000 |")).isTrue();
        // no thing named: any amount
        QuestionText ship = QuestionText.of("Phí ship bn?");
        assertThat(PriceQuestion.statesAmountOf(OpenQuestion.of(ship), ship, "Giao hàng", "Đơn dưới 500.000 VND phí 30.000 VND.")).isTrue();
    }

    @Test
    void a_price_per_metre_or_per_carton_is_stated_in_a_row_writing_that_unit() {
        var pipe = PriceQuestion.unitPriced(QuestionText.of("Lắp máy lọc nước mà cần ống dài hơn 3 m thì mỗi mét ống thêm tính bao nhiêu tiền?"));
        assertThat(PriceQuestion.statesAmountPer(pipe, "Chính sách giao hàng › Lắp đặt máy lọc nước",
                "Miễn phí lắp đặt trong vòng 48 giờ kể từ khi giao hàng tại 5 thành phố.")).isFalse();
        assertThat(PriceQuestion.statesAmountPer(pipe, "Lắp đặt", "Ống thêm: 20.000 VND mỗi mét.")).isTrue();
        var carton = PriceQuestion.unitPriced(QuestionText.of("mot thung mi bo ham 30 goi gia bao nhieu vay shop"));
        assertThat(PriceQuestion.statesAmountPer(carton, "Điều khoản thương mại B2B › Đơn tối thiểu",
                "Đồ gia dụng · 20 máy cho mỗi mã sản phẩm hoặc 50.000.000 VND mỗi đơn")).isFalse();
        assertThat(PriceQuestion.statesAmountPer(PriceQuestion.unitPriced(QuestionText.of("What is the wholesale price of a carton of Mì Bò Hầm?")),
                "Wholesale price list", "Mì Bò Hầm · carton of 30 packs · 165,000 VND")).isTrue();
        // no unit priced by: any amount will do
        assertThat(PriceQuestion.unitPriced(QuestionText.of("Máy lọc RO100 giá bao nhiêu?"))).isNull();
        assertThat(PriceQuestion.unitPriced(QuestionText.of("How much is express delivery if I order before 10 a.m.?"))).isNull();
        assertThat(PriceQuestion.statesAmountPer(null, "Giá", "Miễn phí")).isTrue();
    }
}
