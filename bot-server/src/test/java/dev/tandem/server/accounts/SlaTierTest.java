package dev.tandem.server.accounts;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SlaTierTest {

    // Vietnam is UTC+7: 08:00 local = 01:00Z, 17:30 local = 10:30Z

    @Test
    void business_minutes_skip_the_evening_and_sunday() {
        Instant saturday1700 = Instant.parse("2026-11-28T10:00:00Z");

        // 30 minutes left on Saturday, Sunday closed, then 90 minutes from Monday 08:00
        assertThat(SlaTier.due(saturday1700, 120, false)).isEqualTo(Instant.parse("2026-11-30T02:30:00Z"));
    }

    @Test
    void a_request_before_opening_starts_counting_at_eight() {
        Instant monday0600 = Instant.parse("2026-11-23T23:00:00Z").minusSeconds(24 * 3600); // Monday 06:00 local

        assertThat(SlaTier.due(monday0600, SlaTier.SILVER.firstResponseMinutes(), false))
                .isEqualTo(Instant.parse("2026-11-23T05:00:00Z")); // Monday 12:00 local
    }

    @Test
    void platinum_runs_around_the_clock() {
        Instant sunday0300 = Instant.parse("2026-11-28T20:00:00Z");

        assertThat(SlaTier.due(sunday0300, SlaTier.PLATINUM.firstResponseMinutes(), SlaTier.PLATINUM.roundTheClock()))
                .isEqualTo(Instant.parse("2026-11-28T20:30:00Z"));
        assertThat(SlaTier.PLATINUM.priority()).isEqualTo("urgent");
        assertThat(SlaTier.parse(" gold ")).contains(SlaTier.GOLD);
        assertThat(SlaTier.parse("Diamond")).isEmpty();
    }
}
