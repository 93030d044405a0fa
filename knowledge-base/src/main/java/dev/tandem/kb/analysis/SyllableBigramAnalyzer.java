package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.shingle.ShingleFilter;

/**
 * Pairs of adjacent folded words ("bao hanh", "may loc", "loc nuoc"). Vietnamese writes one
 * syllable per space-separated token, so most words span two tokens; a bigram field rewards
 * passages where the query's syllables appear together. It helps English compounds too
 * ("water purifier").
 */
public final class SyllableBigramAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        ICUTokenizer tokenizer = new ICUTokenizer();
        // Fold before shingling so "bảo hành" and "bao hanh" make the same bigram.
        TokenStream folded = new ICUFoldingFilter(tokenizer);
        ShingleFilter bigrams = new ShingleFilter(folded, 2, 2);
        // Only the pairs: single words are already in the folded field.
        bigrams.setOutputUnigrams(false);
        return new TokenStreamComponents(tokenizer, bigrams);
    }
}
