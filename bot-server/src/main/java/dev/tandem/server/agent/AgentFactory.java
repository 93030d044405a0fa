package dev.tandem.server.agent;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.server.accounts.AccountService;
import dev.tandem.server.agent.tools.Escalator;
import dev.tandem.server.agent.tools.IdentityLookup;
import dev.tandem.server.agent.tools.TurnContext;
import dev.tandem.server.agent.tools.SupportTools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** All agent wiring in one place: the chat model for the configured provider, memory, retrieval and tools. */
public final class AgentFactory {

    private static final Logger log = LoggerFactory.getLogger(AgentFactory.class);

    static final String NO_SUCH_TOOL = "{\"status\":\"error\",\"reason\":\"no_such_tool\",\"message\":\"There is no tool with that name; answer without it.\"}";
    static final String BAD_ARGUMENTS = "{\"status\":\"error\",\"reason\":\"bad_arguments\",\"message\":\"The tool arguments were not valid JSON for this tool.\"}";
    static final String TOOL_FAILED = "{\"status\":\"error\",\"reason\":\"tool_failed\",\"message\":\"The tool is unavailable right now; offer a human agent.\"}";

    private AgentFactory() {}

    /** Where the language model is: {@code offline}, or an OpenAI-compatible endpoint. */
    /**
     * The answering model and its stream timeouts: a stream that waits longer than
     * {@code firstTokenTimeout} for its first token, or {@code tokenTimeout} between two tokens, is
     * answered offline instead.
     */
    public record Provider(String name, String baseUrl, String apiKey, String model,
                           Duration firstTokenTimeout, Duration tokenTimeout) {
        /** A hosted endpoint starts streaming well within this, even with a long prompt. */
        public static final Duration HOSTED_FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(8);
        /** A stall this long between tokens is a hang, not thinking. */
        public static final Duration HOSTED_TOKEN_TIMEOUT = Duration.ofSeconds(5);

        public Provider(String name, String baseUrl, String apiKey, String model) {
            this(name, baseUrl, apiKey, model, HOSTED_FIRST_TOKEN_TIMEOUT, HOSTED_TOKEN_TIMEOUT);
        }

        public boolean offline() {
            return name.equals("offline");
        }
    }

    /**
     * The whole agent as the conversation engine sees it. Offline: the grounded answerer over the
     * tools. With a real provider: the streaming model behind timeouts, retries and a circuit
     * breaker, and the offline agent (without memory writes) as the fallback.
     */
    public static AgentResponder responder(Provider provider, KnowledgeBase knowledge, ChatMemoryStore memoryStore,
                                           AccountService accounts, IdentityLookup identities, Escalator escalator) {
        return responder(provider, knowledge, memoryStore, accounts, identities, escalator,
                model -> ResilientStreamingChatModel.withTimeouts(model, provider.firstTokenTimeout(), provider.tokenTimeout()));
    }

    /** As above, with the resilience around the streaming model chosen by the caller (tests use short timeouts). */
    static AgentResponder responder(Provider provider, KnowledgeBase knowledge, ChatMemoryStore memoryStore,
                                    AccountService accounts, IdentityLookup identities, Escalator escalator,
                                    java.util.function.UnaryOperator<StreamingChatModel> resilience) {
        int maxToolCallsPerTurn = 3;            // enough for lookup + search + escalate; more is a loop
        int maxModelCallsPerConversation = 200; // about 60 turns with tools; a human should have stepped in long before
        Duration turnDeadline = Duration.ofSeconds(90); // behind the stream timeouts: a turn that still runs is stuck
        var turns = new TurnContext(maxToolCallsPerTurn);
        var budget = new ModelCallBudget(maxModelCallsPerConversation);
        var tools = new SupportTools(accounts, knowledge::search, escalator, identities, turns);
        var retrieval = retrieval(knowledge, identities);
        var memory = new TurnMemoryStore(memoryStore, SupportAgent.SYSTEM_PROMPT); // one write per turn, not one per message
        if (provider.offline()) {
            return new AgentResponder(supportAgent(new OfflineGroundedModel(), retrieval, memory(memory), tools, budget),
                    null, turns, memory::endTurn);
        }
        // the fallback answers from the documents without writing memory: the failed turn already holds the question
        var fallback = supportAgent(new OfflineGroundedModel(), retrieval, ephemeralMemory(), tools, new ModelCallBudget(Integer.MAX_VALUE));
        var streaming = streamingAgent(resilience.apply(openAiStreaming(provider)), retrieval, memory(memory), tools, budget);
        return new AgentResponder(fallback, new TokenStreamAnswerer(streaming, turnDeadline), turns, memory::endTurn);
    }

