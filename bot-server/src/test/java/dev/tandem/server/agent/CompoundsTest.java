package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompoundsTest {

    private static final List<String> PASSAGES = List.of(
            "Máy lọc nước MH-RO200 › Kiểu dáng: Tủ đứng, 3 vòi nóng lạnh. Bảo hành 24 tháng.",
            "Gọi tổng đài 1900 6868, bấm phím 2 để gặp bộ phận bảo hành.");

    @Test
    void syllables_found_apart_but_never_together_make_an_unknown_compound() {
        Compounds.Unknown fridge = Compounds.in("Mekong Home có bán tủ lạnh không?", PASSAGES);
        Compounds.Unknown typedPlain = Compounds.in("Mekong Home co ban tu lanh khong?", PASSAGES);

        assertThat(fridge.pairs()).contains("tủ lạnh");
        assertThat(fridge.share()).isEqualTo(1.0);
        assertThat(typedPlain.pairs()).containsExactly("tu lanh");
        assertThat(typedPlain.share()).isEqualTo(1.0);
    }

    @Test
    void pairs_a_passage_holds_anchor_their_syllables() {
        Compounds.Unknown keys = Compounds.in("Gọi tổng đài bấm phím mấy để gặp bảo hành?", PASSAGES);

        assertThat(keys.pairs()).isEmpty();
    }

    @Test
    void one_paraphrased_pair_among_more_topic_words_is_a_small_share() {
        Compounds.Unknown late = Compounds.in("Nồi chiên MH-AF80D nháy lỗi E4 là gì?",
                List.of("Nồi chiên MH-AF80D › 6. Mã lỗi: E4 quạt không quay."));

        assertThat(late.pairs()).containsExactly("nháy lỗi");
        assertThat(late.share()).isLessThan(0.5);
    }

    @Test
    void function_words_names_codes_and_english_are_not_compounds() {
        assertThat(Compounds.in("Giao hàng tới kho Huế của chúng tôi mất mấy ngày?", List.of("Giao hàng 5 ngày")).pairs()).isEmpty();
        assertThat(Compounds.in("Do you sell electric scooters?", PASSAGES).pairs()).isEmpty();
        assertThat(Compounds.in("Voucher dùng tối đa bao nhiêu phần trăm?", List.of("Voucher dùng được")).pairs()).isEmpty();
    }

    @Test
    void a_name_whose_words_no_passage_holds_together_is_not_held_in_either_language() {
        List<java.util.Set<String>> pairs = List.of(
                PassageRanker.pairs("Phương thức thanh toán", "Giao hàng toàn quốc Việt Nam. Cửa hàng Mekong Home ở Hải Phòng."),
                PassageRanker.pairs("Mì Bò Hầm", "Mì Bò Hầm: đổ 400 ml nước sôi, chờ 3 phút."));

        assertThat(Compounds.namesNotHeld("What discount does Phương Nam get under its contract?", pairs))
                .containsExactly("phuong nam");
        assertThat(Compounds.namesNotHeld("Chiết khấu của Phuong Nam là bao nhiêu?", pairs)).containsExactly("phuong nam");
        // held together, the first word of the question, "Mekong Home" (two stopwords), a single capital: no unknown name
        assertThat(Compounds.namesNotHeld("How much water for Mì Bò Hầm?", pairs)).isEmpty();
        assertThat(Compounds.namesNotHeld("Is there a Mekong Home shop in Hải Phòng?", pairs)).isEmpty();
        assertThat(Compounds.namesNotHeld("Hải Phòng có cửa hàng không?", pairs)).isEmpty();
        assertThat(Compounds.namesNotHeld("Can I pay later?", pairs)).isEmpty();
    }
}
