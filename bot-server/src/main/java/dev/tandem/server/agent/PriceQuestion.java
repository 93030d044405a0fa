package dev.tandem.server.agent;

import java.util.regex.Pattern;

/**
 * A question for an amount of money ("giá bán lẻ ... bao nhiêu", "đặt cọc bao nhiêu tiền", "how much
 * does ... cost") and whether a passage states one. A passage that states no amount — no sum in VND,
 * nor "free" — cannot answer it, however many of its other words it shares: quoting the product's
 * manual for its retail price invents nothing, but answers nothing either.
 */
final class PriceQuestion {

    /** Folded: "bao nhiêu tiền", "giá/phí/cọc ... bao nhiêu", "how much ... cost/charge/pay", "what's the price/cost/fee". */
    private static final Pattern ASKS = Pattern.compile(
            "\\bbao nhieu tien\\b|\\b(gia(?! (han|dinh|dung|tang|tri))|phi|coc)\\b.*\\bbao nhieu\\b|\\bbao nhieu\\b.*\\b(gia(?! (han|dinh|dung|tang|tri))|phi)\\b"
                    + "|\\bhow much\\b.*\\b(cost|costs|charge|charges|fee|fees|price|pay)\\b|\\bhow much is\\b"
                    + "|\\b(what|whats|what s)\\b.*\\b(price|cost|fee|fees|charge)\\b");
    /**
     * Folded: a sum with its currency ("35,000 VND", "30.000d", "2 trieu"; not a model code's "80d"), or free of charge.
     */
    private static final Pattern AMOUNT = Pattern.compile(
            "(?<![\\p{L}\\d])\\d[\\d.,]*\\s*(vnd|dong|nghin|ngan|trieu|ty|billion|million)\\b"
                    + "|(?<![\\p{L}\\d])\\d{1,3}([.,]\\d{3})+\\s*(d|k)\\b|\\d\\s*₫|₫\\s*\\d|\\bvnd\\s*\\d"
                    + "|\\bmien phi\\b|\\bfree\\b|\\bfree of charge\\b|\\bkhong (mat|tinh) phi\\b");

    private PriceQuestion() {}

    /** "Cốc" (a cup, "cốc đong") folds to "coc" as "cọc" (a deposit) does: typed with its marks, it is no deposit. */
    private static final Pattern CUP = Pattern.compile("(?<!\\p{L})cốc(?!\\p{L})");
    /** Typed without marks, a count of cups or a cup of something ("3 coc gao", "coc nuoc") is no deposit either. */
    private static final Pattern CUP_UNMARKED = Pattern.compile("\\b(\\d+|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi) coc\\b|\\bcoc (gao|nuoc|dong)\\b");

    /** Whether the question asks for an amount of money. */
    static boolean asks(QuestionText question) {
        String folded = Language.fold(CUP.matcher(question.lower()).replaceAll(" "));
        return ASKS.matcher(CUP_UNMARKED.matcher(folded).replaceAll(" ")).find();
    }

    /** A unit after a number in thousands makes it a measurement ("1.500 W", "1,000 mg/L"), not a sum. */
    private static final String MEASURE_UNIT = "(w|kw|v|hz|mm|cm|m|kg|g|mg|ml|l|lit|kcal|mah|vong|rpm)\\b";
    /** A sum in thousands ("7,150,000"), which a price table writes without its currency, under a "(VND)" or "price" header. */
    private static final Pattern THOUSANDS = Pattern.compile("\\b\\d{1,3}([.,]\\d{3})+(?![.,]?\\d)(?!\\s*" + MEASURE_UNIT + ")");
    /** A price header or a currency; "giá trị" (a value, a spec table's column) is no price. */
    private static final Pattern CURRENCY = Pattern.compile("\\b(vnd|dong|price|prices|gia(?! tri))\\b|₫");

