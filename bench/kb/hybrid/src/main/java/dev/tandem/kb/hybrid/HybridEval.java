package dev.tandem.kb.hybrid;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.tandem.kb.Audience;
import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.IndexReport;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.eval.EvalReport;
import dev.tandem.kb.eval.Evaluator;
import dev.tandem.kb.eval.KnowledgeBaseRanker;
import dev.tandem.kb.eval.MetricsSummary;
import dev.tandem.kb.eval.Question;
import dev.tandem.kb.eval.QuestionSet;
import dev.tandem.kb.eval.Ranker;
import dev.tandem.kb.source.LanguageDetector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Does an in-process embedding model fused with BM25 find better passages than BM25 alone?
 *
 * <p>{@code quality CORPUS QUESTIONS...}: indexes the corpus with the shipped {@link KnowledgeBase},
 * embeds every chunk with all-MiniLM-L6-v2 (quantized, ONNX, in process), and evaluates each question
 * set with the project's {@link Evaluator} for every mode side by side.
 *
 * <p>{@code cost CORPUS QUESTIONS...}: model load time, embedding time per chunk and per question,
 * vector search and fusion time per question next to the BM25 search of the same run, heap and RSS.
 * Run it under the benchmark lock.
 */
public final class HybridEval {

    private HybridEval() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || !Set.of("quality", "cost").contains(args[0])) {
            System.err.println("usage: HybridEval quality|cost CORPUS_DIR QUESTIONS.jsonl...");
            System.exit(2);
        }
        Path corpus = Path.of(args[1]);
        List<Path> questionFiles = Arrays.stream(args, 2, args.length).map(Path::of).toList();
        Path indexDir = Files.createTempDirectory("kb-hybrid");
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            IndexReport report = kb.index(corpus, IndexProgress.silent());
            System.out.printf("indexed %d documents, %d chunks, %d skipped%n", report.documents(), report.chunks(), report.skipped().size());
            Memory before = Memory.now();
            long t0 = System.nanoTime();
            EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
            long t1 = System.nanoTime();
            ChunkVectors vectors = ChunkVectors.embed(indexDir, model);
            long t2 = System.nanoTime();
            Memory after = Memory.now();
            System.out.printf("model load %.0f ms; %d chunks embedded in one batch (%d cores) in %.1f s = %.1f ms per chunk%n",
                    ms(t1 - t0), vectors.size(), Runtime.getRuntime().availableProcessors(), ms(t2 - t1) / 1000, ms(t2 - t1) / vectors.size());
            System.out.printf("heap used after GC: %.0f MB before the model, %.0f MB with model and vectors (+%.0f MB); RSS %.0f MB -> %.0f MB (+%.0f MB)%n",
                    before.heapMb(), after.heapMb(), after.heapMb() - before.heapMb(), before.rssMb(), after.rssMb(), after.rssMb() - before.rssMb());
            if (args[0].equals("quality")) {
                quality(kb, vectors, model, questionFiles);
            } else {
                cost(kb, vectors, model, questionFiles);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(indexDir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static void quality(KnowledgeBase kb, ChunkVectors vectors, EmbeddingModel model, List<Path> questionFiles) throws IOException {
        HybridRankers rankers = new HybridRankers(kb, vectors, new QueryEmbeddings(model));
        for (Path file : questionFiles) {
            List<Question> set = QuestionSet.read(file);
            Set<String> english = new LinkedHashSet<>();
            for (Question q : set) if ("en".equals(q.lang())) english.add(q.question());
            Predicate<String> all = q -> true;
            Predicate<String> labelledEnglish = english::contains;
            // the project's detector: it also reads Vietnamese typed without marks as English
            Predicate<String> detectedEnglish = q -> LanguageDetector.detect(q).equals("en");
            Map<String, Ranker> modes = new LinkedHashMap<>();
            modes.put("(a) bm25 (shipped)", new KnowledgeBaseRanker(kb));
            modes.put("(b) embeddings", rankers.embeddings());
            modes.put("(c) rrf chunk k60", rankers.fusion(HybridRankers.Level.CHUNK, 60, 1, 1, all));
            modes.put("(c) rrf chunk k10", rankers.fusion(HybridRankers.Level.CHUNK, 10, 1, 1, all));
            modes.put("(c) rrf chunk k60 2:1", rankers.fusion(HybridRankers.Level.CHUNK, 60, 2, 1, all));
            modes.put("(c) rrf doc k60", rankers.fusion(HybridRankers.Level.DOCUMENT, 60, 1, 1, all));
            modes.put("(d) en-label chunk k60", rankers.fusion(HybridRankers.Level.CHUNK, 60, 1, 1, labelledEnglish));
            modes.put("(d) en-label chunk k10", rankers.fusion(HybridRankers.Level.CHUNK, 10, 1, 1, labelledEnglish));
            modes.put("(d) en-label chunk 2:1", rankers.fusion(HybridRankers.Level.CHUNK, 60, 2, 1, labelledEnglish));
            modes.put("(d) en-label doc k60", rankers.fusion(HybridRankers.Level.DOCUMENT, 60, 1, 1, labelledEnglish));
            modes.put("(d) en-detect chunk k60", rankers.fusion(HybridRankers.Level.CHUNK, 60, 1, 1, detectedEnglish));
            modes.put("(d) en-spell chunk k60", rankers.fusion(HybridRankers.Level.CHUNK, 60, 1, 1, EnglishSpelling::isEnglish));
            modes.put("(d) en-spell chunk 2:1", rankers.fusion(HybridRankers.Level.CHUNK, 60, 2, 1, EnglishSpelling::isEnglish));
            modes.put("(d) en-spell doc k60", rankers.fusion(HybridRankers.Level.DOCUMENT, 60, 1, 1, EnglishSpelling::isEnglish));
            Map<String, EvalReport> reports = new LinkedHashMap<>();
            modes.forEach((name, ranker) -> reports.put(name, Evaluator.evaluate(set, ranker)));
            printTables(file, reports);
        }
    }

    private static void printTables(Path file, Map<String, EvalReport> reports) {
        Map<String, Function<EvalReport, MetricsSummary>> groups = new LinkedHashMap<>();
        groups.put("overall", EvalReport::overall);
        groups.put("vi", EvalReport::vi);
        groups.put("vi (no marks)", EvalReport::viWithoutMarks);
        groups.put("vi (marks)", EvalReport::viWithMarks);
        groups.put("en", EvalReport::en);
        MetricsSummary[] base = new MetricsSummary[1];
        for (var group : groups.entrySet()) {
            System.out.printf("%n%s, %s%n", file.getFileName(), group.getKey());
            System.out.printf("%-24s %4s %7s %7s %7s %7s %7s   %7s %7s%n", "mode", "n", "r@1", "r@5", "r@10", "mrr@10", "ndcg@10", "Δr@5", "Δmrr");
            base[0] = null;
            reports.forEach((name, report) -> {
                MetricsSummary m = group.getValue().apply(report);
                if (base[0] == null) base[0] = m; // the first mode is the shipped BM25
                System.out.printf("%-24s %4d %7.3f %7.3f %7.3f %7.3f %7.3f   %+7.3f %+7.3f%n", name, m.n(), m.recallAt1(), m.recallAt5(),
                        m.recallAt10(), m.mrrAt10(), m.ndcgAt10(), m.recallAt5() - base[0].recallAt5(), m.mrrAt10() - base[0].mrrAt10());
            });
        }
        System.out.println();
        reports.forEach((name, report) -> System.out.printf("json %s %s %s%n", file.getFileName(), name.replace(' ', '_'), report.toJsonLine()));
    }

    /** Chunks embedded one call at a time for the per-chunk figure (the batch above embeds them all). */
    private static final int SEQUENTIAL_CHUNKS = 100;
    /** Questions run before the measured pass, to warm up the JIT and the ONNX session. */
    private static final int WARM_UP = 50;

    private static void cost(KnowledgeBase kb, ChunkVectors vectors, EmbeddingModel model, List<Path> questionFiles) throws IOException {
        List<Question> questions = new ArrayList<>();
        for (Path file : questionFiles) questions.addAll(QuestionSet.read(file));
        // one chunk per call, as an incremental re-index of one changed file would embed them
        long[] chunkNanos = new long[Math.min(SEQUENTIAL_CHUNKS, vectors.size())];
        for (int i = 0; i < chunkNanos.length; i++) {
            long t = System.nanoTime();
            model.embed(TextSegment.from(vectors.chunks().get(i).text()));
            chunkNanos[i] = System.nanoTime() - t;
        }
        print("embed one chunk (one call each)", chunkNanos);
        for (Question q : questions.subList(0, Math.min(WARM_UP, questions.size()))) {
            Audience audience = Audience.parse(q.audience());
            kb.search(q.question(), audience, HybridRankers.CHUNKS);
            vectors.nearest(ChunkVectors.unit(model.embed(q.question()).content().vector()), audience, HybridRankers.CHUNKS);
        }
        long[] bm25 = new long[questions.size()];
        long[] embed = new long[questions.size()];
        long[] nearest = new long[questions.size()];
        long[] hybrid = new long[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            Audience audience = Audience.parse(q.audience());
            long t0 = System.nanoTime();
            kb.search(q.question(), audience, HybridRankers.CHUNKS);
            long t1 = System.nanoTime();
            float[] v = ChunkVectors.unit(model.embed(q.question()).content().vector());
            long t2 = System.nanoTime();
            vectors.nearest(v, audience, HybridRankers.CHUNKS);
            long t3 = System.nanoTime();
            bm25[i] = t1 - t0;
            embed[i] = t2 - t1;
            nearest[i] = t3 - t2;
            hybrid[i] = t3 - t0;
        }
        System.out.printf("%n%d questions, after %d warm-up questions%n", questions.size(), WARM_UP);
        print("bm25 search, 40 passages (shipped)", bm25);
        print("embed the question", embed);
        print("cosine over visible chunks, top 40", nearest);
        print("bm25 + embed + cosine (hybrid path)", hybrid);
        // the fusion itself, with the BM25 passages and question vectors cached by the first call
        Ranker fusion = new HybridRankers(kb, vectors, new QueryEmbeddings(model)).fusion(HybridRankers.Level.CHUNK, 60, 1, 1, q -> true);
        for (Question q : questions) fusion.rank(q.question(), Audience.parse(q.audience()));
        long[] fuse = new long[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            long t = System.nanoTime();
            fusion.rank(q.question(), Audience.parse(q.audience()));
            fuse[i] = System.nanoTime() - t;
        }
        print("rrf + cosine, inputs cached", fuse);
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        System.out.printf("%-40s mean %8.3f ms, p50 %8.3f ms, p99 %8.3f ms, max %8.3f ms (n=%d)%n", what, ms((long) mean),
                ms(sorted[sorted.length / 2]), ms(sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]),
                ms(sorted[sorted.length - 1]), sorted.length);
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Heap in use after a full collection, and the process's resident set (the ONNX runtime lives off heap). */
    private record Memory(double heapMb, double rssMb) {
        static Memory now() throws IOException {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            double heap = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
            double rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
            return new Memory(heap, rss);
        }
    }
}
