package dev.tandem.kb.cli;

import dev.tandem.kb.IndexReport;
import dev.tandem.kb.KnowledgeBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code kb index}: brings an index in line with a folder of documents. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index a folder of documents (incremental: only changed, added and removed files).")
final class IndexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", required = true, description = "Folder of documents.")
    Path corpus;

    @Option(names = "--index", defaultValue = "data/index", description = "Index folder (default: ${DEFAULT-VALUE}).")
    Path index;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeBase kb = KnowledgeBase.open(index)) {
            // On a terminal one line redraws itself; in a log, a line every 50 files and at the end.
            boolean terminal = System.console() != null;
            IndexReport report = kb.index(corpus, (done, total, path) -> {
                if (terminal) err.printf("\r[%d/%d] %-60.60s", done, total, path);
                else if (done % 50 == 0 || done == total) err.printf("[%d/%d] %s%n", done, total, path);
                err.flush();
            });
            if (terminal) err.println();
            printSummary(out, report);
            return 0;
        }
    }

    static void printSummary(PrintWriter out, IndexReport report) {
        out.printf("documents: %d (added %d, updated %d, removed %d, unchanged %d)%n",
                report.documents(), report.added(), report.updated(), report.removed(), report.unchanged());
        out.printf("chunks: %d%n", report.chunks());
        out.printf("skipped: %d%n", report.skipped().size());
        report.skipped().forEach(line -> out.printf("  %s%n", line));
        out.printf("time: %d ms%n", report.took().toMillis());
        out.flush();
    }
}
