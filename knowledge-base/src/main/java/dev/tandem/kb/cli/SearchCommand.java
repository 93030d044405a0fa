package dev.tandem.kb.cli;

import dev.tandem.kb.Audience;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.Passage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kb search}: prints the best passages for a question. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the index as an audience.")
final class SearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--index", defaultValue = "data/index", description = "Index folder (default: ${DEFAULT-VALUE}).")
    Path index;

    @Option(names = "--audience", defaultValue = "public", description = "public, b2b or account:<id> (default: ${DEFAULT-VALUE}).")
    String audience;

    @Option(names = "-k", defaultValue = "5", description = "Number of passages (default: ${DEFAULT-VALUE}).")
    int k;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "The question.")
    List<String> words;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeBase kb = KnowledgeBase.open(index)) {
            List<Passage> passages = kb.search(String.join(" ", words), Audience.parse(audience), k);
            int n = 0;
            for (Passage p : passages) {
                out.printf("%d. %s%s  [score %.2f, confidence %.2f, %s]%n", ++n, p.docPath(),
                        p.headingPath().isEmpty() ? "" : " › " + p.headingPath(), p.score(), p.confidence(), p.audience());
                out.printf("   %s%n", p.title());
                out.printf("   %s%n", p.snippet());
            }
            if (passages.isEmpty()) out.println("no passages");
            out.flush();
            return 0;
        }
    }
}
