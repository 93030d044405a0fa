package dev.tandem.kb.source;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownLoaderTest {

    private final MarkdownLoader loader = new MarkdownLoader();

    @Test
    void front_matter_becomes_metadata_and_headings_become_paths() {
        // given
        String markdown = """
                ---
                title: "Chính sách bảo hành"
                lang: vi
                audience: b2b
                product: MH-RO200
                ---

                # Chính sách bảo hành

                Mở đầu.

                ## Thời hạn

                Máy lọc nước: **24 tháng**, xem [chi tiết](https://x.vn/a).

                ### Lõi lọc

                | Loại | Thời hạn |
                |---|---|
                | RO | 12 tháng |

                ## Điều kiện

                ```
                # not a heading
                ```
                """;
        // when
        DocumentLoader.LoadedFile file = loader.parse(markdown, DocMetadata.empty());
        // then
        assertThat(file.metadata().title()).isEqualTo("Chính sách bảo hành");
        assertThat(file.metadata().audience()).isEqualTo("b2b");
        assertThat(file.metadata().product()).isEqualTo("MH-RO200");
        assertThat(file.sections()).extracting(Section::headingPath)
                .containsExactly("", "Thời hạn", "Thời hạn › Lõi lọc", "Điều kiện");
        assertThat(file.sections().get(1).text()).isEqualTo("Máy lọc nước: 24 tháng, xem chi tiết.");
        assertThat(file.sections().get(2).text()).isEqualTo("Loại · Thời hạn\nRO · 12 tháng");
        assertThat(file.sections().get(3).text()).isEqualTo("# not a heading");
    }

    @Test
    void lines_without_markup_characters_are_kept_as_written_and_the_others_still_reduced() {
        // the common prose line skips the patterns: only trailing white space goes, as the patterns leave it
        assertThat(MarkdownLoader.Inline.plain("Giá 1.200.000 đ (đã gồm VAT); hỏi: bảo hành 24 tháng?!  \t"))
                .isEqualTo("Giá 1.200.000 đ (đã gồm VAT); hỏi: bảo hành 24 tháng?!");
        assertThat(MarkdownLoader.Inline.plain("  indented, #hash, 50% off, a+b=c, ~tilde~ "))
                .isEqualTo("  indented, #hash, 50% off, a+b=c, ~tilde~");
        // each markup character still takes the full path
        assertThat(MarkdownLoader.Inline.plain("**Bảo hành** 24 tháng")).isEqualTo("Bảo hành 24 tháng");
        assertThat(MarkdownLoader.Inline.plain("xem [chính sách](policy.md)")).isEqualTo("xem chính sách");
        assertThat(MarkdownLoader.Inline.plain("> trích dẫn")).isEqualTo("trích dẫn");
        assertThat(MarkdownLoader.Inline.plain("| RO | 12 tháng |")).isEqualTo("RO · 12 tháng");
        assertThat(MarkdownLoader.Inline.plain("a <b>bold</b> `code` __x__")).isEqualTo("a bold code x");
    }

    @Test
    void inline_text_is_that_of_the_six_patterns_it_replaces() {
        // given: lines of letters, blanks and every markup character, random with a fixed seed, and
        // every line of the demo knowledge
        java.util.List<String> lines = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(5);
        String alphabet = "ab á!_*`[]()<>| \t/";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            lines.add(line.toString());
        }
        lines.addAll(demoLines());
        for (String line : lines) {
            // when / then
            assertThat(MarkdownLoader.Inline.plain(line)).as("line %s", line).isEqualTo(byPatterns(line));
        }
    }

    /** The inline reduction as six regular expressions (the implementation {@code Inline.plain} replaced). */
    private static String byPatterns(String line) {
        String s = java.util.regex.Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)").matcher(line).replaceAll("$1");
        s = java.util.regex.Pattern.compile("\\[([^\\]]+)]\\([^)]*\\)").matcher(s).replaceAll("$1");
        s = java.util.regex.Pattern.compile("(\\*\\*|__|\\*|`)").matcher(s).replaceAll("");
        s = java.util.regex.Pattern.compile("</?[a-zA-Z][^>]*>").matcher(s).replaceAll("");
        s = java.util.regex.Pattern.compile("^\\s*>\\s?").matcher(s).replaceFirst("");
        s = java.util.regex.Pattern.compile("^\\s*\\|\\s*|\\s*\\|\\s*$").matcher(s).replaceAll("");
        return s.replace(" | ", " · ").stripTrailing();
    }

    private static java.util.List<String> demoLines() {
        java.nio.file.Path demo = java.nio.file.Path.of("../demo/knowledge");
        try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(demo)) {
            java.util.List<String> lines = new java.util.ArrayList<>();
            for (java.nio.file.Path file : walk.filter(p -> p.toString().endsWith(".md")).toList()) {
                lines.addAll(java.nio.file.Files.readAllLines(file));
            }
            assertThat(lines).hasSizeGreaterThan(500);
            return lines;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void first_h1_is_the_title_when_front_matter_has_none() {
        DocumentLoader.LoadedFile file = loader.parse("# Returns\n\nText.\n", DocMetadata.empty());
        assertThat(file.metadata().title()).isEqualTo("Returns");
        assertThat(file.sections()).singleElement().extracting(Section::headingPath).isEqualTo("");
    }

    @Test
    void leading_h1_that_differs_from_the_title_is_kept_as_subtitle() {
        DocumentLoader.LoadedFile file = loader.parse("---\ntitle: Wholesale price list\n---\n# Wholesale price list / Bảng giá bán sỉ\n\nText.\n",
                DocMetadata.empty());
        assertThat(file.metadata().title()).isEqualTo("Wholesale price list");
        assertThat(file.metadata().subtitle()).isEqualTo("Wholesale price list / Bảng giá bán sỉ");
        assertThat(file.sections()).singleElement().extracting(Section::headingPath).isEqualTo("");
    }

    @Test
    void sidecar_values_override_front_matter() {
        DocumentLoader.LoadedFile file = loader.parse("---\ntitle: A\n---\ntext\n",
                new DocMetadata(java.util.Map.of("title", "B")));
        assertThat(file.metadata().title()).isEqualTo("B");
    }
}
