package dev.tandem.kb.hybrid;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.tandem.kb.Audience;
import dev.tandem.kb.index.IndexField;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Every chunk of a knowledge-base index with its embedding, searched by cosine similarity. The
 * audience filter comes first: a chunk the reader may not see is never scored, as in the BM25 path.
 */
final class ChunkVectors {

    /** One indexed chunk: what the index stores for it, and its unit-length embedding. */
    record Chunk(String chunkId, String docPath, String audience, String text, float[] vector) {}

    /** A chunk and its cosine similarity to a query. */
    record Scored(Chunk chunk, double similarity) {}

    private final List<Chunk> chunks;

    private ChunkVectors(List<Chunk> chunks) {
        this.chunks = chunks;
    }

    /** Chunks whose vectors are already computed (unit length). */
    static ChunkVectors of(List<Chunk> chunks) {
        return new ChunkVectors(List.copyOf(chunks));
    }

    int size() {
        return chunks.size();
    }

    List<Chunk> chunks() {
        return chunks;
    }

    /**
     * Reads the chunks of the committed index in {@code indexDir} (a reader next to the knowledge
     * base's writer) and embeds title, headings and body of each in one batch.
     */
    static ChunkVectors embed(Path indexDir, EmbeddingModel model) throws IOException {
        List<Chunk> stored = read(indexDir);
        List<TextSegment> segments = stored.stream().map(c -> TextSegment.from(c.text())).toList();
        List<float[]> vectors = model.embedAll(segments).content().stream().map(e -> unit(e.vector())).toList();
        List<Chunk> chunks = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            Chunk c = stored.get(i);
            chunks.add(new Chunk(c.chunkId(), c.docPath(), c.audience(), c.text(), vectors.get(i)));
        }
        return of(chunks);
    }

    /** The text that is embedded for a chunk: what a reader sees of it, title and headings first. */
    static String embeddedText(String title, String headingPath, String text) {
        StringBuilder sb = new StringBuilder(title == null ? "" : title);
        if (headingPath != null && !headingPath.isBlank()) sb.append('\n').append(headingPath);
        return sb.append('\n').append(text).toString();
    }

    private static List<Chunk> read(Path indexDir) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        try (Directory directory = FSDirectory.open(indexDir); DirectoryReader reader = DirectoryReader.open(directory)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader r = leaf.reader();
                Bits live = r.getLiveDocs();
                StoredFields fields = r.storedFields();
                for (int doc = 0; doc < r.maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) continue;
                    Document d = fields.document(doc);
                    String chunkId = d.get(IndexField.CHUNK_ID.fieldName());
                    if (chunkId == null) continue; // a file record or the schema stamp
                    String text = embeddedText(d.get(IndexField.TITLE.fieldName()),
                            d.get(IndexField.HEADING_PATH.fieldName()), d.get(IndexField.TEXT.fieldName()));
                    chunks.add(new Chunk(chunkId, d.get(IndexField.DOC_PATH.fieldName()),
                            d.get(IndexField.AUDIENCE.fieldName()), text, null));
                }
            }
        }
        chunks.sort(Comparator.comparing(Chunk::chunkId)); // a stable order, whatever the segment layout
        return chunks;
    }

    /** The {@code n} chunks {@code audience} may see that are most similar to {@code query} (unit length). */
    List<Scored> nearest(float[] query, Audience audience, int n) {
        Set<String> visible = Set.copyOf(audience.visibleAudiences());
        return chunks.stream()
                .filter(c -> visible.contains(c.audience()))
                .map(c -> new Scored(c, dot(query, c.vector())))
                .sorted(Comparator.comparingDouble(Scored::similarity).reversed().thenComparing(s -> s.chunk().chunkId()))
                .limit(n)
                .toList();
    }

    static float[] unit(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) u[i] = (float) (v[i] / norm);
        return u;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
        return sum;
    }
}
