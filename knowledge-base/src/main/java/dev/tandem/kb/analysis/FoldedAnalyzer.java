package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;

/**
 * The main matching analyzer: ICU word segmentation, then ICU folding, so that case and diacritics
 * never prevent a match ("bao hanh" finds "bảo hành", "Đà Nẵng" finds "da nang").
 */
public final class FoldedAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        // ICUTokenizer first: it segments by Unicode word rules, keeps "5.2" and "RO200" whole and
        // treats each Vietnamese syllable as a word (spaces separate syllables).
        ICUTokenizer tokenizer = new ICUTokenizer();
        // ICUFoldingFilter then applies NFKC, case folding and diacritic removal in one pass
        // (UTR#30), including đ → d which plain NFD decomposition would miss.
        TokenStream folded = new ICUFoldingFilter(tokenizer);
        return new TokenStreamComponents(tokenizer, folded);
    }
}
