package dev.tandem.kb.search;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.IndexSearcher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The term dictionary look-ups of the current index reader, shared by every search on it: a
 * question's searches (as typed, with the lexicon's forms, its compounds) and the next questions ask
 * for many of the same (field, term) pairs, and each look-up walks the terms index again. What is
 * kept is what {@code TermStates.build} finds for a term in the whole index — where it sits in each
 * segment and its document counts, which BM25 reads whatever the audience — never a question or a
 * result. A refreshed reader starts empty (the old one's entries go with it); at most {@link
 * #MAX_TERMS} terms are kept, then the set is dropped and filled again.
 */
final class SharedTermStates {

    static final int MAX_TERMS = 32_768;

    private record OfReader(IndexReader reader, Map<Term, TermStates> states) {}

    private volatile OfReader current = new OfReader(null, Map.of());

    /** The kept look-ups of {@code searcher}'s reader (thread-safe; a term's states are read-only once built). */
    Map<Term, TermStates> of(IndexSearcher searcher) {
        OfReader kept = current;
        if (kept.reader() != searcher.getIndexReader()) {
            kept = new OfReader(searcher.getIndexReader(), new ConcurrentHashMap<>());
            current = kept;
        }
        Map<Term, TermStates> states = kept.states();
        if (states.size() >= MAX_TERMS) states.clear();
        return states;
    }
}
