package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Words that shape a question but say nothing about its topic ("how do I", "có … không", "bao
 * nhiêu"), in folded form. Queries weigh them lightly and confidence ignores them; they are never
 * removed from the index.
 */
public final class QuestionWords {

    /** Folded question and function words, plus the Lucene English stop words. */
    public static final CharArraySet FOLDED = build();

    private static final Set<String> STEMMED = stems();

    /**
     * Vietnamese question words whose folded form is also a topic word ("mấy" folds to "may", like
     * "máy"), so they are recognised only when typed with their marks.
     */
    private static final Set<String> EXACT = Set.of("mấy", "mất", "bạn", "nhỉ", "hả", "chứ", "thế", "vậy", "ạ");

    private QuestionWords() {}

    /** Whether a folded term is a question word. */
    public static boolean isFolded(String foldedTerm) {
        return FOLDED.contains(foldedTerm);
    }

    /** Whether a word, given as typed (case-folded, marks kept) and folded, is a question word. */
    public static boolean is(String exact, String folded) {
        return EXACT.contains(exact) || FOLDED.contains(folded);
    }

    /** Whether a term of the English-stemmed field is a question word's stem. */
    public static boolean isStemmed(String stemmedTerm) {
        return STEMMED.contains(stemmedTerm);
    }

    private static CharArraySet build() {
        List<String> words = List.of(
                // English
                "what", "whats", "how", "when", "where", "which", "who", "whom", "why", "do", "does", "did",
                "can", "could", "would", "should", "i", "me", "my", "we", "our", "us", "you", "your",
                "is", "are", "am", "was", "were", "be", "been", "have", "has", "had", "any", "about",
                "please", "tell", "know", "want", "need", "much", "many", "there", "it", "its",
                "so", "some", "from", "than", "also", "just", "im", "hi", "hello",
                // Vietnamese, folded: pronouns, question words, particles
                "toi", "minh", "em", "anh", "chi", "ban", "co", "khong", "ko", "k", "la", "gi",
                "nao", "nhieu", "lau", "vay", "a", "oi", "nhe", "nha", "duoc", "hoi", "muon",
                "lam", "sao", "the", "nhu", "dau", "ai", "khi", "thi", "va", "voi", "cua", "cho",
                "nay", "neu", "da", "dang", "se", "roi", "chua", "hay", "hoac", "mot", "cac",
                "nhung", "bi", "o", "tai", "trong", "xin", "vui", "long", "giup", "biet", "ra");
        CharArraySet set = new CharArraySet(words, true);
        set.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        return CharArraySet.unmodifiableSet(set);
    }

    private static Set<String> stems() {
        Set<String> stems = new HashSet<>();
        for (Object word : FOLDED) stems.add(Words.stem(new String((char[]) word)));
        return Set.copyOf(stems);
    }
}
