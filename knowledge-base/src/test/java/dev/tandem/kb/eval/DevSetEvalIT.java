package dev.tandem.kb.eval;

import dev.tandem.kb.IndexProgress;
import dev.tandem.kb.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The quality gate: retrieval on the development question set over the demo knowledge. */
class DevSetEvalIT {

    static final Path CORPUS = Path.of("../demo/knowledge");
    static final Path QUESTIONS = Path.of("../demo/eval/dev-questions.jsonl");

    @TempDir
    Path indexDir;

    @Test
    void dev_set_meets_the_quality_targets() throws IOException {
        assumeTrue(Files.isRegularFile(QUESTIONS), "no development question set at " + QUESTIONS);
        // given
        List<Question> questions = QuestionSet.read(QUESTIONS);
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            kb.index(CORPUS, IndexProgress.silent());
            // when
            EvalReport report = Evaluator.evaluate(questions, new KnowledgeBaseRanker(kb));
            // then
            System.out.println(report.toJsonLine());
            assertThat(report.overall().recallAt5()).as("overall recall@5").isGreaterThanOrEqualTo(0.90);
            assertThat(report.overall().mrrAt10()).as("overall MRR@10").isGreaterThanOrEqualTo(0.75);
        }
    }
}
