package dev.tandem.kb.hybrid;

import dev.tandem.kb.Audience;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.Passage;
import dev.tandem.kb.eval.Ranker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rankers of the experiment over one knowledge base and its chunk embeddings: embeddings alone,
 * and reciprocal-rank fusion of the shipped BM25 search with them. Each question's BM25 passages and
 * embedding are computed once and shared by all modes.
 */
final class HybridRankers {

    /** Chunks taken from each list, as the shipped {@code KnowledgeBaseRanker} fetches from BM25. */
    static final int CHUNKS = 40;

    /** Where the two lists are fused: their chunks (what a product retriever would fuse) or their documents. */
    enum Level { CHUNK, DOCUMENT }

    private final KnowledgeBase kb;
    private final ChunkVectors vectors;
    private final QueryEmbeddings queries;
    private final Map<String, String> docOfChunk = new HashMap<>();
    private final Map<String, List<Passage>> bm25 = new HashMap<>();

    HybridRankers(KnowledgeBase kb, ChunkVectors vectors, QueryEmbeddings queries) {
        this.kb = kb;
        this.vectors = vectors;
        this.queries = queries;
        for (ChunkVectors.Chunk c : vectors.chunks()) docOfChunk.put(c.chunkId(), c.docPath());
    }

    /** (b) Documents in the order of their most similar visible chunk. */
    Ranker embeddings() {
        return (question, audience) -> {
            List<ChunkVectors.Scored> nearest = vectors.nearest(queries.of(question), audience, vectors.size());
            LinkedHashSet<String> documents = new LinkedHashSet<>();
            for (ChunkVectors.Scored s : nearest) {
                documents.add(s.chunk().docPath());
                if (documents.size() == 10) break; // the metrics score the top 10
            }
            double top = nearest.isEmpty() ? Double.NaN : nearest.getFirst().similarity();
            return new Ranker.Ranking(List.copyOf(documents), top);
        };
    }

    /**
     * (c, d) Reciprocal-rank fusion: score = bm25Weight / (k + bm25 rank) + embeddingWeight / (k +
     * embedding rank), ranks from 1, a missing item adds nothing. Questions {@code fuseWhen} rejects
     * get the BM25 ranking unchanged. The confidence stays BM25's (the refusal rule reads it).
     */
    Ranker fusion(Level level, int k, double bm25Weight, double embeddingWeight, Predicate<String> fuseWhen) {
        return (question, audience) -> {
            List<Passage> passages = bm25(question, audience);
            double confidence = passages.stream().mapToDouble(Passage::confidence).max().orElse(0);
            List<String> lexical = passages.stream().map(Passage::chunkId).toList();
            if (!fuseWhen.test(question)) return new Ranker.Ranking(documentsOf(lexical), confidence);
            List<String> semantic = vectors.nearest(queries.of(question), audience, CHUNKS).stream()
                    .map(s -> s.chunk().chunkId()).toList();
            List<String> fused = level == Level.CHUNK
                    ? documentsOf(rrf(lexical, semantic, k, bm25Weight, embeddingWeight))
                    : rrf(documentsOf(lexical), documentsOf(semantic), k, bm25Weight, embeddingWeight);
            return new Ranker.Ranking(fused, confidence);
        };
    }

    private List<Passage> bm25(String question, Audience audience) {
        return bm25.computeIfAbsent(audience.visibleAudiences() + "\u0000" + question, key -> kb.search(question, audience, CHUNKS));
    }

    private List<String> documentsOf(List<String> chunkIds) {
        LinkedHashSet<String> documents = new LinkedHashSet<>();
        for (String id : chunkIds) documents.add(docOfChunk.get(id));
        return List.copyOf(documents);
    }

    /** Items of both lists by fused score, best first; ties keep first-seen order (BM25's first). */
    static List<String> rrf(List<String> lexical, List<String> semantic, int k, double lexicalWeight, double semanticWeight) {
        Map<String, Double> score = new LinkedHashMap<>();
        for (int i = 0; i < lexical.size(); i++) score.merge(lexical.get(i), lexicalWeight / (k + i + 1), Double::sum);
        for (int i = 0; i < semantic.size(); i++) score.merge(semantic.get(i), semanticWeight / (k + i + 1), Double::sum);
        List<Map.Entry<String, Double>> entries = new ArrayList<>(score.entrySet());
        entries.sort(Map.Entry.<String, Double>comparingByValue().reversed()); // stable: ties keep insertion order
        return entries.stream().map(Map.Entry::getKey).toList();
    }
}
