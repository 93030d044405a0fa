package dev.tandem.server.agent.tools;

import dev.tandem.kb.Passage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-turn state shared by the responder and the tools of one conversation: the tool-call budget
 * and the passages the search tool showed the model (so they can be cited). Turns of one
 * conversation run one at a time, so one entry per conversation id is enough.
 */
public final class TurnContext {

    /** Numbers of passages found by the search tool start here, clear of the retrieval's [1]..[n]. */
    public static final int TOOL_SOURCE_BASE = 11;

    private final int maxToolCallsPerTurn;
    private final Map<String, Turn> turns = new ConcurrentHashMap<>();

    public TurnContext(int maxToolCallsPerTurn) {
        this.maxToolCallsPerTurn = maxToolCallsPerTurn;
    }

    /** State of one turn in progress. */
    public static final class Turn {
        private int toolCalls;
        private final List<Passage> toolSources = new ArrayList<>();

        synchronized boolean tryUseTool(int max) {
            if (toolCalls >= max) return false;
            toolCalls++;
            return true;
        }

        synchronized int addSource(Passage p) {
            toolSources.add(p);
            return TOOL_SOURCE_BASE + toolSources.size() - 1;
        }

        public synchronized List<Passage> toolSources() {
            return List.copyOf(toolSources);
        }

        public synchronized int toolCalls() {
            return toolCalls;
        }
    }

    public Turn begin(String conversationId) {
        Turn turn = new Turn();
        turns.put(conversationId, turn);
        return turn;
    }

    public void end(String conversationId) {
        turns.remove(conversationId);
    }

    /** False once the turn has used its tool calls; a tool called outside a turn gets a budget of its own. */
    boolean tryUseTool(String conversationId) {
        return turns.computeIfAbsent(conversationId, id -> new Turn()).tryUseTool(maxToolCallsPerTurn);
    }

    int addSource(String conversationId, Passage passage) {
        return turns.computeIfAbsent(conversationId, id -> new Turn()).addSource(passage);
    }
}
