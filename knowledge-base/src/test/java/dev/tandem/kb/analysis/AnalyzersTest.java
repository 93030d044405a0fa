package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzersTest {

    private static void assertAnalyzesTo(Analyzer analyzer, String text, String... expected) {
        assertThat(Tokens.of(analyzer, "f", text)).containsExactly(expected);
    }

    @Test
    void folded_removes_case_and_diacritics_including_d_bar() {
        assertAnalyzesTo(new FoldedAnalyzer(), "Bảo hành bao lâu? Đà Nẵng",
                "bao", "hanh", "bao", "lau", "da", "nang");
    }

    @Test
    void folded_query_without_marks_gives_the_same_terms_as_text_with_marks() {
        Analyzer folded = new FoldedAnalyzer();
        assertThat(Tokens.of(folded, "f", "bao hanh bao lau"))
                .isEqualTo(Tokens.of(folded, "f", "BẢO HÀNH bao lâu"));
    }

    @Test
    void exact_keeps_marks_so_ban_and_ban_differ() {
        assertAnalyzesTo(new ExactAnalyzer(), "Bán bạn BẠN", "bán", "bạn", "bạn");
    }

    @Test
    void exact_composes_decomposed_marks() {
        // "a" + combining acute, as some phone keyboards send it
        assertAnalyzesTo(new ExactAnalyzer(), "ba\u0301n", "bán");
    }

    @Test
    void bigrams_pair_adjacent_folded_syllables() {
        assertAnalyzesTo(new SyllableBigramAnalyzer(), "Máy lọc nước",
                "may loc", "loc nuoc");
    }

    @Test
    void english_stems_and_drops_stop_words() {
        assertAnalyzesTo(new EnglishStemAnalyzer(), "The customer's filters are replaced",
                "custom", "filter", "replac");
    }

    @Test
    void product_codes_and_clause_numbers_stay_whole() {
        assertAnalyzesTo(new CodeAnalyzer(), "Máy MH-RO200 theo §4.2 và điều 5.2, năm 2024",
                "mh-ro200", "4.2", "5.2");
    }

    @Test
    void word_tokenizer_keeps_clause_numbers_and_code_parts() {
        assertAnalyzesTo(new FoldedAnalyzer(), "MH-RO200 §4.2", "mh", "ro200", "4.2");
    }

    @Test
    void tokens_of_empty_text_is_empty() {
        assertThat(Tokens.of(new FoldedAnalyzer(), "f", "  ?! ")).isEqualTo(List.of());
    }
}
