package dev.tandem.kb.eval;

import dev.tandem.kb.Audience;
import dev.tandem.kb.source.LanguageDetector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Runs a question set through a {@link Ranker} and summarises the results, overall and per language. */
public final class Evaluator {

    /** Confidence below which the offline answerer refuses; used for the refusal figures. */
    public static final double REFUSAL_THRESHOLD = 0.3;

    private Evaluator() {}

    public static EvalReport evaluate(List<Question> questions, Ranker ranker) {
        List<EvalReport.Outcome> outcomes = new ArrayList<>();
        for (Question q : questions) {
            Ranker.Ranking ranking = ranker.rank(q.question(), Audience.parse(q.audience()));
            List<String> top = ranking.documents().stream().distinct().limit(10).toList();
            outcomes.add(new EvalReport.Outcome(q, top, ranking.topConfidence()));
        }
        return new EvalReport(
                summarise(outcomes, o -> true),
                summarise(outcomes, o -> "vi".equals(o.question().lang())),
                summarise(outcomes, o -> "en".equals(o.question().lang())),
                summarise(outcomes, o -> "vi".equals(o.question().lang()) && withoutMarks(o.question().question())),
                summarise(outcomes, o -> "vi".equals(o.question().lang()) && !withoutMarks(o.question().question())),
                outcomes);
    }

    static MetricsSummary summarise(List<EvalReport.Outcome> outcomes, Predicate<EvalReport.Outcome> group) {
        List<List<String>> rankings = new ArrayList<>();
        List<List<String>> relevants = new ArrayList<>();
        for (EvalReport.Outcome outcome : outcomes) {
            if (!outcome.question().answerable() || !group.test(outcome)) continue;
            rankings.add(outcome.ranked());
            relevants.add(outcome.question().relevant());
        }
        return MetricsSummary.of(rankings, relevants);
    }

    private static boolean withoutMarks(String question) {
        return LanguageDetector.detect(question).equals("en");
    }
}
