package dev.tandem.server.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quantities a question states, and whether a passage states the same: "Nồi cơm MH-RC18 có loại
 * <b>1 lít</b> không?", "How long does the MH-KT17 take to boil exactly <b>1 litre</b>?", "Khi nào bảng giá
 * sỉ năm <b>2027</b> được công bố?", "chỉnh nước nóng xuống <b>70 độ</b> được không?". A question that names a
 * volume, a weight, a length, a percentage, a temperature or a year asks about that one: a passage giving the
 * product's 1,8 lít, the kettle's times for 1.7 L and 0.5 L, the hot tank's 85–95 °C or the 2026 price list answers
 * another question, however many of its words it shares. The passage quoted
 * must state the same number in a unit of the same kind ("1 L", "1 litre" and "1 lít" are one; "1,8 lít" is
 * not "1 lít"), or, for a year, hold it.
 * <p>
 * Not every number a question writes is one it asks about. A rate's base ("cứ 1 lít nước sạch thì thải ra
 * bao nhiêu", "per 10,000 VND") is a unit of account, not a variant; money, points, counts and durations
 * are most often the customer's own figures for the answer to work with ("đơn 25 triệu", "trả góp 12
 * tháng", "2 tuần", "5 cốc gạo") and are left to the other checks. Codes and serial numbers (LOT 250810,
 * HĐ-2025-PN-014) are no years.
 */
final class StatedQuantity {

    /** A kind of quantity: the units (folded) a question and a passage write it in. */
    enum Kind {
        VOLUME("ml|l|lit|lits|litre|litres|liter|liters|mililit"),
        WEIGHT("kg|kgs|ky|ki lo|kilo|kilos|kilogram|kilograms|g|gram|grams|gam"),
        LENGTH("mm|cm|m|met|metre|metres|meter|meters"),
        PERCENT("%|phan tram|percent|per cent"),
        TEMPERATURE("°c|°|do c|do|degrees|degree|celsius");

        private final String units;

        Kind(String units) {
            this.units = units;
        }
    }

    /** A number (as folded text) and the kind of its unit; {@code kind} null for a year. */
    record Stated(String number, Kind kind) {}

    /** A number and its unit in a (folded) question; the word before it tells a rate ("per", "cứ", "mỗi"). */
    private static final Pattern NUMBER_UNIT;
    private static final List<Kind> KINDS = List.of(Kind.values());

    static {
        StringBuilder alternatives = new StringBuilder();
        for (Kind k : KINDS) {
            if (!alternatives.isEmpty()) alternatives.append('|');
            alternatives.append("(?<k").append(k.ordinal()).append(">").append(k.units).append(')');
        }
        NUMBER_UNIT = Pattern.compile("(?:(?<before>\\p{L}+)\\s+)?(?<![\\p{L}\\p{N}.,/-])(?<n>\\d+(?:[.,]\\d+)?)\\s*-?\\s*(?:"
                + alternatives + ")(?![\\p{L}\\p{N}])");
    }

    /** A year written on its own: 19xx or 20xx, not inside a code, a date's digits or a larger number. */
    private static final Pattern YEAR = Pattern.compile("(?<![\\p{L}\\p{N}.,/-])((?:19|20)\\d{2})(?![\\p{N}]|[.,/-]\\p{N}|-)");
    /** Words before a number that make it a rate's base: "per litre", "cứ 1 lít", "mỗi 1 kg". */
    private static final Set<String> RATE = Set.of("per", "each", "every", "cu", "moi", "tren");

    private StatedQuantity() {}

    /** The quantities a question states, in order (none for most questions). */
    static List<Stated> of(QuestionText question) {
        String folded = question.foldedAsTyped();
        List<Stated> stated = new ArrayList<>();
        Matcher m = NUMBER_UNIT.matcher(folded);
        while (m.find()) {
            String before = m.group("before");
            if (before != null && RATE.contains(before)) continue;
            for (Kind k : KINDS) {
                if (m.group("k" + k.ordinal()) != null) {
                    stated.add(new Stated(normal(m.group("n")), k));
                    break;
                }
            }
        }
        Matcher y = YEAR.matcher(folded);
        while (y.find()) stated.add(new Stated(y.group(1), null));
        return List.copyOf(stated);
    }

    /**
     * Whether a passage (label and text) states every quantity in {@code stated}: the same number with a
     * unit of the same kind, or the year.
     */
    static boolean statedIn(List<Stated> stated, PassageText passage) {
        if (stated.isEmpty()) return true;
        String folded = passage.folded();
        for (Stated s : stated) if (!holds(folded, s)) return false;
        return true;
    }

    /** Each stated quantity's pattern in a passage, compiled once: a question checks every candidate passage. */
    private static final BoundedCache<Stated, Pattern> WRITTEN = new BoundedCache<>(256);

    private static boolean holds(String folded, Stated s) {
        return WRITTEN.get(s, StatedQuantity::written).matcher(folded).find();
    }

    /** The stated number as a passage writes it: for a year on its own, else followed by a unit of the kind. */
    private static Pattern written(Stated s) {
        String number = s.number().replace(".", "[.,]");
        return s.kind() == null
                ? Pattern.compile("(?<!\\p{N})" + number + "(?!\\p{N})")
                : Pattern.compile("(?<![\\p{N}.,])" + number + "(?![.,]?\\p{N})\\s*-?\\s*(?:" + s.kind().units + ")(?![\\p{L}\\p{N}])");
    }

    /** "1,5" and "1.5" are one number; whole numbers as written. */
    private static String normal(String n) {
        return n.replace(',', '.');
    }
}
