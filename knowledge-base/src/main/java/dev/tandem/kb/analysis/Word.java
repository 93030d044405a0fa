package dev.tandem.kb.analysis;

/**
 * One word of a text in the three forms the index compares: {@code exact} (case-folded, marks kept
 * and composed), {@code folded} (no case, no marks, đ → d) and {@code stem} (English stem of the
 * folded form), with its place in the text.
 *
 * @param joined whether the word continues the phrase of the word before it: no sentence or clause
 *               punctuation between them ({@link Words#breaksPhrase}), so the two can make a word pair
 */
public record Word(WordForms forms, int start, int end, boolean joined) {

    public String exact() {
        return forms.exact();
    }

    public String folded() {
        return forms.folded();
    }

    public String stem() {
        return forms.stem();
    }

    /** Whether the word carries marks (or other characters that folding changes): "bán", not "ban". */
    public boolean marked() {
        return forms.marked();
    }
}
