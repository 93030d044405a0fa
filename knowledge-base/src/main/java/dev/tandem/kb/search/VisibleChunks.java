package dev.tandem.kb.search;

import dev.tandem.kb.Audience;
import dev.tandem.kb.index.IndexField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access rule of {@link AudienceFilter} with its matching chunks kept per segment core and
 * audience: the same FILTER clause inside every search, matching the same chunks, without looking
 * the audience terms up and walking their postings again for each query. Lucene's own query cache
 * leaves segments under 10,000 documents uncached, so a knowledge base of a few thousand chunks
 * paid that on every search and every word count. Depends only on the index and the audience,
 * never on a question. Deleted chunks stay in the sets, as in the terms' postings: the searcher
 * skips them. At most {@link #AUDIENCES_PER_SEGMENT} audiences are kept per segment; others are
 * read each time.
 */
final class VisibleChunks {

    static final int AUDIENCES_PER_SEGMENT = 256;

    private final Map<Object, Map<List<String>, FixedBitSet>> bySegment = new ConcurrentHashMap<>();

    /** The FILTER clause for {@code audience}. */
    Query filter(Audience audience) {
        return new Filter(audience.visibleAudiences(), this);
    }

    /** The segment's chunks {@code audience} may see (deleted ones included); never to be changed by the caller. */
    FixedBitSet of(LeafReader reader, Audience audience) throws IOException {
        return visible(reader, audience.visibleAudiences());
    }

    private FixedBitSet visible(LeafReader reader, List<String> audiences) throws IOException {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        if (helper == null) return read(reader, audiences);
        Map<List<String>, FixedBitSet> kept = bySegment.get(helper.getKey());
        if (kept == null) {
            kept = new ConcurrentHashMap<>();
            if (bySegment.putIfAbsent(helper.getKey(), kept) == null) helper.addClosedListener(bySegment::remove);
            else kept = bySegment.get(helper.getKey());
            if (kept == null) return read(reader, audiences);
        }
        FixedBitSet bits = kept.get(audiences);
        if (bits == null) {
            bits = read(reader, audiences);
            if (kept.size() < AUDIENCES_PER_SEGMENT) kept.putIfAbsent(audiences, bits);
        }
        return bits;
    }

    /** The documents of the segment whose audience term is one of {@code audiences}. */
    private static FixedBitSet read(LeafReader reader, List<String> audiences) throws IOException {
        List<Term> terms = new ArrayList<>(audiences.size());
        for (String audience : audiences) terms.add(new Term(IndexField.AUDIENCE.fieldName(), audience));
        FixedBitSet bits = holdingAny(reader, terms);
        return bits != null ? bits : new FixedBitSet(reader.maxDoc());
    }

    /**
     * The documents of the segment (deleted ones included, as in the postings) that hold any of
     * {@code terms}; null when the segment has none of the terms.
     */
    static FixedBitSet holdingAny(LeafReader reader, List<Term> terms) throws IOException {
        FixedBitSet holding = null;
        for (Term term : terms) {
            PostingsEnum postings = reader.postings(term, PostingsEnum.NONE);
            if (postings == null) continue;
            if (holding == null) holding = new FixedBitSet(reader.maxDoc());
            holding.or(postings);
        }
        return holding;
    }

    /** A non-scoring query over the kept sets; equal for equal audience lists. */
    private static final class Filter extends Query {
        private final List<String> audiences;
        private final VisibleChunks kept;

        Filter(List<String> audiences, VisibleChunks kept) {
            this.audiences = List.copyOf(audiences);
            this.kept = kept;
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
            return new ConstantScoreWeight(this, boost) {
                @Override
                public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                    FixedBitSet bits = kept.visible(context.reader(), audiences);
                    int count = bits.cardinality();
                    if (count == 0) return null;
                    return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode, new BitSetIterator(bits, count)));
                }

                @Override
                public boolean isCacheable(LeafReaderContext context) {
                    return false; // kept here already
                }
            };
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public String toString(String field) {
            return "visible" + audiences;
        }

        @Override
        public boolean equals(Object other) {
            return sameClassAs(other) && audiences.equals(((Filter) other).audiences) && kept == ((Filter) other).kept;
        }

        @Override
        public int hashCode() {
            return classHash() * 31 + audiences.hashCode();
        }
    }
}
