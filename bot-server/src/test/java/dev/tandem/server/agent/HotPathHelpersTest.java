package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The answer path's shortcuts give what the code they replace gave. */
class HotPathHelpersTest {

    @Test
    void three_decimals_are_what_the_formatter_writes() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, 0.0005, 0.0015, 0.1235, 0.2345, 0.9995, 1.0005,
                1e-9, 5e-4, -0.25, -4.9e-324, Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 123456.78951));
        for (int i = 0; i <= 20_000; i++) { // every value with four decimals in [0, 2], and its neighbours
            values.add(i / 10_000.0);
            values.add(Math.nextUp(i / 10_000.0));
            values.add(Math.nextDown(i / 10_000.0));
        }
        Random random = new Random(8);
        for (int i = 0; i < 200_000; i++) values.add(random.nextDouble() * 3);
        for (double x : values) {
            assertThat(GroundingPrompt.threeDecimals(x)).as("%s", x).isEqualTo(String.format(Locale.ROOT, "%.3f", x));
        }
    }

    @Test
    void the_system_prompt_is_not_copied_when_langchain4j_checks_it_is_not_blank() {
        // LangChain4j checks every message text with String.trim() (Utils.isNullOrBlank), on each turn for the
        // system prompt: a prompt without whitespace at either end is returned as it is instead of copied
        assertThat(SupportAgent.SYSTEM_PROMPT.trim()).isSameAs(SupportAgent.SYSTEM_PROMPT);
        assertThat(dev.langchain4j.data.message.SystemMessage.from(SupportAgent.SYSTEM_PROMPT).text()).isSameAs(SupportAgent.SYSTEM_PROMPT);
    }

    @Test
    void recent_results_give_each_key_its_own_value_and_compute_a_repeat_once() {
        AtomicInteger computed = new AtomicInteger();
        RecentResults<String> upper = new RecentResults<>(s -> {
            computed.incrementAndGet();
            return s.toUpperCase(Locale.ROOT);
        });
        assertThat(upper.get("a")).isEqualTo("A");
        assertThat(upper.get("a")).isEqualTo("A");
        assertThat(computed).hasValue(1);
        // more keys than entries, round and round: always the right value
        for (int round = 0; round < 3; round++) {
            for (String k : List.of("b", "c", "d", "e", "f", "a")) assertThat(upper.get(k)).isEqualTo(k.toUpperCase(Locale.ROOT));
        }
        // another thread has its own entries
        computed.set(0);
        Thread other = Thread.ofVirtual().start(() -> upper.get("a"));
        try {
            other.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(computed).hasValue(1);
    }
}
