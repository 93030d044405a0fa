package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;

/**
 * English stems ("filters" and "filtering" both give "filter") for a separate field, so stemming
 * never damages the folded Vietnamese field. Vietnamese syllables pass through Porter mostly
 * unchanged, and queries get the same treatment, so the field is safe for every document.
 */
public final class EnglishStemAnalyzer extends Analyzer {

    private final CharArraySet stopWords;

    public EnglishStemAnalyzer() {
        this(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    }

    public EnglishStemAnalyzer(CharArraySet stopWords) {
        this.stopWords = stopWords;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        ICUTokenizer tokenizer = new ICUTokenizer();
        // Possessives go first, while the apostrophe is still there to recognise.
        TokenStream stream = new EnglishPossessiveFilter(tokenizer);
        // Fold before the stop list and the stemmer: both expect lower-case plain letters.
        stream = new ICUFoldingFilter(stream);
        // Stop words before stemming, because the list holds surface forms ("was", not "wa").
        stream = new StopFilter(stream, stopWords);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
