package dev.tandem.kb;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The knowledge-base module's small API: open an index, (re)index a folder of documents, search it
 * with an audience filter, and hand a LangChain4j {@link ContentRetriever} to the agent.
 *
 * <p>API CONTRACT (bot-server depends on these signatures; keep them, extend compatibly).
 */
public final class KnowledgeBase implements AutoCloseable {

    private KnowledgeBase() {}

    /** Opens (or creates) the index in {@code indexDir}; one long-lived writer and searcher manager. */
    public static KnowledgeBase open(Path indexDir) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Brings the index in line with {@code corpusDir}: adds new files, re-indexes changed ones
     * (content hash), removes deleted ones. Corrupt files are reported in the result and skipped.
     */
    public IndexReport index(Path corpusDir, IndexProgress progress) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Top passages for {@code query} that {@code audience} may see, best first. */
    public List<Passage> search(String query, Audience audience, int maxResults) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A retriever for the agent. The audience comes from the query (typically from its chat memory
     * id, resolved by the caller), never from the query text. Passages below {@code minConfidence}
     * are dropped. Each {@link Content} carries the passage fields as text-segment metadata (see
     * {@link #toPassage(Content)}) and the score under {@code ContentMetadata.SCORE}.
     */
    public ContentRetriever retriever(Function<Query, Audience> audienceOf, int maxResults, double minConfidence) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Rebuilds a passage from a content item produced by {@link #retriever}. */
    public static Passage toPassage(Content content) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Whether the index is open and searchable, with counts for /health. */
    public Health health() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() throws IOException {}

    /** Index state for health checks. */
    public record Health(boolean up, long documents, long chunks, String detail) {}
}
