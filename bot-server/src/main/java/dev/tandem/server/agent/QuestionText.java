package dev.tandem.server.agent;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A question in the forms the answer rules read it, worked out once per question rather than by each rule:
 * with chat abbreviations written out ({@link Lexicon#normalize}), that in lower case and {@link Language#fold folded},
 * the typed text folded (the places, the quantities and the English yes/no clause are read as typed: writing "hn"
 * out as "Hà Nội" would name a place the customer did not spell), its language, and whether it was typed with
 * Vietnamese marks (then a syllable is compared with its marks: "bát" is not "bật").
 */
record QuestionText(String normalized, String lower, String folded, String foldedAsTyped, boolean english, boolean marked) {

    static QuestionText of(String question) {
        String normalized = Lexicon.normalize(question);
        String lower = normalized.toLowerCase(Locale.ROOT);
        String folded = Language.fold(lower);
        return new QuestionText(normalized, lower, folded, Language.fold(question),
                "en".equals(Language.detect(normalized)), !folded.equals(lower));
    }

    /**
     * Whether a Vietnamese question holds a phrase: {@code asTyped} over the lower-case text when it was typed with
     * marks (then "hãng nào" is not "hàng nào"), {@code unmarked} over the folded text otherwise.
     */
    boolean holds(Pattern asTyped, Pattern unmarked) {
        return (marked ? asTyped.matcher(lower) : unmarked.matcher(folded)).find();
    }
}
