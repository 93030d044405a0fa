package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * An analyzer whose terms are one of the {@link FieldTerms} functions over {@link Words#of}: the same
 * terms the index gets from a chunk's single segmentation, for code that wants a Lucene
 * {@link Analyzer} (tests, tools, the writer's configuration).
 */
public class TermsAnalyzer extends Analyzer {

    private final Function<String, List<String>> terms;

    protected TermsAnalyzer(Function<String, List<String>> terms) {
        this.terms = terms;
    }

    @Override
    protected final TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new TermsTokenizer(terms));
    }

    private static final class TermsTokenizer extends Tokenizer {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final Function<String, List<String>> termsOf;
        private List<String> terms = List.of();
        private int next;

        TermsTokenizer(Function<String, List<String>> termsOf) {
            this.termsOf = termsOf;
        }

        @Override
        public boolean incrementToken() {
            if (next == terms.size()) return false;
            clearAttributes();
            term.setEmpty().append(terms.get(next++));
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[1024];
            for (int read; (read = input.read(buffer)) > 0; ) text.append(buffer, 0, read);
            terms = termsOf.apply(text.toString());
            next = 0;
        }
    }
}
