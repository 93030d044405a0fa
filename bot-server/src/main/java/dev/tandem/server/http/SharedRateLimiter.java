package dev.tandem.server.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The token bucket of {@link RateLimiter} ({@code perSecond} sustained, {@code burst} at once) for
 * many threads at once — an IP's sockets — without a lock: the bucket is kept as the time at which
 * it would be full again (the generic cell rate algorithm), moved by compare-and-set. A frame is
 * taken when that time is at most {@code burst - 1} token intervals ahead of now, exactly when the
 * bucket holds a whole token.
 */
final class SharedRateLimiter {

    private final long interval;
    private final long tolerance;
    private final AtomicLong fullAt;

    SharedRateLimiter(double perSecond, double burst) {
        this.interval = Math.max(1, Math.round(1e9 / perSecond));
        this.tolerance = Math.round((burst - 1) * interval);
        this.fullAt = new AtomicLong(System.nanoTime());
    }

    boolean tryAcquire() {
        long now = System.nanoTime();
        while (true) {
            long full = fullAt.get();
            long from = full - now > 0 ? full : now;
            if (from - now > tolerance) return false;
            if (fullAt.compareAndSet(full, from + interval)) return true;
        }
    }
}
