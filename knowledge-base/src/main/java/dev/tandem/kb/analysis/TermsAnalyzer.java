package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.Analyzer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
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
        TermsTokenStream stream = new TermsTokenStream(List.of());
        // the source reads the whole text and makes its terms; the stream hands them out
        return new TokenStreamComponents(reader -> stream.setTerms(terms.apply(readAll(reader))), stream);
    }

    private static String readAll(Reader reader) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[1024];
        try {
            for (int read; (read = reader.read(buffer)) > 0; ) text.append(buffer, 0, read);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the text to analyze", e);
        }
        return text.toString();
    }
}
