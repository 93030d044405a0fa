package dev.tandem.server.agent;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.tool.ToolExecution;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.Passage;
import dev.tandem.server.agent.tools.TurnContext;
import dev.tandem.server.chat.Citation;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.Reply;
import dev.tandem.server.chat.Responder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adapts the LangChain4j agent to the conversation engine: asks it (streaming when a real model is
 * configured), checks the answer, turns the passages it cited into numbered citations and an audit
 * trail, and degrades to the offline answer plus an offer of a human when the model fails.
 */
public final class AgentResponder implements Responder {

    private static final Logger log = LoggerFactory.getLogger(AgentResponder.class);
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,2})]");
    static final int MAX_INPUT_CHARS = 2_000;

    private final SupportAgent agent;
    private final StreamingAnswerer streaming;
    private final TurnContext turns;
    private final Consumer<String> turnEnded;
    private final OutputGuard guard = new OutputGuard(SupportAgent.SYSTEM_PROMPT);
    /**
     * The offline answer is pure CPU (search, then sentence picking). Virtual threads are not
     * time-sliced, so fifty at once on two cores starve some of them for seconds; a fair queue in
     * front of as many answers at a time as there are cores keeps the tail close to the median.
     */
    private final java.util.concurrent.Semaphore cpuSlots =
            new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors(), true);

    /** Offline (or any blocking model) only. */
    public AgentResponder(SupportAgent agent, TurnContext turns) {
        this(agent, null, turns);
    }

    /**
     * @param agent     answers when {@code streaming} is null, and is the fallback when it fails
     * @param streaming the real model's streaming path, or null
     */
    public AgentResponder(SupportAgent agent, StreamingAnswerer streaming, TurnContext turns) {
        this(agent, streaming, turns, id -> {});
    }

    /** As above; {@code turnEnded} runs after every turn (it saves chat memory a failed turn left unsaved). */
    AgentResponder(SupportAgent agent, StreamingAnswerer streaming, TurnContext turns, Consumer<String> turnEnded) {
        this.agent = agent;
        this.streaming = streaming;
        this.turns = turns;
        this.turnEnded = turnEnded;
    }

    /** What one model turn produced. */
    public record Outcome(String text, List<Content> sources, List<ToolExecution> tools) {}

    /** The streaming path, kept behind an interface so tests and the fallback logic stay simple. */
    public interface StreamingAnswerer {
        /** Streams the answer's pieces to {@code deltas}; throws when the provider fails, hangs or streams garbage. */
        Outcome answer(String conversationId, String question, Consumer<String> deltas);
    }

    @Override
    public Reply answer(Conversation conversation, String text, Consumer<String> deltas) {
        String id = conversation.id();
        String question = text.length() > MAX_INPUT_CHARS ? text.substring(0, MAX_INPUT_CHARS) : text;
        String lang = Language.detect(question);
        TurnContext.Turn turn = turns.begin(id);
        try {
            Outcome outcome;
            boolean fallback = false;
            if (streaming != null) {
                try {
                    outcome = streaming.answer(id, question, deltas);
                } catch (ModelCallBudget.Exhausted e) {
                    return new Reply(Phrases.budgetSpent(lang), List.of(), List.of(), true);
                } catch (RuntimeException e) {
                    log.warn("model failed conversation={}, answering offline: {}", id, e.toString());
                    turn = turns.begin(id);
                    outcome = ask(id, question);
                    fallback = true;
                }
            } else {
                outcome = ask(id, question);
            }
            Reply reply = check(outcome, turn, question, lang);
            if (fallback) {
                reply = new Reply(reply.text() + "\n\n" + Phrases.fallbackNote(lang), reply.citations(), reply.audit(), true);
            }
            if (text.length() > MAX_INPUT_CHARS) {
                reply = new Reply(Phrases.tooLong(lang) + reply.text(), reply.citations(), reply.audit(), reply.offerHuman());
            }
            return reply;
        } catch (ModelCallBudget.Exhausted e) {
            return new Reply(Phrases.budgetSpent(lang), List.of(), List.of(), true);
        } catch (RuntimeException e) {
            log.warn("agent failed conversation={} text={}: {}", id, LogMasker.mask(question), e.toString());
            return new Reply(Phrases.unavailable(lang), List.of(), List.of(), true);
        } finally {
            turns.end(id);
            try {
                turnEnded.accept(id);
            } catch (RuntimeException e) { // the reply stands; the memory misses this turn's question
                log.warn("chat memory not saved conversation={}: {}", id, e.toString());
            }
        }
    }

    private Outcome ask(String id, String question) {
        Result<String> result;
        cpuSlots.acquireUninterruptibly();
        try {
            result = agent.answer(id, question);
        } finally {
            cpuSlots.release();
        }
        return new Outcome(result.content(), result.sources() == null ? List.of() : result.sources(),
                result.toolExecutions() == null ? List.of() : result.toolExecutions());
    }

    /** The guardrails on output, then citations and the audit trail. */
    private Reply check(Outcome outcome, TurnContext.Turn turn, String question, String lang) {
        String answer = outcome.text() == null ? "" : outcome.text().strip();
        if (answer.isEmpty()) return new Reply(Phrases.dontKnow(lang), List.of(), List.of(), true);
        if (guard.disclosesPrompt(answer)) {
            log.warn("answer quoted the system prompt; replaced with a refusal");
            return new Reply(Phrases.refusedOutput(lang), List.of(), List.of(), false);
        }
        Map<Integer, Passage> sources = new LinkedHashMap<>();
        for (int i = 0; i < outcome.sources().size(); i++) sources.put(i + 1, KnowledgeBase.toPassage(outcome.sources().get(i)));
        List<Passage> toolSources = turn.toolSources();
        for (int i = 0; i < toolSources.size(); i++) sources.put(TurnContext.TOOL_SOURCE_BASE + i, toolSources.get(i));
        Set<String> urls = new HashSet<>();
        sources.values().forEach(p -> { if (p.url() != null && !p.url().isBlank()) urls.add(p.url()); });
        Reply cited = withCitations(guard.restrictLinks(answer, urls), sources);

        List<String> audit = new ArrayList<>(cited.audit());
        boolean toolAnswered = false;
        for (ToolExecution t : outcome.tools()) {
            audit.add("tool:" + t.request().name());
            toolAnswered |= t.result() != null && t.result().contains("\"status\":\"ok\"");
        }
        Intent intent = Intent.detect(question, false);
        boolean smallTalk = intent == Intent.GREETING || intent == Intent.THANKS;
        boolean offerHuman = cited.citations().isEmpty() && !toolAnswered && !smallTalk;
        return new Reply(cited.text(), cited.citations(), audit, offerHuman);
    }

    /**
     * Keeps the sources the answer cites, renumbered 1..k in order of first mention; markers that
     * point at no source are removed, so every [n] the user sees leads somewhere.
     */
    static Reply withCitations(String answer, Map<Integer, Passage> sources) {
        Set<Integer> cited = new LinkedHashSet<>();
        Matcher m = MARKER.matcher(answer);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (sources.containsKey(n)) cited.add(n);
        }
        List<Integer> order = new ArrayList<>(cited);
        List<Citation> citations = new ArrayList<>();
        List<String> audit = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Passage p = sources.get(order.get(i));
            // the snippet is shown to the user: no injected instructions in it either
            String snippet = p.snippet() == null ? null : InjectionFilter.strip(p.snippet());
            citations.add(new Citation(i + 1, p.title(), emptyToNull(p.headingPath()), p.url(), snippet, p.docPath()));
            audit.add(p.chunkId() + "@" + p.contentHash());
        }
        String renumbered = MARKER.matcher(answer).replaceAll(r -> {
            int index = order.indexOf(Integer.parseInt(r.group(1)));
            return index < 0 ? "" : "[" + (index + 1) + "]";
        }).strip();
        return new Reply(renumbered, citations, audit, citations.isEmpty());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
