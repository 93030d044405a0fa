package dev.tandem.kb.search;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class SnippetMakerTest {

    private final ConfidenceEstimator estimator = new ConfidenceEstimator();

    private String snippet(String question, String text) throws IOException {
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            new IndexWriter(dir, new IndexWriterConfig()).close();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                var profile = estimator.profile(new IndexSearcher(reader), question);
                return SnippetMaker.snippet(text, dev.tandem.kb.analysis.Words.of(text), profile);
            }
        }
    }

    @Test
    void picks_the_sentence_with_the_question_words_typed_without_marks() throws IOException {
        String text = "Mekong Home có 12 cửa hàng. Lõi lọc thay mỗi 6 tháng.\nMàng RO được bảo hành 12 tháng.";
        assertThat(snippet("mang RO bao hanh", text)).isEqualTo("… Màng RO được bảo hành 12 tháng.");
    }

    @Test
    void falls_back_to_the_start_when_nothing_matches() throws IOException {
        assertThat(snippet("scooter", "First sentence. Second sentence.")).isEqualTo("First sentence. Second sentence.");
    }

    @Test
    void long_sentences_are_cut_around_the_match() throws IOException {
        String text = "word ".repeat(100) + "warranty " + "word ".repeat(100);
        String snippet = snippet("warranty", text);
        assertThat(snippet).contains("warranty").startsWith("… ").endsWith(" …");
        assertThat(snippet.length()).isLessThanOrEqualTo(SnippetMaker.SNIPPET_CHARS + 4);
    }
}
