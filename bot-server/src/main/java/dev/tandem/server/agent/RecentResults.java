package dev.tandem.server.agent;

import java.util.function.Function;

/**
 * The results of a pure function of a string for the last few arguments this thread gave it. A
 * turn reads its question many times over — the retriever, the ranker and the answerer each
 * normalize it, tell its language and find its concepts — while the next turn asks about another
 * question: a handful of entries per thread serves a turn's repeats, and nothing outlives the
 * thread's next few questions. Values must be immutable; they are shared by the thread's callers.
 */
final class RecentResults<V> {

    private static final int ENTRIES = 4;

    private final Function<String, V> compute;
    private final ThreadLocal<Object[]> recent = ThreadLocal.withInitial(() -> new Object[2 * ENTRIES + 1]);

    RecentResults(Function<String, V> compute) {
        this.compute = compute;
    }

    @SuppressWarnings("unchecked")
    V get(String key) {
        Object[] slots = recent.get(); // key, value pairs, then the next slot to replace
        for (int i = 0; i < 2 * ENTRIES; i += 2) {
            if (key.equals(slots[i])) return (V) slots[i + 1];
        }
        V value = compute.apply(key);
        int next = slots[2 * ENTRIES] == null ? 0 : (int) slots[2 * ENTRIES];
        slots[next] = key;
        slots[next + 1] = value;
        slots[2 * ENTRIES] = (next + 2) % (2 * ENTRIES);
        return value;
    }
}
