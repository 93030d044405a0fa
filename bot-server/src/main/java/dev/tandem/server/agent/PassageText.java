package dev.tandem.server.agent;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A passage (its label and text) in the forms the answer rules read it: lower case, {@link Language#fold folded},
 * its folded words, its tokens as typed and their folds, its padded form for {@link Lexicon} concepts and its
 * English stems. A question checks each candidate passage against several rules; each form is made the first time
 * a rule asks for it and kept for the others, so a passage is lower-cased and folded once per check.
 */
final class PassageText {

    private static final Pattern NON_LETTER = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final String text;
    private String lower;
    private String folded;
    private List<String> foldedWords;
    private Set<String> tokens;
    private Set<String> foldedTokens;
    private String padded;
    private Set<String> stems;

    PassageText(String text) {
        this.text = text;
    }

    /** The passage as written. */
    String text() {
        return text;
    }

    String lower() {
        if (lower == null) lower = text.toLowerCase(Locale.ROOT);
        return lower;
    }

    String folded() {
        if (folded == null) folded = Language.fold(text);
        return folded;
    }

    /** {@link Language#foldedWords} of the passage (the first may be empty). */
    List<String> foldedWords() {
        if (foldedWords == null) foldedWords = List.of(Language.words(folded()));
        return foldedWords;
    }

    /** The lower-case runs of letters and digits, marks kept: a word typed with marks is held when written with the same. */
    Set<String> tokens() {
        if (tokens == null) {
            tokens = new HashSet<>();
            foldedTokens = new HashSet<>();
            for (String t : NON_LETTER.split(lower())) {
                if (t.isEmpty()) continue;
                tokens.add(t);
                foldedTokens.add(Language.fold(t));
            }
        }
        return tokens;
    }

    /** {@link #tokens} folded: a word typed without marks is held by any of its marked forms. */
    Set<String> foldedTokens() {
        tokens();
        return foldedTokens;
    }

    /** The folded words padded for whole-word matching of {@link Lexicon.Concept} forms ({@link Lexicon#padded}). */
    String padded() {
        if (padded == null) padded = Lexicon.padded(foldedWords());
        return padded;
    }

    /** The {@link EnglishYesNoQuestion#stem stems} of the folded words. */
    Set<String> stems() {
        if (stems == null) {
            stems = new HashSet<>();
            for (String t : foldedWords()) if (!t.isEmpty()) stems.add(EnglishYesNoQuestion.stem(t));
        }
        return stems;
    }
}
