package dev.tandem.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.kb.IndexReport;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.server.accounts.DemoAccounts;
import dev.tandem.server.accounts.IdentityTokens;
import dev.tandem.server.accounts.JdbcAccountService;
import dev.tandem.server.accounts.importing.AccountImporter;
import dev.tandem.server.agent.AgentFactory;
import dev.tandem.server.chat.ConversationService;
import dev.tandem.server.http.AccountApi;
import dev.tandem.server.http.HttpApp;
import dev.tandem.server.escalation.EscalationPolicy;
import dev.tandem.server.escalation.EscalationService;
import dev.tandem.server.store.Database;
import dev.tandem.server.store.JdbcHandoffStore;
import dev.tandem.server.store.JdbcChatMemoryStore;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** The composition root: builds every part of the server in dependency order, by hand. */
public final class TandemServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TandemServer.class);

    private final Database database;
    private final KnowledgeBase knowledge;
    private final ConversationService conversations;
    private final HttpApp http;
    private final JdbcChatMemoryStore memory;

    private TandemServer(Database database, KnowledgeBase knowledge, ConversationService conversations, HttpApp http,
                         JdbcChatMemoryStore memory) {
        this.database = database;
        this.knowledge = knowledge;
        this.conversations = conversations;
        this.http = http;
        this.memory = memory;
    }

    /**
     * Opens storage, indexes the knowledge folder, starts HTTP and WebSocket; fails fast on any of them.
     * The three open side by side; the "http" phase of the start log is only the wait for Jetty after the rest.
     */
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
        ObjectMapper json = new ObjectMapper()
                .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .configure(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        var phases = new StartupPhases(started);
        // the index, the database and Jetty do not depend on each other: open them side by side.
        // Until the rest exists, Jetty serves static files and holds API requests and chat upgrades.
        var indexing = CompletableFuture.supplyAsync(() -> openKnowledge(config),
                command -> Thread.ofPlatform().name("index-open").start(command));
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var identityTokens = new IdentityTokens(config.identitySecret());
        var listening = CompletableFuture.supplyAsync(() -> new HttpApp(config.port(), identityTokens, metrics,
                        config.allowedOrigins(), config.adminToken(), json, config.socketLimits()).start(),
                command -> Thread.ofPlatform().name("http-start").start(command));
        Database database;
        try {
            database = Database.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        } catch (RuntimeException e) {
            indexing.thenAccept(TandemServer::closeQuietly);
            listening.thenAccept(HttpApp::stop);
            throw e;
        }
        phases.mark("database");
        // an H2 file's size: under load it grows until H2's housekeeping (H2Housekeeping) frees old chunks
        io.micrometer.core.instrument.Gauge.builder("tandem.db.file", database, Database::fileBytes).baseUnit("bytes")
                .description("size of the H2 database file (NaN on PostgreSQL)").register(metrics);
        KnowledgeBase knowledge = null;
        try {
            knowledge = await(indexing);
            phases.mark("index");

            var store = new JdbcConversationStore(database.dataSource(), json, Clock.systemUTC());
            var accounts = new JdbcAccountService(database.dataSource(), Clock.systemUTC());
            var importer = new AccountImporter(database.dataSource(), config.knowledgeDir(), Clock.systemUTC());
            var memory = new JdbcChatMemoryStore(database.dataSource(), Clock.systemUTC());
            DemoAccounts.loadIfEmpty(importer, config.knowledgeDir());
            phases.mark("accounts");
            // the escalate tool needs the engine, and the engine needs the agent: the tool reaches it through this reference
            var engine = new java.util.concurrent.atomic.AtomicReference<ConversationService>();
            var responder = AgentFactory.responder(
                    new AgentFactory.Provider(config.llmProvider(), config.llmBaseUrl(), config.llmApiKey(), config.llmModel(),
                            config.llmTimeouts().firstToken(), config.llmTimeouts().betweenTokens()),
                    knowledge, memory, accounts,
                    conversationId -> store.find(conversationId).map(c -> c.identity()).orElse(dev.tandem.server.chat.Identity.anonymous()),
                    (conversationId, reason) -> engine.get().escalate(conversationId, reason));
            var handoffs = new JdbcHandoffStore(database.dataSource(), json);
            var escalations = new EscalationService(new EscalationPolicy(), accounts, handoffs, Clock.systemUTC());
            var conversations = new ConversationService(store, responder, escalations);
            engine.set(conversations);
            phases.mark("agent");

            KnowledgeBase kb = knowledge;
            var health = new HealthChecks()
                    .add("database", () -> new HealthChecks.Status(database.isUp(), Map.of()))
                    .add("index", () -> {
                        var h = kb.health();
                        return new HealthChecks.Status(h.up(), Map.of("documents", h.documents(), "chunks", h.chunks()));
                    });
            conversations.recoverPendingTurns(); // answers messages a killed process left unanswered
            HttpApp http = await(listening);
            phases.mark("http");
            http.serve(new HttpApp.Backend(conversations, health,
                    new AccountApi(accounts, importer, identityTokens, config.usesDemoSecret()), handoffs));
            log.info("Tandem ready at http://localhost:{}/ (answerer: {}, started in {} ms: {})",
                    http.port(), config.llmProvider(), (System.nanoTime() - started) / 1_000_000, phases);
            return new TandemServer(database, knowledge, conversations, http, memory);
        } catch (RuntimeException e) {
            listening.thenAccept(HttpApp::stop);
            closeQuietly(knowledge);
            database.close();
            throw e;
        }
    }

    /** Opens the index and brings it up to date with the knowledge folder (only changed files are re-read). */
    private static KnowledgeBase openKnowledge(ServerConfig config) {
        KnowledgeBase knowledge = null;
        try {
            knowledge = KnowledgeBase.open(config.indexDir());
            IndexReport report = knowledge.index(config.knowledgeDir(), (done, total, path) -> {});
            log.info("knowledge indexed documents={} chunks={} added={} updated={} removed={} skipped={} took={}ms",
                    report.documents(), report.chunks(), report.added(), report.updated(), report.removed(),
                    report.skipped().size(), report.took().toMillis());
            report.skipped().forEach(s -> log.warn("skipped document {}", s));
            return knowledge;
        } catch (IOException e) {
            closeQuietly(knowledge);
            throw new UncheckedIOException("cannot open the knowledge base: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(knowledge);
            throw e;
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
        http.stopAccepting();
        conversations.drain(Duration.ofSeconds(10));
        http.stop();
        memory.close(); // the memories of the last turns, before the database goes
        closeQuietly(knowledge);
        database.close();
    }

    /** Time spent in each step of {@link #start}, for the "ready" log line. */
    private static final class StartupPhases {
        private final StringBuilder text = new StringBuilder();
        private long last;

        StartupPhases(long started) {
            this.last = started;
        }

        void mark(String phase) {
            long now = System.nanoTime();
            if (!text.isEmpty()) text.append(' ');
            text.append(phase).append('=').append((now - last) / 1_000_000).append("ms");
            last = now;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** The result of a start step run on its own thread; its failure is rethrown as it was thrown. */
    private static <T> T await(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
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
