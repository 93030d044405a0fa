package dev.tandem.server.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the model calls one conversation may cause (a turn is one call plus one per tool round), so a
 * looping model or a scripted visitor cannot run up the provider's bill. Counted in memory: a
 * restart gives conversations a fresh allowance, which is acceptable for a cost guard.
 */
public final class ModelCallBudget {

    /** Thrown instead of calling the model once the conversation's allowance is spent. */
    public static final class Exhausted extends RuntimeException {
        Exhausted(String conversationId) {
            super("model call budget spent for conversation " + conversationId);
        }
    }

    private final int maxCallsPerConversation;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    public ModelCallBudget(int maxCallsPerConversation) {
        this.maxCallsPerConversation = maxCallsPerConversation;
    }

    /** Counts one call; throws {@link Exhausted} past the allowance. */
    public void charge(Object conversationId) {
        String id = String.valueOf(conversationId);
        if (calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() > maxCallsPerConversation) {
            throw new Exhausted(id);
        }
    }

    public boolean spent(String conversationId) {
        AtomicInteger used = calls.get(conversationId);
        return used != null && used.get() >= maxCallsPerConversation;
    }
}
