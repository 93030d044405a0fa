package dev.tandem.server.accounts;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The consumer warranty policy of Mekong Home (demo/FACTS.md, "Consumer warranty") and how a
 * contract's extension adds to it. One place, so the importer, the service and the tests agree.
 */
public final class WarrantyPolicy {

    /** Product categories a contract may extend; membranes and cartridges are never extended. */
    public static final Set<String> EXTENSIBLE = Set.of("water_purifier", "rice_cooker", "rice_cooker_ih_coil", "air_fryer", "kettle");

    /** Shorthand accepted by the importer for "every appliance" (Lotus Hotels' contract). */
    public static final String ALL_APPLIANCES = "all_appliances";

    private record Rule(String category, String label, int months) {}

    private static final Map<String, Rule> BY_SKU = Map.ofEntries(
            Map.entry("MH-RO100", new Rule("water_purifier", "water purifier", 24)),
            Map.entry("MH-RO200", new Rule("water_purifier", "water purifier", 24)),
            Map.entry("MH-UF50", new Rule("water_purifier", "water purifier", 24)),
            Map.entry("MH-RC18", new Rule("rice_cooker", "rice cooker", 12)),
            Map.entry("MH-RC18IH", new Rule("rice_cooker", "rice cooker (IH heating coil 24 months)", 12)),
            Map.entry("MH-AF55", new Rule("air_fryer", "air fryer", 18)),
            Map.entry("MH-AF80D", new Rule("air_fryer", "air fryer", 18)),
            Map.entry("MH-KT17", new Rule("kettle", "kettle", 12)),
            Map.entry("MH-F-RO75", new Rule("membrane", "RO membrane", 12)),
            Map.entry("MH-F-RO100", new Rule("membrane", "RO membrane", 12)),
            Map.entry("MH-F-UF", new Rule("membrane", "UF membrane", 12)),
            Map.entry("MH-K123", new Rule("filter_cartridge", "filter cartridges (consumable)", 0)));

    /** Serial format MH-&lt;model&gt;-YYMMnnnn: the first four digits are the month of manufacture. */
    private static final Pattern SERIAL = Pattern.compile("MH-([A-Z0-9-]+)-(\\d{2})(\\d{2})\\d{4}");

    private WarrantyPolicy() {}

    public static boolean knownProduct(String sku) {
        return BY_SKU.containsKey(sku);
    }

    public static String category(String sku) {
        return rule(sku).category();
    }

    /**
     * When the warranty starts: the purchase (or delivery) date when known; without an invoice,
     * 60 days after the first day of the month of manufacture encoded in the serial.
     */
    public static Optional<LocalDate> start(String serialOrOrder, LocalDate purchaseDate) {
        if (purchaseDate != null) return Optional.of(purchaseDate);
        Matcher m = SERIAL.matcher(serialOrOrder);
        if (!m.matches()) return Optional.empty();
        int month = Integer.parseInt(m.group(3));
        if (month < 1 || month > 12) return Optional.empty();
        return Optional.of(LocalDate.of(2000 + Integer.parseInt(m.group(2)), month, 1).plusDays(60));
    }

    /** The warranty of one product, with a contract's extra months for its category (0 if none). */
    public static Coverage coverage(String sku, LocalDate start, int extraMonths, String contractNumber) {
        Rule rule = rule(sku);
        if (rule.months() == 0) {
            return new Coverage(start, start.minusDays(1), "policy: " + rule.label() + ", no warranty");
        }
        int months = rule.months() + extraMonths;
        String basis = "policy: " + rule.label() + " " + rule.months() + " months"
                + (extraMonths > 0 ? " + contract " + contractNumber + ": +" + extraMonths + " months" : "")
                + ", from " + start;
        return new Coverage(start, start.plusMonths(months).minusDays(1), basis);
    }

    private static Rule rule(String sku) {
        Rule rule = BY_SKU.get(sku);
        if (rule == null) throw new IllegalArgumentException("unknown product " + sku);
        return rule;
    }

    /** Start, last day covered (inclusive) and how it was computed. */
    public record Coverage(LocalDate start, LocalDate expiry, String basis) {}
}
