package dev.tandem.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.server.chat.ChatEvent;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.ConversationListener;
import io.javalin.websocket.WsContext;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One widget socket. Everything sent to it goes through one bounded queue and one writer, because
 * Jetty allows a single pending send per session; a client that stops reading fills its queue and
 * is disconnected (it resumes later from its lastSeq) instead of slowing anyone else.
 */
final class Connection implements ConversationListener {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    static final int QUEUE_CAPACITY = 512;
    private static final long SEND_TIMEOUT_SECONDS = 10;
    private static final String STOP = "\u0000stop";

    private final WsContext ws;
    private final ObjectMapper json;
    private final SocketMetrics metrics;
    private final BlockingQueue<String> outbox = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer;
    final RateLimiter rate = new RateLimiter(5, 20);

    private volatile String conversationId;
    private volatile String lang = "vi";
    /** Highest durable seq queued to this client; written under the conversation's lock. */
    private long deliveredSeq;

    Connection(WsContext ws, ObjectMapper json, SocketMetrics metrics) {
        this.ws = ws;
        this.json = json;
        this.metrics = metrics;
        this.writer = Thread.ofVirtual().name("ws-writer-" + ws.sessionId()).start(this::drain);
    }

    String conversationId() { return conversationId; }

    String lang() { return lang; }

    void lang(String lang) { this.lang = lang; }

    @Override
    public void welcome(Conversation conversation, long resumedFrom) {
        this.conversationId = conversation.id();
        this.deliveredSeq = resumedFrom;
        this.lang = conversation.lang();
        send(new ServerFrame.Welcome(conversation.id(), conversation.visitorId(), resumedFrom, conversation.lastSeq(),
                conversation.status().wireName(), conversation.identity().accountId(), null));
    }

    @Override
    public void event(ChatEvent event) {
        if (event.seq() <= deliveredSeq) return; // already delivered: exactly once
        deliveredSeq = event.seq();
        enqueue(write(event, ChatEvent.class));
    }

    @Override
    public void ack(String cid, long seq) {
        send(new ServerFrame.Ack(cid, seq));
    }

    @Override
    public void typing(String role) {
        send(new ServerFrame.TypingFrame(role));
    }

    @Override
    public void delta(String text) {
        send(new ServerFrame.Delta(text));
    }

    @Override
    public void error(String code, String message) {
        metrics.error(code);
        send(new ServerFrame.ErrorFrame(code, message == null || message.isEmpty() ? ErrorCodes.message(code, lang) : message));
    }

    void send(ServerFrame frame) {
        enqueue(write(frame, ServerFrame.class));
    }

    private String write(Object value, Class<?> type) {
        try {
            return json.writerFor(type).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private void enqueue(String frame) {
        if (!outbox.offer(frame)) {
            metrics.queueDrop();
            log.info("slow consumer disconnected conversation={}", conversationId);
            outbox.clear();
            ws.closeSession(1013, "slow consumer: reconnect and resume");
        }
    }

    private void drain() {
        try {
            while (true) {
                String frame = outbox.take();
                if (frame == STOP) return;
                var sent = new Callback.Completable();
                ws.session.sendText(frame, sent);
                sent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                metrics.frameOut();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("send failed conversation={}: {}", conversationId, e.toString());
            ws.closeSession(1011, "send failed");
        }
    }

    void closeGoingAway() {
        ws.closeSession(1001, "server restarting");
    }

    void stop() {
        outbox.clear();
        if (!outbox.offer(STOP)) writer.interrupt();
    }
}
