package dev.tandem.server.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket, {@code perSecond} sustained and {@code burst} at once, safe for many threads (an
 * IP's sockets share one) without a lock: the bucket is kept as the time at which it would be full
 * again (the generic cell rate algorithm), moved by compare-and-set. A frame is taken when that time
 * is at most {@code burst - 1} token intervals ahead of now, exactly when the bucket holds a whole
 * token.
 */
final class RateLimiter {

    private final long interval;
    private final long tolerance;
    private final AtomicLong fullAt;

    RateLimiter(double perSecond, double burst) {
        this(perSecond, burst, System.nanoTime());
    }

    /** A bucket that is full at {@code nowNanos} (tests pass their own clock). */
    RateLimiter(double perSecond, double burst, long nowNanos) {
        this.interval = Math.max(1, Math.round(1e9 / perSecond));
        this.tolerance = Math.round((burst - 1) * interval);
        this.fullAt = new AtomicLong(nowNanos);
    }

    boolean tryAcquire() {
        return tryAcquire(System.nanoTime());
    }

    boolean tryAcquire(long nowNanos) {
        while (true) {
            long full = fullAt.get();
            long from = full - nowNanos > 0 ? full : nowNanos;
            if (from - nowNanos > tolerance) return false;
            if (fullAt.compareAndSet(full, from + interval)) return true;
        }
    }
}
