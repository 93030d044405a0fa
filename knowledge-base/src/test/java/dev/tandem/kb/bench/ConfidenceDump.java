package dev.tandem.kb.bench;

import dev.tandem.kb.Audience;
import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.Passage;
import dev.tandem.kb.analysis.FoldedAnalyzer;
import dev.tandem.kb.eval.Question;
import dev.tandem.kb.eval.QuestionSet;
import dev.tandem.kb.index.FieldAnalyzers;
import dev.tandem.kb.search.ConfidenceEstimator;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Calibration aid: for each question of a set, the word and pair coverage of the top passages, as
 * tab-separated lines (id, answerable, rank, words, pairs). Used to choose how confidence combines them.
 * Run: java -cp ... dev.tandem.kb.bench.ConfidenceDump CORPUS QUESTIONS
 */
public final class ConfidenceDump {

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        List<Question> questions = QuestionSet.read(Path.of(args[1]));
        Path index = Files.createTempDirectory("kb-conf");
        try (KnowledgeBase kb = KnowledgeBase.open(index)) {
            kb.index(corpus, IndexProgress.silent());
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index));
             KnowledgeBase kb = KnowledgeBase.open(index)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            ConfidenceEstimator estimator = new ConfidenceEstimator();
            for (Question q : questions) {
                var profile = estimator.profile(searcher, q.question());
                List<Passage> passages = kb.search(q.question(), Audience.parse(q.audience()), 5);
                int rank = 0;
                for (Passage p : passages) {
                    System.out.printf("%s\t%s\t%d\t%s\t%s%n", q.id(), q.answerable(), ++rank,
                            q.relevant().contains(p.docPath()), String.join(";", estimator.explain(profile, p.title(), p.headingPath(), p.text())));
                }
            }
        }
    }
}
