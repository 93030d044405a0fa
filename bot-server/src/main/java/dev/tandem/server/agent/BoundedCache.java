package dev.tandem.server.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What the agent derives from a passage's text, kept for the passages it reads most: the same
 * passages come back turn after turn. Keyed by the text itself, so a changed document is a new key,
 * never a stale entry; the least recently used entry goes out first.
 */
final class BoundedCache<K, V> {

    private final Map<K, V> entries;

    BoundedCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The cached value, or {@code compute}'s (run outside the lock: two threads may both compute it once). */
    V get(K key, Function<? super K, V> compute) {
        V cached;
        synchronized (entries) {
            cached = entries.get(key);
        }
        if (cached != null) return cached;
        V computed = compute.apply(key);
        synchronized (entries) {
            entries.put(key, computed);
        }
        return computed;
    }
}
