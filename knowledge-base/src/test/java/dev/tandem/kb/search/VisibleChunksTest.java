package dev.tandem.kb.search;

import dev.tandem.kb.Audience;
import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.index.IndexField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The kept audience sets match exactly the chunks {@link AudienceFilter}'s query matches, scores unchanged. */
class VisibleChunksTest {

    @TempDir
    Path indexDir;

    @Test
    void kept_filter_finds_the_same_chunks_with_the_same_scores_as_the_audience_query() throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            kb.index(ChunkCacheTest.CORPUS, IndexProgress.silent());
        }
        VisibleChunks visible = new VisibleChunks();
        List<Audience> audiences = List.of(Audience.anonymous(), Audience.parse("b2b"), Audience.account("acme"),
                Audience.account("globex"), Audience.account("nobody"));
        List<Query> queries = List.of(new MatchAllDocsQuery(),
                new TermQuery(new Term(IndexField.TEXT.fieldName(), "hop")),
                new TermQuery(new Term(IndexField.TEXT.fieldName(), "bao")),
                new TermQuery(new Term(IndexField.TEXT.fieldName(), "warranty")));
        try (Directory dir = FSDirectory.open(indexDir); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            int seen = 0;
            for (int round = 0; round < 2; round++) { // the second round reads the kept sets
                for (Audience audience : audiences) {
                    for (Query query : queries) {
                        TopDocs plain = searcher.search(filtered(query, AudienceFilter.of(audience)), 10_000);
                        TopDocs kept = searcher.search(filtered(query, visible.filter(audience)), 10_000);
                        assertThat(docsAndScores(kept)).as("%s %s", audience, query).isEqualTo(docsAndScores(plain));
                        assertThat(searcher.count(filtered(query, visible.filter(audience))))
                                .isEqualTo(searcher.count(filtered(query, AudienceFilter.of(audience))));
                        seen += plain.scoreDocs.length;
                    }
                }
            }
            assertThat(seen).isPositive();
            // the public sees fewer chunks than a business account, which sees its own contract
            assertThat(searcher.count(filtered(new MatchAllDocsQuery(), visible.filter(Audience.anonymous()))))
                    .isLessThan(searcher.count(filtered(new MatchAllDocsQuery(), visible.filter(Audience.account("acme")))));
        }
    }

    @TempDir
    Path corpusCopy;

    @Test
    void word_counts_from_postings_equal_lucene_counts_inside_the_audience_filter_with_deleted_chunks() throws IOException {
        copy(ChunkCacheTest.CORPUS, corpusCopy);
        List<List<Term>> termSets = List.of(
                List.of(new Term(IndexField.TEXT.fieldName(), "bao"), new Term(IndexField.TITLE.fieldName(), "bao")),
                List.of(new Term(IndexField.TEXT.fieldName(), "hop"), new Term(IndexField.HEADING_PATH.fieldName(), "dong"),
                        new Term(IndexField.STEMMED.fieldName(), "warranti")),
                List.of(new Term(IndexField.TEXT.fieldName(), "contract"), new Term(IndexField.TITLE.fieldName(), "contract")),
                List.of(new Term(IndexField.TEXT.fieldName(), "nosuchwordanywhere")));
        List<Audience> audiences = List.of(Audience.anonymous(), Audience.parse("b2b"), Audience.account("acme"),
                Audience.account("acc-phuongnam"), Audience.account("globex"));
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            kb.index(corpusCopy, IndexProgress.silent());
            // a changed corpus: the removed file's chunks stay in the segment as deleted documents
            try (var files = Files.walk(corpusCopy)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().limit(3).toList()) Files.delete(file);
            }
            kb.index(corpusCopy, IndexProgress.silent());
        }
        try (Directory dir = FSDirectory.open(indexDir); var searchers = new org.apache.lucene.search.SearcherManager(dir, null)) {
            PassageSearcher passages = new PassageSearcher(searchers);
            IndexSearcher searcher = searchers.acquire();
            try {
                assertThat(searcher.getIndexReader().hasDeletions()).isTrue();
                int counted = 0;
                for (Audience audience : audiences) {
                    for (List<Term> terms : termSets) {
                        BooleanQuery.Builder any = new BooleanQuery.Builder();
                        for (Term t : terms) any.add(new TermQuery(t), BooleanClause.Occur.SHOULD);
                        int expected = searcher.count(filtered(any.build(), AudienceFilter.of(audience)));
                        assertThat(passages.count(searcher, terms, audience)).as("%s %s", audience, terms).isEqualTo(expected);
                        assertThat(passages.count(searcher, terms, audience)).isEqualTo(expected); // from the kept set
                        counted += expected;
                    }
                }
                assertThat(counted).isPositive();
            } finally {
                searchers.release(searcher);
            }
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) Files.createDirectories(target);
                else Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** {@code query} inside {@code filter}: the shape of the search's filtered query. */
    static Query filtered(Query query, Query filter) {
        return new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
    }

    private static List<String> docsAndScores(TopDocs top) {
        return java.util.Arrays.stream(top.scoreDocs).map((ScoreDoc d) -> d.doc + ":" + d.score).toList();
    }
}
