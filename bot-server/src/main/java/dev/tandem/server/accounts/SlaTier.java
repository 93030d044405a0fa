package dev.tandem.server.accounts;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The support SLA tiers of the B2B terms (demo/FACTS.md, "Support SLA tiers"): default targets, the
 * ticket priority each implies, and whether the clock runs 24/7 or in business hours.
 */
public enum SlaTier {
    // resolution in business minutes: a business day is 8:00-17:30, 570 minutes
    STANDARD("Standard", 8 * 60, 5 * 570, false, "low"),
    SILVER("Silver", 4 * 60, 3 * 570, false, "normal"),
    GOLD("Gold", 2 * 60, 2 * 570, false, "high"),
    PLATINUM("Platinum", 30, 24 * 60, true, "urgent");

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final LocalTime OPENS = LocalTime.of(8, 0);
    private static final LocalTime CLOSES = LocalTime.of(17, 30);

    private final String label;
    private final int firstResponseMinutes;
    private final int resolutionMinutes;
    private final boolean roundTheClock;
    private final String priority;

    SlaTier(String label, int firstResponseMinutes, int resolutionMinutes, boolean roundTheClock, String priority) {
        this.label = label;
        this.firstResponseMinutes = firstResponseMinutes;
        this.resolutionMinutes = resolutionMinutes;
        this.roundTheClock = roundTheClock;
        this.priority = priority;
    }

    public static Optional<SlaTier> parse(String value) {
        if (value == null) return Optional.empty();
        String v = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.name().equals(v)).findFirst();
    }

    public String label() { return label; }
    public int firstResponseMinutes() { return firstResponseMinutes; }
    public int resolutionMinutes() { return resolutionMinutes; }
    public boolean roundTheClock() { return roundTheClock; }
    public String priority() { return priority; }

    /** Higher is more urgent; orders queues. */
    public int rank() {
        return ordinal();
    }

    /**
     * When {@code minutes} of SLA time have passed after {@code from}: wall-clock time for a 24/7
     * contract, otherwise business time (Monday-Saturday 8:00-17:30 in Vietnam; holidays not modelled).
     */
    public static Instant due(Instant from, int minutes, boolean roundTheClock) {
        if (roundTheClock) return from.plus(Duration.ofMinutes(minutes));
        ZonedDateTime t = from.atZone(VIETNAM);
        long left = minutes * 60L; // seconds, so that a start at 15:21:36 stays exact
        while (true) {
            if (t.getDayOfWeek() == DayOfWeek.SUNDAY || !t.toLocalTime().isBefore(CLOSES)) {
                t = t.plusDays(1).with(OPENS);
                continue;
            }
            if (t.toLocalTime().isBefore(OPENS)) t = t.with(OPENS);
            long open = Duration.between(t.toLocalTime(), CLOSES).toSeconds();
            if (left <= open) return t.plusSeconds(left).toInstant();
            left -= open;
            t = t.plusDays(1).with(OPENS);
        }
    }
}
