package dev.tandem.kb.source;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentLoadersTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");
    private final DocumentLoaders loaders = new DocumentLoaders();

    private SourceDocument load(String path) throws IOException {
        return loaders.load(CORPUS.resolve(path), path);
    }

    @Test
    void html_keeps_main_content_and_reads_meta_tags() throws IOException {
        // when
        SourceDocument page = load("pages/about.html");
        // then
        assertThat(page.metadata().title()).isEqualTo("About Minh Ha Water");
        assertThat(page.metadata().lang()).isEqualTo("en");
        assertThat(page.metadata().docType()).isEqualTo("faq");
        assertThat(page.sections()).extracting(Section::headingPath).containsExactly("", "Showrooms", "Opening hours");
        assertThat(page.sections().get(1).text()).isEqualTo("- 12 Tran Hung Dao, Hanoi\n- 45 Le Loi, Ho Chi Minh City");
        assertThat(page.sections().get(2).text()).contains("Monday to Saturday · 8:00 to 20:00");
        assertThat(page.fullText()).doesNotContain("navigation", "footer", "secret-script-text");
    }

    @Test
    void pdf_gives_one_section_per_page_with_sidecar_metadata() throws IOException {
        SourceDocument pdf = load("manuals/install-guide.pdf");
        assertThat(pdf.metadata().title()).isEqualTo("MH-RO200 installation manual");
        assertThat(pdf.metadata().lang()).isEqualTo("en");
        assertThat(pdf.sections()).extracting(Section::headingPath).containsExactly("Page 1", "Page 2");
        assertThat(pdf.sections().get(1).text()).contains("Flush the purifier for 5 minutes");
    }

    @Test
    void broken_pdf_fails_with_an_io_exception() {
        assertThatThrownBy(() -> load("manuals/broken.pdf")).isInstanceOf(IOException.class);
    }

    @Test
    void text_file_takes_metadata_from_its_sidecar() throws IOException {
        SourceDocument text = load("notes/hotline.txt");
        assertThat(text.metadata().title()).isEqualTo("Hotline kỹ thuật");
        assertThat(text.metadata().audience()).isEqualTo("public");
        assertThat(text.sections()).singleElement().extracting(Section::text).asString().contains("1900 1234");
    }

    @Test
    void missing_lang_is_detected_and_missing_audience_is_public() throws IOException {
        SourceDocument doc = load("warranty/sales.md");
        assertThat(doc.metadata().audience()).isEqualTo("public");
        assertThat(LanguageDetector.detect("How long is the warranty?")).isEqualTo("en");
        assertThat(LanguageDetector.detect("Bảo hành bao lâu?")).isEqualTo("vi");
    }

    @Test
    void sidecars_and_unknown_files_are_not_documents() {
        assertThat(loaders.isDocument(Path.of("a/hotline.txt.meta"))).isFalse();
        assertThat(loaders.isDocument(Path.of("a/logo.png"))).isFalse();
        assertThat(loaders.isDocument(Path.of("a/page.html"))).isTrue();
    }

    @Test
    void unknown_audience_is_rejected_not_made_public() {
        assertThatThrownBy(() -> DocumentAudience.normalize("internal")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DocumentAudience.normalize(null)).isEqualTo("public");
        assertThat(DocumentAudience.normalize("account:acme")).isEqualTo("account:acme");
    }
}
