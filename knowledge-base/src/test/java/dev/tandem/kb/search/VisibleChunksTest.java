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

    private static Query filtered(Query query, Query filter) {
        return new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
    }

    private static List<String> docsAndScores(TopDocs top) {
        return java.util.Arrays.stream(top.scoreDocs).map((ScoreDoc d) -> d.doc + ":" + d.score).toList();
    }
}
