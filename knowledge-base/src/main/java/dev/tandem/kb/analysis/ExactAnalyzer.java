package dev.tandem.kb.analysis;

/**
 * Like {@link FoldedAnalyzer} but keeps diacritics (composed, lower-cased): the field it feeds is
 * boosted so that a query typed with marks prefers the exact word ("bán" sells, "bạn" friend).
 */
public final class ExactAnalyzer extends TermsAnalyzer {

    public ExactAnalyzer() {
        super(text -> FieldTerms.exact(Words.of(text)));
    }
}
