package dev.tandem.server.agent;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP client under the OpenAI-compatible model, on the JDK client. It exists for two things
 * the stock client does not give us: the {@code Retry-After} of a refused call ({@link Refused}),
 * and turning a stream whose events cannot be understood into an error ({@link Garbage}) instead
 * of a silently empty answer.
 */
final class ProviderHttpClient implements HttpClient {

    /** A non-2xx answer, with how long the provider asked us to wait, if it said. */
    static final class Refused extends HttpException {
        private final Duration retryAfter;

        Refused(int status, String body, Duration retryAfter) {
            super(status, body.length() > 300 ? body.substring(0, 300) : body);
            this.retryAfter = retryAfter;
        }

        Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** The stream carried something that is not a valid event. */
    static final class Garbage extends RuntimeException {
        Garbage(Throwable cause) {
            super("provider streamed an unreadable event", cause);
        }
    }

    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "upgrade", "expect");

    /**
     * One thread per stream while it lasts; idle streams cost a parked thread, which 200 streams can
     * afford. The threads are kept for a minute after their stream ends and reused by the next ones:
     * starting a platform thread makes the caller wait until the new thread runs (2.7 ms at the
     * median of a turn on a busy two-core machine, in front of the request), handing a stream to a
     * waiting one takes one wake-up.
     */
    private static final java.util.concurrent.ExecutorService STREAM_READERS = java.util.concurrent.Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("llm-stream-", 0).factory());

    /** Runs the JDK client's tasks on the thread that hands them over (see the constructor). */
    private static final java.util.concurrent.Executor DIRECT = Runnable::run;

    private final java.net.http.HttpClient client;
    private final Duration readTimeout;

    /**
     * One client per model, shared by every stream. HTTP/1.1: each stream is long and has a
     * connection of its own (no flow-control window or head-of-line blocking shared between
     * streams, as over one HTTP/2 connection), kept alive and reused by the JDK's pool, which has no
     * size limit (so 200 streams get 200 connections) and closes idle ones after 30 s
     * ({@code jdk.httpclient.keepalive.timeout}). It also spares plain-HTTP endpoints (vLLM, Ollama,
     * LM Studio) the h2c upgrade headers the default version sends on every new connection.
     *
     * <p>Streams are read, and their tokens handed on, on platform threads: a token must reach the
     * customer when it arrives, and virtual threads are not time-sliced, so behind other turns'
     * retrieval (pure CPU) on every carrier it would wait for one to yield. The operating system
     * wakes a platform thread that was waiting on its socket within a scheduler tick instead.
     *
     * <p>The client's own tasks run where they are handed over ({@link #DIRECT}) instead of on a
     * pool: each chunk the client's selector thread reads is then decoded there and queued for the
     * stream's thread, one wake-up per token instead of two (selector, pool thread, stream thread),
     * and a request is written by the stream's thread that sends it. On a busy machine each wake-up
     * is a wait for a core. What runs there is light (HTTP/1.1 chunk decoding, queueing the bytes):
     * the bodies are read as {@link InputStream}s, no code of ours runs on the selector thread.
     */
    ProviderHttpClient(Duration connectTimeout, Duration readTimeout) {
        this.client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .executor(DIRECT)
                .build();
        this.readTimeout = readTimeout;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(toJdk(request), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) throw refused(response.statusCode(), response.body(), response.headers());
            return SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                    .headers(response.headers().map()).body(response.body()).build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        STREAM_READERS.execute(() -> {
            try {
                HttpResponse<InputStream> response = client.send(toJdk(request), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() / 100 != 2) {
                    String body;
                    try (InputStream in = response.body()) {
                        body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                    }
                    listener.onError(refused(response.statusCode(), body, response.headers()));
                    return;
                }
                listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.statusCode())
                        .headers(response.headers().map()).build());
                var checked = new CheckedListener(listener);
                try (InputStream in = response.body()) {
                    parser.parse(in, checked);
                }
                if (!checked.failed) listener.onClose();
            } catch (Exception e) {
                listener.onError(e);
            }
        });
    }

    /** Passes events on; the first one the model cannot read ends the stream with {@link Garbage}. */
    private static final class CheckedListener implements ServerSentEventListener {
        private final ServerSentEventListener delegate;
        volatile boolean failed;

        CheckedListener(ServerSentEventListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            if (failed) return;
            try {
                delegate.onEvent(event, context);
            } catch (RuntimeException e) {
                failed = true;
                context.parsingHandle().cancel();
                delegate.onError(new Garbage(e));
            }
        }

        @Override
        public void onError(Throwable error) {
            if (!failed) delegate.onError(error);
        }
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        var builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout);
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (RESTRICTED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) continue;
            for (String value : header.getValue()) builder.header(header.getKey(), value);
        }
        String body = request.body();
        return switch (request.method()) {
            case GET -> builder.GET().build();
            case DELETE -> builder.DELETE().build();
            case POST -> builder.POST(body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        };
    }

    private static Refused refused(int status, String body, java.net.http.HttpHeaders headers) {
        return new Refused(status, body == null ? "" : body, headers.firstValue("Retry-After").map(ProviderHttpClient::parseRetryAfter).orElse(null));
    }

    /** Seconds, or an HTTP date; anything else is ignored. */
    static Duration parseRetryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            try {
                var when = java.time.ZonedDateTime.parse(value.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                return Duration.between(java.time.Instant.now(), when.toInstant()).isNegative() ? Duration.ZERO
                        : Duration.between(java.time.Instant.now(), when.toInstant());
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }

    /** Plugs into {@code OpenAiStreamingChatModel.builder().httpClientBuilder(...)}. */
    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(120);

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            if (timeout != null) this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            if (timeout != null) this.readTimeout = timeout;
            return this;
        }

        @Override
        public HttpClient build() {
            return new ProviderHttpClient(connectTimeout, readTimeout);
        }
    }
}
