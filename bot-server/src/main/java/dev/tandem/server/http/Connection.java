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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One widget socket. Everything sent to it goes through one bounded queue, sent one frame at a time
 * because Jetty allows a single pending send per session: each send's completion starts the next,
 * so an idle connection holds no thread and no preallocated buffer (the idle-capacity benchmark
 * keeps tens of thousands open). A client that stops reading fills its queue and is disconnected
 * (it resumes later from its lastSeq) instead of slowing anyone else.
 */
final class Connection implements ConversationListener {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    static final int QUEUE_CAPACITY = 512;
    /** How long a client that stopped reading gets to take our close frame before the TCP connection is cut. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    /** Sent after every frame queued before it, then the socket is closed and nothing more is sent. */
    private record CloseAfterFlush(int code, String reason) {}

    private final WsContext ws;
    private final ObjectMapper json;
    private final SocketMetrics metrics;
    private final Queue<Object> outbox = new ConcurrentLinkedQueue<>();
    /** Frames in {@link #outbox}; bounded by {@link #QUEUE_CAPACITY}. */
    private final AtomicInteger queued = new AtomicInteger();
    /** True while one send is pending on the session: only its completion may start the next. */
    private final AtomicBoolean sending = new AtomicBoolean();
    private final CountDownLatch writerDone = new CountDownLatch(1);
    /** The thread inside {@link #pump()}'s send, so that a send completing inline does not recurse. */
    private volatile Thread pumpThread;
    /** System.nanoTime() when the pending send started, 0 when none is pending. */
    private volatile long sendStarted;
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
        if (!offer(frame)) {
            metrics.queueDrop();
            log.info("slow consumer disconnected conversation={}", conversationId);
            abort(1013, "slow consumer: reconnect and resume");
            return;
        }
        pump();
    }

    private boolean offer(Object frame) {
        if (queued.incrementAndGet() > QUEUE_CAPACITY) {
            queued.decrementAndGet();
            return false;
        }
        outbox.add(frame);
        return true;
    }

    /**
     * Sends {@code code} after the frames already queued (so an error frame put just before is read
     * by the client), then closes. Used for going away and for refusals.
     */
    void closeAfterFlush(int code, String reason) {
        if (closing) return;
        if (!offer(new CloseAfterFlush(code, reason))) {
            abort(code, reason);
            return;
        }
        closing = true;
        pump();
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
        writerDone.countDown();
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

    /**
     * Starts sending the next queued frame unless a send is pending. Called after each enqueue and
     * from each send's completion, so exactly one send is in flight while frames are queued.
     */
    private void pump() {
        while (sending.compareAndSet(false, true)) {
            Object item = outbox.poll();
            if (item == null) {
                sending.set(false);
                if (outbox.isEmpty()) return; // a frame queued after the poll is taken by this loop or its own pump()
                continue;
            }
            queued.decrementAndGet();
            if (writerDone.getCount() == 0) { // aborted or stopped meanwhile: send nothing more
                outbox.clear();
                return;
            }
            if (item instanceof CloseAfterFlush close) {
                ws.session.close(close.code(), close.reason(), Callback.from(writerDone::countDown, failure -> writerDone.countDown()));
                return;
            }
            pumpThread = Thread.currentThread();
            sendStarted = System.nanoTime();
            try {
                ws.session.sendText((String) item, Callback.from(this::sent, this::sendFailed));
            } finally {
                pumpThread = null;
            }
            // a send that completed inline left sending false: this loop sends the next frame (no recursion)
        }
    }

    private void sent() {
        metrics.frameOut();
        sendStarted = 0;
        sending.set(false);
        if (pumpThread != Thread.currentThread()) pump();
    }

    /** True when a send has been pending longer than {@code limit}: the client stopped reading. */
    boolean sendStuckFor(Duration limit) {
        long started = sendStarted;
        return started != 0 && System.nanoTime() - started > limit.toNanos();
    }

    /** Called when {@link #sendStuckFor} said so: cuts the connection; the client resumes from its lastSeq. */
    void cutStuck() {
        sendFailed(new java.util.concurrent.TimeoutException("send pending for too long"));
    }

    private void sendFailed(Throwable failure) {
        if (!closing) {
            log.debug("send failed conversation={}: {}", conversationId, failure.toString());
            closing = true;
            ws.session.disconnect();
        }
        outbox.clear();
        writerDone.countDown();
    }

    /** The socket closed: ends the writer. */
    void stop() {
        closing = true;
        outbox.clear();
        writerDone.countDown();
    }
}
