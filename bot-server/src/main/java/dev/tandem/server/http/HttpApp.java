package dev.tandem.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.HealthChecks;
import dev.tandem.server.accounts.IdentityTokens;
import dev.tandem.server.chat.ConversationService;
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

    private final Javalin app;
    private final ChatSocket chatSocket;

    public HttpApp(int port, ConversationService conversations, IdentityTokens identityTokens, HealthChecks health,
                   PrometheusMeterRegistry metrics, List<String> allowedOrigins, String adminToken, ObjectMapper json) {
        this.chatSocket = new ChatSocket(conversations, identityTokens, json, new SocketMetrics(metrics));
        this.app = Javalin.create(config -> {
            config.jetty.port = port;
            config.startup.showJavalinBanner = false;
            config.staticFiles.add("/tandem-web", Location.CLASSPATH);
            config.jetty.modifyWebSocketServletFactory(ws -> {
                ws.setMaxTextMessageSize(MAX_FRAME_BYTES);
                ws.setMaxBinaryMessageSize(1024);
                ws.setIdleTimeout(IDLE_TIMEOUT);
            });
            config.routes.before("/api/admin/*", ctx -> AdminAuth.require(ctx, adminToken));
            config.routes.get("/health", ctx -> health(ctx, health, json));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
            config.routes.wsBeforeUpgrade("/ws/chat", ctx -> checkOrigin(ctx, allowedOrigins));
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
        chatSocket.goingAway();
        app.stop();
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