    /** Whether a text (a passage with its title and headings) states an amount of money or that something is free. */
    static boolean statesAmount(PassageText text) {
        String folded = text.folded();
        return AMOUNT.matcher(folded).find() || THOUSANDS.matcher(folded).find() && CURRENCY.matcher(folded).find();
    }

    /**
     * Whether a sentence or table row of the passage states an amount and, with the passage's title and headings, names
     * one of {@code models}: a service centre's list of services names the MH-K123 filter set in one row ("Bán bộ lõi
     * thô MH-K123 … · Có") and states a repair fee in another, which is not the set's price.
     */
    static boolean statesAmountFor(java.util.Set<String> models, String label, String text) {
        return rowStatesAmount(label, text, row -> PassageRanker.modelsOf(label, row).stream().anyMatch(models::contains));
    }

    /**
     * Whether a passage states the amount for the thing an open question prices ({@link OpenQuestion.Asked}: "a
     * replacement lid", "thay bản lề nắp", "sửa chữa ngoài giờ"): a sentence or table row stating an amount names it,
     * with the passage's title and headings. A recall notice offers "a free new MH-KT17 kettle" and the service page
     * installs purifiers "miễn phí": free, but not the lid or the out-of-hours repair asked about. A sum in thousands
     * counts in a row when the passage names its currency (a price list's "(VND)" header). When the question names no
     * thing ("Phí ship bn?"), any amount does.
     */
    static boolean statesAmountOf(OpenQuestion.Asked priced, QuestionText question, String label, String text) {
        if (priced.words().isEmpty()) return true;
        return rowStatesAmount(label, text, row -> priced.answeredBy(question, new PassageText(label + "\n" + row)));
    }

    /**
     * The units a question prices by ("mỗi mét ống thêm", "một thùng Mì Bò Hầm", "per metre", "a carton of …"), folded,
     * and how a passage writes each: a length of pipe or a carton of noodles is priced per unit, and an amount for the
     * installation ("miễn phí lắp đặt") or for an order ("50.000.000 VND mỗi đơn") is not its price.
     */
    private static final Pattern PER_UNIT = Pattern.compile(
            "\\b(?:(?:moi|mot|1|per|each)\\s+(?<unit>met|m|metre|meter|thung|carton)|a\\s+(?<named>metre|meter|carton))\\b");
    private static final Pattern METRE = Pattern.compile("\\b(m|met|metres?|meters?)\\b");
    private static final Pattern CARTON = Pattern.compile("\\b(thung|cartons?)\\b");

    /** How a passage writes the unit the question prices by ({@link #PER_UNIT}), or null when it prices by none. */
    static Pattern unitPriced(QuestionText question) {
        var m = PER_UNIT.matcher(question.folded());
        if (!m.find()) return null;
        // "a m" is a time of day ("before 10 a.m."), never a metre: after "a" only the unit written out counts
        return switch (m.group("unit") != null ? m.group("unit") : m.group("named")) {
            case "thung", "carton" -> CARTON;
            default -> METRE;
        };
    }

    /**
     * Whether a sentence or table row of the passage states an amount and, with the passage's title and headings, writes
     * the unit the question prices by; any amount when {@code unit} is null.
     */
    static boolean statesAmountPer(Pattern unit, String label, String text) {
        if (unit == null) return true;
        return rowStatesAmount(label, text, row -> unit.matcher(Language.fold(label + "\n" + row)).find());
    }

    /**
     * Whether a sentence or table row of {@code text} states an amount and passes {@code names}: a sum with its currency or
     * "free", or a sum in thousands when the passage (with its {@code label}) names its currency.
     */
    private static boolean rowStatesAmount(String label, String text, java.util.function.Predicate<String> names) {
        boolean currency = CURRENCY.matcher(Language.fold(label + "\n" + text)).find();
        for (String row : PassageRanker.SENTENCE_END.split(text)) {
            String folded = Language.fold(row);
            boolean amount = AMOUNT.matcher(folded).find() || currency && THOUSANDS.matcher(folded).find();
            if (amount && names.test(row)) return true;
        }
        return false;
    }
}
