package dev.tandem.kb.bench;

import dev.tandem.kb.Audience;
import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.IndexReport;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.eval.Question;
import dev.tandem.kb.eval.QuestionSet;
import dev.tandem.kb.index.ChunkDocuments;
import dev.tandem.kb.index.IndexSchema;
import dev.tandem.kb.source.Chunk;
import dev.tandem.kb.source.Chunker;
import dev.tandem.kb.source.DocumentLoaders;
import dev.tandem.kb.source.SourceDocument;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Speed benchmark (not a test): generates a corpus of at least 100,000 chunks from the sentences and
 * headings of the demo knowledge, then measures indexing throughput, index size, heap and search
 * latency of the knowledge base against raw Lucene (IndexSearcher + StandardAnalyzer, one field) on
 * the same chunk texts in the same JVM.
 *
 * <p>Run: bench/kb/run-speed.sh (arguments: DEMO_CORPUS QUESTIONS WORK_DIR [DOCS])
 */
public final class SpeedBench {

    private static final String DEFAULT_SETTINGS = "default writer settings";
    private static final String SAME_BUFFER = "same RAM buffer as the knowledge base";

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--search-only")) {
            // re-time searches on the indexes of an earlier run (same layout), e.g. after a search change
            Path work = Path.of(args[2]);
            stampLayout(work.resolve("kb-index"));
            List<RawIndex> raws = new ArrayList<>();
            // runs before this change had one raw index, written with the default settings
            if (Files.isDirectory(work.resolve("raw-index-default"))) raws.add(new RawIndex(work.resolve("raw-index-default"), DEFAULT_SETTINGS));
            raws.add(new RawIndex(work.resolve("raw-index"), raws.isEmpty() ? "as written by that run" : SAME_BUFFER));
            timeSearches(QuestionSet.read(Path.of(args[1])), raws, work.resolve("kb-index"));
            return;
        }
        Path demo = Path.of(args[0]);
        List<Question> questions = QuestionSet.read(Path.of(args[1]));
        Path work = Path.of(args[2]);
        int docs = args.length > 3 ? Integer.parseInt(args[3]) : 13_000;
        Path corpus = work.resolve("corpus");
        deleteRecursively(work);
        Files.createDirectories(corpus);

        long t0 = System.nanoTime();
        new CorpusGenerator(demo, new Random(42)).write(corpus, docs);
        System.out.printf("generated %d documents in %.1f s%n", docs, seconds(t0));

        // Load and chunk once (not timed) so both indexers see identical chunk texts.
        DocumentLoaders loaders = new DocumentLoaders();
        Chunker chunker = Chunker.defaults();
        List<SourceDocument> sources = new ArrayList<>();
        List<List<Chunk>> chunks = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(corpus)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                SourceDocument source = loaders.load(file, corpus.relativize(file).toString());
                sources.add(source);
                chunks.add(chunker.chunk(source));
            }
        }
        long chunkCount = chunks.stream().mapToLong(List::size).sum();
        System.out.printf("chunks: %d%n", chunkCount);
        warmUp(sources, chunks);

        // 1. raw Lucene: StandardAnalyzer, one text field plus the path, in-memory chunk texts; once
        // with Lucene's default writer settings (the earlier runs' baseline) and once with the
        // knowledge base's RAM buffer, so the ratio compares analysis and fields, not settings.
        Path rawDefaultDir = work.resolve("raw-index-default");
        t0 = System.nanoTime();
        indexRaw(rawDefaultDir, new IndexWriterConfig(new StandardAnalyzer()), sources, chunks);
        double rawDefaultSeconds = seconds(t0);
        // the same with two threads adding documents (IndexWriter is concurrent): the floor to hold
        // `kb index` against, since it prepares files on one thread while it writes on another
        Path rawTwoDir = work.resolve("raw-index-two-threads");
        t0 = System.nanoTime();
        try (FSDirectory directory = FSDirectory.open(rawTwoDir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            addRawOnTwoThreads(writer, sources, chunks);
        }
        double rawTwoSeconds = seconds(t0);
        Path rawDir = work.resolve("raw-index");
        t0 = System.nanoTime();
        indexRaw(rawDir, rawSameBuffer(), sources, chunks);
        double rawIndexSeconds = seconds(t0);

        // 2. the knowledge base's documents from the same in-memory chunks
        Path kbMemDir = work.resolve("kb-index-mem");
        t0 = System.nanoTime();
        try (FSDirectory dir = FSDirectory.open(kbMemDir);
             IndexWriter writer = new IndexWriter(dir, IndexSchema.writerConfig())) {
            addKb(writer, sources, chunks);
        }
        double kbMemSeconds = seconds(t0);
        // the same on two threads, each adding every other file, as raw Lucene's two-thread line
        Path kbMemTwoDir = work.resolve("kb-index-mem-two-threads");
        t0 = System.nanoTime();
        try (FSDirectory dir = FSDirectory.open(kbMemTwoDir);
             IndexWriter writer = new IndexWriter(dir, IndexSchema.writerConfig())) {
            List<SourceDocument> kbSources = sources;
            List<List<Chunk>> kbChunks = chunks;
            onTwoThreads(sources.size(), i -> writer.addDocuments(ChunkDocuments.of(kbSources.get(i), kbChunks.get(i), "h" + i)));
            writer.commit();
        }
        double kbMemTwoSeconds = seconds(t0);
        sources = null;
        chunks = null;

        // 3. the knowledge base end to end: read files, parse, chunk, index, commit
        Path kbDir = work.resolve("kb-index");
        IndexReport report;
        t0 = System.nanoTime();
        try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
            report = kb.index(corpus, IndexProgress.silent());
        }
        double kbFileSeconds = seconds(t0);

        System.out.printf("indexing raw Lucene (memory, default 16 MB buffer): %8.0f chunks/s (%.1f s)%n", chunkCount / rawDefaultSeconds, rawDefaultSeconds);
        System.out.printf("indexing raw Lucene (memory, %.0f MB buffer):      %8.0f chunks/s (%.1f s)%n", IndexSchema.RAM_BUFFER_MB, chunkCount / rawIndexSeconds, rawIndexSeconds);
        System.out.printf("indexing knowledge base (memory, %.0f MB buffer):  %8.0f chunks/s (%.1f s)  ratio %.2f to raw (same buffer), %.2f to raw (default)%n",
                IndexSchema.RAM_BUFFER_MB, chunkCount / kbMemSeconds, kbMemSeconds, rawIndexSeconds / kbMemSeconds, rawDefaultSeconds / kbMemSeconds);
        System.out.printf("indexing knowledge base (files):     %8.0f chunks/s (%.1f s, %d chunks)%n", report.chunks() / kbFileSeconds, kbFileSeconds, report.chunks());
        System.out.printf("indexing knowledge base (memory, %.0f MB buffer, 2 threads): %8.0f chunks/s (%.1f s); against raw Lucene on 2 threads: %.2f%n",
                IndexSchema.RAM_BUFFER_MB, chunkCount / kbMemTwoSeconds, kbMemTwoSeconds, rawTwoSeconds / kbMemTwoSeconds);
        System.out.printf("indexing raw Lucene (memory, default buffer, 2 threads): %8.0f chunks/s (%.1f s); knowledge base from files against it: %.2f (against 1 thread: %.2f)%n",
                chunkCount / rawTwoSeconds, rawTwoSeconds, rawTwoSeconds / kbFileSeconds * report.chunks() / chunkCount,
                rawDefaultSeconds / kbFileSeconds * report.chunks() / chunkCount);
        System.out.printf("index size raw: %.1f MB (%d segments; default settings: %.1f MB, %d segments), knowledge base: %.1f MB (%d segments)%n",
                size(rawDir) / 1e6, segments(rawDir), size(rawDefaultDir) / 1e6, segments(rawDefaultDir), size(kbDir) / 1e6, segments(kbDir));

        timeSearches(questions, List.of(new RawIndex(rawDefaultDir, DEFAULT_SETTINGS), new RawIndex(rawDir, SAME_BUFFER)), kbDir);
    }

    /**
     * Indexes the first quarter of the files twice each way, raw Lucene and the knowledge base, in
     * memory and untimed, so that both timed runs below start with compiled code. Without it, raw
     * Lucene's line with the knowledge base's buffer ran third, its code compiled by the two raw
     * runs before it, while the knowledge base's first line ran cold: that ordering, not the code,
     * moved the ratio by a third between runs.
     */
    private static void warmUp(List<SourceDocument> sources, List<List<Chunk>> chunks) throws IOException {
        long t0 = System.nanoTime();
        int files = sources.size() / 4;
        List<SourceDocument> someSources = sources.subList(0, files);
        List<List<Chunk>> someChunks = chunks.subList(0, files);
        for (int round = 0; round < 2; round++) {
            try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
                 IndexWriter writer = new IndexWriter(dir, rawSameBuffer())) {
                addRaw(writer, someSources, someChunks);
            }
            try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
                 IndexWriter writer = new IndexWriter(dir, IndexSchema.writerConfig())) {
                addKb(writer, someSources, someChunks);
            }
        }
        System.out.printf("warm-up: the first %d files indexed twice each way, raw and knowledge base, in memory (%.1f s, untimed)%n", files, seconds(t0));
    }

    private static void indexRaw(Path dir, IndexWriterConfig config, List<SourceDocument> sources, List<List<Chunk>> chunks) throws IOException {
        try (FSDirectory directory = FSDirectory.open(dir); IndexWriter writer = new IndexWriter(directory, config)) {
            addRaw(writer, sources, chunks);
        }
    }

    /** The raw baseline's documents (path and body, StandardAnalyzer) added and committed. */
    static void addRaw(IndexWriter writer, List<SourceDocument> sources, List<List<Chunk>> chunks) throws IOException {
        for (int i = 0; i < sources.size(); i++) {
            for (Chunk chunk : chunks.get(i)) {
                writer.addDocument(rawDocument(sources.get(i).path(), chunk.text()));
            }
        }
        writer.commit();
    }

    /** Raw Lucene's writer settings with the knowledge base's RAM buffer: the ratio then compares analysis and fields. */
    static IndexWriterConfig rawSameBuffer() {
        return new IndexWriterConfig(new StandardAnalyzer()).setRAMBufferSizeMB(IndexSchema.RAM_BUFFER_MB);
    }

    /** The knowledge base's documents of the same chunks ({@link ChunkDocuments#of}, one file after another), added and committed. */
    static void addKb(IndexWriter writer, List<SourceDocument> sources, List<List<Chunk>> chunks) throws IOException {
        for (int i = 0; i < sources.size(); i++) writer.addDocuments(ChunkDocuments.of(sources.get(i), chunks.get(i), "h" + i));
        writer.commit();
    }

    /** One raw baseline document: the path and the chunk's text, StandardAnalyzer. */
    private static Document rawDocument(String path, String text) {
        Document doc = new Document();
        doc.add(new StringField("path", path, Field.Store.YES));
        doc.add(new TextField("body", text, Field.Store.YES));
        return doc;
    }

    /** {@link #addRaw}'s documents added by two threads, each taking every other source, then committed. */
    private static void addRawOnTwoThreads(IndexWriter writer, List<SourceDocument> sources, List<List<Chunk>> chunks) throws IOException {
        onTwoThreads(sources.size(), i -> {
            for (Chunk chunk : chunks.get(i)) {
                writer.addDocument(rawDocument(sources.get(i).path(), chunk.text()));
            }
        });
        writer.commit();
    }

    /** Runs {@code add} for files 0 … files-1 on two threads, each taking every other file. */
    private static void onTwoThreads(int files, Op add) throws IOException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 2; t++) {
            int first = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = first; i < files; i += 2) add.run(i);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (!failures.isEmpty()) throw new IOException("indexing on two threads failed", failures.getFirst());
    }

    private static int segments(Path dir) throws IOException {
        try (FSDirectory directory = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.leaves().size();
        }
    }

    private static void stampLayout(Path kbDir) throws IOException {
        try (FSDirectory dir = FSDirectory.open(kbDir);
             IndexWriter writer = new IndexWriter(dir, IndexSchema.writerConfig())) {
            IndexSchema.stamp(writer);
            writer.commit();
        }
    }

    /** A raw Lucene index to compare with, and how it was written. */
    record RawIndex(Path dir, String settings) {}

    private static void timeSearches(List<Question> questions, List<RawIndex> raws, Path kbDir) throws IOException {
        List<String> texts = questions.stream().map(Question::question).toList();
        List<Audience> audiences = List.of(Audience.anonymous(), Audience.parse("b2b"), Audience.account("acc-1"));
        int rounds = 3000;
        List<long[]> rawTimes = new ArrayList<>();
        List<long[]> rawFastest = new ArrayList<>();
        for (RawIndex rawIndex : raws) {
            try (FSDirectory dir = FSDirectory.open(rawIndex.dir()); DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                QueryBuilder builder = new QueryBuilder(new StandardAnalyzer());
                Op search = i -> {
                    Query q = builder.createBooleanQuery("body", texts.get(i % texts.size()));
                    if (q == null) return;
                    var top = searcher.search(q, 5);
                    for (var hit : top.scoreDocs) searcher.storedFields().document(hit.doc);
                };
                long[] raw = time(rounds, search);
                String name = "raw Lucene search (top 5, stored fields; " + rawIndex.settings() + ", " + reader.leaves().size() + " segments)";
                report(name, raw);
                rawTimes.add(raw);
                long[] fastest = fastestPerKey(texts.size(), search);
                report(name + ", fastest of " + REPEATS + " per question", fastest);
                rawFastest.add(fastest);
            }
        }
        System.gc();
        long heapBefore = usedHeap();
        try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
            long[] ours = time(rounds, i -> kb.search(texts.get(i % texts.size()), audiences.get(i % audiences.size()), 5));
            report("knowledge base search (top 5, audience filter, snippets, confidence)", ours);
            for (int r = 0; r < raws.size(); r++) printRatio("", raws.get(r), ours, rawTimes.get(r));
            // each (question, audience) pair's fastest search: the code's own latency per question, without the
            // preemptions and pauses that set the p99 of one timed loop on a shared machine (the lines above stay
            // the benchmark's figures; these say how much of their tail is the code)
            long[] oursFastest = fastestPerKey(texts.size() * audiences.size(),
                    i -> kb.search(texts.get(i % texts.size()), audiences.get(i / texts.size()), 5));
            report("knowledge base search, fastest of " + REPEATS + " per (question, audience)", oursFastest);
            for (int r = 0; r < raws.size(); r++) printRatio("fastest per question, ", raws.get(r), oursFastest, rawFastest.get(r));
            System.gc();
            System.out.printf("heap used with the knowledge base open: %.1f MB (before open: %.1f MB); max heap %.0f MB%n",
                    usedHeap() / 1e6, heapBefore / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        }
        System.out.printf("cpus: %d, java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    }

    interface Op {
        void run(int i) throws IOException;
    }

    /** The median of sorted timings (the benchmarks' p50). */
    static long p50(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    /** The 99th percentile of sorted timings, as every benchmark here reads it. */
    static long p99(long[] sorted) {
        return sorted[(int) (sorted.length * 0.99)];
    }

    private static void printRatio(String kind, RawIndex raw, long[] ours, long[] theirs) {
        System.out.printf("ratio knowledge base / raw (%s%s): p50 %.2f, p99 %.2f%n", kind, raw.settings(),
                (double) p50(ours) / p50(theirs), (double) p99(ours) / p99(theirs));
    }

    /** Timings per key in {@link #fastestPerKey}. */
    private static final int REPEATS = 7;

    /**
     * The fastest of {@link #REPEATS} timings of {@code op} for each key 0 … keys-1, sorted; the keys are
     * visited in turn, {@code REPEATS} passes over all of them, so no key is timed twice in a row.
     */
    private static long[] fastestPerKey(int keys, Op op) throws IOException {
        long[] fastest = new long[keys];
        Arrays.fill(fastest, Long.MAX_VALUE);
        for (int pass = 0; pass < REPEATS; pass++) {
            for (int k = 0; k < keys; k++) {
                long t = System.nanoTime();
                op.run(k);
                fastest[k] = Math.min(fastest[k], System.nanoTime() - t);
            }
        }
        Arrays.sort(fastest);
        return fastest;
    }

    /**
     * Untimed searches before each timed loop, raw and knowledge base alike (property {@code
     * bench.searchWarmUp}): three times the timed rounds. Half of them (the earlier warm-up) left
     * the knowledge base's larger search path still being compiled while its loop was timed: its
     * p99 read 2.45 / 3.70 ms after 1,500 and 2.18 / 1.82 after 9,000, raw's 1.31–1.58 either way.
     */
    private static final int WARM_UP_SEARCHES = Integer.getInteger("bench.searchWarmUp", 9000);

    private static long[] time(int rounds, Op op) throws IOException {
        for (int i = 0; i < WARM_UP_SEARCHES; i++) op.run(i);
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            op.run(i + 7);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void report(String name, long[] sorted) {
        System.out.printf("%s: p50 %.2f ms, p99 %.2f ms, mean %.2f ms%n", name,
                p50(sorted) / 1e6, p99(sorted) / 1e6,
                Arrays.stream(sorted).average().orElse(0) / 1e6);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Writes Markdown documents made of the demo knowledge's own headings and sentences, reshuffled. */
    static final class CorpusGenerator {
        private final List<String> headings = new ArrayList<>();
        private final List<String> sentences = new ArrayList<>();
        private final Random random;

        CorpusGenerator(Path demo, Random random) throws IOException {
            this.random = random;
            try (Stream<Path> walk = Files.walk(demo)) {
                for (Path file : walk.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                    boolean frontMatter = false;
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        String l = line.strip();
                        if (l.equals("---")) { frontMatter = !frontMatter; continue; }
                        if (frontMatter || l.isEmpty() || l.startsWith("|")) continue;
                        if (l.startsWith("#")) headings.add(l.replaceAll("^#+\\s*", ""));
                        else for (String s : l.split("(?<=[.!?])\\s+")) if (s.length() > 20) sentences.add(s);
                    }
                }
            }
        }

        void write(Path corpus, int docs) throws IOException {
            for (int d = 0; d < docs; d++) {
                Path dir = corpus.resolve("d" + (d / 500));
                Files.createDirectories(dir);
                StringBuilder md = new StringBuilder("---\n");
                md.append("title: ").append(pick(headings)).append(" ").append(d).append('\n');
                int a = random.nextInt(10);
                md.append("audience: ").append(a < 8 ? "public" : a == 8 ? "b2b" : "account:acc-" + random.nextInt(50)).append("\n---\n\n");
                for (int s = 0; s < 8; s++) {
                    md.append("## ").append(pick(headings)).append("\n\n");
                    int length = 0;
                    while (length < 600) {
                        String sentence = pick(sentences);
                        md.append(sentence).append(' ');
                        length += sentence.length() + 1;
                    }
                    md.append("\n\n");
                }
                Files.writeString(dir.resolve("doc-" + d + ".md"), md.toString());
            }
        }

        private String pick(List<String> list) {
            return list.get(random.nextInt(list.size()));
        }
    }
}
