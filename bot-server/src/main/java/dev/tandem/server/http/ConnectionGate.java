package dev.tandem.server.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits sockets within the total and per-IP limits and meters each IP's frames with one token
 * bucket shared by its sockets. The state of an IP is dropped when its last socket closes.
 */
final class ConnectionGate {

    private final SocketLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, IpState> ips = new ConcurrentHashMap<>();

    /** {@code connections} is guarded by the map's bin lock (changed through {@code compute}); the bucket takes no lock. */
    private static final class IpState {
        int connections;
        final RateLimiter rate;

        IpState(SocketLimits limits) {
            this.rate = new RateLimiter(limits.ipMessagesPerSecond(), limits.ipMessageBurst());
        }
    }

    ConnectionGate(SocketLimits limits) {
        this.limits = limits;
    }

    /** A cheap check before the upgrade; {@link #admit} decides. */
    boolean hasRoom(String ip) {
        IpState state = ips.get(ip);
        return open.get() < limits.maxConnections() && (state == null || state.connections < limits.maxConnectionsPerIp());
    }

    /** Counts the socket in if there is room; every admitted socket must be {@link #release}d. */
    boolean admit(String ip) {
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            return false;
        }
        boolean[] admitted = {false};
        ips.compute(ip, (k, state) -> {
            IpState s = state == null ? new IpState(limits) : state;
            if (s.connections < limits.maxConnectionsPerIp()) {
                s.connections++;
                admitted[0] = true;
            }
            return s.connections == 0 ? null : s;
        });
        if (!admitted[0]) open.decrementAndGet();
        return admitted[0];
    }

    void release(String ip) {
        open.decrementAndGet();
        ips.computeIfPresent(ip, (k, s) -> --s.connections <= 0 ? null : s);
    }

    /**
     * Takes one frame from the IP's bucket, without the map's bin lock: every frame of an IP's
     * sockets came through it (a thousand clients behind one address queued on that lock).
     */
    boolean tryFrame(String ip) {
        IpState state = ips.get(ip);
        return state == null || state.rate.tryAcquire();
    }

    int open() {
        return open.get();
    }
}
