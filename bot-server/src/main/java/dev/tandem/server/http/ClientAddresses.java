package dev.tandem.server.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which address a request comes from, for the per-IP limits. Behind a reverse proxy every widget
 * arrives from the proxy's address, so one office-sized limit would be shared by all visitors: when
 * the peer is a trusted proxy ({@code TANDEM_TRUSTED_PROXIES}: addresses or CIDR ranges), the client
 * is the right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy. The header
 * of any other peer is ignored: a visitor cannot pick the address it is counted under.
 */
public final class ClientAddresses {

    /** Only IP literals: a host name would mean a DNS lookup per request. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final int MAX_FORWARDED_ENTRIES = 20;

    private record Range(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) return false;
            int full = prefixBits / 8, rest = prefixBits % 8;
            for (int i = 0; i < full; i++) if (address[i] != network[i]) return false;
            if (rest == 0) return true;
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> trusted;

    private ClientAddresses(List<Range> trusted) {
        this.trusted = trusted;
    }

    /** Parses {@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}; anything else is refused with the entry named. */
    public static ClientAddresses trusting(List<String> proxies) {
        var ranges = new ArrayList<Range>();
        for (String entry : proxies) {
            String[] parts = entry.strip().split("/", -1);
            byte[] network = parse(parts[0]);
            int bits = network == null ? -1 : network.length * 8;
            if (network != null && parts.length == 2) bits = prefix(parts[1], bits);
            if (network == null || parts.length > 2 || bits < 0) {
                throw new IllegalArgumentException("TANDEM_TRUSTED_PROXIES: not an IP address or CIDR range: " + entry);
            }
            ranges.add(new Range(network, bits));
        }
        return new ClientAddresses(List.copyOf(ranges));
    }

    /** The client for a request from {@code peer} that carried {@code forwardedFor} (may be null). */
    public String clientOf(String peer, String forwardedFor) {
        if (forwardedFor == null || trusted.isEmpty() || !isTrusted(peer)) return peer;
        String[] hops = forwardedFor.split(",");
        int oldest = Math.max(0, hops.length - MAX_FORWARDED_ENTRIES);
        for (int i = hops.length - 1; i >= oldest; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty()) continue;
            if (!isTrusted(hop)) return parse(hop) == null ? peer : hop; // garbage from a proxy: count the proxy
        }
        return peer; // only proxies: the request started at one of them
    }

    boolean isTrusted(String address) {
        byte[] bytes = parse(address);
        if (bytes == null) return false;
        for (Range range : trusted) if (range.contains(bytes)) return true;
        return false;
    }

    private static byte[] parse(String literal) {
        String s = literal.strip();
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
        if (s.isEmpty() || s.length() > 45 || !IP_LITERAL.matcher(s).matches()) return null;
        if (s.indexOf(':') < 0 && s.chars().filter(c -> c == '.').count() != 3) return null;
        try {
            return InetAddress.getByName(s).getAddress(); // a literal: no lookup
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    private static int prefix(String bits, int max) {
        try {
            int n = Integer.parseInt(bits);
            return n >= 0 && n <= max ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
