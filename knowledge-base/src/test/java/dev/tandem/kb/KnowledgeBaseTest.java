package dev.tandem.kb;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KnowledgeBaseTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");

    @TempDir
    static Path indexDir;
    static KnowledgeBase kb;
    static IndexReport report;

    @BeforeAll
    static void indexCorpus() throws IOException {
        kb = KnowledgeBase.open(indexDir);
        report = kb.index(CORPUS, IndexProgress.silent());
    }

    @AfterAll
    static void close() throws IOException {
        kb.close();
    }

    @Test
    void query_without_diacritics_finds_text_with_diacritics() {
        // when
        List<Passage> passages = kb.search("bao hanh may loc nuoc bao lau", Audience.anonymous(), 3);
        // then
        assertThat(passages).isNotEmpty();
        Passage best = passages.get(0);
        assertThat(best.docPath()).isEqualTo("warranty/water-purifier.md");
        assertThat(best.headingPath()).isEqualTo("Thời gian bảo hành");
        assertThat(best.snippet()).contains("24 tháng");
        assertThat(best.title()).isEqualTo("Chính sách bảo hành máy lọc nước");
        assertThat(best.url()).isEqualTo("https://example.vn/bao-hanh/may-loc-nuoc");
        assertThat(best.lang()).isEqualTo("vi");
        assertThat(best.confidence()).isBetween(0.5, 1.0);
    }

    @Test
    void public_query_never_returns_b2b_or_account_chunks_whatever_the_text() {
        // when
        List<Passage> passages = kb.search("chiết khấu đại lý hợp đồng ACME Globex account:acme b2b", Audience.anonymous(), 20);
        // then
        assertThat(passages).extracting(Passage::audience).containsOnly("public");
    }

    @Test
    void account_sees_public_b2b_and_its_own_contract_only() {
        // when
        List<Passage> passages = kb.search("hợp đồng bảo hành chiết khấu đại lý ACME Globex", Audience.account("acme"), 20);
        // then
        assertThat(passages).extracting(Passage::docPath)
                .contains("contracts/acme-contract.md", "b2b/price-tiers.md")
                .doesNotContain("contracts/globex-contract.md");
    }

    @Test
    void b2b_audience_sees_b2b_but_no_account_contract() {
        List<Passage> passages = kb.search("chiết khấu đại lý hợp đồng bảo hành", Audience.parse("b2b"), 20);
        assertThat(passages).extracting(Passage::audience).containsOnly("public", "b2b").contains("b2b");
    }

    @Test
    void unknown_terms_are_the_words_no_visible_document_holds() {
        // "Globex" is only in Globex's own contract: unknown to the public and to another account
        assertThat(kb.unknownTerms("Globex bảo hành máy lọc nước bao lâu?", Audience.anonymous())).containsExactly("Globex");
        assertThat(kb.unknownTerms("Globex bảo hành máy lọc nước bao lâu?", Audience.account("acme"))).containsExactly("Globex");
        assertThat(kb.unknownTerms("Globex bảo hành máy lọc nước bao lâu?", Audience.account("globex"))).isEmpty();
        // question words, short words and plain numbers are never reported
        assertThat(kb.unknownTerms("bao nhiêu 12345 xy", Audience.anonymous())).isEmpty();
        assertThat(kb.termRarity("bảo hành Globex", Audience.anonymous()))
                .allSatisfy(t -> assertThat(t.chunks()).isLessThanOrEqualTo(t.anyForm()))
                .anySatisfy(t -> assertThat(t.written()).isEqualTo("bảo"));
    }

    @Test
    void exact_marks_prefer_the_exact_word() {
        assertThat(kb.search("bán hàng", Audience.anonymous(), 1).get(0).docPath()).isEqualTo("warranty/sales.md");
        assertThat(kb.search("bạn bè", Audience.anonymous(), 1).get(0).docPath()).isEqualTo("warranty/friends.md");
    }

    @Test
    void clause_number_finds_the_clause() {
        List<Passage> passages = kb.search("điều 5.2 thời gian phản hồi", Audience.account("acme"), 1);
        assertThat(passages.get(0).text()).contains("5.2 Thời gian phản hồi");
    }

    @Test
    void unanswerable_question_has_low_confidence() {
        List<Passage> passages = kb.search("do you sell electric scooters", Audience.anonymous(), 3);
        assertThat(passages).allSatisfy(p -> assertThat(p.confidence()).isLessThan(0.3));
    }

    @Test
    void confidence_is_comparable_across_questions_and_high_for_covered_ones() {
        assertThat(kb.search("Bảo hành máy lọc nước bao lâu?", Audience.anonymous(), 1).get(0).confidence()).isGreaterThan(0.6);
        assertThat(kb.search("How long do I have to return a product?", Audience.anonymous(), 1).get(0).confidence()).isGreaterThan(0.6);
        assertThat(kb.search("giá vé máy bay đi Đà Nẵng", Audience.anonymous(), 3)).allSatisfy(p -> assertThat(p.confidence()).isLessThan(0.3));
    }

    @Test
    void searches_are_safe_while_the_index_is_being_updated() throws Exception {
        // given: a reader thread searching in a loop
        var failures = new java.util.concurrent.atomic.AtomicInteger();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    if (kb.search("bảo hành", Audience.anonymous(), 3).isEmpty()) failures.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                }
            }
        });
        reader.start();
        // when: the corpus is re-indexed meanwhile (nothing changed, so it is quick)
        kb.index(CORPUS, IndexProgress.silent());
        stop.set(true);
        reader.join();
        // then
        assertThat(failures.get()).isZero();
    }

    @Test
    void retriever_returns_contents_that_convert_back_to_passages() {
        // given
        var retriever = kb.retriever(q -> Audience.anonymous(), 3, 0.3);
        // when
        List<Content> contents = retriever.retrieve(Query.from("How long do I have to return a product?"));
        // then
        assertThat(contents).isNotEmpty();
        Content first = contents.get(0);
        assertThat(first.metadata()).containsKey(ContentMetadata.SCORE);
        Passage passage = KnowledgeBase.toPassage(first);
        assertThat(passage.docPath()).isEqualTo("en/returns.md");
        assertThat(passage.text()).contains("30 days");
        assertThat(passage.confidence()).isGreaterThanOrEqualTo(0.3);
        assertThat(passage.chunkId()).isNotBlank();
        assertThat(passage.contentHash()).isNotBlank();
    }

    @Test
    void a_pasted_essay_does_not_break_the_query() {
        String essay = "bảo hành máy lọc nước ".repeat(50) + String.join(" ", java.util.Collections.nCopies(300, "word")) + " xyz".repeat(400);
        assertThat(kb.search(essay + java.util.stream.IntStream.range(0, 500).mapToObj(i -> " w" + i).reduce("", String::concat),
                Audience.anonymous(), 3)).isNotEmpty();
    }

    @Test
    void retriever_drops_passages_below_the_threshold() {
        var retriever = kb.retriever(q -> Audience.anonymous(), 3, 0.3);
        assertThat(retriever.retrieve(Query.from("giá vé máy bay đi Đà Nẵng"))).isEmpty();
    }

    @Test
    void index_reports_the_broken_pdf_and_indexes_the_rest() {
        assertThat(report.skipped()).singleElement().asString().startsWith("manuals/broken.pdf: ");
        assertThat(report.documents()).isEqualTo(10);
        assertThat(kb.health()).satisfies(h -> {
            assertThat(h.up()).isTrue();
            assertThat(h.documents()).isEqualTo(10);
            assertThat(h.chunks()).isEqualTo(report.chunks());
        });
    }
}
