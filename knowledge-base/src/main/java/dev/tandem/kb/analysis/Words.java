package dev.tandem.kb.analysis;

import com.ibm.icu.text.Normalizer2;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one word segmentation of the index and of queries: every analyzed field, the confidence
 * estimate and snippets are derived from the same list of {@link Word}s, so a text is segmented
 * once however many fields it feeds.
 *
 * <p>Segmentation follows the Unicode word rules (UAX #29) for the scripts the corpus uses: runs of
 * letters, digits and combining marks, joined across an apostrophe or a period between letters
 * ("customer's") and across a period, comma or apostrophe between digits ("5.2", "1,000"). So
 * "MH-RO200" gives "mh" and "ro200"; {@link FieldTerms#codes} keeps the whole code. Ideographs are
 * single-character words. Vietnamese writes one syllable per space-separated word.
 *
 * <p>Forms: a word of ASCII characters only is lower-cased and is its own folded form (the common
 * case, no normalizer runs); any other word goes through ICU NFKC case folding (exact: marks kept,
 * "a"+combining acute becomes "á") and ICU folding (UTR #30: marks removed, đ → d). Both results
 * and the English stems are cached: a corpus has a small vocabulary.
 */
public final class Words {

    // NFKC with case folding: lower-cases and composes marks but never removes them.
    private static final Normalizer2 NFKC_CASE_FOLD = Normalizer2.getInstance(null, "nfkc_cf", Normalizer2.Mode.COMPOSE);

    /** Stop caching past this many entries: bounded memory whatever the input. */
    private static final int CACHE_LIMIT = 200_000;

    private static final Map<String, String[]> FORMS = new ConcurrentHashMap<>();
    private static final Map<String, String> STEMS = new ConcurrentHashMap<>();
    private static final SpellingTable SPELLINGS = new SpellingTable(CACHE_LIMIT);

    // Possessive first, while the apostrophe is still there, then Porter on the folded word.
    private static final Analyzer STEMMER = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            KeywordTokenizer tokenizer = new KeywordTokenizer();
            TokenStream stream = new PorterStemFilter(new EnglishPossessiveFilter(tokenizer));
            return new TokenStreamComponents(tokenizer, stream);
        }
    };

    private Words() {}

    /** The words of {@code text}, in order. */
    public static List<Word> of(String text) {
        List<Word> words = new ArrayList<>();
        if (text == null) return words;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (!Character.isLetterOrDigit(cp)) {
                i += width;
                continue;
            }
            int start = i;
            i += width;
            if (!single(cp)) i = wordEnd(text, i, cp);
            add(words, text, start, i, words.isEmpty() || !breaksPhrase(text, words.getLast().end(), start));
        }
        return words;
    }

    /**
     * Whether the characters between two words, {@code text[from, to)}, end a sentence or a clause:
     * a period, comma, colon, semicolon, question or exclamation mark, ellipsis, bracket, quote, bar,
     * line break, or a dash with a space beside it (a list bullet or an aside, not a hyphen as in
     * "MH-RO200" or "hot/cold"). Two words on either side of one are not a multi-syllable word, so
     * they make no pair ({@link FieldTerms#bigrams}): in a corpus such pairs were chance
     * neighbours, one distinct term each, that only grew the index.
     */
    static boolean breaksPhrase(String text, int from, int to) {
        boolean dash = false;
        boolean space = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (PHRASE_BREAKS.indexOf(c) >= 0) return true;
            if (c == '-' || c == '\u2013' || c == '\u2014') dash = true;
            else if (Character.isWhitespace(c)) space = true;
        }
        return dash && space;
    }

    private static final String PHRASE_BREAKS = ".,;:!?\u2026()[]{}\"\u201C\u201D|\n\r";

    /**
     * Where the word that continues at {@code i} ends; {@code last}: its last letter or digit so far
     * (whether that is a digit is asked only at punctuation that may join, not of every letter:
     * a table look-up for each Vietnamese letter).
     */
    private static int wordEnd(String text, int i, int last) {
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (single(cp)) return i;
            if (Character.isLetterOrDigit(cp)) {
                last = cp;
                i += width;
            } else if (isMark(cp) || cp == '_') {
                i += width;
            } else if (i + width < n && joins(cp, Character.isDigit(last), text.codePointAt(i + width))) {
                i += width;
            } else {
                return i;
            }
        }
        return i;
    }

    /** A period or apostrophe between letters, or a period, comma, semicolon or apostrophe between digits. */
    private static boolean joins(int mid, boolean digitBefore, int after) {
        boolean apostropheOrPeriod = mid == '.' || mid == '\'' || mid == '\u2019';
        if (digitBefore) return (apostropheOrPeriod || mid == ',' || mid == ';') && Character.isDigit(after);
        return apostropheOrPeriod && Character.isLetter(after);
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    /** Scripts written without spaces between words: each character is a word. */
    private static boolean single(int cp) {
        if (cp < 0x2E80) return false;
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI;
    }

    private static void add(List<Word> words, String text, int start, int end, boolean joined) {
        WordForms forms = SPELLINGS.get(text, start, end);
        if (forms == null) forms = allForms(text.substring(start, end));
        if (forms.folded().isEmpty()) return;
        words.add(new Word(forms, start, end, joined));
    }

    /**
     * The forms of a spelling not yet in the table, worked out and kept: one look-up per word gives
     * all of them (a chunk's words are mostly repeats: looking up the forms and then the stem was a
     * fifth of making a chunk's terms).
     */
    private static WordForms allForms(String raw) {
        String[] forms = forms(raw);
        WordForms all = WordForms.of(raw, forms[0], forms[1], forms[1].isEmpty() ? "" : stem(forms[1]));
        SPELLINGS.put(raw, all);
        return all;
    }

    /** {exact, folded} of one word as written. */
    static String[] forms(String raw) {
        if (ascii(raw)) {
            String lower = raw.toLowerCase(Locale.ROOT);
            return new String[] {lower, lower};
        }
        String[] cached = FORMS.get(raw);
        if (cached != null) return cached;
        String exact = NFKC_CASE_FOLD.normalize(raw);
        String[] forms = {exact, ICUFoldingFilter.NORMALIZER.normalize(exact)};
        if (FORMS.size() < CACHE_LIMIT) FORMS.put(raw, forms);
        return forms;
    }

    /** The folded form of any text, word by word (case, marks and đ removed). */
    public static String fold(String word) {
        return forms(word)[1];
    }

    /** The English stem of a folded word ("filters" → "filter", "customer's" → "custom"). */
    public static String stem(String folded) {
        String cached = STEMS.get(folded);
        if (cached != null) return cached;
        List<String> stem = Tokens.of(STEMMER, "stem", folded);
        String value = stem.isEmpty() ? folded : stem.get(0);
        if (STEMS.size() < CACHE_LIMIT) STEMS.put(folded, value);
        return value;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }
}
