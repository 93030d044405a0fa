package dev.tandem.kb.retrieval;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.tandem.kb.Audience;
import dev.tandem.kb.Passage;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The knowledge base as a LangChain4j {@link ContentRetriever}. The audience is resolved from the
 * query (its metadata: chat memory id, user) by the caller's function, never from the query text;
 * passages below the confidence threshold are dropped, so an empty result means "not in the
 * documents".
 */
public final class KnowledgeBaseRetriever implements ContentRetriever {

    /** The search the retriever delegates to. */
    @FunctionalInterface
    public interface Search {
        List<Passage> search(String text, Audience audience, int maxResults);
    }

    private final Search search;
    private final Function<Query, Audience> audienceOf;
    private final int maxResults;
    private final double minConfidence;

    public KnowledgeBaseRetriever(Search search, Function<Query, Audience> audienceOf, int maxResults, double minConfidence) {
        if (maxResults <= 0) throw new IllegalArgumentException("maxResults must be positive");
        if (minConfidence < 0 || minConfidence > 1) throw new IllegalArgumentException("minConfidence must be in [0,1]");
        this.search = Objects.requireNonNull(search);
        this.audienceOf = Objects.requireNonNull(audienceOf);
        this.maxResults = maxResults;
        this.minConfidence = minConfidence;
    }

    @Override
    public List<Content> retrieve(Query query) {
        // No audience means no identity was resolved: fall back to the narrowest view.
        Audience audience = Objects.requireNonNullElse(audienceOf.apply(query), Audience.anonymous());
        return search.search(query.text(), audience, maxResults).stream()
                .filter(p -> p.confidence() >= minConfidence)
                .map(PassageContents::toContent)
                .toList();
    }
}
