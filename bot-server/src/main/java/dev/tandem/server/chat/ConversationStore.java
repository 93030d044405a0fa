package dev.tandem.server.chat;

import java.util.List;
import java.util.Optional;

/**
 * Durable storage of conversations and their events. Every append allocates the next seq of its
 * conversation and commits before returning, so that what it returns may be acknowledged.
 * Callers serialise appends per conversation.
 */
public interface ConversationStore {

    Optional<Conversation> find(String conversationId);

    /** Creates a conversation with no events, and its visitor if new, in one commit. */
    Conversation create(String visitorId, Identity identity, String lang);

    /** Binds a verified identity to a conversation (a token presented on a later hello). */
    void bindIdentity(String conversationId, Identity identity);

    /** The stored seq of the user's message with this client id, if it was stored before. */
    Optional<Long> findSeqByCid(String conversationId, String cid);

    ChatEvent.MessageEvent appendMessage(String conversationId, String role, String text, String cid,
                                         List<Citation> citations, List<String> audit);

    /**
     * Stores the user's message once per {@code cid}, checked in the same transaction: a resend of a
     * stored cid writes nothing and returns the original seq (with no event).
     */
    StoredMessage appendUserMessage(String conversationId, String cid, String text);

    /** A user message as stored; {@code event} is null when its cid had been stored before. */
    record StoredMessage(long seq, ChatEvent.MessageEvent event) {
        public boolean isNew() {
            return event != null;
        }
    }

    /**
     * Stores the bot's (or another author's) reply to the user's message {@code replyTo}. At most
     * one reply per user message is stored: a second one fails, so a recovered turn never answers twice.
     */
    ChatEvent.MessageEvent appendReply(String conversationId, long replyTo, String role, String text,
                                       List<Citation> citations, List<String> audit);

    /**
     * User messages that still wait for their bot reply (the process stopped mid-turn), in
     * conversations the bot is handling, oldest first per conversation.
     */
    List<PendingTurn> pendingTurns();

    ChatEvent.StatusEvent appendStatus(String conversationId, ConversationStatus status);

    ChatEvent.AgentJoinedEvent appendAgentJoined(String conversationId, String agentName);

    /** Every event with seq greater than {@code afterSeq}, in order. */
    List<ChatEvent> eventsAfter(String conversationId, long afterSeq);

    /** The transcript, for the console and the REST API. */
    List<ChatEvent.MessageEvent> transcript(String conversationId);
}
