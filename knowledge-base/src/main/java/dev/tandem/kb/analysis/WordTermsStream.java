package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;

import java.util.List;

/**
 * One analyzed field's terms written straight from a chunk's words into the term buffer: the same
 * terms as the {@link FieldTerms} function of its {@link Form} over each part in turn (no pair spans
 * two parts), without a list of term strings per field and chunk (a word pair was a new string).
 * A field with no terms gives {@code placeholder} once. The fields index no positions, so none are set.
 *
 * <p>Terms are handed over as UTF-8 bytes ({@link BytesTermAttribute}): each spelling's bytes are
 * made once ({@link WordForms}) instead of a UTF-16 term per occurrence that the index converts
 * again. No other attribute changes between terms (position increment 1, frequency 1, no offsets),
 * so they are cleared once per field ({@link #reset}), not per term.
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

    private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
    private final BytesRefBuilder pair = new BytesRefBuilder();
    private List<List<Word>> parts;
    private Form form;
    private BytesRef placeholder;
    private int part;
    private int index;
    private boolean emitted;

    public WordTermsStream(List<List<Word>> parts, Form form, String placeholder) {
        this(parts, form, new BytesRef(placeholder));
    }

    private WordTermsStream(List<List<Word>> parts, Form form, BytesRef placeholder) {
        this.parts = parts;
        this.form = form;
        this.placeholder = placeholder;
    }

    /**
     * The stream of {@code parts}' terms: {@code reuse} set to them when it is a stream of this
     * class (the index keeps one stream per field and hands it back with the next document's field,
     * see {@link org.apache.lucene.document.Field#tokenStream}), otherwise a new one. A new stream
     * per field and chunk built its attributes again each time (several per cent of indexing).
     */
    public static WordTermsStream reusing(TokenStream reuse, List<List<Word>> parts, Form form, BytesRef placeholder) {
        if (!(reuse instanceof WordTermsStream stream)) return new WordTermsStream(parts, form, placeholder);
        stream.parts = parts;
        stream.form = form;
        stream.placeholder = placeholder;
        return stream;
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
        term.setBytesRef(placeholder);
        return true;
    }

    /** Puts the term of {@code w} (at {@code index - 1} of {@code words}) in the buffer; false when it has none. */
    private boolean emit(Word w, List<Word> words) {
        WordForms forms = w.forms();
        switch (form) {
            case FOLDED -> term.setBytesRef(forms.foldedBytes());
            case EXACT -> {
                if (!forms.marked()) return false;
                term.setBytesRef(forms.exactBytes());
            }
            case CHANGED_STEMS -> {
                if (!forms.keepsStem()) return false;
                term.setBytesRef(forms.stemBytes());
            }
            case PAIRS -> {
                if (index >= words.size() || !FieldTerms.pairs(w, words.get(index))) return false;
                pair.copyBytes(forms.foldedBytes());
                pair.append((byte) FieldTerms.PAIR_SEPARATOR);
                pair.append(words.get(index).forms().foldedBytes());
                term.setBytesRef(pair.get());
            }
        }
        return true;
    }

    @Override
    public void reset() throws java.io.IOException {
        super.reset();
        // once per field, not per term: a reused stream's end() left the position increment at 0
        clearAttributes();
        part = 0;
        index = 0;
        emitted = false;
    }
}
