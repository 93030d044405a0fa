package dev.tandem.kb.search;

import org.apache.lucene.index.FieldInvertState;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lucene's default BM25 with each term's scorer made once per set of statistics instead of once per
 * query. A BM25 scorer holds a 256-entry table of length norms and the idf explanation, built anew
 * for every term of every query (about a kilobyte each; a question's search scores some hundred
 * terms, the largest allocation of a search). The scorer depends only on the boost, the field's
 * collection statistics and the term's document counts, never on the term's text, the question or
 * the audience, so the same scorer, immutable, is handed out for the same inputs: same scores, same
 * explanations (Lucene names the similarity in them by its class: "[SharedScorers]"). New statistics (a refreshed index) are new keys; at most {@link #MAX_SCORERS} are
 * kept, then they are dropped and built again.
 */
public final class SharedScorers extends Similarity {

    static final int MAX_SCORERS = 8_192;

    /** The similarity {@link IndexSearcher} uses by default and the index writer's norms are made with. */
    private final Similarity bm25 = new BM25Similarity();
    private final Map<Key, SimScorer> scorers = new ConcurrentHashMap<>();

    /**
     * What a BM25 scorer is made from. Its hash mixes every count: the counts are small numbers
     * close to each other, and a plain record's hash (31 × previous + next) made so many of them
     * collide that the look-up cost more than building the scorer.
     */
    private static final class Key {
        private final float boost;
        private final CollectionStatistics collection;
        private final long docFreq;
        private final long totalTermFreq;
        private final int hash;

        Key(float boost, CollectionStatistics collection, long docFreq, long totalTermFreq) {
            this.boost = boost;
            this.collection = collection;
            this.docFreq = docFreq;
            this.totalTermFreq = totalTermFreq;
            long h = mix(collection.field().hashCode(), Float.floatToIntBits(boost));
            h = mix(mix(h, collection.maxDoc()), collection.docCount());
            h = mix(mix(h, collection.sumTotalTermFreq()), collection.sumDocFreq());
            h = mix(mix(h, docFreq), totalTermFreq);
            this.hash = (int) (h ^ (h >>> 32));
        }

        private static long mix(long h, long v) {
            h = (h ^ v) * 0x9E3779B97F4A7C15L;
            return h ^ (h >>> 29);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && docFreq == k.docFreq && totalTermFreq == k.totalTermFreq
                    && Float.floatToIntBits(boost) == Float.floatToIntBits(k.boost) && sameCollection(collection, k.collection);
        }

        /** {@link CollectionStatistics#equals}, field by field: the record's own equals was most of a look-up's cost. */
        private static boolean sameCollection(CollectionStatistics a, CollectionStatistics b) {
            return a == b || a.maxDoc() == b.maxDoc() && a.docCount() == b.docCount() && a.sumTotalTermFreq() == b.sumTotalTermFreq()
                    && a.sumDocFreq() == b.sumDocFreq() && a.field().equals(b.field());
        }
    }

    /** Searchers with this similarity: what {@code new SearcherManager(writer, null)} gives, scorers shared. */
    public static SearcherFactory searcherFactory() {
        SharedScorers similarity = new SharedScorers();
        return new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                return searcher;
            }
        };
    }

    @Override
    public long computeNorm(FieldInvertState state) {
        return bm25.computeNorm(state);
    }

    @Override
    public SimScorer scorer(float boost, CollectionStatistics collectionStats, TermStatistics... termStats) {
        if (termStats.length != 1) return bm25.scorer(boost, collectionStats, termStats);
        Key key = new Key(boost, collectionStats, termStats[0].docFreq(), termStats[0].totalTermFreq());
        SimScorer known = scorers.get(key);
        if (known != null) return known;
        SimScorer made = bm25.scorer(boost, collectionStats, termStats);
        if (scorers.size() >= MAX_SCORERS) scorers.clear();
        scorers.put(key, made);
        return made;
    }

    @Override
    public String toString() {
        return bm25.toString();
    }
}
