package dev.tandem.server.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a provider that keeps failing: after {@code threshold} failures in a row it opens
 * for {@code openFor}, then lets one trial call through (half-open); a success closes it again.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int consecutiveFailures;
    private Instant openedAt;
    private boolean trialInFlight;

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may go out now; in half-open state only one trial at a time. */
    synchronized boolean allow() {
        if (openedAt == null) return true;
        if (clock.instant().isBefore(openedAt.plus(openFor))) return false;
        if (trialInFlight) return false;
        trialInFlight = true;
        return true;
    }

    synchronized void success() {
        consecutiveFailures = 0;
        openedAt = null;
        trialInFlight = false;
    }

    synchronized void failure() {
        consecutiveFailures++;
        if (trialInFlight || consecutiveFailures >= threshold) openedAt = clock.instant();
        trialInFlight = false;
    }

    synchronized State state() {
        if (openedAt == null) return State.CLOSED;
        return clock.instant().isBefore(openedAt.plus(openFor)) ? State.OPEN : State.HALF_OPEN;
    }
}
