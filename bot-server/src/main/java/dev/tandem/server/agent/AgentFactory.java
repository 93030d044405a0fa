package dev.tandem.server.agent;

import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.tandem.kb.Audience;
import dev.tandem.kb.KnowledgeBase;

import java.time.Duration;
import java.util.function.Function;

/** All agent wiring in one place: the chat model for the configured provider, memory and retrieval. */
public final class AgentFactory {

    private AgentFactory() {}

    /** The chat model: the offline answerer, or an OpenAI-compatible endpoint (OpenAI, vLLM, LM Studio, Ollama's /v1). */
    public static ChatModel chatModel(String provider, String baseUrl, String apiKey, String model) {
        if (provider.equals("offline")) return new OfflineGroundedModel();
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey.isEmpty() ? "none" : apiKey)
                .modelName(model)
                .timeout(Duration.ofSeconds(30))
                .maxRetries(1)
                .build();
    }

    public static SupportAgent supportAgent(ChatModel model, KnowledgeBase knowledge, ChatMemoryStore memoryStore,
                                            Function<String, Audience> audienceOfConversation) {
        int maxPassages = 3;         // what fits a short answer; more only dilutes the prompt
        double minConfidence = 0.3;  // below this the passage does not answer the question: refuse instead
        int memoryMessages = 20;     // recent turns the model sees
        var retriever = knowledge.retriever(
                query -> audienceOfConversation.apply(String.valueOf(query.metadata().chatMemoryId())),
                maxPassages, minConfidence);
        return AiServices.builder(SupportAgent.class)
                .chatModel(model)
                .chatMemoryProvider(id -> MessageWindowChatMemory.builder()
                        .id(id).maxMessages(memoryMessages).chatMemoryStore(memoryStore).build())
                .retrievalAugmentor(DefaultRetrievalAugmentor.builder()
                        .contentRetriever(retriever)
                        .contentInjector(new GroundingPrompt())
                        .build())
                .build();
    }
}
