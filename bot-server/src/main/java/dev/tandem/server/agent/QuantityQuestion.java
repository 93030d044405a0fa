package dev.tandem.server.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A question for a measured quantity — a weight, a duration, a noise level, a power draw, an energy
 * use, a volume, a length, a percentage — and whether a passage states one: the counterpart of {@link PriceQuestion} for measurements.
 * "What is the noise level of the MH-RO200 in decibels?" is not answered by the MH-RO200 troubleshooting
 * table, however many words it shares, when no number in it is a number of decibels; "nồi chiên MH-AF80D
 * nặng bao nhiêu ký" is not answered by a comparison table that gives its capacity and power but not its
 * weight. Only the kinds of quantity below are recognised, each by how a question asks for it and the
 * units a passage writes it in (a word or two may come between: "5–7 working days"); a question for
 * anything else is left to the other checks. "Mấy giờ" asks for a time of day and "bao lâu" is used
 * loosely ("bảo hành bao lâu", "lưu bao lâu"), so Vietnamese durations count only with their unit.
 */
final class QuantityQuestion {

    /** A number as a passage writes it before its unit: "6.5", "1,800", "5–6", "0,1-0,4"; not the minutes of a time of day ("21:00 every day"). */
    static final String NUMBER = "(?<![\\p{L}\\d:])\\d[\\d.,]*(\\s*(-|–|to|den)\\s*\\d[\\d.,]*)?\\s*";

    /** A kind of quantity: how a question asks for it (folded) and how a passage states one (folded). */
    enum Kind {
        NOISE("\\b(decibels?|db|dba|noise levels?|how loud|how noisy|do on)\\b",
                "(db|dba|decibels?)\\b", "noise độ ồn dB"),
        WEIGHT("\\b(weigh|weighs|weight|how heavy|nang bao nhieu|nang may|trong luong|khoi luong|can nang|bao nhieu (kg|ky|ki lo|kilogram|can)|may (kg|ky|can)"
                + "|how many (kilograms|kilos|kg))\\b",
                "(kg|kilograms?|ky|g|grams?|gam)\\b", "weight trọng lượng kg"),
        ENERGY("\\b(kwh|kilowatt hours?|so dien(?! thoai)|bao nhieu dien|electricity (use|usage|consumption)|power consumption per"
                + "|how much electricity|energy (use|usage|consumption))\\b",
                "(kwh|kilowatt hours?|so dien(?! thoai))\\b", "kWh điện năng"),
        POWER("\\b(wattage|how many (watts|w|kw)|bao nhieu (w|oat|watt|kw)|may (w|oat|kw))\\b",
                "(w|kw|watts?)\\b", "power công suất W"),
        VOLUME("\\b(how many (litres|liters|ml|millilitres|milliliters)|(bao nhieu|may) (lit|ml))\\b",
                "(l|lit|litres?|liters?|ml)\\b", "capacity dung tích L"),
        LENGTH("\\b((dai|rong|cao) (bao nhieu|may)|(bao nhieu|may) (met|cm|mm|centimet|milimet)"
                + "|how many (metres|meters|centimetres|centimeters|cm|millimetres|millimeters|mm)|how (wide|tall|deep|thick)"
                + "|how long is (the|its|a) (\\w+ )?(cord|cable|hose|pipe|tube))\\b",
                "(mm|cm|m|met|metres?|meters?|centimet|milimet)\\b", "dimensions length kích thước chiều dài cm m"),
        PERCENT("(\\b(bao nhieu|may) (phan tram\\b|%)|\\bwhat (percent|percentage)\\b|\\bhow many percent\\b|\\bpercentage\\b)",
                "(%|phan tram\\b|percent\\b)", "%"),
        DURATION("\\b(how long does|how long do|how long will|how long until|how long before|how long to|how many (minutes|hours|days|weeks|months|years)"
                + "|(bao nhieu|may) (giay|phut|tieng|ngay|tuan|thang|nam)|bao nhieu gio)\\b",
                "(s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|giay|phut|tieng|gio|ngay|tuan|thang|nam)\\b",
                "thời gian time");

        private final Pattern asks;
        private final Pattern states;
        private final String searchWords;

        /** {@code searchWords}: what a specification table calls the measure and writes after its value, both languages. */
        Kind(String asks, String unit, String searchWords) {
            this.asks = Pattern.compile(asks);
            this.states = Pattern.compile(NUMBER + "(\\p{L}+\\s+){0,2}?(" + unit + ")");
            this.searchWords = searchWords;
        }

        /** The words a search for this measure of a product adds to its model ("MH-AF80D weight trọng lượng kg"). */
        String searchWords() {
            return searchWords;
        }

        /** Whether a (folded) text states a quantity of this kind: a number with one of its units. */
        boolean statedIn(String folded) {
            return states.matcher(folded).find();
        }
    }

    private QuantityQuestion() {}

    /** The kinds of quantity the question asks for (usually none or one). */
    static List<Kind> asks(QuestionText question) {
        String folded = question.folded();
        List<Kind> kinds = new ArrayList<>();
        for (Kind k : Kind.values()) if (k.asks.matcher(folded).find()) kinds.add(k);
        return kinds;
    }

    /** Whether a text (a passage with its title and headings) states a quantity of every kind asked for. */
    static boolean statesAll(List<Kind> kinds, PassageText text) {
        if (kinds.isEmpty()) return true;
        String folded = text.folded();
        for (Kind k : kinds) if (!k.statedIn(folded)) return false;
        return true;
    }
}
