package dev.tandem.server.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a conversation's chat memory once per turn instead of once per message. LangChain4j
 * saves the whole memory after every message it adds (the system prompt, the question, each tool
 * call and result, the answer): here the messages of a turn in progress are held, visible to the
 * turn's own reads, and written together with the turn's final answer. A turn that ends without
 * one (the provider failed) is written by {@link #endTurn}, so the question is never lost from
 * memory. Turns of one conversation run one at a time, so an entry has one writer.
 */
final class TurnMemoryStore implements ChatMemoryStore {

    private final ChatMemoryStore store;
    private final Map<String, List<ChatMessage>> unsaved = new ConcurrentHashMap<>();

    TurnMemoryStore(ChatMemoryStore store) {
        this.store = store;
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        List<ChatMessage> pending = unsaved.get(String.valueOf(memoryId));
        return pending != null ? pending : store.getMessages(memoryId);
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String id = String.valueOf(memoryId);
        if (!endsTurn(messages)) {
            unsaved.put(id, List.copyOf(messages));
            return;
        }
        try {
            store.updateMessages(memoryId, messages);
        } finally {
            unsaved.remove(id);
        }
    }

    /** Writes what the turn added and did not save yet (a turn that failed before its answer). */
    void endTurn(String conversationId) {
        List<ChatMessage> pending = unsaved.remove(conversationId);
        if (pending != null) store.updateMessages(conversationId, pending);
    }

    @Override
    public void deleteMessages(Object memoryId) {
        unsaved.remove(String.valueOf(memoryId));
        store.deleteMessages(memoryId);
    }

    /** The model's final answer of a turn: an AI message that asks for no tool. */
    private static boolean endsTurn(List<ChatMessage> messages) {
        return !messages.isEmpty() && messages.getLast() instanceof AiMessage ai && !ai.hasToolExecutionRequests();
    }
}
