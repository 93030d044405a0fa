package dev.tandem.kb.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.kb.Audience;
import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.Passage;
import dev.tandem.kb.analysis.Words;
import dev.tandem.kb.index.IndexField;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chunks a search keeps ({@link ChunkCache}) give the passages a search without them gives: the
 * stored fields as stored, and the confidence and snippet that the text-based definitions
 * ({@link ConfidenceEstimator#confidence}, {@link SnippetMaker#snippet(String, List, ConfidenceEstimator.QueryProfile)})
 * compute from them — for a chunk read the first time (plain scan) and again (through its word index).
 */
class ChunkCacheTest {

    /** The demo corpus and its development questions when the module is built inside the project, else the test corpus. */
    static final Path CORPUS = Files.isDirectory(Path.of("../demo/knowledge")) ? Path.of("../demo/knowledge") : Path.of("src/test/resources/corpus");
    static final Path QUESTIONS = Files.isRegularFile(Path.of("../demo/eval/dev-questions.jsonl"))
            ? Path.of("../demo/eval/dev-questions.jsonl") : Path.of("src/test/resources/questions.jsonl");

    /** The text of every question in {@link #QUESTIONS}, in order. */
    static List<String> questions() throws IOException {
        List<String> questions = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(QUESTIONS)) if (!line.isBlank()) questions.add(json.readTree(line).path("question").asText());
        assertThat(questions).hasSizeGreaterThan(3);
        return questions;
    }

    @TempDir
    Path indexDir;

    @Test
    void passages_from_kept_chunks_equal_those_computed_from_the_stored_text() throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            kb.index(CORPUS, IndexProgress.silent());
        }
        List<String> questions = questions();

        ConfidenceEstimator estimator = new ConfidenceEstimator();
        try (Directory dir = FSDirectory.open(indexDir); SearcherManager searchers = new SearcherManager(dir, null)) {
            PassageSearcher passages = new PassageSearcher(searchers);
            IndexSearcher searcher = searchers.acquire();
            try {
                java.util.Map<String, Document> byId = chunksById(searcher);
                int compared = 0;
                // twice over: the first round reads most chunks for the first time, the second finds them kept
                for (int round = 0; round < 2; round++) {
                    for (String question : questions) {
                        for (Audience audience : List.of(Audience.anonymous(), Audience.account("acme"))) {
                            var profile = estimator.profile(searcher, question);
                            for (Passage p : passages.search(question, audience, 10)) {
                                Document stored = byId.get(p.chunkId());
                                String title = stored.get(IndexField.TITLE.fieldName());
                                String heading = stored.get(IndexField.HEADING_PATH.fieldName());
                                String text = stored.get(IndexField.TEXT.fieldName());
                                assertThat(p).as("%s: %s", question, p.chunkId()).isEqualTo(new Passage(
                                        stored.get(IndexField.CHUNK_ID.fieldName()), stored.get(IndexField.DOC_PATH.fieldName()),
                                        title, heading, text, SnippetMaker.snippet(text, Words.of(text), profile),
                                        stored.get(IndexField.URL.fieldName()), stored.get(IndexField.LANG.fieldName()),
                                        stored.get(IndexField.AUDIENCE.fieldName()), stored.get(IndexField.CONTENT_HASH.fieldName()),
                                        p.score(), estimator.confidence(profile, title, heading, text)));
                                compared++;
                            }
                        }
                    }
                }
                assertThat(compared).isGreaterThan(questions.size());
            } finally {
                searchers.release(searcher);
            }
        }
    }

    /** Every chunk's stored fields by chunk id (ids are stored, not indexed). */
    private static java.util.Map<String, Document> chunksById(IndexSearcher searcher) throws IOException {
        java.util.Map<String, Document> byId = new java.util.HashMap<>();
        var stored = searcher.storedFields();
        for (int doc = 0; doc < searcher.getIndexReader().maxDoc(); doc++) {
            Document d = stored.document(doc);
            String id = d.get(IndexField.CHUNK_ID.fieldName());
            if (id != null) byId.put(id, d);
        }
        return byId;
    }
}
