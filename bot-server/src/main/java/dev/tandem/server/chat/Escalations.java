package dev.tandem.server.chat;

import java.util.Optional;

/** Hands conversations to humans: decides by rule when, and records routing, SLA and account card. */
public interface Escalations {

    /** A reason to hand this message to a human before the bot answers, or empty. */
    Optional<String> reasonFor(Conversation conversation, String text);

    /** Records the handoff and returns what the customer is told, in {@code text}'s language. */
    String handOff(Conversation conversation, String reason, String text);

    /** No humans: nothing is ever escalated by rule, and a handoff is only a status change. */
    static Escalations none() {
        return new Escalations() {
            @Override
            public Optional<String> reasonFor(Conversation conversation, String text) {
                return Optional.empty();
            }

            @Override
            public String handOff(Conversation conversation, String reason, String text) {
                return null;
            }
        };
    }
}
