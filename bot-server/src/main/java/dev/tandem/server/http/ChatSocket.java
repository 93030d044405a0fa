package dev.tandem.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.tandem.server.accounts.IdentityTokens;
import dev.tandem.server.chat.ConversationService;
import dev.tandem.server.chat.Identity;
import dev.tandem.server.chat.OpenRequest;
import dev.tandem.server.store.StoreException;
import io.javalin.http.Context;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/** The widget's WebSocket, {@code /ws/chat?v=1}: decodes frames and hands them to the conversation engine. */
final class ChatSocket {

    private static final Logger log = LoggerFactory.getLogger(ChatSocket.class);

    private final ConversationService conversations;
    private final IdentityTokens identityTokens;
    private final ObjectMapper json;
    private final SocketMetrics metrics;
    private final SocketLimits limits;
    private final ConnectionGate gate;
    private final ClientAddresses addresses;
    private final ConcurrentHashMap<String, Connection> connections = new ConcurrentHashMap<>();
    /** Sockets refused after the upgrade (no room left), until their 1013 close has gone out: not counted as open. */
    private final ConcurrentHashMap<String, Connection> refused = new ConcurrentHashMap<>();
    private volatile boolean accepting = true;

    /**
     * A client is closed with 1008 once it has had this many frames refused, beyond one refusal a
     * second: a short burst over the limit is only refused, a client that keeps sending faster than
     * allowed is closed however fast the machine reads its frames (counting refusals "in a row" let
     * a client sending at twice the limit go on forever, since every refill let one frame through).
     */
    static final int REFUSALS_BEFORE_CLOSE = 50;
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    ChatSocket(ConversationService conversations, IdentityTokens identityTokens, ObjectMapper json, SocketMetrics metrics,
               SocketLimits limits) {
        this.conversations = conversations;
        this.identityTokens = identityTokens;
        this.json = json;
        this.metrics = metrics;
        this.limits = limits;
        this.gate = new ConnectionGate(limits);
        this.addresses = ClientAddresses.trusting(limits.trustedProxies());
    }

    /** Before the upgrade: refuses with 503 while shutting down or when there is no room for this IP. */
    void checkCapacity(Context ctx) {
        if (!accepting) {
            metrics.error(ErrorCodes.SHUTTING_DOWN);
            throw new ServiceUnavailableResponse("shutting down");
        }
        if (!gate.hasRoom(addresses.clientOf(ctx.req().getRemoteAddr(), ctx.header(FORWARDED_FOR)))) {
            metrics.error(ErrorCodes.TOO_MANY_CONNECTIONS);
            throw new ServiceUnavailableResponse("too many connections");
        }
    }

    void onConnect(WsConnectContext ctx) {
        String ip = addresses.clientOf(remoteIp(ctx), ctx.header(FORWARDED_FOR));
        var connection = new Connection(ctx, ip, json, metrics, limits);
        if (!accepting) {
            connection.error(ErrorCodes.SHUTTING_DOWN, null);
            connection.closeAfterFlush(1001, "going away");
            return;
        }
        if (!gate.admit(ip)) {
            // lost the race for the last places: told, then closed with "try again later" once the client
            // is quiet — a client that sent its hello at once would otherwise get a TCP reset instead (see
            // Connection.closeWhenQuiet); its frames are dropped meanwhile
            refused.put(ctx.sessionId(), connection);
            connection.error(ErrorCodes.TOO_MANY_CONNECTIONS, null);
            connection.closeWhenQuiet(1013, "too many connections");
            return;
        }
        ctx.enableAutomaticPings();
        connections.put(ctx.sessionId(), connection);
        metrics.connected();
    }

