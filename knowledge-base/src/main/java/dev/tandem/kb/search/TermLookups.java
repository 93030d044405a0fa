package dev.tandem.kb.search;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IOSupplier;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The term dictionary look-ups of one search, made once: the candidate pass, the rescoring with the
 * full query and the confidence's document frequencies ask for many of the same (field, term) pairs,
 * and each {@link TermQuery} without states looks its term up again in every pass. Queries built here
 * carry their {@link TermStates}, so Lucene's weights skip the look-up; the scores are the same.
 * Each field's terms are looked up through one terms enum per segment (a {@code TermStates.build}
 * per term opened a new one each time). Valid for the one searcher it was made with; the look-ups
 * themselves may be kept for its reader ({@link SharedTermStates}).
 */
final class TermLookups {

    private final IndexSearcher searcher;
    private final List<LeafReaderContext> leaves;
    /** The reader's look-ups, shared with other searches on it ({@link SharedTermStates}). */
    private final Map<Term, TermStates> states;
    /** Per field, one terms enum per segment, made on first use. */
    private final Map<String, TermsEnum[]> enums = new HashMap<>();
    /** Per field, its collection statistics for BM25, read on first use (both passes of a search ask). */
    private final Map<String, CollectionStatistics> fieldStats = new HashMap<>();

    /** With the look-ups kept for {@code searcher}'s reader by {@code shared}: built once per term, read by every search. */
    TermLookups(IndexSearcher searcher, SharedTermStates shared) {
        this(searcher, shared.of(searcher));
    }

    private TermLookups(IndexSearcher searcher, Map<Term, TermStates> states) {
        this.searcher = searcher;
        this.leaves = searcher.getIndexReader().leaves();
        this.states = states;
    }

    /** How many chunks hold the term (deleted ones included, as {@code IndexReader.docFreq} counts). */
    int docFreq(Term term) throws IOException {
        return states(term).docFreq();
    }

    /**
     * One flat disjunction of the weighted terms, each clause with its looked-up states. A term no
     * chunk holds is left out: it would match and score nothing. No terms at all make a query that
     * matches nothing, as a disjunction of absent terms would.
     */
    Query disjunction(Map<Term, Float> weights) throws IOException {
        BooleanQuery.Builder clauses = new BooleanQuery.Builder();
        for (Map.Entry<Term, Float> clause : weights.entrySet()) {
            TermStates termStates = states(clause.getKey());
            if (termStates.docFreq() > 0) {
                clauses.add(new BoostQuery(new TermQuery(clause.getKey(), termStates), clause.getValue()), BooleanClause.Occur.SHOULD);
            }
        }
        return clauses.build();
    }

