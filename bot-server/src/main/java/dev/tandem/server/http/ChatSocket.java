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
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentHashMap;

/** The widget's WebSocket, {@code /ws/chat?v=1}: decodes frames and hands them to the conversation engine. */
final class ChatSocket {

    private static final Logger log = LoggerFactory.getLogger(ChatSocket.class);

    private final ConversationService conversations;
    private final IdentityTokens identityTokens;
    private final ObjectMapper json;
    private final SocketMetrics metrics;
    private final ConcurrentHashMap<String, Connection> connections = new ConcurrentHashMap<>();

    ChatSocket(ConversationService conversations, IdentityTokens identityTokens, ObjectMapper json, SocketMetrics metrics) {
        this.conversations = conversations;
        this.identityTokens = identityTokens;
        this.json = json;
        this.metrics = metrics;
    }

    void onConnect(WsConnectContext ctx) {
        ctx.enableAutomaticPings();
        connections.put(ctx.sessionId(), new Connection(ctx, json, metrics));
        metrics.connected();
    }

    void onMessage(WsMessageContext ctx) {
        Connection connection = connections.get(ctx.sessionId());
        if (connection == null) return;
        metrics.messageIn();
        long received = System.nanoTime();
        if (!connection.rate.tryAcquire()) {
            connection.error(ErrorCodes.RATE_LIMITED, null);
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
                metrics.ack(java.time.Duration.ofNanos(System.nanoTime() - received));
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
        Connection connection = connections.remove(ctx.sessionId());
        if (connection == null) return;
        metrics.disconnected();
        if (connection.conversationId() != null) conversations.close(connection.conversationId(), connection);
        connection.stop();
    }

    void onError(WsErrorContext ctx) {
        log.debug("socket error session={}: {}", ctx.sessionId(), String.valueOf(ctx.error()));
    }

    /** Closes every socket with 1001 "going away" so that widgets reconnect and resume. */
    void goingAway() {
        connections.values().forEach(c -> c.error(ErrorCodes.SHUTTING_DOWN, null));
        connections.forEach((id, c) -> c.closeGoingAway());
    }
}
