package dev.tandem.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An OpenAI-compatible {@code /v1/chat/completions} endpoint for tests and benchmarks, on the JDK
 * HTTP server and a random port. Each request is answered by the next scripted {@link Plan}
 * (or the default plan): SSE streaming with delays, tool calls, errors, hangs and garbage.
 */
public final class StubOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How to answer one request. */
    public sealed interface Plan {}

    /** Streams {@code tokens}, the first after {@code firstDelayMs}, then one every {@code gapMs}. */
    public record Stream(List<String> tokens, long firstDelayMs, long gapMs) implements Plan {}

    /** Streams one tool call. */
    public record ToolCall(String name, String arguments) implements Plan {}

    /** Answers with an HTTP error, optionally with Retry-After seconds. */
    public record Status(int code, Integer retryAfterSeconds) implements Plan {}

    /** Sends headers and {@code tokensBeforeHang} tokens, then nothing for {@code hangMs}. */
    public record Hang(int tokensBeforeHang, long hangMs) implements Plan {}

    /** Streams events that are not JSON. */
    public record Garbage() implements Plan {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Plan> script = new ConcurrentLinkedQueue<>();
    private volatile Function<JsonNode, Plan> fallback = request -> new Stream(List.of("Hello", " there."), 0, 0);
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    /** The client ends (address and port) that sent requests: one per TCP connection. */
    public final java.util.Set<InetSocketAddress> clientEnds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean keepRequests = true;
    private final Map<String, String> contentChunks = new java.util.concurrent.ConcurrentHashMap<>();
    /** How late the stub itself was against its plan (sleeping threads wake late on a busy machine), in ms. */
    public final Lateness lateness = new Lateness();

    /** The stub's own lateness: first token after the planned delay, each later token after the planned gap. */
    public static final class Lateness {
        public final ConcurrentLinkedQueue<Double> firstToken = new ConcurrentLinkedQueue<>();
        public final ConcurrentLinkedQueue<Double> gap = new ConcurrentLinkedQueue<>();

        public void clear() {
            firstToken.clear();
            gap.clear();
        }
    }

    public StubOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The next requests are answered by these plans, in order. */
    public StubOpenAiServer then(Plan... plans) {
        script.addAll(List.of(plans));
        return this;
    }

    /**
     * Streamed tokens carry the stub's own time since it received the request, in microseconds,
     * when it sent them: {@code "tok3 "} goes out as {@code "tok3t312456 "} ({@link #STAMP}). A
     * benchmark then subtracts the stub's actual delay of each token, late wake-ups included,
     * instead of its planned one.
     */
    public StubOpenAiServer stampTokens() {
        stampTokens = true;
        return this;
    }

    /** A stamped token in streamed text: the token and the stub's microseconds since the request, when it sent it. */
    public static final java.util.regex.Pattern STAMP = java.util.regex.Pattern.compile("tok(\\d+)t(\\d+) ");

    private volatile boolean stampTokens;

    /** Stops recording requests in {@link #requests} (a benchmark sends too many to keep). */
    public StubOpenAiServer keepNoRequests() {
        keepRequests = false;
        return this;
    }

    /** Requests beyond the script. */
    public StubOpenAiServer otherwise(Function<JsonNode, Plan> plan) {
        this.fallback = plan;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // a benchmark's stub answers every request the same way: it need not read the request as JSON
            JsonNode request = keepRequests ? JSON.readTree(exchange.getRequestBody()) : null;
            if (request == null) exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            if (keepRequests) {
                requests.add(request);
                clientEnds.add(exchange.getRemoteAddress());
            }
            long received = System.nanoTime();
            Plan plan = script.poll();
            if (plan == null) plan = fallback.apply(request);
            switch (plan) {
                case Status s -> {
                    if (s.retryAfterSeconds() != null) exchange.getResponseHeaders().add("Retry-After", String.valueOf(s.retryAfterSeconds()));
                    byte[] body = "{\"error\":{\"message\":\"stub error\",\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(s.code(), body.length);
                    exchange.getResponseBody().write(body);
                }
                case Stream s -> {
                    OutputStream out = open(exchange);
                    sleep(s.firstDelayMs());
                    long last = 0;
                    for (int i = 0; i < s.tokens().size(); i++) {
                        if (i > 0) sleep(s.gapMs());
                        long now = System.nanoTime();
                        if (i == 0) lateness.firstToken.add((now - received) / 1e6 - s.firstDelayMs());
                        else lateness.gap.add((now - last) / 1e6 - s.gapMs());
                        last = now;
                        event(out, stampTokens ? stampedChunk(s.tokens().get(i), (now - received) / 1_000) : contentChunk(s.tokens().get(i)));
                    }
                    event(out, chunk(Map.of(), "stop"));
                    done(out);
                }
                case ToolCall t -> {
                    OutputStream out = open(exchange);
                    event(out, chunk(Map.of("tool_calls", List.of(Map.of("index", 0, "id", "call_" + requests.size(),
                            "type", "function", "function", Map.of("name", t.name(), "arguments", t.arguments())))), null));
                    event(out, chunk(Map.of(), "tool_calls"));
                    done(out);
                }
                case Hang h -> {
                    OutputStream out = open(exchange);
                    for (int i = 0; i < h.tokensBeforeHang(); i++) event(out, chunk(Map.of("content", "tok" + i + " "), null));
                    sleep(h.hangMs());
                }
                case Garbage g -> {
                    OutputStream out = open(exchange);
                    out.write("data: {\"choices\":[{\"delta\":{\"content\":\n\ndata: <html>oops</html>\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    done(out);
                }
            }
        } catch (IOException e) {
            // the client went away (a timeout on its side): nothing to do
        }
    }

    /** A content chunk; the same token always gives the same event, so it is built once. */
    private String contentChunk(String token) throws IOException {
        String cached = contentChunks.get(token);
        if (cached != null) return cached;
        String built = chunk(Map.of("content", token), null);
        if (contentChunks.size() < 10_000) contentChunks.put(token, built);
        return built;
    }

    /** {@link #contentChunk} of the token stamped with {@code micros} (the event built once per token, the number put in). */
    private String stampedChunk(String token, long micros) throws IOException {
        return contentChunk(token.stripTrailing() + "tMICROS ").replace("MICROS", Long.toString(micros));
    }

    private static OutputStream open(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private static String chunk(Map<String, Object> delta, String finishReason) throws IOException {
        var choice = new java.util.LinkedHashMap<String, Object>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        return JSON.writeValueAsString(Map.of("id", "chatcmpl-stub", "object", "chat.completion.chunk",
                "created", 1, "model", "stub", "choices", List.of(choice)));
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void done(OutputStream out) throws IOException {
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(long ms) {
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