    /**
     * The {@code top} best of {@code hits} after adding to each hit's score its BM25 score by the
     * weighted terms (best first, ties by document): what a {@code QueryRescorer} with {@link
     * #disjunction} of the terms and a summing combine gives (same similarity, statistics, boosts and
     * norms; the sum taken in double, as Lucene's disjunction does), without building a scorer per
     * term: the terms are taken one at a time through one reused postings enum, each advanced over
     * the hits in document order.
     */
    ScoreDoc[] addScores(ScoreDoc[] hits, Map<Term, Float> weights, int top) throws IOException {
        ScoreDoc[] byDoc = hits.clone();
        Arrays.sort(byDoc, (a, b) -> Integer.compare(a.doc, b.doc));
        double[] added = new double[byDoc.length];
        Map<String, long[]> fieldNorms = new HashMap<>();
        PostingsEnum postings = null;
        for (Map.Entry<Term, Float> clause : weights.entrySet()) {
            Term term = clause.getKey();
            TermStates termStates = states(term);
            if (termStates.docFreq() == 0) continue;
            Similarity.SimScorer scorer = scorer(term, termStates, clause.getValue());
            long[] norms = fieldNorms.get(term.field());
            if (norms == null) {
                norms = norms(byDoc, term.field());
                fieldNorms.put(term.field(), norms);
            }
            int i = 0;
            while (i < byDoc.length) {
                LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(byDoc[i].doc, leaves));
                int end = i;
                while (end < byDoc.length && byDoc[end].doc < leaf.docBase + leaf.reader().maxDoc()) end++;
                IOSupplier<TermState> state = termStates.get(leaf);
                if (state != null) {
                    TermsEnum terms = termsEnum(term.field(), leaf);
                    terms.seekExact(term.bytes(), state.get());
                    postings = terms.postings(postings, PostingsEnum.FREQS);
                    for (int h = i; h < end; h++) {
                        int doc = byDoc[h].doc - leaf.docBase;
                        if (postings.docID() < doc) postings.advance(doc);
                        if (postings.docID() != doc) continue;
                        added[h] += scorer.score(postings.freq(), norms[h]);
                    }
                }
                i = end;
            }
        }
        ScoreDoc[] rescored = new ScoreDoc[byDoc.length];
        for (int h = 0; h < byDoc.length; h++) {
            rescored[h] = new ScoreDoc(byDoc[h].doc, (float) (byDoc[h].score + (float) added[h]));
        }
        Arrays.sort(rescored, (a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
        return rescored.length > top ? Arrays.copyOf(rescored, top) : rescored;
    }

    /** The chunks of a segment a search may return (the audience's, deleted ones included). */
    @FunctionalInterface
    interface SegmentFilter {
        FixedBitSet of(LeafReader reader) throws IOException;
    }

    /**
     * The best {@code n} chunks that {@code filter} lets through, by the disjunction of the weighted
     * terms: the documents, scores and order that searching {@link #disjunction} inside the filter
     * with a top-{@code n} collector gives (ties by document; the total is exact), scored a term at
     * a time. Each term's postings of a segment are read once into (document, score) pairs, which
     * are sorted by document and summed per document in double, as Lucene's disjunction sums. Null
     * when the terms have more than {@code maxPostings} postings in all: the caller then runs the
     * query, whose scorer skips the documents that cannot reach the top {@code n}, which pays on long
     * postings. On short ones that scorer's set-up costs more than the reading: it allocates some
     * 100 KB of buffers per search and segment, most of what a search on a small index allocates.
     */
    TopDocs topByTerms(Map<Term, Float> weights, SegmentFilter filter, int n, int maxPostings) throws IOException {
        List<Term> terms = new ArrayList<>(weights.size());
        List<TermStates> termStates = new ArrayList<>(weights.size());
        long postingsInAll = 0;
        for (Term term : weights.keySet()) {
            TermStates found = states(term);
            if (found.docFreq() == 0) continue;
            postingsInAll += found.docFreq();
            if (postingsInAll > maxPostings) return null;
            terms.add(term);
            termStates.add(found);
        }
        Similarity.SimScorer[] scorers = new Similarity.SimScorer[terms.size()];
        for (int t = 0; t < scorers.length; t++) {
            scorers[t] = scorer(terms.get(t), termStates.get(t), weights.get(terms.get(t)));
        }
        // (document << 32 | place) and the score at that place; docFreq counts every segment's postings
        long[] keys = new long[(int) postingsInAll];
        double[] scores = new double[keys.length];
        Best best = new Best(n);
        long matched = 0;
        PostingsEnum postings = null;
        for (LeafReaderContext leaf : leaves) {
            FixedBitSet allowed = filter.of(leaf.reader());
            Bits live = leaf.reader().getLiveDocs();
            int placed = 0;
            for (int t = 0; t < scorers.length; t++) {
                Term term = terms.get(t);
                IOSupplier<TermState> state = termStates.get(t).get(leaf);
                if (state == null) continue;
                TermsEnum termsEnum = termsEnum(term.field(), leaf);
                termsEnum.seekExact(term.bytes(), state.get());
                postings = termsEnum.postings(postings, PostingsEnum.FREQS);
                NumericDocValues norms = leaf.reader().getNormValues(term.field());
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (!allowed.get(doc) || live != null && !live.get(doc)) continue;
                    long norm = norms != null && norms.advanceExact(doc) ? norms.longValue() : 1L;
                    keys[placed] = (long) doc << 32 | placed;
                    scores[placed] = scorers[t].score(postings.freq(), norm);
                    placed++;
                }
            }
            Arrays.sort(keys, 0, placed); // by document, then place: each document's scores in term order
            for (int i = 0; i < placed; ) {
                int doc = (int) (keys[i] >>> 32);
                double sum = 0;
                for (; i < placed && (int) (keys[i] >>> 32) == doc; i++) sum += scores[(int) keys[i]];
                matched++;
                best.offer(leaf.docBase + doc, (float) sum);
            }
        }
        return new TopDocs(new TotalHits(matched, TotalHits.Relation.EQUAL_TO), best.scoreDocs());
    }

