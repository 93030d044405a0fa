package dev.tandem.kb.hybrid;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HybridRankersTest {

    @Test
    void anItemBothListsRankBeatsItemsOnlyOneListRanksFirst() {
        // c: 1/62 + 1/62 = 0.0323 > a: 1/61 = 0.0164
        assertThat(HybridRankers.rrf(List.of("a", "c"), List.of("b", "c"), 60, 1, 1)).containsExactly("c", "a", "b");
    }

    @Test
    void equalScoresKeepTheBm25ItemFirst() {
        assertThat(HybridRankers.rrf(List.of("a"), List.of("b"), 60, 1, 1)).containsExactly("a", "b");
        assertThat(HybridRankers.rrf(List.of("b"), List.of("a"), 60, 1, 1)).containsExactly("b", "a");
    }

    @Test
    void weightsDecideBetweenItemsOfOneList() {
        assertThat(HybridRankers.rrf(List.of("a"), List.of("b"), 60, 1, 2)).containsExactly("b", "a");
        assertThat(HybridRankers.rrf(List.of("a"), List.of("b"), 60, 2, 1)).containsExactly("a", "b");
    }

    @Test
    void aSmallKLetsTopRanksOutweighAgreementFurtherDown() {
        List<String> bm25 = List.of("a", "b", "c", "d", "e", "f");
        List<String> embeddings = List.of("g", "f");
        // k = 60: f (1/66 + 1/62 = 0.0313) beats a (1/61 = 0.0164)
        assertThat(HybridRankers.rrf(bm25, embeddings, 60, 1, 1).getFirst()).isEqualTo("f");
        // k = 1: a (1/2) beats f (1/7 + 1/3 = 0.476); g ties with a and comes second
        assertThat(HybridRankers.rrf(bm25, embeddings, 1, 1, 1)).startsWith("a", "g", "f");
    }
}
