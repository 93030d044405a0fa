package dev.tandem.kb.search;

import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The term dictionary look-ups of one search, made once: the candidate pass, the rescoring with the
 * full query and the confidence's document frequencies ask for many of the same (field, term) pairs,
 * and each {@link TermQuery} without states looks its term up again in every pass. Queries built here
 * carry their {@link TermStates}, so Lucene's weights skip the look-up; the scores are the same.
 * Valid for the one searcher it was made with.
 */
final class TermLookups {

    private final IndexSearcher searcher;
    private final Map<Term, TermStates> states = new HashMap<>();

    TermLookups(IndexSearcher searcher) {
        this.searcher = searcher;
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

    private TermStates states(Term term) throws IOException {
        TermStates known = states.get(term);
        if (known == null) {
            known = TermStates.build(searcher, term, true);
            states.put(term, known);
        }
        return known;
    }
}
