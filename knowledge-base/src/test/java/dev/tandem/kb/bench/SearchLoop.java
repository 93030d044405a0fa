package dev.tandem.kb.bench;

import dev.tandem.kb.Audience;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.eval.Question;
import dev.tandem.kb.eval.QuestionSet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * Profiling aid: runs searches against an existing index for a number of seconds, then prints the
 * count and the mean CPU time per search of the second half (CPU time moves less than wall time
 * when other jobs share the machine).
 */
public final class SearchLoop {
    public static void main(String[] args) throws Exception {
        List<Question> questions = QuestionSet.read(Path.of(args[1]));
        long start = System.nanoTime();
        long until = start + Long.parseLong(args[2]) * 1_000_000_000L;
        long half = start + (until - start) / 2;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int n = 0;
        int measured = 0;
        long cpuStart = -1;
        try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
            while (System.nanoTime() < until) {
                if (cpuStart < 0 && System.nanoTime() >= half) cpuStart = threads.getCurrentThreadCpuTime();
                kb.search(questions.get(n++ % questions.size()).question(), Audience.anonymous(), 5);
                if (cpuStart >= 0) measured++;
            }
        }
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / Math.max(1, measured);
        System.out.printf("searches: %d, CPU per search (second half): %.3f ms%n", n, cpuMs);
    }
}
