package dev.tandem.server.http;

/** A token bucket: {@code perSecond} sustained, {@code burst} at once. Not thread-safe by design: one per socket. */
final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long lastNanos;

    RateLimiter(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = System.nanoTime();
    }

    boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * perSecond);
        lastNanos = now;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }
}
