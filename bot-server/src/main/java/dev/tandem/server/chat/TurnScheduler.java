package dev.tandem.server.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
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
 * <p>
 * With {@code answerNice > 0} (opt-in, JVM property {@code tandem.answerNice}), composing runs on the
 * bound's own platform threads ("turn-answer-N"), which ask the OS for that lower scheduling priority
 * ({@link OsThreadPriority}): at 1,000 clients the offline answers want more CPU than two cores have,
 * and at the same priority the threads that ack messages get only their share of it. Bounding the
 * answers to one at a time did not lower the ack p99 (~33 ms): one answer still takes a whole core.
 * With the lower priority the OS runs the socket, journal and store threads first and the answers
 * use what is left. Not measured on a quiet machine yet, hence not the default.
 */
final class TurnScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TurnScheduler.class);

    /** How long an idle answering thread is kept. */
    private static final long ANSWERER_KEEP_ALIVE_SECONDS = 30;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** The {@code maxRunning} places, taken on the turn's own thread; null when {@link #answerers} holds them. */
    private final Semaphore running;
    /** With a lower OS priority for answers: the places as a FIFO queue in front of at most that many answering threads. */
    private final ThreadPoolExecutor answerers;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private volatile boolean accepting = true;

    TurnScheduler(int maxRunning, int answerNice) {
        if (answerNice <= 0) {
            this.running = new Semaphore(maxRunning, true);
            this.answerers = null;
            return;
        }
        this.running = null;
        ThreadFactory platform = Thread.ofPlatform().daemon().name("turn-answer-", 0).factory();
        ThreadFactory lowered = task -> platform.newThread(() -> {
            OsThreadPriority.lowerCurrentThread(answerNice);
            task.run();
        });
        this.answerers = new ThreadPoolExecutor(maxRunning, maxRunning, ANSWERER_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), lowered);
        answerers.allowCoreThreadTimeOut(true);
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
     * Runs {@code answer} (a turn's CPU-heavy part) once one of the {@code maxRunning} places is free,
     * on the turn's thread or (lower OS priority) on an answering thread while the turn waits; call it
     * from a turn. Throws {@link Interrupted} when the wait is interrupted (shutting down); an answer
     * on an answering thread is then cancelled (interrupted if it runs).
     */
    <T> T answering(Supplier<T> answer) {
        if (answerers == null) return answeringHere(answer);
        Future<T> composed;
        try {
            composed = answerers.submit(answer::get);
        } catch (RejectedExecutionException e) {
            throw new Interrupted(); // closed: shutting down
        }
        try {
            return composed.get();
        } catch (InterruptedException e) {
            composed.cancel(true);
            Thread.currentThread().interrupt();
            throw new Interrupted();
        } catch (CancellationException e) {
            throw new Interrupted();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) throw runtime;
            if (cause instanceof Error error) throw error;
            throw new IllegalStateException("answer failed", cause);
        }
    }

    private <T> T answeringHere(Supplier<T> answer) {
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
        } finally {
            if (answerers != null) stopAnswerers();
        }
    }

    /**
     * Answers still queued belong to turns given up on: cancelled, so their turns end without an answer
     * (recovered at the next start), as a turn parked for a place did; the ones running finish.
     */
    private void stopAnswerers() {
        answerers.shutdown();
        List<Runnable> queued = new ArrayList<>();
        answerers.getQueue().drainTo(queued);
        queued.forEach(task -> ((Future<?>) task).cancel(false));
    }

    @Override
    public void close() {
        drain(Duration.ofSeconds(10));
    }
}
