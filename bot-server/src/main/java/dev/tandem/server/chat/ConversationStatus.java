package dev.tandem.server.chat;

import java.util.Locale;
import java.util.Set;

/**
 * Where a conversation stands. Transitions are explicit: {@link #canMoveTo} is the whole state
 * machine, and every change goes through {@link ConversationService}.
 */
public enum ConversationStatus {
    OPEN, BOT, WAITING_AGENT, AGENT, RESOLVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConversationStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean canMoveTo(ConversationStatus next) {
        return switch (this) {
            case OPEN -> Set.of(BOT, WAITING_AGENT, RESOLVED).contains(next);
            case BOT -> Set.of(WAITING_AGENT, RESOLVED).contains(next);
            case WAITING_AGENT -> Set.of(AGENT, BOT, RESOLVED).contains(next);
            case AGENT -> Set.of(RESOLVED, WAITING_AGENT).contains(next);
            case RESOLVED -> Set.of(OPEN, BOT).contains(next);
        };
    }
}
