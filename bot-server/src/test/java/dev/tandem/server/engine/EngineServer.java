package dev.tandem.server.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.HealthChecks;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.accounts.IdentityTokens;
import dev.tandem.server.chat.ConversationService;
import dev.tandem.server.chat.Responder;
import dev.tandem.server.http.HttpApp;
import dev.tandem.server.http.SocketLimits;
import dev.tandem.server.store.Database;
import dev.tandem.server.store.JdbcConversationStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The conversation engine as the server wires it (H2 file store, conversation service, HTTP app
 * with its chat socket), on a random port, with a scripted bot instead of the agent: the engine's
 * tests need its delivery, not real answers.
 */
public final class EngineServer implements AutoCloseable {

    public static final String ADMIN_TOKEN = "engine-test-admin-token";
    public static final String ALLOWED_ORIGIN = "https://shop.example.vn";

    private final Database database;
    private final ConversationService conversations;
    private final HttpApp http;
    private final PrometheusMeterRegistry metrics;

    private EngineServer(Database database, ConversationService conversations, HttpApp http, PrometheusMeterRegistry metrics) {
        this.database = database;
        this.conversations = conversations;
        this.http = http;
        this.metrics = metrics;
    }

    /** Lenient limits, so that tests of delivery are not slowed by the flood protection. */
    public static SocketLimits lenientLimits() {
        return new SocketLimits(10_000, 10_000, 1_000, 1_000, 100_000, 100_000);
    }

    public static EngineServer start(Path dataDir, Responder bot) {
        return start(dataDir, bot, lenientLimits());
    }

    public static EngineServer start(Path dataDir, Responder bot, SocketLimits limits) {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        ServerConfig config = ServerConfig.fromEnv(Map.of("TANDEM_DATA_DIR", dataDir.toString()));
        Database database = Database.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        var store = new JdbcConversationStore(database.dataSource(), json, Clock.systemUTC());
        var conversations = new ConversationService(store, bot);
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var health = new HealthChecks().add("database", () -> new HealthChecks.Status(database.isUp(), Map.of()));
        var http = new HttpApp(0, conversations, new IdentityTokens(ServerConfig.DEMO_IDENTITY_SECRET), health, metrics,
                List.of(ALLOWED_ORIGIN), ADMIN_TOKEN, json, limits, null, null);
        conversations.recoverPendingTurns();
        http.start();
        return new EngineServer(database, conversations, http, metrics);
    }

    public int port() {
        return http.port();
    }

    public ConversationService conversations() {
        return conversations;
    }

    public Connection jdbc() throws SQLException {
        return database.dataSource().getConnection();
    }

    /** One number from the Prometheus scrape, e.g. {@code tandem_errors_total{code="rate_limited"}}; 0 if absent. */
    public double metric(String series) {
        for (String line : metrics.scrape().split("\n")) {
            if (line.startsWith(series + " ")) return Double.parseDouble(line.substring(series.length() + 1).strip());
        }
        return 0;
    }

    public HttpResponse<String> get(String path, String bearer) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path)).timeout(Duration.ofSeconds(10));
        if (bearer != null) request.header("Authorization", "Bearer " + bearer);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Graceful: refuse new sockets, finish turns, say going away, close storage. */
    @Override
    public void close() {
        http.stopAccepting();
        conversations.drain(Duration.ofSeconds(10));
        http.stop();
        database.close();
    }
}
