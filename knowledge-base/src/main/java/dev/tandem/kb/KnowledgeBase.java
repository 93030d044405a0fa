package dev.tandem.kb;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.tandem.kb.index.CorpusIndexer;
import dev.tandem.kb.index.IndexSchema;
import dev.tandem.kb.index.IndexedFiles;
import dev.tandem.kb.retrieval.KnowledgeBaseRetriever;
import dev.tandem.kb.retrieval.PassageContents;
import dev.tandem.kb.search.PassageSearcher;
import dev.tandem.kb.search.SharedScorers;
import dev.tandem.kb.source.Chunker;
import dev.tandem.kb.source.DocumentLoaders;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The knowledge-base module's small API: open an index, (re)index a folder of documents, search it
 * with an audience filter, and hand a LangChain4j {@link ContentRetriever} to the agent.
 *
 * <p>One long-lived {@link IndexWriter} owns the index; searches go through a {@link SearcherManager}
 * opened on that writer and refreshed once each indexing run has committed, so searches never wait
 * for indexing and never reopen a reader per query. Thread-safe.
 *
 * <p>API CONTRACT (bot-server depends on these signatures; keep them, extend compatibly).
 */
public final class KnowledgeBase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final PassageSearcher passageSearcher;
    private final CorpusIndexer indexer;
    private final Object indexLock = new Object();

    private KnowledgeBase(Directory directory, IndexWriter writer, SearcherManager searchers) {
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.passageSearcher = new PassageSearcher(searchers);
        this.indexer = new CorpusIndexer(new DocumentLoaders(), Chunker.defaults());
    }

    /** Opens (or creates) the index in {@code indexDir}; one long-lived writer and searcher manager. */
    public static KnowledgeBase open(Path indexDir) throws IOException {
        Files.createDirectories(indexDir);
        Directory directory = FSDirectory.open(indexDir);
        boolean outdated = IndexSchema.isOutdated(directory);
        if (outdated) log.info("index in {} has an older layout; it is rebuilt on the next index run", indexDir);
        IndexWriterConfig config = IndexSchema.writerConfig()
                .setOpenMode(outdated ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                // only index() commits, at the end of a run: a crash or close mid-run keeps the last good commit
                .setCommitOnClose(false);
        IndexWriter writer = new IndexWriter(directory, config);
        try {
            if (outdated || !DirectoryReader.indexExists(directory)) {
                IndexSchema.stamp(writer);
                writer.commit();
            }
            SearcherManager searchers = new SearcherManager(writer, SharedScorers.searcherFactory());
            return new KnowledgeBase(directory, writer, searchers);
        } catch (IOException | RuntimeException e) {
            writer.rollback();
            directory.close();
            throw e;
        }
    }

    /**
     * Brings the index in line with {@code corpusDir}: adds new files, re-indexes changed ones
     * (content hash), removes deleted ones. Corrupt files are reported in the result and skipped.
     * Commits once at the end; concurrent searches see the previous state until then.
     */
    public IndexReport index(Path corpusDir, IndexProgress progress) throws IOException {
        synchronized (indexLock) {
            Map<String, IndexedFiles.Entry> indexed;
            IndexSearcher current = searchers.acquire();
            try {
                indexed = IndexedFiles.read(current);
            } finally {
                searchers.release(current);
            }
            // A failure here leaves the run's changes uncommitted (each file's replacement is atomic);
            // the last commit stays the durable index, and the next run redoes the work. No rollback:
            // it would close the long-lived writer.
            IndexReport report = indexer.update(writer, indexed, corpusDir, progress);
            IndexSchema.stamp(writer);
            writer.commit();
            searchers.maybeRefreshBlocking();
            log.info("indexed {}: {} documents ({} added, {} updated, {} removed), {} chunks, {} skipped in {} ms",
                    corpusDir, report.documents(), report.added(), report.updated(), report.removed(),
                    report.chunks(), report.skipped().size(), report.took().toMillis());
            return report;
        }
    }

    /**
     * Top passages for {@code query} that {@code audience} may see, best first. Each passage's
     * {@link Passage#confidence()} is the share of the question's content words (weighted by rarity)
     * and word pairs that the passage contains: about 0.6 and above means the passage is about what
     * was asked; below 0.3 the corpus most likely does not hold the answer.
     */
    public List<Passage> search(String query, Audience audience, int maxResults) {
        try {
            return passageSearcher.search(query, audience, maxResults);
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /**
     * Each topic word of {@code query} with how many chunks {@code audience} may see hold it (see
     * {@link PassageSearcher#termRarity}); a word no visible chunk holds in any form is a sign the
     * question is about something the corpus does not cover.
     */
    public List<PassageSearcher.TermRarity> termRarity(String query, Audience audience) {
        try {
            return passageSearcher.termRarity(query, audience);
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /** The topic words of {@code query}, as written, that no chunk {@code audience} may see holds in any form. */
    public java.util.Set<String> unknownTerms(String query, Audience audience) {
        java.util.Set<String> unknown = new java.util.LinkedHashSet<>();
        for (var t : termRarity(query, audience)) if (t.anyForm() == 0) unknown.add(t.written());
        return unknown;
    }

    /**
     * A retriever for the agent. The audience comes from the query (typically from its chat memory
     * id, resolved by the caller), never from the query text. Passages below {@code minConfidence}
     * are dropped. Each {@link Content} carries the passage fields as text-segment metadata (see
     * {@link #toPassage(Content)}) and the score under {@code ContentMetadata.SCORE}.
     */
    public ContentRetriever retriever(Function<Query, Audience> audienceOf, int maxResults, double minConfidence) {
        return new KnowledgeBaseRetriever(this::search, audienceOf, maxResults, minConfidence);
    }

    /** Rebuilds a passage from a content item produced by {@link #retriever}. */
    public static Passage toPassage(Content content) {
        return PassageContents.toPassage(content);
    }

    /** Whether the index is open and searchable, with counts for /health. */
    public Health health() {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                long documents = IndexedFiles.read(searcher).size();
                long chunks = IndexedFiles.chunkCount(searcher);
                return new Health(writer.isOpen(), documents, chunks, writer.isOpen() ? "ok" : "closed");
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException | RuntimeException e) {
            return new Health(false, 0, 0, e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (indexLock) {
            try {
                searchers.close();
            } finally {
                try {
                    writer.close();
                } finally {
                    directory.close();
                }
            }
        }
    }

    /** Index state for health checks. */
    public record Health(boolean up, long documents, long chunks, String detail) {}
}
