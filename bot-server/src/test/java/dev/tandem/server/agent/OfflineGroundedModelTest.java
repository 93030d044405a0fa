package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineGroundedModelTest {

    private final OfflineGroundedModel model = new OfflineGroundedModel();

    /** A grounding prompt: the question, then each source ("[n] label | lang=… | confidence=…" and its text). */
    static String prompt(String question, String... sources) {
        StringBuilder s = new StringBuilder(question).append("\n\n").append(GroundingPrompt.BEGIN).append('\n');
        for (String source : sources) s.append(source).append("\n\n");
        return s.append(GroundingPrompt.END).toString();
    }

    @Test
    void answers_with_the_sentence_that_covers_the_question_and_cites_it() {
        String text = prompt("may loc nuoc bao hanh bao lau?",
                "[1] Chính sách bảo hành › Thời hạn | lang=vi | confidence=0.900\n"
                        + "Sản phẩm được đổi mới trong 30 ngày đầu. Máy lọc nước được bảo hành 24 tháng kể từ ngày mua. Lõi lọc là vật tư tiêu hao.");

        String answer = model.compose(text);

        assertThat(answer).startsWith("Theo «Chính sách bảo hành»:")
                .contains("Máy lọc nước được bảo hành 24 tháng kể từ ngày mua.")
                .endsWith("[1]");
    }

    @Test
    void says_it_does_not_know_and_offers_a_human_without_sources() {
        assertThat(model.compose("Do you sell electric scooters?"))
                .contains("couldn't find").contains("support agent");
        assertThat(model.compose("Bên bạn có bán xe máy điện không?"))
                .contains("chưa tìm thấy").contains("nhân viên");
    }

    @Test
    void prefers_a_passage_in_the_question_language_when_nearly_as_good() {
        String text = prompt("How long is the air fryer warranty?",
                "[1] Chính sách bảo hành | lang=vi | confidence=0.900\nNồi chiên không dầu bảo hành 18 tháng.",
                "[2] Warranty policy | lang=en | confidence=0.850\nAir fryers are covered for 18 months.");

        assertThat(model.compose(text)).startsWith("According to “Warranty policy”").endsWith("[2]");
    }

    @Test
    void table_rows_become_readable_sentences() {
        String extract = OfflineGroundedModel.extract(
                "| Mã lỗi | Ý nghĩa | Cách xử lý |\n|---|---|---|\n| E1 | Áp lực nước vào thấp | Mở van cấp nước |",
                "loi E1 la gi");

        assertThat(extract).contains("E1 — Áp lực nước vào thấp — Mở van cấp nước").doesNotContain("|");
    }

    @Test
    void refuses_a_question_naming_something_no_available_document_mentions() {
        String sources = prompt("Lotus Hotels được bảo hành nồi chiên bao lâu?",
                "[1] Câu hỏi thường gặp — Bảo hành | lang=vi | confidence=0.700\nNồi chiên MH-AF55 và MH-AF80D được bảo hành 18 tháng.");
        var counts = java.util.List.of(new dev.tandem.kb.search.PassageSearcher.TermRarity("Lotus", "lotus", 0, 0),
                new dev.tandem.kb.search.PassageSearcher.TermRarity("Hotels", "hotels", 0, 0),
                new dev.tandem.kb.search.PassageSearcher.TermRarity("nồi", "nồi", 40, 60));
        String withCounts = GroundingPrompt.withWordCounts(sources, counts);

        GroundingPrompt.Parsed parsed = GroundingPrompt.parse(withCounts);
        assertThat(parsed.question()).isEqualTo("Lotus Hotels được bảo hành nồi chiên bao lâu?");
        assertThat(parsed.sources()).hasSize(1);
        assertThat(parsed.unknownTerms()).containsExactly("Lotus", "Hotels");
        assertThat(model.chat(withCounts)).contains("chưa tìm thấy").contains("nhân viên");
        // without the counts the same passage passes the coverage check: the counts are what refuse
        assertThat(model.chat(sources)).contains("18 tháng").endsWith("[1]");
    }

    @Test
    void one_unfamiliar_common_word_is_left_to_the_coverage_check_two_are_not() {
        var mét = new dev.tandem.kb.search.PassageSearcher.TermRarity("mét", "mét", 0, 3);
        var ống = new dev.tandem.kb.search.PassageSearcher.TermRarity("ống", "ống", 5, 5);
        var giám = new dev.tandem.kb.search.PassageSearcher.TermRarity("giám", "giám", 0, 9);
        var đốc = new dev.tandem.kb.search.PassageSearcher.TermRarity("đốc", "đốc", 0, 4);
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(
                GroundingPrompt.withWordCounts("tối đa mấy mét ống?", java.util.List.of(mét, ống))))).isFalse();
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(
                GroundingPrompt.withWordCounts("số điện thoại tổng giám đốc", java.util.List.of(giám, đốc))))).isTrue();
        // two unfamiliar syllables side by side are one expression ("sùng sục", bubbling): a paraphrase
        var sùng = new dev.tandem.kb.search.PassageSearcher.TermRarity("sùng", "sùng", 0, 3);
        var sục = new dev.tandem.kb.search.PassageSearcher.TermRarity("sục", "sục", 0, 3);
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(
                GroundingPrompt.withWordCounts("Tại sao ấm KT17 nước sôi sùng sục mà không tự tắt?", java.util.List.of(sùng, sục))))).isFalse();
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(
                GroundingPrompt.withWordCounts("ấm sùng nước sục", java.util.List.of(sùng, sục))))).isTrue();
        // a name the lexicon knows in another spelling is not new ("Hanoi" for "Hà Nội")
        var hanoi = new dev.tandem.kb.search.PassageSearcher.TermRarity("Hanoi", "hanoi", 0, 0);
        assertThat(OfflineGroundedModel.novelNames(GroundingPrompt.parse(
                GroundingPrompt.withWordCounts("How much is same-day delivery in Hanoi?", java.util.List.of(hanoi))))).isEmpty();
        var lunar = new dev.tandem.kb.search.PassageSearcher.TermRarity("Lunar", "lunar", 0, 0);
        assertThat(OfflineGroundedModel.novelNames(GroundingPrompt.parse(
                GroundingPrompt.withWordCounts("Are your shops open on Lunar New Year?", java.util.List.of(lunar))))).isEmpty();
        var vinh = new dev.tandem.kb.search.PassageSearcher.TermRarity("Vinh", "vinh", 0, 0);
        assertThat(OfflineGroundedModel.novelNames(GroundingPrompt.parse(
                GroundingPrompt.withWordCounts("How much is same-day delivery in Vinh?", java.util.List.of(vinh))))).containsExactly("Vinh");
        // an amount with its thousands grouped ("60,000", read as "60 000") is a quantity, not a code
        var amount = new dev.tandem.kb.search.PassageSearcher.TermRarity("60 000", "60 000", 0, 0);
        assertThat(OfflineGroundedModel.novelNames(GroundingPrompt.parse(GroundingPrompt.withWordCounts(
                "I have 450 Mekong Xanh points. How much can I take off a 60,000 VND order with them?", java.util.List.of(amount)))))
                .isEmpty();
        // the words that frame a question ("how often am I supposed to …") name nothing the documents must hold
        var oftenWord = new dev.tandem.kb.search.PassageSearcher.TermRarity("often", "often", 0, 0);
        var supposed = new dev.tandem.kb.search.PassageSearcher.TermRarity("supposed", "supposed", 0, 0);
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(GroundingPrompt.withWordCounts(
                "How often am I supposed to open the red flush valve on the MH-UF50?", java.util.List.of(oftenWord, supposed))))).isFalse();
        // a sentence starts with a capital: an unknown first word alone is not a name
        var often = new dev.tandem.kb.search.PassageSearcher.TermRarity("Often", "often", 0, 0);
        assertThat(OfflineGroundedModel.novelNames(GroundingPrompt.parse(
                GroundingPrompt.withWordCounts("Often the filter clogs?", java.util.List.of(often))))).isEmpty();
    }

    @Test
    void the_story_a_customer_tells_around_the_question_does_not_put_it_outside_the_documents() {
        var building = new dev.tandem.kb.search.PassageSearcher.TermRarity("building", "building", 0, 0);
        var worried = new dev.tandem.kb.search.PassageSearcher.TermRarity("worried", "worried", 0, 0);
        var vacuum = new dev.tandem.kb.search.PassageSearcher.TermRarity("vacuum", "vacuum", 0, 0);
        var cleaners = new dev.tandem.kb.search.PassageSearcher.TermRarity("cleaners", "cleaners", 0, 0);
        var dyson = new dev.tandem.kb.search.PassageSearcher.TermRarity("Dyson", "dyson", 0, 0);
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(GroundingPrompt.withWordCounts(
                "How much water does the MH-RO100 waste? Our building runs short of water, so I am worried.",
                java.util.List.of(building, worried))))).isFalse();
        // an asking sentence that repeats its words ("is … water … is … water")
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(GroundingPrompt.withWordCounts(
                "Is the water of the RO100 cold, and is the water filtered? Our building runs short, so I am worried.",
                java.util.List.of(building, worried))))).isFalse();
        // the same words in the sentence that asks still do
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(GroundingPrompt.withWordCounts(
                "Our building runs short of water, so I am worried: do you sell vacuum cleaners?",
                java.util.List.of(building, worried, vacuum, cleaners))))).isTrue();
        // and a name anywhere does
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(GroundingPrompt.withWordCounts(
                "I bought a Dyson from you last week. Can I return it?", java.util.List.of(dyson))))).isTrue();
    }

    @Test
    void contractions_and_function_words_no_document_writes_name_nothing() {
        var im = new dev.tandem.kb.search.PassageSearcher.TermRarity("I'm", "i'm", 0, 0);
        var didnt = new dev.tandem.kb.search.PassageSearcher.TermRarity("didn't", "didn't", 0, 0);
        var card = new dev.tandem.kb.search.PassageSearcher.TermRarity("card", "card", 12, 12);
        String question = "I paid cash and now I'm returning it. How do I get my money back if I didn't pay by card?";
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(
                GroundingPrompt.withWordCounts(question, java.util.List.of(im, didnt, card))))).isFalse();
        // two words no document holds that are not contractions: about something else
        var tram = new dev.tandem.kb.search.PassageSearcher.TermRarity("trampoline", "trampoline", 0, 0);
        var mats = new dev.tandem.kb.search.PassageSearcher.TermRarity("mats", "mats", 0, 0);
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(
                GroundingPrompt.withWordCounts("I'm after trampoline mats, do you sell them?", java.util.List.of(im, tram, mats))))).isTrue();
        // "sắp" (about to) and "bấy" ("bấy lâu", all this time) are function words the documents happen not to use
        var sắp = new dev.tandem.kb.search.PassageSearcher.TermRarity("sắp", "sắp", 0, 0);
        var bấy = new dev.tandem.kb.search.PassageSearcher.TermRarity("bấy", "bấy", 0, 7);
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(GroundingPrompt.withWordCounts(
                "Em sắp đổi sang số điện thoại mới, điểm Mekong Xanh em tích bấy lâu có bị mất không?", java.util.List.of(sắp, bấy))))).isFalse();
    }

    @Test
    void concept_words_numbers_and_english_pronouns_are_not_unfamiliar_subjects() {
        // "ưng" of "không ưng" (the lexicon's "đổi ý") and "đem" of "đem ra" ("mang đến"): their concepts' other forms are held
        var thấy = new dev.tandem.kb.search.PassageSearcher.TermRarity("ưng", "ưng", 0, 0);
        var đem = new dev.tandem.kb.search.PassageSearcher.TermRarity("đem", "đem", 0, 0);
        var tiệm = new dev.tandem.kb.search.PassageSearcher.TermRarity("tiệm", "tiệm", 0, 0);
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(GroundingPrompt.withWordCounts(
                "máy lọc hư mình đem ra tiệm ngoài sửa, thấy không ưng thì hãng còn bảo hành nữa ko", java.util.List.of(thấy, đem, tiệm))))).isFalse();
        // a number with its unit is a quantity
        var volts = new dev.tandem.kb.search.PassageSearcher.TermRarity("110V", "110v", 0, 0);
        var xài = new dev.tandem.kb.search.PassageSearcher.TermRarity("xài", "xài", 0, 0);
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(GroundingPrompt.withWordCounts(
                "nồi cơm điện xài điện 110V được không", java.util.List.of(volts, xài))))).isFalse();
        // a time of day is a moment the passage must hold, as a code is
        var ten = new dev.tandem.kb.search.PassageSearcher.TermRarity("22h", "22h", 0, 0);
        assertThat(OfflineGroundedModel.novelNames(GroundingPrompt.parse(GroundingPrompt.withWordCounts(
                "Làm sao để đổi giờ chế độ ECO thành tắt nóng từ 22h vậy?", java.util.List.of(ten))))).containsExactly("22h");
        // English pronouns and vague words
        var far = new dev.tandem.kb.search.PassageSearcher.TermRarity("far", "far", 0, 0);
        var ahead = new dev.tandem.kb.search.PassageSearcher.TermRarity("ahead", "ahead", 0, 0);
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(GroundingPrompt.withWordCounts(
                "How far ahead can I set the delay timer on the MH-RC18IH?", java.util.List.of(far, ahead))))).isFalse();
        // two unfamiliar content words still are
        var bulb = new dev.tandem.kb.search.PassageSearcher.TermRarity("bulb", "bulb", 0, 0);
        var myself = new dev.tandem.kb.search.PassageSearcher.TermRarity("myself", "myself", 0, 0);
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(GroundingPrompt.withWordCounts(
                "How do I replace the bulb myself?", java.util.List.of(bulb, myself))))).isTrue();
    }

    @Test
    void a_name_the_lexicon_knows_is_held_by_a_passage_writing_another_form_of_it_but_a_place_is_not() {
        String tet = prompt("Are your shops open during Tết? I'd like to come by on the 2nd day of Lunar New Year.",
                "[1] Hệ thống cửa hàng Mekong Home | lang=vi | confidence=0.900\nTất cả cửa hàng mở cửa 9:00–21:00 hằng ngày,"
                        + " kể cả Chủ nhật và ngày lễ (trừ mùng 1 và mùng 2 Tết Nguyên đán).");
        assertThat(model.compose(tet)).contains("mùng 2").endsWith("[1]");
        String saigon = prompt("Gia ve may bay Ha Noi di Sai Gon bao nhieu?",
                "[1] Chính sách giao hàng | lang=vi | confidence=0.900\nGiao hàng nội thành Hà Nội và TP. Hồ Chí Minh: phí 30.000 VND.");
        assertThat(model.compose(saigon)).contains("chưa tìm thấy");
    }

    @Test
    void a_word_the_documents_only_hold_with_other_marks_is_not_one_they_use() {
        // "bát" (bowl) folds to "bat" as "bật" (switch on) does: the documents hold the letters, never the word
        var bát = new dev.tandem.kb.search.PassageSearcher.TermRarity("bát", "bát", 0, 25);
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(
                GroundingPrompt.withWordCounts("shop có bán máy rửa bát không", java.util.List.of(bát))))).isTrue();
        // written as the documents write it, the same word is theirs
        var bátUsed = new dev.tandem.kb.search.PassageSearcher.TermRarity("bát", "bát", 2, 25);
        assertThat(OfflineGroundedModel.outsideDocuments(GroundingPrompt.parse(
                GroundingPrompt.withWordCounts("shop có bán máy rửa bát không", java.util.List.of(bátUsed))))).isFalse();
    }

    @Test
    void cites_another_document_that_states_the_same_fact() {
        String text = prompt("máy lọc nước bảo hành bao lâu?",
                "[1] Chính sách bảo hành | lang=vi | confidence=0.900\nMáy lọc nước được bảo hành 24 tháng kể từ ngày mua.",
                "[2] Hướng dẫn sử dụng máy lọc nước | lang=vi | confidence=0.400\nThân máy lọc nước bảo hành 24 tháng, lõi lọc không bảo hành.",
                "[3] Giới thiệu | lang=vi | confidence=0.350\nMáy lọc nước Mekong Home có 3 dòng sản phẩm.");

        String answer = model.compose(text);

        assertThat(answer).startsWith("Theo «Chính sách bảo hành»:").contains("Xem thêm «Hướng dẫn sử dụng máy lọc nước» [2].")
                .doesNotContain("[3]");
    }

    @Test
    void a_chat_abbreviation_and_a_synonym_still_find_the_answer() {
        String text = prompt("Phí ship bn?",
                "[1] Chính sách giao hàng › Phí giao hàng | lang=vi | confidence=0.070\n"
                        + "Đơn từ 500.000 đ được miễn phí giao hàng. Đơn dưới 500.000 đ: phí giao hàng 30.000 đ.");

        assertThat(model.compose(text)).startsWith("Theo «Chính sách giao hàng»:").contains("30.000 đ").endsWith("[1]");
    }

    @Test
    void a_price_question_is_not_answered_from_a_passage_that_does_not_state_that_price() {
        String question = "Giá sỉ nồi chiên MH-AF55 là bao nhiêu?";
        String warranty = "[1] Hướng dẫn sử dụng nồi chiên MH-AF55 › 8. Bảo hành | lang=vi | confidence=0.320\n"
                + "Nồi chiên MH-AF55 được bảo hành 18 tháng.";
        String publicView = prompt(question, warranty);
        String businessView = prompt(question, warranty,
                "[2] Wholesale price list 2026 › Kitchen appliances | lang=en | confidence=0.150\n"
                        + "| MH-AF55 | Air fryer 5.5 L | unit | 1,320,000 | 10% |");

        assertThat(model.compose(publicView)).contains("chưa tìm thấy").contains("nhân viên");
        assertThat(model.compose(businessView)).contains("1,320,000").contains("[2]").doesNotContain("[1]");
    }

    @Test
    void refuses_when_the_thing_asked_about_is_a_compound_no_passage_holds() {
        String text = prompt("Mekong Home có bán tủ lạnh không?",
                "[1] Câu hỏi thường gặp › Mekong Home bán những sản phẩm nào? | lang=vi | confidence=0.420\n"
                        + "Máy lọc nước: MH-RO200 (RO nóng lạnh 9 cấp), kiểu tủ đứng. Nồi cơm điện, nồi chiên không dầu.");

        assertThat(model.compose(text)).contains("chưa tìm thấy").contains("nhân viên");
    }

    @Test
    void refuses_an_english_question_naming_an_account_no_passage_names() {
        String text = prompt("What discount does Phương Nam get under its distribution contract?",
                "[1] Điều khoản thương mại B2B › 3. Bậc giá | lang=vi | confidence=0.600\n"
                        + "Bậc giá A được chiết khấu 12 %, bậc B 8 %, bậc C 6 % so với bảng giá bán sỉ. Hợp đồng phân phối ghi bậc của Bên B.\n"
                        + "Phương thức thanh toán: chuyển khoản. Giao hàng toàn quốc Việt Nam.");

        assertThat(model.compose(text)).contains("couldn't find").contains("support agent");
    }

    @Test
    void where_the_customer_lives_is_no_name_the_passages_must_hold() {
        String source = "[1] Thông số kỹ thuật máy lọc nước UF MH-UF50 › Khả năng lọc | lang=vi | confidence=0.600\n"
                + "Không loại bỏ: muối, kim loại nặng và các chất hòa tan (TDS). Không dùng cho nước giếng nhiễm mặn.";

        assertThat(model.compose(prompt("Nhà tôi ở Bến Tre, nước giếng bị nhiễm mặn. Máy lọc UF50 có lọc được nước mặn không?", source)))
                .contains("nhiễm mặn").endsWith("[1]");
        // a place the question asks about still is one
        assertThat(model.compose(prompt("Máy lọc UF50 dùng ở Bến Tre có lọc được nước giếng nhiễm mặn không?", source)))
                .contains("chưa tìm thấy");
    }

    @Test
    void quotes_a_passage_that_holds_far_more_of_the_question_over_a_better_scored_one() {
        String text = prompt("bac C lay hu tieu Nam Vang gia si bao nhieu 1 thung",
                "[1] Điều khoản thương mại B2B › 3. Bậc giá | lang=vi | confidence=0.800\n"
                        + "Giá bán sỉ tính theo bảng giá bán sỉ hiện hành. Bậc C được chiết khấu 6 %.",
                "[2] Wholesale price list 2026 › Mì Mekong instant foods | lang=en | confidence=0.400\n"
                        + "Hủ tiếu Nam Vang ăn liền 70 g: wholesale price 240,000 đ per carton of 30 packs (tier C: 6 % off).");

        assertThat(model.compose(text)).contains("240,000").contains("[2]");
    }

    @Test
    void refuses_a_yes_no_question_about_a_thing_the_passage_does_not_name() {
        // the passage shares "máy lọc nước" and most of the question, but not "thuê" (rent)
        String text = prompt("bên mình có cho thuê máy lọc nước không",
                "[1] Giới thiệu Mekong Home › Sản phẩm › Máy lọc nước | lang=vi | confidence=0.600\n"
                        + "Mekong Home bán máy lọc nước MH-RO100, MH-RO200 và MH-UF50 cho gia đình.");

        assertThat(model.compose(text)).contains("chưa tìm thấy").doesNotContain("[1]");
    }

    @Test
    void a_yes_no_question_quotes_the_eligible_passage_that_names_what_is_asked() {
        // [1] scores best and holds all but "phí": "miễn là" (provided that) is not "miễn phí" (free)
        String text = prompt("máy lọc nước có lắp đặt miễn phí không",
                "[1] Máy lọc nước › Lắp đặt | lang=vi | confidence=0.900\n"
                        + "Máy lọc nước lắp đặt dưới chậu rửa, miễn là có van cấp nước.",
                "[2] Chính sách giao hàng | lang=vi | confidence=0.500\n"
                        + "Miễn phí lắp đặt trong 48 giờ tại 5 thành phố.");

        assertThat(model.compose(text)).startsWith("Theo «Chính sách giao hàng»: Miễn phí lắp đặt trong 48 giờ").contains("[2]");
    }

    @Test
    void a_question_for_a_price_is_not_answered_from_a_passage_that_states_no_amount() {
        String text = prompt("giá bán lẻ nồi chiên MH-AF55 là bao nhiêu",
                "[1] Thông số kỹ thuật nồi chiên không dầu MH-AF55 | lang=vi | confidence=0.700\n"
                        + "Nồi chiên không dầu MH-AF55: dung tích 5,5 lít, công suất 1.500 W, bảo hành 18 tháng.");

        assertThat(model.compose(text)).contains("chưa tìm thấy").doesNotContain("[1]");
    }

    @Test
    void a_question_for_a_models_price_is_not_answered_from_a_passage_about_other_prices() {
        // "miễn phí" is an amount, but not RO100's price: the passage names no model (a part's code is none)
        String services = "[1] Hệ thống trung tâm bảo hành ủy quyền › Dịch vụ | lang=vi | confidence=0.700\n"
                + "Lắp đặt máy lọc nước miễn phí trong 48 giờ. Bán màng RO MH-F-RO100 chính hãng.";
        assertThat(model.compose(prompt("Máy lọc nước RO100 giá bao nhiêu vậy shop?", services))).contains("chưa tìm thấy").doesNotContain("[1]");
        // the price list row names the model: it answers
        String prices = "[2] Bảng giá bán lẻ › Máy lọc nước | lang=vi | confidence=0.600\n"
                + "Máy lọc nước RO để gầm MH-RO100: 5.990.000 VND.";
        assertThat(model.compose(prompt("Máy lọc nước RO100 giá bao nhiêu vậy shop?", services, prices))).contains("5.990.000").contains("[2]");
    }

    @Test
    void a_model_is_its_code_with_or_without_the_company_prefix_and_a_parts_code_is_none() {
        assertThat(PassageRanker.models("máy MH-RO200, máy ro100 và nồi rc18ih")).containsExactlyInAnyOrder("RO200", "RO100", "RC18IH");
        assertThat(PassageRanker.models("màng RO MH-F-RO100, lõi MH-K123")).containsExactly("K123");
        assertThat(PassageRanker.models("bảo hành 24 tháng, 5.990.000 VND, A4")).isEmpty();
    }

    @Test
    void refuses_an_english_yes_no_question_about_a_thing_the_passage_does_not_name() {
        // the passage names the product and "air fryer", but not Wi-Fi, connecting or an app
        String text = prompt("Does the MH-AF80D air fryer connect to Wi-Fi or a phone app?",
                "[1] MH-AF80D Digital Air Fryer – Specifications | lang=en | confidence=0.800\n"
                        + "MH-AF80D: 8-litre digital air fryer, 1,800 W, 8 presets, viewing window with interior light.");

        assertThat(model.compose(text)).contains("couldn't find").doesNotContain("[1]");
    }

    @Test
    void a_question_for_a_weight_quotes_the_passage_that_states_one() {
        // [1] scores best and names the product, but states its capacity and power, not its weight
        String text = prompt("nồi chiên MH-AF80D nặng bao nhiêu kg",
                "[1] Thông số kỹ thuật nồi chiên MH-AF55 › So sánh với MH-AF80D | lang=vi | confidence=0.900\n"
                        + "Nồi chiên MH-AF80D: dung tích 8 lít, công suất 1.800 W, nặng hơn MH-AF55.",
                "[2] Thông số MH-AF80D › Kích thước | lang=vi | confidence=0.500\n"
                        + "Trọng lượng MH-AF80D: 6,5 kg.");

        assertThat(model.compose(text)).startsWith("Theo «Thông số MH-AF80D»: Trọng lượng MH-AF80D: 6,5 kg. [2]");
    }

    @Test
    void refuses_an_open_question_for_a_thing_the_passage_does_not_name() {
        // the nutrition table shares the product, "pack" and "how much", but says nothing of potassium
        String table = "[1] Mì Mekong Instant Noodle Range › Nutrition per pack | lang=en | confidence=0.700\n"
                + "Per pack: Phở Gà 65 g. Energy 240 kcal. Protein 5 g. Fat 3.5 g. Sodium 1,600 mg.";
        assertThat(model.compose(prompt("How much potassium is in a pack of Phở Gà?", table)))
                .contains("couldn't find").doesNotContain("[1]");
        assertThat(model.compose(prompt("How much protein is in a pack of Phở Gà?", table))).contains("Protein 5 g").contains("[1]");
    }

    @Test
    void an_open_vietnamese_question_quotes_the_eligible_passage_that_names_what_is_asked() {
        // [1] scores best but names no "muối" (salt), only "mươi" (ten); [2] does
        String text = prompt("mì bò hầm có bao nhiêu gam muối trong một gói",
                "[1] Mì Bò Hầm › Đóng gói | lang=vi | confidence=0.900\n"
                        + "Mì Bò Hầm: một thùng có ba mươi gói, mỗi gói 80 g.",
                "[2] Mì Bò Hầm › Gói súp | lang=vi | confidence=0.500\n"
                        + "Gói súp của mì bò hầm: muối 2 g, đường 1 g.");
        assertThat(model.compose(text)).contains("muối 2 g").contains("[2]").doesNotContain("[1]");
    }

    @Test
    void a_measure_noun_is_answered_by_the_passage_stating_its_value() {
        // the recipe names no "size", only "18 cm": that is the size asked for; a passage with no length answers nothing
        String recipe = "[1] MH-AF80D Recipes › Sponge cake | lang=en | confidence=0.700\n"
                + "Sponge cake in the MH-AF80D: preset Cake, 160 °C. Use an 18 cm round tin that fits the basket.";
        String tips = "[1] MH-AF80D Recipes › Sponge cake | lang=en | confidence=0.700\n"
                + "Sponge cake in the MH-AF80D: preset Cake, 160 °C. Check with a skewer through the window.";
        String question = "What size of cake tin fits in the MH-AF80D basket for a sponge cake?";
        assertThat(model.compose(prompt(question, recipe))).contains("18 cm round tin").contains("[1]");
        assertThat(model.compose(prompt(question, tips))).contains("couldn't find").doesNotContain("[1]");
    }
    @Test
    void a_question_about_a_place_quotes_a_passage_about_that_place_or_none() {
        String stores = "[1] Hệ thống cửa hàng › Địa chỉ cửa hàng | lang=vi | confidence=0.900\n"
                + "Cửa hàng Mekong Home: TP. Hồ Chí Minh, Số 18 Võ Văn Ngân; Hà Nội, Số 112 Trần Duy Hưng; Đà Nẵng, Số 88 Nguyễn Văn Linh.";
        String center = "[2] Trung tâm bảo hành › Cần Thơ | lang=vi | confidence=0.300\n"
                + "Trung tâm bảo hành Cần Thơ: Số 56 Đường 30 Tháng 4, Ninh Kiều, Cần Thơ; cùng địa điểm với cửa hàng Cần Thơ.";
        // the best-scored store list names other cities: the passage about Cần Thơ answers (typed without marks and
        // capitals, so that no check of names typed with capitals decides it)
        assertThat(model.compose(prompt("cua hang o can tho nam o dau", stores, center)))
                .startsWith("Theo «Trung tâm bảo hành»: Trung tâm bảo hành Cần Thơ: Số 56").contains("[2]");
        // no passage about Nha Trang: the store list of other cities is no answer
        assertThat(model.compose(prompt("cua hang o nha trang nam o dau", stores)))
                .contains("chưa tìm thấy").doesNotContain("[1]");
    }

    @Test
    void a_question_for_where_something_is_in_a_city_quotes_a_passage_giving_its_address() {
        String cities = "[1] How to claim warranty › Option 3: Visit a service centre | lang=en | confidence=0.900\n"
                + "Bring the product and the invoice to an authorised service centre in Hà Nội, TP.HCM, Đà Nẵng, Cần Thơ or "
                + "Hải Phòng. Addresses: see Service centres.";
        String centre = "[2] Service centres › Đà Nẵng service centre | lang=en | confidence=0.400\n"
                + "Đà Nẵng service centre: 88 Nguyễn Văn Linh, Hải Châu Ward, Đà Nẵng.";
        // the list of cities names Đà Nẵng and every word of the question, but not where in Đà Nẵng
        assertThat(model.compose(prompt("Where is the service centre in Da Nang?", cities, centre)))
                .startsWith("According to “Service centres”: Đà Nẵng service centre: 88 Nguyễn Văn Linh").contains("[2]");
        assertThat(model.compose(prompt("Where is the service centre in Da Nang?", cities)))
                .contains("couldn't find").doesNotContain("[1]");
    }

    @Test
    void a_question_that_tells_its_story_first_is_answered_by_a_passage_holding_what_it_asks() {
        String question = "What are the dimensions and weight of the MH-AF55? I need to check it fits on my counter under the cabinet.";
        assertThat(PassageRanker.askingSentences(question)).isEqualTo("What are the dimensions and weight of the MH-AF55?");
        assertThat(PassageRanker.askingSentences("What are the dimensions and weight of the MH-AF55?")).isNull();
        assertThat(PassageRanker.askingSentences("Is it safe? Is it free?")).isNull();
        // the specification holds what is asked but nothing of the kitchen: a third of the whole question, all of what it asks
        String spec = "[1] MH-AF55 Specifications › Dimensions and weight | lang=en | confidence=0.400\n"
                + "MH-AF55 dimensions: 300 × 340 × 320 mm. Weight: 4.8 kg.";
        String story = "What are the dimensions and weight of the MH-AF55? I need to check it fits on the small kitchen counter "
                + "under my wall cabinet, next to the sink and the old microwave.";
        assertThat(model.compose(prompt(story, spec))).contains("4.8 kg").contains("[1]");
    }

    @Test
    void why_the_customer_asks_is_not_what_a_vietnamese_yes_no_question_asks() {
        String question = "Ở Hải Phòng có cửa hàng Mekong Home nào để tôi qua xem tận mắt nồi chiên trước khi mua không?";
        assertThat(PassageRanker.askingSentences(question)).isEqualTo("Ở Hải Phòng có cửa hàng Mekong Home nào không?");
        assertThat(PassageRanker.askingSentences("o hai phong co cua hang nao de minh qua xem truoc khong"))
                .isEqualTo("o hai phong co cua hang nao khong");
        // a purpose clause that is all the question asks is kept
        assertThat(PassageRanker.askingSentences("Để tôi đổi trả thì cần gì không?")).isNull();
        // the store list's note holds a third of the whole question, most of what it asks
        String note = "[1] Hệ thống cửa hàng Mekong Home › Lưu ý | lang=vi | confidence=0.600\n"
                + "Hải Phòng hiện chỉ có trung tâm bảo hành (Số 120 Lạch Tray, Phường Lê Chân), chưa có cửa hàng bán lẻ.";
        assertThat(model.compose(prompt(question, note))).contains("chưa có cửa hàng bán lẻ").endsWith("[1]");
    }

    @Test
    void a_question_for_when_something_happens_needs_a_passage_that_speaks_of_it() {
        String spec = "[1] Thông số nồi chiên MH-AF80D › Chung | lang=vi | confidence=0.800\n"
                + "Nồi chiên không dầu MH-AF80D: dung tích 8 lít, công suất 1.800 W, vỏ nhựa màu đen, bảo hành 18 tháng.";
        assertThat(model.compose(prompt("Bao giờ nồi chiên MH-AF80D có bản màu trắng?", spec)))
                .contains("chưa tìm thấy").doesNotContain("[1]");
        String points = "[1] Mekong Xanh › Thời hạn điểm | lang=vi | confidence=0.800\n"
                + "Mỗi điểm hết hạn sau 12 tháng kể từ ngày được tích. Hệ thống nhắc hội viên qua SMS/Zalo 30 ngày trước khi điểm hết hạn.";
        assertThat(model.compose(prompt("Bao giờ thì tôi được nhắc là điểm Mekong Xanh sắp hết hạn?", points)))
                .contains("30 ngày trước").contains("[1]");
    }

    @Test
    void a_question_for_when_the_company_will_launch_something_needs_a_passage_that_dates_it() {
        String manual = "[1] Hướng dẫn sử dụng máy lọc nước MH-RO200 › Giới thiệu | lang=vi | confidence=0.800\n"
                + "MH-RO200 là máy lọc nước RO nóng lạnh 9 cấp lọc, có màn hình hiển thị mã lỗi E1–E5 và phiên bản lõi mới.";
        assertThat(model.compose(prompt("Khi nào máy lọc nước MH-RO200 có phiên bản mới?", manual)))
                .contains("chưa tìm thấy").doesNotContain("[1]");
        String notice = "[1] Thông báo › Sản phẩm mới | lang=vi | confidence=0.800\n"
                + "Máy lọc nước MH-RO200 phiên bản mới được bán từ ngày 01/09/2026.";
        assertThat(model.compose(prompt("Khi nào máy lọc nước MH-RO200 có phiên bản mới?", notice))).contains("01/09/2026").contains("[1]");
    }

    @Test
    void an_english_yes_no_question_for_another_kind_of_a_thing_is_not_answered_from_a_passage_about_this_kind() {
        String range = "[1] About Mekong Home › Kitchen appliances | lang=en | confidence=0.800\n"
                + "We sell rice cookers MH-RC18 and MH-RC18IH (induction heating), air fryers and an electric kettle.";
        assertThat(model.compose(prompt("Do you sell pressure cookers?", range))).contains("couldn't find").doesNotContain("[1]");
        assertThat(model.compose(prompt("Do you sell rice cookers?", range))).contains("MH-RC18IH").contains("[1]");
    }

    @Test
    void a_question_for_which_company_needs_a_passage_naming_one() {
        String delivery = "[1] Shipping and delivery areas › Delivery | lang=en | confidence=0.800\n"
                + "Mekong Home delivers nationwide for orders placed on the website; you receive an SMS with a tracking link.";
        assertThat(model.compose(prompt("Which courier company delivers orders placed on the website?", delivery)))
                .contains("couldn't find").doesNotContain("[1]");
        String courier = "[1] Shipping and delivery areas › Carriers | lang=en | confidence=0.800\n"
                + "Orders placed on the website are delivered by Giao Hàng Nhanh; you receive an SMS with a tracking link.";
        assertThat(model.compose(prompt("Which courier company delivers orders placed on the website?", courier)))
                .contains("Giao Hàng Nhanh").contains("[1]");
    }

    @Test
    void a_question_for_the_price_of_a_thing_needs_the_amount_stated_for_that_thing() {
        String recall = "[1] Ấm MH-KT17 › Thu hồi | lang=vi | confidence=0.800\n"
                + "Một số ấm MH-KT17 có thể bị nứt bản lề nắp. Đăng ký đổi ấm mới hoặc hoàn tiền miễn phí.";
        assertThat(model.compose(prompt("Giá thay bản lề nắp ấm MH-KT17 là bao nhiêu?", recall)))
                .contains("chưa tìm thấy").doesNotContain("[1]");
        String parts = "[1] Bảng giá linh kiện › Ấm MH-KT17 | lang=vi | confidence=0.800\n"
                + "Ấm MH-KT17: bản lề nắp thay thế 45.000 VND, đế nguồn 120.000 VND.";
        assertThat(model.compose(prompt("Giá thay bản lề nắp ấm MH-KT17 là bao nhiêu?", parts))).contains("45.000 VND").contains("[1]");
    }

    @Test
    void a_quantity_the_question_states_must_be_the_one_the_passage_states() {
        String spec = "[1] Thông số nồi cơm điện MH-RC18 › Thông số chung | lang=vi | confidence=0.800\n"
                + "Nồi cơm điện MH-RC18: dung tích 1,8 lít, công suất 700 W, nắp gài, bảo hành 12 tháng.";
        assertThat(model.compose(prompt("Nồi cơm MH-RC18 dung tích 1,8 lít thì công suất bao nhiêu W?", spec)))
                .contains("700 W").contains("[1]");
        // the passage gives 1,8 lít: about a 1-litre cooker it says nothing
        assertThat(model.compose(prompt("Nồi cơm MH-RC18 dung tích 1 lít thì công suất bao nhiêu W?", spec)))
                .contains("chưa tìm thấy").doesNotContain("[1]");
    }

    @Test
    void a_question_for_an_address_is_not_answered_from_a_passage_naming_no_place() {
        String services = "[1] Hệ thống cửa hàng › Dịch vụ tại cửa hàng | lang=vi | confidence=0.800\n"
                + "Dịch vụ có tại tất cả cửa hàng Mekong Home: mua hàng, thanh toán thẻ, đổi điểm, nhận hàng đặt online.";
        assertThat(model.compose(prompt("cua hang mekong home o nha trang nam o dau", services)))
                .contains("chưa tìm thấy").doesNotContain("[1]");
        // the same passage still answers what the shops offer there
        assertThat(model.compose(prompt("cua hang mekong home o nha trang co dich vu doi diem khong", services)))
                .contains("[1]");
    }

    @Test
    void a_question_for_how_many_is_not_answered_from_a_passage_without_a_count_of_that_thing() {
        String otp = "[1] Câu hỏi thường gặp — Thanh toán › OTP | lang=vi | confidence=0.800\n"
                + "Không bao giờ cung cấp mã OTP cho bất kỳ ai, kể cả người xưng là nhân viên Mekong Home.";
        assertThat(model.compose(prompt("Mekong Home có bao nhiêu nhân viên?", otp)))
                .contains("chưa tìm thấy").doesNotContain("[1]");
        String stores = "[1] Hệ thống cửa hàng › Tổng quan | lang=vi | confidence=0.800\n"
                + "Mekong Home có 6 cửa hàng tại TP. Hồ Chí Minh, Hà Nội, Đà Nẵng và Cần Thơ; mỗi cửa hàng có 4 nhân viên tư vấn.";
        assertThat(model.compose(prompt("Mekong Home có bao nhiêu nhân viên?", stores))).contains("[1]");
        // the words before the thing counted name its kind: points are counted here, not bonus points
        String redeem = "[1] Mekong Xanh loyalty programme › Redeeming points | lang=en | confidence=0.800\n"
                + "100 points = a 10,000 VND voucher. New members redeem points online and in shops.";
        assertThat(model.compose(prompt("How many bonus points do new Mekong Xanh members get?", redeem)))
                .contains("couldn't find").doesNotContain("[1]");
        assertThat(model.compose(prompt("How many points do new Mekong Xanh members need for a voucher?", redeem))).contains("[1]");
    }

    @Test
    void a_question_for_a_person_needs_a_passage_naming_one() {
        String story = "[1] About Mekong Home › Our story | lang=en | confidence=0.800\n"
                + "Mekong Home was founded in 2016 to bring Vietnamese families clean water, good rice and quick meals.";
        assertThat(model.compose(prompt("Who founded Mekong Home?", story))).contains("couldn't find").doesNotContain("[1]");
        String clause = "[1] Agreement LH-2026-002 › 7. Dedicated on-call engineer | lang=en | confidence=0.800\n"
                + "7.1. The Supplier names an on-call engineer for the Customer: Mr Võ Thành Đạt, senior service engineer.";
        assertThat(model.compose(prompt("Who is our on-call engineer?", clause))).contains("Võ Thành Đạt").contains("[1]");
    }

    @Test
    void a_question_about_the_customers_own_contract_quotes_contract_terms_over_a_consumer_page() {
        String consumer = "[1] Payment methods and installments › 0% installments | lang=en | confidence=0.900\n"
                + "Under the installment agreement with your bank the interest rate is 0%; late payment is handled by the bank.";
        String terms = "[2] Supply agreement › 8. Payment | lang=en | confidence=0.600\n"
                + "8.2. Late payment bears an interest rate of 0.05% per day on the overdue amount.";
        String question = "What interest rate applies to late payment under our agreement?";
        assertThat(model.compose(prompt(question, consumer, terms))).startsWith("According to “Supply agreement”").contains("0.05%");
        // a consumer sees no contract: the public page is what there is
        assertThat(model.compose(prompt(question, consumer))).contains("[1]");
    }

    @Test
    void the_quoted_sentences_meet_an_english_question_by_stem_and_are_not_cut_at_an_abbreviation() {
        String passage = "- Bank: Vietcombank\n- Transfer note: your order number (e.g. MH2611230457)\n"
                + "Orders are held for 24 hours; unpaid orders are cancelled automatically. Mekong Home never asks you to pay into a personal account.";
        String extract = OfflineGroundedModel.extract(passage, "I paid by bank transfer. How long until my order is confirmed, and what happens if I pay late?");
        assertThat(extract).contains("Orders are held for 24 hours").contains("(e.g. MH2611230457)");
        // "TP. Hồ Chí Minh" is one city, not the end of a sentence
        assertThat(OfflineGroundedModel.extract("Mekong Home có 6 cửa hàng tại TP. Hồ Chí Minh, Hà Nội, Đà Nẵng và Cần Thơ.",
                "Mekong Home có mấy cửa hàng?")).isEqualTo("Mekong Home có 6 cửa hàng tại TP. Hồ Chí Minh, Hà Nội, Đà Nẵng và Cần Thơ.");
    }
}
