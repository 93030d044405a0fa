package dev.tandem.kb.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The terms each analyzed field takes from one segmentation ({@link Words#of}) of a text. The index
 * and the queries both use these functions, so they always agree.
 */
public final class FieldTerms {

    private static final CharArraySet ENGLISH_STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    private FieldTerms() {}

    /** Folded words: the main matching terms ("bảo hành" → "bao", "hanh"). */
    public static List<String> folded(List<Word> words) {
        List<String> terms = new ArrayList<>(words.size());
        for (Word w : words) terms.add(w.folded());
        return terms;
    }

    /**
     * Words that carry marks, with their marks: rewards exact marks ("bán" is not "bạn"). A word
     * without marks is its own folded form, which the folded fields already hold.
     */
    public static List<String> exact(List<Word> words) {
        List<String> terms = new ArrayList<>(words.size());
        for (Word w : words) if (w.marked()) terms.add(w.exact());
        return terms;
    }

    /** English stems, English stop words left out ("filters" → "filter"). */
    public static List<String> stems(List<Word> words) {
        List<String> terms = new ArrayList<>(words.size());
        for (Word w : words) {
            if (!ENGLISH_STOP_WORDS.contains(w.folded())) terms.add(w.stem());
        }
        return terms;
    }

    /**
     * The stems the index keeps: only those that differ from their folded word ("filters" →
     * "filter", "may" → "mai"), English stop words left out. A stem equal to its word is the folded
     * fields' term already, so indexing it again (nearly every Vietnamese syllable) only doubled the
     * postings; queries look a stem up in both places (see {@code QueryFactory}).
     */
    public static List<String> changedStems(List<Word> words) {
        List<String> terms = new ArrayList<>();
        for (Word w : words) if (keepsStem(w)) terms.add(w.stem());
        return terms;
    }

    /** Whether the index keeps the stem of {@code w}: see {@link #changedStems}. */
    static boolean keepsStem(Word w) {
        return w.forms().keepsStem();
    }

    /** Whether the index keeps {@code stem} of the folded word {@code folded} (worked out once per spelling, see {@link WordForms}). */
    static boolean keepsStem(String folded, String stem) {
        return !stem.equals(folded) && !ENGLISH_STOP_WORDS.contains(folded);
    }

    /** What joins the two words of a pair term. */
    static final char PAIR_SEPARATOR = ' ';

    /**
     * Pairs of adjacent folded words ("may loc", "loc nuoc"): Vietnamese writes one syllable per
     * word, so most words span two; the pair field rewards passages where they appear together. A
     * pair with a function word ({@link #PAIR_BREAKERS}: "of the", "của công", "tôi muốn") is left
     * out: such pairs say nothing about a topic and were about a third of all pair terms. Nor does a
     * pair span punctuation that ends a sentence or clause ("bảo hành. Sản phẩm": see {@link Word#joined}).
     */
    public static List<String> bigrams(List<Word> words) {
        List<String> terms = new ArrayList<>(Math.max(0, words.size() - 1));
        for (int i = 0; i + 1 < words.size(); i++) {
            if (pairs(words.get(i), words.get(i + 1))) terms.add(words.get(i).folded() + PAIR_SEPARATOR + words.get(i + 1).folded());
        }
        return terms;
    }

    /**
     * Whether two adjacent words make a pair term: no punctuation ends a phrase between them
     * ({@link Word#joined}) and neither is one of {@link #PAIR_BREAKERS}.
     */
    static boolean pairs(Word first, Word second) {
        return second.joined() && !first.forms().pairBreaker() && !second.forms().pairBreaker();
    }

    /** Whether a word, as written ({@code exact}), is one of {@link #PAIR_BREAKERS} (worked out once per spelling, see {@link WordForms}). */
    static boolean breaksPairs(String exact) {
        return PAIR_BREAKERS.contains(exact);
    }

    /**
     * Function words, as written (lower case, marks kept), that make no pair: the Lucene English stop
     * words, English question words and pronouns, and Vietnamese pronouns, particles, conjunctions
     * and prepositions. Matched with their marks, so "chị" breaks a pair but "chi phí" stays one, and
     * "bạn" does but "bán hàng" does not. Words that start common compounds stay out of the list
     * ("không khí", "làm việc", "câu hỏi", "sao lưu").
     */
    static final CharArraySet PAIR_BREAKERS = pairBreakers();

    private static CharArraySet pairBreakers() {
        CharArraySet set = new CharArraySet(List.of(
                // English question words and pronouns (the stop words are added below)
                "what", "how", "when", "where", "which", "who", "whom", "why", "do", "does", "did",
                "can", "could", "would", "should", "i", "me", "my", "we", "our", "us", "you", "your",
                "am", "were", "been", "has", "have", "had", "its", "it's", "from", "so",
                // Vietnamese pronouns, particles, conjunctions, prepositions
                "tôi", "mình", "em", "anh", "chị", "bạn", "có", "là", "gì", "nào", "vậy", "à", "ạ", "ơi",
                "nhé", "nha", "được", "thế", "như", "đâu", "thì", "và", "với", "của", "cho", "này",
                "nếu", "đã", "đang", "sẽ", "rồi", "chưa", "hoặc", "một", "các", "những", "nhưng", "bị",
                "ở", "tại", "trong", "xin", "vui", "lòng", "mấy", "nhỉ", "hả", "chứ", "ra", "hay"), false);
        set.addAll(ENGLISH_STOP_WORDS);
        return CharArraySet.unmodifiableSet(set);
    }

    /**
     * Product codes and clause numbers kept whole ("MH-RO200" → "mh-ro200", "§4.2" → "4.2"): words
     * joined by a single '-', '.', '/' or '_', lower-cased, kept when they mix a digit with a letter
     * or separator. Plain words and bare numbers are the other fields' business.
     */
    public static List<String> codes(String text, List<Word> words) {
        List<String> terms = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            int start = words.get(i).start();
            int end = words.get(i).end();
            int j = i + 1;
            while (j < words.size() && words.get(j).start() == end + 1 && "-./_".indexOf(text.charAt(end)) >= 0) {
                end = words.get(j).end();
                j++;
            }
            // one word alone: whether its spelling is a code was worked out once ({@link WordForms#code})
            boolean code = j == i + 1 ? words.get(i).forms().code() : codeLike(text, start, end);
            if (code) terms.add(text.substring(start, end).toLowerCase(Locale.ROOT));
            i = j;
        }
        return terms;
    }

    /** Whether {@code text[start, end)} mixes a digit with a letter or separator (checked in place: no substring per word). */
    static boolean codeLike(String text, int start, int end) {
        boolean digit = false;
        boolean other = false;
        for (int i = start; i < end; i++) {
            if (Character.isDigit(text.charAt(i))) digit = true;
            else other = true;
        }
        return digit && other;
    }
}
