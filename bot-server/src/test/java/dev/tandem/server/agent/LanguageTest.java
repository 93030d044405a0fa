package dev.tandem.server.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageTest {

    @ParameterizedTest
    @CsvSource({
            "'Máy lọc nước bảo hành bao lâu?', vi",
            "'may loc nuoc bao hanh bao lau', vi",
            "'noi chien bi loi E3', vi",
            "'How long is the warranty on the MH-RO200?', en",
            "'Do you deliver to Phu Quoc?', en",
            "'xin chao', vi",
            // unmarked Vietnamese with few of the common syllables: every word has a Vietnamese syllable's shape
            "'Quen mat hoa don thi sao?', vi",
            "'Diem thuong co het han khong?', vi",
            // English that names a Vietnamese product or place with its marks is English
            "'What is the shelf life of Phở Gà noodles?', en",
            "'Where is the service centre in Đà Nẵng?', en",
            // Vietnamese with English words mixed in is Vietnamese
            "'máy lọc nước warranty how long?', vi",
            "'hello', en"})
    void detects_the_language_with_or_without_diacritics(String text, String expected) {
        assertThat(Language.detect(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'Bảo Hành', bao hanh", "'Đổi trả', doi tra", "'MH-RO200', mh-ro200"})
    void folds_case_and_diacritics(String text, String folded) {
        assertThat(Language.fold(text)).isEqualTo(folded);
    }

    @ParameterizedTest
    @CsvSource({"'Máy lọc nước BẢO HÀNH 24 tháng – Đà Nẵng'", "'ĐỔI TRẢ trong 7 ngày, phí 0đ'", "'İstanbul café naïve'",
            "'e\u0301 a\u0323\u0302 ǅ'", "'𝒜 emoji 🙂 and tab\t'", "'plain ascii MH-RO200'", "''"})
    void folds_exactly_as_dropping_every_combining_mark_after_decomposition(String text) {
        String reference = java.text.Normalizer.normalize(text.toLowerCase(java.util.Locale.ROOT), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "").replace('đ', 'd');
        assertThat(Language.fold(text)).isEqualTo(reference);
    }

    @Test
    void the_per_character_fold_agrees_with_its_definition_on_every_character_and_every_demo_text() throws Exception {
        // given: every UTF-16 unit alone, after a capital, before a combining mark and inside a word;
        // every line of the demo corpus and of the question and attack sets
        List<String> texts = new ArrayList<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            String ch = String.valueOf((char) c);
            texts.add(ch);
            texts.add("A" + ch + "\u0301b");
            texts.add("xΣ" + ch);
        }
        texts.add("ΟΔΟΣ ΟΔΟΣ."); // final sigma folds by context
        texts.add("Ǆ İ ŉ ß ﬁ Ⅻ Ω K Å");
        Path demo = Path.of("..", "demo").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(demo)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(md|txt|jsonl|html)$")).toList()) {
                texts.addAll(Files.readString(f).lines().toList());
            }
        }
        assertThat(texts).hasSizeGreaterThan(200_000);
        // then: the fast fold gives exactly the definition's output
        List<String> differing = texts.stream().filter(t -> !Language.fold(t).equals(Language.foldSlowly(t))).limit(10).toList();
        assertThat(differing).isEmpty();
    }
}
