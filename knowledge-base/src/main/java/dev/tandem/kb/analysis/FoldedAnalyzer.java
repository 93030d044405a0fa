package dev.tandem.kb.analysis;

/**
 * The main matching terms: words without case or diacritics, so that neither prevents a match
 * ("bao hanh" finds "bảo hành", "Đà Nẵng" finds "da nang"). See {@link Words} for segmentation.
 */
public final class FoldedAnalyzer extends TermsAnalyzer {

    public FoldedAnalyzer() {
        super(text -> FieldTerms.folded(Words.of(text)));
    }
}
