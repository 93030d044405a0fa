package dev.tandem.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The chat socket's counters, exported at /metrics. */
final class SocketMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter messagesIn;
    private final Counter framesOut;
    private final Counter queueDrops;
    private final Timer ackLatency;

    SocketMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("tandem.ws.connections", open);
        this.messagesIn = registry.counter("tandem.messages.in");
        this.framesOut = registry.counter("tandem.frames.out");
        this.queueDrops = registry.counter("tandem.ws.queue.drops");
        this.ackLatency = Timer.builder("tandem.ack.latency").publishPercentiles(0.5, 0.99).register(registry);
    }

    void connected() { open.incrementAndGet(); }

    void disconnected() { open.decrementAndGet(); }

    int openConnections() { return open.get(); }

    void messageIn() { messagesIn.increment(); }

    void frameOut() { framesOut.increment(); }

    void queueDrop() { queueDrops.increment(); }

    void ack(Duration sinceReceived) { ackLatency.record(sinceReceived); }

    void error(String code) { registry.counter("tandem.errors", "code", code).increment(); }
}
