package dev.tandem.server.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The kind of value a question asks for — an amount of money, a length of time, a temperature, a time of day, a
 * phone number, a measured quantity, a number — and whether a sentence states one. The answerer quotes the sentences
 * of its passage that share the most words with the question; a sentence that also states what is asked answers it,
 * where one that only repeats the question's words does not: "Màng RO bao lâu thì phải thay?" is answered by
 * "Màng RO: 24–36 tháng", not by "Nên để kỹ thuật viên … thay màng", which shares as many words.
 *
 * <p>Only the quoting uses it: the order of the quoted sentences, and which of the passages that score nearly as well
 * as the chosen one is quoted. Whether any passage answers is left to the other rules, so a loose reading ("bảo hành
 * bao lâu" asks for a period even though it is also said of a policy's scope) never turns a refusal into an answer.
 */
final class AskedValue {

    /**
     * A sentence's weight, in words shared with the question, for stating the value asked: as much as four shared
     * words, so a sentence that states it is quoted unless several share far more. Measured on the seen question sets
     * (cited answers holding every number of their reference answer, of 720): 2 → 515, 3 → 519, 4 → 521, 6 → 521.
     */
    static final int SPECIFIC = 4;
    /** The same, for a number when the question only asks "how many / bao nhiêu". */
    static final int ANY_NUMBER = 1;

    /** A kind of value: how a question asks for it and how a sentence states one (both folded). */
    enum Kind {
        DURATION("\\b(bao lau|how long|may ngay|may thang|may nam|may tuan|may tieng|may phut|how soon|how often|bao nhieu lau"
                + "|bao gio thi|trong vong bao|thoi han|thoi gian (giao|xu ly|sua|bao hanh|hoan|doi|luu|nau|thay)|dinh ky|how many (days|weeks|months|years|hours|minutes))\\b",
                QuantityQuestion.NUMBER + "(\\p{L}+\\s+){0,2}?(s|giay|phut|tieng|gio|ngay|tuan|thang|nam|secs?|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?)\\b"
                        + "|\\b(hang|moi) (ngay|tuan|thang|nam)\\b|\\b(daily|weekly|monthly|yearly|every (day|week|month|year))\\b"),
        TEMPERATURE("\\b(bao nhieu do|may do|nhiet do|temperature|how hot|degrees?)\\b",
                "\\d\\s*(°|do c\\b|do\\b|degrees?\\b)"),
        TIME_OF_DAY("\\b(may gio|what time|mo cua|dong cua|gio lam viec|gio mo|opening (hours|times)|open (on|until|till|at|from)"
                + "|closes?( on| at)?|closing time|(working|business|office) hours)\\b",
                "(?<![\\d.,])\\d{1,2}(:|h)\\d{2}\\b"),
        PHONE("\\b(so dien thoai|dien thoai|sdt|hotline|tong dai|phone|call|goi dien|zalo)\\b",
                "\\b1[89]00[ .]?\\d{4}\\b|\\b0\\d{2,3}[ .]?\\d{3}[ .]?\\d{3,4}\\b"),
        ADDRESS("\\b(o dau|dia chi|duong nao|nam o|where is|where are|where s|address)\\b",
                "\\b(dia chi|address)\\s*:|\\bso \\d{1,4}\\b|(?<![\\d.,:/-])\\d{1,4}[a-z]?(/\\d+)? \\p{L}+ \\p{L}+[^.]*\\b(ward|district|phuong|quan|street)\\b"),
        CALORIES("\\b(calo|calories|calorie|kcal|nang luong)\\b", "\\d[\\d.,]*\\s*(kcal|calo|calories)\\b"),
        // "đường" is sugar and a road alike ("nằm ở đường nào"): only the English word names sugar
        NUTRIENT("\\b(natri|sodium|sugars?|chat beo|fat|protein|chat dam|carbs?|carbohydrates?)\\b",
                "\\d[\\d.,]*\\s*(mg|g)\\b"),
        EMAIL("\\b(email|e mail|mail|thu dien tu)\\b", "[\\w.-]+@[\\w-]+\\.[\\w.]+");

        private final Pattern asks;
        private final Pattern states;

        Kind(String asks, String states) {
            this.asks = Pattern.compile(asks);
            this.states = Pattern.compile(states);
        }
    }

    /**
     * A question for a number of any kind ("bao nhiêu", "mấy", "how many", "how much"); typed with marks, "mấy" is not
     * "máy" (a machine), which folds the same.
     */
    private static final Pattern ASKS_NUMBER = Pattern.compile(
            "(?<!\\p{L})(bao nhiêu|mấy|tối thiểu|tối đa)(?!\\p{L})|\\b(how many|how much|minimum|maximum)\\b");
    private static final Pattern ASKS_NUMBER_UNMARKED = Pattern.compile(
            "\\b(bao nhieu|how many|how much|toi thieu|toi da|minimum|maximum)\\b|\\bmay (?!ban|loc|chien|giat|xay|say|moc|lanh|nong|co|ro|uf|cua|nha|em|anh|chi|minh|toi|bi|nay|do|kia|dang|moi|cu)\\p{L}");
    private static final Pattern NUMBER = Pattern.compile("\\d");

    private static final java.util.Map<Kind, String> SEARCH_WORDS = java.util.Map.of(
            Kind.DURATION, "thời gian time", Kind.TEMPERATURE, "nhiệt độ temperature °C",
            Kind.TIME_OF_DAY, "giờ làm việc giờ mở cửa opening hours", Kind.PHONE, "hotline tổng đài điện thoại phone",
            Kind.ADDRESS, "địa chỉ address", Kind.CALORIES, "năng lượng kcal energy", Kind.NUTRIENT, "dinh dưỡng nutrition",
            Kind.EMAIL, "email");

    /**
     * What a search for a passage stating the value asked adds to the question ("giờ làm việc giờ mở cửa opening hours"
     * for a time of day), or null when the question asks for no amount and no value of the kinds above: a measured
     * quantity is searched for with the product's model ({@link AccountAwareRetriever}), since its words alone find
     * every product's row.
     */
    String searchWords() {
        if (!price && kinds.isEmpty()) return null;
        StringBuilder out = new StringBuilder(price ? "giá VND price" : "");
        for (Kind k : kinds) out.append(' ').append(SEARCH_WORDS.get(k));
        return out.toString().strip();
    }

    private final boolean price;
    private final List<Kind> kinds;
    private final List<QuantityQuestion.Kind> measures;
    private final boolean number;

    private AskedValue(boolean price, List<Kind> kinds, List<QuantityQuestion.Kind> measures, boolean number) {
        this.price = price;
        this.kinds = kinds;
        this.measures = measures;
        this.number = number;
    }

    /** What the question asks for, as far as the kinds above tell. */
    static AskedValue of(QuestionText question) {
        String folded = question.folded();
        List<Kind> kinds = new ArrayList<>();
        for (Kind k : Kind.values()) if (k.asks.matcher(folded).find()) kinds.add(k);
        return new AskedValue(PriceQuestion.asks(question), List.copyOf(kinds), QuantityQuestion.asks(question),
                question.holds(ASKS_NUMBER, ASKS_NUMBER_UNMARKED));
    }

    /** Whether the question asks for any value this class knows. */
    boolean any() {
        return price || number || !kinds.isEmpty() || !measures.isEmpty();
    }

    /** Whether the question asks for a value of a kind more definite than "a number". */
    boolean specific() {
        return price || !kinds.isEmpty() || !measures.isEmpty();
    }

    /** Whether a text states a value of a definite kind the question asks for. */
    boolean statedIn(String text) {
        return specific() && statesAsked(new PassageText(text));
    }

    /** How much a sentence's stating what is asked adds to its score (0 when it states none of it). */
    int weight(String sentence) {
        if (!any()) return 0;
        if (statesAsked(new PassageText(sentence))) return SPECIFIC;
        return number && NUMBER.matcher(sentence).find() ? ANY_NUMBER : 0;
    }

    /** Whether a text states a value of a definite kind asked; the text is folded once, for every kind. */
    private boolean statesAsked(PassageText text) {
        if (price && PriceQuestion.statesAmount(text)) return true;
        String folded = text.folded();
        for (Kind k : kinds) if (k.states.matcher(folded).find()) return true;
        for (QuantityQuestion.Kind m : measures) if (m.statedIn(folded)) return true;
        return false;
    }
}
