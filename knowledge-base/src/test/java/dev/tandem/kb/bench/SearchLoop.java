package dev.tandem.kb.bench;

import dev.tandem.kb.Audience;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.eval.Question;
import dev.tandem.kb.eval.QuestionSet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Profiling aid: runs searches against an existing index for a number of seconds, then prints the
 * count and the mean CPU time per search of the second half (CPU time moves less than wall time
 * when other jobs share the machine), and the p50 / p99 of each search's own CPU time there.
 * Arguments: index, questions, seconds, and optionally {@code mixed} to rotate the audiences as
 * {@link SpeedBench} does (anonymous, b2b, one account) instead of searching as anonymous.
 */
public final class SearchLoop {
    public static void main(String[] args) throws Exception {
        List<Question> questions = QuestionSet.read(Path.of(args[1]));
        List<Audience> audiences = args.length > 3 && args[3].equals("mixed")
                ? List.of(Audience.anonymous(), Audience.parse("b2b"), Audience.account("acc-1"))
                : List.of(Audience.anonymous());
        long start = System.nanoTime();
        long until = start + Long.parseLong(args[2]) * 1_000_000_000L;
        long half = start + (until - start) / 2;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int n = 0;
        int measured = 0;
        long cpuStart = -1;
        long[] perSearch = new long[1 << 16];
        try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
            while (System.nanoTime() < until) {
                if (cpuStart < 0 && System.nanoTime() >= half) cpuStart = threads.getCurrentThreadCpuTime();
                long before = cpuStart >= 0 ? threads.getCurrentThreadCpuTime() : 0;
                kb.search(questions.get(n % questions.size()).question(), audiences.get(n % audiences.size()), 5);
                n++;
                if (cpuStart >= 0) {
                    if (measured < perSearch.length) perSearch[measured] = threads.getCurrentThreadCpuTime() - before;
                    measured++;
                }
            }
        }
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / Math.max(1, measured);
        System.out.printf("searches: %d, CPU per search (second half): %.3f ms%n", n, cpuMs);
        long[] sorted = Arrays.copyOf(perSearch, Math.min(measured, perSearch.length));
        Arrays.sort(sorted);
        if (sorted.length > 0) {
            System.out.printf("CPU per search, p50 / p99: %.3f / %.3f ms (%d searches)%n",
                    SpeedBench.p50(sorted) / 1e6, SpeedBench.p99(sorted) / 1e6, sorted.length);
        }
    }
}
