package dev.tandem.server.chat;

/**
 * One connected client of a conversation. Implementations must not block: they queue the event
 * for their own writer.
 */
public interface ConversationListener {

    /** The conversation this client is attached to; sent before any replayed event. */
    void welcome(Conversation conversation, long resumedFrom);

    /** A durable event, in seq order; a listener sees each seq at most once. */
    void event(ChatEvent event);

    /** The client's message {@code cid} is durably stored as {@code seq}. */
    void ack(String cid, long seq);

    /** Someone is composing: "bot" or "agent". Ephemeral, not stored. */
    void typing(String role);

    /** A piece of a bot answer being streamed. Ephemeral: the final message event carries the whole text. */
    void delta(String text);

    /** A problem the client should know about; {@code code} is stable, {@code message} is for people. */
    void error(String code, String message);
}
