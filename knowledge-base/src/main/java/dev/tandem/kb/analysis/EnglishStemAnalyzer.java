package dev.tandem.kb.analysis;

/**
 * English stems ("filters" and "filtering" both give "filter") for a separate field, so stemming
 * never damages the folded Vietnamese field. Vietnamese syllables pass through Porter mostly
 * unchanged, and queries get the same treatment, so the field is safe for every document. English
 * stop words are left out (see {@link FieldTerms#stems}).
 */
public final class EnglishStemAnalyzer extends TermsAnalyzer {

    public EnglishStemAnalyzer() {
        super(text -> FieldTerms.stems(Words.of(text)));
    }
}
