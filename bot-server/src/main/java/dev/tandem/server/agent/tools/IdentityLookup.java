package dev.tandem.server.agent.tools;

import dev.tandem.server.chat.Identity;

/** The verified identity of a conversation, resolved from its id (the chat memory id); anonymous when unknown. */
@FunctionalInterface
public interface IdentityLookup {
    Identity identityOf(String conversationId);
}
