package dev.tandem.kb.index;

import dev.tandem.kb.source.Chunk;
import dev.tandem.kb.source.Chunker;
import dev.tandem.kb.source.DocumentLoaders;
import dev.tandem.kb.source.SourceDocument;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkDocumentsTest {

    /** One file's documents, from its loaded source and chunks. */
    private interface Builder {
        List<Document> build(SourceDocument source, List<Chunk> chunks, String hash);
    }

    @Test
    void prepared_documents_index_exactly_as_documents_made_for_the_writers_thread() throws IOException {
        // given: the demo knowledge, loaded and chunked once
        Path corpus = Path.of("../demo/knowledge");
        DocumentLoaders loaders = new DocumentLoaders();
        List<SourceDocument> sources = new ArrayList<>();
        List<List<Chunk>> chunks = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(corpus)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(loaders::isDocument).sorted().toList()) {
                SourceDocument source = loaders.load(file, corpus.relativize(file).toString());
                sources.add(source);
                chunks.add(Chunker.defaults().chunk(source));
            }
        }
        // when: indexed once with each way of building the documents
        try (Directory lazy = index(sources, chunks, ChunkDocuments::of);
             Directory packed = index(sources, chunks, ChunkDocuments::prepared);
             DirectoryReader a = DirectoryReader.open(lazy);
             DirectoryReader b = DirectoryReader.open(packed)) {
            // then: every field's terms, postings, frequencies and norms are the same
            LeafReader left = a.leaves().getFirst().reader();
            LeafReader right = b.leaves().getFirst().reader();
            assertThat(left.maxDoc()).isGreaterThan(100).isEqualTo(right.maxDoc());
            int compared = 0;
            for (FieldInfo field : left.getFieldInfos()) {
                if (field.getIndexOptions() == IndexOptions.NONE) continue;
                assertThat(terms(right, field.name)).as(field.name).isEqualTo(terms(left, field.name));
                if (!field.omitsNorms()) assertThat(norms(right, field.name)).as(field.name).isEqualTo(norms(left, field.name));
                compared++;
            }
            assertThat(compared).isGreaterThanOrEqualTo(9);
        }
    }

    private static Directory index(List<SourceDocument> sources, List<List<Chunk>> chunks, Builder builder) throws IOException {
        Directory dir = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(dir, IndexSchema.writerConfig())) {
            for (int i = 0; i < sources.size(); i++) writer.addDocuments(builder.build(sources.get(i), chunks.get(i), "h" + i));
            writer.forceMerge(1);
        }
        return dir;
    }

    /** Each term of the field with its postings: "term doc:freq doc:freq …". */
    private static List<String> terms(LeafReader reader, String field) throws IOException {
        List<String> all = new ArrayList<>();
        Terms terms = reader.terms(field);
        TermsEnum each = terms.iterator();
        PostingsEnum postings = null;
        for (BytesRef term = each.next(); term != null; term = each.next()) {
            StringBuilder line = new StringBuilder(term.utf8ToString());
            postings = each.postings(postings, PostingsEnum.FREQS);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                line.append(' ').append(doc).append(':').append(postings.freq());
            }
            all.add(line.toString());
        }
        return all;
    }

    private static List<Long> norms(LeafReader reader, String field) throws IOException {
        List<Long> all = new ArrayList<>();
        NumericDocValues norms = reader.getNormValues(field);
        for (int doc = norms.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = norms.nextDoc()) all.add((long) doc << 32 | norms.longValue());
        return all;
    }
}
