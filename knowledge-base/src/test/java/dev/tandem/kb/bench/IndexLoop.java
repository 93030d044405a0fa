package dev.tandem.kb.bench;

import dev.tandem.kb.index.IndexSchema;
import dev.tandem.kb.source.Chunk;
import dev.tandem.kb.source.Chunker;
import dev.tandem.kb.source.DocumentLoaders;
import dev.tandem.kb.source.SourceDocument;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Profiling aid for indexing: loads and chunks the first FILES files of a generated corpus (from an
 * earlier {@code run-speed.sh}), then alternately indexes them in memory as raw Lucene
 * (StandardAnalyzer, 128 MB buffer) and as the knowledge base, ROUNDS times, printing the CPU time
 * of each (this thread inverts and flushes; one segment, no merges) and the ratio of the medians. Run under JFR to see where the knowledge base's indexing time goes.
 *
 * <p>Arguments: CORPUS_DIR FILES ROUNDS [kb-only]
 */
public final class IndexLoop {
    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int files = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        boolean kbOnly = args.length > 3 && args[3].equals("kb-only");
        DocumentLoaders loaders = new DocumentLoaders();
        Chunker chunker = Chunker.defaults();
        List<SourceDocument> sources = new ArrayList<>();
        List<List<Chunk>> chunks = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(corpus)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().limit(files).toList()) {
                SourceDocument source = loaders.load(file, corpus.relativize(file).toString());
                sources.add(source);
                chunks.add(chunker.chunk(source));
            }
        }
        long chunkCount = chunks.stream().mapToLong(List::size).sum();
        List<Double> raw = new ArrayList<>();
        List<Double> kb = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            if (!kbOnly) {
                long t0 = cpu();
                try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
                     IndexWriter writer = new IndexWriter(dir, SpeedBench.rawSameBuffer())) {
                    SpeedBench.addRaw(writer, sources, chunks);
                }
                raw.add(chunkCount / ((cpu() - t0) / 1e9));
            }
            long t0 = cpu();
            try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
                 IndexWriter writer = new IndexWriter(dir, IndexSchema.writerConfig())) {
                SpeedBench.addKb(writer, sources, chunks);
            }
            kb.add(chunkCount / ((cpu() - t0) / 1e9));
            System.out.printf("round %d: raw %.0f chunks per CPU-second, kb %.0f chunks per CPU-second%n", r, raw.isEmpty() ? 0 : raw.getLast(), kb.getLast());
        }
        double rawMedian = median(raw);
        double kbMedian = median(kb);
        System.out.printf("%d chunks; median raw %.0f, kb %.0f chunks per CPU-second, ratio %.2f%n", chunkCount, rawMedian, kbMedian, kbMedian / rawMedian);
    }

    /** CPU time of this thread (which also flushes at commit): moves less than wall time on a shared machine. */
    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) return Double.NaN;
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
