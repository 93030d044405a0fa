package dev.tandem.server.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A question for how many of a thing there are ("How many guest rooms does our agreement cover?", "Mekong Home có
 * bao nhiêu nhân viên?", "MH-RO100 có mấy cấp lọc?") and whether a passage counts that thing: a number next to it
 * ("12 hotels", "7 cấp lọc", "5 authorised service centres", a table's "Presets | 8"). A passage that names the thing
 * without a number for it ("Stand the unit upright for 4 hours", "kể cả người xưng là nhân viên Mekong Home")
 * shares the question's words and answers another question.
 * <p>
 * The thing counted is the noun after "how many" (the last word of its phrase: "bonus points", "guest rooms") or the
 * syllable after "bao nhiêu" / "mấy" (Vietnamese puts the head first: "nhân viên", "cửa hàng"). Units and measure
 * words ("how many minutes", "bao nhiêu tiền", "mấy ngày") are {@link QuantityQuestion}'s and {@link PriceQuestion}'s.
 * Unmarked "may" is as often "máy" (a machine) as "mấy", so only "bao nhieu" counts there.
 */
final class CountQuestion {

    /** Words that end the noun phrase after "how many": auxiliaries, prepositions, pronouns. */
    private static final Set<String> EN_END = Set.of("do", "does", "did", "is", "are", "was", "were", "can", "could", "will",
            "would", "should", "shall", "must", "may", "might", "need", "needs", "has", "have", "had", "there", "of", "in", "on", "for", "at", "per", "with", "from", "to",
            "by", "i", "we", "you", "they", "it", "my", "our", "your", "their", "each", "a", "an", "the");
    /** At most this many words may stand between the number and the thing counted ("5 authorised service centres"). */
    private static final String BETWEEN = "(?:\\S+\\s+){0,2}?";
    private static final String NUMBER = "(?<![\\p{L}\\p{N}])\\d[\\d.,]*(?:\\s*[-–]\\s*\\d[\\d.,]*)?\\s+";

    /**
     * What is counted, as the passage must write it after a number, and the stems of the words an English question puts
     * before it ("bonus" in "how many bonus points", "guest" in "how many guest rooms"); {@link #NONE} when the question
     * counts nothing.
     */
    record Counted(Pattern stated, List<String> modifiers) {
        static final Counted NONE = new Counted(null, List.of());

        /**
         * Whether a passage (label and text) writes a number for the thing counted and names the kind asked: "100 points
         * = a 10,000 VND voucher" counts points, not the bonus points a new member gets. Any passage when nothing is counted.
         */
        boolean countedIn(PassageText passage) {
            if (stated == null) return true;
            if (!passage.stems().containsAll(modifiers)) return false;
            return stated.matcher(passage.lower()).find() || stated.matcher(passage.folded()).find();
        }
    }

    /**
     * "Người" (people), marked or not, is a function word elsewhere ("người dùng", "mọi người"), but counted it is the
     * thing asked: "đủ dùng cho bao nhiêu người" needs a number of people ("6–10 người"), not the 30 minutes of a setup step.
     */
    private static final Set<String> PEOPLE = Set.of("người", "nguoi");

    private CountQuestion() {}

    static Counted of(QuestionText question) {
        // the language of the lower-cased question: capitals no longer mark names ("Mì Bò Hầm") in it
        boolean english = "en".equals(Language.detect(question.lower()));
        List<String> phrase = english ? english(question.folded()) : vietnamese(question);
        if (phrase.isEmpty()) return Counted.NONE;
        String noun = phrase.getLast();
        // an English stem takes its endings ("room" → "rooms"); a Vietnamese syllable is whole
        String q = Pattern.quote(noun) + (english ? "\\p{L}*" : "(?!\\p{L})");
        // "12 hotels" / "7 cấp lọc", or a table's "Presets | 8", "Số cửa hàng: 6"
        return new Counted(Pattern.compile(NUMBER + BETWEEN + q + "|(?<!\\p{L})" + q + "\\s*[:|·]\\s*\\d"),
                phrase.subList(0, phrase.size() - 1));
    }

    /**
     * The stems of the noun phrase after "how many", the thing counted last ("bonus points" → "bonus", "point"); the
     * modifiers are its content words (no stop words, units or numbers). Empty when the question counts nothing.
     */
    private static List<String> english(String folded) {
        String[] w = Language.words(folded);
        for (int i = 0; i + 1 < w.length; i++) {
            if (!w[i].equals("how") || !w[i + 1].equals("many")) continue;
            int end = i + 2;
            while (end < w.length && !EN_END.contains(w[end])) end++;
            if (end == i + 2) return List.of();
            String last = w[end - 1];
            if (OpenQuestion.UNITS.contains(last) || PassageRanker.STOPWORDS.contains(last)) return List.of();
            List<String> phrase = new ArrayList<>();
            for (int j = i + 2; j < end - 1; j++) {
                String m = w[j];
                if (m.length() < 2 || m.chars().anyMatch(Character::isDigit) || PassageRanker.STOPWORDS.contains(m)
                        || OpenQuestion.UNITS.contains(m)) continue;
                phrase.add(EnglishYesNoQuestion.stem(m));
            }
            phrase.add(EnglishYesNoQuestion.stem(last));
            return phrase;
        }
        return List.of();
    }

    /**
     * The syllable after "bao nhiêu" / "mấy" when it names a thing, as typed (folded for an unmarked question), or none.
     * "Mấy" opening a clause is a plural ("mấy tin nhắn mình chat …": those messages), not "how many".
     */
    private static List<String> vietnamese(QuestionText question) {
        boolean marked = question.marked();
        for (List<String> t : Language.clauseTokens(question.lower())) {
            for (int i = 0; i < t.size(); i++) {
                int next;
                if (Language.fold(t.get(i)).equals("bao") && i + 1 < t.size() && Language.fold(t.get(i + 1)).equals("nhieu")
                        && (!marked || t.get(i + 1).equals("nhiêu"))) next = i + 2;
                else if (marked && i > 0 && t.get(i).equals("mấy")) next = i + 1;
                else continue;
                if (next >= t.size()) return List.of();
                String n = t.get(next);
                if (PEOPLE.contains(n)) return List.of(n);
                return OpenQuestion.unit(n, marked) || !OpenQuestion.content(n, marked) ? List.of() : List.of(n);
            }
        }
        return List.of();
    }
}
