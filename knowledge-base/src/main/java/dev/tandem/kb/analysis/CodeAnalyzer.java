package dev.tandem.kb.analysis;

/**
 * Keeps product codes and clause numbers whole ("MH-RO200" → "mh-ro200", "§4.2" → "4.2"); see
 * {@link FieldTerms#codes}. The word segmentation splits "MH-RO200" at the hyphen; this field lets a
 * query for the full code prefer the passage that names exactly that code.
 */
public final class CodeAnalyzer extends TermsAnalyzer {

    public CodeAnalyzer() {
        super(text -> FieldTerms.codes(text, Words.of(text)));
    }
}
