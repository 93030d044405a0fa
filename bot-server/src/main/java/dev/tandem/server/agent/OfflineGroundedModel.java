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
            "toi", "ban", "nao", "bao", "khi", "thi", "va", "cho", "duoc", "minh", "em", "nhe", "vay",
            // words that every document holds, or that only shape a question
            "mekong", "home", "shop", "hien", "nay", "nhieu", "mot", "cac", "nhung", "tai", "ve", "voi", "de", "se",
            "da", "dang", "bi", "lam", "sao", "muon", "can", "hoi", "xin", "oi", "nha", "ah", "the", "please",
            "much", "many", "there", "be", "will", "which", "who", "where", "when", "why", "any", "about", "get",
            "have", "has", "from", "at", "by", "if", "me", "we", "our", "us", "this", "that", "than", "there"));
    // compiled once: these run on every sentence of every passage of every answer
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");
    private static final Pattern TWO_CAPITALISED = Pattern.compile("(?s)\\p{Lu}\\S*\\s+\\p{Lu}.*");
    private static final Pattern ABOUT_CONTRACT = Pattern.compile("(?s).*\\b(hop dong|contract|phu luc)\\b.*");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\|?\\s*:?-{2,}.*");
    private static final Pattern BULLET = Pattern.compile("^[#>*\\-+]+\\s*");
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
        // a question about something no available document mentions (another account's name, a
        // competitor's model, "tổng giám đốc"): whatever passage matched its other words is about
        // something else, so a human should take it
        if (outsideDocuments(prompt) && (intent == Intent.QUESTION || intent == Intent.ACCOUNT_SUMMARY)) {
            return AiMessage.from(Phrases.dontKnow(lang));
        }
        return switch (intent) {
            case GREETING -> AiMessage.from(Phrases.greeting(lang));
            case THANKS -> AiMessage.from(Phrases.thanks(lang));
            case HUMAN -> call(tools, SupportTools.ESCALATE, Map.of("reason", "customer asked for a human"), lang);
            case BATCH_DEFECT -> call(tools, SupportTools.ESCALATE,
                    Map.of("reason", "batch defect: several units with the same fault reported"), lang);
            case WARRANTY_LOOKUP -> call(tools, SupportTools.WARRANTY,
                    Map.of("serialOrOrder", Intent.number(prompt.question()).orElseThrow()), lang);
            case OPEN_TICKETS -> call(tools, SupportTools.OPEN_TICKETS, Map.of(), lang);
            // the contract text answers better than the summary when it was retrieved
            case ACCOUNT_SUMMARY -> prompt.sources().stream().anyMatch(s -> isContract(s.label()))
                    ? AiMessage.from(compose(userText))
                    : call(tools, SupportTools.ACCOUNT_SUMMARY, Map.of(), lang);
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
        List<Ranked> ranked = rank(prompt.sources(), prompt.question(), lang);
        Ranked chosen = ranked.getFirst();
        if (chosen.coverage() < MIN_COVERAGE) return Phrases.dontKnow(lang); // retrieved, but about something else
        GroundingPrompt.Source source = chosen.source();
        String extract = extract(source.text(), prompt.question());
        StringBuilder answer = new StringBuilder(lang.equals("vi")
                ? "Theo «" + documentOf(source) + "»: " + extract + " [" + source.n() + "]"
                : "According to “" + documentOf(source) + "”: " + extract + " [" + source.n() + "]");
        // further reading: a passage of another document that scores almost as well, or that states
        // the same fact (a number with its unit from the answer); at most two, one per document
        Set<String> facts = facts(extract);
        Set<String> cited = new HashSet<>(Set.of(documentOf(source)));
        List<GroundingPrompt.Source> also = new ArrayList<>();
        for (Ranked r : ranked) {
            if (r == chosen || also.size() == MAX_SEE_ALSO || r.coverage() < MIN_COVERAGE) continue;
            boolean close = r.score() >= chosen.score() * SEE_ALSO_SHARE;
            Set<String> theirs = facts(r.source().text());
            boolean corroborates = facts.stream().anyMatch(theirs::contains);
            if ((close && also.isEmpty() || corroborates) && cited.add(documentOf(r.source()))) also.add(r.source());
        }
        for (GroundingPrompt.Source a : also) {
            answer.append(lang.equals("vi") ? " Xem thêm «" : " See also “")
                    .append(documentOf(a)).append(lang.equals("vi") ? "» [" : "” [")
                    .append(a.n()).append("].");
        }
        return answer.toString();
    }

    /**
     * Whether the question is about something the documents the customer may see do not cover:
     * it names something none of them mentions ({@link #novelNames}), or two or more of its words
     * occur in none of them as written (with their marks: "giám đốc", "weather tomorrow"). One
     * unfamiliar common word is often a unit or a paraphrase ("mét" for "m", "often") and is left
     * to the coverage checks. Needs the word counts the retrieval adds to the prompt; without them,
     * never true.
     */
    static boolean outsideDocuments(GroundingPrompt.Parsed prompt) {
        long unfamiliar = prompt.words().stream().filter(w -> w.chunks() == 0).count();
        return unfamiliar >= 2 || !novelNames(prompt).isEmpty();
    }

    /**
     * The question's words that no document the customer may see mentions in any form and that
     * look like a name or a code: written with a capital letter (as the first word, only when the
     * second has one too) or holding a digit ("Lotus", "Mart's", "KG100HQ", "RO900").
     */
    static List<String> novelNames(GroundingPrompt.Parsed prompt) {
        String q = prompt.question().strip();
        // a sentence starts with a capital anyway: there it marks a name only when the next word has one too ("Lotus Hotels")
        boolean firstIsName = TWO_CAPITALISED.matcher(q).matches();
        return prompt.unknownTerms().stream()
                .filter(w -> !w.startsWith("I'"))
                .filter(w -> w.chars().anyMatch(Character::isDigit)
                        || (Character.isUpperCase(w.codePointAt(0)) && (firstIsName || !q.startsWith(w))))
                .toList();
    }

    /** At most this many further-reading citations after the answer's own. */
    private static final int MAX_SEE_ALSO = 2;
    private static final Pattern FACT = Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*(%|[a-z]+)");

    /** Numbers with their unit in a text, folded ("12 thang", "3 m", "500000 d"): the facts two passages can share. */
    static Set<String> facts(String text) {
        Set<String> found = new HashSet<>();
        var m = FACT.matcher(Language.fold(text));
        while (m.find()) found.add(m.group(1).replace(',', '.') + " " + m.group(2));
        return found;
    }

    /** Below this share of the question's words found in the best passage, it is not about the question. */
    static final double MIN_COVERAGE = 0.34;
    /** A second passage is offered as further reading when it scores this close to the best one. */
    private static final double SEE_ALSO_SHARE = 0.9;
    /** Weight of the passage's share of the question's words in its score. */
    private static final double COVERAGE_WEIGHT = 0.5;
    /**
     * Weight of the best single sentence's share: the answer quotes sentences, so a passage where
     * the question's words meet in one sentence answers better than one where they are scattered.
     */
    private static final double SENTENCE_WEIGHT = 0.3;

    /** A source with how much of the question it covers and its combined score. */
    private record Ranked(GroundingPrompt.Source source, double coverage, double score) {}

    /**
     * Orders the passages by retrieval confidence plus how many of the question's words they hold
     * (the offline answerer can only quote, so a passage that holds the words answers better),
     * preferring the account's contract for a contract question and the question's language.
     */
    private static List<Ranked> rank(List<GroundingPrompt.Source> sources, String question, String lang) {
        Set<String> asked = terms(question);
        Set<String> askedPairs = pairs(question);
        Set<String> models = models(question);
        boolean aboutContract = ABOUT_CONTRACT.matcher(Language.fold(question)).matches();
        List<Ranked> ranked = new ArrayList<>();
        for (GroundingPrompt.Source s : sources) {
            String passage = s.label() + " " + s.text();
            Set<String> held = terms(passage);
            Set<String> heldPairs = pairs(passage);
            double words = asked.isEmpty() ? 1 : asked.stream().filter(held::contains).count() / (double) asked.size();
            double phrases = askedPairs.isEmpty() ? words : askedPairs.stream().filter(heldPairs::contains).count() / (double) askedPairs.size();
            // a model number the passage does not mention means it is about another product
            boolean sameModels = models.isEmpty() || models.stream().anyMatch(models(passage)::contains);
            // syllables alone say little in Vietnamese ("lai", "tiet" are everywhere): pairs must match too
            double coverage = !sameModels ? 0 : lang.equals("vi") ? (words + phrases) / 2 : words;
            double sentence = 0;
            if (sameModels) {
                for (String line : SENTENCE_END.split(s.text())) {
                    Set<String> inLine = terms(line);
                    double w = asked.isEmpty() ? 0 : asked.stream().filter(inLine::contains).count() / (double) asked.size();
                    if (lang.equals("vi") && !askedPairs.isEmpty()) {
                        Set<String> linePairs = pairs(line);
                        w = (w + askedPairs.stream().filter(linePairs::contains).count() / (double) askedPairs.size()) / 2;
                    }
                    sentence = Math.max(sentence, w);
                }
            }
            double score = s.confidence() + COVERAGE_WEIGHT * coverage + SENTENCE_WEIGHT * sentence
                    + (lang.equals(s.lang()) ? 0.05 : 0)
                    + (aboutContract && isContract(s.label()) ? 0.3 : 0);
            ranked.add(new Ranked(s, coverage, score));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return ranked;
    }

    private static final Pattern MODEL = Pattern.compile("(?i)\\bMH-?[A-Z]{1,3}[0-9]{1,4}[A-Z]{0,3}\\b");

    /** Product model numbers (MH-RO200, MH-AF80D), upper-cased. */
    private static Set<String> models(String text) {
        Set<String> found = new HashSet<>();
        var m = MODEL.matcher(text);
        while (m.find()) found.add(m.group().toUpperCase(java.util.Locale.ROOT).replace("-", ""));
        return found;
    }

    /** Adjacent word pairs with at least one content word: "bảo hành" and "máy lọc" carry meaning single syllables do not. */
    private static Set<String> pairs(String text) {
        String[] words = NON_WORD.split(Language.fold(text));
        Set<String> pairs = new HashSet<>();
        for (int i = 1; i < words.length; i++) {
            if (words[i - 1].isEmpty() || words[i].isEmpty()) continue;
            if (STOPWORDS.contains(words[i - 1]) && STOPWORDS.contains(words[i])) continue;
            pairs.add(words[i - 1] + " " + words[i]);
        }
        return pairs;
    }

    /** The document part of a source label ("Title › Heading" → "Title"). */
    private static String documentOf(GroundingPrompt.Source s) {
        int cut = s.label().indexOf(" › ");
        return cut < 0 ? s.label() : s.label().substring(0, cut);
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
        if (TABLE_RULE.matcher(s).matches()) return "";
        s = BULLET.matcher(s).replaceAll("").replace("**", "").replace("__", "");
        if (s.contains("|")) {
            s = Arrays.stream(s.split("\\|")).map(String::strip).filter(c -> !c.isEmpty())
                    .reduce((a, b) -> a + " — " + b).orElse("");
        }
        return s.strip();
    }

    private static Set<String> terms(String text) {
        Set<String> terms = new HashSet<>();
        for (String w : NON_WORD.split(Language.fold(text))) {
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
