package dev.tandem.kb.index;

import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.IndexReport;
import dev.tandem.kb.KnowledgeBase;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IndexSchemaTest {

    @TempDir
    Path indexDir;

    @Test
    void an_index_of_an_older_layout_is_rebuilt_instead_of_mixed() throws IOException {
        // given: an index written by an older layout, with a conflicting 'text' field
        try (FSDirectory dir = FSDirectory.open(indexDir);
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            Document old = new Document();
            old.add(new StringField("kind", "file", Field.Store.NO));
            old.add(new StringField("doc_path", "warranty/water-purifier.md", Field.Store.YES));
            old.add(new TextField("text", "old", Field.Store.NO));
            writer.addDocument(old);
            writer.setLiveCommitData(Map.of("tandem.kb.schema", "kb-0").entrySet());
            writer.commit();
        }
        // when
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            assertThat(kb.health().documents()).isZero();
            IndexReport report = kb.index(Path.of("src/test/resources/corpus"), IndexProgress.silent());
            // then
            assertThat(report.added()).isEqualTo(10);
            assertThat(report.skipped()).hasSize(1);
        }
    }
}
