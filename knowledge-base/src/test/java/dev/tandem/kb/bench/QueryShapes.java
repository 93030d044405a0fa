package dev.tandem.kb.bench;

import dev.tandem.kb.Audience;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.analysis.Words;
import dev.tandem.kb.eval.Question;
import dev.tandem.kb.eval.QuestionSet;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Profiling aid for the search tail: times every question ROUNDS times (after one warm-up pass of
 * all of them), prints the median per question for the slowest ones, the median by question length
 * in words, and the collector time spent meanwhile, so a p99 can be told apart as query shapes or
 * pauses.
 *
 * <p>Arguments: INDEX_DIR QUESTIONS ROUNDS
 */
public final class QueryShapes {
    public static void main(String[] args) throws Exception {
        List<Question> questions = QuestionSet.read(Path.of(args[1]));
        int rounds = Integer.parseInt(args[2]);
        long[][] nanos = new long[questions.size()][rounds];
        try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
            for (int w = 0; w < 5; w++) for (Question q : questions) kb.search(q.question(), Audience.anonymous(), 5);
            long gcBefore = gcMillis();
            long start = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < questions.size(); i++) {
                    long t = System.nanoTime();
                    kb.search(questions.get(i).question(), Audience.anonymous(), 5);
                    nanos[i][r] = System.nanoTime() - t;
                }
            }
            long wall = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("collector time %d ms of %d ms searching%n", gcMillis() - gcBefore, wall);
        }
        List<long[]> all = new ArrayList<>();
        double[] medians = new double[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            long[] sorted = nanos[i].clone();
            Arrays.sort(sorted);
            medians[i] = sorted[rounds / 2] / 1e6;
            all.add(nanos[i]);
        }
        long[] flat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("all: p50 %.2f ms, p99 %.2f ms; share of the slowest 1%% that are repeated questions' medians above p99: see below%n",
                SpeedBench.p50(flat) / 1e6, SpeedBench.p99(flat) / 1e6);
        Integer[] order = new Integer[questions.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> -medians[i]));
        for (int k = 0; k < 12; k++) {
            int i = order[k];
            System.out.printf("median %.2f ms, %2d words: %s%n", medians[i], Words.of(questions.get(i).question()).size(), questions.get(i).question());
        }
        int[] bounds = {0, 6, 9, 12, 16, 1000};
        for (int b = 0; b + 1 < bounds.length; b++) {
            List<Double> group = new ArrayList<>();
            for (int i = 0; i < questions.size(); i++) {
                int n = Words.of(questions.get(i).question()).size();
                if (n >= bounds[b] && n < bounds[b + 1]) group.add(medians[i]);
            }
            group.sort(null);
            if (!group.isEmpty()) System.out.printf("%d-%d words: %d questions, median of medians %.2f ms, max %.2f ms%n",
                    bounds[b], bounds[b + 1] - 1, group.size(), group.get(group.size() / 2), group.get(group.size() - 1));
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) total += gc.getCollectionTime();
        return total;
    }
}
