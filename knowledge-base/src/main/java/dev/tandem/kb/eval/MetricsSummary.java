package dev.tandem.kb.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Averages of the ranking metrics over a group of questions. */
public record MetricsSummary(int n, double recallAt1, double recallAt5, double recallAt10, double mrrAt10, double ndcgAt10) {

    /** Summarises ranked results; {@code rankings.get(i)} belongs to {@code relevants.get(i)}. */
    public static MetricsSummary of(List<List<String>> rankings, List<List<String>> relevants) {
        int n = rankings.size();
        if (n == 0) return new MetricsSummary(0, 0, 0, 0, 0, 0);
        double r1 = 0, r5 = 0, r10 = 0, mrr = 0, ndcg = 0;
        for (int i = 0; i < n; i++) {
            List<String> ranked = rankings.get(i);
            List<String> relevant = relevants.get(i);
            r1 += RankingMetrics.recallAt(1, ranked, relevant);
            r5 += RankingMetrics.recallAt(5, ranked, relevant);
            r10 += RankingMetrics.recallAt(10, ranked, relevant);
            mrr += RankingMetrics.reciprocalRankAt(10, ranked, relevant);
            ndcg += RankingMetrics.ndcgAt(10, ranked, relevant);
        }
        return new MetricsSummary(n, r1 / n, r5 / n, r10 / n, mrr / n, ndcg / n);
    }

    /** The JSON shape of DESIGN.md, values rounded to 4 decimals. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("n", n);
        json.put("recall@1", round(recallAt1));
        json.put("recall@5", round(recallAt5));
        json.put("recall@10", round(recallAt10));
        json.put("mrr@10", round(mrrAt10));
        json.put("ndcg@10", round(ndcgAt10));
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
