package dev.tandem.kb.eval;

import java.util.Collection;
import java.util.List;

/**
 * Per-question retrieval metrics over a ranked list of distinct document paths, with binary
 * relevance. {@code recall@k} is 1 when at least one relevant document is in the top k (the
 * question is answerable from the top k), else 0; averaged over questions it is the share of
 * questions answered within k.
 */
public final class RankingMetrics {

    private RankingMetrics() {}

    /** 1-based rank of the first relevant document, or 0 if none is ranked. */
    public static int firstRelevantRank(List<String> ranked, Collection<String> relevant) {
        for (int i = 0; i < ranked.size(); i++) {
            if (relevant.contains(ranked.get(i))) return i + 1;
        }
        return 0;
    }

    public static double recallAt(int k, List<String> ranked, Collection<String> relevant) {
        int rank = firstRelevantRank(ranked, relevant);
        return rank > 0 && rank <= k ? 1 : 0;
    }

    public static double reciprocalRankAt(int k, List<String> ranked, Collection<String> relevant) {
        int rank = firstRelevantRank(ranked, relevant);
        return rank > 0 && rank <= k ? 1.0 / rank : 0;
    }

    /** nDCG@k: DCG of the ranking over DCG of the ideal ranking (all relevant documents first). */
    public static double ndcgAt(int k, List<String> ranked, Collection<String> relevant) {
        if (relevant.isEmpty()) return 0;
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) dcg += discount(i + 1);
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) ideal += discount(i + 1);
        return dcg / ideal;
    }

    private static double discount(int rank) {
        return 1 / (Math.log(rank + 1) / Math.log(2));
    }
}
