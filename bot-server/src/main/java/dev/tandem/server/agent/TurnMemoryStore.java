package dev.tandem.server.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
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
 * memory. The system prompt is not written either: it is the same for every conversation and was
 * most of each row; reads put the current one back in front.
 * Turns of one conversation run one at a time, so an entry has one writer.
 */
final class TurnMemoryStore implements ChatMemoryStore {

    private final ChatMemoryStore store;
    private final SystemMessage systemPrompt;
    private final Map<String, List<ChatMessage>> unsaved = new ConcurrentHashMap<>();

    TurnMemoryStore(ChatMemoryStore store, String systemPrompt) {
        this.store = store;
        this.systemPrompt = SystemMessage.from(systemPrompt);
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        List<ChatMessage> pending = unsaved.get(String.valueOf(memoryId));
        if (pending != null) return pending;
        List<ChatMessage> stored = store.getMessages(memoryId);
        // an empty memory gets the prompt from LangChain4j; a stored one (written without it) from here
        if (stored.isEmpty() || stored.getFirst() instanceof SystemMessage) return stored;
        List<ChatMessage> withPrompt = new java.util.ArrayList<>(stored.size() + 1);
        withPrompt.add(systemPrompt);
        withPrompt.addAll(stored);
        return withPrompt;
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        String id = String.valueOf(memoryId);
        if (!endsTurn(messages)) {
            unsaved.put(id, List.copyOf(messages));
            return;
        }
        try {
            store.updateMessages(memoryId, withoutSystemPrompt(messages));
        } finally {
            unsaved.remove(id);
        }
    }

    /** Writes what the turn added and did not save yet (a turn that failed before its answer). */
    void endTurn(String conversationId) {
        List<ChatMessage> pending = unsaved.remove(conversationId);
        if (pending != null) store.updateMessages(conversationId, withoutSystemPrompt(pending));
    }

    @Override
    public void deleteMessages(Object memoryId) {
        unsaved.remove(String.valueOf(memoryId));
        store.deleteMessages(memoryId);
    }

    private static List<ChatMessage> withoutSystemPrompt(List<ChatMessage> messages) {
        if (messages.stream().noneMatch(m -> m instanceof SystemMessage)) return messages;
        return messages.stream().filter(m -> !(m instanceof SystemMessage)).toList();
    }

    /** The model's final answer of a turn: an AI message that asks for no tool. */
    private static boolean endsTurn(List<ChatMessage> messages) {
        return !messages.isEmpty() && messages.getLast() instanceof AiMessage ai && !ai.hasToolExecutionRequests();
    }
}
