package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class WordTermsStreamTest {

    static final List<List<Word>> PARTS = List.of(
            Words.of("Máy lọc nước MH-RO200"),
            Words.of(""),
            Words.of("Bảo hành › Filters and services"),
            Words.of("The customer's filters are replaced every 6 months; bán hàng, bạn hỏi, đổi trả trong 7 ngày."));

    /** The terms the index takes from {@code stream}, read to its end. */
    static List<String> terms(TokenStream stream) throws IOException {
        List<String> terms = new ArrayList<>();
        // the bytes the index takes (the stream hands over UTF-8, no char terms)
        TermToBytesRefAttribute term = stream.getAttribute(TermToBytesRefAttribute.class);
        stream.reset();
        while (stream.incrementToken()) terms.add(term.getBytesRef().utf8ToString());
        stream.end();
        stream.close();
        return terms;
    }

    private static List<String> eachPart(Function<List<Word>, List<String>> field) {
        List<String> all = new ArrayList<>();
        for (List<Word> part : PARTS) all.addAll(field.apply(part));
        return all;
    }

    @Test
    void each_form_gives_the_terms_of_its_field_function_part_by_part() throws IOException {
        assertThat(terms(new WordTermsStream(PARTS, WordTermsStream.Form.FOLDED, "\u0000"))).isEqualTo(eachPart(FieldTerms::folded));
        assertThat(terms(new WordTermsStream(PARTS, WordTermsStream.Form.EXACT, "\u0000"))).isEqualTo(eachPart(FieldTerms::exact));
        assertThat(terms(new WordTermsStream(PARTS, WordTermsStream.Form.CHANGED_STEMS, "\u0000"))).isEqualTo(eachPart(FieldTerms::changedStems));
        assertThat(terms(new WordTermsStream(PARTS, WordTermsStream.Form.PAIRS, "\u0000")))
                .isEqualTo(eachPart(FieldTerms::bigrams))
                .contains("loc nuoc", "bao hanh", "ban hang")
                // no pair across parts, none with a function word ("bạn" is one, "bán" is not)
                .doesNotContain("ro200 bao", "services the", "ban hoi", "the customer", "trong 7");
    }

    @Test
    void function_words_break_pairs_only_with_their_own_marks() {
        assertThat(FieldTerms.bigrams(Words.of("Chi phí sửa chữa của chị ở tại nhà")))
                .containsExactly("chi phi", "phi sua", "sua chua");
        assertThat(FieldTerms.bigrams(Words.of("máy lọc không khí và làm việc, câu hỏi")))
                .containsExactly("may loc", "loc khong", "khong khi", "lam viec", "cau hoi");
        assertThat(FieldTerms.bigrams(Words.of("How do I replace the filter of my water purifier")))
                .containsExactly("water purifier");
    }

    @Test
    void no_pair_spans_the_end_of_a_sentence_or_clause_but_hyphens_and_slashes_join() {
        assertThat(FieldTerms.bigrams(Words.of("Bảo hành 24 tháng. Sản phẩm lỗi; đổi mới: miễn phí, tận nhà (nội thành)")))
                .containsExactly("bao hanh", "hanh 24", "24 thang", "san pham", "pham loi", "doi moi", "mien phi", "tan nha", "noi thanh");
        assertThat(FieldTerms.bigrams(Words.of("- Lõi MH-RO200 nóng/lạnh - thay lõi… “lọc thô” | vệ sinh\nđèn báo – tắt")))
                .containsExactly("loi mh", "mh ro200", "ro200 nong", "nong lanh", "thay loi", "loc tho", "ve sinh", "den bao");
    }

    @Test
    void a_reused_stream_gives_the_new_words_terms_with_a_fresh_position() throws IOException {
        BytesRef placeholder = new BytesRef("\u0000");
        WordTermsStream first = WordTermsStream.reusing(null, PARTS, WordTermsStream.Form.PAIRS, placeholder);
        assertThat(terms(first)).isEqualTo(eachPart(FieldTerms::bigrams));
        // the writer hands the stream of the field before back with the next document's field
        List<List<Word>> next = List.of(Words.of("Đổi trả trong 7 ngày"));
        WordTermsStream second = WordTermsStream.reusing(first, next, WordTermsStream.Form.FOLDED, placeholder);
        assertThat(second).isSameAs(first);
        PositionIncrementAttribute increment = second.addAttribute(PositionIncrementAttribute.class);
        second.reset();
        assertThat(second.incrementToken()).isTrue();
        // end() of the run before left 0 here; the index refuses a first term at position increment 0
        assertThat(increment.getPositionIncrement()).isEqualTo(1);
        second.end();
        second.close();
        assertThat(terms(WordTermsStream.reusing(second, next, WordTermsStream.Form.FOLDED, placeholder)))
                .containsExactly("doi", "tra", "trong", "7", "ngay");
    }

    @Test
    void a_field_without_terms_gets_the_placeholder_once() throws IOException {
        assertThat(terms(new WordTermsStream(List.of(Words.of("lọc nước")), WordTermsStream.Form.CHANGED_STEMS, "\u0000")))
                .containsExactly("\u0000");
        assertThat(terms(new WordTermsStream(List.of(List.of(), Words.of("one")), WordTermsStream.Form.PAIRS, "\u0000")))
                .containsExactly("\u0000");
    }
}
