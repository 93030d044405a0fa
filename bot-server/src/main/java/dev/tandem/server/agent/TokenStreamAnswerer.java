package dev.tandem.server.agent;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.service.tool.ToolExecution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one streaming turn of the agent and waits for it: pieces go to the delta consumer as they
 * arrive (until the text starts quoting the system prompt), and any failure, or no end within the
 * turn deadline, is thrown so the responder can answer offline.
 */
final class TokenStreamAnswerer implements AgentResponder.StreamingAnswerer {

    private final StreamingSupportAgent agent;
    private final Duration turnDeadline;
    private final OutputGuard guard = new OutputGuard(SupportAgent.SYSTEM_PROMPT);

    TokenStreamAnswerer(StreamingSupportAgent agent, Duration turnDeadline) {
        this.agent = agent;
        this.turnDeadline = turnDeadline;
    }

    @Override
    public AgentResponder.Outcome answer(String conversationId, String question, Consumer<String> deltas) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        List<Content> sources = new CopyOnWriteArrayList<>();
        List<ToolExecution> tools = new CopyOnWriteArrayList<>();
        StringBuilder streamed = new StringBuilder();
        boolean[] stopped = {false};
        agent.answer(conversationId, question)
                .onRetrieved(sources::addAll)
                .onToolExecuted(tools::add)
                .onPartialResponse(piece -> {
                    synchronized (streamed) {
                        if (stopped[0]) return;
                        streamed.append(piece);
                        // check only the tail that can hold a new window of the prompt
                        int from = Math.max(0, streamed.length() - piece.length() - OutputGuard.WINDOW * 2);
                        if (guard.disclosesPrompt(streamed.substring(from))) {
                            stopped[0] = true;
                            return;
                        }
                    }
                    deltas.accept(piece);
                })
                .onCompleteResponse(done::complete)
                .onError(done::completeExceptionally)
                .start();
        ChatResponse response;
        try {
            response = done.get(turnDeadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ResilientStreamingChatModel.ProviderUnavailable("turn deadline " + turnDeadline + " passed", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) throw runtime;
            throw new ResilientStreamingChatModel.ProviderUnavailable("provider failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResilientStreamingChatModel.ProviderUnavailable("interrupted", e);
        }
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new ResilientStreamingChatModel.ProviderUnavailable("provider returned an empty answer", null);
        }
        return new AgentResponder.Outcome(text, new ArrayList<>(sources), new ArrayList<>(tools));
    }
}
