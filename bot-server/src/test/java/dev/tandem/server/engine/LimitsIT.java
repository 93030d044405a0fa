package dev.tandem.server.engine;

import dev.tandem.server.http.SocketLimits;
import dev.tandem.server.support.WsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tandem.server.engine.Frames.ack;
import static dev.tandem.server.engine.Frames.cid;
import static dev.tandem.server.engine.Frames.hello;
import static dev.tandem.server.engine.Frames.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Per-IP limits: connections and the message rate shared by all sockets of one address. */
class LimitsIT {

    @TempDir
    static Path dataDir;
    static EngineServer server;

    @BeforeAll
    static void start() {
        // 3 sockets per IP; each socket may send 100/s, but the IP only 10/s with bursts of 10
        server = EngineServer.start(dataDir, ScriptedBot.echo(), new SocketLimits(100, 3, 100, 100, 10, 10));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_fourth_socket_from_one_ip_is_refused_until_one_closes() throws Exception {
        List<WsTestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) open.add(WsTestClient.connect(server.port()));

            assertThatThrownBy(() -> WsTestClient.connect(server.port()))
                    .rootCause().hasMessageContaining("status code 503");
            assertThat(server.metric("tandem_errors_total{code=\"too_many_connections\"}")).isGreaterThanOrEqualTo(1);

            open.removeFirst().close();
            // the slot is freed when the server sees the close, which an aborted client socket may delay
            await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
                try (var again = WsTestClient.connect(server.port())) {
                    hello(again);
                }
            });
        } finally {
            open.forEach(WsTestClient::close);
        }
    }

    @Test
    void sockets_of_one_ip_share_its_message_rate() throws Exception {
        Thread.sleep(1_100); // a full bucket
        try (var a = WsTestClient.connect(server.port()); var b = WsTestClient.connect(server.port())) {
            hello(a);
            hello(b);
            // when: 2 hellos + 2 × 15 typing frames: each socket far under its own limit, the IP over its 10
            for (int i = 0; i < 15; i++) {
                a.send(Map.of("type", "typing"));
                b.send(Map.of("type", "typing"));
            }

            // then: the IP's bucket ran dry, on whichever socket came last
            await().until(() -> Frames.errorCodes(a).contains("rate_limited") || Frames.errorCodes(b).contains("rate_limited"));
            assertThat(a.closed()).isNotDone();
            assertThat(b.closed()).isNotDone();

            Thread.sleep(1_100); // the bucket refills
            String later = cid();
            message(a, later, "after a pause");
            assertThat(ack(a, later)).isPositive();
        }
    }
}
