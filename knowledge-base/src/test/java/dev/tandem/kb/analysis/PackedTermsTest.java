package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static dev.tandem.kb.analysis.WordTermsStreamTest.PARTS;
import static dev.tandem.kb.analysis.WordTermsStreamTest.terms;
import static org.assertj.core.api.Assertions.assertThat;

class PackedTermsTest {

    private static final BytesRef PLACEHOLDER = new BytesRef("\u0000");

    @Test
    void packed_terms_are_those_of_the_stream_they_were_taken_from_in_order() throws IOException {
        PackedTerms.Packer packer = new PackedTerms.Packer();
        WordTermsStream stream = null;
        for (WordTermsStream.Form form : WordTermsStream.Form.values()) {
            // given: one packer and one reused stream for every field, as for a file's chunks
            stream = WordTermsStream.reusing(stream, PARTS, form, PLACEHOLDER);
            PackedTerms packed = packer.pack(stream);
            // then
            List<String> expected = terms(new WordTermsStream(PARTS, form, "\u0000"));
            assertThat(expected).isNotEmpty();
            assertThat(packed.size()).isEqualTo(expected.size());
            assertThat(terms(packed.tokenStream(null))).as("form %s", form).isEqualTo(expected);
        }
    }

    @Test
    void a_field_without_terms_keeps_the_placeholder_and_a_long_field_grows_the_buffer() throws IOException {
        PackedTerms.Packer packer = new PackedTerms.Packer();
        assertThat(terms(packer.pack(new WordTermsStream(List.of(Words.of("lọc nước")), WordTermsStream.Form.CHANGED_STEMS, "\u0000"))
                .tokenStream(null))).containsExactly("\u0000");
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 3_000; i++) longText.append("bảo hành máy lọc nước số ").append(i).append(' ');
        List<List<Word>> parts = List.of(Words.of(longText.toString()));
        PackedTerms packed = packer.pack(new WordTermsStream(parts, WordTermsStream.Form.FOLDED, "\u0000"));
        assertThat(packed.size()).isEqualTo(3_000 * 7);
        assertThat(terms(packed.tokenStream(null))).isEqualTo(FieldTerms.folded(parts.get(0)));
    }

    @Test
    void a_reused_stream_gives_the_next_fields_terms_from_a_fresh_position() throws IOException {
        PackedTerms.Packer packer = new PackedTerms.Packer();
        PackedTerms first = packer.pack(new WordTermsStream(PARTS, WordTermsStream.Form.PAIRS, "\u0000"));
        PackedTerms second = packer.pack(new WordTermsStream(List.of(Words.of("Đổi trả trong 7 ngày")), WordTermsStream.Form.FOLDED, "\u0000"));
        TokenStream stream = first.tokenStream(null);
        assertThat(terms(stream)).isEqualTo(terms(new WordTermsStream(PARTS, WordTermsStream.Form.PAIRS, "\u0000")));
        // the writer hands the stream of the field before back with the next document's field
        TokenStream reused = second.tokenStream(stream);
        assertThat(reused).isSameAs(stream);
        PositionIncrementAttribute increment = reused.addAttribute(PositionIncrementAttribute.class);
        reused.reset();
        assertThat(reused.incrementToken()).isTrue();
        // end() of the run before left 0 here; the index refuses a first term at position increment 0
        assertThat(increment.getPositionIncrement()).isEqualTo(1);
        reused.end();
        reused.close();
        assertThat(terms(second.tokenStream(reused))).containsExactly("doi", "tra", "trong", "7", "ngay");
    }
}
