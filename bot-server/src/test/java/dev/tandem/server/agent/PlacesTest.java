package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlacesTest {

    private static final String STORES = "Hệ thống cửa hàng › TP. Hồ Chí Minh\n"
            + "Mekong Home có 6 cửa hàng tại TP. Hồ Chí Minh, Hà Nội, Đà Nẵng và Cần Thơ.";

    @Test
    void finds_the_places_a_question_names_with_or_without_marks_and_in_english() {
        assertThat(Places.named(QuestionText.of("Cửa hàng Mekong Home ở Nha Trang nằm ở đâu?"))).containsExactly("nt");
        assertThat(Places.named(QuestionText.of("cua hang mekong home o nha trang nam o dau"))).containsExactly("nt");
        assertThat(Places.named(QuestionText.of("Where is the warranty centre in Ho Chi Minh City?"))).containsExactly("hcm");
        assertThat(Places.named(QuestionText.of("Giao hàng sang Campuchia mất mấy ngày?"))).containsExactly("kh");
        // a weekday and a district's syllables are no country: "Chủ nhật", "Thủ Đức"
        assertThat(Places.named(QuestionText.of("Cửa hàng Thủ Đức có mở cửa Chủ nhật không?"))).isEmpty();
        assertThat(Places.named(QuestionText.of("Máy lọc nước bảo hành bao lâu?"))).isEmpty();
    }

    @Test
    void a_passage_listing_other_places_does_not_answer_for_this_one() {
        assertThat(Places.answeredBy(Places.named(QuestionText.of("Cửa hàng ở Nha Trang ở đâu?")), false, new PassageText(STORES))).isFalse();
        assertThat(Places.answeredBy(Places.named(QuestionText.of("Cửa hàng ở Đà Nẵng ở đâu?")), false, new PassageText(STORES))).isTrue();
        assertThat(Places.answeredBy(Places.named(QuestionText.of("Is there a shop in Vung Tau?")), false, new PassageText(STORES))).isFalse();
        // no place asked: any passage
        assertThat(Places.answeredBy(Places.named(QuestionText.of("Cửa hàng mở cửa mấy giờ?")), false, new PassageText(STORES))).isTrue();
    }

    @Test
    void a_place_in_vietnam_is_covered_by_a_passage_naming_no_place_or_the_rest_of_the_country() {
        String fees = "Phí giao hàng\nĐơn từ 500.000 VND được miễn phí giao hàng; dưới 500.000 VND phí 30.000 VND.";
        String times = "Thời gian giao hàng\nNội thành Hà Nội và TP. Hồ Chí Minh: 2–4 ngày. Các tỉnh, thành phố khác: 3–7 ngày.";
        assertThat(Places.answeredBy(Places.named(QuestionText.of("Giao về Cần Thơ phí bao nhiêu?")), false, new PassageText(fees))).isTrue();
        assertThat(Places.answeredBy(Places.named(QuestionText.of("Giao về Cần Thơ mất mấy ngày?")), false, new PassageText(times))).isTrue();
        // abroad is not the rest of the country: "toàn quốc" is Vietnam
        assertThat(Places.answeredBy(Places.named(QuestionText.of("Giao hàng sang Campuchia mất mấy ngày?")), false, new PassageText(times))).isFalse();
        assertThat(Places.answeredBy(Places.named(QuestionText.of("Do you deliver to Singapore?")), false, new PassageText("Mekong Home delivers nationwide."))).isFalse();
        assertThat(Places.answeredBy(Places.named(QuestionText.of("Do you deliver to Singapore?")), false, new PassageText("We ship to Singapore in 7 days."))).isTrue();
    }

    @Test
    void a_question_for_an_address_needs_a_passage_naming_the_place_itself() {
        String services = "Hệ thống cửa hàng › Dịch vụ tại cửa hàng\nMua hàng, thanh toán thẻ, trả góp 0%: có tại tất cả cửa hàng.";
        String question = "cua hang mekong home o nha trang nam o dau";
        assertThat(Places.asksWhere(QuestionText.of(question))).isTrue();
        assertThat(Places.asksWhere(QuestionText.of("Where is your shop in Vung Tau?"))).isTrue();
        assertThat(Places.asksWhere(QuestionText.of("Giao về Cần Thơ phí bao nhiêu?"))).isFalse();
        // a passage naming no place answers a fee question for Nha Trang, not where a shop there is
        assertThat(Places.answeredBy(Places.named(QuestionText.of(question)), true, new PassageText(services))).isFalse();
        assertThat(Places.answeredBy(Places.named(QuestionText.of(question)), false, new PassageText(services))).isTrue();
        assertThat(Places.answeredBy(Places.named(QuestionText.of("Cửa hàng ở Đà Nẵng ở đâu?")), true, new PassageText(STORES))).isTrue();
    }

    @Test
    void an_address_is_a_street_with_its_house_number_not_the_word_address() {
        assertThat(Places.statesAddress(new PassageText("Trung tâm bảo hành Cần Thơ\nĐịa chỉ: Số 56 Đường 30 Tháng 4, Phường Ninh Kiều"))).isTrue();
        assertThat(Places.statesAddress(new PassageText("Head office: 18 Võ Văn Ngân, Thủ Đức Ward, Ho Chi Minh City"))).isTrue();
        assertThat(Places.statesAddress(new PassageText("Visit us at 120 Lach Tray Street."))).isTrue();
        // the cities with a service centre, a link to the addresses, a count: no address
        assertThat(Places.statesAddress(new PassageText("Bring the product to an authorised service centre in Hà Nội, TP.HCM, "
                + "Đà Nẵng, Cần Thơ or Hải Phòng, open Monday to Saturday, 8:00–18:00. Addresses: [Service centres](https://x)"))).isFalse();
        assertThat(Places.statesAddress(new PassageText("Xem địa chỉ các trung tâm tại trang Trung tâm bảo hành."))).isFalse();
        assertThat(Places.statesAddress(new PassageText("Doanh số 12 tháng liên tiếp đạt từ 500 triệu VND"))).isFalse();
    }

    @Test
    void a_question_for_which_country_or_province_needs_a_passage_naming_one() {
        assertThat(Places.asksWhichPlace(QuestionText.of("nồi chiên MH-AF55 được sản xuất ở nước nào"))).isTrue();
        assertThat(Places.asksWhichPlace(QuestionText.of("In which country is the MH-AF55 manufactured?"))).isTrue();
        assertThat(Places.asksWhichPlace(QuestionText.of("hợp đồng cho bên mình phân phối ở những tỉnh nào"))).isTrue();
        // "nước nào" of a water purifier asks which purifier, not which country
        assertThat(Places.asksWhichPlace(QuestionText.of("Máy lọc nước nào không cần dùng điện?"))).isFalse();
        assertThat(Places.namesAny(new PassageText("Nồi chiên không dầu cơ 5,5 lít, 1.500 W, 2 núm xoay."))).isFalse();
        assertThat(Places.namesAny(new PassageText("Made in Vietnam at the Củ Chi factory."))).isTrue();
        assertThat(Places.namesAny(new PassageText("Phân phối tại khu vực Huế, Quảng Trị và Quảng Bình."))).isTrue();
    }
    @Test
    void where_the_customer_lives_is_the_customers_circumstance() {
        assertThat(Places.livesIn(QuestionText.of("Nhà tôi ở Bến Tre, mùa khô nước máy bị nhiễm mặn. Máy UF50 có lọc được nước mặn không?")))
                .containsExactly("bt");
        assertThat(Places.livesIn(QuestionText.of("nha em o ben tre, nuoc gieng bi nhiem man"))).containsExactly("bt");
        assertThat(Places.livesIn(QuestionText.of("We live in Bến Tre and our tap water gets a bit salty."))).containsExactly("bt");
        // a place the question asks about is not where the customer lives
        assertThat(Places.livesIn(QuestionText.of("Ở Hải Phòng có cửa hàng Mekong Home nào không?"))).isEmpty();
        assertThat(Places.livesIn(QuestionText.of("Do you deliver to Bến Tre?"))).isEmpty();
    }
}
