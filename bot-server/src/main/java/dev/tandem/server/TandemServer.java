package dev.tandem.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import dev.tandem.kb.Audience;
import dev.tandem.kb.IndexReport;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.server.accounts.IdentityTokens;
import dev.tandem.server.agent.AgentFactory;
import dev.tandem.server.agent.AgentResponder;
import dev.tandem.server.chat.ConversationService;
import dev.tandem.server.http.HttpApp;
import dev.tandem.server.store.Database;
import dev.tandem.server.store.JdbcConversationStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The composition root: builds every part of the server in dependency order, by hand. */
public final class TandemServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TandemServer.class);

    private final Database database;
    private final KnowledgeBase knowledge;
    private final ConversationService conversations;
    private final HttpApp http;

    private TandemServer(Database database, KnowledgeBase knowledge, ConversationService conversations, HttpApp http) {
        this.database = database;
        this.knowledge = knowledge;
        this.conversations = conversations;
        this.http = http;
    }

    /** Opens storage, indexes the knowledge folder, starts HTTP and WebSocket; fails fast on any of them. */
    public static TandemServer start(ServerConfig config) {
        long started = System.nanoTime();
        if (config.usesDemoSecret()) {
            log.warn("TANDEM_IDENTITY_SECRET is not set: using the demo secret. Set it before serving real B2B users.");
        }
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + config.dataDir(), e);
        }
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        Database database = Database.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        KnowledgeBase knowledge = null;
        try {
            knowledge = KnowledgeBase.open(config.indexDir());
            IndexReport report = knowledge.index(config.knowledgeDir(), (done, total, path) -> {});
            log.info("knowledge indexed documents={} chunks={} added={} updated={} removed={} skipped={} took={}ms",
                    report.documents(), report.chunks(), report.added(), report.updated(), report.removed(),
                    report.skipped().size(), report.took().toMillis());
            report.skipped().forEach(s -> log.warn("skipped document {}", s));

            var store = new JdbcConversationStore(database.dataSource(), json, Clock.systemUTC());
            var model = AgentFactory.chatModel(config.llmProvider(), config.llmBaseUrl(), config.llmApiKey(), config.llmModel());
            var agent = AgentFactory.supportAgent(model, knowledge, new InMemoryChatMemoryStore(),
                    conversationId -> store.find(conversationId)
                            .map(c -> c.identity().isAnonymous() ? Audience.anonymous() : Audience.account(c.identity().accountId()))
                            .orElse(Audience.anonymous()));
            var conversations = new ConversationService(store, new AgentResponder(agent));

            var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            KnowledgeBase kb = knowledge;
            var health = new HealthChecks()
                    .add("database", () -> new HealthChecks.Status(database.isUp(), Map.of()))
                    .add("index", () -> {
                        var h = kb.health();
                        return new HealthChecks.Status(h.up(), Map.of("documents", h.documents(), "chunks", h.chunks()));
                    });
            var http = new HttpApp(config.port(), conversations, new IdentityTokens(config.identitySecret()), health,
                    metrics, config.allowedOrigins(), config.adminToken(), json).start();
            log.info("Tandem ready at http://localhost:{}/ (answerer: {}, started in {} ms)",
                    http.port(), config.llmProvider(), (System.nanoTime() - started) / 1_000_000);
            return new TandemServer(database, knowledge, conversations, http);
        } catch (IOException | RuntimeException e) {
            closeQuietly(knowledge);
            database.close();
            if (e instanceof IOException io) throw new UncheckedIOException("cannot open the knowledge base: " + io.getMessage(), io);
            throw (RuntimeException) e;
        }
    }

    public int port() {
        return http.port();
    }

    public ConversationService conversations() {
        return conversations;
    }

    /** Finishes the turns under way, tells widgets to reconnect, then closes storage. */
    @Override
    public void close() {
        conversations.drain(Duration.ofSeconds(10));
        http.stop();
        closeQuietly(knowledge);
        database.close();
    }

    private static void closeQuietly(KnowledgeBase knowledge) {
        if (knowledge == null) return;
        try {
            knowledge.close();
        } catch (IOException e) {
            log.warn("closing the index: {}", e.toString());
        }
    }
}
