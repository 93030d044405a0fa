package dev.tandem.kb.analysis;

import com.ibm.icu.text.Normalizer2;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;

/**
 * Like {@link FoldedAnalyzer} but keeps diacritics: the field it feeds is boosted so that a query
 * typed with marks prefers the exact word ("bán" sells, "bạn" friend).
 */
public final class ExactAnalyzer extends Analyzer {

    // NFKC with case folding: lower-cases and composes marks (a typed "a"+combining acute and a
    // precomposed "á" become the same term) but never removes them.
    private static final Normalizer2 NFKC_CASE_FOLD =
            Normalizer2.getInstance(null, "nfkc_cf", Normalizer2.Mode.COMPOSE);

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        ICUTokenizer tokenizer = new ICUTokenizer();
        TokenStream normalized = new ICUNormalizer2Filter(tokenizer, NFKC_CASE_FOLD);
        return new TokenStreamComponents(tokenizer, normalized);
    }
}
