package dev.tandem.server.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a question for a time or a place asks about, and whether a passage speaks of it: "Bao giờ nồi
 * chiên MH-AF80D có bản màu trắng?", "When will Mekong Home start delivering to Singapore?", "Văn phòng
 * đại diện ở Hà Nội ở đâu?". Such a question asks when or where <em>something</em> happens or is — the
 * event or the thing named by the rest of its clause — and a passage can give that time or place only if
 * it speaks of that event or thing. A page about the MH-AF80D that never says "màu" or "trắng" has no date
 * for a white version, however much of the product it shares; a store list that never says "văn phòng" or
 * "đại diện" has no address for a representative office.
 * <p>
 * What is asked is every content word of the clause that holds the question word (Vietnamese "bao giờ",
 * "khi nào", "lúc nào", "hôm nào", "ở đâu", "chỗ nào", "nơi nào", before or after the rest; English "when"
 * or "where" opening a clause with an auxiliary: "when will …", "where is …"), without function words. When
 * it has {@link #MIN_WORDS} words or more, the passage quoted may lack at most {@link #MAX_NOT_HELD} of them:
 * customers name an event in their own words ("được cộng điểm" for "điểm được ghi nhận"), so one miss is a
 * paraphrase, two are another subject. Words are compared as the yes/no checks compare theirs: Vietnamese
 * with the marks they were typed with, English by a light stem, both through the {@link Lexicon}.
 */
final class WhenWhereQuestion {

    /** Vietnamese question words for a time or a place, as two syllables with their marks. */
    private static final List<List<String>> VI_ASKING = List.of(List.of("bao", "giờ"), List.of("khi", "nào"),
            List.of("lúc", "nào"), List.of("hôm", "nào"), List.of("ở", "đâu"), List.of("chỗ", "nào"), List.of("nơi", "nào"));
    /** Words of the question frame around a Vietnamese time or place: "nằm ở đâu", "thì", "vậy". */
    private static final Set<String> VI_FRAME = Set.of("nằm", "đặt", "chỗ", "nơi", "hôm", "địa", "chỉ");
    /** An English clause asking for a time or a place: "when"/"where" and an auxiliary. */
    private static final Pattern EN_ASKING = Pattern.compile(
            "^(?:(?:and|so|but|ok|then|exactly)\\s+)?(when|where)\\s+(is|are|was|were|will|would|does|do|did|can|could|should|shall|must|has|have)\\b(.*)$");
    /** Words that frame an English time or place question: "exactly", "usually". */
    private static final Set<String> EN_FRAME = Set.of("exactly", "usually", "located", "find", "able", "going", "happen",
            "happens", "take", "place", "instead", "rather", "actually", "finally", "ever");
    /** From this many words, what a time or place question asks names an event or a thing the passage must speak of. */
    static final int MIN_WORDS = 2;
    /** At most this many of those words may be missing from the passage that answers it. */
    static final int MAX_NOT_HELD = 1;

    private WhenWhereQuestion() {}

    /**
     * What a time or place question asks about, worked out once per question: the content words of its
     * clause (folded for English, lower case as typed for Vietnamese) and their language; empty when the
     * question does not ask when or where.
     */
    record Asked(List<String> words, boolean english, List<Integer> positions) {

        /**
         * The words {@code passage} (label and text) does not hold, when they make more than {@link #MAX_NOT_HELD}
         * misses; else empty. A Vietnamese word is mostly two syllables ("hiệu lực", "đại diện"): missing syllables
         * next to each other in the question count as one miss per two ("bản màu trắng" is two). Only a passage
         * in the question's language ({@code passageLang}) is compared word for word: an English contract answers
         * "hợp đồng có hiệu lực đến bao giờ" in words the question does not use.
         */
        List<String> notHeld(QuestionText question, PassageText passage, String passageLang) {
            if (words.size() < MIN_WORDS || !(english ? "en" : "vi").equals(passageLang)) return List.of();
            List<String> missing = english ? EnglishYesNoQuestion.missing(words, question, passage)
                    : YesNoQuestion.missing(words, question, passage);
            return misses(missing) > MAX_NOT_HELD ? missing : List.of();
        }

        /** How many misses the missing words make: one each in English, one per two adjacent syllables in Vietnamese. */
        int misses(List<String> missing) {
            if (english) return missing.size();
            int misses = 0;
            int run = 0;
            int last = -2;
            for (int i = 0; i < words.size(); i++) {
                if (!missing.contains(words.get(i))) continue;
                int at = positions.get(i);
                run = at == last + 1 ? run + 1 : 1;
                if (run % 2 == 1) misses++; // a new word every two adjacent syllables
                last = at;
            }
            return misses;
        }
    }

    static Asked of(QuestionText question) {
        if (question.english()) return new Asked(english(question.folded()), true, List.of());
        List<Integer> positions = new ArrayList<>();
        List<String> words = vietnamese(question, positions);
        return new Asked(words, false, List.copyOf(positions));
    }

    /** The words {@link #of} finds, for tests and logs. */
    static List<String> asked(QuestionText question) {
        return of(question).words();
    }

    private static List<String> english(String folded) {
        List<String> asked = new ArrayList<>();
        for (String clause : Language.clauses(folded)) {
            var m = EN_ASKING.matcher(clause.strip());
            if (!m.matches()) continue;
            for (String w : EnglishYesNoQuestion.contentWords(m.group(3))) {
                if (!EN_FRAME.contains(w) && !asked.contains(w)) asked.add(w);
            }
        }
        return asked;
    }

    /** The content words of the clause asking when or where, with their token positions in the question (clauses numbered apart). */
    private static List<String> vietnamese(QuestionText question, List<Integer> positions) {
        boolean marked = question.marked();
        List<String> asked = new ArrayList<>();
        int offset = 0;
        for (List<String> t : Language.clauseTokens(question.lower())) {
            offset += 1000; // words of two clauses are never adjacent
            int at = asking(t, marked);
            if (at < 0) continue;
            for (int i = 0; i < t.size(); i++) {
                if (i == at || i == at + 1) continue;
                String w = t.get(i);
                if (is(w, VI_FRAME, marked) || !YesNoQuestion.content(w, marked)) continue;
                if (!asked.contains(w)) {
                    asked.add(w);
                    positions.add(offset + i);
                }
            }
        }
        return asked;
    }

    /** Where a Vietnamese time or place question word starts in a clause's tokens, or -1. */
    private static int asking(List<String> t, boolean marked) {
        for (int i = 0; i + 1 < t.size(); i++) {
            for (List<String> pair : VI_ASKING) {
                if (is(t.get(i), Set.of(pair.get(0)), marked) && is(t.get(i + 1), Set.of(pair.get(1)), marked)) return i;
            }
        }
        return -1;
    }

    /** Whether a token is one of {@code words} (given with marks): as typed when the question has marks, folded when not. */
    private static boolean is(String token, Set<String> words, boolean marked) {
        if (marked) return words.contains(token);
        for (String w : words) if (Language.fold(w).equals(token)) return true;
        return false;
    }
}
