package dev.tandem.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.support.WsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.tandem.server.engine.Frames.ack;
import static dev.tandem.server.engine.Frames.cid;
import static dev.tandem.server.engine.Frames.hello;
import static dev.tandem.server.engine.Frames.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tab that stops reading while its conversation streams megabytes: its queue fills, it is closed
 * (1013, then cut), and neither the other tab of that conversation nor another conversation waits for it.
 */
class SlowConsumerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static EngineServer server;

    @BeforeAll
    static void start() {
        // every "stream …" turn streams 100 deltas of 8 KB: 800 KB to each tab of that conversation; the
        // other conversation's "ping" turns get their answer alone, so that only the stuck tab can fall behind
        server = EngineServer.start(dataDir, ScriptedBot.streamingFor("stream", 100, 8 * 1024));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_tab_that_stops_reading_is_disconnected_and_others_are_not_slowed() throws Exception {
        try (var active = WsTestClient.connect(server.port()); var other = WsTestClient.connect(server.port())) {
            // given: a stuck tab on the active conversation, and another conversation measuring its acks
            JsonNode welcome = hello(active);
            String conversation = welcome.path("conversationId").asText();
            hello(other);
            List<Long> baseline = ackLatencies(other, 20);
            var stuck = new RawWsClient(server.port(), 16 * 1024);
            stuck.sendText(JSON.writeValueAsString(java.util.Map.of("type", "hello", "visitorId",
                    welcome.path("visitorId").asText(), "conversationId", conversation, "lastSeq", 0)));
            double dropsBefore = server.metric("tandem_ws_queue_drops_total");

            // when: the active tab keeps the bot streaming while the stuck tab reads nothing
            List<Long> during = Collections.synchronizedList(new ArrayList<>());
            var streaming = new AtomicBoolean(true);
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                pool.submit(() -> {
                    while (streaming.get()) during.addAll(ackLatencies(other, 1));
                    return null;
                });
                for (int i = 0; i < 40 && server.metric("tandem_ws_queue_drops_total") == dropsBefore; i++) {
                    String cid = cid();
                    message(active, cid, "stream " + i);
                    ack(active, cid);
                    Thread.sleep(100);
                }
                streaming.set(false);
            }

            // then: the stuck tab was dropped, its socket reaches its end, the others kept pace
            assertThat(server.metric("tandem_ws_queue_drops_total")).isGreaterThan(dropsBefore);
            stuck.soTimeout(20_000);
            while (stuck.read() != null) {
                // drain what the kernel buffered until the server's close or cut
            }
            stuck.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.metric("tandem_ws_connections") == 2);
            assertThat(active.closed()).isNotDone();
            long baseP50 = percentile(baseline, 0.5);
            long duringP99 = percentile(during, 0.99);
            System.out.printf("ack latency ms: baseline p50=%d p99=%d; during the stall p50=%d p99=%d (n=%d)%n",
                    baseP50, percentile(baseline, 0.99), percentile(during, 0.5), duringP99, during.size());
            assertThat(during).isNotEmpty();
            assertThat(duringP99).as("other conversation's ack p99 while a tab is stuck").isLessThan(1_000);
        }
    }

    private static List<Long> ackLatencies(WsTestClient client, int n) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String cid = cid();
            long start = System.nanoTime();
            message(client, cid, "ping");
            ack(client, cid);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        return millis;
    }

    private static long percentile(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
