package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.util.List;

/**
 * One analyzed field's terms written straight from a chunk's words into the term buffer: the same
 * terms as the {@link FieldTerms} function of its {@link Form} over each part in turn (no pair spans
 * two parts), without a list of term strings per field and chunk (a word pair was a new string).
 * A field with no terms gives {@code placeholder} once. The fields index no positions, so none are set.
 */
public final class WordTermsStream extends TokenStream {

    /** Which {@link FieldTerms} function the stream follows. */
    public enum Form {
        /** {@link FieldTerms#folded} */
        FOLDED,
        /** {@link FieldTerms#exact} */
        EXACT,
        /** {@link FieldTerms#changedStems} */
        CHANGED_STEMS,
        /** {@link FieldTerms#bigrams} */
        PAIRS
    }

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final List<List<Word>> parts;
    private final Form form;
    private final String placeholder;
    private int part;
    private int index;
    private boolean emitted;

    public WordTermsStream(List<List<Word>> parts, Form form, String placeholder) {
        this.parts = parts;
        this.form = form;
        this.placeholder = placeholder;
    }

    @Override
    public boolean incrementToken() {
        while (part < parts.size()) {
            List<Word> words = parts.get(part);
            while (index < words.size()) {
                Word w = words.get(index++);
                if (emit(w, words)) {
                    emitted = true;
                    return true;
                }
            }
            part++;
            index = 0;
        }
        if (emitted) return false;
        emitted = true;
        clearAttributes();
        term.setEmpty().append(placeholder);
        return true;
    }

    /** Puts the term of {@code w} (at {@code index - 1} of {@code words}) in the buffer; false when it has none. */
    private boolean emit(Word w, List<Word> words) {
        switch (form) {
            case FOLDED -> set(w.folded());
            case EXACT -> {
                if (!w.marked()) return false;
                set(w.exact());
            }
            case CHANGED_STEMS -> {
                if (!FieldTerms.keepsStem(w)) return false;
                set(w.stem());
            }
            case PAIRS -> {
                if (index >= words.size() || !FieldTerms.pairs(w, words.get(index))) return false;
                set(w.folded());
                term.append(FieldTerms.PAIR_SEPARATOR).append(words.get(index).folded());
            }
        }
        return true;
    }

    private void set(String value) {
        clearAttributes();
        term.setEmpty().append(value);
    }

    @Override
    public void reset() throws java.io.IOException {
        super.reset();
        part = 0;
        index = 0;
        emitted = false;
    }
}
