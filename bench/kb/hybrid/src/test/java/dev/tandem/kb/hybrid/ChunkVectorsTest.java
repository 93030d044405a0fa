package dev.tandem.kb.hybrid;

import dev.tandem.kb.Audience;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkVectorsTest {

    private static final float[] QUERY = ChunkVectors.unit(new float[] {1, 0, 0});

    // the hidden chunks are the closest to the query: a filter applied after ranking would show them
    private final ChunkVectors vectors = ChunkVectors.of(List.of(
            chunk("b2b#0", "b2b/price-list.md", "b2b", 1, 0, 0),
            chunk("acc-a#0", "contracts/acc-a/contract.md", "account:acc-a", 1, 0.01f, 0),
            chunk("acc-b#0", "contracts/acc-b/contract.md", "account:acc-b", 1, 0.02f, 0),
            chunk("faq#0", "faq/faq.md", "public", 0.5f, 1, 0),
            chunk("faq#1", "faq/faq.md", "public", 0, 1, 0)));

    @Test
    void anonymousVisitorSeesOnlyPublicChunksHoweverCloseTheOthersAre() {
        assertThat(vectors.nearest(QUERY, Audience.anonymous(), 10))
                .extracting(s -> s.chunk().chunkId())
                .containsExactly("faq#0", "faq#1");
    }

    @Test
    void accountSeesPublicB2bAndItsOwnContractButNotAnotherAccounts() {
        assertThat(vectors.nearest(QUERY, Audience.account("acc-a"), 10))
                .extracting(s -> s.chunk().chunkId())
                .containsExactly("b2b#0", "acc-a#0", "faq#0", "faq#1");
    }

    @Test
    void returnsTheMostSimilarFirstUpToTheLimit() {
        List<ChunkVectors.Scored> top = vectors.nearest(QUERY, Audience.parse("b2b"), 2);
        assertThat(top).extracting(s -> s.chunk().chunkId()).containsExactly("b2b#0", "faq#0");
        assertThat(top.get(0).similarity()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    private static ChunkVectors.Chunk chunk(String id, String doc, String audience, float... vector) {
        return new ChunkVectors.Chunk(id, doc, audience, id, ChunkVectors.unit(vector));
    }
}
