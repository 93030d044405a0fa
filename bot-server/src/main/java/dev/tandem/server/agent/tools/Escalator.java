package dev.tandem.server.agent.tools;

/** Hands a conversation to the human queue; implemented by the conversation engine. */
@FunctionalInterface
public interface Escalator {
    void escalate(String conversationId, String reason);
}
