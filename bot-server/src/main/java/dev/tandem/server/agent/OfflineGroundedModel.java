package dev.tandem.server.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The default chat model: no network, no weights. It reads the grounding prompt, answers with the
 * sentences of the best passage that cover the question, cites it, and says it does not know
 * when nothing was retrieved. It never writes a fact that is not in a passage.
 */
public final class OfflineGroundedModel implements ChatModel {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+|\\n+");
    private static final Set<String> STOPWORDS = Set.copyOf(List.of(
            "the", "a", "an", "is", "are", "of", "to", "in", "for", "and", "or", "how", "what", "my", "your",
            "do", "does", "can", "i", "you", "it", "on", "with", "long", "la", "gi", "co", "khong", "cua",
            "toi", "ban", "nao", "bao", "khi", "thi", "va", "cho", "duoc", "minh", "em", "nhe", "vay"));
    private static final int MAX_SENTENCES = 3;
    private static final int MAX_ANSWER_CHARS = 600;

    @Override
    public ChatResponse doChat(ChatRequest request) {
        String text = compose(lastUserText(request.messages()));
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(text))
                .finishReason(FinishReason.STOP)
                .modelName("tandem-offline")
                .build();
    }

    String compose(String userText) {
        GroundingPrompt.Parsed prompt = GroundingPrompt.parse(userText);
        String lang = Language.detect(prompt.question());
        if (prompt.sources().isEmpty()) return Phrases.dontKnow(lang);
        GroundingPrompt.Source source = choose(prompt.sources(), lang);
        String extract = extract(source.text(), prompt.question());
        String title = source.label();
        return lang.equals("vi")
                ? "Theo «" + title + "»: " + extract + " [" + source.n() + "]"
                : "According to “" + title + "”: " + extract + " [" + source.n() + "]";
    }

    /** The best passage, preferring one in the question's language when it is nearly as good. */
    private static GroundingPrompt.Source choose(List<GroundingPrompt.Source> sources, String lang) {
        GroundingPrompt.Source best = sources.getFirst();
        if (lang.equals(best.lang())) return best;
        return sources.stream()
                .filter(s -> lang.equals(s.lang()) && s.confidence() >= best.confidence() * 0.8)
                .findFirst().orElse(best);
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
