package dev.tandem.server.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a Vietnamese yes/no question asks about, and whether a passage names it. "Shop có bán máy lọc
 * không khí không?" asks whether "bán máy lọc không khí" holds: the words between its last "có" and
 * the closing "không". A passage about "máy lọc nước" shares most of the question's words, but not
 * "khí": it is about something else, and quoting it would answer a question nobody asked. When what is
 * asked names a thing (two content words or more: "cho thuê máy lọc nước", "ứng dụng điện thoại"),
 * the quoted passage must hold every one of them — with the marks they were typed with, since
 * Vietnamese syllables that differ only in their marks are different words ("thưởng", "thương") —
 * or a form of the same {@link Lexicon} concept. A single word ("có mở không", "có bị hư không") is
 * usually a property the documents put in other words, and is left to the coverage checks.
 */
final class YesNoQuestion {

    /** The closing negation of a yes/no question, after {@link Lexicon#normalize} ("ko", "k", "hok" → "không"). */
    private static final Set<String> CLOSING = Set.of("không", "khong", "hông", "hong");
    /** Verbs of paying (folded) that a fee ("phí") after them makes part of the question's frame. */
    private static final Set<String> PAYING = Set.of("tra", "dong", "chiu", "ton", "nop", "mat");
    /** From this many content words, what a yes/no question asks names a thing that the quoted passage must hold. */
    static final int MIN_WORDS = 2;

    private YesNoQuestion() {}

    /**
     * The content words, lower case as typed, between the last "có" and a closing "không" that only
     * particles follow ("... không ạ", "... không vậy shop"); empty when the question is not of that
     * shape. Function words, the brand and words every document holds are left out.
     */
    static List<String> asked(QuestionText question) {
        boolean marked = question.marked();
        List<String> asked = new ArrayList<>();
        // each clause on its own: "shop có đang tuyển nhân viên không, gửi CV ở đâu"
        for (List<String> tokens : Language.clauseTokens(question.lower())) {
            int end = tokens.size() - 1;
            while (end >= 0 && !CLOSING.contains(tokens.get(end)) && Compounds.function(tokens.get(end), marked)) end--;
            if (end < 1 || !CLOSING.contains(tokens.get(end))) continue;
            int start = end - 1;
            while (start >= 0 && !Language.fold(tokens.get(start)).equals("co")) start--;
            if (start < 0) continue;
            // "có người tới lắp không": "có người" is "someone", not a person the passage must name
            if (start + 1 < end && Language.fold(tokens.get(start + 1)).equals("nguoi")) start++;
            int before = asked.size();
            for (int i = start + 1; i < end; i++) {
                String t = tokens.get(i);
                // "có showroom để xem hàng trực tiếp không": what it is for is the customer's purpose, not what is asked
                if (asked.size() > before && (marked ? t.equals("để") : t.equals("de"))) break;
                // "có phải trả phí hỏa tốc không": paying a fee is what a passage stating the fee says
                if (PAYING.contains(Language.fold(t)) && Language.fold(tokens.get(i + 1)).equals("phi")) continue;
                // "có phải hư máy không": the machine is the product the question is about, not a thing a passage must name
                if (i == end - 1 && (marked ? t.equals("máy") : t.equals("may"))) continue;
                if (content(t, marked)) asked.add(t);
            }
            // "đặt qua hotline thì có được tích điểm không": a channel, app or brand named in the condition
            // (a word of another language) decides the answer as much as what follows "có"
            for (String t : tokens.subList(0, start)) {
                if (t.length() > 2 && !Compounds.syllable(t) && t.chars().allMatch(Character::isLetter) && content(t, marked)
                        && !asked.contains(t)) asked.add(t);
            }
        }
        return asked;
    }

    /**
     * Whether a token of a yes/no question names part of the topic: not a function word, a number or
     * a word every document holds. Typed with marks, only its marked form decides ("khí" in "không
     * khí" is not "khi", when).
     */
    static boolean content(String token, boolean questionMarked) {
        String folded = Language.fold(token);
        if (folded.length() < 2 || folded.chars().allMatch(Character::isDigit)) return false;
        if (Compounds.function(token, questionMarked)) return false;
        return !folded.equals(token) || !PassageRanker.STOPWORDS.contains(folded);
    }

    /**
     * The words of what a yes/no question asks ({@link #asked}) that {@code passage} (label and text)
     * does not hold, when what is asked has at least {@link #MIN_WORDS} of them; else empty. A word
     * typed with marks is held when the passage writes it with the same marks, one typed without
     * when a passage word folds to it, and either when the passage names a lexicon concept the word
     * belongs to in any of its forms ("free" in "miễn phí"'s).
     */
    static List<String> notHeld(QuestionText question, PassageText passage) {
        return notHeld(asked(question), question, passage);
    }

    /** {@link #notHeld(QuestionText, PassageText)} with the question's {@link #asked} words worked out already. */
    static List<String> notHeld(List<String> asked, QuestionText question, PassageText passage) {
        return asked.size() < MIN_WORDS ? List.of() : missing(asked, question, passage);
    }

    /**
     * The Vietnamese words of {@code asked} that {@code passage} does not hold: a word typed with marks
     * with the same marks, one typed without by its folded form, or either through a lexicon concept of
     * the question that the passage names in some form. Shared with {@link OpenQuestion}.
     */
    static List<String> missing(List<String> asked, QuestionText question, PassageText passage) {
        Set<String> exact = passage.tokens();
        Set<String> folded = passage.foldedTokens();
        Set<String> viaConcepts = conceptWordsHeld(question, passage);
        List<String> missing = new ArrayList<>();
        for (String w : asked) {
            String f = Language.fold(w);
            boolean held = f.equals(w) ? folded.contains(f) : exact.contains(w);
            if (!held && !viaConcepts.contains(f)) missing.add(w);
        }
        return missing;
    }

    /**
     * The folded words of every {@link Lexicon} concept the question names that {@code passage} holds in
     * one of its forms: a question word among them is held by the passage however it is written there.
     */
    static Set<String> conceptWordsHeld(QuestionText question, PassageText passage) {
        Set<String> words = new HashSet<>();
        String padded = passage.padded();
        for (Lexicon.Concept k : Lexicon.concepts(question.normalized())) {
            if (k.heldBy(padded)) words.addAll(k.words());
        }
        return words;
    }
}
