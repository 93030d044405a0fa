package dev.tandem.server.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.HealthChecks;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.accounts.IdentityTokens;
import dev.tandem.server.chat.ConversationService;
import dev.tandem.server.http.HttpApp;
import dev.tandem.server.store.Database;
import dev.tandem.server.store.JdbcConversationStore;
import dev.tandem.server.support.WsTestClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jetty listens before the database and the agent exist (the server opens them side by side):
 * static files are served at once, /health says "starting", and a chat upgrade or an API call that
 * arrives meanwhile waits and then succeeds, instead of failing or reaching a half-built server.
 */
class StartupIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void requestsDuringTheStartWaitForTheBackendAndThenSucceed() throws Exception {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        var http = new HttpApp(0, new IdentityTokens(ServerConfig.DEMO_IDENTITY_SECRET),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(), EngineServer.ADMIN_TOKEN, json,
                EngineServer.lenientLimits()).start();
        Database database = null;
        try {
            int port = http.port();
            var client = HttpClient.newHttpClient();
            assertEquals(200, get(client, port, "/widget.js").statusCode(), "static files before the backend");
            var health = get(client, port, "/health");
            assertEquals(503, health.statusCode());
            assertTrue(health.body().contains("starting"), health.body());

            // a widget connecting now: its upgrade is held, not refused
            var early = CompletableFuture.supplyAsync(() -> {
                try {
                    return WsTestClient.connect(port);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            var transcript = client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                            + "/api/admin/conversations/nope/messages"))
                    .header("Authorization", "Bearer " + EngineServer.ADMIN_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            // both have reached the server and are held there
            await().atMost(WAIT).until(() -> http.waitingForBackend() == 2);
            assertFalse(early.isDone(), "the upgrade waits for the backend");
            assertFalse(transcript.isDone(), "the API call waits for the backend");

            ServerConfig config = ServerConfig.fromEnv(Map.of("TANDEM_DATA_DIR", dir.toString()));
            database = Database.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
            Database db = database;
            var conversations = new ConversationService(
                    new JdbcConversationStore(database.dataSource(), json, Clock.systemUTC()), ScriptedBot.echo());
            http.serve(new HttpApp.Backend(conversations,
                    new HealthChecks().add("database", () -> new HealthChecks.Status(db.isUp(), Map.of())), null, null));

            try (WsTestClient chat = early.get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                chat.send(Map.of("type", "hello", "lang", "vi"));
                chat.await("welcome", WAIT);
                chat.send(Map.of("type", "message", "cid", "c1", "text", "xin chào"));
                chat.await("ack", WAIT);
            }
            assertEquals(404, transcript.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode(),
                    "answered by the real route once the backend is there");
            assertEquals(200, get(client, port, "/health").statusCode());
            assertEquals(0, http.waitingForBackend(), "nothing is held once the backend is there");
        } finally {
            http.stop();
            if (database != null) database.close();
        }
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