    /** The n best (score, document) pairs offered, best first; of equal scores the lower document. */
    private static final class Best {
        private final float[] scores;
        private final int[] docs;
        private int size;

        Best(int n) {
            scores = new float[n];
            docs = new int[n];
        }

        /** Documents come in increasing order, so a tie never displaces a kept document. */
        void offer(int doc, float score) {
            if (size == scores.length && (size == 0 || score <= scores[size - 1])) return;
            int at = size == scores.length ? size - 1 : size++;
            while (at > 0 && scores[at - 1] < score) {
                scores[at] = scores[at - 1];
                docs[at] = docs[at - 1];
                at--;
            }
            scores[at] = score;
            docs[at] = doc;
        }

        ScoreDoc[] scoreDocs() {
            ScoreDoc[] out = new ScoreDoc[size];
            for (int i = 0; i < size; i++) out[i] = new ScoreDoc(docs[i], scores[i]);
            return out;
        }
    }

    /** The BM25 scorer of a weighted term with its looked-up states, as Lucene's term query makes it. */
    private Similarity.SimScorer scorer(Term term, TermStates termStates, float weight) throws IOException {
        CollectionStatistics collection = fieldStats.get(term.field());
        if (collection == null) {
            collection = searcher.collectionStatistics(term.field());
            fieldStats.put(term.field(), collection);
        }
        return searcher.getSimilarity().scorer(weight, collection,
                searcher.termStatistics(term, termStates.docFreq(), termStates.totalTermFreq()));
    }

    /**
     * The length norm of {@code field} for each of the hits (sorted by document), 1 where a chunk
     * has none: read once per field in one forward pass per segment, where reading them term by term
     * opened the segment's norms anew for every term.
     */
    private long[] norms(ScoreDoc[] byDoc, String field) throws IOException {
        long[] norms = new long[byDoc.length];
        int i = 0;
        while (i < byDoc.length) {
            LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(byDoc[i].doc, leaves));
            NumericDocValues values = leaf.reader().getNormValues(field);
            for (; i < byDoc.length && byDoc[i].doc < leaf.docBase + leaf.reader().maxDoc(); i++) {
                norms[i] = values != null && values.advanceExact(byDoc[i].doc - leaf.docBase) ? values.longValue() : 1L;
            }
        }
        return norms;
    }

    private TermStates states(Term term) throws IOException {
        TermStates known = states.get(term);
        if (known == null) {
            known = lookUp(term);
            states.put(term, known);
        }
        return known;
    }

    /** What {@code TermStates.build(searcher, term, true)} finds, through this field's reused terms enums. */
    private TermStates lookUp(Term term) throws IOException {
        TermStates found = new TermStates(searcher.getTopReaderContext());
        for (LeafReaderContext leaf : leaves) {
            TermsEnum terms = termsEnum(term.field(), leaf);
            if (terms.seekExact(term.bytes())) {
                found.register(terms.termState(), leaf.ord, terms.docFreq(), terms.totalTermFreq());
            }
        }
        return found;
    }

    private TermsEnum termsEnum(String field, LeafReaderContext leaf) throws IOException {
        TermsEnum[] perLeaf = enums.get(field);
        if (perLeaf == null) {
            perLeaf = new TermsEnum[leaves.size()];
            enums.put(field, perLeaf);
        }
        if (perLeaf[leaf.ord] == null) perLeaf[leaf.ord] = Terms.getTerms(leaf.reader(), field).iterator();
        return perLeaf[leaf.ord];
    }
}
