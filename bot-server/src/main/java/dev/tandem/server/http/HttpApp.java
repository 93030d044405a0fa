package dev.tandem.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.HealthChecks;
import dev.tandem.server.accounts.IdentityTokens;
import dev.tandem.server.chat.ConversationService;
import dev.tandem.server.escalation.HandoffStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The only place that knows Javalin: routes, the chat socket, static widget files, health and metrics. */
public final class HttpApp {

    static final int MAX_FRAME_BYTES = 64 * 1024;
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    /** How long shutdown waits for the going-away frames to reach the widgets. */
    static final Duration GOING_AWAY_FLUSH = Duration.ofSeconds(3);

    private final Javalin app;
    private final ChatSocket chatSocket;

    /**
     * {@code accountApi} and {@code handoffs} may be null: then the account, import and queue
     * routes do not exist (the engine's own tests run without them).
     */
    public HttpApp(int port, ConversationService conversations, IdentityTokens identityTokens, HealthChecks health,
                   PrometheusMeterRegistry metrics, List<String> allowedOrigins, String adminToken, ObjectMapper json,
                   SocketLimits limits, AccountApi accountApi, HandoffStore handoffs) {
        var socketMetrics = new SocketMetrics(metrics);
        this.chatSocket = new ChatSocket(conversations, identityTokens, json, socketMetrics, limits);
        var transcripts = new TranscriptController(conversations, json);
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
            if (accountApi != null) {
                new AccountController(accountApi.accounts(), accountApi.identityTokens(), accountApi.demoSecret(), json).routes(config.routes);
                new ImportController(accountApi.importer(), json).routes(config.routes);
            }
            config.routes.get("/health", ctx -> health(ctx, health, json));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
            config.routes.get("/api/admin/conversations/{id}/messages", transcripts::messages);
            if (handoffs != null) {
                config.routes.get("/api/admin/queue", ctx -> ctx.contentType("application/json")
                        .result(json.writeValueAsString(handoffs.waitingQueue())));
            }
            config.routes.wsBeforeUpgrade("/ws/chat", ctx -> {
                try {
                    checkOrigin(ctx, allowedOrigins);
                } catch (ForbiddenResponse refused) {
                    socketMetrics.error(ErrorCodes.ORIGIN_REFUSED);
                    throw refused;
                }
                chatSocket.checkCapacity(ctx);
            });
            config.routes.ws("/ws/chat", ws -> {
                ws.onConnect(chatSocket::onConnect);
                ws.onMessage(chatSocket::onMessage);
                ws.onClose(chatSocket::onClose);
                ws.onError(chatSocket::onError);
            });
        });
    }

    public HttpApp start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Tells every widget to reconnect elsewhere, then stops accepting. */
    public void stop() {
        chatSocket.goingAway(GOING_AWAY_FLUSH);
        app.stop();
    }

    /** Refuses new chat sockets (503) from now on; the open ones keep working until {@link #stop}. */
    public void stopAccepting() {
        chatSocket.stopAccepting();
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
