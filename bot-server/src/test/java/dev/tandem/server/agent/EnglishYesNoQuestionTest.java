package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EnglishYesNoQuestionTest {

    @Test
    void what_is_asked_is_the_content_of_the_clause_opening_with_an_auxiliary() {
        assertThat(EnglishYesNoQuestion.asked(QuestionText.of("Does the MH-AF80D air fryer connect to Wi-Fi or a phone app?")))
                .containsExactly("mh", "af80d", "air", "fryer", "connect", "wi", "fi", "phone", "app");
        // a greeting clause first; pronouns and frame words are not what is asked
        assertThat(EnglishYesNoQuestion.asked(QuestionText.of("Hi, can I return something I bought online?")))
                .containsExactly("return", "bought", "online");
    }

    @Test
    void other_shapes_and_vietnamese_ask_nothing() {
        assertThat(EnglishYesNoQuestion.asked(QuestionText.of("How long do refunds take?"))).isEmpty();
        assertThat(EnglishYesNoQuestion.asked(QuestionText.of("What is the warranty on the MH-KT17?"))).isEmpty();
        assertThat(EnglishYesNoQuestion.asked(QuestionText.of("shop có bán máy hút bụi không"))).isEmpty();
    }

    @Test
    void a_passage_about_the_same_product_that_does_not_name_what_is_asked_does_not_answer() {
        String passage = "MH-AF80D Digital Air Fryer – Specifications\n8-litre digital air fryer, 1,800 W, 8 presets.";
        assertThat(EnglishYesNoQuestion.notHeld(QuestionText.of("Does the MH-AF80D air fryer connect to Wi-Fi or a phone app?"), new PassageText(passage)))
                .contains("connect", "phone", "app");
    }

    @Test
    void plural_and_verb_endings_and_one_paraphrased_word_are_tolerated() {
        String passage = "Returns and refunds › Change of mind\nChange of mind does not apply to purchases made in a shop.";
        // "bought" (purchases) is the only word missing: one is tolerated
        assertThat(EnglishYesNoQuestion.notHeld(QuestionText.of("Can I return something I bought in a shop if I change my mind?"),
                new PassageText(passage + " Returning an unused product within 7 days is free."))).isEmpty();
        assertThat(EnglishYesNoQuestion.stem("fryers")).isEqualTo("fryer");
        assertThat(EnglishYesNoQuestion.stem("connected")).isEqualTo("connect");
        assertThat(EnglishYesNoQuestion.stem("batteries")).isEqualTo("battery");
        assertThat(EnglishYesNoQuestion.stem("paying")).isEqualTo("pay");
    }

    @Test
    void a_missing_modifier_of_the_thing_asked_about_names_another_kind_of_it() {
        String passage = "About Mekong Home › Products\nRice cookers MH-RC18 and MH-RC18IH (induction heating). We sell them online.";
        // "pressure" is the only word missing, but it makes the cookers asked about others than the rice cookers held
        assertThat(EnglishYesNoQuestion.of(QuestionText.of("Do you sell pressure cookers?")).modifier()).isEqualTo("pressure");
        assertThat(EnglishYesNoQuestion.notHeld(QuestionText.of("Do you sell pressure cookers?"), new PassageText(passage)))
                .containsExactly("pressure");
        assertThat(EnglishYesNoQuestion.notHeld(QuestionText.of("Do you sell rice cookers?"), new PassageText(passage))).isEmpty();
        // a missing word elsewhere is still one paraphrase tolerated; codes make no compound
        assertThat(EnglishYesNoQuestion.notHeld(QuestionText.of("Do you sell rice cookers abroad?"), new PassageText(passage))).isEmpty();
        assertThat(EnglishYesNoQuestion.of(QuestionText.of("Is there a recall of the MH-KT17?")).modifier()).isNull();
    }

    @Test
    void numbers_written_as_words_and_during_are_not_what_is_asked() {
        assertThat(EnglishYesNoQuestion.asked(QuestionText.of("Can I pay cash on delivery for an order of about 25 million VND?")))
                .doesNotContain("million");
        assertThat(EnglishYesNoQuestion.asked(QuestionText.of("Are your shops open during Tết?"))).doesNotContain("during");
    }

    @Test
    void the_unit_of_a_stated_quantity_describes_the_product_and_is_not_what_is_asked() {
        assertThat(EnglishYesNoQuestion.asked(QuestionText.of("Can I roast a whole chicken in the big 8-litre air fryer?")))
                .contains("roast", "chicken").doesNotContain("litre");
        // a unit without a number is a word of the question like any other
        assertThat(EnglishYesNoQuestion.asked(QuestionText.of("Do you sell the purifier by the litre?"))).contains("litre");
    }

    @Test
    void a_lexicon_form_of_a_word_holds_it() {
        // "wholesale" is a form of the lexicon's "giá sỉ": a Vietnamese passage naming it holds it
        assertThat(EnglishYesNoQuestion.notHeld(QuestionText.of("Is there a wholesale price list for hotels?"),
                new PassageText("Bảng giá sỉ 2026 — price list cho khách sạn (hotels)."))).isEmpty();
    }

    @Test
    void a_silent_e_does_not_keep_a_verb_from_its_ing_form() {
        assertThat(EnglishYesNoQuestion.stem("changing")).isEqualTo(EnglishYesNoQuestion.stem("change"));
        assertThat(EnglishYesNoQuestion.stem("changed")).isEqualTo(EnglishYesNoQuestion.stem("changes"));
        assertThat(EnglishYesNoQuestion.stem("storing")).isEqualTo(EnglishYesNoQuestion.stem("store"));
        // short words keep their e: "use" is not "us"
        assertThat(EnglishYesNoQuestion.stem("use")).isEqualTo("use");
        String passage = "MH-RO100 › Maintenance\nChange the PP cartridge every 6 months.";
        assertThat(EnglishYesNoQuestion.notHeld(QuestionText.of("Does the MH-RO100 need changing of the PP cartridge each year?"), new PassageText(passage))).isEmpty();
    }
}
