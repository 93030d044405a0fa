package dev.tandem.server.chat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Who is listening to which conversation right now (several tabs may share one conversation). */
final class ConversationHub {

    private final ConcurrentHashMap<String, Set<ConversationListener>> listeners = new ConcurrentHashMap<>();

    void join(String conversationId, ConversationListener listener) {
        listeners.computeIfAbsent(conversationId, k -> ConcurrentHashMap.newKeySet()).add(listener);
    }

    void leave(String conversationId, ConversationListener listener) {
        listeners.computeIfPresent(conversationId, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    void each(String conversationId, Consumer<ConversationListener> action) {
        Set<ConversationListener> set = listeners.get(conversationId);
        if (set != null) set.forEach(action);
    }

    int connected() {
        return listeners.values().stream().mapToInt(Set::size).sum();
    }
}
