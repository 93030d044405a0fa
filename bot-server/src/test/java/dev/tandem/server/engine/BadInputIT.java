package dev.tandem.server.engine;

import dev.tandem.server.http.SocketLimits;
import dev.tandem.server.support.WsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.tandem.server.engine.Frames.ack;
import static dev.tandem.server.engine.Frames.botReplyTo;
import static dev.tandem.server.engine.Frames.cid;
import static dev.tandem.server.engine.Frames.hello;
import static dev.tandem.server.engine.Frames.message;
import static dev.tandem.server.engine.Frames.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each bad input gets its error frame or close code, is counted in /metrics, and disturbs nothing
 * else: a bystander in another conversation keeps getting acks and answers, and stored data stays.
 */
class BadInputIT {

    @TempDir
    static Path dataDir;
    static EngineServer server;
    WsTestClient bystander;
    int bystanderTurns;

    @BeforeAll
    static void start() {
        // the production per-socket limits (5/s, bursts of 20); the IP limits high, all tests share 127.0.0.1
        server = EngineServer.start(dataDir, ScriptedBot.echo(), new SocketLimits(1_000, 1_000, 5, 20, 10_000, 10_000));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void bystanderChats() throws Exception {
        bystander = WsTestClient.connect(server.port());
        hello(bystander);
        bystanderStillServed();
    }

    @AfterEach
    void bystanderUndisturbed() throws Exception {
        bystanderStillServed();
        assertThat(bystander.closed()).isNotDone();
        bystander.close();
    }

    @Test
    void malformed_json_gets_an_error_and_the_socket_keeps_working() throws Exception {
        try (var client = WsTestClient.connect(server.port())) {
            hello(client);
            client.sendRaw("{\"type\":\"message\",");
            seen(client, "error", f -> f.path("code").asText().equals("malformed_json"));
            assertSocketStillServes(client);
        }
        assertThat(server.metric("tandem_errors_total{code=\"malformed_json\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void unknown_type_gets_an_error() throws Exception {
        try (var client = WsTestClient.connect(server.port())) {
            hello(client);
            client.send(Map.of("type", "subscribe_all", "cid", cid()));
            seen(client, "error", f -> f.path("code").asText().equals("unknown_type"));
            assertSocketStillServes(client);
        }
        assertThat(server.metric("tandem_errors_total{code=\"unknown_type\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_message_without_cid_is_an_invalid_frame_and_nothing_is_stored() throws Exception {
        try (var client = WsTestClient.connect(server.port())) {
            String conversation = hello(client).path("conversationId").asText();
            client.send(Map.of("type", "message", "text", "no cid"));
            seen(client, "error", f -> f.path("code").asText().equals("invalid_frame"));
            assertThat(server.conversations().transcript(conversation)).isEmpty();
        }
    }

    @Test
    void message_before_hello_is_refused_and_hello_still_works_after() throws Exception {
        try (var client = WsTestClient.connect(server.port())) {
            message(client, cid(), "too early");
            seen(client, "error", f -> f.path("code").asText().equals("hello_required"));
            hello(client);
            assertSocketStillServes(client);
        }
    }

    @Test
    void oversized_frame_closes_that_socket_with_1009() throws Exception {
        try (var client = WsTestClient.connect(server.port())) {
            hello(client);
            try {
                client.sendRaw("{\"type\":\"message\",\"cid\":\"x\",\"text\":\"" + "a".repeat(70 * 1024) + "\"}");
            } catch (ExecutionException e) {
                // the server may close before the whole frame is written
            }
            assertThat(client.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1009);
        }
        Thread.sleep(200);
        assertThat(server.metric("tandem_errors_total{code=\"frame_too_large\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void flood_is_rate_limited_and_the_frames_within_the_burst_are_stored() throws Exception {
        try (var client = WsTestClient.connect(server.port())) {
            // given
            String conversation = hello(client).path("conversationId").asText();

            // when: 30 messages at once, over the burst of 20 (hello took one)
            long start = System.nanoTime();
            for (int i = 0; i < 30; i++) message(client, cid(), "flood " + i);

            // then: the ones within the burst are acked, the rest refused, the socket stays open
            seen(client, "error", f -> f.path("code").asText().equals("rate_limited"));
            Thread.sleep(300);
            double seconds = (System.nanoTime() - start) / 1e9;
            long acks = client.seen().stream().filter(f -> f.path("type").asText().equals("ack")).count();
            // the burst, plus what the limit (5 per second) refilled while the frames were arriving on a busy machine
            assertThat(acks).isBetween(15L, 22L + (long) Math.ceil(5 * seconds));
            assertThat(server.conversations().transcript(conversation).stream()
                    .filter(m -> m.role().equals("user")).count()).isEqualTo(acks);
            assertThat(client.closed()).isNotDone();
        }
        assertThat(server.metric("tandem_errors_total{code=\"rate_limited\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_client_that_keeps_flooding_is_closed_with_1008() throws Exception {
        try (var client = WsTestClient.connect(server.port())) {
            hello(client);
            // 200 frames: over the burst and the 50 refusals however slowly a busy machine takes them
            for (int i = 0; i < 200 && !client.closed().isDone(); i++) {
                try {
                    client.send(Map.of("type", "typing"));
                } catch (ExecutionException e) {
                    break; // closed under us
                }
            }
            int code = client.closed().get(10, TimeUnit.SECONDS);
            assertThat(code).as("close code; the client's error if it read none: %s", client.failure()).isEqualTo(1008);
        }
    }

    @Test
    void a_foreign_origin_is_refused_with_403_and_an_allowed_one_is_accepted() throws Exception {
        assertThatThrownBy(() -> WsTestClient.connect(server.port(), "https://evil.example.com"))
                .rootCause().hasMessageContaining("status code 403");
        try (var allowed = WsTestClient.connect(server.port(), EngineServer.ALLOWED_ORIGIN)) {
            hello(allowed);
        }
        assertThat(server.metric("tandem_errors_total{code=\"origin_refused\"}")).isGreaterThanOrEqualTo(1);
    }

    private void bystanderStillServed() {
        String cid = cid();
        String text = "bystander " + (++bystanderTurns);
        try {
            message(bystander, cid, text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(ack(bystander, cid)).isPositive();
        botReplyTo(bystander, text);
    }

    private static void assertSocketStillServes(WsTestClient client) throws Exception {
        String cid = cid();
        message(client, cid, "still here");
        assertThat(ack(client, cid)).isPositive();
        botReplyTo(client, "still here");
    }
}
