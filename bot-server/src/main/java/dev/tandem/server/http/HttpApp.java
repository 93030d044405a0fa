package dev.tandem.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.HealthChecks;
import dev.tandem.server.accounts.IdentityTokens;
import dev.tandem.server.chat.ConversationService;
import dev.tandem.server.escalation.HandoffStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The only place that knows Javalin: routes, the chat socket, static widget files, health and metrics. */
public final class HttpApp {

    static final int MAX_FRAME_BYTES = 64 * 1024;
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    /** How long shutdown waits for the going-away frames to reach the widgets. */
    static final Duration GOING_AWAY_FLUSH = Duration.ofSeconds(3);

    /** How long a request that arrives while the server is still opening waits before a 503. */
    static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    /** What the routes serve from; it exists once storage, the index and the agent are open. */
    public record Backend(ConversationService conversations, HealthChecks health, AccountApi accountApi,
                          HandoffStore handoffs) {}

    /** The backend's pieces that the routes call. {@code accounts}, {@code imports}, {@code handoffs} may be null. */
    private record Parts(ChatSocket chatSocket, TranscriptController transcripts, AccountController accounts,
                         ImportController imports, HealthChecks health, HandoffStore handoffs) {}

    private final Javalin app;
    private final IdentityTokens identityTokens;
    private final ObjectMapper json;
    private final SocketMetrics socketMetrics;
    private final SocketLimits limits;
    private final CompletableFuture<Parts> parts = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A server whose routes are served at once: {@code accountApi} and {@code handoffs} may be null,
     * then the account, import and queue routes answer 404 (the engine's own tests run without them).
     */
    public HttpApp(int port, ConversationService conversations, IdentityTokens identityTokens, HealthChecks health,
                   PrometheusMeterRegistry metrics, List<String> allowedOrigins, String adminToken, ObjectMapper json,
                   SocketLimits limits, AccountApi accountApi, HandoffStore handoffs) {
        this(port, identityTokens, metrics, allowedOrigins, adminToken, json, limits);
        serve(new Backend(conversations, health, accountApi, handoffs));
    }

    /**
     * A server that can start listening before the rest of the server exists, so that Jetty's own
     * start overlaps opening the database and the index: static files are served at once; API
     * requests and chat upgrades wait (up to {@link #STARTUP_WAIT}) for {@link #serve}, and
     * {@code /health} says "starting" meanwhile.
     */
    public HttpApp(int port, IdentityTokens identityTokens, PrometheusMeterRegistry metrics, List<String> allowedOrigins,
                   String adminToken, ObjectMapper json, SocketLimits limits) {
        this.identityTokens = identityTokens;
        this.json = json;
        this.socketMetrics = new SocketMetrics(metrics);
        this.limits = limits;
        this.app = Javalin.create(config -> {
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/tandem-web";
                files.location = Location.CLASSPATH;
                // the widget's modules are fetched cross-origin by the sites that embed it; they hold no private data
                files.headers = Map.of("Cache-Control", "max-age=0", "Access-Control-Allow-Origin", "*");
            });
            config.jetty.modifyWebSocketServletFactory(ws -> {
                ws.setMaxTextMessageSize(MAX_FRAME_BYTES);
                ws.setMaxBinaryMessageSize(1024);
                ws.setIdleTimeout(IDLE_TIMEOUT);
            });
            config.routes.before("/api/admin/*", ctx -> AdminAuth.require(ctx, adminToken));
            config.routes.before("/api/*", ctx -> awaitParts());
            AccountController.routes(config.routes, () -> present(parts().accounts()));
            ImportController.routes(config.routes, () -> present(parts().imports()));
            config.routes.get("/health", this::health);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
            config.routes.get("/api/admin/conversations/{id}/messages", ctx -> parts().transcripts().messages(ctx));
            config.routes.get("/api/admin/queue", ctx -> ctx.contentType("application/json")
                    .result(json.writeValueAsString(present(parts().handoffs()).waitingQueue())));
            config.routes.wsBeforeUpgrade("/ws/chat", ctx -> {
                try {
                    checkOrigin(ctx, allowedOrigins);
                } catch (ForbiddenResponse refused) {
                    socketMetrics.error(ErrorCodes.ORIGIN_REFUSED);
                    throw refused;
                }
                awaitParts().chatSocket().checkCapacity(ctx);
            });
            config.routes.ws("/ws/chat", ws -> {
                ws.onConnect(ctx -> parts().chatSocket().onConnect(ctx));
                ws.onMessage(ctx -> parts().chatSocket().onMessage(ctx));
                ws.onClose(ctx -> parts().chatSocket().onClose(ctx));
                ws.onError(ctx -> parts().chatSocket().onError(ctx));
            });
        });
    }

    /** Starts listening (static files at once; the rest once {@link #serve} was called). */
    public HttpApp start() {
        app.start();
        return this;
    }

    /** Connects the routes to the rest of the server: waiting requests and upgrades go on from here. */
    public void serve(Backend backend) {
        var accountApi = backend.accountApi();
        parts.complete(new Parts(
                new ChatSocket(backend.conversations(), identityTokens, json, socketMetrics, limits),
                new TranscriptController(backend.conversations(), json),
                accountApi == null ? null : new AccountController(accountApi.accounts(), accountApi.identityTokens(), accountApi.demoSecret(), json),
                accountApi == null ? null : new ImportController(accountApi.importer(), json),
                backend.health(), backend.handoffs()));
    }

    public int port() {
        return app.port();
    }

    /** Tells every widget to reconnect elsewhere, then stops accepting. */
    public void stop() {
        Parts served = parts.getNow(null);
        if (served != null) served.chatSocket().goingAway(GOING_AWAY_FLUSH);
        app.stop();
    }

    /** Refuses new chat sockets (503) from now on; the open ones keep working until {@link #stop}. */
    public void stopAccepting() {
        Parts served = parts.getNow(null);
        if (served != null) served.chatSocket().stopAccepting();
    }

    /** The routes' backend; only called after {@link #awaitParts} let the request through. */
    private Parts parts() {
        return parts.join();
    }

    private Parts awaitParts() {
        Parts ready = parts.getNow(null);
        if (ready != null) return ready;
        waiting.incrementAndGet();
        try {
            return parts.get(STARTUP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ServiceUnavailableResponse("starting");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableResponse("starting");
        } catch (ExecutionException e) {
            throw new ServiceUnavailableResponse("unavailable");
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Requests and chat upgrades held until {@link #serve} connects the backend (0 once it has). */
    public int waitingForBackend() {
        return waiting.get();
    }

    private static <T> T present(T part) {
        if (part == null) throw new NotFoundResponse();
        return part;
    }

    private void health(Context ctx) throws Exception {
        Parts served = parts.getNow(null);
        if (served == null) {
            ctx.status(503).contentType("application/json").result("{\"status\":\"starting\"}");
            return;
        }
        health(ctx, served.health(), json);
    }

    private static void health(Context ctx, HealthChecks checks, ObjectMapper json) throws Exception {
        Map<String, HealthChecks.Status> results = checks.run();
        boolean up = results.values().stream().allMatch(HealthChecks.Status::up);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "up" : "down");
        results.forEach((name, status) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("up", status.up());
            entry.putAll(status.details());
            body.put(name, entry);
        });
        ctx.status(up ? 200 : 503).contentType("application/json").result(json.writeValueAsString(body));
    }

    /**
     * Browsers always send Origin on a WebSocket upgrade: accept the server's own origin and the
     * configured ones. Non-browser clients send none and are not a cross-site threat.
     */
    static void checkOrigin(Context ctx, List<String> allowedOrigins) {
        String origin = ctx.header("Origin");
        if (origin == null || origin.isBlank()) return;
        if (allowedOrigins.contains(origin) || allowedOrigins.contains("*")) return;
        String host = ctx.header("Host");
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            if (host != null && host.equalsIgnoreCase(originHost)) return;
        } catch (IllegalArgumentException e) {
            // a malformed Origin is refused below
        }
        throw new ForbiddenResponse("origin not allowed");
    }
}
