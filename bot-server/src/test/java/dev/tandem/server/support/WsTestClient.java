package dev.tandem.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) that records every frame the server sends. */
public final class WsTestClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final WebSocket socket;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** Why the socket failed, when {@link #closed} completed with -1 (no close frame was read). */
    private volatile Throwable failure;

    private WsTestClient(URI uri, String origin) throws Exception {
        this(uri, origin == null ? java.util.Map.of() : java.util.Map.of("Origin", origin));
    }

    private WsTestClient(URI uri, java.util.Map<String, String> headers) throws Exception {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    }

    public static WsTestClient connect(int port) throws Exception {
        return new WsTestClient(URI.create("ws://localhost:" + port + "/ws/chat?v=1"), (String) null);
    }

    public static WsTestClient connect(int port, String origin) throws Exception {
        return new WsTestClient(URI.create("ws://localhost:" + port + "/ws/chat?v=1"), origin);
    }

    /** A client whose upgrade request carries {@code headers} (for example X-Forwarded-For, as a proxy adds it). */
    public static WsTestClient connectWith(int port, java.util.Map<String, String> headers) throws Exception {
        return new WsTestClient(URI.create("ws://localhost:" + port + "/ws/chat?v=1"), headers);
    }

    public void send(Object frame) throws Exception {
        sendRaw(frame instanceof String s ? s : JSON.writeValueAsString(frame));
    }

    public void sendRaw(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    /** Waits for the next frame of {@code type} that matches; frames passed over stay in {@link #seen()}. */
    public JsonNode await(String type, Predicate<JsonNode> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode frame = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no '" + type + "' frame within " + timeout + "; saw " + seen);
            }
            if (type.equals(frame.path("type").asText()) && matches.test(frame)) return frame;
        }
    }

    public JsonNode await(String type, Duration timeout) throws InterruptedException {
        return await(type, f -> true, timeout);
    }

    public synchronized List<JsonNode> seen() {
        return List.copyOf(seen);
    }

    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /** The error that ended the socket without a close frame, or null. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode node = JSON.readTree(partial.toString());
                    synchronized (WsTestClient.this) {
                        seen.add(node);
                    }
                    inbox.add(node);
                } catch (Exception e) {
                    inbox.add(JSON.createObjectNode().put("type", "unparseable").put("raw", partial.toString()));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failure = error;
            closed.complete(-1);
        }
    }
}
