package dev.tandem.server.isolation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts attempts and leaks per channel, and keeps a description of every leak for the failure message. */
final class IsolationLedger {

    private final Map<String, int[]> byChannel = new LinkedHashMap<>();
    private final List<String> leaks = new ArrayList<>();

    synchronized void attempt(String channel, boolean leaked, String description) {
        int[] counts = byChannel.computeIfAbsent(channel, k -> new int[2]);
        counts[0]++;
        if (leaked) {
            counts[1]++;
            leaks.add(channel + ": " + description);
        }
    }

    synchronized int attempts() {
        return byChannel.values().stream().mapToInt(c -> c[0]).sum();
    }

    synchronized List<String> leaks() {
        return List.copyOf(leaks);
    }

    synchronized String summary() {
        var sb = new StringBuilder("isolation: " + attempts() + " attempts, " + leaks.size() + " leaks (");
        byChannel.forEach((channel, c) -> sb.append(channel).append(' ').append(c[0]).append('/').append(c[1]).append(", "));
        sb.setLength(sb.length() - 2);
        return sb.append(')').toString();
    }
}
