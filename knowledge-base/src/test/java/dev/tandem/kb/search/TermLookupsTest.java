package dev.tandem.kb.search;

import dev.tandem.kb.Audience;
import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.KnowledgeBase;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scoring a term at a time ({@link TermLookups#topByTerms}) finds the chunks, scores and order that
 * Lucene's query inside the audience filter finds, on the demo corpus's questions, in an index with
 * several segments and deleted chunks.
 */
class TermLookupsTest {

    @TempDir
    Path work;

    @Test
    void term_at_a_time_gives_the_top_chunks_and_scores_of_the_filtered_query() throws IOException {
        Path corpus = work.resolve("corpus");
        VisibleChunksTest.copy(ChunkCacheTest.CORPUS, corpus);
        Path indexDir = work.resolve("index");
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            kb.index(corpus, IndexProgress.silent());
            // a second run over changed files: a new segment, and the old chunks of those files deleted
            try (Stream<Path> files = Files.walk(corpus)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".md")).limit(6).toList()) {
                    Files.writeString(file, Files.readString(file) + "\n\nBảo hành thêm: gọi tổng đài để được hỗ trợ bảo hành.\n");
                }
            }
            kb.index(corpus, IndexProgress.silent());
        }
        List<String> questions = ChunkCacheTest.questions();
        List<Audience> audiences = List.of(Audience.anonymous(), Audience.parse("b2b"), Audience.account("acme"));
        QueryFactory queries = new QueryFactory();
        VisibleChunks visible = new VisibleChunks();
        try (Directory dir = FSDirectory.open(indexDir);
             SearcherManager searchers = new SearcherManager(dir, SharedScorers.searcherFactory())) {
            IndexSearcher searcher = searchers.acquire();
            try {
                assertThat(searcher.getIndexReader().leaves()).hasSizeGreaterThan(1);
                assertThat(searcher.getIndexReader().numDeletedDocs()).isPositive();
                int compared = 0, hits = 0;
                for (String question : questions) {
                    QueryFactory.Clauses clauses = queries.clauses(question);
                    for (Map<Term, Float> weights : List.of(clauses.full(), clauses.candidates())) {
                        if (weights.isEmpty()) continue;
                        for (Audience audience : audiences) {
                            for (int n : new int[] {5, 20}) {
                                TermLookups terms = new TermLookups(searcher, new SharedTermStates());
                                TopDocs byTerms = terms.topByTerms(weights, reader -> visible.of(reader, audience), n, Integer.MAX_VALUE);
                                TopDocs byQuery = searcher.search(VisibleChunksTest.filtered(terms.disjunction(weights), visible.filter(audience)),
                                        new TopScoreDocCollectorManager(n, Integer.MAX_VALUE));
                                assertThat(docs(byTerms)).as("%s as %s, top %d", question, audience, n).isEqualTo(docs(byQuery));
                                for (int i = 0; i < byQuery.scoreDocs.length; i++) {
                                    assertThat(byTerms.scoreDocs[i].score).as("%s #%d", question, i)
                                            .isCloseTo(byQuery.scoreDocs[i].score, org.assertj.core.data.Percentage.withPercentage(1e-4));
                                }
                                assertThat(byTerms.totalHits.value()).as(question).isEqualTo(byQuery.totalHits.value());
                                compared++;
                                hits += byQuery.scoreDocs.length;
                            }
                        }
                    }
                }
                assertThat(compared).isGreaterThan(questions.size() * audiences.size());
                assertThat(hits).isGreaterThan(compared);
            } finally {
                searchers.release(searcher);
            }
        }
    }

    @Test
    void more_postings_than_allowed_leave_the_search_to_the_query() throws IOException {
        Path indexDir = work.resolve("index");
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            kb.index(ChunkCacheTest.CORPUS, IndexProgress.silent());
        }
        try (Directory dir = FSDirectory.open(indexDir);
             SearcherManager searchers = new SearcherManager(dir, SharedScorers.searcherFactory())) {
            IndexSearcher searcher = searchers.acquire();
            try {
                Map<Term, Float> weights = new QueryFactory().clauses("bảo hành máy lọc nước").full();
                TermLookups terms = new TermLookups(searcher, new SharedTermStates());
                VisibleChunks visible = new VisibleChunks();
                assertThat(terms.topByTerms(weights, reader -> visible.of(reader, Audience.anonymous()), 5, Integer.MAX_VALUE)).isNotNull();
                assertThat(terms.topByTerms(weights, reader -> visible.of(reader, Audience.anonymous()), 5, 1)).isNull();
            } finally {
                searchers.release(searcher);
            }
        }
    }

    private static List<Integer> docs(TopDocs top) {
        List<Integer> docs = new ArrayList<>();
        for (ScoreDoc hit : top.scoreDocs) docs.add(hit.doc);
        return docs;
    }
}