    void onMessage(WsMessageContext ctx) {
        Connection connection = connections.get(ctx.sessionId());
        if (connection == null) {
            Connection refusing = refused.get(ctx.sessionId());
            if (refusing != null) refusing.dropWhileLingering();
            return;
        }
        metrics.messageIn();
        if (connection.dropWhileLingering()) return;
        long received = System.nanoTime();
        if (!connection.rate.tryAcquire() || !gate.tryFrame(connection.ip)) {
            connection.error(ErrorCodes.RATE_LIMITED, null);
            if (!connection.refusals.tryAcquire()) {
                connection.closeWhenQuiet(1008, "flooding");
            }
            return;
        }
        ClientFrame frame;
        try {
            frame = json.readValue(ctx.message(), ClientFrame.class);
        } catch (InvalidTypeIdException e) {
            connection.error(ErrorCodes.UNKNOWN_TYPE, null);
            return;
        } catch (ValueInstantiationException e) {
            String reason = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : null;
            connection.error(ErrorCodes.INVALID_FRAME, reason);
            return;
        } catch (MismatchedInputException e) {
            connection.error(ErrorCodes.INVALID_FRAME, null);
            return;
        } catch (JsonProcessingException e) {
            connection.error(ErrorCodes.MALFORMED_JSON, null);
            return;
        }
        try {
            handle(connection, frame, received);
        } catch (StoreException e) {
            log.warn("store unavailable type={} conversation={}: {}", frame.getClass().getSimpleName(),
                    connection.conversationId(), e.getMessage());
            connection.error(ErrorCodes.STORE_UNAVAILABLE, null);
        } catch (RuntimeException e) {
            log.error("frame failed type={} conversation={}", frame.getClass().getSimpleName(), connection.conversationId(), e);
            connection.error(ErrorCodes.INTERNAL, null);
        }
    }

    private void handle(Connection connection, ClientFrame frame, long received) {
        if (!(frame instanceof ClientFrame.Hello) && connection.conversationId() == null) {
            connection.error(ErrorCodes.HELLO_FIRST, null);
            return;
        }
        switch (frame) {
            case ClientFrame.Hello hello -> hello(connection, hello);
            case ClientFrame.SendText send -> {
                conversations.post(connection.conversationId(), send.cid(), send.text(), connection);
                metrics.ack(Duration.ofNanos(System.nanoTime() - received));
            }
            case ClientFrame.Escalate escalate -> conversations.escalate(connection.conversationId(), escalate.reason());
            case ClientFrame.Typing typing -> { /* shown to agents once the console exists */ }
            case ClientFrame.Feedback feedback -> log.info("feedback conversation={} seq={} rating={}",
                    connection.conversationId(), feedback.seq(), feedback.rating());
            case ClientFrame.Csat csat -> log.info("csat conversation={} score={}", connection.conversationId(), csat.score());
        }
    }

    private void hello(Connection connection, ClientFrame.Hello hello) {
        if (connection.conversationId() != null) {
            conversations.close(connection.conversationId(), connection);
        }
        if (hello.lang() != null) connection.lang("en".equalsIgnoreCase(hello.lang()) ? "en" : "vi");
        Identity identity = Identity.anonymous();
        if (hello.identityToken() != null && !hello.identityToken().isBlank()) {
            var verified = identityTokens.verify(hello.identityToken());
            if (verified.isPresent()) {
                identity = verified.get();
            } else {
                log.info("invalid identity token; continuing as anonymous");
                connection.error(ErrorCodes.INVALID_TOKEN, null);
            }
        }
        conversations.open(new OpenRequest(hello.visitorId(), hello.conversationId(), hello.lastSeqOrZero(),
                hello.lang(), identity), connection);
    }

    void onClose(WsCloseContext ctx) {
        if (ctx.status() == 1009) metrics.error(ErrorCodes.FRAME_TOO_LARGE);
        Connection connection = connections.remove(ctx.sessionId());
        if (connection == null) {
            Connection refusing = refused.remove(ctx.sessionId());
            if (refusing != null) refusing.stop();
            return;
        }
        gate.release(connection.ip);
        metrics.disconnected();
        if (connection.conversationId() != null) conversations.close(connection.conversationId(), connection);
        connection.stop();
    }

    void onError(WsErrorContext ctx) {
        log.debug("socket error session={}: {}", ctx.sessionId(), String.valueOf(ctx.error()));
    }

    /** New sockets are refused from now on (503 before the upgrade). */
    void stopAccepting() {
        accepting = false;
    }

    /**
     * Tells every widget that the server is going away, with an error frame flushed before the
     * 1001 close, so that it reconnects (elsewhere) and resumes from its lastSeq.
     */
    void goingAway(Duration flushTimeout) {
        accepting = false;
        connections.values().forEach(c -> {
            c.error(ErrorCodes.SHUTTING_DOWN, null);
            c.closeAfterFlush(1001, "going away");
        });
        long deadline = System.nanoTime() + flushTimeout.toNanos();
        try {
            for (Connection c : connections.values()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !c.awaitFlushed(Duration.ofNanos(left))) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int openConnections() {
        return gate.open();
    }

    private static String remoteIp(WsConnectContext ctx) {
        return ctx.session.getRemoteSocketAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : String.valueOf(ctx.session.getRemoteSocketAddress());
    }
}
