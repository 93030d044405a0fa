package dev.tandem.kb.source;

/**
 * Tells Vietnamese from English by the share of letters that only Vietnamese uses (ă â đ ê ô ơ ư
 * and the tone marks). Good enough for whole documents and for most questions typed with marks;
 * a question typed without marks reads as English, which the analyzers do not depend on.
 */
public final class LanguageDetector {

    private static final String VIETNAMESE_LETTERS =
            "ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ";

    private LanguageDetector() {}

    /** "vi" or "en". */
    public static String detect(String text) {
        int letters = 0;
        int vietnamese = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (!Character.isLetter(c)) continue;
            letters++;
            if (VIETNAMESE_LETTERS.indexOf(c) >= 0) vietnamese++;
        }
        // Vietnamese text has a marked letter in most syllables (~15–30% of letters); English has
        // none, save names. 3% separates them with a wide margin.
        return letters > 0 && vietnamese * 100 >= letters * 3 ? "vi" : "en";
    }
}
