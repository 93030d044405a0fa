package dev.tandem.kb.bench;

import dev.tandem.kb.Audience;
import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.Passage;
import dev.tandem.kb.eval.Question;
import dev.tandem.kb.eval.QuestionSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Quality aid for the search path callers use (top 5, not the eval's 40 chunks, which widens the
 * candidate pool past {@code tandem.kb.candidates}): indexes a corpus, runs each answerable question
 * with {@code search(q, audience, 5)} and prints recall@5 and MRR@5 over the documents of those
 * passages, plus each question's chunk ids to a file so two settings can be compared line by line.
 *
 * <p>Run: java -cp ... dev.tandem.kb.bench.TopFiveCheck CORPUS QUESTIONS WORK_DIR OUT_FILE
 */
public final class TopFiveCheck {
    public static void main(String[] args) throws Exception {
        List<Question> questions = QuestionSet.read(Path.of(args[1]));
        List<String> lines = new ArrayList<>();
        int n = 0;
        double recall = 0, mrr = 0;
        try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[2]))) {
            kb.index(Path.of(args[0]), IndexProgress.silent());
            for (Question q : questions) {
                List<Passage> top = kb.search(q.question(), Audience.parse(q.audience()), 5);
                StringBuilder line = new StringBuilder(q.id());
                for (Passage p : top) line.append(' ').append(p.chunkId());
                lines.add(line.toString());
                if (!q.answerable()) continue;
                Set<String> docs = new LinkedHashSet<>();
                for (Passage p : top) docs.add(p.docPath());
                n++;
                int rank = 0;
                for (String doc : docs) {
                    rank++;
                    if (q.relevant().contains(doc)) {
                        recall++;
                        mrr += 1.0 / rank;
                        break;
                    }
                }
            }
        }
        Files.write(Path.of(args[3]), lines);
        System.out.printf("top-5 search: n %d, recall@5 %.4f, MRR@5 %.4f%n", n, recall / n, mrr / n);
    }
}
