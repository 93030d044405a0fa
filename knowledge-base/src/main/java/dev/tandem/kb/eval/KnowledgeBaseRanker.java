package dev.tandem.kb.eval;

import dev.tandem.kb.Audience;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.Passage;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Ranks documents with a {@link KnowledgeBase}: the documents of its passages in order of their best chunk. */
public final class KnowledgeBaseRanker implements Ranker {

    /** Chunks fetched per question: enough to reach 10 distinct documents in practice. */
    static final int CHUNKS = 40;

    private final KnowledgeBase kb;

    public KnowledgeBaseRanker(KnowledgeBase kb) {
        this.kb = kb;
    }

    @Override
    public Ranking rank(String question, Audience audience) {
        List<Passage> passages = kb.search(question, audience, CHUNKS);
        Set<String> documents = new LinkedHashSet<>();
        double confidence = 0;
        for (Passage passage : passages) {
            documents.add(passage.docPath());
            confidence = Math.max(confidence, passage.confidence());
        }
        return new Ranking(List.copyOf(documents), confidence);
    }
}
