package dev.tandem.kb.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one evaluation: metrics overall and per language (the JSON of DESIGN.md), the same
 * for Vietnamese questions typed without and with marks, refusal figures, and each question's outcome.
 */
public record EvalReport(
        MetricsSummary overall, MetricsSummary vi, MetricsSummary en,
        MetricsSummary viWithoutMarks, MetricsSummary viWithMarks,
        List<Outcome> outcomes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One question's ranked documents and best confidence. */
    public record Outcome(Question question, List<String> ranked, double topConfidence) {
        public int firstRelevantRank() {
            return RankingMetrics.firstRelevantRank(ranked, question.relevant());
        }
    }

    /** {"overall":{...},"vi":{...},"en":{...}} on one line. */
    public String toJsonLine() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("overall", overall.toJson());
        json.put("vi", vi.toJson());
        json.put("en", en.toJson());
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Share of unanswerable questions whose best passage falls below the refusal threshold. */
    public double unanswerableRefused() {
        return share(false, o -> o.topConfidence() < Evaluator.REFUSAL_THRESHOLD || Double.isNaN(o.topConfidence()) && o.ranked().isEmpty());
    }

    /** Share of answerable questions whose best passage reaches the refusal threshold. */
    public double answerableAccepted() {
        return share(true, o -> o.topConfidence() >= Evaluator.REFUSAL_THRESHOLD);
    }

    public long unanswerableCount() {
        return outcomes.stream().filter(o -> !o.question().answerable()).count();
    }

    private double share(boolean answerable, java.util.function.Predicate<Outcome> test) {
        List<Outcome> group = outcomes.stream().filter(o -> o.question().answerable() == answerable).toList();
        if (group.isEmpty()) return Double.NaN;
        return (double) group.stream().filter(test).count() / group.size();
    }
}