    /** The OpenAI-compatible streaming model; retries are ours (they honour Retry-After), so the client's are off. */
    static StreamingChatModel openAiStreaming(Provider provider) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(provider.baseUrl())
                .apiKey(provider.apiKey().isEmpty() ? "none" : provider.apiKey())
                .modelName(provider.model())
                .httpClientBuilder(new ProviderHttpClient.Builder())
                .timeout(Duration.ofSeconds(120)) // backstop only: ResilientStreamingChatModel's timeouts are much shorter
                .build();
    }

    static ChatMemoryProvider ephemeralMemory() {
        return id -> MessageWindowChatMemory.builder().id(id).maxMessages(10).build();
    }

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

    /** Retrieval with the audience of the conversation (the chat memory id), never from the question text. */
    public static RetrievalAugmentor retrieval(KnowledgeBase knowledge, IdentityLookup identities) {
        int maxPassages = 6;         // what fits a short answer, picked by coverage among the candidates
        int candidates = 10;         // per search (the question, and its lexicon forms when it has some)
        double minConfidence = 0.2;  // below this a passage holds too little of the question (the answerer also checks coverage)
        java.util.function.Function<dev.langchain4j.rag.query.Query, dev.tandem.kb.Audience> audience =
                query -> SupportTools.audienceOf(identities.identityOf(String.valueOf(query.metadata().chatMemoryId())));
        var retriever = new AccountAwareRetriever(knowledge.retriever(audience, candidates, 0), minConfidence, identities, maxPassages);
        var fusion = new dev.langchain4j.rag.content.aggregator.DefaultContentAggregator();
        RetrievalAugmentor augmentor = DefaultRetrievalAugmentor.builder()
                .contentRetriever(retriever)
                // one query and one retriever give one list, already in order and without repeats: its
                // reciprocal-rank fusion would hash every passage (text and metadata) to give it back as is
                .contentAggregator(queryToContents -> queryToContents.size() == 1
                        && queryToContents.values().iterator().next().size() == 1
                        ? queryToContents.values().iterator().next().iterator().next()
                        : fusion.aggregate(queryToContents))
                .contentInjector(new GroundingPrompt())
                .build();
        // how often the question's words occur in the documents this customer may see, as a closing
        // line of the prompt: a name they never mention means the question is about something else.
        // Only words the retrieved passages do not hold are counted: a word in one of them is visible.
        return request -> {
            var result = augmentor.augment(request);
            if (!(request.chatMessage() instanceof dev.langchain4j.data.message.UserMessage user)
                    || !(result.chatMessage() instanceof dev.langchain4j.data.message.UserMessage augmented)
                    || request.metadata() == null) {
                return result;
            }
            var who = SupportTools.audienceOf(identities.identityOf(String.valueOf(request.metadata().chatMemoryId())));
            String unseen = QuestionWordsSeen.notIn(user.singleText(),
                    result.contents().stream().map(c -> KnowledgeBase.toPassage(c).text()).toList());
            if (unseen.isEmpty()) return result;
            java.util.List<dev.tandem.kb.search.PassageSearcher.TermRarity> words;
            try {
                words = knowledge.termRarity(unseen, who);
            } catch (RuntimeException e) { // the counts only add caution: answer without them
                log.warn("word counts failed: {}", e.toString());
                return result;
            }
            if (words.isEmpty()) return result;
            return dev.langchain4j.rag.AugmentationResult.builder()
                    .chatMessage(dev.langchain4j.data.message.UserMessage.from(
                            GroundingPrompt.withWordCounts(augmented.singleText(), words)))
                    .contents(result.contents())
                    .build();
        };
    }

    /** One window of recent messages per conversation id, persisted in {@code store}. */
    public static ChatMemoryProvider memory(ChatMemoryStore store) {
        int memoryMessages = 20;     // recent messages the model sees (a tool round counts two)
        return id -> MessageWindowChatMemory.builder().id(id).maxMessages(memoryMessages).chatMemoryStore(store).build();
    }

    public static SupportAgent supportAgent(ChatModel model, RetrievalAugmentor retrieval, ChatMemoryProvider memory,
                                            SupportTools tools, ModelCallBudget budget) {
        return withTools(AiServices.builder(SupportAgent.class).chatModel(model), retrieval, memory, tools, budget).build();
    }

    public static StreamingSupportAgent streamingAgent(StreamingChatModel model, RetrievalAugmentor retrieval,
                                                       ChatMemoryProvider memory, SupportTools tools, ModelCallBudget budget) {
        return withTools(AiServices.builder(StreamingSupportAgent.class).streamingChatModel(model),
                retrieval, memory, tools, budget).build();
    }

    /**
     * Tools with the failure modes closed: a hallucinated tool name, malformed arguments or a failing
     * tool each get a result message, so every tool call in memory stays paired with a result.
     */
    private static <T> AiServices<T> withTools(AiServices<T> builder, RetrievalAugmentor retrieval,
                                               ChatMemoryProvider memory, SupportTools tools, ModelCallBudget budget) {
        int maxToolRounds = 5; // hard stop behind the per-turn tool budget that SupportTools enforces
        builder.chatMemoryProvider(memory)
                .retrievalAugmentor(retrieval)
                // memory keeps the question, not the passages: they are re-retrieved per turn and would bloat every write
                .storeRetrievedContentInChatMemory(false)
                .chatRequestTransformer((request, memoryId) -> {
                    budget.charge(memoryId);
                    return request;
                });
        if (tools == null) return builder;
        return builder.tools(tools)
                .maxSequentialToolsInvocations(maxToolRounds)
                .hallucinatedToolNameStrategy(request -> {
                    log.info("model asked for unknown tool {}", LogMasker.mask(request.name()));
                    return ToolExecutionResultMessage.from(request, NO_SUCH_TOOL);
                })
                .toolArgumentsErrorHandler((error, context) -> {
                    log.info("bad tool arguments tool={}: {}", context.toolExecutionRequest().name(), error.toString());
                    return ToolErrorHandlerResult.text(BAD_ARGUMENTS);
                })
                .toolExecutionErrorHandler((error, context) -> {
                    log.warn("tool failed tool={} conversation={}: {}", context.toolExecutionRequest().name(),
                            context.memoryId(), error.toString());
                    return ToolErrorHandlerResult.text(TOOL_FAILED);
                });
    }
}
