package dev.tandem.kb.index;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;

import java.io.IOException;
import java.util.Map;

/**
 * The version of the index layout (fields, analysis, chunking), kept in each commit's user data. An
 * index written by another version is rebuilt from scratch rather than mixed with new documents:
 * Lucene refuses a field whose options changed, and old chunks would not match new queries.
 */
public final class IndexSchema {

    /** Bump with any change to fields, analyzers, loaders or chunking. */
    public static final String VERSION = "kb-10";

    private static final String KEY = "tandem.kb.schema";

    private IndexSchema() {}

    /**
     * How much the writer buffers before it flushes a segment. Lucene's default (16 MB) writes a
     * segment every few thousand chunks, and searches pay per segment (each query term is looked
     * up in each); a larger buffer gives a large corpus a few large segments and fewer merges.
     */
    public static final double RAM_BUFFER_MB = 128;

    /**
     * The writer settings of the index (the analyzed fields bring their own terms, see {@link
     * ChunkDocuments}). A flushed segment keeps its files as written: packing them into one compound
     * file copied every byte of each flush once more (a 90 MB copy for a 100,000-chunk corpus).
     * Merged segments follow the merge policy as before.
     */
    public static IndexWriterConfig writerConfig() {
        return new IndexWriterConfig(FieldAnalyzers.perField()).setRAMBufferSizeMB(RAM_BUFFER_MB).setUseCompoundFile(false);
    }

    /** Whether the directory holds an index of another layout (false for an empty directory). */
    public static boolean isOutdated(Directory directory) throws IOException {
        if (!DirectoryReader.indexExists(directory)) return false;
        return !VERSION.equals(SegmentInfos.readLatestCommit(directory).getUserData().get(KEY));
    }

    /** Marks the next commit of {@code writer} with this layout's version. */
    public static void stamp(IndexWriter writer) {
        writer.setLiveCommitData(Map.of(KEY, VERSION).entrySet());
    }
}
