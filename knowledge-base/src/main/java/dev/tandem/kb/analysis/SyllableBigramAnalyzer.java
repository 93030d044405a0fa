package dev.tandem.kb.analysis;

/**
 * Pairs of adjacent folded words ("bao hanh", "may loc", "loc nuoc"); see {@link FieldTerms#bigrams}.
 * It helps English compounds too ("water purifier").
 */
public final class SyllableBigramAnalyzer extends TermsAnalyzer {

    public SyllableBigramAnalyzer() {
        super(text -> FieldTerms.bigrams(Words.of(text)));
    }
}
