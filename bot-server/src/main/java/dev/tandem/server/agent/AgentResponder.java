package dev.tandem.server.agent;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.service.Result;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.Passage;
import dev.tandem.server.chat.Citation;
import dev.tandem.server.chat.Conversation;
import dev.tandem.server.chat.Reply;
import dev.tandem.server.chat.Responder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adapts the LangChain4j agent to the conversation engine: asks it, turns the passages it used into
 * numbered citations and an audit trail, and degrades to an honest reply when the model fails.
 */
public final class AgentResponder implements Responder {

    private static final Logger log = LoggerFactory.getLogger(AgentResponder.class);
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,2})]");
    private static final int MAX_INPUT_CHARS = 2_000;

    private final SupportAgent agent;

    public AgentResponder(SupportAgent agent) {
        this.agent = agent;
    }

    @Override
    public Reply answer(Conversation conversation, String text, Consumer<String> deltas) {
        String question = text.length() > MAX_INPUT_CHARS ? text.substring(0, MAX_INPUT_CHARS) : text;
        String lang = Language.detect(question);
        Result<String> result;
        try {
            result = agent.answer(conversation.id(), question);
        } catch (RuntimeException e) {
            log.warn("agent failed conversation={}: {}", conversation.id(), e.toString());
            return new Reply(Phrases.unavailable(lang), List.of(), List.of(), true);
        }
        String answer = result.content() == null ? "" : result.content().strip();
        List<Content> sources = result.sources() == null ? List.of() : result.sources();
        if (answer.isEmpty()) return new Reply(Phrases.dontKnow(lang), List.of(), List.of(), true);
        return withCitations(answer, sources);
    }

    /**
     * Keeps the sources the answer cites, renumbered 1..k in order of first mention; markers that
     * point at no source are removed, so every [n] the user sees leads somewhere.
     */
    static Reply withCitations(String answer, List<Content> sources) {
        Set<Integer> cited = new LinkedHashSet<>();
        Matcher m = MARKER.matcher(answer);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n >= 1 && n <= sources.size()) cited.add(n);
        }
        List<Integer> order = new ArrayList<>(cited);
        List<Citation> citations = new ArrayList<>();
        List<String> audit = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Passage p = KnowledgeBase.toPassage(sources.get(order.get(i) - 1));
            citations.add(new Citation(i + 1, p.title(), emptyToNull(p.headingPath()), p.url(), p.snippet(), p.docPath()));
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
