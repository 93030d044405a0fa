package dev.tandem.server.http;

import java.util.List;

/**
 * The limits of the chat socket (OWASP WebSocket guidance): how many sockets in all and per IP,
 * and how fast one socket and one IP may send.
 *
 * @param maxConnections         open sockets in all; more are refused until some close
 * @param maxConnectionsPerIp    open sockets from one IP address
 * @param messagesPerSecond      sustained frames per second from one socket
 * @param messageBurst           frames one socket may send at once
 * @param ipMessagesPerSecond    sustained frames per second from all sockets of one IP
 * @param ipMessageBurst         frames one IP may send at once
 * @param trustedProxies         reverse proxies whose {@code X-Forwarded-For} names the client IP
 *                               (addresses or CIDR ranges; see {@link ClientAddresses})
 */
public record SocketLimits(int maxConnections, int maxConnectionsPerIp, double messagesPerSecond, double messageBurst,
                           double ipMessagesPerSecond, double ipMessageBurst, List<String> trustedProxies) {

    /** Limits for a server that no proxy fronts. */
    public SocketLimits(int maxConnections, int maxConnectionsPerIp, double messagesPerSecond, double messageBurst,
                        double ipMessagesPerSecond, double ipMessageBurst) {
        this(maxConnections, maxConnectionsPerIp, messagesPerSecond, messageBurst, ipMessagesPerSecond, ipMessageBurst, List.of());
    }

    public SocketLimits {
        trustedProxies = List.copyOf(trustedProxies);
        ClientAddresses.trusting(trustedProxies); // refuses a malformed entry now, not at the first request
        if (maxConnections < 1) throw new IllegalArgumentException("TANDEM_MAX_CONNECTIONS must be at least 1");
        if (maxConnectionsPerIp < 1) throw new IllegalArgumentException("TANDEM_MAX_CONNECTIONS_PER_IP must be at least 1");
        if (messagesPerSecond <= 0 || messageBurst < 1) throw new IllegalArgumentException("TANDEM_MESSAGES_PER_SECOND must be positive");
        if (ipMessagesPerSecond <= 0 || ipMessageBurst < 1) {
            throw new IllegalArgumentException("TANDEM_IP_MESSAGES_PER_SECOND must be positive");
        }
    }

    /**
     * The defaults: room for the 25,000 idle conversations of the capacity target; an office
     * behind one NAT address may hold a few hundred widgets; a person types far below 5 frames
     * a second, a burst of 20 covers a reconnect that resends its unacknowledged messages.
     */
    public static SocketLimits defaults() {
        return new SocketLimits(30_000, 500, 5, 20, 100, 300);
    }

    /** These limits, with the client IP taken from {@code X-Forwarded-For} when the peer is one of {@code proxies}. */
    public SocketLimits behind(List<String> proxies) {
        return new SocketLimits(maxConnections, maxConnectionsPerIp, messagesPerSecond, messageBurst,
                ipMessagesPerSecond, ipMessageBurst, proxies);
    }
}
