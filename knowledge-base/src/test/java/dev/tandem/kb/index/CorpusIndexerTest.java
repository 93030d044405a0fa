package dev.tandem.kb.index;

import dev.tandem.kb.IndexReport;
import dev.tandem.kb.source.Chunker;
import dev.tandem.kb.source.DocumentLoaders;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run split into parts (one thread, writer and segment per share of the files) against the run on
 * one writer thread: the same documents in the same order, the same terms, postings and norms.
 */
class CorpusIndexerTest {

    @TempDir
    Path temp;
    Path corpus;

    @BeforeEach
    void copyCorpus() throws IOException {
        corpus = temp.resolve("corpus");
        Path source = IncrementalIndexIT.SOURCE;
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path from : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path to = corpus.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) Files.createDirectories(to);
                else Files.copy(from, to);
            }
        }
        Files.writeString(corpus.resolve("broken.pdf"), "not a pdf");
    }

    @Test
    void a_run_in_parts_writes_the_documents_of_a_run_in_order() throws IOException {
        // when: the same folder indexed in order and in three parts
        List<Integer> done = new ArrayList<>();
        Run inOrder = run(temp.resolve("in-order"), 1, (d, total, path) -> {});
        Run inParts = run(temp.resolve("in-parts"), 3, (d, total, path) -> done.add(d));
        // then: the same report, one segment per part, every file reported once, no part folder left
        assertThat(inParts.report.chunks()).isGreaterThan(100).isEqualTo(inOrder.report.chunks());
        assertThat(inParts.report.added()).isEqualTo(inOrder.report.added());
        assertThat(inParts.report.skipped()).hasSize(1).isEqualTo(inOrder.report.skipped());
        assertThat(segments(temp.resolve("in-order"))).isEqualTo(1);
        assertThat(segments(temp.resolve("in-parts"))).isEqualTo(3);
        assertThat(done).hasSize(inParts.report.documents() + 1).isSorted().doesNotHaveDuplicates();
        assertThat(leftovers(temp.resolve("in-parts"))).isEmpty();
        // and: the same documents, terms, postings, norms and stored fields
        assertThat(contents(temp.resolve("in-parts"))).isEqualTo(contents(temp.resolve("in-order")));
    }

    @Test
    void a_second_run_in_parts_replaces_removes_and_adds_as_a_run_in_order() throws IOException {
        // given: both indexes written once
        run(temp.resolve("in-order"), 1, (d, total, path) -> {});
        run(temp.resolve("in-parts"), 3, (d, total, path) -> {});
        List<Path> markdown = markdown();
        Files.writeString(markdown.getFirst(), Files.readString(markdown.getFirst()) + "\n\nzeppelinnew appears here now.\n");
        Files.delete(markdown.getLast());
        Files.writeString(corpus.resolve("new.md"), "# New\n\nquokkaword appears here.\n");
        // when
        Run inOrder = run(temp.resolve("in-order"), 1, (d, total, path) -> {});
        Run inParts = run(temp.resolve("in-parts"), 3, (d, total, path) -> {});
        // then
        assertThat(inParts.report).usingRecursiveComparison().ignoringFields("took").isEqualTo(inOrder.report);
        assertThat(inParts.report.updated()).isEqualTo(1);
        assertThat(inParts.report.added()).isEqualTo(1);
        assertThat(inParts.report.removed()).isEqualTo(1);
        assertThat(inParts.files).isEqualTo(inOrder.files);
        assertThat(contents(temp.resolve("in-parts"))).isEqualTo(contents(temp.resolve("in-order")));
    }

    @Test
    void a_failing_part_fails_the_run_and_leaves_the_writer_untouched() throws IOException {
        Path indexDir = temp.resolve("failing");
        try (FSDirectory directory = FSDirectory.open(indexDir);
             IndexWriter writer = new IndexWriter(directory, IndexSchema.writerConfig())) {
            CorpusIndexer indexer = new CorpusIndexer(new DocumentLoaders(), Chunker.defaults(), 3, 1);
            assertThatThrownBy(() -> indexer.update(writer, Map.of(), corpus, (d, total, path) -> {
                if (d == total / 2) throw new IllegalStateException("simulated crash");
            })).hasMessage("simulated crash");
            assertThat(writer.getDocStats().maxDoc).isZero();
        }
        assertThat(leftovers(indexDir)).isEmpty();
    }

    private record Run(IndexReport report, Map<String, IndexedFiles.Entry> files) {}

    private Run run(Path indexDir, int parts, dev.tandem.kb.IndexProgress progress) throws IOException {
        try (FSDirectory directory = FSDirectory.open(indexDir);
             IndexWriter writer = new IndexWriter(directory, IndexSchema.writerConfig())) {
            Map<String, IndexedFiles.Entry> indexed = Map.of();
            if (DirectoryReader.indexExists(directory)) {
                try (DirectoryReader reader = DirectoryReader.open(directory)) {
                    indexed = IndexedFiles.read(new IndexSearcher(reader));
                }
            }
            IndexReport report = new CorpusIndexer(new DocumentLoaders(), Chunker.defaults(), parts, 1)
                    .update(writer, indexed, corpus, progress);
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                return new Run(report, IndexedFiles.read(new IndexSearcher(reader)));
            }
        }
    }

    private List<Path> markdown() throws IOException {
        try (Stream<Path> walk = Files.walk(corpus)) {
            return walk.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    private static int segments(Path indexDir) throws IOException {
        try (FSDirectory directory = FSDirectory.open(indexDir); DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.leaves().size();
        }
    }

    private static List<Path> leftovers(Path indexDir) throws IOException {
        try (Stream<Path> entries = Files.list(indexDir)) {
            return entries.filter(Files::isDirectory).toList();
        }
    }

    /**
     * The live documents in index order, each as its stored fields and, per indexed field, its terms
     * with frequencies and its norm: what search and scoring read, whatever the segments.
     */
    private static List<String> contents(Path indexDir) throws IOException {
        List<String> all = new ArrayList<>();
        try (FSDirectory directory = FSDirectory.open(indexDir); DirectoryReader reader = DirectoryReader.open(directory)) {
            for (var leaf : reader.leaves()) {
                LeafReader segment = leaf.reader();
                FieldInfos fields = segment.getFieldInfos();
                List<List<String>> terms = new ArrayList<>();
                for (int doc = 0; doc < segment.maxDoc(); doc++) terms.add(new ArrayList<>());
                for (FieldInfo field : fields) {
                    if (field.getIndexOptions() == IndexOptions.NONE) continue;
                    Terms fieldTerms = segment.terms(field.name);
                    if (fieldTerms == null) continue;
                    TermsEnum each = fieldTerms.iterator();
                    PostingsEnum postings = null;
                    for (BytesRef term = each.next(); term != null; term = each.next()) {
                        postings = each.postings(postings, PostingsEnum.FREQS);
                        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                            terms.get(doc).add(field.name + ":" + term.utf8ToString() + "×" + postings.freq());
                        }
                    }
                    if (!field.omitsNorms()) {
                        NumericDocValues norms = segment.getNormValues(field.name);
                        for (int doc = norms.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = norms.nextDoc()) {
                            terms.get(doc).add(field.name + " norm " + norms.longValue());
                        }
                    }
                }
                StoredFields stored = segment.storedFields();
                var live = segment.getLiveDocs();
                for (int doc = 0; doc < segment.maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) continue;
                    Document document = stored.document(doc);
                    StringBuilder line = new StringBuilder();
                    for (IndexableField field : document.getFields()) {
                        line.append(field.name()).append('=').append(field.stringValue() != null ? field.stringValue() : field.numericValue()).append('|');
                    }
                    List<String> docTerms = terms.get(doc);
                    docTerms.sort(null);
                    all.add(line + " " + docTerms);
                }
            }
        }
        return all;
    }
}
