package dev.tandem.kb.cli;

import dev.tandem.kb.FileTrees;
import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.IndexReport;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.eval.BaselineIndex;
import dev.tandem.kb.eval.EvalReport;
import dev.tandem.kb.eval.Evaluator;
import dev.tandem.kb.eval.KnowledgeBaseRanker;
import dev.tandem.kb.eval.MetricsSummary;
import dev.tandem.kb.eval.Question;
import dev.tandem.kb.eval.QuestionSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code kb eval}: indexes a folder into a temporary index, runs a question set and prints the
 * metrics; the last stdout line is the JSON of DESIGN.md.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure retrieval quality on a question set (JSON Lines).")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", required = true, description = "Folder of documents.")
    Path corpus;

    @Option(names = "--questions", required = true, description = "Question set, JSON Lines.")
    Path questions;

    @Option(names = "--baseline", description = "Also evaluate plain StandardAnalyzer BM25 and print both side by side.")
    boolean baseline;

    @Option(names = "--misses", description = "List the questions whose relevant document is not in the top 5.")
    boolean misses;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Question> set = QuestionSet.read(questions);
        Path temp = Files.createTempDirectory("kb-eval");
        try {
            EvalReport ours;
            try (KnowledgeBase kb = KnowledgeBase.open(temp)) {
                IndexReport report = kb.index(corpus, IndexProgress.silent());
                err.printf("indexed %d documents, %d chunks, %d skipped%n", report.documents(), report.chunks(), report.skipped().size());
                report.skipped().forEach(s -> err.printf("  skipped %s%n", s));
                ours = Evaluator.evaluate(set, new KnowledgeBaseRanker(kb));
            }
            if (misses) printMisses(out, ours);
            if (baseline) {
                try (BaselineIndex plain = new BaselineIndex(corpus)) {
                    EvalReport base = Evaluator.evaluate(set, plain);
                    printSideBySide(out, ours, base);
                    out.println("baseline " + base.toJsonLine());
                }
            }
            out.printf("refusal: unanswerable below %.2f: %.3f (n=%d); answerable at or above: %.3f%n",
                    Evaluator.REFUSAL_THRESHOLD, ours.unanswerableRefused(), ours.unanswerableCount(), ours.answerableAccepted());
            out.println(ours.toJsonLine());
            out.flush();
            return 0;
        } finally {
            FileTrees.delete(temp);
        }
    }

    private static void printSideBySide(PrintWriter out, EvalReport ours, EvalReport base) {
        out.printf("%-16s %5s %18s %18s %18s %18s %18s%n", "group", "n", "recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10");
        row(out, "overall", ours.overall(), base.overall());
        row(out, "vi", ours.vi(), base.vi());
        row(out, "vi (no marks)", ours.viWithoutMarks(), base.viWithoutMarks());
        row(out, "vi (marks)", ours.viWithMarks(), base.viWithMarks());
        row(out, "en", ours.en(), base.en());
        out.println("(each cell: tandem / StandardAnalyzer baseline)");
    }

    private static void row(PrintWriter out, String name, MetricsSummary a, MetricsSummary b) {
        out.printf("%-16s %5d %8.3f / %-7.3f %8.3f / %-7.3f %8.3f / %-7.3f %8.3f / %-7.3f %8.3f / %-7.3f%n", name, a.n(),
                a.recallAt1(), b.recallAt1(), a.recallAt5(), b.recallAt5(), a.recallAt10(), b.recallAt10(),
                a.mrrAt10(), b.mrrAt10(), a.ndcgAt10(), b.ndcgAt10());
    }

    private static void printMisses(PrintWriter out, EvalReport report) {
        for (EvalReport.Outcome o : report.outcomes()) {
            int rank = o.firstRelevantRank();
            if (o.question().answerable() && (rank == 0 || rank > 5)) {
                out.printf("miss %s [%s] rank=%d conf=%.2f %s -> want %s got %s%n", o.question().id(), o.question().audience(), rank,
                        o.topConfidence(), o.question().question(), o.question().relevant(),
                        o.ranked().subList(0, Math.min(3, o.ranked().size())));
            } else if (!o.question().answerable() && o.topConfidence() >= Evaluator.REFUSAL_THRESHOLD) {
                out.printf("not refused %s conf=%.2f %s -> %s%n", o.question().id(), o.topConfidence(), o.question().question(),
                        o.ranked().isEmpty() ? "-" : o.ranked().get(0));
            } else if (o.question().answerable() && o.topConfidence() < Evaluator.REFUSAL_THRESHOLD) {
                out.printf("low confidence %s conf=%.2f rank=%d %s%n", o.question().id(), o.topConfidence(), rank, o.question().question());
            }
        }
    }
}
