package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.util.List;

/**
 * Terms already made by {@link FieldTerms}, fed to the index as a field's token stream: a chunk is
 * segmented once and each field takes its terms from that, instead of one analyzer chain per field.
 * The fields index no positions, so none are set here.
 */
public final class TermsTokenStream extends TokenStream {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private List<String> terms;
    private int next;

    public TermsTokenStream(List<String> terms) {
        this.terms = terms;
    }

    /** The next text's terms, for reuse by {@link TermsAnalyzer}; takes effect at {@link #reset}. */
    void setTerms(List<String> terms) {
        this.terms = terms;
    }

    @Override
    public boolean incrementToken() {
        if (next == terms.size()) return false;
        clearAttributes();
        term.setEmpty().append(terms.get(next++));
        return true;
    }

    @Override
    public void reset() throws java.io.IOException {
        super.reset();
        next = 0;
    }
}
