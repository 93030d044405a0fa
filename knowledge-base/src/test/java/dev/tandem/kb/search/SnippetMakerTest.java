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

    @Test
    void sentence_breaks_are_those_of_the_pattern_they_replace() {
        // given: texts made of letters, sentence marks and every kind of white space, with a fixed seed
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("(?<=[.!?;:])\\s+|\\s*\\n+\\s*");
        for (String text : randomTexts(7, "ab.!?;:, \t\n\r\u000B\fá")) {
            // when
            java.util.List<int[]> scanned = SnippetMaker.sentences(text);
            // then
            assertThat(scanned).as("text %s", text.replace("\n", "\\n"))
                    .usingElementComparator(java.util.Arrays::compare)
                    .containsExactlyElementsOf(byPattern(pattern, text));
        }
    }

    @Test
    void flattened_text_is_that_of_the_pattern_it_replaces() {
        // given: texts of letters and white space of every kind, also some that \s does not match; fixed seed
        java.util.regex.Pattern spaces = java.util.regex.Pattern.compile("\\s+");
        for (String text : randomTexts(11, "ab. \t\n\r\u000B\f\u2003\u00A0\u001Cá")) {
            // when / then
            assertThat(SnippetMaker.flat(text)).as("text %s", text.replace("\n", "\\n"))
                    .isEqualTo(spaces.matcher(text).replaceAll(" ").strip());
        }
    }

    /** 5,000 texts of up to 29 characters drawn from {@code alphabet}, the same for the same seed. */
    private static java.util.List<String> randomTexts(long seed, String alphabet) {
        java.util.Random random = new java.util.Random(seed);
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (int t = 0; t < 5_000; t++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            texts.add(text.toString());
        }
        return texts;
    }

    private static java.util.List<int[]> byPattern(java.util.regex.Pattern pattern, String text) {
        java.util.List<int[]> sentences = new java.util.ArrayList<>();
        java.util.regex.Matcher end = pattern.matcher(text);
        int start = 0;
        while (end.find()) {
            if (end.start() > start) sentences.add(new int[] {start, end.start()});
            start = end.end();
        }
        if (start < text.length()) sentences.add(new int[] {start, text.length()});
        if (sentences.isEmpty()) sentences.add(new int[] {0, text.length()});
        return sentences;
    }
}
