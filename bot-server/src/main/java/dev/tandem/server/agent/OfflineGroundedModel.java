package dev.tandem.server.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.tandem.server.agent.tools.SupportTools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The default chat model: no network, no weights. It reads the grounding prompt, answers with the
 * sentences of the best passage that cover the question, cites it, and says it does not know
 * when nothing was retrieved. It never writes a fact that is not in a passage. Small talk, requests
 * for a human and lookups by number are recognised by {@link Intent} and go through the agent's
 * tools, so the offline path exercises the same authorization as a real model.
 */
public final class OfflineGroundedModel implements ChatModel {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+|\\n+");
    private static final Set<String> STOPWORDS = Set.copyOf(List.of(
            "the", "a", "an", "is", "are", "of", "to", "in", "for", "and", "or", "how", "what", "my", "your",
            "do", "does", "can", "i", "you", "it", "on", "with", "long", "la", "gi", "co", "khong", "cua",
            "toi", "ban", "nao", "bao", "khi", "thi", "va", "cho", "duoc", "minh", "em", "nhe", "vay"));
    private static final int MAX_SENTENCES = 3;
    private static final int MAX_ANSWER_CHARS = 600;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    public ChatResponse doChat(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        ChatMessage last = messages.isEmpty() ? null : messages.getLast();
        AiMessage reply;
        if (last instanceof ToolExecutionResultMessage) {
            String lang = Language.detect(GroundingPrompt.parse(lastUserText(messages)).question());
            reply = AiMessage.from(ToolAnswers.compose(toolResults(messages), lang));
        } else {
            reply = decide(lastUserText(messages), previousReplyOfferedHuman(messages), toolNames(request));
        }
        return ChatResponse.builder()
                .aiMessage(reply)
                .finishReason(reply.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                .modelName("tandem-offline")
                .build();
    }

    /** Small talk and lookups by intent; everything else is answered from the passages. */
    private AiMessage decide(String userText, boolean offeredHuman, Set<String> tools) {
        GroundingPrompt.Parsed prompt = GroundingPrompt.parse(userText);
        String lang = Language.detect(prompt.question());
        Intent intent = Intent.detect(prompt.question(), offeredHuman);
        return switch (intent) {
            case GREETING -> AiMessage.from(Phrases.greeting(lang));
            case THANKS -> AiMessage.from(Phrases.thanks(lang));
            case HUMAN -> call(tools, SupportTools.ESCALATE, Map.of("reason", "customer asked for a human"), lang);
            case BATCH_DEFECT -> call(tools, SupportTools.ESCALATE,
                    Map.of("reason", "batch defect: several units with the same fault reported"), lang);
            case WARRANTY_LOOKUP -> call(tools, SupportTools.WARRANTY,
                    Map.of("serialOrOrder", Intent.number(prompt.question()).orElseThrow()), lang);
            case OPEN_TICKETS -> call(tools, SupportTools.OPEN_TICKETS, Map.of(), lang);
            case ACCOUNT_SUMMARY -> call(tools, SupportTools.ACCOUNT_SUMMARY, Map.of(), lang);
            case QUESTION -> AiMessage.from(compose(userText));
        };
    }

    /** A tool call when the agent has that tool, else the grounded answer path's honest fallback. */
    private AiMessage call(Set<String> tools, String tool, Map<String, String> arguments, String lang) {
        if (!tools.contains(tool)) return AiMessage.from(Phrases.dontKnow(lang));
        String args;
        try {
            args = JSON.writeValueAsString(arguments);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return AiMessage.from(ToolExecutionRequest.builder()
                .id("offline-" + java.util.UUID.randomUUID())
                .name(tool)
                .arguments(args)
                .build());
    }

    private static Set<String> toolNames(ChatRequest request) {
        Set<String> names = new HashSet<>();
        if (request.toolSpecifications() != null) {
            for (ToolSpecification spec : request.toolSpecifications()) names.add(spec.name());
        }
        return names;
    }

    /** The results answering the newest tool-calling message, in order. */
    private static List<ToolExecutionResultMessage> toolResults(List<ChatMessage> messages) {
        List<ToolExecutionResultMessage> results = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0 && messages.get(i) instanceof ToolExecutionResultMessage r; i--) {
            results.addFirst(r);
        }
        return results;
    }

    /** Whether the bot's previous answer ended by offering a human, so a bare "yes" accepts it. */
    private static boolean previousReplyOfferedHuman(List<ChatMessage> messages) {
        for (int i = messages.size() - 2; i >= 0; i--) {
            if (messages.get(i) instanceof AiMessage ai && ai.text() != null) {
                String folded = Language.fold(ai.text());
                return folded.contains("nhan vien ho tro khong") || folded.contains("talk to a support agent");
            }
            if (messages.get(i) instanceof UserMessage) continue;
        }
        return false;
    }

    String compose(String userText) {
        GroundingPrompt.Parsed prompt = GroundingPrompt.parse(userText);
        String lang = Language.detect(prompt.question());
        if (prompt.sources().isEmpty()) return Phrases.dontKnow(lang);
        GroundingPrompt.Source source = choose(prompt.sources(), prompt.question(), lang);
        String extract = extract(source.text(), prompt.question());
        String title = source.label();
        return lang.equals("vi")
                ? "Theo «" + title + "»: " + extract + " [" + source.n() + "]"
                : "According to “" + title + "”: " + extract + " [" + source.n() + "]";
    }

    /**
     * The best passage, preferring one in the question's language when it is nearly as good, and
     * a contract passage when the question is about "our contract" and one was retrieved (only an
     * identified account's conversation can retrieve one).
     */
    private static GroundingPrompt.Source choose(List<GroundingPrompt.Source> sources, String question, String lang) {
        GroundingPrompt.Source best = sources.getFirst();
        String folded = Language.fold(question);
        if (folded.contains("hop dong") || folded.contains("contract")) {
            var contract = sources.stream()
                    .filter(s -> isContract(s.label()) && s.confidence() >= best.confidence() * 0.6)
                    .findFirst();
            if (contract.isPresent()) return contract.get();
        }
        if (lang.equals(best.lang())) return best;
        return sources.stream()
                .filter(s -> lang.equals(s.lang()) && s.confidence() >= best.confidence() * 0.8)
                .findFirst().orElse(best);
    }

    private static boolean isContract(String label) {
        String l = Language.fold(label);
        return l.startsWith("hop dong") || l.contains("contract") || l.contains("phu luc");
    }

    /** The sentences that share the most words with the question, in document order. */
    static String extract(String passage, String question) {
        Set<String> asked = terms(question);
        List<String> sentences = Arrays.stream(SENTENCE_END.split(passage))
                .map(OfflineGroundedModel::cleanLine)
                .filter(s -> s.length() > 2)
                .toList();
        if (sentences.isEmpty()) return passage.strip();
        record Scored(int index, String sentence, double score) {}
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            Set<String> words = terms(sentences.get(i));
            long overlap = words.stream().filter(asked::contains).count();
            scored.add(new Scored(i, sentences.get(i), overlap + 0.01 * (sentences.size() - i)));
        }
        List<Scored> top = scored.stream()
                .sorted(Comparator.comparingDouble(Scored::score).reversed())
                .limit(MAX_SENTENCES)
                .sorted(Comparator.comparingInt(Scored::index))
                .toList();
        StringBuilder out = new StringBuilder();
        for (Scored s : top) {
            if (out.length() + s.sentence().length() > MAX_ANSWER_CHARS && !out.isEmpty()) break;
            if (!out.isEmpty()) out.append(' ');
            out.append(s.sentence());
        }
        return out.toString();
    }

    /** Markdown noise off a line: list bullets, table pipes, emphasis. */
    private static String cleanLine(String line) {
        String s = line.strip();
        if (s.matches("^\\|?\\s*:?-{2,}.*")) return "";
        s = s.replaceAll("^[#>*\\-+]+\\s*", "").replace("**", "").replace("__", "");
        if (s.contains("|")) {
            s = Arrays.stream(s.split("\\|")).map(String::strip).filter(c -> !c.isEmpty())
                    .reduce((a, b) -> a + " — " + b).orElse("");
        }
        return s.strip();
    }

    private static Set<String> terms(String text) {
        Set<String> terms = new HashSet<>();
        for (String w : Language.fold(text).split("[^a-z0-9]+")) {
            if (w.length() > 1 && !STOPWORDS.contains(w)) terms.add(w);
        }
        return terms;
    }

    private static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user) return user.singleText();
        }
        return "";
    }
}
