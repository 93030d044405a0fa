package dev.tandem.server.agent;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Tells Vietnamese from English, including Vietnamese typed without diacritics. */
public final class Language {

    private static final Pattern VIETNAMESE_LETTERS = Pattern.compile(
            "[ăâđêôơưàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");
    /** What ends a clause of a question: a comma, semicolon, period, question or exclamation mark, a line break. */
    private static final Pattern CLAUSE_END = Pattern.compile("[,;.!?\\n]+");
    private static final Pattern NON_LETTER = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Common Vietnamese syllables that English text almost never contains as words. */
    private static final Set<String> VIETNAMESE_SYLLABLES = Set.copyOf(java.util.List.of(
            "bao", "hanh", "lau", "khong", "co", "cua", "toi", "ban", "la", "gi", "may", "nuoc", "loc",
            "duoc", "the", "nao", "mua", "gia", "doi", "tra", "giao", "hang", "chung", "minh", "em", "anh",
            "chi", "cho", "hoi", "lam", "sao", "bi", "loi", "nhu", "nay", "voi", "tai", "dau", "bep",
            "chien", "noi", "com", "dien", "thoai", "tien", "thanh", "toan", "hop", "dong", "ngay",
            "thang", "nam", "xin", "chao", "cam", "on", "muon", "can", "giup", "sua", "chua", "doi",
            "phi", "van", "chuyen", "bao", "nhieu", "cach", "su", "dung", "khi", "nhung", "va", "ve",
            "mi", "tom", "chua", "cay", "kiem", "don", "huy", "nhan", "vien", "ky", "thuat", "gap"));

    /** English function words: a question holds some whatever it asks about. */
    private static final Set<String> ENGLISH_FUNCTION = Set.copyOf(java.util.List.of(
            "the", "is", "are", "was", "a", "an", "of", "to", "in", "for", "and", "or", "how", "what", "my", "your",
            "do", "does", "did", "can", "could", "would", "should", "will", "i", "you", "it", "on", "with", "which",
            "who", "where", "when", "why", "there", "be", "have", "has", "from", "at", "by", "if", "me", "we", "our",
            "us", "this", "that", "than", "much", "many", "long", "get", "any", "about", "please", "its", "s", "t"));

    /** The shape of one Vietnamese syllable, folded: an onset, one vowel group, an allowed coda. */
    private static final Pattern SYLLABLE = Pattern.compile(
            "(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?");
    private static final Pattern MARKED_WORD = Pattern.compile(
            "[\\p{L}]*" + VIETNAMESE_LETTERS.pattern() + "[\\p{L}]*", Pattern.CASE_INSENSITIVE);

    private Language() {}

    /**
     * "vi" or "en". Vietnamese letters make it Vietnamese, unless they are only in names amid English
     * ("What is the shelf life of Mì Mekong noodles?"). Without marks, a text is Vietnamese when enough of
     * its words are common Vietnamese syllables, or when at least two are, they outnumber English function
     * words, and nearly every word has the shape of a Vietnamese syllable ("Thang truoc quen lay hoa don
     * VAT gio xuat duoc khong?"): English words rarely do ("warranty", "what", "is").
     */
    public static String detect(String text) {
        if (text == null || text.isBlank()) return "vi";
        return DETECTED.get(text);
    }

    /** A turn tells its question's language about six times (responder, retriever, ranker, answerer). */
    private static final RecentResults<String> DETECTED = new RecentResults<>(Language::detectOnce);

    private static String detectOnce(String text) {
        String[] words = foldedWords(text);
        int total = 0;
        int vietnamese = 0;
        int english = 0;
        int shaped = 0;
        for (String w : words) {
            if (w.isEmpty() || w.chars().anyMatch(Character::isDigit)) continue; // numbers and codes say nothing
            total++;
            if (VIETNAMESE_SYLLABLES.contains(w)) vietnamese++;
            if (ENGLISH_FUNCTION.contains(w)) english++;
            if (SYLLABLE.matcher(w).matches()) shaped++;
        }
        if (VIETNAMESE_LETTERS.matcher(text).find()) return english >= 2 && marksOnlyInNames(text) ? "en" : "vi";
        if (total == 0) return "en";
        if (vietnamese * 10 >= total * 4) return "vi";
        return vietnamese >= 2 && vietnamese > english && shaped * 4 >= total * 3 ? "vi" : "en";
    }

    /** Whether every word with a Vietnamese letter starts with a capital: names ("Mì Bò Hầm", "Phương Nam"). */
    private static boolean marksOnlyInNames(String text) {
        var m = MARKED_WORD.matcher(text);
        while (m.find()) {
            if (!Character.isUpperCase(m.group().codePointAt(0))) return false;
        }
        return true;
    }

