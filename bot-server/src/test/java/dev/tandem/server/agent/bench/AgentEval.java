package dev.tandem.server.agent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answer quality of the real agent (offline provider) over a question set and an attack set:
 * answerable questions answered with a relevant citation, unanswerable ones refused, and leaks
 * on the attack set ({@link AnswerEvaluation}, also run by {@code AnswerQualityIT}). Usage:
 * {@code AgentEval [corpusDir] [questions.jsonl] [attacks.jsonl]}; one line per miss and per leak,
 * then the last stdout line is one JSON object.
 */
public final class AgentEval {

    /** With {@code -Dagent.eval.detail=true}, each miss is followed by what retrieval found for it. */
    private static final boolean DETAIL = Boolean.getBoolean("agent.eval.detail");

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "demo/knowledge").toAbsolutePath().normalize();
        Path questions = Path.of(args.length > 1 ? args[1] : "demo/eval/dev-questions.jsonl");
        Path attacks = Path.of(args.length > 2 ? args[2] : "demo/eval/attacks.jsonl");
        try (var evaluation = new AnswerEvaluation(corpus)) {
            Map<String, Object> summary = new LinkedHashMap<>();
            AnswerEvaluation.QuestionResults answers = evaluation.questions(questions, DETAIL);
            answers.misses().forEach(System.out::println);
            summary.put("questions", answers.json());
            if (Files.exists(attacks)) {
                AnswerEvaluation.AttackResults result = evaluation.attacks(attacks);
                result.leakLines().forEach(System.out::println);
                summary.put("attacks", result.json());
            }
            System.out.println(new ObjectMapper().writeValueAsString(summary));
        }
    }
}
