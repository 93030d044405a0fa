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

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
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
    /** How long a client that stopped reading gets to take our close frame before the TCP connection is cut. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    /** Sent after every frame queued before it, then the writer closes the socket and ends. */
    private record CloseAfterFlush(int code, String reason) {}

    private static final Object STOP = new Object();

    private final WsContext ws;
    private final ObjectMapper json;
    private final SocketMetrics metrics;
    private final BlockingQueue<Object> outbox = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final CountDownLatch writerDone = new CountDownLatch(1);
    private final Thread writer;
    final RateLimiter rate;
    final String ip;
    /** Consecutive frames refused by a rate limit; a client that keeps flooding is closed. */
    int refusedInARow;

    private volatile String conversationId;
    private volatile String lang = "vi";
    private volatile boolean closing;
    /** Highest durable seq queued to this client; written under the conversation's lock. */
    private long deliveredSeq;

    Connection(WsContext ws, String ip, ObjectMapper json, SocketMetrics metrics, SocketLimits limits) {
        this.ws = ws;
        this.ip = ip;
        this.json = json;
        this.metrics = metrics;
        this.rate = new RateLimiter(limits.messagesPerSecond(), limits.messageBurst());
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

    private void enqueue(Object frame) {
        if (closing) return;
        if (!outbox.offer(frame)) {
            metrics.queueDrop();
            log.info("slow consumer disconnected conversation={}", conversationId);
            abort(1013, "slow consumer: reconnect and resume");
        }
    }

    /**
     * Sends {@code code} after the frames already queued (so an error frame put just before is read
     * by the client), then closes. Used for going away and for refusals.
     */
    void closeAfterFlush(int code, String reason) {
        if (closing) return;
        if (!outbox.offer(new CloseAfterFlush(code, reason))) {
            abort(code, reason);
            return;
        }
        closing = true;
    }

    /** Waits until the writer has flushed and closed, or {@code timeout} passed. */
    boolean awaitFlushed(Duration timeout) throws InterruptedException {
        return writerDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Drops what is queued and closes now. A client that stopped reading cannot take a close frame
     * either, so the TCP connection is cut if the close handshake has not finished in time.
     */
    private void abort(int code, String reason) {
        closing = true;
        outbox.clear();
        writer.interrupt();
        ws.session.close(code, reason, Callback.NOOP);
        Thread.ofVirtual().name("ws-cut-" + ws.sessionId()).start(() -> {
            try {
                Thread.sleep(CLOSE_GRACE);
            } catch (InterruptedException e) {
                return;
            }
            if (ws.session.isOpen()) ws.session.disconnect();
        });
    }

    private void drain() {
        try {
            while (true) {
                Object item = outbox.take();
                if (item == STOP) return;
                if (item instanceof CloseAfterFlush close) {
                    var closed = new Callback.Completable();
                    ws.session.close(close.code(), close.reason(), closed);
                    closed.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    return;
                }
                var sent = new Callback.Completable();
                ws.session.sendText((String) item, sent);
                sent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                metrics.frameOut();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!closing) {
                log.debug("send failed conversation={}: {}", conversationId, e.toString());
                closing = true;
                ws.session.disconnect();
            }
        } finally {
            writerDone.countDown();
        }
    }

    /** The socket closed: ends the writer. */
    void stop() {
        closing = true;
        outbox.clear();
        if (!outbox.offer(STOP)) writer.interrupt();
    }
}
