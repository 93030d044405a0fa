package dev.tandem.kb.source;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkerTest {

    private static SourceDocument doc(Section... sections) {
        return new SourceDocument("a/b.md", new DocMetadata(Map.of("title", "T")), List.of(sections));
    }

    @Test
    void chunks_never_cross_sections_and_keep_heading_paths() {
        // given
        SourceDocument document = doc(new Section(List.of("A"), "one"), new Section(List.of("A", "B"), "two"));
        // when
        List<Chunk> chunks = new Chunker(200, 40).chunk(document);
        // then
        assertThat(chunks).extracting(Chunk::headingPath).containsExactly("A", "A › B");
        assertThat(chunks).extracting(Chunk::text).containsExactly("one", "two");
    }

    @Test
    void long_sections_are_split_under_the_limit_with_overlap() {
        // given: 30 sentences of ~40 chars
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 30; i++) text.append("Sentence number ").append(i).append(" says something here. ");
        // when
        List<Chunk> chunks = new Chunker(200, 60).chunk(doc(new Section(List.of("S"), text.toString())));
        // then
        assertThat(chunks).hasSizeGreaterThan(5);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(200));
        for (int i = 1; i < chunks.size(); i++) {
            String previousLastSentence = chunks.get(i - 1).text().lines().reduce((a, b) -> b).orElseThrow();
            assertThat(chunks.get(i).text()).startsWith(previousLastSentence);
        }
        assertThat(chunks).extracting(Chunk::ordinal).startsWith(0, 1, 2);
    }

    @Test
    void same_input_gives_same_ids_and_different_places_give_different_ids() {
        SourceDocument document = doc(new Section(List.of("A"), "one"), new Section(List.of("B"), "one"));
        List<Chunk> first = Chunker.defaults().chunk(document);
        List<Chunk> second = Chunker.defaults().chunk(document);
        assertThat(first).extracting(Chunk::id).isEqualTo(second.stream().map(Chunk::id).toList()).doesNotHaveDuplicates();
    }
}
