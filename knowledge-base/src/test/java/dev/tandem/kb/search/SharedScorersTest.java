package dev.tandem.kb.search;

import dev.tandem.kb.Audience;
import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.KnowledgeBase;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared BM25 scorers score and explain as Lucene's default similarity does; term look-ups kept per
 * reader give the counts of that reader, and a changed index is never searched with the old ones.
 */
class SharedScorersTest {

    @TempDir
    Path indexDir;

    @TempDir
    Path corpusCopy;

    @Test
    void shared_scorers_give_the_default_similarity_s_scores_and_explanations() throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            kb.index(ChunkCacheTest.CORPUS, IndexProgress.silent());
        }
        List<String> questions = questions();
        QueryFactory queries = new QueryFactory();
        try (Directory dir = FSDirectory.open(indexDir); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher plain = new IndexSearcher(reader);
            IndexSearcher shared = SharedScorers.searcherFactory().newSearcher(reader, null);
            assertThat(shared.getSimilarity()).isInstanceOf(SharedScorers.class);
            int compared = 0;
            for (int round = 0; round < 2; round++) { // the second round reads kept scorers only
                for (String question : questions) {
                    Query query = disjunction(queries.clauses(question).full());
                    TopDocs expected = plain.search(query, 50);
                    assertThat(docsAndScores(shared.search(query, 50))).as(question).isEqualTo(docsAndScores(expected));
                    if (expected.scoreDocs.length > 0) {
                        int best = expected.scoreDocs[0].doc;
                        // the same explanation, the similarity named by its class
                        assertThat(shared.explain(query, best).toString().replace("[SharedScorers]", "[BM25Similarity]"))
                                .isEqualTo(plain.explain(query, best).toString());
                    }
                    compared += expected.scoreDocs.length;
                }
            }
            assertThat(compared).isGreaterThan(questions.size());
        }
    }

    @Test
    void kept_term_look_ups_follow_a_changed_index() throws IOException {
        VisibleChunksTest.copy(ChunkCacheTest.CORPUS, corpusCopy);
        List<String> questions = questions().subList(0, 40);
        List<List<String>> after;
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            kb.index(corpusCopy, IndexProgress.silent());
            List<List<String>> before = searchAll(kb, questions);
            assertThat(searchAll(kb, questions)).isEqualTo(before); // with the kept look-ups
            try (var files = Files.walk(corpusCopy)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().limit(10).toList()) Files.delete(file);
            }
            kb.index(corpusCopy, IndexProgress.silent());
            after = searchAll(kb, questions);
            assertThat(after).isNotEqualTo(before);
        }
        // a knowledge base opened afresh on the changed index, nothing kept, finds the same
        try (KnowledgeBase fresh = KnowledgeBase.open(indexDir)) {
            assertThat(searchAll(fresh, questions)).isEqualTo(after);
        }
    }

    @Test
    void term_states_are_kept_per_reader() throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            kb.index(ChunkCacheTest.CORPUS, IndexProgress.silent());
        }
        SharedTermStates shared = new SharedTermStates();
        try (Directory dir = FSDirectory.open(indexDir); SearcherManager searchers = new SearcherManager(dir, null)) {
            IndexSearcher searcher = searchers.acquire();
            try {
                Term term = new Term(dev.tandem.kb.index.IndexField.TEXT.fieldName(), "bao");
                TermLookups lookups = new TermLookups(searcher, shared);
                int docFreq = lookups.docFreq(term);
                assertThat(docFreq).isEqualTo(searcher.getIndexReader().docFreq(term)).isPositive();
                Map<Term, TermStates> kept = shared.of(searcher);
                assertThat(kept).containsKey(term);
                assertThat(new TermLookups(searcher, shared).docFreq(term)).isEqualTo(docFreq);
                // another reader of the same index gets its own look-ups
                try (DirectoryReader other = DirectoryReader.open(dir)) {
                    assertThat(shared.of(new IndexSearcher(other))).isNotSameAs(kept).doesNotContainKey(term);
                }
            } finally {
                searchers.release(searcher);
            }
        }
    }

    private static List<List<String>> searchAll(KnowledgeBase kb, List<String> questions) throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (String q : questions) {
            out.add(kb.search(q, Audience.anonymous(), 10).stream().map(p -> p.chunkId() + ":" + p.score() + ":" + p.confidence()).toList());
        }
        return out;
    }

    private static List<String> questions() throws IOException {
        List<String> questions = ChunkCacheTest.questions();
        assertThat(questions).hasSizeGreaterThan(40);
        return questions;
    }

    private static Query disjunction(Map<Term, Float> weights) {
        BooleanQuery.Builder clauses = new BooleanQuery.Builder();
        weights.forEach((term, weight) -> clauses.add(new BoostQuery(new TermQuery(term), weight), BooleanClause.Occur.SHOULD));
        return clauses.build();
    }

    private static List<String> docsAndScores(TopDocs top) {
        return java.util.Arrays.stream(top.scoreDocs).map((ScoreDoc d) -> d.doc + ":" + d.score).toList();
    }
}
