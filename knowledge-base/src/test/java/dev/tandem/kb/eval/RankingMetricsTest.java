package dev.tandem.kb.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTest {

    @Test
    void first_relevant_at_rank_three() {
        List<String> ranked = List.of("a", "b", "c", "d");
        List<String> relevant = List.of("c");
        assertThat(RankingMetrics.recallAt(1, ranked, relevant)).isZero();
        assertThat(RankingMetrics.recallAt(5, ranked, relevant)).isEqualTo(1);
        assertThat(RankingMetrics.reciprocalRankAt(10, ranked, relevant)).isEqualTo(1.0 / 3);
        // DCG = 1/log2(4) = 0.5; ideal = 1/log2(2) = 1
        assertThat(RankingMetrics.ndcgAt(10, ranked, relevant)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void two_relevant_documents_at_ranks_one_and_three() {
        List<String> ranked = List.of("a", "b", "c");
        List<String> relevant = List.of("a", "c");
        // DCG = 1 + 0.5 = 1.5; ideal = 1 + 1/log2(3) = 1.6309
        assertThat(RankingMetrics.ndcgAt(10, ranked, relevant)).isCloseTo(1.5 / (1 + 1 / (Math.log(3) / Math.log(2))), within(1e-9));
        assertThat(RankingMetrics.reciprocalRankAt(10, ranked, relevant)).isEqualTo(1);
    }

    @Test
    void relevant_document_beyond_ten_counts_nothing() {
        List<String> ranked = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "x");
        assertThat(RankingMetrics.recallAt(10, ranked, List.of("x"))).isZero();
        assertThat(RankingMetrics.reciprocalRankAt(10, ranked, List.of("x"))).isZero();
        assertThat(RankingMetrics.ndcgAt(10, ranked, List.of("x"))).isZero();
    }

    @Test
    void summary_averages_over_questions() {
        MetricsSummary summary = MetricsSummary.of(
                List.of(List.of("a", "b"), List.of("b", "a"), List.of("c")),
                List.of(List.of("a"), List.of("a"), List.of("a")));
        assertThat(summary.n()).isEqualTo(3);
        assertThat(summary.recallAt1()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(summary.recallAt5()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(summary.mrrAt10()).isCloseTo((1 + 0.5 + 0) / 3, within(1e-9));
        assertThat(summary.toJson()).containsEntry("recall@5", 0.6667).containsEntry("n", 3);
    }
}
