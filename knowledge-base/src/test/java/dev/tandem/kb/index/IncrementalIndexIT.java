package dev.tandem.kb.index;

import dev.tandem.kb.Audience;
import dev.tandem.kb.IndexReport;
import dev.tandem.kb.KnowledgeBase;
import dev.tandem.kb.Passage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncrementalIndexIT {

    /** The demo knowledge when it is there (it is the real thing), else the small test corpus. */
    static final Path SOURCE = Files.isDirectory(Path.of("../demo/knowledge"))
            ? Path.of("../demo/knowledge") : Path.of("src/test/resources/corpus");

    @TempDir
    Path temp;
    Path corpus;
    Path indexDir;

    @BeforeEach
    void copyCorpus() throws IOException {
        corpus = temp.resolve("corpus");
        indexDir = temp.resolve("index");
        try (Stream<Path> walk = Files.walk(SOURCE)) {
            for (Path from : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path to = corpus.resolve(SOURCE.relativize(from).toString());
                if (Files.isDirectory(from)) Files.createDirectories(to);
                else Files.copy(from, to);
            }
        }
        Files.writeString(corpus.resolve("edited.md"), "---\ntitle: Giờ mở cửa\n---\n\n## Giờ mở cửa\n\nCửa hàng mở cửa từ 8 giờ sáng đến zeppelinold giờ tối.\n");
    }

    @Test
    void editing_one_file_reindexes_only_that_file_and_shows_only_the_new_text() throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            // given
            IndexReport first = kb.index(corpus, (done, total, path) -> {});
            assertThat(search(kb, "zeppelinold")).isNotEmpty();
            // when
            Files.writeString(corpus.resolve("edited.md"), "---\ntitle: Giờ mở cửa\n---\n\n## Giờ mở cửa\n\nCửa hàng mở cửa từ 8 giờ sáng đến zeppelinnew giờ tối.\n");
            IndexReport second = kb.index(corpus, (done, total, path) -> {});
            // then
            assertThat(second.updated()).isEqualTo(1);
            assertThat(second.added()).isZero();
            assertThat(second.removed()).isZero();
            assertThat(second.unchanged()).isEqualTo(first.documents() - 1);
            assertThat(second.chunks()).isEqualTo(first.chunks());
            assertThat(search(kb, "zeppelinold")).isEmpty();
            assertThat(search(kb, "zeppelinnew")).extracting(Passage::docPath).containsExactly("edited.md");
            assertThat(kb.health().chunks()).isEqualTo(second.chunks());
        }
    }

    @Test
    void deleted_and_added_files_are_removed_and_added() throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            kb.index(corpus, (done, total, path) -> {});
            // when
            Files.delete(corpus.resolve("edited.md"));
            Files.writeString(corpus.resolve("new.md"), "# New\n\nquokkaword appears here.\n");
            IndexReport report = kb.index(corpus, (done, total, path) -> {});
            // then
            assertThat(report.removed()).isEqualTo(1);
            assertThat(report.added()).isEqualTo(1);
            assertThat(search(kb, "zeppelinold")).isEmpty();
            assertThat(search(kb, "quokkaword")).extracting(Passage::docPath).containsExactly("new.md");
        }
    }

    @Test
    void a_run_that_dies_midway_leaves_the_last_commit_usable() throws IOException {
        // given: a committed index
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            kb.index(corpus, (done, total, path) -> {});
        }
        Files.writeString(corpus.resolve("edited.md"), "# Changed\n\nzeppelinnew\n");
        // when: the next run fails after the edited file was replaced in the writer
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            assertThatThrownBy(() -> kb.index(corpus, (done, total, path) -> {
                if (done == total) throw new IllegalStateException("simulated crash");
            })).hasMessage("simulated crash");
        }
        // then: reopening shows the last committed state
        try (KnowledgeBase kb = KnowledgeBase.open(indexDir)) {
            assertThat(search(kb, "zeppelinold")).isNotEmpty();
            assertThat(search(kb, "zeppelinnew")).isEmpty();
        }
    }

    private static List<Passage> search(KnowledgeBase kb, String text) {
        return kb.search(text, Audience.anonymous(), 5).stream().filter(p -> p.text().contains(text)).toList();
    }
}
