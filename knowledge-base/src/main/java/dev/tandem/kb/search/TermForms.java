package dev.tandem.kb.search;

import dev.tandem.kb.analysis.EnglishStemAnalyzer;
import dev.tandem.kb.analysis.ExactAnalyzer;
import dev.tandem.kb.analysis.Tokens;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pass of word segmentation giving each word in three forms: exact (case-folded, marks kept),
 * folded (no marks) and English stem. The same normalizers as the index fields, applied per word so
 * the three lists line up; stems are cached because the vocabulary of a corpus is small.
 */
final class TermForms {

    /** A word as written (exact), folded and stemmed, with its place in the text. */
    record Word(String exact, String folded, String stem, int start, int end) {}

    /** Stop caching past this many words: bounded memory whatever the input. */
    private static final int STEM_CACHE_LIMIT = 200_000;

    private final Analyzer exact = new ExactAnalyzer();
    private final Analyzer stemmer = new EnglishStemAnalyzer(CharArraySet.EMPTY_SET);
    private final Map<String, String> stems = new ConcurrentHashMap<>();

    List<Word> words(String text) {
        List<Tokens.Token> tokens = Tokens.withOffsets(exact, "t", text);
        List<Word> words = new ArrayList<>(tokens.size());
        for (Tokens.Token token : tokens) {
            String folded = ICUFoldingFilter.NORMALIZER.normalize(token.term());
            words.add(new Word(token.term(), folded, stem(folded), token.start(), token.end()));
        }
        return words;
    }

    String stem(String folded) {
        String cached = stems.get(folded);
        if (cached != null) return cached;
        List<String> stem = Tokens.of(stemmer, "t", folded);
        String value = stem.isEmpty() ? folded : stem.get(0);
        if (stems.size() < STEM_CACHE_LIMIT) stems.put(folded, value);
        return value;
    }
}
