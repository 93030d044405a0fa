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
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One widget socket. Everything sent to it goes through one bounded queue with one send in flight,
 * because Jetty allows a single pending send per session; the next frame goes out from the
 * completion of the previous one, so no thread waits on a socket (an ack is written by the thread
 * that stored the message, not by a thread that would first have to be scheduled). A client that
 * stops reading fills its queue and is disconnected (it resumes later from its lastSeq) instead of
 * slowing anyone else.
 */
final class Connection implements ConversationListener {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    static final int QUEUE_CAPACITY = 512;
    /** A send still pending after this long means the client stopped reading: it is disconnected. */
    private static final long SEND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How long a client that stopped reading gets to take our close frame before the TCP connection is cut. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /** A client being closed for flooding gets its close frame once it has sent nothing for this long... */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** ...or after this long at the latest. */
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** Sent after every frame queued before it, then nothing more is sent. */
    private record CloseAfterFlush(int code, String reason) {}

    private final WsContext ws;
    private final ObjectMapper json;
    private final SocketMetrics metrics;
    private final ReentrantLock outboxLock = new ReentrantLock();
    /** Frames waiting for the one in flight; guarded by {@link #outboxLock}. */
    private final ArrayDeque<Object> outbox = new ArrayDeque<>();
    /** A frame is in flight (or the socket is closing): whoever set it sends the next one. Guarded by {@link #outboxLock}. */
    private boolean sending;
    private volatile long sendStarted;
    /** Set when Jetty reported the socket closed ({@link #stop}). */
    private volatile boolean stopped;
    private final CountDownLatch writerDone = new CountDownLatch(1);
    final RateLimiter rate;
    final String ip;
    /** Refusals this client may still have (see {@link ChatSocket#REFUSALS_BEFORE_CLOSE}); when none are left it is closed. */
    final RateLimiter refusals = new RateLimiter(1, ChatSocket.REFUSALS_BEFORE_CLOSE);
    /** Set by {@link #closeWhenQuiet}: the client's frames are dropped unread until its close goes out. */
    private volatile boolean lingering;
    private volatile long lastFrameIn;

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
        boolean full;
        boolean start = false;
        outboxLock.lock();
        try {
            if (closing) return;
            boolean stuck = sending && System.nanoTime() - sendStarted > SEND_TIMEOUT_NANOS;
            full = stuck || outbox.size() >= QUEUE_CAPACITY;
            if (!full) {
                outbox.add(frame);
                start = !sending;
                sending = true;
            }
        } finally {
            outboxLock.unlock();
        }
        if (full) {
            metrics.queueDrop();
            log.info("slow consumer disconnected conversation={}", conversationId);
            abort(1013, "slow consumer: reconnect and resume");
        } else if (start) {
            pump();
        }
    }

    /**
     * Sends {@code code} after the frames already queued (so an error frame put just before is read
     * by the client), then closes. Used for going away and for refusals.
     */
    void closeAfterFlush(int code, String reason) {
        boolean full;
        boolean start = false;
        outboxLock.lock();
        try {
            if (closing) return;
            closing = true;
            full = outbox.size() >= QUEUE_CAPACITY;
            if (!full) {
                outbox.add(new CloseAfterFlush(code, reason));
                start = !sending;
                sending = true;
            }
        } finally {
            outboxLock.unlock();
        }
        if (full) abort(code, reason);
        else if (start) pump();
    }

    /**
     * Closes with {@code code} once the client has stopped sending, and drops its frames until then.
     * Jetty cuts the TCP connection as soon as it has written a close frame with a code other than
     * 1000 or 1001, without waiting for the client's reply; a client still sending at that moment
     * gets a TCP reset, which throws away what it has not read yet, our close frame included, and
     * it sees an abnormal closure instead of {@code code}. Waiting for a quiet moment (at most
     * {@link #LINGER_NANOS}) lets the close frame arrive; a client that never stops sending cannot
     * be told anyway.
     */
    void closeWhenQuiet(int code, String reason) {
        if (lingering || closing) return;
        lastFrameIn = System.nanoTime();
        lingering = true;
        long deadline = lastFrameIn + LINGER_NANOS;
        Thread.ofVirtual().name("ws-linger-" + ws.sessionId()).start(() -> {
            try {
                long wake;
                while ((wake = Math.min(lastFrameIn + QUIET_NANOS, deadline)) > System.nanoTime()) {
                    TimeUnit.NANOSECONDS.sleep(wake - System.nanoTime());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeAfterFlush(code, reason);
        });
    }

    /**
     * True when this socket is being closed by {@link #closeWhenQuiet}: the frame just received is
     * dropped, and the close waits for the client to go quiet.
     */
    boolean dropWhileLingering() {
        if (!lingering) return false;
        lastFrameIn = System.nanoTime();
        return true;
    }

    /** Waits until the queue was flushed and the socket closed, or {@code timeout} passed. */
    boolean awaitFlushed(Duration timeout) throws InterruptedException {
        return writerDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Drops what is queued and closes now. A client that stopped reading cannot take a close frame
     * either, so the TCP connection is cut if the close handshake has not finished in time.
     */
    private void abort(int code, String reason) {
        closing = true;
        clearOutbox();
        ws.session.close(code, reason, Callback.NOOP);
        writerDone.countDown();
        Thread.ofVirtual().name("ws-cut-" + ws.sessionId()).start(() -> {
            try {
                Thread.sleep(CLOSE_GRACE);
            } catch (InterruptedException e) {
                return;
            }
            // not "isOpen()": a session whose close frame is queued behind a stuck send no longer says open
            if (!stopped) ws.session.disconnect();
        });
    }

    /**
     * Sends queued frames one at a time until the queue is empty. A send that completes at once
     * lets this loop go on; one that completes later continues from its callback.
     */
    private void pump() {
        while (true) {
            Object item;
            outboxLock.lock();
            try {
                item = outbox.poll();
                if (item == null) {
                    sending = false;
                    return;
                }
            } finally {
                outboxLock.unlock();
            }
            sendStarted = System.nanoTime();
            if (item instanceof CloseAfterFlush close) {
                // nothing is sent after the close: "sending" stays set
                ws.session.close(close.code(), close.reason(), Callback.from(writerDone::countDown, failure -> writerDone.countDown()));
                return;
            }
            var sent = new Send();
            try {
                ws.session.sendText((String) item, sent);
            } catch (RuntimeException e) {
                sent.fail(e); // a session closed under us: nothing more goes out
            }
            if (!sent.completedInline()) return;
        }
    }

    /** The completion of one send: pumps the next frame unless the pump loop is still running and will. */
    private final class Send implements Callback {
        private static final int PENDING = 0, DONE = 1, LEFT_TO_CALLBACK = 2;
        private final AtomicInteger state = new AtomicInteger(PENDING);

        @Override
        public void succeed() {
            metrics.frameOut();
            if (!state.compareAndSet(PENDING, DONE)) pump();
        }

        @Override
        public void fail(Throwable failure) {
            if (!closing) {
                log.debug("send failed conversation={}: {}", conversationId, failure.toString());
                closing = true;
                ws.session.disconnect();
            }
            clearOutbox(); // "sending" stays set: nothing more goes out
            writerDone.countDown();
        }

        /** True when the send already succeeded, so that the caller's loop sends the next frame. */
        boolean completedInline() {
            return !state.compareAndSet(PENDING, LEFT_TO_CALLBACK) && state.get() == DONE;
        }
    }

    private void clearOutbox() {
        outboxLock.lock();
        try {
            outbox.clear();
        } finally {
            outboxLock.unlock();
        }
    }

    /** The socket closed: nothing more is sent. */
    void stop() {
        stopped = true;
        closing = true;
        clearOutbox();
        writerDone.countDown();
    }
}
