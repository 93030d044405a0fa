package dev.tandem.server.chat;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the appends and deliveries of one conversation. Striped, so memory stays bounded
 * whatever the number of conversations; {@link ReentrantLock} rather than {@code synchronized} so
 * that virtual threads waiting here do not pin their carrier.
 */
final class ConversationLocks {

    private final ReentrantLock[] stripes;

    ConversationLocks(int stripes) {
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) this.stripes[i] = new ReentrantLock();
    }

    <T> T withLock(String conversationId, Supplier<T> action) {
        ReentrantLock lock = stripes[Math.floorMod(conversationId.hashCode(), stripes.length)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
