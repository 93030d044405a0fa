package dev.tandem.kb.search;

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
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.IOSupplier;

import java.io.IOException;
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
        Similarity similarity = searcher.getSimilarity();
        Map<String, CollectionStatistics> fieldStats = new HashMap<>();
        Map<String, long[]> fieldNorms = new HashMap<>();
        PostingsEnum postings = null;
        for (Map.Entry<Term, Float> clause : weights.entrySet()) {
            Term term = clause.getKey();
            TermStates termStates = states(term);
            if (termStates.docFreq() == 0) continue;
            CollectionStatistics collection = fieldStats.get(term.field());
            if (collection == null) {
                collection = searcher.collectionStatistics(term.field());
                fieldStats.put(term.field(), collection);
            }
            Similarity.SimScorer scorer = similarity.scorer(clause.getValue(), collection,
                    searcher.termStatistics(term, termStates.docFreq(), termStates.totalTermFreq()));
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
