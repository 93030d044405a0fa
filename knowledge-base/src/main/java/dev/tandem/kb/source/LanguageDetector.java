package dev.tandem.kb.source;

/**
 * Tells Vietnamese from English by the share of letters that only Vietnamese uses (ă â đ ê ô ơ ư
 * and the tone marks). Good enough for whole documents and for most questions typed with marks;
 * a question typed without marks reads as English, which the analyzers do not depend on.
 */
public final class LanguageDetector {

    private static final String VIETNAMESE_LETTERS =
            "ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ";

    /** {@link #VIETNAMESE_LETTERS} by character: one array read per letter instead of a scan of the list. */
    private static final boolean[] IS_VIETNAMESE = table();

    private LanguageDetector() {}

    private static boolean[] table() {
        int max = 0;
        for (int i = 0; i < VIETNAMESE_LETTERS.length(); i++) max = Math.max(max, VIETNAMESE_LETTERS.charAt(i));
        boolean[] table = new boolean[max + 1];
        for (int i = 0; i < VIETNAMESE_LETTERS.length(); i++) table[VIETNAMESE_LETTERS.charAt(i)] = true;
        return table;
    }

    private static boolean vietnamese(char c) {
        return c < IS_VIETNAMESE.length && IS_VIETNAMESE[c];
    }

    /** "vi" or "en". */
    public static String detect(String text) {
        int letters = 0;
        int vietnamese = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (!Character.isLetter(c)) continue;
            letters++;
            if (vietnamese(c)) vietnamese++;
        }
        // Vietnamese text has a marked letter in most syllables (~15–30% of letters); English has
        // none, save names. 3% separates them with a wide margin.
        return letters > 0 && vietnamese * 100 >= letters * 3 ? "vi" : "en";
    }
}
