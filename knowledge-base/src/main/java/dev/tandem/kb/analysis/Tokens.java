package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Runs an analyzer over a string and returns its terms, in order. */
public final class Tokens {

    private Tokens() {}

    public static List<String> of(Analyzer analyzer, String field, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) terms.add(term.toString());
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing a string cannot fail", e);
        }
        return terms;
    }

    /** A term with the character offsets of its source text. */
    public record Token(String term, int start, int end) {}

    /** Like {@link #of} but with offsets, for snippets. */
    public static List<Token> withOffsets(Analyzer analyzer, String field, String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing a string cannot fail", e);
        }
        return tokens;
    }
}
