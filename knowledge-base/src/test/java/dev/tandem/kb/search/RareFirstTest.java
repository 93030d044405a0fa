package dev.tandem.kb.search;

import dev.tandem.kb.Audience;
import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.Passage;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first pass without its common terms ({@link PassageSearcher#rareFirst}), on the demo corpus's questions: the
 * common terms move to the rest with their weights, the rare ones stay, at least the two rarest terms some chunk holds
 * stay, and below the chunk floor nothing moves; searches with it forced on (the demo corpus is below the floor) find
 * as many passages, only ones the audience may see, and nearly always the same best one.
 */
class RareFirstTest {

    @TempDir
    static Path work;

    static Path index;

    @BeforeAll
    static void indexCorpus() throws IOException {
        index = work.resolve("index");
        try (KnowledgeBase kb = KnowledgeBase.open(index)) {
            kb.index(ChunkCacheTest.CORPUS, IndexProgress.silent());
        }
    }

    @Test
    void common_terms_only_score_the_candidates_and_keep_their_weights() throws IOException {
        QueryFactory queries = new QueryFactory();
        double share = 0.1;
        try (Directory dir = FSDirectory.open(index); SearcherManager searchers = new SearcherManager(dir, SharedScorers.searcherFactory())) {
            IndexSearcher searcher = searchers.acquire();
            try {
                int maxDoc = searcher.getIndexReader().maxDoc();
                long common = (long) (share * maxDoc);
                int questionsWithCommonTerms = 0;
                for (String question : ChunkCacheTest.questions()) {
                    QueryFactory.Clauses clauses = queries.clauses(question);
                    if (clauses.candidates().isEmpty()) continue;
                    TermLookups terms = new TermLookups(searcher, new SharedTermStates());
                    PassageSearcher.Passes passes = PassageSearcher.rareFirst(maxDoc, terms, clauses, share, 0);
                    // no clause is lost or counted twice: the two passes still sum to the full query
                    assertThat(sum(passes.candidates(), passes.rest())).as(question).isEqualTo(sum(clauses.candidates(), clauses.rest()));
                    // every rare term stays in the first pass
                    for (Term term : clauses.candidates().keySet()) {
                        if (terms.docFreq(term) <= common) assertThat(passes.candidates()).as(question).containsKey(term);
                    }
                    // a common term stays only as one of the rarest terms some chunk holds, and at least those stay (a
                    // stem the index keeps for no chunk does not count: a first pass of such terms finds nothing)
                    int commonKept = 0, held = 0;
                    for (Term term : passes.candidates().keySet()) {
                        int df = terms.docFreq(term);
                        if (df > 0) held++;
                        if (df > common) commonKept++;
                    }
                    assertThat(commonKept).as(question).isLessThanOrEqualTo(PassageSearcher.KEPT_RAREST);
                    long heldBefore = clauses.candidates().keySet().stream().filter(t -> docFreq(terms, t) > 0).count();
                    assertThat(held).as(question).isGreaterThanOrEqualTo((int) Math.min(heldBefore, PassageSearcher.KEPT_RAREST));
                    if (passes.candidates().size() < clauses.candidates().size()) questionsWithCommonTerms++;
                }
                // the demo corpus is small, but its commonest words ("bảo hành", "máy") are in more than a tenth of it
                assertThat(questionsWithCommonTerms).isGreaterThan(10);
            } finally {
                searchers.release(searcher);
            }
        }
    }

    @Test
    void below_the_chunk_floor_the_first_pass_keeps_every_term() throws IOException {
        QueryFactory.Clauses clauses = new QueryFactory().clauses("máy lọc nước bảo hành bao lâu");
        try (Directory dir = FSDirectory.open(index); SearcherManager searchers = new SearcherManager(dir, SharedScorers.searcherFactory())) {
            IndexSearcher searcher = searchers.acquire();
            try {
                int maxDoc = searcher.getIndexReader().maxDoc();
                TermLookups terms = new TermLookups(searcher, new SharedTermStates());
                PassageSearcher.Passes floored = PassageSearcher.rareFirst(maxDoc, terms, clauses, 0.1, maxDoc);
                assertThat(floored.candidates()).isEqualTo(clauses.candidates());
                assertThat(floored.rest()).isEqualTo(clauses.rest());
                assertThat(floored.commonLeftOut()).isFalse();
                // without the floor the same question's commonest terms leave the first pass
                PassageSearcher.Passes pruned = PassageSearcher.rareFirst(maxDoc, terms, clauses, 0.1, 0);
                assertThat(pruned.candidates().size()).isLessThan(clauses.candidates().size());
                assertThat(pruned.commonLeftOut()).isTrue();
            } finally {
                searchers.release(searcher);
            }
        }
    }

    @Test
    void searches_without_common_terms_in_the_first_pass_find_as_much_and_only_what_the_audience_may_see() throws IOException {
        List<Audience> audiences = List.of(Audience.anonymous(), Audience.parse("b2b"), Audience.account("acc-phuongnam"));
        try (Directory dir = FSDirectory.open(index); SearcherManager searchers = new SearcherManager(dir, SharedScorers.searcherFactory())) {
            PassageSearcher every = new PassageSearcher(searchers, 1, 0);
            PassageSearcher rare = new PassageSearcher(searchers, 0.1, 0);
            int searches = 0, sameFirst = 0;
            for (String question : ChunkCacheTest.questions()) {
                for (Audience audience : audiences) {
                    List<Passage> before = every.search(question, audience, 5);
                    List<Passage> after = rare.search(question, audience, 5);
                    assertThat(after).as("%s as %s", question, audience).hasSameSizeAs(before);
                    for (Passage p : after) assertThat(audience.visibleAudiences()).as(question).contains(p.audience());
                    for (int i = 1; i < after.size(); i++) assertThat(after.get(i).score()).isLessThanOrEqualTo(after.get(i - 1).score());
                    searches++;
                    if (!after.isEmpty() && after.getFirst().chunkId().equals(before.getFirst().chunkId())) sameFirst++;
                }
            }
            // on the demo corpus the best passage is nearly always the same (934 of 960 when written)
            assertThat(sameFirst).as("same first of %d", searches).isGreaterThanOrEqualTo(searches * 95 / 100);
        }
    }

    private static int docFreq(TermLookups terms, Term term) {
        try {
            return terms.docFreq(term);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Each term's weight over both passes. */
    private static Map<Term, Float> sum(Map<Term, Float> first, Map<Term, Float> second) {
        Map<Term, Float> all = new HashMap<>(first);
        for (var e : second.entrySet()) all.merge(e.getKey(), e.getValue(), Float::sum);
        return all;
    }
}
