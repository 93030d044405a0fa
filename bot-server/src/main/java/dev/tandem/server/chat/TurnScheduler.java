package dev.tandem.server.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs bot turns off the socket threads, on virtual threads, one turn at a time per conversation.
 * At most {@code maxRunning} turns compose an answer at once ({@link #answering}; the others wait
 * their turn, parked): answers are CPU-heavy with the offline answerer, and a flood of them must not
 * leave the machine with no time for the socket threads that store and acknowledge messages. Storing
 * the reply is outside that bound: a turn waiting for the store holds no place, so that the replies
 * of a burst share writes instead of trickling through {@code maxRunning} at a time (with 64 places
 * an instant bot's replies went to the store 32 per commit and fell seconds behind at 500 a second).
 */
final class TurnScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TurnScheduler.class);

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore running;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private volatile boolean accepting = true;

    TurnScheduler(int maxRunning) {
        this.running = new Semaphore(maxRunning, true);
    }

    boolean submit(String conversationId, Runnable turn) {
        if (!accepting) return false;
        tails.compute(conversationId, (id, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            CompletableFuture<Void> next = previous.thenRunAsync(() -> runSafely(id, turn), executor);
            next.whenComplete((ok, error) -> tails.remove(id, next));
            return next;
        });
        return true;
    }

    int inFlight() {
        return tails.size();
    }

    private void runSafely(String conversationId, Runnable turn) {
        try {
            turn.run();
        } catch (Interrupted e) {
            // shutting down: the message stays unanswered in the store and is recovered at the next start
        } catch (RuntimeException e) {
            log.error("turn failed conversation={}", conversationId, e);
        }
    }

    /**
     * Runs {@code answer} (a turn's CPU-heavy part) once one of the {@code maxRunning} places is free;
     * call it from a turn. Throws {@link Interrupted} when the wait is interrupted (shutting down).
     */
    <T> T answering(Supplier<T> answer) {
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
        try {
            return answer.get();
        } finally {
            running.release();
        }
    }

    /** A turn interrupted while waiting for a place: it ends without an answer. */
    static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted while waiting to answer", null, false, false);
        }
    }

    /** Stops taking turns and waits up to {@code grace} for the ones under way. */
    void drain(Duration grace) {
        accepting = false;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("shutdown: {} turns still running after {}", tails.size(), grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        drain(Duration.ofSeconds(10));
    }
}
