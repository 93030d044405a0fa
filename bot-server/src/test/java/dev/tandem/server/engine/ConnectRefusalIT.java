package dev.tandem.server.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.server.http.SocketLimits;
import dev.tandem.server.support.WsTestClient;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The refusal after the upgrade: sockets that passed the capacity check before the upgrade while
 * others took the last places are told {@code too_many_connections} and closed with 1013. Jetty cuts
 * the TCP connection right after writing a 1013 close; a client that sent its hello and a few more
 * frames at once then got a reset ("Broken pipe") and saw neither the error nor the code.
 */
class ConnectRefusalIT {

    private static final String HELLO = "{\"type\":\"hello\",\"lang\":\"en\",\"lastSeq\":0}";
    private static final int CLIENTS_AT_ONCE = 24, PLACES = 2;

    @TempDir
    static Path dataDir;
    static EngineServer server;

    @BeforeAll
    static void start() {
        server = EngineServer.start(dataDir, ScriptedBot.echo(), new SocketLimits(PLACES, PLACES, 100, 100, 100_000, 100_000));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** What one client saw: its upgrade refused (503), a welcome, or the error and close code it read. */
    private record Outcome(boolean upgradeRefused, boolean welcomed, String errorCode, int closeCode, Throwable failure,
                           WsTestClient client) {}

    @Test
    void a_client_refused_after_the_upgrade_reads_the_error_and_1013_though_it_sent_its_hello_at_once() throws Exception {
        int refusedAfterUpgrade = 0;
        for (int round = 0; round < 30 && refusedAfterUpgrade < 12; round++) {
            List<Outcome> outcomes = burst();
            try {
                for (Outcome o : outcomes) {
                    if (o.upgradeRefused() || o.welcomed()) continue;
                    refusedAfterUpgrade++;
                    assertThat(o.closeCode()).as("close code (error frame %s, socket failure %s)", o.errorCode(), o.failure())
                            .isEqualTo(1013);
                    assertThat(o.errorCode()).isEqualTo("too_many_connections");
                }
                assertThat(outcomes.stream().filter(Outcome::welcomed).count()).isLessThanOrEqualTo(PLACES);
            } finally {
                for (Outcome o : outcomes) {
                    if (o.client() != null) o.client().close();
                }
            }
            // the places are free again once the server has seen the admitted sockets close
            await().atMost(Duration.ofSeconds(30)).until(() -> server.metric("tandem_ws_connections") == 0);
        }
        assertThat(refusedAfterUpgrade).as("sockets refused after the upgrade (the race this test needs)").isPositive();
    }

    /** {@link #CLIENTS_AT_ONCE} clients connect at the same moment, for {@link #PLACES} places. */
    private List<Outcome> burst() throws Exception {
        var go = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(CLIENTS_AT_ONCE)) {
            List<Future<Outcome>> all = new ArrayList<>();
            for (int i = 0; i < CLIENTS_AT_ONCE; i++) {
                all.add(pool.submit(() -> {
                    go.await();
                    return connect();
                }));
            }
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : all) outcomes.add(f.get(60, TimeUnit.SECONDS));
            return outcomes;
        }
    }

    /** A client that sends its hello, then a few typing frames, as soon as the socket is open. */
    private static Outcome connect() throws Exception {
        WsTestClient client;
        try {
            client = WsTestClient.connect(server.port());
        } catch (Exception e) {
            if (refusedWith503(e)) return new Outcome(true, false, null, -1, null, null);
            throw e;
        }
        try {
            client.sendRaw(HELLO);
            for (int i = 0; i < 30 && !client.closed().isDone(); i++) client.sendRaw("{\"type\":\"typing\"}");
        } catch (Exception e) {
            // closed under us: what it read is checked below
        }
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> client.closed().isDone() || has(client, "welcome"));
        } catch (ConditionTimeoutException e) {
            // neither welcomed nor closed: the outcome below says what it read
        }
        if (has(client, "welcome")) return new Outcome(false, true, null, -1, null, client); // open until the round ends
        String error = client.seen().stream().filter(f -> f.path("type").asText().equals("error"))
                .map(f -> f.path("code").asText()).findFirst().orElse(null);
        int code = client.closed().getNow(-2);
        client.close();
        return new Outcome(false, false, error, code, client.failure(), null);
    }

    /** The upgrade was answered 503 (no room: refused before the upgrade). */
    private static boolean refusedWith503(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.http.WebSocketHandshakeException handshake) return handshake.getResponse().statusCode() == 503;
        }
        return false;
    }

    private static boolean has(WsTestClient client, String type) {
        for (JsonNode f : client.seen()) {
            if (type.equals(f.path("type").asText())) return true;
        }
        return false;
    }
}