    /** The words of {@code text} after {@link #fold}: runs of a–z and 0–9 (may start with an empty string). */
    public static String[] foldedWords(String text) {
        return words(fold(text));
    }

    /** The clauses of a question, split where {@link #CLAUSE_END} ends one: each is read on its own. */
    public static String[] clauses(String text) {
        return CLAUSE_END.split(text);
    }

    /**
     * The tokens of each clause ({@link #clauses}) as typed: runs of letters and digits, marks kept, none
     * empty. The rules that read a Vietnamese question word by word ask each clause in turn.
     */
    static List<List<String>> clauseTokens(String text) {
        List<List<String>> clauses = new ArrayList<>();
        for (String clause : clauses(text)) {
            List<String> tokens = new ArrayList<>();
            for (String s : NON_LETTER.split(clause)) if (!s.isEmpty()) tokens.add(s);
            clauses.add(tokens);
        }
        return clauses;
    }

    /** The words of an already folded text: runs of a–z and 0–9 (may start with an empty string). */
    public static String[] words(String folded) {
        return NON_WORD.split(folded);
    }

    /**
     * Lower case without diacritics (every combining mark, {@code \\p{M}}, dropped after canonical
     * decomposition); "đ" becomes "d". Called many times per answer, on every passage: plain ASCII
     * is returned as is or lower-cased in one pass, and text of Latin letters (Vietnamese included),
     * combining marks and common symbols is folded character by character from a table built with
     * {@link #foldSlowly} itself, without decomposing the whole string. Anything else (Greek, whose
     * final sigma folds by context, surrogate pairs…) takes the slow path, so the output is the same.
     */
    public static String fold(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) break;
            i++;
        }
        if (i == n) return text;
        StringBuilder out = new StringBuilder(n);
        out.append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
                continue;
            }
            char folded = c < FOLDED.length ? FOLDED[c] : NOT_IN_TABLE;
            if (folded == NOT_IN_TABLE) return foldSlowly(text);
            if (folded == SEVERAL) out.append(FOLDED_TO_SEVERAL.get(c));
            else if (folded != DROPPED) out.append(folded);
        }
        return out.toString();
    }

    /** The definition of {@link #fold}: lower case, canonical decomposition, every combining mark dropped, "đ" as "d". */
    static String foldSlowly(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < lower.length() && lower.charAt(i) < 0x80) i++;
        if (i == lower.length()) return lower;
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int at = 0; at < decomposed.length(); ) {
            int c = decomposed.codePointAt(at);
            at += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK) continue;
            out.appendCodePoint(c == 'đ' ? 'd' : c);
        }
        return out.toString();
    }

    /**
     * {@link #foldSlowly} of each single character of the Latin blocks (Latin-1 Supplement to IPA
     * and spacing modifiers, Latin Extended Additional, where Vietnamese letters are), of the
     * combining diacritical marks, and of punctuation, currency, letter-like, number-form, arrow
     * and mathematical symbols ("–", "…", "›", "₫", "≥"); {@link #NOT_IN_TABLE} for every other
     * character. In these blocks lower-casing does not depend on the neighbouring characters and
     * decomposition is per character (only the order of marks, which are all dropped, depends on
     * them), so folding a text character by character gives what folding it whole does.
     */
    private static final char[] FOLDED = new char[0x2300];
    private static final char NOT_IN_TABLE = '\uFFFF';
    private static final char DROPPED = '\uFFFE';
    private static final char SEVERAL = '\uFFFD';
    private static final java.util.Map<Character, String> FOLDED_TO_SEVERAL = new java.util.HashMap<>();

    static {
        java.util.Arrays.fill(FOLDED, NOT_IN_TABLE);
        int[][] blocks = {{0x80, 0x36F}, {0x1E00, 0x1EFF}, {0x2000, 0x22FF}};
        for (int[] block : blocks) {
            for (int c = block[0]; c <= block[1]; c++) {
                if (!Character.isDefined(c)) continue;
                String folded = foldSlowly(String.valueOf((char) c));
                if (folded.isEmpty()) {
                    FOLDED[c] = DROPPED;
                } else if (folded.length() == 1 && folded.charAt(0) < SEVERAL) {
                    FOLDED[c] = folded.charAt(0);
                } else {
                    FOLDED[c] = SEVERAL;
                    FOLDED_TO_SEVERAL.put((char) c, folded);
                }
            }
        }
    }


}
