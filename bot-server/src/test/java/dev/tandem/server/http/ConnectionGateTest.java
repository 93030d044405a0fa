package dev.tandem.server.http;

import dev.tandem.server.ServerConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connection and rate limits, and the TANDEM_* keys that set them. */
class ConnectionGateTest {

    @Test
    void admits_up_to_the_total_and_per_ip_limits_and_frees_on_release() {
        var gate = new ConnectionGate(new SocketLimits(3, 2, 5, 20, 100, 300));

        assertThat(gate.admit("10.0.0.1")).isTrue();
        assertThat(gate.admit("10.0.0.1")).isTrue();
        assertThat(gate.hasRoom("10.0.0.1")).isFalse();
        assertThat(gate.admit("10.0.0.1")).as("third from one IP").isFalse();
        assertThat(gate.admit("10.0.0.2")).isTrue();
        assertThat(gate.admit("10.0.0.3")).as("over the total").isFalse();
        assertThat(gate.open()).isEqualTo(3);

        gate.release("10.0.0.1");
        assertThat(gate.admit("10.0.0.3")).isTrue();
    }

    @Test
    void sockets_of_one_ip_share_one_bucket() {
        var gate = new ConnectionGate(new SocketLimits(10, 10, 5, 20, 1, 3));
        gate.admit("10.0.0.1");
        gate.admit("10.0.0.1");

        int allowed = 0;
        for (int i = 0; i < 10; i++) if (gate.tryFrame("10.0.0.1")) allowed++;

        assertThat(allowed).isEqualTo(3);
    }

    @Test
    void an_ips_bucket_shared_by_many_threads_gives_out_its_burst_once() throws Exception {
        var gate = new ConnectionGate(new SocketLimits(10, 10, 5, 20, 0.001, 500)); // refills one frame in 1,000 s
        gate.admit("10.0.0.1");
        var allowed = new java.util.concurrent.atomic.AtomicInteger();
        var start = new java.util.concurrent.CountDownLatch(1);
        var threads = new java.util.ArrayList<Thread>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200; i++) if (gate.tryFrame("10.0.0.1")) allowed.incrementAndGet();
            }));
        }
        start.countDown();
        for (Thread t : threads) t.join();

        assertThat(allowed.get()).as("1,600 tries at once, a burst of 500").isEqualTo(500);
    }

    @Test
    void an_ips_bucket_refills_at_its_rate() {
        long t0 = 1_000_000_000L;
        var limiter = new RateLimiter(5, 2, t0); // one frame per 200 ms, two at once
        boolean[] first = {limiter.tryAcquire(t0), limiter.tryAcquire(t0), limiter.tryAcquire(t0)};
        long t1 = t0 + 500_000_000L; // more than two frames' worth: the bucket holds its burst, not more
        boolean[] later = {limiter.tryAcquire(t1), limiter.tryAcquire(t1), limiter.tryAcquire(t1)};
        boolean oneMore = limiter.tryAcquire(t1 + 200_000_000L);

        assertThat(first).as("the burst, then spent").containsExactly(true, true, false);
        assertThat(later).as("refilled up to the burst").containsExactly(true, true, false);
        assertThat(oneMore).as("one more after one interval").isTrue();
    }

    @Test
    void limits_come_from_tandem_keys_with_defaults() {
        var defaults = ServerConfig.fromEnv(Map.of()).socketLimits();
        assertThat(defaults).isEqualTo(SocketLimits.defaults());

        var set = ServerConfig.fromEnv(Map.of("TANDEM_MAX_CONNECTIONS", "100", "TANDEM_MAX_CONNECTIONS_PER_IP", "7",
                "TANDEM_MESSAGES_PER_SECOND", "2", "TANDEM_IP_MESSAGES_PER_SECOND", "40")).socketLimits();
        assertThat(set).isEqualTo(new SocketLimits(100, 7, 2, 8, 40, 120));

        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("TANDEM_MAX_CONNECTIONS", "lots")))
                .hasMessageContaining("TANDEM_MAX_CONNECTIONS");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("TANDEM_MAX_CONNECTIONS_PER_IP", "0")))
                .hasMessageContaining("TANDEM_MAX_CONNECTIONS_PER_IP");
    }
}
