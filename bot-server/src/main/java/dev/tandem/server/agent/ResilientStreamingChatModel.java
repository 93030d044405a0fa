package dev.tandem.server.agent;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A streaming model that never leaves the caller waiting: a time-to-first-token timeout and an
 * inter-token inactivity timeout, bounded retries (only before anything was streamed, waiting as
 * long as the provider's Retry-After asks, within a cap), and a circuit breaker. Whatever goes
 * wrong ends in exactly one {@code onError}, which the responder turns into the offline answer.
 */
final class ResilientStreamingChatModel implements StreamingChatModel {

    private static final Logger log = LoggerFactory.getLogger(ResilientStreamingChatModel.class);

    /** Raised to the handler when the provider failed, hung or is switched off by the breaker. */
    static final class ProviderUnavailable extends RuntimeException {
        ProviderUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    record Settings(Duration firstTokenTimeout, Duration inactivityTimeout, int maxAttempts,
                    Duration baseBackoff, Duration maxRetryAfter) {}

    private final StreamingChatModel delegate;
    private final Settings settings;
    private final CircuitBreaker breaker;
    private final ScheduledExecutorService timers;

    ResilientStreamingChatModel(StreamingChatModel delegate, Settings settings, CircuitBreaker breaker) {
        this.delegate = delegate;
        this.settings = settings;
        this.breaker = breaker;
        var timers = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("llm-timers").factory());
        timers.setRemoveOnCancelPolicy(true); // a stream that ends cancels its timer: do not keep it queued for seconds
        this.timers = timers;
    }

    /** Retries, backoff and circuit breaker as below, with the configured stream timeouts. */
    static ResilientStreamingChatModel withTimeouts(StreamingChatModel delegate, Duration firstToken, Duration betweenTokens) {
        var settings = new Settings(
                firstToken,
                betweenTokens,
                3,                        // one call and two retries: a third failure is an outage, not a blip
                Duration.ofMillis(250),   // backoff doubles from here when the provider gives no Retry-After
                Duration.ofSeconds(4));   // a longer Retry-After than this: answer offline now instead of waiting
        return new ResilientStreamingChatModel(delegate, settings,
                new CircuitBreaker(5, Duration.ofSeconds(30), Clock.systemUTC()));
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        attempt(request, handler, 1);
    }

    private void attempt(ChatRequest request, StreamingChatResponseHandler handler, int number) {
        if (!breaker.allow()) {
            handler.onError(new ProviderUnavailable("circuit open: provider failing", null));
            return;
        }
        var guarded = new Attempt(request, handler, number);
        guarded.arm(settings.firstTokenTimeout());
        try {
            delegate.chat(request, guarded);
        } catch (RuntimeException e) {
            guarded.onError(e);
        }
    }

    /** One call to the provider, watched by a timer; late callbacks of an abandoned attempt are dropped. */
    private final class Attempt implements StreamingChatResponseHandler {
        private final ChatRequest request;
        private final StreamingChatResponseHandler handler;
        private final int number;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile boolean streamed;
        private volatile long lastActivity = System.nanoTime();
        private volatile ScheduledFuture<?> timer;

        Attempt(ChatRequest request, StreamingChatResponseHandler handler, int number) {
            this.request = request;
            this.handler = handler;
            this.number = number;
        }

        void arm(Duration after) {
            timer = timers.schedule(this::check, after.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void check() {
            if (done.get()) return;
            long idle = System.nanoTime() - lastActivity;
            Duration limit = streamed ? settings.inactivityTimeout() : settings.firstTokenTimeout();
            if (idle >= limit.toNanos()) {
                fail(new ProviderUnavailable((streamed ? "no token for " : "no first token within ") + limit, null));
            } else {
                timer = timers.schedule(this::check, limit.toNanos() - idle, TimeUnit.NANOSECONDS);
            }
        }

        private void activity() {
            streamed = true;
            lastActivity = System.nanoTime();
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            if (done.get()) return;
            activity();
            handler.onPartialResponse(partialResponse);
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            if (done.get()) return;
            activity();
            handler.onPartialResponse(partialResponse, context);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            if (done.get()) return;
            lastActivity = System.nanoTime(); // thinking keeps the stream alive but is never shown
            handler.onPartialThinking(partialThinking, context);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            if (done.get()) return;
            activity();
            handler.onPartialToolCall(partialToolCall, context);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            if (done.get()) return;
            activity();
            handler.onCompleteToolCall(completeToolCall);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            if (!done.compareAndSet(false, true)) return;
            cancelTimer();
            breaker.success();
            handler.onCompleteResponse(response);
        }

        @Override
        public void onError(Throwable error) {
            fail(error);
        }

        private void fail(Throwable error) {
            if (!done.compareAndSet(false, true)) return;
            cancelTimer();
            breaker.failure();
            Optional<Duration> wait = streamed ? Optional.empty() : retryDelay(error, number);
            if (wait.isPresent()) {
                log.info("provider attempt {} failed ({}), retrying in {} ms", number, error.toString(), wait.get().toMillis());
                timers.schedule(() -> Thread.ofVirtual().start(() -> attempt(request, handler, number + 1)),
                        wait.get().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                handler.onError(error instanceof ProviderUnavailable ? error
                        : new ProviderUnavailable("provider failed: " + error, error));
            }
        }

        private void cancelTimer() {
            ScheduledFuture<?> t = timer;
            if (t != null) t.cancel(false);
        }
    }

    /** How long to wait before retrying, or empty when the error is not worth a retry. */
    Optional<Duration> retryDelay(Throwable error, int attemptNumber) {
        if (attemptNumber >= settings.maxAttempts()) return Optional.empty();
        Duration backoff = settings.baseBackoff().multipliedBy(1L << (attemptNumber - 1));
        var refused = cause(error, ProviderHttpClient.Refused.class);
        if (refused.isPresent()) {
            int status = refused.get().statusCode();
            if (status != 429 && status / 100 != 5) return Optional.empty(); // 4xx: a retry gets the same answer
            Optional<Duration> asked = refused.get().retryAfter();
            if (asked.isPresent()) {
                return asked.get().compareTo(settings.maxRetryAfter()) > 0 ? Optional.empty() : asked;
            }
            return Optional.of(backoff);
        }
        var http = cause(error, HttpException.class);
        if (http.isPresent()) {
            int status = http.get().statusCode();
            return status == 429 || status / 100 == 5 ? Optional.of(backoff) : Optional.empty();
        }
        if (cause(error, ProviderHttpClient.Garbage.class).isPresent()
                || cause(error, com.fasterxml.jackson.core.JsonProcessingException.class).isPresent()) {
            return Optional.empty(); // unreadable output: it would stream garbage again
        }
        // a timeout is not retried: the user has already waited; the offline answer comes now
        if (cause(error, IOException.class).isPresent()) return Optional.of(backoff);
        return Optional.empty();
    }

    private static <T extends Throwable> Optional<T> cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return Optional.of(type.cast(t));
        }
        return Optional.empty();
    }

    CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }
}
