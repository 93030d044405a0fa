package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LexiconTest {

    @Test
    void chat_abbreviations_are_written_out_as_whole_words_only() {
        assertThat(Lexicon.normalize("Phí ship bn?")).isEqualTo("Phí ship bao nhiêu?");
        assertThat(Lexicon.normalize("mi da boc goi co tra dc ko")).isEqualTo("mi da boc goi co tra được không");
        // inside a word or a code nothing changes
        assertThat(Lexicon.normalize("MH-KT17 bảo hành 5k km")).isEqualTo("MH-KT17 bảo hành 5k km");
    }

    @Test
    void a_concept_is_recognised_in_either_language_and_with_or_without_marks() {
        assertThat(Lexicon.concepts("Giá sỉ máy lọc nước MH-RO200?")).anySatisfy(c -> assertThat(c.forms()).contains("wholesale price"));
        assertThat(Lexicon.concepts("gia si may loc nuoc")).anySatisfy(c -> assertThat(c.forms()).contains("wholesale price"));
        assertThat(Lexicon.concepts("Where is the service centre in Da Nang?"))
                .anySatisfy(c -> assertThat(c.forms()).contains("trung tâm bảo hành"))
                .anySatisfy(c -> assertThat(c.forms()).contains("Đà Nẵng"));
        assertThat(Lexicon.concepts("xin chào")).isEmpty();
        // "the conversation" with the assistant is its chat transcript; "món đầu tiên" is a first use
        assertThat(Lexicon.concepts("how long do you keep the conversation?"))
                .anySatisfy(c -> assertThat(c.forms()).contains("nội dung trò chuyện"));
        // "what I type into this chat": the chat is its transcript too; "chat" alone is also the channel ("the chat on
        // mekonghome.vn answers instantly"), which is not
        assertThat(Lexicon.concepts("How long do you keep what I type into this chat?"))
                .anySatisfy(c -> assertThat(c.forms()).contains("nội dung trò chuyện"));
        assertThat(Lexicon.concepts("Can I chat with a person?")).noneSatisfy(c -> assertThat(c.forms()).contains("nội dung trò chuyện"));
        // "shop" spoken to names no store; spoken of, it does
        assertThat(Lexicon.concepts("Đơn hàng của em có 400 nghìn thôi thì có mất phí ship không shop?"))
                .noneSatisfy(c -> assertThat(c.forms()).contains("cửa hàng"));
        assertThat(Lexicon.concepts("Shop ơi, nồi chiên bảo hành mấy tháng vậy shop")).noneSatisfy(c -> assertThat(c.forms()).contains("cửa hàng"));
        assertThat(Lexicon.concepts("Is there a shop in Hai Phong?")).anySatisfy(c -> assertThat(c.forms()).contains("cửa hàng"));
        assertThat(Lexicon.concepts("shop ở Cần Thơ mở cửa mấy giờ")).anySatisfy(c -> assertThat(c.forms()).contains("cửa hàng"));
        assertThat(Lexicon.concepts("trước khi nấu món đầu tiên em cần làm gì"))
                .anySatisfy(c -> assertThat(c.forms()).contains("lần đầu"));
        // the documents write "dây nguồn" and "Trọng lượng"; customers "dây điện" and "nặng"
        assertThat(Lexicon.concepts("dây điện của nồi cơm dài bao nhiêu")).anySatisfy(c -> assertThat(c.forms()).contains("dây nguồn"));
        assertThat(Lexicon.concepts("What does the MH-AF80D weigh?")).anySatisfy(c -> assertThat(c.forms()).contains("trọng lượng"));
    }

    @Test
    void a_passage_holds_a_concept_through_any_of_its_forms_as_whole_words() {
        Lexicon.Concept wholesale = Lexicon.concepts("giá sỉ").getFirst();

        assertThat(wholesale.required()).isTrue();
        assertThat(wholesale.heldBy(Lexicon.padded("Wholesale price list 2026 › Kitchen appliances"))).isTrue();
        assertThat(wholesale.heldBy(Lexicon.padded("Giá bán sỉ niêm yết (VND, chưa gồm VAT)"))).isTrue();
        assertThat(wholesale.heldBy(Lexicon.padded("Nồi chiên MH-AF55 bảo hành 18 tháng; giá lẻ 1.690.000 đ"))).isFalse();
    }

    @Test
    void contractions_of_pronouns_and_auxiliaries_are_known_possessives_are_not() {
        assertThat(Lexicon.contraction("didn't")).isTrue();
        assertThat(Lexicon.contraction("I'm")).isTrue();
        assertThat(Lexicon.contraction("it\u2019s")).isTrue();
        assertThat(Lexicon.contraction("we've")).isTrue();
        assertThat(Lexicon.contraction("Mart's")).isFalse();
        assertThat(Lexicon.contraction("dont")).isFalse();
    }

    @Test
    void british_and_american_spellings_of_instalments_are_one_concept() {
        PassageText passage = new PassageText("0% installments. Example: an MH-RO200 purifier over 12 months."
                + " Installments are not available with COD, e-wallets or debit cards.");
        assertThat(EnglishYesNoQuestion.notHeld(QuestionText.of("Can I buy the RO200 on 0% instalments using my debit card?"), passage)).isEmpty();
        assertThat(EnglishYesNoQuestion.notHeld(QuestionText.of("Can I buy the RO200 on 0% layaway using my debit card?"), passage)).isNotEmpty();
    }

    @Test
    void a_unit_written_out_is_known_in_either_language() {
        Lexicon.Concept metre = Lexicon.concepts("tối đa mấy mét ống?").getFirst();

        assertThat(metre.words()).contains("met", "metres");
        assertThat(metre.heldBy(Lexicon.padded("up to 3 metres of tubing"))).isTrue();
        // "I'm" is no unit
        assertThat(Lexicon.concepts("I'm not home on Monday")).noneSatisfy(c -> assertThat(c.words()).contains("met"));
    }

    @Test
    void what_documents_written_in_one_language_say_is_found_from_the_other() {
        assertThat(Lexicon.expansion("If I unsubscribe from marketing messages, will I still get recall notices?"))
                .contains("từ chối nhận", "tiếp thị");
        assertThat(Lexicon.expansion("Does the instant Phở Gà contain any allergens?")).contains("chất gây dị ứng");
        assertThat(Lexicon.expansion("What is the address of the head office?")).contains("địa chỉ", "trụ sở");
        assertThat(Lexicon.expansion("ấm KT17 không tự ngắt khi sôi")).contains("shut off");
        assertThat(Lexicon.expansion("how often should I flush the UF membrane on my MH-UF50?")).contains("xả rửa", "màng UF");
        assertThat(Lexicon.expansion("Are your shops open on the first day of Lunar New Year?")).contains("mùng 1", "Tết");
        assertThat(Lexicon.concepts("will I still be told about product recalls?")).anySatisfy(c -> assertThat(c.forms()).contains("thu hồi"));
        assertThat(Lexicon.concepts("kể cả khi quý khách từ chối tiếp thị")).anySatisfy(c -> assertThat(c.forms()).contains("unsubscribe"));
        // paying in cash when the parcel comes is COD; a debit card is an ATM card; an order that arrives today is same-day
        assertThat(Lexicon.expansion("Trả tiền mặt khi shipper giao tới được không?")).contains("thanh toán khi nhận hàng", "COD");
        assertThat(Lexicon.expansion("Trả góp bằng thẻ ghi nợ (thẻ ATM) có được không?")).contains("debit card");
        assertThat(Lexicon.expansion("will it still arrive today?")).contains("giao hàng", "same-day", "trong ngày");
        assertThat(Lexicon.expansion("Link mời đó có hiệu lực trong bao lâu?")).contains("invitation");
        assertThat(Lexicon.expansion("How long do you keep what I type into the chat assistant?")).contains("trợ lý ảo");
        // a form that folds onto another word is not one: "máy rửa bát" would be "bật" (switch on) typed without marks
        assertThat(Lexicon.concepts("shop co ban may rua bat khong")).noneSatisfy(c -> assertThat(c.forms()).contains("dishwasher"));
    }

    @Test
    void the_glossary_links_what_one_language_documents_say_to_the_other_language() {
        assertThat(Lexicon.expansion("Is the warranty service centre open on Sundays?")).contains("Chủ nhật");
        assertThat(Lexicon.expansion("nồi cơm MH-RC18 có hẹn giờ không")).contains("delay timer");
        assertThat(Lexicon.expansion("How do I descale the kettle with citric acid?")).contains("axit citric");
    }

    @Test
    void every_vietnamese_form_of_the_glossary_has_two_syllables_and_no_form_is_in_two_of_its_concepts() {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        List<Lexicon.GlossaryEntry> glossary = Lexicon.glossary();
        assertThat(glossary).hasSizeGreaterThan(200);
        for (int i = 0; i < glossary.size(); i++) {
            Lexicon.GlossaryEntry entry = glossary.get(i);
            assertThat(entry.vietnamese()).as("line %d", i).isNotEmpty();
            assertThat(entry.english()).as("line %d", i).isNotEmpty();
            // a single Vietnamese syllable typed without marks folds onto many other words ("mở" is "mo")
            for (String form : entry.vietnamese()) assertThat(Lexicon.padded(form).strip().split(" ")).as(form).hasSizeGreaterThan(1);
            for (String form : entry.all()) {
                Integer before = seen.put(Lexicon.padded(form), i);
                assertThat(before == null || before == i).as("%s is in two concepts", form).isTrue();
            }
        }
    }

    @Test
    void the_expansion_adds_only_the_forms_the_question_does_not_use() {
        String expansion = Lexicon.expansion("Phí ship bao nhiêu?");

        assertThat(expansion).contains("phí giao hàng", "shipping fee", "giao hàng").doesNotContain("phí ship");
        assertThat(Lexicon.expansion("xin chào")).isEmpty();
    }
}
