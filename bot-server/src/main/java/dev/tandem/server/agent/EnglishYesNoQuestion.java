package dev.tandem.server.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an English yes/no question ("Does the MH-AF80D connect to Wi-Fi?", "Can I buy an extended
 * warranty?", "Are we allowed to resell …?") asks about, and whether a passage names it: the English
 * counterpart of {@link YesNoQuestion}. A passage about the same product that shares its model code
 * and "air fryer" but says nothing of "connect", "Wi-Fi" or "app" answers a question nobody asked.
 * English paraphrases more than Vietnamese, so one content word the passage lacks is tolerated
 * ("Can I use it overseas?" over "outside Vietnam"); from {@link #MAX_NOT_HELD} + 1 on, the passage
 * is about something else, and so it is when the one missing word is the modifier of the thing asked about
 * ({@link Asked}: "pressure cookers" against "rice cookers"). Words are compared by a light stem ("paying", "pays", "paid" → not "pay"
 * for the last, which is why one miss is tolerated) and through the {@link Lexicon}'s concepts.
 */
final class EnglishYesNoQuestion {

    /** A yes/no question opens with an auxiliary (after an optional greeting clause). */
    private static final Pattern OPENING = Pattern.compile(
            "^(does|do|did|is|are|was|were|can|could|will|would|should|may|has|have)\\b");
    /** Question frame and pronouns: they shape the question, not what it is about. */
    private static final Set<String> FRAME = Set.of(
            "did", "was", "were", "could", "would", "should", "may", "its", "they", "them", "their", "he", "she",
            "his", "her", "him", "am", "also", "still", "just", "really", "yet", "so", "too", "very", "not", "no",
            "yes", "ok", "hi", "hello", "thanks", "thank", "these", "those", "some", "all", "each", "every", "one",
            "something", "anything", "someone", "anyone", "everything", "thing", "things",
            "possible", "need", "want", "use", "used", "using", "work", "works", "it", "s", "m", "ll", "ve", "re", "d", "t",
            // numbers written as words ("25 million VND": the documents write "20,000,000 VND") and a time frame's preposition
            "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "during");
    /** At most this many content words of the question may be missing from the passage that answers it. */
    static final int MAX_NOT_HELD = 1;

    private EnglishYesNoQuestion() {}

    /** The clause of an English question that opens with an auxiliary, folded; null when there is none. */
    static String clause(QuestionText question) {
        if (!question.english()) return null;
        for (String c : Language.clauses(question.foldedAsTyped())) {
            String s = c.strip();
            if (OPENING.matcher(s).find()) return s;
        }
        return null;
    }

    /**
     * What an English yes/no question asks, worked out once per question: the content words of its clause
     * ({@link #asked}) and, when the clause ends with two content words side by side, the first of them: the
     * modifier of the thing asked about ("pressure" in "Do you sell pressure cookers?", "student" in "Do you offer a
     * student discount?"); null otherwise, and for codes and numbers (a model is the ranker's business).
     */
    record Asked(List<String> words, String modifier) {

        /**
         * The content words {@code passage} (label and text) holds in no form, when more than {@link #MAX_NOT_HELD}
         * of them are missing, or when the one missing is the modifier of the thing asked about and the passage holds
         * the thing: "pressure cookers" against "rice cookers", "student discount" against a members' discount name
         * another kind of it, where another missing word ("remove fluoride", "bought" for "purchases") may be a
         * paraphrase. Else empty.
         */
        List<String> notHeld(QuestionText question, PassageText passage) {
            if (words.size() <= MAX_NOT_HELD) return List.of();
            List<String> missing = missing(words, question, passage);
            if (missing.size() > MAX_NOT_HELD || modifier != null && missing.contains(modifier)) return missing;
            return List.of();
        }
    }

    static Asked of(QuestionText question) {
        String clause = clause(question);
        if (clause == null) return new Asked(List.of(), null);
        // the last two words of the clause, when both are content words: a modifier and the thing it modifies
        List<String> w = new ArrayList<>();
        for (String t : Language.words(clause)) if (!t.isEmpty()) w.add(t);
        int n = w.size();
        boolean compound = n >= 2 && content(w.get(n - 2)) && content(w.get(n - 1)) && noDigit(w.get(n - 2)) && noDigit(w.get(n - 1));
        return new Asked(contentWords(clause), compound ? w.get(n - 2) : null);
    }

    /** The content words of that clause (folded; no stop words, frame words or numbers); empty when not a yes/no question. */
    static List<String> asked(QuestionText question) {
        return of(question).words();
    }

    /** The content words of a folded English clause: no stop words, frame words or numbers. Shared with {@link WhenWhereQuestion}. */
    static List<String> contentWords(String foldedClause) {
        List<String> asked = new ArrayList<>();
        String previous = "";
        for (String w : Language.words(foldedClause)) {
            // the unit of a quantity the question states ("the 8-litre air fryer") describes the product: the quantity
            // checks weigh it ({@link StatedQuantity})
            boolean unitOfNumber = OpenQuestion.UNITS.contains(w) && !previous.isEmpty() && previous.chars().allMatch(Character::isDigit);
            if (content(w) && !unitOfNumber && !asked.contains(w)) asked.add(w);
            previous = w;
        }
        return asked;
    }

    /** A folded word that names part of what is asked: not a stop word, a frame word or a number. */
    private static boolean content(String w) {
        return w.length() >= 2 && !w.chars().allMatch(Character::isDigit) && !PassageRanker.STOPWORDS.contains(w) && !FRAME.contains(w);
    }

    private static boolean noDigit(String w) {
        return w.chars().noneMatch(Character::isDigit);
    }

    /**
     * The content words of what an English yes/no question asks that {@code passage} (label and text)
     * holds in no form, when the passage does not answer it ({@link Asked#notHeld}); else empty.
     */
    static List<String> notHeld(QuestionText question, PassageText passage) {
        return of(question).notHeld(question, passage);
    }

    /**
     * The (folded) English words of {@code asked} that {@code passage} holds in no form: not by their
     * {@link #stem}, nor through a lexicon concept of the question the passage names. Shared with
     * {@link OpenQuestion}.
     */
    static List<String> missing(List<String> asked, QuestionText question, PassageText passage) {
        Set<String> stems = passage.stems();
        Set<String> viaConcepts = YesNoQuestion.conceptWordsHeld(question, passage);
        List<String> missing = new ArrayList<>();
        for (String w : asked) {
            if (!stems.contains(stem(w)) && !viaConcepts.contains(w)) missing.add(w);
        }
        return missing;
    }

    /** A light English stem: plural and verb endings off ("fryers" → "fryer", "connected" → "connect", "batteries" → "battery"). */
    static String stem(String w) {
        String s = suffixOff(w);
        // a silent e goes too, so that "change", "changes", "changed" and "changing" meet in "chang"
        return s.length() > 4 && s.endsWith("e") ? s.substring(0, s.length() - 1) : s;
    }

    private static String suffixOff(String w) {
        if (w.length() > 4 && w.endsWith("ies")) return w.substring(0, w.length() - 3) + "y";
        if (w.length() > 5 && w.endsWith("ing")) return w.substring(0, w.length() - 3);
        if (w.length() > 4 && w.endsWith("ed")) return w.substring(0, w.length() - 2);
        if (w.length() > 4 && (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes") || w.endsWith("sses"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) return w.substring(0, w.length() - 1);
        return w;
    }
}
