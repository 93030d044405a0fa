package dev.tandem.server.chat;

import java.util.function.Consumer;

/** Produces the bot's reply to one user message. Implemented by the agent; may be slow. */
public interface Responder {

    /**
     * Answers {@code text} in {@code conversation}. Streamed pieces go to {@code deltas}; the
     * returned reply is the whole answer. Must not throw for provider failures: it degrades.
     */
    Reply answer(Conversation conversation, String text, Consumer<String> deltas);
}
